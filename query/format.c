/*
 * format.c - result tables as text: table (aligned, UTF-8 display-width
 * aware, optional colour and sparkline), JSON, CSV (RFC 4180), TSV, Markdown
 * and line (one "name = value" line per field).
 *
 * Formatting never touches the store: it reads a finished bdb_result.
 */
#include "table.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Numbers                                                                   */
/* ------------------------------------------------------------------------ */

static void trim_zeros(char *s)
{
	if (!strchr(s, '.') || strchr(s, 'e'))
		return;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
}

/*
 * printf("%.*f", decimals, v) without printf, for |v| * 10^decimals below
 * 2^50, then trim_zeros: false (nothing written) when it cannot be sure to
 * print what printf would. printf rounds the exact binary value of v; the
 * scaled value here carries one rounding error of at most half an ulp
 * (< 2^-3 below 2^50, < 2^-33 below 2^20), so only a fraction within 1e-6
 * of one half (where the error could change the direction, or an exact
 * tie that printf rounds to even) is left to printf. A table prints
 * thousands of numbers: this is most of its formatting time otherwise.
 */
static bool fixed_number(double v, int decimals, char *buf, size_t size)
{
	static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10};
	if (decimals < 0 || decimals > 10 || size < 32)
		return false;
	double scaled = fabs(v) * p10[decimals];
	if (!(scaled < 0x1p50))
		return false;
	double whole = floor(scaled), frac = scaled - whole;
	if (fabs(frac - 0.5) < 1e-6 || (decimals > 0 && scaled >= 0x1p20))
		return false;
	uint64_t n = (uint64_t)whole + (frac > 0.5);
	if (n == 0)
		return false; /* printf would keep a sign on a negative zero */
	char digits[24];
	int len = 0;
	/* n > 0: at least one digit (a do loop, so that cppcheck sees it). */
	do {
		digits[len++] = (char)('0' + n % 10);
		n /= 10;
	} while (n || len <= decimals);
	/* digits holds the number backwards, decimals digits after the point. */
	int keep = 0; /* fraction digits left after trimming zeros */
	while (keep < decimals && digits[keep] == '0')
		keep++;
	keep = decimals - keep;
	char *p = buf;
	if (v < 0)
		*p++ = '-';
	for (int i = len - 1; i >= decimals; i--)
		*p++ = digits[i];
	if (keep > 0) {
		*p++ = '.';
		for (int i = decimals - 1; i >= decimals - keep; i--)
			*p++ = digits[i];
	}
	*p = '\0';
	return true;
}

/*
 * A number for people: about `significant` digits, no trailing zeros, no
 * exponent between 1e-4 and 1e15 (from 1e5 on, no decimals at all).
 */
static void significant_number(double v, int significant, char *buf, size_t size)
{
	if (isnan(v)) {
		snprintf(buf, size, "nan");
		return;
	}
	if (isinf(v)) {
		snprintf(buf, size, v < 0 ? "-inf" : "inf");
		return;
	}
	double a = fabs(v);
	if (a == 0) {
		snprintf(buf, size, "0");
	} else if (a >= 1e15 || a < 1e-4) {
		snprintf(buf, size, "%.*g", significant, v);
		/* A subnormal may hold fewer digits than `significant`: its
		 * shortest text that reads back (5e-324, not 4.94066e-324), as
		 * JSON and CSV write it. */
		char shortest[32];
		if (a < DBL_MIN &&
		    strlen(bdb_double_text(v, shortest, sizeof shortest)) < strlen(buf))
			snprintf(buf, size, "%s", shortest);
	} else {
		int digits = (int)floor(log10(a)) + 1;
		int decimals = a >= 1e5 ? 0 : significant - digits;
		if (decimals > 10)
			decimals = 10;
		if (decimals < 0)
			decimals = 0;
		if (!fixed_number(v, decimals, buf, size)) {
			snprintf(buf, size, "%.*f", decimals, v);
			trim_zeros(buf);
		}
	}
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, size, "0");
}

/* About 6 significant digits: the table's numbers. */
void bdb__human_number(double v, char *buf, size_t size)
{
	significant_number(v, 6, buf, size);
}

static void percent_number(double v, bool sign, char *buf, size_t size)
{
	if (isinf(v)) { /* a change from a subnormal base: "+inf%" as "+20.0%" */
		snprintf(buf, size, "%sinf%%", v < 0 ? "-" : sign ? "+" : "");
		return;
	}
	if (!isfinite(v)) {
		bdb__human_number(v, buf, size);
		return;
	}
	if (fabs(v) >= 1e15) { /* as the table's numbers: "+1e+302%", never 300 digits cut short */
		char num[40];
		significant_number(v, 6, num, sizeof num);
		snprintf(buf, size, "%s%s%%", sign && v > 0 ? "+" : "", num);
		return;
	}
	snprintf(buf, size, sign ? "%+.1f%%" : "%.1f%%", v);
	/* A change that rounds to zero has no sign. */
	if (strcmp(buf, "+0.0%") == 0 || strcmp(buf, "-0.0%") == 0)
		snprintf(buf, size, "0.0%%");
}

void bdb__change_text(double pct, char *buf, size_t size)
{
	percent_number(pct, true, buf, size);
}

void bdb__change_beyond_text(double pct, double limit, char *buf, size_t size)
{
	if (!isfinite(pct) || fabs(pct) >= 1e15) {
		percent_number(pct, true, buf, size);
		return;
	}
	for (int decimals = 1; decimals <= 17; decimals++) {
		snprintf(buf, size, "%+.*f%%", decimals, pct);
		if (fabs(strtod(buf, NULL)) > limit)
			return;
	}
}

void bdb__threshold_text(double pct, char *buf, size_t size)
{
	if (!isfinite(pct)) {
		percent_number(pct, false, buf, size);
		return;
	}
	int decimals = 1;
	for (; decimals < 6; decimals++) {
		snprintf(buf, size, "%.*f", decimals, pct);
		if (strtod(buf, NULL) == pct)
			break;
	}
	snprintf(buf, size, "%.*f", decimals, pct);
	/* A threshold too small for 6 decimals (1e-9%) in an exponent. */
	if (fabs(strtod(buf, NULL) - pct) > 1e-6 * fabs(pct)) {
		snprintf(buf, size, "%.6g%%", pct);
		return;
	}
	/* 6 decimals of a value that does not read back (7.000000000000001):
	 * no trailing zeros beyond the first decimal. */
	size_t len = strlen(buf);
	while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
		buf[--len] = '\0';
	snprintf(buf + len, size - len, "%%");
}

/* A p-value with `digits` significant digits, or "< 2.2e-308". */
static void p_digits(double p, int digits, char *buf, size_t size)
{
	if (p >= 0 && p < DBL_MIN)
		snprintf(buf, size, "< %.2g", DBL_MIN);
	else
		snprintf(buf, size, "%.*g", digits, p);
}

void bdb__p_text(double p, char *buf, size_t size)
{
	p_digits(p, 4, buf, size);
}

void bdb__p_said(double p, char *buf, size_t size)
{
	bdb__p_said_below(p, NAN, buf, size);
}

void bdb__p_said_below(double p, double alpha, char *buf, size_t size)
{
	char num[32];
	int digits = 4;
	p_digits(p, digits, num, sizeof num);
	while (p < alpha && digits < 17 && num[0] != '<' && !(strtod(num, NULL) < alpha))
		p_digits(p, ++digits, num, sizeof num);
	snprintf(buf, size, "p %s%s", num[0] == '<' ? "" : "= ", num);
}

