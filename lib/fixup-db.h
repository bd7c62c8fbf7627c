/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The driver database: the per-fixup facts a user needs (db/fixups.db),
 * the match index generated from the objects' metadata, and the checks
 * that tie both to the objects. The build-time generator, the loader and
 * `hidfix db validate` all use this one parser and this one checker.
 *
 * fixups.db is a list of sections, one per fixup object:
 *
 *   [0010-Rapoo__M50-Plus-Silent]
 *   vendor = Rapoo
 *   product = M50 Plus Silent
 *   fixes = Usage Maximum 3 -> 5: side buttons become BTN_SIDE/BTN_EXTRA
 *   status = stable
 *   min-kernel = 6.11
 *   test = fixup-rapoo-m50-plus-silent
 *   recording = tests/replay/rapoo-m50-plus-silent/device.hid
 *
 * A fixup that does the work of a kernel quirk driver names it, says how
 * far the results agree and which test proves it:
 *
 *   native = hid-aureal
 *   parity = yes              (or "descriptor": only the descriptors agree)
 *   oracle-test = oracle-aureal
 *
 * '#' starts a comment line. vendor, product, fixes and status are
 * required; test is checked by fixup_db_check(). Unknown keys, duplicates
 * and malformed lines are errors reported as "file:line: message".
 *
 * The index is text, one line per declared device id, sorted:
 *   BBBB GGGG VVVVVVVV PPPPPPPP OBJECT-NAME
 * (upper-case hex, 0 is a wildcard, the same as in .hid_bpf_config).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fixup-object.h"

#define FIXUP_DB_FILE	 "fixups.db"
#define FIXUP_INDEX_FILE "hidfix.index"

struct fixup_db_entry {
	char *name; /* the object's name, "0010-Rapoo__M50-Plus-Silent" */
	char *vendor;
	char *product;
	char *fixes;
	char *status; /* stable, testing or userhacks */
	char *min_kernel;
	char *test;	   /* the meson test that proves it */
	char *recording;   /* its recording, relative to the source tree */
	char *native;	   /* the kernel driver that fixes the same device, "hid-aureal" */
	char *parity;	   /* with native: "yes" or "descriptor" (only the descriptor is equal) */
	char *oracle_test; /* with native: the test that compares both on a real kernel */
	unsigned line;	   /* of the [name] header */
};

struct fixup_db {
	char *path;
	struct fixup_db_entry *entries;
	size_t n;
};

/*
 * Is the kernel release ("7.3.4+deb13-amd64", as uname -r) at least min
 * ("6.11", a min-kernel value)? 1 or 0, -EINVAL when either is malformed.
 */
int kernel_at_least(const char *release, const char *min);

/* Parse a fixups.db file. NULL + errno on failure, err gets "file:line: why". */
struct fixup_db *fixup_db_read(const char *path, char *err, size_t errlen);
void fixup_db_free(struct fixup_db *db);
const struct fixup_db_entry *fixup_db_find(const struct fixup_db *db, const char *name);

static inline void
fixup_db_freep(struct fixup_db **p)
{
	fixup_db_free(*p);
}

/*
 * Report one problem: where is "file:line" or an object path, msg says what.
 * fixup_db_check() returns the number of problems reported (0: valid).
 * db may be NULL (every object then lacks its facts).
 */
typedef void (*fixup_db_report_fn)(void *userdata, const char *where, const char *msg);
int fixup_db_check(const struct fixup_db *db, struct fixup_object *const *objs, size_t n_objs,
		   fixup_db_report_fn report, void *userdata);

/*
 * The checks that need the source tree (build time, tests): every entry
 * names a recording under srcroot that parses and records a device the
 * object matches; with tests (names of the registered tests), every test
 * key names one of them. srcroot or tests may be NULL to skip that part.
 * Returns the number of problems reported, or -ENOMEM.
 */
int fixup_db_check_sources(const struct fixup_db *db, struct fixup_object *const *objs,
			   size_t n_objs, const char *srcroot, char *const *tests, size_t n_tests,
			   fixup_db_report_fn report, void *userdata);

/* Write the index of objs (sorted, first line says it is generated). 0 or -errno. */
int fixup_index_write(FILE *f, struct fixup_object *const *objs, size_t n_objs,
		      const char *generator);

/*
 * Compare the index at path with the one objs would give (comments
 * ignored). 0 when equal or when there is no index, 1 after reporting a
 * difference, -errno when it cannot be read.
 */
int fixup_index_check(const char *path, struct fixup_object *const *objs, size_t n_objs,
		      fixup_db_report_fn report, void *userdata);

/*
 * Object names that the index at path lists for the device, sorted and
 * without duplicates. 0, -ENOENT when there is no index, or -errno
 * (-EBADMSG on a malformed line, logged with file:line).
 */
int fixup_index_lookup(const char *path, uint16_t bus, uint16_t group, uint32_t vid, uint32_t pid,
		       char ***names, size_t *n);

void fixup_names_free(char **v, size_t n);
