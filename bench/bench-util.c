// SPDX-License-Identifier: GPL-2.0-only
/* The benchmarks' common start-up steps (bench-util.h). */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "bench-util.h"
#include "loader.h"
#include "log.h"

struct hid_recording *
bench_recording_open(const char *path)
{
	struct hid_recording *rec;
	char err[256];

	rec = hid_recording_parse_file(path, err, sizeof(err));
	if (!rec) {
		log_error(NULL, "%s", err);
		return NULL;
	}
	if (!rec->n_devices) {
		log_error(NULL, "%s: no device in the recording", path);
		hid_recording_free(rec);
		errno = EINVAL;
		return NULL;
	}
	return rec;
}

int
bench_need_uhid(void)
{
	if (geteuid() != 0 || access("/dev/uhid", R_OK | W_OK) < 0) {
		log_info(NULL, "needs root and /dev/uhid: skipped");
		return BENCH_EXIT_SKIP;
	}
	return 0;
}

struct fixup_object *
bench_object_open(const char *path)
{
	struct fixup_object *obj;
	char err[256];
	int r;

	obj = fixup_object_read(path, err, sizeof(err));
	if (!obj) {
		log_error(NULL, "%s: %s", path, err);
		return NULL;
	}
	loader_init_logging(false);
	r = loader_ensure_bpffs();
	if (r < 0) {
		log_error(NULL, "cannot mount bpffs: %s", strerror(-r));
		fixup_object_free(obj);
		errno = -r;
		return NULL;
	}
	return obj;
}
