/*
 * fuzz_serve_route.c - harness for the router of `benchdb serve` and its
 * URL decoding (web/router.c), which read every request line a client
 * sends. The input is "METHOD PATH?QUERY" (no space: the method is GET),
 * cut at its first NUL as libmicrohttpd hands C strings over. Checked:
 *   - bdb__route_find returns one of its outcomes, consistently: a route
 *     for everything but NOT_FOUND, a parameter exactly for OK on a
 *     "{}" route, and a parameter that is one line of UTF-8 text without
 *     NUL, no longer than the segment it came from; the parameter encoded
 *     again (bdb__url_encode) routes to the same route and parameter;
 *   - each value of the query string (split at '&' and '=', '+' a space,
 *     as libmicrohttpd splits it) decodes to 0 or BDB_EINVAL; a decoded
 *     value holds no NUL, is valid UTF-8, and round-trips through
 *     bdb__url_encode; without '+' the form and path decodings agree.
 */
#include <string.h>

#include "fuzz.h"
#include "router.h"

static void sr_check_value(const char *raw, size_t n)
{
	char *plus = malloc(n + 1), *out = malloc(n + 1), *path_out = malloc(n + 1);
	if (!plus || !out || !path_out)
		goto done;
	memcpy(plus, raw, n);
	plus[n] = '\0';
	bool has_plus = false;
	for (size_t i = 0; i < n; i++)
		if (plus[i] == '+') {
			plus[i] = ' ';
			has_plus = true;
		}
	size_t len = 0;
	int rc = bdb__url_decode(plus, n, true, out, &len);
	FUZZ_CHECK(rc == 0 || rc == BDB_EINVAL);
	if (rc == 0) {
		FUZZ_CHECK(len <= n && out[len] == '\0' && strlen(out) == len);
		FUZZ_CHECK(bdb_utf8_valid(out, len) == len);
		bdb_buf enc;
		bdb_buf_init(&enc);
		bdb__url_encode(&enc, out);
		if (!enc.failed) {
			char *back = malloc(enc.len + 1);
			size_t back_len = 0;
			if (back) {
				FUZZ_CHECK(bdb__url_decode(enc.data ? enc.data : "", enc.len, true,
							   back, &back_len) == 0);
				FUZZ_CHECK(back_len == len && memcmp(back, out, len) == 0);
			}
			free(back);
		}
		bdb_buf_free(&enc);
	}
	if (!has_plus) {
		size_t path_len = 0;
		int path_rc = bdb__url_decode(raw, n, false, path_out, &path_len);
		FUZZ_CHECK(path_rc == rc);
		if (rc == 0)
			FUZZ_CHECK(path_len == len && memcmp(path_out, out, len) == 0);
	}
done:
	free(plus);
	free(out);
	free(path_out);
}

static void sr_check_route(const char *path, const char *method)
{
	bdb__route_match m;
	bdb__route_outcome o = bdb__route_find(path, method, &m);
	FUZZ_CHECK(o == BDB__ROUTE_OK || o == BDB__ROUTE_NOT_FOUND || o == BDB__ROUTE_BAD_METHOD ||
		   o == BDB__ROUTE_BAD_PARAM || o == BDB__ROUTE_NO_MEMORY);
	FUZZ_CHECK((m.route == NULL) == (o == BDB__ROUTE_NOT_FOUND || o == BDB__ROUTE_NO_MEMORY));
	bool has_hole = m.route && strstr(m.route->pattern, "{}");
	if (o != BDB__ROUTE_OK || !has_hole) {
		FUZZ_CHECK(m.param == NULL);
		if (o == BDB__ROUTE_OK)
			FUZZ_CHECK(strcmp(m.route->pattern, path) == 0);
		bdb__route_match_free(&m);
		return;
	}
	size_t prefix = (size_t)(strstr(m.route->pattern, "{}") - m.route->pattern);
	FUZZ_CHECK(m.param != NULL && strlen(m.param) == m.param_len);
	FUZZ_CHECK(m.param_len > 0 && m.param_len <= strlen(path) - prefix);
	FUZZ_CHECK(bdb_text_fault(m.param, m.param_len, true, NULL) == m.param_len);
	/* The parameter encoded again leads to the same place. */
	bdb_buf again;
	bdb_buf_init(&again);
	bdb_buf_append(&again, path, prefix);
	bdb__url_encode(&again, m.param);
	if (!again.failed) {
		bdb__route_match m2;
		bdb__route_outcome o2 = bdb__route_find(bdb_buf_cstr(&again), method, &m2);
		FUZZ_CHECK(o2 == BDB__ROUTE_OK || o2 == BDB__ROUTE_NO_MEMORY);
		if (o2 == BDB__ROUTE_OK)
			FUZZ_CHECK(m2.route == m.route && m2.param_len == m.param_len &&
				   memcmp(m2.param, m.param, m.param_len) == 0);
		bdb__route_match_free(&m2);
	}
	bdb_buf_free(&again);
	bdb__route_match_free(&m);
}

int fuzz_serve_route(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1);
	if (!line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	const char *method = "GET";
	char *target = line;
	char *space = strchr(line, ' ');
	if (space) {
		*space = '\0';
		method = line;
		target = space + 1;
	}
	char *query = strchr(target, '?');
	if (query)
		*query++ = '\0';
	sr_check_route(target, method);
	for (const char *p = query; p && *p;) {
		size_t n = strcspn(p, "&");
		const char *eq = memchr(p, '=', n);
		if (eq) {
			sr_check_value(p, (size_t)(eq - p));
			sr_check_value(eq + 1, n - (size_t)(eq - p) - 1);
		} else {
			sr_check_value(p, n);
		}
		p += n;
		if (*p)
			p++;
	}
	free(line);
	return 0;
}

FUZZ_ENTRY(fuzz_serve_route)
