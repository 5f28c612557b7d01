/*
 * test_ingest_read.c - reading inputs that are not regular files: pipes
 * are read to their end with the size limit (bdb__read_stream, tried here
 * with small limits), a FIFO through bdb_input_read and bdb_ingest_path
 * (before, anything without a size read as empty), and a regular file read
 * without its size still grows its buffer to the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers/store_env.h"
#include "ingest/internal.h" /* engine/ingest/internal.h, not engine/internal.h */

/* A pipe's read end holding n bytes 'x' (n fits the pipe's buffer), then
 * its end. */
static FILE *pipe_with(size_t n)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	char buf[4096];
	memset(buf, 'x', sizeof buf);
	assert_true(n <= sizeof buf);
	assert_int_equal(write(fds[1], buf, n), (ssize_t)n);
	close(fds[1]);
	FILE *f = fdopen(fds[0], "rb");
	assert_non_null(f);
	return f;
}

static void test_pipe_within_and_beyond_the_limit(void **state)
{
	(void)state;
	char *data;
	size_t len;
	bdb_diag d;
	/* Exactly the limit is read. */
	FILE *f = pipe_with(64);
	bdb_diag_clear(&d);
	assert_int_equal(bdb__read_stream(f, "in.pipe", 0, 64, &data, &len, &d), 0);
	assert_int_equal(len, 64);
	assert_int_equal(data[63], 'x');
	assert_int_equal(data[64], '\0');
	free(data);
	fclose(f);
	/* One byte more is refused, naming the input. */
	f = pipe_with(65);
	assert_int_equal(bdb__read_stream(f, "in.pipe", 0, 64, &data, &len, &d), BDB_ETOOBIG);
	assert_null(data);
	assert_int_equal(len, 0);
	assert_string_equal(d.file, "in.pipe");
	assert_string_equal(d.message, "inputs above 64 bytes are refused");
	fclose(f);
	/* An empty pipe is empty, not an error. */
	f = pipe_with(0);
	assert_int_equal(bdb__read_stream(f, "in.pipe", 0, 64, &data, &len, &d), 0);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	free(data);
	fclose(f);
}

/* A stream longer than the first buffer (64 KiB) grows it to the end; a
 * size hint that is too small does too. */
static void test_growing_buffer(void **state)
{
	(void)state;
	const size_t n = 300000;
	FILE *f = tmpfile();
	assert_non_null(f);
	for (size_t i = 0; i < n; i++)
		fputc('a' + (int)(i % 26), f);
	static const size_t hints[] = {0, 10};
	for (size_t h = 0; h < 2; h++) {
		rewind(f);
		char *data;
		size_t len;
		assert_int_equal(
		    bdb__read_stream(f, "t", hints[h], (size_t)1 << 30, &data, &len, NULL), 0);
		assert_int_equal(len, n);
		assert_int_equal(data[n - 1], 'a' + (int)((n - 1) % 26));
		assert_int_equal(data[n], '\0');
		free(data);
	}
	fclose(f);
}

/* A FIFO (what <(cmd) and /dev/stdin from a pipe are) is read to its end
 * and ingested; it was read as empty ("the input is empty"). */
static void test_fifo_ingested(void **state)
{
	(void)state;
	char *dir = make_temp_dir(); /* under $TMPDIR, as every store test */
	char path[4200];
	snprintf(path, sizeof path, "%s/in", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	const char *json = "{\"id\": \"from-fifo\", \"points\": [{\"name\": \"p\", \"metrics\": "
			   "{\"ops\": {\"value\": 2.5}}}]}";
	for (int round = 0; round < 2; round++) {
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			FILE *w = fopen(path, "w");
			fputs(json, w);
			fclose(w);
			_exit(0);
		}
		if (round == 0) {
			char *data;
			size_t len;
			bdb_diag d;
			assert_int_equal(bdb_input_read(path, &data, &len, &d), 0);
			assert_int_equal(len, strlen(json));
			assert_string_equal(data, json);
			free(data);
		} else {
			bdb_run *run;
			bdb_diag d;
			int rc = bdb_ingest_path(path, BDB_INPUT_AUTO, NULL, &run, NULL, &d);
			if (rc)
				fail_msg("%s", d.message);
			assert_string_equal(run->id, "from-fifo");
			assert_int_equal(run->n_points, 1);
			bdb_run_free(run);
		}
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
	}
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pipe_within_and_beyond_the_limit),
	    cmocka_unit_test(test_growing_buffer),
	    cmocka_unit_test(test_fifo_ingested),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