static void put_tags(bdb_buf *b, const bdb_value *v)
{
	for (size_t i = 0; i < v->n_tags; i++) {
		if (i)
			bdb_buf_putc(b, ',');
		bdb_buf_puts(b, v->tags[i].key);
		bdb_buf_putc(b, '=');
		bdb_buf_puts(b, v->tags[i].value);
	}
}

static void put_time(bdb_buf *b, int64_t us)
{
	char t[48];
	bdb_buf_puts(b, bdb_time_format(us, t, sizeof t));
}

static const char *mark_arrow(bdb__mark m)
{
	switch (m) {
	case BDB__MARK_REGRESSION:
		return " \xe2\x86\x93"; /* ↓ */
	case BDB__MARK_IMPROVEMENT:
		return " \xe2\x86\x91"; /* ↑ */
	default:
		return "";
	}
}

/* About 4 significant digits: a quantity with its unit (225.6, 1.39, 7440). */
void bdb__short_number(double v, char *buf, size_t size)
{
	significant_number(v, 4, buf, size);
}

/* Beyond T a number keeps its exponent and takes no prefix (1e+20, never
 * 1e+08T). */
const char *bdb__si_prefix(double *v)
{
	static const char *const prefix[] = {"", "k", "M", "G", "T"};
	if (!(fabs(*v) < 1e15))
		return "";
	int e = 0;
	while (e < 4 && fabs(*v) >= 1000) {
		*v /= 1000;
		e++;
	}
	return prefix[e];
}

/* v in unit, as "225.6 µs" (natural scale of a time, size or byte rate),
 * "19.5k ops/s" (other units: SI prefixes, as the charts' ticks), or the
 * number alone without a unit. */
static void put_quantity(bdb_buf *b, double v, const char *unit)
{
	char num[64];
	if (!unit || !*unit || !isfinite(v)) {
		bdb__human_number(v, num, sizeof num);
		bdb_buf_puts(b, num);
		return;
	}
	if (v == 0) { /* no scale to choose: the unit as stored */
		bdb_buf_printf(b, "0 %s", unit);
		return;
	}
	/* the largest unit of its ladder in which the magnitude is at least 1
	 * (else the smallest) */
	const char *const *ladder = bdb_unit_ladder(unit);
	double f;
	if (ladder && bdb_unit_factor(unit, ladder[0], &f) == 0) {
		const char *best = ladder[0];
		double shown = v * f;
		size_t at = 0;
		for (size_t i = 1; ladder[i]; i++) {
			double g;
			if (bdb_unit_factor(unit, ladder[i], &g) == 0 && fabs(v * g) >= 1) {
				best = ladder[i];
				shown = v * g;
				at = i;
			}
		}
		bdb__short_number(shown, num, sizeof num);
		/* 999.9999 ns rounds to "1000 ns": it reads 1 µs. */
		double g;
		if (fabs(strtod(num, NULL)) >= 1000 && ladder[at + 1] &&
		    bdb_unit_factor(unit, ladder[at + 1], &g) == 0) {
			char up[64];
			bdb__short_number(v * g, up, sizeof up);
			if (fabs(strtod(up, NULL)) >= 1) {
				best = ladder[at + 1];
				memcpy(num, up, sizeof num);
			}
		}
		/* Beyond the ladder's top (100000 TB, 100000 s) the number keeps
		 * its exponent, as beyond the SI prefixes: 1e+08 TB. */
		if (!ladder[at + 1] && fabs(strtod(num, NULL)) >= 1e5)
			snprintf(num, sizeof num, "%.4g", shown);
		bdb_buf_printf(b, "%s %s", num, best);
		return;
	}
	const char *prefix = bdb__si_prefix(&v);
	bdb__short_number(v, num, sizeof num);
	bdb_buf_printf(b, "%s%s %s", num, prefix, unit);
}

/* A cell as people read it (table and markdown formats). unit: the row's
 * unit, for a BDB__STYLE_QUANTITY column in the table format (else NULL). */
static void put_human(bdb_buf *b, const bdb_value *v, bdb__col_style style, bdb__mark mark,
		      const char *unit)
{
	char num[64];
	if (unit && v->kind == BDB_VALUE_NUMBER) {
		put_quantity(b, v->num, unit);
		return;
	}
	switch (v->kind) {
	case BDB_VALUE_NULL:
		bdb_buf_putc(b, '-');
		break;
	case BDB_VALUE_STRING:
		if (style == BDB__STYLE_COMMIT && unit)
			bdb_query_put_commit(b, v->str);
		else
			bdb_buf_puts(b, v->str);
		break;
	case BDB_VALUE_INT:
		bdb_buf_printf(b, "%lld", (long long)v->i);
		break;
	case BDB_VALUE_NUMBER:
		if (style == BDB__STYLE_CHANGE)
			percent_number(v->num, true, num, sizeof num);
		else if (style == BDB__STYLE_DELTA && mark == BDB__MARK_ABOVE)
			percent_number(fabs(v->num), true, num, sizeof num);
		else if (style == BDB__STYLE_DELTA && mark == BDB__MARK_BELOW)
			percent_number(-fabs(v->num), true, num, sizeof num);
		else if (style == BDB__STYLE_PERCENT)
			bdb__threshold_text(v->num, num, sizeof num);
		else if (style == BDB__STYLE_DELTA)
			percent_number(v->num, false, num, sizeof num);
		else if (style == BDB__STYLE_PVALUE && isfinite(v->num))
			bdb__p_text(v->num, num, sizeof num);
		else
			bdb__human_number(v->num, num, sizeof num);
		bdb_buf_puts(b, num);
		break;
	case BDB_VALUE_TIME:
		put_time(b, v->i);
		break;
	case BDB_VALUE_BOOL:
		if (style == BDB__STYLE_BEST)
			bdb_buf_puts(b, v->i ? "*" : "");
		else
			bdb_buf_puts(b, v->i ? "true" : "false");
		break;
	case BDB_VALUE_TAGS:
		put_tags(b, v);
		break;
	}
	if (style == BDB__STYLE_MARKED)
		bdb_buf_puts(b, mark_arrow(mark));
}

/* commit, a hash cut to its first `shown` digits (per cell: no printf). */
static void put_commit_shown(bdb_buf *b, const char *commit, size_t shown)
{
	size_t n = strlen(commit);
	bdb_buf_append(b, commit, n > shown && bdb_commit_is_hash(commit) ? shown : n);
}

void bdb_query_put_commit(bdb_buf *b, const char *commit)
{
	put_commit_shown(b, commit, BDB__COMMIT_SHOWN);
}

/* shown, or more digits when hashes a and b are alike in their first shown
 * (neither starting the other: a short and a full hash of one commit are
 * not told apart). */
static size_t digits_apart(const char *a, const char *b, size_t shown)
{
	size_t k = 0;
	while (a[k] && a[k] == b[k])
		k++;
	return a[k] && b[k] && k + 1 > shown ? k + 1 : shown;
}

