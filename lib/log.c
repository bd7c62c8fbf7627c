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
	char line[2048];
	va_list ap;
	int n;

	if (level > max_level)
		return;

	/* one write per message, so lines of several threads never mix */
	n = snprintf(line, sizeof(line), "%s: %s%s", program, device ? device : "",
		     device ? ": " : "");
	if (n < 0 || (size_t)n >= sizeof(line))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", line);
}
