/* SPDX-License-Identifier: GPL-2.0-only */
/* Small string helpers shared by the text-format parsers. */
#pragma once

#include <ctype.h>
#include <string.h>

/* Skip leading blanks and cut trailing white space, in place. */
static inline char *
strip(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}
