/*
 * retain.c - retention with rollups (docs/storage.md 2.14): the policy
 * stored in meta "retention", its grammar, the plan it makes of a store's
 * runs (which go, which are rolled up into which week, which lose their
 * samples) and that plan applied in one write transaction.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

#define DAY_US	      INT64_C(86400000000)
#define ROLLUP_PREFIX "rollup:"

/* ------------------------------------------------------------------------ */
/* The policy                                                                */
/* ------------------------------------------------------------------------ */

void bdb_retention_free(bdb_retention *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_branches; i++)
		free(p->branches[i]);
	*p = (bdb_retention){.keep_other_days = -1, .drop_samples_days = -1, .rollup_days = -1};
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

/* N "d": a number of days, 0 to 100 years. */
static int days(lex *l, int64_t *out)
{
	int64_t n = 0;
	size_t i = 0;
	while (i < l->len && isdigit((unsigned char)l->tok[i]) && n <= 36500)
		n = n * 10 + (l->tok[i++] - '0');
	if (i == 0 || i + 1 != l->len || (l->tok[i] != 'd' && l->tok[i] != 'D') || n > 36500)
		return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, col(l),
				    "expected a number of days such as 90d (at most 36500d), found "
				    "\"%.*s\"",
				    (int)l->len, l->len ? l->tok : "");
	*out = n;
	next(l);
	return 0;
}

static int rule(lex *l, bdb_retention *p)
{
	if (is(l, "keep")) {
		next(l);
		if (is(l, "other")) {
			next(l);
			return days(l, &p->keep_other_days);
		}
		int rc = expect(l, "branch");
		if (rc)
			return rc;
		if (l->len < 2 || l->tok[0] != '"' || l->tok[l->len - 1] != '"')
			return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, col(l),
					    "expected a quoted branch name such as \"main\"");
		if (p->n_branches == BDB_RETAIN_MAX_BRANCHES)
			return bdb_diag_set(l->d, BDB_EPARSE, "policy", 1, col(l),
					    "at most %d branches are kept",
					    BDB_RETAIN_MAX_BRANCHES);
		char *b = strndup(l->tok + 1, l->len - 2);
		if (!b)
			return BDB_ENOMEM;
		p->branches[p->n_branches++] = b;
		next(l);
		return expect(l, "forever");
	}
	if (is(l, "drop")) {
		next(l);
		int rc = expect(l, "samples");
		if (!rc)
			rc = expect(l, "after");
		return rc ? rc : days(l, &p->drop_samples_days);
	}
	if (is(l, "rollup")) {
		next(l);
		int rc = expect(l, "week");
		if (!rc)
			rc = expect(l, "after");
		return rc ? rc : days(l, &p->rollup_days);
	}
	return bdb_diag_set(
	    l->d, BDB_EPARSE, "policy", 1, col(l),
	    "expected a rule (keep branch \"B\" forever, keep other Nd, drop samples "
	    "after Nd, rollup week after Nd), found \"%.*s\"",
	    (int)l->len, l->tok);
}

int bdb_retention_parse(const char *text, bdb_retention *out, bdb_diag *d)
{
	bdb_diag_clear(d);
	*out = (bdb_retention){.keep_other_days = -1, .drop_samples_days = -1, .rollup_days = -1};
	lex l = {text, text, text, 0, d};
	next(&l);
	int rc = 0;
	while (l.len && !rc) {
		while (is(&l, ";")) /* empty rules */
			next(&l);
		if (!l.len)
			break;
		rc = rule(&l, out);
		if (!rc && l.len && !is(&l, ";"))
			rc = bdb_diag_set(d, BDB_EPARSE, "policy", 1, col(&l),
					  "expected \";\" between rules, found \"%.*s\"",
					  (int)l.len, l.tok);
		while (!rc && is(&l, ";"))
			next(&l);
	}
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
	snprintf(buf, size, "%s", b.len ? bdb_buf_cstr(&b) : "");
	bdb_buf_free(&b);
	return buf;
}

#define META_POLICY "retention"

static int policy_get(bdb_store *s, MDB_txn *txn, bdb_retention *out)
{
	*out = (bdb_retention){.keep_other_days = -1, .drop_samples_days = -1, .rollup_days = -1};
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
	char canonical[4096];
	bdb_retention_format(&p, canonical, sizeof canonical);
	bdb_retention_free(&p);
	return bdb__write(store, set_policy_txn, canonical);
}

