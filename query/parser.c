/*
 * parser.c - recursive descent from tokens to the AST (ast.h).
 *
 * The grammar is docs/query-language.md's EBNF, one function per rule.
 * Optional clauses after a statement's head may come in any order, each at
 * most once; which clauses a statement takes is one table (clauses_of).
 * The first error stops the parse: it names what was expected, what was
 * found, and the nearest keyword when the found word is a near miss.
 */
#include "ast.h"
#include "engine.h" /* annotation kinds and limits */
#include "stats.h" /* BDB_CHANGES_MIN_WINDOW */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The message of a too-small changes window says 4. */
_Static_assert(BDB_CHANGES_MIN_WINDOW == 4, "the window message says 4");

typedef struct parser {
	bdb__lexer lx;
	const char *text;
	size_t len;
	bdb__token tok;	   /* the current token */
	uint32_t last_end; /* end of the last consumed token */
	uint32_t last_start;
	bdb__tok_kind last_kind;
	bdb_arena *arena;
	bdb_diag *d;
	int err;	    /* first error, 0 while all is well */
	bool incomplete;    /* the first error is "more input was expected" */
	bool after_newline; /* the statement being parsed follows a newline */
	int nesting;	    /* open parentheses and "not"s around the condition */
} parser;

static void advance(parser *p)
{
	p->last_end = p->tok.end;
	p->last_start = p->tok.start;
	p->last_kind = p->tok.kind;
	bdb__lexer_next(&p->lx, &p->tok);
}

static size_t tok_len(const bdb__token *t)
{
	return t->end - t->start;
}

/*
 * Where the grammar needs another token, a newline does not end the
 * statement: "trend\nthroughput" is one statement (a REPL continues a
 * dangling line). Skipped newlines leave last_end alone so spans stay tight.
 */
static void need(parser *p)
{
	while (p->tok.kind == BDB__TOK_NEWLINE)
		bdb__lexer_next(&p->lx, &p->tok);
}

static bool tok_is_kw(const parser *p, const bdb__token *t, const char *kw)
{
	size_t n = strlen(kw);
	return t->kind == BDB__TOK_IDENT && tok_len(t) == n &&
	       strncasecmp(p->text + t->start, kw, n) == 0;
}

static bool at_kw(const parser *p, const char *kw)
{
	return tok_is_kw(p, &p->tok, kw);
}

static bool accept_kw(parser *p, const char *kw)
{
	if (!at_kw(p, kw))
		return false;
	advance(p);
	return true;
}

static bool at_end_of_statement(const parser *p)
{
	return p->tok.kind == BDB__TOK_EOF || p->tok.kind == BDB__TOK_NEWLINE ||
	       p->tok.kind == BDB__TOK_SEMI;
}

