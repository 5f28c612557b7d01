/*
 * build.c - what every adapter needs to build a run: metrics with units
 * and directions, the one mean, repeated observations turned into samples,
 * a string map for finding points again, and the hash behind fallback ids.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The spellings units are normalised to. */
static const char *const canonical_units[] = {
    "ns", "us", "ms", "s", "min", "h", "B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB",
};

/* The canonical spelling of the plain unit u[0..len), or NULL. */
static const char *canonical_plain(const char *u, size_t len)
{
	char text[32];
	if (len == 0 || len >= sizeof text || memchr(u, '/', len))
		return NULL; /* the canonical units are plain: a rate is none of them */
	memcpy(text, u, len);
	text[len] = '\0';
	/* A unit that converts to one of them is a time or a size: two lookups
	 * turn away the others (counts, custom words) before fifteen would. */
	double f;
	if (bdb_unit_factor(text, "ns", &f) != 0 && bdb_unit_factor(text, "B", &f) != 0)
		return NULL;
	for (size_t i = 0; i < sizeof canonical_units / sizeof *canonical_units; i++) {
		double factor;
		if (bdb_unit_factor(text, canonical_units[i], &factor) == 0 && factor == 1.0)
			return canonical_units[i];
	}
	return NULL;
}

const char *bdb__unit_normal(bdb_run *run, const char *unit)
{
	if (!unit)
		return NULL;
	size_t len;
	const char *at = bdb_unit_trim(unit, &len);
	if (len != strlen(unit)) {
		/* Blanks around it are not the unit's ("ms "). */
		const char *copy = bdb_run_strndup(run, at, len);
		unit = copy ? copy : unit;
	}
	const char *plain = canonical_plain(unit, strlen(unit));
	if (plain)
		return plain;
	/* A rate: a size or a count word per time unit. */
	const char *slash = strchr(unit, '/');
	const char *per = slash ? canonical_plain(slash + 1, strlen(slash + 1)) : NULL;
	if (!per)
		return unit;
	const char *num = canonical_plain(unit, (size_t)(slash - unit));
	size_t num_len = num ? strlen(num) : (size_t)(slash - unit);
	char text[160];
	double factor;
	if (num_len + strlen(per) + 2 > sizeof text)
		return unit;
	snprintf(text, sizeof text, "%.*s/%s", (int)num_len, num ? num : unit, per);
	if (strcmp(text, unit) == 0 || bdb_unit_factor(unit, text, &factor) != 0 || factor != 1.0)
		return unit;
	const char *copy = bdb_run_strdup(run, text);
	return copy ? copy : unit;
}

int bdb__add_metric(bdb_run *run, bdb_point *p, const char *name, double value, const char *unit,
		    bdb_metric **out)
{
	bdb_metric *m;
	int rc = bdb_point_add_metric(run, p, name, value, &m);
	if (!rc && unit)
		rc = bdb_metric_set_unit(run, m, bdb__unit_normal(run, unit));
	if (!rc && out)
		*out = m;
	return rc;
}

int bdb__define(bdb_run *run, const char *name, const char *unit, bdb_direction direction)
{
	if (bdb_run_find_def(run, name))
		return 0;
	bdb_metric_def *def;
	int rc = bdb_run_add_def(run, name, &def);
	if (rc)
		return rc;
	def->direction = direction;
	def->priority = BDB_SECONDARY;
	def->unit = bdb_run_unit(run, bdb__unit_normal(run, unit));
	return unit && !def->unit ? BDB_ENOMEM : 0;
}

int bdb__add_defined_metric(bdb_run *run, bdb_point *p, const char *name, double value,
			    const char *unit, bdb_direction direction, bdb_metric **out)
{
	int rc = bdb__define(run, name, unit, direction);
	return rc ? rc : bdb__add_metric(run, p, name, value, unit, out);
}

