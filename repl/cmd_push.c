/* cmd_push.c - `benchdb push`: result files uploaded to `benchdb serve`
 * (POST /api/runs, docs/api.md), one request per file, from a CI job on
 * another machine. The options and the exit codes are ingest's; the store
 * is the server's. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "ingest.h"

static const char push_usage[] =
    "usage: benchdb push --server URL [--token-file F] [--format F] [--commit SHA]\n"
    "                    [--branch B] [--timestamp T] [--tag K=V]... [--id ID]\n"
    "                    [--no-env] [-q] FILE|-...\n"
    "       benchdb --server URL [--token-file F] push [OPTIONS] FILE|-...\n"
    "\n"
    "Uploads each result file (or '-' for standard input) to 'benchdb serve' at\n"
    "URL, which stores it as one run, atomically, as 'benchdb ingest' does (POST\n"
    "/api/runs, one request per file). A Criterion.rs tree (target/criterion, a\n"
    "directory) is read here as ingest reads it and sent as that run's benchkit\n"
    "JSON. A file without a time of its own gets its modification time. The\n"
    "options are ingest's:\n"
    "\n"
    "  --token-file F  the server's bearer token (the first line of F); without\n"
    "                  it, $BENCHDB_TOKEN\n"
    "  --format F      force the format (default: detected by the server)\n"
    "  --commit, --branch, --timestamp, --id   override what the file says\n"
    "  --commit auto   the commit of 'git rev-parse HEAD'\n"
    "  --branch auto   the branch git has checked out\n"
    "  --no-env        do not take the commit and branch from the CI environment\n"
    "                  (GITHUB_SHA, CI_COMMIT_SHA, ... when the file has none)\n"
    "  --tag K=V       add a tag to every point (repeatable)\n"
    "  -q, --quiet     print errors only\n"
    "\n"
    "Prints 'Pushed run ID (N points, M metrics)' per stored run, or 'Run ID is\n"
    "already stored, unchanged (...)'. A file the server refuses stores nothing\n"
    "and the other files are still pushed. Nothing is stored locally: --db or\n"
    "--data is exit 2 ('benchdb --db DIR ingest FILE' stores into DIR).\n"
    "Exit codes: 0 every file stored; 2 usage; 3 a file was refused (bad input,\n"
    "shown as FILE:LINE:COL: what, or a different run under its id); 4 the\n"
    "server did not answer, refused the token (401, 403) or failed (5xx): no\n"
    "further file is sent.\n";

#define MAX_TAGS 64

/* What every request of one push carries. */
typedef struct push_job {
	const cli_ctx *ctx;
	const char *format, *timestamp;
	cli_run_meta meta;
	const char *tags[MAX_TAGS];
	size_t n_tags;
	bool quiet;
} push_job;

/* The URL of POST /api/runs with the job's parameters. */
static void upload_url(const push_job *job, const char *format, const char *file_time,
		       bdb_buf *url)
{
	cli_server_url(url, job->ctx->server, "/api/runs");
	const struct {
		const char *name, *value;
	} params[] = {
	    {"format", format},
	    {"id", job->meta.id},
	    {"commit", job->meta.commit},
	    {"branch", job->meta.branch},
	    {"timestamp", job->timestamp},
	    {"default_commit", job->meta.ci_commit},
	    {"default_branch", job->meta.ci_branch},
	    {"file_time", file_time},
	};
	char sep = '?';
	for (size_t i = 0; i < sizeof params / sizeof *params; i++) {
		if (!params[i].value)
			continue;
		bdb_buf_printf(url, "%c%s=", sep, params[i].name);
		bdb_http_put_query_value(url, params[i].value);
		sep = '&';
	}
	for (size_t i = 0; i < job->n_tags; i++) {
		bdb_buf_printf(url, "%ctag=", sep);
		bdb_http_put_query_value(url, job->tags[i]);
		sep = '&';
	}
}

