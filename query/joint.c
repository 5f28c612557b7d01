/*
 * joint.c - joint placement of change points over the series of one
 * `changes` answer: a step whose own runs cannot tell its place to one run
 * (bdb__changes_step_places) goes to the commit where other series of the
 * answer change. The contract is bdb__joint_place in stats.h;
 * docs/detection.md gives the reasons and the measured effect.
 */
#include "stats.h"

#include "schema.h"

#include <stdlib.h>
#include <string.h>

static int by_commit_then_series(const void *a, const void *b)
{
	const bdb__joint_change *x = a, *y = b;
	int c = strcmp(x->commit, y->commit);
	if (c)
		return c;
	return (x->series > y->series) - (x->series < y->series);
}

/* The number of series other than series that change at commit, in
 * c[0..n) (sorted by commit and series, one entry per pair). */
static size_t others_at(const bdb__joint_change *c, size_t n, const char *commit, size_t series)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(c[mid].commit, commit) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t count = 0;
	for (size_t i = lo; i < n && strcmp(c[i].commit, commit) == 0; i++)
		count += c[i].series != series;
	return count;
}

int bdb__joint_place(bdb__joint_step *steps, size_t n_steps, const bdb__joint_change *changes,
		     size_t n_changes, size_t support)
{
	bdb__joint_change *c = malloc((n_changes ? n_changes : 1) * sizeof *c);
	if (!c)
		return BDB_ENOMEM;
	size_t m = 0;
	for (size_t i = 0; i < n_changes; i++)
		if (changes[i].commit && *changes[i].commit)
			c[m++] = changes[i];
	qsort(c, m, sizeof *c, by_commit_then_series);
	size_t u = 0; /* one entry per (commit, series) */
	for (size_t i = 0; i < m; i++)
		if (!u || by_commit_then_series(&c[u - 1], &c[i]) != 0)
			c[u++] = c[i];
	for (size_t s = 0; s < n_steps; s++) {
		bdb__joint_step *st = &steps[s];
		st->moved_by = 0;
		st->support = 0;
		size_t own = st->commit && *st->commit ? others_at(c, u, st->commit, st->series) : 0;
		size_t best = 0;
		int best_offset = 0;
		for (size_t p = 0; p < st->n_places; p++) {
			int d = st->offset[p];
			if (d == 0 || !st->place[p] || !*st->place[p])
				continue;
			size_t k = others_at(c, u, st->place[p], st->series);
			/* The most series; on ties the nearer place, then the
			 * earlier. */
			int ad = abs(d), ab = abs(best_offset);
			if (k > best || (k == best && best_offset != 0 &&
					 (ad < ab || (ad == ab && d < best_offset)))) {
				best = k;
				best_offset = d;
			}
		}
		if (best_offset != 0 && best >= support && best > own) {
			st->moved_by = best_offset;
			st->support = best;
		}
	}
	free(c);
	return 0;
}
