/*
 * fuzz_ingest_text.c - harness for the text input adapters: the bytes go
 * through bdb_ingest_buffer with format detection and with gotest and cargo
 * (libtest) forced, and each outcome is checked as ingest_check.h says.
 */
#include "ingest_check.h"

static const bdb_input_format it_formats[] = {BDB_INPUT_GOTEST, BDB_INPUT_CARGO};

int fuzz_ingest_text(const uint8_t *data, size_t size)
{
	ic_ingest_all(data, size, it_formats, sizeof it_formats / sizeof *it_formats);
	return 0;
}

FUZZ_ENTRY(fuzz_ingest_text)
