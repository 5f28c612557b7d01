/* test_time.c - bdb_time_parse / bdb_time_format. Expected epoch values
 * computed independently with Python: datetime(...).timestamp(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "schema.h"

static int64_t parse(const char *s)
{
	int64_t us = -1;
	assert_int_equal(bdb_time_parse(s, &us), 0);
	return us;
}

static void test_dates_and_zones(void **state)
{
	(void)state;
	assert_int_equal(parse("1970-01-01"), 0);
	/* python3 -c "import datetime as
	 * d;print(int(d.datetime(2026,2,10,9,5,tzinfo=d.timezone.utc).timestamp()))" -> 1770714300
	 */
	assert_int_equal(parse("2026-02-10T09:05:00Z"), INT64_C(1770714300) * 1000000);
	assert_int_equal(parse("2026-02-10 09:05:00"), INT64_C(1770714300) * 1000000);
	assert_int_equal(parse("2026-02-10T11:05:00+02:00"), INT64_C(1770714300) * 1000000);
	assert_int_equal(parse("2026-02-10T04:05:00-0500"), INT64_C(1770714300) * 1000000);
	assert_int_equal(parse("2026-02-10T09:05:00.250Z"), INT64_C(1770714300) * 1000000 + 250000);
	assert_int_equal(parse("2026-02-10T09:05"), INT64_C(1770714300) * 1000000);
	/* Leap day and before the epoch. */
	assert_int_equal(parse("2024-02-29"), INT64_C(1709164800) * 1000000);
	assert_int_equal(parse("1969-12-31T23:59:59Z"), -1000000);
}

/* git's own forms of a commit time, which github-action-benchmark's data.js
 * carries in "commit"."timestamp": %ci ("2023-11-14 22:13:20 +0100", a
 * space before the offset) and %cI (strict ISO 8601 with the offset).
 * Expected: python3 -c "import datetime as d; print(int(d.datetime.strptime(
 * '2023-11-14 22:13:20 +0100', '%Y-%m-%d %H:%M:%S %z').timestamp()))" ->
 * 1699996400; '... -0530' -> 1700019800; fromisoformat(
 * '2023-11-15T22:13:20+01:00') -> 1700082800. */
static void test_git_commit_times(void **state)
{
	(void)state;
	assert_int_equal(parse("2023-11-14 22:13:20 +0100"), INT64_C(1699996400) * 1000000);
	assert_int_equal(parse("2023-11-14 22:13:20 -0530"), INT64_C(1700019800) * 1000000);
	assert_int_equal(parse("2023-11-15T22:13:20+01:00"), INT64_C(1700082800) * 1000000);
	int64_t us;
	const char *bad[] = {"2023-11-14 22:13:20 +0100 junk", "2023-11-14 22:13:20 +",
			     "2023-11-14 +0100", "2023-11-14 22:13:20 0100",
			     "2023-11-14 22:13:20 +2500"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(bdb_time_parse(bad[i], &us), BDB_EPARSE);
}

static void test_rejects(void **state)
{
	(void)state;
	int64_t us;
	const char *bad[] = {"",
			     "2026",
			     "2026-13-01",
			     "2026-02-30",
			     "2023-02-29",
			     "2026-01-01T25:00",
			     "2026-01-01T10:00:00Zjunk",
			     "yesterday",
			     "2026-01-01T10:00:00.",
			     "2026/01/01"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(bdb_time_parse(bad[i], &us), BDB_EPARSE);
}

static void test_format_round_trip(void **state)
{
	(void)state;
	char buf[40];
	assert_string_equal(bdb_time_format(0, buf, sizeof buf), "1970-01-01T00:00:00Z");
	assert_string_equal(bdb_time_format(INT64_C(1770714300) * 1000000 + 5, buf, sizeof buf),
			    "2026-02-10T09:05:00.000005Z");
	assert_string_equal(bdb_time_format(-1, buf, sizeof buf), "1969-12-31T23:59:59.999999Z");
	int64_t values[] = {0,
			    -1,
			    1,
			    INT64_C(1770714300123456),
			    INT64_C(-62135596800000000),
			    INT64_C(253402300799000000)};
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		bdb_time_format(values[i], buf, sizeof buf);
		assert_int_equal(parse(buf), values[i]);
	}
}

/*
 * bdb_time_format against the C library's gmtime_r over pseudo-random
 * instants in years 1..9999 (every field checked, with and without a
 * fraction of a second), and the text cut short by a small buffer.
 */
static void test_format_against_gmtime(void **state)
{
	(void)state;
	const int64_t lo = INT64_C(-62135596800), hi = INT64_C(253402300799); /* years 1..9999 */
	uint64_t x = 0x9E3779B97F4A7C15u;
	char buf[40], want[64];
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		int64_t secs = lo + (int64_t)(x % (uint64_t)(hi - lo + 1));
		int64_t frac = i % 3 == 0 ? 0 : (int64_t)(x >> 40) % 1000000;
		time_t t = (time_t)secs;
		struct tm tm;
		assert_non_null(gmtime_r(&t, &tm));
		int n =
		    snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
			     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
		if (frac)
			snprintf(want + n, sizeof want - (size_t)n, ".%06dZ", (int)frac);
		else
			snprintf(want + n, sizeof want - (size_t)n, "Z");
		assert_string_equal(bdb_time_format(secs * 1000000 + frac, buf, sizeof buf), want);
	}
	char small[12];
	assert_string_equal(bdb_time_format(INT64_C(1770714300) * 1000000, small, sizeof small),
			    "2026-02-10T");
}

