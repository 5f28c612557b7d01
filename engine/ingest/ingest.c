/*
 * ingest.c - the front of the adapters: reading a file, a directory or
 * stdin, detecting the format, running the adapter, then applying what the
 * command line says (options override the file) and the fallbacks for what
 * neither says (id from a hash of the input, timestamp from the file's
 * modification time or the current time).
 */
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Inputs above this size are refused rather than read. */
#define MAX_INPUT BDB_INGEST_MAX_INPUT

typedef struct adapter {
	bdb_format_info info; /* name (as --format takes it), tool, what it reads */
	bdb_input_format format;
	const char *alias; /* another name --format takes, or NULL */
	bool (*detect_json)(const json_t *root);
	bool (*detect_text)(const char *data, size_t len);
	bdb__ingest_fn ingest;
	int json; /* true: reads a JSON document; false: text; or JSON_LINES */
} adapter;

/* Reads JSON lines (text to the reader): detected by detect_text before documents. */
#define JSON_LINES 2

/*
 * The input-format table, in detection order: the most specific shapes
 * first, BMF (any object of objects of {"value": ...}) last among the JSON
 * formats. The only place a format's name is written.
 */
static const adapter adapters[] = {
    {{"benchkit", "benchkit", "Run JSON (id, timestamp, points[], metric_defs)"},
     BDB_INPUT_BENCHKIT,
     NULL,
     bdb__detect_benchkit,
     NULL,
     bdb__ingest_benchkit,
     true},
    {{"gbench", "Google Benchmark", "--benchmark_format=json output"},
     BDB_INPUT_GBENCH,
     "google-benchmark",
     bdb__detect_gbench,
     NULL,
     bdb__ingest_gbench,
     true},
    {{"criterion", "Criterion.rs", "a target/criterion/ directory tree"},
     BDB_INPUT_CRITERION,
     NULL,
     NULL,
     NULL,
     bdb__ingest_criterion,
     false},
    {{"pytest", "pytest-benchmark", "--benchmark-json output"},
     BDB_INPUT_PYTEST,
     "pytest-benchmark",
     bdb__detect_pytest,
     NULL,
     bdb__ingest_pytest,
     true},
    {{"hyperfine", "hyperfine", "--export-json output"},
     BDB_INPUT_HYPERFINE,
     NULL,
     bdb__detect_hyperfine,
     NULL,
     bdb__ingest_hyperfine,
     true},
    {{"gotest", "go test", "-bench text output"},
     BDB_INPUT_GOTEST,
     "go",
     NULL,
     bdb__detect_gotest,
     bdb__ingest_gotest,
     false},
    {{"cargo", "Rust libtest", "cargo bench text: test NAME ... bench: N UNIT (+/- M)"},
     BDB_INPUT_CARGO,
     "libtest",
     NULL,
     bdb__detect_cargo,
     bdb__ingest_cargo,
     false},
    {{"benchmarkjs", "benchmark.js", "cycle text: NAME x N ops/sec \xc2\xb1P% (R runs sampled)"},
     BDB_INPUT_BENCHMARKJS,
     "benchmark.js",
     NULL,
     bdb__detect_benchmarkjs,
     bdb__ingest_benchmarkjs,
     false},
    {{"catch2", "Catch2", "console output of BENCHMARK: NAME samples iterations, mean, std dev"},
     BDB_INPUT_CATCH2,
     NULL,
     NULL,
     bdb__detect_catch2,
     bdb__ingest_catch2,
     false},
    {{"fio", "fio", "--output-format=json output (text before the JSON is skipped)"},
     BDB_INPUT_FIO,
     NULL,
     bdb__detect_fio_json,
     bdb__detect_fio,
     bdb__ingest_fio,
     false},
    {{"iperf3", "iperf3", "-J output: end.sum_sent / sum_received, cpu, system_info"},
     BDB_INPUT_IPERF3,
     NULL,
     bdb__detect_iperf3,
     NULL,
     bdb__ingest_iperf3,
     true},
    {{"redis", "redis-benchmark", "--csv output: test, rps and latencies in ms"},
     BDB_INPUT_REDIS,
     "redis-benchmark",
     NULL,
     bdb__detect_redis,
     bdb__ingest_redis,
     false},
    {{"perf", "perf stat", "-x, CSV: value,unit,event,... (also with -r)"},
     BDB_INPUT_PERF,
     NULL,
     NULL,
     bdb__detect_perf,
     bdb__ingest_perf,
     false},
    {{"stress-ng", "stress-ng", "--metrics --yaml FILE: system-info and per-stressor metrics"},
     BDB_INPUT_STRESSNG,
     NULL,
     NULL,
     bdb__detect_stressng,
     bdb__ingest_stressng,
     false},
    {{"pgbench", "pgbench", "summary text: transaction type, tps, latency average"},
     BDB_INPUT_PGBENCH,
     NULL,
     NULL,
     bdb__detect_pgbench,
     bdb__ingest_pgbench,
     false},
    {{"sysbench", "sysbench", "cpu, memory and fileio run text (several runs in one file)"},
     BDB_INPUT_SYSBENCH,
     NULL,
     NULL,
     bdb__detect_sysbench,
     bdb__ingest_sysbench,
     false},
    {{"wrk", "wrk", "text: Running ... @ URL, Latency, --latency percentiles, Requests/sec"},
     BDB_INPUT_WRK,
     NULL,
     NULL,
     bdb__detect_wrk,
     bdb__ingest_wrk,
     false},
    {{"ab", "ApacheBench", "ab text: Requests per second, Time per request, percentiles"},
     BDB_INPUT_AB,
     NULL,
     NULL,
     bdb__detect_ab,
     bdb__ingest_ab,
     false},
    {{"callgrind", "valgrind callgrind",
      "callgrind.out summary/totals, or callgrind_annotate PROGRAM TOTALS"},
     BDB_INPUT_CALLGRIND,
     NULL,
     NULL,
     bdb__detect_callgrind,
     bdb__ingest_callgrind,
     false},
    {{"odyssey", "ml-odyssey", "baseline_results.json"},
     BDB_INPUT_ODYSSEY,
     "ml-odyssey",
     bdb__detect_odyssey,
     NULL,
     bdb__ingest_odyssey,
     true},
    {{"quasim", "QuASIM", "per-kernel report or summary.json"},
     BDB_INPUT_QUASIM,
     NULL,
     bdb__detect_quasim,
     NULL,
     bdb__ingest_quasim,
     true},
    {{"gab", "github-action-benchmark",
      "custom JSON [{name, unit, value, range, extra}]; a data.js history is imported whole"},
     BDB_INPUT_GAB,
     "github-action-benchmark",
     bdb__detect_gab,
     NULL,
     bdb__ingest_gab,
     true},
    {{"bmf", "Bencher", "Bencher Metric Format JSON"},
     BDB_INPUT_BMF,
     "bencher",
     bdb__detect_bmf,
     NULL,
     bdb__ingest_bmf,
     true},
    {{"gotest-json", "go test", "-json -bench output (test2json events around the -bench text)"},
     BDB_INPUT_GOTEST_JSON,
     NULL,
     NULL,
     bdb__detect_gotest_json,
     bdb__ingest_gotest_json,
     JSON_LINES},
    {{"gbench-csv", "Google Benchmark", "--benchmark_format=csv output"},
     BDB_INPUT_GBENCH_CSV,
     NULL,
     NULL,
     bdb__detect_gbench_csv,
     bdb__ingest_gbench_csv,
     false},
    {{"jmh", "JMH", "-rf json result file (jmh-result.json)"},
     BDB_INPUT_JMH,
     NULL,
     bdb__detect_jmh,
     NULL,
     bdb__ingest_jmh,
     true},
    {{"benchmarkdotnet", "BenchmarkDotNet",
      "full JSON report (--exporters json, *-report-full.json)"},
     BDB_INPUT_BENCHMARKDOTNET,
     NULL,
     bdb__detect_benchmarkdotnet,
     NULL,
     bdb__ingest_benchmarkdotnet,
     true},
    {{"julia", "BenchmarkTools.jl", "BenchmarkTools.save JSON (TrialEstimates or Trials)"},
     BDB_INPUT_JULIA,
     NULL,
     bdb__detect_julia,
     NULL,
     bdb__ingest_julia,
     true},
    {{"benchmarkluau", "Luau", "bench/bench.py output: SUCCESS: NAME : Tms +/- P% on DRIVER"},
     BDB_INPUT_BENCHMARKLUAU,
     NULL,
     NULL,
     bdb__detect_benchmarkluau,
     bdb__ingest_benchmarkluau,
     false},
    {{"catch2-xml", "Catch2", "XML reporter output (-r xml) of BENCHMARKs"},
     BDB_INPUT_CATCH2_XML,
     NULL,
     NULL,
     bdb__detect_catch2_xml,
     bdb__ingest_catch2_xml,
     false},
    {{"junit", "JUnit XML",
      "test report (pytest --junitxml, Surefire TEST-*.xml): the time of each test"},
     BDB_INPUT_JUNIT,
     NULL,
     NULL,
     bdb__detect_junit,
     bdb__ingest_junit,
     false},
    {{"vitest", "vitest bench",
      "--outputJson report (tinybench results: hz, mean, rme, percentiles)"},
     BDB_INPUT_VITEST,
     NULL,
     bdb__detect_vitest,
     NULL,
     bdb__ingest_vitest,
     true},
    {{"criterion-json", "cargo-criterion",
      "--message-format=json messages (one JSON object a line)"},
     BDB_INPUT_CRITERION_JSON,
     NULL,
     NULL,
     bdb__detect_criterion_json,
     bdb__ingest_criterion_json,
     JSON_LINES},
    {{"hyperfine-csv", "hyperfine", "--export-csv output"},
     BDB_INPUT_HYPERFINE_CSV,
     NULL,
     NULL,
     bdb__detect_hyperfine_csv,
     bdb__ingest_hyperfine_csv,
     false},
};

