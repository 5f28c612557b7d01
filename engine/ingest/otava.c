/*
 * otava.c - an Apache Otava (formerly Hunter) CSV history: one row per run
 * of one test, as Otava's `type: csv` tests read it:
 *
 *   time,commit,metric1,metric2
 *   2026.01.01 3:00:00 +0100,aaa0,154023,10.43
 *   2026.01.02 3:00:00 +0100,aaa1,138455,10.23
 *
 * The configuration is Otava's: time_column (default "time"), attributes
 * (columns describing the run; default "commit" when the header has it)
 * and metrics (columns with a direction, 1 = higher is better, Otava's
 * default, or -1 = lower, and a scale the value is multiplied by; default:
 * every other column, direction 1). Every row is one run: id
 * "otava-<16 hex>" hashed from the test, the row's time and its
 * attributes, so a grown file gives its old rows the same ids; the time
 * column is the timestamp; attribute commit the commit, branch the branch,
 * the others metadata; one point named after the test holds the metrics.
 * An empty metric cell is a metric the run did not measure. The whole file
 * is read and checked before anything is stored.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct otava_ctx {
	const char *name; /* the file, for errors */
	const bdb_otava_options *o;
	const char *test;
	bdb__csv_row head, row;
	bdb__lines at;
	size_t time_col;
	size_t attr_col[BDB__CSV_MAX_FIELDS];
	size_t n_attr;
	bdb_otava_metric metric[BDB__CSV_MAX_FIELDS];
	size_t metric_col[BDB__CSV_MAX_FIELDS];
	size_t n_metric;
	bdb_run **runs;
	int *lines; /* the line of each run's row */
	size_t n, cap;
	bdb__strmap ids;
	size_t rows, duplicates;
	size_t empty; /* rows without a metric value */
	bdb_diag *d;
} otava_ctx;

static int fail_at(otava_ctx *c, const char *at, const char *fmt, const char *a, const char *b)
{
	char msg[512];
	snprintf(msg, sizeof msg, fmt, a, b);
	return bdb_diag_set(c->d, BDB_EPARSE, c->name, c->at.number,
			    bdb__line_column(c->at.line, at), "Otava CSV: %s", msg);
}

/* The header's column called name, or false. */
static bool find_column(const otava_ctx *c, const char *name, size_t *col)
{
	for (size_t i = 0; i < c->head.n; i++)
		if (strcmp(c->head.field[i], name) == 0) {
			*col = i;
			return true;
		}
	return false;
}

static int need_column(otava_ctx *c, const char *what, const char *name, size_t *col)
{
	if (find_column(c, name, col))
		return 0;
	return fail_at(c, c->at.line, "the header has no %s column \"%s\"", what, name);
}

static bool is_attribute(const otava_ctx *c, size_t col)
{
	for (size_t i = 0; i < c->n_attr; i++)
		if (c->attr_col[i] == col)
			return true;
	return false;
}

/*
 * A column the import reads must have a name that no other column has:
 * "m,m" stored the second column's values under m and dropped the first's,
 * and a nameless metric column failed at write time without a position.
 */
static int check_used(otava_ctx *c, size_t col)
{
	const char *name = c->head.field[col];
	if (!*name) {
		char nth[32];
		snprintf(nth, sizeof nth, "%zu", col + 1);
		return fail_at(c, c->head.start[col],
			       "column %s of the header has no name (name it, or leave it out "
			       "with --metrics)%s",
			       nth, "");
	}
	for (size_t i = 0; i < c->head.n; i++)
		if (i != col && strcmp(c->head.field[i], name) == 0)
			return fail_at(c, c->head.start[i > col ? i : col],
				       "the header names two columns \"%s\": rename one, the "
				       "import cannot tell them apart%s",
				       name, "");
	return 0;
}

