// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the driver database parser (lib/fixup-db.c) on
 * arbitrary bytes, and the min-kernel comparison on what it accepts.
 */
#include "fixup-db.h"
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_file file;
	struct fixup_db *db;
	char err[512];

	if (fuzz_file_open(&file, data, size) < 0)
		return 0;
	db = fixup_db_read(file.path, err, sizeof(err));
	for (size_t i = 0; db && i < db->n; i++) {
		if (db->entries[i].min_kernel)
			(void)kernel_at_least("7.3.4+deb13-amd64", db->entries[i].min_kernel);
		if (fixup_db_find(db, db->entries[i].name) != &db->entries[i])
			__builtin_trap(); /* names are unique */
	}
	fixup_db_free(db);
	fuzz_file_close(&file);
	return 0;
}