/*
 * A directory of results (a Criterion.rs target/criterion tree, which is
 * not one file): read here as `benchdb ingest DIR` reads it and sent as the
 * benchkit Run JSON of that run (which reads back to the same run). Prints
 * the error itself; returns an exit code.
 */
static int read_tree(const push_job *job, const char *path, bdb_buf *b)
{
	bdb_input_format format = BDB_INPUT_AUTO;
	if (job->format)
		(void)bdb_format_parse(job->format, &format); /* checked with the options */
	if (format == BDB_INPUT_AUTO && !bdb_is_criterion_tree(path)) {
		cli_error("push: %s is a directory but not a Criterion tree (no */new/estimates.json): "
			  "give the result files in it",
			  path);
		return EXIT_USAGE;
	}
	bdb_ingest_options opt;
	bdb_ingest_options_init(&opt);
	bdb_run *run = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_ingest_path(path, format, &opt, &run, NULL, &d);
	if (!rc)
		rc = bdb_export_benchkit(run, b);
	bdb_run_free(run);
	if (rc) {
		if (d.message[0])
			cli_error_diag(&d);
		else
			cli_error("push: %s: %s", path, bdb_strerror(rc));
		return rc == BDB_ENOMEM ? EXIT_INPUT : cli_exit_code(rc);
	}
	return EXIT_OK;
}

/* Reads path ("-": standard input) whole into b, as ingest reads an input
 * (bdb_input_read: at most 1 GiB), and a regular file's modification time
 * into file_time (else ""); a directory as read_tree, *format then
 * "benchkit". Prints the error itself. */