/* Maps the options' columns onto the header's. */
static int read_header(otava_ctx *c)
{
	const bdb_otava_options *o = c->o;
	if (o->n_attributes > BDB__CSV_MAX_FIELDS || o->n_metrics > BDB__CSV_MAX_FIELDS)
		return bdb_diag_set(c->d, BDB_EINVAL, c->name, 1, 1,
				    "Otava CSV: more than %d attribute or metric columns",
				    BDB__CSV_MAX_FIELDS);
	int rc = need_column(c, "time", o->time_column ? o->time_column : "time", &c->time_col);
	for (size_t i = 0; !rc && i < o->n_attributes; i++)
		rc = need_column(c, "attribute", o->attributes[i], &c->attr_col[c->n_attr++]);
	if (!rc && !o->n_attributes && find_column(c, "commit", &c->attr_col[0]))
		c->n_attr = 1;
	for (size_t i = 0; !rc && i < o->n_metrics; i++) {
		c->metric[i] = o->metrics[i];
		rc = need_column(c, "metric", o->metrics[i].column, &c->metric_col[i]);
		c->n_metric++;
	}
	for (size_t i = 0; !rc && !o->n_metrics && i < c->head.n; i++) {
		if (i == c->time_col || is_attribute(c, i))
			continue;
		c->metric[c->n_metric] = (bdb_otava_metric){NULL, 1, 1.0, NULL, c->head.field[i]};
		c->metric_col[c->n_metric++] = i;
	}
	if (!rc && c->n_metric == 0)
		rc = fail_at(c, c->at.line, "the header has no metric column%s%s", "", "");
	if (!rc)
		rc = check_used(c, c->time_col);
	for (size_t i = 0; !rc && i < c->n_attr; i++)
		rc = check_used(c, c->attr_col[i]);
	for (size_t i = 0; !rc && i < c->n_metric; i++)
		rc = check_used(c, c->metric_col[i]);
	return rc;
}

/* Two decimal digits' value at p, or -1. */
static int digits(const char *p, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = 10 * v + (p[i] - '0');
	}
	return v;
}

/* The number of digits at p. */
static size_t span_digits(const char *p)
{
	size_t n = 0;
	while (p[n] >= '0' && p[n] <= '9')
		n++;
	return n;
}

/*
 * A time as Otava's files write them: seconds since 1970, or a date
 * YYYY-MM-DD (also with '.' or '/'), a time of day H:MM[:SS[.f]] after a
 * space or 'T', and a zone (Z, UTC, +HH:MM, +HHMM, also after a space).
 * Rewritten as RFC 3339 for bdb_time_parse.
 */
static bool parse_time(const char *s, int64_t *us)
{
	double secs;
	if (bdb__parse_number(s, strlen(s), false, &secs)) {
		if (secs < -1e12 || secs > 1e12)
			return false;
		*us = (int64_t)(secs * 1e6 + (secs < 0 ? -0.5 : 0.5));
		return true;
	}
	char out[80];
	const char *p = s;
	if (span_digits(p) != 4 || (p[4] != '-' && p[4] != '.' && p[4] != '/'))
		return false;
	char sep = p[4];
	size_t nm = span_digits(p + 5);
	if (nm < 1 || nm > 2 || p[5 + nm] != sep)
		return false;
	const char *dp = p + 6 + nm;
	size_t nd = span_digits(dp);
	if (nd < 1 || nd > 2)
		return false;
	int month = digits(p + 5, nm), day = digits(dp, nd);
	int len = snprintf(out, sizeof out, "%.4s-%02d-%02d", p, month, day);
	p = dp + nd;
	if (*p == 'T' || (*p == ' ' && p[1] >= '0' && p[1] <= '9' && p[2] != '\0' &&
			  (p[2] == ':' || p[3] == ':'))) {
		p++;
		size_t nh = span_digits(p);
		if (nh < 1 || nh > 2 || p[nh] != ':' || span_digits(p + nh + 1) != 2)
			return false;
		int hour = digits(p, nh), minute = digits(p + nh + 1, 2);
		p += nh + 3;
		int sec = 0;
		if (*p == ':') {
			if (span_digits(p + 1) != 2)
				return false;
			sec = digits(p + 1, 2);
			p += 3;
		}
		len += snprintf(out + len, sizeof out - (size_t)len, "T%02d:%02d:%02d", hour,
				minute, sec);
		if (*p == '.') {
			size_t nf = span_digits(p + 1);
			if (nf < 1 || nf > 9)
				return false;
			len += snprintf(out + len, sizeof out - (size_t)len, "%.*s", (int)nf + 1,
					p);
			p += nf + 1;
		}
	}
	while (*p == ' ')
		p++;
	if (strcmp(p, "UTC") == 0)
		p = "Z";
	if (*p && strlen(p) + (size_t)len + 1 > sizeof out)
		return false;
	if (*p && !strchr(out, 'T'))
		len += snprintf(out + len, sizeof out - (size_t)len, "T00:00:00");
	snprintf(out + len, sizeof out - (size_t)len, "%s", p);
	return bdb_time_parse(out, us) == 0;
}

