/*
 * methods.c - the method table: one row per detection method of `using`,
 * the only place its keyword, family and defaults are written. The
 * parser, compare and regressions read it; nothing depends on the order
 * of bdb_method.
 *
 * Adding a method: a bdb_method, a row here, and its judgement in
 * exec_compare.c (a history model also needs its bdb__history_model in
 * stats.h/detect.c; a change-point method its options in exec_history.c).
 * Change-point methods are words of `changes ... using` only, not
 * keywords: a metric or tag may still be called "robust".
 */
#include "ast.h"
#include "stats.h"

#include <strings.h>

const bdb__method_info bdb__methods[] = {
    {BDB_METHOD_PERCENT, "percent", BDB_FAMILY_THRESHOLD, false, false, 0},
    {BDB_METHOD_MWU, "mwu", BDB_FAMILY_SAMPLES, false, false, 0},
    {BDB_METHOD_ZSCORE, "zscore", BDB_FAMILY_HISTORY, true, true, BDB__MODEL_ZSCORE},
    {BDB_METHOD_TTEST, "ttest", BDB_FAMILY_HISTORY, true, true, BDB__MODEL_TTEST},
    {BDB_METHOD_IQR, "iqr", BDB_FAMILY_HISTORY, true, false, BDB__MODEL_IQR},
    {BDB_METHOD_DELTAIQR, "deltaiqr", BDB_FAMILY_HISTORY, true, false, BDB__MODEL_DELTA_IQR},
    {BDB_METHOD_LOOKBACK, "lookback", BDB_FAMILY_HISTORY, true, false, BDB__MODEL_LOOKBACK},
    {BDB_METHOD_ROBUST, "robust", BDB_FAMILY_CHANGES, false, false, 0},
    {BDB_METHOD_EDIVISIVE, "edivisive", BDB_FAMILY_CHANGES, false, false, 0},
};

const size_t bdb__n_methods = sizeof bdb__methods / sizeof bdb__methods[0];

const bdb__method_info *bdb__method_of(bdb_method m)
{
	for (size_t i = 0; i < bdb__n_methods; i++)
		if (bdb__methods[i].method == m)
			return &bdb__methods[i];
	return &bdb__methods[0];
}

const char *bdb__method_name(bdb_method m)
{
	return bdb__method_of(m)->keyword;
}

const char *bdb_query_method_name(bdb_method m)
{
	return bdb__method_name(m);
}

int bdb_query_method_parse(const char *name, bdb_method *out)
{
	for (size_t i = 0; name && i < bdb__n_methods; i++) {
		if (strcasecmp(name, bdb__methods[i].keyword) == 0) {
			*out = bdb__methods[i].method;
			return 0;
		}
	}
	return BDB_EINVAL;
}

bdb_method_family bdb_query_method_family(bdb_method m)
{
	return bdb__method_of(m)->family;
}
