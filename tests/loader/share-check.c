// SPDX-License-Identifier: GPL-2.0-only
/*
 * share-check: one load of a fixup object serving two devices (the fast
 * path of `hidfix daemon`, loader/share.c), on a real kernel.
 *
 *   share-check RECORDING OBJECT
 *
 * Plugs the recording's first device twice through /dev/uhid, loads
 * OBJECT once (loader_shared_new(), HID id of the first device), attaches
 * it to both with struct_ops maps of our own that reuse the loaded
 * programs (loader_shared_attach()), and checks that each device is
 * re-probed with a descriptor other than the recorded one, that each has
 * its own pin directory, and that removing one device's pins gives that
 * device its recorded descriptor back while the other stays fixed.
 * Exit 0 pass, 1 fail, 77 without root or /dev/uhid.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixup-object.h"
#include "hid-device.h"
#include "loader.h"
#include "log.h"
#include "recording.h"
#include "uhid.h"

#define TIMEOUT_MS 20000

struct plugged {
	struct uhid_device *uhid;
	char name[HID_NAME_MAX];
	char dir[512];
};

static bool
rdesc_differs(const struct hid_sysfs_state *s, void *data)
{
	const struct hid_recording_device *rdev = data;

	return s->rdesc &&
	       (s->rdesc_len != rdev->rdesc_len || memcmp(s->rdesc, rdev->rdesc, rdev->rdesc_len));
}

static bool
rdesc_same(const struct hid_sysfs_state *s, void *data)
{
	return s->rdesc && !rdesc_differs(s, data);
}

static int
plug(const struct hid_recording_device *rdev, struct plugged *p)
{
	struct hid_sysfs_state st = { 0 };
	char uniq[64];
	int r;

	r = uhid_make_uniq(uniq, sizeof(uniq));
	if (r < 0)
		return r;
	p->uhid = uhid_device_new(rdev, uniq);
	if (!p->uhid)
		return -errno;
	r = hid_sysfs_wait_for_uniq(uniq, TIMEOUT_MS, p->name, sizeof(p->name));
	if (r < 0)
		return r;
	snprintf(p->dir, sizeof(p->dir), HID_SYSFS "/%s", p->name);
	r = hid_sysfs_wait(p->dir, rdesc_same, (void *)rdev, TIMEOUT_MS, &st);
	hid_sysfs_state_clear(&st);
	return r;
}

static int
check(bool ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	return ok ? 0 : 1;
}

int
main(int argc, char **argv)
{
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_(fixup_object_freep) struct fixup_object *obj = NULL;
	_cleanup_(loader_shared_freep) struct loader_shared *shared = NULL;
	struct loader_options opts = { 0 };
	struct plugged p[2] = { 0 };
	const struct hid_recording_device *rdev;
	struct hid_sysfs_state st = { 0 };
	char err[256];
	unsigned removed;
	int fails = 0, r;

	log_set_program("share-check");
	if (getenv("HIDFIX_DEBUG"))
		log_set_level(LOG_LEVEL_DEBUG);
	if (argc != 3) {
		fprintf(stderr, "Usage: share-check RECORDING OBJECT\n");
		return 2;
	}
	if (geteuid() != 0 || access("/dev/uhid", R_OK | W_OK) < 0) {
		printf("skip: needs root and /dev/uhid\n");
		return 77;
	}
	rec = hid_recording_parse_file(argv[1], err, sizeof(err));
	if (!rec || !rec->n_devices) {
		log_error(NULL, "%s: %s", argv[1], rec ? "no device" : err);
		return 1;
	}
	rdev = &rec->devices[0];
	obj = fixup_object_read(argv[2], err, sizeof(err));
	if (!obj) {
		log_error(NULL, "%s: %s", argv[2], err);
		return 1;
	}
	loader_init_logging(false);
	if (loader_ensure_bpffs() < 0)
		return 1;

	for (int i = 0; i < 2; i++) {
		if (plug(rdev, &p[i]) < 0) {
			log_error(NULL, "plugging device %d failed", i);
			return 1;
		}
		printf("plugged %s\n", p[i].name);
	}

	for (int i = 0; i < 2; i++) {
		_cleanup_(hid_device_freep) struct hid_device_info *dev =
			hid_device_open(p[i].name);
		enum loader_result res;

		if (!dev)
			return log_error_errno(p[i].name, 1, "open: %m");
		if (!shared) {
			r = loader_shared_new(dev, obj, &opts, &shared);
			if (r < 0)
				return 1;
			if (!shared)
				return log_error_errno(NULL, 1, "%s: not shareable", obj->name);
		}
		r = loader_shared_attach(shared, dev, obj, &res);
		fails +=
			check(r == 0 && res == LOADER_ATTACHED, "attached through the shared load");
	}
	for (int i = 0; i < 2; i++) {
		char pins[512];

		r = hid_sysfs_wait(p[i].dir, rdesc_differs, (void *)rdev, TIMEOUT_MS, &st);
		printf("%s: %zu byte descriptor, byte 17 = 0x%02X\n", p[i].name, st.rdesc_len,
		       st.rdesc && st.rdesc_len > 17 ? st.rdesc[17] : 0);
		fails += check(r == 0, "re-probed with a fixed descriptor");
		snprintf(pins, sizeof(pins), LOADER_PIN_ROOT "/%s", p[i].name);
		for (char *c = pins + strlen(LOADER_PIN_ROOT) + 1; *c; c++)
			*c = (*c == ':' || *c == '.') ? '_' : *c;
		fails += check(access(pins, F_OK) == 0, "its own pin directory");
		hid_sysfs_state_clear(&st);
	}
	/* the second device loses its fix, the first keeps it */
	loader_detach_all(p[1].name, &removed);
	r = hid_sysfs_wait(p[1].dir, rdesc_same, (void *)rdev, TIMEOUT_MS, &st);
	hid_sysfs_state_clear(&st);
	fails += check(r == 0 && removed == 1, "second device unpinned: recorded descriptor back");
	r = hid_sysfs_wait(p[0].dir, rdesc_differs, (void *)rdev, 2000, &st);
	hid_sysfs_state_clear(&st);
	fails += check(r == 0, "first device still fixed");
	loader_detach_all(p[0].name, &removed);
	for (int i = 0; i < 2; i++)
		uhid_device_free(p[i].uhid);
	printf("%s\n", fails ? "FAIL" : "PASS");
	return fails ? 1 : 0;
}
