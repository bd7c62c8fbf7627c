// SPDX-License-Identifier: GPL-2.0-only
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static const char *program = "hidfix";
static enum log_level max_level = LOG_LEVEL_INFO;

void
log_set_program(const char *name)
{
	program = name;
}

void
log_set_level(enum log_level level)
{
	max_level = level;
}

enum log_level
log_get_level(void)
{
	return max_level;
}

void
log_msg(enum log_level level, const char *device, const char *fmt, ...)
{
	va_list ap;

	if (level > max_level)
		return;

	fprintf(stderr, "%s: ", program);
	if (device)
		fprintf(stderr, "%s: ", device);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
