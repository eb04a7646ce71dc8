/*
 * market.c
 *	  The market summary: any number of contenders over time.
 *
 * A market is a period table with one series per label, its labels stored
 * after the entries (src/core/codec.h).  In the working form labels are in
 * the order they arrived; the canonical form sorts them bytewise, so equal
 * markets have equal bytes.  A label the state has not seen widens every
 * period by one series, at most adoption.max_labels of them.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type_d.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "adoption.h"
#include "core/codec.h"
#include "summary.h"

/* A market's labels: where they start, given its entries' capacity. */
static char *
market_labels_at(const AdoptionPeriods *m)
{
	return (char *) m + adoption_periods_size(m->nseries, m->capacity);
}

static AdoptionLabel *
market_labels(const AdoptionPeriods *m)
{
	AdoptionLabel *labels = palloc(sizeof(AdoptionLabel) * Max(m->nseries, 1));

	adoption_labels_load(market_labels_at(m), labels, m->nseries);
	return labels;
}

/* A new market of entries (capacity of them) and labels, as one varlena. */
static AdoptionPeriods *
market_build(const AdoptionPeriods *entries, int capacity, const AdoptionLabel *labels)
{
	size_t		entries_size = adoption_periods_size(entries->nseries, capacity);
	size_t		size = entries_size + adoption_labels_size(labels, entries->nseries);
	AdoptionPeriods *m = palloc(size);

	memcpy(m, entries, adoption_periods_size(entries->nseries, entries->nperiods));
	m->capacity = capacity;
	adoption_labels_store((char *) m + entries_size, labels, entries->nseries);
	SET_VARSIZE(m, size);
	return m;
}

/* Is the market canonical: compacted, no slack, labels sorted? */
static bool
market_is_canonical(const AdoptionPeriods *m)
{
	AdoptionLabel *labels;
	bool		sorted;

	if (m->nsorted != m->nperiods || m->capacity != m->nperiods || m->scale_for != 0)
		return false;
	labels = market_labels(m);
	sorted = adoption_labels_canonical(labels, m->nseries);
	pfree(labels);
	return sorted;
}

static int
compare_label_index(const void *a, const void *b, void *arg)
{
	const AdoptionLabel *labels = arg;

	return adoption_label_cmp(&labels[*(const int *) a], &labels[*(const int *) b]);
}

/* The canonical form of a market: m itself when it is canonical. */
static AdoptionPeriods *
MarketCanonical(AdoptionPeriods *m)
{
	AdoptionLabel *labels;
	AdoptionLabel *sorted;
	AdoptionPeriods *entries;
	int		   *order;
	int		   *map;
	int			n = m->nseries;
	int			i;

	if (market_is_canonical(m))
		return m;
	labels = market_labels(m);
	order = palloc(sizeof(int) * Max(n, 1));
	map = palloc(sizeof(int) * Max(n, 1));
	sorted = palloc(sizeof(AdoptionLabel) * Max(n, 1));
	for (i = 0; i < n; i++)
		order[i] = i;
	qsort_arg(order, n, sizeof(int), compare_label_index, labels);
	for (i = 0; i < n; i++)
	{
		map[order[i]] = i;
		sorted[i] = labels[order[i]];
	}
	entries = palloc(adoption_periods_size(n, m->nperiods));
	adoption_periods_remap(entries, m, map, n, m->nperiods);
	adoption_periods_compact(entries);
	return market_build(entries, entries->nperiods, sorted);
}

/* A market argument, detoasted and canonical. */
#define PG_GETARG_MARKET(n) MarketCanonical(PG_GETARG_PERIODS(n))

/* Index of a label in the market's label block, or -1: lengths first. */
static int
block_find_label(const AdoptionPeriods *m, const char *data, uint32 len)
{
	const char *at = market_labels_at(m);
	int			i;

	for (i = 0; i < m->nseries; i++)
	{
		uint32		l;

		memcpy(&l, at, sizeof(uint32));
		if (l == len && memcmp(at + sizeof(uint32), data, len) == 0)
			return i;
		at += sizeof(uint32) + l;
	}
	return -1;
}

/* Rows of markets this small use arrays on the stack. */
#define MARKET_STACK_SERIES 32

/*
 * market_agg(time, label, value): one series per label.  The state grows by
 * palloc and copy (never repalloc, see aggregate.c).
 */
