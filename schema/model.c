/* model.c - the in-memory Run: an arena for strings and samples, growable
 * arrays for points, tags, metrics and definitions. */
#include "schema.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bdb_run *bdb_run_new(void)
{
	bdb_run *run = calloc(1, sizeof *run);
	if (!run)
		return NULL;
	run->arena = malloc(sizeof *run->arena);
	if (!run->arena) {
		free(run);
		return NULL;
	}
	bdb_arena_init(run->arena, 16384);
	return run;
}

void bdb_run_free(bdb_run *run)
{
	if (!run)
		return;
	for (size_t i = 0; i < run->n_points; i++) {
		free(run->points[i].tags);
		free(run->points[i].metrics);
	}
	free(run->points);
	free(run->env);
	free(run->meta);
	free(run->defs);
	if (run->arena) {
		bdb_arena_free(run->arena);
		free(run->arena);
	}
	free(run);
}

void *bdb_run_alloc(bdb_run *run, size_t n)
{
	return bdb_arena_alloc(run->arena, n);
}

const char *bdb_run_strndup(bdb_run *run, const char *s, size_t n)
{
	return s ? bdb_arena_strndup(run->arena, s, n) : NULL;
}

const char *bdb_run_strdup(bdb_run *run, const char *s)
{
	return s ? bdb_run_strndup(run, s, strlen(s)) : NULL;
}

/* Grows an array of elements of size `elem` so that one more fits. */
static int grow(void **items, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 4;
	void *p = realloc(*items, ncap * elem);
	if (!p)
		return BDB_ENOMEM;
	*items = p;
	*cap = ncap;
	return 0;
}

/* Copies s into the arena; fails only when s is non-NULL and memory ran out. */
static int set_str(bdb_run *run, const char **field, const char *s)
{
	const char *copy = bdb_run_strdup(run, s);
	if (s && !copy)
		return BDB_ENOMEM;
	*field = copy;
	return 0;
}

int bdb_run_set_id(bdb_run *run, const char *id)
{
	return set_str(run, &run->id, id);
}

bool bdb_commit_is_hash(const char *commit)
{
	size_t n = strspn(commit, "0123456789abcdefABCDEF");
	return n >= 7 && commit[n] == '\0';
}

int bdb_run_set_commit(bdb_run *run, const char *commit)
{
	return set_str(run, &run->commit, commit);
}

int bdb_run_set_branch(bdb_run *run, const char *branch)
{
	return set_str(run, &run->branch, branch);
}

/* Sets key=value in a sorted key/value array, replacing an equal key. */
static int kv_set(bdb_run *run, bdb_kv **items, size_t *n, size_t *cap, const char *key,
		  const char *value)
{
	size_t lo = 0, hi = *n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp((*items)[mid].key, key);
		if (c == 0)
			return set_str(run, &(*items)[mid].value, value ? value : "");
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	const char *k = bdb_run_strdup(run, key);
	const char *v = bdb_run_strdup(run, value ? value : "");
	if (!k || !v || grow((void **)items, cap, *n, sizeof **items))
		return BDB_ENOMEM;
	memmove(*items + lo + 1, *items + lo, (*n - lo) * sizeof **items);
	(*items)[lo].key = k;
	(*items)[lo].value = v;
	(*n)++;
	return 0;
}

int bdb_run_set_env(bdb_run *run, const char *key, const char *value)
{
	return kv_set(run, &run->env, &run->n_env, &run->cap_env, key, value);
}

int bdb_run_set_meta(bdb_run *run, const char *key, const char *value)
{
	return kv_set(run, &run->meta, &run->n_meta, &run->cap_meta, key, value);
}

int bdb_run_add_def(bdb_run *run, const char *name, bdb_metric_def **out)
{
	for (size_t i = 0; i < run->n_defs; i++) {
		if (strcmp(run->defs[i].name, name) == 0) {
			bdb_metric_def *def = &run->defs[i];
			const char *keep = def->name;
			memset(def, 0, sizeof *def);
			def->name = keep;
			*out = def;
			return 0;
		}
	}
	if (grow((void **)&run->defs, &run->cap_defs, run->n_defs, sizeof *run->defs))
		return BDB_ENOMEM;
	bdb_metric_def *def = &run->defs[run->n_defs];
	memset(def, 0, sizeof *def);
	if (set_str(run, &def->name, name))
		return BDB_ENOMEM;
	run->n_defs++;
	*out = def;
	return 0;
}

