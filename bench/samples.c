/*
 * samples.c - what raw samples cost on disk (issue 18: "<= 4 bytes per
 * sample on the gbench-with-repetitions workload"). The gbench-reps
 * workload (bench/workload.c) is read by benchdb's gbench reader, then
 * stored twice on each side, with its samples and without them: the
 * difference over the number of samples is what a sample costs, as
 * ingested and, for benchdb, after `benchdb compact`. The SQLite peer gets
 * the same runs as benchkit JSON with every value at full precision (%.17g).
 */
#include "bench.h"
#include "workload.h"

#include "engine.h"
#include "ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends run as minimal benchkit JSON: id, timestamp, points (each with the
 * tag host=ci-7, as `benchdb ingest --tag` gives: the peer's series need
 * tags) with their metrics' values, units and, when with_samples, samples. */
static void sm_write_benchkit(const bdb_run *run, bool with_samples, bdb_buf *out)
{
	char when[64];
	bdb_time_format(run->timestamp_us, when, sizeof when);
	bdb_buf_printf(out, "{\"id\": \"%s\", \"timestamp\": \"%s\", \"branch\": \"main\", "
			    "\"points\": [",
		       run->id, when);
	for (size_t i = 0; i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		bdb_buf_printf(out, "%s{\"name\": \"%s\", \"tags\": {\"host\": \"ci-7\"}, \"metrics\": {", i ? ", " : "",
			       p->name);
		for (size_t j = 0; j < p->n_metrics; j++) {
			const bdb_metric *m = &p->metrics[j];
			bdb_buf_printf(out, "%s\"%s\": {\"value\": %.17g", j ? ", " : "", m->name,
				       m->value);
			if (m->unit)
				bdb_buf_printf(out, ", \"unit\": \"%s\"", m->unit);
			if (with_samples && m->n_samples) {
				bdb_buf_puts(out, ", \"samples\": [");
				for (size_t k = 0; k < m->n_samples; k++)
					bdb_buf_printf(out, "%s%.17g", k ? ", " : "",
						       m->samples[k]);
				bdb_buf_putc(out, ']');
			}
			bdb_buf_putc(out, '}');
		}
		bdb_buf_puts(out, "}}");
	}
	bdb_buf_puts(out, "]}");
}

/* Stores runs[0..n) in a fresh benchdb store at dir, BENCH_BATCH a
 * transaction; *disk its data.mdb, as ingested. */
static int sm_store_benchdb(const char *dir, bdb_run *const *runs, size_t n, uint64_t *disk,
			    char *err)
{
	bench_remove_tree(dir);
	benchdb_side *s;
	if (benchdb_side_open(dir, false, &s, err) != 0)
		return -1;
	int rc = 0;
	for (size_t at = 0; !rc && at < n; at += BENCH_BATCH)
		rc = benchdb_side_put_runs(s, runs + at, n - at < BENCH_BATCH ? n - at : BENCH_BATCH,
					   err);
	uint64_t obs = 0, used = 0;
	if (!rc)
		rc = benchdb_side_size(s, &obs, disk, &used);
	benchdb_side_close(s);
	return rc ? -1 : 0;
}

/* Stores runs[0..n) as benchkit JSON in a fresh SQLite database at path;
 * *disk its file once closed (the WAL checkpointed). */
static int sm_store_sqlite(const char *path, bdb_run *const *runs, size_t n, bool with_samples,
			   uint64_t *disk, char *err)
{
	char wal[4200];
	snprintf(wal, sizeof wal, "%s-wal", path);
	remove(path);
	remove(wal);
	sqlite_peer *p;
	if (sqlite_peer_open(path, false, false, &p, err) != 0)
		return -1;
	bdb_buf json[BENCH_BATCH];
	for (size_t i = 0; i < BENCH_BATCH; i++)
		bdb_buf_init(&json[i]);
	int rc = 0;
	for (size_t at = 0; !rc && at < n; at += BENCH_BATCH) {
		size_t k = n - at < BENCH_BATCH ? n - at : BENCH_BATCH, n_obs = 0;
		const char *docs[BENCH_BATCH];
		size_t lens[BENCH_BATCH];
		for (size_t i = 0; i < k; i++) {
			bdb_buf_reset(&json[i]);
			sm_write_benchkit(runs[at + i], with_samples, &json[i]);
			docs[i] = bdb_buf_cstr(&json[i]);
			lens[i] = json[i].len;
		}
		rc = sqlite_peer_ingest_many(p, docs, lens, k, &n_obs, err);
	}
	for (size_t i = 0; i < BENCH_BATCH; i++)
		bdb_buf_free(&json[i]);
	sqlite_peer_close(p);
	*disk = bench_file_size(path) + bench_file_size(wal);
	remove(path);
	remove(wal);
	return rc ? -1 : 0;
}

