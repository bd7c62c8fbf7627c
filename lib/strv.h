/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A growable array of malloc'ed strings, for the event lines of the replay
 * tools.
 */
#pragma once

#include <stddef.h>

#include "macros.h"

struct strv {
	char **v;
	size_t n, cap;
};

/* Free every string and the array; s is then empty. */
void strv_clear(struct strv *s);

/* Take ownership of str (NULL is -ENOMEM, for strdup results). 0 or -ENOMEM. */
int strv_push(struct strv *s, char *str);

_printf_(2, 3) int strv_pushf(struct strv *s, const char *fmt, ...);

/* Move every string of src to the end of dst; src is then empty. */
int strv_append(struct strv *dst, struct strv *src);
