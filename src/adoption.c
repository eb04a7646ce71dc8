/*
 * adoption.c
 *	  Module entry point: settings, and the method argument.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "adoption.h"

PG_MODULE_MAGIC;

int			adoption_max_periods = 100000;
int			adoption_max_labels = 1000;

void		_PG_init(void);

void
_PG_init(void)
{
	DefineCustomIntVariable("adoption.max_periods",
							"Sets the most periods one summary may hold.",
							"Beyond it, aggregates and input functions raise an error: "
							"bucket the time column instead.",
							&adoption_max_periods,
							100000, 2, 10000000,
							PGC_USERSET, 0,
							NULL, NULL, NULL);
	DefineCustomIntVariable("adoption.max_labels",
							"Sets the most labels one market summary may hold.",
							"A market keeps every label's value in every period: "
							"beyond it, market_agg raises an error.",
							&adoption_max_labels,
							1000, 1, 65535,
							PGC_USERSET, 0,
							NULL, NULL, NULL);
	MarkGUCPrefixReserved("adoption");
}

AdoptionMethod
ParseMethod(text *method)
{
	char	   *name = text_to_cstring(method);
	AdoptionMethod result;

	if (!adoption_method_parse(name, &result))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("method \"%s\" not recognized", name),
				 errhint("Valid methods are " ADOPTION_METHOD_NAMES ".")));
	pfree(name);
	return result;
}
