// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "strv.h"

void
strv_clear(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	*s = (struct strv){ 0 };
}

int
strv_push(struct strv *s, char *str)
{
	if (!str)
		return -ENOMEM;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		char **n = realloc(s->v, cap * sizeof(*n));

		if (!n) {
			free(str);
			return -ENOMEM;
		}
		s->v = n;
		s->cap = cap;
	}
	s->v[s->n++] = str;
	return 0;
}

int
strv_pushf(struct strv *s, const char *fmt, ...)
{
	char *str = NULL;
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&str, fmt, ap);
	va_end(ap);
	if (r < 0)
		return -ENOMEM;
	return strv_push(s, str);
}

int
strv_append(struct strv *dst, struct strv *src)
{
	for (size_t i = 0; i < src->n; i++) {
		int r = strv_push(dst, src->v[i]);

		src->v[i] = NULL;
		if (r < 0) {
			strv_clear(src);
			return r;
		}
	}
	src->n = 0;
	return 0;
}
