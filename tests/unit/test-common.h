/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal test harness for the unit suite: each test is a function that
 * records failed checks; main runs them all and ends with the line
 * "N passed, N failed" and exit 0 (all passed) or 1.
 */
#pragma once

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static unsigned test_check_failures;

#define CHECK(cond)                                                                              \
	do {                                                                                     \
		if (!(cond)) {                                                                   \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			test_check_failures++;                                                   \
		}                                                                                \
	} while (0)

#define CHECK_INT_EQ(a, b)                                                                \
	do {                                                                              \
		long long _a = (long long)(a), _b = (long long)(b);                       \
		if (_a != _b) {                                                           \
			fprintf(stderr, "%s:%d: check failed: %s == %s (%lld != %lld)\n", \
				__FILE__, __LINE__, #a, #b, _a, _b);                      \
			test_check_failures++;                                            \
		}                                                                         \
	} while (0)

#define CHECK_STR_EQ(a, b)                                                                    \
	do {                                                                                  \
		const char *_a = (a), *_b = (b);                                              \
		if (!_a || !_b || strcmp(_a, _b) != 0) {                                      \
			fprintf(stderr, "%s:%d: check failed: %s == %s (\"%s\" != \"%s\")\n", \
				__FILE__, __LINE__, #a, #b, _a ? _a : "(null)",               \
				_b ? _b : "(null)");                                          \
			test_check_failures++;                                                \
		}                                                                             \
	} while (0)

/* Stop the current test function when a check it depends on failed. */
#define REQUIRE(cond)                                                                             \
	do {                                                                                      \
		if (!(cond)) {                                                                    \
			fprintf(stderr, "%s:%d: required check failed: %s\n", __FILE__, __LINE__, \
				#cond);                                                           \
			test_check_failures++;                                                    \
			return;                                                                   \
		}                                                                                 \
	} while (0)

struct test_case {
	const char *name;
	void (*func)(void);
};

#define TEST(fn)        \
	{               \
#fn, fn \
	}

static inline int
test_run_all(const struct test_case *tests, size_t n)
{
	unsigned passed = 0, failed = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned before = test_check_failures;

		tests[i].func();
		if (test_check_failures == before) {
			printf("ok %zu - %s\n", i + 1, tests[i].name);
			passed++;
		} else {
			printf("not ok %zu - %s\n", i + 1, tests[i].name);
			failed++;
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
