/*
 * asv.c - airspeed velocity (asv) results directories:
 *
 *   RESULTS/benchmarks.json          {NAME: {type, unit, param_names, params}, "version": 2}
 *   RESULTS/MACHINE/machine.json     {machine, os, arch, cpu, num_cpu, ram, version}
 *   RESULTS/MACHINE/HASH8-ENV.json   one result file per commit and environment
 *
 * A result file is one run: id "asv-<16 hex>" hashed from the machine, the
 * commit hash and the environment name; commit = commit_hash; timestamp =
 * date (the commit's time, ms), which also orders the runs; environment =
 * machine.json (without its "version") with the values the file's "params"
 * give (the machine as it was when the file was written; params also hold
 * the requirements, which are not the environment) and python; metadata
 * requirements.*, env_vars.*, version:NAME (each benchmark's code version:
 * v2 the "version" column, v1 "benchmark_version") and recorded_at (the
 * earliest "started_at": when asv ran). Each benchmark and combination of
 * its parameters is a point: name = the benchmark's name, tags = its
 * parameters (param_names[k] = the value, one level of quotes removed:
 * 'ThreadRunner' -> ThreadRunner), env = the environment name, machine =
 * the machine. The metric is the
 * benchmark type: "time" (lower, s), "memory" and "peakmemory" (lower, B),
 * "track" (the declared unit; no definition, so a stored one applies, else
 * it is information only). A result of null (a failed benchmark) is left
 * out and counted.
 *
 * Format version 2 rows are lists in the order of "result_columns" (rows
 * may stop early): result, params, version, started_at, duration,
 * stats_ci_99_a, stats_ci_99_b, stats_q_25, stats_q_75, stats_number,
 * stats_repeat, samples, profile; ci_99_a/_b become the bounds, samples the
 * samples. Version 1 results are objects {result, params, stats: [{ci_99:
 * [a, b], ...}], samples}, or a bare number.
 */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PATH_MAX_LEN  4096
#define FILE_PATH_LEN (PATH_MAX_LEN + 300)

typedef struct asv_file {
	char path[FILE_PATH_LEN];
	bdb_run *run;
} asv_file;

/* Where a result file's NaNs were: the offsets of the nulls they became. */
typedef struct asv_nans {
	size_t *at;
	size_t n, cap;
} asv_nans;

typedef struct asv_import {
	bdb__json_doc benchmarks; /* benchmarks.json */
	char *benchmarks_text;
	asv_file *files;
	size_t n, cap;
	bdb_import_summary *sum;
	asv_nans nans; /* of the result file being read */
} asv_import;

static bool word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '+' || c == '-';
}

/*
 * asv writes its files with Python's json, which writes a float that is not
 * finite as a bare NaN, Infinity or -Infinity: a benchmark skipped is NaN,
 * and the 99% interval of a benchmark timed once is [-Infinity, Infinity]
 * (asv-format-bench's results hold 56 of them). None is JSON; each becomes
 * null, which here means "no value" (left out and counted) or "no bound",
 * in place and at the same length, so that positions in errors stay those
 * of the file: "Infinity" is "null    ", and "NaN" takes the blank before
 * or after it (", NaN" is ",null"). A NaN first in a list has none beside
 * it ("[NaN, 0.2]", "[[NaN]]": a skipped first combination): the brackets
 * before it move one byte left into the blank before them (": [[NaN" is
 * ":[[null"), else the brackets and comma after it one byte right into the
 * blank after them. A NaN with no blank near it is left for the JSON parser
 * to refuse. Strings are not touched.
 */

/* Writes null for the NaN at text[i] as above; the index after the bytes it
 * changed. *at is where the null is (SIZE_MAX: none written). */
static size_t nan_to_null(char *text, size_t len, size_t i, size_t *at)
{
	*at = SIZE_MAX;
	if (i > 0 && text[i - 1] == ' ') {
		memcpy(text + (*at = i - 1), "null", 4);
		return i + 3;
	}
	if (i + 3 < len && text[i + 3] == ' ') {
		memcpy(text + (*at = i), "null", 4);
		return i + 4;
	}
	size_t j = i;
	while (j > 0 && text[j - 1] == '[')
		j--;
	if (j > 0 && j < i && text[j - 1] == ' ') {
		memmove(text + j - 1, text + j, i - j);
		memcpy(text + (*at = i - 1), "null", 4);
		return i + 3;
	}
	size_t k = i + 3;
	while (k < len && (text[k] == ']' || text[k] == ','))
		k++;
	if (k < len && k > i + 3 && text[k] == ' ') {
		memmove(text + i + 4, text + i + 3, k - (i + 3));
		memcpy(text + (*at = i), "null", 4);
		return k + 1;
	}
	return i + 3;
}

