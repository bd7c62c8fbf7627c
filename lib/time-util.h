/* SPDX-License-Identifier: GPL-2.0-only */
/* Monotonic milliseconds and sleeping, for the polling loops of the tools. */
#pragma once

#include <errno.h>
#include <stdint.h>
#include <time.h>

static inline uint64_t
now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static inline uint64_t
now_ms(void)
{
	return now_usec() / 1000;
}

static inline void
sleep_usec(uint64_t usec)
{
	struct timespec ts = { .tv_sec = (time_t)(usec / 1000000),
			       .tv_nsec = (long)(usec % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static inline void
sleep_ms(unsigned ms)
{
	sleep_usec((uint64_t)ms * 1000);
}
