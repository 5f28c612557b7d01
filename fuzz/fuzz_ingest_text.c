/*
 * fuzz_ingest_text.c - harness for the text input adapters: the bytes go
 * through bdb_ingest_buffer with format detection and with gotest, cargo
 * (libtest) and the system tools' text formats (fio, redis, perf,
 * stress-ng, pgbench, sysbench, wrk, ab, callgrind) forced, and each
 * outcome is checked as ingest_check.h says.
 */
#include "ingest_check.h"

static const bdb_format it_formats[] = {
    BDB_FORMAT_GOTEST, BDB_FORMAT_CARGO,    BDB_FORMAT_FIO,	  BDB_FORMAT_REDIS,
    BDB_FORMAT_PERF,   BDB_FORMAT_STRESSNG, BDB_FORMAT_PGBENCH,	  BDB_FORMAT_SYSBENCH,
    BDB_FORMAT_WRK,    BDB_FORMAT_AB,	    BDB_FORMAT_CALLGRIND,
};

int fuzz_ingest_text(const uint8_t *data, size_t size)
{
	ic_ingest_all(data, size, it_formats, sizeof it_formats / sizeof *it_formats);
	return 0;
}

FUZZ_ENTRY(fuzz_ingest_text)