/* "otava-<16 hex>" of the test, the time and the attributes' values. */
static int set_id(otava_ctx *c, bdb_run *run)
{
	char when[32];
	snprintf(when, sizeof when, "%lld", (long long)run->timestamp_us);
	uint64_t h = bdb__hash(BDB__HASH_INIT, c->test, strlen(c->test) + 1);
	h = bdb__hash(h, when, strlen(when) + 1);
	for (size_t i = 0; i < c->n_attr; i++) {
		const char *v = c->row.field[c->attr_col[i]];
		h = bdb__hash(h, v, strlen(v) + 1);
	}
	char id[32];
	snprintf(id, sizeof id, "otava-%016llx", (unsigned long long)h);
	return bdb_run_set_id(run, id);
}

static int set_attributes(otava_ctx *c, bdb_run *run)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < c->n_attr; i++) {
		const char *key = c->head.field[c->attr_col[i]];
		const char *v = c->row.field[c->attr_col[i]];
		if (!*v)
			continue;
		if (strcmp(key, "commit") == 0)
			rc = bdb_run_set_commit(run, v);
		else if (strcmp(key, "branch") == 0)
			rc = bdb_run_set_branch(run, v);
		else
			rc = bdb_run_set_meta(run, key, v);
	}
	return rc;
}

/* Whether text[0..len) is a number's text whose value is beyond a double. */
static bool strtod_overflows(const char *text, size_t len, double *v)
{
	char buf[64], *endp;
	if (len == 0 || len >= sizeof buf)
		return false;
	memcpy(buf, text, len);
	buf[len] = '\0';
	*v = strtod(buf, &endp);
	return *endp == '\0' && isinf(*v) && strpbrk(buf, "0123456789");
}

/*
 * A metric cell that is no number. Without --metrics every column but the
 * time and the attributes is a metric: a column of text in the first row
 * (a branch, a version) is an attribute the options did not list, and the
 * error says how to list it.
 */
