/*
 * filter.c - `of POINT` and `where` filters.
 *
 * Two evaluations of the same expression:
 *   - exact, against one subject (a point's name, scenario, tags and metric
 *     plus its run's branch and commit): bdb__subject_matches;
 *   - through the postings, as sets of series ids: bdb__select_series. Tag,
 *     point, scenario and metric conditions are exact there; branch and
 *     commit vary by run, so they count as true and callers that use them
 *     check each observation exactly.
 * Semantics (docs/query-language.md): a missing tag equals nothing, so
 * `k != v` holds for a series without tag k and `k = v` does not; globs are
 * fnmatch(3) patterns without FNM_PATHNAME ("*" crosses "/").
 */
#include "exec.h"

#include <fnmatch.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool bdb__is_glob(const char *name)
{
	return strpbrk(name, "*?[") != NULL;
}

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/*
 * fnmatch reads characters by the locale's character type, and benchdb's
 * is "C": "?" matched one byte, so "日本語テス?" missed "日本語テスト"
 * and "caf?" missed "café". Names and queries are UTF-8, so a non-ASCII
 * name or pattern is matched in a UTF-8 character type (this thread's
 * only, for this call); ASCII ones as before.
 */
static bool glob_match(const char *pattern, const char *s)
{
	/* A name matches itself, glob characters and all: pytest's
	 * "test_x[1-2]" was no point, its brackets a set of characters. */
	if (strcmp(pattern, s) == 0)
		return true;
	if (is_ascii(pattern) && is_ascii(s))
		return fnmatch(pattern, s, 0) == 0;
	locale_t utf8 = bdb_text_utf8_ctype();
	locale_t previous = utf8 ? uselocale(utf8) : (locale_t)0;
	bool match = fnmatch(pattern, s, 0) == 0;
	if (previous)
		uselocale(previous);
	return match;
}

/* ------------------------------------------------------------------------ */
/* Exact evaluation                                                          */
/* ------------------------------------------------------------------------ */

static const char *tag_of(const bdb__subject *s, const char *key)
{
	for (size_t i = 0; i < s->n_tags; i++)
		if (strcmp(s->tags[i].key, key) == 0)
			return s->tags[i].value;
	return NULL;
}

static const char *field_value(const bdb__expr *e, const bdb__subject *s)
{
	switch (e->field) {
	case BDB__FIELD_POINT:
		return s->point;
	case BDB__FIELD_SCENARIO:
		return s->scenario ? s->scenario : "";
	case BDB__FIELD_METRIC:
		return s->metric;
	case BDB__FIELD_BRANCH:
		return s->branch ? s->branch : "";
	case BDB__FIELD_COMMIT:
		return s->commit ? s->commit : "";
	case BDB__FIELD_TAG:
		break;
	}
	return tag_of(s, e->key);
}

/* Recursion over expressions goes only as deep as their nesting, which the
 * parser bounds (BDB__MAX_NESTING); chains are loops. */
static bool eval(const bdb__expr *e, const bdb__subject *s)
{
	const char *v;
	switch (e->kind) {
	case BDB__EXPR_AND:
		for (size_t i = 0; i < e->n_operands; i++)
			if (!eval(e->operands[i], s))
				return false;
		return true;
	case BDB__EXPR_OR:
		for (size_t i = 0; i < e->n_operands; i++)
			if (eval(e->operands[i], s))
				return true;
		return false;
	case BDB__EXPR_NOT:
		return !eval(e->operands[0], s);
	case BDB__EXPR_EQ:
		v = field_value(e, s);
		return v && strcmp(v, e->values[0]) == 0;
	case BDB__EXPR_NE:
		v = field_value(e, s);
		return !v || strcmp(v, e->values[0]) != 0;
	case BDB__EXPR_GLOB:
		v = field_value(e, s);
		return v && glob_match(e->values[0], v);
	case BDB__EXPR_IN:
		v = field_value(e, s);
		for (size_t i = 0; v && i < e->n_values; i++)
			if (strcmp(v, e->values[i]) == 0)
				return true;
		return false;
	}
	return false;
}

