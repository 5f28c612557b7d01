/*
 * exec.c - running statements: the library entry points of query.h, the
 * dispatch to each statement's executor, run references and the errors
 * that name things in the store.
 */
#include "exec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bdb__exec_check_cancel(bdb__exec *ex)
{
	if (ex->opt && ex->opt->cancel && *ex->opt->cancel)
		return bdb_diag_set(ex->d, BDB_ECANCELLED, NULL, 0, 0, "query cancelled");
	return 0;
}

int bdb__exec_error(bdb__exec *ex, bdb__span span, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return bdb__query_error(ex->d, ex->text, ex->len, span.start, span.end, "%s", msg);
}

int bdb__exec_store_error(bdb__exec *ex, int rc, const char *doing)
{
	return bdb_diag_set(ex->d, rc, NULL, 0, 0, "%s: %s", doing, bdb_strerror(rc));
}

int bdb__exec_write_error(bdb__exec *ex, int rc, const char *doing)
{
	return bdb_diag_set(ex->d, rc, bdb_store_path(ex->store), 0, 0,
			    "%s: %s; the store is unchanged", doing,
			    bdb_store_write_error(ex->store, rc));
}

/* ------------------------------------------------------------------------ */
/* Suggestions from the store                                                */
/* ------------------------------------------------------------------------ */

typedef struct term_offer {
	bdb__suggest *s;
	size_t skip;   /* prefix length */
	bool key_only; /* "t:" terms: offer the key before '=' */
} term_offer;

static int offer_term(void *ctx, const char *term, size_t len)
{
	term_offer *o = ctx;
	const char *w = term + o->skip;
	size_t n = len - o->skip;
	if (o->key_only) {
		const char *eq = memchr(w, '=', n);
		if (eq)
			n = (size_t)(eq - w);
	}
	bdb__suggest_offer(o->s, w, n);
	return 0;
}

void bdb__suggest_term(bdb__exec *ex, const char *prefix, const char *word, char *hint, size_t size)
{
	bdb__suggest s;
	bdb__suggest_init(&s, word);
	term_offer o = {&s, strlen(prefix), strcmp(prefix, "t:") == 0};
	if (ex->rd)
		bdb_reader_terms(ex->rd, prefix, offer_term, &o);
	bdb__suggest_hint(&s, hint, size);
}

typedef struct term_list {
	size_t skip; /* prefix length */
	size_t n;    /* terms seen */
	bdb_buf names;
} term_list;

static int list_term(void *ctx, const char *term, size_t len)
{
	term_list *l = ctx;
	if (l->n++ < 6) {
		if (l->n > 1)
			bdb_buf_puts(&l->names, ", ");
		bdb_buf_append(&l->names, term + l->skip, len - l->skip);
	}
	return 0;
}

void bdb__list_terms(bdb__exec *ex, const char *prefix, const char *what, char *hint, size_t size)
{
	term_list l = {strlen(prefix), 0, {0}};
	bdb_buf_init(&l.names);
	snprintf(hint, size, "%s", "");
	if (ex->rd)
		bdb_reader_terms(ex->rd, prefix, list_term, &l);
	if (l.n > 0 && l.n <= 6 && l.names.len < 120)
		snprintf(hint, size, " (the store's %ss: %s)", what, bdb_buf_cstr(&l.names));
	else if (l.n > 0)
		snprintf(hint, size, " (the store has %zu %ss: 'show %ss' lists them)", l.n, what,
			 what);
	bdb_buf_free(&l.names);
}

/* The stored run id (branch false) or branch (true) nearest to word, as a
 * hint; every run's header is read: for an error only. */
static void suggest_from_runs(bdb__exec *ex, const char *word, bool branch, char *hint, size_t size)
{
	bdb__suggest s;
	bdb__suggest_init(&s, word);
	bdb_run_info *runs = NULL;
	size_t n = 0;
	bdb_run_filter all = {NULL, INT64_MIN, INT64_MAX};
	if (bdb_reader_list_runs(ex->rd, &all, 0, &runs, &n) == 0)
		for (size_t i = 0; i < n; i++) {
			const char *c = branch ? runs[i].branch : runs[i].id;
			if (*c)
				bdb__suggest_offer(&s, c, strlen(c));
		}
	free(runs);
	bdb__suggest_hint(&s, hint, size);
}

