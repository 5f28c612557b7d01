/*
 * fuzz_ingest_json.c - harness for the JSON input adapters: the bytes go
 * through bdb_ingest_buffer with format detection and with each JSON format
 * forced (benchkit, gbench, pytest, hyperfine, odyssey, quasim, gab, bmf,
 * fio, iperf3),
 * and each outcome is checked as ingest_check.h says. criterion is left
 * out: it reads a directory tree, never a buffer.
 */
#include "ingest_check.h"

static const bdb_input_format ij_formats[] = {
    BDB_INPUT_BENCHKIT, BDB_INPUT_GBENCH, BDB_INPUT_PYTEST, BDB_INPUT_HYPERFINE,
    BDB_INPUT_ODYSSEY,	 BDB_INPUT_QUASIM, BDB_INPUT_GAB,    BDB_INPUT_BMF,
    BDB_INPUT_JMH,
    BDB_INPUT_BENCHMARKDOTNET,
    BDB_INPUT_JULIA,
    BDB_INPUT_VITEST,
    BDB_INPUT_FIO,
    BDB_INPUT_IPERF3,
};

int fuzz_ingest_json(const uint8_t *data, size_t size)
{
	ic_ingest_all(data, size, ij_formats, sizeof ij_formats / sizeof *ij_formats);
	return 0;
}

FUZZ_ENTRY(fuzz_ingest_json)
