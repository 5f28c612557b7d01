/*
 * fuzz_query_exec.c - harness for the query executor (query/exec*.c,
 * detect.c, table.c, format.c, complete.c) on a small fixed store: the
 * input is a query text, run as a user's script would run it.
 *
 * The store is built once per process in a directory under $TMPDIR (or
 * /tmp), removed at exit: five runs with the points, tags and metrics of
 * the golden query tests (tests/unit/helpers/query_store.h, so that their
 * statements, the seeds, find what they name), plus a point with UTF-8 and
 * '=' in its name and tags, a metric without a stored definition whose unit
 * changes between runs, samples, and the baselines "main" and "rélease".
 *
 * For each input (cut at its first NUL; inputs over QE_MAX_INPUT bytes are
 * skipped, so that every execution stays short) it checks:
 *   - bdb_query_exec returns 0, BDB_EQUERY or BDB_ENOMEM; a query error has
 *     query.h's position and three-line message, another error a message;
 *   - bdb_query_run on the first statement agrees on success or failure
 *     when the text holds one statement; its result's cells and fields read
 *     back, it formats in all four formats, and the JSON parses (jansson);
 *   - on inputs of at most QE_MAX_COMPLETE bytes, bdb_query_complete at
 *     every cursor position (but those deep inside a word, see
 *     qe_check_complete) returns 0 with a word start at or before the
 *     cursor and non-empty candidates;
 *   - the store holds what it held before (runs byte for byte, baselines,
 *     definitions, counts), unless the input says "set" or "drop", which
 *     may change baselines: then bdb_store_verify must find no problem, and
 *     the baselines are put back for the next input.
 */
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "engine.h"
#include "fuzz.h"
#include "query.h"

#define QE_MAX_INPUT	4096
#define QE_MAX_COMPLETE 96

/* ------------------------------------------------------------------------ */
/* The fixed store                                                           */
/* ------------------------------------------------------------------------ */

static const struct {
	const char *id, *time, *commit, *branch;
} qe_runs[] = {
    {"r1", "2026-01-05T10:00:00Z", "aaa1111", "main"},
    {"r2", "2026-01-06T10:00:00Z", "bbb2222", "main"},
    {"r3", "2026-01-12T10:00:00Z", "ccc3333", "feature"},
    {"r4", "2026-02-02T10:00:00Z", "ddd4444", "main"},
    {"ünï-5", "2026-02-03T10:00:00Z", NULL, "rel/ß"},
};
#define QE_N_RUNS (sizeof qe_runs / sizeof *qe_runs)

/* One metric of one point: its value in each run (NaN: absent there). */
typedef struct qe_series {
	const char *point, *scenario, *tags; /* tags: "k1\tv1\tk2\tv2" */
	const char *metric, *unit;
	double v[QE_N_RUNS];
} qe_series;

#define QE_NA NAN
static const qe_series qe_data[] = {
    {"CV-1/small",
     "cv",
     "framework\tDatarax\tvariant\tsmall",
     "throughput",
     "elem/s",
     {1000, 1010, 990, 900, 905}},
    {"CV-1/small",
     "cv",
     "framework\tDatarax\tvariant\tsmall",
     "latency_p50",
     "ms",
     {10, 10.2, 9.8, 10.5, 10.4}},
    {"CV-1/small",
     "cv",
     "framework\tDatarax\tvariant\tsmall",
     "memory",
     "MB",
     {512, 256, 512, 600, 600}},
    {"CV-1/small",
     "cv",
     "framework\tGrain\tvariant\tsmall",
     "throughput",
     "elem/s",
     {800, 820, 850, 1200, 1190}},
    {"CV-1/small",
     "cv",
     "framework\tGrain\tvariant\tsmall",
     "latency_p50",
     "ms",
     {12, 12, 12, 24, 0}},
    {"NLP-2/large", "nlp", "framework\tDatarax", "throughput", "elem/s", {50, 50, 50, 47.5, -1}},
    {"NLP-2/large", "nlp", "framework\tDatarax", "latency_p50", "ms", {0, 0, 0, 100, 1e300}},
    {"Ω/größe", NULL, "opts\tx=1,y=2\témoji\t🚀 ok", "ops", "us", {3, 3000, 2, 2.5, QE_NA}},
    {"Ω/größe", NULL, "opts\tx=1,y=2\témoji\t🚀 ok", "throughput", NULL, {1, 2, 3, 4, 5}},
    {"OLD/gone", NULL, "", "throughput", "elem/s", {1, QE_NA, QE_NA, QE_NA, QE_NA}},
    {"NLP-3/new", NULL, "", "throughput", "elem/s", {QE_NA, QE_NA, QE_NA, 5, 6}},
};

