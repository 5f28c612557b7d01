/*
 * test_ingest_fast.c - the fast path for benchkit JSON (benchkit_fast.c)
 * against the jansson path (benchkit.c): for every input, the fast path
 * either builds exactly the run the jansson path builds (the same run by
 * bdb_run_equal and the same FlatBuffers bytes, the same has_timestamp) or
 * declines. Fixtures, hand-written variations (escapes, numbers, empty
 * containers, white space, key order, unknown keys), the tests/bad corpus,
 * and seeded random mutations of all of them.
 */
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

#include "ingest/internal.h" /* engine/ingest/internal.h, not engine/internal.h */

/* What compare() found. */
enum { DECLINED, ACCEPTED };

static const bdb_ingest_options no_options;

/* The encoded bytes of run (the codec writes every field, -0.0 too). */
static void encode(const bdb_run *run, bdb_buf *out)
{
	bdb_buf_init(out);
	assert_int_equal(bdb_run_encode(run, out), 0);
}

/*
 * Runs both paths on text[0..len) and checks the fast one against the
 * jansson one. Returns ACCEPTED or DECLINED (the fast path's answer).
 */
static int compare(const char *text, size_t len)
{
	char *copy = malloc(len + 1);
	assert_non_null(copy);
	memcpy(copy, text, len);
	copy[len] = '\0';

	bdb__input slow_in = {.name = "t.json", .data = copy, .len = len, .opt = &no_options};
	bdb__input fast_in = slow_in;
	bdb_run *slow = bdb_run_new(), *fast = bdb_run_new();
	assert_non_null(slow);
	assert_non_null(fast);

	bdb__json_doc doc;
	bdb_diag d;
	bool slow_ok = false;
	if (bdb__json_parse(&doc, "t.json", copy, len, &d) == 0) {
		slow_in.json = &doc;
		slow_ok =
		    bdb__detect_benchkit(doc.root) && bdb__ingest_benchkit(&slow_in, slow, &d) == 0;
		bdb__json_release(&doc);
	}
	free(slow_in.origins);

	int rc = bdb__benchkit_fast(&fast_in, fast);
	free(fast_in.origins);
	if (rc != 0)
		assert_int_equal(rc, BDB__FAST_DECLINED);
	if (rc == 0) {
		if (!slow_ok)
			fail_msg("the fast path accepted what the jansson path refuses: %.*s",
				 (int)(len < 300 ? len : 300), text);
		assert_true(bdb_run_equal(fast, slow));
		assert_int_equal(fast_in.has_timestamp, slow_in.has_timestamp);
		/* The codec needs an id; the file's own one was compared above. */
		if (!fast->id) {
			assert_int_equal(bdb_run_set_id(fast, "no-id"), 0);
			assert_int_equal(bdb_run_set_id(slow, "no-id"), 0);
		}
		bdb_buf a, b;
		encode(fast, &a);
		encode(slow, &b);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.data, b.data, a.len);
		bdb_buf_free(&a);
		bdb_buf_free(&b);
	}
	bdb_run_free(slow);
	bdb_run_free(fast);
	free(copy);
	return rc == 0 ? ACCEPTED : DECLINED;
}

static int compare_str(const char *text)
{
	return compare(text, strlen(text));
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	data[n] = '\0';
	*len = (size_t)n;
	return data;
}

/* The benchkit fixtures, all of which the fast path reads. */
static const char *const fixtures[] = {
    "tests/fixtures/benchkit/run_calibrax.json",
    "tests/fixtures/benchkit/run_minimal.json",
    "tests/fixtures/benchkit-store/runs/2026-02-10T09-05-00_3f9a1c.json",
    "tests/fixtures/benchkit-store/runs/2026-02-11T09-05-00_8c0d5e.json",
    "tests/fixtures/benchkit-store/baselines/main.json",
};

static void test_fixtures(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
		size_t len;
		char *data = read_all(fixtures[i], &len);
		if (compare(data, len) != ACCEPTED)
			fail_msg("declined %s", fixtures[i]);
		free(data);
	}
	/* run_full.json has a metric value above 2^53 ("exact:" metadata): declined,
	 * which is correct too. */
	size_t len;
	char *data = read_all("tests/fixtures/benchkit/run_full.json", &len);
	compare(data, len);
	free(data);
}

/* A run around one point: "%s" is replaced by the point's members. */
static int compare_point(const char *members)
{
	char doc[4096];
	snprintf(doc, sizeof doc,
		 "{\"id\": \"r1\", \"timestamp\": \"2026-01-02T03:04:05Z\",\n"
		 " \"metric_defs\": {\"time\": {\"unit\": \"ns\", \"direction\": \"lower\"}},\n"
		 " \"points\": [{%s}]}",
		 members);
	return compare_str(doc);
}