void bdb__suggest_branch(bdb__exec *ex, const char *name, char *hint, size_t size)
{
	suggest_from_runs(ex, name, true, hint, size);
}

void bdb__commit_hint(bdb_reader *rd, const char *q, char *hint, size_t size)
{
	static const char *const said[] = {
	    [BDB_COMMIT_HINT_NAMES] = "",
	    [BDB_COMMIT_HINT_NEAREST] = "the nearest stored commits:",
	    [BDB_COMMIT_HINT_NEWEST] = "none is near; the newest run's commit:",
	};
	char list[160];
	bdb_commit_hint kind;
	hint[0] = '\0';
	if (!rd || bdb_reader_commit_hint(rd, q, &kind, list, sizeof list))
		return;
	if (kind == BDB_COMMIT_HINT_NONE)
		snprintf(hint, size, " (no stored run has a commit)");
	else
		snprintf(hint, size, " (%s%s%s)", said[kind], *said[kind] ? " " : "", list);
}

static void suggest_baseline(bdb__exec *ex, const char *name, char *hint, size_t size)
{
	bdb__suggest s;
	bdb__suggest_init(&s, name);
	bdb_baseline_info *all = NULL;
	size_t n = 0;
	if (bdb_reader_list_baselines(ex->rd, &all, &n) == 0)
		for (size_t i = 0; i < n; i++)
			bdb__suggest_offer(&s, all[i].name, strlen(all[i].name));
	free(all);
	bdb__suggest_hint(&s, hint, size);
}

static void suggest_run_id(bdb__exec *ex, const char *id, char *hint, size_t size)
{
	/* A run retain rolled up is no typo: name what holds it. */
	char rollup[512];
	bool found = false;
	if (bdb_reader_rolled_into(ex->rd, id, rollup, sizeof rollup, &found) == 0 && found) {
		bdb_buf typed;
		bdb_buf_init(&typed);
		bdb__put_name(&typed, rollup, true);
		int w = snprintf(hint, size, ": retain rolled it up into run %s",
				 typed.failed ? rollup : bdb_buf_cstr(&typed));
		bdb_buf_free(&typed);
		if (w > 0 && (size_t)w < size)
			return; /* (else the usual hint: a name too long to quote whole) */
	}
	suggest_from_runs(ex, id, false, hint, size);
}

/* ------------------------------------------------------------------------ */
/* Runs and metric rules                                                     */
/* ------------------------------------------------------------------------ */

static int branch_not_found(bdb__exec *ex, const bdb__run_ref *ref)
{
	bdb_run_filter filter = {ref->branch, INT64_MIN, INT64_MAX};
	bdb_run_info *runs = NULL;
	size_t n = 0;
	bdb_reader_list_runs(ex->rd, &filter, 0, &runs, &n);
	free(runs);
	if (n == 0) {
		char hint[200];
		bdb__suggest_branch(ex, ref->branch, hint, sizeof hint);
		return bdb__exec_error(ex, ref->span, "no run on branch \"%s\"%s", ref->branch,
				       hint);
	}
	return bdb__exec_error(ex, ref->span,
			       "latest~%u on branch \"%s\" needs %u runs, it has %zu",
			       (unsigned)ref->back, ref->branch, (unsigned)ref->back + 1, n);
}

