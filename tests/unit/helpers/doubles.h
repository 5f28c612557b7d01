/*
 * doubles.h - random numbers and doubles' bits for the codec property
 * tests (test_chunk.c, test_runpack.c).
 */
#ifndef BDB_TEST_DOUBLES_H
#define BDB_TEST_DOUBLES_H

#include <stdint.h>

/* xorshift64* from *state (not 0): a fixed seed, so a failure repeats. */
uint64_t test_next_u64(uint64_t *state);
/* The double of 64 bits, and a double's 64 bits. */
double test_from_bits(uint64_t bits);
uint64_t test_to_bits(double v);

#endif /* BDB_TEST_DOUBLES_H */
