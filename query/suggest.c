/*
 * suggest.c - "did you mean ...?": the nearest keyword or stored name to a
 * misspelt word, by optimal-string-alignment distance.
 */
#include "ast.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * The keywords of the language that belong to no table: clause words and
 * the words inside clauses. Statement, method and output-format keywords
 * come from their tables (statements.c, methods.c, schema/output.c).
 */
static const char *const other_keywords[] = {
    "alpha", "and",  "as",	 "baseline", "boundary", "by",	   "commit", "day",
    "explain", "in",   "last",	 "latest",   "log",	 "metric", "month",  "not",
    "of",	 "or",	  "permutations", "pvalue",   "run",	 "runs",   "seed",   "since",
    "threshold", "until", "using", "vs", "week", "where", "window", "with",
};

#define MAX_KEYWORDS 128
static const char *keywords[MAX_KEYWORDS + 1];
static pthread_once_t keywords_once = PTHREAD_ONCE_INIT;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_keyword(size_t *n, const char *k)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(keywords[i], k) == 0)
			return;
	if (*n < MAX_KEYWORDS)
		keywords[(*n)++] = k;
}

/* Every keyword, sorted (completion lists them in order), built once. */
static void build_keywords(void)
{
	size_t n = 0;
	for (size_t i = 0; i < sizeof other_keywords / sizeof *other_keywords; i++)
		add_keyword(&n, other_keywords[i]);
	for (size_t i = 0; i < bdb__n_statements; i++) {
		add_keyword(&n, bdb__statements[i].word);
		if (bdb__statements[i].word2)
			add_keyword(&n, bdb__statements[i].word2);
	}
	for (size_t i = 0; i < bdb__n_methods; i++)
		if (bdb__methods[i].family != BDB_FAMILY_CHANGES)
			add_keyword(&n, bdb__methods[i].keyword);
	for (size_t i = 0; i < bdb_n_output_formats; i++)
		if (bdb_output_formats[i].uses & BDB_OUTPUT_FOR_QUERY)
			add_keyword(&n, bdb_output_formats[i].name);
	qsort(keywords, n, sizeof *keywords, by_name);
	keywords[n] = NULL;
}

const char *const *bdb_query_keywords(void)
{
	pthread_once(&keywords_once, build_keywords);
	return keywords;
}

bool bdb__is_keyword(const char *s)
{
	for (const char *const *k = bdb_query_keywords(); *k; k++)
		if (strcasecmp(*k, s) == 0)
			return true;
	return false;
}

static char fold(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Words longer than this are never "near" anything (and bound the table). */
#define DISTANCE_MAX_LEN 64

size_t bdb__edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen > DISTANCE_MAX_LEN || blen > DISTANCE_MAX_LEN)
		return alen > blen ? alen : blen;
	/* Three rows of the dynamic-programming table: i-2, i-1, i. */
	size_t rows[3][DISTANCE_MAX_LEN + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= blen; j++)
		prev[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= blen; j++) {
			size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
			size_t best = prev[j] + 1; /* deletion */
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1; /* insertion */
			if (prev[j - 1] + cost < best)
				best = prev[j - 1] + cost; /* substitution */
			if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1; /* transposition */
			cur[j] = best;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[blen];
}

/*
 * Scores are doubled distances, so that a word differing only in case
 * (distance 0, "Throughput" for "throughput") scores 1: better than any
 * real edit, and still a suggestion because names are case-sensitive.
 */
void bdb__suggest_init(bdb__suggest *s, const char *word)
{
	s->word = word;
	s->word_len = strlen(word);
	size_t bound = s->word_len / 3 > 1 ? s->word_len / 3 : 1;
	s->best_distance = 2 * bound + 1; /* a score must be below this */
	s->best = NULL;
	s->buf[0] = '\0';
}

void bdb__suggest_offer(bdb__suggest *s, const char *candidate, size_t len)
{
	/* Cheap reject: the length difference alone is a lower bound. */
	size_t diff = len > s->word_len ? len - s->word_len : s->word_len - len;
	if (2 * diff >= s->best_distance)
		return;
	size_t score = 2 * bdb__edit_distance(s->word, s->word_len, candidate, len);
	if (score == 0) {
		if (len == s->word_len && memcmp(candidate, s->word, len) == 0)
			return; /* the word itself is no typo */
		score = 1;
	}
	if (score >= s->best_distance)
		return;
	s->best_distance = score;
	if (len < sizeof s->buf) {
		memcpy(s->buf, candidate, len);
		s->buf[len] = '\0';
		s->best = s->buf;
	} else {
		s->best = NULL;
	}
}

const char *bdb__suggest_hint(const bdb__suggest *s, char *buf, size_t size)
{
	if (!s->best)
		snprintf(buf, size, "%s", "");
	else
		snprintf(buf, size, "; did you mean \"%s\"?", s->best);
	return buf;
}

const char *bdb_query_nearest(const char *word, const char *const *candidates)
{
	bdb__suggest s;
	bdb__suggest_init(&s, word);
	const char *best = NULL;
	size_t best_distance = s.best_distance;
	for (const char *const *c = candidates; *c; c++) {
		bdb__suggest_offer(&s, *c, strlen(*c));
		if (s.best_distance < best_distance) {
			best_distance = s.best_distance;
			best = *c;
		}
	}
	return best;
}
