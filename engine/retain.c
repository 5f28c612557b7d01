/*
 * retain.c - retention with rollups (docs/storage.md 2.14): the policy
 * stored in meta "retention", its grammar, the plan it makes of a store's
 * runs (which go, which are rolled up into which week or month, which week
 * rollups fold into months, which runs lose their samples) and that plan
 * applied in one write transaction: retain's own, or an ingest's when the
 * policy says `apply on ingest`.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define DAY_US	      INT64_C(86400000000)
#define ROLLUP_PREFIX "rollup:"
#define WEEK_PREFIX   "rollup:week:"

/* ------------------------------------------------------------------------ */
/* The policy                                                                */
/* ------------------------------------------------------------------------ */

#define NO_POLICY                                                                         \
	(bdb_retention)                                                                    \
	{                                                                                  \
		.keep_other_days = -1, .drop_samples_days = -1, .rollup_days = -1,         \
		.rollup_month_days = -1                                                    \
	}

void bdb_retention_free(bdb_retention *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_branches; i++)
		free(p->branches[i]);
	*p = NO_POLICY;
}

/* A word, a quoted string or a duration of the policy text. */
typedef struct lex {
	const char *text, *at;
	const char *tok; /* start of the current token */
	size_t len;
	bdb_diag *d;
} lex;

static int col(const lex *l)
{
	return (int)(l->tok - l->text) + 1;
}

/* Moves to the next token: a run of letters and digits, a quoted string
 * (its quotes included) or one punctuation byte. len 0 at the end. */
static void next(lex *l)
{
	while (*l->at == ' ' || *l->at == '\t' || *l->at == '\n' || *l->at == '\r')
		l->at++;
	l->tok = l->at;
	if (!*l->at) {
		l->len = 0;
		return;
	}
	if (*l->at == '"') {
		const char *p = l->at + 1;
		while (*p && *p != '"')
			p++;
		l->at = *p ? p + 1 : p;
	} else if (isalnum((unsigned char)*l->at)) {
		while (isalnum((unsigned char)*l->at) || *l->at == '_')
			l->at++;
	} else {
		l->at++;
	}
	l->len = (size_t)(l->at - l->tok);
}

static bool is(const lex *l, const char *word)
{
	return l->len == strlen(word) && strncasecmp(l->tok, word, l->len) == 0;
}

static int expect(lex *l, const char *word)
{
	if (!is(l, word) && !l->len)
		return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, col(l),
				    "expected \"%s\", found the end", word);
	if (!is(l, word))
		return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, col(l),
				    "expected \"%s\", found \"%.*s\"", word, (int)l->len, l->tok);
	next(l);
	return 0;
}

#define MAX_DAYS 36500

/* A duration of whole days (bdb_duration_parse: 90d, 12w, 2y, 48h): 0 to
 * 100 years, in days. */
static int days(lex *l, int64_t *out)
{
	int64_t us = 0;
	int rc = bdb_duration_parse(l->tok, l->len, &us);
	if (rc == 0 && us % DAY_US)
		return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, col(l),
				    "\"%.*s\" is not whole days: the policy ages runs in days "
				    "(90d, 12w, 2y, 48h)",
				    (int)l->len, l->tok);
	if (rc == BDB_ETOOBIG || (rc == 0 && us / DAY_US > MAX_DAYS))
		return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, col(l),
				    "\"%.*s\" is too long: a policy's age is at most 36500d (100y)",
				    (int)l->len, l->tok);
	if (rc)
		return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, col(l),
				    "expected a duration such as 90d, 12w or 2y (h hours, d days, "
				    "w weeks, y years of 365 days), found \"%.*s\"",
				    (int)l->len, l->len ? l->tok : "");
	*out = us / DAY_US;
	next(l);
	return 0;
}

/* The column of the month rollup's age, for the check that it is not
 * shorter than the week rollup's (0: no month rule). */
typedef struct rule_cols {
	int month_age;
} rule_cols;

/* A rule given before: the first one was silently replaced (keep other 5d;
 * keep other 6d kept 6d), where a rule may be given once. */
static int given_twice(lex *l, int at, const char *rule_name)
{
	return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, at,
			    "\"%s\" is given twice: a rule may be given once", rule_name);
}

static int rule(lex *l, bdb_retention *p, rule_cols *cols)
{
	int at = col(l);
	if (is(l, "keep")) {
		next(l);
		if (is(l, "other")) {
			if (p->keep_other_days >= 0)
				return given_twice(l, at, "keep other");
			next(l);
			return days(l, &p->keep_other_days);
		}
		int rc = expect(l, "branch");
		if (rc)
			return rc;
		if (l->len < 2 || l->tok[0] != '"' || l->tok[l->len - 1] != '"')
			return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, col(l),
					    "expected a quoted branch name such as \"main\"");
		/* The same branch twice is kept once (a policy stored so before
		 * still reads). */
		bool kept = false;
		for (size_t i = 0; i < p->n_branches && !kept; i++)
			kept = strlen(p->branches[i]) == l->len - 2 &&
			       !memcmp(p->branches[i], l->tok + 1, l->len - 2);
		if (!kept && p->n_branches == BDB_RETAIN_MAX_BRANCHES)
			return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, col(l),
					    "at most %d branches are kept",
					    BDB_RETAIN_MAX_BRANCHES);
		if (!kept) {
			char *b = strndup(l->tok + 1, l->len - 2);
			if (!b)
				return BDB_ENOMEM;
			p->branches[p->n_branches++] = b;
		}
		next(l);
		return expect(l, "forever");
	}
	if (is(l, "drop")) {
		if (p->drop_samples_days >= 0)
			return given_twice(l, at, "drop samples after");
		next(l);
		int rc = expect(l, "samples");
		if (!rc)
			rc = expect(l, "after");
		return rc ? rc : days(l, &p->drop_samples_days);
	}
	if (is(l, "rollup")) {
		next(l);
		bool month = is(l, "month");
		if (!month && !is(l, "week") && !l->len)
			return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, col(l),
					    "expected \"week\" or \"month\", found the end");
		if (!month && !is(l, "week"))
			return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, col(l),
					    "expected \"week\" or \"month\", found \"%.*s\"",
					    (int)l->len, l->tok);
		if (month ? p->rollup_month_days >= 0 : p->rollup_days >= 0)
			return given_twice(l, at, month ? "rollup month after" : "rollup week after");
		next(l);
		int rc = expect(l, "after");
		if (month)
			cols->month_age = col(l);
		return rc ? rc : days(l, month ? &p->rollup_month_days : &p->rollup_days);
	}
	if (is(l, "apply")) {
		if (p->apply_on_ingest)
			return given_twice(l, at, "apply on ingest");
		next(l);
		int rc = expect(l, "on");
		if (!rc)
			rc = expect(l, "ingest");
		p->apply_on_ingest = !rc;
		return rc;
	}
	return bdb_diag_set(
	    l->d, BDB_EPARSE, "policy", 1, col(l),
	    "expected a rule (keep branch \"B\" forever, keep other Nd, drop samples "
	    "after Nd, rollup week after Nd, rollup month after Nd, apply on ingest), found "
	    "\"%.*s\"",
	    (int)l->len, l->tok);
}

