/*
 * remote.c - the program as a client of `benchdb serve` (docs/api.md):
 * statements run on the server (`benchdb --server URL -c ...`), and what
 * push and the shell share: the URL of an endpoint, the server's answers
 * read, and its failures turned into one-line errors and exit codes.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shell.h"
#include "web.h"

/* How long one answer may take: a statement past the server's own limit
 * (--query-timeout, 30 s by default) is answered 503 before this. */
#define REQUEST_TIMEOUT_MS 120000u
/* The largest answer taken (an upload's answer is a line; a statement's,
 * its JSON): past it the exchange stops, rather than the memory filling
 * with what a wrong URL or a hostile server sends. */
#define MAX_ANSWER ((size_t)1 << 30)
/* Tries of a request the server answers busy, and the longest wait (s). */
#define SERVER_TRIES   5
#define MAX_RETRY_WAIT 30u

const char *cli_server_url_fault(const char *server)
{
	if (strncmp(server, "http://", 7) != 0 && strncmp(server, "https://", 8) != 0)
		return "expected a URL starting with http:// or https://";
	if (strpbrk(server, "?#"))
		return "expected the server's address without '?' or '#' (for a dashboard link, "
		       "what comes before its '#')";
	/* A CI variable or secret saved with its line end: libcurl said "URL
	 * using bad/illegal format" (exit 4, as if the server were at fault). */
	for (const unsigned char *p = (const unsigned char *)server; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return "expected the server's address without blanks or control characters "
			       "(a "
			       "variable or secret that ends with a line end?)";
	return NULL;
}

/* text with its control characters as '?' (in place). */
static char *without_controls(char *text)
{
	for (char *p = text; *p; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = '?';
	return text;
}

const char *cli_server_shown(const char *server)
{
	static char shown[4096];
	const char *host = strstr(server, "://");
	host = host ? host + 3 : server;
	size_t authority = strcspn(host, "/?#");
	const char *at = memchr(host, '@', authority);
	for (const char *p = at; p && (p = memchr(p + 1, '@', authority - (size_t)(p + 1 - host)));)
		at = p; /* the last '@' ends the user information */
	if (!at)
		snprintf(shown, sizeof shown, "%s", server);
	else
		snprintf(shown, sizeof shown, "%.*s***%s", (int)(host - server), server, at);
	return without_controls(shown);
}

void cli_server_url(bdb_buf *b, const char *server, const char *path)
{
	size_t n = strlen(server);
	while (n && server[n - 1] == '/')
		n--;
	bdb_buf_append(b, server, n);
	bdb_buf_puts(b, path);
}

int cli_server_send(const cli_ctx *ctx, const char *url, const void *body, size_t len,
		    const char *type, bdb_http_response *out, bdb_diag *d)
{
	bdb_http_request rq = {
	    .url = url,
	    .token = ctx->token,
	    .content_type = type,
	    .body = body,
	    .body_len = len,
	    .timeout_ms = REQUEST_TIMEOUT_MS,
	    .max_body = MAX_ANSWER,
	};
	/* A 503 with Retry-After (the server is busy: nothing was stored or
	 * run) is tried again after max(Retry-After, 1, 2, 4, 8 s). */
	for (unsigned try = 1, wait = 1;; try++, wait *= 2) {
		int rc = bdb_http_send(&rq, out, d);
		if (rc || out->status != 503 || !out->retry_after || try == SERVER_TRIES)
			return rc;
		unsigned s = out->retry_after > wait ? out->retry_after : wait;
		if (s > MAX_RETRY_WAIT)
			s = MAX_RETRY_WAIT;
		fprintf(stderr, "benchdb: note: %s is busy (503); trying again in %u s\n",
			cli_server_shown(ctx->server), s);
		bdb_http_response_free(out);
		sleep(s);
	}
}

int cli_client_token(cli_ctx *ctx, const char *cmd, const char *token_file)
{
	static char token[4096];
	const char *env_token = getenv("BENCHDB_TOKEN");
	if (token_file) {
		int code = cli_read_token(cmd, token_file, token, sizeof token);
		if (code)
			return code;
		ctx->token = token;
	} else if (env_token && *env_token) {
		/* As a token file: its first line, checked (a secret pasted with
		 * its line end works; nothing else reaches the headers). */
		snprintf(token, sizeof token, "%s", env_token);
		int code = cli_check_token(cmd, "the token in $BENCHDB_TOKEN", token,
					   strlen(env_token) >= sizeof token ? sizeof token - 1 : 0);
		if (code)
			return code;
		ctx->token = token;
	}
	return EXIT_OK;
}

char *cli_server_field(const bdb_http_response *r, const char *name)
{
	json_error_t err;
	json_t *root = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, &err);
	const char *v = json_string_value(json_object_get(root, name));
	char *copy = v ? strdup(v) : NULL;
	json_decref(root);
	/* One line: a line break in a server's "error" began a line of its
	 * own in the CI job's log ("::error ...::", a workflow command). */
	return copy ? without_controls(copy) : NULL;
}

int cli_server_failure(const char *cmd, const char *server, int rc, const bdb_diag *d,
		       const bdb_http_response *r, bool token_sent)
{
	server = cli_server_shown(server);
	if (rc == BDB_EUNSUPPORTED) {
		cli_error("%s: %s", cmd, d->message);
		return EXIT_SERVER;
	}
	if (rc == BDB_ETOOBIG) { /* it answered, too much */
		cli_error("%s: %s: %s", cmd, server, d->message);
		return EXIT_SERVER;
	}
	if (rc) {
		cli_error("%s: cannot reach %s: %s", cmd, server,
			  d->message[0] ? d->message : bdb_strerror(rc));
		return EXIT_SERVER;
	}
	/* A redirect (an http:// address that a proxy sends to https://) is
	 * not followed: a POST would lose its body, a token would go to
	 * another host. Say where to, as the address to give. */
	if (r->status >= 300 && r->status < 400) {
		/* The address before the API's path: what to give as --server. */
		char from[2048], to[sizeof r->location];
		snprintf(from, sizeof from, "%s", server);
		snprintf(to, sizeof to, "%.*s", (int)strcspn(r->location, "?#"), r->location);
		char *api = strstr(to, "/api/");
		if (api)
			*api = '\0';
		if (to[0])
			cli_error("%s: %s answered %u, a redirect to %s (not followed): give that "
				  "address as --server",
				  cmd, from, r->status, cli_server_shown(to));
		else
			cli_error("%s: %s answered %u, a redirect (not followed)", cmd, from,
				  r->status);
		return EXIT_SERVER;
	}
	/* The status, and what to do when the server's message does not say. */
	const char *reason, *hint;
	switch (r->status) {
	case 401:
		reason = "Unauthorized";
		hint = "give the server's token with --token-file";
		break;
	case 403:
		reason = "Forbidden";
		hint = "the server takes no writes";
		break;
	case 503:
		reason = "Service Unavailable";
		hint = "the store is busy or the statement ran too long; try again";
		break;
	default:
		if (r->status < 500)
			return -1;
		reason = "Server Error";
		hint = "the server's log says why";
	}
	char *msg = cli_server_field(r, "error");
	/* A 401 to no token: say none was given, and why an empty secret is
	 * (a pull request from a fork gets no secrets). */
	const char *env_token = getenv("BENCHDB_TOKEN");
	const char *none = r->status != 401 || token_sent ? ""
			   : env_token
			       ? "; no token was given ($BENCHDB_TOKEN is empty: a CI "
				 "secret that is not set, as for a pull request from a fork)"
			       : "; no token was given (--token-file F, or $BENCHDB_TOKEN)";
	cli_error("%s: %s answered %u %s: %s%s", cmd, server, r->status, reason, msg ? msg : hint,
		  none);
	free(msg);
	return EXIT_SERVER;
}

/* The error of a statement the server refused (400): shown as the CLI shows
 * a local one, from the body's message, line, column and code; the exit
 * code is the local one's (2 for the query, 3 for a missing run). */
static int remote_query_error(shell *sh, const bdb_http_response *r)
{
	json_error_t err;
	json_t *root = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, &err);
	const char *message = json_string_value(json_object_get(root, "message"));
	if (!message)
		message = json_string_value(json_object_get(root, "error"));
	const char *code = json_string_value(json_object_get(root, "code"));
	int rc = code && strcmp(code, bdb_error_name(BDB_ENOTFOUND)) == 0 ? BDB_ENOTFOUND
	       : code && strcmp(code, bdb_error_name(BDB_EQUERY)) == 0	  ? BDB_EQUERY
									  : BDB_EINVAL;
	bdb_diag d;
	bdb_diag_clear(&d);
	bdb_diag_set(&d, rc, NULL, (int)json_integer_value(json_object_get(root, "line")),
		     (int)json_integer_value(json_object_get(root, "column")), "%s",
		     message ? message : "the server refused the statement");
	json_decref(root);
	shell_report_error(sh, &d);
	return cli_exit_code(rc);
}