PG_FUNCTION_INFO_V1(market_transfn);
Datum
market_transfn(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *m;
	text	   *label;
	double		value;
	double		stack_values[MARKET_STACK_SERIES];
	int64		stack_rows[MARKET_STACK_SERIES];
	double	   *values = stack_values;
	int64	   *rows = stack_rows;
	int64		key;
	int			idx;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "market_agg called in non-aggregate context");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_STATE_UNCHANGED();
	if (PG_ARGISNULL(0))
	{
		AdoptionPeriods empty;

		adoption_periods_init(&empty, ArgumentTimeKind(fcinfo), 0, 0);
		m = market_build(&empty, InitialCapacity(0), NULL);
	}
	else
	{
		m = (AdoptionPeriods *) PG_GETARG_POINTER(0);
		if (VARATT_IS_EXTENDED(m))
			m = (AdoptionPeriods *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));
		CheckStateKind(m, fcinfo);
	}
	key = TimeKey(PG_GETARG_DATUM(1), (AdoptionTimeKind) m->kind, "time");
	label = PG_GETARG_TEXT_PP(2);
	value = PG_GETARG_FLOAT8(3);
	CheckObservation(value, "value");

	idx = block_find_label(m, VARDATA_ANY(label), VARSIZE_ANY_EXHDR(label));
	if (idx < 0)
	{
		/* a new label: every period gets a series for it */
		AdoptionLabel *labels = market_labels(m);
		AdoptionLabel *more = palloc(sizeof(AdoptionLabel) * (m->nseries + 1));
		AdoptionPeriods *wider;
		int		   *map = palloc(sizeof(int) * Max(m->nseries, 1));
		int			i;

		if (m->nseries >= adoption_max_labels)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("market would have more than %d labels", adoption_max_labels),
					 errdetail("adoption.max_labels is %d.", adoption_max_labels),
					 errhint("Aggregate fewer contenders, or raise adoption.max_labels.")));
		for (i = 0; i < m->nseries; i++)
		{
			map[i] = i;
			more[i] = labels[i];
		}
		more[m->nseries].data = VARDATA_ANY(label);
		more[m->nseries].len = VARSIZE_ANY_EXHDR(label);
		wider = palloc(adoption_periods_size(m->nseries + 1, m->capacity));
		adoption_periods_remap(wider, m, map, m->nseries + 1, m->capacity);
		idx = m->nseries;
		m = market_build(wider, m->capacity, more);
	}

	if (m->nseries > MARKET_STACK_SERIES)
	{
		values = palloc(sizeof(double) * m->nseries);
		rows = palloc(sizeof(int64) * m->nseries);
	}
	memset(values, 0, sizeof(double) * m->nseries);
	memset(rows, 0, sizeof(int64) * m->nseries);
	values[idx] = value;
	rows[idx] = 1;
	if (!adoption_periods_add(m, key, values, rows))
	{
		adoption_periods_compact(m);
		if (!adoption_periods_add(m, key, values, rows))
		{
			int			capacity;
			AdoptionPeriods *grown;

			CheckPeriodCount((int64) m->nperiods + 1);
			capacity = GrownCapacity(m);
			grown = market_build(m, capacity, market_labels(m));
			if (!adoption_periods_add(grown, key, values, rows))
				elog(ERROR, "could not add a period to a grown market");
			m = grown;
		}
	}
	PG_RETURN_POINTER(m);
}

/* Merge two canonical markets: labels united, shared periods summed. */
static AdoptionPeriods *
market_merge(AdoptionPeriods *a, AdoptionPeriods *b)
{
	AdoptionLabel *la = market_labels(a);
	AdoptionLabel *lb = market_labels(b);
	AdoptionLabel *all = palloc(sizeof(AdoptionLabel) * Max(a->nseries + b->nseries, 1));
	int		   *map_a = palloc(sizeof(int) * Max(a->nseries, 1));
	int		   *map_b = palloc(sizeof(int) * Max(b->nseries, 1));
	AdoptionPeriods *wa;
	AdoptionPeriods *wb;
	AdoptionPeriods *merged;
	int			i = 0;
	int			j = 0;
	int			n = 0;

	CheckSameKind(a, b);
	while (i < a->nseries || j < b->nseries)
	{
		int			c = i >= a->nseries ? 1 : j >= b->nseries ? -1 :
			adoption_label_cmp(&la[i], &lb[j]);

		if (c <= 0)
			map_a[i++] = n;
		if (c >= 0)
			map_b[j++] = n;
		all[n++] = c <= 0 ? la[i - 1] : lb[j - 1];
	}
	if (n > adoption_max_labels)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("market would have more than %d labels", adoption_max_labels),
				 errdetail("adoption.max_labels is %d.", adoption_max_labels)));
	wa = palloc(adoption_periods_size(n, a->nperiods));
	adoption_periods_remap(wa, a, map_a, n, a->nperiods);
	wb = palloc(adoption_periods_size(n, b->nperiods));
	adoption_periods_remap(wb, b, map_b, n, b->nperiods);
	merged = palloc(adoption_periods_size(n, wa->nperiods + wb->nperiods));
	adoption_periods_merge(merged, wa, wb);
	CheckPeriodCount(merged->nperiods);
	return market_build(merged, merged->nperiods, all);
}

