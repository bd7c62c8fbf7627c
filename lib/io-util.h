/* SPDX-License-Identifier: GPL-2.0-only */
/* Writing a whole buffer to a file descriptor. */
#pragma once

#include <errno.h>
#include <stddef.h>
#include <unistd.h>

#include "macros.h"

/*
 * Write len bytes of data to fd, again after a signal or a short write.
 * Returns 0 or -errno (ENOSPC when the disk is full after a part).
 */
static inline int
fd_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return negative_errno();
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}
