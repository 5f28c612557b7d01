/*
 * router.h - internal to web/: the request router of `benchdb serve` and
 * the URL decoding of paths and query strings. Pure functions of their
 * input (no libmicrohttpd, no store), so that tests/unit/test_router.c and
 * fuzz/fuzz_serve_route.c drive them directly.
 *
 * Paths are matched as they arrive, percent-escapes and all: the fixed
 * segments literally ("/api/%68ealth" is not "/api/health"), and a route's
 * path parameter (the last segment of "/api/runs/{}") is percent-decoded
 * after matching, so "%2F" puts a '/' into a run id and never into the
 * route. Nothing here touches the filesystem.
 */
#ifndef BDB_WEB_ROUTER_H
#define BDB_WEB_ROUTER_H

#include "schema.h"

/* The endpoints (docs/api.md). */
typedef enum bdb__route_id {
	BDB__ROUTE_HEALTH,     /* /api/health */
	BDB__ROUTE_QUERY,      /* /api/query */
	BDB__ROUTE_CHART,      /* /api/chart.svg */
	BDB__ROUTE_BADGE,      /* /api/badge.svg */
	BDB__ROUTE_RUNS,       /* /api/runs: GET the list, POST an upload */
	BDB__ROUTE_RUN,	       /* /api/runs/ID */
	BDB__ROUTE_POINTS,     /* /api/points */
	BDB__ROUTE_METRICS,    /* /api/metrics */
	BDB__ROUTE_TAGS,       /* /api/tags */
	BDB__ROUTE_TAG,	       /* /api/tags/KEY */
	BDB__ROUTE_BASELINES,  /* /api/baselines */
	BDB__ROUTE_BASELINE,   /* /api/baselines/NAME: PUT, DELETE */
	BDB__ROUTE_PROMETHEUS, /* /metrics */
	BDB__ROUTE_DASHBOARD,  /* /: the dashboard's page */
	BDB__ROUTE_ASSET,      /* /assets/NAME: its script and style sheet */
	BDB__ROUTE_OVERVIEW,   /* /api/overview: the overview page's data */
	BDB__ROUTE_CHECK,      /* /api/check: the CI gate on the server's store */
	BDB__N_ROUTES
} bdb__route_id;

typedef struct bdb__route {
	/* The path; a last segment "{}" takes one segment (not empty, no
	 * raw '/'), the path parameter. Also the route's label in /metrics. */
	const char *pattern;
	/* The methods it takes, as the Allow header lists them. */
	const char *methods;
	bdb__route_id id;
} bdb__route;

/* Every route, in bdb__route_id order (*n of them). Static. */
const bdb__route *bdb__routes(size_t *n);

/* What bdb__route_find made of a request line. */
typedef enum bdb__route_outcome {
	BDB__ROUTE_OK,	       /* a route takes the path and the method */
	BDB__ROUTE_NOT_FOUND,  /* no route has the path: 404 */
	BDB__ROUTE_BAD_METHOD, /* the route does not take the method: 405 */
	BDB__ROUTE_BAD_PARAM,  /* the path parameter is not percent-encoded UTF-8 text: 400 */
	BDB__ROUTE_NO_MEMORY
} bdb__route_outcome;

typedef struct bdb__route_match {
	const bdb__route *route; /* the route of the path; NULL for NOT_FOUND */
	/* The decoded path parameter (malloc'd, NUL-terminated), or NULL when
	 * the route has none. Free with bdb__route_match_free. */
	char *param;
	size_t param_len;
} bdb__route_match;

/*
 * Finds the route of path (the request's path, without the query string,
 * as received) for method ("GET", ...; HEAD goes where GET does only when
 * the route lists HEAD). Fills *m (route set for OK, BAD_METHOD and
 * BAD_PARAM; param set for OK only) and returns the outcome. A parameter
 * must decode (bdb__url_decode, '+' kept) to one line of text: valid
 * UTF-8 without NUL or other control characters.
 */
bdb__route_outcome bdb__route_find(const char *path, const char *method, bdb__route_match *m);

/* Frees m's parameter; m may be reused. */
void bdb__route_match_free(bdb__route_match *m);

/*
 * Percent-decodes in[0..n) into out (room for n + 1 bytes; NUL-terminated)
 * and sets *out_len. form: '+' is a space (a query-string value, as
 * application/x-www-form-urlencoded writes it); else '+' is itself (a path).
 * Returns 0, or BDB_EINVAL when a '%' is not followed by two hex digits,
 * when the decoded bytes hold a NUL, or when they are not valid UTF-8
 * (bdb_utf8_valid); out's contents are then unspecified.
 */
int bdb__url_decode(const char *in, size_t n, bool form, char *out, size_t *out_len);

/*
 * Appends s to b percent-encoded for a path segment or a query-string
 * value: every byte outside [A-Za-z0-9._~-] as %XX (uppercase hex), so
 * that bdb__url_decode, form or not, gives s back.
 */
void bdb__url_encode(bdb_buf *b, const char *s);

#endif /* BDB_WEB_ROUTER_H */
