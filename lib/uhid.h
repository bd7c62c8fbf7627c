/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A HID device created through /dev/uhid from a recorded device, and the
 * sysfs side of it: finding the kernel's HID device by its uniq string,
 * reading its state (driver, input and hidraw nodes, report descriptor)
 * and waiting until the kernel has bound it.
 *
 * A thread answers the kernel's requests so that it never waits on us:
 * GET_REPORT gets EIO (a recording has no feature reports), SET_REPORT
 * gets success; START/STOP/OPEN/CLOSE are only logged (debug). Every
 * OUTPUT, SET_REPORT and GET_REPORT is also kept, in the order received,
 * so a test can check what a fixup sent the device.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "macros.h"
#include "recording.h"

#define HID_SYSFS "/sys/bus/hid/devices"

struct uhid_device;

/*
 * Open /dev/uhid and create dev there with the given uniq string (used to
 * find it in sysfs). Without N: the name is "hidfix replay device"; without
 * I: the bus is USB and the ids 0000:0000 (a warning says so). Errors are
 * logged; returns NULL and sets errno.
 */
struct uhid_device *uhid_device_new(const struct hid_recording_device *dev, const char *uniq);

/* Send one input report (UHID_INPUT2). 0, -E2BIG (> UHID_DATA_MAX) or -errno. */
int uhid_device_send_input(struct uhid_device *u, const uint8_t *data, size_t len);

/* How many OUTPUT, SET_REPORT and GET_REPORT requests the device received. */
size_t uhid_device_n_requests(struct uhid_device *u);

/*
 * The requests from number first on, one line each, appended to out:
 *   UHID_OUTPUT output report 2, 12 bytes: 02 b0 04 00 ...
 *   UHID_SET_REPORT feature report 5, 3 bytes: 05 01 00
 *   UHID_GET_REPORT feature report 5
 * (the report type is input, output or feature; the number is the one
 * the kernel gave, for OUTPUT the first byte). 0 or -ENOMEM.
 */
struct strv;
int uhid_device_request_lines(struct uhid_device *u, size_t first, struct strv *out);

/* Destroy the device (UHID_DESTROY), stop the thread, close. Accepts NULL. */
void uhid_device_free(struct uhid_device *u);
DEFINE_TRIVIAL_CLEANUP_FUNC(struct uhid_device *, uhid_device_free)

/* "hidfix-replay-" and 16 random hex digits. 0 or -errno. */
int uhid_make_uniq(char *buf, size_t len);

/*
 * Find the HID device whose uevent has HID_UNIQ=<uniq>; its sysfs name
 * ("0003:24AE:2015.0001") goes to name. 0, -ENOENT or -errno.
 */
int hid_sysfs_find_by_uniq(const char *uniq, char *name, size_t namelen);

/* Same, waiting up to timeout_ms for the device to appear. Logs on failure. */
int hid_sysfs_wait_for_uniq(const char *uniq, unsigned timeout_ms, char *name, size_t namelen);

struct hid_event_node_ref {
	unsigned input_nr, event_nr;
};

/*
 * The evdev nodes below hid_dir/input/input*, sorted by input number, as a
 * malloc'ed array in *out (NULL when there is none). 0 or -errno.
 */
int hid_sysfs_list_event_nodes(const char *hid_dir, struct hid_event_node_ref **out, size_t *n);

/* The first hidraw node of the device ("hidraw3"). 0, -ENOENT or -errno. */
int hid_sysfs_hidraw_name(const char *hid_dir, char *name, size_t namelen);

struct hid_sysfs_state {
	bool bound;
	bool has_hidraw;
	size_t n_event;
	char ident[1024]; /* "input7:event5 input8:event6 hidraw2" */
	uint8_t *rdesc;	  /* NULL when unreadable */
	size_t rdesc_len;
};

void hid_sysfs_state_clear(struct hid_sysfs_state *s);
/* Replaces *s with what sysfs shows now. */
void hid_sysfs_state_read(const char *hid_dir, struct hid_sysfs_state *s);

/*
 * Bound, descriptor readable, and at least one node. hid_connect() adds
 * the hidraw node after the input nodes, so hidraw means "probe done".
 */
bool hid_sysfs_state_ready(const struct hid_sysfs_state *s);

/*
 * Wait until the device is ready, accept(state, data) holds (NULL: always)
 * and the set of nodes has not changed for a stability period (longer
 * without a hidraw node, when the kernel has hidraw). Polls sysfs. On
 * success and on timeout *state holds the last state. Returns 0 or
 * -ETIMEDOUT (not logged: the caller knows what it waited for).
 */
int hid_sysfs_wait(const char *hid_dir, bool (*accept)(const struct hid_sysfs_state *, void *),
		   void *data, unsigned timeout_ms, struct hid_sysfs_state *state);