static void test_strings(void **state)
{
	(void)state;
	static const char *const names[] = {
	    "caf\\u00e9",
	    "caf\xc3\xa9",
	    "\\ud83d\\ude00 smile",
	    "\xf0\x9f\x98\x80",
	    "q\\\"uote \\\\ \\/ \\b\\f\\n\\r\\t",
	    "\\u0041\\u00DF\\u20AC\\uFFFF",
	    "",
	    "\xe2\x82\xac\xed\x9f\xbf\xef\xbf\xbf\xf4\x8f\xbf\xbf",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char members[512];
		snprintf(members, sizeof members,
			 "\"name\": \"%s\", \"scenario\": \"%s\", \"tags\": {\"%s\": \"%s\"}, "
			 "\"metrics\": {\"%s\": {\"value\": 1, \"unit\": \"%s\"}}",
			 names[i], names[i], names[i], names[i], names[i], names[i]);
		assert_int_equal(compare_point(members), ACCEPTED);
	}
	/* An escaped key is the key it spells. */
	assert_int_equal(compare_point("\"n\\u0061me\": \"a\", \"metrics\": "
				       "{\"time\": {\"v\\u0061lue\": 2}}"),
			 ACCEPTED);
	/* What jansson refuses: declined (and the jansson path reports it). */
	static const char *const bad[] = {
	    "\\u0000",	    "\\ud83d",		"\\ude00", "\\ud83dx", "\\x41",	  "\xc0\xaf",
	    "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc3",	   "\x01",     "\\u12G4", "\xff",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char members[256];
		snprintf(members, sizeof members,
			 "\"name\": \"%s\", \"metrics\": {\"time\": {\"value\": 1}}", bad[i]);
		assert_int_equal(compare_point(members), DECLINED);
	}
}

static void test_numbers(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "0",
	    "-0",
	    "-0.0",
	    "0.0",
	    "1e5",
	    "1E5",
	    "1.5e-3",
	    "-2.5E+10",
	    "123456789012345",
	    "-123456789012345",
	    "0.1",
	    "0.30000000000000004",
	    "1e308",
	    "1.7976931348623157e308",
	    "4.9e-324",
	    "2.2250738585072014e-308",
	    "1e-400",
	    "123456789.123456789e-5",
	    "12345678901234567890.5",
	    "0.000812120749",
	    "105576818",
	    "3.14159265358979323846",
	    "1e22",
	    "1e23",
	    "9007199254740993.0",
	    "5e-324",
	    "2.5e-30",
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		char members[512];
		snprintf(members, sizeof members,
			 "\"name\": \"n\", \"tags\": {\"k\": %s}, \"metrics\": {\"time\": "
			 "{\"value\": %s, \"lower\": %s, \"upper\": %s, \"samples\": [%s, %s]}}",
			 good[i], good[i], good[i], good[i], good[i], good[i]);
		if (compare_point(members) != ACCEPTED)
			fail_msg("declined %s", good[i]);
	}
	/* Integers of more than 15 digits are left to jansson (exact: metadata). */
	static const char *const declined[] = {
	    "9007199254740993",
	    "1234567890123456789",
	    "99999999999999999999",
	    "1e309",
	    "-1e309",
	    "01",
	    "1.",
	    ".5",
	    "1e",
	    "+1",
	    "0x10",
	    "NaN",
	    "Infinity",
	    "1.5.3",
	    "--1",
	};
	for (size_t i = 0; i < sizeof declined / sizeof *declined; i++) {
		char members[512];
		snprintf(members, sizeof members,
			 "\"name\": \"n\", \"metrics\": {\"time\": {\"value\": %s}}", declined[i]);
		if (compare_point(members) != DECLINED)
			fail_msg("accepted %s", declined[i]);
	}
}

/* Every document of docs[0..n) gets the answer want. */
static void expect_all(const char *const *docs, size_t n, int want)
{
	for (size_t i = 0; i < n; i++)
		if (compare_str(docs[i]) != want)
			fail_msg("%s %s", want == ACCEPTED ? "declined" : "accepted", docs[i]);
}

