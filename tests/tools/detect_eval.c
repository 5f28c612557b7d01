/*
 * detect_eval.c - the synthetic half of `make eval`: the change-point
 * methods of `changes` over seeded series with known steps, drifts and
 * excursions under four noise shapes (tests/eval/realdata.py is the other
 * half).
 *
 *   build/tools/detect_eval [SERIES_PER_CELL] [SEED]
 *
 * Every series has length 100, level 100 and noise of standard deviation
 * 2 (2 %) of one shape:
 *   normal   N(0, 1)
 *   t3       Student t with 3 degrees of freedom, scaled to sd 1
 *   bimodal  0.8 N(0, 0.5^2) + 0.2 N(3, 0.5^2), centred and scaled to sd 1
 *   ar1      AR(1) with phi 0.5, marginal sd 1
 * times sigma = 2. Cases (SERIES_PER_CELL each, default 200):
 *   step       one step of 3, 4 or 6 sigma, up or down, at a uniform run
 *              in [10, 90]; found when a step or excursion starts within
 *              +-1 run of it
 *   noise      no change: every reported point is a false one, counted per
 *              1,000 runs
 *   drift      +5 % linear creep over the 100 runs, noise sd 1 (1 %); right
 *              when exactly one drift and nothing else is reported
 *   excursion  +6 sigma for 3 runs at a uniform run in [10, 87], then
 *              back; right when exactly one excursion (robust) or, for the
 *              methods without excursions, when it is reported at all
 * and, for the robust method's joint placement over many series (the
 * default of `changes` over several series, bdb__joint_place), stores of 6
 * series of each shape: 4 share one step (3, 4 or 6 sigma, each its own
 * sign) at a uniform run in [10, 90], 2 step alone at their own uniform
 * runs; counted before and after the joint placement: shared steps found
 * at their run exactly and within +-1 run, and lone steps within +-1 run
 * (a lone step must not be pulled away); and steps in the newest runs: a
 * step of 3, 4 or 6 sigma whose new level holds for the last 3, 4 or 5
 * runs only (robust), found when a step starts within +-1 run of it; and
 * two steps the same way (3, 4 or 6 sigma each at runs 30 and 70), right
 * when both are found as steps and no drift is reported.
 * The same arguments print the same table. EVAL_EFFECT, EVAL_P and
 * EVAL_FLOOR in the environment replace the robust method's effect, p-value
 * and floor, and EVAL_ROBUST_ONLY leaves the other methods out (for
 * tuning; make eval sets none).
 */
#include "schema.h"
#include "stats.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N      100
#define LEVEL  100.0
#define SIGMA  2.0
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef enum shape { NORMAL, T3, BIMODAL, AR1 } shape;
static const char *const shape_names[] = {"normal", "t3", "bimodal", "ar1"};

/* n unit-sd noise values of one shape. */
static void noise(bdb__rng *rng, shape s, double *e, size_t n)
{
	double prev = bdb__rng_normal(rng);
	for (size_t i = 0; i < n; i++) {
		double z = bdb__rng_normal(rng);
		switch (s) {
		case NORMAL:
			e[i] = z;
			break;
		case T3: {
			double c = 0;
			for (int k = 0; k < 3; k++) {
				double g = bdb__rng_normal(rng);
				c += g * g;
			}
			e[i] = z / sqrt(c / 3.0) / sqrt(3.0);
			break;
		}
		case BIMODAL: {
			/* mean 0.6, variance 0.25 + 0.2 * 0.8 * 9 = 1.69 */
			double v = 0.5 * z + (bdb__rng_uniform(rng) < 0.2 ? 3.0 : 0.0);
			e[i] = (v - 0.6) / 1.3;
			break;
		}
		case AR1:
			prev = 0.5 * prev + sqrt(1 - 0.25) * z;
			e[i] = prev;
			break;
		}
	}
}

typedef struct method {
	const char *name;
	bdb__changes_options opt;
} method;

typedef struct tally {
	size_t step_found, step_total;
	size_t false_points, noise_runs, false_kind[3];
	size_t drift_right, drift_total, drift_steps;
	size_t exc_right, exc_total;
} tally;

static int detect(const method *m, const double *x, bdb__changes *c)
{
	int err = bdb__detect_changes_at(x, NULL, N, &m->opt, c);
	if (err)
		fprintf(stderr, "detect_eval: %s: %s\n", m->name, bdb_strerror(err));
	return err;
}

static size_t count_kind(const bdb__changes *c, bdb__change_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < c->count; i++)
		n += c->points[i].kind == k;
	return n;
}