static const char *const qe_baselines[][2] = {{"main", "r1"}, {"rélease", "r3"}};

/* Adds series s's metric to run (as run number i) unless absent there. */
static int qe_add_metric(bdb_run *run, const qe_series *s, size_t i)
{
	if (isnan(s->v[i]))
		return 0;
	bdb_kv tags[2];
	char buf[64];
	size_t n = 0;
	snprintf(buf, sizeof buf, "%s", s->tags);
	for (char *p = buf; *p && n < 2; n++) {
		tags[n].key = p;
		p = strchr(p, '\t');
		*p++ = '\0';
		tags[n].value = p;
		p += strcspn(p, "\t");
		if (*p)
			*p++ = '\0';
	}
	bdb_point *p = (bdb_point *)bdb_run_find_point(run, s->point, tags, n);
	int rc = 0;
	if (!p) {
		rc = bdb_run_add_point(run, s->point, &p);
		if (!rc && s->scenario)
			rc = bdb_point_set_scenario(run, p, s->scenario);
		for (size_t t = 0; !rc && t < n; t++)
			rc = bdb_point_set_tag(run, p, tags[t].key, tags[t].value);
	}
	bdb_metric *m;
	if (!rc)
		rc = bdb_point_add_metric(run, p, s->metric, s->v[i], &m);
	/* ops is given in us, except in r2 (ms): its unit changes. */
	const char *unit = strcmp(s->metric, "ops") == 0 && i == 1 ? "ms" : s->unit;
	if (!rc && unit)
		rc = bdb_metric_set_unit(run, m, unit);
	if (!rc && (i == 0 || i == 3) && !strcmp(s->metric, "throughput")) {
		double samples[5];
		for (int k = 0; k < 5; k++)
			samples[k] = s->v[i] + k - 2;
		rc = bdb_metric_set_samples(run, m, samples, s->point[0] == 'O' ? 1 : 5);
	}
	return rc;
}

static int qe_add_def(bdb_run *run, const char *name, bdb_direction dir, const char *unit,
		      double threshold)
{
	bdb_metric_def *def;
	int rc = bdb_run_add_def(run, name, &def);
	if (rc)
		return rc;
	def->direction = dir;
	def->unit = bdb_run_strdup(run, unit);
	def->has_threshold = threshold > 0;
	def->threshold = threshold;
	return def->unit ? 0 : BDB_ENOMEM;
}

/* Run number i of the store; NULL when it cannot be built. */
static bdb_run *qe_build_run(size_t i)
{
	bdb_run *run = bdb_run_new();
	if (!run)
		return NULL;
	int rc = bdb_run_set_id(run, qe_runs[i].id);
	if (!rc)
		rc = bdb_time_parse(qe_runs[i].time, &run->timestamp_us);
	if (!rc && qe_runs[i].commit)
		rc = bdb_run_set_commit(run, qe_runs[i].commit);
	if (!rc)
		rc = bdb_run_set_branch(run, qe_runs[i].branch);
	if (!rc)
		rc = qe_add_def(run, "throughput", BDB_HIGHER, "elem/s", 0);
	if (!rc && i != 2) /* r3 has no definitions of its own for these */
		rc = qe_add_def(run, "latency_p50", BDB_LOWER, "ms", 10);
	if (!rc && i != 2)
		rc = qe_add_def(run, "memory", BDB_INFO, "MB", 0);
	for (size_t k = 0; !rc && k < sizeof qe_data / sizeof *qe_data; k++)
		rc = qe_add_metric(run, &qe_data[k], i);
	if (rc) {
		bdb_run_free(run);
		return NULL;
	}
	return run;
}

/*
 * What a query must not change: every run's FlatBuffer, the baselines, the
 * metric definitions and the store's counts, as text appended to out.
 */