/* Whether r can be the server's answer to a statement: text that benchdb
 * serve marked as its answer (X-Benchdb-Answer: statement), or JSON that
 * begins as every statement's result does (docs/api.md: {"statement": ...);
 * another service's JSON or text at that address (a health check's "OK",
 * a proxy's page), or an empty one, is not. */
static bool statement_answer(const bdb_http_response *r)
{
	static const char json_start[] = "{\"statement\": ";
	if (strncmp(r->content_type, "text/plain", 10) == 0)
		return r->benchdb_answer;
	return strncmp(r->content_type, "application/json", 16) == 0 &&
	       r->body.len >= sizeof json_start - 1 &&
	       memcmp(r->body.data, json_start, sizeof json_start - 1) == 0;
}

int shell_exec_remote(shell *sh, const char *stmt, FILE *out)
{
	bdb_buf url;
	bdb_buf_init(&url);
	cli_server_url(&url, sh->ctx->server, "/api/query?format=");
	bdb_http_put_query_value(&url, sh->format);
	if (url.failed) {
		bdb_buf_free(&url);
		return EXIT_INPUT;
	}
	bdb_http_response r;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = cli_server_send(sh->ctx, bdb_buf_cstr(&url), stmt, strlen(stmt),
				 "text/plain; charset=utf-8", &r, &d);
	bdb_buf_free(&url);
	int code =
	    cli_server_failure("--server", sh->ctx->server, rc, &d, &r, sh->ctx->token != NULL);
	if (code < 0 && r.status == 400)
		code = remote_query_error(sh, &r);
	else if (code < 0 && r.status != 200) {
		char *msg = cli_server_field(&r, "error");
		cli_error("--server: %s answered %u%s%s", cli_server_shown(sh->ctx->server),
			  r.status, msg ? ": " : "", msg ? msg : "");
		free(msg);
		code = EXIT_SERVER;
	} else if (code < 0 && !statement_answer(&r)) {
		/* a wrong URL, a proxy's page, another service's JSON: not an
		 * answer to print */
		cli_error("--server: %s answered %u without benchdb's answer to a statement (is it "
			  "benchdb serve?)",
			  cli_server_shown(sh->ctx->server), r.status);
		code = EXIT_SERVER;
	} else if (code < 0) {
		code = EXIT_OK;
		/* the answer's format is its own (`as csv`): JSON, or lines
		 * ended by CRLF (CSV) or LF */
		shell_separate_result(sh, out,
				      strncmp(r.content_type, "application/json", 16) == 0 ? ""
				      : r.body.len >= 2 && r.body.data[r.body.len - 2] == '\r'
					  ? "\r\n"
					  : "\n");
		/* The notes CSV does not show, on stderr as a local store
		 * writes them (bridge.c), their control characters as '?'. */
		fflush(stdout);
		for (char *p = (char *)bdb_buf_cstr(&r.notes), *nl; *p; p = nl + 1) {
			nl = strchr(p, '\n'); /* take_benchdb_answer ends each with one */
			*nl = '\0';
			fputs("benchdb: note: ", stderr);
			cli_put_text(stderr, p, false);
			fputc('\n', stderr);
		}
		if ((r.body.len && fwrite(r.body.data, 1, r.body.len, out) != r.body.len) ||
		    fflush(out) != 0) {
			if (errno != EPIPE) { /* EPIPE: the reader left (| head) */
				cli_error("cannot write the result: %s", strerror(errno));
				code = EXIT_INPUT;
			}
			clearerr(out);
		}
	}
	if (!rc)
		bdb_http_response_free(&r);
	return code;
}
