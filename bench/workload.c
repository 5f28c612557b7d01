/* workload.c - the synthetic benchmark histories of bench/ (see workload.h). */
#include "workload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Randomness                                                                */
/* ------------------------------------------------------------------------ */

uint64_t bench_rng_next(bench_rng *rng)
{
	uint64_t z = (rng->state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

double bench_rng_uniform(bench_rng *rng)
{
	return (double)(bench_rng_next(rng) >> 11) * (1.0 / 9007199254740992.0);
}

double bench_rng_gaussian(bench_rng *rng)
{
	/* The sum of 4 uniforms has mean 2 and variance 4/12; sqrt(3) rescales
	 * it to variance 1. Written as a constant so no libm call is needed. */
	double sum = 0;
	for (int i = 0; i < 4; i++)
		sum += bench_rng_uniform(rng);
	return (sum - 2.0) * 1.7320508075688772;
}

uint64_t bench_fnv1a(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* A generator for one purpose (run, point) of one seed: distinct streams. */
static bench_rng rng_for(uint64_t seed, uint64_t purpose, uint64_t index)
{
	bench_rng rng = {seed ^ (purpose * UINT64_C(0xD1B54A32D192ED03))};
	rng.state ^= bench_rng_next(&rng) + index * UINT64_C(0x9E3779B97F4A7C15);
	bench_rng_next(&rng);
	return rng;
}

/* ------------------------------------------------------------------------ */
/* The workloads                                                             */
/* ------------------------------------------------------------------------ */

#define DAY_US (INT64_C(86400) * 1000000)

/* nightly-10y: a slow regression of cuda sorts, a memory improvement of the
 * hashes, an f16 speed-up, and on the very last run a regression of the
 * matmuls on cpu that `regressions latest vs baseline` must find. */
static const bench_step nightly_steps[] = {
    {1200, "BM_sort", "cuda", "time", 1.25}, {2000, "BM_hash", NULL, "memory", 0.70},
    {3000, "BM_matmul", NULL, "time", 0.60}, {3649, "BM_matmul", "cpu", "time", 1.12},
    {3649, "BM_fft", NULL, "allocs", 1.50},
};

static const bench_step ci_steps[] = {
    {40000, "BM_sort", NULL, "time", 1.10},
    {80000, "BM_hash", "cpu", "memory", 1.30},
};

/* demo-90d (make demo): the cpu sorts get 30 % slower from run 60 on, for
 * `changes` to find. */
static const bench_step demo_steps[] = {
    {60, "BM_sort", "cpu", "time", 1.30},
};

static const bench_workload workloads[] = {
    {"nightly-10y", 3650, 200, 5, INT64_C(1451613600) * 1000000, DAY_US, "nightly", 1,
     nightly_steps, sizeof nightly_steps / sizeof nightly_steps[0]},
    {"ci-heavy", 100000, 20, 3, INT64_C(1704067200) * 1000000, INT64_C(600) * 1000000, "ci", 4,
     ci_steps, sizeof ci_steps / sizeof ci_steps[0]},
    {"wide", 10, 100000, 10, INT64_C(1767225600) * 1000000, DAY_US, "wide", 1, NULL, 0},
    /* 2026-08-17 02:00 UTC: the last run is the day before examples/history's first. */
    {"demo-90d", 90, 8, 2, INT64_C(1786932000) * 1000000, DAY_US, "daily", 1, demo_steps,
     sizeof demo_steps / sizeof demo_steps[0]},
};

const bench_workload *bench_workload_find(const char *name)
{
	for (size_t i = 0; i < sizeof workloads / sizeof workloads[0]; i++)
		if (strcmp(workloads[i].name, name) == 0)
			return &workloads[i];
	return NULL;
}

const bench_workload *bench_workload_list(size_t *n)
{
	*n = sizeof workloads / sizeof workloads[0];
	return workloads;
}

uint64_t bench_workload_observations(const bench_workload *w)
{
	return (uint64_t)w->n_runs * w->n_points * w->n_metrics;
}

/* ------------------------------------------------------------------------ */
/* Points and metrics                                                        */
/* ------------------------------------------------------------------------ */

typedef struct family {
	const char *name;
	const char *scenario;
	double ns_per_item; /* on cpu, f32 */
	double bytes_per_item;
} family;

static const family families[] = {
    {"BM_sort", "algorithms", 9.0, 8}, {"BM_hash", "algorithms", 2.5, 16},
    {"BM_matmul", "linalg", 0.8, 12},  {"BM_conv2d", "nn", 1.6, 10},
    {"BM_fft", "signal", 4.2, 16},     {"BM_reduce", "algorithms", 0.4, 4},
    {"BM_scan", "algorithms", 0.6, 8}, {"BM_gather", "memory", 1.1, 12},
    {"BM_softmax", "nn", 1.9, 8},      {"BM_layernorm", "nn", 2.2, 8},
};
#define N_FAMILIES (sizeof families / sizeof families[0])

static const uint32_t sizes[] = {64, 1024, 16384, 262144, 4194304};
#define N_SIZES (sizeof sizes / sizeof sizes[0])

typedef struct metric_spec {
	const char *name, *unit, *direction, *group, *priority;
} metric_spec;

/* The metric table; a workload takes the first n_metrics. */
static const metric_spec metric_specs[] = {
    {"time", "ns", "lower", "latency", "primary"},
    {"throughput", "items/s", "higher", "throughput", "primary"},
    {"memory", "MiB", "lower", "resources", "secondary"},
    {"p99", "ms", "lower", "latency", "secondary"},
    {"allocs", "count", "lower", "resources", "secondary"},
    {"p50", "ms", "lower", "latency", "secondary"},
    {"p90", "ms", "lower", "latency", "secondary"},
    {"cpu_time", "ns", "lower", "latency", "secondary"},
    {"bandwidth", "GB/s", "higher", "throughput", "secondary"},
    {"cache_misses", "count", "info", "resources", "secondary"},
};
#define N_METRIC_SPECS (sizeof metric_specs / sizeof metric_specs[0])

/* Point i: tag combination i % 4 (backend, dtype), then name k = i / 4
 * walks families first, then sizes, then a third argument. */
static void point_parts(uint32_t i, const family **fam, uint32_t *size, uint32_t *variant,
			bool *cuda, bool *f16)
{
	uint32_t k = i / 4;
	*cuda = (i & 1) != 0;
	*f16 = (i & 2) != 0;
	*fam = &families[k % N_FAMILIES];
	*size = sizes[(k / N_FAMILIES) % N_SIZES];
	*variant = k / (uint32_t)(N_FAMILIES * N_SIZES);
}

void bench_point_describe(uint32_t i, char *name, size_t name_size, char *scenario,
			  size_t scenario_size, const char **backend, const char **dtype)
{
	const family *fam;
	uint32_t size, variant;
	bool cuda, f16;
	point_parts(i, &fam, &size, &variant, &cuda, &f16);
	if (variant == 0)
		snprintf(name, name_size, "%s/%u", fam->name, size);
	else
		snprintf(name, name_size, "%s/%u/%u", fam->name, size, variant);
	snprintf(scenario, scenario_size, "%s", fam->scenario);
	*backend = cuda ? "cuda" : "cpu";
	*dtype = f16 ? "f16" : "f32";
}

/* The product of the factors of every step in force for this series. */
static double step_factor(const bench_workload *w, uint32_t run, const family *fam, bool cuda,
			  const char *metric)
{
	double f = 1.0;
	for (size_t i = 0; i < w->n_steps; i++) {
		const bench_step *s = &w->steps[i];
		if (run < s->from_run)
			continue;
		if (s->family && strcmp(s->family, fam->name) != 0)
			continue;
		if (s->backend && strcmp(s->backend, cuda ? "cuda" : "cpu") != 0)
			continue;
		if (s->metric && strcmp(s->metric, metric) != 0)
			continue;
		f *= s->factor;
	}
	return f;
}

/* The values of one point in one run, indexed like metric_specs. */
static void point_values(const bench_workload *w, uint64_t seed, uint32_t run, uint32_t i,
			 bench_rng *noise, double values[N_METRIC_SPECS], double *time_ci)
{
	const family *fam;
	uint32_t size, variant;
	bool cuda, f16;
	point_parts(i, &fam, &size, &variant, &cuda, &f16);

	/* A fixed per-point jitter so that no two series share a level. */
	bench_rng prng = rng_for(seed, 2, i);
	double jitter = 0.8 + 0.4 * bench_rng_uniform(&prng);

	double items = (double)size;
	double time = fam->ns_per_item * items * jitter * (1.0 + 0.1 * variant);
	if (cuda)
		time = time * 0.15 + 4000.0; /* launch overhead dominates small sizes */
	if (f16)
		time *= 0.7;
	/* A slow creep over the whole history, plus steps and noise. */
	time *= 1.0 + 0.05 * (double)run / (double)w->n_runs;
	time *= step_factor(w, run, fam, cuda, "time");
	double sigma = cuda ? 0.03 : 0.015;
	time *= 1.0 + sigma * bench_rng_gaussian(noise);
	*time_ci = time * sigma * (0.5 + bench_rng_uniform(noise));

	double bytes = items * fam->bytes_per_item * (f16 ? 0.5 : 1.0);
	double mem = 12.0 + bytes * 3.0 / 1048576.0;
	mem *= step_factor(w, run, fam, cuda, "memory");
	mem *= 1.0 + 0.002 * bench_rng_gaussian(noise);

	double allocs = (double)(3 + (fam - families) + 2 * (i % 4));
	if (step_factor(w, run, fam, cuda, "allocs") != 1.0)
		allocs =
		    (double)(uint64_t)(allocs * step_factor(w, run, fam, cuda, "allocs") + 0.5);

	double p99 = time * (1.3 + 0.1 * bench_rng_uniform(noise)) / 1e6;
	values[0] = time;
	values[1] = items * 1e9 / time;
	values[2] = mem;
	values[3] = p99 * step_factor(w, run, fam, cuda, "p99");
	values[4] = allocs;
	values[5] = time * (1.0 + 0.02 * bench_rng_uniform(noise)) / 1e6;
	values[6] = time * (1.1 + 0.05 * bench_rng_uniform(noise)) / 1e6;
	values[7] = time * (cuda ? 0.2 : 0.97);
	values[8] = bytes / time;
	values[9] = (double)(uint64_t)(bytes / 64.0 * (0.1 + 0.01 * bench_rng_uniform(noise)));
}

int bench_workload_build_run(const bench_workload *w, uint64_t seed, uint32_t index, bdb_run **out)
{
	*out = NULL;
	if (index >= w->n_runs || w->n_metrics > N_METRIC_SPECS)
		return BDB_EINVAL;
	bdb_run *run = bdb_run_new();
	if (!run)
		return BDB_ENOMEM;
	int rc = BDB_ENOMEM;
	char text[128];

	bench_rng rng = rng_for(seed, 1, index);
	snprintf(text, sizeof text, "%s-%06u", w->id_prefix, index);
	if (bdb_run_set_id(run, text))
		goto fail;
	run->timestamp_us = w->start_us + (int64_t)index * w->spacing_us;
	for (int i = 0; i < 40; i += 16)
		snprintf(text + i, sizeof text - (size_t)i, "%016llx",
			 (unsigned long long)bench_rng_next(&rng));
	text[40] = '\0';
	if (bdb_run_set_commit(run, text))
		goto fail;
	if (w->main_every > 1 && index % w->main_every != 0)
		snprintf(text, sizeof text, "pr-%u", 1000 + index / w->main_every);
	else
		snprintf(text, sizeof text, "main");
	if (bdb_run_set_branch(run, text) || bdb_run_set_env(run, "host", "bench-01") ||
	    bdb_run_set_env(run, "cpu", "AMD EPYC 7B13") ||
	    bdb_run_set_env(run, "os", "Linux 6.1.0") ||
	    bdb_run_set_env(run, "compiler", "gcc 12.2.0"))
		goto fail;

	for (uint32_t m = 0; m < w->n_metrics; m++) {
		const metric_spec *spec = &metric_specs[m];
		bdb_metric_def *def;
		if (bdb_run_add_def(run, spec->name, &def))
			goto fail;
		def->unit = bdb_run_strdup(run, spec->unit);
		def->group = bdb_run_strdup(run, spec->group);
		if (!def->unit || !def->group)
			goto fail;
		if (bdb_direction_parse(spec->direction, &def->direction)) {
			rc = BDB_EINVAL;
			goto fail;
		}
		def->priority =
		    strcmp(spec->priority, "primary") == 0 ? BDB_PRIMARY : BDB_SECONDARY;
	}

	char name[64], scenario[64];
	for (uint32_t i = 0; i < w->n_points; i++) {
		const char *backend, *dtype;
		bench_point_describe(i, name, sizeof name, scenario, sizeof scenario, &backend,
				     &dtype);
		bdb_point *p;
		if (bdb_run_add_point(run, name, &p) || bdb_point_set_scenario(run, p, scenario) ||
		    bdb_point_set_tag(run, p, "backend", backend) ||
		    bdb_point_set_tag(run, p, "dtype", dtype))
			goto fail;
		double values[N_METRIC_SPECS], time_ci;
		point_values(w, seed, index, i, &rng, values, &time_ci);
		for (uint32_t m = 0; m < w->n_metrics; m++) {
			bdb_metric *metric;
			if (bdb_point_add_metric(run, p, metric_specs[m].name, values[m], &metric))
				goto fail;
			if (m == 0) {
				metric->has_lower = metric->has_upper = true;
				metric->lower = values[0] - time_ci;
				metric->upper = values[0] + time_ci;
			}
		}
	}
	*out = run;
	return 0;
fail:
	bdb_run_free(run);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* benchkit JSON                                                             */
/* ------------------------------------------------------------------------ */

static void put_string(bdb_buf *b, const char *s)
{
	bdb_buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			bdb_buf_putc(b, '\\');
			bdb_buf_putc(b, (char)c);
		} else if (c < 0x20) {
			bdb_buf_printf(b, "\\u%04x", c);
		} else {
			bdb_buf_putc(b, (char)c);
		}
	}
	bdb_buf_putc(b, '"');
}

static void put_member(bdb_buf *b, const char *key, const char *value, bool comma)
{
	if (comma)
		bdb_buf_puts(b, ", ");
	put_string(b, key);
	bdb_buf_puts(b, ": ");
	put_string(b, value);
}

static void put_number(bdb_buf *b, const char *key, double v)
{
	bdb_buf_puts(b, ", ");
	put_string(b, key);
	bdb_buf_printf(b, ": %.9g", v);
}

static void put_kv_object(bdb_buf *b, const bdb_kv *kv, size_t n)
{
	bdb_buf_putc(b, '{');
	for (size_t i = 0; i < n; i++)
		put_member(b, kv[i].key, kv[i].value, i > 0);
	bdb_buf_putc(b, '}');
}

int bench_run_write_json(const bdb_run *run, bdb_buf *out)
{
	char ts[48];
	bdb_buf_puts(out, "{\n  ");
	put_member(out, "id", run->id, false);
	put_member(out, "timestamp", bdb_time_format(run->timestamp_us, ts, sizeof ts), true);
	if (run->commit)
		put_member(out, "commit", run->commit, true);
	if (run->branch)
		put_member(out, "branch", run->branch, true);
	bdb_buf_puts(out, ",\n  \"environment\": ");
	put_kv_object(out, run->env, run->n_env);
	bdb_buf_puts(out, ",\n  \"metric_defs\": {");
	for (size_t i = 0; i < run->n_defs; i++) {
		const bdb_metric_def *d = &run->defs[i];
		bdb_buf_puts(out, i ? ",\n    " : "\n    ");
		put_string(out, d->name);
		bdb_buf_puts(out, ": {");
		put_member(out, "unit", d->unit ? d->unit : "", false);
		put_member(out, "direction", bdb_direction_name(d->direction), true);
		if (d->group)
			put_member(out, "group", d->group, true);
		put_member(out, "priority", d->priority == BDB_PRIMARY ? "primary" : "secondary",
			   true);
		if (d->has_threshold)
			put_number(out, "threshold", d->threshold);
		bdb_buf_putc(out, '}');
	}
	bdb_buf_puts(out, "\n  },\n  \"points\": [");
	for (size_t i = 0; i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		bdb_buf_puts(out, i ? ",\n    {" : "\n    {");
		put_member(out, "name", p->name, false);
		if (p->scenario)
			put_member(out, "scenario", p->scenario, true);
		bdb_buf_puts(out, ", \"tags\": ");
		put_kv_object(out, p->tags, p->n_tags);
		bdb_buf_puts(out, ", \"metrics\": {");
		for (size_t m = 0; m < p->n_metrics; m++) {
			const bdb_metric *metric = &p->metrics[m];
			if (m)
				bdb_buf_puts(out, ", ");
			put_string(out, metric->name);
			bdb_buf_printf(out, ": {\"value\": %.9g", metric->value);
			if (metric->has_lower)
				put_number(out, "lower", metric->lower);
			if (metric->has_upper)
				put_number(out, "upper", metric->upper);
			if (metric->n_samples) {
				bdb_buf_puts(out, ", \"samples\": [");
				for (size_t s = 0; s < metric->n_samples; s++)
					bdb_buf_printf(out, "%s%.9g", s ? ", " : "",
						       metric->samples[s]);
				bdb_buf_putc(out, ']');
			}
			bdb_buf_putc(out, '}');
		}
		bdb_buf_puts(out, "}}");
	}
	bdb_buf_puts(out, "\n  ]\n}\n");
	return out->failed ? BDB_ENOMEM : 0;
}

/* ------------------------------------------------------------------------ */
/* gbench-reps: Google Benchmark JSON with repetitions                       */
/* ------------------------------------------------------------------------ */

/* The families of gbench-reps: a base time (ns at size 64) that grows with
 * the size by growth/8 per doubling, and the counter gbench adds, if any. */
typedef struct gbench_family {
	const char *name;
	double base_ns, growth;
	const char *counter; /* "bytes_per_second", "items_per_second" or NULL */
} gbench_family;

static const gbench_family gbench_families[] = {
    {"BM_memcpy", 2.7, 8, "bytes_per_second"},	{"BM_sort", 900, 9, "items_per_second"},
    {"BM_hash", 35, 8, "bytes_per_second"},	{"BM_map_insert", 4100, 9, NULL},
    {"BM_fft", 1500, 9, "items_per_second"},
};

#define GBENCH_SIZES 8
#define GBENCH_FAMILIES (sizeof gbench_families / sizeof gbench_families[0])

uint32_t bench_gbench_reps_samples_per_run(void)
{
	uint32_t n = 0;
	for (size_t f = 0; f < GBENCH_FAMILIES; f++)
		n += GBENCH_SIZES * BENCH_GBENCH_REPETITIONS * (gbench_families[f].counter ? 3 : 2);
	return n;
}

/* v rounded to digits significant digits (0: as it is). */
static double round_digits(double v, int digits)
{
	if (digits <= 0)
		return v;
	char text[64];
	snprintf(text, sizeof text, "%.*g", digits, v);
	return strtod(text, NULL);
}

/* One row of "benchmarks": an iteration (repetition >= 0) or an aggregate. */
static void gbench_row(bdb_buf *b, const char *name, const char *run_name, int repetition,
		       const char *aggregate, uint64_t iterations, double real, double cpu,
		       const char *counter, double counter_value, bool comma)
{
	bdb_buf_printf(b, "%s\n    {\n      \"name\": \"%s%s%s\",\n", comma ? "," : "", name,
		       aggregate ? "_" : "", aggregate ? aggregate : "");
	bdb_buf_printf(b, "      \"run_name\": \"%s\",\n      \"run_type\": \"%s\",\n", run_name,
		       aggregate ? "aggregate" : "iteration");
	bdb_buf_printf(b, "      \"repetitions\": %d,\n", BENCH_GBENCH_REPETITIONS);
	if (aggregate)
		bdb_buf_printf(b, "      \"threads\": 1,\n      \"aggregate_name\": \"%s\",\n",
			       aggregate);
	else
		bdb_buf_printf(b, "      \"repetition_index\": %d,\n      \"threads\": 1,\n",
			       repetition);
	bdb_buf_printf(b,
		       "      \"iterations\": %llu,\n      \"real_time\": %.16e,\n"
		       "      \"cpu_time\": %.16e,\n      \"time_unit\": \"ns\"",
		       (unsigned long long)iterations, real, cpu);
	if (counter)
		bdb_buf_printf(b, ",\n      \"%s\": %.16e", counter, counter_value);
	bdb_buf_puts(b, "\n    }");
}

int bench_gbench_reps_write(uint64_t seed, uint32_t index, int digits, bdb_buf *out)
{
	int64_t t = 1704067200 + (int64_t)index * 86400; /* nightly from 2024-01-01 */
	char date[96];
	int64_t days = t / 86400, secs = t % 86400;
	/* Civil date of days since 1970-01-01 (Howard Hinnant's algorithm). */
	int64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	int64_t y = yoe + era * 400 + (m <= 2);
	snprintf(date, sizeof date, "%04lld-%02lld-%02lldT%02lld:%02lld:00+00:00", (long long)y,
		 (long long)m, (long long)d, (long long)(secs / 3600), (long long)(secs / 60 % 60));
	bdb_buf_printf(out,
		       "{\n  \"context\": {\n    \"date\": \"%s\",\n    \"host_name\": \"ci-7\",\n"
		       "    \"executable\": \"./bench_nightly\",\n    \"num_cpus\": 8,\n"
		       "    \"mhz_per_cpu\": 3000,\n    \"cpu_scaling_enabled\": false,\n"
		       "    \"library_build_type\": \"release\"\n  },\n  \"benchmarks\": [",
		       date);
	bool comma = false;
	for (size_t f = 0; f < GBENCH_FAMILIES; f++) {
		const gbench_family *fam = &gbench_families[f];
		for (uint32_t s = 0; s < GBENCH_SIZES; s++) {
			uint64_t size = UINT64_C(64) << (2 * s);
			double base = fam->base_ns;
			for (uint32_t k = 0; k < 2 * s; k++)
				base *= fam->growth / 8 * 2;
			char name[64];
			snprintf(name, sizeof name, "%s/%llu", fam->name, (unsigned long long)size);
			/* gbench runs each repetition for about 0.5 s. */
			uint64_t iterations = (uint64_t)(5e8 / base) + 1;
			bench_rng rng = rng_for(seed, 7, (uint64_t)index * 1000 + f * 100 + s);
			double real[BENCH_GBENCH_REPETITIONS], cpu[BENCH_GBENCH_REPETITIONS],
			    ctr[BENCH_GBENCH_REPETITIONS], sum[3] = {0, 0, 0};
			for (int r = 0; r < BENCH_GBENCH_REPETITIONS; r++) {
				/* An elapsed time in whole ns over iterations, as the
				 * timer measures it: a full-precision quotient. */
				double elapsed = (double)(uint64_t)(base * (double)iterations *
								    (1 + 0.02 * bench_rng_gaussian(&rng)));
				real[r] = round_digits(elapsed / (double)iterations, digits);
				cpu[r] = round_digits(
				    elapsed * (0.996 + 0.003 * bench_rng_uniform(&rng)) /
					(double)iterations,
				    digits);
				ctr[r] = round_digits((double)size * 1e9 / real[r], digits);
				sum[0] += real[r];
				sum[1] += cpu[r];
				sum[2] += ctr[r];
			}
			for (int r = 0; r < BENCH_GBENCH_REPETITIONS; r++, comma = true)
				gbench_row(out, name, name, r, NULL, iterations, real[r], cpu[r],
					   fam->counter, ctr[r], comma);
			double n = BENCH_GBENCH_REPETITIONS;
			gbench_row(out, name, name, 0, "mean", BENCH_GBENCH_REPETITIONS,
				   sum[0] / n, sum[1] / n, fam->counter, sum[2] / n, true);
		}
	}
	bdb_buf_puts(out, "\n  ]\n}\n");
	return out->failed ? BDB_ENOMEM : 0;
}
