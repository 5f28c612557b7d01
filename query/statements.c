/*
 * statements.c - the statement table: one row per statement of the query
 * language, the only place its keywords, the clauses it takes, its
 * executor, its help and its example are written. The parser, the
 * executor's dispatch, keyword suggestions, completion, the REPL's .help
 * and the CLI's statement subcommands all read this table.
 *
 * Adding a statement: a bdb__stmt_kind, a row here (with a head shape the
 * parser knows, or a new shape in parser.c's parse_head) and its executor.
 */
#include "exec.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CATALOG (BDB__C_OF | BDB__C_WHERE | BDB__C_AS)

const bdb__statement bdb__statements[] = {
    {BDB__STMT_SHOW_RUNS, "show runs", "show", "runs", BDB__HEAD_NONE,
     BDB__C_LAST | BDB__C_WHERE | BDB__C_AS, bdb__exec_show_runs, false, true, NULL,
     "show runs [last N] [where ...]", "The store's runs, newest first.", "show runs last 5",
     false},
    {BDB__STMT_SHOW_POINTS, "show points", "show", "points", BDB__HEAD_NONE, CATALOG,
     bdb__exec_show_points, false, true, NULL, "show points [of POINT] [where ...]",
     "The points (benchmarks) stored.", "show points of \"BM_sort/*\"", false},
    {BDB__STMT_SHOW_METRICS, "show metrics", "show", "metrics", BDB__HEAD_NONE, CATALOG,
     bdb__exec_show_metrics, false, true, NULL, "show metrics [of POINT] [where ...]",
     "The metrics stored, with their units and directions.", "show metrics", false},
    {BDB__STMT_SHOW_TAGS, "show tags", "show", "tags", BDB__HEAD_TAG_KEY_OPT, CATALOG,
     bdb__exec_show_tags, false, true, NULL, "show tags [KEY] [of POINT] [where ...]",
     "The tag keys stored, or the values of one key.", "show tags", false},
    {BDB__STMT_SHOW_BASELINES, "show baselines", "show", "baselines", BDB__HEAD_NONE, BDB__C_AS,
     bdb__exec_show_baselines, false, true, NULL, "show baselines",
     "The baselines and the runs they point at.", "show baselines", false},
    {BDB__STMT_SHOW_RETENTION, "show retention", "show", "retention", BDB__HEAD_NONE, BDB__C_AS,
     bdb__exec_show_retention, false, true, NULL, "show retention",
     "The store's retention policy, one rule a row (benchdb retain applies it).", "show retention",
     false},
    {BDB__STMT_SUMMARY, "summary", "summary", NULL, BDB__HEAD_RUN_OPT, CATALOG, bdb__exec_summary,
     false, false, NULL, "summary [RUN] [of POINT] [where ...]",
     "One run's values, grouped by scenario (default latest).", "summary latest~1", false},
    {BDB__STMT_TREND, "trend", "trend", NULL, BDB__HEAD_METRIC,
     BDB__C_OF | BDB__C_WHERE | BDB__C_LAST | BDB__C_SINCE | BDB__C_UNTIL | BDB__C_BY | BDB__C_VS |
	 BDB__C_THRESHOLD | BDB__C_AS,
     bdb__exec_trend, false, true, "m:",
     "trend METRIC [of POINT] [where ...] [last N | since TIME [until TIME]] "
     "[by day|week|month] [vs RUN [threshold P%]]",
     "One value per run, oldest first, for every series of METRIC.",
     "trend real_time of \"BM_sort/1024\" last 30", false},
    {BDB__STMT_RANK, "rank", "rank", NULL, BDB__HEAD_METRIC,
     BDB__C_IN | BDB__C_OF | BDB__C_WHERE | BDB__C_BY | BDB__C_AS, bdb__exec_rank, false, true,
     "m:", "rank METRIC [in RUN] [of POINT] [where ...] [by TAGKEY]",
     "One run's values, best first, with the delta from the best.",
     "rank real_time of \"BM_sort/*\"", false},
    {BDB__STMT_COMPARE, "compare", "compare", NULL, BDB__HEAD_RUN_WITH_RUN,
     BDB__C_METRIC | BDB__C_THRESHOLD | BDB__C_OF | BDB__C_WHERE | BDB__C_USING | BDB__C_EXPLAIN |
	 BDB__C_AS,
     bdb__exec_compare, false, true, NULL,
     "compare RUN with RUN [metric M] [threshold P%] [of POINT] [where ...] [using METHOD] "
     "[explain]",
     "Two runs side by side, with a verdict per value.",
     "compare baseline with latest metric real_time", false},
    {BDB__STMT_REGRESSIONS, "regressions", "regressions", NULL, BDB__HEAD_NONE,
     BDB__C_IN | BDB__C_VS | BDB__C_METRIC | BDB__C_THRESHOLD | BDB__C_OF | BDB__C_WHERE |
	 BDB__C_USING | BDB__C_BY | BDB__C_EXPLAIN | BDB__C_AS,
     bdb__exec_regressions, false, true, NULL,
     "regressions [in RUN] [vs RUN] [metric M] [threshold P%] [of POINT] [where ...] "
     "[using METHOD] [by commit] [explain]",
     "What got worse (default: latest vs baseline main).", "regressions threshold 10%", false},
    {BDB__STMT_CHANGES, "changes", "changes", NULL, BDB__HEAD_METRIC,
     BDB__C_OF | BDB__C_WHERE | BDB__C_SINCE | BDB__C_UNTIL | BDB__C_WINDOW | BDB__C_PVALUE |
	 BDB__C_PERMUTATIONS | BDB__C_SEED | BDB__C_USING | BDB__C_EFFECT | BDB__C_FLOOR |
	 BDB__C_KIND | BDB__C_BY | BDB__C_EXPLAIN | BDB__C_AS,
     bdb__exec_changes, false, true, "m:",
     "changes METRIC [of POINT] [where ...] [since TIME] [until TIME] "
     "[using robust|edivisive | window N] [effect K] [floor P%] [kind step|excursion|drift] "
     "[by series] [pvalue P] [permutations K] [seed S] [explain]",
     "Change points over the history of each series.", "changes real_time of \"BM_hash/4096\"",
     true},
    {BDB__STMT_SET_BASELINE, "set baseline", "set", "baseline", BDB__HEAD_NAME_EQ_RUN, BDB__C_AS,
     bdb__exec_set_baseline, true, false, NULL, "set baseline [NAME] = RUN",
     "Points a baseline (default main) at a run.", "set baseline main = latest", false},
    {BDB__STMT_DROP_BASELINE, "drop baseline", "drop", "baseline", BDB__HEAD_NAME, BDB__C_AS,
     bdb__exec_drop_baseline, true, false, NULL, "drop baseline NAME",
     "Removes a baseline (not its run).", "drop baseline release-1.2", false},
    {BDB__STMT_ANNOTATE, "annotate", "annotate", NULL, BDB__HEAD_COMMIT_AS, BDB__C_AS,
     bdb__exec_annotate, true, true, NULL, "annotate commit COMMIT as intended|ignore TEXT",
     "Marks the changes at a commit as intended or to ignore, and says why.",
     "annotate commit \"4f2a9c1\" as intended \"new allocator\"", false},
    {BDB__STMT_SHOW_ANNOTATIONS, "show annotations", "show", "annotations", BDB__HEAD_NONE,
     BDB__C_AS, bdb__exec_show_annotations, false, true, NULL, "show annotations",
     "The annotated commits, with their kind and text.", "show annotations", false},
    {BDB__STMT_DROP_ANNOTATION, "drop annotation", "drop", "annotation", BDB__HEAD_COMMIT,
     BDB__C_AS, bdb__exec_drop_annotation, true, false, NULL, "drop annotation commit COMMIT",
     "Removes the annotation of a commit.", "drop annotation commit \"4f2a9c1\"", false},
};