static void qe_fingerprint(bdb_store *store, bdb_buf *out)
{
	bdb_reader *r;
	FUZZ_CHECK(bdb_reader_begin(store, &r) == 0);
	bdb_run_info *runs = NULL;
	size_t n = 0;
	FUZZ_CHECK(bdb_reader_list_runs(r, NULL, 0, &runs, &n) == 0);
	for (size_t i = 0; i < n; i++) {
		const void *fb;
		size_t len;
		FUZZ_CHECK(bdb_reader_run_buffer(r, runs[i].seq, &fb, &len) == 0);
		bdb_buf_printf(out, "run %llu %s %zu\n", (unsigned long long)runs[i].seq,
			       runs[i].id, len);
		bdb_buf_append(out, fb, len);
	}
	free(runs);
	bdb_baseline_info *bl = NULL;
	FUZZ_CHECK(bdb_reader_list_baselines(r, &bl, &n) == 0);
	for (size_t i = 0; i < n; i++)
		bdb_buf_printf(out, "baseline %s %llu\n", bl[i].name,
			       (unsigned long long)bl[i].seq);
	free(bl);
	bdb_annotation *notes = NULL;
	FUZZ_CHECK(bdb_reader_list_annotations(r, &notes, &n) == 0);
	for (size_t i = 0; i < n; i++)
		bdb_buf_printf(out, "annotation %s %d %s\n", notes[i].commit, (int)notes[i].kind,
			       notes[i].text);
	free(notes);
	bdb_metric_def *defs = NULL;
	FUZZ_CHECK(bdb_reader_list_metric_defs(r, &defs, &n) == 0);
	for (size_t i = 0; i < n; i++)
		bdb_buf_printf(out, "def %s %s %d %g\n", defs[i].name,
			       defs[i].unit ? defs[i].unit : "", (int)defs[i].direction,
			       defs[i].has_threshold ? defs[i].threshold : -1.0);
	free(defs);
	bdb_reader_end(r);
	struct bdb_store_stats st;
	FUZZ_CHECK(bdb_store_stats(store, &st) == 0);
	bdb_buf_printf(out, "stats %llu %llu %llu %llu\n", (unsigned long long)st.runs,
		       (unsigned long long)st.series, (unsigned long long)st.observations,
		       (unsigned long long)st.samples);
	FUZZ_CHECK(!out->failed);
}

static char qe_dir[256];
static bdb_store *qe_store;
static bdb_buf qe_print; /* the fixed store's fingerprint */

static void qe_remove_store(void)
{
	bdb_store_close(qe_store);
	qe_store = NULL;
	bdb_buf_free(&qe_print);
	DIR *dir = opendir(qe_dir);
	struct dirent *e;
	while (dir && (e = readdir(dir))) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", qe_dir, e->d_name);
		if (e->d_name[0] != '.')
			unlink(path);
	}
	if (dir)
		closedir(dir);
	rmdir(qe_dir);
}

/* Points the baselines at their runs, drops every other baseline and every
 * annotation. */
static void qe_reset_baselines(bdb_store *store)
{
	bdb_reader *r;
	FUZZ_CHECK(bdb_reader_begin(store, &r) == 0);
	bdb_baseline_info *bl = NULL;
	size_t n = 0;
	FUZZ_CHECK(bdb_reader_list_baselines(r, &bl, &n) == 0);
	char **names = calloc(n ? n : 1, sizeof *names);
	FUZZ_CHECK(names != NULL);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK((names[i] = strdup(bl[i].name)) != NULL);
	free(bl);
	uint64_t seqs[2];
	for (size_t b = 0; b < 2; b++)
		FUZZ_CHECK(bdb_reader_find_id(r, qe_baselines[b][1], &seqs[b]) == 0);
	/* Annotations too: the store starts without any. */
	bdb_annotation *notes = NULL;
	size_t n_notes = 0;
	FUZZ_CHECK(bdb_reader_list_annotations(r, &notes, &n_notes) == 0);
	char **commits = calloc(n_notes ? n_notes : 1, sizeof *commits);
	FUZZ_CHECK(commits != NULL);
	for (size_t i = 0; i < n_notes; i++)
		FUZZ_CHECK((commits[i] = strdup(notes[i].commit)) != NULL);
	free(notes);
	bdb_reader_end(r);
	for (size_t i = 0; i < n_notes; i++) {
		FUZZ_CHECK(bdb_store_drop_annotation(store, commits[i]) == 0);
		free(commits[i]);
	}
	free(commits);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(bdb_store_drop_baseline(store, names[i]) == 0);
		free(names[i]);
	}
	free(names);
	for (size_t b = 0; b < 2; b++)
		FUZZ_CHECK(bdb_store_set_baseline(store, qe_baselines[b][0], seqs[b]) == 0);
}

