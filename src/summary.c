/*
 * summary.c
 *	  The summary types: descriptors, arguments, type I/O, equality and the
 *	  reports every function shares.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "adoption.h"
#include "core/binary.h"
#include "core/text.h"
#include "sqltime.h"
#include "summary.h"

const SummaryKind RivalryKind = {"rivalry", 2, false, {"a", "b"}};
const SummaryKind TrendKind = {"trend", 1, false, {"value", NULL}};
const SummaryKind MarketKind = {"market", 0, true, {NULL, NULL}};

const SummaryKind *
KindOfSeries(const AdoptionPeriods *p)
{
	return p->nseries == 1 ? &TrendKind : &RivalryKind;
}

static void *
palloc_summary(void *arg, size_t size)
{
	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("summary would be larger than 1 GB"),
				 errhint("Aggregate fewer periods or labels, or bucket the time column coarser.")));
	return palloc(size);
}

static void
pfree_summary(void *arg, void *ptr)
{
	pfree(ptr);
}

const AdoptionMemory *
PallocMemory(void)
{
	static const AdoptionMemory memory = {palloc_summary, pfree_summary, NULL};

	return &memory;
}

AdoptionPeriods *
AllocSummary(size_t size)
{
	AdoptionPeriods *p = palloc_summary(NULL, size);

	SET_VARSIZE(p, size);
	return p;
}

/* Is the header what every canonical summary has?  (0.4.0 kept working forms in it.) */
static bool
canonical_header(const AdoptionPeriods *p)
{
	return p->legacy_nsorted == p->nperiods && p->legacy_capacity == p->nperiods &&
		p->legacy_scale_for == 0 && p->legacy_scale == 0.0;
}

AdoptionPeriods *
SummaryArg(FunctionCallInfo fcinfo, int argno, const SummaryKind *kind)
{
	AdoptionPeriods *p = (AdoptionPeriods *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (likely(canonical_header(p)))
	{
		AdoptionLabel *labels;
		bool		sorted;

		if (kind != &MarketKind)
			return p;
		/* a market's labels are sorted: only 0.4.0's working forms had them otherwise */
		labels = palloc(sizeof(AdoptionLabel) * p->nseries);
		adoption_labels_load(adoption_labels_at(p), NULL, labels, p->nseries);
		sorted = adoption_labels_canonical(labels, p->nseries);
		pfree(labels);
		if (sorted)
			return p;
	}
	/* a working form stored by 0.4.0: labelled when labels follow its entries */
	if (kind == NULL)
		kind = VARSIZE(p) > adoption_entries_size(p->nseries, p->legacy_capacity) ?
			&MarketKind : KindOfSeries(p);
	return SummaryFromRows(kind, p, p->legacy_capacity);
}

void
ReportTooManyPeriods(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("summary would have more than %d periods", adoption_max_periods),
			 errdetail("adoption.max_periods is %d.", adoption_max_periods),
			 errhint("Bucket the time column, e.g. date_trunc('month', t), or raise adoption.max_periods.")));
	pg_unreachable();
}

/* A period key as text, for messages. */
static char *
key_text(AdoptionTimeKind time, int64 key)
{
	char	   *buf = palloc(Max(ADOPTION_TIME_TEXT_MAX, ADOPTION_DOUBLE_TEXT_MAX));

	if (time == ADOPTION_TIME_NUMBER)
		adoption_format_double(adoption_key_number(key), buf);
	else
		adoption_format_time(time, key, buf);
	return buf;
}

void
ReportStatus(AdoptionStatus status, const SummaryKind *kind, AdoptionTimeKind time,
			 int64 key, int series, const char *label)
{
	const char *what = label != NULL ? label :
		kind->series_names[series >= 0 && series < 2 ? series : 0];

	switch (status)
	{
		case ADOPTION_OK:
			return;
		case ADOPTION_SUM_OVERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value out of range: overflow"),
					 errdetail("The sum of %s in the period %s exceeds the range of double precision.",
							   what ? what : "a series", key_text(time, key))));
			break;
		case ADOPTION_ROWS_OVERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("bigint out of range"),
					 errdetail("The number of rows in the period %s exceeds the range of bigint.",
							   key_text(time, key))));
			break;
		case ADOPTION_TOO_MANY_PERIODS:
			ReportTooManyPeriods();
			break;
		case ADOPTION_NOT_CONTAINED:
			if (label != NULL)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("cannot subtract a %s that is not contained in the other", kind->name),
						 errdetail("In the period %s, label \"%s\" has fewer rows, or another sum, than in the %s to subtract.",
								   key_text(time, key), label, kind->name)));
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot subtract a %s that is not contained in the other", kind->name),
					 errdetail("In the period %s, %s has fewer rows, or another sum, than in the %s to subtract.",
							   key_text(time, key), what, kind->name)));
			break;
	}
}