const bdb_metric_def *bdb_run_find_def(const bdb_run *run, const char *name)
{
	/* Asked once per metric by ingest, encoding and storing: the first
	 * byte rules out most definitions without a call. */
	for (size_t i = 0; i < run->n_defs; i++)
		if (run->defs[i].name[0] == name[0] && strcmp(run->defs[i].name, name) == 0)
			return &run->defs[i];
	return NULL;
}

int bdb_run_add_point(bdb_run *run, const char *name, bdb_point **out)
{
	if (grow((void **)&run->points, &run->cap_points, run->n_points, sizeof *run->points))
		return BDB_ENOMEM;
	bdb_point *p = &run->points[run->n_points];
	memset(p, 0, sizeof *p);
	if (set_str(run, &p->name, name ? name : ""))
		return BDB_ENOMEM;
	run->n_points++;
	*out = p;
	return 0;
}

int bdb_point_set_scenario(bdb_run *run, bdb_point *p, const char *scenario)
{
	return set_str(run, &p->scenario, scenario);
}

int bdb_point_set_tag(bdb_run *run, bdb_point *p, const char *key, const char *value)
{
	return kv_set(run, &p->tags, &p->n_tags, &p->cap_tags, key, value);
}

const char *bdb_run_get_meta(const bdb_run *run, const char *key)
{
	for (size_t i = 0; i < run->n_meta; i++)
		if (strcmp(run->meta[i].key, key) == 0)
			return run->meta[i].value;
	return NULL;
}

const char *bdb_point_get_tag(const bdb_point *p, const char *key)
{
	for (size_t i = 0; i < p->n_tags; i++)
		if (strcmp(p->tags[i].key, key) == 0)
			return p->tags[i].value;
	return NULL;
}

int bdb_point_add_metric(bdb_run *run, bdb_point *p, const char *name, double value,
			 bdb_metric **out)
{
	bdb_metric *m = NULL;
	for (size_t i = 0; i < p->n_metrics; i++)
		if (p->metrics[i].name[0] == name[0] && strcmp(p->metrics[i].name, name) == 0)
			m = &p->metrics[i];
	if (!m) {
		if (grow((void **)&p->metrics, &p->cap_metrics, p->n_metrics, sizeof *p->metrics))
			return BDB_ENOMEM;
		m = &p->metrics[p->n_metrics++];
	}
	memset(m, 0, sizeof *m);
	if (set_str(run, &m->name, name)) {
		return BDB_ENOMEM;
	}
	m->value = value;
	if (out)
		*out = m;
	return 0;
}

const bdb_metric *bdb_point_find_metric(const bdb_point *p, const char *name)
{
	for (size_t i = 0; i < p->n_metrics; i++)
		if (strcmp(p->metrics[i].name, name) == 0)
			return &p->metrics[i];
	return NULL;
}

const char *bdb_run_unit(bdb_run *run, const char *unit)
{
	size_t len;
	const char *at = unit ? bdb_unit_trim(unit, &len) : NULL;
	return at ? bdb_run_strndup(run, at, len) : NULL;
}

int bdb_metric_set_unit(bdb_run *run, bdb_metric *m, const char *unit)
{
	m->unit = bdb_run_unit(run, unit);
	return unit && !m->unit ? BDB_ENOMEM : 0;
}

int bdb_metric_set_samples(bdb_run *run, bdb_metric *m, const double *samples, size_t n)
{
	if (!n) {
		m->samples = NULL;
		m->n_samples = 0;
		return 0;
	}
	if (n > SIZE_MAX / sizeof(double))
		return BDB_ENOMEM;
	double *copy = bdb_run_alloc(run, n * sizeof(double));
	if (!copy)
		return BDB_ENOMEM;
	memcpy(copy, samples, n * sizeof(double));
	m->samples = copy;
	m->n_samples = n;
	return 0;
}