/* Builds the store, once per process; false when it cannot be made. */
static bool qe_open_store(void)
{
	if (qe_store)
		return true;
	if (qe_dir[0])
		return false; /* tried and failed */
	const char *base = getenv("TMPDIR");
	snprintf(qe_dir, sizeof qe_dir, "%s/bdb-fuzz-query-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(qe_dir))
		return false;
	atexit(qe_remove_store);
	bdb_store_options opt = {.no_sync = true};
	FUZZ_CHECK(bdb_store_open(qe_dir, &opt, &qe_store, NULL) == 0);
	for (size_t i = 0; i < QE_N_RUNS; i++) {
		bdb_run *run = qe_build_run(i);
		FUZZ_CHECK(run != NULL);
		FUZZ_CHECK(bdb_store_put_run(qe_store, run, 0, NULL, NULL, NULL) == 0);
		bdb_run_free(run);
	}
	qe_reset_baselines(qe_store);
	bdb_buf_init(&qe_print);
	qe_fingerprint(qe_store, &qe_print);
	return true;
}

/* ------------------------------------------------------------------------ */
/* Checks                                                                    */
/* ------------------------------------------------------------------------ */

/* A failed statement's diagnostic, as query.h describes it. */
static void qe_check_error(int rc, const bdb_diag *d)
{
	FUZZ_CHECK(rc == BDB_EQUERY || rc == BDB_ENOTFOUND || rc == BDB_ENOMEM);
	FUZZ_CHECK(d->code == rc && d->message[0]);
	if (rc != BDB_ENOMEM)
		fuzz_check_query_error(d);
}

static uint64_t qe_sink; /* keeps the reads from being optimized away */

static void qe_touch(bdb_value v)
{
	switch (v.kind) {
	case BDB_VALUE_NULL:
		break;
	case BDB_VALUE_STRING:
		FUZZ_CHECK(v.str != NULL);
		qe_sink += strlen(v.str);
		break;
	case BDB_VALUE_INT:
	case BDB_VALUE_TIME:
		qe_sink += (uint64_t)v.i;
		break;
	case BDB_VALUE_BOOL:
		FUZZ_CHECK(v.i == 0 || v.i == 1);
		break;
	case BDB_VALUE_NUMBER:
		qe_sink += (uint64_t)(v.num == v.num);
		break;
	case BDB_VALUE_TAGS:
		for (size_t i = 0; i < v.n_tags; i++)
			qe_sink += strlen(v.tags[i].key) + strlen(v.tags[i].value);
		break;
	default:
		FUZZ_FAIL("a value of no known kind");
	}
}

/* Reads every cell and field of r and formats it four ways. */
static void qe_check_result(const bdb_result *r)
{
	FUZZ_CHECK(bdb_result_statement(r) && bdb_result_statement(r)[0]);
	size_t cols = bdb_result_n_columns(r), rows = bdb_result_n_rows(r);
	for (size_t c = 0; c < cols; c++) {
		const char *name = bdb_result_column(r, c);
		FUZZ_CHECK(name && bdb_result_column_index(r, name) >= 0);
	}
	for (size_t i = 0; i < rows; i++)
		for (size_t c = 0; c < cols; c++)
			qe_touch(bdb_result_get(r, i, c));
	for (size_t i = 0; i < bdb_result_n_fields(r); i++) {
		FUZZ_CHECK(bdb_result_field_name(r, i) != NULL);
		qe_touch(bdb_result_field(r, i));
	}
	static const bdb_output_format formats[] = {BDB_OUTPUT_TABLE, BDB_OUTPUT_JSON,
						   BDB_OUTPUT_CSV, BDB_OUTPUT_MARKDOWN,
						   BDB_OUTPUT_LINE};
	bdb_query_options opt = {.is_terminal = true, .color = true};
	for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
		bdb_buf out;
		bdb_buf_init(&out);
		int rc = bdb_result_format(r, formats[f], f == 0 ? &opt : NULL, &out);
		FUZZ_CHECK(rc == 0 || rc == BDB_ENOMEM);
		if (!rc && formats[f] == BDB_OUTPUT_JSON) {
			json_error_t err;
			bdb_buf_putc(&out, '\0');
			json_t *j = out.failed ? NULL : json_loads(out.data, 0, &err);
			if (!out.failed && !j)
				fprintf(stderr, "JSON: %s at %d:%d in\n%s", err.text, err.line,
					err.column, out.data);
			FUZZ_CHECK(out.failed || json_is_object(j));
			json_decref(j);
		}
		bdb_buf_free(&out);
	}
}