PG_FUNCTION_INFO_V1(market_combine);
Datum
market_combine(PG_FUNCTION_ARGS)
{
	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "market_combine called in non-aggregate context");
	PG_RETURN_POINTER(market_merge(PG_GETARG_MARKET(0), PG_GETARG_MARKET(1)));
}

PG_FUNCTION_INFO_V1(market_final);
Datum
market_final(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *m = PG_GETARG_PERIODS(0);
	AdoptionPeriods *c = MarketCanonical(m);

	/* a copy even when canonical: the state stays the aggregate's */
	if (c == m)
	{
		c = palloc(VARSIZE(m));
		memcpy(c, m, VARSIZE(m));
	}
	PG_RETURN_POINTER(c);
}

/* Every label valid text in the database's encoding, no NUL. */
static void
market_check_labels(const AdoptionLabel *labels, int n, int sqlstate, const char *str)
{
	int			i;

	for (i = 0; i < n; i++)
		if (memchr(labels[i].data, 0, labels[i].len) != NULL ||
			!pg_verifymbstr(labels[i].data, labels[i].len, true))
			ReportInvalidSummary(sqlstate, "market", str,
								 "a label is not valid text in the database encoding");
}

PG_FUNCTION_INFO_V1(market_in);
Datum
market_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		len = strlen(str);
	int			max_labels = Min((int) Min(len, (size_t) INT_MAX) / 2 + 1, adoption_max_labels);
	AdoptionLabel *labels = palloc(sizeof(AdoptionLabel) * max_labels);
	char	   *label_buf = palloc(len + 1);
	const char *periods_at;
	const char *problem;
	AdoptionTimeKind kind;
	AdoptionPeriods *p;
	AdoptionCheck check;
	int			nlabels;
	int			capacity = adoption_json_max_periods(str);

	problem = adoption_market_json_read_labels(str, labels, max_labels, label_buf,
											   &nlabels, &kind, &periods_at);
	if (problem != NULL)
		ReportInvalidSummary(ERRCODE_INVALID_TEXT_REPRESENTATION, "market", str, problem);
	market_check_labels(labels, nlabels, ERRCODE_INVALID_TEXT_REPRESENTATION, str);
	CheckPeriodCount(Max(capacity - 1, 0));
	p = palloc(adoption_periods_size(nlabels, capacity));
	problem = adoption_market_json_read_periods(periods_at, kind, nlabels, p, capacity);
	if (problem != NULL)
		ReportInvalidSummary(ERRCODE_INVALID_TEXT_REPRESENTATION, "market", str, problem);
	check = adoption_periods_check(p, nlabels);
	if (check != ADOPTION_CHECK_OK)
		ReportInvalidSummary(ERRCODE_INVALID_TEXT_REPRESENTATION, "market", str,
							 adoption_check_message(check));
	PG_RETURN_POINTER(market_build(p, p->nperiods, labels));
}