static int run_shape(const method *m, shape s, size_t cases, uint64_t seed, tally *t)
{
	static const double sizes[] = {3, 4, 6};
	bdb__rng rng;
	bdb__rng_seed(&rng, seed + (uint64_t)s);
	double e[N], x[N];
	bdb__changes c;
	for (size_t k = 0; k < cases; k++) {
		/* A step. */
		size_t at = 10 + (size_t)bdb__rng_below(&rng, N - 20 + 1);
		double size = sizes[k % COUNT(sizes)] * SIGMA * (k % 2 ? -1 : 1);
		noise(&rng, s, e, N);
		for (size_t i = 0; i < N; i++)
			x[i] = LEVEL + (i >= at ? size : 0) + SIGMA * e[i];
		if (detect(m, x, &c))
			return -1;
		bool hit = false;
		for (size_t i = 0; i < c.count; i++) {
			size_t d = c.points[i].index > at ? c.points[i].index - at
							  : at - c.points[i].index;
			hit |= d <= 1 && c.points[i].kind != BDB__CHANGE_DRIFT;
		}
		t->step_found += hit;
		t->step_total++;
		bdb__changes_free(&c);

		/* Noise only. */
		noise(&rng, s, e, N);
		for (size_t i = 0; i < N; i++)
			x[i] = LEVEL + SIGMA * e[i];
		if (detect(m, x, &c))
			return -1;
		t->false_points += c.count;
		for (size_t i = 0; i < c.count; i++)
			t->false_kind[c.points[i].kind]++;
		t->noise_runs += N;
		bdb__changes_free(&c);

		/* +5 % creep, noise sd 1. */
		noise(&rng, s, e, N);
		for (size_t i = 0; i < N; i++)
			x[i] = LEVEL * (1.0 + 0.05 * (double)i / (N - 1)) + 1.0 * e[i];
		if (detect(m, x, &c))
			return -1;
		size_t drifts = count_kind(&c, BDB__CHANGE_DRIFT);
		t->drift_right += drifts == 1 && c.count == 1;
		t->drift_steps += c.count - drifts;
		t->drift_total++;
		bdb__changes_free(&c);

		/* A 3-run excursion of +6 sigma. */
		at = 10 + (size_t)bdb__rng_below(&rng, N - 23 + 1);
		noise(&rng, s, e, N);
		for (size_t i = 0; i < N; i++)
			x[i] = LEVEL + (i >= at && i < at + 3 ? 6 * SIGMA : 0) + SIGMA * e[i];
		if (detect(m, x, &c))
			return -1;
		if (m->opt.robust)
			t->exc_right += c.count == 1 && c.points[0].kind == BDB__CHANGE_EXCURSION &&
					c.points[0].index + 1 >= at && c.points[0].index <= at + 1;
		else
			for (size_t i = 0; i < c.count; i++)
				if (c.points[i].index + 1 >= at && c.points[i].index <= at + 1) {
					t->exc_right++;
					break;
				}
		t->exc_total++;
		bdb__changes_free(&c);
	}
	return 0;
}

