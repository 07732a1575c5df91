/* xorshift64* for the unit tests' random cases: seeded, so a failure
 * repeats. Each test file keeps its own state, with its own seed. */
#ifndef TEST_SEEDED_RNG_H
#define TEST_SEEDED_RNG_H

#include <stdint.h>

static inline uint64_t seeded_rng_next(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 2685821657736338717ull;
}

#endif
