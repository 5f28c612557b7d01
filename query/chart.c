/*
 * chart.c - a trend table drawn as an SVG chart (`... as svg`, the report).
 *
 * The picture is a pure function of the table and the options: the same
 * store gives the same bytes, so golden files can hold them. It reads the
 * columns of a trend table by name (point, tags, run, timestamp or bucket,
 * commit, value, lower, upper, unit) and, when the executor added them for a
 * chart, sample_min, sample_max, baseline, regressed and change_pct (a
 * bucketed trend's min and max stand for the samples' spread).
 *
 * What is drawn, per series: the line (broken where a run has no value and
 * where the time between two runs is more than GAP_FACTOR times the
 * series' median interval), the CI band (lower..upper), the samples'
 * min-max whisker, one dot per run with a <title> (run, commit, time,
 * value: what a browser shows on hover), the baseline run ringed, regressed
 * runs in red, change points as dashed vertical rules labelled with the
 * commit and change % (labels that would overlap move down a row). More
 * than SMALL_MULTIPLES_AT series become small multiples, one small chart
 * each. A series with more points than two per
 * pixel column keeps the lowest and highest point of each column (its
 * extremes stay), and past MAX_DOTS points only marked runs get dots.
 *
 * Every name goes through bdb_buf_put_xml; numbers are printed with fixed
 * precision, so the text is deterministic.
 */
#include "stats.h"
#include "table.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHART_WIDTH	   720
#define CHART_HEIGHT	   300
#define SPARK_WIDTH	   120
#define SPARK_HEIGHT	   24
#define SMALL_MULTIPLES_AT 8 /* more series than this: one small chart each */
#define PANEL_COLUMNS	   3
#define PANEL_HEIGHT	   184 /* a frame of 128 under a title of two lines */
#define MAX_DOTS	   400 /* more points (or downsampled): dots only on marked runs */
#define GAP_FACTOR	   3.0 /* an interval this many times the median is a gap */
#define LEGEND_ROW	   16
#define TITLE_CHAR_PX	   7.5 /* pixels per character of a 13 px bold title, about */
#define SUB_CHAR_PX	   6.2 /* ... and of an 11 px line of text */
#define TITLE_INSET	   6   /* a small multiple's title from its panel's left */

static const char *const palette[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
				      "#56b4e9", "#d55e00", "#8c6d1f", "#000000"};
#define N_COLOURS (sizeof palette / sizeof palette[0])

/* The columns a chart reads (-1: the table has none). */
typedef struct columns {
	int point, tags, run, time, commit, value, lower, upper, unit;
	int spread_min, spread_max, baseline, regressed, change;
	int annotation;	   /* a changes chart: the annotation of a change's commit */
	int rollup, count; /* a trend in a store with rollups */
} columns;

/* One run of a series as drawn: its row, x in data space, values in the
 * chart's display unit. */
typedef struct dot {
	size_t row;
	double x, v, lo, hi, smin, smax; /* NAN when absent */
	bool gap_before;		 /* the line does not join it to the dot before */
	bool baseline, regressed, change;
	bool rollup; /* the dot is a week's or month's rollup: median, min, max of count runs */
} dot;

typedef struct series {
	size_t from, to; /* rows */
	dot *dots;	 /* the rows with a drawable value */
	size_t n_dots;
	double to_display; /* factor: the series' unit -> the display unit */
} series;

/* How the numbers of one y axis are shown: value * factor, then a unit
 * label, or SI suffixes on the numbers (si) for units without a family. */
typedef struct display {
	double factor;
	char unit[BDB_UNIT_MAX + 1];
	bool si;
	bool top; /* unit is its family's largest: from 1e5 on, an exponent */
} display;

/* A plotting area and its data ranges. */
typedef struct frame {
	double x, y, w, h;     /* pixels */
	double x0, x1, y0, y1; /* data (y in display units, log10 with log) */
	bool log;
} frame;

typedef struct chart {
	const bdb_result *r;
	columns c;
	const bdb_chart_options *o;
	bdb_buf *out;
	series *s;
	size_t n_series;
	int64_t t0;	/* the earliest time: x = seconds since it */
	int64_t *times; /* run order: the distinct times, sorted */
	size_t n_times;
} chart;

static bdb_value cell(const bdb_result *r, size_t row, int col)
{
	bdb_value none = {.kind = BDB_VALUE_NULL};
	return col < 0 ? none : r->cells[row * r->n_cols + (size_t)col];
}

static double num(const bdb_result *r, size_t row, int col)
{
	bdb_value v = cell(r, row, col);
	if (v.kind == BDB_VALUE_NUMBER)
		return v.num;
	if (v.kind == BDB_VALUE_INT)
		return (double)v.i;
	return NAN;
}

static bool flag(const bdb_result *r, size_t row, int col)
{
	bdb_value v = cell(r, row, col);
	return v.kind == BDB_VALUE_BOOL && v.i;
}

static const char *str(const bdb_result *r, size_t row, int col)
{
	bdb_value v = cell(r, row, col);
	return v.kind == BDB_VALUE_STRING ? v.str : "";
}

/* ------------------------------------------------------------------------ */
/* Units and numbers                                                         */
/* ------------------------------------------------------------------------ */

/*
 * The display of values up to magnitude top (in unit): the unit of its
 * family in which top is at least 1 and smallest (ns -> µs -> ms -> s,
 * B -> KiB -> MiB, ...), else the unit itself with SI suffixes.
 */
static void pick_display(const char *unit, double top, display *d)
{
	const char *const *family = bdb_unit_ladder(unit);
	d->factor = 1;
	d->si = family == NULL;
	d->top = false;
	snprintf(d->unit, sizeof d->unit, "%s", unit);
	if (!family || !(top > 0) || !isfinite(top))
		return;
	for (size_t i = 0; family[i]; i++) {
		double f;
		if (bdb_unit_factor(unit, family[i], &f) != 0)
			continue;
		if (top * f >= 1 || i == 0) {
			d->factor = f;
			d->top = family[i + 1] == NULL;
			snprintf(d->unit, sizeof d->unit, "%s", family[i]);
		}
	}
}

/* A number in display units with k/M/G/T for units without a family:
 * up to 6 significant digits on the axes (ticks close together need them),
 * about 4 in a dot's title, as the tables show it (the dashboard's hover
 * line beside its table). */
static void put_number_as(bdb_buf *b, double v, const display *d, bool title)
{
	char text[64];
	const char *prefix = d->si ? bdb__si_prefix(&v) : "";
	(title ? bdb__short_number : bdb__human_number)(v, text, sizeof text);
	/* Beyond the family's largest unit, as the tables: 1e+08 TB. */
	if (d->top && fabs(v) >= 1e5)
		snprintf(text, sizeof text, "%.*g", title ? 4 : 6, v);
	bdb_buf_puts(b, text);
	bdb_buf_puts(b, prefix);
}

static void put_number(bdb_buf *b, double v, const display *d)
{
	put_number_as(b, v, d, false);
}

static void put_title_number(bdb_buf *b, double v, const display *d)
{
	put_number_as(b, v, d, true);
}

/* A coordinate: one decimal, no "-0.0"; the text of printf's "%.1f" of
 * round(v * 10) / 10, written without printf (a 10-year report prints
 * millions of them). */