int bdb_retention_parse(const char *text, bdb_retention *out, bdb_diag *d)
{
	bdb_diag_clear(d);
	*out = NO_POLICY;
	lex l = {text, text, text, 0, d};
	rule_cols cols = {0};
	next(&l);
	int rc = 0;
	while (l.len && !rc) {
		while (is(&l, ";")) /* empty rules */
			next(&l);
		if (!l.len)
			break;
		rc = rule(&l, out, &cols);
		if (!rc && l.len && !is(&l, ";"))
			rc = bdb_diag_set(d, BDB_EPARSE, "policy", 1, col(&l),
					  "expected \";\" between rules, found \"%.*s\"",
					  (int)l.len, l.tok);
		while (!rc && is(&l, ";"))
			next(&l);
	}
	/* Weeks roll into months, never months into weeks. */
	if (!rc && out->rollup_month_days >= 0 && out->rollup_month_days < out->rollup_days)
		rc = bdb_diag_set(d, BDB_EPARSE, "policy", 1, cols.month_age,
				  "rollup month after %lldd is sooner than rollup week after "
				  "%lldd: months take weeks, so their age is at least the weeks'",
				  (long long)out->rollup_month_days, (long long)out->rollup_days);
	if (rc)
		bdb_retention_free(out);
	return rc;
}

const char *bdb_retention_format(const bdb_retention *p, char *buf, size_t size)
{
	bdb_buf b;
	bdb_buf_init(&b);
	for (size_t i = 0; i < p->n_branches; i++)
		bdb_buf_printf(&b, "%skeep branch \"%s\" forever", b.len ? "; " : "",
			       p->branches[i]);
	if (p->keep_other_days >= 0)
		bdb_buf_printf(&b, "%skeep other %lldd", b.len ? "; " : "",
			       (long long)p->keep_other_days);
	if (p->drop_samples_days >= 0)
		bdb_buf_printf(&b, "%sdrop samples after %lldd", b.len ? "; " : "",
			       (long long)p->drop_samples_days);
	if (p->rollup_days >= 0)
		bdb_buf_printf(&b, "%srollup week after %lldd", b.len ? "; " : "",
			       (long long)p->rollup_days);
	if (p->rollup_month_days >= 0)
		bdb_buf_printf(&b, "%srollup month after %lldd", b.len ? "; " : "",
			       (long long)p->rollup_month_days);
	if (p->apply_on_ingest)
		bdb_buf_printf(&b, "%sapply on ingest", b.len ? "; " : "");
	snprintf(buf, size, "%s", b.len ? bdb_buf_cstr(&b) : "");
	bdb_buf_free(&b);
	return buf;
}

#define META_POLICY "retention"

static int policy_get(bdb_store *s, MDB_txn *txn, bdb_retention *out)
{
	*out = NO_POLICY;
	MDB_val k = {strlen(META_POLICY), (void *)META_POLICY}, v;
	int rc = mdb_get(txn, s->dbi[BDB__DB_META], &k, &v);
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc)
		return bdb__mdb_error(rc);
	char *text = strndup(v.mv_data, v.mv_size);
	if (!text)
		return BDB_ENOMEM;
	rc = bdb_retention_parse(text, out, NULL);
	free(text);
	return rc ? BDB_ECORRUPT : 0;
}

int bdb_reader_retention(bdb_reader *r, bdb_retention *out)
{
	return policy_get(r->store, r->txn, out);
}

static int set_policy_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	const char *text = ctx;
	MDB_val k = {strlen(META_POLICY), (void *)META_POLICY}, v = {strlen(text), (void *)text};
	int rc = *text ? mdb_put(txn, s->dbi[BDB__DB_META], &k, &v, 0)
		       : mdb_del(txn, s->dbi[BDB__DB_META], &k, NULL);
	return rc == MDB_NOTFOUND ? 0 : bdb__mdb_error(rc);
}

