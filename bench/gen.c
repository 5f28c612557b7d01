/*
 * gen.c - writes a synthetic benchmark history as benchkit Run JSON files.
 *
 *   gen --workload NAME --out DIR [--seed N] [--runs N]
 *   gen --workload NAME --print INDEX [--seed N]      one run to stdout
 *   gen --list
 *
 * One file per run, DIR/run-NNNNNN.json, then DIR/MANIFEST (written last, so
 * its presence means the directory is complete) with the workload, seed,
 * generator version, counts, total bytes and the FNV-1a hash of all files in
 * order. Every call rewrites every file; bench/bench.mk decides when to call.
 */
#include "workload.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int usage(void)
{
	fprintf(stderr, "usage: gen --workload NAME --out DIR [--seed N] [--runs N]\n"
			"       gen --workload NAME --print INDEX [--seed N]\n"
			"       gen --list\n");
	return 2;
}

static int write_file(const char *path, const bdb_buf *b)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t n = fwrite(b->data, 1, b->len, f);
	int rc = fclose(f);
	return n == b->len && rc == 0 ? 0 : -1;
}

static int print_run(const bench_workload *w, uint64_t seed, uint32_t index)
{
	bdb_run *run;
	int rc = bench_workload_build_run(w, seed, index, &run);
	if (rc) {
		fprintf(stderr, "gen: run %u: %s\n", index, bdb_strerror(rc));
		return 1;
	}
	bdb_buf b;
	bdb_buf_init(&b);
	rc = bench_run_write_json(run, &b);
	if (rc == 0)
		fwrite(b.data, 1, b.len, stdout);
	bdb_buf_free(&b);
	bdb_run_free(run);
	return rc ? 1 : 0;
}

static int generate(const bench_workload *w, uint64_t seed, uint32_t n_runs, const char *dir)
{
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "gen: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/MANIFEST", dir);
	remove(path);

	bdb_buf b;
	bdb_buf_init(&b);
	uint64_t total = 0, hash = UINT64_C(0xcbf29ce484222325);
	int status = 0;
	for (uint32_t i = 0; i < n_runs; i++) {
		bdb_run *run;
		int rc = bench_workload_build_run(w, seed, i, &run);
		if (rc == 0) {
			bdb_buf_reset(&b);
			rc = bench_run_write_json(run, &b);
			bdb_run_free(run);
		}
		if (rc) {
			fprintf(stderr, "gen: run %u: %s\n", i, bdb_strerror(rc));
			status = 1;
			break;
		}
		/* Chain the per-file hashes so the manifest names the whole set. */
		hash = (hash ^ bench_fnv1a(b.data, b.len)) * UINT64_C(0x100000001b3);
		total += b.len;
		snprintf(path, sizeof path, "%s/run-%06u.json", dir, i);
		if (write_file(path, &b) != 0) {
			fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
			status = 1;
			break;
		}
	}
	bdb_buf_free(&b);
	if (status)
		return status;

	snprintf(path, sizeof path, "%s/MANIFEST", dir);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		return 1;
	}
	fprintf(f,
		"workload %s\nseed %llu\ngenerator_version %d\nruns %u\npoints %u\n"
		"metrics %u\nobservations %llu\nbytes %llu\nfnv1a %016llx\n",
		w->name, (unsigned long long)seed, BENCH_GENERATOR_VERSION, n_runs, w->n_points,
		w->n_metrics, (unsigned long long)n_runs * w->n_points * w->n_metrics,
		(unsigned long long)total, (unsigned long long)hash);
	if (fclose(f) != 0)
		return 1;
	printf("gen: %s: %u runs, %llu observations, %.1f MB in %s (fnv1a %016llx)\n", w->name,
	       n_runs, (unsigned long long)n_runs * w->n_points * w->n_metrics, (double)total / 1e6,
	       dir, (unsigned long long)hash);
	return 0;
}

int main(int argc, char **argv)
{
	const char *name = NULL, *out = NULL;
	uint64_t seed = BENCH_DEFAULT_SEED;
	long long runs = -1, print = -1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--list") == 0) {
			size_t n;
			const bench_workload *ws = bench_workload_list(&n);
			for (size_t k = 0; k < n; k++)
				printf("%-12s %6u runs x %6u points x %2u metrics = %llu "
				       "observations\n",
				       ws[k].name, ws[k].n_runs, ws[k].n_points, ws[k].n_metrics,
				       (unsigned long long)bench_workload_observations(&ws[k]));
			return 0;
		}
		if (!v)
			return usage();
		if (strcmp(a, "--workload") == 0)
			name = v;
		else if (strcmp(a, "--out") == 0)
			out = v;
		else if (strcmp(a, "--seed") == 0)
			seed = strtoull(v, NULL, 10);
		else if (strcmp(a, "--runs") == 0)
			runs = atoll(v);
		else if (strcmp(a, "--print") == 0)
			print = atoll(v);
		else
			return usage();
		i++;
	}
	if (!name)
		return usage();
	const bench_workload *w = bench_workload_find(name);
	if (!w) {
		fprintf(stderr, "gen: unknown workload \"%s\" (try --list)\n", name);
		return 2;
	}
	if (print >= 0)
		return print_run(w, seed, (uint32_t)print);
	if (!out)
		return usage();
	uint32_t n = w->n_runs;
	if (runs >= 0 && (uint64_t)runs < n)
		n = (uint32_t)runs;
	return generate(w, seed, n, out);
}
