/*
 * lexer.c - the query language's tokens.
 *
 * Hand-written and byte-oriented: every token records its byte span. The
 * lexer never allocates; string contents are decoded later, on demand, by
 * bdb__string_value.
 */
#include "ast.h"

#include <stdio.h>
#include <string.h>

const char bdb__unterminated_at_end[] =
    "unterminated string: expected a closing quote before the end of input";
const char bdb__invalid_utf8_string[] = "invalid UTF-8 in a string: a query is UTF-8 text";

void bdb__lexer_init(bdb__lexer *lx, const char *text, size_t len)
{
	lx->text = text;
	lx->len = len;
	lx->pos = 0;
	lx->paren_depth = 0;
	lx->error = NULL;
}

static bool is_ident_start(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_plain_char(char c)
{
	return is_ident_start(c) || is_digit(c);
}

/* A bare name goes on over '/' too: `of BM_sort/1024` as the subcommands
 * take it (nothing in the grammar is a '/'). */
static bool is_ident_char(char c)
{
	return is_plain_char(c) || c == '/';
}

/* A WORD continues over what numbers, durations and timestamps are made of. */
static bool is_word_char(char c)
{
	return is_ident_char(c) || c == '.' || c == ':' || c == '-' || c == '+';
}

bool bdb__is_plain_ident(const char *s)
{
	if (!s || !is_ident_start(*s))
		return false;
	for (s++; *s; s++)
		if (!is_plain_char(*s))
			return false;
	return true;
}

void bdb__put_name(bdb_buf *b, const char *name, bool quote)
{
	if (!quote && bdb__is_plain_ident(name) && !bdb__is_keyword(name)) {
		bdb_buf_append(b, name, strlen(name));
		return;
	}
	bdb_buf_putc(b, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '\n') {
			bdb_buf_puts(b, "\\n"); /* keeps a statement on one line */
			continue;
		}
		if (*p == '"' || *p == '\\')
			bdb_buf_putc(b, '\\');
		bdb_buf_putc(b, *p);
	}
	bdb_buf_putc(b, '"');
}

void bdb_query_put_name(bdb_buf *b, const char *name)
{
	bdb__put_name(b, name, true);
}

/*
 * Whether s[0..len) starts with an option of the benchdb program that goes
 * with statements (`--fail`, `--json`, ...) as a whole word: as a comment
 * it would be dropped, and `benchdb -c 'regressions --fail'` passed a gate
 * with regressions. The option's length, or 0.
 */
static size_t program_option_at(const char *s, size_t len)
{
	static const char *const options[] = {"--fail", "--json",     "--format",
					      "--bail", "--no-pager", "--db"};
	for (size_t i = 0; i < sizeof options / sizeof *options; i++) {
		size_t n = strlen(options[i]);
		if (len < n || memcmp(s, options[i], n) != 0)
			continue;
		char next = n < len ? s[n] : ' ';
		if (!is_ident_char(next) && next != '-')
			return n;
	}
	return 0;
}

bool bdb_query_comment_at(const char *s, size_t n)
{
	return n >= 2 && s[0] == '-' && s[1] == '-' && !program_option_at(s, n);
}

/* Skips blanks and comments; newlines only inside parentheses. */
static void skip_blanks(bdb__lexer *lx)
{
	while (lx->pos < lx->len) {
		char c = lx->text[lx->pos];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' ||
		    (c == '\n' && lx->paren_depth > 0)) {
			lx->pos++;
		} else if (bdb_query_comment_at(lx->text + lx->pos, lx->len - lx->pos)) {
			while (lx->pos < lx->len && lx->text[lx->pos] != '\n')
				lx->pos++;
		} else {
			break;
		}
	}
}

/* A string may span lines (a REPL continues it); only the end of the
 * input leaves it unterminated. */
static void scan_string(bdb__lexer *lx, bdb__token *tok)
{
	char quote = lx->text[lx->pos++];
	while (lx->pos < lx->len) {
		char c = lx->text[lx->pos];
		if (c == '\\' && lx->pos + 1 < lx->len) {
			lx->pos += 2;
			continue;
		}
		lx->pos++;
		if (c == quote) {
			/* Names are UTF-8 everywhere (the store, JSON output). */
			size_t n = lx->pos - tok->start;
			if (bdb_utf8_valid(lx->text + tok->start, n) < n) {
				tok->kind = BDB__TOK_ERROR;
				lx->error = bdb__invalid_utf8_string;
				return;
			}
			tok->kind = BDB__TOK_STRING;
			return;
		}
	}
	tok->kind = BDB__TOK_ERROR;
	lx->error = bdb__unterminated_at_end;
}