const size_t bdb__n_statements = sizeof bdb__statements / sizeof bdb__statements[0];

const bdb__statement *bdb__statement_of(bdb__stmt_kind k)
{
	for (size_t i = 0; i < bdb__n_statements; i++)
		if (bdb__statements[i].kind == k)
			return &bdb__statements[i];
	return NULL;
}

const char *bdb__stmt_name(bdb__stmt_kind k)
{
	const bdb__statement *st = bdb__statement_of(k);
	return st ? st->name : "?";
}

/* Whether statement i is the first of the rows sharing its first word. */
static bool first_of_word(size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(bdb__statements[j].word, bdb__statements[i].word) == 0)
			return false;
	return true;
}

size_t bdb__statement_words(const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < bdb__n_statements && n + 1 < max; i++)
		if (first_of_word(i))
			out[n++] = bdb__statements[i].word;
	out[n] = NULL;
	return n;
}

/* ------------------------------------------------------------------------ */
/* For the front ends (query.h)                                              */
/* ------------------------------------------------------------------------ */

bool bdb_query_starts_statement(const char *word, size_t n)
{
	for (size_t i = 0; i < bdb__n_statements; i++)
		if (strlen(bdb__statements[i].word) == n &&
		    strncasecmp(bdb__statements[i].word, word, n) == 0)
			return true;
	return false;
}