/* Keeps the offset of a null that was a NaN (nans NULL: not kept). */
static int note_nan(asv_nans *nans, size_t at)
{
	if (!nans || at == SIZE_MAX)
		return 0;
	if (nans->n == nans->cap) {
		size_t cap = nans->cap ? 2 * nans->cap : 16;
		size_t *grown = realloc(nans->at, cap * sizeof *grown);
		if (!grown)
			return BDB_ENOMEM;
		nans->at = grown;
		nans->cap = cap;
	}
	nans->at[nans->n++] = at;
	return 0;
}

/* The NaNs become nulls; their places in nans (when not NULL), in order. */
static int python_nonfinite_to_null(char *text, size_t len, asv_nans *nans)
{
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
			continue;
		}
		if (c == '"') {
			in_string = true;
			continue;
		}
		if ((c != 'N' && c != 'I' && c != '-') || (i > 0 && word_byte(text[i - 1])))
			continue;
		static const char *const words[] = {"-Infinity", "Infinity", "NaN"};
		for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
			size_t n = strlen(words[w]);
			if (len - i < n || memcmp(text + i, words[w], n) != 0 ||
			    (i + n < len && word_byte(text[i + n])))
				continue;
			size_t at = SIZE_MAX;
			if (n > 3)
				memcpy(text + i, "null     ", n);
			i = n > 3 ? i + n - 1 : nan_to_null(text, len, i, &at) - 1;
			if (note_nan(nans, at))
				return BDB_ENOMEM;
			break;
		}
	}
	return 0;
}

/* A document read from path: text and tree (free with release_doc); where
 * its NaNs were in nans, when not NULL (emptied first). */
static int read_doc(const char *path, bdb__json_doc *doc, char **text, asv_nans *nans, bdb_diag *d)
{
	size_t len;
	memset(doc, 0, sizeof *doc);
	if (nans)
		nans->n = 0;
	int rc = bdb__read_file(path, path, text, &len, NULL, d);
	if (!rc && python_nonfinite_to_null(*text, len, nans))
		rc = bdb_diag_set(d, BDB_ENOMEM, path, 0, 0, "out of memory");
	if (!rc)
		rc = bdb__json_parse(doc, path, *text, len, d);
	if (!rc)
		rc = bdb__json_need_object(doc, "an asv file", d);
	return rc;
}

static void release_doc(bdb__json_doc *doc, char *text)
{
	bdb__json_release(doc);
	free(text);
}

/* The text of s without one level of quotes ('x' or "x" -> x: asv writes
 * parameter values as Python reprs), its length in *len. */
static const char *unquoted(const char *s, size_t *len)
{
	size_t n = strlen(s);
	bool quoted = n >= 2 && (s[0] == '\'' || s[0] == '"') && s[n - 1] == s[0];
	*len = quoted ? n - 2 : n;
	return quoted ? s + 1 : s;
}

/* s unquoted, kept in run (s itself when it has no quotes). */
static const char *unquote(bdb_run *run, const char *s)
{
	size_t n;
	const char *u = unquoted(s, &n);
	return u == s ? s : bdb_run_strndup(run, u, n);
}

/* The metric, unit and direction (-1: no definition) of a benchmark type. */
static void metric_of_type(const char *type, const char *name, const char **metric,
			   const char **unit, int *direction)
{
	const char *base = strrchr(name, '.');
	base = base ? base + 1 : name;
	if (!type) /* not in benchmarks.json: asv's name prefixes (timeraw_ is a time too) */
		type = strncmp(base, "time_", 5) == 0 || strncmp(base, "timeraw_", 8) == 0 ? "time"
		       : strncmp(base, "mem_", 4) == 0	   ? "memory"
		       : strncmp(base, "peakmem_", 8) == 0 ? "peakmemory"
							   : "track";
	if (strcmp(type, "time") == 0) {
		*metric = "time", *unit = "s", *direction = BDB_LOWER;
	} else if (strcmp(type, "memory") == 0) {
		*metric = "memory", *unit = "B", *direction = BDB_LOWER;
	} else if (strcmp(type, "peakmemory") == 0) {
		*metric = "peakmemory", *unit = "B", *direction = BDB_LOWER;
	} else {
		*metric = "track", *direction = -1;
	}
}

/* What one result row says, whatever the format version. */
typedef struct asv_row {
	json_t *result; /* number, null or array */
	json_t *params; /* array of arrays, or NULL */
	json_t *ci_a, *ci_b, *samples, *stats;
	json_t *version, *started; /* the code version, the start (ms) */
} asv_row;

static json_t *column(const json_t *row, const json_t *columns, const char *name)
{
	for (size_t i = 0; i < json_array_size(columns); i++)
		if (json_is_string(json_array_get(columns, i)) &&
		    strcmp(json_string_value(json_array_get(columns, i)), name) == 0)
			return json_array_get(row, i);
	return NULL;
}

/* The i-th number of a per-combination list (or the value itself when unparameterised). */
static bool nth_number(const json_t *list, size_t i, double *out)
{
	const json_t *v = json_is_array(list) ? json_array_get(list, i) : i == 0 ? list : NULL;
	if (!json_is_number(v))
		return false;
	*out = json_number_value(v);
	return true;
}