bool bdb__subject_matches(const bdb__stmt *st, const bdb__subject *s)
{
	if (st->point) {
		if (bdb__is_glob(st->point) ? !glob_match(st->point, s->point)
					    : strcmp(st->point, s->point) != 0)
			return false;
	}
	return !st->where || eval(st->where, s);
}

static bool is_run_field(bdb__field f)
{
	return f == BDB__FIELD_BRANCH || f == BDB__FIELD_COMMIT;
}

bool bdb__expr_uses_run_fields(const bdb__expr *e)
{
	if (!e)
		return false;
	switch (e->kind) {
	case BDB__EXPR_AND:
	case BDB__EXPR_OR:
	case BDB__EXPR_NOT:
		for (size_t i = 0; i < e->n_operands; i++)
			if (bdb__expr_uses_run_fields(e->operands[i]))
				return true;
		return false;
	default:
		return is_run_field(e->field);
	}
}

/* ------------------------------------------------------------------------ */
/* Sorted id sets                                                            */
/* ------------------------------------------------------------------------ */

void bdb__idset_free(bdb__idset *s)
{
	free(s->ids);
	s->ids = NULL;
	s->n = 0;
}

static int set_alloc(bdb__idset *s, size_t n)
{
	s->n = 0;
	s->ids = malloc((n ? n : 1) * sizeof *s->ids);
	return s->ids ? 0 : BDB_ENOMEM;
}

static int set_copy(const bdb__idset *a, bdb__idset *out)
{
	if (set_alloc(out, a->n))
		return BDB_ENOMEM;
	if (a->n)
		memcpy(out->ids, a->ids, a->n * sizeof *a->ids);
	out->n = a->n;
	return 0;
}

typedef enum set_op { SET_AND, SET_OR, SET_MINUS } set_op;

/* One merge pass serves intersection, union and difference. */
static int set_combine(const bdb__idset *a, const bdb__idset *b, set_op op, bdb__idset *out)
{
	if (set_alloc(out, op == SET_OR ? a->n + b->n : a->n))
		return BDB_ENOMEM;
	size_t i = 0, j = 0;
	while (i < a->n || j < b->n) {
		bool in_a = i < a->n && (j >= b->n || a->ids[i] <= b->ids[j]);
		bool in_b = j < b->n && (i >= a->n || b->ids[j] <= a->ids[i]);
		uint64_t id = in_a ? a->ids[i] : b->ids[j];
		if ((op == SET_AND && in_a && in_b) || op == SET_OR || (op == SET_MINUS && !in_b))
			out->ids[out->n++] = id;
		i += in_a;
		j += in_b;
	}
	return 0;
}