static int not_a_number(otava_ctx *c, size_t i, const char *text, const char *number, size_t len)
{
	const char *column = c->metric[i].column;
	char msg[480];
	int n = snprintf(msg, sizeof msg, "expected a number for metric \"%.100s\", got \"%.100s\"",
			 column, text);
	/* What Python's float() reads, Otava too, but no run holds. */
	double v;
	const char *word = len && (*number == '-' || *number == '+') ? number + 1 : number;
	size_t wlen = len && word != number ? len - 1 : len;
	bool nonfinite =
	    (wlen == 3 && (strncasecmp(word, "nan", 3) == 0 || strncasecmp(word, "inf", 3) == 0)) ||
	    (wlen == 8 && strncasecmp(word, "infinity", 8) == 0);
	const char *why = nonfinite
			      ? ": a value that is not finite is not measured: leave the cell "
				"empty"
			  : strtod_overflows(number, len, &v) ? ": it is beyond a double"
							      : NULL;
	if (why && n > 0 && (size_t)n < sizeof msg)
		snprintf(msg + n, sizeof msg - (size_t)n, "%s", why);
	else if (!c->o->n_metrics && c->rows == 1 && n > 0 && (size_t)n < sizeof msg) {
		n += snprintf(msg + n, sizeof msg - (size_t)n,
			      " (every column but the time and the attributes is a metric: "
			      "a column of text is an attribute, --attributes ");
		for (size_t a = 0; a < c->n_attr && (size_t)n < sizeof msg; a++)
			n += snprintf(msg + n, sizeof msg - (size_t)n, "%.60s,",
				      c->head.field[c->attr_col[a]]);
		if ((size_t)n < sizeof msg)
			snprintf(msg + n, sizeof msg - (size_t)n, "%.60s)", column);
	}
	return fail_at(c, c->row.start[c->metric_col[i]], "%s%s", msg, "");
}

static int set_metrics(otava_ctx *c, bdb_run *run)
{
	bdb_point *p;
	int rc = bdb_run_add_point(run, c->test, &p);
	for (size_t i = 0; !rc && i < c->n_metric; i++) {
		const bdb_otava_metric *m = &c->metric[i];
		const char *text = c->row.field[c->metric_col[i]];
		double v;
		if (!*text)
			continue;
		/* Blanks around it, as Python's float() (Otava's) reads them. */
		const char *number = text, *end = text + strlen(text);
		while (number < end && (*number == ' ' || *number == '\t'))
			number++;
		while (end > number && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (!bdb__parse_number(number, (size_t)(end - number), false, &v))
			return not_a_number(c, i, text, number, (size_t)(end - number));
		v *= m->scale;
		rc = bdb__add_defined_metric(run, p, m->name ? m->name : m->column, v, m->unit,
					     m->direction < 0 ? BDB_LOWER : BDB_HIGHER, NULL);
	}
	return rc;
}

static int add_run(otava_ctx *c, bdb_run *run)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		bdb_run **runs = realloc(c->runs, cap * sizeof *runs);
		if (runs)
			c->runs = runs;
		int *lines = runs ? realloc(c->lines, cap * sizeof *lines) : NULL;
		if (!lines)
			return BDB_ENOMEM;
		c->lines = lines;
		c->cap = cap;
	}
	c->lines[c->n] = c->at.number;
	c->runs[c->n++] = run;
	return 0;
}

static int read_row(otava_ctx *c)
{
	if (c->row.n != c->head.n) {
		char want[32], got[32];
		snprintf(want, sizeof want, "%zu", c->head.n);
		snprintf(got, sizeof got, "%zu", c->row.n);
		return fail_at(c, c->at.line, "expected %s fields as in the header, got %s", want,
			       got);
	}
	c->rows++;
	bdb_run *run = bdb_run_new();
	if (!run)
		return BDB_ENOMEM;
	const char *when = c->row.field[c->time_col];
	int rc = 0;
	if (!parse_time(when, &run->timestamp_us))
		rc = fail_at(c, c->row.start[c->time_col],
			     "expected a time in column \"%s\" (2026-01-31 12:00:00 +0000, or "
			     "seconds since 1970), got \"%s\"",
			     c->head.field[c->time_col], when);
	if (!rc && !(rc = set_id(c, run)) && !(rc = set_attributes(c, run)) &&
	    !(rc = bdb_run_set_meta(run, "otava_test", c->test)))
		rc = set_metrics(c, run);
	size_t other;
	bool seen = !rc && bdb__strmap_get(&c->ids, run->id, strlen(run->id), &other);
	if (seen && bdb_run_equal(run, c->runs[other])) {
		c->duplicates++;
	} else if (seen) {
		/* One run per time and attributes (the run's id): a second row of
		 * other values is no copy of the first, and neither wins. */
		char line[32];
		snprintf(line, sizeof line, "%d", c->lines[other]);
		rc = fail_at(c, c->row.start[c->time_col],
			     "this row has the time and attributes of the row on line %s but "
			     "other values: one of them is wrong, or an attribute column that "
			     "tells them apart is missing from --attributes%s",
			     line, "");
	} else if (!rc && run->points[0].n_metrics > 0) {
		if (!(rc = bdb__strmap_put(&c->ids, run->id, strlen(run->id), c->n)) &&
		    !(rc = add_run(c, run)))
			return 0;
	} else if (!rc) {
		c->empty++; /* every metric cell empty: no run, but counted */
	}
	bdb_run_free(run);
	return rc;
}