static int read_row(bdb__json_doc *doc, const json_t *results, const char *name,
		    const json_t *columns, asv_row *row, bdb_diag *d)
{
	json_t *v = json_object_get(results, name);
	memset(row, 0, sizeof *row);
	if (columns) { /* version 2 */
		if (!json_is_array(v))
			return bdb__json_fail(doc, results, name, BDB__NO_INDEX, d,
					      "result \"%s\" must be an array (version 2), got %s",
					      name, bdb__json_type_name(v));
		row->result = column(v, columns, "result");
		row->params = column(v, columns, "params");
		row->ci_a = column(v, columns, "stats_ci_99_a");
		row->ci_b = column(v, columns, "stats_ci_99_b");
		row->samples = column(v, columns, "samples");
		row->version = column(v, columns, "version");
		row->started = column(v, columns, "started_at");
	} else if (json_is_object(v)) { /* version 1 */
		row->result = json_object_get(v, "result");
		row->params = json_object_get(v, "params");
		row->stats = json_object_get(v, "stats");
		row->samples = json_object_get(v, "samples");
	} else if (json_is_number(v) || json_is_null(v)) {
		row->result = v;
	} else {
		return bdb__json_fail(doc, results, name, BDB__NO_INDEX, d,
				      "result \"%s\" must be an object or a number, got %s", name,
				      bdb__json_type_name(v));
	}
	if (!columns) {
		row->version =
		    json_object_get(json_object_get(doc->root, "benchmark_version"), name);
		row->started = json_object_get(json_object_get(doc->root, "started_at"), name);
	}
	if (row->result && !json_is_array(row->result) && !json_is_number(row->result) &&
	    !json_is_null(row->result))
		return bdb__json_fail(
		    doc, results, name, BDB__NO_INDEX, d,
		    "the result of \"%s\" must be a list, a number or null, got %s", name,
		    bdb__json_type_name(row->result));
	if (row->params && !json_is_array(row->params))
		return bdb__json_fail(doc, results, name, BDB__NO_INDEX, d,
				      "the params of \"%s\" must be a list of lists, got %s", name,
				      bdb__json_type_name(row->params));
	for (size_t k = 0; k < json_array_size(row->params); k++)
		if (!json_is_array(json_array_get(row->params, k)))
			return bdb__json_fail(doc, results, name, BDB__NO_INDEX, d,
					      "the params of \"%s\" must be a list of lists", name);
	return 0;
}

/* Whether the result of combination c of the row of benchmark name was a
 * NaN in the file (asv's skipped benchmark), not a null (a failed one). */
