/*
 * gbench_csv.c - Google Benchmark --benchmark_format=csv (the context goes
 * to standard error, so a file holds the table alone):
 *
 *   name,iterations,real_time,cpu_time,time_unit,bytes_per_second,items_per_second,label,error_occurred,error_message,"swaps"
 *   "BM_memcpy/64",8832445,8.40677,3.09548,ns,2.06753e+10,,,,,0
 *   "BM_memcpy/64_mean",3,7.01233,3.14398,ns,2.03594e+10,,,,,0
 *   "BM_sort/256",12768,4256.43,2293.81,ns,,1.11605e+08,"ints, ""random""",,,256
 *
 * The same points and metrics as the JSON output (gbench.c): a point is
 * the name (plus tag label when the row has one); real_time and cpu_time
 * (lower) in time_unit, items_per_second (items/s) and bytes_per_second
 * (B/s) (higher), and every column after error_message a user counter (no
 * direction). Repetitions make samples and a mean. The CSV has no run_type
 * column: a row is an aggregate when its name ends in _mean, _median,
 * _stddev or _cv (_BigO, _RMS for complexity fits) and the file holds the
 * sibling aggregate (NAME_stddev for the others, NAME_mean for _stddev;
 * NAME_RMS and NAME_BigO for each other), as Google Benchmark always writes
 * them together. Aggregates are skipped, except a NAME_mean whose NAME has
 * no row of its own (--benchmark_report_aggregates_only): it gives NAME's
 * values. A row with error_occurred "true" is left out and its message
 * kept as metadata "error:<name>"; one with "false", no iterations and a
 * message (1.8's SkipWithMessage) as "skipped:<name>". Such rows end after
 * the message, without the counters' fields. Lines before the header (the context,
 * when standard error went to the file too) are skipped.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const char header[] = "name,iterations,real_time,cpu_time,time_unit,";

/* The fixed columns, in Google Benchmark's order; counters follow. */
enum { NAME, ITERATIONS, REAL, CPU, UNIT, BYTES, ITEMS, LABEL, ERROR, MESSAGE, N_FIXED };

bool bdb__detect_gbench_csv(const char *data, size_t len)
{
	bdb__lines l;
	bdb__lines_init(&l, data, len);
	while (bdb__lines_next(&l))
		if (bdb__starts_with(l.line, l.len, header))
			return true;
	return false;
}

typedef struct csv_ctx {
	bdb__input *in;
	bdb_run *run;
	bdb_diag *d;
	bdb__csv_row head, row;
	bdb__strmap names; /* every row name */
	bdb__strmap points;
	bdb__samples samples;
	bdb__lines at;	 /* the line being read */
	int line_offset; /* of at.number: rows are read from the line after the header */
} csv_ctx;

static int fail(csv_ctx *c, const char *at, const char *fmt, const char *what, const char *got)
{
	bdb_diag_set(c->d, BDB_EPARSE, c->in->name, c->line_offset + c->at.number,
		     bdb__line_column(c->at.line, at), "malformed Google Benchmark CSV row: %s", "");
	if (c->d) {
		char msg[512];
		snprintf(msg, sizeof msg, fmt, what, got);
		snprintf(c->d->message, sizeof c->d->message,
			 "malformed Google Benchmark CSV row: %s", msg);
	}
	return BDB_EPARSE;
}

static bool has_name(const bdb__strmap *names, const char *base, size_t n, const char *suffix)
{
	char name[1024];
	size_t k = strlen(suffix);
	size_t idx;
	if (n + k >= sizeof name)
		return false;
	memcpy(name, base, n);
	memcpy(name + n, suffix, k + 1);
	return bdb__strmap_get(names, name, n + k, &idx);
}

