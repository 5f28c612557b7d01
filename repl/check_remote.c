/*
 * check_remote.c - the CI gate on a server's store (docs/api.md, GET
 * /api/check): `benchdb --server URL check ...` sends check's options, and
 * `benchdb serve` runs its own program's `check` on its store with them,
 * read-only, and answers what it printed and its exit code. One gate: the
 * server runs the code a local `check` runs, so the bytes are the same.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

extern char **environ;

/* The options of check a server runs, by parameter name (the option
 * without its "--"); flags take the value "1". Options that name local
 * files (--chart-dir) or the store (--db, --data) are not among them. */
static const struct {
	const char *name;
	bool flag;
} check_params[] = {
    {"baseline", false}, {"against-branch", false}, {"run", false},
    {"commit", false},	 {"threshold", false},	    {"using", false},
    {"format", false},	 {"strict", true},	    {"allow-missing-baseline", true},
};

/* ---- the server's side -------------------------------------------------- */

/* Reads what fd has into b; false at its end (or an error). */
static bool take_output(int fd, bdb_buf *b)
{
	char chunk[16384];
	ssize_t n = read(fd, chunk, sizeof chunk);
	if (n > 0)
		bdb_buf_append(b, chunk, (size_t)n);
	return n > 0 || (n < 0 && (errno == EINTR || errno == EAGAIN));
}

/*
 * Runs argv (this program) with its standard output and error into out,
 * until it ends, *cancel turns non-zero (BDB_ECANCELLED) or what it wrote
 * passes max bytes (BDB_ETOOBIG): then it is killed. Its exit code, 0 to
 * 3, goes to out->exit_code; another end is BDB_EIO (d says how).
 */