static bool was_nan(const asv_import *im, bdb__json_doc *doc, const json_t *results,
		    const char *name, const asv_row *row, size_t c)
{
	const json_t *v = json_object_get(results, name);
	size_t at;
	bool found = json_is_array(row->result) ? bdb__json_offset(doc, row->result, NULL, c, &at)
		     : row->result == v ? bdb__json_offset(doc, results, name, BDB__NO_INDEX, &at)
		     : row->result	? bdb__json_offset(doc, v, "result", BDB__NO_INDEX, &at)
					: false;
	for (size_t lo = 0, hi = im->nans.n; found && lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		if (im->nans.at[mid] == at)
			return true;
		if (im->nans.at[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static void skip(const asv_import *im, bdb__json_doc *doc, const json_t *results, const char *name,
		 const asv_row *row, size_t combination)
{
	im->sum->skipped_null++;
	if (im->sum->first_skipped[0])
		return;
	bdb_diag d;
	bdb__json_fail(doc, results, name, BDB__NO_INDEX, &d, "\"%s\" %s in combination %zu", name,
		       was_nan(im, doc, results, name, row, combination)
			   ? "was skipped (NaN result)"
			   : "failed (null result)",
		       combination + 1);
	bdb_diag_format(&d, im->sum->first_skipped, sizeof im->sum->first_skipped);
}

/*
 * Fails when two values of one parameter of benchmark `name` are the same
 * tag once unquoted ('a' and "a"): their combinations would be one point
 * twice. When params are the result file's own (own), the error is at the
 * second value; else (benchmarks.json's) at the benchmark's result.
 */
static int distinct_values(bdb__json_doc *doc, const json_t *results, const json_t *params,
			   bool own, const char *name, bdb_diag *d)
{
	for (size_t k = 0; k < json_array_size(params); k++) {
		const json_t *values = json_array_get(params, k);
		for (size_t j = 1; j < json_array_size(values); j++) {
			char a[64], b[64];
			const char *vj = bdb__json_text(json_array_get(values, j), a, sizeof a);
			size_t nj, ni;
			const char *uj = unquoted(vj, &nj);
			for (size_t i = 0; i < j; i++) {
				const char *vi =
				    bdb__json_text(json_array_get(values, i), b, sizeof b);
				const char *ui = unquoted(vi, &ni);
				if (ni != nj || memcmp(ui, uj, nj) != 0)
					continue;
				return bdb__json_fail(
				    doc, own ? values : results, own ? NULL : name,
				    own ? j : BDB__NO_INDEX, d,
				    "\"%s\": parameter %zu%s has the value %.*s twice (%s and %s)",
				    name, k + 1, own ? "" : " (benchmarks.json)", (int)nj, uj, vi,
				    vj);
			}
		}
	}
	return 0;
}

/* Metadata version:NAME, the code version of benchmark `name`; *first the
 * earlier of itself and its start (ms). */
static int set_version(const asv_row *row, const char *name, bdb_run *run, double *first)
{
	double started = json_number_value(row->started);
	if (json_is_number(row->started) && started > -1e16 && started < 1e16 && started < *first)
		*first = started;
	if (!json_is_string(row->version))
		return 0;
	size_t n = strlen(name) + sizeof "version:";
	char *key = malloc(n);
	if (!key)
		return BDB_ENOMEM;
	snprintf(key, n, "version:%s", name);
	int rc = bdb_run_set_meta(run, key, json_string_value(row->version));
	free(key);
	return rc;
}

/* Adds the points of benchmark `name` (one per parameter combination). */
static int read_benchmark(asv_import *im, bdb__json_doc *doc, const json_t *results,
			  const char *name, const json_t *columns, bdb_run *run,
			  const bdb_kv *base_tags, size_t n_base, double *first, bdb_diag *d)
{
	asv_row row;
	int rc = read_row(doc, results, name, columns, &row, d);
	if (!rc)
		rc = set_version(&row, name, run, first);
	if (rc)
		return rc;
	const json_t *def = json_object_get(im->benchmarks.root, name);
	const json_t *names = json_object_get(def, "param_names");
	/* A row without params of its own takes benchmarks.json's, which are
	 * today's: a single value (a version 1 bare number, or null) was
	 * measured without parameters, whatever the benchmark has become since
	 * (it took the tags of today's first combination, and the others were
	 * counted as failed). */
	const json_t *params = row.params		      ? row.params
			       : !json_is_array(row.result) ? NULL
							    : json_object_get(def, "params");
	const char *type = json_string_value(json_object_get(def, "type"));
	const char *metric, *unit = json_string_value(json_object_get(def, "unit"));
	int direction;
	metric_of_type(type, name, &metric, &unit, &direction);
	size_t n_params = json_array_size(params), combos = 1;
	for (size_t k = 0; k < n_params; k++)
		combos *= json_array_size(json_array_get(params, k));
	if (json_is_array(row.result) && json_array_size(row.result) != combos)
		return bdb__json_fail(doc, results, name, BDB__NO_INDEX, d,
				      "\"%s\" has %zu results for %zu parameter combinations", name,
				      json_array_size(row.result), combos);
	if (n_params > 32)
		return bdb__json_fail(doc, results, name, BDB__NO_INDEX, d,
				      "\"%s\" has more than 32 parameters", name);
	if ((rc = distinct_values(doc, results, params, params == row.params, name, d)))
		return rc;
	bdb_kv tags[32 + 4];
	memcpy(tags, base_tags, n_base * sizeof *tags);
	for (size_t c = 0; !rc && c < combos; c++) {
		double value;
		if (!nth_number(row.result, c, &value)) {
			skip(im, doc, results, name, &row, c);
			continue;
		}
		/* itertools.product order: the last parameter varies fastest. */
		size_t rest = c;
		for (size_t k = n_params; k-- > 0;) {
			const json_t *values = json_array_get(params, k);
			size_t m = json_array_size(values);
			const json_t *pv = json_array_get(values, rest % m);
			rest /= m;
			const char *key = json_string_value(json_array_get(names, k));
			char kbuf[32], vbuf[64];
			if (!key) {
				snprintf(kbuf, sizeof kbuf, "param%zu", k + 1);
				key = kbuf;
			}
			tags[n_base + k].key = bdb_run_strdup(run, key);
			tags[n_base + k].value =
			    unquote(run, bdb__json_text(pv, vbuf, sizeof vbuf));
			if (!tags[n_base + k].key || !tags[n_base + k].value)
				return BDB_ENOMEM;
		}
		bdb_point *p;
		bdb_metric *m;
		if ((rc = bdb_run_add_point(run, name, &p)))
			break;
		for (size_t t = 0; !rc && t < n_base + n_params; t++)
			rc = bdb_point_set_tag(run, p, tags[t].key, tags[t].value);
		if (!rc)
			rc = direction >= 0 ? bdb__add_defined_metric(run, p, metric, value, unit,
								      (bdb_direction)direction, &m)
					    : bdb__add_metric(run, p, metric, value, unit, &m);
		if (rc)
			break;
		double a, b;
		/* Older version 1 files hold one stats object, not a list of
		 * them (asv's update_to_2 wraps it in one). */
		const json_t *stats = json_is_object(row.stats) ? (c == 0 ? row.stats : NULL)
								: json_array_get(row.stats, c);
		const json_t *ci = json_object_get(stats, "ci_99");
		bool v2 = nth_number(row.ci_a, c, &a) && nth_number(row.ci_b, c, &b);
		if (v2 || (nth_number(ci, 0, &a) && nth_number(ci, 1, &b))) {
			/* At the upper bound: element c of the column (a bare
			 * number: the row), element 1 of ci_99. */
			const json_t *at = v2 ? row.ci_b : ci;
			if ((rc =
				 json_is_array(at)
				     ? bdb__json_bounds(doc, at, NULL, v2 ? c : 1,
							v2 ? "stats_ci_99_a" : "ci_99[0]", a,
							v2 ? "stats_ci_99_b" : "ci_99[1]", b, d)
				     : bdb__json_bounds(doc, results, name, BDB__NO_INDEX,
							"stats_ci_99_a", a, "stats_ci_99_b", b, d)))
				break;
			bdb__set_bounds(m, a, b);
		}
		const json_t *samples = json_array_get(row.samples, c);
		if (json_is_array(samples) && json_array_size(samples) > 0) {
			size_t n = json_array_size(samples);
			double *x = malloc(n * sizeof *x);
			if (!x)
				return BDB_ENOMEM;
			size_t k = 0;
			for (size_t i = 0; i < n; i++)
				if (nth_number(samples, i, &x[k]))
					k++;
			rc = k ? bdb_metric_set_samples(run, m, x, k) : 0;
			free(x);
		}
	}
	return rc;
}

/* Sets the environment from machine.json's tree (all but "version"), then
 * from the result file's params (root), but the requirements they hold. */
static int set_machine(const json_t *machine, const json_t *root, bdb_run *run)
{
	const json_t *params = json_object_get(root, "params");
	const json_t *reqs = json_object_get(root, "requirements");
	const char *key;
	json_t *v;
	int rc = 0;
	json_object_foreach((json_t *)machine, key, v)
	{
		char buf[64];
		if (!rc && strcmp(key, "version") != 0 && !json_is_null(v))
			rc = bdb_run_set_env(run, key, bdb__json_text(v, buf, sizeof buf));
	}
	json_object_foreach((json_t *)params, key, v)
	{
		char buf[64];
		if (!rc && !json_object_get(reqs, key) && (json_is_string(v) || json_is_number(v)))
			rc = bdb_run_set_env(run, key, bdb__json_text(v, buf, sizeof buf));
	}
	return rc;
}

static int add_file(asv_import *im, const char *path, bdb_run *run)
{
	if (im->n == im->cap) {
		size_t cap = im->cap ? 2 * im->cap : 64;
		asv_file *files = realloc(im->files, cap * sizeof *files);
		if (!files)
			return BDB_ENOMEM;
		im->files = files;
		im->cap = cap;
	}
	snprintf(im->files[im->n].path, sizeof im->files[im->n].path, "%s", path);
	im->files[im->n++].run = run;
	return 0;
}

/* Reads one result file of machine (machine.json's tree) into a run. */
static int read_result(asv_import *im, const char *path, const json_t *machine,
		       const char *machine_name, bdb_diag *d)
{
	bdb__json_doc doc;
	char *text = NULL;
	bdb_run *run = NULL;
	const char *commit, *env, *python, *key;
	double date, version;
	bool has_date, has_version;
	json_t *results, *columns, *v;
	int rc = read_doc(path, &doc, &text, &im->nans, d);
	if (!rc && !(run = bdb_run_new()))
		rc = BDB_ENOMEM;
	if (rc || (rc = bdb__json_string(&doc, doc.root, "commit_hash", true, &commit, d)) ||
	    (rc = bdb__json_string(&doc, doc.root, "env_name", false, &env, d)) ||
	    (rc = bdb__json_number(&doc, doc.root, "date", true, &date, &has_date, d)) ||
	    (rc = bdb__json_number(&doc, doc.root, "version", false, &version, &has_version, d)) ||
	    (rc = bdb__json_string(&doc, doc.root, "python", false, &python, d)) ||
	    (rc = bdb__json_object(&doc, doc.root, "results", true, &results, d)) ||
	    (rc = bdb__json_array(&doc, doc.root, "result_columns", false, &columns, d)))
		goto out;
	bool has_result = false;
	for (size_t i = 0; i < json_array_size(columns); i++)
		has_result = has_result ||
			     (json_is_string(json_array_get(columns, i)) &&
			      strcmp(json_string_value(json_array_get(columns, i)), "result") == 0);
	if (columns && !has_result) {
		rc = bdb__json_fail(&doc, doc.root, "result_columns", BDB__NO_INDEX, d,
				    "\"result_columns\" has no \"result\" column: the rows hold no "
				    "results (asv writes \"result\" first)");
		goto out;
	}
	if (has_version && version != 1 && version != 2) {
		rc = bdb__json_fail(&doc, doc.root, "version", BDB__NO_INDEX, d,
				    "asv result format version %g is not one this reads (1, 2)",
				    version);
		goto out;
	}
	if (date < -1e16 || date > 1e16) {
		rc = bdb__json_fail(&doc, doc.root, "date", BDB__NO_INDEX, d,
				    "\"date\" must be milliseconds since 1970, got %g", date);
		goto out;
	}
	uint64_t h = bdb__hash(BDB__HASH_INIT, machine_name, strlen(machine_name) + 1);
	h = bdb__hash(h, commit, strlen(commit) + 1);
	h = bdb__hash(h, env ? env : "", env ? strlen(env) : 0);
	char id[32];
	snprintf(id, sizeof id, "asv-%016llx", (unsigned long long)h);
	run->timestamp_us = (int64_t)date * 1000;
	if ((rc = bdb_run_set_id(run, id)) || (rc = bdb_run_set_commit(run, commit)) ||
	    (rc = set_machine(machine, doc.root, run)) ||
	    (python && (rc = bdb_run_set_env(run, "python", python))))
		goto out;
	const char *groups[] = {"requirements", "env_vars"};
	for (size_t g = 0; !rc && g < 2; g++) {
		json_t *o = json_object_get(doc.root, groups[g]);
		if (json_is_object(o))
			rc = bdb__json_flatten_at(&doc, o, groups[g], "metadata key", bdb__set_meta,
						  run, d);
	}
	bdb_kv base[2];
	size_t n_base = 0;
	if (env)
		base[n_base++] = (bdb_kv){"env", env};
	if (machine_name[0])
		base[n_base++] = (bdb_kv){"machine", machine_name};
	double first = 1e16;
	json_object_foreach(results, key, v)
	{
		if (rc)
			break;
		rc = read_benchmark(im, &doc, results, key, columns, run, base, n_base, &first, d);
	}
	char when[40];
	if (!rc && first < 1e16)
		rc = bdb_run_set_meta(run, "recorded_at",
				      bdb_time_format((int64_t)first * 1000, when, sizeof when));
	/* Every result failed (a build that failed): no run, but counted. */
	if (!rc && run->n_points == 0)
		im->sum->empty_entries++;
	else if (!rc)
		rc = add_file(im, path, run);
	if (!rc) {
		if (run->n_points)
			run = NULL;
		im->sum->entries++;
	}
out:
	bdb_run_free(run);
	release_doc(&doc, text);
	return rc;
}

static int subdir_filter(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

static int compare_names(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Reads the result files of one machine directory. */
static int read_machine_dir(asv_import *im, const char *dir, bdb_diag *d)
{
	char path[FILE_PATH_LEN];
	/* The listing first: it refuses a FIFO, machine.json included. */
	struct dirent **list;
	int n;
	int rc = bdb__scan_json(dir, &list, &n, d);
	if (rc)
		return rc;
	snprintf(path, sizeof path, "%s/machine.json", dir);
	bdb__json_doc machine;
	char *text = NULL;
	rc = read_doc(path, &machine, &text, NULL, d);
	const char *name = NULL;
	if (!rc && !(name = json_string_value(json_object_get(machine.root, "machine")))) {
		name = strrchr(dir, '/');
		name = name ? name + 1 : dir;
	}
	for (int i = 0; i < n; i++) {
		if (!rc && strcmp(list[i]->d_name, "machine.json") != 0) {
			snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
			rc = read_result(im, path, machine.root, name, d);
		}
		free(list[i]);
	}
	free(list);
	release_doc(&machine, text);
	return rc;
}

/* dir holds no asv results. An asv project (the directory of asv.conf.json,
 * where asv runs) keeps them in its results_dir: named when one of the usual
 * places has them. */
static int not_results_dir(const char *dir, bdb_diag *d)
{
	static const char *const usual[] = {".asv/results", "results"};
	char path[FILE_PATH_LEN];
	struct stat st;
	int n = (int)strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	snprintf(path, sizeof path, "%.*s/asv.conf.json", n, dir);
	if (stat(path, &st) == 0) {
		for (size_t i = 0; i < sizeof usual / sizeof *usual; i++) {
			snprintf(path, sizeof path, "%.*s/%s/benchmarks.json", n, dir, usual[i]);
			if (stat(path, &st) == 0)
				return bdb_diag_set(d, BDB_EFORMAT, dir, 0, 0,
						    "is an asv project (asv.conf.json), not its "
						    "results directory: import %.*s/%s",
						    n, dir, usual[i]);
		}
		return bdb_diag_set(d, BDB_EFORMAT, dir, 0, 0,
				    "is an asv project (asv.conf.json), not its results directory: "
				    "import the results_dir it names");
	}
	return bdb_diag_set(d, BDB_EFORMAT, dir, 0, 0,
			    "is not an asv results directory: expected "
			    "benchmarks.json and MACHINE/machine.json in it");
}

/* The results directory: benchmarks.json and the machine directories. */
static int read_results(asv_import *im, const char *dir, bdb_diag *d)
{
	char path[FILE_PATH_LEN];
	snprintf(path, sizeof path, "%s/benchmarks.json", dir);
	struct stat st;
	if (stat(path, &st) != 0) {
		/* One machine's directory: benchmarks.json is in its parent. */
		snprintf(path, sizeof path, "%s/../benchmarks.json", dir);
		char machine[FILE_PATH_LEN];
		snprintf(machine, sizeof machine, "%s/machine.json", dir);
		if (stat(path, &st) != 0 || stat(machine, &st) != 0)
			return not_results_dir(dir, d);
		int rc = read_doc(path, &im->benchmarks, &im->benchmarks_text, NULL, d);
		return rc ? rc : read_machine_dir(im, dir, d);
	}
	int rc = read_doc(path, &im->benchmarks, &im->benchmarks_text, NULL, d);
	if (rc)
		return rc;
	struct dirent **list;
	int n = scandir(dir, &list, subdir_filter, compare_names);
	if (n < 0)
		return bdb_diag_set(d, BDB_EIO, dir, 0, 0, "cannot list the directory: %s",
				    strerror(errno));
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s/machine.json", dir, list[i]->d_name);
		bool machine = stat(path, &st) == 0;
		snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
		if (!rc && machine) {
			rc = read_machine_dir(im, path, d);
		} else if (!rc && bdb__is_dir(path)) {
			/* Not a machine's: left out, but said (a machine.json
			 * lost in a copy would drop that machine's history). */
			if (!im->sum->skipped_dirs++)
				snprintf(im->sum->first_skipped_dir,
					 sizeof im->sum->first_skipped_dir, "%.511s", path);
		}
		free(list[i]);
	}
	free(list);
	return rc;
}

/*
 * A track benchmark that benchmarks.json no longer has (asv writes it anew
 * at each run: a benchmark removed since is not in it) has no declared
 * unit, since result files hold none: its metric takes the unit its series
 * is stored in (an earlier import, or the run that --replace replaces).
 * One with no stored unit either is stored without one and counted.
 */
static int keep_track_units(bdb_store *store, asv_import *im, bdb_diag *d)
{
	bdb_reader *r;
	int rc = bdb_reader_begin(store, &r);
	if (rc)
		return bdb_diag_set(d, rc, bdb_store_path(store), 0, 0, "cannot read the store: %s",
				    bdb_strerror(rc));
	for (size_t i = 0; !rc && i < im->n; i++) {
		bdb_run *run = im->files[i].run;
		for (size_t k = 0; !rc && k < run->n_points; k++) {
			bdb_point *p = &run->points[k];
			bdb_metric *m = p->n_metrics == 1 ? &p->metrics[0] : NULL;
			if (!m || m->unit || strcmp(m->name, "track") != 0 ||
			    json_object_get(im->benchmarks.root, p->name))
				continue;
			uint64_t id;
			bdb_series_info *info = NULL;
			rc = bdb_reader_series_lookup(r, p->name, p->tags, p->n_tags, m->name, &id);
			if (!rc)
				rc = bdb_reader_series_info(r, id, &info);
			if (!rc && info->unit[0]) {
				rc = bdb_metric_set_unit(run, m, info->unit);
			} else if (!rc || rc == BDB_ENOTFOUND) {
				rc = 0;
				if (!im->sum->unitless++)
					snprintf(
					    im->sum->first_unitless, sizeof im->sum->first_unitless,
					    "\"%.200s\" in %.300s", p->name, im->files[i].path);
			}
			free(info);
		}
	}
	bdb_reader_end(r);
	if (rc && d && !d->code)
		bdb_diag_set(d, rc, bdb_store_path(store), 0, 0, "cannot read the store: %s",
			     bdb_strerror(rc));
	return rc;
}

/* Oldest commit first; the file name breaks ties, so the order is fixed. */
static int compare_files(const void *a, const void *b)
{
	const asv_file *x = a, *y = b;
	if (x->run->timestamp_us != y->run->timestamp_us)
		return x->run->timestamp_us < y->run->timestamp_us ? -1 : 1;
	return strcmp(x->path, y->path);
}

int bdb_import_asv(bdb_store *store, const char *dir, const bdb_import_options *o,
		   bdb_import_summary *summary, bdb_diag *d)
{
	unsigned put_flags = o ? o->put_flags : 0;
	bdb_import_summary sum;
	memset(&sum, 0, sizeof sum);
	bdb_diag_clear(d);
	asv_import im = {.sum = &sum};
	bdb__import_item *items = NULL;
	int rc = 0;
	rc = bdb__need_dir(dir, d);
	if (!rc)
		rc = read_results(&im, dir, d);
	if (!rc && im.n == 0 && sum.skipped_dirs == 1)
		rc = bdb_diag_set(d, BDB_EFORMAT, dir, 0, 0,
				  "holds no asv result files: %s has no machine.json",
				  sum.first_skipped_dir);
	else if (!rc && im.n == 0 && sum.skipped_dirs)
		rc = bdb_diag_set(d, BDB_EFORMAT, dir, 0, 0,
				  "holds no asv result files: %s and %zu other directories have "
				  "no machine.json",
				  sum.first_skipped_dir, sum.skipped_dirs - 1);
	else if (!rc && im.n == 0 && sum.empty_entries)
		rc = bdb_diag_set(d, BDB_EPARSE, dir, 0, 0,
				  "no benchmark results found: its %zu result file(s) hold none "
				  "(every benchmark failed, or none ran)%s%s",
				  sum.empty_entries, sum.first_skipped[0] ? "; the first: " : "",
				  sum.first_skipped);
	else if (!rc && im.n == 0)
		rc = bdb_diag_set(d, BDB_EFORMAT, dir, 0, 0,
				  "holds no asv result files (MACHINE/COMMIT-ENV.json)");
	if (!rc && !(items = calloc(im.n, sizeof *items)))
		rc = BDB_ENOMEM;
	if (!rc) {
		qsort(im.files, im.n, sizeof *im.files, compare_files);
		for (size_t i = 0; i < im.n && !rc; i++) {
			items[i] =
			    (bdb__import_item){.label = im.files[i].path, .run = im.files[i].run};
			if (o && o->branch && bdb_run_set_branch(im.files[i].run, o->branch))
				rc = BDB_ENOMEM;
		}
	}
	if (!rc)
		rc = keep_track_units(store, &im, d);
	if (!rc)
		rc = bdb__import_store(store, items, im.n, put_flags, &sum, NULL, d);
	if (rc == BDB_ENOMEM && d && !d->code)
		bdb_diag_set(d, rc, dir, 0, 0, "out of memory");
	for (size_t i = 0; i < im.n; i++)
		bdb_run_free(im.files[i].run);
	free(im.files);
	free(items);
	release_doc(&im.benchmarks, im.benchmarks_text);
	free(im.nans.at);
	if (summary)
		*summary = sum;
	return rc;
}

/* The directory up levels above the file path (2: its parent's parent),
 * in out: "." and ".." for a path with fewer directories in it. */
static void dir_above(const char *path, int up, char *out, size_t size)
{
	snprintf(out, size, "%s", path);
	for (int i = 0; i < up; i++) {
		char *slash = strrchr(out, '/');
		const char *base = slash ? slash + 1 : out;
		size_t len = strlen(out);
		if (strcmp(out, ".") == 0)
			snprintf(out, size, "..");
		else if (strcmp(base, "..") == 0 && len + 4 <= size)
			memcpy(out + len, "/..", 4);
		else if (!slash)
			snprintf(out, size, ".");
		else
			slash[slash == out] = '\0'; /* "/x" is in "/" */
	}
}

int bdb__asv_file_refuse(const char *name, const char *data, size_t len, bdb_diag *d)
{
	/* Keys only asv's files hold together, anywhere in them: version 1
	 * files sort their keys, "commit_hash" after every benchmark's
	 * "benchmark_version". */
	const char *what = NULL, *then = "";
	int up = 2;
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	if (bdb__contains(data, len, "\"commit_hash\"") &&
	    bdb__contains(data, len, "\"results\"") &&
	    bdb__contains(data, len, "\"requirements\"") &&
	    bdb__contains(data, len, "\"python\"")) {
		what = "an asv (airspeed velocity) result file";
		then = "its units and parameter names are in benchmarks.json; ";
	} else if (bdb__contains(data, len, "\"param_names\"") &&
		   bdb__contains(data, len, "\"version\"")) {
		what = "asv's (airspeed velocity) benchmarks.json";
		up = 1;
	} else if (strcmp(base, "machine.json") == 0 && bdb__contains(data, len, "\"machine\"") &&
		   bdb__contains(data, len, "\"version\"")) {
		what = "asv's (airspeed velocity) machine.json";
	}
	if (!what)
		return 0;
	struct stat st;
	char dir[FILE_PATH_LEN];
	if (stat(name, &st) == 0 && S_ISREG(st.st_mode))
		dir_above(name, up, dir, sizeof dir);
	else
		snprintf(dir, sizeof dir, "RESULTS_DIR"); /* standard input, an upload */
	return bdb_diag_set(d, BDB_EFORMAT, name, 1, 1,
			    "is %s, not a run: %simport the results directory with benchdb "
			    "import-asv %s",
			    what, then, dir);
}

int bdb__asv_dir_refuse(const char *dir, bdb_diag *d)
{
	char path[FILE_PATH_LEN];
	struct stat st;
	snprintf(path, sizeof path, "%s/machine.json", dir);
	bool one = stat(path, &st) == 0, machine = one;
	snprintf(path, sizeof path, "%s/%sbenchmarks.json", dir, one ? "../" : "");
	if (stat(path, &st) != 0)
		return 0;
	struct dirent **list;
	int n = one ? -1 : scandir(dir, &list, subdir_filter, compare_names);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s/machine.json", dir, list[i]->d_name);
		machine = machine || stat(path, &st) == 0;
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	if (!machine)
		return 0;
	return bdb_diag_set(d, BDB_EFORMAT, dir, 0, 0,
			    "is an asv (airspeed velocity) results directory%s, not a directory "
			    "of runs: import it with benchdb import-asv %s",
			    one ? " of one machine" : "", dir);
}
