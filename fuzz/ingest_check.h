/*
 * ingest_check.h - the checks fuzz_ingest_json.c and fuzz_ingest_text.c
 * share: one input goes through bdb_ingest_buffer once per format (auto
 * detection and each adapter forced), and every outcome is checked.
 *
 * A failure must be one of the documented codes with *out NULL and a
 * diagnostic. A success must give a run with an id that encodes, verifies
 * and decodes to an equal run (fuzz_check_encodes), that every exporter
 * writes, and whose benchkit export reads back as benchkit.
 */
#ifndef BDB_FUZZ_INGEST_CHECK_H
#define BDB_FUZZ_INGEST_CHECK_H

#include "fuzz.h"
#include "ingest.h"

static void ic_check_exports(const bdb_run *run)
{
	bdb_buf out;
	bdb_buf_init(&out);
	for (int f = BDB_OUTPUT_BENCHKIT; f <= BDB_OUTPUT_MARKDOWN; f++) {
		bdb_buf_reset(&out);
		int rc = bdb_export_run(run, (bdb_output_format)f, &out);
		FUZZ_CHECK(rc == 0 || rc == BDB_ENOMEM);
	}
	bdb_buf_reset(&out);
	if (bdb_export_benchkit(run, &out) == 0) {
		bdb_ingest_options opt;
		bdb_ingest_options_init(&opt);
		bdb_run *back;
		bdb_diag d;
		int rc = bdb_ingest_buffer("export.json", out.data, out.len, BDB_INPUT_BENCHKIT,
					   &opt, &back, NULL, &d);
		if (rc && rc != BDB_ENOMEM) {
			fprintf(stderr, "benchkit export not read back: %s\n", d.message);
			FUZZ_FAIL("the benchkit export of an ingested run does not ingest");
		}
		bdb_run_free(back);
	}
	bdb_buf_free(&out);
}

/* Ingests data as format and checks the outcome (see the top of the file). */
static void ic_ingest_as(const uint8_t *data, size_t size, bdb_input_format format)
{
	bdb_ingest_options opt;
	bdb_ingest_options_init(&opt);
	opt.has_timestamp = true; /* not the clock: the same input, the same run */
	opt.timestamp_us = 1769860800000000;
	static bdb_run untouched;
	bdb_run *run = &untouched; /* bdb_ingest_buffer must overwrite it */
	bdb_input_format detected = BDB_INPUT_COUNT;
	bdb_diag d;
	int rc = bdb_ingest_buffer("fuzz-input", data, size, format, &opt, &run, &detected, &d);
	if (rc) {
		FUZZ_CHECK(run == NULL);
		FUZZ_CHECK(rc == BDB_EPARSE || rc == BDB_EFORMAT || rc == BDB_ETOOBIG ||
			   rc == BDB_ENOMEM);
		FUZZ_CHECK(rc == BDB_ENOMEM || (d.code == rc && d.message[0]));
		return;
	}
	FUZZ_CHECK(run != NULL && run->id != NULL);
	FUZZ_CHECK(detected > BDB_INPUT_AUTO && detected < BDB_INPUT_COUNT);
	FUZZ_CHECK(format == BDB_INPUT_AUTO || detected == format);
	fuzz_check_encodes(run);
	ic_check_exports(run);
	bdb_run_free(run);
}

/* Auto detection, then each of the n formats forced. */
static void ic_ingest_all(const uint8_t *data, size_t size, const bdb_input_format *formats, size_t n)
{
	ic_ingest_as(data, size, BDB_INPUT_AUTO);
	for (size_t i = 0; i < n; i++)
		ic_ingest_as(data, size, formats[i]);
}

#endif /* BDB_FUZZ_INGEST_CHECK_H */