static void test_shapes(void **state)
{
	(void)state;
	static const char *const accepted[] = {
	    /* empty containers */
	    "{\"points\": [{\"name\": \"a\"}]}",
	    "{\"points\": [{\"name\": \"a\", \"tags\": {}, \"metrics\": {}}], "
	    "\"environment\": {}, \"metadata\": {}, \"metric_defs\": {}}",
	    "{\"points\": [{\"name\": \"a\", \"metrics\": {\"m\": {\"value\": 1, "
	    "\"samples\": []}}}]}",
	    /* white space */
	    "{\"points\":[{\"name\":\"a\",\"metrics\":{\"m\":{\"value\":1}}}]}",
	    " \t\r\n{ \t\r\n\"points\" \t\r\n: \t\r\n[ \t\r\n{ \"name\" : \"a\" , "
	    "\"metrics\" : { \"m\" : { \"value\" : 1 , \"samples\" : [ 1 , 2 ] } } } ] } \n",
	    "\xef\xbb\xbf{\"points\": [{\"name\": \"a\"}]}",
	    /* keys in any order: metrics and tags before the name, definitions last */
	    "{\"points\": [{\"metrics\": {\"time\": {\"samples\": [1, 2], \"value\": 1.5}}, "
	    "\"tags\": {\"b\": \"2\", \"a\": \"1\"}, \"scenario\": \"s\", \"name\": \"p\"}], "
	    "\"metric_defs\": {\"time\": {\"direction\": \"lower\", \"unit\": \"ms\"}}, "
	    "\"id\": \"x\", \"branch\": \"b\", \"commit\": \"c\"}",
	    /* unknown keys at every level, with nested values */
	    "{\"extra\": {\"a\": [1, {\"b\": null}]}, \"points\": [{\"name\": \"a\", \"x\": 1, "
	    "\"y\": [true, false, null], \"metrics\": {\"m\": {\"value\": 1, \"note\": \"n\", "
	    "\"more\": {\"z\": 2}}}}], \"version\": 2}",
	    /* nulls where benchkit writes them */
	    "{\"id\": null, \"timestamp\": null, \"commit\": null, \"branch\": null, "
	    "\"environment\": null, \"metadata\": null, \"metric_defs\": null, \"points\": "
	    "[{\"name\": \"a\", \"scenario\": null, \"tags\": null, \"metrics\": {\"m\": "
	    "{\"value\": 1, \"lower\": null, \"upper\": null, \"unit\": null, \"samples\": "
	    "null}}}]}",
	    "{\"commit\": \"\", \"branch\": \"\", \"points\": [{\"name\": \"a\", \"scenario\": "
	    "\"\", \"metrics\": {\"m\": {\"value\": 1, \"unit\": \"\"}}}]}",
	    /* bounds under benchdb's names; tags that are numbers and booleans */
	    "{\"points\": [{\"name\": \"a\", \"tags\": {\"n\": 3, \"r\": 2.50, \"t\": true, "
	    "\"f\": false, \"z\": -0}, \"metrics\": {\"m\": {\"value\": 1, \"ci_lower\": 0.5, "
	    "\"ci_upper\": 1.5}}}]}",
	    /* environment and metadata beyond strings: flattened and kept as json: */
	    "{\"environment\": {\"cpu\": {\"model\": \"X\", \"cores\": 16}, \"gpus\": [\"a\", "
	    "\"b\"], \"cuda\": null, \"ecc\": false, \"f\": 1.5}, \"metadata\": "
	    "{\"json:environment\": "
	    "\"mine\", \"n\": 412}, \"points\": [{\"name\": \"a\"}]}",
	    "{\"metadata\": {\"s\": \"t\"}, \"environment\": {\"os\": \"Linux\"}, \"points\": "
	    "[{\"name\": \"a\"}]}",
	    /* definitions: units for metrics without their own, thresholds, priorities */
	    "{\"metric_defs\": {\"t\": {\"name\": \"t\", \"unit\": \"ms\", \"direction\": "
	    "\"lower\", \"group\": \"g\", \"priority\": \"primary\", \"description\": \"d\", "
	    "\"threshold\": \"5%\"}, \"u\": {\"unit\": \"\", \"direction\": \"higher\", "
	    "\"threshold\": 3}}, \"points\": [{\"name\": \"a\", \"metrics\": {\"t\": {\"value\": "
	    "1}, \"u\": {\"value\": 2}, \"v\": {\"value\": 3, \"unit\": \"s\"}}}, {\"name\": "
	    "\"b\", \"metrics\": {\"t\": {\"value\": 1, \"unit\": \"us\"}}}]}",
	    /* no points, two points the same: the adapters agree; ingest.c reports it */
	    "{\"points\": []}",
	    "{\"points\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}",
	    "{\"timestamp\": \"2026-02-10T09:05:00.250000+02:00\", \"points\": [{\"name\": "
	    "\"a\"}]}",
	};
	expect_all(accepted, sizeof accepted / sizeof *accepted, ACCEPTED);
	static const char *const declined[] = {
	    "{\"points\": [{\"name\": \"a\", \"name\": \"b\"}]}",
	    "{\"points\": [{\"name\": \"a\", \"x\": 1, \"x\": 2}]}",
	    "{\"x\": 1, \"points\": [{\"name\": \"a\"}], \"x\": 1}",
	    "{\"points\": [{\"name\": \"a\", \"tags\": {\"k\": \"1\", \"k\": \"2\"}}]}",
	    "{\"points\": [{\"name\": \"a\", \"metrics\": {\"m\": {\"value\": 1}, \"m\": "
	    "{\"value\": 2}}}]}",
	    "{\"points\": [{\"name\": \"a\", \"metrics\": {\"m\": {\"value\": 1, \"value\": "
	    "2}}}]}",
	    "{\"points\": [{\"name\": \"a\", \"metrics\": {\"m\": {\"value\": 1, \"lower\": 1, "
	    "\"ci_lower\": 1}}}]}",
	    "{\"points\": [{\"name\": \"a\", \"metrics\": {\"m\": {\"value\": null}}}]}",
	    "{\"points\": [{\"name\": \"a\", \"tags\": {\"k\": null}}]}",
	    "{\"points\": [{\"name\": \"a\", \"tags\": {\"k\": [1]}}]}",
	    "{\"points\": [{\"scenario\": \"a\"}]}",
	    "{\"points\": [{\"name\": \"a\"}]} x",
	    "{\"points\": [{\"name\": \"a\"}],}",
	    "{\"points\": [{\"name\": \"a\"},]}",
	    "{\"id\": \"\", \"points\": [{\"name\": \"a\"}]}",
	    "{\"timestamp\": \"yesterday\", \"points\": [{\"name\": \"a\"}]}",
	    "{\"environment\": [1], \"points\": [{\"name\": \"a\"}]}",
	    "{\"environment\": {\"a\": 1, \"a\": 2}, \"points\": [{\"name\": \"a\"}]}",
	    "{\"metric_defs\": {\"t\": {\"unit\": \"ms\"}}, \"points\": [{\"name\": \"a\"}]}",
	    "{\"points\": null}",
	    "{\"points\": {}}",
	    "[{\"points\": []}]",
	    "{\"point\": [{\"name\": \"a\"}]}",
	};
	expect_all(declined, sizeof declined / sizeof *declined, DECLINED);
	/* A NUL byte after the document. */
	static const char nul[] = "{\"points\": [{\"name\": \"a\"}]}\0";
	assert_int_equal(compare(nul, sizeof nul - 1), DECLINED);
}