static double pct(size_t a, size_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

/* Joint placement: a store of STORE series, the first SHARED of them with
 * one step at one run, the others with a step each at its own run. */
#define STORE  6
#define SHARED 4

typedef struct joint_tally {
	size_t shared_exact[2], shared_near[2], shared_total; /* before, after */
	size_t lone_near[2], lone_total;
} joint_tally;

/* The run names: the joint placement compares commits. */
static char run_names[N][8];

/* Whether c has a step or excursion at run at (within +-slack runs). */
static bool found_at(const bdb__changes *c, size_t at, size_t slack)
{
	for (size_t i = 0; i < c->count; i++) {
		const bdb__change_point *p = &c->points[i];
		size_t d = p->index > at ? p->index - at : at - p->index;
		if (p->kind != BDB__CHANGE_DRIFT && d <= slack)
			return true;
	}
	return false;
}

static void joint_count(const bdb__changes *c, const size_t *at, joint_tally *t, int after)
{
	for (size_t j = 0; j < STORE; j++) {
		bool exact = found_at(&c[j], at[j], 0), near = found_at(&c[j], at[j], 1);
		if (j < SHARED) {
			t->shared_exact[after] += exact;
			t->shared_near[after] += near;
		} else {
			t->lone_near[after] += near;
		}
	}
}

/* Places the steps of the STORE answers c jointly, as `changes` does. */
static int joint_place(const double x[STORE][N], bdb__changes *c)
{
	bdb__joint_change changes[STORE * N];
	bdb__joint_step steps[STORE * N];
	size_t point[STORE * N], nc = 0, ns = 0;
	for (size_t j = 0; j < STORE; j++)
		for (size_t k = 0; k < c[j].count; k++) {
			const bdb__change_point *p = &c[j].points[k];
			if (p->kind == BDB__CHANGE_DRIFT)
				continue;
			changes[nc++] = (bdb__joint_change){run_names[p->index], j};
			if (p->kind != BDB__CHANGE_STEP)
				continue;
			bool ok[BDB_CHANGES_JOINT_PLACES];
			int err = bdb__changes_step_places(x[j], NULL, N, &c[j], k,
							   BDB_CHANGES_JOINT_TOLERANCE, ok);
			if (err)
				return err;
			bdb__joint_step *st = &steps[ns];
			*st = (bdb__joint_step){.series = j, .commit = run_names[p->index]};
			for (int d = -BDB_CHANGES_JOINT_RUNS; d <= BDB_CHANGES_JOINT_RUNS; d++)
				if (d && ok[d + BDB_CHANGES_JOINT_RUNS]) {
					st->place[st->n_places] = run_names[(long)p->index + d];
					st->offset[st->n_places++] = d;
				}
			point[ns++] = k;
		}
	int err = bdb__joint_place(steps, ns, changes, nc, BDB_CHANGES_JOINT_SUPPORT);
	for (size_t i = 0; i < ns && !err; i++) {
		bdb__change_point *p = &c[steps[i].series].points[point[i]];
		p->index = (size_t)((long)p->index + steps[i].moved_by);
	}
	return err;
}

static int run_joint(const method *m, shape s, size_t stores, uint64_t seed, joint_tally *t)
{
	static const double sizes[] = {3, 4, 6};
	bdb__rng rng;
	bdb__rng_seed(&rng, seed + 100 + (uint64_t)s);
	double e[N], x[STORE][N];
	bdb__changes c[STORE];
	size_t at[STORE];
	for (size_t k = 0; k < stores; k++) {
		size_t shared = 10 + (size_t)bdb__rng_below(&rng, N - 20 + 1);
		for (size_t j = 0; j < STORE; j++) {
			at[j] = j < SHARED ? shared : 10 + (size_t)bdb__rng_below(&rng, N - 20 + 1);
			double size = sizes[(k + j) % COUNT(sizes)] * SIGMA *
				      (bdb__rng_uniform(&rng) < 0.5 ? -1 : 1);
			noise(&rng, s, e, N);
			for (size_t i = 0; i < N; i++)
				x[j][i] = LEVEL + (i >= at[j] ? size : 0) + SIGMA * e[i];
		}
		size_t done = 0;
		int err = 0;
		for (; done < STORE && !err; done++)
			err = detect(m, x[done], &c[done]);
		if (!err) {
			joint_count(c, at, t, 0);
			err = joint_place((const double(*)[N])x, c);
		}
		if (!err)
			joint_count(c, at, t, 1);
		for (size_t j = 0; j < done; j++)
			bdb__changes_free(&c[j]);
		if (err)
			return -1;
		t->shared_total += SHARED;
		t->lone_total += STORE - SHARED;
	}
	return 0;
}

/* Steps in the newest runs: a step of 3, 4 or 6 sigma (each its own sign)
 * whose new level holds for the last 3, 4 or 5 runs only, the change a
 * nightly job asks about; found[r] / total[r] for r + 3 runs, found when a
 * step starts within +-1 run of it. */
static int run_newest(const method *m, shape s, size_t cases, uint64_t seed, size_t found[3],
		      size_t total[3])
{
	static const double sizes[] = {3, 4, 6};
	bdb__rng rng;
	bdb__rng_seed(&rng, seed + 100 + (uint64_t)s);
	double e[N], x[N];
	for (size_t k = 0; k < cases; k++)
		for (size_t r = 0; r < 3; r++) {
			size_t at = N - 3 - r;
			double size = sizes[k % COUNT(sizes)] * SIGMA * (k % 2 ? -1 : 1);
			noise(&rng, s, e, N);
			for (size_t i = 0; i < N; i++)
				x[i] = LEVEL + (i >= at ? size : 0) + SIGMA * e[i];
			bdb__changes c;
			if (detect(m, x, &c))
				return -1;
			bool hit = false;
			for (size_t i = 0; i < c.count; i++)
				hit |= c.points[i].kind == BDB__CHANGE_STEP &&
				       c.points[i].index + 1 >= at && c.points[i].index <= at + 1;
			found[r] += hit;
			total[r]++;
			bdb__changes_free(&c);
		}
	return 0;
}

/* Two steps the same way: 3, 4 or 6 sigma each (the sign alternating
 * between series) at runs 30 and 70; right when both are found as steps
 * within +-1 run and no drift is reported (*as_drift counts the series
 * read as a drift). */
static int run_stairs(const method *m, shape s, size_t cases, uint64_t seed, size_t *right,
		      size_t *as_drift, size_t *total)
{
	static const double sizes[] = {3, 4, 6};
	bdb__rng rng;
	bdb__rng_seed(&rng, seed + 200 + (uint64_t)s);
	double e[N], x[N];
	for (size_t k = 0; k < cases; k++) {
		double size = sizes[k % COUNT(sizes)] * SIGMA * (k % 2 ? -1 : 1);
		noise(&rng, s, e, N);
		for (size_t i = 0; i < N; i++)
			x[i] = LEVEL + (i >= 30 ? size : 0) + (i >= 70 ? size : 0) + SIGMA * e[i];
		bdb__changes c;
		if (detect(m, x, &c))
			return -1;
		bool first = false, second = false;
		size_t drifts = count_kind(&c, BDB__CHANGE_DRIFT);
		for (size_t i = 0; i < c.count; i++) {
			size_t at = c.points[i].index;
			bool step = c.points[i].kind == BDB__CHANGE_STEP;
			first |= step && at + 1 >= 30 && at <= 31;
			second |= step && at + 1 >= 70 && at <= 71;
		}
		*right += first && second && drifts == 0;
		*as_drift += drifts > 0;
		(*total)++;
		bdb__changes_free(&c);
	}
	return 0;
}

/* A level that comes back: 4, 6 or 10 sigma (each its own sign) for 6, 8,
 * 12 or 20 runs from a run in [30, 50); right when both edges are found
 * as steps within +-1 run. */
static const size_t level_runs[] = {6, 8, 12, 20};

static int run_levels(const method *m, shape s, size_t cases, uint64_t seed, size_t *right,
		      size_t *total)
{
	static const double sizes[] = {4, 6, 10};
	bdb__rng rng;
	bdb__rng_seed(&rng, seed + 300 + (uint64_t)s);
	double e[N], x[N];
	for (size_t k = 0; k < cases; k++)
		for (size_t r = 0; r < COUNT(level_runs); r++) {
			size_t at = 30 + (size_t)bdb__rng_below(&rng, 20), end = at + level_runs[r];
			double size = sizes[k % COUNT(sizes)] * SIGMA * (k % 2 ? -1 : 1);
			noise(&rng, s, e, N);
			for (size_t i = 0; i < N; i++)
				x[i] = LEVEL + (i >= at && i < end ? size : 0) + SIGMA * e[i];
			bdb__changes c;
			if (detect(m, x, &c))
				return -1;
			bool first = false, second = false;
			for (size_t i = 0; i < c.count; i++) {
				size_t j = c.points[i].index;
				bool step = c.points[i].kind == BDB__CHANGE_STEP;
				first |= step && j + 1 >= at && j <= at + 1;
				second |= step && j + 1 >= end && j <= end + 1;
			}
			right[r] += first && second;
			total[r]++;
			bdb__changes_free(&c);
		}
	return 0;
}

int main(int argc, char **argv)
{
	size_t cases = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 200;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : BDB_STATS_DEFAULT_SEED;
	method methods[3];
	methods[0].name = "robust (default)";
	bdb__changes_options_robust(&methods[0].opt);
	if (getenv("EVAL_EFFECT"))
		methods[0].opt.effect = atof(getenv("EVAL_EFFECT"));
	if (getenv("EVAL_P"))
		methods[0].opt.max_p_value = atof(getenv("EVAL_P"));
	if (getenv("EVAL_FLOOR"))
		methods[0].opt.floor_pct = atof(getenv("EVAL_FLOOR"));
	methods[1].name = "edivisive";
	bdb__changes_options_default(&methods[1].opt);
	methods[2].name = "window 50";
	bdb__changes_options_windowed(&methods[2].opt);

	printf("detect_eval: %zu series per (method, noise, case), length %d, noise sd %.0f %%, "
	       "seed %" PRIu64 "\n\n",
	       cases, N, SIGMA, seed);
	printf("| method | noise | steps >= 3 sd found (+-1 run) | false points / 1,000 runs (steps, excursions, drifts) | "
	       "+5 %% drift: one drift, nothing else | steps on the drift | 3-run excursion "
	       "found |\n|---|---|---|---|---|---|---|\n");
	size_t nm = getenv("EVAL_ROBUST_ONLY") ? 1 : COUNT(methods);
	for (size_t k = 0; k < nm; k++)
		for (shape s = NORMAL; s <= AR1; s++) {
			tally t = {0};
			if (run_shape(&methods[k], s, cases, seed, &t))
				return 1;
			printf("| %s | %s | %.1f %% of %zu | %.2f (%zu, %zu, %zu) | %.1f %% of %zu | %zu | "
			       "%.1f %% of %zu%s |\n",
			       methods[k].name, shape_names[s], pct(t.step_found, t.step_total),
			       t.step_total, 1000.0 * (double)t.false_points / (double)t.noise_runs,
			       t.false_kind[BDB__CHANGE_STEP], t.false_kind[BDB__CHANGE_EXCURSION],
			       t.false_kind[BDB__CHANGE_DRIFT],
			       pct(t.drift_right, t.drift_total), t.drift_total, t.drift_steps,
			       pct(t.exc_right, t.exc_total), t.exc_total,
			       methods[k].opt.robust ? " as one excursion" : "");
			fflush(stdout);
		}

	for (size_t i = 0; i < N; i++)
		snprintf(run_names[i], sizeof run_names[i], "r%03zu", i);
	size_t stores = cases / 4 ? cases / 4 : 1;
	printf("\nJoint placement (robust, %zu stores of %d series per noise: %d share a step, "
	       "%d step alone; before -> after):\n\n",
	       stores, STORE, SHARED, STORE - SHARED);
	printf("| noise | shared steps at their run | shared steps within +-1 run | lone steps "
	       "within +-1 run |\n|---|---|---|---|\n");
	for (shape s = NORMAL; s <= AR1; s++) {
		joint_tally t = {0};
		if (run_joint(&methods[0], s, stores, seed, &t))
			return 1;
		printf("| %s | %.1f %% -> %.1f %% of %zu | %.1f %% -> %.1f %% | %.1f %% -> %.1f %% of "
		       "%zu |\n",
		       shape_names[s], pct(t.shared_exact[0], t.shared_total),
		       pct(t.shared_exact[1], t.shared_total), t.shared_total,
		       pct(t.shared_near[0], t.shared_total), pct(t.shared_near[1], t.shared_total),
		       pct(t.lone_near[0], t.lone_total), pct(t.lone_near[1], t.lone_total),
		       t.lone_total);
		fflush(stdout);
	}

	printf("\nSteps in the newest runs (robust, %zu series per cell: 3, 4 and 6 sd; found "
	       "within +-1 run):\n\n",
	       cases);
	printf("| noise | new level for the last 3 runs | last 4 runs | last 5 runs |\n"
	       "|---|---|---|---|\n");
	for (shape s = NORMAL; s <= AR1; s++) {
		size_t found[3] = {0}, total[3] = {0};
		if (run_newest(&methods[0], s, cases, seed, found, total))
			return 1;
		printf("| %s | %.1f %% | %.1f %% | %.1f %% |\n", shape_names[s],
		       pct(found[0], total[0]), pct(found[1], total[1]), pct(found[2], total[2]));
		fflush(stdout);
	}

	printf("\nLevels that come back (robust, %zu series per cell: 4, 6 and 10 sd from a run in "
	       "[30, 50); both edges found as steps within +-1 run):\n\n",
	       cases);
	printf("| noise | 6 runs | 8 runs | 12 runs | 20 runs |\n|---|---|---|---|---|\n");
	for (shape s = NORMAL; s <= AR1; s++) {
		size_t right[COUNT(level_runs)] = {0}, total[COUNT(level_runs)] = {0};
		if (run_levels(&methods[0], s, cases, seed, right, total))
			return 1;
		printf("| %s | %.1f %% | %.1f %% | %.1f %% | %.1f %% |\n", shape_names[s],
		       pct(right[0], total[0]), pct(right[1], total[1]), pct(right[2], total[2]),
		       pct(right[3], total[3]));
		fflush(stdout);
	}

	printf("\nTwo steps the same way (robust, %zu series per noise: 3, 4 and 6 sd each at "
	       "runs 30 and 70):\n\n",
	       cases);
	printf("| noise | both found as steps, no drift | read as a drift |\n|---|---|---|\n");
	for (shape s = NORMAL; s <= AR1; s++) {
		size_t right = 0, as_drift = 0, total = 0;
		if (run_stairs(&methods[0], s, cases, seed, &right, &as_drift, &total))
			return 1;
		printf("| %s | %.1f %% of %zu | %.1f %% |\n", shape_names[s], pct(right, total), total,
		       pct(as_drift, total));
		fflush(stdout);
	}
	return 0;
}