void
ReportInvalidSummary(int sqlstate, const char *typname, const char *str, const char *problem)
{
	if (str != NULL)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid input syntax for type %s: \"%s\"", typname, str),
				 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("invalid external %s value", typname),
			 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
	pg_unreachable();
}

void
CheckSameKind(const AdoptionPeriods *a, const AdoptionPeriods *b)
{
	if (a->kind != b->kind)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot merge summaries over different kinds of time"),
				 errdetail("One is over %s, the other over %s.",
						   adoption_time_kind_name(a->kind),
						   adoption_time_kind_name(b->kind))));
}

double *
FitWorkspace(const AdoptionPeriods *p)
{
	return palloc(sizeof(double) * 9 * p->nperiods);
}

/*
 * What a summary read from outside must pass besides its shape: the checks
 * of every field (22P02 or 22P03), and a market's labels as text of the
 * database's encoding.
 */
static void
check_read(int sqlstate, const SummaryKind *kind, const char *str, AdoptionPeriods *p,
		   size_t size)
{
	AdoptionCheck check = adoption_periods_check(p, size, kind->nseries, kind->labelled);
	int			i;

	if (check != ADOPTION_CHECK_OK)
		ReportInvalidSummary(sqlstate, kind->name, str, adoption_check_message(check));
	if (kind->labelled)
	{
		const char *at = adoption_labels_at(p);

		for (i = 0; i < p->nseries; i++)
		{
			AdoptionLabel label;

			at = adoption_labels_load(at, NULL, &label, 1);
			if (!pg_verifymbstr(label.data, label.len, true))
				ReportInvalidSummary(sqlstate, kind->name, str,
									 "a label is not valid text in the database encoding");
		}
	}
	SET_VARSIZE(p, size);
}

static void
report_too_many_labels(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("market would have more than %d labels", adoption_max_labels),
			 errdetail("adoption.max_labels is %d.", adoption_max_labels),
			 errhint("Aggregate fewer contenders, or raise adoption.max_labels.")));
}

/*
 * Text input: the JSON form, strictly.  Syntax errors are 22P02; a value
 * that parses but is not a valid summary (order, ranges, counts) is 22P02
 * too, with a detail saying which rule it breaks.
 */
static Datum
summary_in(FunctionCallInfo fcinfo, const SummaryKind *kind)
{
	char	   *str = PG_GETARG_CSTRING(0);
	AdoptionTextRead r;

	adoption_text_read(str, kind->nseries, kind->labelled, adoption_max_periods,
					   adoption_max_labels, PallocMemory(), &r);
	if (r.too_many_periods)
		ReportTooManyPeriods();
	if (r.too_many_labels)
		report_too_many_labels();
	if (r.problem != NULL)
		ReportInvalidSummary(ERRCODE_INVALID_TEXT_REPRESENTATION, kind->name, str, r.problem);
	check_read(ERRCODE_INVALID_TEXT_REPRESENTATION, kind, str, r.summary, r.size);
	PG_RETURN_POINTER(r.summary);
}

static Datum
summary_out(FunctionCallInfo fcinfo, const SummaryKind *kind)
{
	AdoptionPeriods *p = SummaryArg(fcinfo, 0, kind);
	size_t		size = adoption_text_size(p, VARSIZE(p), kind->labelled);
	char	   *buf;

	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the text of this %s would be larger than 1 GB", kind->name),
				 errhint("Send it in binary, or bucket its periods coarser.")));
	buf = palloc(size);
	adoption_text_write(p, VARSIZE(p), kind->labelled, buf);
	PG_RETURN_CSTRING(buf);
}

