/*
 * fuzz_run_unpack.c - harness for the run values' packed doubles
 * (engine/runpack.c, docs/storage.md 2.2.1): the bytes are what a run's
 * zstd frame decompresses to (zstd itself is fuzzed upstream), with or
 * without a samples section (engine/sampack.c; seeds gbench-reps and
 * gbench-three-points have one). What bdb__run_content_restore accepts is
 * a buffer whose doubles are found again, and packing it again (the
 * samples models searched afresh) and restoring gives its exact bytes
 * back.
 */
#include <string.h>

#include "fuzz.h"
#include "internal.h"

static int fuzz_run_unpack(const uint8_t *data, size_t size)
{
	bdb_buf fb, content;
	bdb_buf_init(&fb);
	bdb_buf_init(&content);
	bdb_buf_append(&fb, data, size);
	if (fb.failed)
		return 0;
	int rc = bdb__run_content_restore(&fb);
	FUZZ_CHECK(rc == 0 || rc == BDB_ECORRUPT || rc == BDB_ENOMEM);
	if (rc == 0) {
		FUZZ_CHECK(fb.len <= size);
		bool packed;
		rc = bdb__run_content(fb.data, fb.len, &content, &packed);
		FUZZ_CHECK(rc == 0 || rc == BDB_ENOMEM);
		if (rc == 0 && packed) {
			FUZZ_CHECK(bdb__run_content_restore(&content) == 0);
			FUZZ_CHECK(content.len == fb.len);
			FUZZ_CHECK(memcmp(content.data, fb.data, fb.len) == 0);
		} else if (rc == 0) {
			FUZZ_CHECK(content.len == fb.len && memcmp(content.data, fb.data, fb.len) == 0);
		}
	}
	bdb_buf_free(&fb);
	bdb_buf_free(&content);
	return 0;
}

FUZZ_ENTRY(fuzz_run_unpack)
