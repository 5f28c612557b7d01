/*
 * runview.c - one run's observations as a flat list of entries, read
 * zero-copy from the run's verified FlatBuffer: what summary, rank, compare
 * and regressions work on. Only the runs a statement names are read; the
 * history statements go through the observation index instead.
 */
#include "exec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *str_or_empty(bdb_fb_str s)
{
	return s.ptr ? s.ptr : "";
}

/* Whether metric `name` with this direction passes the metric filter. */
static bool metric_wanted(const char *filter, const char *name, bdb_direction direction)
{
	if (filter == BDB__ALL_METRICS)
		return true;
	if (strcmp(filter, BDB__RATED_METRICS) == 0)
		return direction != BDB_INFO;
	return strcmp(filter, name) == 0;
}

/*
 * The definitions that apply in one run, looked up once per metric name:
 * a run has a handful of metrics but may have thousands of observations.
 */
typedef struct def_cache {
	struct cached_def {
		const char *name;
		bool found;
		bdb_metric_def def;
	} * items;
	size_t n, cap;
} def_cache;

static const bdb_metric_def *effective_def(bdb__exec *ex, uint64_t seq, def_cache *c,
					   const char *name, int *rc)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->items[i].name, name) == 0)
			return c->items[i].found ? &c->items[i].def : NULL;
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 8;
		struct cached_def *p = realloc(c->items, cap * sizeof *p);
		if (!p) {
			*rc = BDB_ENOMEM;
			return NULL;
		}
		c->items = p;
		c->cap = cap;
	}
	struct cached_def *d = &c->items[c->n++];
	d->name = name;
	d->found = bdb_reader_effective_def(ex->rd, seq, name, &d->def) == 0;
	return d->found ? &d->def : NULL;
}

int bdb__run_entries_load(bdb__exec *ex, uint64_t seq, const bdb__stmt *st, const char *metric,
			  bdb__run_entries *out)
{
	memset(out, 0, sizeof *out);
	out->seq = seq;
	const void *buf;
	size_t len;
	int rc = bdb_reader_run_info(ex->rd, seq, &out->info);
	if (!rc)
		rc = bdb_reader_run_buffer(ex->rd, seq, &buf, &len);
	if (rc)
		return bdb__exec_store_error(ex, rc, "reading a run");
	bdb_fb_view run = bdb_fb_run_root(buf, len);
	uint32_t n_points = bdb_fb_run_n_points(run);
	size_t n_metrics = 0, n_tags = 0;
	for (uint32_t i = 0; i < n_points; i++) {
		bdb_fb_view p = bdb_fb_run_point(run, i);
		n_metrics += bdb_fb_point_n_metrics(p);
		n_tags += bdb_fb_point_n_tags(p);
	}
	out->items = malloc((n_metrics ? n_metrics : 1) * sizeof *out->items);
	out->tags = malloc((n_tags ? n_tags : 1) * sizeof *out->tags);
	if (!out->items || !out->tags) {
		bdb__run_entries_free(out);
		return bdb__exec_store_error(ex, BDB_ENOMEM, "reading a run");
	}
	size_t tag_at = 0, order = 0;
	def_cache defs = {NULL, 0, 0};
	for (uint32_t i = 0; i < n_points && !rc; i++) {
		if ((rc = bdb__exec_check_cancel(ex)) != 0)
			break;
		bdb_fb_view p = bdb_fb_run_point(run, i);
		bdb__subject subject = {
		    .point = str_or_empty(bdb_fb_point_name(p)),
		    .scenario = str_or_empty(bdb_fb_point_scenario(p)),
		    .tags = out->tags + tag_at,
		    .n_tags = bdb_fb_point_n_tags(p),
		    .branch = out->info.branch,
		    .commit = out->info.commit,
		};
		for (uint32_t t = 0; t < subject.n_tags; t++) {
			bdb_fb_str k, v;
			bdb_fb_point_tag(p, t, &k, &v);
			out->tags[tag_at + t].key = str_or_empty(k);
			out->tags[tag_at + t].value = str_or_empty(v);
		}
		tag_at += subject.n_tags;
		uint32_t n_m = bdb_fb_point_n_metrics(p);
		for (uint32_t m = 0; m < n_m; m++, order++) {
			bdb_fb_view mv = bdb_fb_point_metric(p, m);
			subject.metric = str_or_empty(bdb_fb_metric_name(mv));
			bdb__entry *e = &out->items[out->n];
			memset(e, 0, sizeof *e);
			const bdb_metric_def *def =
			    effective_def(ex, seq, &defs, subject.metric, &rc);
			if (rc)
				break;
			e->direction = def ? def->direction
					   : BDB_INFO; /* benchkit: no definition, no verdict */
			if (!metric_wanted(metric, subject.metric, e->direction) ||
			    !bdb__subject_matches(st, &subject))
				continue;
			e->point = subject.point;
			e->scenario = subject.scenario;
			e->tags = subject.tags;
			e->n_tags = subject.n_tags;
			e->metric = subject.metric;
			e->unit = str_or_empty(bdb_fb_metric_unit(mv));
			if (!*e->unit && def && def->unit)
				e->unit = def->unit;
			e->has_threshold = def && def->has_threshold;
			e->threshold = def ? def->threshold : 0;
			e->value = bdb_fb_metric_value(mv);
			e->has_lower = bdb_fb_metric_lower(mv, &e->lower);
			e->has_upper = bdb_fb_metric_upper(mv, &e->upper);
			e->view = mv;
			e->order = order;
			out->n++;
		}
	}
	free(defs.items);
	if (rc) {
		bdb__run_entries_free(out);
		return rc == BDB_ECANCELLED ? rc : bdb__exec_store_error(ex, rc, "reading a run");
	}
	return 0;
}