static void put_coord(bdb_buf *b, double v)
{
	double tenths = round(v * 10);
	if (!(fabs(tenths) < 1e15)) {
		bdb_buf_printf(b, "%.1f", tenths / 10 == 0 ? 0 : tenths / 10);
		return;
	}
	long long k = (long long)tenths;
	char text[32], *p = text + sizeof text;
	unsigned long long m = k < 0 ? (unsigned long long)-k : (unsigned long long)k;
	*--p = (char)('0' + m % 10);
	*--p = '.';
	m /= 10;
	do {
		*--p = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	if (k < 0)
		*--p = '-';
	bdb_buf_append(b, p, (size_t)(text + sizeof text - p));
}

/* The date part (or date and minute) of a time, for axis labels. */
static void put_time_label(bdb_buf *b, int64_t us, bool minutes)
{
	char t[48];
	bdb_time_format(us, t, sizeof t);
	t[minutes ? 16 : 10] = '\0';
	bdb_buf_puts(b, t);
}

/* ------------------------------------------------------------------------ */
/* Series and dots                                                           */
/* ------------------------------------------------------------------------ */

static bool same_series(const chart *ch, size_t a, size_t b)
{
	bdb_value pa = cell(ch->r, a, ch->c.point), pb = cell(ch->r, b, ch->c.point);
	bdb_value ta = cell(ch->r, a, ch->c.tags), tb = cell(ch->r, b, ch->c.tags);
	return bdb__same_value(&pa, &pb) && bdb__same_value(&ta, &tb);
}

static int64_t row_time(const chart *ch, size_t row)
{
	bdb_value v = cell(ch->r, row, ch->c.time);
	return v.kind == BDB_VALUE_TIME ? v.i : 0;
}

static int cmp_time(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The k-th smallest of x[0..n) (x is reordered): Hoare's selection, with
 * the middle element as pivot, so the same input takes the same steps. */
static double select_nth(double *x, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		double pivot = x[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (x[i] < pivot)
				i++;
			while (x[j] > pivot)
				j--;
			if (i <= j) {
				double t = x[i];
				x[i] = x[j];
				x[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return x[k];
}

/* The x of a row: seconds since the earliest time, or its run's place in
 * time order. */
static double row_x(const chart *ch, size_t row)
{
	int64_t t = row_time(ch, row);
	if (!ch->o->run_order)
		return (double)(t - ch->t0) / 1e6;
	size_t lo = 0, hi = ch->n_times;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ch->times[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (double)lo;
}

/* Fills s->dots: the rows with a value (positive, on a log scale), in
 * display units, with the breaks of the line. */
static int build_dots(chart *ch, series *s)
{
	const bdb_result *r = ch->r;
	size_t n = s->to - s->from;
	s->dots = malloc((n + 1) * sizeof *s->dots); /* every field set below */
	double *steps = malloc((n + 1) * sizeof *steps);
	if (!s->dots || !steps) {
		free(steps);
		return BDB_ENOMEM;
	}
	double f = s->to_display;
	bool skipped = false;
	for (size_t row = s->from; row < s->to; row++) {
		double v = num(r, row, ch->c.value);
		if (!isfinite(v) || (ch->o->log_scale && v <= 0)) {
			skipped = true;
			continue;
		}
		dot *d = &s->dots[s->n_dots++];
		d->row = row;
		d->x = row_x(ch, row);
		d->v = v * f;
		d->lo = num(r, row, ch->c.lower) * f;
		d->hi = num(r, row, ch->c.upper) * f;
		d->smin = num(r, row, ch->c.spread_min) * f;
		d->smax = num(r, row, ch->c.spread_max) * f;
		d->gap_before = skipped && s->n_dots > 1;
		d->baseline = flag(r, row, ch->c.baseline);
		d->regressed = flag(r, row, ch->c.regressed);
		d->change = cell(r, row, ch->c.change).kind == BDB_VALUE_NUMBER;
		d->rollup = *str(r, row, ch->c.rollup) != 0;
		skipped = false;
	}
	/* Time gaps: an interval over GAP_FACTOR times the median one. */
	size_t n_steps = 0;
	for (size_t i = 1; i < s->n_dots; i++)
		if (s->dots[i].x > s->dots[i - 1].x)
			steps[n_steps++] = s->dots[i].x - s->dots[i - 1].x;
	if (!ch->o->run_order && n_steps >= 3) {
		double median = select_nth(steps, n_steps, n_steps / 2);
		for (size_t i = 1; i < s->n_dots; i++)
			if (s->dots[i].x - s->dots[i - 1].x > GAP_FACTOR * median)
				s->dots[i].gap_before = true;
	}
	free(steps);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Axes                                                                      */
/* ------------------------------------------------------------------------ */

/* A step of about (hi - lo) / ticks on 1, 2, 5 times a power of ten. */
static double nice_step(double lo, double hi, int ticks)
{
	double raw = (hi - lo) / ticks;
	if (!isfinite(raw)) /* a range past the largest double (-1e308 to 1e308) */
		raw = hi / ticks - lo / ticks;
	double mag = pow(10, floor(log10(raw)));
	double norm = raw / mag;
	return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
}

static double px_x(const frame *f, double x)
{
	return f->x1 > f->x0 ? f->x + (x - f->x0) / (f->x1 - f->x0) * f->w : f->x + f->w / 2;
}

static double px_y(const frame *f, double v)
{
	if (f->log)
		v = v > 0 ? log10(v) : f->y0;
	return f->y + f->h - bdb__fraction(v, f->y0, f->y1) * f->h;
}

/* The y range of the series (values, bands, spreads), on nice ticks. */
static void y_range(frame *f, series *const *s, size_t n, bool log_scale, int ticks)
{
	double lo = INFINITY, hi = -INFINITY;
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < s[k]->n_dots; i++) {
			const dot *d = &s[k]->dots[i];
			double vals[] = {d->v, d->lo, d->hi, d->smin, d->smax};
			for (size_t j = 0; j < 5; j++)
				if (isfinite(vals[j]) && (!log_scale || vals[j] > 0)) {
					lo = fmin(lo, vals[j]);
					hi = fmax(hi, vals[j]);
				}
		}
	f->log = log_scale;
	if (!isfinite(lo)) {
		lo = log_scale ? 1 : 0;
		hi = log_scale ? 10 : 1;
	}
	if (log_scale) {
		f->y0 = floor(log10(lo));
		f->y1 = ceil(log10(hi));
		if (f->y1 <= f->y0)
			f->y1 = f->y0 + 1;
		return;
	}
	if (hi == lo) {
		double pad = lo != 0 ? fabs(lo) * 0.1 : 1;
		lo -= pad;
		hi += pad;
	}
	/* On nice ticks, within the doubles: on the step the axis labels
	 * (y_axis's, of the range widened to the first step), so that its
	 * ticks stand at the frame's ends and none beyond them (66..84 on
	 * steps of 2 was labelled from 65 on steps of 5, under the frame). */
	double step = nice_step(lo, hi, ticks);
	for (int pass = 0; pass < 2; pass++) {
		f->y0 = fmax(floor(lo / step) * step, -DBL_MAX);
		f->y1 = fmin(ceil(hi / step) * step, DBL_MAX);
		step = nice_step(f->y0, f->y1, ticks);
	}
}

static void grid_line(bdb_buf *b, double x0, double y, double x1)
{
	bdb_buf_puts(b, "<line class=\"grid\" x1=\"");
	put_coord(b, x0);
	bdb_buf_puts(b, "\" y1=\"");
	put_coord(b, y);
	bdb_buf_puts(b, "\" x2=\"");
	put_coord(b, x1);
	bdb_buf_puts(b, "\" y2=\"");
	put_coord(b, y);
	bdb_buf_puts(b, "\"/>\n");
}

static void y_label(bdb_buf *b, const frame *f, double v, double y, const display *d)
{
	bdb_buf_puts(b, "<text class=\"ytick\" x=\"");
	put_coord(b, f->x - 4);
	bdb_buf_puts(b, "\" y=\"");
	put_coord(b, y + 3.5);
	bdb_buf_puts(b, "\">");
	put_number(b, v, d);
	bdb_buf_puts(b, "</text>\n");
}

static void y_axis(bdb_buf *b, const frame *f, const display *d, int ticks)
{
	if (f->log) {
		bool minor = f->y1 - f->y0 <= 2;
		/* Every decade up to 2 * ticks + 2 of them, else every k-th: 600
		 * decades gave 600 labels on each other. */
		double most = 2.0 * ticks + 2, decades = f->y1 - f->y0;
		double stride = decades > most ? ceil(decades / most) : 1;
		for (double e = f->y0; e <= f->y1 + 1e-9; e += stride) {
			static const double mult[] = {1, 2, 5};
			for (size_t m = 0; m < (minor ? 3u : 1u); m++) {
				double v = mult[m] * pow(10, e);
				if (log10(v) > f->y1 + 1e-9)
					break;
				double y = px_y(f, v);
				grid_line(b, f->x, y, f->x + f->w);
				y_label(b, f, v, y, d);
			}
		}
		return;
	}
	double step = nice_step(f->y0, f->y1, ticks);
	double top = f->y1 + step * 1e-9;
	if (!isfinite(top)) /* y1 is the largest double */
		top = f->y1;
	for (double k = ceil(f->y0 / step - 1e-9); k * step <= top; k++) {
		if (!isfinite(k * step)) /* a tick below the smallest double */
			continue;
		double v = k * step, y = px_y(f, v);
		grid_line(b, f->x, y, f->x + f->w);
		y_label(b, f, fabs(v) < step * 1e-9 ? 0 : v, y, d);
	}
}

/* The steps of a time axis, each a number of seconds or of months, and the
 * characters of bdb_time_format's text its labels keep (2026-09-08T12:00:05,
 * 2026-09-08T12:00, 2026-09-08, 2026-09, 2026). Weeks start on Mondays. */
static const struct time_step {
	int64_t secs;
	int months, chars;
} time_steps[] = {
    {1, 0, 19},	    {5, 0, 19},		{10, 0, 19},	    {15, 0, 19},	 {30, 0, 19},
    {60, 0, 16},    {300, 0, 16},	{600, 0, 16},	    {900, 0, 16},	 {1800, 0, 16},
    {3600, 0, 16},  {2 * 3600, 0, 16},	{3 * 3600, 0, 16},  {6 * 3600, 0, 16},	 {12 * 3600, 0, 16},
    {86400, 0, 10}, {2 * 86400, 0, 10}, {7 * 86400, 0, 10}, {14 * 86400, 0, 10}, {0, 1, 7},
    {0, 2, 7},	    {0, 3, 7},		{0, 6, 7},	    {0, 12, 4},		 {0, 24, 4},
    {0, 60, 4},	    {0, 120, 4},	{0, 240, 4},	    {0, 600, 4},	 {0, 1200, 4},
};

#define US_PER_S INT64_C(1000000)
/* 1970-01-05, the first Monday of the epoch, in seconds. */
#define FIRST_MONDAY (4 * 86400)

/* The tick of step st at or before t (microseconds): a multiple of the
 * step in UTC (weeks from a Monday), or the first day of every
 * st->months-th month (of years divisible by the step). */
static int64_t tick_at_or_before(const struct time_step *st, int64_t t)
{
	if (st->secs) {
		int64_t step = st->secs * US_PER_S,
			base = st->secs % (7 * 86400) == 0 ? FIRST_MONDAY * US_PER_S : 0;
		int64_t k = (t - base) / step;
		if (k * step + base > t) /* division rounds toward zero */
			k--;
		return k * step + base;
	}
	int64_t k = bdb_time_month_index(t);
	k -= ((k % st->months) + st->months) % st->months;
	return bdb_time_month_at(k);
}

/* The tick of step st after tick t. */
static int64_t next_tick(const struct time_step *st, int64_t t)
{
	return st->secs ? t + st->secs * US_PER_S
			: bdb_time_month_at(bdb_time_month_index(t) + st->months);
}

/* The tick of step st at or after t. */
static int64_t tick_at_or_after(const struct time_step *st, int64_t t)
{
	int64_t before = tick_at_or_before(st, t);
	return before == t ? t : next_tick(st, before);
}

/*
 * The ticks of step st from lo to hi (microseconds) into tick[0..max).
 * Returns their count, or max + 1 when there are more.
 */
static int time_ticks(const struct time_step *st, int64_t lo, int64_t hi, int64_t *tick, int max)
{
	int n = 0;
	for (int64_t t = tick_at_or_after(st, lo); t <= hi; t = next_tick(st, t)) {
		if (n == max)
			return max + 1;
		tick[n++] = t;
	}
	return n;
}

static void x_tick(const chart *ch, const frame *f, double x, const char *anchor)
{
	bdb_buf *b = ch->out;
	bdb_buf_printf(b, "<text class=\"xtick\" text-anchor=\"%s\" x=\"", anchor);
	put_coord(b, px_x(f, x));
	bdb_buf_puts(b, "\" y=\"");
	put_coord(b, f->y + f->h + 14);
	bdb_buf_puts(b, "\">");
}

/* Pixels from the frame's edge within which a label is anchored at its
 * start (end) rather than its middle, so that it stays inside. */
#define EDGE_LABEL_PX 36

/* The width of a label's character (11 px sans digits) and the least room
 * between two labels, in pixels: how many labels of a step fit. */
#define LABEL_CHAR_PX 6.5
#define LABEL_GAP_PX  20

/* The least share of a time axis the data's own range keeps when an end
 * is widened to a tick. */
#define NICE_FILL 0.75

/* The ticks a time axis labels (MAX_TIME_TICKS at most), and the
 * characters of bdb_time_format's text each keeps; n = 0: none on calendar
 * boundaries (x_axis labels the ends instead). */
#define MAX_TIME_TICKS 8
typedef struct time_axis {
	int64_t tick[MAX_TIME_TICKS];
	int n, chars;
} time_axis;

/*
 * The ticks of step st for the frame's times lo to hi into ax (most of
 * them at most), f's range widened as pick_time_ticks says. lo_far
 * (hi_far): that end's nearest tick stands more than a label's room inside
 * it; with lo_far the left end may not stay as it is. False when no way
 * fits (f and ax->n untouched).
 */
static bool place_time_ticks(const chart *ch, frame *f, const struct time_step *st, int64_t lo,
			     int64_t hi, int most, bool lo_far, bool hi_far, time_axis *ax)
{
	int64_t wide_lo = lo_far ? tick_at_or_before(st, lo) : lo;
	int64_t wide_hi = hi_far ? tick_at_or_after(st, hi) : hi;
	/* Both ends as needed, else the left alone, else (when the left is
	 * labelled already) the ends as they are. */
	int64_t ends[3][2];
	int n_ends = 0;
	if (lo_far || hi_far) {
		ends[n_ends][0] = wide_lo;
		ends[n_ends++][1] = wide_hi;
	}
	if (lo_far && hi_far) {
		ends[n_ends][0] = wide_lo;
		ends[n_ends++][1] = hi;
	}
	if (!lo_far) {
		ends[n_ends][0] = lo;
		ends[n_ends++][1] = hi;
	}
	for (int k = 0; k < n_ends; k++) {
		int64_t from = ends[k][0], to = ends[k][1];
		int n = time_ticks(st, from, to, ax->tick, most);
		if (n > most || n < 2 || (double)(hi - lo) < NICE_FILL * (double)(to - from))
			continue;
		ax->n = n;
		ax->chars = st->chars;
		f->x0 = (double)(from - ch->t0) / 1e6;
		f->x1 = (double)(to - ch->t0) / 1e6;
		return true;
	}
	return false;
}

/*
 * The calendar ticks of f's time axis (not in run order), on one step of
 * time_steps (seconds, minutes, hours, days, weeks from a Monday, months,
 * years) whose labels fit side by side (2 to 8 of them). An end of the
 * frame whose nearest tick stands more than a label's room inside it is
 * widened to the tick beyond (before the first time, after the last), as a
 * chart library's "nice" time scale does, so that the axis is labelled
 * from its left edge and not from a step into the chart (a history from
 * 2020-02 on, in years: 2020 at the left edge, where 2021 was its first
 * label): both ends, else the left alone, as long as the labels fit and
 * the data keeps NICE_FILL of the frame. The finest step that so labels
 * the left edge; when none does, the finest whose ticks fit within the
 * data's range, and the range as it is. At least two ticks, or none.
 */
static void pick_time_ticks(const chart *ch, frame *f, time_axis *ax)
{
	ax->n = 0;
	if (ch->o->run_order || !(f->x1 > f->x0))
		return;
	int64_t lo = ch->t0 + (int64_t)llround(f->x0 * 1e6);
	int64_t hi = ch->t0 + (int64_t)llround(f->x1 * 1e6);
	double px_per_us = f->w / (double)(hi - lo);
	for (int labelled = 1; labelled >= 0; labelled--) {
		for (size_t i = 0; i < sizeof time_steps / sizeof time_steps[0]; i++) {
			const struct time_step *st = &time_steps[i];
			double room = LABEL_CHAR_PX * st->chars + LABEL_GAP_PX; /* a label's */
			int most = (int)(f->w / room);
			most = most < 2 ? 2 : most > MAX_TIME_TICKS ? MAX_TIME_TICKS : most;
			int n = time_ticks(st, lo, hi, ax->tick, most);
			if (n > most)
				continue;
			if (n < 2)
				break;
			bool lo_far = (double)(ax->tick[0] - lo) * px_per_us > room;
			bool hi_far = (double)(hi - ax->tick[n - 1]) * px_per_us > room;
			if (!labelled) {
				ax->n = n;
				ax->chars = st->chars;
				return;
			}
			if (place_time_ticks(ch, f, st, lo, hi, most, lo_far, hi_far, ax))
				return;
		}
	}
}

/*
 * The x axis: run numbers (ticks + 1 of them, run order); else the times
 * of ax (pick_time_ticks); times less than a second apart, a single time,
 * or a range no calendar step labels twice get ticks + 1 labels evenly,
 * the ends included.
 */
static void x_axis(const chart *ch, const frame *f, const time_axis *ax, int ticks)
{
	bdb_buf *b = ch->out;
	if (ax->n >= 2) {
		for (int i = 0; i < ax->n; i++) {
			double x = (double)(ax->tick[i] - ch->t0) / 1e6;
			double px = px_x(f, x);
			x_tick(ch, f, x,
			       px - f->x < EDGE_LABEL_PX	  ? "start"
			       : f->x + f->w - px < EDGE_LABEL_PX ? "end"
								  : "middle");
			char t[48];
			bdb_time_format(ax->tick[i], t, sizeof t);
			t[ax->chars] = '\0';
			bdb_buf_puts(b, t);
			bdb_buf_puts(b, "</text>\n");
		}
		return;
	}
	for (int i = 0; i <= ticks; i++) {
		double x = f->x0 + (f->x1 - f->x0) * i / ticks;
		if (ticks > 0 && f->x1 == f->x0 && i > 0)
			break;
		/* A single time's one label stands under it, in the middle. */
		x_tick(ch, f, x,
		       f->x1 == f->x0 ? "middle"
		       : i == 0	      ? "start"
		       : i == ticks   ? "end"
				      : "middle");
		if (ch->o->run_order) {
			/* The i-th run in time order, counting from 1. */
			bdb_buf_printf(b, "run %.0f", floor(x + 0.5) + 1);
		} else {
			double span = f->x1 - f->x0;
			put_time_label(b, ch->t0 + (int64_t)llround(x * 1e6), span < 2 * 86400);
		}
		bdb_buf_puts(b, "</text>\n");
	}
}

/* ------------------------------------------------------------------------ */
/* Drawing a series                                                          */
/* ------------------------------------------------------------------------ */

/* The width in pixels of a column of downsampling. */
#define COLUMN_PIXELS 2

/*
 * The dots kept for drawing, as indexes into s->dots: all of them, or, past
 * two per column of COLUMN_PIXELS pixels, the lowest and the highest of
 * each column in their order (min/max per column keeps every extreme).
 */
static size_t keep_dots(const series *s, const frame *f, size_t *keep)
{
	size_t n = s->n_dots, buckets = (size_t)(f->w / COLUMN_PIXELS) + 1;
	if (n <= 2 * buckets) {
		for (size_t i = 0; i < n; i++)
			keep[i] = i;
		return n;
	}
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		long col = lround((px_x(f, s->dots[i].x) - f->x) / COLUMN_PIXELS);
		size_t lo = i, hi = i, j = i;
		for (; j < n && lround((px_x(f, s->dots[j].x) - f->x) / COLUMN_PIXELS) == col;
		     j++) {
			if (s->dots[j].v < s->dots[lo].v)
				lo = j;
			if (s->dots[j].v > s->dots[hi].v)
				hi = j;
		}
		keep[k++] = lo < hi ? lo : hi;
		if (lo != hi)
			keep[k++] = lo < hi ? hi : lo;
		i = j;
	}
	return k;
}

/* Whether the line breaks between kept dots a < b (a gap or a missing
 * value anywhere in (a, b]). */
static bool broken(const series *s, size_t a, size_t b)
{
	for (size_t i = a + 1; i <= b; i++)
		if (s->dots[i].gap_before)
			return true;
	return false;
}

static void move_or_line(bdb_buf *b, bool move, double x, double y)
{
	bdb_buf_putc(b, move ? 'M' : 'L');
	put_coord(b, x);
	bdb_buf_putc(b, ' ');
	put_coord(b, y);
}

/* The CI band: upper bounds forward, lower bounds back, per unbroken
 * stretch of dots with both bounds. */
static void draw_band(bdb_buf *b, const series *s, const frame *f, const size_t *keep, size_t n,
		      const char *colour)
{
	bool any = false;
	for (size_t i = 0; i < n && !any; i++)
		any = isfinite(s->dots[keep[i]].lo) && isfinite(s->dots[keep[i]].hi);
	if (!any)
		return;
	bdb_buf_printf(b, "<path class=\"band\" fill=\"%s\" d=\"", colour);
	for (size_t i = 0; i < n;) {
		const dot *d = &s->dots[keep[i]];
		if (!(isfinite(d->lo) && isfinite(d->hi))) {
			i++;
			continue;
		}
		size_t j = i + 1;
		while (j < n && isfinite(s->dots[keep[j]].lo) && isfinite(s->dots[keep[j]].hi) &&
		       !broken(s, keep[j - 1], keep[j]))
			j++;
		for (size_t k = i; k < j; k++)
			move_or_line(b, k == i, px_x(f, s->dots[keep[k]].x),
				     px_y(f, s->dots[keep[k]].hi));
		for (size_t k = j; k-- > i;)
			move_or_line(b, false, px_x(f, s->dots[keep[k]].x),
				     px_y(f, s->dots[keep[k]].lo));
		bdb_buf_putc(b, 'Z');
		i = j;
	}
	bdb_buf_puts(b, "\"/>\n");
}

static void draw_whiskers(bdb_buf *b, const series *s, const frame *f, const size_t *keep, size_t n,
			  const char *colour)
{
	bool open = false;
	for (size_t i = 0; i < n; i++) {
		const dot *d = &s->dots[keep[i]];
		if (!isfinite(d->smin) || !isfinite(d->smax))
			continue;
		if (!open)
			bdb_buf_printf(b, "<path class=\"spread\" stroke=\"%s\" d=\"", colour);
		open = true;
		move_or_line(b, true, px_x(f, d->x), px_y(f, d->smin));
		bdb_buf_putc(b, 'V');
		put_coord(b, px_y(f, d->smax));
	}
	if (open)
		bdb_buf_puts(b, "\"/>\n");
}

/* The line, and over it the stretches where runs regressed, in red. */
static void draw_line(bdb_buf *b, const series *s, const frame *f, const size_t *keep, size_t n,
		      const char *colour, bool regressed_only)
{
	bool open = false, pen = false;
	for (size_t i = 0; i < n; i++) {
		const dot *d = &s->dots[keep[i]];
		bool on = !regressed_only || d->regressed;
		if (!on) {
			pen = false;
			continue;
		}
		if (!open)
			bdb_buf_printf(b, "<path class=\"%s\" stroke=\"%s\" d=\"",
				       regressed_only ? "regressed" : "line", colour);
		open = true;
		bool move = !pen || (i > 0 && broken(s, keep[i - 1], keep[i]));
		move_or_line(b, move, px_x(f, d->x), px_y(f, d->v));
		pen = true;
	}
	if (open)
		bdb_buf_puts(b, "\"/>\n");
}

/* The short name of a run for labels: its commit's first 7 characters,
 * else its id. */
static void put_run_label(bdb_buf *b, const bdb_result *r, const columns *c, size_t row)
{
	const char *commit = str(r, row, c->commit);
	if (*commit)
		bdb_buf_put_xml(b, commit, strlen(commit) < 7 ? strlen(commit) : 7);
	else
		bdb_buf_put_xml(b, str(r, row, c->run), strlen(str(r, row, c->run)));
}

static void put_value_text(bdb_buf *b, double v, const display *d)
{
	put_title_number(b, v, d);
	if (*d->unit) {
		bdb_buf_putc(b, ' ');
		bdb_buf_put_xml(b, d->unit, strlen(d->unit));
	}
}

/* Rescales the dots of s by factor (the display unit was chosen after
 * they were read in the series' unit). */
static void rescale(series *s, double factor)
{
	for (size_t i = 0; i < s->n_dots; i++) {
		dot *d = &s->dots[i];
		d->v *= factor;
		d->lo *= factor;
		d->hi *= factor;
		d->smin *= factor;
		d->smax *= factor;
	}
}

/* A dot's <title>: run, commit, time, value, and what is marked on it, in
 * the unit that suits the dot's own value as the tables show it ("2 µs" on
 * an axis in s, "999 ns" on one in µs). */
static void put_dot_title(const chart *ch, const dot *dt, const display *panel)
{
	bdb_buf *b = ch->out;
	const bdb_result *r = ch->r;
	display own = *panel;
	dot scaled = *dt;
	if (panel->factor != 0) {
		/* by the magnitude as its 4 digits show it: 999.9999 ns reads
		 * "1 µs", as in the tables, not "1000 ns" */
		char text[64];
		bdb__short_number(fabs(dt->v) / panel->factor, text, sizeof text);
		pick_display(str(r, dt->row, ch->c.unit), strtod(text, NULL), &own);
		rescale(&(series){.dots = &scaled, .n_dots = 1}, own.factor / panel->factor);
	}
	const display *disp = &own;
	const dot *d = &scaled;
	const char *run = str(r, d->row, ch->c.run), *commit = str(r, d->row, ch->c.commit);
	char t[48];
	bdb_buf_puts(b, "<title>");
	if (*run) {
		bdb_buf_puts(b, "run ");
		bdb_buf_put_xml(b, run, strlen(run));
		bdb_buf_puts(b, ", ");
	}
	if (*commit) {
		bdb_buf_puts(b, "commit ");
		bdb_buf_put_xml(b, commit, strlen(commit));
		bdb_buf_puts(b, ", ");
	}
	bdb_buf_puts(b, bdb_time_format(row_time(ch, d->row), t, sizeof t));
	bdb_buf_puts(b, ": ");
	put_value_text(b, d->v, disp);
	if (d->rollup && isfinite(d->lo) && isfinite(d->hi)) {
		/* A rollup's bounds are its week's or month's min and max, not a CI. */
		bdb_buf_printf(b, " (%s rollup: median of %.0f runs, min ",
			       str(r, d->row, ch->c.rollup), num(r, d->row, ch->c.count));
		put_value_text(b, d->lo, disp);
		bdb_buf_puts(b, ", max ");
		put_value_text(b, d->hi, disp);
		bdb_buf_putc(b, ')');
	} else if (isfinite(d->lo) && isfinite(d->hi)) {
		/* A range reads in the value's unit: "CI 1.261 to 1.313 µs". */
		bdb_buf_puts(b, " (CI ");
		put_title_number(b, d->lo, disp);
		bdb_buf_puts(b, " to ");
		put_value_text(b, d->hi, disp);
		bdb_buf_putc(b, ')');
	}
	if (isfinite(d->smin) && isfinite(d->smax)) {
		bdb_buf_puts(b, " (samples ");
		put_title_number(b, d->smin, disp);
		bdb_buf_puts(b, " to ");
		put_value_text(b, d->smax, disp);
		bdb_buf_putc(b, ')');
	}
	if (d->baseline)
		bdb_buf_puts(b, ", baseline");
	if (d->regressed)
		bdb_buf_puts(b, ", regressed");
	if (d->change) {
		char pct[32];
		bdb__change_text(num(r, d->row, ch->c.change), pct, sizeof pct);
		bdb_buf_printf(b, ", change point %s", pct);
		const char *note = str(r, d->row, ch->c.annotation);
		if (*note) {
			bdb_buf_puts(b, ", ");
			bdb_buf_put_xml(b, note, strlen(note));
		}
	}
	bdb_buf_puts(b, "</title>");
}

static void draw_dot(const chart *ch, const dot *d, const frame *f, const display *disp)
{
	bdb_buf *b = ch->out;
	bdb_buf_printf(b, "<circle class=\"pt%s%s\" cx=\"", d->regressed ? " reg" : "",
		       d->rollup ? " rollup" : "");
	put_coord(b, px_x(f, d->x));
	bdb_buf_puts(b, "\" cy=\"");
	put_coord(b, px_y(f, d->v));
	/* A rollup stands for a week or month of runs: a larger dot. */
	bdb_buf_puts(b, d->rollup ? "\" r=\"4\">" : "\" r=\"2.5\">");
	put_dot_title(ch, d, disp);
	bdb_buf_puts(b, "</circle>\n");
}

/* The change-point labels placed in one frame so far (every series of a
 * combined chart): their extents in pixels and the row each went to. */
#define MAX_PLACED 64
#define LABEL_CHAR 6.0	/* pixels per character of a 10px label, about */
#define LABEL_ROW  11.0 /* pixels between label rows */
#define LABEL_ROWS 8	/* at most, and no more than the frame's height holds */
typedef struct labels {
	double x0[MAX_PLACED], x1[MAX_PLACED];
	int row[MAX_PLACED];
	size_t n;
} labels;

/*
 * The row (0 at the top) for a label spanning [x0, x1): the highest row
 * where it overlaps no label placed before (with 4 pixels between), so
 * that the labels of close change points, of one series or of several, do
 * not overlap. When every row is taken, rows are used in turn. Records it.
 */
static int place_label(labels *placed, const frame *f, double x0, double x1)
{
	int rows = (int)((f->h - 10) / LABEL_ROW);
	rows = rows < 1 ? 1 : rows > LABEL_ROWS ? LABEL_ROWS : rows;
	int row = -1;
	for (int r = 0; r < rows && row < 0; r++) {
		bool free_row = true;
		for (size_t i = 0; i < placed->n && free_row; i++)
			free_row = placed->row[i] != r || x1 + 4 <= placed->x0[i] ||
				   placed->x1[i] + 4 <= x0;
		if (free_row)
			row = r;
	}
	if (row < 0)
		row = (int)(placed->n % (size_t)rows);
	if (placed->n < MAX_PLACED) {
		placed->x0[placed->n] = x0;
		placed->x1[placed->n] = x1;
		placed->row[placed->n++] = row;
	}
	return row;
}

/* The kind of an annotated change's annotation (`intended`, `ignore`: the
 * text before its ": "), its length into *len; NULL when it has none. */
static const char *annotation_kind(const bdb_result *r, const columns *c, size_t row,
				   size_t *len)
{
	const char *note = str(r, row, c->annotation);
	const char *colon = strchr(note, ':');
	*len = colon ? (size_t)(colon - note) : strlen(note);
	return *note ? note : NULL;
}

/* The characters of a change label: the run label, a blank, the change,
 * and for an annotated change a blank and its kind. */
static size_t label_chars(const bdb_result *r, const columns *c, size_t row, const char *pct)
{
	const char *commit = str(r, row, c->commit);
	size_t n =
	    *commit ? (strlen(commit) < 7 ? strlen(commit) : 7) : strlen(str(r, row, c->run));
	size_t kind_len;
	if (annotation_kind(r, c, row, &kind_len))
		n += 1 + kind_len;
	return n + 1 + strlen(pct);
}

/* Dots (each with its title), the baseline ring and the change rules. */
static void draw_marks(const chart *ch, const series *s, const frame *f, const size_t *keep,
		       size_t n, const display *disp, const char *colour, labels *placed)
{
	bdb_buf *b = ch->out;
	/* Every run a dot while none was left out by downsampling. */
	bool all = n <= MAX_DOTS && n == s->n_dots;
	bdb_buf_printf(b, "<g class=\"dots\" stroke=\"%s\">\n", colour);
	for (size_t i = 0, k = 0; i < s->n_dots; i++) {
		bool kept = k < n && keep[k] == i;
		k += kept;
		const dot *d = &s->dots[i];
		if ((all && kept) || (!all && (d->baseline || d->change)))
			draw_dot(ch, d, f, disp);
	}
	bdb_buf_puts(b, "</g>\n");
	for (size_t i = 0; i < s->n_dots; i++) {
		const dot *d = &s->dots[i];
		double x = px_x(f, d->x), y = px_y(f, d->v);
		if (d->baseline) {
			bdb_buf_puts(b, "<circle class=\"base\" cx=\"");
			put_coord(b, x);
			bdb_buf_puts(b, "\" cy=\"");
			put_coord(b, y);
			bdb_buf_puts(b, "\" r=\"6\"/>\n<text class=\"mark\" x=\"");
			put_coord(b, x);
			bdb_buf_puts(b, "\" y=\"");
			/* Above the ring, or below it where above would cross the
			 * frame's top (and a small multiple's title). */
			put_coord(b, y - 17 < f->y ? y + 17 : y - 9);
			bdb_buf_puts(b, "\">baseline</text>\n");
		}
		if (d->change) {
			char pct[32];
			bdb__change_text(num(ch->r, d->row, ch->c.change), pct, sizeof pct);
			double width = LABEL_CHAR * (double)label_chars(ch->r, &ch->c, d->row, pct);
			/* Right of the rule, or left of it (anchored at its end)
			 * where the right would run out of the frame. */
			bool left = x + 3 + width > f->x + f->w && x - 3 - width >= f->x;
			double lx0 = left ? x - 3 - width : x + 3;
			double ly = f->y + 10 + LABEL_ROW * place_label(placed, f, lx0, lx0 + width);
			bdb_buf_puts(b, "<g class=\"change\"><line x1=\"");
			put_coord(b, x);
			bdb_buf_puts(b, "\" y1=\"");
			put_coord(b, f->y);
			bdb_buf_puts(b, "\" x2=\"");
			put_coord(b, x);
			bdb_buf_puts(b, "\" y2=\"");
			put_coord(b, f->y + f->h);
			bdb_buf_puts(b, left ? "\"/><text text-anchor=\"end\" x=\"" : "\"/><text x=\"");
			put_coord(b, left ? x - 3 : x + 3);
			bdb_buf_puts(b, "\" y=\"");
			put_coord(b, ly);
			bdb_buf_puts(b, "\">");
			put_run_label(b, ch->r, &ch->c, d->row);
			bdb_buf_printf(b, " %s", pct);
			/* An annotated change says so: "abc1234 +20.0% intended". */
			size_t kind_len;
			const char *kind = annotation_kind(ch->r, &ch->c, d->row, &kind_len);
			if (kind) {
				bdb_buf_putc(b, ' ');
				bdb_buf_put_xml(b, kind, kind_len);
			}
			bdb_buf_puts(b, "</text></g>\n");
		}
	}
}

/* The label of a series into text: point, then its tags in brackets. */
static void series_label(bdb_buf *text, const bdb_result *r, const columns *c, size_t row)
{
	bdb__put_cell_text(text, r, row, c->point);
	bdb_value tags = cell(r, row, c->tags);
	if (tags.kind == BDB_VALUE_TAGS && tags.n_tags > 0) {
		bdb_buf_puts(text, " [");
		bdb__put_cell_text(text, r, row, c->tags);
		bdb_buf_putc(text, ']');
	}
}

/* text[from..) as XML, cut to max_chars bytes (0: no limit) at a character
 * boundary; a "…" says where something was left out, before or after. */
static void put_cut(bdb_buf *b, const bdb_buf *text, size_t from, size_t max_chars)
{
	size_t len = text->len - from;
	if (max_chars && len > max_chars) {
		len = max_chars;
		while (len > 0 && ((unsigned char)text->data[from + len] & 0xC0) == 0x80)
			len--;
	}
	if (from)
		bdb_buf_puts(b, "\xe2\x80\xa6"); /* … */
	bdb_buf_put_xml(b, text->data ? text->data + from : "", len);
	if (from + len < text->len)
		bdb_buf_puts(b, "\xe2\x80\xa6");
	if (text->failed)
		b->failed = true;
}

/* The label of a series, cut to max_chars bytes (0: no limit). */
static void put_series_label(bdb_buf *b, const bdb_result *r, const columns *c, size_t row,
			     size_t max_chars)
{
	bdb_buf text;
	bdb_buf_init(&text);
	series_label(&text, r, c, row);
	put_cut(b, &text, 0, max_chars);
	bdb_buf_free(&text);
}

/* One series drawn in frame f: band, spread, line, regressed stretches,
 * dots and marks, in one group saying how many runs it has. */
static int draw_series(const chart *ch, const series *s, const frame *f, const display *disp,
		       const char *colour, labels *placed)
{
	bdb_buf *b = ch->out;
	size_t *keep = malloc((s->n_dots + 1) * sizeof *keep);
	if (!keep)
		return BDB_ENOMEM;
	size_t n = keep_dots(s, f, keep);
	bdb_buf_printf(b, "<g class=\"series\" data-runs=\"%zu\" data-drawn=\"%zu\" data-label=\"",
		       s->to - s->from, n);
	put_series_label(b, ch->r, &ch->c, s->from, 0);
	bdb_buf_puts(b, "\">\n");
	draw_band(b, s, f, keep, n, colour);
	draw_whiskers(b, s, f, keep, n, colour);
	draw_line(b, s, f, keep, n, colour, false);
	draw_line(b, s, f, keep, n, "#d62728", true);
	draw_marks(ch, s, f, keep, n, disp, colour, placed);
	bdb_buf_puts(b, "</g>\n");
	free(keep);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Panels                                                                    */
/* ------------------------------------------------------------------------ */

/* The largest magnitude the series reach, in their display unit. */
static double top_of(series *const *s, size_t n)
{
	double top = 0;
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < s[k]->n_dots; i++) {
			const dot *d = &s[k]->dots[i];
			double vals[] = {d->v, d->hi, d->smax};
			for (size_t j = 0; j < 3; j++)
				if (isfinite(vals[j]))
					top = fmax(top, fabs(vals[j]));
		}
	return top;
}

/* What a chart without a drawable value says: a log scale draws no value
 * of 0 or less. */
static const char *no_values(const chart *ch)
{
	return ch->o->log_scale ? "no values above 0 (a log scale draws none of 0 or less)"
				: "no values";
}

/* One plotting area with its axes, holding series list[0..n). */
/* <text class="cls" x="x" y="y"> */
static void open_text(bdb_buf *b, const char *cls, double x, double y)
{
	bdb_buf_printf(b, "<text class=\"%s\" x=\"", cls);
	put_coord(b, x);
	bdb_buf_puts(b, "\" y=\"");
	put_coord(b, y);
	bdb_buf_puts(b, "\">");
}

/* text as XML. */
static void put_buf_xml(bdb_buf *b, const bdb_buf *text)
{
	bdb_buf_put_xml(b, text->data ? text->data : "", text->len);
}

/* The two lines of a small multiple's title (plain text, cut to fit) and
 * its tooltip: what tells its series from the others' (panel_titles). */
typedef struct panel_title {
	bdb_buf top;  /* the point (13 px bold) */
	bdb_buf sub;  /* the tags that differ; the unit follows (11 px) */
	bdb_buf full; /* "point [tags]", the tooltip */
} panel_title;

/* One plotting area with its axes, holding series list[0..n); a small
 * multiple (small: one series) is titled pt, a chart titled title_metric. */
static int draw_panel(const chart *ch, series *const *list, size_t n, double x, double y, double w,
		      double h, bool small, const char *title_metric, const panel_title *pt)
{
	bdb_buf *b = ch->out;
	display disp;
	const char *unit = str(ch->r, list[0]->from, ch->c.unit);
	pick_display(unit, top_of(list, n), &disp);
	for (size_t k = 0; k < n; k++)
		rescale(list[k], disp.factor);
	double left = small ? 48 : 64, top = small ? 36 : 34, bottom = small ? 20 : 24;
	frame f = {.x = x + left, .y = y + top, .w = w - left - 12, .h = h - top - bottom};
	int ticks = small ? 3 : 5;
	y_range(&f, list, n, ch->o->log_scale, ticks);
	f.x0 = INFINITY;
	f.x1 = -INFINITY;
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < list[k]->n_dots; i++) {
			f.x0 = fmin(f.x0, list[k]->dots[i].x);
			f.x1 = fmax(f.x1, list[k]->dots[i].x);
		}
	if (!isfinite(f.x0))
		f.x0 = f.x1 = 0;
	time_axis ax;
	pick_time_ticks(ch, &f, &ax);
	bdb_buf_puts(b, "<g class=\"panel\">\n");
	if (small) {
		/* A small multiple's title from its panel's left: its point,
		 * under it its tags and unit; its whole label on hover. */
		open_text(b, "title", x + TITLE_INSET, y + 14);
		bdb_buf_puts(b, "<title>");
		put_buf_xml(b, &pt->full);
		bdb_buf_puts(b, "</title>");
		put_buf_xml(b, &pt->top);
		bdb_buf_puts(b, "</text>\n");
		open_text(b, "subtitle", x + TITLE_INSET, y + 28);
		put_buf_xml(b, &pt->sub);
		if (*disp.unit) {
			bdb_buf_puts(b, pt->sub.len ? " (" : "(");
			bdb_buf_put_xml(b, disp.unit, strlen(disp.unit));
			bdb_buf_putc(b, ')');
		}
		if (ch->o->log_scale)
			bdb_buf_puts(b, pt->sub.len || *disp.unit ? ", log scale" : "log scale");
		bdb_buf_puts(b, "</text>\n");
	} else {
		/* The chart's title: the metric (and the series when it is
		 * alone), fitting from its frame's left to the picture's right,
		 * metric, unit and scale included: a longer one ran over the
		 * unit out of the picture. */
		open_text(b, "title", f.x, y + 18);
		bdb_buf_put_xml(b, title_metric, strlen(title_metric));
		if (n == 1) {
			bdb_buf_puts(b, " \xc2\xb7 "); /* · */
			size_t around = strlen(title_metric) + 4 +
					(*disp.unit ? strlen(disp.unit) + 3 : 0) +
					(ch->o->log_scale ? strlen(", log scale") : 0);
			size_t fit = w > left + 4 ? (size_t)((w - left - 4) / TITLE_CHAR_PX) : 0;
			put_series_label(b, ch->r, &ch->c, list[0]->from,
					 fit > around + 8 ? fit - around : 8);
		}
		if (*disp.unit) {
			bdb_buf_puts(b, " (");
			bdb_buf_put_xml(b, disp.unit, strlen(disp.unit));
			bdb_buf_putc(b, ')');
		}
		if (ch->o->log_scale)
			bdb_buf_puts(b, ", log scale");
		bdb_buf_puts(b, "</text>\n");
	}
	y_axis(b, &f, &disp, ticks);
	x_axis(ch, &f, &ax, small ? 1 : 4);
	bdb_buf_puts(b, "<rect class=\"frame\" x=\"");
	put_coord(b, f.x);
	bdb_buf_puts(b, "\" y=\"");
	put_coord(b, f.y);
	bdb_buf_puts(b, "\" width=\"");
	put_coord(b, f.w);
	bdb_buf_puts(b, "\" height=\"");
	put_coord(b, f.h);
	bdb_buf_puts(b, "\"/>\n");
	size_t drawn = 0;
	for (size_t k = 0; k < n; k++)
		drawn += list[k]->n_dots;
	if (drawn == 0) { /* an empty frame says why */
		bdb_buf_puts(b, "<text class=\"mark\" x=\"");
		put_coord(b, f.x + f.w / 2);
		bdb_buf_puts(b, "\" y=\"");
		put_coord(b, f.y + f.h / 2);
		bdb_buf_printf(b, "\">%s</text>\n", no_values(ch));
	}
	labels placed = {.n = 0};
	for (size_t k = 0; k < n; k++) {
		int rc = draw_series(ch, list[k], &f, &disp,
				     small ? palette[0] : palette[k % N_COLOURS], &placed);
		if (rc)
			return rc;
	}
	bdb_buf_puts(b, "</g>\n");
	return 0;
}

/* Bytes of a legend entry's label. */
#define LEGEND_CHARS 34

/* Whether every series of list[0..n) has the tag key=value. */
static bool tag_everywhere(const chart *ch, series *const *list, size_t n, const bdb_kv *kv)
{
	for (size_t k = 0; k < n; k++) {
		bdb_value tags = cell(ch->r, list[k]->from, ch->c.tags);
		bool has = false;
		for (size_t t = 0; tags.kind == BDB_VALUE_TAGS && t < tags.n_tags && !has; t++)
			has = strcmp(tags.tags[t].key, kv->key) == 0 &&
			      strcmp(tags.tags[t].value, kv->value) == 0;
		if (!has)
			return false;
	}
	return true;
}

/* What tells series list[k] from the others: its point unless all share
 * it, and the tags not all of them have ("runner=ThreadRunner"; their
 * values alone when keys_too is false: "100,5"). */
static void distinct_label(bdb_buf *text, const chart *ch, series *const *list, size_t n,
			   size_t k, bool same_point, bool keys_too)
{
	if (!same_point)
		bdb__put_cell_text(text, ch->r, list[k]->from, ch->c.point);
	bdb_value tags = cell(ch->r, list[k]->from, ch->c.tags);
	size_t shown = 0;
	for (size_t t = 0; tags.kind == BDB_VALUE_TAGS && t < tags.n_tags; t++) {
		if (tag_everywhere(ch, list, n, &tags.tags[t]))
			continue;
		bdb_buf_puts(text, shown ? "," : same_point ? "" : " [");
		if (keys_too)
			bdb_buf_printf(text, "%s=", tags.tags[t].key);
		bdb_buf_puts(text, tags.tags[t].value);
		shown++;
	}
	if (shown && !same_point)
		bdb_buf_putc(text, ']');
}

/*
 * The legend: each series' label; when one is longer than an entry holds,
 * only what tells them apart: cut at their end, the series of one point
 * that differ in a last tag read alike (kedro's runner=ParallelRunner,
 * SequentialRunner and ThreadRunner were "benchmark_runner.RunnerMemor…"
 * three times). The tags' keys go when even that is too long; the whole
 * label shows on hover.
 */
static void draw_legend(const chart *ch, series *const *list, size_t n, double y)
{
	bdb_buf *b = ch->out;
	size_t longest = 0, distinct = 0;
	bool same_point = true;
	for (size_t k = 0; k < n; k++)
		same_point = same_point && strcmp(str(ch->r, list[k]->from, ch->c.point),
						  str(ch->r, list[0]->from, ch->c.point)) == 0;
	for (size_t k = 0; k < n; k++) {
		bdb_buf text;
		bdb_buf_init(&text);
		series_label(&text, ch->r, &ch->c, list[k]->from);
		longest = text.len > longest ? text.len : longest;
		text.len = 0;
		distinct_label(&text, ch, list, n, k, same_point, true);
		distinct = text.len > distinct ? text.len : distinct;
		bdb_buf_free(&text);
	}
	for (size_t k = 0; k < n; k++) {
		double x = 64 + (double)(k % 3) * 216, ly = y + (double)(k / 3) * LEGEND_ROW;
		bdb_buf_printf(
		    b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>", x,
		    ly, palette[k % N_COLOURS]);
		bdb_buf_printf(b, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">", x + 14, ly + 9);
		bdb_buf text;
		bdb_buf_init(&text);
		if (longest > LEGEND_CHARS) {
			/* The whole label on hover. */
			bdb_buf_puts(b, "<title>");
			put_series_label(b, ch->r, &ch->c, list[k]->from, 0);
			bdb_buf_puts(b, "</title>");
			distinct_label(&text, ch, list, n, k, same_point,
				       distinct <= LEGEND_CHARS);
		}
		if (!text.len)
			series_label(&text, ch->r, &ch->c, list[k]->from);
		put_cut(b, &text, 0, LEGEND_CHARS);
		bdb_buf_free(&text);
		bdb_buf_puts(b, "</text>\n");
	}
}

/* ------------------------------------------------------------------------ */
/* Small multiples' titles                                                   */
/* ------------------------------------------------------------------------ */

#define ELLIPSIS "\xe2\x80\xa6" /* … */

/* i moved back to the start of the UTF-8 character it is in. */
static size_t char_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* s[start..) to out as plain text in at most max characters (a "…" counts
 * one, a byte one otherwise), a "…" before it when start > 0 and after it
 * when it is cut. */
static void cut_window(bdb_buf *out, const char *s, size_t len, size_t start, size_t max)
{
	size_t room = max - (start > 0);
	size_t end = len - start <= room ? len : char_start(s, start + room - 1);
	if (start > 0)
		bdb_buf_puts(out, ELLIPSIS);
	bdb_buf_append(out, s + start, end - start);
	if (end < len)
		bdb_buf_puts(out, ELLIPSIS);
}

/* s as plain text in at most max characters: whole when it fits; else
 * without its first `from` bytes (the start every title shares) and, if
 * still too long, cut in its middle (a third from the start, the rest from
 * its end, where names of one family differ: "BM_sort/1024", "[100,5]"). */
static void cut_middle(bdb_buf *out, const char *s, size_t len, size_t from, size_t max)
{
	if (len <= max) {
		bdb_buf_append(out, s, len);
		return;
	}
	if (from >= len) /* a name that is the start all share: itself, not "…" */
		from = 0;
	size_t lead = from > 0;
	if (len - from + lead <= max) {
		cut_window(out, s, len, from, max);
		return;
	}
	size_t room = max - lead - 1, head = char_start(s, from + room / 3);
	size_t tail = len - (room - room / 3);
	while (tail < len && ((unsigned char)s[tail] & 0xC0) == 0x80)
		tail++;
	if (lead)
		bdb_buf_puts(out, ELLIPSIS);
	bdb_buf_append(out, s + from, head - from);
	bdb_buf_puts(out, ELLIPSIS);
	bdb_buf_append(out, s + tail, len - tail);
}

/* The bytes all of texts[0..n) start with, back to the end of a word
 * ("BenchmarkMergeFiles/" of ".../MergeDir" and ".../MergeFiles"): a name
 * shown from the middle of a word reads as another one. */
static size_t common_start(const char *const *texts, size_t n)
{
	if (n < 2)
		return 0;
	size_t common = strlen(texts[0]);
	for (size_t k = 1; k < n; k++) {
		size_t i = 0;
		while (i < common && texts[k][i] == texts[0][i])
			i++;
		common = i;
	}
	while (common > 0 && !strchr("/_.-:| [(,=", texts[0][common - 1]))
		common--;
	return common;
}

/* The bytes s and t start with alike. */
static size_t same_start(const char *s, const char *t)
{
	size_t i = 0;
	while (s[i] && s[i] == t[i])
		i++;
	return i;
}

/* s in at most max characters around byte at (where it first differs from
 * a text whose title read as its own): from a little before it. */
static void cut_around(bdb_buf *out, const char *s, size_t at, size_t max)
{
	size_t len = strlen(s);
	if (len <= max) {
		bdb_buf_append(out, s, len);
		return;
	}
	size_t start = at > max / 2 ? at - max / 2 : 0;
	if (len - start < max - 1)
		start = len - (max - 1);
	cut_window(out, s, len, char_start(s, start), max);
}

typedef struct title_order {
	const panel_title *t;
	size_t k;
} title_order;

/* Compares two texts as strcmp does, by their bytes then their lengths. */
static int cmp_text(const bdb_buf *x, const bdb_buf *y)
{
	size_t n = x->len < y->len ? x->len : y->len;
	int c = n ? memcmp(x->data, y->data, n) : 0;
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int cmp_title(const void *a, const void *b)
{
	const title_order *x = a, *y = b;
	int c = cmp_text(&x->t->top, &y->t->top);
	if (c == 0)
		c = cmp_text(&x->t->sub, &y->t->sub);
	return c ? c : (x->k > y->k) - (x->k < y->k);
}

/* Whether order[i] and order[i + 1] read alike. */
static bool alike(const title_order *order, size_t i)
{
	const panel_title *x = order[i].t, *y = order[i + 1].t;
	return cmp_text(&x->top, &y->top) == 0 && cmp_text(&x->sub, &y->sub) == 0;
}

/* Sorts order by the titles; whether two read alike. */
static bool titles_collide(title_order *order, size_t n)
{
	qsort(order, n, sizeof *order, cmp_title);
	for (size_t i = 0; i + 1 < n; i++)
		if (alike(order, i))
			return true;
	return false;
}

/*
 * The titles of n small multiples of width w, each telling its series from
 * the others': its point (without the start all points share, cut in its
 * middle to fit a line) and under it the tags not all series share (their
 * values alone when the keys make them too long). moov-io's
 * "BenchmarkMergeFiles/MergeFiles_10Groups - ns/op [suite=moov-io/ach
 * Benchmarks]" and 31 others read "…Files…oov-io/ach] (ns/op)" or
 * "…Files…Benchmarks] (ns/op)" on one line. Titles still alike (a cut
 * left out what differs) are shown around where they first differ; any
 * still alike get their place, "#3".
 */
static int panel_titles(const chart *ch, series *const *list, size_t n, double w, panel_title *pt)
{
	const char **points = malloc((n + 1) * sizeof *points);
	const char **tags = malloc((n + 1) * sizeof *tags);
	title_order *order = malloc((n + 1) * sizeof *order);
	int rc = BDB_ENOMEM;
	if (!points || !tags || !order)
		goto done;
	bool same_point = true;
	for (size_t k = 0; k < n; k++) {
		points[k] = str(ch->r, list[k]->from, ch->c.point);
		same_point = same_point && strcmp(points[k], points[0]) == 0;
	}
	size_t common = same_point ? 0 : common_start(points, n);
	/* At least 8 characters a line, however narrow the panel (--width 16). */
	double room = fmax(w - 2 * TITLE_INSET, 0);
	size_t top_max = (size_t)fmax(room / TITLE_CHAR_PX, 8);
	/* The tags' line leaves room for its unit (" (ns/op)") and scale. */
	const char *unit = n ? str(ch->r, list[0]->from, ch->c.unit) : "";
	size_t reserve = (strlen(unit) > 8 ? 8 : strlen(unit)) + 3 +
			 (ch->o->log_scale ? strlen(", log scale") : 0);
	size_t sub_fit = (size_t)(room / SUB_CHAR_PX);
	size_t sub_max = sub_fit > reserve + 12 ? sub_fit - reserve : 12;
	bdb_buf all;
	bdb_buf_init(&all);
	for (size_t k = 0; k < n; k++) {
		series_label(&pt[k].full, ch->r, &ch->c, list[k]->from);
		cut_middle(&pt[k].top, points[k], strlen(points[k]), common, top_max);
		/* distinct_label of the same point: the tags alone. */
		all.len = 0;
		distinct_label(&all, ch, list, n, k, true, true);
		if (all.len > sub_max) {
			all.len = 0;
			distinct_label(&all, ch, list, n, k, true, false);
		}
		cut_middle(&pt[k].sub, all.data ? all.data : "", all.len, 0, sub_max);
		order[k] = (title_order){&pt[k], k};
	}
	/* The tags' full texts, for titles still alike. */
	bdb_buf *tag_text = calloc(n + 1, sizeof *tag_text);
	if (!tag_text) {
		bdb_buf_free(&all);
		goto done;
	}
	for (size_t k = 0; k < n; k++) {
		bdb_buf_init(&tag_text[k]);
		distinct_label(&tag_text[k], ch, list, n, k, true, false);
		tags[k] = bdb_buf_cstr(&tag_text[k]);
	}
	if (titles_collide(order, n)) {
		for (size_t i = 0; i < n;) {
			size_t j = i + 1;
			while (j < n && alike(order, j - 1))
				j++;
			/* order[i..j) read alike: each around where it first
			 * differs from the others. */
			for (size_t a = i; j - i > 1 && a < j; a++) {
				size_t k = order[a].k, at_point = 0, at_tags = 0;
				bool point_differs = false, tags_differ = false;
				for (size_t b2 = i; b2 < j; b2++) {
					size_t o = order[b2].k;
					if (o == k)
						continue;
					if (strcmp(points[o], points[k]) != 0) {
						point_differs = true;
						size_t d = same_start(points[o], points[k]);
						at_point = d > at_point ? d : at_point;
					} else if (strcmp(tags[o], tags[k]) != 0) {
						tags_differ = true;
						size_t d = same_start(tags[o], tags[k]);
						at_tags = d > at_tags ? d : at_tags;
					}
				}
				if (point_differs) {
					pt[k].top.len = 0;
					cut_around(&pt[k].top, points[k], at_point, top_max);
				}
				if (tags_differ) {
					pt[k].sub.len = 0;
					cut_around(&pt[k].sub, tags[k], at_tags, sub_max);
				}
			}
			i = j;
		}
		/* Still alike: their places tell them. */
		bool *mark = titles_collide(order, n) ? calloc(n, sizeof *mark) : NULL;
		for (size_t i = 0; mark && i + 1 < n; i++)
			if (alike(order, i))
				mark[order[i].k] = mark[order[i + 1].k] = true;
		for (size_t k = 0; mark && k < n; k++)
			if (mark[k])
				bdb_buf_printf(&pt[k].sub, "%s#%zu", pt[k].sub.len ? " " : "",
					       k + 1);
		free(mark);
	}
	rc = all.failed ? BDB_ENOMEM : 0;
	for (size_t k = 0; k < n; k++) {
		if (pt[k].top.failed || pt[k].sub.failed || pt[k].full.failed || tag_text[k].failed)
			rc = BDB_ENOMEM;
		bdb_buf_free(&tag_text[k]);
	}
	free(tag_text);
	bdb_buf_free(&all);
done:
	free(points);
	free(tags);
	free(order);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The document                                                              */
/* ------------------------------------------------------------------------ */

/* The chart's style rules: in each SVG document's <style>, and for a page
 * that shows charts under a Content-Security-Policy without inline styles
 * (the dashboard), in its style sheet (bdb_chart_style). */
#define CHART_RULES                                                                                \
	"text{font-family:sans-serif;font-size:11px;fill:#333}\n"                                  \
	".title{font-size:13px;font-weight:bold}\n"                                                \
	".ytick{text-anchor:end}\n"                                                                \
	".grid{stroke:#e5e5e5;stroke-width:1}\n"                                                   \
	".frame{fill:none;stroke:#999;stroke-width:1}\n"                                           \
	".line,.regressed{fill:none;stroke-width:1.5;stroke-linejoin:round}\n"                     \
	".regressed{stroke-width:2.5}\n"                                                           \
	".band{opacity:0.18;stroke:none}\n"                                                        \
	".spread{stroke-width:1;opacity:0.6}\n"                                                    \
	".pt{fill:#fff;stroke-width:1}\n"                                                          \
	".pt.reg{fill:#d62728;stroke:#d62728}\n"                                                   \
	".base{fill:none;stroke:#000;stroke-width:1.5}\n"                                          \
	".mark{text-anchor:middle;font-size:10px}\n"                                               \
	".change line{stroke:#7b3294;stroke-width:1;stroke-dasharray:4 3}\n"                       \
	".change text{fill:#7b3294;font-size:10px}\n"

static const char svg_style[] = "<style>\n" CHART_RULES "</style>\n";

const char *bdb_chart_style(void)
{
	return CHART_RULES;
}

static int find_columns(const bdb_result *r, columns *c)
{
	c->point = bdb_result_column_index(r, "point");
	c->tags = bdb_result_column_index(r, "tags");
	c->run = bdb_result_column_index(r, "run");
	c->time = bdb_result_column_index(r, "timestamp");
	if (c->time < 0)
		c->time = bdb_result_column_index(r, "bucket");
	c->commit = bdb_result_column_index(r, "commit");
	c->value = bdb_result_column_index(r, "value");
	c->lower = bdb_result_column_index(r, "lower");
	c->upper = bdb_result_column_index(r, "upper");
	c->unit = bdb_result_column_index(r, "unit");
	c->spread_min = bdb_result_column_index(r, "sample_min");
	c->spread_max = bdb_result_column_index(r, "sample_max");
	if (c->spread_min < 0) {
		c->spread_min = bdb_result_column_index(r, "min");
		c->spread_max = bdb_result_column_index(r, "max");
	}
	c->baseline = bdb_result_column_index(r, "baseline");
	c->regressed = bdb_result_column_index(r, "regressed");
	c->change = bdb_result_column_index(r, "change_pct");
	c->annotation = bdb_result_column_index(r, "annotation");
	c->rollup = bdb_result_column_index(r, "rollup");
	c->count = bdb_result_column_index(r, "count");
	return c->point < 0 || c->time < 0 || c->value < 0 ? BDB_EINVAL : 0;
}

/* A bare line for a summary grid: no axes, labels or dots. */
static int draw_sparkline(const chart *ch, series *s, double w, double h)
{
	bdb_buf *b = ch->out;
	frame f = {.x = 1, .y = 2, .w = w - 2, .h = h - 4};
	series *list[1] = {s};
	y_range(&f, list, 1, ch->o->log_scale, 2);
	f.x0 = s->n_dots ? s->dots[0].x : 0;
	f.x1 = s->n_dots ? s->dots[s->n_dots - 1].x : 0;
	size_t *keep = malloc((s->n_dots + 1) * sizeof *keep);
	if (!keep)
		return BDB_ENOMEM;
	size_t n = keep_dots(s, &f, keep);
	/* One line through all runs: a sparkline draws no dots, so a run
	 * between two time gaps drew nothing (kurkle/color's irregular
	 * history lost 1757 of its 5807 values in the report's grid). */
	for (size_t i = 0; i < s->n_dots; i++)
		s->dots[i].gap_before = false;
	draw_line(b, s, &f, keep, n, palette[0], false);
	draw_line(b, s, &f, keep, n, "#d62728", true);
	free(keep);
	return 0;
}

/*
 * Reads table into ch (ch->r, ch->o and ch->out set): the distinct times,
 * and the series, runs of rows with the same point and tags, each with the
 * factor into the first series' unit. *convertible is false when a series'
 * unit does not convert into it. Free with chart_close, even on failure.
 */
static int chart_open(chart *ch, bool *convertible)
{
	const bdb_result *table = ch->r;
	size_t first = 0, end = table->n_rows;
	if (ch->o->rows_to > 0) {
		first = ch->o->rows_from;
		end = ch->o->rows_to;
		if (first >= end || end > table->n_rows)
			return BDB_EINVAL;
	}
	size_t nr = end - first, cap = 8;
	*convertible = true;
	ch->s = calloc(cap, sizeof *ch->s);
	ch->times = malloc((nr + 1) * sizeof *ch->times);
	if (!ch->s || !ch->times)
		return BDB_ENOMEM;
	ch->t0 = nr ? row_time(ch, first) : 0;
	for (size_t row = first; row < end; row++) {
		ch->times[row - first] = row_time(ch, row);
		if (ch->times[row - first] < ch->t0)
			ch->t0 = ch->times[row - first];
	}
	if (ch->o->run_order) {
		/* The distinct times in order: a run's x is its place there. */
		qsort(ch->times, nr, sizeof *ch->times, cmp_time);
		for (size_t i = 0; i < nr; i++)
			if (ch->n_times == 0 || ch->times[ch->n_times - 1] != ch->times[i])
				ch->times[ch->n_times++] = ch->times[i];
	}
	for (size_t row = first; row < end;) {
		if (ch->n_series + 1 == cap) {
			series *more = realloc(ch->s, 2 * cap * sizeof *more);
			if (!more)
				return BDB_ENOMEM;
			memset(more + cap, 0, cap * sizeof *more);
			ch->s = more;
			cap *= 2;
		}
		series *s = &ch->s[ch->n_series++];
		s->from = row;
		while (row < end && same_series(ch, s->from, row))
			row++;
		s->to = row;
		s->to_display = 1;
		const char *unit = str(table, s->from, ch->c.unit);
		if (bdb_unit_factor(unit, str(table, first, ch->c.unit), &s->to_display) != 0)
			*convertible = false;
	}
	return 0;
}

static void chart_close(chart *ch)
{
	for (size_t k = 0; ch->s && k < ch->n_series; k++)
		free(ch->s[k].dots);
	free(ch->s);
	free(ch->times);
}

int bdb__format_svg(const bdb_result *r, const bdb_chart_options *opt, bdb_buf *out)
{
	const bdb_result *table = bdb_result_chart_table(r);
	bdb_chart_options o = opt ? *opt : (bdb_chart_options){0};
	chart ch = {.r = table, .o = &o, .out = out};
	if (!table || find_columns(table, &ch.c) != 0)
		return BDB_EINVAL;
	o.log_scale = o.log_scale || table->chart_log || r->chart_log;
	o.run_order = o.run_order || table->chart_runs || r->chart_runs;
	/* All of a combined chart's series are drawn in the first one's unit; a
	 * unit that does not convert makes small multiples, each in its own. */
	bool convertible;
	series **list = NULL;
	int rc = chart_open(&ch, &convertible);
	if (rc)
		goto done;
	rc = BDB_ENOMEM;
	if ((list = calloc(ch.n_series + 1, sizeof *list)) == NULL)
		goto done;
	bool small = ch.n_series > SMALL_MULTIPLES_AT || !convertible;
	for (size_t k = 0; k < ch.n_series; k++) {
		if (small)
			ch.s[k].to_display = 1;
		if (build_dots(&ch, &ch.s[k]) != 0)
			goto done;
		list[k] = &ch.s[k];
	}
	bdb_value metric = bdb_result_field_by_name(table, "metric");
	const char *metric_name = metric.kind == BDB_VALUE_STRING ? metric.str : "value";
	int width = o.width > 0 ? o.width : o.sparkline ? SPARK_WIDTH : CHART_WIDTH;
	int height = o.height > 0 ? o.height : o.sparkline ? SPARK_HEIGHT : CHART_HEIGHT;
	size_t panel_rows = (ch.n_series + PANEL_COLUMNS - 1) / PANEL_COLUMNS;
	size_t legend_rows = !small && ch.n_series > 1 ? (ch.n_series + 2) / 3 : 0;
	int total = o.sparkline ? height
		    : small	? (int)(panel_rows * PANEL_HEIGHT) + 8
				: height + (int)(legend_rows * LEGEND_ROW) + (legend_rows ? 8 : 0);
	if (!o.inline_svg)
		bdb_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	bdb_buf_printf(out,
		       "<svg%s width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
		       o.inline_svg ? "" : " xmlns=\"http://www.w3.org/2000/svg\"", width, total,
		       width, total);
	bdb_buf_puts(out, "<title>");
	bdb_buf_put_xml(out, metric_name, strlen(metric_name));
	if (ch.n_series == 1) {
		bdb_buf_puts(out, " \xc2\xb7 "); /* · */
		put_series_label(out, table, &ch.c, ch.s[0].from, 0);
	} else {
		bdb_buf_printf(out, " \xc2\xb7 %zu series", ch.n_series);
	}
	bdb_buf_puts(out, "</title>\n");
	rc = 0;
	if (o.sparkline) {
		if (ch.n_series > 0)
			rc = draw_sparkline(&ch, &ch.s[0], width, height);
	} else {
		bdb_buf_puts(out, svg_style);
		bdb_buf_printf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", width,
			       total);
		if (ch.n_series == 0) {
			bdb_buf_puts(out, "<text x=\"64\" y=\"40\">no runs</text>\n");
		} else if (small) {
			double pw = (double)width / PANEL_COLUMNS;
			panel_title *titles = calloc(ch.n_series, sizeof *titles);
			rc = titles ? panel_titles(&ch, list, ch.n_series, pw, titles) : BDB_ENOMEM;
			for (size_t k = 0; k < ch.n_series && !rc; k++)
				rc = draw_panel(&ch, &list[k], 1, pw * (double)(k % PANEL_COLUMNS),
						PANEL_HEIGHT * (double)(k / PANEL_COLUMNS), pw,
						PANEL_HEIGHT, true, metric_name, &titles[k]);
			for (size_t k = 0; titles && k < ch.n_series; k++) {
				bdb_buf_free(&titles[k].top);
				bdb_buf_free(&titles[k].sub);
				bdb_buf_free(&titles[k].full);
			}
			free(titles);
		} else {
			rc = draw_panel(&ch, list, ch.n_series, 0, 0, width, height, false,
					metric_name, NULL);
			if (!rc && legend_rows)
				draw_legend(&ch, list, ch.n_series, height);
		}
	}
	bdb_buf_puts(out, "</svg>\n");
done:
	chart_close(&ch);
	free(list);
	if (!rc && out->failed)
		rc = BDB_ENOMEM;
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The terminal chart (`as chart`)                                           */
/* ------------------------------------------------------------------------ */

#define TERM_COLS 60 /* braille cells: 2 x 4 dots each */
#define TERM_ROWS 10

/* Sets dot (x, y) of a braille canvas (y = 0 at the bottom). */
static void braille_set(uint8_t *cells, int x, int y)
{
	static const uint8_t bit[4][2] = {{0x40, 0x80}, {0x04, 0x20}, {0x02, 0x10}, {0x01, 0x08}};
	if (x < 0 || y < 0 || x >= TERM_COLS * 2 || y >= TERM_ROWS * 4)
		return;
	int row = TERM_ROWS - 1 - y / 4;
	cells[row * TERM_COLS + x / 2] |= bit[y % 4][x % 2];
}

static void braille_line(uint8_t *cells, int x0, int y0, int x1, int y1)
{
	int dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
	int err = dx + dy;
	for (;;) {
		braille_set(cells, x0, y0);
		if (x0 == x1 && y0 == y1)
			break;
		int e2 = 2 * err;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

/* Appends the text of number v with its display, padded on the left to
 * width columns. */
static void put_padded_number(bdb_buf *b, double v, const display *d, size_t width)
{
	bdb_buf text;
	bdb_buf_init(&text);
	put_number(&text, v, d);
	for (size_t i = text.len; i < width; i++)
		bdb_buf_putc(b, ' ');
	bdb_buf_append(b, text.data ? text.data : "", text.len);
	if (text.failed)
		b->failed = true;
	bdb_buf_free(&text);
}

/* text[0..len) onto b with every control character as '?': no control
 * character reaches the terminal. */
static void put_terminal_text(bdb_buf *b, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)text[i];
		bdb_buf_putc(b, ch < 0x20 || ch == 0x7f ? '?' : (char)ch);
	}
}

/* One series as a braille line chart with its axes and change points. */
static void term_series(const chart *ch, series *s, const char *metric)
{
	bdb_buf *b = ch->out;
	display disp;
	series *list[1] = {s};
	pick_display(str(ch->r, s->from, ch->c.unit), top_of(list, 1), &disp);
	rescale(s, disp.factor);
	double lo = INFINITY, hi = -INFINITY, x0 = INFINITY, x1 = -INFINITY;
	for (size_t i = 0; i < s->n_dots; i++) {
		lo = fmin(lo, s->dots[i].v);
		hi = fmax(hi, s->dots[i].v);
		x0 = fmin(x0, s->dots[i].x);
		x1 = fmax(x1, s->dots[i].x);
	}
	bdb_buf text;
	bdb_buf_init(&text);
	bdb_buf_puts(&text, metric);
	bdb_buf_puts(&text, " \xc2\xb7 ");
	bdb__put_cell_text(&text, ch->r, s->from, ch->c.point);
	bdb_value tags = cell(ch->r, s->from, ch->c.tags);
	if (tags.kind == BDB_VALUE_TAGS && tags.n_tags) {
		bdb_buf_puts(&text, " [");
		bdb__put_cell_text(&text, ch->r, s->from, ch->c.tags);
		bdb_buf_putc(&text, ']');
	}
	put_terminal_text(b, text.data ? text.data : "", text.len);
	bdb_buf_free(&text);
	if (*disp.unit)
		bdb_buf_printf(b, " (%s)", disp.unit);
	bdb_buf_printf(b, "%s: %zu run%s", ch->o->log_scale ? ", log scale" : "", s->to - s->from,
		       s->to - s->from == 1 ? "" : "s");
	if (s->n_dots == 0) {
		bdb_buf_printf(b, ", %s\n", no_values(ch));
		return;
	}
	bdb_buf_puts(b, ", min ");
	put_number(b, lo, &disp);
	bdb_buf_puts(b, ", max ");
	put_number(b, hi, &disp);
	bdb_buf_putc(b, '\n');
	bool log_scale = ch->o->log_scale;
	double ylo = log_scale ? log10(lo) : lo, yhi = log_scale ? log10(hi) : hi;
	uint8_t cells[TERM_COLS * TERM_ROWS] = {0};
	int change_col[TERM_COLS * 2] = {0};
	int px = -1, py = -1;
	for (size_t i = 0; i < s->n_dots; i++) {
		const dot *d = &s->dots[i];
		double v = log_scale ? log10(d->v) : d->v;
		int x = x1 > x0 ? (int)lround((d->x - x0) / (x1 - x0) * (TERM_COLS * 2 - 1)) : 0;
		int y = yhi > ylo ? (int)lround(bdb__fraction(v, ylo, yhi) * (TERM_ROWS * 4 - 1))
				  : TERM_ROWS * 2;
		if (px >= 0 && !d->gap_before)
			braille_line(cells, px, py, x, y);
		else
			braille_set(cells, x, y);
		if (d->change)
			change_col[x / 2] = 1;
		px = x;
		py = y;
	}
	size_t label = 0;
	bdb_buf probe;
	bdb_buf_init(&probe);
	put_number(&probe, hi, &disp);
	label = probe.len;
	bdb_buf_reset(&probe);
	put_number(&probe, lo, &disp);
	if (probe.len > label)
		label = probe.len;
	bdb_buf_free(&probe);
	for (int row = 0; row < TERM_ROWS; row++) {
		if (row == 0)
			put_padded_number(b, hi, &disp, label);
		else if (row == TERM_ROWS - 1)
			put_padded_number(b, lo, &disp, label);
		else
			for (size_t i = 0; i < label; i++)
				bdb_buf_putc(b, ' ');
		bdb_buf_puts(b,
			     row == 0 || row == TERM_ROWS - 1 ? " \xe2\x94\xa4" : " \xe2\x94\x82");
		for (int c = 0; c < TERM_COLS; c++) {
			uint32_t cp = 0x2800u + cells[row * TERM_COLS + c];
			char u[4];
			bdb_buf_append(b, u, bdb_utf8_encode(cp, u));
		}
		bdb_buf_putc(b, '\n');
	}
	for (size_t i = 0; i <= label; i++)
		bdb_buf_putc(b, ' ');
	bdb_buf_puts(b, "\xe2\x94\x94"); /* └ */
	for (int c = 0; c < TERM_COLS; c++)
		bdb_buf_puts(b, change_col[c] ? "\xe2\x94\xbc" : "\xe2\x94\x80"); /* ┼ ─ */
	bdb_buf_putc(b, '\n');
	/* First and last time under the axis ends (or run numbers). */
	for (size_t i = 0; i <= label + 1; i++)
		bdb_buf_putc(b, ' ');
	char first[48], last[48];
	if (ch->o->run_order) {
		snprintf(first, sizeof first, "run %.0f", x0 + 1);
		snprintf(last, sizeof last, "run %.0f", x1 + 1);
	} else {
		bdb_time_format(row_time(ch, s->dots[0].row), first, sizeof first);
		bdb_time_format(row_time(ch, s->dots[s->n_dots - 1].row), last, sizeof last);
		first[10] = last[10] = '\0';
	}
	size_t gap =
	    strlen(first) + strlen(last) < TERM_COLS ? TERM_COLS - strlen(first) - strlen(last) : 1;
	bdb_buf_puts(b, first);
	for (size_t i = 0; i < gap; i++)
		bdb_buf_putc(b, ' ');
	bdb_buf_puts(b, last);
	bdb_buf_putc(b, '\n');
	for (size_t i = 0; i < s->n_dots; i++) {
		const dot *d = &s->dots[i];
		if (!d->change)
			continue;
		char t[48], pct[32];
		bdb__change_text(num(ch->r, d->row, ch->c.change), pct, sizeof pct);
		bdb_time_format(row_time(ch, d->row), t, sizeof t);
		const char *commit = str(ch->r, d->row, ch->c.commit);
		bdb_buf_printf(b, "  \xe2\x94\xbc change %s at %s, run ", pct, t);
		bdb_buf_puts(b, str(ch->r, d->row, ch->c.run));
		if (*commit)
			bdb_buf_printf(b, ", commit %.*s", 7, commit);
		const char *note = str(ch->r, d->row, ch->c.annotation);
		if (*note) {
			bdb_buf_puts(b, " (");
			put_terminal_text(b, note, strlen(note));
			bdb_buf_putc(b, ')');
		}
		bdb_buf_putc(b, '\n');
	}
}

int bdb__format_terminal_chart(const bdb_result *r, bdb_buf *out)
{
	const bdb_result *table = bdb_result_chart_table(r);
	bdb_chart_options o = {.log_scale = r->chart_log, .run_order = r->chart_runs};
	chart ch = {.r = table, .o = &o, .out = out};
	if (!table || find_columns(table, &ch.c) != 0)
		return BDB_EINVAL;
	bool convertible; /* each series is drawn in its own unit */
	int rc = chart_open(&ch, &convertible);
	bdb_value metric = bdb_result_field_by_name(table, "metric");
	if (!rc && table->n_rows == 0)
		bdb_buf_puts(out, "(no rows)\n");
	for (size_t k = 0; k < ch.n_series && !rc; k++) {
		ch.s[k].to_display = 1;
		rc = build_dots(&ch, &ch.s[k]);
		if (rc)
			break;
		if (k > 0)
			bdb_buf_putc(out, '\n');
		term_series(&ch, &ch.s[k], metric.kind == BDB_VALUE_STRING ? metric.str : "value");
	}
	chart_close(&ch);
	if (!rc && out->failed)
		rc = BDB_ENOMEM;
	return rc;
}

size_t bdb_result_series_end(const bdb_result *r, size_t from)
{
	chart ch = {.r = r};
	if (find_columns(r, &ch.c) != 0 || from >= r->n_rows)
		return from;
	size_t row = from;
	while (row < r->n_rows && same_series(&ch, from, row))
		row++;
	return row;
}

double bdb_result_series_noise(const bdb_result *r, size_t from, size_t to)
{
	columns c;
	if (find_columns(r, &c) != 0 || c.value < 0 || to > r->n_rows || from >= to)
		return NAN;
	double x[BDB_NOISE_RUNS];
	size_t n = 0;
	for (size_t row = to; row-- > from && n < BDB_NOISE_RUNS;) {
		double v = num(r, row, c.value);
		if (isfinite(v))
			x[n++] = v;
	}
	double median, mad;
	if (n < 3 || bdb__stats_median(x, n, &median) != 0 || median == 0 ||
	    bdb__stats_mad(x, n, &mad) != 0)
		return NAN;
	return mad / fabs(median);
}

int bdb_result_svg(const bdb_result *r, const bdb_chart_options *o, bdb_buf *out)
{
	return bdb__format_svg(r, o, out);
}
