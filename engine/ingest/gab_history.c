/*
 * gab_history.c - github-action-benchmark's history, the data.js its
 * action keeps on gh-pages:
 *
 *   window.BENCHMARK_DATA = {
 *     "lastUpdate": 1765609197405, "repoUrl": "https://github.com/o/r",
 *     "entries": {"SUITE": [{"commit": {"id", "timestamp", "message",
 *                  "url", "author": {...}, ...}, "date": 1724360264650,
 *                  "tool": "catch2", "benches": [{name, value, unit,
 *                  range, extra}]}, ...]}}
 *
 * Every entry of every suite is one run: id "gab-<16 hex>" hashed from the
 * suite, the commit id and the date (so a grown file yields the same ids
 * for its old entries); commit = commit.id; timestamp = commit.timestamp,
 * else date (ms); metadata author.*, message, url, tool, repo and
 * recorded_at (the date); every point tagged suite=SUITE. The benches are
 * read by bdb__gab_read_benches (gab.c), which knows the tools.
 *
 * The JSON is parsed in a copy of the file in which the `window.X =`
 * prefix and a final ';' are blanked out, so that every position in an
 * error is the position in the file.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JS_PREFIX "window.BENCHMARK_DATA"

/* The first byte after a UTF-8 byte order mark and white space. */
static const char *content_start(const char *p, const char *end)
{
	if (end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* memmem for the first bytes of a document. */
static bool contains(const char *p, size_t n, const char *what)
{
	size_t k = strlen(what);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(p + i, what, k) == 0)
			return true;
	return false;
}

bool bdb_is_gab_history(const char *data, size_t len)
{
	const char *end = data + len, *p = content_start(data, end);
	size_t n = (size_t)(end - p);
	if (n >= sizeof JS_PREFIX - 1 && memcmp(p, JS_PREFIX, sizeof JS_PREFIX - 1) == 0)
		return true;
	/* The action writes "lastUpdate" and "repoUrl" before "entries". */
	if (n == 0 || *p != '{')
		return false;
	size_t head = n < 4096 ? n : 4096;
	return contains(p, head, "\"entries\"") &&
	       (contains(p, head, "\"lastUpdate\"") || contains(p, head, "\"repoUrl\""));
}

/*
 * Blanks out `window.BENCHMARK_DATA =` and a ';' after the object in text
 * (a writable copy), keeping line ends, so that JSON positions stay file
 * positions. A prefix without '=' is left for the JSON parser to refuse.
 */
static void blank_js(char *text, size_t len)
{
	char *end = text + len, *p = (char *)content_start(text, end);
	if ((size_t)(end - p) < sizeof JS_PREFIX - 1 || memcmp(p, JS_PREFIX, sizeof JS_PREFIX - 1))
		return;
	char *q = p + sizeof JS_PREFIX - 1;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	if (q == end || *q != '=')
		return;
	memset(p, ' ', (size_t)(q + 1 - p));
	char *t = end;
	while (t > q && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\n' || t[-1] == '\r'))
		t--;
	if (t > q && t[-1] == ';')
		t[-1] = ' ';
}

typedef struct history {
	bdb__json_doc *doc;
	const char *repo; /* "repoUrl", or NULL */
	bdb_run **runs;
	size_t n, cap;
	bdb__strmap ids;
	bdb__gab_skips skips;
	size_t entries, duplicates;
} history;

static int add_run(history *h, bdb_run *run)
{
	if (h->n == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 64;
		bdb_run **runs = realloc(h->runs, cap * sizeof *runs);
		if (!runs)
			return BDB_ENOMEM;
		h->runs = runs;
		h->cap = cap;
	}
	h->runs[h->n++] = run;
	return 0;
}

/* Run metadata from the entry's commit object. */
static int read_commit(history *h, const json_t *commit, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = h->doc;
	const char *id, *message, *url;
	json_t *author;
	int rc;
	if ((rc = bdb__json_string(doc, commit, "id", true, &id, d)) ||
	    (rc = bdb__json_string(doc, commit, "message", false, &message, d)) ||
	    (rc = bdb__json_string(doc, commit, "url", false, &url, d)) ||
	    (rc = bdb__json_object(doc, commit, "author", false, &author, d)))
		return rc;
	if ((rc = bdb_run_set_commit(run, id)) ||
	    (message && (rc = bdb_run_set_meta(run, "message", message))) ||
	    (url && (rc = bdb_run_set_meta(run, "url", url))) ||
	    (author && (rc = bdb__json_flatten(author, "author", bdb__set_meta, run))))
		return rc;
	return 0;
}

/* The entry's timestamp: commit.timestamp, else date (milliseconds). */
static int read_time(history *h, const json_t *entry, const json_t *commit, bdb_run *run,
		     bdb_diag *d)
{
	bdb__json_doc *doc = h->doc;
	bdb__input none = {0};
	double date;
	bool has_date;
	int rc = bdb__json_number(doc, entry, "date", false, &date, &has_date, d);
	if (!rc)
		rc = bdb__json_timestamp(doc, commit, "timestamp", run, &none, d);
	if (rc)
		return rc;
	if (has_date && (date < -1e16 || date > 1e16))
		return bdb__json_fail(doc, entry, "date", BDB__NO_INDEX, d,
				      "\"date\" must be milliseconds since 1970, got %g", date);
	if (has_date) {
		char buf[40];
		bdb_time_format((int64_t)date * 1000, buf, sizeof buf);
		if ((rc = bdb_run_set_meta(run, "recorded_at", buf)))
			return rc;
		if (!none.has_timestamp)
			run->timestamp_us = (int64_t)date * 1000;
	} else if (!none.has_timestamp) {
		return bdb__json_fail(doc, entry, NULL, BDB__NO_INDEX, d,
				      "an entry needs \"commit\".\"timestamp\" or \"date\"");
	}
	return 0;
}

/* "gab-<16 hex>" of suite, commit id and the date's text. */
static int set_id(bdb_run *run, const char *suite, const json_t *entry)
{
	char buf[64];
	const json_t *v = json_object_get(entry, "date");
	const char *date = v ? bdb__json_text(v, buf, sizeof buf) : "";
	uint64_t h = bdb__hash(BDB__HASH_INIT, suite, strlen(suite) + 1);
	h = bdb__hash(h, run->commit, strlen(run->commit) + 1);
	h = bdb__hash(h, date, strlen(date));
	char id[32];
	snprintf(id, sizeof id, "gab-%016llx", (unsigned long long)h);
	return bdb_run_set_id(run, id);
}

static int read_entry(history *h, const char *suite, const json_t *list, size_t i, bdb_diag *d)
{
	bdb__json_doc *doc = h->doc;
	json_t *entry, *commit, *benches;
	const char *tool_name;
	bdb__gab_tool tool;
	int rc;
	if ((rc = bdb__json_elem_object(doc, list, i, suite, &entry, d)) ||
	    (rc = bdb__json_object(doc, entry, "commit", true, &commit, d)) ||
	    (rc = bdb__json_string(doc, entry, "tool", true, &tool_name, d)) ||
	    (rc = bdb__json_array(doc, entry, "benches", true, &benches, d)))
		return rc;
	if (bdb__gab_tool_find(tool_name, &tool))
		return bdb__json_fail(doc, entry, "tool", BDB__NO_INDEX, d,
				      "\"tool\" must be one of cargo, go, benchmarkjs, "
				      "benchmarkluau, pytest, googlecpp, catch2, julia, jmh, "
				      "benchmarkdotnet, customBiggerIsBetter, "
				      "customSmallerIsBetter; got \"%s\"",
				      tool_name);
	h->entries++;
	bdb_run *run = bdb_run_new();
	if (!run)
		return BDB_ENOMEM;
	bdb_kv tag = {"suite", suite};
	if (!(rc = read_commit(h, commit, run, d)) && !(rc = read_time(h, entry, commit, run, d)) &&
	    !(rc = set_id(run, suite, entry)) && !(rc = bdb_run_set_meta(run, "tool", tool_name)) &&
	    !(h->repo && (rc = bdb_run_set_meta(run, "repo", h->repo))))
		rc = bdb__gab_read_benches(doc, benches, &tool, NULL, &tag, 1, run, &h->skips, d);
	size_t other;
	if (!rc && bdb__strmap_get(&h->ids, run->id, strlen(run->id), &other)) {
		h->duplicates++; /* the same suite, commit and date: counted once */
	} else if (!rc && run->n_points > 0) {
		if (!(rc = bdb__strmap_put(&h->ids, run->id, strlen(run->id), h->n)) &&
		    !(rc = add_run(h, run)))
			return 0;
	}
	bdb_run_free(run);
	return rc;
}

int bdb_gab_history_read(const char *name, const char *data, size_t len, bdb_run ***runs, size_t *n,
			 bdb_import_summary *summary, bdb_diag *d)
{
	*runs = NULL;
	*n = 0;
	bdb_diag_clear(d);
	if (!bdb_is_gab_history(data, len))
		return bdb_diag_set(d, BDB_EFORMAT, name, 1, 1,
				    "is not a github-action-benchmark history: expected "
				    "\"window.BENCHMARK_DATA = {...}\" or a JSON object with "
				    "\"entries\"");
	char *text = malloc(len + 1);
	if (!text)
		return BDB_ENOMEM;
	memcpy(text, data, len);
	text[len] = '\0';
	blank_js(text, len);
	bdb__json_doc doc = {0};
	history h = {.doc = &doc};
	json_t *entries = NULL;
	int rc = bdb__json_parse(&doc, name, text, len, d);
	if (!rc)
		rc = bdb__json_need_object(&doc, "a github-action-benchmark history", d);
	if (!rc)
		rc = bdb__json_string(&doc, doc.root, "repoUrl", false, &h.repo, d);
	if (!rc)
		rc = bdb__json_object(&doc, doc.root, "entries", true, &entries, d);
	const char *suite;
	json_t *list;
	if (!rc) {
		json_object_foreach(entries, suite, list)
		{
			if (!json_is_array(list))
				rc = bdb__json_fail(&doc, entries, suite, BDB__NO_INDEX, d,
						    "suite \"%s\" must be an array of entries, "
						    "got %s",
						    suite, bdb__json_type_name(list));
			for (size_t i = 0; !rc && i < json_array_size(list); i++)
				rc = read_entry(&h, suite, list, i, d);
			if (rc)
				break;
		}
	}
	if (!rc && h.n == 0)
		rc = bdb_diag_set(d, BDB_EPARSE, name, 1, 1,
				  "no benchmark results found in this github-action-benchmark "
				  "history");
	if (summary) {
		summary->entries += h.entries;
		summary->duplicates += h.duplicates;
		summary->skipped_null += h.skips.null_values;
		summary->skipped_unit += h.skips.junk_units;
		if (!summary->first_skipped[0])
			snprintf(summary->first_skipped, sizeof summary->first_skipped, "%s",
				 h.skips.first);
	}
	bdb__json_release(&doc);
	free(text);
	bdb__strmap_free(&h.ids);
	if (rc) {
		if (rc == BDB_ENOMEM && d && !d->code)
			bdb_diag_set(d, rc, name, 0, 0, "out of memory");
		for (size_t i = 0; i < h.n; i++)
			bdb_run_free(h.runs[i]);
		free(h.runs);
		return rc;
	}
	*runs = h.runs;
	*n = h.n;
	return 0;
}

int bdb_import_gab(bdb_store *store, const char *path, unsigned put_flags,
		   bdb_import_summary *summary, bdb_diag *d)
{
	bdb_import_summary sum;
	memset(&sum, 0, sizeof sum);
	bdb_diag_clear(d);
	char *data;
	size_t len, n = 0;
	bdb_run **runs = NULL;
	bdb__import_item *items = NULL;
	int rc = bdb_input_read(path, &data, &len, d);
	if (rc)
		goto out;
	rc = bdb_gab_history_read(path, data, len, &runs, &n, &sum, d);
	free(data);
	if (!rc && !(items = calloc(n, sizeof *items)))
		rc = BDB_ENOMEM;
	for (size_t i = 0; !rc && i < n; i++)
		items[i] = (bdb__import_item){path, NULL, runs[i]};
	if (!rc)
		rc = bdb__import_store(store, items, n, put_flags, &sum, d);
	if (rc == BDB_ENOMEM && d && !d->code)
		bdb_diag_set(d, rc, path, 0, 0, "out of memory");
out:
	for (size_t i = 0; i < n; i++)
		bdb_run_free(runs[i]);
	free(runs);
	free(items);
	if (summary)
		*summary = sum;
	return rc;
}