/* Calendar months against gmtime/timegm (the C library's independent
 * calendar), over random times of years 1..9999: the index is 12 * year +
 * month - 1 and its start is 00:00 of the month's first day; n months on
 * is timegm's carry of tm_mon + n. By hand: 2026-03 is 24314. */
static void test_months_against_gmtime(void **state)
{
	(void)state;
	int64_t at;
	assert_int_equal(bdb_time_parse("2026-03-17T05:06:07Z", &at), 0);
	assert_int_equal(bdb_time_month_index(at), 24314);
	int64_t want;
	assert_int_equal(bdb_time_parse("2026-03-01T00:00:00Z", &want), 0);
	assert_int_equal(bdb_time_month_at(24314), want);
	assert_int_equal(bdb_time_month_index(-1), 1969 * 12 + 11); /* 1969-12-31T23:59:59.999999 */
	const int64_t lo = INT64_C(-62135596800), hi = INT64_C(253370764800); /* years 1..9998 */
	uint64_t x = 0x2545F4914F6CDD1Du;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		int64_t secs = lo + (int64_t)(x % (uint64_t)(hi - lo + 1));
		int n = (int)(x >> 50) % 25 - 12;
		time_t t = (time_t)secs;
		struct tm tm;
		assert_non_null(gmtime_r(&t, &tm));
		int64_t k = bdb_time_month_index(secs * 1000000);
		assert_int_equal(k, (int64_t)(tm.tm_year + 1900) * 12 + tm.tm_mon);
		tm.tm_mday = 1;
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		tm.tm_mon += n;
		assert_int_equal(bdb_time_month_at(k + n), (int64_t)timegm(&tm) * 1000000);
	}
}

/* Durations: the units h, d, w, y (365 days) in any case, worked by hand
 * (1y = 365 * 86400 s = 31536000 s; the longest is 1,000,000 weeks, so
 * 19178y (6.048e17 us / 3.1536e13 us = 19178.08) is taken and 19179y is
 * not); anything else is no duration. */
