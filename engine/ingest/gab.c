/*
 * gab.c - github-action-benchmark's custom JSON (tool customBiggerIsBetter
 * or customSmallerIsBetter):
 *
 *   [{"name", "unit", "value", "range"?: "± 1.5", "extra"?: "..."}]
 *
 * A point is a name with one metric, "value", in its unit. The file does
 * not say which way is better: the direction comes from the options
 * (--direction higher|lower); without one, no definition is added and a
 * stored one applies. A range "± X" or "+/- X" gives the bounds value ∓ X;
 * other range texts are free-form and ignored, as is "extra". Entries that
 * repeat a name are samples of one point, whose value is their mean.
 */
#include "internal.h"

#include <string.h>

bool bdb__detect_gab(const json_t *root)
{
	const json_t *first = json_array_get(root, 0);
	return json_is_array(root) && json_object_get(first, "name") &&
	       json_object_get(first, "value") && json_object_get(first, "unit");
}

/* "± X", "+/- X", "+-X": X, or false. */
static bool parse_range(const char *s, double *out)
{
	static const char *const prefixes[] = {"\xc2\xb1", "+/-", "+-"};
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(s, prefixes[i], n) != 0)
			continue;
		const char *p = s + n, *end = s + strlen(s);
		p = bdb__skip_blanks(p, end);
		return bdb__parse_number(p, (size_t)(end - p), true, out) && *out >= 0;
	}
	return false;
}

int bdb__ingest_gab(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	const json_t *root = doc->root;
	if (!json_is_array(root))
		return bdb__json_fail(doc, root, NULL, BDB__NO_INDEX, d,
				      "github-action-benchmark input must be a JSON array, got %s",
				      bdb__json_type_name(root));
	const bdb_ingest_options *opt = in->opt;
	bdb__strmap points = {0};
	bdb__samples samples = {0};
	int rc = 0;
	for (size_t i = 0; !rc && i < json_array_size(root); i++) {
		json_t *e;
		const char *name, *unit, *range;
		double value, half;
		size_t point;
		if ((rc = bdb__json_elem_object(doc, root, i, "benchmarks", &e, d)) ||
		    (rc = bdb__json_string(doc, e, "name", true, &name, d)) ||
		    (rc = bdb__json_string(doc, e, "unit", true, &unit, d)) ||
		    (rc = bdb__json_number(doc, e, "value", true, &value, NULL, d)) ||
		    (rc = bdb__json_string(doc, e, "range", false, &range, d)) ||
		    (rc = bdb__point_get(run, &points, name, NULL, 0, &point)))
			break;
		bdb_metric *m;
		bdb_point *p = &run->points[point];
		rc = opt->has_gab_direction ? bdb__add_defined_metric(run, p, "value", value, unit,
								      opt->gab_direction, &m)
					    : bdb__add_metric(run, p, "value", value, unit, &m);
		if (!rc && range && parse_range(range, &half))
			bdb__set_bounds(m, value - half, value + half);
		if (!rc)
			rc = bdb__samples_add(&samples, point, "value", value);
	}
	if (!rc)
		rc = bdb__samples_finish(&samples, run);
	bdb__samples_free(&samples);
	bdb__strmap_free(&points);
	return rc;
}
