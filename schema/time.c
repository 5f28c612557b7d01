/* time.c - one parser and one formatter for every timestamp in benchdb. */
#include "schema.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (civil calendar). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* a / b rounded toward minus infinity (b > 0). */
static int64_t floor_div64(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

#define DAY_US (INT64_C(86400) * 1000000)

int64_t bdb_time_month_index(int64_t us)
{
	int64_t y;
	int m, d;
	civil_from_days(floor_div64(us, DAY_US), &y, &m, &d);
	return 12 * y + m - 1;
}

int64_t bdb_time_month_at(int64_t k)
{
	int64_t y = floor_div64(k, 12);
	return days_from_civil(y, (int)(k - 12 * y) + 1, 1) * DAY_US;
}

static int days_in_month(int64_t y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dim[m - 1];
}

/* Reads exactly n digits at *p into *out and advances. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

/* A time's fields as written, before their ranges are checked. */
typedef struct {
	int y, mo, d, h, mi, s;
	int64_t frac_us, offset_s;
} time_fields;

/* Reads text's fields (bdb_time_parse's syntax); false when it is not of
 * that shape. The offset's own range is checked here. */
static bool time_scan(const char *text, time_fields *f)
{
	memset(f, 0, sizeof *f);
	const char *p = text;
	while (*p == ' ')
		p++;
	if (!digits(&p, 4, &f->y) || *p++ != '-' || !digits(&p, 2, &f->mo) || *p++ != '-' ||
	    !digits(&p, 2, &f->d))
		return false;
	if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
		p++;
		if (!digits(&p, 2, &f->h) || *p++ != ':' || !digits(&p, 2, &f->mi))
			return false;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &f->s))
				return false;
			if (*p == '.' || *p == ',') {
				p++;
				if (!isdigit((unsigned char)*p))
					return false;
				int64_t scale = 100000;
				while (isdigit((unsigned char)*p)) {
					f->frac_us += (*p - '0') * scale;
					scale /= 10;
					p++;
				}
			}
		}
		/* git's %ci writes a space before the offset: "... 22:13:20 +0100". */
		if (*p == ' ' && (p[1] == '+' || p[1] == '-'))
			p++;
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p == '-' ? -1 : 1;
			int oh, om = 0;
			p++;
			if (!digits(&p, 2, &oh))
				return false;
			if (*p == ':')
				p++;
			if (isdigit((unsigned char)*p) && !digits(&p, 2, &om))
				return false;
			if (oh > 23 || om > 59)
				return false;
			f->offset_s = sign * (oh * 3600 + om * 60);
		}
	}
	while (*p == ' ')
		p++;
	return *p == '\0';
}

static const char *const month_names[] = {"January",   "February", "March",    "April",
					  "May",       "June",	   "July",     "August",
					  "September", "October",  "November", "December"};

/* Why fields of a time's shape name no time, into why; false when they do.
 * Second 60 is a leap second (RFC 3339), read as the next minute's 0. */
static bool time_impossible(const time_fields *f, char *why, size_t size)
{
	if (f->mo < 1 || f->mo > 12)
		snprintf(why, size, "there is no month %02d (months are 01 to 12)", f->mo);
	else if (f->d < 1 || f->d > days_in_month(f->y, f->mo))
		snprintf(why, size, "%s %04d has no day %02d (it has %d days)",
			 month_names[f->mo - 1], f->y, f->d, days_in_month(f->y, f->mo));
	else if (f->h > 23)
		snprintf(why, size, "there is no hour %02d (hours are 00 to 23)", f->h);
	else if (f->mi > 59)
		snprintf(why, size, "there is no minute %02d (minutes are 00 to 59)", f->mi);
	else if (f->s > 60)
		snprintf(why, size, "there is no second %02d (seconds are 00 to 60)", f->s);
	else
		return false;
	return true;
}

int bdb_time_parse(const char *text, int64_t *out_us)
{
	time_fields f;
	char why[80];
	if (!text || !time_scan(text, &f) || time_impossible(&f, why, sizeof why))
		return BDB_EPARSE;
	int64_t secs =
	    days_from_civil(f.y, f.mo, f.d) * 86400 + f.h * 3600 + f.mi * 60 + f.s - f.offset_s;
	*out_us = secs * 1000000 + f.frac_us;
	return 0;
}

const char *bdb_time_impossible(const char *text, char *why, size_t size)
{
	time_fields f;
	if (!text || !time_scan(text, &f) || !time_impossible(&f, why, size))
		return NULL;
	return why;
}

/* Writes v (>= 0) as exactly n decimal digits; returns the end. */
static char *put_digits(char *p, int64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

char *bdb_time_format(int64_t us, char *buf, size_t size)
{
	int64_t secs = us / 1000000, frac = us % 1000000;
	if (frac < 0) {
		frac += 1000000;
		secs -= 1;
	}
	int64_t days = secs / 86400, rem = secs % 86400;
	if (rem < 0) {
		rem += 86400;
		days -= 1;
	}
	int64_t y;
	int m, d;
	civil_from_days(days, &y, &m, &d);
	int h = (int)(rem / 3600), mi = (int)(rem % 3600 / 60), s = (int)(rem % 60);
	if (y >= 0 && y <= 9999 && size >= sizeof "YYYY-MM-DDTHH:MM:SS.ffffffZ") {
		/* The common case without snprintf (a table prints thousands). */
		char *p = put_digits(buf, y, 4);
		*p++ = '-';
		p = put_digits(p, m, 2);
		*p++ = '-';
		p = put_digits(p, d, 2);
		*p++ = 'T';
		p = put_digits(p, h, 2);
		*p++ = ':';
		p = put_digits(p, mi, 2);
		*p++ = ':';
		p = put_digits(p, s, 2);
		if (frac) {
			*p++ = '.';
			p = put_digits(p, frac, 6);
		}
		memcpy(p, "Z", 2);
		return buf;
	}
	if (frac)
		snprintf(buf, size, "%04lld-%02d-%02dT%02d:%02d:%02d.%06lldZ", (long long)y, m, d,
			 h, mi, s, (long long)frac);
	else
		snprintf(buf, size, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, m, d, h, mi,
			 s);
	return buf;
}

int bdb_duration_parse(const char *text, size_t len, int64_t *out_us)
{
	if (len < 2)
		return BDB_EPARSE;
	int64_t unit;
	switch (tolower((unsigned char)text[len - 1])) {
	case 'h':
		unit = INT64_C(3600) * 1000000;
		break;
	case 'd':
		unit = DAY_US;
		break;
	case 'w':
		unit = 7 * DAY_US;
		break;
	case 'y':
		unit = 365 * DAY_US;
		break;
	default:
		return BDB_EPARSE;
	}
	int64_t n = 0;
	bool too_long = false;
	for (size_t i = 0; i + 1 < len; i++) {
		if (!isdigit((unsigned char)text[i]))
			return BDB_EPARSE;
		n = n * 10 + (text[i] - '0');
		if (n > BDB_DURATION_MAX / unit) {
			too_long = true;
			n = 0; /* the rest is read for a digit only */
		}
	}
	if (too_long)
		return BDB_ETOOBIG;
	*out_us = n * unit;
	return 0;
}

int64_t bdb_time_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