/* Records an error at [start, end). Only the first error counts. */
static int fail_at(parser *p, uint32_t start, uint32_t end, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail_at(parser *p, uint32_t start, uint32_t end, const char *fmt, ...)
{
	if (p->err)
		return p->err;
	char msg[320];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->err = bdb__query_error(p->d, p->text, p->len, start, end, "%s", msg);
	return p->err;
}

static int fail_oom(parser *p)
{
	if (!p->err)
		p->err = bdb_diag_set(p->d, BDB_ENOMEM, NULL, 0, 0, "out of memory");
	return p->err;
}

/*
 * What the character no token starts with may be meant for, in hint (else
 * ""): a name that needs quotes written bare (CV-1/small, café), when it is
 * glued to a name before it or is not ASCII, "; a name or value with "-" in
 * it is quoted: "CV-1/small""; another language's comment (# x, // x or
 * C's), "; a comment starts with -- ...".
 */
static void quote_hint(const parser *p, const bdb__token *t, char *hint, size_t size)
{
	const char *s = p->text;
	bool glued = p->last_kind == BDB__TOK_IDENT && p->last_end == t->start;
	hint[0] = '\0';
	if (!glued && (s[t->start] == '#' || (s[t->start] == '/' && t->start + 1 < p->len &&
					      strchr("*/", s[t->start + 1])))) {
		snprintf(hint, size, "; a comment starts with -- and runs to the end of the line");
		return;
	}
	if (!glued && (unsigned char)s[t->start] < 0x80)
		return;
	uint32_t from = glued ? p->last_start : t->start, to = t->end;
	while (to < p->len && s[to] && !strchr(" \t\r\n;,()=~!\"'\\", s[to]))
		to++;
	if (to - from <= 48)
		snprintf(hint, size, "; a name or value with \"%.*s\" in it is quoted: \"%.*s\"",
			 (int)tok_len(t), s + t->start, (int)(to - from), s + from);
}

/*
 * "expected WHAT, found TOKEN" at the current token, with the nearest of
 * candidates (NULL-terminated, may be NULL) when the token is a near-miss
 * word. A lexer error token reports the lexer's own sentence instead.
 */
static int fail_expected(parser *p, const char *what, const char *const *candidates)
{
	const bdb__token *t = &p->tok;
	if (t->kind == BDB__TOK_EOF) {
		/* Point just after the last token, not at trailing blanks. */
		if (!p->err)
			p->incomplete = true;
		return fail_at(p, p->last_end, p->last_end, "expected %s, found end of input",
			       what);
	}
	if (t->kind == BDB__TOK_ERROR) {
		if (p->lx.error == bdb__unterminated_at_end && !p->err)
			p->incomplete = true;
		if (p->lx.error)
			return fail_at(p, t->start, t->end, "%s", p->lx.error);
		char quote[128];
		quote_hint(p, t, quote, sizeof quote);
		return fail_at(p, t->start, t->end, "unexpected character \"%.*s\": expected %s%s",
			       (int)tok_len(t), p->text + t->start, what, quote);
	}
	char found[64], hint[160] = "";
	bdb__token_describe(p->text, t, found, sizeof found);
	if (candidates && (t->kind == BDB__TOK_IDENT || t->kind == BDB__TOK_STRING)) {
		char word[128];
		size_t off = t->kind == BDB__TOK_STRING ? 1 : 0;
		size_t n = tok_len(t) - 2 * off;
		if (n < sizeof word) {
			memcpy(word, p->text + t->start + off, n);
			word[n] = '\0';
			bdb__suggest s;
			bdb__suggest_init(&s, word);
			for (const char *const *c = candidates; *c; c++)
				bdb__suggest_offer(&s, *c, strlen(*c));
			bdb__suggest_hint(&s, hint, sizeof hint);
		}
	}
	return fail_at(p, t->start, t->end, "expected %s, found %s%s", what, found, hint);
}

static int expect_kw(parser *p, const char *kw)
{
	need(p);
	if (accept_kw(p, kw))
		return 0;
	char what[48];
	snprintf(what, sizeof what, "\"%s\"", kw);
	const char *const cands[] = {kw, NULL};
	return fail_expected(p, what, cands);
}

/* Sorts candidate words (suggestions break ties by order). */
static int by_word(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "expected WHAT (a, b, c), found ...", with a suggestion among the n
 * names (a table's; NULL-terminated, sorted here). */
static int fail_expected_one_of(parser *p, const char *what, const char **names, size_t n)
{
	bdb_buf text;
	bdb_buf_init(&text);
	bdb_buf_printf(&text, "%s (", what);
	for (size_t i = 0; i < n; i++)
		bdb_buf_printf(&text, "%s%s", i ? ", " : "", names[i]);
	bdb_buf_putc(&text, ')');
	qsort(names, n, sizeof *names, by_word);
	fail_expected(p, bdb_buf_cstr(&text), names);
	bdb_buf_free(&text);
	return p->err;
}

/* ------------------------------------------------------------------------ */
/* Names, numbers, times                                                     */
/* ------------------------------------------------------------------------ */

static bool is_keyword(const parser *p, const bdb__token *t)
{
	for (const char *const *k = bdb_query_keywords(); *k; k++)
		if (tok_is_kw(p, t, *k))
			return true;
	return false;
}

/* parse_name's flags. */
enum {
	NAME_WORD = 1u << 0,	   /* also a word starting with a digit (ids, "2026") */
	NAME_NO_KEYWORD = 1u << 1, /* a bare keyword is not a name: quote it */
	NAME_EMPTY = 1u << 2	   /* "" too (a tag's value may be empty) */
};

/*
 * A name: an identifier or a quoted string (not empty unless NAME_EMPTY); see the flags
 * above. Where a metric, point, tag key or baseline name is expected a bare
 * keyword is refused, so that "trend where ..." says a metric is missing
 * instead of trending a metric called "where".
 */
static int parse_name(parser *p, const char *what, unsigned flags, const char **out,
		      bdb__span *span)
{
	need(p);
	const bdb__token *t = &p->tok;
	char *s = NULL;
	if ((flags & NAME_NO_KEYWORD) && is_keyword(p, t))
		return fail_at(p, t->start, t->end,
			       "expected %s, found keyword \"%.*s\" (quote a name that is a "
			       "keyword: \"%.*s\")",
			       what, (int)tok_len(t), p->text + t->start, (int)tok_len(t),
			       p->text + t->start);
	if (t->kind == BDB__TOK_STRING)
		s = bdb__string_value(p->arena, p->text, t);
	else if (t->kind == BDB__TOK_IDENT || ((flags & NAME_WORD) && t->kind == BDB__TOK_WORD))
		s = bdb_arena_strndup(p->arena, p->text + t->start, tok_len(t));
	else
		return fail_expected(p, what, NULL);
	if (!s)
		return fail_oom(p);
	if (t->kind == BDB__TOK_STRING && !*s && !(flags & NAME_EMPTY))
		return fail_at(p, t->start, t->end, "expected %s, found an empty string", what);
	*out = s;
	span->start = t->start;
	span->end = t->end;
	advance(p);
	return 0;
}

/* A whole number in [min, max]; what says what was expected. */
static int parse_whole(parser *p, const char *what, uint64_t min, uint64_t max, uint64_t *out)
{
	need(p);
	const bdb__token *t = &p->tok;
	if (t->kind != BDB__TOK_WORD)
		return fail_expected(p, what, NULL);
	uint64_t v = 0;
	for (uint32_t i = t->start; i < t->end; i++) {
		char c = p->text[i];
		if (c < '0' || c > '9' || v > (UINT64_MAX - 9) / 10)
			return fail_expected(p, what, NULL);
		v = v * 10 + (uint64_t)(c - '0');
	}
	if (v < min || v > max)
		return fail_at(p, t->start, t->end, "expected %s, found \"%.*s\"", what,
			       (int)tok_len(t), p->text + t->start);
	*out = v;
	advance(p);
	return 0;
}

static int parse_count(parser *p, const char *what, uint64_t *out)
{
	return parse_whole(p, what, 1, UINT64_MAX, out);
}

/*
 * Whether a word is a decimal number: digits, an optional fraction and an
 * optional exponent (5, 0.05, 2.5e-3). strtod alone also reads C's
 * hexadecimal ("0x10" was a 16% threshold).
 */
static bool is_decimal(const char *s)
{
	size_t i = strspn(s, "0123456789");
	if (s[i] == '.')
		i += 1 + strspn(s + i + 1, "0123456789");
	if (s[i] == 'e' || s[i] == 'E') {
		i++;
		if (s[i] == '+' || s[i] == '-')
			i++;
		size_t digits = strspn(s + i, "0123456789");
		if (digits == 0)
			return false;
		i += digits;
	}
	return s[i] == '\0';
}

static int parse_number(parser *p, const char *what, double *out, bdb__span *span)
{
	need(p);
	const bdb__token *t = &p->tok;
	if (t->kind != BDB__TOK_WORD || tok_len(t) >= 64)
		return fail_expected(p, what, NULL);
	char buf[64];
	memcpy(buf, p->text + t->start, tok_len(t));
	buf[tok_len(t)] = '\0';
	char *end;
	errno = 0;
	double v = strtod(buf, &end);
	/* A decimal beyond a double (1e400, 1e-400) is a number out of range:
	 * strtod's inf or 0 goes to the caller's range check, which says so. */
	if (*end || (errno && errno != ERANGE) || !is_decimal(buf))
		return fail_expected(p, what, NULL);
	*out = v;
	if (span) {
		span->start = t->start;
		span->end = t->end;
	}
	advance(p);
	return 0;
}

/* Whether a time text is a bare date ("2026-01-31"): it then means a day. */
static bool is_date_only(const char *s)
{
	return strlen(s) == 10 && s[4] == '-' && s[7] == '-';
}

#define DAY_US INT64_C(86400000000)

/* Fails at t when s, its text, is written as a time but names none
 * (2023-02-29), saying why; false (no error) otherwise. */
static bool fail_no_such_time(parser *p, const bdb__token *t, const char *s)
{
	char why[80];
	if (!bdb_time_impossible(s, why, sizeof why))
		return false;
	fail_at(p, t->start, t->end, "no such time: %s: %s", s, why);
	return true;
}

/*
 * TIME: an absolute date/time (bare or quoted) or a relative "30d". With
 * end_of_day, a bare date means the last microsecond of that day (for
 * `until` and run references: "at or before 2026-01-31" includes the 31st).
 */
static int parse_time(parser *p, bool end_of_day, bdb__time_spec *out)
{
	need(p);
	const bdb__token *t = &p->tok;
	const char *what = "a time (2026-01-31, 2026-01-31T12:00:00Z, or back from now: 6h, 30d, "
			   "12w, 1y)";
	char *s;
	if (t->kind == BDB__TOK_STRING)
		s = bdb__string_value(p->arena, p->text, t);
	else if (t->kind == BDB__TOK_WORD)
		s = bdb_arena_strndup(p->arena, p->text + t->start, tok_len(t));
	else
		return fail_expected(p, what, NULL);
	if (!s)
		return fail_oom(p);
	out->span.start = t->start;
	out->span.end = t->end;
	int rc = bdb_duration_parse(s, strlen(s), &out->us);
	if (rc == 0) {
		out->relative = true;
	} else if (rc == BDB_ETOOBIG) {
		return fail_at(p, t->start, t->end,
			       "a relative time counts back at most %lld weeks (%lldd, %lldy): "
			       "\"%.*s\" is longer",
			       (long long)(BDB_DURATION_MAX / (7 * DAY_US)),
			       (long long)(BDB_DURATION_MAX / DAY_US),
			       (long long)(BDB_DURATION_MAX / (365 * DAY_US)), (int)tok_len(t),
			       p->text + t->start);
	} else if (bdb_time_parse(s, &out->us) == 0) {
		out->relative = false;
		if (end_of_day && is_date_only(s))
			out->us += DAY_US - 1;
	} else {
		return fail_no_such_time(p, t, s) ? p->err : fail_expected(p, what, NULL);
	}
	advance(p);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Run references                                                            */
/* ------------------------------------------------------------------------ */

static const char *const run_words[] = {"baseline", "commit", "latest", "run", NULL};
#define RUN_WHAT                                                                                   \
	"a run (latest, latest~N, baseline [NAME], run \"ID\", commit \"SHA\" or a quoted date)"

/* Whether the current token can be a baseline's bare name (not a keyword). */
static bool at_plain_name(const parser *p)
{
	if (p->tok.kind == BDB__TOK_STRING)
		return true;
	if (p->tok.kind != BDB__TOK_IDENT)
		return false;
	for (const char *const *k = bdb_query_keywords(); *k; k++)
		if (at_kw(p, *k))
			return false;
	return true;
}

static bool at_run_start(const parser *p)
{
	for (const char *const *w = run_words; *w; w++)
		if (at_kw(p, *w))
			return true;
	return p->tok.kind == BDB__TOK_STRING || p->tok.kind == BDB__TOK_WORD;
}

static int parse_run(parser *p, bdb__run_ref *ref)
{
	need(p);
	memset(ref, 0, sizeof *ref);
	ref->span.start = p->tok.start;
	if (accept_kw(p, "latest")) {
		ref->kind = BDB__RUN_LATEST;
		ref->name_span.start = ref->span.start;
		ref->name_span.end = p->last_end;
		if (p->tok.kind == BDB__TOK_TILDE) {
			advance(p);
			uint64_t back;
			if (parse_count(p, "a number of runs back after \"latest~\"", &back))
				return p->err;
			if (back > UINT32_MAX)
				return fail_at(p, p->last_end - 1, p->last_end,
					       "too many runs back");
			ref->back = (uint32_t)back;
			ref->name_span.end = p->last_end;
		}
		/* `on branch NAME`: "on" is not a keyword, so that it stays a
		 * plain name everywhere else. */
		if (accept_kw(p, "on")) {
			bdb__span span;
			if (!accept_kw(p, "branch"))
				return fail_expected(p, "\"branch\" after \"on\"", NULL);
			if (parse_name(p, "a branch name", NAME_WORD, &ref->branch, &span))
				return p->err;
			ref->name_span.end = p->last_end;
		}
	} else if (accept_kw(p, "baseline")) {
		ref->kind = BDB__RUN_BASELINE;
		ref->name = "main";
		ref->name_span.start = ref->span.start;
		ref->name_span.end = p->last_end;
		if (at_plain_name(p) &&
		    parse_name(p, "a baseline name", 0, &ref->name, &ref->name_span))
			return p->err;
	} else if (accept_kw(p, "run")) {
		ref->kind = BDB__RUN_ID;
		if (parse_name(p, "a run id after \"run\"", NAME_WORD | NAME_NO_KEYWORD, &ref->name,
			       &ref->name_span))
			return p->err;
	} else if (accept_kw(p, "commit")) {
		ref->kind = BDB__RUN_COMMIT;
		if (parse_name(p, "a commit (or its prefix) after \"commit\"",
			       NAME_WORD | NAME_NO_KEYWORD, &ref->name, &ref->name_span))
			return p->err;
	} else if (p->tok.kind == BDB__TOK_STRING || p->tok.kind == BDB__TOK_WORD) {
		const bdb__token t = p->tok;
		char *s = t.kind == BDB__TOK_STRING
			      ? bdb__string_value(p->arena, p->text, &t)
			      : bdb_arena_strndup(p->arena, p->text + t.start, tok_len(&t));
		if (!s)
			return fail_oom(p);
		ref->kind = BDB__RUN_TIME;
		ref->name = s;
		ref->name_span.start = t.start;
		ref->name_span.end = t.end;
		if (bdb_time_parse(s, &ref->time_us) != 0) {
			if (fail_no_such_time(p, &t, s))
				return p->err;
			if (t.kind == BDB__TOK_STRING) {
				/* `string "..."`, escaped for a one-line message; the
				 * suggestion repeats the literal after "run". */
				char found[256];
				bdb__token_describe(p->text, &t, found, sizeof found);
				return fail_at(p, t.start, t.end,
					       "expected %s, found %s; did you mean run %s?",
					       RUN_WHAT, found, found + strlen("string "));
			}
			return fail_expected(p, RUN_WHAT, NULL);
		}
		if (is_date_only(s))
			ref->time_us += DAY_US - 1;
		advance(p);
	} else {
		return fail_expected(p, RUN_WHAT, run_words);
	}
	ref->span.end = p->last_end;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Where expressions                                                         */
/* ------------------------------------------------------------------------ */

static int parse_or(parser *p, bdb__expr **out);
static int parse_unary(parser *p, bdb__expr **out);

static bdb__expr *new_expr(parser *p, bdb__expr_kind kind, uint32_t start)
{
	bdb__expr *e = bdb_arena_calloc(p->arena, sizeof *e);
	if (!e) {
		fail_oom(p);
		return NULL;
	}
	e->kind = kind;
	e->span.start = start;
	return e;
}

static bdb__field field_of(const char *key)
{
	static const struct {
		const char *name;
		bdb__field field;
	} fields[] = {
	    {"point", BDB__FIELD_POINT},   {"scenario", BDB__FIELD_SCENARIO},
	    {"metric", BDB__FIELD_METRIC}, {"branch", BDB__FIELD_BRANCH},
	    {"commit", BDB__FIELD_COMMIT},
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strcasecmp(key, fields[i].name) == 0)
			return fields[i].field;
	return BDB__FIELD_TAG;
}

static int parse_value(parser *p, const char **out, bdb__span *span)
{
	return parse_name(p, "a value (a name, a number or a quoted string)",
			  NAME_WORD | NAME_EMPTY, out, span);
}

/*
 * Makes room for element n of an arena array of elements of size bytes
 * whose capacity is *cap (n <= *cap): returns the array, moved to an
 * allocation of twice the capacity when it was full, or NULL (an
 * out-of-memory error recorded) when that failed.
 */
static void *grow(parser *p, void *array, size_t n, size_t *cap, size_t size)
{
	if (n < *cap && array)
		return array;
	size_t new_cap = *cap ? 2 * *cap : 4;
	void *bigger = bdb_arena_calloc(p->arena, new_cap * size);
	if (!bigger) {
		fail_oom(p);
		return NULL;
	}
	if (n)
		memcpy(bigger, array, n * size);
	*cap = new_cap;
	return bigger;
}

/* IN's parenthesised list. */
static int parse_value_list(parser *p, bdb__expr *e)
{
	if (p->tok.kind != BDB__TOK_LPAREN)
		return fail_expected(p, "\"(\" to start the list of values", NULL);
	advance(p);
	size_t values_cap = 0, spans_cap = 0;
	for (;;) {
		e->values = grow(p, e->values, e->n_values, &values_cap, sizeof *e->values);
		e->value_spans =
		    grow(p, e->value_spans, e->n_values, &spans_cap, sizeof *e->value_spans);
		if (!e->values || !e->value_spans)
			return p->err;
		if (parse_value(p, &e->values[e->n_values], &e->value_spans[e->n_values]))
			return p->err;
		e->n_values++;
		if (p->tok.kind == BDB__TOK_COMMA) {
			advance(p);
			continue;
		}
		if (p->tok.kind == BDB__TOK_RPAREN) {
			advance(p);
			return 0;
		}
		return fail_expected(p, "\",\" or \")\"", NULL);
	}
}

static int parse_comparison(parser *p, bdb__expr **out)
{
	uint32_t start = p->tok.start;
	const char *key;
	bdb__span key_span;
	need(p);
	bool quoted = p->tok.kind == BDB__TOK_STRING;
	if (p->tok.kind != BDB__TOK_IDENT && p->tok.kind != BDB__TOK_STRING)
		return fail_expected(p, "a tag or field (point, scenario, metric, branch, commit)",
				     NULL);
	if (parse_name(p, "a tag or field", 0, &key, &key_span))
		return p->err;
	bdb__expr *e = new_expr(p, BDB__EXPR_EQ, start);
	if (!e)
		return p->err;
	e->key = key;
	e->key_span = key_span;
	e->field = quoted ? BDB__FIELD_TAG : field_of(key);
	bool negate = false;
	need(p);
	switch (p->tok.kind) {
	case BDB__TOK_EQ:
		e->kind = BDB__EXPR_EQ;
		break;
	case BDB__TOK_NE:
		e->kind = BDB__EXPR_NE;
		break;
	case BDB__TOK_TILDE:
		e->kind = BDB__EXPR_GLOB;
		break;
	default:
		if (at_kw(p, "not")) {
			advance(p);
			negate = true;
			need(p);
			if (!at_kw(p, "in"))
				return fail_expected(p, "\"in\" after \"not\"", NULL);
		}
		if (at_kw(p, "in")) {
			e->kind = BDB__EXPR_IN;
			break;
		}
		{
			static const char *const ops[] = {"in", "not", NULL};
			return fail_expected(p, "\"=\", \"!=\", \"~\", \"in\" or \"not in\"", ops);
		}
	}
	advance(p);
	if (e->kind == BDB__EXPR_IN) {
		if (parse_value_list(p, e))
			return p->err;
	} else {
		e->values = bdb_arena_calloc(p->arena, sizeof *e->values);
		e->value_spans = bdb_arena_calloc(p->arena, sizeof *e->value_spans);
		if (!e->values || !e->value_spans)
			return fail_oom(p);
		e->n_values = 1;
		if (parse_value(p, &e->values[0], &e->value_spans[0]))
			return p->err;
	}
	e->span.end = p->last_end;
	if (negate) {
		bdb__expr *n = new_expr(p, BDB__EXPR_NOT, start);
		size_t cap = 0;
		if (!n || !(n->operands = grow(p, NULL, 0, &cap, sizeof *n->operands)))
			return p->err;
		n->operands[0] = e;
		n->n_operands = 1;
		n->span.end = e->span.end;
		e = n;
	}
	*out = e;
	return 0;
}

/* "not" UNARY, the "not" being the current token. */
static int parse_not(parser *p, bdb__expr **out)
{
	bdb__expr *e = new_expr(p, BDB__EXPR_NOT, p->tok.start);
	size_t cap = 0;
	if (!e || !(e->operands = grow(p, NULL, 0, &cap, sizeof *e->operands)))
		return p->err;
	advance(p);
	e->n_operands = 1;
	if (parse_unary(p, &e->operands[0]))
		return p->err;
	e->span.end = p->last_end;
	*out = e;
	return 0;
}

/* "(" OR ")", the "(" being the current token. */
static int parse_group(parser *p, bdb__expr **out)
{
	bdb__token open = p->tok;
	advance(p);
	if (parse_or(p, out))
		return p->err;
	if (p->tok.kind != BDB__TOK_RPAREN) {
		if (p->tok.kind == BDB__TOK_EOF) {
			p->incomplete = !p->err;
			return fail_at(p, open.start, open.end,
				       "unclosed \"(\": expected \")\" before the end of input");
		}
		return fail_expected(p, "\")\"", NULL);
	}
	advance(p);
	return 0;
}

/*
 * A comparison, "not" UNARY or "(" OR ")". The last two recurse, at most
 * BDB__MAX_NESTING deep: the stack stays bounded whatever the input.
 */
static int parse_unary(parser *p, bdb__expr **out)
{
	need(p);
	bool negation = at_kw(p, "not");
	if (!negation && p->tok.kind != BDB__TOK_LPAREN)
		return parse_comparison(p, out);
	if (p->nesting == BDB__MAX_NESTING)
		return fail_at(p, p->tok.start, p->tok.end,
			       "nested too deeply: at most %d parentheses and \"not\"s may "
			       "enclose a condition",
			       BDB__MAX_NESTING);
	p->nesting++;
	int rc = negation ? parse_not(p, out) : parse_group(p, out);
	p->nesting--;
	return rc;
}

/*
 * operand (op operand)*: one operand alone, or one node of kind holding
 * them all (a loop, however long the chain).
 */
static int parse_chain(parser *p, const char *op, bdb__expr_kind kind,
		       int (*operand)(parser *, bdb__expr **), bdb__expr **out)
{
	uint32_t start = p->tok.start;
	if (operand(p, out))
		return p->err;
	if (!at_kw(p, op))
		return 0;
	bdb__expr *e = new_expr(p, kind, start);
	size_t cap = 0;
	if (!e || !(e->operands = grow(p, NULL, 0, &cap, sizeof *e->operands)))
		return p->err;
	e->operands[e->n_operands++] = *out;
	while (accept_kw(p, op)) {
		e->operands = grow(p, e->operands, e->n_operands, &cap, sizeof *e->operands);
		if (!e->operands || operand(p, &e->operands[e->n_operands]))
			return p->err;
		e->n_operands++;
	}
	e->span.end = p->last_end;
	*out = e;
	return 0;
}

static int parse_and(parser *p, bdb__expr **out)
{
	return parse_chain(p, "and", BDB__EXPR_AND, parse_unary, out);
}

static int parse_or(parser *p, bdb__expr **out)
{
	return parse_chain(p, "or", BDB__EXPR_OR, parse_and, out);
}

/* ------------------------------------------------------------------------ */
/* Clauses                                                                   */
/* ------------------------------------------------------------------------ */

static const struct clause {
	const char *kw;
	unsigned bit;
} clause_table[] = {
    {"in", BDB__C_IN},	       {"vs", BDB__C_VS},
    {"metric", BDB__C_METRIC}, {"threshold", BDB__C_THRESHOLD},
    {"of", BDB__C_OF},	       {"where", BDB__C_WHERE},
    {"using", BDB__C_USING},   {"last", BDB__C_LAST},
    {"since", BDB__C_SINCE},   {"until", BDB__C_UNTIL},
    {"by", BDB__C_BY},	       {"window", BDB__C_WINDOW},
    {"pvalue", BDB__C_PVALUE}, {"permutations", BDB__C_PERMUTATIONS},
    {"seed", BDB__C_SEED},     {"explain", BDB__C_EXPLAIN},
    {"effect", BDB__C_EFFECT}, {"floor", BDB__C_FLOOR},
    {"kind", BDB__C_KIND},     {"as", BDB__C_AS},
};
#define N_CLAUSES (sizeof clause_table / sizeof clause_table[0])

static unsigned clauses_of(bdb__stmt_kind k)
{
	return bdb__statement_of(k)->clauses;
}

static int parse_metric_name(parser *p, bdb__stmt *s, bool allow_star)
{
	need(p);
	if (p->tok.kind == BDB__TOK_STAR) {
		if (!allow_star)
			return fail_at(p, p->tok.start, p->tok.end,
				       "expected a metric name, found \"*\" (all metrics are only "
				       "allowed in compare and regressions)");
		s->metric = "*";
		s->metric_span.start = p->tok.start;
		s->metric_span.end = p->tok.end;
		advance(p);
		return 0;
	}
	/* `benchdb changes` alone: a new user does not know the names yet. */
	if (p->tok.kind == BDB__TOK_EOF)
		return fail_expected(p, "a metric name ('show metrics' lists them)", NULL);
	return parse_name(p, "a metric name", NAME_WORD | NAME_NO_KEYWORD, &s->metric,
			  &s->metric_span);
}

/* A history model's boundary: a probability in [0.5, 1) for zscore and
 * ttest, a multiplier from 0 to 1e6 for the others. */
static int parse_boundary(parser *p, bdb__stmt *s)
{
	bdb__span sp;
	bool probability = bdb__method_of(s->method)->boundary_probability;
	const char *what = probability ? "a boundary probability from 0.5 to 1 (0.99)"
				       : "a boundary multiplier from 0 to 1000000 (3)";
	if (parse_number(p, what, &s->boundary, &sp))
		return p->err;
	bool ok = probability ? s->boundary >= 0.5 && s->boundary < 1
			      : s->boundary >= 0 && s->boundary <= 1e6;
	if (!ok)
		return fail_at(p, sp.start, sp.end, "expected %s, found \"%.*s\"", what,
			       (int)(sp.end - sp.start), p->text + sp.start);
	s->has_boundary = true;
	return 0;
}

static int parse_method(parser *p, bdb__stmt *s)
{
	need(p);
	s->method_span.start = p->tok.start;
	const bdb__method_info *m = NULL;
	for (size_t i = 0; i < bdb__n_methods && !m; i++)
		if (bdb__methods[i].family != BDB_FAMILY_CHANGES && at_kw(p, bdb__methods[i].keyword))
			m = &bdb__methods[i];
	if (!m) {
		const char *names[32];
		size_t n = 0;
		for (size_t i = 0; i < bdb__n_methods && n + 1 < sizeof names / sizeof *names; i++)
			if (bdb__methods[i].family != BDB_FAMILY_CHANGES)
				names[n++] = bdb__methods[i].keyword;
		names[n] = NULL;
		return fail_expected_one_of(p, "a method", names, n);
	}
	s->method = m->method;
	advance(p);
	if (m->family == BDB_FAMILY_SAMPLES && accept_kw(p, "alpha")) {
		bdb__span sp;
		if (parse_number(p, "a significance level between 0 and 1", &s->alpha, &sp))
			return p->err;
		if (!(s->alpha > 0 && s->alpha < 1))
			return fail_at(
			    p, sp.start, sp.end,
			    "expected a significance level between 0 and 1, found \"%.*s\"",
			    (int)(sp.end - sp.start), p->text + sp.start);
		s->has_alpha = true;
	} else if (m->takes_window) {
		if (accept_kw(p, "window")) {
			if (parse_whole(p, "a window of runs (2 or more)", 2, UINT64_MAX,
					&s->window))
				return p->err;
			s->has_window = true;
		}
		if (accept_kw(p, "boundary") && parse_boundary(p, s))
			return p->err;
	}
	s->method_span.end = p->last_end;
	return 0;
}

/* changes `using METHOD`: a change-point method of the method table. */
static int parse_changes_method(parser *p, bdb__stmt *s)
{
	const char *names[32];
	size_t n = 0;
	need(p);
	s->method_span.start = p->tok.start;
	for (size_t i = 0; i < bdb__n_methods; i++) {
		if (bdb__methods[i].family != BDB_FAMILY_CHANGES)
			continue;
		if (accept_kw(p, bdb__methods[i].keyword)) {
			s->changes_method = bdb__methods[i].method;
			s->method_span.end = p->last_end;
			return 0;
		}
		if (n + 1 < sizeof names / sizeof *names)
			names[n++] = bdb__methods[i].keyword;
	}
	names[n] = NULL;
	return fail_expected_one_of(p, "a change-point method", names, n);
}

/* changes `kind K [, K ...]` with K one of step, excursion, drift. */
static int parse_kinds(parser *p, bdb__stmt *s)
{
	const char *names[8];
	size_t n = 0;
	for (unsigned k = 0; bdb__change_kind_name((bdb__change_kind)k) && n + 1 < 8; k++)
		names[n++] = bdb__change_kind_name((bdb__change_kind)k);
	names[n] = NULL;
	for (;;) {
		need(p);
		unsigned bit = 0;
		for (unsigned i = 0; names[i] && !bit; i++)
			if (accept_kw(p, names[i]))
				bit = 1u << i;
		if (!bit)
			return fail_expected_one_of(p, "a kind of change", names, n);
		s->kinds |= bit;
		if (p->tok.kind != BDB__TOK_COMMA)
			return 0;
		advance(p);
	}
}

static int parse_format(parser *p, bdb__stmt *s)
{
	char word[16] = "";
	need(p);
	if (p->tok.kind == BDB__TOK_IDENT && tok_len(&p->tok) < sizeof word) {
		memcpy(word, p->text + p->tok.start, tok_len(&p->tok));
		word[tok_len(&p->tok)] = '\0';
	}
	if (bdb_output_format_parse(word, BDB_OUTPUT_FOR_QUERY, &s->format) != 0) {
		const char *names[32];
		size_t n = bdb_output_format_names(BDB_OUTPUT_FOR_QUERY, names,
						   sizeof names / sizeof *names);
		return fail_expected_one_of(p, "an output format", names, n);
	}
	if (bdb_output_format_is_picture(s->format) && s->kind != BDB__STMT_TREND &&
	    s->kind != BDB__STMT_CHANGES) {
		bdb_buf list;
		bdb_buf_init(&list);
		bdb_output_format_put_list(&list, BDB_OUTPUT_FOR_MODE);
		int rc = fail_at(p, p->tok.start, p->tok.end,
				 "\"%s\" draws a chart of trend or changes only; %s gives a table: "
				 "expected %s",
				 bdb_output_format_name(s->format), bdb__stmt_name(s->kind),
				 bdb_buf_cstr(&list));
		bdb_buf_free(&list);
		return rc;
	}
	advance(p);
	/* A chart's own words: a log scale, runs in order along the x axis. */
	while (bdb_output_format_is_picture(s->format) && !at_end_of_statement(p)) {
		if (!s->chart_log && accept_kw(p, "log"))
			s->chart_log = true;
		else if (!s->chart_runs && accept_kw(p, "runs"))
			s->chart_runs = true;
		else
			break;
	}
	return 0;
}

static int parse_by(parser *p, bdb__stmt *s)
{
	need(p);
	if (s->kind == BDB__STMT_CHANGES) {
		static const char *const names[] = {"series", NULL};
		s->by_span.start = p->tok.start;
		if (!accept_kw(p, "series"))
			return fail_expected(p, "\"series\" (one row per series and change)", names);
		s->by = "series";
		s->by_span.end = p->last_end;
		return 0;
	}
	if (s->kind == BDB__STMT_REGRESSIONS) {
		static const char *const names[] = {"commit", NULL};
		s->by_span.start = p->tok.start;
		if (!accept_kw(p, "commit"))
			return fail_expected(p, "\"commit\" (one row per commit where regressions began)",
					     names);
		s->by = "commit";
		s->by_span.end = p->last_end;
		return 0;
	}
	if (s->kind == BDB__STMT_TREND) {
		static const char *const names[] = {"day", "week", "month", NULL};
		if (accept_kw(p, "day"))
			s->bucket = BDB__BUCKET_DAY;
		else if (accept_kw(p, "week"))
			s->bucket = BDB__BUCKET_WEEK;
		else if (accept_kw(p, "month"))
			s->bucket = BDB__BUCKET_MONTH;
		else
			return fail_expected(p, "\"day\", \"week\" or \"month\"", names);
		return 0;
	}
	return parse_name(p, "a tag key to group by", NAME_NO_KEYWORD, &s->by, &s->by_span);
}

static int parse_clause(parser *p, bdb__stmt *s, unsigned bit)
{
	switch (bit) {
	case BDB__C_IN:
		s->has_run = true;
		return parse_run(p, &s->run);
	case BDB__C_VS:
		s->has_other = true;
		return parse_run(p, &s->other);
	case BDB__C_METRIC:
		return parse_metric_name(p, s, true);
	case BDB__C_THRESHOLD: {
		if (parse_number(p, "a threshold in percent (5%)", &s->threshold,
				 &s->threshold_span))
			return p->err;
		s->threshold_bare = p->tok.kind != BDB__TOK_PERCENT;
		if (!s->threshold_bare) {
			advance(p);
			s->threshold_span.end = p->last_end;
		}
		if (!(s->threshold >= 0) || s->threshold > BDB_THRESHOLD_MAX_PCT)
			return fail_at(p, s->threshold_span.start, s->threshold_span.end,
				       "expected a threshold from 0%% to %.0f%%",
				       BDB_THRESHOLD_MAX_PCT);
		return 0;
	}
	case BDB__C_OF:
		return parse_name(p, "a point name or glob", NAME_WORD | NAME_NO_KEYWORD, &s->point,
				  &s->point_span);
	case BDB__C_WHERE:
		return parse_or(p, &s->where);
	case BDB__C_USING:
		if (s->kind == BDB__STMT_CHANGES)
			return parse_changes_method(p, s);
		return parse_method(p, s);
	case BDB__C_EFFECT: {
		bdb__span sp;
		if (parse_number(p, "a multiple of the noise, 0 or more (2)", &s->effect, &sp))
			return p->err;
		if (!(s->effect >= 0) || s->effect > 1e6)
			return fail_at(p, sp.start, sp.end,
				       "expected a multiple of the noise from 0 to 1000000, found "
				       "\"%.*s\"",
				       (int)(sp.end - sp.start), p->text + sp.start);
		return 0;
	}
	case BDB__C_FLOOR: {
		bdb__span sp;
		if (parse_number(p, "a floor in percent (2%)", &s->floor_pct, &sp))
			return p->err;
		if (p->tok.kind == BDB__TOK_PERCENT) {
			advance(p);
			sp.end = p->last_end;
		}
		if (!(s->floor_pct >= 0) || s->floor_pct > 1e6)
			return fail_at(p, sp.start, sp.end,
				       "expected a floor from 0%% to 1000000%%, found \"%.*s\"",
				       (int)(sp.end - sp.start), p->text + sp.start);
		return 0;
	}
	case BDB__C_KIND:
		return parse_kinds(p, s);
	case BDB__C_LAST:
		return parse_count(p, "a number of runs (a positive whole number)", &s->last_n);
	case BDB__C_SINCE:
		return parse_time(p, false, &s->since);
	case BDB__C_UNTIL:
		return parse_time(p, true, &s->until);
	case BDB__C_BY:
		return parse_by(p, s);
	case BDB__C_WINDOW:
		/* The windowed method splits a window in two, each side with
		 * BDB_CHANGES_MIN_SIDE values. */
		if (parse_whole(p, "a window of runs (4 or more: two each side of a change)",
				BDB_CHANGES_MIN_WINDOW, UINT64_MAX, &s->window))
			return p->err;
		s->has_window = true;
		return 0;
	case BDB__C_PVALUE: {
		bdb__span sp;
		if (parse_number(p, "a p-value between 0 and 1", &s->pvalue, &sp))
			return p->err;
		if (!(s->pvalue > 0 && s->pvalue < 1))
			return fail_at(p, sp.start, sp.end,
				       "expected a p-value between 0 and 1, found \"%.*s\"",
				       (int)(sp.end - sp.start), p->text + sp.start);
		return 0;
	}
	case BDB__C_PERMUTATIONS:
		return parse_whole(p, "a number of permutations from 1 to 100000", 1, 100000,
				   &s->permutations);
	case BDB__C_SEED:
		return parse_whole(p, "a seed (a whole number below 2^63)", 0, INT64_MAX, &s->seed);
	case BDB__C_EXPLAIN:
		return 0;
	case BDB__C_AS:
		return parse_format(p, s);
	}
	return 0;
}

/* What is wrong with a changes statement's method clauses, or NULL. */
static const char *changes_conflict(const bdb__stmt *s)
{
	bool tuning = s->clauses & (BDB__C_EFFECT | BDB__C_FLOOR);
	bool permuting = s->clauses & (BDB__C_PERMUTATIONS | BDB__C_SEED);
	/* The windowed method's floor is Otava's minimum magnitude. */
	if ((s->clauses & BDB__C_WINDOW) &&
	    ((s->clauses & BDB__C_EFFECT) || permuting || (s->clauses & BDB__C_USING)))
		return "\"window N\" selects the windowed method, which takes no \"using\", "
		       "\"effect\", \"permutations\" or \"seed\" (it runs no permutations; its "
		       "\"floor P%\" is the smallest change it keeps)";
	if (tuning && (s->clauses & BDB__C_USING) && s->changes_method == BDB_METHOD_EDIVISIVE)
		return "\"effect\" and \"floor\" belong to the robust method, not edivisive";
	return NULL;
}

/* The clauses after a statement's head, in any order, each at most once. */
static int parse_clauses(parser *p, bdb__stmt *s)
{
	unsigned allowed = clauses_of(s->kind);
	uint32_t first_pos[N_CLAUSES] = {0};
	while (!at_end_of_statement(p)) {
		size_t i;
		for (i = 0; i < N_CLAUSES; i++)
			if ((allowed & clause_table[i].bit) && at_kw(p, clause_table[i].kw))
				break;
		if (i == N_CLAUSES) {
			const char *cands[N_CLAUSES + 1];
			char what[256];
			size_t n = 0, w = 0;
			w += (size_t)snprintf(what, sizeof what, "%s", "");
			for (size_t j = 0; j < N_CLAUSES; j++) {
				if (!(allowed & clause_table[j].bit) ||
				    (s->clauses & clause_table[j].bit))
					continue;
				cands[n++] = clause_table[j].kw;
				if (w < sizeof what)
					w += (size_t)snprintf(what + w, sizeof what - w, "%s\"%s\"",
							      w ? ", " : "", clause_table[j].kw);
			}
			cands[n] = NULL;
			char full[300];
			snprintf(full, sizeof full, "%s%send of statement", what, n ? " or " : "");
			return fail_expected(p, full, cands);
		}
		const struct clause *c = &clause_table[i];
		if (s->clauses & c->bit)
			return fail_at(p, p->tok.start, p->tok.end,
				       "duplicate \"%s\" clause: it was already given at column %u",
				       c->kw, (unsigned)(first_pos[i] + 1));
		first_pos[i] = p->tok.start;
		advance(p);
		if (parse_clause(p, s, c->bit))
			return p->err;
		s->clauses |= c->bit;
		if ((c->bit == BDB__C_LAST && (s->clauses & (BDB__C_SINCE | BDB__C_UNTIL))) ||
		    ((c->bit == BDB__C_SINCE || c->bit == BDB__C_UNTIL) &&
		     (s->clauses & BDB__C_LAST)))
			return fail_at(p, first_pos[i], p->last_end,
				       "\"last N\" and \"since\"/\"until\" cannot be combined: "
				       "expected one of them");
		if (s->kind == BDB__STMT_CHANGES && changes_conflict(s))
			return fail_at(p, first_pos[i], p->last_end, "%s", changes_conflict(s));
	}
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Statements                                                                */
/* ------------------------------------------------------------------------ */

/* The second keyword of a `show` statement that the current token is
 * ("runs" for `runs`, which a user coming from other tools writes alone),
 * or NULL. */
static const char *show_object(const parser *p)
{
	for (size_t i = 0; i < bdb__n_statements; i++) {
		const bdb__statement *st = &bdb__statements[i];
		if (strcmp(st->word, "show") == 0 && st->word2 && at_kw(p, st->word2))
			return st->word2;
	}
	return NULL;
}

/* The statement whose keywords start the text, or a caret error listing
 * what may come there: its second keywords after a first one, or every
 * statement's first keyword. */
static const bdb__statement *parse_keywords(parser *p)
{
	const char *words[64];
	size_t n = 0;
	need(p);
	const char *first = NULL;
	for (size_t i = 0; i < bdb__n_statements && !first; i++)
		if (at_kw(p, bdb__statements[i].word))
			first = bdb__statements[i].word;
	if (!first) {
		/* A clause on a line of its own: the newline before it ended
		 * the statement it belongs to. */
		if (p->after_newline && is_keyword(p, &p->tok)) {
			fail_expected(p,
				      "a statement (a newline ends a statement: keep its clauses "
				      "on its line)",
				      NULL);
			return NULL;
		}
		const char *object = show_object(p);
		if (object) {
			fail_at(p, p->tok.start, p->tok.end,
				"expected a statement, found \"%.*s\"; did you mean \"show %s\"?",
				(int)tok_len(&p->tok), p->text + p->tok.start, object);
			return NULL;
		}
		n = bdb__statement_words(words, sizeof words / sizeof *words);
		fail_expected_one_of(p, "a statement", words, n);
		return NULL;
	}
	advance(p);
	for (size_t i = 0; i < bdb__n_statements; i++) {
		const bdb__statement *st = &bdb__statements[i];
		if (strcmp(st->word, first) != 0)
			continue;
		if (!st->word2)
			return st;
		if (n + 1 < sizeof words / sizeof *words)
			words[n++] = st->word2;
	}
	need(p);
	for (size_t i = 0; i < bdb__n_statements; i++) {
		const bdb__statement *st = &bdb__statements[i];
		if (strcmp(st->word, first) == 0 && accept_kw(p, st->word2))
			return st;
	}
	/* "expected "baseline"", or "expected "runs", ... or "baselines" after "show"". */
	bdb_buf what;
	bdb_buf_init(&what);
	for (size_t i = 0; i < n; i++)
		bdb_buf_printf(&what, "%s\"%s\"", i == 0 ? "" : i + 1 < n ? ", " : " or ", words[i]);
	if (n > 1)
		bdb_buf_printf(&what, " after \"%s\"", first);
	words[n] = NULL;
	fail_expected(p, bdb_buf_cstr(&what), words);
	bdb_buf_free(&what);
	return NULL;
}

/* annotate's "as KIND TEXT", after its commit. */
static int parse_annotation(parser *p, bdb__stmt *s)
{
	if (expect_kw(p, "as"))
		return p->err;
	need(p);
	const char *const *kinds = bdb_annotation_kind_names();
	bdb_annotation_kind kind;
	char word[32];
	size_t n = tok_len(&p->tok);
	if (p->tok.kind != BDB__TOK_IDENT || n >= sizeof word)
		return fail_expected(p, "\"intended\" or \"ignore\"", kinds);
	memcpy(word, p->text + p->tok.start, n);
	word[n] = '\0';
	if (bdb_annotation_kind_parse(word, &kind))
		return fail_expected(p, "\"intended\" or \"ignore\"", kinds);
	s->annotation = (int)kind;
	advance(p);
	bdb__span span;
	if (parse_name(p, "the annotation's text (a quoted string)", NAME_WORD, &s->note, &span))
		return p->err;
	if (strlen(s->note) > BDB_ANNOTATION_TEXT_MAX)
		return fail_at(p, span.start, span.end, "an annotation's text is at most %d bytes",
			       BDB_ANNOTATION_TEXT_MAX);
	/* Only blanks would mark changes "intended: " with nothing to say, as
	 * the empty text (refused above) would. */
	if (s->note[strspn(s->note, " \t\r\n\v\f")] == '\0')
		return fail_at(p, span.start, span.end,
			       "expected the annotation's text, found only blanks");
	return 0;
}

/* The head of a statement after its keywords, by the table's shape. */
static int parse_head(parser *p, bdb__stmt *s)
{
	const bdb__statement *st = parse_keywords(p);
	if (!st)
		return p->err;
	s->kind = st->kind;
	switch (st->head) {
	case BDB__HEAD_NONE:
		return 0;
	case BDB__HEAD_METRIC:
		return parse_metric_name(p, s, false);
	case BDB__HEAD_RUN_OPT:
		if (at_run_start(p)) {
			s->has_run = true;
			return parse_run(p, &s->run);
		}
		return 0;
	case BDB__HEAD_RUN_WITH_RUN:
		s->has_run = s->has_other = true;
		if (parse_run(p, &s->run) || expect_kw(p, "with"))
			return p->err;
		return parse_run(p, &s->other);
	case BDB__HEAD_TAG_KEY_OPT:
		if (at_plain_name(p))
			return parse_name(p, "a tag key", 0, &s->name, &s->name_span);
		return 0;
	case BDB__HEAD_NAME_EQ_RUN:
		s->name = "main";
		need(p);
		if (p->tok.kind != BDB__TOK_EQ &&
		    parse_name(p, "a baseline name or \"=\"", NAME_WORD | NAME_NO_KEYWORD, &s->name,
			       &s->name_span))
			return p->err;
		need(p);
		if (p->tok.kind != BDB__TOK_EQ)
			return fail_expected(p, "\"=\"", NULL);
		advance(p);
		s->has_run = true;
		return parse_run(p, &s->run);
	case BDB__HEAD_NAME:
		return parse_name(p, "a baseline name", NAME_WORD | NAME_NO_KEYWORD, &s->name,
				  &s->name_span);
	case BDB__HEAD_COMMIT_AS:
	case BDB__HEAD_COMMIT:
		if (expect_kw(p, "commit") ||
		    parse_name(p, "a commit", NAME_WORD | NAME_NO_KEYWORD, &s->name, &s->name_span))
			return p->err;
		if (strlen(s->name) > BDB_ANNOTATION_COMMIT_MAX)
			return fail_at(p, s->name_span.start, s->name_span.end,
				       "a commit is at most %d bytes", BDB_ANNOTATION_COMMIT_MAX);
		if (st->head == BDB__HEAD_COMMIT)
			return 0;
		return parse_annotation(p, s);
	}
	return 0;
}

static int parse_statement(parser *p, bdb__stmt *s)
{
	s->span.start = p->tok.start;
	s->alpha = 0.05;
	s->pvalue = 0.05;
	if (parse_head(p, s) || parse_clauses(p, s))
		return p->err;
	s->span.end = p->last_end;
	return 0;
}

static void parser_init(parser *p, const char *text, size_t len, bdb_arena *arena, bdb_diag *d)
{
	memset(p, 0, sizeof *p);
	p->text = text;
	p->len = len;
	p->arena = arena;
	p->d = d;
	bdb__lexer_init(&p->lx, text, len);
	bdb__lexer_next(&p->lx, &p->tok);
}

static bool at_separator(const parser *p)
{
	return p->tok.kind == BDB__TOK_NEWLINE || p->tok.kind == BDB__TOK_SEMI;
}

int bdb__parse(const char *text, size_t len, bdb__program *prog, bdb_diag *d)
{
	memset(prog, 0, sizeof *prog);
	bdb_arena_init(&prog->arena, 0);
	prog->text = text;
	prog->len = len;
	parser p;
	parser_init(&p, text, len, &prog->arena, d);

	size_t cap = 0;
	for (;;) {
		while (at_separator(&p)) {
			p.after_newline = p.tok.kind == BDB__TOK_NEWLINE;
			advance(&p);
		}
		if (p.tok.kind == BDB__TOK_EOF)
			break;
		if (prog->n_stmts == cap) {
			size_t ncap = cap ? 2 * cap : 4;
			bdb__stmt **n = bdb_arena_calloc(&prog->arena, ncap * sizeof *n);
			if (!n)
				return fail_oom(&p);
			if (cap)
				memcpy(n, prog->stmts, cap * sizeof *n);
			prog->stmts = n;
			cap = ncap;
		}
		bdb__stmt *s = bdb_arena_calloc(&prog->arena, sizeof *s);
		if (!s)
			return fail_oom(&p);
		if (parse_statement(&p, s))
			return p.err;
		prog->stmts[prog->n_stmts++] = s;
	}
	return 0;
}

void bdb__program_free(bdb__program *prog)
{
	bdb_arena_free(&prog->arena);
	prog->stmts = NULL;
	prog->n_stmts = 0;
}

int bdb__parse_run_ref(const char *text, bdb_arena *arena, bdb__run_ref *out)
{
	parser p;
	parser_init(&p, text, strlen(text), arena, NULL);
	if (parse_run(&p, out) || p.tok.kind != BDB__TOK_EOF)
		return BDB_EQUERY;
	return 0;
}

int bdb_query_parse(const char *text, bdb_diag *d)
{
	bdb_diag_clear(d);
	bdb__program prog;
	int rc = bdb__parse(text, strlen(text), &prog, d);
	bdb__program_free(&prog);
	return rc;
}

int bdb_query_parse_filter(const char *clause, const char *text, bdb_diag *d)
{
	bdb_diag_clear(d);
	bdb_arena arena;
	bdb_arena_init(&arena, 0);
	parser p;
	parser_init(&p, text, strlen(text), &arena, d);
	bdb__expr *where;
	bdb__time_spec since;
	if (strcmp(clause, "since") == 0)
		parse_time(&p, false, &since);
	else
		parse_or(&p, &where);
	if (!p.err && p.tok.kind != BDB__TOK_EOF)
		fail_expected(&p, strcmp(clause, "since") == 0 ? "the end of the time"
							       : "\"and\", \"or\" or the end of the expression",
			      NULL);
	bdb_arena_free(&arena);
	return p.err;
}

/* Why a statement is incomplete, for the REPL. */
typedef enum incompleteness {
	COMPLETE = 0,
	DANGLING,    /* the statement stops where the grammar needs more */
	UNTERMINATED /* a string or a parenthesis is still open */
} incompleteness;

/*
 * The end of the statement that starts at or after text[from]: the offset
 * of the ';' or newline that ends it, or len. A statement with a syntax
 * error ends at the first separator at or after the error (where a script
 * resumes). *state says whether more input could complete it.
 */
static size_t statement_end(const char *text, size_t len, size_t from, incompleteness *state)
{
	bdb_arena arena;
	bdb_arena_init(&arena, 0);
	parser p;
	parser_init(&p, text + from, len - from, &arena, NULL);
	*state = COMPLETE;
	if (!at_separator(&p) && p.tok.kind != BDB__TOK_EOF) {
		bdb__stmt s;
		memset(&s, 0, sizeof s);
		if (parse_statement(&p, &s)) {
			if (p.incomplete)
				*state = DANGLING;
			/* Resume after the error; a quote or parenthesis left open
			 * at the end still wants more input. */
			while (!at_separator(&p) && p.tok.kind != BDB__TOK_EOF) {
				if (p.tok.kind == BDB__TOK_ERROR &&
				    p.lx.error == bdb__unterminated_at_end)
					*state = UNTERMINATED;
				bdb__lexer_next(&p.lx, &p.tok);
			}
			if (p.tok.kind == BDB__TOK_EOF && p.lx.paren_depth > 0)
				*state = UNTERMINATED;
		}
	}
	bdb_arena_free(&arena);
	return from + p.tok.start;
}

size_t bdb_query_statement_end(const char *text, bool *complete)
{
	incompleteness state;
	size_t end = statement_end(text, strlen(text), 0, &state);
	if (complete)
		*complete = state == COMPLETE;
	return end;
}

bool bdb_query_any_statement(const char *text, bool (*is_word)(const char *word, size_t n))
{
	size_t len = strlen(text), pos = 0;
	incompleteness state;
	while (pos < len) {
		bdb__lexer lx;
		bdb__token tok;
		bdb__lexer_init(&lx, text + pos, len - pos);
		bdb__lexer_next(&lx, &tok);
		if (tok.kind == BDB__TOK_IDENT && is_word(text + pos + tok.start, tok.end - tok.start))
			return true;
		pos = statement_end(text, len, pos, &state);
		if (pos < len)
			pos++; /* the separator */
	}
	return false;
}

/* Whether text ends with an empty line: "trend\n" after the user pressed
 * Enter twice. */
static bool ends_with_empty_line(const char *text, size_t len)
{
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\r'))
		len--;
	return len > 0 && text[len - 1] == '\n';
}

bool bdb_query_is_complete(const char *text)
{
	size_t len = strlen(text), pos = 0;
	incompleteness state = COMPLETE;
	while (pos < len) {
		pos = statement_end(text, len, pos, &state);
		if (pos < len)
			pos++; /* the separator */
	}
	if (state == DANGLING)
		return ends_with_empty_line(text, len);
	return state == COMPLETE;
}