static int run_gate(char *const *argv, volatile sig_atomic_t *cancel, size_t max,
		    bdb_serve_checked *out, bdb_diag *d)
{
	int o[2] = {-1, -1}, e[2] = {-1, -1};
	if (cli_pipe_cloexec(o) != 0 || cli_pipe_cloexec(e) != 0) {
		int err = errno;
		for (int i = 0; i < 2; i++) {
			if (o[i] >= 0)
				close(o[i]);
			if (e[i] >= 0)
				close(e[i]);
		}
		return bdb_diag_set(d, BDB_EIO, NULL, 0, 0, "check: pipe: %s", strerror(err));
	}
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, o[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, e[1], STDERR_FILENO);
	/* The server blocks its stop signals and ignores SIGPIPE: the gate
	 * starts as a command from a shell does. */
	sigset_t none, dfl;
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGHUP);
	posix_spawnattr_init(&at);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dfl);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	pid_t pid;
	int err = posix_spawn(&pid, "/proc/self/exe", &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(o[1]);
	close(e[1]);
	int rc = 0;
	if (err) {
		close(o[0]);
		close(e[0]);
		return bdb_diag_set(d, BDB_EIO, NULL, 0, 0, "check: cannot start the gate: %s",
				    strerror(err));
	}
	struct pollfd fds[2] = {{o[0], POLLIN, 0}, {e[0], POLLIN, 0}};
	bdb_buf *bufs[2] = {&out->out, &out->err};
	while (fds[0].fd >= 0 || fds[1].fd >= 0) {
		if (cancel && *cancel) {
			rc = BDB_ECANCELLED;
			break;
		}
		if (out->out.len + out->err.len > max) {
			rc = bdb_diag_set(d, BDB_ETOOBIG, NULL, 0, 0,
					  "the check's answer passed the server's --max-answer "
					  "(%zu bytes)",
					  max);
			break;
		}
		if (poll(fds, 2, 20) < 0 && errno != EINTR) {
			rc = bdb_diag_set(d, BDB_EIO, NULL, 0, 0, "check: poll: %s",
					  strerror(errno));
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			if (!take_output(fds[i].fd, bufs[i])) {
				close(fds[i].fd);
				fds[i].fd = -1;
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	if (rc)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (rc)
		return rc;
	if (WIFEXITED(status) && WEXITSTATUS(status) <= EXIT_INPUT) {
		out->exit_code = WEXITSTATUS(status);
		return 0;
	}
	return bdb_diag_set(d, BDB_EIO, NULL, 0, 0, "check: the gate ended with %s %d",
			    WIFEXITED(status) ? "exit code" : "signal",
			    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}

int cli_serve_check(void *ctx, const bdb_serve_param *params, size_t n,
		    volatile sig_atomic_t *cancel, size_t max_answer, bdb_serve_checked *out,
		    bdb_diag *d)
{
	const cli_ctx *cli = ctx;
	enum { FIXED = 4 }; /* benchdb --db DIR check */
	char *argv[FIXED + 64 + 1] = {"benchdb", "--db", (char *)cli->db_dir, "check"};
	bdb_buf args[64];
	size_t k = 0;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		size_t j = 0, count = sizeof check_params / sizeof *check_params;
		while (j < count && strcmp(check_params[j].name, params[i].name) != 0)
			j++;
		if (j == count || k == 64)
			rc = bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
					  "check does not take the parameter '%.64s' (docs/api.md, "
					  "GET /api/check)",
					  params[i].name);
		else if (check_params[j].flag && strcmp(params[i].value, "1") != 0)
			rc = bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0, "%s: expected 1",
					  check_params[j].name);
		if (rc)
			break;
		/* --NAME=VALUE: a value that starts with '-' stays a value. */
		bdb_buf_init(&args[k]);
		bdb_buf_printf(&args[k], "--%s", check_params[j].name);
		if (!check_params[j].flag)
			bdb_buf_printf(&args[k], "=%s", params[i].value);
		if (args[k].failed)
			rc = BDB_ENOMEM;
		argv[FIXED + k] = args[k].data;
		k++;
	}
	argv[FIXED + k] = NULL;
	if (!rc)
		rc = run_gate(argv, cancel, max_answer, out, d);
	for (size_t i = 0; i < k; i++)
		bdb_buf_free(&args[i]);
	return rc;
}

/* ---- the client's side -------------------------------------------------- */

int cli_check_remote(const cli_ctx *ctx, const bdb_serve_param *params, size_t n, bool *answered)
{
	*answered = false;
	bdb_buf url;
	bdb_buf_init(&url);
	cli_server_url(&url, ctx->server, "/api/check");
	for (size_t i = 0; i < n; i++) {
		bdb_buf_printf(&url, "%c%s=", i ? '&' : '?', params[i].name);
		bdb_http_put_query_value(&url, params[i].value);
	}
	if (url.failed) {
		bdb_buf_free(&url);
		cli_error("check: out of memory");
		return EXIT_INPUT;
	}
	bdb_http_response r;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = cli_server_send(ctx, bdb_buf_cstr(&url), NULL, 0, NULL, &r, &d);
	bdb_buf_free(&url);
	int code = cli_server_failure("check", ctx->server, rc, &d, &r, ctx->token != NULL);
	if (code >= 0) {
		if (!rc)
			bdb_http_response_free(&r);
		return code;
	}
	const char *server = cli_server_shown(ctx->server);
	json_error_t err;
	json_t *root = r.status == 200 && strncmp(r.content_type, "application/json", 16) == 0
			   ? json_loadb(r.body.data ? r.body.data : "", r.body.len, 0, &err)
			   : NULL;
	json_t *exit_code = json_object_get(root, "exit");
	const char *out = json_string_value(json_object_get(root, "stdout"));
	const char *errors = json_string_value(json_object_get(root, "stderr"));
	code = EXIT_SERVER;
	if (r.status == 404) {
		cli_error("check: %s answered 404: it runs no check (a benchdb serve older than "
			  "this benchdb?)",
			  server);
	} else if (r.status != 200) {
		char *msg = cli_server_field(&r, "error");
		cli_error("check: %s answered %u%s%s", server, r.status, msg ? ": " : "",
			  msg ? msg : "");
		free(msg);
	} else if (!json_is_integer(exit_code) || json_integer_value(exit_code) < EXIT_OK ||
		   json_integer_value(exit_code) > EXIT_INPUT || !out || !errors) {
		cli_error("check: %s answered %u without benchdb's answer to check (is it benchdb "
			  "serve?)",
			  server, r.status);
	} else {
		/* What the gate printed, as it printed it; control characters
		 * as '?' (a server's answer sends no escape to the terminal),
		 * which the gate's own output does not hold. */
		*answered = true;
		code = (int)json_integer_value(exit_code);
		cli_put_text(stdout, out, true);
		fflush(stdout);
		cli_put_text(stderr, errors, true);
	}
	json_decref(root);
	bdb_http_response_free(&r);
	return code;
}