/* Binary output: the core's binary form of the canonical summary. */
static Datum
summary_send(FunctionCallInfo fcinfo, const SummaryKind *kind)
{
	AdoptionPeriods *p = SummaryArg(fcinfo, 0, kind);
	size_t		len = adoption_binary_size(p, VARSIZE(p), kind->labelled);
	bytea	   *result;

	if (len > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the binary form of this %s would be larger than 1 GB", kind->name)));
	result = palloc(VARHDRSZ + len);
	adoption_binary_write(p, VARSIZE(p), kind->labelled, (unsigned char *) VARDATA(result));
	SET_VARSIZE(result, VARHDRSZ + len);
	PG_RETURN_BYTEA_P(result);
}

/*
 * Binary input: all of the message's remaining bytes, checked by the core
 * field by field (22P03).  Counts are checked against the length before
 * anything is allocated.
 */
static Datum
summary_recv(FunctionCallInfo fcinfo, const SummaryKind *kind)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	AdoptionBinaryRead r;

	adoption_binary_read((const unsigned char *) buf->data + buf->cursor,
						 (size_t) (buf->len - buf->cursor), kind->nseries, kind->labelled,
						 adoption_max_periods, adoption_max_labels, PallocMemory(), &r);
	if (r.too_many_periods)
		ReportTooManyPeriods();
	if (r.too_many_labels)
		report_too_many_labels();
	if (r.problem != NULL)
		ReportInvalidSummary(ERRCODE_INVALID_BINARY_REPRESENTATION, kind->name, NULL, r.problem);
	check_read(ERRCODE_INVALID_BINARY_REPRESENTATION, kind, NULL, r.summary, r.size);
	buf->cursor = buf->len;
	PG_RETURN_POINTER(r.summary);
}

/* One entry point per type and function, as the install script names them. */
#define SUMMARY_IO(type, kind) \
	PG_FUNCTION_INFO_V1(type##_in); \
	Datum type##_in(PG_FUNCTION_ARGS) { return summary_in(fcinfo, &kind); } \
	PG_FUNCTION_INFO_V1(type##_out); \
	Datum type##_out(PG_FUNCTION_ARGS) { return summary_out(fcinfo, &kind); } \
	PG_FUNCTION_INFO_V1(type##_send); \
	Datum type##_send(PG_FUNCTION_ARGS) { return summary_send(fcinfo, &kind); } \
	PG_FUNCTION_INFO_V1(type##_recv); \
	Datum type##_recv(PG_FUNCTION_ARGS) { return summary_recv(fcinfo, &kind); }

SUMMARY_IO(rivalry, RivalryKind)
SUMMARY_IO(trend, TrendKind)
SUMMARY_IO(market, MarketKind)

/*
 * summary = summary: equal canonical forms, byte for byte (the canonical
 * form has no padding, no slack and no negative zero, so bytes are values).
 */
static bool
summaries_equal(FunctionCallInfo fcinfo, const SummaryKind *kind)
{
	AdoptionPeriods *a = SummaryArg(fcinfo, 0, kind);
	AdoptionPeriods *b = SummaryArg(fcinfo, 1, kind);

	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

PG_FUNCTION_INFO_V1(summary_eq);
Datum
summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summaries_equal(fcinfo, NULL));
}

PG_FUNCTION_INFO_V1(summary_ne);
Datum
summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!summaries_equal(fcinfo, NULL));
}

PG_FUNCTION_INFO_V1(market_eq);
Datum
market_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summaries_equal(fcinfo, &MarketKind));
}

PG_FUNCTION_INFO_V1(market_ne);
Datum
market_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!summaries_equal(fcinfo, &MarketKind));
}

/*
 * Hashes of the bytes that equality compares, for the hash operator
 * classes: DISTINCT, UNION, GROUP BY and hash joins over summaries.
 */
static Datum
summary_hash_bytes(FunctionCallInfo fcinfo, const SummaryKind *kind, bool extended)
{
	AdoptionPeriods *p = SummaryArg(fcinfo, 0, kind);

	if (extended)
		return hash_any_extended((const unsigned char *) p, VARSIZE(p), PG_GETARG_INT64(1));
	return hash_any((const unsigned char *) p, VARSIZE(p));
}