static int run_not_found_message(bdb__exec *ex, const bdb__run_ref *ref)
{
	char hint[200];
	uint64_t count = 0;
	switch (ref->kind) {
	case BDB__RUN_LATEST:
		if (ref->branch)
			return branch_not_found(ex, ref);
		bdb_reader_count_runs(ex->rd, &count);
		if (count == 0)
			return bdb__exec_error(ex, ref->span,
					       "no runs in the store yet: ingest some first");
		return bdb__exec_error(ex, ref->span, "latest~%u needs %u runs, the store has %llu",
				       (unsigned)ref->back, (unsigned)ref->back + 1,
				       (unsigned long long)count);
	case BDB__RUN_BASELINE: {
		suggest_baseline(ex, ref->name, hint, sizeof hint);
		bdb_buf typed; /* the name as the suggested statement needs it */
		bdb_buf_init(&typed);
		bdb__put_name(&typed, ref->name, false);
		/* The default of regressions' `vs`: a history without
		 * baselines, as an imported one, may rather name the base. */
		bool defaulted = ref->defaulted;
		int rc = bdb__exec_error(
		    ex, ref->name_span,
		    "no baseline \"%s\"%s (set one with: set baseline %s = RUN%s)", ref->name, hint,
		    typed.failed ? ref->name : bdb_buf_cstr(&typed),
		    defaulted ? "; or name the base: regressions vs latest~1" : "");
		bdb_buf_free(&typed);
		return rc;
	}
	case BDB__RUN_ID:
		suggest_run_id(ex, ref->name, hint, sizeof hint);
		return bdb__exec_error(ex, ref->name_span, "no run with id \"%s\"%s", ref->name,
				       hint);
	case BDB__RUN_COMMIT:
		bdb__commit_hint(ex->rd, ref->name, hint, sizeof hint);
		return bdb__exec_error(ex, ref->name_span,
				       "no stored commit starts with \"%s\" or is a short hash of "
				       "it%s",
				       ref->name, hint);
	case BDB__RUN_TIME: {
		char t[48];
		return bdb__exec_error(ex, ref->name_span, "no run at or before %s",
				       bdb_time_format(ref->time_us, t, sizeof t));
	}
	}
	return BDB_EQUERY;
}

/* A reference to a run the store does not have: the query is well formed,
 * the data is missing, so the error is BDB_ENOTFOUND (exit 3 in the CLI)
 * with the statement and a caret like a query error. */
static int run_not_found(bdb__exec *ex, const bdb__run_ref *ref)
{
	int rc = run_not_found_message(ex, ref);
	if (ex->d && rc == BDB_EQUERY)
		ex->d->code = BDB_ENOTFOUND;
	return rc == BDB_EQUERY ? BDB_ENOTFOUND : rc;
}

/* Whether the runs at the time of run seq (the newest at or before a
 * quoted date) are of several branches, as rollups of each branch's week
 * are: then which is meant is a guess, so the date names none. Lists them
 * ("n5-feature on feature, n5-main on main") in list, *at their time. */
static bool time_ties(bdb_reader *rd, uint64_t seq, char *list, size_t size, int64_t *at)
{
	bdb_run_info info;
	if (bdb_reader_run_info(rd, seq, &info))
		return false;
	char branch[256];
	snprintf(branch, sizeof branch, "%s", info.branch);
	*at = info.timestamp_us;
	bdb_run_filter f = {NULL, info.timestamp_us, info.timestamp_us};
	bdb_run_info *runs = NULL;
	size_t n = 0, used = 0;
	bool several = false;
	if (bdb_reader_list_runs(rd, &f, 0, &runs, &n) == 0)
		for (size_t i = 0; i < n; i++)
			several |= strcmp(runs[i].branch, branch) != 0;
	list[0] = '\0';
	for (size_t i = 0; several && i < n && used < size; i++) {
		int w = snprintf(list + used, size - used, "%s%s on %s", i ? ", " : "", runs[i].id,
				 runs[i].branch[0] ? runs[i].branch : "no branch");
		if (w < 0 || (size_t)w >= size - used) {
			snprintf(list + (used < size - 6 ? used : size - 6), 6, ", ...");
			break;
		}
		used += (size_t)w;
	}
	free(runs);
	return several;
}

/* latest~back on branch: the runs of the branch, newest first. */
static int latest_on_branch(bdb__exec *ex, const bdb__run_ref *ref, uint64_t *seq)
{
	bdb_run_filter filter = {ref->branch, INT64_MIN, INT64_MAX};
	bdb_run_info *runs = NULL;
	size_t n = 0;
	int rc = bdb_reader_list_runs(ex->rd, &filter, (size_t)ref->back + 1, &runs, &n);
	if (!rc && n <= ref->back)
		rc = BDB_ENOTFOUND;
	if (!rc)
		*seq = runs[ref->back].seq;
	free(runs);
	return rc;
}