/* Every input of the bad corpus: the fast path declines or agrees. */
static void test_bad_corpus(void **state)
{
	(void)state;
	DIR *dir = opendir("tests/bad");
	assert_non_null(dir);
	struct dirent *e;
	size_t files = 0;
	while ((e = readdir(dir))) {
		char path[512];
		if (e->d_name[0] == '.' || strcmp(e->d_name, "MANIFEST") == 0)
			continue;
		snprintf(path, sizeof path, "tests/bad/%s", e->d_name);
		struct stat st;
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) /* criterion directories */
			continue;
		size_t len;
		char *data = read_all(path, &len);
		/* Only a duplicate point and no points are errors found after the
		 * adapter (by ingest.c, for both paths). */
		if (compare(data, len) == ACCEPTED &&
		    strcmp(e->d_name, "benchkit_duplicate_point.json") != 0 &&
		    strcmp(e->d_name, "benchkit_no_points.json") != 0)
			fail_msg("the fast path accepted %s", path);
		free(data);
		files++;
	}
	closedir(dir);
	assert_true(files > 100);
}

/* Through the public API, a file the fast path reads and one it declines. */
static void test_public_path(void **state)
{
	(void)state;
	bdb_run *run;
	bdb_input_format detected = BDB_INPUT_AUTO;
	bdb_diag d;
	const char *doc = "{\"points\": [{\"name\": \"a\", \"metrics\": {\"m\": {\"value\": 1}}}]}";
	assert_int_equal(bdb_ingest_buffer("t.json", doc, strlen(doc), BDB_INPUT_AUTO, NULL, &run,
					   &detected, &d),
			 0);
	assert_int_equal(detected, BDB_INPUT_BENCHKIT);
	assert_string_equal(run->points[0].name, "a");
	assert_non_null(run->id); /* the hash id of ingest.c */
	assert_memory_equal(run->id, "benchkit-", 9);
	bdb_run_free(run);
	/* A forced other format never takes the fast path. */
	assert_int_not_equal(bdb_ingest_buffer("t.json", doc, strlen(doc), BDB_INPUT_BMF, NULL,
					       &run, &detected, &d),
			     0);
	/* Two points the same: the jansson path's diagnostic, at the second one. */
	doc = "{\"points\": [\n{\"name\": \"a\"},\n  {\"name\": \"a\"}]}";
	assert_int_equal(bdb_ingest_buffer("t.json", doc, strlen(doc), BDB_INPUT_AUTO, NULL, &run,
					   &detected, &d),
			 BDB_EPARSE);
	assert_int_equal(d.line, 3);
	assert_int_equal(d.col, 3);
}