int bdb__read_metric_fields(bdb__json_doc *doc, const json_t *obj, const bdb__metric_field *fields,
			    size_t n, bdb_run *run, size_t point, bdb_diag *d)
{
	for (size_t i = 0; i < n; i++) {
		const bdb__metric_field *f = &fields[i];
		const char *name = f->metric ? f->metric : f->key;
		double v;
		bool present;
		int rc = bdb__json_number(doc, obj, f->key, f->required, &v, &present, d);
		if (rc)
			return rc;
		if (!present)
			continue;
		bdb_point *p = &run->points[point];
		rc = f->direction < 0 ? bdb__add_metric(run, p, name, v, f->unit, NULL)
				      : bdb__add_defined_metric(run, p, name, v, f->unit,
								(bdb_direction)f->direction, NULL);
		if (rc)
			return rc;
	}
	return 0;
}

void bdb__set_bounds(bdb_metric *m, double lower, double upper)
{
	m->has_lower = true;
	m->lower = lower;
	m->has_upper = true;
	m->upper = upper;
}

bool bdb__bounds_reversed(const char *lname, double lower, const char *uname, double upper,
			  char *buf, size_t size)
{
	if (!(lower > upper))
		return false;
	char l[32], u[32];
	snprintf(buf, size,
		 "\"%s\" %s is above \"%s\" %s: the bounds are the wrong way round (the "
		 "lower bound must be at most the upper)",
		 lname, bdb_double_text(lower, l, sizeof l), uname,
		 bdb_double_text(upper, u, sizeof u));
	return true;
}

int bdb__json_bounds(bdb__json_doc *doc, const json_t *container, const char *key, size_t index,
		     const char *lname, double lower, const char *uname, double upper, bdb_diag *d)
{
	char why[200];
	if (!bdb__bounds_reversed(lname, lower, uname, upper, why, sizeof why))
		return 0;
	return bdb__json_fail(doc, container, key, index, d, "%s", why);
}

const bdb_metric *bdb__run_reversed_bounds(const bdb_run *run, const bdb_point **point)
{
	for (size_t i = 0; i < run->n_points; i++)
		for (size_t k = 0; k < run->points[i].n_metrics; k++) {
			const bdb_metric *m = &run->points[i].metrics[k];
			if (m->has_lower && m->has_upper && m->lower > m->upper) {
				*point = &run->points[i];
				return m;
			}
		}
	return NULL;
}

int bdb__set_left_out(bdb_run *run, const char *kind, const char *name, size_t len, const char *why)
{
	char key[512];
	size_t used = (size_t)snprintf(key, sizeof key, "%s:", kind);
	if (used >= sizeof key)
		return BDB_EINVAL;
	bdb__copy_text(key + used, sizeof key - used, name, len);
	return bdb_run_set_meta(run, key, why);
}

double bdb__mean(const double *x, size_t n)
{
	/* Compensated, as the query statistics' mean: a plain running sum of
	 * 1e16, 1 and -1e16 lost the 1. */
	double sum = bdb_sum_compensated(x, n, 1.0);
	bool finite = true;
	for (size_t i = 0; i < n; i++)
		finite = finite && isfinite(x[i]);
	if (isfinite(sum) || !finite)
		return sum / (double)n;
	/* Finite values whose sum overflows (1e308 twice): the mean of the
	 * scaled values, which cannot, since it lies between them. */
	double mean = 0;
	for (size_t i = 0; i < n; i++)
		mean += x[i] / (double)n;
	return mean;
}

