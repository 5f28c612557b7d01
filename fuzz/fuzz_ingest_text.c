/*
 * fuzz_ingest_text.c - harness for the text input adapters: the bytes go
 * through bdb_ingest_buffer with format detection and with each text format
 * of it_formats forced, and each outcome is checked as ingest_check.h says.
 */
#include "ingest_check.h"

static const bdb_input_format it_formats[] = {
    BDB_INPUT_GOTEST,	   BDB_INPUT_CARGO,	      BDB_INPUT_GOTEST_JSON,
    BDB_INPUT_GBENCH_CSV, BDB_INPUT_BENCHMARKLUAU,  BDB_INPUT_CATCH2_XML,
    BDB_INPUT_JUNIT,	   BDB_INPUT_CRITERION_JSON, BDB_INPUT_HYPERFINE_CSV,
    BDB_INPUT_FIO, BDB_INPUT_REDIS, BDB_INPUT_PERF, BDB_INPUT_STRESSNG, BDB_INPUT_PGBENCH,
    BDB_INPUT_SYSBENCH, BDB_INPUT_WRK, BDB_INPUT_AB, BDB_INPUT_CALLGRIND,
};

int fuzz_ingest_text(const uint8_t *data, size_t size)
{
	ic_ingest_all(data, size, it_formats, sizeof it_formats / sizeof *it_formats);
	return 0;
}

FUZZ_ENTRY(fuzz_ingest_text)