size_t bdb__gbench_aggregate_base(const bdb__strmap *names, const char *name)
{
	static const struct {
		const char *suffix, *sibling;
	} aggregates[] = {
	    {"_mean", "_stddev"}, {"_median", "_stddev"}, {"_cv", "_stddev"},
	    {"_stddev", "_mean"}, {"_BigO", "_RMS"},	  {"_RMS", "_BigO"},
	};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof aggregates / sizeof *aggregates; i++) {
		size_t k = strlen(aggregates[i].suffix);
		if (n > k && strcmp(name + n - k, aggregates[i].suffix) == 0 &&
		    has_name(names, name, n - k, aggregates[i].sibling))
			return n - k;
	}
	return 0;
}

static int number(csv_ctx *c, size_t col, bool required, double *out, bool *present)
{
	const char *text = c->row.field[col];
	*present = false;
	if (!*text && !required)
		return 0;
	if (!bdb__parse_number(text, strlen(text), false, out))
		return fail(c, c->row.start[col], "expected a number for \"%s\", got \"%s\"",
			    c->head.field[col], text);
	*present = true;
	return 0;
}

static int observe(csv_ctx *c, size_t point, const char *metric, double value, const char *unit,
		   bool has_dir, bdb_direction dir)
{
	bdb_point *p = &c->run->points[point];
	int rc = has_dir ? bdb__add_defined_metric(c->run, p, metric, value, unit, dir, NULL)
			 : bdb__add_metric(c->run, p, metric, value, unit, NULL);
	return rc ? rc : bdb__samples_add(&c->samples, point, metric, value);
}

/* One row's values under the point name (name[0..n)). */
static int read_values(csv_ctx *c, const char *name, size_t n)
{
	double real, cpu, items, bytes, f;
	bool has, has_items, has_bytes;
	int rc;
	const char *unit = c->row.field[UNIT], *label = c->row.field[LABEL];
	if ((rc = number(c, REAL, true, &real, &has)) || (rc = number(c, CPU, true, &cpu, &has)) ||
	    (rc = number(c, ITEMS, false, &items, &has_items)) ||
	    (rc = number(c, BYTES, false, &bytes, &has_bytes)))
		return rc;
	if (!*unit)
		unit = "ns";
	else if (bdb_unit_factor(unit, "ns", &f) != 0)
		return fail(c, c->row.start[UNIT],
			    "expected a time unit (ns, us, ms or s) for \"%s\", got \"%s\"",
			    "time_unit", unit);
	char point_name[1024];
	bdb__copy_text(point_name, sizeof point_name, name, n);
	bdb_kv tag = {"label", label};
	size_t point;
	if ((rc = bdb__point_get(c->run, &c->points, point_name, &tag, *label ? 1 : 0, &point)) ||
	    (rc = observe(c, point, "real_time", real, unit, true, BDB_LOWER)) ||
	    (rc = observe(c, point, "cpu_time", cpu, unit, true, BDB_LOWER)) ||
	    (has_items &&
	     (rc = observe(c, point, "items_per_second", items, "items/s", true, BDB_HIGHER))) ||
	    (has_bytes &&
	     (rc = observe(c, point, "bytes_per_second", bytes, "B/s", true, BDB_HIGHER))))
		return rc;
	for (size_t col = N_FIXED; col < c->head.n; col++) {
		double v;
		if ((rc = number(c, col, false, &v, &has)))
			return rc;
		if (has && (rc = observe(c, point, c->head.field[col], v, NULL, false, BDB_INFO)))
			return rc;
	}
	return 0;
}

/* Splits the current line into c->row; its fields must match the header's. */
static int split(csv_ctx *c)
{
	const char *err, *at;
	int rc = bdb__csv_split(&c->row, c->at.line, c->at.len, &err, &at);
	if (rc < 0)
		return fail(c, at, "%s%s", err, "");
	if (rc)
		return rc;
	/* A row the reporter leaves out (an error, or 1.8's SkipWithMessage)
	 * stops after error_occurred and its message: no counter fields. */
	bool left_out =
	    c->row.n == N_FIXED && c->head.n > N_FIXED && !*c->row.field[ITERATIONS] &&
	    (strcmp(c->row.field[ERROR], "true") == 0 || strcmp(c->row.field[ERROR], "false") == 0);
	if (c->row.n != c->head.n && !left_out) {
		char what[64];
		snprintf(what, sizeof what, "%zu", c->head.n);
		char got[32];
		snprintf(got, sizeof got, "%zu", c->row.n);
		return fail(c, c->at.line + c->at.len,
			    "expected %s fields as the header has, got %s", what, got);
	}
	if (!*c->row.field[NAME])
		return fail(c, c->row.start[NAME], "expected a benchmark %s%s", "name", "");
	return 0;
}