#define N_ADAPTERS (sizeof adapters / sizeof *adapters)

static const adapter *adapter_of(bdb_input_format f)
{
	for (size_t i = 0; i < N_ADAPTERS; i++)
		if (adapters[i].format == f)
			return &adapters[i];
	return NULL;
}

const char *bdb_format_name(bdb_input_format f)
{
	if (f == BDB_INPUT_AUTO)
		return "auto";
	const adapter *a = adapter_of(f);
	return a ? a->info.name : "unknown";
}

int bdb_format_parse(const char *name, bdb_input_format *out)
{
	if (!name)
		return BDB_EINVAL;
	if (strcmp(name, "auto") == 0) {
		*out = BDB_INPUT_AUTO;
		return 0;
	}
	for (size_t i = 0; i < N_ADAPTERS; i++) {
		const adapter *a = &adapters[i];
		if (strcmp(name, a->info.name) == 0 || (a->alias && strcmp(name, a->alias) == 0)) {
			*out = a->format;
			return 0;
		}
	}
	return BDB_EINVAL;
}

size_t bdb_format_count(void)
{
	return N_ADAPTERS;
}

const bdb_format_info *bdb_format_info_at(size_t i)
{
	return i < N_ADAPTERS ? &adapters[i].info : NULL;
}

static char format_list[1024];
static pthread_once_t format_list_once = PTHREAD_ONCE_INIT;

