/*
 * complete.c - tab completion for the REPL: keywords, and the store's
 * metric, point, tag and baseline names (bdb_query_complete of query.h).
 *
 * The word being completed ends at the cursor. It is either a string still
 * open at the cursor (its opening quote belongs to the word, and only names
 * are offered, quoted) or the run of name characters before the cursor.
 * After "KEY =" / "KEY !=" / "KEY ~" the candidates are the values of tag
 * KEY (or the point or metric names for those fields); elsewhere every
 * keyword and name that starts with the word.
 */
#include "exec.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct names {
	char **v;
	size_t n, cap;
	bool failed;
} names;

static void names_add(names *s, const char *p, size_t n)
{
	if (s->failed)
		return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 32;
		char **v = realloc(s->v, cap * sizeof *v);
		if (!v) {
			s->failed = true;
			return;
		}
		s->v = v;
		s->cap = cap;
	}
	char *copy = malloc(n + 1);
	if (!copy) {
		s->failed = true;
		return;
	}
	memcpy(copy, p, n);
	copy[n] = '\0';
	s->v[s->n++] = copy;
}

static void names_free(names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What to offer, from the tokens before the word. */
typedef struct context {
	const char *word; /* without an opening quote */
	size_t word_len;
	bool quoted;	    /* the word is an open string */
	char value_of[128]; /* "t:KEY=", "p:" or "m:" after "KEY =", else "";
			       "r:" run ids after `run`, "c:" commits after
			       `commit` (run references, annotate) */
	bool keys_only;	    /* value_of "t:": the tag keys (after "where", "and", ...) */
	const char *head;   /* a statement's first word whose statements have a
			       second one ("show"): offer those words alone */
} context;

typedef struct collector {
	const context *cx;
	names *out;
	size_t skip;   /* prefix length of the terms being listed */
	bool key_only; /* "t:" terms: the key before '=' */
} collector;

static int collect(void *ctx, const char *term, size_t len)
{
	collector *c = ctx;
	const char *name = term + c->skip;
	size_t n = len - c->skip;
	if (c->key_only) {
		const char *eq = memchr(name, '=', n);
		if (eq)
			n = (size_t)(eq - name);
	}
	if (n >= c->cx->word_len && memcmp(name, c->cx->word, c->cx->word_len) == 0)
		names_add(c->out, name, n);
	return 0;
}

static int store_names(bdb_store *store, const context *cx, names *out)
{
	bdb_reader *rd;
	int rc = bdb_reader_begin(store, &rd);
	if (rc)
		return rc;
	collector c = {cx, out, 0, cx->keys_only};
	if (strcmp(cx->value_of, "r:") == 0 || strcmp(cx->value_of, "c:") == 0) {
		/* The runs' ids or commits, newest first (sorted later). */
		bool ids = cx->value_of[0] == 'r';
		bdb_run_info *runs = NULL;
		size_t n = 0;
		if ((rc = bdb_reader_list_runs(rd, NULL, 0, &runs, &n)) == 0)
			for (size_t i = 0; i < n; i++) {
				const char *name = ids ? runs[i].id : runs[i].commit;
				if (name && *name)
					collect(&c, name, strlen(name));
			}
		free(runs);
	} else if (cx->value_of[0]) {
		c.skip = strlen(cx->value_of);
		rc = bdb_reader_terms(rd, cx->value_of, collect, &c);
	} else {
		static const char *const prefixes[] = {"m:", "p:", "t:"};
		for (size_t i = 0; !rc && i < 3; i++) {
			c.skip = 2;
			c.key_only = i == 2;
			rc = bdb_reader_terms(rd, prefixes[i], collect, &c);
		}
		bdb_baseline_info *b = NULL;
		size_t n = 0;
		if (!rc && (rc = bdb_reader_list_baselines(rd, &b, &n)) == 0)
			for (size_t i = 0; i < n; i++)
				collect(&(collector){cx, out, 0, false}, b[i].name,
					strlen(b[i].name));
		free(b);
	}
	bdb_reader_end(rd);
	return rc;
}

/* Reads the context of the word that ends at cursor. */
static size_t find_word(const char *text, size_t cursor, context *cx)
{
	memset(cx, 0, sizeof *cx);
	bdb__lexer lx;
	bdb__lexer_init(&lx, text, cursor);
	bdb__token t, prev[2] = {{BDB__TOK_EOF, 0, 0}, {BDB__TOK_EOF, 0, 0}};
	size_t start = cursor;
	for (;;) {
		bdb__lexer_next(&lx, &t);
		if (t.kind == BDB__TOK_EOF)
			break;
		if (t.kind == BDB__TOK_ERROR && lx.error == bdb__unterminated_at_end) {
			cx->quoted = true;
			start = t.start;
			break;
		}
		if (t.end == cursor && (t.kind == BDB__TOK_IDENT || t.kind == BDB__TOK_WORD)) {
			start = t.start;
			break;
		}
		prev[0] = prev[1];
		prev[1] = t;
	}
	cx->word = text + start + (cx->quoted ? 1 : 0);
	cx->word_len = cursor - start - (cx->quoted ? 1 : 0);
	/* "KEY =" before the word: offer that key's values. */
	bool op = prev[1].kind == BDB__TOK_EQ || prev[1].kind == BDB__TOK_NE ||
		  prev[1].kind == BDB__TOK_TILDE;
	if (op && (prev[0].kind == BDB__TOK_IDENT || prev[0].kind == BDB__TOK_STRING)) {
		bdb_arena a;
		bdb_arena_init(&a, 0);
		const char *key =
		    prev[0].kind == BDB__TOK_STRING
			? bdb__string_value(&a, text, &prev[0])
			: bdb_arena_strndup(&a, text + prev[0].start, prev[0].end - prev[0].start);
		if (key && prev[0].kind == BDB__TOK_IDENT && strcasecmp(key, "point") == 0)
			strcpy(cx->value_of, "p:");
		else if (key && prev[0].kind == BDB__TOK_IDENT && strcasecmp(key, "metric") == 0)
			strcpy(cx->value_of, "m:");
		else if (key && strlen(key) + 4 < sizeof cx->value_of)
			strcat(strcat(strcpy(cx->value_of, "t:"), key), "=");
		bdb_arena_free(&a);
	}
	/* The keyword before the word says what kind of name comes next: a
	 * statement's (its table's `completes`) or a clause's. */
	static const struct {
		const char *keyword, *terms;
	} follow[] = {
	    {"metric", "m:"}, {"of", "p:"},  {"where", "t:"}, {"and", "t:"},
	    {"or", "t:"},     {"not", "t:"}, {"run", "r:"},   {"commit", "c:"},
	};
	size_t n = prev[1].end - prev[1].start;
	const char *word = text + prev[1].start;
	for (size_t i = 0; !op && prev[1].kind == BDB__TOK_IDENT &&
			   i < bdb__n_statements + sizeof follow / sizeof *follow;
	     i++) {
		const char *keyword, *terms;
		if (i < bdb__n_statements) {
			keyword = bdb__statements[i].word;
			terms = bdb__statements[i].completes;
			if (!terms)
				continue;
		} else {
			keyword = follow[i - bdb__n_statements].keyword;
			terms = follow[i - bdb__n_statements].terms;
		}
		/* An open string is any name but after `run` and `commit`: an
		 * id with "-" in it (nightly-01999) is typed quoted. */
		if (cx->quoted && terms[0] != 'r' && terms[0] != 'c')
			continue;
		if (strlen(keyword) == n && strncasecmp(word, keyword, n) == 0) {
			strcpy(cx->value_of, terms);
			cx->keys_only = terms[0] == 't';
		}
	}
	/* The statement's first word, alone before the word: its second words
	 * ("show " offers runs, points, ...; "drop " baseline, annotation). */
	bool first = prev[0].kind == BDB__TOK_EOF || prev[0].kind == BDB__TOK_SEMI;
	for (size_t i = 0; first && !op && !cx->quoted && prev[1].kind == BDB__TOK_IDENT &&
			   i < bdb__n_statements;
	     i++)
		if (bdb__statements[i].word2 && strlen(bdb__statements[i].word) == n &&
		    strncasecmp(word, bdb__statements[i].word, n) == 0)
			cx->head = bdb__statements[i].word;
	return start;
}

/* The second words of the statements that start with cx->head, in table
 * order, each once. */
static int offer_second_words(const context *cx, bdb_candidate_fn fn, void *ctx)
{
	for (size_t i = 0; i < bdb__n_statements; i++) {
		const bdb__statement *s = &bdb__statements[i];
		if (!s->word2 || strcmp(s->word, cx->head) != 0 ||
		    strncasecmp(s->word2, cx->word, cx->word_len) != 0)
			continue;
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = bdb__statements[j].word2 &&
			       strcmp(bdb__statements[j].word, cx->head) == 0 &&
			       strcmp(bdb__statements[j].word2, s->word2) == 0;
		if (!seen && fn(ctx, s->word2) != 0)
			return 0;
	}
	return 0;
}

/* The fields a filter takes besides tag keys (after "where", "and", ...). */
static const char *const filter_fields[] = {"point",  "scenario", "metric",
					    "branch", "commit",	  NULL};

/* A name as it must be typed: quoted unless it is a plain identifier (and
 * always inside an open string, whose quote the candidate replaces). */
static int offer_name(bdb_candidate_fn fn, void *ctx, const char *name, bool quote, bdb_buf *b)
{
	if (!quote && bdb__is_plain_ident(name) && !bdb__is_keyword(name))
		return fn(ctx, name);
	bdb_buf_reset(b);
	bdb__put_name(b, name, true);
	return b->failed ? BDB_ENOMEM : fn(ctx, bdb_buf_cstr(b));
}

int bdb_query_complete(bdb_store *store, const char *text, size_t cursor, size_t *word_start,
		       bdb_candidate_fn fn, void *ctx)
{
	size_t len = strlen(text);
	if (cursor > len)
		cursor = len;
	context cx;
	size_t start = find_word(text, cursor, &cx);
	if (word_start)
		*word_start = start;
	int rc = 0;
	if (cx.head)
		return offer_second_words(&cx, fn, ctx);
	if (!cx.quoted && (!cx.value_of[0] || cx.keys_only)) {
		const char *const *list = cx.keys_only ? filter_fields : bdb_query_keywords();
		for (const char *const *k = list; *k; k++)
			if (strncasecmp(*k, cx.word, cx.word_len) == 0 && fn(ctx, *k) != 0)
				return 0; /* the caller has enough */
	}
	if (!store)
		return 0;
	names found = {NULL, 0, 0, false};
	rc = store_names(store, &cx, &found);
	if (!rc && found.failed)
		rc = BDB_ENOMEM;
	if (!rc && found.n > 1)
		qsort(found.v, found.n, sizeof *found.v, cmp_str);
	bdb_buf b;
	bdb_buf_init(&b);
	for (size_t i = 0; !rc && i < found.n; i++) {
		if (i > 0 && strcmp(found.v[i], found.v[i - 1]) == 0)
			continue;
		rc = offer_name(fn, ctx, found.v[i], cx.quoted, &b);
		if (rc > 0) {
			rc = 0; /* the caller has enough */
			break;
		}
	}
	bdb_buf_free(&b);
	names_free(&found);
	return rc;
}
