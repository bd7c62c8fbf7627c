/* SPDX-License-Identifier: GPL-2.0-only */
/* What the benchmarks share: percentiles, and their common start-up steps. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fixup-object.h"
#include "recording.h"

#define BENCH_EXIT_SKIP 77

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

/* A recording with at least one device, or NULL after logging why. */
struct hid_recording *bench_recording_open(const char *path);

/* 0 when we are root with /dev/uhid, else BENCH_EXIT_SKIP after saying so. */
int bench_need_uhid(void);

/*
 * The fixup object at path, read once, with the loader's logging set up
 * and bpffs mounted: ready for loader_attach(). NULL after logging why.
 */
struct fixup_object *bench_object_open(const char *path);