static int read_csv(otava_ctx *c, const char *data, size_t len)
{
	int rc = bdb__text_check(c->name, data, len, c->d);
	bool have_head = false;
	bdb__lines_init(&c->at, data, len);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		c->at.next += 3;
	while (!rc && bdb__lines_next(&c->at)) {
		if (c->at.len == 0)
			continue;
		const char *err, *at;
		rc = bdb__csv_split(have_head ? &c->row : &c->head, c->at.line, c->at.len, &err,
				    &at);
		if (rc < 0)
			rc = fail_at(c, at, "%s%s", err, "");
		else if (!rc && !have_head) {
			have_head = true;
			rc = read_header(c);
		} else if (!rc)
			rc = read_row(c);
	}
	if (!rc && !have_head)
		rc = bdb_diag_set(c->d, BDB_EPARSE, c->name, 1, 1,
				  "Otava CSV: empty file, expected a header line");
	else if (!rc && c->n == 0)
		rc = bdb_diag_set(c->d, BDB_EPARSE, c->name, c->at.number, 1,
				  "Otava CSV: no rows with a metric value");
	return rc;
}

/* The file's base name without .csv: the test when none is given. */
static void default_test(const char *path, char *buf, size_t size)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".csv") == 0)
		n -= 4;
	bdb__copy_text(buf, size, base, n);
}

int bdb_import_otava(bdb_store *store, const char *path, const bdb_otava_options *o,
		     unsigned put_flags, bdb_import_summary *summary, bdb_diag *d)
{
	bdb_import_summary sum;
	memset(&sum, 0, sizeof sum);
	bdb_diag_clear(d);
	otava_ctx *c = calloc(1, sizeof *c);
	bdb__import_item *items = NULL;
	char test[256];
	char *data = NULL;
	size_t len;
	if (!c)
		return BDB_ENOMEM;
	c->name = path;
	c->o = o;
	c->d = d;
	if (o->test && *o->test)
		c->test = o->test;
	else {
		default_test(path, test, sizeof test);
		c->test = test;
	}
	int rc = bdb_input_read(path, &data, &len, d);
	if (!rc)
		rc = read_csv(c, data, len);
	free(data);
	sum.entries = c->rows;
	sum.duplicates = c->duplicates;
	sum.empty_entries = c->empty;
	if (!rc && !(items = calloc(c->n, sizeof *items)))
		rc = BDB_ENOMEM;
	for (size_t i = 0; !rc && i < c->n; i++)
		items[i] = (bdb__import_item){.label = path, .run = c->runs[i]};
	if (!rc)
		rc = bdb__import_store(store, items, c->n, put_flags, &sum, NULL, d);
	if (rc == BDB_ENOMEM && d && !d->code)
		bdb_diag_set(d, rc, path, 0, 0, "out of memory");
	for (size_t i = 0; i < c->n; i++)
		bdb_run_free(c->runs[i]);
	free(c->runs);
	free(c->lines);
	free(items);
	bdb__csv_free(&c->head);
	bdb__csv_free(&c->row);
	bdb__strmap_free(&c->ids);
	free(c);
	if (summary)
		*summary = sum;
	return rc;
}
