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

bool bdb__contains(const char *p, size_t n, const char *what)
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
	/* The action writes "lastUpdate" and "repoUrl" before "entries"; with
	 * the keys sorted (jq -S, json.dump(sort_keys=True)) they come after
	 * every entry: "entries" is the first key, and the first entry's first
	 * key is "benches". */
	if (n == 0 || *p != '{')
		return false;
	size_t head = n < 4096 ? n : 4096;
	const char *first = content_start(p + 1, end);
	bool sorted = (size_t)(end - first) >= 9 && memcmp(first, "\"entries\"", 9) == 0 &&
		      bdb__contains(p, head, "\"benches\"");
	return sorted || (bdb__contains(p, head, "\"entries\"") &&
			  (bdb__contains(p, head, "\"lastUpdate\"") ||
			   bdb__contains(p, head, "\"repoUrl\"")));
}

/*
 * Where the object of a data.js lies in text: [*start, *stop) without the
 * `window.BENCHMARK_DATA =` before it and a ';' after it (from 0, and to
 * len, when the text has no such prefix; a prefix without '=' is left for
 * the JSON parser to refuse). *prefix is where the prefix starts.
 */
static void js_bounds(const char *text, size_t len, size_t *prefix, size_t *start, size_t *stop)
{
	const char *end = text + len, *p = content_start(text, end);
	*prefix = *start = 0;
	*stop = len;
	if ((size_t)(end - p) < sizeof JS_PREFIX - 1 || memcmp(p, JS_PREFIX, sizeof JS_PREFIX - 1))
		return;
	const char *q = p + sizeof JS_PREFIX - 1;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	if (q == end || *q != '=')
		return;
	*prefix = (size_t)(p - text);
	*start = (size_t)(q + 1 - text);
	const char *t = end;
	while (t > q && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\n' || t[-1] == '\r'))
		t--;
	if (t > q && t[-1] == ';')
		*stop = (size_t)(t - 1 - text);
}

/*
 * Blanks out `window.BENCHMARK_DATA =` and a ';' after the object in text
 * (a writable copy), keeping line ends, so that JSON positions stay file
 * positions.
 */
static void blank_js(char *text, size_t len)
{
	size_t prefix, start, stop;
	js_bounds(text, len, &prefix, &start, &stop);
	memset(text + prefix, ' ', start - prefix);
	if (stop < len)
		text[stop] = ' ';
}

/* A run held packed: as bdb_run_encode wrote it (malloc'ed). */
typedef struct packed_run {
	void *data;
	size_t len;
} packed_run;

typedef struct history {
	const char *text; /* the file, for the line of an earlier entry */
	size_t len;
	const char *repo; /* "repoUrl", or NULL */
	/* pack: each run is held packed (packs[i]; runs[i] NULL), in a
	 * fraction of a bdb_run's memory: an import of a history of thousands
	 * of entries checks every one before it stores any, so it holds them
	 * all at once. */
	bool pack;
	bdb_run **runs;
	packed_run *packs;
	size_t *offsets; /* where each run's entry starts in the file */
	size_t n, cap;
	bdb_buf encoded;    /* the encoder's buffer, reused */
	const char *branch; /* every run's branch, or NULL */
	bdb_store *store;   /* with !go_values: where legacy go series are looked for */
	bool legacy;	    /* a run of the history continues such a series */
	bdb__strmap ids;
	bdb__gab_skips skips;
	size_t entries, duplicates;
	size_t empty;	       /* entries with no result left (none, or every one left out) */
	char own_series[1024]; /* "TOOL: how" of each such tool seen, "; " apart */
	bool go_values;	       /* bdb__gab_tool.go_values for every entry */
} history;

/* Packs run into *p (h->encoded is the encoder's buffer). */
static int pack_run(history *h, const bdb_run *run, packed_run *p)
{
	bdb_buf_reset(&h->encoded);
	int rc = bdb_run_encode(run, &h->encoded);
	if (rc)
		return rc;
	if (!(p->data = malloc(h->encoded.len)))
		return BDB_ENOMEM;
	memcpy(p->data, h->encoded.data, h->encoded.len);
	p->len = h->encoded.len;
	return 0;
}

/* Run i of h: h->runs[i], or unpacked into *owned (free it). */
static int history_run(const history *h, size_t i, bdb_run **run, bdb_run **owned)
{
	*owned = NULL;
	*run = h->runs[i];
	if (*run)
		return 0;
	int rc = bdb_run_decode(h->packs[i].data, h->packs[i].len, owned, NULL);
	*run = *owned;
	return rc == BDB_ENOMEM ? rc : rc ? BDB_EINVAL : 0;
}

/* Adds run (taken: held, or packed and freed) at offset. */
static int add_run(history *h, bdb_run *run, size_t offset)
{
	if (h->n == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 64;
		bdb_run **runs = realloc(h->runs, cap * sizeof *runs);
		if (runs)
			h->runs = runs;
		packed_run *packs = runs ? realloc(h->packs, cap * sizeof *packs) : NULL;
		if (packs)
			h->packs = packs;
		size_t *offsets = packs ? realloc(h->offsets, cap * sizeof *offsets) : NULL;
		if (!offsets) {
			bdb_run_free(run);
			return BDB_ENOMEM;
		}
		h->offsets = offsets;
		h->cap = cap;
	}
	packed_run p = {NULL, 0};
	if (h->pack) {
		int rc = pack_run(h, run, &p);
		bdb_run_free(run);
		run = NULL;
		if (rc)
			return rc;
	}
	h->offsets[h->n] = offset;
	h->packs[h->n] = p;
	h->runs[h->n++] = run;
	return 0;
}

/* Run metadata from the entry's commit object. */
static int read_commit(bdb__json_doc *doc, const json_t *commit, bdb_run *run, bdb_diag *d)
{
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
	    (author && (rc = bdb__json_flatten_at(doc, author, "author", "metadata key",
						  bdb__set_meta, run, d))))
		return rc;
	return 0;
}