int bdb__resolve_run(bdb__exec *ex, const bdb__run_ref *ref, uint64_t *seq, bdb_run_info *info)
{
	int rc = 0;
	switch (ref->kind) {
	case BDB__RUN_LATEST:
		rc = ref->branch ? latest_on_branch(ex, ref, seq)
				 : bdb_reader_latest(ex->rd, ref->back, seq);
		break;
	case BDB__RUN_BASELINE:
		rc = bdb_reader_get_baseline(ex->rd, ref->name, seq);
		break;
	case BDB__RUN_ID:
		rc = bdb_reader_find_id(ex->rd, ref->name, seq);
		break;
	case BDB__RUN_COMMIT:
		rc = bdb_reader_find_commit(ex->rd, ref->name, seq);
		break;
	case BDB__RUN_TIME: {
		char list[300], t[48];
		int64_t at;
		rc = bdb_reader_find_at_time(ex->rd, ref->time_us, seq);
		if (!rc && time_ties(ex->rd, *seq, list, sizeof list, &at))
			return bdb__exec_error(
			    ex, ref->name_span,
			    "\"%s\" is ambiguous: the last runs at or before it, "
			    "of %s, are of several branches (%s); name one with "
			    "run \"ID\"",
			    ref->name, bdb_time_format(at, t, sizeof t), list);
		break;
	}
	}
	if (rc == BDB_ENOTFOUND)
		return run_not_found(ex, ref);
	if (rc == BDB_EINVAL && ref->kind == BDB__RUN_COMMIT) {
		char hint[200];
		bdb__commit_hint(ex->rd, ref->name, hint, sizeof hint);
		return bdb__exec_error(ex, ref->name_span,
				       "commit prefix \"%s\" is ambiguous: it starts several "
				       "commits%s; give more of it",
				       ref->name, hint);
	}
	if (rc)
		return bdb__exec_store_error(ex, rc, "finding a run");
	rc = bdb_reader_run_info(ex->rd, *seq, info);
	if (rc)
		return bdb__exec_store_error(ex, rc, "reading the run log");
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Run references of the command line                                        */
/* ------------------------------------------------------------------------ */

/* The command line's text of a run reference as the query language's:
 * the aliases baseline:NAME and commit:PREFIX become baseline "NAME" and
 * commit "PREFIX", and so do run ID, baseline NAME and commit PREFIX whose
 * word the shell unquoted (run nightly-2025-11-30: the language wants the
 * quotes); anything else is left as it is. */
static void cli_ref_text(const char *ref, bdb_buf *out)
{
	static const char *const aliases[] = {"baseline", "commit", "run"};
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++) {
		size_t n = strlen(aliases[i]);
		if (strncmp(ref, aliases[i], n) != 0)
			continue;
		if ((ref[n] == ':' && i < 2) ||
		    (ref[n] == ' ' && ref[n + 1] && ref[n + 1] != '"' && ref[n + 1] != ' ')) {
			bdb_buf_printf(out, "%s ", aliases[i]);
			bdb_query_put_name(out, ref + n + 1);
			return;
		}
	}
	bdb_buf_puts(out, ref);
}

/* The message of a reference the store does not resolve, as the command
 * line words it. */
static int cli_ref_error(bdb_reader *r, const bdb__run_ref *rr, const char *ref, int rc,
			 bdb_diag *d)
{
	if (rc != BDB_ENOTFOUND &&
	    !(rc == BDB_EQUERY && (rr->kind == BDB__RUN_COMMIT || rr->kind == BDB__RUN_TIME)))
		return bdb_diag_set(d, rc, NULL, 0, 0, "cannot find run '%s': %s", ref,
				    bdb_strerror(rc));
	switch (rr->kind) {
	case BDB__RUN_LATEST:
		if (rr->back || rr->branch)
			return bdb_diag_set(d, rc, NULL, 0, 0, "there is no run %s", ref);
		return bdb_diag_set(d, rc, NULL, 0, 0, "no runs in store");
	case BDB__RUN_BASELINE:
		return bdb_diag_set(d, rc, NULL, 0, 0, "no baseline named '%s'", rr->name);
	case BDB__RUN_COMMIT: {
		char hint[200];
		bdb__commit_hint(r, rr->name, hint, sizeof hint);
		if (rc == BDB_EQUERY)
			return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
					    "commit prefix '%s' is ambiguous: it starts several "
					    "commits%s; give more of it",
					    rr->name, hint);
		return bdb_diag_set(d, rc, NULL, 0, 0, "no run with commit '%s'%s", rr->name, hint);
	}
	case BDB__RUN_TIME: {
		char list[300], t[48];
		int64_t at;
		uint64_t seq;
		if (rc == BDB_EQUERY && bdb_reader_find_at_time(r, rr->time_us, &seq) == 0 &&
		    time_ties(r, seq, list, sizeof list, &at))
			return bdb_diag_set(
			    d, BDB_EINVAL, NULL, 0, 0,
			    "run '%s' is ambiguous: the last runs at or before it, of "
			    "%s, are of several branches (%s); name one by its id",
			    ref, bdb_time_format(at, t, sizeof t), list);
		return bdb_diag_set(d, rc, NULL, 0, 0, "no run at or before %s", ref);
	}
	case BDB__RUN_ID: {
		char rollup[512];
		bool found = false;
		if (bdb_reader_rolled_into(r, rr->name, rollup, sizeof rollup, &found) == 0 &&
		    found)
			return bdb_diag_set(d, rc, NULL, 0, 0,
					    "no run '%s': retain rolled it up into '%s'", rr->name,
					    rollup);
		if (strcmp(rr->name, ref) != 0) /* run ID */
			return bdb_diag_set(d, rc, NULL, 0, 0, "no run with id '%s'", rr->name);
		break;
	}
	}
	return bdb_diag_set(d, rc, NULL, 0, 0,
			    "no run '%s' (expected a run id, latest, latest~N, baseline[:NAME], "
			    "commit:PREFIX or a date)",
			    ref);
}

