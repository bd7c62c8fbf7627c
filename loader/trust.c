// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which objects the loader trusts: it runs as root from udev and loads
 * code into the kernel, so an object must be a regular file owned by root
 * that neither its group nor others can write, in a directory owned by
 * root that neither can write either (unless the directory is sticky, as
 * /tmp is: then nobody else can replace root's file). --allow-untrusted
 * lifts the check for one run.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "loader.h"
#include "macros.h"

static int
check_mode(const struct stat *st, bool is_dir, char *why, size_t len)
{
	const char *what = is_dir ? "its directory" : "it";

	if (st->st_uid != 0) {
		snprintf(why, len, "%s is owned by uid %u, not root", what, (unsigned)st->st_uid);
		return -EPERM;
	}
	if ((st->st_mode & (S_IWGRP | S_IWOTH)) && !(is_dir && (st->st_mode & S_ISVTX))) {
		snprintf(why, len, "%s is %s-writable (mode %04o)", what,
			 st->st_mode & S_IWOTH ? "world" : "group",
			 (unsigned)(st->st_mode & 07777));
		return -EPERM;
	}
	return 0;
}

int
loader_check_trusted(const char *path, char *why, size_t len)
{
	_cleanup_free_ char *real = realpath(path, NULL);
	struct stat st;
	int r;

	if (!real || stat(real, &st) < 0) {
		snprintf(why, len, "cannot open: %s", strerror(errno));
		return -errno;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, len, "not a regular file");
		return -EPERM;
	}
	r = check_mode(&st, false, why, len);
	if (r < 0)
		return r;
	if (stat(dirname(real), &st) < 0) {
		snprintf(why, len, "cannot read its directory: %s", strerror(errno));
		return -errno;
	}
	return check_mode(&st, true, why, len);
}
