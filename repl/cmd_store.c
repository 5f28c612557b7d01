/* cmd_store.c - subcommands over the store itself: baseline, verify, stats,
 * backup, compact. (Run references: bdb_query_resolve_run.) */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char baseline_usage[] =
    "usage: benchdb baseline [list] [--json]          all baselines and their runs\n"
    "       benchdb baseline set NAME [RUN]     point baseline NAME at RUN (default latest)\n"
    "       benchdb baseline drop NAME          remove baseline NAME\n"
    "       benchdb baseline [--data DIR] --run latest|ID   benchkit's form: sets 'main'\n"
    "\n"
    "With no arguments, lists the baselines (as 'git branch' does; with none, a\n"
    "note on standard error says how to set one); it never moves one. RUN is a\n"
    "run reference of the query language: latest, latest~N, 'latest on branch B',\n"
    "a run id ('run ID'), baseline[:NAME], commit:PREFIX ('commit PREFIX') or a\n"
    "date.\n";

/* Sets baseline name to ref; prints benchkit's line "Baseline set to run ID". */
static int baseline_set(cli_ctx *ctx, const char *name, const char *ref)
{
	bdb_store *store;
	int code = cli_open_store(ctx, false, false, &store);
	if (code)
		return code;
	bdb_reader *r;
	bdb_diag d;
	bdb_diag_clear(&d);
	uint64_t seq = 0;
	char id[512] = "";
	int rc = bdb_reader_begin(store, &r);
	if (!rc) {
		rc = bdb_query_resolve_run(r, ref, &seq, &d);
		bdb_run_info info;
		if (!rc && !(rc = bdb_reader_run_info(r, seq, &info)))
			snprintf(id, sizeof id, "%s", info.id);
		bdb_reader_end(r);
	}
	if (!rc)
		rc = bdb_store_set_baseline(store, name, seq);
	if (rc) {
		if (!d.message[0] && rc == BDB_EINVAL)
			bdb_diag_set(&d, rc, NULL, 0, 0,
				     "cannot set baseline: a name is non-empty UTF-8 text");
		if (!d.message[0])
			bdb_diag_set(&d, rc, bdb_store_path(store), 0, 0,
				     "cannot set baseline: %s; the store is unchanged",
				     bdb_store_write_error(store, rc));
		cli_error_diag(&d);
		bdb_store_close(store);
		return rc == BDB_ENOTFOUND ? EXIT_INPUT : cli_exit_code(rc);
	}
	/* The run's id as text (a results file may give it a line break: the
	 * CI log read the rest as a line of its own, "::error::..."). */
	if (strcmp(name, "main") == 0)
		printf("Baseline set to run ");
	else
		printf("Baseline %s set to run ", name);
	cli_put_text(stdout, id, false);
	putchar('\n');
	bdb_store_close(store);
	return EXIT_OK;
}