void bdb_query_put_commit_apart(bdb_buf *b, const char *commit, const char *other)
{
	size_t shown = BDB__COMMIT_SHOWN;
	if (other && bdb_commit_is_hash(commit) && bdb_commit_is_hash(other))
		shown = digits_apart(commit, other, shown);
	put_commit_shown(b, commit, shown);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* r->commit_shown, computed once: the digits that tell r's hashes apart,
 * at least BDB__COMMIT_SHOWN. Two hashes one of which starts the other (a
 * short and a full hash of one commit) need not be told apart. */
static size_t commit_shown(const bdb_result *r)
{
	if (r->commit_shown)
		return r->commit_shown;
	size_t shown = BDB__COMMIT_SHOWN, n = 0;
	const char **hashes = malloc((r->n_rows ? r->n_rows : 1) * r->n_cols * sizeof *hashes);
	for (size_t c = 0; hashes && c < r->n_cols; c++)
		for (size_t row = 0; r->cols[c].style == BDB__STYLE_COMMIT && row < r->n_rows;
		     row++) {
			const bdb_value *v = &r->cells[row * r->n_cols + c];
			if (v->kind == BDB_VALUE_STRING && strlen(v->str) > BDB__COMMIT_SHOWN &&
			    bdb_commit_is_hash(v->str))
				hashes[n++] = v->str;
		}
	if (n > 1)
		qsort(hashes, n, sizeof *hashes, compare_strings);
	/* Sorted, the longest common start of two hashes is that of two
	 * neighbours. */
	for (size_t i = 1; i < n; i++)
		shown = digits_apart(hashes[i - 1], hashes[i], shown);
	free(hashes);
	((bdb_result *)r)->commit_shown = shown; /* a cache: the rows are final */
	return shown;
}

/* A permutation p-value at the smallest its permutation count resolves,
 * 1 / (R + 1), reads "< 0.0099 (100 permutations)": it is a bound, not an
 * estimate. True when it wrote that. */
static bool put_p_floor(bdb_buf *b, const bdb_result *r, const bdb_value *v,
			bdb__col_style style)
{
	if (style != BDB__STYLE_PVALUE || v->kind != BDB_VALUE_NUMBER || r->p_floor_permutations < 1)
		return false;
	double floor = 1.0 / ((double)r->p_floor_permutations + 1.0);
	if (!(fabs(v->num - floor) <= floor * 1e-9))
		return false;
	bdb_buf_printf(b, "< %.2g (%d permutation%s)", floor, r->p_floor_permutations,
		       r->p_floor_permutations == 1 ? "" : "s");
	return true;
}

/* r's cell (row, col) as the table format (table, unit_col: r's "unit"
 * column or -1) or the markdown format shows it: quantities in their
 * unit's scale and short commits in the table format. */
static void put_cell_human(bdb_buf *b, const bdb_result *r, size_t row, size_t col, bool table,
			   long unit_col)
{
	const bdb_value *v = &r->cells[row * r->n_cols + col];
	bdb__col_style style = r->cols[col].style;
	const char *unit = NULL;
	if (table && style == BDB__STYLE_COMMIT)
		unit = "";
	if (table && style == BDB__STYLE_QUANTITY && unit_col >= 0) {
		const bdb_value *u = &r->cells[row * r->n_cols + (size_t)unit_col];
		unit = u->kind == BDB_VALUE_STRING ? u->str : "";
	}
	/* A change beyond its row's threshold shows as many decimals as make
	 * it so: "+5.04%" at 5%, not "+5.0%" with a regression verdict. */
	for (size_t c = 0; style == BDB__STYLE_CHANGE && v->kind == BDB_VALUE_NUMBER &&
			   isfinite(v->num) && c < r->n_cols;
	     c++) {
		const bdb_value *t = &r->cells[row * r->n_cols + c];
		if (strcmp(r->cols[c].name, "threshold") == 0 && t->kind == BDB_VALUE_NUMBER &&
		    isfinite(t->num) && fabs(v->num) > t->num) {
			char num[64];
			bdb__change_beyond_text(v->num, t->num, num, sizeof num);
			bdb_buf_puts(b, num);
			return;
		}
	}
	if (table && style == BDB__STYLE_COMMIT && v->kind == BDB_VALUE_STRING)
		put_commit_shown(b, v->str, commit_shown(r));
	else if (!put_p_floor(b, r, v, style))
		put_human(b, v, style, (bdb__mark)r->marks[row], unit);
}

static long unit_column(const bdb_result *r);

void bdb__put_cell_table(bdb_buf *b, const bdb_result *r, size_t row, size_t col)
{
	put_cell_human(b, r, row, col, true, unit_column(r));
}

void bdb__put_cell_text(bdb_buf *b, const bdb_result *r, size_t row, size_t col)
{
	const bdb_value *v = &r->cells[row * r->n_cols + col];
	if (!put_p_floor(b, r, v, r->cols[col].style))
		put_human(b, v, r->cols[col].style, BDB__MARK_NONE, NULL);
}

void bdb_result_cell_text(const bdb_result *r, size_t row, size_t col, bdb_buf *out)
{
	if (row < r->n_rows && col < r->n_cols)
		bdb__put_cell_text(out, r, row, col);
}

void bdb_result_cell_quantity(const bdb_result *r, size_t row, size_t col, bdb_buf *out)
{
	if (row < r->n_rows && col < r->n_cols)
		bdb__put_cell_table(out, r, row, col);
}

static bool is_numeric(const bdb_value *v)
{
	return v->kind == BDB_VALUE_INT || v->kind == BDB_VALUE_NUMBER;
}

/* ------------------------------------------------------------------------ */
/* Cell layout shared by table and markdown                                  */
/* ------------------------------------------------------------------------ */

/*
 * Cells formatted once, before their widths are known: their text back to
 * back, each NUL-terminated, the header first, then row by row; put_cell
 * takes them in the same order. (No per-cell offsets: a big table's layout
 * is its text and nothing more.)
 */
typedef struct layout {
	bdb_buf text;	/* every formatted cell, NUL-terminated */
	size_t at;	/* where the next cell put_cell takes starts */
	size_t *widths; /* per column */
	bool *right;	/* per column: right-aligned (numbers) */
} layout;

/* Markdown needs '|' escaped and no line breaks inside a cell. */
static void escape_markdown(bdb_buf *b, size_t from)
{
	bdb_buf raw;
	bdb_buf_init(&raw);
	bdb_buf_append(&raw, b->data + from, b->len - from);
	b->len = from;
	bdb_buf_put_markdown(b, raw.data ? raw.data : "", raw.len);
	bdb_buf_free(&raw);
}

/* A table cell stays on one line and sends no control characters to the
 * terminal: line breaks and tabs become blanks, other controls '?'. */
static void tidy_table_cell(bdb_buf *b, size_t from)
{
	for (size_t i = from; i < b->len; i++) {
		unsigned char c = (unsigned char)b->data[i];
		if (c == '\n' || c == '\t' || c == '\r')
			b->data[i] = ' ';
		else if (c < 0x20 || c == 0x7f)
			b->data[i] = '?';
	}
}

/* Ends the cell that starts at off in L->text: its width counts towards its
 * column's. */
static void end_cell(layout *L, size_t off, size_t col)
{
	size_t width = bdb_display_width(L->text.data + off, L->text.len - off);
	if (width > L->widths[col])
		L->widths[col] = width;
	bdb_buf_putc(&L->text, '\0');
}

/* The index of r's "unit" column, or -1. */
static long unit_column(const bdb_result *r)
{
	for (size_t c = 0; c < r->n_cols; c++)
		if (strcmp(r->cols[c].name, "unit") == 0)
			return (long)c;
	return -1;
}

static int lay_out(const bdb_result *r, bool markdown, layout *L)
{
	size_t nc = r->n_cols, nr = r->n_rows;
	long unit_col = markdown ? -1 : unit_column(r);
	bdb_buf_init(&L->text);
	L->at = 0;
	L->widths = calloc(nc + 1, sizeof *L->widths);
	L->right = calloc(nc + 1, sizeof *L->right);
	if (!L->widths || !L->right)
		return BDB_ENOMEM;
	for (size_t c = 0; c < nc; c++) {
		size_t off = L->text.len;
		bdb_buf_puts(&L->text, r->cols[c].name);
		end_cell(L, off, c);
		/* A column is numeric when all its non-null cells are. */
		bool any = false, all = true;
		for (size_t row = 0; row < nr; row++) {
			const bdb_value *v = &r->cells[row * nc + c];
			if (v->kind == BDB_VALUE_NULL)
				continue;
			any = true;
			all = all && is_numeric(v);
		}
		L->right[c] = any && all;
	}
	for (size_t row = 0; row < nr; row++) {
		for (size_t c = 0; c < nc; c++) {
			size_t off = L->text.len;
			put_cell_human(&L->text, r, row, c, !markdown, unit_col);
			if (markdown)
				escape_markdown(&L->text, off);
			else
				tidy_table_cell(&L->text, off);
			if (L->text.failed)
				return BDB_ENOMEM;
			end_cell(L, off, c);
		}
	}
	return L->text.failed ? BDB_ENOMEM : 0;
}

static void layout_free(layout *L)
{
	bdb_buf_free(&L->text);
	free(L->widths);
	free(L->right);
}

static void pad(bdb_buf *b, size_t n)
{
	static const char blanks[] = "                                ";
	for (; n >= sizeof blanks - 1; n -= sizeof blanks - 1)
		bdb_buf_append(b, blanks, sizeof blanks - 1);
	bdb_buf_append(b, blanks, n);
}

/* The next laid-out cell, padded to its column's width; one wider than its
 * column (narrowed by fit_width) cut with a "…". */
static void put_cell(bdb_buf *b, layout *L, size_t col, bool last)
{
	const char *text = L->text.data + L->at;
	size_t len = strlen(text);
	L->at += len + 1;
	size_t width = bdb_display_width(text, len);
	bool cut = width > L->widths[col];
	if (cut) {
		len = bdb_display_prefix(text, len, L->widths[col] - 1);
		width = bdb_display_width(text, len) + 1;
	}
	size_t gap = L->widths[col] - width;
	if (L->right[col])
		pad(b, gap);
	bdb_buf_append(b, text, len);
	if (cut)
		bdb_buf_puts(b, "\xe2\x80\xa6"); /* … */
	if (!L->right[col] && !last)
		pad(b, gap);
}

/* The narrowest a text column gets on a narrow terminal (or its header's
 * width): a name of up to 20 columns stays whole. */
#define NARROWEST_TEXT 20

/*
 * A table wider than the terminal (width columns; 0: unknown) wraps each of
 * its lines: its text columns (left-aligned: names, tags, details,
 * explanations) are narrowed instead, the widest first, each down to
 * NARROWEST_TEXT or its header's width; numbers keep theirs. What still
 * does not fit wraps as before.
 */
static void fit_width(const bdb_result *r, layout *L, const bool *show, size_t width)
{
	size_t total = 0, n = 0;
	for (size_t c = 0; c < r->n_cols; c++)
		if (show[c]) {
			total += L->widths[c];
			n++;
		}
	total += n ? 2 * (n - 1) : 0;
	while (width && total > width) {
		size_t widest = r->n_cols;
		for (size_t c = 0; c < r->n_cols; c++) {
			size_t head = bdb_display_width(r->cols[c].name, strlen(r->cols[c].name));
			size_t floor = head > NARROWEST_TEXT ? head : NARROWEST_TEXT;
			if (show[c] && !L->right[c] && L->widths[c] > floor &&
			    (widest == r->n_cols || L->widths[c] > L->widths[widest]))
				widest = c;
		}
		if (widest == r->n_cols)
			break;
		L->widths[widest]--;
		total--;
	}
}

/* Drops the blanks that padding left at the end of a line. */
static void trim_line_end(bdb_buf *b, size_t line_start)
{
	while (b->len > line_start && b->data[b->len - 1] == ' ')
		b->len--;
	if (b->data)
		b->data[b->len] = '\0';
}

/* ------------------------------------------------------------------------ */
/* Table                                                                     */
/* ------------------------------------------------------------------------ */

/*
 * Writing to a FILE (bdb_result_write), the text goes out every SPILL_AT
 * bytes, at the end of a row: a table of thousands of rows never sits in
 * memory whole (a one-shot query would pay for every page of it).
 */
#define SPILL_AT 65536

static void spill(bdb_buf *out, FILE *f)
{
	if (!f || out->len < SPILL_AT || out->failed)
		return;
	if (fwrite(out->data, 1, out->len, f) != out->len)
		out->failed = true; /* ferror(f) tells bdb_result_write */
	bdb_buf_reset(out);
}

#define SGR_RESET "\033[0m"
#define SGR_BOLD  "\033[1m"
#define SGR_RED	  "\033[31m"
#define SGR_GREEN "\033[32m"
#define SGR_BEST  "\033[1;32m"

static bool colour_wanted(const bdb_query_options *opt)
{
	if (!opt || !opt->is_terminal || !opt->color)
		return false;
	const char *no = getenv("NO_COLOR");
	return !no || !*no;
}

/* A range past the largest double is halved first (exact: the same
 * fraction). */
double bdb__fraction(double v, double lo, double hi)
{
	double range = hi - lo;
	return isfinite(range) ? (v - lo) / range : (v / 2 - lo / 2) / (hi / 2 - lo / 2);
}

#define SPARK_MAX 60

/* One sparkline of values[0..n): at most SPARK_MAX bars of group means. */
static void put_sparkline(bdb_buf *b, const double *values, size_t n)
{
	static const char *const bars[8] = {
	    "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	    "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
	};
	size_t width = n < SPARK_MAX ? n : SPARK_MAX;
	double lo = INFINITY, hi = -INFINITY;
	double means[SPARK_MAX];
	for (size_t i = 0; i < width; i++) {
		size_t from = i * n / width, to = (i + 1) * n / width;
		double sum = 0, k = (double)(to - from);
		for (size_t j = from; j < to; j++)
			sum += values[j];
		/* A sum past the largest double (1e308 + 1e308) is a mean of
		 * inf: the mean of the values divided first instead. */
		if (isfinite(sum)) {
			means[i] = sum / k;
		} else {
			means[i] = 0;
			for (size_t j = from; j < to; j++)
				means[i] += values[j] / k;
		}
		if (means[i] < lo)
			lo = means[i];
		if (means[i] > hi)
			hi = means[i];
	}
	for (size_t i = 0; i < width; i++) {
		int level = hi > lo ? (int)(bdb__fraction(means[i], lo, hi) * 7.0 + 0.5) : 3;
		bdb_buf_puts(b, bars[level < 0 ? 0 : level > 7 ? 7 : level]);
	}
}

bool bdb__same_value(const bdb_value *a, const bdb_value *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case BDB_VALUE_NULL:
		return true;
	case BDB_VALUE_STRING:
		/* The rows of one series often share their strings. */
		return a->str == b->str || strcmp(a->str, b->str) == 0;
	case BDB_VALUE_NUMBER:
		return a->num == b->num;
	case BDB_VALUE_TAGS:
		if (a->tags == b->tags && a->n_tags == b->n_tags)
			return true;
		if (a->n_tags != b->n_tags)
			return false;
		for (size_t i = 0; i < a->n_tags; i++)
			if (strcmp(a->tags[i].key, b->tags[i].key) != 0 ||
			    strcmp(a->tags[i].value, b->tags[i].value) != 0)
				return false;
		return true;
	default:
		return a->i == b->i;
	}
}