uint64_t bdb__hash(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* ------------------------------------------------------------------------ */
/* String map                                                                */
/* ------------------------------------------------------------------------ */

struct bdb__strmap_slot {
	char *key; /* NULL: empty */
	size_t len;
	uint64_t hash;
	size_t index;
};

static size_t strmap_find(const bdb__strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	while (m->slots[i].key && !(m->slots[i].hash == h && m->slots[i].len == len &&
				    memcmp(m->slots[i].key, key, len) == 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

bool bdb__strmap_get(const bdb__strmap *m, const char *key, size_t len, size_t *index)
{
	if (!m->cap)
		return false;
	const struct bdb__strmap_slot *s =
	    &m->slots[strmap_find(m, key, len, bdb_hash_bytes(key, len))];
	if (!s->key)
		return false;
	*index = s->index;
	return true;
}

/* Keeps the map at most half full for one more key. */
static int strmap_grow(bdb__strmap *m)
{
	if ((m->n + 1) * 2 <= m->cap)
		return 0;
	size_t ncap = m->cap ? m->cap * 2 : 32;
	struct bdb__strmap_slot *old = m->slots;
	size_t ocap = m->cap;
	m->slots = calloc(ncap, sizeof *m->slots);
	if (!m->slots) {
		m->slots = old;
		return BDB_ENOMEM;
	}
	m->cap = ncap;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].key)
			m->slots[strmap_find(m, old[i].key, old[i].len, old[i].hash)] = old[i];
	free(old);
	return 0;
}

/* The slot of key (hash h): its own, or the empty one it goes in, filled. */
static int strmap_slot(bdb__strmap *m, const char *key, size_t len, struct bdb__strmap_slot **out,
		       bool *added)
{
	int rc = strmap_grow(m);
	if (rc)
		return rc;
	uint64_t h = bdb_hash_bytes(key, len);
	struct bdb__strmap_slot *s = &m->slots[strmap_find(m, key, len, h)];
	*out = s;
	*added = !s->key;
	if (s->key)
		return 0;
	s->key = malloc(len + 1);
	if (!s->key)
		return BDB_ENOMEM;
	memcpy(s->key, key, len);
	s->key[len] = '\0';
	s->len = len;
	s->hash = h;
	m->n++;
	return 0;
}

int bdb__strmap_put(bdb__strmap *m, const char *key, size_t len, size_t index)
{
	struct bdb__strmap_slot *s;
	bool added;
	int rc = strmap_slot(m, key, len, &s, &added);
	if (!rc)
		s->index = index;
	return rc;
}

int bdb__strmap_add(bdb__strmap *m, const char *key, size_t len, size_t index, size_t *existing)
{
	struct bdb__strmap_slot *s;
	bool added;
	int rc = strmap_slot(m, key, len, &s, &added);
	if (rc)
		return rc;
	if (!added) {
		*existing = s->index;
		return BDB_EEXISTS;
	}
	s->index = index;
	return 0;
}

int bdb__strs_push(char ***items, size_t *n, size_t *cap, const char *s)
{
	if (*n == *cap) {
		size_t c = *cap ? 2 * *cap : 16;
		char **p = realloc(*items, c * sizeof *p);
		if (!p)
			return BDB_ENOMEM;
		*items = p;
		*cap = c;
	}
	if (!((*items)[*n] = strdup(s)))
		return BDB_ENOMEM;
	(*n)++;
	return 0;
}

void bdb__strmap_free(bdb__strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------------------ */
/* Points found again by name and tags                                       */
/* ------------------------------------------------------------------------ */

static int compare_kv(const void *a, const void *b)
{
	return strcmp(((const bdb_kv *)a)->key, ((const bdb_kv *)b)->key);
}

int bdb__point_get(bdb_run *run, bdb__strmap *map, const char *name, const bdb_kv *tags,
		   size_t n_tags, size_t *index)
{
	bdb_kv sorted[16] = {{0}};
	if (n_tags > sizeof sorted / sizeof *sorted)
		return BDB_EINVAL;
	if (n_tags) /* tags may be NULL then: memcpy from NULL is undefined */
		memcpy(sorted, tags, n_tags * sizeof *tags);
	qsort(sorted, n_tags, sizeof *sorted, compare_kv);
	bdb_buf key;
	bdb_buf_init(&key);
	bdb_buf_puts(&key, name);
	for (size_t i = 0; i < n_tags; i++) {
		bdb_buf_putc(&key, '\x1f');
		bdb_buf_puts(&key, sorted[i].key);
		bdb_buf_putc(&key, '\x1e');
		bdb_buf_puts(&key, sorted[i].value);
	}
	int rc = key.failed ? BDB_ENOMEM : 0;
	if (!rc && !bdb__strmap_get(map, key.data, key.len, index)) {
		bdb_point *p;
		rc = bdb_run_add_point(run, name, &p);
		for (size_t i = 0; !rc && i < n_tags; i++)
			rc = bdb_point_set_tag(run, p, sorted[i].key, sorted[i].value);
		*index = run->n_points - 1;
		if (!rc)
			rc = bdb__strmap_put(map, key.data, key.len, *index);
	}
	bdb_buf_free(&key);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Repeated observations                                                     */
/* ------------------------------------------------------------------------ */

struct bdb__sample_set {
	size_t point;
	char *metric;
	double *values;
	size_t n, cap;
};

/* The index key of (point, metric) into key[512]; its length, or -1 when too long. */
static int sample_key(size_t point_index, const char *metric, char key[512])
{
	int klen = snprintf(key, 512, "%zu\x1f%s", point_index, metric);
	return klen < 0 || klen >= 512 ? -1 : klen;
}

bool bdb__samples_has(const bdb__samples *s, size_t point_index, const char *metric)
{
	char key[512];
	int klen = sample_key(point_index, metric, key);
	size_t i;
	return klen >= 0 && bdb__strmap_get(&s->index, key, (size_t)klen, &i);
}

int bdb__samples_add(bdb__samples *s, size_t point_index, const char *metric, double value)
{
	char key[512];
	int klen = sample_key(point_index, metric, key);
	if (klen < 0)
		return BDB_EINVAL;
	size_t i;
	if (!bdb__strmap_get(&s->index, key, (size_t)klen, &i)) {
		if (s->n == s->cap) {
			size_t ncap = s->cap ? s->cap * 2 : 16;
			struct bdb__sample_set *p = realloc(s->sets, ncap * sizeof *p);
			if (!p)
				return BDB_ENOMEM;
			s->sets = p;
			s->cap = ncap;
		}
		i = s->n;
		struct bdb__sample_set *set = &s->sets[i];
		memset(set, 0, sizeof *set);
		set->point = point_index;
		set->metric = strdup(metric);
		if (!set->metric)
			return BDB_ENOMEM;
		s->n++;
		if (bdb__strmap_put(&s->index, key, (size_t)klen, i))
			return BDB_ENOMEM;
	}
	struct bdb__sample_set *set = &s->sets[i];
	if (set->n == set->cap) {
		size_t ncap = set->cap ? set->cap * 2 : 4;
		double *p = realloc(set->values, ncap * sizeof *p);
		if (!p)
			return BDB_ENOMEM;
		set->values = p;
		set->cap = ncap;
	}
	set->values[set->n++] = value;
	return 0;
}

int bdb__samples_finish(bdb__samples *s, bdb_run *run)
{
	for (size_t i = 0; i < s->n; i++) {
		struct bdb__sample_set *set = &s->sets[i];
		if (set->n < 2)
			continue;
		bdb_point *p = &run->points[set->point];
		for (size_t j = 0; j < p->n_metrics; j++) {
			bdb_metric *m = &p->metrics[j];
			if (strcmp(m->name, set->metric) != 0)
				continue;
			m->value = bdb__mean(set->values, set->n);
			m->has_lower = m->has_upper = false;
			int rc = bdb_metric_set_samples(run, m, set->values, set->n);
			if (rc)
				return rc;
		}
	}
	return 0;
}

void bdb__samples_free(bdb__samples *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->sets[i].metric);
		free(s->sets[i].values);
	}
	free(s->sets);
	bdb__strmap_free(&s->index);
	memset(s, 0, sizeof *s);
}
