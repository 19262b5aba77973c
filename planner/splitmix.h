/*
 * splitmix.h - splitmix64 (Steele, Lea & Flood 2014): the planner's one
 * mixer for seeds and small random streams (the solver's draws, the route
 * pool's node keys, the simulator's xoshiro seeding). *state advances by
 * the golden-ratio increment; the result is well mixed.
 */
#ifndef PLANNER_SPLITMIX_H
#define PLANNER_SPLITMIX_H

#include <stdint.h>

static inline uint64_t plan__splitmix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

#endif