PG_FUNCTION_INFO_V1(market_out);
Datum
market_out(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	AdoptionLabel *labels = market_labels(m);
	char	   *buf = palloc(adoption_market_json_size(m, labels));

	adoption_market_json_write(m, labels, buf);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(market_send);
Datum
market_send(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	AdoptionLabel *labels = market_labels(m);
	size_t		len = adoption_market_binary_size(m, labels);
	bytea	   *result = palloc(VARHDRSZ + len);

	adoption_market_binary_write(m, labels, (unsigned char *) VARDATA(result));
	SET_VARSIZE(result, VARHDRSZ + len);
	PG_RETURN_BYTEA_P(result);
}

PG_FUNCTION_INFO_V1(market_recv);
Datum
market_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	const unsigned char *bytes = (const unsigned char *) buf->data + buf->cursor;
	size_t		len = buf->len - buf->cursor;
	int			max_labels = (int) Min((size_t) adoption_max_labels, len / 4 + 1);
	AdoptionLabel *labels = palloc(sizeof(AdoptionLabel) * max_labels);
	AdoptionTimeKind kind;
	AdoptionPeriods *p;
	AdoptionCheck check;
	const char *problem;
	size_t		periods_at;
	int			nlabels;
	int			capacity;

	problem = adoption_market_binary_read_labels(bytes, len, labels, max_labels, &nlabels,
												 &kind, &periods_at);
	if (problem != NULL)
		ReportInvalidSummary(ERRCODE_INVALID_BINARY_REPRESENTATION, "market", NULL, problem);
	market_check_labels(labels, nlabels, ERRCODE_INVALID_BINARY_REPRESENTATION, NULL);
	capacity = (len - periods_at) / ((size_t) (1 + 2 * nlabels) * 8);
	CheckPeriodCount(capacity);
	p = palloc(adoption_periods_size(nlabels, capacity));
	problem = adoption_market_binary_read_periods(bytes + periods_at, len - periods_at, kind,
												  nlabels, p, capacity);
	if (problem != NULL)
		ReportInvalidSummary(ERRCODE_INVALID_BINARY_REPRESENTATION, "market", NULL, problem);
	check = adoption_periods_check(p, nlabels);
	if (check != ADOPTION_CHECK_OK)
		ReportInvalidSummary(ERRCODE_INVALID_BINARY_REPRESENTATION, "market", NULL,
							 adoption_check_message(check));
	buf->cursor = buf->len;
	PG_RETURN_POINTER(market_build(p, p->nperiods, labels));
}

static bool
markets_equal(AdoptionPeriods *a, AdoptionPeriods *b)
{
	a = MarketCanonical(a);
	b = MarketCanonical(b);
	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

PG_FUNCTION_INFO_V1(market_eq);
Datum
market_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(markets_equal(PG_GETARG_PERIODS(0), PG_GETARG_PERIODS(1)));
}

PG_FUNCTION_INFO_V1(market_ne);
Datum
market_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!markets_equal(PG_GETARG_PERIODS(0), PG_GETARG_PERIODS(1)));
}

/* A period's total over all labels, compensated. */
static double
period_total(const AdoptionPeriods *m, int i)
{
	AdoptionSum total = {0};
	int			s;

	for (s = 0; s < m->nseries; s++)
		adoption_sum_add(&total, adoption_sum(m, i, s));
	return adoption_sum_value(&total);
}

/*
 * The label leading period i: the one with the largest value, -1 when two
 * share the largest or nothing was observed.
 */
static int
period_leader(const AdoptionPeriods *m, int i)
{
	int			best = -1;
	bool		tied = false;
	int			s;

	for (s = 0; s < m->nseries; s++)
	{
		double		v = adoption_sum(m, i, s);

		if (best < 0 || v > adoption_sum(m, i, best))
		{
			best = s;
			tied = false;
		}
		else if (v == adoption_sum(m, i, best))
			tied = true;
	}
	if (best < 0 || tied || adoption_sum(m, i, best) == 0.0)
		return -1;
	return best;
}

static text *
label_text(const AdoptionLabel *label)
{
	return cstring_to_text_with_len(label->data, label->len);
}

/*
 * shares(m): per label, its share of the last period, its share over all
 * periods, and its rank in the last period (1 the largest; ties share a
 * rank, as rank() does).
 */