static bool tags_equal(const bdb_kv *a, size_t na, const bdb_kv *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i].key, b[i].key) || strcmp(a[i].value, b[i].value))
			return false;
	return true;
}

const bdb_point *bdb_run_find_point(const bdb_run *run, const char *name, const bdb_kv *tags,
				    size_t n_tags)
{
	for (size_t i = 0; i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		if (strcmp(p->name, name) == 0 && tags_equal(p->tags, p->n_tags, tags, n_tags))
			return p;
	}
	return NULL;
}

const char *bdb_direction_name(bdb_direction d)
{
	switch (d) {
	case BDB_HIGHER:
		return "higher";
	case BDB_LOWER:
		return "lower";
	default:
		return "info";
	}
}

int bdb_direction_parse(const char *s, bdb_direction *out)
{
	if (!strcmp(s, "higher") || !strcmp(s, "higher_is_better") || !strcmp(s, "bigger") ||
	    !strcmp(s, "customBiggerIsBetter"))
		*out = BDB_HIGHER;
	else if (!strcmp(s, "lower") || !strcmp(s, "lower_is_better") || !strcmp(s, "smaller") ||
		 !strcmp(s, "customSmallerIsBetter"))
		*out = BDB_LOWER;
	else if (!strcmp(s, "info") || !strcmp(s, "none") || !strcmp(s, "neutral"))
		*out = BDB_INFO;
	else
		return BDB_EINVAL;
	return 0;
}

/* ---- equality ---- */

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool dbl_eq(double a, double b)
{
	if (isnan(a) && isnan(b))
		return true;
	return memcmp(&a, &b, sizeof a) == 0 || a == b;
}

