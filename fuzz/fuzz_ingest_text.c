/*
 * fuzz_ingest_text.c - harness for the text input adapters: the bytes go
 * through bdb_ingest_buffer with format detection and with each text format
 * of it_formats forced, and each outcome is checked as ingest_check.h says.
 */
#include "ingest_check.h"

static const bdb_format it_formats[] = {
    BDB_FORMAT_GOTEST,	   BDB_FORMAT_CARGO,	      BDB_FORMAT_GOTEST_JSON,
    BDB_FORMAT_GBENCH_CSV, BDB_FORMAT_BENCHMARKLUAU,  BDB_FORMAT_CATCH2_XML,
    BDB_FORMAT_JUNIT,	   BDB_FORMAT_CRITERION_JSON, BDB_FORMAT_HYPERFINE_CSV,
};

int fuzz_ingest_text(const uint8_t *data, size_t size)
{
	ic_ingest_all(data, size, it_formats, sizeof it_formats / sizeof *it_formats);
	return 0;
}

FUZZ_ENTRY(fuzz_ingest_text)
