/*
 * ingest_speed.c - times bdb_ingest_path on files (benchkit JSON, or any
 * format) and prints observations per second and MB per second: the median
 * of several rounds, each round ingesting every file once.
 *
 *   build/tools/ingest_speed [-r ROUNDS] [-f FORMAT] FILE...
 *
 * An observation is one metric of one point. Nothing is stored: this
 * measures reading and building runs, the part of ingest that issue 9's
 * target (>= 1 M observations/s) is mostly about.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ingest.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int usage(void)
{
	fprintf(stderr, "usage: ingest_speed [-r ROUNDS] [-f FORMAT] FILE...\n");
	return 2;
}

int main(int argc, char **argv)
{
	int rounds = 5, i = 1;
	bdb_input_format format = BDB_INPUT_AUTO;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i += 2) {
		if (i + 1 >= argc)
			return usage();
		if (strcmp(argv[i], "-r") == 0)
			rounds = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "-f") != 0 || bdb_format_parse(argv[i + 1], &format))
			return usage();
	}
	if (i >= argc || rounds < 1 || rounds > 1000)
		return usage();
	double bytes = 0;
	size_t obs = 0, points = 0;
	for (int k = i; k < argc; k++) {
		struct stat st;
		if (stat(argv[k], &st) == 0)
			bytes += (double)st.st_size;
	}
	double *times = malloc((size_t)rounds * sizeof *times);
	if (!times)
		return 1;
	for (int r = 0; r < rounds; r++) {
		size_t round_obs = 0, round_points = 0;
		double t0 = now_s();
		for (int k = i; k < argc; k++) {
			bdb_run *run;
			bdb_diag d;
			if (bdb_ingest_path(argv[k], format, NULL, &run, NULL, &d)) {
				char msg[1200];
				fprintf(stderr, "error: %s\n",
					bdb_diag_format(&d, msg, sizeof msg));
				free(times);
				return 3;
			}
			round_points += run->n_points;
			for (size_t p = 0; p < run->n_points; p++)
				round_obs += run->points[p].n_metrics;
			bdb_run_free(run);
		}
		times[r] = now_s() - t0;
		obs = round_obs;
		points = round_points;
	}
	qsort(times, (size_t)rounds, sizeof *times, cmp_double);
	double med = times[rounds / 2];
	printf("files %d, %.1f MB, %zu points, %zu observations; median of %d rounds %.4f s "
	       "(min %.4f)\n",
	       argc - i, bytes / 1e6, points, obs, rounds, med, times[0]);
	printf("%.0f observations/s, %.1f MB/s\n", (double)obs / med, bytes / 1e6 / med);
	free(times);
	return 0;
}
