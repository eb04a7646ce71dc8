/*
 * adoption.c
 *	  Module entry point and helpers shared by the SQL functions.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "adoption.h"

PG_MODULE_MAGIC;

/* Parse the "method" argument of the parity functions. */
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
