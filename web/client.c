/*
 * client.c - benchdb's HTTP client (web.h): one request, one answer, on
 * libcurl. `benchdb push`, `benchdb --server URL -c` and the server's
 * notifications (notify.c) send through it.
 *
 * libcurl (and the TLS, IDN and compression libraries it links) is opened
 * with dlopen when the first request is sent, as serve.c opens
 * libmicrohttpd: a one-shot `benchdb -c` on a local store never loads it
 * (docs/performance.md, one-shot start).
 */
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "router.h"
#include "web.h"

/* The functions used here, typed from curl/curl.h. */
static struct {
	__typeof__(&curl_global_init) global_init;
	__typeof__(&curl_easy_init) easy_init;
	__typeof__(&curl_easy_setopt) easy_setopt;
	__typeof__(&curl_easy_perform) easy_perform;
	__typeof__(&curl_easy_getinfo) easy_getinfo;
	__typeof__(&curl_easy_cleanup) easy_cleanup;
	__typeof__(&curl_easy_strerror) easy_strerror;
	__typeof__(&curl_slist_append) slist_append;
	__typeof__(&curl_slist_free_all) slist_free_all;
} curl;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static bool curl_loaded;

static void curl_load(void)
{
	void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return;
#define LOAD(name)                                                                                 \
	if (!(*(void **)&curl.name = dlsym(lib, "curl_" #name)))                                   \
		return;
	LOAD(global_init)
	LOAD(easy_init)
	LOAD(easy_setopt)
	LOAD(easy_perform)
	LOAD(easy_getinfo)
	LOAD(easy_cleanup)
	LOAD(easy_strerror)
	LOAD(slist_append)
	LOAD(slist_free_all)
#undef LOAD
	/* Once, before any thread sends: curl_global_init is not thread-safe
	 * on every build. The library stays loaded until the process ends. */
	curl_loaded = curl.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

/* Where take_body puts the answer's bytes, and how many it takes. */
typedef struct body_sink {
	bdb_buf *body;
	size_t max; /* 0: no limit */
	bool too_big;
} body_sink;

/* libcurl's write callback: appends the answer's bytes to a bdb_buf; 0
 * (libcurl stops) when memory runs out or the body passes its limit. */
static size_t take_body(char *data, size_t size, size_t n, void *ctx)
{
	body_sink *sink = ctx;
	if (sink->max && size * n > sink->max - sink->body->len) {
		sink->too_big = true;
		return 0;
	}
	bdb_buf_append(sink->body, data, size * n);
	return sink->body->failed ? 0 : size * n;
}

/* If the header line data[0..len) is name's ("content-type:", any case),
 * points *v at its value, blanks and line end taken off, *vn bytes long,
 * and returns true. */
static bool header_span(const char *data, size_t len, const char *name, const char **v, size_t *vn)
{
	size_t k = strlen(name);
	if (len <= k || strncasecmp(data, name, k) != 0)
		return false;
	*v = data + k;
	*vn = len - k;
	while (*vn && (**v == ' ' || **v == '\t'))
		(*v)++, (*vn)--;
	while (*vn && ((*v)[*vn - 1] == '\r' || (*v)[*vn - 1] == '\n' || (*v)[*vn - 1] == ' '))
		(*vn)--;
	return true;
}

/* header_span's value copied into out (size bytes, cut to fit). */
static bool header_value(const char *data, size_t len, const char *name, char *out, size_t size)
{
	const char *v;
	size_t vn;
	if (!header_span(data, len, name, &v, &vn))
		return false;
	if (vn >= size)
		vn = size - 1;
	memcpy(out, v, vn);
	out[vn] = '\0';
	return true;
}

/* X-Benchdb-Answer's value v[0..n): "statement", then maybe "; notes="
 * and notes, each percent-encoded, ',' between (serve.c), into r. A note
 * that does not decode to UTF-8 text is left out. */
static void take_benchdb_answer(bdb_http_response *r, const char *v, size_t n)
{
	static const char mark[] = "statement", notes[] = "; notes=";
	size_t k = sizeof mark - 1, nk = sizeof notes - 1;
	if (n < k || memcmp(v, mark, k) != 0 || (n > k && v[k] != ';'))
		return;
	r->benchdb_answer = true;
	bdb_buf_reset(&r->notes);
	if (n - k < nk || memcmp(v + k, notes, nk) != 0)
		return;
	char *line = malloc(n + 1);
	if (!line) {
		r->notes.failed = true;
		return;
	}
	for (const char *p = v + k + nk, *end = v + n; p < end;) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		size_t len = comma ? (size_t)(comma - p) : (size_t)(end - p), out_len;
		if (len && bdb__url_decode(p, len, false, line, &out_len) == 0) {
			bdb_buf_append(&r->notes, line, out_len);
			bdb_buf_putc(&r->notes, '\n');
		}
		p += len + 1;
	}
	free(line);
}

/* libcurl's header callback: keeps the Content-Type, Location and
 * X-Benchdb-Answer of the answer, and the seconds of a Retry-After (its
 * date form is not read). */
static size_t take_header(char *data, size_t size, size_t n, void *ctx)
{
	bdb_http_response *r = ctx;
	size_t len = size * n;
	char text[32];
	const char *v;
	size_t vn;
	if (header_span(data, len, "x-benchdb-answer:", &v, &vn))
		take_benchdb_answer(r, v, vn);
	if (header_value(data, len, "retry-after:", text, sizeof text)) {
		char *end;
		unsigned long s = strtoul(text, &end, 10);
		r->retry_after = end != text && s > 0 ? (s > 3600 ? 3600 : (unsigned)s) : 0;
	}
	header_value(data, len, "location:", r->location, sizeof r->location);
	header_value(data, len, "content-type:", r->content_type, sizeof r->content_type);
	return len;
}

/* libcurl's progress callback: stops the exchange once *cancel is set. */
static int take_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
			 curl_off_t ulnow)
{
	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return *(volatile sig_atomic_t *)ctx != 0;
}

int bdb_http_send(const bdb_http_request *rq, bdb_http_response *out, bdb_diag *d)
{
	out->status = 0;
	out->content_type[0] = '\0';
	out->location[0] = '\0';
	out->benchdb_answer = false;
	out->retry_after = 0;
	bdb_buf_init(&out->body);
	bdb_buf_init(&out->notes);
	pthread_once(&curl_once, curl_load);
	if (!curl_loaded)
		return bdb_diag_set(d, BDB_EUNSUPPORTED, NULL, 0, 0,
				    "sending to a server needs libcurl (Debian: libcurl4)");
	CURL *h = curl.easy_init();
	if (!h)
		return BDB_ENOMEM;
	struct curl_slist *headers = NULL;
	bdb_buf auth;
	bdb_buf_init(&auth);
	int rc = 0;
	if (rq->token) {
		bdb_buf_printf(&auth, "Authorization: Bearer %s", rq->token);
		headers = curl.slist_append(headers, bdb_buf_cstr(&auth));
	}
	if (rq->content_type) {
		bdb_buf_reset(&auth);
		bdb_buf_printf(&auth, "Content-Type: %s", rq->content_type);
		headers = curl.slist_append(headers, bdb_buf_cstr(&auth));
	}
	/* No "Expect: 100-continue" round trip before a body. */
	headers = curl.slist_append(headers, "Expect:");
	if (!headers || auth.failed) {
		rc = BDB_ENOMEM;
		goto done;
	}
	char error[CURL_ERROR_SIZE] = "";
	curl.easy_setopt(h, CURLOPT_URL, rq->url);
	curl.easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl.easy_setopt(h, CURLOPT_ERRORBUFFER, error);
	curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L); /* safe in threads; no SIGALRM */
	curl.easy_setopt(h, CURLOPT_USERAGENT, "benchdb");
	curl.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
	if (rq->timeout_ms)
		curl.easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)rq->timeout_ms);
	body_sink sink = {.body = &out->body, .max = rq->max_body};
	curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, take_body);
	curl.easy_setopt(h, CURLOPT_WRITEDATA, &sink);
	curl.easy_setopt(h, CURLOPT_HEADERFUNCTION, take_header);
	curl.easy_setopt(h, CURLOPT_HEADERDATA, out);
	if (rq->body) {
		curl.easy_setopt(h, CURLOPT_POST, 1L);
		curl.easy_setopt(h, CURLOPT_POSTFIELDS, rq->body);
		curl.easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)rq->body_len);
	}
	if (rq->method)
		curl.easy_setopt(h, CURLOPT_CUSTOMREQUEST, rq->method);
	if (rq->cancel) {
		curl.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, take_progress);
		curl.easy_setopt(h, CURLOPT_XFERINFODATA, (void *)rq->cancel);
		curl.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	}
	CURLcode cc = curl.easy_perform(h);
	if (cc == CURLE_ABORTED_BY_CALLBACK) {
		rc = bdb_diag_set(d, BDB_ECANCELLED, NULL, 0, 0, "cancelled");
		goto done;
	}
	if (cc != CURLE_OK && sink.too_big) {
		long status = 0;
		curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		out->status = (unsigned)status;
		rc = bdb_diag_set(d, BDB_ETOOBIG, NULL, 0, 0, "the answer is larger than %zu bytes",
				  rq->max_body);
		goto done;
	}
	if (cc != CURLE_OK) {
		rc = out->body.failed ? BDB_ENOMEM
				      : bdb_diag_set(d, BDB_EIO, NULL, 0, 0, "%s",
						     error[0] ? error : curl.easy_strerror(cc));
		goto done;
	}
	long status = 0;
	curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	out->status = (unsigned)status;
done:
	curl.slist_free_all(headers);
	curl.easy_cleanup(h);
	bdb_buf_free(&auth);
	if (rc) {
		bdb_buf_free(&out->body);
		bdb_buf_free(&out->notes);
	}
	return rc;
}

void bdb_http_response_free(bdb_http_response *r)
{
	bdb_buf_free(&r->body);
	bdb_buf_free(&r->notes);
}

void bdb_http_put_query_value(bdb_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
				  (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
				  c == '~';
		if (unreserved) {
			bdb_buf_putc(b, (char)c);
		} else {
			bdb_buf_putc(b, '%');
			bdb_buf_putc(b, hex[c >> 4]);
			bdb_buf_putc(b, hex[c & 15]);
		}
	}
}