static uint64_t rng_state;
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Applies 1-3 random edits to doc (of capacity cap) in place. */
static size_t mutate(char *doc, size_t len, size_t cap)
{
	static const char bytes[] = "{}[],:\"\\0123456789.eE-+ntfu \n\x01\xff\xc3\xa9";
	int edits = 1 + (int)(rng() % 3);
	for (int k = 0; k < edits && len > 0; k++) {
		size_t at = rng() % len;
		char b = bytes[rng() % (sizeof bytes - 1)];
		switch (rng() % 4) {
		case 0: /* delete */
			memmove(doc + at, doc + at + 1, len - at - 1);
			len--;
			break;
		case 1: /* insert */
			if (len + 1 < cap) {
				memmove(doc + at + 1, doc + at, len - at);
				doc[at] = b;
				len++;
			}
			break;
		case 2: /* replace */
			doc[at] = b;
			break;
		default: { /* copy a slice elsewhere */
			size_t from = rng() % len, n = 1 + rng() % 16;
			if (from + n > len)
				n = len - from;
			if (len + n < cap) {
				memmove(doc + at + n, doc + at, len - at);
				memmove(doc + at, from >= at ? doc + from + n : doc + from, n);
				len += n;
			}
		}
		}
	}
	return len;
}

static void test_mutations(void **state)
{
	(void)state;
	const char *sanitized = getenv("BENCHDB_SANITIZED");
	int rounds = sanitized && *sanitized == '1' ? 400 : 4000;
	static const char seed_doc[] =
	    "{\"id\": \"r\", \"timestamp\": \"2026-01-02T03:04:05Z\", \"commit\": \"c\", "
	    "\"environment\": {\"os\": \"Linux\", \"n\": 2}, \"metric_defs\": {\"t\": "
	    "{\"unit\": \"ms\", \"direction\": \"lower\"}}, \"points\": [{\"name\": "
	    "\"caf\\u00e9\", "
	    "\"scenario\": \"s\", \"tags\": {\"k\": \"v\", \"n\": 1.5}, \"metrics\": {\"t\": "
	    "{\"value\": 1.25e3, \"lower\": -0.0, \"upper\": 2, \"samples\": [1, 2.5, 3e-2]}, "
	    "\"u\": {\"value\": 7, \"unit\": \"s\"}}}, {\"metrics\": {\"t\": {\"value\": 0}}, "
	    "\"name\": \"b\"}]}";
	const char *sources[] = {fixtures[0], fixtures[1], fixtures[2]};
	char *docs[4];
	size_t lens[4];
	for (int i = 0; i < 3; i++)
		docs[i] = read_all(sources[i], &lens[i]);
	docs[3] = (char *)seed_doc;
	lens[3] = sizeof seed_doc - 1;
	rng_state = UINT64_C(0x9e3779b97f4a7c15);
	size_t accepted = 0, declined = 0;
	for (int r = 0; r < rounds; r++) {
		int which = (int)(rng() % 4);
		size_t cap = lens[which] + 64;
		char *doc = malloc(cap);
		assert_non_null(doc);
		memcpy(doc, docs[which], lens[which]);
		size_t len = mutate(doc, lens[which], cap);
		if (compare(doc, len) == ACCEPTED)
			accepted++;
		else
			declined++;
		free(doc);
	}
	for (int i = 0; i < 3; i++)
		free(docs[i]);
	print_message("mutations: %zu read by the fast path, %zu declined\n", accepted, declined);
	/* Both answers occur: the test exercises both. */
	assert_true(accepted > 0);
	assert_true(declined > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fixtures),   cmocka_unit_test(test_strings),
	    cmocka_unit_test(test_numbers),    cmocka_unit_test(test_shapes),
	    cmocka_unit_test(test_bad_corpus), cmocka_unit_test(test_public_path),
	    cmocka_unit_test(test_mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