static int baseline_list(cli_ctx *ctx)
{
	if (ctx->json) {
		shell_options opt = {.format = bdb_output_format_name(BDB_OUTPUT_JSON)};
		return shell_run_string(ctx, "show baselines", &opt);
	}
	bdb_store *store;
	int code = cli_open_store(ctx, false, true, &store);
	if (code)
		return code;
	bdb_reader *r;
	bdb_baseline_info *list = NULL;
	size_t n = 0;
	int rc = bdb_reader_begin(store, &r);
	if (!rc) {
		rc = bdb_reader_list_baselines(r, &list, &n);
		for (size_t i = 0; !rc && i < n; i++) {
			bdb_run_info info;
			if (bdb_reader_run_info(r, list[i].seq, &info) != 0)
				continue;
			/* NAME<TAB>RUN, one a line, whatever the names hold */
			cli_put_text(stdout, list[i].name, false);
			putchar('\t');
			cli_put_text(stdout, info.id, false);
			putchar('\n');
		}
		free(list);
		bdb_reader_end(r);
	}
	bdb_store_close(store);
	/* Standard output stays empty (scripts read it); say why on stderr. */
	if (!rc && n == 0)
		fprintf(stderr,
			"benchdb: note: no baselines yet; set one with 'benchdb baseline set "
			"main RUN' (RUN: latest, a run id, commit:PREFIX, ...)\n");
	if (rc) {
		cli_error("cannot list baselines: %s", bdb_strerror(rc));
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

static int baseline_drop(cli_ctx *ctx, const char *name)
{
	bdb_store *store;
	int code = cli_open_store(ctx, false, false, &store);
	if (code)
		return code;
	int rc = bdb_store_drop_baseline(store, name);
	if (rc && rc != BDB_ENOTFOUND)
		cli_error("%s: cannot drop baseline '%s': %s; the store is unchanged",
			  bdb_store_path(store), name, bdb_store_write_error(store, rc));
	bdb_store_close(store);
	if (rc == BDB_ENOTFOUND) {
		cli_error("no baseline named '%s'", name);
		return EXIT_INPUT;
	}
	if (rc)
		return EXIT_INPUT;
	printf("Dropped baseline %s\n", name);
	return EXIT_OK;
}

int cmd_baseline(cli_ctx *ctx, int argc, char **argv)
{
	const char *positional[3], *run_opt = NULL;
	const cli_opt opts[] = {
	    {"--run", &run_opt, NULL}, {"--json", NULL, &ctx->json}, {NULL, NULL, NULL}};
	int npos,
	    code = cli_parse_args(ctx, argc, argv, baseline_usage, opts, positional, 3, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	if (npos == 0 && run_opt)
		return baseline_set(ctx, "main", run_opt); /* benchkit's form */
	if (npos == 0)
		return baseline_list(ctx);
	const char *verb = positional[0];
	if (npos >= 2 && !cli_text_ok("baseline: NAME", positional[1]))
		return EXIT_USAGE;
	if (strcmp(verb, "set") == 0 && npos == 3 && run_opt)
		return cli_usage_error("baseline", "give RUN or --run RUN, not both");
	if (strcmp(verb, "set") == 0 && (npos == 2 || npos == 3))
		return baseline_set(ctx, positional[1],
				    npos == 3 ? positional[2]
				    : run_opt ? run_opt
					      : "latest");
	if (strcmp(verb, "list") == 0 && npos == 1)
		return baseline_list(ctx);
	if (strcmp(verb, "drop") == 0 && npos == 2)
		return baseline_drop(ctx, positional[1]);
	return cli_usage_error("baseline", "expected 'set NAME [RUN]', 'list' or 'drop NAME'");
}

static void print_problem(void *ctx, const char *problem)
{
	(void)ctx;
	printf("problem: %s\n", problem);
}

int cmd_verify(cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
	    "usage: benchdb verify [--db DIR] [--changes]\n"
	    "\n"
	    "Walks the whole store: verifies every stored run and checks that every\n"
	    "index entry points at something that exists and that every run's\n"
	    "observations are indexed, and that every series' persisted change points\n"
	    "cover its observations. Prints each problem; exit 0 when clean, 3 otherwise.\n"
	    "  --changes  also recompute every series' change points from scratch and\n"
	    "             compare (seconds per thousand series of a thousand runs)\n";
	bool changes = false;
	const cli_opt opts[] = {{"--changes", NULL, &changes}, {NULL, NULL, NULL}};
	/* No --json: verify writes no JSON, and an ignored option is refused. */
	int npos, code = cli_parse_args(ctx, argc, argv, usage, opts, NULL, 0, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	bdb_store *store;
	code = cli_open_store(ctx, false, true, &store);
	if (code)
		return code;
	size_t problems = 0, lock_problems = 0;
	bdb_verify_counts st;
	bdb_store_check_lock_users(store, print_problem, NULL, &lock_problems);
	int rc = bdb_store_verify_counted(store, print_problem, NULL, &problems, &st);
	problems += lock_problems;
	size_t change_problems = 0;
	/* The persisted change points: each record against its series'
	 * observations (with --changes, against its change points recomputed
	 * from scratch). */
	if (!rc && !problems)
		rc = bdb_query_changes_verify(store, changes, print_problem, NULL, &change_problems,
					      NULL);
	problems += change_problems;
	bdb_store_close(store);
	if (rc) {
		cli_error("verify could not walk the store: %s", bdb_strerror(rc));
		return EXIT_INPUT;
	}
	if (problems) {
		printf("verify: %zu problem(s) found in %s\n", problems, ctx->db_dir);
		return EXIT_INPUT;
	}
	printf("ok: %" PRIu64 " runs, %" PRIu64 " series, %" PRIu64 " observations verified\n",
	       st.runs, st.series, st.observations);
	return EXIT_OK;
}

/* The prologue of a maintenance command without options (reindex,
 * compact): its arguments, then the store opened for writing. EXIT_OK with
 * *store NULL after --help. */
static int open_for_maintenance(cli_ctx *ctx, int argc, char **argv, const char *usage,
				bdb_store **store)
{
	*store = NULL;
	int npos, code = cli_parse_args(ctx, argc, argv, usage, NULL, NULL, 0, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	return cli_open_store(ctx, false, false, store);
}

int cmd_reindex(cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
	    "usage: benchdb reindex [--db DIR]\n"
	    "\n"
	    "Recomputes the persisted change points of every series from scratch, in\n"
	    "one write transaction (docs/storage.md 2.15), and makes the store keep\n"
	    "them: from then on every write extends the touched series' points (about\n"
	    "20 ms of CPU per series each 128 runs of it) and settles their answer\n"
	    "(about 6.5 ms per series), so that `changes` only reads. A store never\n"
	    "reindexed keeps none and ingests at full speed; `changes` answers the\n"
	    "same with or without them, only slower without (seconds per long series).\n";
	bdb_store *store;
	int code = open_for_maintenance(ctx, argc, argv, usage, &store);
	if (code || !store)
		return code;
	size_t n = 0;
	int rc = bdb_query_changes_rebuild(store, &n);
	if (rc)
		cli_error("%s: reindex: %s; the store is unchanged", bdb_store_path(store),
			  bdb_store_write_error(store, rc));
	bdb_store_close(store);
	if (rc)
		return EXIT_INPUT;
	printf("reindexed the change points of %zu series\n", n);
	return EXIT_OK;
}

int cmd_stats(cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
	    "usage: benchdb stats [--db DIR] [--json]\n"
	    "\n"
	    "Runs, series, observations, bytes on disk, bytes per observation,\n"
	    "free pages, map size.\n";
	const cli_opt opts[] = {{"--json", NULL, &ctx->json}, {NULL, NULL, NULL}};
	int npos, code = cli_parse_args(ctx, argc, argv, usage, opts, NULL, 0, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	bdb_store *store;
	code = cli_open_store(ctx, false, true, &store);
	if (code)
		return code;
	struct bdb_store_stats st;
	int rc = bdb_store_stats(store, &st);
	bdb_store_close(store);
	if (rc) {
		cli_error("cannot read store statistics: %s", bdb_strerror(rc));
		return EXIT_INPUT;
	}
	if (ctx->json) {
		printf("{\"runs\": %" PRIu64 ", \"series\": %" PRIu64 ", \"observations\": %" PRIu64
		       ", \"samples\": %" PRIu64 ", \"bytes_on_disk\": %" PRIu64
		       ", \"bytes_used\": %" PRIu64 ", \"bytes_per_observation\": %.2f"
		       ", \"map_size\": %" PRIu64 ", \"free_pages\": %" PRIu64 "}\n",
		       st.runs, st.series, st.observations, st.samples, st.bytes_on_disk,
		       st.bytes_used, st.bytes_per_observation, st.map_size, st.free_pages);
		return EXIT_OK;
	}
	printf("store:                 %s\n", ctx->db_dir);
	printf("runs:                  %" PRIu64 "\n", st.runs);
	printf("series:                %" PRIu64 "\n", st.series);
	printf("observations:          %" PRIu64 "\n", st.observations);
	printf("samples:               %" PRIu64 "\n", st.samples);
	printf("bytes on disk:         %" PRIu64 "\n", st.bytes_on_disk);
	printf("bytes in use:          %" PRIu64 "\n", st.bytes_used);
	printf("free pages:            %" PRIu64 " (%" PRIu64 " bytes; benchdb compact returns them)\n",
	       st.free_pages, st.free_pages * st.page_size);
	printf("bytes per observation: %.2f\n", st.bytes_per_observation);
	printf("map size:              %" PRIu64 "\n", st.map_size);
	return EXIT_OK;
}

int cmd_backup(cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
	    "usage: benchdb backup [--db DIR] DEST\n"
	    "\n"
	    "Writes a compacted, consistent copy of the store into DEST (created; must be\n"
	    "empty). Safe while other processes read and write the store.\n";
	const char *dest[1];
	/* No --json, as for verify. */
	int npos, code = cli_parse_args(ctx, argc, argv, usage, NULL, dest, 1, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	if (npos != 1)
		return cli_usage_error("backup", "expected a destination directory");
	if (!dest[0][0])
		return cli_usage_error("backup", "the destination's path is empty (give the "
						 "directory to copy the store into)");
	bdb_store *store;
	code = cli_open_store(ctx, false, true, &store);
	if (code)
		return code;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_store_backup(store, dest[0], &d);
	bdb_store_close(store);
	if (rc) {
		if (!d.message[0])
			bdb_diag_set(&d, rc, dest[0], 0, 0, "backup failed: %s", bdb_strerror(rc));
		cli_error_diag(&d);
		return EXIT_INPUT;
	}
	printf("Backed up %s to %s\n", ctx->db_dir, dest[0]);
	return EXIT_OK;
}

int cmd_compact(cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
	    "usage: benchdb compact [--db DIR]\n"
	    "\n"
	    "Rewrites data.mdb without its free pages (benchdb stats counts them):\n"
	    "a compacted copy next to it, swapped in atomically. Readers in other\n"
	    "processes keep working and move to the new file at their next\n"
	    "transaction. Refuses (exit 3) while another process is writing.\n";
	bdb_store *store;
	int code = open_for_maintenance(ctx, argc, argv, usage, &store);
	if (code || !store)
		return code;
	bdb_diag d;
	bdb_diag_clear(&d);
	uint64_t before = 0, after = 0;
	int rc = bdb_store_compact(store, &before, &after, &d);
	bdb_store_close(store);
	if (rc) {
		cli_error_diag(&d);
		return EXIT_INPUT;
	}
	printf("Compacted %s: data.mdb %" PRIu64 " -> %" PRIu64 " bytes\n", ctx->db_dir, before,
	       after);
	return EXIT_OK;
}

/* What retain did (or would do): one line per action, then counts. */
typedef struct retain_tally {
	FILE *out;
	const char *prefix; /* before each line */
	size_t dropped, rolled, rollups, samples, folded;
} retain_tally;

static int print_retain_action(void *ctx, const bdb_retain_action *a)
{
	retain_tally *t = ctx;
	char when[64];
	bdb_time_format(a->timestamp_us, when, sizeof when);
	fputs(t->prefix, t->out);
	switch (a->kind) {
	case BDB_RETAIN_NEW_ROLLUP:
		fprintf(t->out, "create rollup %s of %zu runs", a->rollup_id, a->n_runs);
		if (a->n_rollups)
			fprintf(t->out, " (%zu week rollups folded in)", a->n_rollups);
		fputc('\n', t->out);
		t->rollups++;
		break;
	case BDB_RETAIN_ROLLUP_RUN:
		fprintf(t->out, "roll up run %s (branch \"%s\", %s) into %s\n", a->id, a->branch,
			when, a->rollup_id);
		t->rolled++;
		break;
	case BDB_RETAIN_FOLD_ROLLUP:
		fprintf(t->out, "fold rollup %s (branch \"%s\", %s) into %s\n", a->id, a->branch,
			when, a->rollup_id);
		t->folded++;
		break;
	case BDB_RETAIN_DROP_RUN:
		fprintf(t->out, "drop run %s (branch \"%s\", %s)\n", a->id, a->branch, when);
		t->dropped++;
		break;
	case BDB_RETAIN_DROP_SAMPLES:
		fprintf(t->out, "drop samples of run %s (branch \"%s\", %s)\n", a->id, a->branch,
			when);
		t->samples++;
		break;
	}
	return 0;
}

int cli_retain_note(void *ctx, const bdb_retain_action *a)
{
	(void)ctx;
	retain_tally t = {stderr, "benchdb: retain on ingest: ", 0, 0, 0, 0, 0};
	return print_retain_action(&t, a);
}

int cmd_retain(cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
	    "usage: benchdb retain [--db DIR] [--dry-run] [--now TIME]\n"
	    "       benchdb retain [--db DIR] --set POLICY\n"
	    "\n"
	    "Applies the store's retention policy (show it with 'benchdb show retention')\n"
	    "in one write transaction: runs of other branches older than 'keep other'\n"
	    "go, weeks (Monday to Sunday UTC) older than 'rollup week after' and\n"
	    "calendar months (UTC) older than 'rollup month after' become one rollup\n"
	    "run each (per series the median, min, max and count), week rollups fold\n"
	    "into the month of their Thursday, runs older than 'drop samples after'\n"
	    "lose their samples. Runs of kept branches are never dropped (only rolled\n"
	    "up, or thinned of samples); runs a baseline points at or an annotation\n"
	    "applies to are never touched. Prints one line per run. --dry-run prints\n"
	    "the same lines and changes nothing. --now TIME ages runs from TIME\n"
	    "instead of the clock. --set POLICY stores a policy, rules separated by\n"
	    "';' (durations in whole days: Nd, Nw, Ny for N times 365 days), for\n"
	    "example:\n"
	    "  'keep branch \"main\" forever; keep other 90d; drop samples after 30d;\n"
	    "   rollup week after 1y; rollup month after 3y; apply on ingest'\n"
	    "'apply on ingest' applies the policy in every ingest's own transaction\n"
	    "(ingest, import-*, record, POST /api/runs), which then notes each line on\n"
	    "stderr. --set '' removes the policy. Exit 0; 2 for a policy that does not\n"
	    "parse or a bad option; 3 when the store cannot be changed (it is left as\n"
	    "it was).\n";
	const char *policy = NULL, *now_text = NULL;
	bool dry_run = false;
	const cli_opt opts[] = {{"--set", &policy, NULL},
				{"--now", &now_text, NULL},
				{"--dry-run", NULL, &dry_run},
				{NULL, NULL, NULL}};
	int npos, code = cli_parse_args(ctx, argc, argv, usage, opts, NULL, 0, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	int64_t now = (int64_t)time(NULL) * 1000000;
	if (now_text && cli_time_option("retain", "--now", now_text, &now))
		return EXIT_USAGE;
	if (policy && (dry_run || now_text))
		return cli_usage_error("retain", "--set stores a policy; run retain again to apply it");
	bdb_store *store;
	/* A dry run only reads: it works where the store cannot be written. */
	code = cli_open_store(ctx, false, dry_run, &store);
	if (code)
		return code;
	bdb_diag d;
	bdb_diag_clear(&d);
	retain_tally t = {stdout, "", 0, 0, 0, 0, 0};
	int rc = policy ? bdb_store_set_retention(store, policy, &d)
			: bdb_store_retain(store, now, dry_run, print_retain_action, &t, &d);
	/* Without a policy retain does nothing: said, so that a cron job that
	 * forgot --set does not look like one that kept everything on purpose. */
	bdb_reader *r;
	if (!rc && !policy && bdb_reader_begin(store, &r) == 0) {
		bdb_retention p;
		char text[16];
		if (bdb_reader_retention(r, &p) == 0) {
			if (!*bdb_retention_format(&p, text, sizeof text))
				fprintf(stderr,
					"benchdb: note: retain: %s has no retention policy: nothing to "
					"apply (set one with 'benchdb retain --set POLICY')\n",
					ctx->db_dir);
			bdb_retention_free(&p);
		}
		bdb_reader_end(r);
	}
	bdb_store_close(store);
	if (rc) {
		if (!d.message[0])
			bdb_diag_set(&d, rc, NULL, 0, 0, "retain: %s", bdb_strerror(rc));
		cli_error_diag(&d);
		return rc == BDB_EPARSE ? EXIT_USAGE : EXIT_INPUT;
	}
	if (policy)
		printf("Retention policy of %s %s\n", ctx->db_dir, *policy ? "set" : "removed");
	else
	{
		printf("%s%zu runs dropped, %zu runs rolled up into %zu rollups, %zu runs' samples "
		       "dropped",
		       dry_run ? "retain --dry-run (nothing changed): " : "retain: ", t.dropped,
		       t.rolled, t.rollups, t.samples);
		if (t.folded)
			printf(", %zu week rollups folded into months", t.folded);
		putchar('\n');
	}
	return EXIT_OK;
}

int cli_load_run(const cli_ctx *ctx, const char *ref, bdb_run **out)
{
	bdb_store *store;
	*out = NULL;
	int code = cli_open_store(ctx, false, true, &store);
	if (code)
		return code;
	bdb_reader *r = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	uint64_t seq;
	int rc = bdb_reader_begin(store, &r);
	if (!rc)
		rc = bdb_query_resolve_run(r, ref, &seq, &d);
	if (!rc)
		rc = bdb_reader_run_decode(r, seq, out);
	if (r)
		bdb_reader_end(r);
	bdb_store_close(store);
	if (!rc)
		return EXIT_OK;
	if (!d.message[0])
		bdb_diag_set(&d, rc, NULL, 0, 0, "cannot read run '%s': %s", ref, bdb_strerror(rc));
	cli_error_diag(&d);
	/* A reference that does not parse (BDB_EINVAL) is a usage error; one
	 * the store does not have, or a store that cannot be read, is the input's. */
	return cli_exit_code(rc);
}

/* The run of id exactly: its seq and counts, and the baselines on it ("a,
 * b" in names, "" for none). An exit code, the error said. */
static int find_run_to_drop(bdb_store *store, const char *id, uint64_t *seq, bdb_run_info *out,
			    char *names, size_t size)
{
	bdb_reader *r;
	int began = bdb_reader_begin(store, &r), rc = began;
	names[0] = '\0';
	if (!rc)
		rc = bdb_reader_find_id(r, id, seq);
	bdb_run_info info;
	if (!rc)
		rc = bdb_reader_run_info(r, *seq, &info);
	if (!rc)
		*out = (bdb_run_info){.n_points = info.n_points, .n_metrics = info.n_metrics};
	bdb_baseline_info *all = NULL;
	size_t n = 0;
	if (!rc && bdb_reader_list_baselines(r, &all, &n) == 0)
		for (size_t i = 0; i < n; i++)
			if (all[i].seq == *seq)
				snprintf(names + strlen(names), size - strlen(names), "%s%s",
					 names[0] ? ", " : "", all[i].name);
	free(all);
	char rollup[512];
	bool rolled = false;
	if (rc == BDB_ENOTFOUND && !began &&
	    bdb_reader_rolled_into(r, id, rollup, sizeof rollup, &rolled) != 0)
		rolled = false;
	if (!began)
		bdb_reader_end(r);
	if (rc == BDB_ENOTFOUND && !began) {
		fputs("benchdb: error: drop-run: no run with id '", stderr);
		cli_put_text(stderr, id, false);
		if (rolled) { /* its values are the rollup's now */
			fputs("': retain rolled it up into '", stderr);
			cli_put_text(stderr, rollup, false);
			fputs("'; nothing was dropped\n", stderr);
		} else {
			fputs("' (an exact id: 'benchdb show runs' lists them); nothing was "
			      "dropped\n",
			      stderr);
		}
		return EXIT_INPUT;
	}
	if (rc) {
		cli_error("drop-run: cannot read %s: %s", bdb_store_path(store), bdb_strerror(rc));
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

int cmd_drop_run(cli_ctx *ctx, int argc, char **argv)
{
	static const char usage[] =
	    "usage: benchdb drop-run [--db DIR] ID...\n"
	    "\n"
	    "Removes the runs of these exact ids (not references such as latest) and\n"
	    "all of them: their values, their index entries and the baselines set on\n"
	    "them (said). Every id is looked up first: one that names no run is exit 3\n"
	    "and nothing is dropped. All are dropped in one write transaction: killed or\n"
	    "failing (a full disk), it drops none. It also drops a run whose id benchdb\n"
	    "now refuses ('.' or '..', stored by older versions); to keep such a run\n"
	    "under another id: benchdb export . >dot.json && benchdb ingest --id dot\n"
	    "dot.json && benchdb drop-run .\n";
	enum { MAX_IDS = 256 };
	const char *ids[MAX_IDS];
	int npos, code = cli_parse_args(ctx, argc, argv, usage, NULL, ids, MAX_IDS, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	if (npos == 0)
		return cli_usage_error("drop-run", "expected the id of the run to drop");
	bdb_store *store;
	code = cli_open_store(ctx, false, false, &store);
	if (code)
		return code;
	uint64_t seqs[MAX_IDS];
	bdb_run_info infos[MAX_IDS] = {0}; /* find_run_to_drop fills each */
	const char *dropped[MAX_IDS]; /* the id of each run, as given first */
	char(*names)[256] = malloc(MAX_IDS * sizeof *names);
	size_t n = 0;
	if (!names) {
		cli_error("drop-run: %s", bdb_strerror(BDB_ENOMEM));
		code = EXIT_INPUT;
	}
	/* Every id looked up first; the same run named twice is dropped once. */
	for (int i = 0; !code && i < npos; i++) {
		code =
		    find_run_to_drop(store, ids[i], &seqs[n], &infos[n], names[n], sizeof names[n]);
		bool again = false;
		for (size_t j = 0; j < n; j++)
			again = again || seqs[j] == seqs[n];
		if (!code && !again)
			dropped[n++] = ids[i];
	}
	/* One transaction: killed or failing (a full disk), nothing is dropped. */
	int rc = code ? 0 : bdb_store_delete_runs(store, seqs, n);
	if (rc) {
		cli_error("drop-run: %s: %s; nothing was dropped", bdb_store_path(store),
			  bdb_store_write_error(store, rc));
		code = EXIT_INPUT;
	}
	for (size_t i = 0; !code && i < n; i++) {
		fputs("Dropped run ", stdout);
		cli_put_text(stdout, dropped[i], false);
		printf(" (%u point%s, %u metric%s)", infos[i].n_points,
		       infos[i].n_points == 1 ? "" : "s", infos[i].n_metrics,
		       infos[i].n_metrics == 1 ? "" : "s");
		if (names[i][0]) {
			fputs("; dropped with it, the baseline(s) on it: ", stdout);
			cli_put_text(stdout, names[i], false);
		}
		putchar('\n');
	}
	free(names);
	bdb_store_close(store);
	return code;
}