static bool same_group(const bdb_result *r, size_t a, size_t b)
{
	for (int c = r->spark_group; c >= 0 && c < r->spark_group + r->spark_group_cols; c++)
		if (!bdb__same_value(&r->cells[a * r->n_cols + (size_t)c],
				     &r->cells[b * r->n_cols + (size_t)c]))
			return false;
	return true;
}

/*
 * The sparklines of r, one line per series (its group's values first when
 * there are several), each followed by the smallest and largest value it
 * draws in the series' unit: "▇█▇▁ min 900 elem/s, max 1.01k elem/s". For
 * markdown each line is a list item with the bars as code and the names
 * escaped as table cells are; then an empty line.
 */
/* A Markdown list item's text from `from` on starts with what would open a
 * block inside the item, a heading ("# x"), a list ("- x", "1. x") or a
 * quote ("> x"): a backslash before the marker keeps it text. */
static void escape_block_marker(bdb_buf *b, size_t from)
{
	const char *s = b->data + from;
	size_t n = b->len - from, i = 0, at = 0;
	if (n == 0)
		return;
	while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0) {
		if (i == n || (s[i] != '.' && s[i] != ')'))
			return;
		at = i++;
	} else if (s[0] == '#') {
		while (i < n && s[i] == '#')
			i++;
	} else if (s[0] == '-' || s[0] == '+' || s[0] == '>')
		i = 1;
	else
		return;
	/* a marker is one when a blank or the end follows it ('>' needs none) */
	if (s[0] != '>' && i < n && s[i] != ' ')
		return;
	bdb_buf_putc(b, '\\');
	if (b->failed)
		return;
	memmove(b->data + from + at + 1, b->data + from + at, n - at);
	b->data[from + at] = '\\';
}