static int read_input(const push_job *job, const char *path, bdb_buf *b, const char **format,
		      char *file_time, size_t size)
{
	struct stat st;
	*file_time = '\0';
	*format = job->format;
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			*format = "benchkit";
			return read_tree(job, path, b);
		}
		if (S_ISREG(st.st_mode))
			bdb_time_format((int64_t)st.st_mtim.tv_sec * 1000000 +
					    st.st_mtim.tv_nsec / 1000,
					file_time, size);
	}
	/* An endless input (a pipe that never ends, /dev/zero) was read on
	 * after memory ran out, for ever. */
	char *data = NULL;
	size_t len = 0;
	bdb_diag d;
	int rc = bdb_input_read(path, &data, &len, &d);
	if (!rc)
		bdb_buf_append(b, data, len);
	free(data);
	if (rc == BDB_ENOMEM || (!rc && b->failed)) {
		cli_error("push: cannot read %s: %s", path, bdb_strerror(BDB_ENOMEM));
		return EXIT_INPUT;
	}
	if (rc) {
		char why[1200];
		cli_error("push: %s", bdb_diag_format(&d, why, sizeof why));
		return EXIT_INPUT;
	}
	if (b->len == 0) {
		cli_error("push: %s is empty", path);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

/* A refused upload's error, with the server's "upload:L:C: what" said of
 * path, as ingest says it of the file: "results.json:12:7: what"; an
 * answer without benchdb's error (a proxy's page) by its status. size: the
 * bytes sent. */
static void refused(const char *path, size_t size, const char *server, const bdb_http_response *r)
{
	char *msg = cli_server_field(r, "error");
	if (!msg)
		cli_error("%s: %s answered %u without benchdb's answer (a proxy's limit?)", path,
			  cli_server_shown(server), r->status);
	else if (strncmp(msg, "upload:", 7) == 0)
		cli_error("%s:%s", path, msg + 7);
	else if (strcmp(msg, "upload") == 0)
		cli_error("%s", path);
	else
		cli_error("%s: %s", path, msg);
	if (r->status == 409)
		fprintf(stderr, "benchdb: hint: give another --id, or replace the run where the "
				"store is (ingest --replace)\n");
	/* "the request body is too large" said neither how large nor what
	 * sets the limit (a proxy's own page: its limit, said above). */
	if (r->status == 413 && msg)
		fprintf(
		    stderr,
		    "benchdb: hint: it is %zu bytes, more than the server takes ('benchdb serve "
		    "--max-body BYTES' sets that, 64 MiB unless given)\n",
		    size);
	free(msg);
}

/* Pushes one file; returns an exit code. */
static int push_file(const push_job *job, const char *path)
{
	bdb_buf body, url;
	bdb_buf_init(&body);
	bdb_buf_init(&url);
	char file_time[64];
	const char *format;
	int code = read_input(job, path, &body, &format, file_time, sizeof file_time);
	if (code)
		goto done;
	upload_url(job, format, *file_time ? file_time : NULL, &url);
	if (url.failed) {
		code = EXIT_INPUT;
		goto done;
	}
	bdb_http_response r;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = cli_server_send(job->ctx, bdb_buf_cstr(&url), body.data, body.len,
				 "application/octet-stream", &r, &d);
	code = cli_server_failure("push", job->ctx->server, rc, &d, &r, job->ctx->token != NULL);
	if (code >= 0)
		goto done_answer;
	if (r.status == 200 || r.status == 201) {
		json_t *root = json_loadb(r.body.data ? r.body.data : "", r.body.len, 0, NULL);
		const char *id = json_string_value(json_object_get(root, "id"));
		json_int_t points = json_integer_value(json_object_get(root, "points"));
		json_int_t metrics = json_integer_value(json_object_get(root, "metrics"));
		const char *outcome = json_string_value(json_object_get(root, "outcome"));
		code = EXIT_OK;
		if (!id || !outcome ||
		    strcmp(outcome, r.status == 201 ? "stored" : "unchanged") != 0) {
			/* a wrong URL, a proxy's page: nothing says the run is stored */
			cli_error("push: %s answered %u without benchdb's answer to an upload (is "
				  "it benchdb serve?); the run may not be stored",
				  cli_server_shown(job->ctx->server), r.status);
			code = EXIT_SERVER;
		} else if (!job->quiet) { /* the id: the file's, as the server read it */
			fputs(r.status == 201 ? "Pushed run " : "Run ", stdout);
			cli_put_text(stdout, id, false);
			printf("%s (%lld points, %lld metrics)\n",
			       r.status == 201 ? "" : " is already stored, unchanged",
			       (long long)points, (long long)metrics);
		}
		json_decref(root);
	} else if (r.status == 400 || r.status == 409 || r.status == 413) {
		refused(path, body.len, job->ctx->server, &r);
		code = EXIT_INPUT;
	} else {
		char *msg = cli_server_field(&r, "error");
		cli_error("push: %s answered %u%s%s", cli_server_shown(job->ctx->server), r.status,
			  msg ? ": " : "", msg ? msg : "");
		free(msg);
		code = EXIT_SERVER;
	}
done_answer:
	if (!rc)
		bdb_http_response_free(&r);
done:
	bdb_buf_free(&body);
	bdb_buf_free(&url);
	return code;
}

int cmd_push(cli_ctx *ctx, int argc, char **argv)
{
	push_job job = {.ctx = ctx};
	const char *token_file = NULL;
	const char **files = calloc((size_t)argc, sizeof *files);
	char *tag_copies[MAX_TAGS];
	bdb_kv tag;
	size_t n_copies = 0;
	int n_files = 0, code = EXIT_OK;
	if (!files)
		return EXIT_INPUT;
	bool options_ended = false;
	for (int i = 1; i < argc; i++) {
		const char *v, *arg = argv[i];
		bool bad = false;
		if (!options_ended && strcmp(arg, "--") == 0) {
			options_ended = true; /* the rest are files, '-x.json' too */
			continue;
		}
		if (options_ended) {
			files[n_files++] = arg;
			continue;
		}
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(push_usage, stdout);
			goto out;
		}
		if (cli_opt_value(argc, argv, &i, "--server", &v, &bad)) {
			/* given before the word too (benchdb --server URL push) */
			if (!bad && ctx->server && strcmp(ctx->server, v) != 0) {
				code = cli_usage_error("push", "--server given twice, with two "
							       "addresses; give one");
				goto out;
			}
			ctx->server = v;
		} else if (cli_opt_value(argc, argv, &i, "--db", &v, &bad) ||
			   cli_opt_value(argc, argv, &i, "--data", &v, &bad)) {
			ctx->db_given = true; /* refused below, with the global one */
		} else if (cli_opt_value(argc, argv, &i, "--token-file", &v, &bad)) {
			token_file = v;
		} else if (cli_opt_value(argc, argv, &i, "--format", &v, &bad)) {
			bdb_input_format f;
			if (!bad && bdb_format_parse(v, &f)) {
				cli_error("push: unknown format '%s' (expected auto, %s)", v,
					  bdb_format_list());
				code = EXIT_USAGE;
				goto out;
			}
			job.format = v;
		} else if (cli_run_meta_option(argc, argv, &i, &job.meta, &bad)) {
			/* --id, --commit, --branch, --no-env: resolved below */
		} else if (cli_opt_value(argc, argv, &i, "--timestamp", &v, &bad)) {
			int64_t us;
			if (!bad && cli_time_option("push", "--timestamp", v, &us)) {
				code = EXIT_USAGE;
				goto out;
			}
			job.timestamp = v;
		} else if (cli_opt_value(argc, argv, &i, "--tag", &v, &bad)) {
			if (!bad && job.n_tags == MAX_TAGS) {
				cli_error("push: at most %d --tag options", MAX_TAGS);
				code = EXIT_USAGE;
				goto out;
			}
			/* Checked as ingest checks it; sent as it was given. */
			if (!bad && (code = cli_tag_parse("push", v, &tag, &tag_copies[n_copies])))
				goto out;
			if (!bad) {
				n_copies++;
				job.tags[job.n_tags++] = v;
			}
		} else if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
			job.quiet = true;
		} else if (arg[0] == '-' && arg[1]) {
			code = cli_unknown_option("push", push_usage, arg);
			goto out;
		} else {
			files[n_files++] = arg;
		}
		if (bad) {
			code = EXIT_USAGE;
			goto out;
		}
	}
	if (ctx->db_given) {
		code =
		    cli_usage_error("push", "--db and --data name a local store, but push sends "
					    "the files to the server's store (--server URL): give "
					    "no --db or --data (benchdb --db DIR ingest FILE "
					    "stores them in DIR)");
		goto out;
	}
	if (!ctx->server) {
		code = cli_usage_error("push", "expected --server URL (the 'benchdb serve' to "
					       "upload to)");
		goto out;
	}
	const char *fault = cli_server_url_fault(ctx->server);
	if (fault) {
		code = cli_usage_error("push", "--server: %s, got '%s'", fault,
				       cli_server_shown(ctx->server));
		goto out;
	}
	if (n_files == 0) {
		code = cli_usage_error("push", "expected a result file or '-'");
		goto out;
	}
	if (job.meta.id && n_files > 1) {
		cli_error("push: --id names one run, but %d files were given", n_files);
		code = EXIT_USAGE;
		goto out;
	}
	if ((code = cli_inputs_check("push", files, n_files)) != 0)
		goto out;
	if ((code = cli_run_meta_resolve("push", &job.meta)) != 0)
		goto out;
	/* A --token-file before the word was read already ($BENCHDB_TOKEN
	 * does not override it). */
	if ((token_file || !ctx->token) && (code = cli_client_token(ctx, "push", token_file)) != 0)
		goto out;
	for (int f = 0; f < n_files; f++) {
		int c = push_file(&job, files[f]);
		if (c > code)
			code = c;
		if (c == EXIT_SERVER || c == EXIT_USAGE)
			break; /* the next files would meet the same */
	}
out:
	for (size_t t = 0; t < n_copies; t++)
		free(tag_copies[t]);
	free(files);
	return code;
}