/* Whether a statement starting with word[0..n) writes, or (long_too) may
 * run long. */
static bool word_starts(const char *word, size_t n, bool long_too)
{
	for (size_t i = 0; i < bdb__n_statements; i++) {
		const bdb__statement *row = &bdb__statements[i];
		if ((row->writes || (long_too && row->long_running)) && strlen(row->word) == n &&
		    strncasecmp(row->word, word, n) == 0)
			return true;
	}
	return false;
}

bool bdb_query_word_writes(const char *word, size_t n)
{
	return word_starts(word, n, false);
}

bool bdb_query_word_long_running(const char *word, size_t n)
{
	return word_starts(word, n, true);
}


bool bdb_query_is_subcommand(const char *word)
{
	for (size_t i = 0; i < bdb__n_statements; i++)
		if (bdb__statements[i].subcommand && strcmp(bdb__statements[i].word, word) == 0)
			return true;
	return false;
}

size_t bdb_query_subcommands(const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < bdb__n_statements && n + 1 < max; i++)
		if (bdb__statements[i].subcommand && first_of_word(i))
			out[n++] = bdb__statements[i].word;
	if (max)
		out[n] = NULL;
	return n;
}

static void put_help(bdb_buf *b, const bdb__statement *st)
{
	bdb_buf_printf(b, "%s\n  %s\nExample: %s\n", st->usage, st->summary, st->example);
}

int bdb_query_statement_help(const char *word, bdb_buf *out)
{
	size_t before = out->len;
	for (size_t i = 0; i < bdb__n_statements; i++)
		if (strcasecmp(bdb__statements[i].word, word) == 0 ||
		    strcasecmp(bdb__statements[i].name, word) == 0)
			put_help(out, &bdb__statements[i]);
	return out->len > before ? 0 : BDB_ENOTFOUND;
}

void bdb_query_statements_help(bdb_buf *out)
{
	for (size_t i = 0; i < bdb__n_statements; i++)
		bdb_buf_printf(out, "  %s\n", bdb__statements[i].usage);
}

void bdb_query_statement_list(bdb_buf *out)
{
	const char *words[64];
	size_t n = bdb__statement_words(words, sizeof words / sizeof *words);
	for (size_t i = 0; i < n; i++)
		bdb_buf_printf(out, "%s%s", i ? ", " : "", words[i]);
}

bool bdb_result_is_trend(const bdb_result *r)
{
	return strcmp(bdb_result_statement(r), bdb__stmt_name(BDB__STMT_TREND)) == 0;
}

bool bdb_result_has_verdicts(const bdb_result *r)
{
	return bdb_result_is_regressions(r) ||
	       strcmp(bdb_result_statement(r), bdb__stmt_name(BDB__STMT_COMPARE)) == 0;
}

bool bdb_result_is_regressions(const bdb_result *r)
{
	return strcmp(bdb_result_statement(r), bdb__stmt_name(BDB__STMT_REGRESSIONS)) == 0;
}