int bdb_store_set_retention(bdb_store *store, const char *text, bdb_diag *d)
{
	bdb_retention p;
	int rc = bdb_retention_parse(text, &p, d);
	if (rc)
		return rc;
	/* The canonical text is never much longer than the text (a rule's words
	 * and "; " at most, and "1y" -> "365d"): room for twice it and more. */
	size_t size = 2 * strlen(text) + 1024;
	char *canonical = malloc(size);
	if (!canonical) {
		bdb_retention_free(&p);
		return BDB_ENOMEM;
	}
	bdb_retention_format(&p, canonical, size);
	bdb_retention_free(&p);
	rc = bdb__write(store, set_policy_txn, canonical);
	free(canonical);
	if (rc)
		bdb_diag_set(d, rc, store->path, 0, 0,
			     "cannot store the retention policy: %s; the store is unchanged",
			     bdb_store_write_error(store, rc));
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The plan                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct plan_run {
	uint64_t seq;
	int64_t ts;
	char *id, *branch;
	int kind;	   /* a bdb_retain_kind, or -1: left as it is */
	size_t group;	   /* ROLLUP_RUN, FOLD_ROLLUP: index into plan.groups */
	size_t n_replaced; /* FOLD_ROLLUP: the runs the week rollup replaced */
	char *replaced;	   /* FOLD_ROLLUP: their ids, one a line (malloc'ed) */
} plan_run;

typedef struct plan_group {
	char id[512];
	char *branch;
	bool month;
	int64_t start;	  /* Monday 00:00 UTC, or the month's first day 00:00 UTC */
	int64_t from, to; /* the first and last day of the runs it takes */
	size_t n_runs;	  /* the original runs it replaces, through week rollups too */
	size_t n_rollups; /* the week rollups it folds in */
} plan_group;

typedef struct plan {
	plan_run *runs;
	size_t n_runs, cap_runs;
	plan_group *groups;
	size_t n_groups, cap_groups;
} plan;

static void plan_free(plan *p)
{
	for (size_t i = 0; i < p->n_runs; i++) {
		free(p->runs[i].id);
		free(p->runs[i].branch);
		free(p->runs[i].replaced);
	}
	for (size_t i = 0; i < p->n_groups; i++)
		free(p->groups[i].branch);
	free(p->runs);
	free(p->groups);
	*p = (plan){0};
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Monday 00:00 UTC of the week of us (1970-01-01 was a Thursday). */
static int64_t week_start(int64_t us)
{
	int64_t day = floor_div(us, DAY_US);
	int64_t monday = day - (((day + 3) % 7) + 7) % 7;
	return monday * DAY_US;
}

/* 00:00 UTC of the first day of the calendar month of us, months after. */
static int64_t month_start(int64_t us, int months)
{
	return bdb_time_month_at(bdb_time_month_index(us) + months);
}

/* YYYY-MM-DD of a time (UTC), from bdb_time_format: the year always has 4
 * digits (strftime's %Y wrote year 1 as "1", so that the month rollup of
 * January of year 1 was "rollup:month:1-01-01"). buf holds 40 bytes. */
static void date_of(int64_t us, char *buf, size_t size)
{
	bdb_time_format(us, buf, size);
	buf[size > 10 ? 10 : size - 1] = '\0';
}

/* The id of the rollup of (branch, the week or month starting at start):
 * rollup:week:YYYY-MM-DD[:BRANCH], rollup:month:YYYY-MM[:BRANCH]. */
static void rollup_id(char *buf, size_t size, const char *branch, bool month, int64_t start)
{
	char date[40];
	date_of(start, date, sizeof date);
	if (month)
		date[7] = '\0'; /* YYYY-MM */
	snprintf(buf, size, ROLLUP_PREFIX "%s:%s%s%.400s", month ? "month" : "week", date,
		 *branch ? ":" : "", branch);
}

static bool kept_branch(const bdb_retention *p, const char *branch)
{
	for (size_t i = 0; i < p->n_branches; i++)
		if (strcmp(p->branches[i], branch) == 0)
			return true;
	return false;
}

/* Makes room for one more item in *items (n used of *cap, each size bytes),
 * doubling from first. 0 or BDB_ENOMEM. */
static int reserve_one(void *items, size_t n, size_t *cap, size_t size, size_t first)
{
	if (n < *cap)
		return 0;
	size_t want = *cap ? *cap * 2 : first;
	void *m = realloc(*(void **)items, want * size);
	if (!m)
		return BDB_ENOMEM;
	*(void **)items = m;
	*cap = want;
	return 0;
}

/*
 * Runs the policy never touches: those a baseline points at (here), and
 * those an annotation applies to (make_plan asks bdb_annotation_match of each
 * run's commit).
 */
static int protected_runs(bdb_store *s, MDB_txn *txn, uint64_t **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, s->dbi[BDB__DB_BASELINES], &cur);
	if (rc)
		return bdb__mdb_error(rc);
	MDB_val k, v;
	size_t cap = 0;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		uint64_t seq;
		const char *name;
		if (bdb__baseline_decode(v.mv_data, v.mv_size, &seq, &name))
			continue;
		if (reserve_one(out, *n, &cap, sizeof **out, 8)) {
			mdb_cursor_close(cur);
			return BDB_ENOMEM;
		}
		(*out)[(*n)++] = seq;
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : bdb__mdb_error(rc);
}

/* The stored run seq, decoded (its strings in its own arena). */
static int decode_stored(bdb_store *s, MDB_txn *txn, uint64_t seq, bdb_buf *scratch,
			 bdb_run **out)
{
	MDB_val v;
	bdb_buf join;
	bdb_buf_init(&join);
	int rc = bdb__run_value_get(s, txn, seq, &join, &v);
	if (rc == BDB_ENOTFOUND)
		rc = BDB_ECORRUPT;
	if (!rc)
		rc = bdb__run_unpack(s, txn, v.mv_data, v.mv_size, scratch);
	bdb_buf_free(&join);
	if (!rc)
		rc = bdb_run_decode(scratch->data, scratch->len, out, NULL);
	return rc == BDB_EVERIFY ? BDB_ECORRUPT : rc;
}

/* Whether the stored run has any sample. */
static int has_samples(bdb_store *s, MDB_txn *txn, uint64_t seq, bdb_buf *scratch, bool *has)
{
	bdb_run *run = NULL;
	int rc = decode_stored(s, txn, seq, scratch, &run);
	if (rc)
		return rc;
	*has = false;
	for (size_t i = 0; i < run->n_points && !*has; i++)
		for (size_t j = 0; j < run->points[i].n_metrics && !*has; j++)
			*has = run->points[i].metrics[j].n_samples > 0;
	bdb_run_free(run);
	return 0;
}

/* The value of metadata key of a decoded run, or NULL. */
static int plan_add_run(plan *p, uint64_t seq, const bdb_run_info *info, int kind, size_t group)
{
	if (reserve_one(&p->runs, p->n_runs, &p->cap_runs, sizeof *p->runs, 64))
		return BDB_ENOMEM;
	plan_run *r = &p->runs[p->n_runs];
	*r = (plan_run){seq,   info->timestamp_us, strdup(info->id), strdup(info->branch), kind,
			group, 0,		   NULL};
	if (!r->id || !r->branch) {
		free(r->id);
		free(r->branch);
		return BDB_ENOMEM;
	}
	p->n_runs++;
	return 0;
}

/* What the week rollup r (FOLD_ROLLUP) replaced, from its metadata. */
static int fold_sources(bdb_store *s, MDB_txn *txn, plan_run *r, bdb_buf *scratch)
{
	bdb_run *run = NULL;
	int rc = decode_stored(s, txn, r->seq, scratch, &run);
	if (rc)
		return rc;
	const char *n = bdb_run_get_meta(run, "rollup.runs"),
		   *ids = bdb_run_get_meta(run, "rollup.run_ids");
	r->n_replaced = n ? (size_t)strtoull(n, NULL, 10) : 0;
	r->replaced = strdup(ids ? ids : "");
	bdb_run_free(run);
	return r->replaced ? 0 : BDB_ENOMEM;
}

/* The group of (branch, week) or (branch, month), made when new. */
static int plan_group_of(plan *p, const char *branch, bool month, int64_t start, size_t *out)
{
	for (size_t i = p->n_groups; i-- > 0;)
		if (p->groups[i].start == start && p->groups[i].month == month &&
		    strcmp(p->groups[i].branch, branch) == 0) {
			*out = i;
			return 0;
		}
	if (reserve_one(&p->groups, p->n_groups, &p->cap_groups, sizeof *p->groups, 16))
		return BDB_ENOMEM;
	plan_group *g = &p->groups[p->n_groups];
	*g = (plan_group){.branch = strdup(branch), .month = month, .start = start};
	if (!g->branch)
		return BDB_ENOMEM;
	g->from = start;
	g->to = month ? month_start(start, 1) - DAY_US : start + 6 * DAY_US;
	rollup_id(g->id, sizeof g->id, branch, month, start);
	*out = p->n_groups++;
	return 0;
}

/* Whether run is a rollup: its id starts "rollup:" and its metadata
 * rollup is week or month. */
static bool rollup_run(const bdb_run *run)
{
	const char *period = bdb_run_get_meta(run, "rollup");
	return strncmp(run->id, ROLLUP_PREFIX, strlen(ROLLUP_PREFIX)) == 0 && period &&
	       (strcmp(period, "week") == 0 || strcmp(period, "month") == 0);
}

/* The line at *at of text (lines of ids): its start, its length in *len,
 * and *at past it; NULL at the end. */
static const char *next_line(const char **at, size_t *len)
{
	const char *line = *at;
	if (!line || !*line)
		return NULL;
	const char *end = strchr(line, '\n');
	*len = end ? (size_t)(end - line) : strlen(line);
	*at = end ? end + 1 : line + *len;
	return line;
}

/* Whether text, lines of ids, has the line id. */
static bool lists_line(const char *text, const char *id)
{
	size_t n = strlen(id), len;
	for (const char *line; (line = next_line(&text, &len)) != NULL;)
		if (len == n && memcmp(line, id, n) == 0)
			return true;
	return false;
}

/* Whether the rollup whose id is rid holds the run id: its metadata key
 * (rollup.run_ids, or rollup.weeks) has the line id. *seq is the rollup's. */
static int rollup_lists(bdb_store *s, MDB_txn *txn, const char *rid, const char *key,
			const char *id, bdb_buf *scratch, uint64_t *seq, bool *holds)
{
	*holds = false;
	int rc = bdb__run_id_find(s, txn, rid, seq);
	if (rc)
		return rc == BDB_ENOTFOUND ? 0 : rc;
	bdb_run *run = NULL;
	rc = decode_stored(s, txn, *seq, scratch, &run);
	if (rc)
		return rc;
	*holds = lists_line(bdb_run_get_meta(run, key), id);
	bdb_run_free(run);
	return 0;
}

int bdb__rollup_holding(bdb_store *s, MDB_txn *txn, const bdb_run *run, uint64_t *seq, bool *held)
{
	*held = false;
	uint64_t made;
	int rc = bdb__meta_get_u64(s, txn, "rollups", 0, &made);
	bool rollup = strncmp(run->id, ROLLUP_PREFIX, strlen(ROLLUP_PREFIX)) == 0;
	const char *period = bdb_run_get_meta(run, "rollup");
	bool week_rollup = rollup && strncmp(run->id, WEEK_PREFIX, strlen(WEEK_PREFIX)) == 0 &&
			   period && strcmp(period, "week") == 0;
	if (rc || !made || (rollup && !week_rollup) || run->timestamp_us < INT64_MIN / 2 ||
	    run->timestamp_us > INT64_MAX / 2)
		return rc; /* (no week or month of the calendar is that far) */
	/* Its week's rollup, its month's, and the month its week folds into
	 * (the month of the week's Thursday); a week rollup, only that month,
	 * which lists it in rollup.weeks once it folded it. */
	const char *branch = run->branch ? run->branch : "";
	int64_t week = week_start(run->timestamp_us);
	const struct {
		bool month;
		int64_t start;
	} where[] = {{true, month_start(week + 3 * DAY_US, 0)},
		     {false, week},
		     {true, month_start(run->timestamp_us, 0)}};
	size_t n_where = week_rollup ? 1 : sizeof where / sizeof *where;
	const char *key = week_rollup ? "rollup.weeks" : "rollup.run_ids";
	bdb_buf scratch;
	bdb_buf_init(&scratch);
	for (size_t i = 0; i < n_where && !rc && !*held; i++) {
		char rid[512];
		rollup_id(rid, sizeof rid, branch, where[i].month, where[i].start);
		rc = rollup_lists(s, txn, rid, key, run->id, &scratch, seq, held);
	}
	bdb_buf_free(&scratch);
	return rc;
}

int bdb__rollup_overlap(bdb_store *s, MDB_txn *txn, const bdb_run *run, char *first, size_t size,
			size_t *n_stored)
{
	*n_stored = 0;
	if (!rollup_run(run))
		return 0;
	static const char *const keys[] = {"rollup.run_ids", "rollup.weeks"};
	char id[1024];
	int rc = 0;
	for (size_t k = 0; k < sizeof keys / sizeof *keys && !rc; k++) {
		const char *at = bdb_run_get_meta(run, keys[k]), *line;
		size_t len;
		while (!rc && (line = next_line(&at, &len)) != NULL) {
			if (len == 0 || len >= sizeof id)
				continue; /* (no stored id is that long) */
			memcpy(id, line, len);
			id[len] = '\0';
			uint64_t seq;
			rc = bdb__run_id_find(s, txn, id, &seq);
			if (rc == BDB_ENOTFOUND)
				rc = 0;
			else if (!rc && (*n_stored)++ == 0)
				snprintf(first, size, "%s", id);
		}
	}
	return rc;
}

/*
 * What the policy does to one run (info, at seq): *kind a bdb_retain_kind
 * or -1, *group its rollup's. Rollups are left, except a week rollup
 * whose month is old enough: it folds into the month of its Thursday (the
 * month holding most of its days), once the whole week is old enough too.
 */
static int plan_one(bdb_store *s, MDB_txn *txn, plan *p, const bdb_retention *pol, int64_t now,
		    uint64_t seq, const bdb_run_info *info, bdb_buf *scratch, int *kind,
		    size_t *group)
{
	int64_t ts = info->timestamp_us;
	int64_t week_limit = now - pol->rollup_days * DAY_US;
	int64_t month_limit = now - pol->rollup_month_days * DAY_US;
	*kind = -1;
	if (strncmp(info->id, ROLLUP_PREFIX, strlen(ROLLUP_PREFIX)) == 0) {
		int64_t month = month_start(ts + 3 * DAY_US, 0);
		if (pol->rollup_month_days < 0 ||
		    strncmp(info->id, WEEK_PREFIX, strlen(WEEK_PREFIX)) != 0 ||
		    month_start(month, 1) > month_limit || ts + 7 * DAY_US > month_limit)
			return 0;
		*kind = BDB_RETAIN_FOLD_ROLLUP;
		return plan_group_of(p, info->branch, true, month, group);
	}
	if (pol->keep_other_days >= 0 && !kept_branch(pol, info->branch) &&
	    ts < now - pol->keep_other_days * DAY_US) {
		*kind = BDB_RETAIN_DROP_RUN;
	} else if (pol->rollup_month_days >= 0 && month_start(ts, 1) <= month_limit) {
		*kind = BDB_RETAIN_ROLLUP_RUN;
		return plan_group_of(p, info->branch, true, month_start(ts, 0), group);
	} else if (pol->rollup_days >= 0 && week_start(ts) + 7 * DAY_US <= week_limit) {
		*kind = BDB_RETAIN_ROLLUP_RUN;
		return plan_group_of(p, info->branch, false, week_start(ts), group);
	} else if (pol->drop_samples_days >= 0 && ts < now - pol->drop_samples_days * DAY_US) {
		bool has = false;
		int rc = has_samples(s, txn, seq, scratch, &has);
		if (rc)
			return rc;
		if (has)
			*kind = BDB_RETAIN_DROP_SAMPLES;
	}
	return 0;
}

/* Plans the policy over every run, in time order (docs/storage.md 2.14). */
static int make_plan(bdb_store *s, MDB_txn *txn, int64_t now, plan *p)
{
	*p = (plan){0};
	bdb_retention pol;
	int rc = policy_get(s, txn, &pol);
	if (rc)
		return rc;
	uint64_t *prot = NULL;
	size_t n_prot = 0;
	bdb_buf scratch;
	bdb_buf_init(&scratch);
	MDB_cursor *cur = NULL;
	/* The annotations, read through a reader of this transaction. */
	bdb_reader in_txn = {.store = s, .txn = txn};
	bdb_annotation *notes = NULL;
	size_t n_notes = 0;
	rc = protected_runs(s, txn, &prot, &n_prot);
	if (!rc)
		rc = bdb_reader_list_annotations(&in_txn, &notes, &n_notes);
	if (!rc)
		rc = bdb__mdb_error(mdb_cursor_open(txn, s->dbi[BDB__DB_TIME], &cur));
	MDB_val k, v;
	int got = rc ? MDB_NOTFOUND : mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	for (; !rc && got == 0; got = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != 16) {
			rc = BDB_ECORRUPT;
			break;
		}
		uint64_t seq = bdb__get_be64((const uint8_t *)k.mv_data + 8);
		bool is_protected = false;
		for (size_t i = 0; i < n_prot; i++)
			is_protected = is_protected || prot[i] == seq;
		if (is_protected)
			continue;
		MDB_val rk = {8, (uint8_t *)k.mv_data + 8}, rv;
		rc = bdb__mdb_error(mdb_get(txn, s->dbi[BDB__DB_RUNLOG], &rk, &rv));
		bdb_run_info info;
		if (!rc)
			rc = bdb__runlog_decode(rv.mv_data, rv.mv_size, seq, &info);
		if (rc)
			break;
		if (*info.commit && bdb_annotation_match(notes, n_notes, info.commit))
			continue; /* an annotated run stays whole */
		int kind;
		size_t group = 0;
		rc = plan_one(s, txn, p, &pol, now, seq, &info, &scratch, &kind, &group);
		if (!rc && kind >= 0) {
			/* info's strings may have moved (has_samples reads): read again. */
			rc = bdb__mdb_error(mdb_get(txn, s->dbi[BDB__DB_RUNLOG], &rk, &rv));
			if (!rc)
				rc = bdb__runlog_decode(rv.mv_data, rv.mv_size, seq, &info);
			if (!rc)
				rc = plan_add_run(p, seq, &info, kind, group);
			if (!rc && kind == BDB_RETAIN_FOLD_ROLLUP)
				rc = fold_sources(s, txn, &p->runs[p->n_runs - 1], &scratch);
		}
	}
	if (!rc && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	if (cur)
		mdb_cursor_close(cur);
	/* A week or month already rolled up is left (its rollup cannot take more). */
	for (size_t g = 0; !rc && g < p->n_groups; g++) {
		plan_group *grp = &p->groups[g];
		uint64_t old;
		int found = bdb__run_id_find(s, txn, grp->id, &old);
		if (found != 0 && found != BDB_ENOTFOUND)
			rc = found;
		for (size_t i = 0; !rc && i < p->n_runs; i++) {
			plan_run *r = &p->runs[i];
			if ((r->kind != BDB_RETAIN_ROLLUP_RUN && r->kind != BDB_RETAIN_FOLD_ROLLUP) ||
			    r->group != g)
				continue;
			if (found == 0) {
				r->kind = -1;
			} else if (r->kind == BDB_RETAIN_FOLD_ROLLUP) {
				grp->n_runs += r->n_replaced;
				grp->n_rollups++;
				grp->from = r->ts < grp->from ? r->ts : grp->from;
				int64_t sunday = r->ts + 6 * DAY_US;
				grp->to = sunday > grp->to ? sunday : grp->to;
			} else {
				grp->n_runs++;
			}
		}
	}
	free(prot);
	free(notes);
	bdb_buf_free(&scratch);
	bdb_retention_free(&pol);
	if (rc)
		plan_free(p);
	return rc;
}

/* Hands every action to fn: each rollup before the runs it replaces. */
static int report_plan(const plan *p, bdb_retain_fn fn, void *ctx)
{
	bool *told = calloc(p->n_groups ? p->n_groups : 1, sizeof *told);
	if (!told)
		return BDB_ENOMEM;
	int rc = 0;
	for (size_t i = 0; fn && !rc && i < p->n_runs; i++) {
		const plan_run *r = &p->runs[i];
		if (r->kind < 0)
			continue;
		const plan_group *g = r->kind == BDB_RETAIN_ROLLUP_RUN ||
					      r->kind == BDB_RETAIN_FOLD_ROLLUP
					  ? &p->groups[r->group]
					  : NULL;
		if (g && !told[r->group]) {
			told[r->group] = true;
			bdb_retain_action a = {BDB_RETAIN_NEW_ROLLUP, g->id,	 g->branch, g->start,
					       g->id,		      g->n_runs, g->n_rollups};
			rc = fn(ctx, &a);
		}
		bdb_retain_action a = {(bdb_retain_kind)r->kind, r->id, r->branch, r->ts,
				       g ? g->id : NULL,	 0,	0};
		if (!rc)
			rc = fn(ctx, &a);
	}
	free(told);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Rollup runs                                                               */
/* ------------------------------------------------------------------------ */

/*
 * One value a rollup takes for a series: an original run's value (weight 1,
 * lower and upper the value itself), or a week rollup's median standing for
 * its count of values (weight), with that week's min and max.
 */
typedef struct series_value {
	size_t group;
	uint64_t series;
	double value, lower, upper;
	uint32_t weight;
} series_value;

static int compare_series_value(const void *a, const void *b)
{
	const series_value *x = a, *y = b;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->series != y->series)
		return x->series < y->series ? -1 : 1;
	return x->value < y->value ? -1 : x->value > y->value ? 1 : 0;
}

typedef struct counted {
	size_t point, metric;
	uint32_t count;
} counted;

static int compare_counted(const void *a, const void *b)
{
	const counted *x = a, *y = b;
	if (x->point != y->point)
		return x->point < y->point ? -1 : 1;
	return x->metric < y->metric ? -1 : x->metric > y->metric;
}

typedef struct seq_group {
	uint64_t seq;
	size_t group;
} seq_group;

static int compare_seq_group(const void *a, const void *b)
{
	const seq_group *x = a, *y = b;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The count of observation `index` in a "C C*K ..." list; 0 past its end. */
static uint32_t count_at(const char *rle, size_t index)
{
	const char *p = rle;
	while (*p) {
		char *end;
		unsigned long c = strtoul(p, &end, 10), k = 1;
		if (end == p)
			return 0;
		if (*end == '*') {
			p = end + 1;
			k = strtoul(p, &end, 10);
			if (end == p)
				return 0;
		}
		if (index < k)
			return (uint32_t)c;
		index -= k;
		p = end;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/*
 * Adds the values of week rollup r (its run decoded: per series the median,
 * min, max, and the count from its metadata) to *vals.
 */
static int add_week_values(bdb_store *s, MDB_txn *txn, const plan_run *r, bdb_buf *scratch,
			   series_value **vals, size_t *n, size_t *cap)
{
	bdb_run *run = NULL;
	uint64_t *ids = NULL;
	size_t n_ids = 0, n_metrics = 0;
	int rc = decode_stored(s, txn, r->seq, scratch, &run);
	for (size_t i = 0; !rc && i < run->n_points; i++)
		n_metrics += run->points[i].n_metrics;
	uint8_t seq8[8];
	bdb__put_be64(seq8, r->seq);
	MDB_val k = {8, seq8}, v;
	if (!rc)
		rc = bdb__mdb_error(mdb_get(txn, s->dbi[BDB__DB_RUN_SERIES], &k, &v));
	if (!rc)
		rc = bdb__run_series_decode(v.mv_data, v.mv_size, n_metrics, &ids, &n_ids);
	if (!rc && n_ids != n_metrics)
		rc = BDB_ECORRUPT;
	const char *counts = rc ? NULL : bdb_run_get_meta(run, "rollup.counts");
	size_t at = 0;
	for (size_t i = 0; !rc && i < run->n_points; i++)
		for (size_t j = 0; !rc && j < run->points[i].n_metrics; j++, at++) {
			const bdb_metric *m = &run->points[i].metrics[j];
			uint32_t count = counts ? count_at(counts, at) : 0;
			if (reserve_one(vals, *n, cap, sizeof **vals, 1024)) {
				rc = BDB_ENOMEM;
				break;
			}
			(*vals)[(*n)++] = (series_value){r->group,
							 ids[at],
							 m->value,
							 m->has_lower ? m->lower : m->value,
							 m->has_upper ? m->upper : m->value,
							 count ? count : 1};
		}
	free(ids);
	bdb_run_free(run);
	return rc;
}

/*
 * Every value the rollups of p take, sorted by group, series and value: the
 * original runs' in one walk over all chunks (a lookup per run and series
 * would decode a chunk each time: 3.5 s instead of well under one for 276
 * runs of 1,000 series), the week rollups' from their runs. *vals malloc'ed.
 */
static int collect_values(bdb_store *s, MDB_txn *txn, const plan *p, series_value **vals, size_t *n)
{
	*vals = NULL;
	*n = 0;
	size_t n_runs = 0, cap = 0;
	for (size_t i = 0; i < p->n_runs; i++)
		n_runs += p->runs[i].kind == BDB_RETAIN_ROLLUP_RUN;
	seq_group *runs = malloc((n_runs ? n_runs : 1) * sizeof *runs);
	bdb_obs *obs = n_runs ? malloc(BDB__CHUNK_OBS * sizeof *obs) : NULL;
	MDB_cursor *cur = NULL;
	bdb_buf scratch;
	bdb_buf_init(&scratch);
	int rc = runs && (obs || !n_runs) ? 0 : BDB_ENOMEM;
	for (size_t i = 0, j = 0; !rc && i < p->n_runs; i++)
		if (p->runs[i].kind == BDB_RETAIN_ROLLUP_RUN)
			runs[j++] = (seq_group){p->runs[i].seq, p->runs[i].group};
	if (!rc && n_runs) {
		qsort(runs, n_runs, sizeof *runs, compare_seq_group);
		rc = bdb__mdb_error(mdb_cursor_open(txn, s->dbi[BDB__DB_CHUNKS], &cur));
	}
	MDB_val k, v;
	int got = rc || !n_runs ? MDB_NOTFOUND : mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	bdb__chunk_parts cp = {.n = 0};
	for (unsigned part = 0; !rc && got == 0;) {
		if (part == 0)
			rc = bdb__chunk_parts_open(v.mv_data, v.mv_size, &cp);
		size_t count = 0;
		if (!rc)
			rc = bdb__chunk_parts_read(&k, &cp, part, obs, &count);
		uint64_t series = rc ? 0 : bdb__get_be64(k.mv_data);
		if (++part == cp.n) {
			part = 0;
			got = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
		}
		for (size_t i = 0; !rc && i < count; i++) {
			seq_group key = {obs[i].run_seq, 0};
			const seq_group *at =
			    bsearch(&key, runs, n_runs, sizeof *runs, compare_seq_group);
			if (!at)
				continue;
			if (reserve_one(vals, *n, &cap, sizeof **vals, 1024)) {
				rc = BDB_ENOMEM;
				break;
			}
			double x = obs[i].value;
			(*vals)[(*n)++] = (series_value){at->group, series, x, x, x, 1};
		}
	}
	if (!rc && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	if (cur)
		mdb_cursor_close(cur);
	for (size_t i = 0; !rc && i < p->n_runs; i++)
		if (p->runs[i].kind == BDB_RETAIN_FOLD_ROLLUP)
			rc = add_week_values(s, txn, &p->runs[i], &scratch, vals, n, &cap);
	bdb_buf_free(&scratch);
	free(runs);
	free(obs);
	if (!rc && *n)
		qsort(*vals, *n, sizeof **vals, compare_series_value);
	return rc;
}

/* The k-th (0-based) of the sorted values v[0..n), each counted weight times. */
static double nth_weighted(const series_value *v, size_t n, uint64_t k)
{
	for (size_t i = 0; i < n; i++) {
		if (k < v[i].weight)
			return v[i].value;
		k -= v[i].weight;
	}
	return v[n - 1].value;
}

/* The median of sorted v[0..n) (total weights in all), each value counted
 * weight times: the middle value, or the mean of the two middle ones
 * (Python's statistics.median of the values so repeated). With every weight
 * 1 it is the median of the values. */
static double median_weighted(const series_value *v, size_t n, uint64_t total)
{
	return total % 2 ? nth_weighted(v, n, total / 2)
			 : (nth_weighted(v, n, total / 2 - 1) + nth_weighted(v, n, total / 2)) / 2;
}

/* The ids group g replaces, one a line: its original runs' and, for a week
 * rollup it folds in, the runs that week replaced; then, for a month, the
 * week rollups folded in (*weeks). */
static void replaced_ids(const plan *p, size_t g, bdb_buf *ids, bdb_buf *weeks)
{
	for (size_t i = 0; i < p->n_runs; i++) {
		const plan_run *r = &p->runs[i];
		if (r->group != g)
			continue;
		if (r->kind == BDB_RETAIN_ROLLUP_RUN)
			bdb_buf_printf(ids, "%s%s", ids->len ? "\n" : "", r->id);
		if (r->kind == BDB_RETAIN_FOLD_ROLLUP && *r->replaced)
			bdb_buf_printf(ids, "%s%s", ids->len ? "\n" : "", r->replaced);
		if (r->kind == BDB_RETAIN_FOLD_ROLLUP)
			bdb_buf_printf(weeks, "%s%s", weeks->len ? "\n" : "", r->id);
	}
}

/* The rollup's metadata: what it is and what it replaced. */
static int set_rollup_meta(bdb_run *run, const plan_group *grp, const char *ids, const char *weeks,
			   const char *counts)
{
	char from[40], to[40], nruns[32];
	date_of(grp->from, from, sizeof from);
	date_of(grp->to, to, sizeof to);
	snprintf(nruns, sizeof nruns, "%zu", grp->n_runs);
	int rc = bdb_run_set_meta(run, "rollup", grp->month ? "month" : "week");
	if (!rc)
		rc = bdb_run_set_meta(run, "rollup.from", from);
	if (!rc)
		rc = bdb_run_set_meta(run, "rollup.to", to);
	if (!rc)
		rc = bdb_run_set_meta(run, "rollup.runs", nruns);
	if (!rc)
		rc = bdb_run_set_meta(run, "rollup.run_ids", ids);
	if (!rc)
		rc = bdb_run_set_meta(run, "rollup.counts", counts);
	/* A month says whether its medians are exact (all its values were
	 * there) or come from week medians (docs/storage.md 2.14). */
	if (!rc && grp->month)
		rc = bdb_run_set_meta(run, "rollup.median",
				      grp->n_rollups ? "from week medians" : "exact");
	if (!rc && grp->month && grp->n_rollups)
		rc = bdb_run_set_meta(run, "rollup.weeks", weeks);
	return rc;
}

/* The store's definition of each metric of run (direction, unit, threshold,
 * ...), as the run's own: a rollup outlives the runs that defined them, and
 * its export must carry them to another store. */
static int add_store_defs(bdb_store *s, MDB_txn *txn, bdb_run *run)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < run->n_points; i++)
		for (size_t j = 0; !rc && j < run->points[i].n_metrics; j++) {
			const char *name = run->points[i].metrics[j].name;
			uint8_t key[BDB__KEY_LONG];
			MDB_val k = {bdb__key_form(name, strlen(name), key), key}, v;
			bdb_metric_def def, *to;
			if (bdb_run_find_def(run, name) || k.mv_size == 0 ||
			    mdb_get(txn, s->dbi[BDB__DB_METRIC_DEFS], &k, &v) != 0 ||
			    bdb__metric_def_decode(v.mv_data, v.mv_size, &def) != 0 ||
			    strcmp(def.name, name) != 0)
				continue; /* (none stored: the rollup has none either) */
			if ((rc = bdb_run_add_def(run, name, &to)) != 0)
				break;
			to->direction = def.direction;
			to->priority = def.priority;
			to->has_threshold = def.has_threshold;
			to->threshold = def.threshold;
			to->unit = def.unit ? bdb_run_strdup(run, def.unit) : NULL;
			to->group = def.group ? bdb_run_strdup(run, def.group) : NULL;
			to->description =
			    def.description ? bdb_run_strdup(run, def.description) : NULL;
			if ((def.unit && !to->unit) || (def.group && !to->group) ||
			    (def.description && !to->description))
				rc = BDB_ENOMEM;
		}
	return rc;
}

/* Builds the rollup run of group g: per series its values' median (value),
 * min (lower), max (upper) and count; the metadata says what it replaced. */
static int build_rollup(bdb_store *s, MDB_txn *txn, const plan *p, size_t g,
			const series_value *vals, size_t n, bdb_run **out)
{
	const plan_group *grp = &p->groups[g];
	counted *counts = NULL;
	size_t n_counts = 0;
	bdb_buf ids, weeks, rle;
	bdb_buf_init(&ids);
	bdb_buf_init(&weeks);
	bdb_buf_init(&rle);
	bdb_series_info *si = NULL;
	bdb_run *run = bdb_run_new();
	int rc = run ? 0 : BDB_ENOMEM;
	replaced_ids(p, g, &ids, &weeks);
	if (!rc && !(counts = malloc((n ? n : 1) * sizeof *counts)))
		rc = BDB_ENOMEM;
	for (size_t i = 0; !rc && i < n;) {
		size_t j = i;
		uint64_t total = 0;
		double lo = vals[i].lower, hi = vals[i].upper;
		for (; j < n && vals[j].series == vals[i].series; j++) {
			total += vals[j].weight;
			lo = vals[j].lower < lo ? vals[j].lower : lo;
			hi = vals[j].upper > hi ? vals[j].upper : hi;
		}
		uint8_t id8[8];
		bdb__put_be64(id8, vals[i].series);
		MDB_val k = {8, id8}, v;
		rc = bdb__mdb_error(mdb_get(txn, s->dbi[BDB__DB_SERIES_INFO], &k, &v));
		free(si);
		si = NULL;
		if (!rc)
			rc = bdb__series_info_decode(v.mv_data, v.mv_size, vals[i].series, &si);
		const bdb_point *found = NULL;
		if (!rc)
			found = bdb_run_find_point(run, si->point, si->tags, si->n_tags);
		bdb_point *pt = (bdb_point *)found;
		if (!rc && !pt) {
			rc = bdb_run_add_point(run, si->point, &pt);
			for (size_t t = 0; !rc && t < si->n_tags; t++)
				rc = bdb_point_set_tag(run, pt, si->tags[t].key, si->tags[t].value);
			if (!rc && *si->scenario)
				rc = bdb_point_set_scenario(run, pt, si->scenario);
		}
		bdb_metric *m = NULL;
		if (!rc)
			rc = bdb_point_add_metric(run, pt, si->metric,
						  median_weighted(vals + i, j - i, total), &m);
		if (!rc && *si->unit)
			rc = bdb_metric_set_unit(run, m, si->unit);
		if (!rc) {
			m->has_lower = m->has_upper = true;
			m->lower = lo;
			m->upper = hi;
			counts[n_counts++] = (counted){(size_t)(pt - run->points),
						       (size_t)(m - pt->metrics),
						       total > UINT32_MAX ? UINT32_MAX : (uint32_t)total};
		}
		i = j;
	}
	/* Counts in the run's order (point by point, metric by metric), each
	 * "C" or "C*K" for K observations in a row of count C. */
	if (!rc)
		qsort(counts, n_counts, sizeof *counts, compare_counted);
	for (size_t i = 0; !rc && i < n_counts;) {
		size_t j = i;
		while (j < n_counts && counts[j].count == counts[i].count)
			j++;
		bdb_buf_printf(&rle, "%s%u", rle.len ? " " : "", counts[i].count);
		if (j - i > 1)
			bdb_buf_printf(&rle, "*%zu", j - i);
		i = j;
	}
	if (!rc && (ids.failed || weeks.failed || rle.failed))
		rc = BDB_ENOMEM;
	if (!rc)
		rc = add_store_defs(s, txn, run);
	if (!rc)
		rc = bdb_run_set_id(run, grp->id);
	if (!rc && *grp->branch)
		rc = bdb_run_set_branch(run, grp->branch);
	if (!rc) {
		run->timestamp_us = grp->start;
		rc = set_rollup_meta(run, grp, ids.len ? bdb_buf_cstr(&ids) : "",
				     weeks.len ? bdb_buf_cstr(&weeks) : "",
				     rle.len ? bdb_buf_cstr(&rle) : "");
	}
	free(counts);
	free(si);
	bdb_buf_free(&ids);
	bdb_buf_free(&weeks);
	bdb_buf_free(&rle);
	if (rc) {
		bdb_run_free(run);
		return rc;
	}
	*out = run;
	return 0;
}

/* The run seq decoded, without its samples. */
static int without_samples(bdb_store *s, MDB_txn *txn, uint64_t seq, bdb_buf *scratch,
			   bdb_run **out)
{
	int rc = decode_stored(s, txn, seq, scratch, out);
	if (rc)
		return rc;
	for (size_t i = 0; i < (*out)->n_points; i++)
		for (size_t j = 0; j < (*out)->points[i].n_metrics; j++) {
			(*out)->points[i].metrics[j].samples = NULL;
			(*out)->points[i].metrics[j].n_samples = 0;
		}
	return 0;
}

int bdb__rollup_noted(bdb_store *s, MDB_txn *txn, const bdb_run *run)
{
	if (!rollup_run(run))
		return 0;
	uint64_t made;
	int rc = bdb__meta_get_u64(s, txn, "rollups", 0, &made);
	return rc || made ? rc : bdb__meta_put_u64(s, txn, "rollups", 1);
}

/* Whether the stored run fb[0, len) is run without its samples, dropped by
 * the policy's `drop samples after`: the policy has the rule and run is
 * older than it, as of the clock. */
int bdb__samples_retained(bdb_store *s, MDB_txn *txn, const bdb_run *run, const void *fb,
			  size_t len, bool *same)
{
	*same = false;
	bdb_retention pol;
	int rc = policy_get(s, txn, &pol);
	if (rc)
		return rc;
	bool dropped = pol.drop_samples_days >= 0 &&
		       run->timestamp_us < bdb_time_now() - pol.drop_samples_days * DAY_US;
	bdb_retention_free(&pol);
	if (!dropped)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < run->n_points; i++)
		n += run->points[i].n_metrics;
	bdb_run copy = *run; /* shares run's strings; only read */
	bdb_point *points = calloc(run->n_points + 1, sizeof *points);
	bdb_metric *metrics = calloc(n + 1, sizeof *metrics);
	bdb_buf again;
	bdb_buf_init(&again);
	if (!points || !metrics) {
		rc = BDB_ENOMEM;
		goto done;
	}
	for (size_t i = 0, m = 0; i < run->n_points; i++) {
		points[i] = run->points[i];
		points[i].metrics = metrics + m;
		for (size_t j = 0; j < run->points[i].n_metrics; j++, m++) {
			metrics[m] = run->points[i].metrics[j];
			metrics[m].samples = NULL;
			metrics[m].n_samples = 0;
		}
	}
	copy.points = points;
	rc = bdb_run_encode(&copy, &again);
	*same = !rc && again.len == len && memcmp(again.data, fb, len) == 0;
done:
	bdb_buf_free(&again);
	free(points);
	free(metrics);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Applying it                                                               */
/* ------------------------------------------------------------------------ */

/* How many runs of p lose their samples. */
static size_t n_samples_puts(const plan *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_runs; i++)
		n += p->runs[i].kind == BDB_RETAIN_DROP_SAMPLES;
	return n;
}

/* The policy applied (or planned) as of now: the plan kept for its report. */
struct bdb__retained {
	int64_t now;
	plan plan;
	bdb_diag *d;
};

static int retain_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	bdb__retained *c = ctx;
	plan_free(&c->plan); /* a try before the map grew */
	int rc = make_plan(s, txn, c->now, &c->plan);
	plan *p = &c->plan;
	size_t cap = p->n_groups + p->n_runs;
	bdb_run **puts = calloc(cap ? cap : 1, sizeof *puts);
	size_t n_puts = 0;
	bdb_buf scratch;
	bdb_buf_init(&scratch);
	if (!rc && !puts)
		rc = BDB_ENOMEM;
	/* Everything is read before anything is written. */
	series_value *vals = NULL;
	size_t n_vals = 0, at = 0;
	if (!rc)
		rc = collect_values(s, txn, p, &vals, &n_vals);
	for (size_t g = 0; !rc && g < p->n_groups; g++) {
		size_t from = at;
		while (at < n_vals && vals[at].group == g)
			at++;
		if (p->groups[g].n_runs + p->groups[g].n_rollups > 0)
			rc = build_rollup(s, txn, p, g, vals + from, at - from, &puts[n_puts++]);
	}
	free(vals);
	for (size_t i = 0; !rc && i < p->n_runs; i++)
		if (p->runs[i].kind == BDB_RETAIN_DROP_SAMPLES)
			rc = without_samples(s, txn, p->runs[i].seq, &scratch, &puts[n_puts++]);
	uint64_t made = 0;
	if (!rc)
		rc = bdb__meta_get_u64(s, txn, "rollups", 0, &made);
	if (!rc && n_puts > 0 && puts[0] && p->n_groups)
		rc = bdb__meta_put_u64(s, txn, "rollups", made + (n_puts - n_samples_puts(p)));
	if (!rc && n_puts)
		rc = bdb__put_runs_txn(s, txn, (const bdb_run *const *)puts, n_puts,
				       BDB_PUT_REPLACE | BDB__PUT_RETAIN, c->d);
	/* The runs that go: their observations in one walk over the chunks,
	 * then each run's other entries. */
	uint64_t *gone = malloc((p->n_runs ? p->n_runs : 1) * sizeof *gone);
	size_t n_gone = 0;
	if (!rc && !gone)
		rc = BDB_ENOMEM;
	for (size_t i = 0; !rc && i < p->n_runs; i++)
		if (p->runs[i].kind == BDB_RETAIN_DROP_RUN ||
		    p->runs[i].kind == BDB_RETAIN_ROLLUP_RUN ||
		    p->runs[i].kind == BDB_RETAIN_FOLD_ROLLUP)
			gone[n_gone++] = p->runs[i].seq;
	if (!rc && n_gone) {
		qsort(gone, n_gone, sizeof *gone, bdb__compare_u64);
		rc = bdb__obs_delete_runs(txn, s->dbi[BDB__DB_CHUNKS], gone, n_gone);
	}
	for (size_t i = 0; !rc && i < n_gone; i++)
		rc = bdb__delete_run_txn(s, txn, gone[i], BDB__DELETE_OBS_GONE);
	free(gone);
	size_t changed = n_puts + n_gone;
	for (size_t i = 0; i < n_puts; i++)
		bdb_run_free(puts[i]);
	free(puts);
	bdb_buf_free(&scratch);
	return rc ? rc : changed ? 0 : 1;
}

int bdb_store_retain(bdb_store *store, int64_t now_us, bool dry_run, bdb_retain_fn fn, void *ctx,
		     bdb_diag *d)
{
	bdb_diag_clear(d);
	bdb__retained c = {.now = now_us, .d = d};
	int rc;
	if (dry_run) {
		MDB_txn *txn;
		rc = bdb__read_begin(store, &txn);
		if (rc)
			return rc;
		rc = make_plan(store, txn, now_us, &c.plan);
		bdb__read_end(store, txn);
	} else {
		rc = bdb__write(store, retain_txn, &c);
	}
	if (!rc)
		rc = report_plan(&c.plan, fn, ctx);
	else if (d && d->code == 0)
		bdb_diag_set(d, rc, store->path, 0, 0,
			     "cannot apply the retention policy: %s; the store "
			     "is unchanged",
			     dry_run ? bdb_strerror(rc) : bdb_store_write_error(store, rc));
	plan_free(&c.plan);
	return rc;
}

int bdb__retain_on_ingest(bdb_store *s, MDB_txn *txn, int64_t now_us, bdb__retained **out,
			  bdb_diag *d)
{
	*out = NULL;
	bdb_retention pol;
	int rc = policy_get(s, txn, &pol);
	bool apply = !rc && pol.apply_on_ingest;
	bdb_retention_free(&pol);
	if (!apply)
		return rc;
	bdb__retained *c = calloc(1, sizeof *c);
	if (!c)
		return BDB_ENOMEM;
	*c = (bdb__retained){.now = now_us, .d = d};
	rc = retain_txn(s, txn, c);
	if (rc < 0) {
		if (d && d->code == 0)
			bdb_diag_set(d, rc, NULL, 0, 0,
				     "cannot apply the retention policy on ingest: %s",
				     bdb_strerror(rc));
		bdb__retained_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

void bdb__retained_report(bdb__retained *r, bdb_retain_fn fn, void *ctx)
{
	if (r && fn)
		report_plan(&r->plan, fn, ctx);
	bdb__retained_free(r);
}

void bdb__retained_free(bdb__retained *r)
{
	if (!r)
		return;
	plan_free(&r->plan);
	free(r);
}

/* ------------------------------------------------------------------------ */
/* Reading rollups                                                           */
/* ------------------------------------------------------------------------ */

/* The metadata value of key in a verified run buffer, or NULL. Zero-copy:
 * valid while the buffer is (a reader keeps it until bdb_reader_end). */
static const char *meta_value(bdb_fb_view run, const char *key)
{
	for (uint32_t i = 0, n = bdb_fb_run_n_meta(run); i < n; i++) {
		bdb_fb_str k, v;
		bdb_fb_run_meta(run, i, &k, &v);
		if (k.ptr && v.ptr && strcmp(k.ptr, key) == 0)
			return v.ptr;
	}
	return NULL;
}

int bdb_reader_has_rollups(bdb_reader *r, bool *has)
{
	uint64_t n;
	int rc = bdb__meta_get_u64(r->store, r->txn, "rollups", 0, &n);
	*has = !rc && n > 0;
	return rc;
}

int bdb_reader_rollup(bdb_reader *r, uint64_t seq, uint64_t series, bool *is, bdb_rollup_info *out)
{
	*is = false;
	*out = (bdb_rollup_info){0};
	bdb_run_info info;
	int rc = bdb_reader_run_info(r, seq, &info);
	if (rc)
		return rc;
	if (strncmp(info.id, ROLLUP_PREFIX, strlen(ROLLUP_PREFIX)) != 0)
		return 0;
	/* The run's metadata read in place: a trend asks this for each of its
	 * rollup rows, and a rollup of 1,000 series decoded whole costs ~0.3 ms. */
	const void *buf;
	size_t len;
	rc = bdb_reader_run_buffer(r, seq, &buf, &len);
	if (rc)
		return rc;
	bdb_fb_view run = bdb_fb_run_root(buf, len);
	const char *period = meta_value(run, "rollup");
	if (!period || (strcmp(period, "week") != 0 && strcmp(period, "month") != 0))
		return 0;
	*is = true;
	out->period = strcmp(period, "week") == 0 ? "week" : "month";
	const char *n = meta_value(run, "rollup.runs");
	out->n_runs = n ? (uint32_t)strtoul(n, NULL, 10) : 0;
	if (!series)
		return 0;
	uint64_t *ids = NULL;
	size_t n_ids = 0;
	rc = bdb_reader_run_series(r, seq, &ids, &n_ids);
	const char *counts = meta_value(run, "rollup.counts");
	for (size_t i = 0; !rc && counts && i < n_ids; i++)
		if (ids[i] == series)
			out->count = count_at(counts, i);
	free(ids);
	return rc;
}

int bdb_reader_rolled_into(bdb_reader *r, const char *id, char *rollup, size_t size, bool *found)
{
	*found = false;
	bool has;
	int rc = bdb_reader_has_rollups(r, &has);
	if (rc || !has)
		return rc;
	bdb_run_info *runs = NULL;
	size_t n = 0;
	rc = bdb_reader_list_runs(r, NULL, 0, &runs, &n);
	for (size_t i = 0; !rc && !*found && i < n; i++) {
		if (strncmp(runs[i].id, ROLLUP_PREFIX, strlen(ROLLUP_PREFIX)) != 0)
			continue;
		const void *buf;
		size_t len;
		if ((rc = bdb_reader_run_buffer(r, runs[i].seq, &buf, &len)) != 0)
			break;
		bdb_fb_view run = bdb_fb_run_root(buf, len);
		*found = lists_line(meta_value(run, "rollup.run_ids"), id) ||
			 lists_line(meta_value(run, "rollup.weeks"), id);
		if (*found)
			snprintf(rollup, size, "%s", runs[i].id);
	}
	free(runs);
	return rc;
}
