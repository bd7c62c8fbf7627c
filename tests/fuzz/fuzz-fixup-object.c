// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the BPF object metadata reader (lib/fixup-object.c,
 * libelf and libbpf's BTF parser underneath) on arbitrary bytes: truncated
 * and oversized sections, broken BTF, bogus .hid_bpf_config, relocations.
 */
#include <bpf/libbpf.h>

#include "fixup-object.h"
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	struct fuzz_file file;
	struct fixup_object *obj;
	char err[512];

	if (!once++)
		libbpf_set_print(quiet);
	if (fuzz_file_open(&file, data, size) < 0)
		return 0;
	obj = fixup_object_read(file.path, err, sizeof(err));
	fixup_object_free(obj);
	fuzz_file_close(&file);
	return 0;
}
