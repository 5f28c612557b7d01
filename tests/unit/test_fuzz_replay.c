/*
 * test_fuzz_replay.c - the replay driver of fuzz/: every file of each
 * harness's seed corpus (fuzz/corpus/NAME/) and every input a fuzzer ever
 * crashed on (fuzz/crashes/NAME/) goes through the same harness function
 * libFuzzer calls, here without libFuzzer, so `make test` (and `make asan`,
 * where the sanitizers watch) keeps every past finding fixed.
 *
 * The harness files are included, not linked: the normal build compiles
 * only the library and tests/unit. FUZZ_REPLAY removes their libFuzzer entry
 * points; FUZZ_FAIL turns a failed harness check into a test failure that
 * names the input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers it needs */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers/files.h"

static char replay_input[512]; /* the file being replayed, for failures */

#define FUZZ_REPLAY	1
#define FUZZ_FAIL(what) fail_msg("%s:%d: %s, replaying %s", __FILE__, __LINE__, what, replay_input)

#include "../../fuzz/fuzz_ingest_json.c"
#include "../../fuzz/fuzz_ingest_text.c"
#include "../../fuzz/fuzz_query_exec.c"
#include "../../fuzz/fuzz_query_parse.c"
#include "../../fuzz/fuzz_serve_route.c"
#include "../../fuzz/fuzz_store_ops.c"
#include "../../fuzz/fuzz_chunk_decode.c"
#include "../../fuzz/fuzz_run_unpack.c"
#include "../../fuzz/fuzz_verify.c"
#include "../../fuzz/fuzz_retain_policy.c"
#include "../../fuzz/fuzz_detect.c"

typedef struct harness {
	const char *name; /* fuzz/fuzz_NAME.c, fuzz/corpus/NAME/, fuzz/crashes/NAME/ */
	int (*run)(const uint8_t *data, size_t size);
} harness;

static const harness h_verify = {"verify", fuzz_verify};
static const harness h_ingest_json = {"ingest_json", fuzz_ingest_json};
static const harness h_ingest_text = {"ingest_text", fuzz_ingest_text};
static const harness h_query_parse = {"query_parse", fuzz_query_parse};
static const harness h_store_ops = {"store_ops", fuzz_store_ops};
static const harness h_chunk_decode = {"chunk_decode", fuzz_chunk_decode};
static const harness h_run_unpack = {"run_unpack", fuzz_run_unpack};
static const harness h_query_exec = {"query_exec", fuzz_query_exec};
static const harness h_serve_route = {"serve_route", fuzz_serve_route};
static const harness h_retain_policy = {"retain_policy", fuzz_retain_policy};
static const harness h_detect = {"detect", fuzz_detect};

/* Replays every regular file in dir (a missing dir has none); returns the count. */
static size_t replay_dir(const harness *h, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		struct stat st;
		snprintf(replay_input, sizeof replay_input, "%s/%s", dir, e->d_name);
		if (e->d_name[0] == '.' || stat(replay_input, &st) || !S_ISREG(st.st_mode))
			continue;
		size_t len;
		uint8_t *data = test_read_file(replay_input, &len);
		h->run(data, len);
		free(data);
		n++;
	}
	closedir(d);
	return n;
}

static void test_replay(void **state)
{
	const harness *h = *state;
	char dir[256];
	snprintf(dir, sizeof dir, "fuzz/corpus/%s", h->name);
	size_t seeds = replay_dir(h, dir);
	snprintf(dir, sizeof dir, "fuzz/crashes/%s", h->name);
	size_t crashes = replay_dir(h, dir);
	print_message("%s: %zu corpus files, %zu past crashes replayed\n", h->name, seeds, crashes);
	if (seeds == 0)
		fail_msg("fuzz/corpus/%s/ has no seeds (run from the repository root)", h->name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_prestate(test_replay, (void *)&h_verify),
	    cmocka_unit_test_prestate(test_replay, (void *)&h_ingest_json),
	    cmocka_unit_test_prestate(test_replay, (void *)&h_ingest_text),
	    cmocka_unit_test_prestate(test_replay, (void *)&h_query_parse),
	    cmocka_unit_test_prestate(test_replay, (void *)&h_store_ops),
	    cmocka_unit_test_prestate(test_replay, (void *)&h_chunk_decode),
	    cmocka_unit_test_prestate(test_replay, (void *)&h_run_unpack),
	    cmocka_unit_test_prestate(test_replay, (void *)&h_query_exec),
	    cmocka_unit_test_prestate(test_replay, (void *)&h_serve_route),
	    cmocka_unit_test_prestate(test_replay, (void *)&h_retain_policy),
	    cmocka_unit_test_prestate(test_replay, (void *)&h_detect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
