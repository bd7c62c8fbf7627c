// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the declarative patch reader and code generator
 * (db/hidfix-patchgen.c, built here with its main() renamed) on arbitrary
 * bytes. The generator wants a NNNN-Vendor__Product.patch file name, so
 * each input is written to such a file in a folder of this process in
 * $TMPDIR (run-fuzz.sh points it at its scratch folder); the generated C goes beside it (the generator removes it on error:
 * never give it /dev/null).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int hidfix_patchgen_main(int argc, char **argv);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[256], in[320], out[320];
	char prog[] = "hidfix-patchgen";
	size_t off = 0;
	int fd;

	if (!dir[0]) {
		const char *tmp = getenv("TMPDIR");

		snprintf(dir, sizeof(dir), "%s/hidfix-fuzz-patch-%d", tmp ? tmp : "/tmp",
			 (int)getpid());
		if (mkdir(dir, 0700) < 0)
			abort();
		snprintf(in, sizeof(in), "%s/0010-Fuzz__Input.patch", dir);
		snprintf(out, sizeof(out), "%s/0010-Fuzz__Input.bpf.c", dir);
	}
	fd = open(in, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return 0;
	while (off < size) {
		ssize_t n = write(fd, data + off, size - off);

		if (n <= 0)
			break;
		off += n;
	}
	close(fd);
	hidfix_patchgen_main(3, (char *[]){ prog, in, out, NULL });
	unlink(out);
	return 0;
}