/* The notes above a table: text as a cell is, since they name stored
 * points (no control character reaches a terminal; in Markdown, escaped as a
 * cell and no block opened), each a line starting with prefix, in Markdown
 * a paragraph. */
static void put_notes(const bdb_result *r, bdb_buf *out, bool markdown, const char *prefix)
{
	for (size_t i = 0; i < r->n_notes; i++) {
		bdb_buf_puts(out, prefix);
		size_t off = out->len;
		if (markdown) {
			bdb_buf_put_markdown(out, r->notes[i], strlen(r->notes[i]));
			escape_block_marker(out, off);
		} else {
			bdb_buf_puts(out, r->notes[i]);
			tidy_table_cell(out, off);
		}
		bdb_buf_puts(out, markdown ? "\n\n" : "\n");
	}
}

static int put_sparklines(const bdb_result *r, bdb_buf *b, bool markdown)
{
	if (r->spark_col < 0 || r->n_rows == 0)
		return 0;
	double *values = malloc(r->n_rows * sizeof *values);
	if (!values)
		return BDB_ENOMEM;
	long unit_col = unit_column(r);
	size_t start = 0;
	bool several = !same_group(r, 0, r->n_rows - 1), any = false;
	while (start < r->n_rows) {
		size_t end = start, n = 0;
		double lo = INFINITY, hi = -INFINITY;
		while (end < r->n_rows && same_group(r, start, end)) {
			bdb_value v = r->cells[end * r->n_cols + (size_t)r->spark_col];
			if (v.kind == BDB_VALUE_NUMBER && isfinite(v.num)) {
				values[n++] = v.num;
				lo = v.num < lo ? v.num : lo;
				hi = v.num > hi ? v.num : hi;
			}
			end++;
		}
		if (n) {
			any = true;
			size_t item = b->len + 2;
			if (markdown)
				bdb_buf_puts(b, "- ");
			/* Several series: each line starts with its group's values. */
			for (int c = r->spark_group;
			     several && c >= 0 && c < r->spark_group + r->spark_group_cols; c++) {
				bdb_value g = r->cells[start * r->n_cols + (size_t)c];
				if (g.kind == BDB_VALUE_NULL ||
				    (g.kind == BDB_VALUE_TAGS && g.n_tags == 0))
					continue;
				size_t off = b->len;
				put_human(b, &g, BDB__STYLE_PLAIN, BDB__MARK_NONE, NULL);
				if (markdown)
					escape_markdown(b, off);
				else
					tidy_table_cell(b, off);
				bdb_buf_putc(b, ' ');
			}
			if (markdown) {
				escape_block_marker(b, item);
				bdb_buf_putc(b, '`');
			}
			put_sparkline(b, values, n);
			if (markdown)
				bdb_buf_putc(b, '`');
			const bdb_value *u =
			    unit_col >= 0 ? &r->cells[start * r->n_cols + (size_t)unit_col] : NULL;
			const char *unit = u && u->kind == BDB_VALUE_STRING ? u->str : "";
			bdb_value extreme = {.kind = BDB_VALUE_NUMBER, .num = lo};
			size_t off = b->len;
			bdb_buf_puts(b, " min ");
			put_human(b, &extreme, BDB__STYLE_QUANTITY, BDB__MARK_NONE, unit);
			bdb_buf_puts(b, ", max ");
			extreme.num = hi;
			put_human(b, &extreme, BDB__STYLE_QUANTITY, BDB__MARK_NONE, unit);
			if (markdown)
				escape_markdown(b, off);
			bdb_buf_putc(b, '\n');
		}
		start = end;
	}
	if (markdown && any)
		bdb_buf_putc(b, '\n');
	free(values);
	return 0;
}

static bool empty_value(const bdb_value *v)
{
	return v->kind == BDB_VALUE_NULL || (v->kind == BDB_VALUE_TAGS && v->n_tags == 0) ||
	       (v->kind == BDB_VALUE_STRING && !v->str[0]);
}

/*
 * Which columns the table format shows (show[c]): not those empty in every
 * row (tags, lower, upper, p_value), not those that repeat others
 * (r->table_redundant), not "unit" when quantities show their own. A table
 * without rows shows them all.
 */
void bdb__table_columns(const bdb_result *r, bool *show)
{
	bool quantities = false;
	for (size_t c = 0; c < r->n_cols; c++)
		quantities = quantities || r->cols[c].style == BDB__STYLE_QUANTITY;
	long unit_col = unit_column(r);
	for (size_t c = 0; c < r->n_cols; c++) {
		show[c] = true;
		if (r->n_rows == 0)
			continue;
		bool empty = true;
		for (size_t row = 0; empty && row < r->n_rows; row++)
			empty = empty_value(&r->cells[row * r->n_cols + c]);
		if (empty || (c < 32 && (r->table_redundant >> c) & 1) ||
		    (quantities && (long)c == unit_col))
			show[c] = false;
	}
}

/* Steps over the next laid-out cell without writing it. */
static void skip_cell(layout *L)
{
	L->at += strlen(L->text.data + L->at) + 1;
}

/* One line of the table: the shown cells, two blanks apart. */
static void put_row(bdb_buf *out, layout *L, const bool *show, size_t nc, size_t last)
{
	bool first = true;
	for (size_t c = 0; c < nc; c++) {
		if (!show[c]) {
			skip_cell(L);
			continue;
		}
		if (!first)
			bdb_buf_puts(out, "  ");
		first = false;
		put_cell(out, L, c, c == last);
	}
}