static void build_format_list(void)
{
	size_t len = 0;
	for (size_t i = 0; i < N_ADAPTERS && len < sizeof format_list; i++)
		len += (size_t)snprintf(format_list + len, sizeof format_list - len, "%s%s",
					i ? ", " : "", adapters[i].info.name);
}

/* The adapters' names in detection order, made once. */
const char *bdb_format_list(void)
{
	pthread_once(&format_list_once, build_format_list);
	return format_list;
}

void bdb_ingest_options_init(bdb_ingest_options *opt)
{
	memset(opt, 0, sizeof *opt);
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */
/* ------------------------------------------------------------------------ */

static int64_t mtime_us(const struct stat *st)
{
	return (int64_t)st->st_mtim.tv_sec * 1000000 + st->st_mtim.tv_nsec / 1000;
}

/* "1 GiB" or "N bytes", for the messages of a refused input. */
static void describe_size(size_t bytes, char *buf, size_t size)
{
	if (bytes >= MAX_INPUT && bytes % MAX_INPUT == 0)
		snprintf(buf, size, "%zu GiB", bytes / MAX_INPUT);
	else
		snprintf(buf, size, "%zu bytes", bytes);
}

int bdb__read_stream(FILE *f, const char *display, size_t size_hint, size_t limit, char **data,
		     size_t *len, bdb_diag *d)
{
	*data = NULL;
	*len = 0;
	/* Room for one byte past the limit (to tell "too big" from "exactly
	 * the limit") and the NUL. A regular file is read in one go. */
	size_t most = limit + 2;
	size_t cap = size_hint ? (size_hint < limit ? size_hint : limit) + 2 : 65536;
	if (cap > most)
		cap = most;
	char *buf = malloc(cap);
	if (!buf)
		return BDB_ENOMEM;
	size_t n = 0, got;
	do {
		if (n + 1 == cap) {
			size_t bigger = cap > most / 2 ? most : 2 * cap;
			char *p = realloc(buf, bigger);
			if (!p) {
				free(buf);
				return BDB_ENOMEM;
			}
			buf = p;
			cap = bigger;
		}
		got = fread(buf + n, 1, cap - 1 - n, f);
		n += got;
		if (n > limit) {
			free(buf);
			char what[32];
			describe_size(limit, what, sizeof what);
			return bdb_diag_set(d, BDB_ETOOBIG, display, 0, 0,
					    "inputs above %s are refused", what);
		}
		/* At the end of input, not at a read of nothing: on a
		 * terminal one Ctrl-D ends it (glibc's fread reads on after
		 * an end of file, so a second one was needed); and at an
		 * error, a read interrupted by Ctrl-C among them (fread read
		 * on after it too). */
	} while (got > 0 && !feof(f) && !ferror(f));
	if (ferror(f)) {
		int e = errno;
		free(buf);
		return bdb_diag_set(d, BDB_EIO, display, 0, 0, "cannot read: %s", strerror(e));
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

/* An empty path ("$FILE" of a variable that was not set) said "cannot
 * open: No such file or directory", naming no file. */
static int empty_path(bdb_diag *d)
{
	return bdb_diag_set(d, BDB_EIO, NULL, 0, 0,
			    "the path is empty (a variable that was not set?)");
}

int bdb__read_file(const char *path, const char *display, char **data, size_t *len, int64_t *mtime,
		   bdb_diag *d)
{
	*data = NULL;
	*len = 0;
	if (!path[0])
		return empty_path(d);
	FILE *f = fopen(path, "rb");
	if (!f)
		return bdb_diag_set(d, BDB_EIO, display, 0, 0, "cannot open: %s", strerror(errno));
	struct stat st;
	if (fstat(fileno(f), &st) != 0) {
		int e = errno;
		fclose(f);
		return bdb_diag_set(d, BDB_EIO, display, 0, 0, "cannot read: %s", strerror(e));
	}
	if (S_ISDIR(st.st_mode)) {
		fclose(f);
		return bdb_diag_set(d, BDB_EIO, display, 0, 0, "is a directory, not a file");
	}
	bool regular = S_ISREG(st.st_mode);
	if (regular && (uint64_t)st.st_size > MAX_INPUT) {
		fclose(f);
		return bdb_diag_set(d, BDB_ETOOBIG, display, 0, 0,
				    "is %lld bytes; inputs above 1 GiB are refused",
				    (long long)st.st_size);
	}
	/* A pipe, FIFO or character device (<(cmd), /dev/stdin) has no size:
	 * it is read to its end all the same. */
	int rc =
	    bdb__read_stream(f, display, regular ? (size_t)st.st_size : 0, MAX_INPUT, data, len, d);
	fclose(f);
	if (!rc && mtime)
		*mtime = regular ? mtime_us(&st) : bdb_time_now();
	return rc;
}

int bdb_input_read(const char *path, char **data, size_t *len, bdb_diag *d)
{
	bdb_diag_clear(d);
	if (strcmp(path, "-") == 0)
		return bdb__read_stream(stdin, "<stdin>", 0, MAX_INPUT, data, len, d);
	return bdb__read_file(path, path, data, len, NULL, d);
}

/* ------------------------------------------------------------------------ */
/* Detection                                                                 */
/* ------------------------------------------------------------------------ */

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* The first byte that is not a UTF-8 byte order mark or white space. */
static const char *content_start(const char *data, size_t len)
{
	const char *p = data;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	return skip_space(p, data + len);
}

/* JSON inputs start with '{' or '['. */
static bool looks_like_json(const char *data, size_t len)
{
	const char *p = content_start(data, len);
	return p < data + len && (*p == '{' || *p == '[');
}

static int no_match(bdb__input *in, const char *what, bdb_diag *d)
{
	int rc = bdb__criterion_part(in->name, false, d);
	if (!rc)
		rc = bdb__asv_file_refuse(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	return bdb_diag_set(d, BDB_EFORMAT, in->name, 1, 1,
			    "unrecognised input format (%s); tried %s; pass --format to force one",
			    what, bdb_format_list());
}

/*
 * A github-action-benchmark data.js holds many runs, not one: its errors
 * are reported as import-gab finds them (file:line:col), and a sound one is
 * refused with the command that imports it. Only an input that is no
 * regular file comes here (standard input, a pipe, a server's upload:
 * ingest hands files to import-gab), so its name is no file to give.
 */
static int refuse_history(bdb__input *in, bdb_diag *d)
{
	bdb_run **runs;
	size_t n;
	bdb_import_summary sum;
	memset(&sum, 0, sizeof sum);
	int rc = bdb_gab_history_read(in->name, in->data, in->len, &runs, &n, &sum, d);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		bdb_run_free(runs[i]);
	free(runs);
	return bdb_diag_set(d, BDB_EFORMAT, in->name, 1, 1,
			    "is a github-action-benchmark history of %zu runs, not one run; "
			    "import it where the store is: benchdb import-gab data.js ('-' "
			    "reads standard input)",
			    n);
}

/*
 * "little-endian" or "big-endian" when data is UTF-16 text (as PowerShell's
 * '>' and Windows tools write it): a byte order mark FF FE or FE FF, or
 * ASCII with a NUL after (before) each of its first two characters; else
 * NULL. Neither is UTF-8 text (0xFF and NUL never are), so only the
 * message of an input refused anyway changes.
 */
static const char *utf16_order(const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;
	if (len < 2)
		return NULL;
	if ((u[0] == 0xFF && u[1] == 0xFE) || (len >= 4 && u[0] && !u[1] && u[2] && !u[3]))
		return "little-endian";
	if ((u[0] == 0xFE && u[1] == 0xFF) || (len >= 4 && !u[0] && u[1] && !u[2] && u[3]))
		return "big-endian";
	return NULL;
}

/* Picks the adapter (detecting when format is AUTO) and parses JSON inputs. */
static int choose(bdb__input *in, bdb__json_doc *doc, bdb_input_format format, const adapter **out,
		  bdb_diag *d)
{
	if (in->dir) {
		if (format != BDB_INPUT_AUTO && format != BDB_INPUT_CRITERION)
			return bdb_diag_set(d, BDB_EFORMAT, in->name, 0, 0,
					    "is a directory; only the criterion format reads one");
		if (format == BDB_INPUT_AUTO && !bdb_is_criterion_tree(in->dir))
			return bdb_diag_set(d, BDB_EFORMAT, in->name, 0, 0,
					    "is a directory but not a Criterion tree (no "
					    "*/new/estimates.json); ingest its files");
		*out = adapter_of(BDB_INPUT_CRITERION);
		return 0;
	}
	if (format == BDB_INPUT_CRITERION)
		return bdb_diag_set(d, BDB_EFORMAT, in->name, 0, 0,
				    "the criterion format reads a directory "
				    "(target/criterion), not a file");
	if (content_start(in->data, in->len) == in->data + in->len)
		return bdb_diag_set(d, BDB_EPARSE, in->name, 1, 1,
				    "the input is empty; expected benchmark results");
	const char *utf16 = utf16_order(in->data, in->len);
	if (utf16)
		return bdb_diag_set(d, BDB_EPARSE, in->name, 1, 1,
				    "the input is UTF-16 (%s), not UTF-8 text; convert it first: "
				    "iconv -f UTF-16%s -t UTF-8",
				    utf16, utf16[0] == 'l' ? "LE" : "BE");
	if ((format == BDB_INPUT_AUTO || format == BDB_INPUT_GAB) &&
	    bdb_is_gab_history(in->data, in->len))
		return refuse_history(in, d);
	const adapter *a = format == BDB_INPUT_AUTO ? NULL : adapter_of(format);
	if (format != BDB_INPUT_AUTO && !a)
		return bdb_diag_set(d, BDB_EINVAL, in->name, 0, 0, "unknown format %d",
				    (int)format);
	bool json = a ? a->json == true : looks_like_json(in->data, in->len);
	for (size_t i = 0; json && !a && i < N_ADAPTERS; i++)
		if (adapters[i].json == JSON_LINES && adapters[i].detect_text(in->data, in->len))
			a = &adapters[i], json = false;
	if (json) {
		int rc = bdb__json_parse(doc, in->name, in->data, in->len, d);
		/* asv's NaN and Infinity: its files are import-asv's. */
		if (rc && format == BDB_INPUT_AUTO &&
		    bdb__asv_file_refuse(in->name, in->data, in->len, d))
			return BDB_EFORMAT;
		if (rc)
			return rc;
		in->json = doc;
		for (size_t i = 0; !a && i < N_ADAPTERS; i++)
			if (adapters[i].detect_json && adapters[i].detect_json(doc->root))
				a = &adapters[i];
		if (!a)
			return no_match(in,
					json_is_array(doc->root)
					    ? "a JSON array of an unknown shape"
					    : "a JSON object of an unknown shape",
					d);
	} else {
		int rc = bdb__text_check(in->name, in->data, in->len, d);
		if (rc)
			return rc;
		for (size_t i = 0; !a && i < N_ADAPTERS; i++)
			if (adapters[i].detect_text && adapters[i].json != JSON_LINES &&
			    adapters[i].detect_text(in->data, in->len))
				a = &adapters[i];
		if (!a)
			return no_match(in, "text without benchmark result lines", d);
	}
	*out = a;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* After the adapter                                                         */
/* ------------------------------------------------------------------------ */

int bdb__note_origin(bdb__input *in, size_t point, const json_t *array, size_t index)
{
	if (point >= in->n_origins) {
		size_t n = point + 1 > 2 * in->n_origins ? point + 1 : 2 * in->n_origins;
		bdb__origin *o = realloc(in->origins, n * sizeof *o);
		if (!o)
			return BDB_ENOMEM;
		memset(o + in->n_origins, 0, (n - in->n_origins) * sizeof *o);
		in->origins = o;
		in->n_origins = n;
	}
	in->origins[point] = (bdb__origin){array, index};
	return 0;
}

/* Two points with the same name and tags would be one series twice. */
static int check_unique_points(bdb__input *in, const bdb_run *run, bdb_diag *d)
{
	bdb__strmap seen = {0};
	bdb_buf key;
	bdb_buf_init(&key);
	int rc = 0;
	for (size_t i = 0; !rc && i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		bdb_buf_reset(&key);
		bdb_buf_puts(&key, p->name);
		for (size_t t = 0; t < p->n_tags; t++) {
			bdb_buf_putc(&key, '\x1f');
			bdb_buf_puts(&key, p->tags[t].key);
			bdb_buf_putc(&key, '\x1e');
			bdb_buf_puts(&key, p->tags[t].value);
		}
		if (key.failed) {
			rc = BDB_ENOMEM;
			break;
		}
		size_t other;
		rc = bdb__strmap_add(&seen, key.data, key.len, i, &other);
		if (rc == BDB_EEXISTS) {
			static const char fmt[] =
			    "points %zu and %zu are both \"%s\" with the same "
			    "tags; a point must be unique by name and tags";
			if (in->json && i < in->n_origins && in->origins[i].array)
				rc = bdb__json_fail(in->json, in->origins[i].array, NULL,
						    in->origins[i].index, d, fmt, other + 1, i + 1,
						    p->name);
			else
				rc = bdb_diag_set(d, BDB_EPARSE, in->name, 1, 1, fmt, other + 1,
						  i + 1, p->name);
			break;
		}
	}
	bdb_buf_free(&key);
	bdb__strmap_free(&seen);
	return rc;
}

/* Bounds the wrong way round that the adapter did not place (a spread
 * below zero): at the point's place in a JSON input, else the file's. */
static int check_bounds(bdb__input *in, const bdb_run *run, bdb_diag *d)
{
	const bdb_point *p;
	const bdb_metric *m = bdb__run_reversed_bounds(run, &p);
	if (!m)
		return 0;
	char why[200];
	bdb__bounds_reversed("lower", m->lower, "upper", m->upper, why, sizeof why);
	static const char fmt[] = "point \"%s\" metric \"%s\": %s";
	size_t i = (size_t)(p - run->points);
	if (in->json && i < in->n_origins && in->origins[i].array)
		return bdb__json_fail(in->json, in->origins[i].array, NULL, in->origins[i].index, d,
				      fmt, p->name, m->name, why);
	return bdb_diag_set(d, BDB_EPARSE, in->name, 0, 0, fmt, p->name, m->name, why);
}

/*
 * A metric without a unit of its own has its definition's: the store
 * writes no unit for a metric whose unit is its definition's and reads one
 * back from it, so the run is made now as it will read back (an adapter
 * may add such a metric before or after the definition).
 */
static int fill_units(bdb_run *run)
{
	for (size_t i = 0; i < run->n_points; i++) {
		bdb_point *p = &run->points[i];
		for (size_t k = 0; k < p->n_metrics; k++) {
			bdb_metric *m = &p->metrics[k];
			const bdb_metric_def *def = m->unit ? NULL : bdb_run_find_def(run, m->name);
			int rc = def && def->unit ? bdb_metric_set_unit(run, m, def->unit) : 0;
			if (rc)
				return rc;
		}
	}
	return 0;
}

static int apply_options(bdb__input *in, const adapter *a, bdb_run *run, int64_t fallback_us)
{
	const bdb_ingest_options *opt = in->opt;
	int rc = 0;
	if (opt->id)
		rc = bdb_run_set_id(run, opt->id);
	else if (!run->id) {
		uint64_t h = a->format == BDB_INPUT_CRITERION
				 ? in->hash
				 : bdb__hash(BDB__HASH_INIT, in->data, in->len);
		/*
		 * The same output of another commit or branch (results that do not
		 * vary: sizes, counts) is another run: the commit and branch that the
		 * command line or the CI environment give are part of its id.
		 */
		const char *commit = opt->commit   ? opt->commit
				     : run->commit ? NULL
						   : opt->default_commit;
		const char *branch = opt->branch   ? opt->branch
				     : run->branch ? NULL
						   : opt->default_branch;
		if (commit)
			h = bdb__hash(bdb__hash(h, "\x1f", 1), commit, strlen(commit));
		if (branch)
			h = bdb__hash(bdb__hash(h, "\x1e", 1), branch, strlen(branch));
		char id[64];
		snprintf(id, sizeof id, "%s-%016llx", a->info.name, (unsigned long long)h);
		rc = bdb_run_set_id(run, id);
	}
	if (!rc && opt->commit)
		rc = bdb_run_set_commit(run, opt->commit);
	if (!rc && opt->branch)
		rc = bdb_run_set_branch(run, opt->branch);
	if (!rc && !run->commit && opt->default_commit)
		rc = bdb_run_set_commit(run, opt->default_commit);
	if (!rc && !run->branch && opt->default_branch)
		rc = bdb_run_set_branch(run, opt->default_branch);
	if (opt->has_timestamp)
		run->timestamp_us = opt->timestamp_us;
	else if (!rc && in->has_timestamp && in->time_zone[0] && a->format == BDB_INPUT_BENCHKIT)
		rc = bdb_run_set_meta(run, BDB__META_ZONE, in->time_zone);
	else if (!in->has_timestamp) {
		run->timestamp_us =
		    a->format == BDB_INPUT_CRITERION ? in->newest_mtime_us : fallback_us;
		run->timestamp_assumed = true;
	}
	for (size_t i = 0; !rc && i < run->n_points; i++)
		for (size_t t = 0; !rc && t < opt->n_tags; t++)
			rc = bdb_point_set_tag(run, &run->points[i], opt->tags[t].key,
					       opt->tags[t].value);
	return rc;
}

/*
 * benchkit JSON through the fast path (bdb__benchkit_fast): *out is the
 * finished run, or NULL when the input is left to the jansson path (which
 * then finds every error, with its diagnostics).
 */
static void ingest_fast(bdb__input *in, bdb_input_format format, int64_t fallback_us, bdb_run **out)
{
	*out = NULL;
	if (in->dir || (format != BDB_INPUT_AUTO && format != BDB_INPUT_BENCHKIT))
		return;
	const char *p = content_start(in->data, in->len);
	bdb_run *run;
	if (p == in->data + in->len || *p != '{' || !(run = bdb_run_new()))
		return;
	if (!bdb__benchkit_fast(in, run) && run->n_points > 0 &&
	    !apply_options(in, adapter_of(BDB_INPUT_BENCHKIT), run, fallback_us) &&
	    !check_unique_points(in, run, NULL)) {
		*out = run;
		return;
	}
	bdb_run_free(run);
	in->has_timestamp = false;
	in->time_zone[0] = '\0';
}

static int ingest_input(bdb__input *in, bdb_input_format format, int64_t fallback_us, bdb_run **out,
			bdb_input_format *detected, bdb_diag *d)
{
	static const bdb_ingest_options none;
	if (!in->opt)
		in->opt = &none;
	ingest_fast(in, format, fallback_us, out);
	if (*out) {
		if (detected)
			*detected = BDB_INPUT_BENCHKIT;
		return 0;
	}
	bdb__json_doc doc = {0};
	const adapter *a = NULL;
	bdb_run *run = NULL;
	int rc = choose(in, &doc, format, &a, d);
	if (!rc && detected)
		*detected = a->format;
	if (!rc && !(run = bdb_run_new()))
		rc = BDB_ENOMEM;
	if (!rc)
		rc = a->ingest(in, run, d);
	/* The environment's JSON types, for the export (benchkit keeps its own). */
	if (!rc && in->env_shape)
		rc = bdb__json_keep_shape(run, "environment", in->env_shape);
	json_decref(in->env_shape);
	in->env_shape = NULL;
	bdb__flat_keys_free(&in->env_keys);
	if (!rc && run->n_points == 0)
		rc = bdb_diag_set(d, BDB_EPARSE, in->name, 1, 1,
				  "no benchmark results found in this %s input", a->info.name);
	if (!rc)
		rc = check_bounds(in, run, d);
	if (!rc)
		rc = fill_units(run);
	if (!rc)
		rc = apply_options(in, a, run, fallback_us);
	if (!rc)
		rc = check_unique_points(in, run, d);
	bdb__json_release(&doc);
	free(in->origins);
	in->origins = NULL;
	in->n_origins = 0;
	if (rc) {
		if (rc == BDB_ENOMEM && d && !d->code)
			bdb_diag_set(d, rc, in->name, 0, 0, "out of memory");
		bdb_run_free(run);
		return rc;
	}
	*out = run;
	return 0;
}

int bdb_ingest_buffer(const char *display_name, const void *data, size_t len,
		      bdb_input_format format, const bdb_ingest_options *opt, bdb_run **out,
		      bdb_input_format *detected, bdb_diag *d)
{
	bdb_diag_clear(d);
	*out = NULL;
	if (len > MAX_INPUT)
		return bdb_diag_set(d, BDB_ETOOBIG, display_name, 0, 0,
				    "inputs above 1 GiB are refused");
	/* Adapters rely on a NUL after the bytes. */
	char *copy = malloc(len + 1);
	if (!copy)
		return BDB_ENOMEM;
	memcpy(copy, data, len);
	copy[len] = '\0';
	bdb__input in = {
	    .name = display_name ? display_name : "<input>", .data = copy, .len = len, .opt = opt};
	int64_t fallback_us =
	    opt && opt->has_fallback_time ? opt->fallback_time_us : bdb_time_now();
	int rc = ingest_input(&in, format, fallback_us, out, detected, d);
	free(copy);
	return rc;
}

int bdb_ingest_path(const char *path, bdb_input_format format, const bdb_ingest_options *opt,
		    bdb_run **out, bdb_input_format *detected, bdb_diag *d)
{
	bdb_diag_clear(d);
	*out = NULL;
	bdb__input in = {.name = path, .opt = opt};
	char *data = NULL;
	size_t len = 0;
	int64_t fallback_us;
	int rc;
	if (strcmp(path, "-") == 0) {
		in.name = "<stdin>";
		rc = bdb_input_read(path, &data, &len, d);
		fallback_us = bdb_time_now();
	} else {
		struct stat st;
		if (!path[0])
			return empty_path(d);
		if (stat(path, &st) != 0)
			return bdb_diag_set(d, BDB_EIO, path, 0, 0, "cannot read: %s",
					    strerror(errno));
		if (S_ISDIR(st.st_mode)) {
			in.dir = path;
			rc = 0;
			fallback_us = mtime_us(&st);
		} else {
			rc = bdb__read_file(path, path, &data, &len, &fallback_us, d);
		}
	}
	if (rc)
		return rc;
	in.data = data;
	in.len = len;
	rc = ingest_input(&in, format, fallback_us, out, detected, d);
	free(data);
	return rc;
}
