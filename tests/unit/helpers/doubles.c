/*
 * doubles.c - random numbers and doubles' bits for the codec tests.
 */
#include "doubles.h"

#include <string.h>

uint64_t test_next_u64(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * UINT64_C(2685821657736338717);
}

double test_from_bits(uint64_t bits)
{
	double v;
	memcpy(&v, &bits, 8);
	return v;
}

uint64_t test_to_bits(double v)
{
	uint64_t bits;
	memcpy(&bits, &v, 8);
	return bits;
}