static int format_table(const bdb_result *r, const bdb_query_options *opt, bdb_buf *out, FILE *f)
{
	bool colour = colour_wanted(opt);
	put_notes(r, out, false, "");
	if (opt && opt->is_terminal && put_sparklines(r, out, false))
		return BDB_ENOMEM;
	layout L;
	int rc = lay_out(r, false, &L);
	if (rc) {
		layout_free(&L);
		return rc;
	}
	size_t nc = r->n_cols, last = 0;
	bool *show = calloc(nc + 1, sizeof *show);
	if (!show) {
		layout_free(&L);
		return BDB_ENOMEM;
	}
	bdb__table_columns(r, show);
	for (size_t c = 0; c < nc; c++)
		if (show[c])
			last = c;
	if (opt && opt->is_terminal)
		fit_width(r, &L, show, opt->width);
	if (colour)
		bdb_buf_puts(out, SGR_BOLD);
	put_row(out, &L, show, nc, last);
	if (colour)
		bdb_buf_puts(out, SGR_RESET);
	bdb_buf_putc(out, '\n');
	bool first = true;
	for (size_t c = 0; c < nc; c++) {
		if (!show[c])
			continue;
		if (!first)
			bdb_buf_puts(out, "  ");
		first = false;
		for (size_t i = 0; i < L.widths[c]; i++)
			bdb_buf_putc(out, '-');
	}
	bdb_buf_putc(out, '\n');
	for (size_t row = 0; row < r->n_rows; row++) {
		const char *sgr = NULL;
		if (colour) {
			switch ((bdb__mark)r->marks[row]) {
			case BDB__MARK_BEST:
				sgr = SGR_BEST;
				break;
			case BDB__MARK_REGRESSION:
				sgr = SGR_RED;
				break;
			case BDB__MARK_IMPROVEMENT:
				sgr = SGR_GREEN;
				break;
			case BDB__MARK_NONE:
			case BDB__MARK_ABOVE:
			case BDB__MARK_BELOW:
				break;
			}
		}
		if (sgr)
			bdb_buf_puts(out, sgr);
		size_t line_start = out->len;
		put_row(out, &L, show, nc, last);
		trim_line_end(out, line_start);
		if (sgr)
			bdb_buf_puts(out, SGR_RESET);
		bdb_buf_putc(out, '\n');
		spill(out, f);
	}
	if (r->n_rows == 0)
		bdb_buf_puts(out, "(no rows)\n");
	free(show);
	layout_free(&L);
	return out->failed ? BDB_ENOMEM : 0;
}

/* ------------------------------------------------------------------------ */
/* Markdown                                                                  */
/* ------------------------------------------------------------------------ */

/* A link column added to a Markdown table (bdb_result_markdown_links). */
typedef struct link_column {
	const char *name, *text;
	const char *const *targets; /* per row, NULL: no link */
} link_column;

/* A link target with every byte but [A-Za-z0-9._~/-] percent-encoded, so
 * that no '|', ')', blank or '<' ends the link or the cell. */
static void put_link_target(bdb_buf *b, const char *target)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)target; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("._~/-", *p))
			bdb_buf_putc(b, (char)*p);
		else {
			bdb_buf_putc(b, '%');
			bdb_buf_putc(b, hex[*p >> 4]);
			bdb_buf_putc(b, hex[*p & 15]);
		}
	}
}

static int format_markdown(const bdb_result *r, bdb_buf *out, FILE *f, const link_column *link)
{
	put_notes(r, out, true, "");
	if (put_sparklines(r, out, true))
		return BDB_ENOMEM;
	layout L;
	int rc = lay_out(r, true, &L);
	if (rc) {
		layout_free(&L);
		return rc;
	}
	size_t nc = r->n_cols;
	for (size_t c = 0; c < nc; c++) {
		/* the alignment row needs at least three characters */
		if (L.widths[c] < 3)
			L.widths[c] = 3;
	}
	/* The link column's cells, escaped, NUL-separated, and its width. */
	bdb_buf links;
	bdb_buf_init(&links);
	size_t link_width = 3, link_at = 0;
	for (size_t row = 0; link && row <= r->n_rows; row++) {
		size_t off = links.len;
		if (row == 0) {
			bdb_buf_puts(&links, link->name);
			escape_markdown(&links, off);
		} else if (link->targets[row - 1]) {
			bdb_buf_putc(&links, '[');
			bdb_buf_puts(&links, link->text);
			escape_markdown(&links, off + 1);
			bdb_buf_puts(&links, "](");
			put_link_target(&links, link->targets[row - 1]);
			bdb_buf_putc(&links, ')');
		}
		size_t width = bdb_display_width(links.data + off, links.len - off);
		link_width = width > link_width ? width : link_width;
		bdb_buf_putc(&links, '\0');
	}
	if (links.failed) {
		bdb_buf_free(&links);
		layout_free(&L);
		return BDB_ENOMEM;
	}
	for (size_t row = 0; row <= r->n_rows + 1; row++) {
		if (row == 1) {
			/* The alignment row. */
			bdb_buf_putc(out, '|');
			for (size_t c = 0; c < nc; c++) {
				bdb_buf_putc(out, L.right[c] ? ' ' : ':');
				for (size_t i = 0; i < L.widths[c]; i++)
					bdb_buf_putc(out, '-');
				bdb_buf_puts(out, L.right[c] ? ":|" : " |");
			}
			if (link) {
				bdb_buf_putc(out, ':');
				for (size_t i = 0; i < link_width; i++)
					bdb_buf_putc(out, '-');
				bdb_buf_puts(out, " |");
			}
			bdb_buf_putc(out, '\n');
			continue;
		}
		bdb_buf_putc(out, '|');
		for (size_t c = 0; c < nc; c++) {
			bdb_buf_putc(out, ' ');
			put_cell(out, &L, c, false);
			bdb_buf_puts(out, " |");
		}
		if (link) {
			const char *text = links.data + link_at;
			size_t len = strlen(text);
			link_at += len + 1;
			bdb_buf_putc(out, ' ');
			bdb_buf_append(out, text, len);
			pad(out, link_width - bdb_display_width(text, len));
			bdb_buf_puts(out, " |");
		}
		bdb_buf_putc(out, '\n');
		spill(out, f);
	}
	bdb_buf_free(&links);
	layout_free(&L);
	return out->failed ? BDB_ENOMEM : 0;
}

/* ------------------------------------------------------------------------ */
/* Line                                                                      */
/* ------------------------------------------------------------------------ */

/*
 * sqlite3's `.mode line`: each row as "name = value" lines, names
 * right-aligned, an empty line between rows. For rows too wide for a table
 * (explain). The cells read as the table's (quantities in their unit's
 * scale, the same columns shown) except commits, shown whole: a line has
 * room for them.
 */
