/* SPDX-License-Identifier: GPL-2.0-only */
/* Small statistics for the benchmarks: percentiles of samples. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static inline int
bench_u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The pct-th percentile (nearest rank) of v[0..n); sorts v. 0 when n is 0. */
static inline uint64_t
bench_percentile(uint64_t *v, size_t n, unsigned pct)
{
	size_t rank;

	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), bench_u64_cmp);
	rank = (n * pct + 99) / 100;
	return v[rank ? rank - 1 : 0];
}
