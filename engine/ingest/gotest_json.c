/*
 * gotest_json.c - `go test -json -bench`: test2json's events, one JSON
 * object a line, around go test's text output:
 *
 *   {"Time":"2026-12-06T05:03:29.4177Z","Action":"output","Package":"example.com/p",
 *    "Output":"goos: linux\n"}
 *   {"Time":"...","Action":"output","Package":"example.com/p","Output":"BenchmarkSort1k-2    \t"}
 *   {"Time":"...","Action":"output","Package":"example.com/p",
 *    "Output":"    2000\t     69294 ns/op\t    8216 B/op\t       2 allocs/op\n"}
 *   {"Time":"...","Action":"pass","Package":"example.com/p","Elapsed":0.45}
 *
 * The "Output" texts of the "output" events, joined, are exactly what
 * `go test -bench` prints (test2json splits a benchmark line where go test
 * flushes it), so they are read by the gotest adapter: the same points,
 * tags, metrics, units and directions. The run's timestamp is the first
 * event's "Time". An event line that is not a JSON object, or whose
 * fields have the wrong types, is an error at its position in the file; an
 * error in the joined text is reported at the event whose text holds the
 * faulty byte, the column that of the event's "Output" value.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* An "output" event: where its text starts in the joined output, where it is in the file. */
typedef struct origin {
	size_t start;	   /* byte offset of its text in the joined output */
	int line;	   /* 1-based line of the event in the file */
	const char *event; /* the event line's first byte */
	size_t event_len;
} origin;

typedef struct joined {
	bdb_buf text;
	origin *events;
	size_t n, cap;
} joined;

/* The first two non-blank lines are JSON objects, the first with an "Action". */
bool bdb__detect_gotest_json(const char *data, size_t len)
{
	bdb__lines l;
	bdb__lines_init(&l, data, len);
	int objects = 0;
	bool action = false;
	while (objects < 2 && bdb__lines_next(&l)) {
		const char *p = bdb__skip_blanks(l.line, l.line + l.len);
		if (p == l.line + l.len)
			continue;
		json_t *v = json_loadb(l.line, l.len, JSON_REJECT_DUPLICATES, NULL);
		bool object = json_is_object(v);
		if (objects == 0)
			action = json_is_string(json_object_get(v, "Action"));
		json_decref(v);
		if (!object)
			return false;
		objects++;
	}
	return objects == 2 && action;
}

static int add_output(joined *j, const char *s, const bdb__lines *l)
{
	if (j->n == j->cap) {
		size_t cap = j->cap ? 2 * j->cap : 64;
		origin *o = realloc(j->events, cap * sizeof *o);
		if (!o)
			return BDB_ENOMEM;
		j->events = o;
		j->cap = cap;
	}
	j->events[j->n++] = (origin){j->text.len, l->number, l->line, l->len};
	bdb_buf_puts(&j->text, s);
	return j->text.failed ? BDB_ENOMEM : 0;
}

/* One event line: its "Output" goes to j, its "Time" (the first) to the run. */
static int read_event(bdb__input *in, const bdb__lines *l, bdb_run *run, joined *j, bdb_diag *d)
{
	bdb__json_doc doc;
	const char *action, *output;
	int rc = bdb__json_parse_span(&doc, in->name, in->data, in->len,
				      (size_t)(l->line - in->data), l->len, d);
	if (rc)
		return rc;
	if (!(rc = bdb__json_need_object(&doc, "a go test -json event", d)) &&
	    !(rc = bdb__json_string(&doc, doc.root, "Action", true, &action, d)) &&
	    !(rc = bdb__json_string(&doc, doc.root, "Output", false, &output, d)) &&
	    !in->has_timestamp && json_object_get(doc.root, "Time"))
		rc = bdb__json_timestamp(&doc, doc.root, "Time", run, in, d);
	if (!rc && output && strcmp(action, "output") == 0)
		rc = add_output(j, output, l);
	bdb__json_release(&doc);
	return rc;
}

/* Moves an error at d's line:col of the joined text to the event whose text holds that byte. */
static void place_error(const joined *j, bdb_diag *d)
{
	if (!d || d->line < 1 || j->n == 0)
		return;
	const char *t = j->text.data, *end = t + j->text.len, *p = t;
	for (int line = 1; line < d->line && p < end; p++)
		if (*p == '\n')
			line++;
	for (int col = 1; col < d->col && p < end; col++) /* columns count characters */
		for (p++; p < end && ((unsigned char)*p & 0xC0) == 0x80; p++)
			;
	size_t offset = (size_t)(p - t), k = 0;
	while (k + 1 < j->n && j->events[k + 1].start <= offset)
		k++;
	const origin *o = &j->events[k];
	static const char key[] = "\"Output\"";
	const char *stop = o->event + o->event_len, *at = o->event;
	for (const char *q = o->event; q + sizeof key - 1 <= stop; q++)
		if (memcmp(q, key, sizeof key - 1) == 0) {
			at = q + sizeof key - 1;
			while (at < stop && (*at == ':' || *at == ' '))
				at++;
			break;
		}
	d->line = o->line;
	d->col = bdb__line_column(o->event, at);
}

int bdb__ingest_gotest_json(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	joined j = {0};
	bdb_buf_init(&j.text);
	bdb__lines l;
	bdb__lines_init(&l, in->data, in->len);
	while (!rc && bdb__lines_next(&l))
		if (bdb__skip_blanks(l.line, l.line + l.len) < l.line + l.len)
			rc = read_event(in, &l, run, &j, d);
	if (!rc) {
		bdb__input text = *in;
		text.data = bdb_buf_cstr(&j.text);
		text.len = j.text.len;
		rc = j.text.failed ? BDB_ENOMEM : bdb__ingest_gotest(&text, run, d);
		if (rc == BDB_EPARSE)
			place_error(&j, d);
	}
	bdb_buf_free(&j.text);
	free(j.events);
	return rc;
}
