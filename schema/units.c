/* units.c - conversion factors between units of the same family. */
#include "schema.h"

#include <math.h>
#include <string.h>

typedef struct unit_scale {
	const char *name;
	double scale; /* in the family's base unit */
} unit_scale;

/* Time, in nanoseconds: integers, so that factors are correctly rounded
 * quotients of exact values (us -> ns is exactly 1000). */
static const unit_scale time_units[] = {
    {"ns", 1.0},   {"us", 1e3},	  {"\xc2\xb5s", 1e3}, {"\xce\xbcs", 1e3}, {"ms", 1e6},
    {"s", 1e9},	   {"sec", 1e9},  {"secs", 1e9},      {"second", 1e9},	  {"seconds", 1e9},
    {"min", 6e10}, {"h", 3.6e12}, {NULL, 0},
};

/* Sizes, in bytes. */
static const unit_scale size_units[] = {
    {"B", 1.0},
    {"bytes", 1.0},
    {"KB", 1e3},
    {"kB", 1e3},
    {"MB", 1e6},
    {"GB", 1e9},
    {"TB", 1e12},
    {"KiB", 1024.0},
    {"MiB", 1048576.0},
    {"GiB", 1073741824.0},
    {"TiB", 1099511627776.0},
    {NULL, 0},
};

static const unit_scale *find(const unit_scale *table, const char *name, size_t len)
{
	for (; table->name; table++)
		if (strlen(table->name) == len && memcmp(table->name, name, len) == 0)
			return table;
	return NULL;
}

/* Scale of a plain unit within its family; family 't' time, 'b' size. */
static bool plain_scale(const char *u, size_t len, char *family, double *scale)
{
	const unit_scale *s = find(time_units, u, len);
	if (s) {
		*family = 't';
		*scale = s->scale;
		return true;
	}
	s = find(size_units, u, len);
	if (s) {
		*family = 'b';
		*scale = s->scale;
		return true;
	}
	return false;
}

/*
 * A rate "X/T": numerator size unit or any count word, denominator a time
 * unit. *scale is the numerator's scale and *per the time unit's; counts
 * ("ops/s") only convert to the same count word ("ops/ms").
 */
static bool rate_scale(const char *u, const char **num, size_t *num_len, char *num_family,
		       double *scale, double *per)
{
	const char *slash = strchr(u, '/');
	if (!slash || strchr(slash + 1, '/'))
		return false;
	char tf;
	double ts;
	if (!plain_scale(slash + 1, strlen(slash + 1), &tf, &ts) || tf != 't')
		return false;
	double ns = 1.0;
	char nf;
	*num = u;
	*num_len = (size_t)(slash - u);
	if (plain_scale(u, *num_len, &nf, &ns) && nf == 'b')
		*num_family = 'b';
	else
		*num_family = 'c'; /* a count: ops, items, elem, iter, ... */
	*scale = ns;
	*per = ts;
	return true;
}

/*
 * A time or size per count "U/W" (U a time or size unit, W a word that is
 * neither: "ns/iter", "us/op", "B/op"): what cargo, go and JMH print for
 * the time (or memory) of one iteration, which is the time of the
 * iteration. *scale is U's in its family's base unit, *family U's family
 * ('t' or 'b'), W the word (w_len bytes).
 */
static bool per_count_scale(const char *u, char *family, double *scale, const char **w,
			    size_t *w_len)
{
	const char *slash = strchr(u, '/');
	if (!slash || !slash[1] || strchr(slash + 1, '/'))
		return false;
	char wf;
	double ws;
	if (!plain_scale(u, (size_t)(slash - u), family, scale) ||
	    plain_scale(slash + 1, strlen(slash + 1), &wf, &ws))
		return false;
	*w = slash + 1;
	*w_len = strlen(slash + 1);
	return true;
}

static const char *const time_ladder[] = {"ns", "\xc2\xb5s", "ms", "s", NULL};
static const char *const size_ladder[] = {"B", "KB", "MB", "GB", "TB", NULL};
static const char *const binary_ladder[] = {"B", "KiB", "MiB", "GiB", "TiB", NULL};
static const char *const rate_ladder[] = {"B/s", "KB/s", "MB/s", "GB/s", "TB/s", NULL};
static const char *const binary_rate_ladder[] = {"B/s",	  "KiB/s", "MiB/s",
						 "GiB/s", "TiB/s", NULL};

/* Go's and JMH's "/op" and libtest's "/iter": the counts a time or size
 * per count is shown in the scale of (297.1 µs/op); other counts keep the
 * unit as written. */