int bdb_query_resolve_run(bdb_reader *r, const char *ref, uint64_t *seq, bdb_diag *d)
{
	bool picked;
	return bdb_query_resolve_run_picked(r, ref, seq, &picked, d);
}

int bdb_query_resolve_run_picked(bdb_reader *r, const char *ref, uint64_t *seq, bool *picked,
				 bdb_diag *d)
{
	*picked = false;
	bdb_buf text;
	bdb_buf_init(&text);
	cli_ref_text(ref, &text);
	bdb_arena arena;
	bdb_arena_init(&arena, 0);
	bdb__run_ref rr;
	int rc = text.failed ? BDB_ENOMEM : bdb__parse_run_ref(bdb_buf_cstr(&text), &arena, &rr);
	if (rc == BDB_EQUERY && strncmp(ref, "latest", 6) == 0 && ref[6] == '~') {
		rc = bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
				  "bad run reference '%s' (expected latest~N)", ref);
		goto done;
	}
	/* Any other word is a run id first (ids may look like dates), then
	 * a date. */
	bool id_first = rc == BDB_EQUERY || rr.kind == BDB__RUN_TIME;
	bdb__exec ex = {.rd = r};
	bdb_run_info info;
	if (id_first) {
		bdb__run_ref id = {.kind = BDB__RUN_ID, .name = ref};
		int found = bdb__resolve_run(&ex, &id, seq, &info);
		if (found != BDB_ENOTFOUND || rc == BDB_EQUERY) {
			/* An id names its run. */
			rc = found ? cli_ref_error(r, &id, ref, found, d) : 0;
			goto done;
		}
	}
	if (rc) {
		rc = bdb_diag_set(d, rc, NULL, 0, 0, "cannot read run reference '%s'", ref);
		goto done;
	}
	rc = bdb__resolve_run(&ex, &rr, seq, &info);
	if (rc)
		rc = cli_ref_error(r, &rr, ref, rc, d);
	*picked = !rc && rr.kind != BDB__RUN_ID && rr.kind != BDB__RUN_BASELINE;
done:
	bdb_arena_free(&arena);
	bdb_buf_free(&text);
	return rc;
}

bdb__run_ref bdb__run_or_default(const bdb__stmt *st, const bdb__run_ref *given, bdb__run_kind kind)
{
	if (given)
		return *given;
	bdb__run_ref ref = {
	    .kind = kind, .name = kind == BDB__RUN_BASELINE ? "main" : NULL, .defaulted = true};
	ref.span = ref.name_span = st->span;
	return ref;
}

/* ------------------------------------------------------------------------ */
/* Dispatch                                                                  */
/* ------------------------------------------------------------------------ */