static void test_durations(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int rc;
		int64_t us;
	} cases[] = {
	    {"6h", 0, INT64_C(6) * 3600 * 1000000},
	    {"30d", 0, INT64_C(30) * 86400 * 1000000},
	    {"12W", 0, INT64_C(84) * 86400 * 1000000},
	    {"1y", 0, INT64_C(31536000) * 1000000},
	    {"2Y", 0, INT64_C(63072000) * 1000000},
	    {"0d", 0, 0},
	    {"007d", 0, INT64_C(7) * 86400 * 1000000},
	    {"1000000w", 0, BDB_DURATION_MAX},
	    {"7000000d", 0, BDB_DURATION_MAX},
	    {"19178y", 0, INT64_C(19178) * 365 * 86400 * 1000000},
	    {"19179y", BDB_ETOOBIG, 0},
	    {"1000001w", BDB_ETOOBIG, 0},
	    {"99999999999999999999999y", BDB_ETOOBIG, 0},
	    {"d", BDB_EPARSE, 0},
	    {"30", BDB_EPARSE, 0},
	    {"30m", BDB_EPARSE, 0},
	    {"30s", BDB_EPARSE, 0},
	    {"-3d", BDB_EPARSE, 0},
	    {"3 d", BDB_EPARSE, 0},
	    {"1.5d", BDB_EPARSE, 0},
	    {"3dd", BDB_EPARSE, 0},
	    {"", BDB_EPARSE, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int64_t us = -1;
		int rc = bdb_duration_parse(cases[i].text, strlen(cases[i].text), &us);
		if (rc != cases[i].rc || (rc == 0 && us != cases[i].us))
			fail_msg("%s: rc %d us %lld", cases[i].text, rc, (long long)us);
	}
	/* len bounds the text: "3d" of "3dx" is a duration. */
	int64_t us;
	assert_int_equal(bdb_duration_parse("3dx", 2, &us), 0);
	assert_int_equal(us, INT64_C(3) * 86400 * 1000000);
}

/* Text written as a time that names none says why (2023-02-29 said only
 * "expected a time"); leap second 60 is read as the next minute's 0. */
static void test_impossible(void **state)
{
	(void)state;
	static const struct {
		const char *text, *why;
	} cases[] = {
	    {"2023-02-29", "February 2023 has no day 29 (it has 28 days)"},
	    {"1900-02-29", "February 1900 has no day 29 (it has 28 days)"},
	    {"2023-02-30T00:00:00Z", "February 2023 has no day 30 (it has 28 days)"},
	    {"2023-04-31", "April 2023 has no day 31 (it has 30 days)"},
	    {"2023-01-00", "January 2023 has no day 00 (it has 31 days)"},
	    {"2023-13-01", "there is no month 13 (months are 01 to 12)"},
	    {"2023-00-01", "there is no month 00 (months are 01 to 12)"},
	    {"2023-01-01T24:00:00Z", "there is no hour 24 (hours are 00 to 23)"},
	    {"2023-01-01 12:60", "there is no minute 60 (minutes are 00 to 59)"},
	    {"2023-01-01T12:00:61Z", "there is no second 61 (seconds are 00 to 60)"},
	};
	char why[80];
	int64_t us;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(bdb_time_parse(cases[i].text, &us), BDB_EPARSE);
		const char *got = bdb_time_impossible(cases[i].text, why, sizeof why);
		if (!got || strcmp(got, cases[i].why) != 0)
			fail_msg("%s: %s", cases[i].text, got ? got : "(null)");
	}
	/* Real times, and text that is no time at all, have no reason. */
	assert_null(bdb_time_impossible("2024-02-29", why, sizeof why));
	assert_null(bdb_time_impossible("2000-02-29T23:59:59Z", why, sizeof why));
	assert_null(bdb_time_impossible("yesterday", why, sizeof why));
	assert_null(bdb_time_impossible("2023-02-29T25", why, sizeof why));
	/* 2016-12-31T23:59:60Z (a leap second) is 2017-01-01T00:00:00Z. */
	int64_t next;
	assert_int_equal(bdb_time_parse("2016-12-31T23:59:60Z", &us), 0);
	assert_int_equal(bdb_time_parse("2017-01-01T00:00:00Z", &next), 0);
	assert_int_equal(us, next);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dates_and_zones),
	    cmocka_unit_test(test_git_commit_times),
	    cmocka_unit_test(test_rejects),
	    cmocka_unit_test(test_format_round_trip),
	    cmocka_unit_test(test_format_against_gmtime),
	    cmocka_unit_test(test_months_against_gmtime),
	    cmocka_unit_test(test_durations),
	    cmocka_unit_test(test_impossible),
	};
	return cmocka_run_group_tests_name("time", tests, NULL, NULL);
}