/* The first statement of text that is not empty, as a new string. */
static char *qe_first_statement(const char *text, size_t *n_statements)
{
	char *first = NULL;
	*n_statements = 0;
	for (size_t pos = 0; text[pos];) {
		size_t end = bdb_query_statement_end(text + pos, NULL);
		if (end == 0) {
			pos++;
			continue;
		}
		if (!first)
			first = strndup(text + pos, end);
		++*n_statements;
		pos += end;
	}
	return first;
}

typedef struct qe_candidates {
	size_t n;
} qe_candidates;

static int qe_candidate(void *ctx, const char *candidate)
{
	qe_candidates *c = ctx;
	FUZZ_CHECK(candidate && candidate[0]);
	c->n++;
	return c->n > 1000; /* stops a runaway list, checked below */
}

static bool qe_word_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/*
 * Completes at every cursor position but those deep inside a word: within a
 * run of letters and digits the context (the tokens before the word) is the
 * same and only the prefix grows, so one position after the word's first
 * character stands for the rest (completing at all of them took 40% of the
 * harness's time).
 */
static void qe_check_complete(const char *text, size_t n)
{
	for (size_t cursor = 0; cursor <= n + 1; cursor++) {
		if (cursor >= 2 && cursor < n && qe_word_char(text[cursor - 2]) &&
		    qe_word_char(text[cursor - 1]) && qe_word_char(text[cursor]))
			continue;
		qe_candidates c = {0};
		size_t start = 99999;
		int rc = bdb_query_complete(qe_store, text, cursor, &start, qe_candidate, &c);
		FUZZ_CHECK(rc == 0 || rc == BDB_ENOMEM);
		FUZZ_CHECK(rc || start <= (cursor < n ? cursor : n));
		FUZZ_CHECK(c.n <= 1000);
	}
}

/* Whether text has word, in any letter case. */
static bool qe_mentions(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (; *text; text++)
		if (strncasecmp(text, word, n) == 0)
			return true;
	return false;
}

int fuzz_query_exec(const uint8_t *data, size_t size)
{
	if (size > QE_MAX_INPUT || !qe_open_store())
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	size_t n = strlen(text);

	/* "now" as in the golden tests: 2026-02-10T00:00:00Z */
	bdb_query_options opt = {.format = (bdb_output_format)(n % 5),
				 .now_us = INT64_C(1770681600) * 1000000};
	bdb_buf out;
	bdb_buf_init(&out);
	bdb_diag d;
	int rc = bdb_query_exec(qe_store, text, &opt, &out, &d);
	if (rc)
		qe_check_error(rc, &d);
	bdb_buf_free(&out);

	size_t n_statements;
	char *first = qe_first_statement(text, &n_statements);
	if (first) {
		bdb_result *r = NULL;
		int rc1 = bdb_query_run(qe_store, first, &opt, &r, &d);
		if (rc1)
			qe_check_error(rc1, &d);
		else
			qe_check_result(r);
		/* A lone statement that runs on its own runs in a script too
		 * (not so for a write, which the script may have done already). */
		if (n_statements == 1 && rc1 == 0 && !qe_mentions(text, "set") &&
		    !qe_mentions(text, "drop") && !qe_mentions(text, "annotate"))
			FUZZ_CHECK(rc == 0 || rc == BDB_ENOMEM);
		bdb_result_free(r);
		free(first);
	}

	if (n <= QE_MAX_COMPLETE)
		qe_check_complete(text, n);

	bdb_buf now;
	bdb_buf_init(&now);
	qe_fingerprint(qe_store, &now);
	if (now.len != qe_print.len || memcmp(now.data, qe_print.data, now.len) != 0) {
		FUZZ_CHECK(qe_mentions(text, "set") || qe_mentions(text, "drop") ||
			   qe_mentions(text, "annotate"));
		size_t problems = 99;
		FUZZ_CHECK(bdb_store_verify(qe_store, NULL, NULL, &problems) == 0);
		FUZZ_CHECK(problems == 0);
		qe_reset_baselines(qe_store);
		bdb_buf_reset(&now);
		qe_fingerprint(qe_store, &now);
		FUZZ_CHECK(now.len == qe_print.len &&
			   memcmp(now.data, qe_print.data, now.len) == 0);
	}
	bdb_buf_free(&now);
	free(text);
	return 0;
}

FUZZ_ENTRY(fuzz_query_exec)
