/*
 * fuzz_ingest_json.c - harness for the JSON input adapters: the bytes go
 * through bdb_ingest_buffer with format detection and with each JSON format
 * forced (benchkit, gbench, pytest, hyperfine, odyssey, quasim, gab, bmf),
 * and each outcome is checked as ingest_check.h says. criterion is left
 * out: it reads a directory tree, never a buffer.
 */
#include "ingest_check.h"

static const bdb_format ij_formats[] = {
    BDB_FORMAT_BENCHKIT, BDB_FORMAT_GBENCH, BDB_FORMAT_PYTEST, BDB_FORMAT_HYPERFINE,
    BDB_FORMAT_ODYSSEY,	 BDB_FORMAT_QUASIM, BDB_FORMAT_GAB,    BDB_FORMAT_BMF,
    BDB_FORMAT_JMH,
    BDB_FORMAT_BENCHMARKDOTNET,
    BDB_FORMAT_JULIA,
    BDB_FORMAT_VITEST,
};

int fuzz_ingest_json(const uint8_t *data, size_t size)
{
	ic_ingest_all(data, size, ij_formats, sizeof ij_formats / sizeof *ij_formats);
	return 0;
}

FUZZ_ENTRY(fuzz_ingest_json)