void bdb__run_entries_free(bdb__run_entries *e)
{
	free(e->items);
	free(e->tags);
	e->items = NULL;
	e->tags = NULL;
	e->n = 0;
}

int bdb__entry_identity_cmp(const bdb__entry *a, const bdb__entry *b)
{
	int c = strcmp(a->point, b->point);
	if (c)
		return c;
	for (size_t i = 0; i < a->n_tags && i < b->n_tags; i++) {
		if ((c = strcmp(a->tags[i].key, b->tags[i].key)) != 0)
			return c;
		if ((c = strcmp(a->tags[i].value, b->tags[i].value)) != 0)
			return c;
	}
	if (a->n_tags != b->n_tags)
		return a->n_tags < b->n_tags ? -1 : 1;
	return strcmp(a->metric, b->metric);
}

int bdb__entry_samples(const bdb__entry *e, double factor, double **out, size_t *n)
{
	*out = NULL;
	*n = bdb_fb_metric_n_samples(e->view);
	if (*n == 0)
		return 0;
	*out = malloc(*n * sizeof **out);
	if (!*out)
		return BDB_ENOMEM;
	bdb_fb_metric_copy_samples(e->view, *out);
	if (factor != 1)
		for (size_t i = 0; i < *n; i++)
			(*out)[i] = bdb_unit_convert((*out)[i], factor);
	return 0;
}

/* Whether point p of a run buffer is (name, tags). */
static bool point_is(bdb_fb_view p, const char *name, const bdb_kv *tags, size_t n_tags)
{
	bdb_fb_str pn = bdb_fb_point_name(p);
	if (!pn.ptr || strcmp(pn.ptr, name) != 0 || bdb_fb_point_n_tags(p) != n_tags)
		return false;
	for (uint32_t i = 0; i < n_tags; i++) {
		bdb_fb_str k, v;
		bdb_fb_point_tag(p, i, &k, &v);
		if (strcmp(str_or_empty(k), tags[i].key) != 0 ||
		    strcmp(str_or_empty(v), tags[i].value) != 0)
			return false;
	}
	return true;
}

int bdb__sample_range(bdb__exec *ex, uint64_t seq, const bdb_series_info *si, double *lo,
		      double *hi)
{
	*lo = *hi = NAN;
	const void *buf;
	size_t len;
	int rc = bdb_reader_run_buffer(ex->rd, seq, &buf, &len);
	if (rc)
		return bdb__exec_store_error(ex, rc, "reading a run");
	bdb_fb_view run = bdb_fb_run_root(buf, len);
	uint32_t n_points = bdb_fb_run_n_points(run);
	for (uint32_t i = 0; i < n_points; i++) {
		bdb_fb_view p = bdb_fb_run_point(run, i);
		if (!point_is(p, si->point, si->tags, si->n_tags))
			continue;
		for (uint32_t m = 0; m < bdb_fb_point_n_metrics(p); m++) {
			bdb_fb_view metric = bdb_fb_point_metric(p, m);
			bdb_fb_str name = bdb_fb_metric_name(metric);
			if (!name.ptr || strcmp(name.ptr, si->metric) != 0)
				continue;
			bdb_fb_str unit = bdb_fb_metric_unit(metric);
			double factor = 1;
			if (unit.ptr && *si->unit &&
			    bdb_unit_factor(unit.ptr, si->unit, &factor) != 0)
				return 0; /* never drawn raw */
			uint32_t n = bdb_fb_metric_n_samples(metric);
			for (uint32_t k = 0; k < n; k++) {
				double v =
				    bdb_unit_convert(bdb_fb_metric_sample(metric, k), factor);
				if (!isfinite(v))
					continue;
				if (!(v >= *lo))
					*lo = v;
				if (!(v <= *hi))
					*hi = v;
			}
			return 0;
		}
	}
	return 0;
}