/* Writes "what (stored A, new B)"-style text into buf when buf is not NULL. */
static void say(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *buf, size_t size, const char *fmt, ...)
{
	if (!buf || !size)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

/* The first entry in which two sorted key/value lists differ, said in buf. */
static bool kvs_differ(const char *what, const bdb_kv *a, size_t na, const bdb_kv *b, size_t nb,
		       char *buf, size_t size)
{
	for (size_t i = 0; i < na || i < nb; i++) {
		if (i == na || (i < nb && strcmp(b[i].key, a[i].key) < 0)) {
			say(buf, size, "%s \"%s\" (only in the new run)", what, b[i].key);
			return true;
		}
		if (i == nb || strcmp(a[i].key, b[i].key) != 0) {
			say(buf, size, "%s \"%s\" (only in the stored run)", what, a[i].key);
			return true;
		}
		if (strcmp(a[i].value, b[i].value) != 0) {
			say(buf, size, "%s \"%s\" (stored \"%s\", new \"%s\")", what, a[i].key,
			    a[i].value, b[i].value);
			return true;
		}
	}
	return false;
}

static bool metric_differs(const char *point, const bdb_metric *a, const bdb_metric *b, char *buf,
			   size_t size)
{
	const char *field = NULL;
	double x = 0, y = 0;
	if (!str_eq(a->name, b->name)) {
		say(buf, size, "point \"%s\": a metric (stored \"%s\", new \"%s\")", point, a->name,
		    b->name);
		return true;
	}
	if (!dbl_eq(a->value, b->value))
		field = "value", x = a->value, y = b->value;
	else if (a->has_lower != b->has_lower || (a->has_lower && !dbl_eq(a->lower, b->lower)))
		field = "lower bound", x = a->lower, y = b->lower;
	else if (a->has_upper != b->has_upper || (a->has_upper && !dbl_eq(a->upper, b->upper)))
		field = "upper bound", x = a->upper, y = b->upper;
	if (field) {
		char xs[32], ys[32]; /* the shortest texts: two values differ in them */
		say(buf, size, "point \"%s\": metric \"%s\": %s (stored %s, new %s)", point,
		    a->name, field, bdb_double_text(x, xs, sizeof xs),
		    bdb_double_text(y, ys, sizeof ys));
		return true;
	}
	if (!str_eq(a->unit, b->unit)) {
		say(buf, size, "point \"%s\": metric \"%s\": unit (stored %s, new %s)", point,
		    a->name, or_none(a->unit), or_none(b->unit));
		return true;
	}
	bool samples = a->n_samples != b->n_samples;
	for (size_t i = 0; !samples && i < a->n_samples; i++)
		samples = !dbl_eq(a->samples[i], b->samples[i]);
	if (samples)
		say(buf, size, "point \"%s\": metric \"%s\": samples (stored %zu, new %zu)", point,
		    a->name, a->n_samples, b->n_samples);
	return samples;
}

static bool def_equal(const bdb_metric_def *a, const bdb_metric_def *b)
{
	return str_eq(a->name, b->name) && str_eq(a->unit, b->unit) &&
	       a->direction == b->direction && str_eq(a->group, b->group) &&
	       a->priority == b->priority && str_eq(a->description, b->description) &&
	       a->has_threshold == b->has_threshold &&
	       (!a->has_threshold || dbl_eq(a->threshold, b->threshold));
}

static bool text_differs(const char *what, const char *a, const char *b, char *buf, size_t size)
{
	if (str_eq(a, b))
		return false;
	say(buf, size, "%s (stored %s%s%s, new %s%s%s)", what, a ? "\"" : "", or_none(a),
	    a ? "\"" : "", b ? "\"" : "", or_none(b), b ? "\"" : "");
	return true;
}

bool bdb_run_difference(const bdb_run *a, const bdb_run *b, bool ignore_timestamp, char *buf,
			size_t size)
{
	if (text_differs("id", a->id, b->id, buf, size))
		return true;
	if (!ignore_timestamp && a->timestamp_us != b->timestamp_us) {
		char x[40], y[40];
		say(buf, size, "timestamp (stored %s, new %s)",
		    bdb_time_format(a->timestamp_us, x, sizeof x),
		    bdb_time_format(b->timestamp_us, y, sizeof y));
		return true;
	}
	if (text_differs("commit", a->commit, b->commit, buf, size) ||
	    text_differs("branch", a->branch, b->branch, buf, size) ||
	    kvs_differ("environment", a->env, a->n_env, b->env, b->n_env, buf, size) ||
	    kvs_differ("metadata", a->meta, a->n_meta, b->meta, b->n_meta, buf, size))
		return true;
	for (size_t i = 0; i < a->n_defs || i < b->n_defs; i++) {
		if (i == a->n_defs || i == b->n_defs || !def_equal(&a->defs[i], &b->defs[i])) {
			say(buf, size, "metric definition \"%s\"",
			    i < a->n_defs ? a->defs[i].name : b->defs[i].name);
			return true;
		}
	}
	for (size_t i = 0; i < a->n_points || i < b->n_points; i++) {
		if (i == a->n_points || i == b->n_points) {
			say(buf, size, "number of points (stored %zu, new %zu)", a->n_points,
			    b->n_points);
			return true;
		}
		const bdb_point *p = &a->points[i], *q = &b->points[i];
		char what[64];
		snprintf(what, sizeof what, "point %zu", i + 1);
		if (text_differs(what, p->name, q->name, buf, size))
			return true;
		snprintf(what, sizeof what, "point \"%.40s\": scenario", p->name);
		if (text_differs(what, p->scenario, q->scenario, buf, size))
			return true;
		snprintf(what, sizeof what, "point \"%.40s\": tag", p->name);
		if (kvs_differ(what, p->tags, p->n_tags, q->tags, q->n_tags, buf, size))
			return true;
		for (size_t j = 0; j < p->n_metrics || j < q->n_metrics; j++) {
			if (j == p->n_metrics || j == q->n_metrics) {
				say(buf, size,
				    "point \"%s\": number of metrics (stored %zu, new %zu)",
				    p->name, p->n_metrics, q->n_metrics);
				return true;
			}
			if (metric_differs(p->name, &p->metrics[j], &q->metrics[j], buf, size))
				return true;
		}
	}
	return false;
}

bool bdb_run_equal(const bdb_run *a, const bdb_run *b)
{
	return !bdb_run_difference(a, b, false, NULL, 0);
}
