/* SPDX-License-Identifier: GPL-2.0-only */
/* Writing a whole buffer to a file descriptor; telling whether a file changed. */
#pragma once

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
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

/* Do two stat()s show the same, unchanged file (identity, size, mtime)? */
static inline bool
stat_same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}
