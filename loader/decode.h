/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `hidfix decode`: print a report descriptor item by item, with a report
 * summary, or two descriptors' items side by side (--diff).
 */
#pragma once

#include <stdbool.h>

struct decode_options {
	bool no_summary; /* --no-summary (--summary: the default) */
	bool diff;	 /* --diff A B */
	bool json;	 /* --json: items, reports and the error as JSON */
};

/* argv: the SOURCE (or A B with diff). Returns the exit status (0, 1 or 2). */
int decode_run(const struct decode_options *opts, int argc, char **argv);

/* s as a JSON string on stdout (main.c) */
void json_string(const char *s);
