/*
 * router.c - the routes of `benchdb serve` and percent-decoding (router.h).
 */
#include "router.h"

#include <stdlib.h>
#include <string.h>

static const bdb__route routes[BDB__N_ROUTES] = {
    {"/api/health", "GET, HEAD", BDB__ROUTE_HEALTH},
    {"/api/query", "GET, HEAD, POST", BDB__ROUTE_QUERY},
    {"/api/chart.svg", "GET, HEAD", BDB__ROUTE_CHART},
    {"/api/badge.svg", "GET, HEAD", BDB__ROUTE_BADGE},
    {"/api/runs", "GET, HEAD, POST", BDB__ROUTE_RUNS},
    {"/api/runs/{}", "GET, HEAD", BDB__ROUTE_RUN},
    {"/api/points", "GET, HEAD", BDB__ROUTE_POINTS},
    {"/api/metrics", "GET, HEAD", BDB__ROUTE_METRICS},
    {"/api/tags", "GET, HEAD", BDB__ROUTE_TAGS},
    {"/api/tags/{}", "GET, HEAD", BDB__ROUTE_TAG},
    {"/api/baselines", "GET, HEAD", BDB__ROUTE_BASELINES},
    {"/api/baselines/{}", "PUT, DELETE", BDB__ROUTE_BASELINE},
    {"/metrics", "GET, HEAD", BDB__ROUTE_PROMETHEUS},
    {"/", "GET, HEAD", BDB__ROUTE_DASHBOARD},
    {"/assets/{}", "GET, HEAD", BDB__ROUTE_ASSET},
    {"/api/overview", "GET, HEAD", BDB__ROUTE_OVERVIEW},
    {"/api/check", "GET, HEAD", BDB__ROUTE_CHECK},
};

const bdb__route *bdb__routes(size_t *n)
{
	*n = BDB__N_ROUTES;
	return routes;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int bdb__url_decode(const char *in, size_t n, bool form, char *out, size_t *out_len)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = in[i];
		if (c == '%') {
			if (n - i < 3)
				return BDB_EINVAL;
			int h = hex_value(in[i + 1]), l = hex_value(in[i + 2]);
			if (h < 0 || l < 0)
				return BDB_EINVAL;
			c = (char)(h << 4 | l);
			i += 2;
		} else if (c == '+' && form) {
			c = ' ';
		}
		if (c == '\0')
			return BDB_EINVAL;
		out[o++] = c;
	}
	out[o] = '\0';
	*out_len = o;
	return bdb_utf8_valid(out, o) == o ? 0 : BDB_EINVAL;
}

void bdb__url_encode(bdb_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("._~-", *p)) {
			bdb_buf_putc(b, (char)*p);
		} else {
			bdb_buf_putc(b, '%');
			bdb_buf_putc(b, hex[*p >> 4]);
			bdb_buf_putc(b, hex[*p & 15]);
		}
	}
}

static bool method_allowed(const char *methods, const char *method)
{
	/* A method is a word of capitals: "GET, HEAD" is not one. */
	size_t n = strspn(method, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
	if (n == 0 || method[n])
		return false;
	for (const char *p = methods; (p = strstr(p, method)) != NULL; p += n)
		if ((p == methods || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

/* Whether path matches pattern; *param (and *param_len) get the raw
 * parameter segment of a "{}" pattern. */
static bool path_matches(const char *pattern, const char *path, const char **param,
			 size_t *param_len)
{
	const char *hole = strstr(pattern, "{}");
	if (!hole)
		return strcmp(pattern, path) == 0;
	size_t prefix = (size_t)(hole - pattern);
	if (strncmp(pattern, path, prefix) != 0)
		return false;
	const char *seg = path + prefix;
	size_t len = strlen(seg);
	if (len == 0 || memchr(seg, '/', len))
		return false;
	*param = seg;
	*param_len = len;
	return true;
}

bdb__route_outcome bdb__route_find(const char *path, const char *method, bdb__route_match *m)
{
	memset(m, 0, sizeof *m);
	const char *raw = NULL;
	size_t raw_len = 0;
	for (size_t i = 0; i < BDB__N_ROUTES; i++) {
		if (path_matches(routes[i].pattern, path, &raw, &raw_len)) {
			m->route = &routes[i];
			break;
		}
	}
	if (!m->route)
		return BDB__ROUTE_NOT_FOUND;
	if (!method_allowed(m->route->methods, method))
		return BDB__ROUTE_BAD_METHOD;
	if (!raw)
		return BDB__ROUTE_OK;
	char *param = malloc(raw_len + 1);
	if (!param)
		return BDB__ROUTE_NO_MEMORY;
	size_t len;
	if (bdb__url_decode(raw, raw_len, false, param, &len) != 0 ||
	    bdb_text_fault(param, len, true, NULL) != len) {
		free(param);
		return BDB__ROUTE_BAD_PARAM;
	}
	m->param = param;
	m->param_len = len;
	return BDB__ROUTE_OK;
}

void bdb__route_match_free(bdb__route_match *m)
{
	free(m->param);
	m->param = NULL;
	m->param_len = 0;
}
