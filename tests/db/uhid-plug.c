// SPDX-License-Identifier: GPL-2.0-only
/*
 * uhid-plug: plug the first device of a recording in through /dev/uhid,
 * run a command while it is present, then unplug it. Nothing else: no
 * replay, no checks, so that udev (and whatever it starts) is the only one
 * acting on the device. The device is lib/uhid's: its thread answers the
 * kernel's requests, and uhid-plug waits only for the HID device to appear
 * in sysfs, not for a driver or its nodes.
 *
 *   uhid-plug RECORDING PROGRAM [ARG...]
 *
 * PROGRAM runs with HIDFIX_TEST_NAME (the HID name, "0003:24AE:2015.0004")
 * and HIDFIX_TEST_DEVICE (its sysfs path) set; uhid-plug exits with its
 * status, 77 without root or /dev/uhid, 1 when the device does not appear.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "process.h"
#include "recording.h"
#include "uhid.h"

#define APPEAR_MS 10000
#define EXIT_SKIP 77

int
main(int argc, char **argv)
{
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_(uhid_device_freep) struct uhid_device *uhid = NULL;
	char err[256], uniq[64], name[256] = "", syspath[512];
	int r, status;

	log_set_program("uhid-plug");
	if (argc < 3) {
		fprintf(stderr, "Usage: uhid-plug RECORDING PROGRAM [ARG...]\n");
		return 2;
	}
	rec = hid_recording_parse_file(argv[1], err, sizeof(err));
	if (!rec) {
		log_error(NULL, "%s", err);
		return 1;
	}
	if (!rec->n_devices) {
		log_error(NULL, "%s: no device", argv[1]);
		return 1;
	}
	if (access("/dev/uhid", R_OK | W_OK) < 0) {
		log_info(NULL, "/dev/uhid: %s: skipped", strerror(errno));
		return EXIT_SKIP;
	}
	if (access(argv[2], X_OK) < 0) {
		log_error(NULL, "%s: %s", argv[2], strerror(errno));
		return 1;
	}

	if (uhid_make_uniq(uniq, sizeof(uniq)) < 0)
		return 1;
	uhid = uhid_device_new(&rec->devices[0], uniq);
	if (!uhid)
		return 1;
	r = hid_sysfs_wait_for_uniq(uniq, APPEAR_MS, name, sizeof(name));
	if (r < 0)
		return 1;
	snprintf(syspath, sizeof(syspath), HID_SYSFS "/%s", name);
	log_info(name, "plugged in (%s)", uniq);

	if (setenv("HIDFIX_TEST_NAME", name, 1) < 0 ||
	    setenv("HIDFIX_TEST_DEVICE", syspath, 1) < 0) {
		log_error(NULL, "setenv: %m");
		r = -ENOMEM;
	} else {
		r = process_run_status((const char *const *)argv + 2, 0, argv[2], name, &status);
	}

	uhid_device_free(steal_pointer(&uhid));
	log_info(name, "unplugged");
	if (r == 0 && WIFEXITED(status))
		return WEXITSTATUS(status);
	return 1;
}