PG_FUNCTION_INFO_V1(market_shares);
Datum
market_shares(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	AdoptionLabel *labels = market_labels(m);
	int			last = m->nperiods - 1;
	double		last_total;
	AdoptionSum grand = {0};
	double		grand_total;
	int			s;

	InitMaterializedSRF(fcinfo, 0);
	if (m->nperiods == 0)
		return (Datum) 0;
	last_total = period_total(m, last);
	for (s = 0; s < m->nseries; s++)
	{
		int			i;

		for (i = 0; i < m->nperiods; i++)
			adoption_sum_add(&grand, adoption_sum(m, i, s));
	}
	grand_total = adoption_sum_value(&grand);
	for (s = 0; s < m->nseries; s++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		AdoptionSum overall = {0};
		double		v = adoption_sum(m, last, s);
		int			rank = 1;
		int			o;
		int			i;

		for (i = 0; i < m->nperiods; i++)
			adoption_sum_add(&overall, adoption_sum(m, i, s));
		for (o = 0; o < m->nseries; o++)
			if (adoption_sum(m, last, o) > v)
				rank++;
		values[0] = PointerGetDatum(label_text(&labels[s]));
		values[1] = Float8GetDatum(last_total > 0.0 ? v / last_total : 0.0);
		nulls[1] = !(last_total > 0.0);
		values[2] = Float8GetDatum(grand_total > 0.0 ? adoption_sum_value(&overall) / grand_total : 0.0);
		nulls[2] = !(grand_total > 0.0);
		values[3] = Int32GetDatum(rank);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* leader(m): the label leading the last period; NULL on a tie */
PG_FUNCTION_INFO_V1(market_leader);
Datum
market_leader(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	int			leader;

	if (m->nperiods == 0)
		PG_RETURN_NULL();
	leader = period_leader(m, m->nperiods - 1);
	if (leader < 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(label_text(&market_labels(m)[leader]));
}

/* hhi(m): the sum of squared shares of the last period, 0 to 1 */
PG_FUNCTION_INFO_V1(market_hhi);
Datum
market_hhi(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	int			last = m->nperiods - 1;
	double		total;
	AdoptionSum hhi = {0};
	int			s;

	if (m->nperiods == 0)
		PG_RETURN_NULL();
	total = period_total(m, last);
	if (!(total > 0.0))
		PG_RETURN_NULL();
	for (s = 0; s < m->nseries; s++)
	{
		double		share = adoption_sum(m, last, s) / total;

		adoption_sum_add(&hhi, share * share);
	}
	PG_RETURN_FLOAT8(adoption_sum_value(&hhi));
}

/*
 * leader_changes(m): a row for every period whose leader differs from the
 * last period that had one (periods tied at the top have none).
 */
PG_FUNCTION_INFO_V1(market_leader_changes);
Datum
market_leader_changes(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	AdoptionLabel *labels = market_labels(m);
	int			previous = -1;
	int			i;

	CheckInstantKind(m, "leader_changes()", NULL);
	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < m->nperiods; i++)
	{
		int			leader = period_leader(m, i);

		if (leader < 0)
			continue;
		if (previous >= 0 && leader != previous)
		{
			Datum		values[3];
			bool		nulls[3] = {false, false, false};

			values[0] = TimestampTzGetDatum(adoption_key(m, i));
			values[1] = PointerGetDatum(label_text(&labels[previous]));
			values[2] = PointerGetDatum(label_text(&labels[leader]));
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
		previous = leader;
	}
	return (Datum) 0;
}

/*
 * rivalry(m, a_label, b_label): the rivalry of two labels, equal to
 * rivalry_agg(time, label, value, a_label, b_label) over the same rows.
 */
PG_FUNCTION_INFO_V1(market_rivalry);
Datum
market_rivalry(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	text	   *a = PG_GETARG_TEXT_PP(1);
	text	   *b = PG_GETARG_TEXT_PP(2);
	int		   *map = palloc(sizeof(int) * Max(m->nseries, 1));
	int			ia = block_find_label(m, VARDATA_ANY(a), VARSIZE_ANY_EXHDR(a));
	int			ib = block_find_label(m, VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
	AdoptionPeriods *r;
	int			s;

	if (VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
		memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a_label and b_label cannot be equal"),
				 errdetail("Both are \"%s\".", text_to_cstring(a))));
	for (s = 0; s < m->nseries; s++)
		map[s] = s == ia ? 0 : s == ib ? 1 : -1;
	r = palloc(adoption_periods_size(RIVALRY_SERIES, m->nperiods));
	adoption_periods_remap(r, m, map, RIVALRY_SERIES, m->nperiods);
	adoption_periods_drop_empty(r);
	/* no row of either label: rivalry_agg over those rows would be NULL */
	if (r->nperiods == 0)
		PG_RETURN_NULL();
	r->capacity = r->nperiods;
	SET_VARSIZE(r, adoption_periods_size(RIVALRY_SERIES, r->nperiods));
	PG_RETURN_POINTER(r);
}

/* labels(m): the market's labels, sorted */
PG_FUNCTION_INFO_V1(market_label_array);
Datum
market_label_array(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	AdoptionLabel *labels = market_labels(m);
	Datum	   *elems = palloc(sizeof(Datum) * Max(m->nseries, 1));
	int			s;

	for (s = 0; s < m->nseries; s++)
		elems[s] = PointerGetDatum(label_text(&labels[s]));
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, m->nseries, TEXTOID, -1, false, TYPALIGN_INT));
}