static int run_one(bdb__exec *ex, const bdb__stmt *st, bdb_result **out)
{
	*out = NULL;
	bdb_result *r = bdb__result_new(bdb__stmt_name(st->kind));
	if (!r)
		return bdb_diag_set(ex->d, BDB_ENOMEM, NULL, 0, 0, "out of memory");
	r->requested = st->format;
	r->chart_log = st->chart_log;
	r->chart_runs = st->chart_runs;
	int rc = bdb__exec_check_cancel(ex);
	const bdb__statement *row = bdb__statement_of(st->kind);
	if (!rc && !row->writes) {
		rc = bdb_reader_begin(ex->store, &ex->rd);
		if (rc)
			rc = bdb__exec_store_error(ex, rc, "opening a read transaction");
	}
	if (!rc)
		rc = row->exec(ex, st, r);
	if (ex->rd) {
		bdb_reader_end(ex->rd);
		ex->rd = NULL;
	}
	if (!rc && r->failed)
		rc = bdb_diag_set(ex->d, BDB_ENOMEM, NULL, 0, 0, "out of memory");
	if (rc) {
		bdb_result_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

static void exec_init(bdb__exec *ex, bdb_store *store, const char *text,
		      const bdb_query_options *opt, bdb_diag *d)
{
	memset(ex, 0, sizeof *ex);
	ex->store = store;
	ex->opt = opt;
	ex->text = text;
	ex->len = strlen(text);
	ex->d = d;
	ex->now_us = opt && opt->now_us ? opt->now_us : bdb_time_now();
}

int bdb_query_exec(bdb_store *store, const char *text, const bdb_query_options *opt, bdb_buf *out,
		   bdb_diag *d)
{
	bdb_diag_clear(d);
	if (!store || !text || !out)
		return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0, "no store, query or output");
	bdb__exec ex;
	exec_init(&ex, store, text, opt, d);
	bdb__program prog;
	int rc = bdb__parse(text, ex.len, &prog, d);
	for (size_t i = 0; !rc && i < prog.n_stmts; i++) {
		const bdb__stmt *st = prog.stmts[i];
		bdb_result *r;
		rc = run_one(&ex, st, &r);
		if (rc)
			break;
		bdb_output_format f = st->format ? st->format
				     : opt	? opt->format
						: BDB_OUTPUT_DEFAULT;
		if (i > 0) /* an empty line, ended as f ends its lines */
			bdb_buf_puts(out, bdb_output_format_separator(f));
		size_t before = out->len;
		rc = bdb_result_format(r, f, opt, out);
		if (!rc && opt && opt->unshown_notes)
			bdb_result_put_unshown_notes(r, f, "", opt->unshown_notes);
		bdb_result_free(r);
		if (rc)
			rc = bdb_diag_set(d, rc, NULL, 0, 0, "out of memory");
		else if (opt && opt->max_output && out->len > opt->max_output)
			rc = bdb__exec_error(
			    &ex, st->span,
			    "the answer passed %zu bytes, the most it may be, at this statement "
			    "(%zu of %zu): %s",
			    opt->max_output, i + 1, prog.n_stmts,
			    out->len - before > opt->max_output
				? "its answer alone is larger; narrow it (of, where, last, since)"
				: "run fewer statements at once");
	}
	bdb__program_free(&prog);
	return rc;
}

int bdb_query_run(bdb_store *store, const char *text, const bdb_query_options *opt,
		  bdb_result **out, bdb_diag *d)
{
	bdb_diag_clear(d);
	*out = NULL;
	if (!store || !text)
		return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0, "no store or query");
	bdb__exec ex;
	exec_init(&ex, store, text, opt, d);
	bdb__program prog;
	int rc = bdb__parse(text, ex.len, &prog, d);
	if (!rc && prog.n_stmts == 0)
		rc = bdb__query_error(d, text, ex.len, (uint32_t)ex.len, (uint32_t)ex.len,
				      "expected a statement, found end of input");
	else if (!rc && prog.n_stmts > 1)
		rc = bdb__exec_error(&ex, prog.stmts[1]->span,
				     "expected one statement, found a second one (run several with "
				     "a script)");
	if (!rc)
		rc = run_one(&ex, prog.stmts[0], out);
	bdb__program_free(&prog);
	return rc;
}

void bdb__note_bare_threshold(const bdb__stmt *st, bdb_result *r)
{
	if (!(st->clauses & BDB__C_THRESHOLD) || !st->threshold_bare || !(st->threshold > 0) ||
	    st->threshold >= 1)
		return;
	bdb__result_note(r,
			 "threshold %g is %g%%, not %g%%: a query's threshold is in percent (write "
			 "'threshold %g%%' for %g%%, or '%g%%' for this one)",
			 st->threshold, st->threshold, st->threshold * 100, st->threshold * 100,
			 st->threshold * 100, st->threshold);
}