/* The entry's timestamp: commit.timestamp, else date (milliseconds). */
static int read_time(bdb__json_doc *doc, const json_t *entry, const json_t *commit, bdb_run *run,
		     bdb_diag *d)
{
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

/*
 * Whether the store holds a go series of run under metric "value" (a point
 * "NAME - B/op" or "NAME - allocs/op" imported before go's units took their
 * names): then the import keeps "value", so that those series go on and the
 * runs already stored are the same runs. False on an error too (the import
 * then reports it).
 */
static bool continues_go_values(bdb_store *store, const bdb_run *run)
{
	bool legacy = false;
	bdb_reader *r = NULL;
	for (size_t k = 0; !legacy && k < run->n_points; k++) {
		const bdb_point *p = &run->points[k];
		uint64_t id;
		if (!bdb_point_find_metric(p, "alloc_bytes") && !bdb_point_find_metric(p, "allocs"))
			continue;
		if (!r && bdb_reader_begin(store, &r))
			return false;
		legacy =
		    bdb_reader_series_lookup(r, p->name, p->tags, p->n_tags, "value", &id) == 0;
	}
	if (r)
		bdb_reader_end(r);
	return legacy;
}

/* The entry object of suite, read from doc, as a run (unless a duplicate);
 * offset is where it starts in the file. */
static int read_entry(history *h, bdb__json_doc *doc, const char *suite, const json_t *entry,
		      size_t offset, bdb_diag *d)
{
	json_t *commit, *benches;
	const char *tool_name;
	bdb__gab_tool tool;
	int rc;
	if ((rc = bdb__json_object(doc, entry, "commit", true, &commit, d)) ||
	    (rc = bdb__json_string(doc, entry, "tool", true, &tool_name, d)) ||
	    (rc = bdb__json_array(doc, entry, "benches", true, &benches, d)))
		return rc;
	if (bdb__gab_tool_find(tool_name, &tool))
		return bdb__json_fail(doc, entry, "tool", BDB__NO_INDEX, d,
				      "\"tool\" must be one of cargo, go, benchmarkjs, "
				      "benchmarkluau, pytest, googlecpp, catch2, julia, jmh, "
				      "benchmarkdotnet, customBiggerIsBetter, "
				      "customSmallerIsBetter, ndjson, criterion; got \"%s\"",
				      tool_name);
	tool.go_values = h->go_values;
	h->entries++;
	char said[32];
	snprintf(said, sizeof said, "%s: ", tool.name);
	if (tool.own_series && !strstr(h->own_series, said)) {
		size_t used = strlen(h->own_series);
		snprintf(h->own_series + used, sizeof h->own_series - used, "%s%s%s",
			 used ? "; " : "", said, tool.own_series);
	}
	bdb_run *run = bdb_run_new();
	if (!run)
		return BDB_ENOMEM;
	bdb_kv tag = {"suite", suite};
	if (!(rc = read_commit(doc, commit, run, d)) &&
	    !(rc = read_time(doc, entry, commit, run, d)) && !(rc = set_id(run, suite, entry)) &&
	    !(rc = bdb_run_set_meta(run, "tool", tool_name)) &&
	    !(h->repo && (rc = bdb_run_set_meta(run, "repo", h->repo))) &&
	    !(h->branch && (rc = bdb_run_set_branch(run, h->branch))))
		rc = bdb__gab_read_benches(doc, benches, &tool, NULL, &tag, 1, run, &h->skips, d);
	size_t other;
	bdb_run *before = NULL, *owned = NULL;
	bool seen = !rc && bdb__strmap_get(&h->ids, run->id, strlen(run->id), &other);
	if (seen)
		rc = history_run(h, other, &before, &owned);
	if (seen && !rc && bdb_run_equal(run, before)) {
		h->duplicates++; /* the same suite, commit and date: counted once */
	} else if (seen && !rc) {
		/* The same entry with other results: neither is the copy. */
		char earlier[48] = "an earlier entry";
		int line, col;
		if (h->text && h->offsets[other] > 0) {
			bdb_text_position(h->text, h->len, h->offsets[other], &line, &col);
			snprintf(earlier, sizeof earlier, "the entry on line %d", line);
		}
		rc = bdb__json_fail(doc, entry, NULL, BDB__NO_INDEX, d,
				    "this entry has the suite, commit and date of %s but other "
				    "results (run %s): one of them is wrong",
				    earlier, run->id);
	} else if (!rc && run->n_points > 0) {
		if (h->store && !h->go_values && !h->legacy)
			h->legacy = continues_go_values(h->store, run);
		if (!(rc = bdb__strmap_put(&h->ids, run->id, strlen(run->id), h->n)))
			return add_run(h, run, offset);
	} else if (!rc) {
		h->empty++; /* counted, so that the summary adds up */
	}
	bdb_run_free(owned);
	bdb_run_free(run);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The whole document at once                                                */
/* ------------------------------------------------------------------------ */

/* Parses text as one jansson document and reads every entry: the reference
 * path, which owns every diagnostic. */
static int read_whole(history *h, const char *name, const char *text, size_t len, bdb_diag *d)
{
	bdb__json_doc doc = {0};
	json_t *entries = NULL;
	int rc = bdb__json_parse(&doc, name, text, len, d);
	if (!rc)
		rc = bdb__json_need_object(&doc, "a github-action-benchmark history", d);
	if (!rc)
		rc = bdb__json_string(&doc, doc.root, "repoUrl", false, &h->repo, d);
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
			for (size_t i = 0; !rc && i < json_array_size(list); i++) {
				json_t *entry;
				size_t offset = 0;
				if (!(rc =
					  bdb__json_elem_object(&doc, list, i, suite, &entry, d)) &&
				    bdb__json_offset(&doc, list, NULL, i, &offset))
					offset += (size_t)(doc.text - text); /* a byte order mark */
				if (!rc)
					rc = read_entry(h, &doc, suite, entry, offset, d);
			}
			if (rc)
				break;
		}
	}
	h->repo = NULL;
	bdb__json_release(&doc);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Entry by entry                                                            */
/* ------------------------------------------------------------------------ */

/*
 * The fast path. A history is mostly its entries: parsing the whole file
 * as one jansson document holds every entry's tree at once (ten times the
 * file in memory) and builds a position index over all of it for the first
 * skipped result. Here the structure around the entries is scanned by
 * hand and each entry is parsed, read and freed on its own bytes
 * (bdb__json_parse_span keeps positions those of the file). Anything the
 * scan does not take plainly, and any error, declines: the whole-document
 * path then runs from the start and reports exactly as before.
 */

#define DECLINED 1
/* Deeper values go to the whole path (jansson's own limit is 2048 levels). */
#define MAX_DEPTH 2000

typedef struct scan {
	const char *text, *p, *end;
} scan;

static void scan_ws(scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

static bool scan_take(scan *s, char c)
{
	scan_ws(s);
	if (s->p >= s->end || *s->p != c)
		return false;
	s->p++;
	return true;
}

/* The next value, parsed by jansson on its own (NULL: not a valid value). */
static json_t *scan_value(scan *s)
{
	scan_ws(s);
	const char *start = s->p, *stop = bdb__json_skip(s->p, s->end, MAX_DEPTH);
	if (!stop)
		return NULL;
	s->p = stop;
	return json_loadb(start, (size_t)(stop - start), JSON_DECODE_ANY | JSON_REJECT_DUPLICATES,
			  NULL);
}

/* A member key: decoded into a new jansson string, NULL when there is none. */
static json_t *scan_key(scan *s)
{
	scan_ws(s);
	if (s->p >= s->end || *s->p != '"')
		return NULL;
	json_t *key = scan_value(s);
	if (key && (!json_is_string(key) || !scan_take(s, ':'))) {
		json_decref(key);
		return NULL;
	}
	return key;
}

/*
 * Iterates an object or array at the cursor: *first true on the first
 * call. 1: another member or element follows; 0: the end (taken); -1:
 * malformed.
 */
static int scan_next(scan *s, bool *first, char open, char close)
{
	if (*first) {
		*first = false;
		if (!scan_take(s, open))
			return -1;
		return scan_take(s, close) ? 0 : 1;
	}
	if (scan_take(s, ','))
		return 1;
	return scan_take(s, close) ? 0 : -1;
}

/* Every entry of one suite's array, each parsed and read on its own. */
static int scan_suite(history *h, scan *s, const char *name, const char *suite)
{
	bool first = true;
	int more;
	while ((more = scan_next(s, &first, '[', ']')) == 1) {
		scan_ws(s);
		const char *start = s->p, *stop = bdb__json_skip(s->p, s->end, MAX_DEPTH);
		if (!stop || *start != '{')
			return DECLINED;
		s->p = stop;
		bdb__json_doc doc;
		int rc =
		    bdb__json_parse_span(&doc, name, s->text, (size_t)(s->end - s->text),
					 (size_t)(start - s->text), (size_t)(stop - start), NULL);
		if (rc)
			return DECLINED;
		rc = read_entry(h, &doc, suite, doc.root, (size_t)(start - s->text), NULL);
		bdb__json_release(&doc);
		if (rc)
			return rc == BDB_ENOMEM ? rc : DECLINED;
	}
	return more == 0 ? 0 : DECLINED;
}

static int scan_entries(history *h, scan *s, const char *name)
{
	bdb__strmap suites = {0};
	bool first = true;
	int more, rc = 0;
	while (!rc && (more = scan_next(s, &first, '{', '}')) == 1) {
		json_t *key = scan_key(s);
		const char *suite = key ? json_string_value(key) : NULL;
		size_t n = key ? json_string_length(key) : 0, seen;
		if (!key || bdb__strmap_get(&suites, suite, n, &seen))
			rc = DECLINED; /* a duplicate suite is an error of the whole path */
		else if (!(rc = bdb__strmap_put(&suites, suite, n, 0)))
			rc = scan_suite(h, s, name, suite);
		json_decref(key);
	}
	bdb__strmap_free(&suites);
	return rc ? rc : more == 0 ? 0 : DECLINED;
}

/* text need not be a writable copy: the scan starts after the data.js
 * prefix and ends before its ';'. */
static int read_fast(history *h, const char *name, const char *text, size_t len)
{
	size_t prefix, start, stop;
	js_bounds(text, len, &prefix, &start, &stop);
	scan s = {text, text + start, text + stop};
	bool first = true, entries = false, late_repo = false;
	json_t *repo = NULL;
	bdb__strmap keys = {0};
	int more, rc = 0;
	while (!rc && (more = scan_next(&s, &first, '{', '}')) == 1) {
		json_t *key = scan_key(&s), *v;
		const char *k = key ? json_string_value(key) : "";
		size_t seen;
		if (!key || bdb__strmap_get(&keys, k, json_string_length(key), &seen)) {
			rc = DECLINED; /* a duplicate key is an error of the whole path */
		} else if ((rc = bdb__strmap_put(&keys, k, json_string_length(key), 0))) {
			/* out of memory */
		} else if (strcmp(k, "entries") == 0) {
			rc = scan_entries(h, &s, name);
			entries = true;
		} else if (!(v = scan_value(&s))) {
			rc = DECLINED;
		} else if (strcmp(k, "repoUrl") == 0) {
			/* After the entries (keys sorted), the runs read get it below. */
			if (!(json_is_string(v) || json_is_null(v))) {
				rc = DECLINED;
				json_decref(v);
			} else {
				repo = v;
				late_repo = entries;
				h->repo = json_string_value(v);
			}
		} else {
			json_decref(v);
		}
		json_decref(key);
	}
	scan_ws(&s);
	if (!rc && (more != 0 || !entries || s.p != s.end))
		rc = DECLINED;
	for (size_t i = 0; !rc && late_repo && h->repo && i < h->n; i++) {
		bdb_run *run, *owned;
		if (!(rc = history_run(h, i, &run, &owned)))
			rc = bdb_run_set_meta(run, "repo", h->repo);
		if (!rc && owned) {
			free(h->packs[i].data);
			h->packs[i].data = NULL;
			rc = pack_run(h, owned, &h->packs[i]);
		}
		bdb_run_free(owned);
	}
	h->repo = NULL;
	json_decref(repo);
	bdb__strmap_free(&keys);
	return rc;
}

/* Frees what a history read holds and empties it, keeping how it reads
 * (pack, branch, store, go_values). */
static void history_clear(history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		bdb_run_free(h->runs[i]);
		free(h->packs[i].data);
	}
	free(h->runs);
	free(h->packs);
	free(h->offsets);
	bdb__strmap_free(&h->ids);
	bdb_buf_free(&h->encoded);
	history how = {
	    .pack = h->pack, .branch = h->branch, .store = h->store, .go_values = h->go_values};
	*h = how;
	bdb_buf_init(&h->encoded);
}

/*
 * Reads the history data[0..len) (named name in diagnostics) into h, which
 * says how (pack, branch, store, go_values) and holds, on success, every run
 * with where its entry starts (h->text is then NULL). On failure h is
 * cleared. summary (may be NULL) is added to.
 */
static int read_history(history *h, const char *name, const char *data, size_t len,
			bdb_import_summary *summary, bdb_diag *d)
{
	bdb_diag_clear(d);
	/* What a failed 'git show gh-pages:... > data.js' leaves. */
	if (content_start(data, data + len) == data + len)
		return bdb_diag_set(
		    d, BDB_EFORMAT, name, 1, 1,
		    "the input is empty: expected a github-action-benchmark history "
		    "(a '> data.js' whose command failed leaves an empty file: in a "
		    "clone, fetch the branch first, git fetch origin gh-pages)");
	if (!bdb_is_gab_history(data, len))
		return bdb_diag_set(
		    d, BDB_EFORMAT, name, 1, 1,
		    "is not a github-action-benchmark history: expected "
		    "\"window.BENCHMARK_DATA = {...}\" or the action's JSON object "
		    "(\"entries\" with \"lastUpdate\", \"repoUrl\" or \"benches\" in "
		    "its first 4 KiB)");
	h->text = data;
	h->len = len;
	/* The fast path reads data itself; a byte order mark goes to the whole
	 * path, whose positions skip it. */
	int rc = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? DECLINED
								  : read_fast(h, name, data, len);
	char *text = NULL;
	if (rc == DECLINED) {
		/* jansson parses the whole object: a copy with the prefix
		 * blanked, so that positions stay those of the file. */
		history_clear(h);
		if (!(text = malloc(len + 1)))
			return BDB_ENOMEM;
		memcpy(text, data, len);
		text[len] = '\0';
		blank_js(text, len);
		h->text = text;
		h->len = len;
		rc = read_whole(h, name, text, len, d);
	}
	if (!rc && h->n == 0 && h->skips.first[0])
		/* Say why: "no results" alone sent the user looking at 1:1. */
		rc = bdb_diag_set(d, BDB_EPARSE, name, 1, 1,
				  "no benchmark results found in this github-action-benchmark "
				  "history: all were left out (%zu without a value, %zu whose unit "
				  "is not a unit, %zu without a name); the first: %s",
				  h->skips.null_values, h->skips.junk_units, h->skips.empty_names,
				  h->skips.first);
	else if (!rc && h->n == 0)
		rc = bdb_diag_set(d, BDB_EPARSE, name, 1, 1,
				  "no benchmark results found in this github-action-benchmark "
				  "history");
	if (summary) {
		summary->entries += h->entries;
		summary->duplicates += h->duplicates;
		summary->empty_entries += h->empty;
		summary->skipped_null += h->skips.null_values;
		summary->skipped_unit += h->skips.junk_units;
		summary->skipped_name += h->skips.empty_names;
		if (!summary->first_skipped[0])
			snprintf(summary->first_skipped, sizeof summary->first_skipped, "%s",
				 h->skips.first);
		if (!summary->own_series[0])
			snprintf(summary->own_series, sizeof summary->own_series, "%s",
				 h->own_series);
	}
	free(text);
	h->text = NULL;
	if (rc) {
		if (rc == BDB_ENOMEM && d && !d->code)
			bdb_diag_set(d, rc, name, 0, 0, "out of memory");
		history_clear(h);
		return rc;
	}
	bdb__strmap_free(&h->ids);
	return 0;
}

int bdb_gab_history_read(const char *name, const char *data, size_t len, bdb_run ***runs, size_t *n,
			 bdb_import_summary *summary, bdb_diag *d)
{
	history h = {0};
	bdb_buf_init(&h.encoded);
	int rc = read_history(&h, name, data, len, summary, d);
	*runs = rc ? NULL : h.runs;
	*n = rc ? 0 : h.n;
	h.runs = NULL;
	h.n = 0;
	history_clear(&h);
	bdb_buf_free(&h.encoded);
	return rc;
}

int bdb_import_gab(bdb_store *store, const char *path, const bdb_import_options *o,
		   bdb_import_summary *summary, bdb_diag *d)
{
	unsigned put_flags = o ? o->put_flags : 0;
	bdb_import_summary sum;
	memset(&sum, 0, sizeof sum);
	bdb_diag_clear(d);
	char *data = NULL;
	size_t len = 0, failed = SIZE_MAX;
	/* Every run is checked before any is stored (a bad entry stores
	 * nothing), so all are held at once: packed, a history of 160 MB
	 * holds them in a fraction of the memory of its bdb_runs. */
	history h = {.pack = true, .branch = o ? o->branch : NULL, .store = store};
	bdb_buf_init(&h.encoded);
	bdb__import_item *items = NULL;
	int rc = bdb_input_read(path, &data, &len, d);
	if (!rc)
		rc = read_history(&h, path, data, len, &sum, d);
	if (!rc && h.legacy) {
		/* A go series of the store under "value": read again keeping it. */
		history_clear(&h);
		h.go_values = true;
		memset(&sum, 0, sizeof sum);
		rc = read_history(&h, path, data, len, &sum, d);
	}
	if (!rc && !(items = calloc(h.n ? h.n : 1, sizeof *items)))
		rc = BDB_ENOMEM;
	for (size_t i = 0; !rc && i < h.n; i++)
		items[i] = (bdb__import_item){.label = path,
					      .run = h.runs[i],
					      .packed = h.packs[i].data,
					      .packed_len = h.packs[i].len};
	if (!rc)
		rc = bdb__import_store(store, items, h.n, put_flags, &sum, &failed, d);
	/* A unit that does not convert, a run other than the stored one of its
	 * id (an entry edited since): the error points at its entry. */
	if ((rc == BDB_EINVAL || rc == BDB_EEXISTS) && failed < h.n && d && h.offsets[failed] > 0)
		bdb_text_position(data, len, h.offsets[failed], &d->line, &d->col);
	if (rc == BDB_ENOMEM && d && !d->code)
		bdb_diag_set(d, rc, path, 0, 0, "out of memory");
	history_clear(&h);
	bdb_buf_free(&h.encoded);
	free(data);
	free(items);
	if (summary)
		*summary = sum;
	return rc;
}