static int format_line(const bdb_result *r, bdb_buf *out, FILE *f)
{
	put_notes(r, out, false, "");
	size_t nc = r->n_cols, name_width = 0;
	bool *show = calloc(nc + 1, sizeof *show);
	if (!show)
		return BDB_ENOMEM;
	bdb__table_columns(r, show);
	for (size_t c = 0; c < nc; c++) {
		size_t w = bdb_display_width(r->cols[c].name, strlen(r->cols[c].name));
		if (show[c] && w > name_width)
			name_width = w;
	}
	long unit_col = unit_column(r);
	for (size_t row = 0; row < r->n_rows; row++) {
		if (row > 0)
			bdb_buf_putc(out, '\n');
		for (size_t c = 0; c < nc; c++) {
			if (!show[c])
				continue;
			const char *name = r->cols[c].name;
			size_t line_start = out->len;
			pad(out, name_width - bdb_display_width(name, strlen(name)));
			bdb_buf_puts(out, name);
			bdb_buf_puts(out, " = ");
			const char *unit = NULL;
			if (r->cols[c].style == BDB__STYLE_QUANTITY && unit_col >= 0) {
				const bdb_value *u = &r->cells[row * nc + (size_t)unit_col];
				unit = u->kind == BDB_VALUE_STRING ? u->str : "";
			}
			size_t off = out->len;
			if (!put_p_floor(out, r, &r->cells[row * nc + c], r->cols[c].style))
				put_human(out, &r->cells[row * nc + c], r->cols[c].style,
					  (bdb__mark)r->marks[row], unit);
			tidy_table_cell(out, off);
			trim_line_end(out, line_start);
			bdb_buf_putc(out, '\n');
		}
		spill(out, f);
	}
	if (r->n_rows == 0)
		bdb_buf_puts(out, "(no rows)\n");
	free(show);
	return out->failed ? BDB_ENOMEM : 0;
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                      */
/* ------------------------------------------------------------------------ */

static void json_string(bdb_buf *b, const char *s)
{
	bdb_buf_put_json_string(b, s, strlen(s));
}

/* A finite number of a result as JSON and CSV write it: the shortest text
 * that reads back, and -0 as 0 (a result's -0, a stored value's or a
 * computed one's, equals 0; "-0" tripped JSON consumers and diffs). Export
 * keeps the sign: a run's values are its exact bits. */
static const char *result_number_text(double v, char *buf, size_t size)
{
	return bdb_double_text(v == 0 ? 0.0 : v, buf, size);
}

static void json_value(bdb_buf *b, const bdb_value *v)
{
	char num[64];
	switch (v->kind) {
	case BDB_VALUE_NULL:
		bdb_buf_puts(b, "null");
		break;
	case BDB_VALUE_STRING:
		json_string(b, v->str);
		break;
	case BDB_VALUE_INT:
		bdb_buf_printf(b, "%lld", (long long)v->i);
		break;
	case BDB_VALUE_NUMBER:
		if (!isfinite(v->num)) {
			bdb_buf_puts(b, "null");
			break;
		}
		bdb_buf_puts(b, result_number_text(v->num, num, sizeof num));
		break;
	case BDB_VALUE_TIME:
		bdb_buf_putc(b, '"');
		put_time(b, v->i);
		bdb_buf_putc(b, '"');
		break;
	case BDB_VALUE_BOOL:
		bdb_buf_puts(b, v->i ? "true" : "false");
		break;
	case BDB_VALUE_TAGS:
		bdb_buf_putc(b, '{');
		for (size_t i = 0; i < v->n_tags; i++) {
			if (i)
				bdb_buf_puts(b, ", ");
			json_string(b, v->tags[i].key);
			bdb_buf_puts(b, ": ");
			json_string(b, v->tags[i].value);
		}
		bdb_buf_putc(b, '}');
		break;
	}
}

/* `, "display": {"COLUMN": "TEXT", ...}`: row's cells as the table format
 * writes them (bdb_query_options.display), in scratch first. */
static void json_display(bdb_buf *out, bdb_buf *scratch, const bdb_result *r, size_t row,
			 long unit_col)
{
	bdb_buf_puts(out, ", \"display\": {");
	for (size_t c = 0; c < r->n_cols; c++) {
		if (c)
			bdb_buf_puts(out, ", ");
		json_string(out, r->cols[c].name);
		bdb_buf_puts(out, ": ");
		bdb_buf_reset(scratch);
		put_cell_human(scratch, r, row, c, true, unit_col);
		bdb_buf_put_json_string(out, scratch->data ? scratch->data : "", scratch->len);
	}
	bdb_buf_putc(out, '}');
}

static size_t shown_columns(const bdb_result *r);

/* `, "display_columns": [...]`: the columns the table format shows
 * (bdb__table_columns), in their order, so that a page shows the same. */
static int json_display_columns(bdb_buf *out, const bdb_result *r)
{
	bool *show = malloc((r->n_cols + 1) * sizeof *show);
	if (!show)
		return BDB_ENOMEM;
	bdb__table_columns(r, show);
	size_t shown = shown_columns(r);
	bdb_buf_puts(out, ", \"display_columns\": [");
	bool first = true;
	for (size_t c = 0; c < shown; c++) {
		if (!show[c])
			continue;
		if (!first)
			bdb_buf_puts(out, ", ");
		first = false;
		json_string(out, r->cols[c].name);
	}
	bdb_buf_putc(out, ']');
	free(show);
	return 0;
}

/* The "column": value members of one row, comma-separated. */
static void json_cells(bdb_buf *out, const bdb_result *r, size_t row)
{
	for (size_t c = 0; c < r->n_cols; c++) {
		if (c)
			bdb_buf_puts(out, ", ");
		json_string(out, r->cols[c].name);
		bdb_buf_puts(out, ": ");
		json_value(out, &r->cells[row * r->n_cols + c]);
	}
}

static int format_json(const bdb_result *r, const bdb_query_options *opt, bdb_buf *out, FILE *f)
{
	bool display = opt && opt->display;
	int rc;
	long unit_col = display ? unit_column(r) : -1;
	bdb_buf scratch;
	bdb_buf_init(&scratch);
	bdb_buf_puts(out, "{\"statement\": ");
	json_string(out, r->statement);
	for (size_t i = 0; i < r->n_fields; i++) {
		bdb_buf_puts(out, ", ");
		json_string(out, r->field_names[i]);
		bdb_buf_puts(out, ": ");
		json_value(out, &r->fields[i]);
	}
	bdb_buf_puts(out, ", \"columns\": [");
	for (size_t c = 0; c < r->n_cols; c++) {
		if (c)
			bdb_buf_puts(out, ", ");
		json_string(out, r->cols[c].name);
	}
	bdb_buf_putc(out, ']');
	if (display && (rc = json_display_columns(out, r)) != 0)
		return rc;
	bdb_buf_puts(out, ", \"rows\": [");
	for (size_t row = 0; row < r->n_rows; row++) {
		bdb_buf_puts(out, row ? ",\n  {" : "\n  {");
		json_cells(out, r, row);
		if (display)
			json_display(out, &scratch, r, row, unit_col);
		bdb_buf_putc(out, '}');
		spill(out, f);
	}
	bdb_buf_puts(out, r->n_rows ? "\n]" : "]");
	/* A grouped table's rows before grouping, one per series. */
	const bdb_result *s = r->series_rows;
	if (s) {
		bdb_buf_puts(out, ", \"series_rows\": [");
		for (size_t row = 0; row < s->n_rows; row++) {
			bdb_buf_puts(out, row ? ",\n  {" : "\n  {");
			json_cells(out, s, row);
			bdb_buf_putc(out, '}');
			spill(out, f);
		}
		bdb_buf_puts(out, s->n_rows ? "\n]" : "]");
	}
	/* The notes the table format shows above the rows, when there are. */
	if (r->n_notes) {
		bdb_buf_puts(out, ", \"notes\": [");
		for (size_t i = 0; i < r->n_notes; i++) {
			if (i)
				bdb_buf_puts(out, ", ");
			json_string(out, r->notes[i]);
		}
		bdb_buf_putc(out, ']');
	}
	bdb_buf_puts(out, "}\n");
	bool failed = scratch.failed;
	bdb_buf_free(&scratch);
	return out->failed || failed ? BDB_ENOMEM : 0;
}

/* ------------------------------------------------------------------------ */
/* CSV (RFC 4180) and TSV                                                   */
/* ------------------------------------------------------------------------ */

/* A format of delimited fields: the header line, then a line per row. */
typedef struct delimited {
	char separator;
	const char *line_end;
	void (*put_field)(bdb_buf *b, const char *s, size_t n); /* escapes s */
} delimited;

static const delimited csv_format = {',', "\r\n", bdb_buf_put_csv_field};
static const delimited tsv_format = {'\t', "\n", bdb_buf_put_tsv_field};

/* NULL is an empty field; a number as JSON writes it. */
static void delimited_value(const delimited *fmt, bdb_buf *b, bdb_buf *scratch, const bdb_value *v)
{
	char num[64];
	bdb_buf_reset(scratch);
	switch (v->kind) {
	case BDB_VALUE_NULL:
		return;
	case BDB_VALUE_STRING:
		fmt->put_field(b, v->str, strlen(v->str));
		return;
	case BDB_VALUE_INT:
		bdb_buf_printf(b, "%lld", (long long)v->i);
		return;
	case BDB_VALUE_NUMBER:
		if (isfinite(v->num))
			result_number_text(v->num, num, sizeof num);
		else
			bdb__human_number(v->num, num, sizeof num);
		bdb_buf_puts(b, num);
		return;
	case BDB_VALUE_TIME:
		put_time(b, v->i);
		return;
	case BDB_VALUE_BOOL:
		bdb_buf_puts(b, v->i ? "true" : "false");
		return;
	case BDB_VALUE_TAGS:
		bdb_buf_put_tag_list(scratch, v->tags, v->n_tags, ',');
		fmt->put_field(b, scratch->data ? scratch->data : "", scratch->len);
		return;
	}
}

static int format_delimited(const delimited *fmt, const bdb_result *r, bdb_buf *out, FILE *f)
{
	for (size_t c = 0; c < r->n_cols; c++) {
		if (c)
			bdb_buf_putc(out, fmt->separator);
		fmt->put_field(out, r->cols[c].name, strlen(r->cols[c].name));
	}
	bdb_buf_puts(out, fmt->line_end);
	bdb_buf scratch;
	bdb_buf_init(&scratch);
	for (size_t row = 0; row < r->n_rows; row++) {
		for (size_t c = 0; c < r->n_cols; c++) {
			if (c)
				bdb_buf_putc(out, fmt->separator);
			delimited_value(fmt, out, &scratch, &r->cells[row * r->n_cols + c]);
		}
		bdb_buf_puts(out, fmt->line_end);
		spill(out, f);
	}
	bool failed = scratch.failed;
	bdb_buf_free(&scratch);
	return out->failed || failed ? BDB_ENOMEM : 0;
}

/* The number of leading columns a text format shows: BDB__STYLE_EXPLAIN
 * columns (always last) only when the statement asked for them. */
static size_t shown_columns(const bdb_result *r)
{
	size_t n = r->n_cols;
	while (n > 0 && r->cols[n - 1].style == BDB__STYLE_EXPLAIN && !r->explain)
		n--;
	return n;
}

/* *view: r without its hidden columns, sharing r's strings; view->cells is
 * malloc'ed (free it). */
static int hide_columns(const bdb_result *r, size_t shown, bdb_result *view)
{
	*view = *r;
	view->n_cols = shown;
	view->cells = malloc((r->n_rows * shown + 1) * sizeof *view->cells);
	if (!view->cells)
		return BDB_ENOMEM;
	for (size_t row = 0; row < r->n_rows; row++)
		memcpy(&view->cells[row * shown], &r->cells[row * r->n_cols],
		       shown * sizeof *view->cells);
	return 0;
}

/* Formats r into out; with f, hands out's text to f a piece at a time. */
static int format_to(const bdb_result *r, bdb_output_format format, const bdb_query_options *opt,
		     bdb_buf *out, FILE *f)
{
	size_t shown = shown_columns(r);
	if (format != BDB_OUTPUT_JSON && shown < r->n_cols) {
		bdb_result view;
		int rc = hide_columns(r, shown, &view);
		if (!rc)
			rc = format_to(&view, format, opt, out, f);
		free(view.cells);
		return rc;
	}
	switch (format) {
	case BDB_OUTPUT_JSON:
		return format_json(r, opt, out, f);
	case BDB_OUTPUT_CSV:
		return format_delimited(&csv_format, r, out, f);
	case BDB_OUTPUT_TSV:
		return format_delimited(&tsv_format, r, out, f);
	case BDB_OUTPUT_MARKDOWN:
		return format_markdown(r, out, f, NULL);
	case BDB_OUTPUT_LINE:
		return format_line(r, out, f);
	case BDB_OUTPUT_SVG:
	case BDB_OUTPUT_HTML:
	case BDB_OUTPUT_CHART: {
		/* Chart formats draw what they can; other results are tables. */
		bdb_chart_options o = {.log_scale = r->chart_log, .run_order = r->chart_runs};
		int rc = format == BDB_OUTPUT_SVG    ? bdb__format_svg(r, &o, out)
			 : format == BDB_OUTPUT_HTML ? bdb__format_html(r, out)
						     : bdb__format_terminal_chart(r, out);
		if (rc != BDB_EINVAL)
			return rc;
		break;
	}
	case BDB_OUTPUT_DEFAULT:
	case BDB_OUTPUT_TABLE:
	case BDB_OUTPUT_BENCHKIT: /* an export format: a result is a table */
		break;
	}
	return format_table(r, opt, out, f);
}

/* Whether format writes r's notes: the table, markdown and line formats
 * above the rows, JSON as "notes"; not CSV or TSV, nor a chart that is drawn (a
 * chart format of a result it cannot draw falls back to the table). */
static bool format_shows_notes(const bdb_result *r, bdb_output_format format)
{
	switch (format) {
	case BDB_OUTPUT_CSV:
	case BDB_OUTPUT_TSV:
		return false;
	case BDB_OUTPUT_SVG:
	case BDB_OUTPUT_HTML:
	case BDB_OUTPUT_CHART:
		return !bdb_result_chart_table(r);
	default:
		return true;
	}
}

size_t bdb_result_put_unshown_notes(const bdb_result *r, bdb_output_format format,
				    const char *prefix, bdb_buf *out)
{
	if (format_shows_notes(r, format))
		return 0;
	put_notes(r, out, false, prefix);
	return r->n_notes;
}

int bdb_result_markdown_links(const bdb_result *r, const char *column, const char *text,
			      const char *const *targets, bdb_buf *out)
{
	link_column link = {column, text, targets};
	size_t shown = shown_columns(r);
	if (shown == r->n_cols)
		return format_markdown(r, out, NULL, &link);
	bdb_result view;
	int rc = hide_columns(r, shown, &view);
	if (!rc)
		rc = format_markdown(&view, out, NULL, &link);
	free(view.cells);
	return rc;
}

int bdb_result_format(const bdb_result *r, bdb_output_format format, const bdb_query_options *opt,
		      bdb_buf *out)
{
	return format_to(r, format, opt, out, NULL);
}

int bdb_result_write(const bdb_result *r, bdb_output_format format, const bdb_query_options *opt,
		     FILE *f)
{
	bdb_buf out;
	bdb_buf_init(&out);
	int rc = format_to(r, format, opt, &out, f);
	if (!rc && out.len)
		fwrite(out.data, 1, out.len, f);
	int err = errno; /* the write's cause, for the caller */
	if (ferror(f))
		rc = BDB_EIO;
	bdb_buf_free(&out);
	errno = err;
	return rc;
}