void bdb__lexer_next(bdb__lexer *lx, bdb__token *tok)
{
	skip_blanks(lx);
	tok->start = (uint32_t)lx->pos;
	if (lx->pos >= lx->len) {
		tok->kind = BDB__TOK_EOF;
		tok->end = tok->start;
		return;
	}
	char c = lx->text[lx->pos];
	size_t option = program_option_at(lx->text + lx->pos, lx->len - lx->pos);
	if (option) {
		lx->pos += option;
		tok->kind = BDB__TOK_ERROR;
		lx->error =
		    "an option of the benchdb program inside the statement, where '--' "
		    "starts a comment that would drop it: give it outside the statement's "
		    "quotes (benchdb -c 'regressions' --fail), or write '-- ' for a comment";
	} else if (is_ident_start(c)) {
		while (lx->pos < lx->len && is_ident_char(lx->text[lx->pos]))
			lx->pos++;
		tok->kind = BDB__TOK_IDENT;
	} else if (is_digit(c)) {
		while (lx->pos < lx->len && is_word_char(lx->text[lx->pos]))
			lx->pos++;
		tok->kind = BDB__TOK_WORD;
	} else if (c == '"' || c == '\'') {
		scan_string(lx, tok);
	} else {
		lx->pos++;
		switch (c) {
		case '\n':
			tok->kind = BDB__TOK_NEWLINE;
			break;
		case ';':
			tok->kind = BDB__TOK_SEMI;
			break;
		case '*':
			tok->kind = BDB__TOK_STAR;
			break;
		case ',':
			tok->kind = BDB__TOK_COMMA;
			break;
		case '=':
			tok->kind = BDB__TOK_EQ;
			break;
		case '~':
			tok->kind = BDB__TOK_TILDE;
			break;
		case '%':
			tok->kind = BDB__TOK_PERCENT;
			break;
		case '(':
			lx->paren_depth++;
			tok->kind = BDB__TOK_LPAREN;
			break;
		case ')':
			if (lx->paren_depth > 0)
				lx->paren_depth--;
			tok->kind = BDB__TOK_RPAREN;
			break;
		case '!':
			if (lx->pos < lx->len && lx->text[lx->pos] == '=') {
				lx->pos++;
				tok->kind = BDB__TOK_NE;
			} else {
				tok->kind = BDB__TOK_ERROR;
				lx->error = "unexpected character \"!\": expected \"!=\"";
			}
			break;
		default:
			/* Take the whole UTF-8 sequence so the caret covers one character. */
			while (lx->pos < lx->len &&
			       ((unsigned char)lx->text[lx->pos] & 0xC0) == 0x80)
				lx->pos++;
			tok->kind = BDB__TOK_ERROR;
			lx->error = NULL; /* the parser describes the character */
			break;
		}
	}
	tok->end = (uint32_t)lx->pos;
}

/*
 * Writes the token text s[0..n) into buf through fmt (which takes the text
 * and a "..." suffix) for the first line of a message: control characters
 * are escaped, since a raw newline (strings may span lines) would break the
 * message's three lines, and a text longer than 40 bytes is cut after at
 * most 36, at a UTF-8 character boundary.
 */
static void describe_text(char *buf, size_t size, const char *fmt, const char *s, size_t n)
{
	bool cut = n > 40;
	if (cut) {
		n = 36;
		for (int i = 0; i < 3 && ((unsigned char)s[n] & 0xc0) == 0x80; i++)
			n--;
	}
	char t[4 * 40 + 1];
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r' || c == '\t') {
			t[k++] = '\\';
			t[k++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
		} else if (c < 0x20 || c == 0x7f) {
			k += (size_t)snprintf(t + k, sizeof t - k, "\\x%02x", c);
		} else {
			t[k++] = (char)c;
		}
	}
	t[k] = '\0';
	snprintf(buf, size, fmt, t, cut ? "..." : "");
}

void bdb__token_describe(const char *text, const bdb__token *tok, char *buf, size_t size)
{
	size_t n = tok->end - tok->start;
	switch (tok->kind) {
	case BDB__TOK_EOF:
		snprintf(buf, size, "end of input");
		return;
	case BDB__TOK_NEWLINE:
		snprintf(buf, size, "end of line");
		return;
	case BDB__TOK_STRING:
		describe_text(buf, size, "string %s%s", text + tok->start, n);
		return;
	default:
		describe_text(buf, size, "\"%s%s\"", text + tok->start, n);
		return;
	}
}

char *bdb__string_value(bdb_arena *a, const char *text, const bdb__token *tok)
{
	const char *s = text + tok->start + 1;
	const char *e = text + tok->end - 1; /* the closing quote */
	char *out = bdb_arena_calloc(a, (size_t)(e - s) + 1);
	if (!out)
		return NULL;
	char *o = out;
	while (s < e) {
		if (*s == '\\' && s + 1 < e) {
			s++;
			switch (*s) {
			case 'n':
				*o++ = '\n';
				break;
			case 't':
				*o++ = '\t';
				break;
			default:
				*o++ = *s;
				break; /* \" \' \\ and anything else */
			}
			s++;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

