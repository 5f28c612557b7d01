/*
 * fold_eval.c - `make eval`'s measure of the persisted change points
 * (query/cpfold.h): the robust detector over each whole series against the
 * fold that `changes` reads from the store, on series longer than the
 * fold's window, where the two can differ.
 *
 *   build/tools/fold_eval [SERIES_PER_CELL] [SEED]
 *
 * Every series has 1,500 runs at level 100 with noise of standard
 * deviation 1 (1 %), normal or Student t with 3 degrees of freedom scaled
 * to sd 1. Cases (SERIES_PER_CELL each, default 20):
 *   steps  five steps of 3, 4 or 6 sigma, up or down, one in each 300-run
 *          stretch at a uniform run in [50, 250) of it; found when a step
 *          or excursion starts within +-1 run of it
 *   noise  no change: every point reported is a false one, per 1,000 runs
 * and the CPU time each way per series (clock(): process CPU). The same
 * arguments print the same table but for the times.
 */
#include "cpfold.h"
#include "schema.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define N	1500
#define STRETCH 300
#define STEPS	(N / STRETCH)

static void make_series(bdb__rng *rng, bool heavy, bool steps, double *x, size_t *at)
{
	static const double sizes[] = {3, 4, 6};
	double level = 100;
	for (int k = 0; k < STEPS; k++)
		at[k] = (size_t)k * STRETCH + 50 + (size_t)bdb__rng_below(rng, 200);
	for (size_t i = 0, k = 0; i < N; i++) {
		if (steps && k < STEPS && i == at[k]) {
			double size = sizes[bdb__rng_below(rng, 3)];
			level += bdb__rng_uniform(rng) < 0.5 ? -size : size;
			k++;
		}
		double e = bdb__rng_normal(rng);
		if (heavy) {
			double c = 0;
			for (int d = 0; d < 3; d++) {
				double g = bdb__rng_normal(rng);
				c += g * g;
			}
			e = e / sqrt(c / 3.0) / sqrt(3.0);
		}
		x[i] = level + e;
	}
}

typedef struct tally {
	size_t found, steps, false_points, noise_runs;
	double seconds;
	size_t series;
} tally;

static void score(const bdb__changes *c, bool steps, const size_t *at, tally *t)
{
	if (!steps) {
		t->false_points += c->count;
		t->noise_runs += N;
		return;
	}
	for (int k = 0; k < STEPS; k++) {
		t->steps++;
		for (size_t i = 0; i < c->count; i++) {
			const bdb__change_point *p = &c->points[i];
			if (p->kind != BDB__CHANGE_DRIFT && p->index + 1 >= at[k] && p->index <= at[k] + 1) {
				t->found++;
				break;
			}
		}
	}
}

int main(int argc, char **argv)
{
	size_t cases = argc > 1 ? strtoul(argv[1], NULL, 10) : 20;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : BDB_STATS_DEFAULT_SEED;
	bdb__changes_options opt;
	bdb__changes_options_robust(&opt);
	static double x[N];
	size_t at[STEPS];
	printf("Persisted change points (fold: window %d, hop %d, settle %d) against the robust "
	       "detector over the whole series; %zu series per cell of %d runs, seed %" PRIu64
	       "\n\n",
	       BDB__CPFOLD_WINDOW, BDB__CPFOLD_HOP, BDB__CPFOLD_SETTLE, cases, N, seed);
	printf("| noise | method | steps >= 3 sigma found | false points / 1,000 runs | CPU per "
	       "series |\n|---|---|---|---|---|\n");
	for (int heavy = 0; heavy < 2; heavy++) {
		tally whole = {0}, fold = {0};
		bdb__rng rng;
		bdb__rng_seed(&rng, seed + (uint64_t)heavy);
		for (size_t s = 0; s < 2 * cases; s++) {
			bool steps = s < cases;
			make_series(&rng, heavy, steps, x, at);
			bdb__changes c;
			clock_t t0 = clock();
			if (bdb__detect_changes_at(x, NULL, N, &opt, &c) != 0)
				return 1;
			clock_t t1 = clock();
			score(&c, steps, at, &whole);
			bdb__changes_free(&c);
			bdb__cpfold f = {0};
			clock_t t2 = clock();
			if (bdb__cpfold_advance(&f, x, NULL, 0, N, &opt) != 0 ||
			    bdb__cpfold_answer(&f, x, NULL, &opt, &c) != 0)
				return 1;
			clock_t t3 = clock();
			score(&c, steps, at, &fold);
			bdb__changes_free(&c);
			bdb__cpfold_free(&f);
			whole.seconds += (double)(t1 - t0) / CLOCKS_PER_SEC;
			fold.seconds += (double)(t3 - t2) / CLOCKS_PER_SEC;
		}
		const char *shape = heavy ? "t3" : "normal";
		const tally *t[2] = {&whole, &fold};
		const char *names[2] = {"robust, whole series", "robust, persisted fold"};
		for (int m = 0; m < 2; m++)
			printf("| %s | %s | %.1f %% | %.2f | %.0f ms |\n", shape, names[m],
			       100.0 * (double)t[m]->found / (double)t[m]->steps,
			       1000.0 * (double)t[m]->false_points / (double)t[m]->noise_runs,
			       1000 * t[m]->seconds / (double)(2 * cases));
	}
	return 0;
}