/* Replaces *acc with (acc op b). */
static int set_apply(bdb__idset *acc, const bdb__idset *b, set_op op)
{
	bdb__idset r;
	int rc = set_combine(acc, b, op, &r);
	if (rc)
		return rc;
	bdb__idset_free(acc);
	*acc = r;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Postings                                                                  */
/* ------------------------------------------------------------------------ */

/* The postings term prefix[key=]value into term (reset first). */
static int build_term(bdb_buf *term, const char *prefix, const char *key, const char *value)
{
	bdb_buf_reset(term);
	bdb_buf_puts(term, prefix);
	if (key) {
		bdb_buf_puts(term, key);
		bdb_buf_putc(term, '=');
	}
	bdb_buf_puts(term, value);
	return term->failed ? BDB_ENOMEM : 0;
}

static int term_set(bdb__exec *ex, const char *prefix, const char *key, const char *value,
		    bdb__idset *out)
{
	bdb_buf term;
	bdb_buf_init(&term);
	out->ids = NULL;
	out->n = 0;
	int rc = build_term(&term, prefix, key, value);
	if (!rc)
		rc = bdb_reader_postings(ex->rd, bdb_buf_cstr(&term), &out->ids, &out->n);
	bdb_buf_free(&term);
	if (rc)
		return bdb__exec_store_error(ex, rc, "reading the postings");
	return 0;
}

/*
 * A candidate set at most this large is filtered by probing each of its
 * series against a term (bdb_reader_postings_has) instead of reading the
 * term's whole list, which grows with the store (t:backend=cpu lists
 * half of every series): the query's cost then stays with its answer.
 */
#define PROBE_MAX 64

/* The members of base (at most PROBE_MAX) that have the term
 * prefix[key=]value for one of values: each term is built once and probed
 * for the candidates not kept yet. */
static int probe_set(bdb__exec *ex, const char *prefix, const char *key, const char *const *values,
		     size_t n_values, const bdb__idset *base, bdb__idset *out)
{
	bool keep[PROBE_MAX] = {false};
	bdb_buf term;
	bdb_buf_init(&term);
	int rc = 0;
	for (size_t v = 0; !rc && v < n_values; v++) {
		rc = build_term(&term, prefix, key, values[v]);
		for (size_t i = 0; !rc && i < base->n; i++)
			if (!keep[i])
				rc = bdb_reader_postings_has(ex->rd, bdb_buf_cstr(&term),
							     base->ids[i], &keep[i]);
	}
	bdb_buf_free(&term);
	if (!rc)
		rc = set_alloc(out, base->n);
	if (rc)
		return bdb__exec_store_error(ex, rc, "reading the postings");
	for (size_t i = 0; i < base->n; i++)
		if (keep[i])
			out->ids[out->n++] = base->ids[i];
	return 0;
}

/*
 * The members of base that have (or, with negate, do not have) one of the
 * terms prefix[key=]value: probed when base is small, else through the
 * union of the terms' lists.
 */
static int narrow_by_terms(bdb__exec *ex, const char *prefix, const char *key,
			   const char *const *values, size_t n_values, bool negate,
			   const bdb__idset *base, bdb__idset *out)
{
	bdb__idset have = {NULL, 0}, more;
	int rc = 0;
	if (base->n <= PROBE_MAX) {
		rc = probe_set(ex, prefix, key, values, n_values, base, &have);
	} else {
		rc = term_set(ex, prefix, key, values[0], &have);
		for (size_t i = 1; !rc && i < n_values; i++) {
			rc = term_set(ex, prefix, key, values[i], &more);
			if (!rc)
				rc = set_apply(&have, &more, SET_OR);
			bdb__idset_free(&more);
		}
	}
	if (!rc)
		rc = set_combine(base, &have, negate ? SET_MINUS : SET_AND, out);
	bdb__idset_free(&have);
	return rc;
}

/* Terms under a prefix whose remainder matches a glob, collected first
 * (a term is valid only during the callback). */
typedef struct glob_terms {
	size_t skip;
	const char *pattern;
	bdb_buf names; /* matching terms, NUL-separated */
	size_t n;
} glob_terms;

static int collect_glob(void *ctx, const char *term, size_t len)
{
	glob_terms *g = ctx;
	char rest[512];
	size_t n = len - g->skip;
	if (n >= sizeof rest)
		return 0;
	memcpy(rest, term + g->skip, n);
	rest[n] = '\0';
	if (glob_match(g->pattern, rest)) {
		bdb_buf_append(&g->names, term, len);
		bdb_buf_putc(&g->names, '\0');
		g->n++;
	}
	return 0;
}

/* The union of the postings of every term prefix+X with X matching pattern. */
static int glob_set(bdb__exec *ex, const char *prefix, const char *pattern, bdb__idset *out)
{
	glob_terms g = {strlen(prefix), pattern, {0}, 0};
	int rc = bdb_reader_terms(ex->rd, prefix, collect_glob, &g);
	if (!rc && g.names.failed)
		rc = BDB_ENOMEM;
	if (!rc)
		rc = set_alloc(out, 0);
	for (size_t i = 0, off = 0; !rc && i < g.n; i++) {
		const char *term = g.names.data + off;
		off += strlen(term) + 1;
		bdb__idset one = {NULL, 0};
		rc = bdb_reader_postings(ex->rd, term, &one.ids, &one.n);
		if (!rc)
			rc = set_apply(out, &one, SET_OR);
		bdb__idset_free(&one);
	}
	bdb_buf_free(&g.names);
	if (rc) {
		bdb__idset_free(out);
		return bdb__exec_store_error(ex, rc, "reading the postings");
	}
	return 0;
}

static const char *prefix_of(bdb__field f)
{
	switch (f) {
	case BDB__FIELD_POINT:
		return "p:";
	case BDB__FIELD_SCENARIO:
		return "s:";
	case BDB__FIELD_METRIC:
		return "m:";
	default:
		return "t:";
	}
}

/* The series whose field (or tag) matches e's glob. */
static int glob_leaf_set(bdb__exec *ex, const bdb__expr *e, bdb__idset *out)
{
	const char *prefix = prefix_of(e->field);
	if (e->field != BDB__FIELD_TAG)
		return glob_set(ex, prefix, e->values[0], out);
	bdb_buf p;
	bdb_buf_init(&p);
	bdb_buf_printf(&p, "t:%s=", e->key);
	int rc = p.failed ? BDB_ENOMEM : glob_set(ex, bdb_buf_cstr(&p), e->values[0], out);
	bdb_buf_free(&p);
	return rc;
}

/* The subset of base that e can select (see the file comment). */
static int prune(bdb__exec *ex, const bdb__expr *e, const bdb__idset *base, bdb__idset *out)
{
	int rc;
	bdb__idset a = {NULL, 0}, b = {NULL, 0};
	switch (e->kind) {
	case BDB__EXPR_AND:
		/* a: what the operands so far leave; each one narrows it. */
		rc = set_copy(base, &a);
		for (size_t i = 0; !rc && i < e->n_operands; i++) {
			rc = prune(ex, e->operands[i], &a, &b);
			if (!rc) {
				bdb__idset_free(&a);
				a = b;
				b = (bdb__idset){NULL, 0};
			}
		}
		if (!rc) {
			*out = a;
			a = (bdb__idset){NULL, 0};
		}
		break;
	case BDB__EXPR_OR:
		/* a: the union of what the operands so far select. */
		rc = set_alloc(&a, 0);
		for (size_t i = 0; !rc && i < e->n_operands; i++) {
			rc = prune(ex, e->operands[i], base, &b);
			if (!rc)
				rc = set_apply(&a, &b, SET_OR);
			bdb__idset_free(&b);
		}
		if (!rc) {
			*out = a;
			a = (bdb__idset){NULL, 0};
		}
		break;
	case BDB__EXPR_NOT:
		if (bdb__expr_uses_run_fields(e->operands[0]))
			return set_copy(base, out);
		rc = prune(ex, e->operands[0], base, &a);
		if (!rc)
			rc = set_combine(base, &a, SET_MINUS, out);
		break;
	default:
		if (is_run_field(e->field))
			return set_copy(base, out);
		if (e->kind != BDB__EXPR_GLOB) {
			rc = narrow_by_terms(ex, prefix_of(e->field),
					     e->field == BDB__FIELD_TAG ? e->key : NULL,
					     (const char *const *)e->values, e->n_values,
					     e->kind == BDB__EXPR_NE, base, out);
			break;
		}
		rc = glob_leaf_set(ex, e, &a);
		if (!rc)
			rc = set_combine(base, &a, SET_AND, out);
		break;
	}
	bdb__idset_free(&a);
	bdb__idset_free(&b);
	return rc == BDB_ENOMEM ? bdb__exec_store_error(ex, rc, "selecting series") : rc;
}

/* The P of a `point = P` that every series passing e passes (e itself, or
 * an operand of an `and` at its top), or NULL. */
static const char *required_point(const bdb__expr *e)
{
	if (!e)
		return NULL;
	if (e->kind == BDB__EXPR_EQ && e->field == BDB__FIELD_POINT)
		return e->values[0];
	if (e->kind != BDB__EXPR_AND)
		return NULL;
	for (size_t i = 0; i < e->n_operands; i++) {
		const char *p = required_point(e->operands[i]);
		if (p)
			return p;
	}
	return NULL;
}

int bdb__select_series(bdb__exec *ex, const bdb__stmt *st, const char *metric, bdb__idset *out)
{
	bdb__idset base = {NULL, 0}, part = {NULL, 0};
	int rc;
	bool by_metric = metric && strcmp(metric, "*") != 0;
	/* One point named (of P, or where point = P ...: the report's charts,
	 * one statement per point) starts from its short list, not from the
	 * metric's, which is every series of the metric. */
	const char *exact =
	    st->point && !bdb__is_glob(st->point) ? st->point : required_point(st->where);
	if (exact) {
		rc = term_set(ex, "p:", NULL, exact, &base);
		if (!rc && by_metric) {
			rc = narrow_by_terms(ex, "m:", NULL, &metric, 1, false, &base, &part);
			bdb__idset_free(&base);
			base = part;
		}
		if (!rc && st->point && st->point != exact) {
			rc = glob_set(ex, "p:", st->point, &part);
			if (!rc)
				rc = set_apply(&base, &part, SET_AND);
			bdb__idset_free(&part);
		}
	} else {
		if (by_metric) {
			rc = term_set(ex, "m:", NULL, metric, &base);
		} else {
			rc = bdb_reader_series_match(ex->rd, NULL, 0, &base.ids, &base.n);
			if (rc)
				rc = bdb__exec_store_error(ex, rc, "listing series");
		}
		if (!rc && st->point) {
			rc = glob_set(ex, "p:", st->point, &part);
			if (!rc)
				rc = set_apply(&base, &part, SET_AND);
			bdb__idset_free(&part);
		}
	}
	if (!rc && st->where) {
		rc = prune(ex, st->where, &base, &part);
		if (!rc) {
			bdb__idset_free(&base);
			base = part;
		}
	}
	if (rc) {
		bdb__idset_free(&base);
		return rc == BDB_ENOMEM ? bdb__exec_store_error(ex, rc, "selecting series") : rc;
	}
	*out = base;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Names checked against the store                                           */
/* ------------------------------------------------------------------------ */

static int count_term(void *ctx, const char *term, size_t len)
{
	(void)term;
	(void)len;
	++*(size_t *)ctx;
	return 1; /* one is enough */
}

static bool has_terms(bdb__exec *ex, const char *prefix)
{
	size_t n = 0;
	bdb_reader_terms(ex->rd, prefix, count_term, &n);
	return n > 0;
}

/* Whether some series has the term; its list is not read (a metric's is
 * every series of it). A storage error surfaces later. */
static bool has_term(bdb__exec *ex, const char *prefix, const char *key, const char *value)
{
	bdb_buf term;
	bdb_buf_init(&term);
	bool found = false;
	if (build_term(&term, prefix, key, value) != 0 ||
	    bdb_reader_term_exists(ex->rd, bdb_buf_cstr(&term), &found) != 0)
		found = true; /* an error surfaces later */
	bdb_buf_free(&term);
	return found;
}

static const char *field_word(bdb__field f)
{
	switch (f) {
	case BDB__FIELD_POINT:
		return "point";
	case BDB__FIELD_SCENARIO:
		return "scenario";
	case BDB__FIELD_METRIC:
		return "metric";
	default:
		return "tag";
	}
}

/* A branch or commit that no run has is most likely a typo, as a tag value
 * is. A commit is compared whole, so an abbreviation of stored commits is
 * said with the glob that keeps them. Storage errors surface later. */
static int check_run_value(bdb__exec *ex, const bdb__expr *e)
{
	const char *v = e->values[0];
	char hint[200];
	if (e->field == BDB__FIELD_BRANCH) {
		/* The branch's newest run first (one, newest first, stops
		 * early); only a branch no run has reads every run, for the
		 * suggestion. */
		bdb_run_filter on_branch = {v, INT64_MIN, INT64_MAX};
		bdb_run_info *runs = NULL;
		size_t n = 0;
		int rc = bdb_reader_list_runs(ex->rd, &on_branch, 1, &runs, &n);
		free(runs);
		if (rc != 0 || n > 0)
			return 0;
		bdb__suggest_branch(ex, v, hint, sizeof hint);
		return bdb__exec_error(ex, e->value_spans[0], "no run has branch = \"%s\"%s", v,
				       hint);
	}
	uint64_t seq;
	bdb_run_info info;
	int rc = bdb_reader_find_commit(ex->rd, v, &seq);
	if (rc == 0 &&
	    (bdb_reader_run_info(ex->rd, seq, &info) != 0 || strcmp(info.commit, v) == 0))
		return 0;
	if (rc == 0 && info.commit_len < strlen(v))
		return bdb__exec_error(
		    ex, e->value_spans[0],
		    "no run has commit = \"%s\"; runs have %s, a short hash of it "
		    "(a commit is compared whole: commit = \"%s\" matches them)",
		    v, info.commit, info.commit);
	if (rc == 0)
		return bdb__exec_error(ex, e->value_spans[0],
				       "no run has commit = \"%s\"; it abbreviates %s (a commit is "
				       "compared whole: commit ~ \"%s*\" matches it)",
				       v, info.commit, v);
	bdb__commit_hint(ex->rd, v, hint, sizeof hint);
	if (rc == BDB_EINVAL)
		return bdb__exec_error(
		    ex, e->value_spans[0],
		    "no run has commit = \"%s\"; it starts several commits%s (a "
		    "commit is compared whole: commit ~ \"%s*\" matches those it "
		    "starts)",
		    v, hint, v);
	if (rc == BDB_ENOTFOUND)
		return bdb__exec_error(ex, e->value_spans[0], "no run has commit = \"%s\"%s", v,
				       hint);
	return 0;
}

static int check_expr(bdb__exec *ex, const bdb__expr *e)
{
	char hint[200], prefix[300];
	switch (e->kind) {
	case BDB__EXPR_AND:
	case BDB__EXPR_OR:
	case BDB__EXPR_NOT:
		for (size_t i = 0; i < e->n_operands; i++)
			if (check_expr(ex, e->operands[i]))
				return BDB_EQUERY;
		return 0;
	default:
		break;
	}
	if (is_run_field(e->field))
		return e->kind == BDB__EXPR_EQ ? check_run_value(ex, e) : 0;
	if (e->field == BDB__FIELD_TAG) {
		snprintf(prefix, sizeof prefix, "t:%s=", e->key);
		if (!has_terms(ex, prefix)) {
			bdb__suggest_term(ex, "t:", e->key, hint, sizeof hint);
			return bdb__exec_error(ex, e->key_span, "no tag \"%s\" in the store%s",
					       e->key, hint);
		}
	} else {
		snprintf(prefix, sizeof prefix, "%s", prefix_of(e->field));
	}
	/* A single value that no series has is most likely a typo. */
	if (e->kind == BDB__EXPR_EQ &&
	    !has_term(ex, prefix_of(e->field), e->field == BDB__FIELD_TAG ? e->key : NULL,
		      e->values[0])) {
		bdb__suggest_term(ex, prefix, e->values[0], hint, sizeof hint);
		return bdb__exec_error(ex, e->value_spans[0], "no series has %s%s%s = \"%s\"%s",
				       field_word(e->field), e->field == BDB__FIELD_TAG ? " " : "",
				       e->field == BDB__FIELD_TAG ? e->key : "", e->values[0],
				       hint);
	}
	return 0;
}

int bdb__check_names(bdb__exec *ex, const bdb__stmt *st)
{
	char hint[200];
	if (st->metric && strcmp(st->metric, "*") != 0 && !has_term(ex, "m:", NULL, st->metric)) {
		bdb__suggest_term(ex, "m:", st->metric, hint, sizeof hint);
		if (!*hint)
			bdb__list_terms(ex, "m:", "metric", hint, sizeof hint);
		return bdb__exec_error(ex, st->metric_span, "no metric \"%s\" in the store%s",
				       st->metric, hint);
	}
	if (st->point) {
		if (bdb__is_glob(st->point)) {
			bdb__idset s;
			int rc = glob_set(ex, "p:", st->point, &s);
			if (rc)
				return rc;
			size_t n = s.n;
			bdb__idset_free(&s);
			if (n == 0)
				return bdb__exec_error(ex, st->point_span,
						       "no point matches \"%s\"", st->point);
		} else if (!has_term(ex, "p:", NULL, st->point)) {
			bdb__suggest_term(ex, "p:", st->point, hint, sizeof hint);
			if (!*hint)
				bdb__list_terms(ex, "p:", "point", hint, sizeof hint);
			return bdb__exec_error(ex, st->point_span, "no point \"%s\" in the store%s",
					       st->point, hint);
		}
	}
	return st->where ? check_expr(ex, st->where) : 0;
}