PG_FUNCTION_INFO_V1(summary_hash);
Datum
summary_hash(PG_FUNCTION_ARGS)
{
	return summary_hash_bytes(fcinfo, NULL, false);
}

PG_FUNCTION_INFO_V1(summary_hash_extended);
Datum
summary_hash_extended(PG_FUNCTION_ARGS)
{
	return summary_hash_bytes(fcinfo, NULL, true);
}

PG_FUNCTION_INFO_V1(market_hash);
Datum
market_hash(PG_FUNCTION_ARGS)
{
	return summary_hash_bytes(fcinfo, &MarketKind, false);
}

PG_FUNCTION_INFO_V1(market_hash_extended);
Datum
market_hash_extended(PG_FUNCTION_ARGS)
{
	return summary_hash_bytes(fcinfo, &MarketKind, true);
}

/*
 * summary + summary: the summary of both one's rows, as rollup() of the two;
 * NULL is the identity.  summary - summary: the rows of the second taken
 * from the first, exactly; 22023 unless the second is contained in the
 * first (its periods and labels there, with no more rows, and sums that
 * leave none negative).  NULL subtracts nothing; nothing is subtracted from
 * NULL but an empty summary.
 */
static Datum
summary_arith(FunctionCallInfo fcinfo, const SummaryKind *kind, int sign)
{
	AdoptionPeriods *a;
	AdoptionPeriods *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(SummaryArg(fcinfo, 0, kind));
	}
	b = SummaryArg(fcinfo, 1, kind);
	if (PG_ARGISNULL(0))
	{
		if (sign > 0 || b->nperiods == 0)
			PG_RETURN_POINTER(b);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot subtract a %s from NULL", kind ? kind->name : KindOfSeries(b)->name),
				 errdetail("NULL holds no rows; only an empty summary is contained in it.")));
	}
	a = SummaryArg(fcinfo, 0, kind);
	PG_RETURN_POINTER(SummaryAddUp(kind ? kind : KindOfSeries(a), a, b, sign));
}

PG_FUNCTION_INFO_V1(summary_plus);
Datum
summary_plus(PG_FUNCTION_ARGS)
{
	return summary_arith(fcinfo, NULL, 1);
}

PG_FUNCTION_INFO_V1(summary_minus);
Datum
summary_minus(PG_FUNCTION_ARGS)
{
	return summary_arith(fcinfo, NULL, -1);
}

PG_FUNCTION_INFO_V1(market_plus);
Datum
market_plus(PG_FUNCTION_ARGS)
{
	return summary_arith(fcinfo, &MarketKind, 1);
}

PG_FUNCTION_INFO_V1(market_minus);
Datum
market_minus(PG_FUNCTION_ARGS)
{
	return summary_arith(fcinfo, &MarketKind, -1);
}

/* periods(summary): how many distinct periods were observed. */
PG_FUNCTION_INFO_V1(summary_periods);
Datum
summary_periods(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_SUMMARY(0)->nperiods);
}

/*
 * first_period(summary), last_period(summary) and their twins first_point
 * and last_point: the first and last period observed.
 */
static Datum
end_period(FunctionCallInfo fcinfo, bool last, bool point)
{
	AdoptionPeriods *p = PG_GETARG_SUMMARY(0);

	if (!point)
		CheckInstantKind(p, last ? "last_period()" : "first_period()",
						 last ? "last_point()" : "first_point()");
	if (p->nperiods == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(PeriodResult(p, last ? p->nperiods - 1 : 0, point));
}

PG_FUNCTION_INFO_V1(summary_first_period);
Datum
summary_first_period(PG_FUNCTION_ARGS)
{
	return end_period(fcinfo, false, false);
}

PG_FUNCTION_INFO_V1(summary_last_period);
Datum
summary_last_period(PG_FUNCTION_ARGS)
{
	return end_period(fcinfo, true, false);
}

PG_FUNCTION_INFO_V1(summary_first_point);
Datum
summary_first_point(PG_FUNCTION_ARGS)
{
	return end_period(fcinfo, false, true);
}

PG_FUNCTION_INFO_V1(summary_last_point);
Datum
summary_last_point(PG_FUNCTION_ARGS)
{
	return end_period(fcinfo, true, true);
}