/*
 * Pass 0 records the names; pass 1 reads iteration rows; pass 2 the means
 * of names that have no iteration row.
 */
static int read_pass(csv_ctx *c, int pass, const char *first)
{
	int rc = 0;
	bdb__lines_init(&c->at, first, (size_t)(c->in->data + c->in->len - first));
	while (!rc && bdb__lines_next(&c->at)) {
		if (bdb__skip_blanks(c->at.line, c->at.line + c->at.len) == c->at.line + c->at.len)
			continue;
		if ((rc = split(c)))
			break;
		const char *name = c->row.field[NAME];
		size_t n = strlen(name), seen;
		if (pass == 0) {
			rc = bdb__strmap_put(&c->names, name, n, 0);
			continue;
		}
		size_t base = bdb__gbench_aggregate_base(&c->names, name);
		bool error = strcmp(c->row.field[ERROR], "true") == 0;
		/* 1.8's SkipWithMessage: error_occurred false, no iterations, a
		 * message. */
		bool skipped = !error && strcmp(c->row.field[ERROR], "false") == 0 &&
			       !*c->row.field[ITERATIONS] && *c->row.field[MESSAGE];
		if (pass == 1 && (error || skipped)) {
			rc = bdb__set_left_out(c->run, error ? "error" : "skipped", name, n,
					       *c->row.field[MESSAGE] ? c->row.field[MESSAGE]
								      : "error");
		} else if (skipped) {
			/* left out in pass 1 */
		} else if (pass == 1 && !base) {
			rc = read_values(c, name, n);
		} else if (pass == 2 && base && !error && strcmp(name + base, "_mean") == 0 &&
			   !bdb__strmap_get(&c->names, name, base, &seen)) {
			rc = read_values(c, name, base);
		}
	}
	return rc;
}

int bdb__ingest_gbench_csv(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	csv_ctx c = {.in = in, .run = run, .d = d};
	bdb__lines_init(&c.at, in->data, in->len);
	bool found = false;
	while (!found && bdb__lines_next(&c.at))
		found = bdb__starts_with(c.at.line, c.at.len, header);
	if (!found) {
		rc = bdb_diag_set(d, BDB_EPARSE, in->name, 1, 1,
				  "expected Google Benchmark's CSV header \"%s...\"", header);
	} else {
		const char *err, *at;
		int line = c.at.number;
		rc = bdb__csv_split(&c.head, c.at.line, c.at.len, &err, &at);
		if (rc < 0)
			rc = bdb_diag_set(d, BDB_EPARSE, in->name, line, bdb__line_column(c.at.line, at),
					  "malformed Google Benchmark CSV header: %s", err);
		else if (!rc && c.head.n < N_FIXED)
			rc = bdb_diag_set(d, BDB_EPARSE, in->name, line, 1,
					  "malformed Google Benchmark CSV header: expected at "
					  "least the %d columns name .. error_message",
					  N_FIXED);
		const char *first = c.at.next;
		c.line_offset = c.at.number;
		for (int pass = 0; !rc && pass < 3; pass++)
			rc = read_pass(&c, pass, first);
	}
	if (!rc)
		rc = bdb__samples_finish(&c.samples, run);
	bdb__samples_free(&c.samples);
	bdb__strmap_free(&c.points);
	bdb__strmap_free(&c.names);
	bdb__csv_free(&c.head);
	bdb__csv_free(&c.row);
	return rc;
}
