/*
 * changes_harness.c - measures the change-point detectors of query/detect.c
 * on synthetic series with known steps, for docs/detection.md.
 *
 *   build/tools/changes_harness [CASES_PER_CELL] [SEED]
 *
 * Series: mean 100, Gaussian noise of 1, 2, 5 or 10 % of the mean, lengths
 * 20 to 2,000, one step of 1 to 50 % of the mean (1, 2, 3, 5, 6, 10, 15,
 * 20, 30, 50: several exactly 3 noise sd) at a position drawn
 * uniformly from [max(5, n/10), n - max(5, n/10)]; and flat series (no
 * step). A step counts as found when some reported change point lies
 * within +-1 of it. Prints, per detector and length, the share of steps of
 * at least 3 noise standard deviations found, of smaller steps found, and
 * of flat series with no change point; then the time for one series of
 * 10,000 values with three steps. Everything is seeded: the same arguments
 * print the same figures.
 */
#include "schema.h"
#include "stats.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const size_t lengths[] = {20, 50, 100, 200, 500, 1000, 2000};
static const double steps[] = {1, 2, 3, 5, 6, 10, 15, 20, 30, 50};
static const double noises[] = {1, 2, 5, 10};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct tally {
	size_t big_found, big_total;	 /* steps >= 3 sigma */
	size_t small_found, small_total; /* steps < 3 sigma */
	size_t flat_clean, flat_total;
	size_t false_extra; /* change points > 1 away from the step */
} tally;

static void fill(bdb__rng *rng, double *x, size_t n, double noise_pct, size_t at, double step_pct)
{
	for (size_t i = 0; i < n; i++) {
		double level = 100.0 + (i >= at ? step_pct : 0.0);
		x[i] = level + noise_pct * bdb__rng_normal(rng);
	}
}

static int detect(const double *x, size_t n, const bdb__changes_options *opt, bdb__changes *c)
{
	int err = bdb__detect_changes(x, n, opt, c);
	if (err)
		fprintf(stderr, "changes_harness: %s\n", bdb_strerror(err));
	return err;
}

static int run_length(size_t n, size_t cases, bdb__rng *rng, const bdb__changes_options *opt,
		      tally *t)
{
	double *x = malloc(n * sizeof *x);
	if (!x)
		return BDB_ENOMEM;
	size_t margin = n / 10 > 5 ? n / 10 : 5;
	for (size_t s = 0; s < COUNT(steps); s++) {
		for (size_t k = 0; k < COUNT(noises); k++) {
			for (size_t c = 0; c < cases; c++) {
				size_t at =
				    margin + (size_t)bdb__rng_below(rng, n - 2 * margin + 1);
				fill(rng, x, n, noises[k], at, steps[s]);
				bdb__changes found;
				if (detect(x, n, opt, &found) != 0) {
					free(x);
					return -1;
				}
				bool hit = false;
				for (size_t i = 0; i < found.count; i++) {
					size_t d = found.points[i].index > at
						       ? found.points[i].index - at
						       : at - found.points[i].index;
					if (d <= 1)
						hit = true;
					else
						t->false_extra++;
				}
				bdb__changes_free(&found);
				if (steps[s] >= 3.0 * noises[k]) {
					t->big_total++;
					t->big_found += hit;
				} else {
					t->small_total++;
					t->small_found += hit;
				}
			}
		}
	}
	for (size_t k = 0; k < COUNT(noises); k++) {
		for (size_t c = 0; c < cases * COUNT(steps); c++) {
			fill(rng, x, n, noises[k], n, 0.0);
			bdb__changes found;
			if (detect(x, n, opt, &found) != 0) {
				free(x);
				return -1;
			}
			t->flat_total++;
			t->flat_clean += found.count == 0;
			bdb__changes_free(&found);
		}
	}
	free(x);
	return 0;
}

static double pct(size_t a, size_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

static void print_tally(const char *label, const tally *t)
{
	printf("| %-6s | %6.1f %% of %4zu | %6.1f %% of %4zu | %6.1f %% of %4zu | %5zu |\n", label,
	       pct(t->big_found, t->big_total), t->big_total, pct(t->small_found, t->small_total),
	       t->small_total, pct(t->flat_clean, t->flat_total), t->flat_total, t->false_extra);
}

static int run_detector(const char *name, const bdb__changes_options *opt, size_t cases,
			uint64_t seed)
{
	printf("\n%s\n\n", name);
	printf("| length | steps >= 3 sigma found | steps < 3 sigma found | flat, no change | "
	       "extra |\n");
	printf("|---|---|---|---|---|\n");
	tally all = {0};
	for (size_t l = 0; l < COUNT(lengths); l++) {
		bdb__rng rng;
		bdb__rng_seed(&rng, seed + lengths[l]);
		tally t = {0};
		if (run_length(lengths[l], cases, &rng, opt, &t) != 0)
			return -1;
		char label[16];
		snprintf(label, sizeof label, "%zu", lengths[l]);
		print_tally(label, &t);
		all.big_found += t.big_found;
		all.big_total += t.big_total;
		all.small_found += t.small_found;
		all.small_total += t.small_total;
		all.flat_clean += t.flat_clean;
		all.flat_total += t.flat_total;
		all.false_extra += t.false_extra;
	}
	print_tally("all", &all);
	return 0;
}

static int time_long_series(const char *name, const bdb__changes_options *opt)
{
	enum { N = 10000 };
	static double x[N];
	bdb__rng rng;
	bdb__rng_seed(&rng, 1);
	for (size_t i = 0; i < N; i++) {
		double level = 100.0 + (i >= 2500 ? 10.0 : 0.0) + (i >= 6000 ? -15.0 : 0.0) +
			       (i >= 9000 ? 20.0 : 0.0);
		x[i] = level + 2.0 * bdb__rng_normal(&rng);
	}
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	bdb__changes found;
	if (detect(x, N, opt, &found) != 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &b);
	double seconds = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("%s, 10,000 values with steps at 2500, 6000, 9000: %.3f s, found", name, seconds);
	for (size_t i = 0; i < found.count; i++)
		printf(" %zu (p %.4f)", found.points[i].index, found.points[i].p_value);
	printf("\n");
	bdb__changes_free(&found);
	return 0;
}

int main(int argc, char **argv)
{
	size_t cases = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 10;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : BDB_STATS_DEFAULT_SEED;
	bdb__changes_options edivisive, windowed;
	bdb__changes_options_default(&edivisive);
	bdb__changes_options_windowed(&windowed);
	printf("changes_harness: %zu series per (length, step, noise) cell, seed %" PRIu64 "\n",
	       cases, seed);
	if (run_detector("E-Divisive (p 0.05, 100 permutations)", &edivisive, cases, seed) != 0 ||
	    run_detector("Windowed Otava/Hunter (window 50, p 0.001)", &windowed, cases, seed) != 0)
		return 1;
	printf("\n");
	if (time_long_series("E-Divisive", &edivisive) != 0 ||
	    time_long_series("Windowed", &windowed) != 0)
		return 1;
	return 0;
}