/* ------------------------------------------------------------------------ */
/* The plan                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct plan_run {
	uint64_t seq;
	int64_t ts;
	char *id, *branch;
	int kind;     /* a bdb_retain_kind, or -1: left as it is */
	size_t group; /* ROLLUP_RUN: index into plan.groups */
} plan_run;

typedef struct plan_group {
	char id[512];
	char *branch;
	int64_t week; /* Monday 00:00 UTC */
	size_t n_runs;
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

static void date_of(int64_t us, char *buf, size_t size)
{
	time_t t = (time_t)floor_div(us, 1000000);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
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

/* Whether the stored run (packed value) has any sample. */
static int has_samples(bdb_store *s, MDB_txn *txn, uint64_t seq, bdb_buf *scratch, bool *has)
{
	uint8_t seq8[8];
	bdb__put_be64(seq8, seq);
	MDB_val k = {8, seq8}, v;
	int rc = mdb_get(txn, s->dbi[BDB__DB_RUNS], &k, &v);
	if (rc)
		return rc == MDB_NOTFOUND ? BDB_ECORRUPT : bdb__mdb_error(rc);
	rc = bdb__run_unpack(s, txn, v.mv_data, v.mv_size, scratch);
	bdb_run *run = NULL;
	if (!rc)
		rc = bdb_run_decode(scratch->data, scratch->len, &run, NULL);
	if (rc)
		return rc == BDB_EVERIFY ? BDB_ECORRUPT : rc;
	*has = false;
	for (size_t i = 0; i < run->n_points && !*has; i++)
		for (size_t j = 0; j < run->points[i].n_metrics && !*has; j++)
			*has = run->points[i].metrics[j].n_samples > 0;
	bdb_run_free(run);
	return 0;
}

static int plan_add_run(plan *p, uint64_t seq, const bdb_run_info *info, int kind)
{
	if (reserve_one(&p->runs, p->n_runs, &p->cap_runs, sizeof *p->runs, 64))
		return BDB_ENOMEM;
	plan_run *r = &p->runs[p->n_runs];
	*r = (plan_run){seq, info->timestamp_us, strdup(info->id), strdup(info->branch), kind, 0};
	if (!r->id || !r->branch) {
		free(r->id);
		free(r->branch);
		return BDB_ENOMEM;
	}
	p->n_runs++;
	return 0;
}

/* The group of (branch, week), made when new. */
static int plan_group_of(plan *p, const char *branch, int64_t week, size_t *out)
{
	for (size_t i = p->n_groups; i-- > 0;)
		if (p->groups[i].week == week && strcmp(p->groups[i].branch, branch) == 0) {
			*out = i;
			return 0;
		}
	if (reserve_one(&p->groups, p->n_groups, &p->cap_groups, sizeof *p->groups, 16))
		return BDB_ENOMEM;
	plan_group *g = &p->groups[p->n_groups];
	*g = (plan_group){.branch = strdup(branch), .week = week};
	if (!g->branch)
		return BDB_ENOMEM;
	char date[32];
	date_of(week, date, sizeof date);
	snprintf(g->id, sizeof g->id, ROLLUP_PREFIX "week:%s%s%.400s", date, *branch ? ":" : "",
		 branch);
	*out = p->n_groups++;
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
		if (strncmp(info.id, ROLLUP_PREFIX, strlen(ROLLUP_PREFIX)) == 0)
			continue; /* rollups stay */
		if (*info.commit && bdb_annotation_match(notes, n_notes, info.commit))
			continue; /* an annotated run stays whole */
		int64_t ts = info.timestamp_us;
		int kind = -1;
		size_t group = 0;
		if (pol.keep_other_days >= 0 && !kept_branch(&pol, info.branch) &&
		    ts < now - pol.keep_other_days * DAY_US) {
			kind = BDB_RETAIN_DROP_RUN;
		} else if (pol.rollup_days >= 0 &&
			   week_start(ts) + 7 * DAY_US <= now - pol.rollup_days * DAY_US) {
			kind = BDB_RETAIN_ROLLUP_RUN;
			rc = plan_group_of(p, info.branch, week_start(ts), &group);
		} else if (pol.drop_samples_days >= 0 &&
			   ts < now - pol.drop_samples_days * DAY_US) {
			bool has = false;
			rc = has_samples(s, txn, seq, &scratch, &has);
			if (has)
				kind = BDB_RETAIN_DROP_SAMPLES;
		}
		if (!rc && kind >= 0) {
			/* info's strings may have moved (has_samples reads): read again. */
			rc = bdb__mdb_error(mdb_get(txn, s->dbi[BDB__DB_RUNLOG], &rk, &rv));
			if (!rc)
				rc = bdb__runlog_decode(rv.mv_data, rv.mv_size, seq, &info);
			if (!rc)
				rc = plan_add_run(p, seq, &info, kind);
			if (!rc)
				p->runs[p->n_runs - 1].group = group;
		}
	}
	if (!rc && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	if (cur)
		mdb_cursor_close(cur);
	/* A week already rolled up is left (its rollup cannot take more runs). */
	for (size_t g = 0; !rc && g < p->n_groups; g++) {
		uint64_t old;
		int found = bdb__run_id_find(s, txn, p->groups[g].id, &old);
		if (found != 0 && found != BDB_ENOTFOUND)
			rc = found;
		for (size_t i = 0; !rc && i < p->n_runs; i++)
			if (p->runs[i].kind == BDB_RETAIN_ROLLUP_RUN && p->runs[i].group == g) {
				if (found == 0)
					p->runs[i].kind = -1;
				else
					p->groups[g].n_runs++;
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
		const plan_group *g =
		    r->kind == BDB_RETAIN_ROLLUP_RUN ? &p->groups[r->group] : NULL;
		if (g && !told[r->group]) {
			told[r->group] = true;
			bdb_retain_action a = {
			    BDB_RETAIN_NEW_ROLLUP, g->id, g->branch, g->week, g->id, g->n_runs};
			rc = fn(ctx, &a);
		}
		bdb_retain_action a = {(bdb_retain_kind)r->kind, r->id, r->branch, r->ts,
				       g ? g->id : NULL,	 0};
		if (!rc)
			rc = fn(ctx, &a);
	}
	free(told);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Rollup runs                                                               */
/* ------------------------------------------------------------------------ */

typedef struct series_value {
	size_t group;
	uint64_t series;
	double value;
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

/*
 * Every value the rollups of p take, in one walk over all chunks (a lookup
 * per run and series would decode a chunk each time: 3.5 s instead of
 * well under one for 276 runs of 1,000 series), sorted by group, series and
 * value. *vals malloc'ed.
 */
static int collect_values(bdb_store *s, MDB_txn *txn, const plan *p, series_value **vals, size_t *n)
{
	*vals = NULL;
	*n = 0;
	size_t n_runs = 0, cap = 0;
	for (size_t i = 0; i < p->n_runs; i++)
		n_runs += p->runs[i].kind == BDB_RETAIN_ROLLUP_RUN;
	if (!n_runs)
		return 0;
	seq_group *runs = malloc(n_runs * sizeof *runs);
	bdb_obs *obs = malloc(BDB__CHUNK_OBS * sizeof *obs);
	MDB_cursor *cur = NULL;
	int rc = runs && obs ? 0 : BDB_ENOMEM;
	for (size_t i = 0, j = 0; !rc && i < p->n_runs; i++)
		if (p->runs[i].kind == BDB_RETAIN_ROLLUP_RUN)
			runs[j++] = (seq_group){p->runs[i].seq, p->runs[i].group};
	if (!rc) {
		qsort(runs, n_runs, sizeof *runs, compare_seq_group);
		rc = bdb__mdb_error(mdb_cursor_open(txn, s->dbi[BDB__DB_CHUNKS], &cur));
	}
	MDB_val k, v;
	int got = rc ? MDB_NOTFOUND : mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	for (; !rc && got == 0; got = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		size_t count;
		rc = bdb__chunk_read(&k, &v, obs, &count);
		uint64_t series = rc ? 0 : bdb__get_be64(k.mv_data);
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
			(*vals)[(*n)++] = (series_value){at->group, series, obs[i].value};
		}
	}
	if (!rc && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	if (cur)
		mdb_cursor_close(cur);
	free(runs);
	free(obs);
	if (!rc)
		qsort(*vals, *n, sizeof **vals, compare_series_value);
	return rc;
}

/* The median of sorted v[0..n): the middle value, or the mean of the two
 * middle ones (Python's statistics.median). */
static double median_sorted(const series_value *v, size_t n)
{
	return n % 2 ? v[n / 2].value : (v[n / 2 - 1].value + v[n / 2].value) / 2;
}

/* Builds the rollup run of group g: per series its week's median (value),
 * min (lower), max (upper); the metadata says what it replaced. */
static int build_rollup(bdb_store *s, MDB_txn *txn, const plan *p, size_t g,
			const series_value *vals, size_t n, bdb_run **out)
{
	const plan_group *grp = &p->groups[g];
	counted *counts = NULL;
	size_t n_counts = 0;
	bdb_buf ids, rle;
	bdb_buf_init(&ids);
	bdb_buf_init(&rle);
	bdb_series_info *si = NULL;
	bdb_run *run = bdb_run_new();
	int rc = run ? 0 : BDB_ENOMEM;
	for (size_t i = 0; !rc && i < p->n_runs; i++) {
		const plan_run *r = &p->runs[i];
		if (r->kind == BDB_RETAIN_ROLLUP_RUN && r->group == g)
			bdb_buf_printf(&ids, "%s%s", ids.len ? "\n" : "", r->id);
	}
	if (!rc && !(counts = malloc((n ? n : 1) * sizeof *counts)))
		rc = BDB_ENOMEM;
	for (size_t i = 0; !rc && i < n;) {
		size_t j = i;
		while (j < n && vals[j].series == vals[i].series)
			j++;
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
						  median_sorted(vals + i, j - i), &m);
		if (!rc && *si->unit)
			rc = bdb_metric_set_unit(run, m, si->unit);
		if (!rc) {
			m->has_lower = m->has_upper = true;
			m->lower = vals[i].value;
			m->upper = vals[j - 1].value;
			counts[n_counts++] =
			    (counted){(size_t)(pt - run->points), (size_t)(m - pt->metrics),
				      (uint32_t)(j - i)};
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
	char from[32], to[32], nruns[32];
	date_of(grp->week, from, sizeof from);
	date_of(grp->week + 6 * DAY_US, to, sizeof to);
	snprintf(nruns, sizeof nruns, "%zu", grp->n_runs);
	if (!rc && (ids.failed || rle.failed))
		rc = BDB_ENOMEM;
	if (!rc)
		rc = bdb_run_set_id(run, grp->id);
	if (!rc && *grp->branch)
		rc = bdb_run_set_branch(run, grp->branch);
	if (!rc) {
		run->timestamp_us = grp->week;
		rc = bdb_run_set_meta(run, "rollup", "week");
	}
	if (!rc)
		rc = bdb_run_set_meta(run, "rollup.from", from);
	if (!rc)
		rc = bdb_run_set_meta(run, "rollup.to", to);
	if (!rc)
		rc = bdb_run_set_meta(run, "rollup.runs", nruns);
	if (!rc)
		rc = bdb_run_set_meta(run, "rollup.run_ids", ids.len ? bdb_buf_cstr(&ids) : "");
	if (!rc)
		rc = bdb_run_set_meta(run, "rollup.counts", rle.len ? bdb_buf_cstr(&rle) : "");
	free(counts);
	free(si);
	bdb_buf_free(&ids);
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
	uint8_t seq8[8];
	bdb__put_be64(seq8, seq);
	MDB_val k = {8, seq8}, v;
	int rc = bdb__mdb_error(mdb_get(txn, s->dbi[BDB__DB_RUNS], &k, &v));
	if (!rc)
		rc = bdb__run_unpack(s, txn, v.mv_data, v.mv_size, scratch);
	if (!rc)
		rc = bdb_run_decode(scratch->data, scratch->len, out, NULL);
	if (rc)
		return rc == BDB_EVERIFY ? BDB_ECORRUPT : rc;
	for (size_t i = 0; i < (*out)->n_points; i++)
		for (size_t j = 0; j < (*out)->points[i].n_metrics; j++) {
			(*out)->points[i].metrics[j].samples = NULL;
			(*out)->points[i].metrics[j].n_samples = 0;
		}
	return 0;
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

typedef struct retain_ctx {
	int64_t now;
	plan plan;
	bdb_diag *d;
} retain_ctx;

static int retain_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	retain_ctx *c = ctx;
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
		if (p->groups[g].n_runs > 0)
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
				       BDB_PUT_REPLACE, c->d);
	/* The runs that go: their observations in one walk over the chunks,
	 * then each run's other entries. */
	uint64_t *gone = malloc((p->n_runs ? p->n_runs : 1) * sizeof *gone);
	size_t n_gone = 0;
	if (!rc && !gone)
		rc = BDB_ENOMEM;
	for (size_t i = 0; !rc && i < p->n_runs; i++)
		if (p->runs[i].kind == BDB_RETAIN_DROP_RUN ||
		    p->runs[i].kind == BDB_RETAIN_ROLLUP_RUN)
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
	retain_ctx c = {.now = now_us, .d = d};
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
		bdb_diag_set(d, rc, NULL, 0, 0,
			     "cannot apply the retention policy: %s; the store "
			     "is unchanged",
			     bdb_strerror(rc));
	plan_free(&c.plan);
	return rc;
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
	if (!period || strcmp(period, "week") != 0)
		return 0;
	*is = true;
	out->period = "week";
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
