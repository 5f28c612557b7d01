/* test_ingest_bad.c - the corpus of deliberately broken inputs in tests/bad/:
 * every entry of tests/bad/MANIFEST must fail to ingest with a parse or
 * format error, leave no run behind, and give a diagnostic that names the
 * file, a line and a column, and contains the text the manifest expects.
 * Every file of tests/bad/ must be in the manifest, and the manifest must
 * hold at least 50 inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest.h"

#define BAD_DIR	    "tests/bad"
#define MAX_ENTRIES 512

typedef struct entry {
	char file[256];
	char expected[1024];
} entry;

static entry entries[MAX_ENTRIES];
static size_t n_entries;

static int load_manifest(void **state)
{
	(void)state;
	FILE *f = fopen(BAD_DIR "/MANIFEST", "r");
	if (!f)
		return -1;
	char line[2048];
	n_entries = 0;
	while (fgets(line, sizeof line, f)) {
		size_t len = strcspn(line, "\r\n");
		line[len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		char *tab = strchr(line, '\t');
		if (!tab || n_entries == MAX_ENTRIES) {
			fclose(f);
			return -1;
		}
		*tab = '\0';
		snprintf(entries[n_entries].file, sizeof entries[n_entries].file, "%.255s", line);
		snprintf(entries[n_entries].expected, sizeof entries[n_entries].expected, "%.1023s",
			 tab + 1);
		n_entries++;
	}
	fclose(f);
	return 0;
}

static bool listed(const char *file)
{
	for (size_t i = 0; i < n_entries; i++)
		if (strcmp(entries[i].file, file) == 0)
			return true;
	return false;
}

static void test_manifest_covers_the_corpus(void **state)
{
	(void)state;
	assert_true(n_entries >= 50);
	DIR *dir = opendir(BAD_DIR);
	assert_non_null(dir);
	struct dirent *e;
	size_t files = 0;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "MANIFEST") == 0)
			continue;
		files++;
		if (!listed(e->d_name))
			fail_msg("%s/%s is not in the MANIFEST", BAD_DIR, e->d_name);
	}
	closedir(dir);
	assert_int_equal(files, n_entries);
}

/* Checks one failure: code, no run, position, the expected text. */
static void check_failure(const entry *en, const char *how, int rc, const bdb_run *run,
			  const bdb_diag *d)
{
	char msg[1200];
	bdb_diag_format(d, msg, sizeof msg);
	if (rc != BDB_EPARSE && rc != BDB_EFORMAT)
		fail_msg("%s (%s): expected a parse or format error, got %s: %s", en->file, how,
			 bdb_error_name(rc), msg);
	assert_null(run);
	assert_int_equal(d->code, rc);
	if (d->line < 1 || d->col < 1 || strstr(d->file, en->file) == NULL)
		fail_msg("%s (%s): the diagnostic has no file:line:col: %s", en->file, how, msg);
	if (!strstr(msg, en->expected))
		fail_msg("%s (%s):\n  expected: %s\n  got:      %s", en->file, how, en->expected,
			 msg);
}

static void test_each_input_fails_as_listed(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_entries; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%.255s", BAD_DIR, entries[i].file);
		bdb_run *run = (bdb_run *)1;
		bdb_diag d;
		int rc = bdb_ingest_path(path, BDB_INPUT_AUTO, NULL, &run, NULL, &d);
		check_failure(&entries[i], "path", rc, run, &d);
	}
}

/* The same bytes given as a buffer fail the same way. */
static void test_buffers_fail_alike(void **state)
{
	(void)state;
	size_t checked = 0;
	for (size_t i = 0; i < n_entries; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%.255s", BAD_DIR, entries[i].file);
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		if (S_ISDIR(st.st_mode))
			continue; /* criterion trees are read from disk only */
		FILE *f = fopen(path, "rb");
		assert_non_null(f);
		char *data = malloc((size_t)st.st_size + 1);
		assert_non_null(data);
		assert_int_equal(fread(data, 1, (size_t)st.st_size, f), (size_t)st.st_size);
		fclose(f);
		bdb_run *run = (bdb_run *)1;
		bdb_diag d;
		int rc = bdb_ingest_buffer(path, data, (size_t)st.st_size, BDB_INPUT_AUTO, NULL,
					   &run, NULL, &d);
		check_failure(&entries[i], "buffer", rc, run, &d);
		free(data);
		checked++;
	}
	assert_true(checked >= 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_manifest_covers_the_corpus),
	    cmocka_unit_test(test_each_input_fails_as_listed),
	    cmocka_unit_test(test_buffers_fail_alike),
	};
	return cmocka_run_group_tests(tests, load_manifest, NULL);
}
