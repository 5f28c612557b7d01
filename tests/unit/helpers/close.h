/*
 * close.h - floating-point assertions for the statistics tests.
 *
 * assert_close checks |actual - expected| <= rel * |expected| (or <= rel
 * when expected is 0); NaN matches only NaN and an infinity only the same
 * infinity. assert_same_double checks bit-for-bit equality (NaN == NaN).
 * Both fail the running cmocka test with the values printed to 17 digits.
 */
#ifndef BDB_TEST_CLOSE_H
#define BDB_TEST_CLOSE_H

#define assert_close(actual, expected, rel)                                                        \
	check_close((actual), (expected), (rel), #actual, __FILE__, __LINE__)
#define assert_same_double(actual, expected)                                                       \
	check_same_double((actual), (expected), #actual, __FILE__, __LINE__)

void check_close(double actual, double expected, double rel, const char *what, const char *file,
		 int line);
void check_same_double(double actual, double expected, const char *what, const char *file,
		       int line);

#endif /* BDB_TEST_CLOSE_H */
