/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for the libFuzzer targets: the parsers under test read files, so
 * each input is written to a memfd and handed over as /proc/self/fd/N.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

struct fuzz_file {
	int fd;
	char path[64];
};

/* 0, or -1 when the memfd cannot be made (the input is then skipped) */
static inline int
fuzz_file_open(struct fuzz_file *f, const uint8_t *data, size_t size)
{
	size_t off = 0;

	f->fd = memfd_create("fuzz-input", MFD_CLOEXEC);
	if (f->fd < 0)
		return -1;
	while (off < size) {
		ssize_t n = write(f->fd, data + off, size - off);

		if (n <= 0) {
			close(f->fd);
			return -1;
		}
		off += n;
	}
	snprintf(f->path, sizeof(f->path), "/proc/self/fd/%d", f->fd);
	return 0;
}

static inline void
fuzz_file_close(struct fuzz_file *f)
{
	close(f->fd);
}