/* tests/fixtures/gbench_reps.json, from the source tree (bench runs there). */
static int fixture_read(bdb_buf *doc, bdb_diag *d)
{
	static const char path[] = "tests/fixtures/gbench_reps.json";
	FILE *f = fopen(path, "rb");
	if (!f)
		return bdb_diag_set(d, BDB_EIO, path, 0, 0, "cannot open it");
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		bdb_buf_append(doc, buf, n);
	fclose(f);
	return doc->failed ? BDB_ENOMEM : 0;
}

int bench_samples_measure(const char *work, uint32_t n_runs, int digits, bench_samples_sizes *out,
			  char *err)
{
	*out = (bench_samples_sizes){.runs = n_runs};
	bdb_run **runs = calloc(n_runs ? n_runs : 1, sizeof *runs);
	bdb_buf doc;
	bdb_buf_init(&doc);
	int rc = runs ? 0 : -1;
	if (rc)
		snprintf(err, 256, "out of memory");
	for (uint32_t i = 0; !rc && i < n_runs; i++) {
		bdb_buf_reset(&doc);
		bdb_diag d;
		bdb_diag_clear(&d);
		rc = digits == BENCH_SAMPLES_FIXTURE ? fixture_read(&doc, &d)
						     : bench_gbench_reps_write(BENCH_DEFAULT_SEED, i,
									       digits, &doc);
		if (!rc)
			rc = bdb_ingest_buffer("gbench-reps", doc.data, doc.len, BDB_INPUT_GBENCH,
					       NULL, &runs[i], NULL, &d);
		if (!rc && digits == BENCH_SAMPLES_FIXTURE) {
			char id[32];
			snprintf(id, sizeof id, "fixture-%u", i);
			rc = bdb_run_set_id(runs[i], id);
			runs[i]->timestamp_us += (int64_t)i * 86400000000;
		}
		if (rc) {
			bdb_diag_format(&d, err, 256);
			rc = -1;
			break;
		}
		out->json_bytes += doc.len;
		for (size_t p = 0; p < runs[i]->n_points; p++)
			for (size_t m = 0; m < runs[i]->points[p].n_metrics; m++) {
				out->observations++;
				out->samples += runs[i]->points[p].metrics[m].n_samples;
			}
	}
	bdb_buf_free(&doc);
	char with[4096], without[4096], sq[4096];
	snprintf(with, sizeof with, "%s/samples-with", work);
	snprintf(without, sizeof without, "%s/samples-without", work);
	snprintf(sq, sizeof sq, "%s/samples.db", work);
	if (!rc)
		rc = sm_store_benchdb(with, runs, n_runs, &out->bdb_with, err);
	if (!rc)
		rc = sm_store_sqlite(sq, runs, n_runs, true, &out->sq_with, err);
	/* The same runs without their samples (the arena keeps the arrays). */
	for (uint32_t i = 0; !rc && i < n_runs; i++)
		for (size_t p = 0; p < runs[i]->n_points; p++)
			for (size_t m = 0; m < runs[i]->points[p].n_metrics; m++)
				runs[i]->points[p].metrics[m].n_samples = 0;
	if (!rc)
		rc = sm_store_benchdb(without, runs, n_runs, &out->bdb_without, err);
	if (!rc)
		rc = sm_store_sqlite(sq, runs, n_runs, false, &out->sq_without, err);
	uint64_t before, after, obs;
	double secs;
	if (!rc)
		rc = benchdb_side_compact(with, &before, &after, &secs, &obs, &out->bdb_with_cmp, err,
					  256);
	if (!rc)
		rc = benchdb_side_compact(without, &before, &after, &secs, &obs,
					  &out->bdb_without_cmp, err, 256);
	bench_remove_tree(with);
	bench_remove_tree(without);
	for (uint32_t i = 0; runs && i < n_runs; i++)
		bdb_run_free(runs[i]);
	free(runs);
	return rc ? -1 : 0;
}
