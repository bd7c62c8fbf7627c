/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one-line error message that parsers hand back through an
 * (err, errlen) pair next to their -errno or NULL.
 */
#pragma once

#include <stddef.h>

#include "macros.h"

/* Format the message into err (truncated to errlen). Nothing when err is NULL or errlen 0. */
_printf_(3, 4) void errmsg_set(char *err, size_t errlen, const char *fmt, ...);