static const char *const per_op_ladders[3][6] = {
    {"ns/op", "\xc2\xb5s/op", "ms/op", "s/op", NULL},
    {"B/op", "KB/op", "MB/op", "GB/op", "TB/op", NULL},
    {"B/op", "KiB/op", "MiB/op", "GiB/op", "TiB/op", NULL},
};
static const char *const per_iter_ladders[3][6] = {
    {"ns/iter", "\xc2\xb5s/iter", "ms/iter", "s/iter", NULL},
    {"B/iter", "KB/iter", "MB/iter", "GB/iter", "TB/iter", NULL},
    {"B/iter", "KiB/iter", "MiB/iter", "GiB/iter", "TiB/iter", NULL},
};

const char *const *bdb_unit_ladder(const char *unit)
{
	double f;
	if (!unit || !*unit)
		return NULL;
	if (!strchr(unit, '/') && bdb_unit_factor(unit, "s", &f) == 0)
		return time_ladder;
	bool binary = strstr(unit, "iB") != NULL;
	if (bdb_unit_factor(unit, "B", &f) == 0)
		return binary ? binary_ladder : size_ladder;
	if (bdb_unit_factor(unit, "B/s", &f) == 0)
		return binary ? binary_rate_ladder : rate_ladder;
	const char *const(*per)[6] = NULL;
	const char *slash = strchr(unit, '/');
	if (slash && strcmp(slash, "/op") == 0)
		per = per_op_ladders;
	else if (slash && strcmp(slash, "/iter") == 0)
		per = per_iter_ladders;
	if (per && bdb_unit_factor(unit, per[0][0], &f) == 0)
		return per[0];
	if (per && bdb_unit_factor(unit, per[1][0], &f) == 0)
		return per[binary ? 2 : 1];
	return NULL;
}

double bdb_unit_convert(double value, double factor)
{
	if (factor > 0 && factor < 1) {
		double whole = nearbyint(1.0 / factor);
		if (whole > 1 && whole < 0x1p53 && 1.0 / whole == factor)
			return value / whole;
	}
	return value * factor;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

const char *bdb_unit_trim(const char *unit, size_t *len)
{
	while (is_blank(*unit))
		unit++;
	size_t n = strlen(unit);
	while (n > 0 && is_blank(unit[n - 1]))
		n--;
	*len = n;
	return unit;
}

/* The units without their blanks, when either has any: a series stored
 * before units were trimmed at ingest kept them ("ms "). */
static int trimmed_factor(const char *from, const char *to, double *factor)
{
	size_t fl, tl;
	const char *f = bdb_unit_trim(from, &fl), *t = bdb_unit_trim(to, &tl);
	char fb[BDB_UNIT_MAX * 4 + 1], tb[BDB_UNIT_MAX * 4 + 1];
	if (fl >= sizeof fb || tl >= sizeof tb)
		return BDB_EINVAL;
	memcpy(fb, f, fl);
	fb[fl] = '\0';
	memcpy(tb, t, tl);
	tb[tl] = '\0';
	return bdb_unit_factor(fb, tb, factor);
}

int bdb_unit_factor(const char *from, const char *to, double *factor)
{
	if (!from || !to)
		return BDB_EINVAL;
	if (strcmp(from, to) == 0) {
		*factor = 1.0;
		return 0;
	}
	size_t fn = strlen(from), tn = strlen(to);
	if ((fn && (is_blank(from[0]) || is_blank(from[fn - 1]))) ||
	    (tn && (is_blank(to[0]) || is_blank(to[tn - 1]))))
		return trimmed_factor(from, to, factor);
	char ff, tf;
	double fs, ts;
	if (plain_scale(from, strlen(from), &ff, &fs) && plain_scale(to, strlen(to), &tf, &ts)) {
		if (ff != tf)
			return BDB_EINVAL;
		*factor = fs / ts;
		return 0;
	}
	const char *fnum, *tnum;
	size_t fnl, tnl;
	double fper, tper;
	if (rate_scale(from, &fnum, &fnl, &ff, &fs, &fper) &&
	    rate_scale(to, &tnum, &tnl, &tf, &ts, &tper)) {
		if (ff != tf)
			return BDB_EINVAL;
		if (ff == 'c' && (fnl != tnl || memcmp(fnum, tnum, fnl) != 0))
			return BDB_EINVAL;
		*factor = (fs / ts) * (tper / fper);
		return 0;
	}
	/* A time per count and a time, or two times (sizes) per the same
	 * count. */
	const char *fw, *tw;
	size_t fwl, twl;
	bool fc = per_count_scale(from, &ff, &fs, &fw, &fwl),
	     tc = per_count_scale(to, &tf, &ts, &tw, &twl);
	if (fc || tc) {
		if ((!fc && !plain_scale(from, strlen(from), &ff, &fs)) ||
		    (!tc && !plain_scale(to, strlen(to), &tf, &ts)) || ff != tf ||
		    (ff != 't' && !(fc && tc)) ||
		    (fc && tc && (fwl != twl || memcmp(fw, tw, fwl) != 0)))
			return BDB_EINVAL;
		*factor = fs / ts;
		return 0;
	}
	return BDB_EINVAL;
}
