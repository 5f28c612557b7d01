/*
 * fuzz_query_parse.c - harness for the query lexer, parser and statement
 * splitter (query/lexer.c, parser.c, suggest.c), which read whatever a user
 * types or a script holds. Checked:
 *   - the parser, on exactly the input bytes (NULs included) in a block of
 *     exactly that size, returns 0, BDB_EQUERY or BDB_ENOMEM; a query error
 *     in a text without NULs has a 1-based position and the three-line
 *     message of query.h (what was expected, the source line, a caret line);
 *   - bdb_query_parse on the text up to its first NUL agrees with it;
 *   - the statement splitter always moves forward and stays inside the
 *     text, and when the whole text parses, its statements parsed one by
 *     one give the same canonical ASTs in the same order;
 *   - bdb_query_is_complete runs without fault.
 * (bdb_query_complete needs a store: fuzz_query_exec.c fuzzes it.)
 */
#include <string.h>

#include "ast.h"
#include "fuzz.h"

/*
 * Parses text[0..len) and appends each statement's canonical AST and a
 * newline to asts (may be NULL). Returns the parser's code.
 */
static int qp_parse(const char *text, size_t len, bdb_buf *asts)
{
	bdb__program prog;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb__parse(text, len, &prog, &d);
	FUZZ_CHECK(rc == 0 || rc == BDB_EQUERY || rc == BDB_ENOMEM);
	/* The message quotes the source line: a NUL in it (only the internal
	 * bdb__parse can see one; query.h takes C strings) would cut it short. */
	if (rc == BDB_EQUERY && !memchr(text, '\0', len))
		fuzz_check_query_error(&d);
	for (size_t i = 0; !rc && asts && i < prog.n_stmts; i++) {
		bdb__stmt_print(prog.stmts[i], asts);
		bdb_buf_putc(asts, '\n');
	}
	bdb__program_free(&prog);
	return rc;
}

/*
 * Walks text (NUL-terminated, n bytes) statement by statement; when whole
 * holds the canonical ASTs of the whole text, checks the pieces against it.
 */
static void qp_split(const char *text, size_t n, const bdb_buf *whole)
{
	bdb_buf pieces;
	bdb_buf_init(&pieces);
	int rc = 0;
	for (size_t pos = 0; pos < n;) {
		bool complete;
		size_t end = bdb_query_statement_end(text + pos, &complete);
		FUZZ_CHECK(end <= n - pos);
		if (end == 0) { /* a separator: an empty statement */
			pos++;
			continue;
		}
		if (whole && !rc)
			rc = qp_parse(text + pos, end, &pieces);
		pos += end;
	}
	if (whole && !pieces.failed && !whole->failed) {
		FUZZ_CHECK(rc == 0 || rc == BDB_ENOMEM);
		if (!rc)
			FUZZ_CHECK(
			    pieces.len == whole->len &&
			    (!whole->len || memcmp(pieces.data, whole->data, whole->len) == 0));
	}
	bdb_buf_free(&pieces);
}

int fuzz_query_parse(const uint8_t *data, size_t size)
{
	char *exact = malloc(size ? size : 1);
	char *text = malloc(size + 1);
	if (!exact || !text) {
		free(exact);
		free(text);
		return 0;
	}
	memcpy(exact, data, size);
	memcpy(text, data, size);
	text[size] = '\0';
	size_t n = strlen(text);

	bdb_buf whole;
	bdb_buf_init(&whole);
	int rc = qp_parse(exact, size, &whole);
	bdb_diag d;
	int rc_public = bdb_query_parse(text, &d);
	if (n == size)
		FUZZ_CHECK(rc_public == rc);
	qp_split(text, n, n == size && rc == 0 ? &whole : NULL);

	(void)bdb_query_is_complete(text);

	bdb_buf_free(&whole);
	free(exact);
	free(text);
	return 0;
}

FUZZ_ENTRY(fuzz_query_parse)
