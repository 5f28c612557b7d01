/*
 * fuzz.h - what the harnesses in fuzz/ share.
 *
 * A harness is a function `int fuzz_NAME(const uint8_t *data, size_t size)`
 * in fuzz/fuzz_NAME.c: it feeds the bytes to one untrusted parser and
 * checks, with FUZZ_CHECK, what must hold afterwards. It always returns 0.
 * The same file is used two ways:
 *   - built by fuzz/fuzz.mk with clang -fsanitize=fuzzer,address,undefined,
 *     FUZZ_ENTRY makes it the libFuzzer entry point;
 *   - #included by tests/unit/test_fuzz_replay.c with FUZZ_REPLAY defined,
 *     FUZZ_ENTRY is empty and a plain main() replays the corpora and past
 *     crashes through the same function inside `make test`.
 * Because several harness files may be included into one translation unit,
 * each names its static helpers with its own prefix.
 *
 * A failed check calls FUZZ_FAIL(message): by default it prints the place
 * and aborts (a finding for libFuzzer); an includer may define it first
 * (the replay test turns it into a cmocka failure).
 */
#ifndef BDB_FUZZ_H
#define BDB_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

#ifndef FUZZ_FAIL
#define FUZZ_FAIL(what) (fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, what), abort())
#endif

#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			FUZZ_FAIL("check failed: " #cond);                                         \
	} while (0)

#ifdef FUZZ_REPLAY
#define FUZZ_ENTRY(harness)
#else
#define FUZZ_ENTRY(harness)                                                                        \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                              \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                               \
	{                                                                                          \
		return harness(data, size);                                                        \
	}
#endif

/*
 * What holds for every run a parser produced: it encodes (or runs out of
 * memory, or lacks an id, which encode refuses with EINVAL), the bytes
 * verify, and they decode to an equal run.
 */
static inline void fuzz_check_encodes(const bdb_run *run)
{
	bdb_buf out;
	bdb_buf_init(&out);
	int rc = bdb_run_encode(run, &out);
	FUZZ_CHECK(rc == 0 || rc == BDB_ENOMEM || (rc == BDB_EINVAL && !run->id));
	bdb_run *back = NULL;
	if (!rc) {
		bdb_diag d;
		FUZZ_CHECK(bdb_run_verify(out.data, out.len, &d) == 0);
		rc = bdb_run_decode(out.data, out.len, &back, &d);
		FUZZ_CHECK(rc == 0 || rc == BDB_ENOMEM);
	}
	if (back)
		FUZZ_CHECK(bdb_run_equal(run, back));
	bdb_run_free(back);
	bdb_buf_free(&out);
}

/*
 * A query error as query.h describes it: code BDB_EQUERY, a 1-based
 * position, and three lines (what was expected, the source line, a caret
 * line under the offending token).
 */
static inline void fuzz_check_query_error(const bdb_diag *d)
{
	/* BDB_ENOTFOUND: a run the store does not have, with the same caret. */
	FUZZ_CHECK(d->code == BDB_EQUERY || d->code == BDB_ENOTFOUND);
	FUZZ_CHECK(d->line >= 1 && d->col >= 1);
	const char *nl1 = strchr(d->message, '\n');
	const char *nl2 = nl1 ? strchr(nl1 + 1, '\n') : NULL;
	FUZZ_CHECK(nl1 && nl2 && !strchr(nl2 + 1, '\n'));
	FUZZ_CHECK(nl1 > d->message); /* says what was expected */
	FUZZ_CHECK(strchr(nl2 + 1, '^') != NULL);
}

/* The harnesses (each defined in fuzz/fuzz_NAME.c). */
int fuzz_verify(const uint8_t *data, size_t size);

/*
 * fuzz_verify's body: verifies data[0..size) and, when it is accepted, reads
 * and round-trips it. Returns 1 when accepted, 0 when rejected (with a
 * diagnostic).
 */
int fuzz_verify_check(const uint8_t *data, size_t size);

int fuzz_ingest_json(const uint8_t *data, size_t size);
int fuzz_ingest_text(const uint8_t *data, size_t size);
int fuzz_query_parse(const uint8_t *data, size_t size);
int fuzz_store_ops(const uint8_t *data, size_t size);
int fuzz_query_exec(const uint8_t *data, size_t size);
int fuzz_detect(const uint8_t *data, size_t size);

#endif /* BDB_FUZZ_H */
