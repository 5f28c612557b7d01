/*
 * codec_bench.c - times the FlatBuffers codec on a run shaped like the
 * nightly reference workload: 200 points x 5 metrics (3 tags per point),
 * optionally with samples. Prints microseconds per run for encode, verify,
 * a zero-copy read of every value, and decode, plus the encoded size.
 *
 *   build/tools/codec_bench [ITERATIONS [SAMPLES_PER_METRIC]]
 *
 * Not a test: no thresholds. The numbers go into reports and docs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "schema.h"

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static bdb_run *make_run(int n_samples)
{
	static const char *const metric_names[] = {"time", "cpu_time", "throughput", "bytes",
						   "allocs"};
	static const char *const units[] = {"ns", "ns", "items/s", "B", "count"};
	bdb_run *run = bdb_run_new();
	double *samples = calloc((size_t)n_samples + 1, sizeof *samples);
	if (!run || !samples || bdb_run_set_id(run, "nightly-2026-01-31"))
		return NULL;
	run->timestamp_us = 1769860800000000;
	bdb_run_set_commit(run, "0123456789abcdef0123456789abcdef01234567");
	bdb_run_set_branch(run, "main");
	bdb_run_set_env(run, "cpu", "x86_64");
	bdb_run_set_env(run, "os", "linux");
	for (int i = 0; i < 200; i++) {
		char name[32], size[16];
		snprintf(name, sizeof name, "BM_kernel_%03d/%d", i, 1 << (i % 12));
		snprintf(size, sizeof size, "%d", 1 << (i % 12));
		bdb_point *p;
		if (bdb_run_add_point(run, name, &p))
			return NULL;
		bdb_point_set_tag(run, p, "backend", i % 2 ? "cuda" : "cpu");
		bdb_point_set_tag(run, p, "framework", i % 3 ? "Datarax" : "Grain");
		bdb_point_set_tag(run, p, "size", size);
		for (int k = 0; k < 5; k++) {
			bdb_metric *m;
			if (bdb_point_add_metric(run, p, metric_names[k], 1000.0 + i * 7 + k, &m))
				return NULL;
			bdb_metric_set_unit(run, m, units[k]);
			if (k == 0) {
				m->has_lower = m->has_upper = true;
				m->lower = m->value * 0.98;
				m->upper = m->value * 1.02;
			}
			for (int s = 0; s < n_samples; s++)
				samples[s] = m->value + s;
			if (n_samples)
				bdb_metric_set_samples(run, m, samples, (size_t)n_samples);
		}
	}
	free(samples);
	return run;
}

/* Reads every metric value zero-copy, as a trend or regressions scan would. */
static double read_all(const void *buf, size_t len)
{
	double sum = 0;
	bdb_fb_view run = bdb_fb_run_root(buf, len);
	uint32_t n = bdb_fb_run_n_points(run);
	for (uint32_t i = 0; i < n; i++) {
		bdb_fb_view p = bdb_fb_run_point(run, i);
		sum += bdb_fb_point_name(p).len;
		uint32_t nm = bdb_fb_point_n_metrics(p);
		for (uint32_t j = 0; j < nm; j++) {
			bdb_fb_view m = bdb_fb_point_metric(p, j);
			double lo;
			sum += bdb_fb_metric_value(m) + bdb_fb_metric_name(m).len;
			if (bdb_fb_metric_lower(m, &lo))
				sum += lo;
		}
	}
	return sum;
}

int main(int argc, char **argv)
{
	int iterations = argc > 1 ? atoi(argv[1]) : 2000;
	int n_samples = argc > 2 ? atoi(argv[2]) : 0;
	if (iterations < 1 || n_samples < 0) {
		fprintf(stderr, "usage: codec_bench [ITERATIONS [SAMPLES_PER_METRIC]]\n");
		return 2;
	}
	bdb_run *run = make_run(n_samples);
	if (!run) {
		fprintf(stderr, "codec_bench: out of memory\n");
		return 1;
	}
	bdb_buf buf;
	bdb_buf_init(&buf);
	double t0 = now_us();
	for (int i = 0; i < iterations; i++) {
		bdb_buf_reset(&buf);
		if (bdb_run_encode(run, &buf)) {
			fprintf(stderr, "codec_bench: encode failed\n");
			return 1;
		}
	}
	double encode = (now_us() - t0) / iterations;
	t0 = now_us();
	for (int i = 0; i < iterations; i++)
		if (bdb_run_verify(buf.data, buf.len, NULL)) {
			fprintf(stderr, "codec_bench: verify failed\n");
			return 1;
		}
	double verify = (now_us() - t0) / iterations;
	double sink = 0;
	t0 = now_us();
	for (int i = 0; i < iterations; i++)
		sink += read_all(buf.data, buf.len);
	double read = (now_us() - t0) / iterations;
	t0 = now_us();
	for (int i = 0; i < iterations; i++) {
		bdb_run *back;
		if (bdb_run_decode(buf.data, buf.len, &back, NULL)) {
			fprintf(stderr, "codec_bench: decode failed\n");
			return 1;
		}
		bdb_run_free(back);
	}
	double decode = (now_us() - t0) / iterations;
	const double obs = 200 * 5;
	printf("run: 200 points x 5 metrics, %d samples per metric, %zu bytes (%.1f per "
	       "observation)\n",
	       n_samples, buf.len, buf.len / obs);
	printf("encode  %8.1f us/run  %6.1f ns/observation  %5.1f M observations/s\n", encode,
	       encode * 1e3 / obs, obs / encode);
	printf("verify  %8.1f us/run  %6.1f ns/observation\n", verify, verify * 1e3 / obs);
	printf("read    %8.1f us/run  %6.1f ns/observation (zero-copy, every value)\n", read,
	       read * 1e3 / obs);
	printf("decode  %8.1f us/run  %6.1f ns/observation (verify + copy into a bdb_run)\n",
	       decode, decode * 1e3 / obs);
	if (sink == 42)
		printf("\n");
	bdb_buf_free(&buf);
	bdb_run_free(run);
	return 0;
}
