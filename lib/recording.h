/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reader and writer for the hid-tools text recording format, as written by
 * hid-recorder, hid-tools and the kernel's HID selftests:
 *
 *   # comment                      ignored (anywhere)
 *   D: <index>                     selects device <index>, creating it
 *   R: <len> <hex bytes>           report descriptor, on one line
 *   N: <name>                      device name (rest of the line)
 *   P: <phys>                      physical path (rest of the line, may be empty)
 *   I: <bus> <vid> <pid>           ids, hex ("I: 3 0458 0138")
 *   E: <sec>.<usec> <len> <hex>    input report, time since the first event
 *   B: <sec>.<usec> <len> <hex>    input report as captured before the fixups
 *
 * Tolerated: leading and trailing blanks, CRLF, empty lines, a missing final
 * newline, missing N:, P: and I:, hex digits in either case, header lines in
 * any order. Without D: lines, a header line for a device that already has
 * that field or already has events starts the next device.
 *
 * Rejected with "NAME:LINE: message" in err and errno EINVAL: an unknown line
 * type, bad hex, a byte count that does not match the declared length, an E:
 * or B: line for a device without R:, a duplicate header with D: lines, an
 * over-long line (more than HID_RECORDING_MAX_LINE bytes), NUL bytes, a
 * descriptor longer than HID_MAX_DESCRIPTOR_SIZE, a report longer than
 * HID_RECORDING_MAX_REPORT, and a file without any device.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hex.h"
#include "macros.h"

/* The kernel's HID_MAX_BUFFER_SIZE: no report is longer. */
#define HID_RECORDING_MAX_REPORT (16 * 1024)
#define HID_RECORDING_MAX_LINE	 (1024 * 1024)
/* D: indexes above this are rejected (a recording has a few interfaces). */
#define HID_RECORDING_MAX_INDEX 255

struct hid_recording_event {
	uint64_t usec;	   /* time since the first event */
	bool before_fixup; /* a B: line, not an E: line */
	size_t len;
	uint8_t *data;
};

struct hid_recording_device {
	unsigned index; /* from D:, else the order in the file */
	char *name;	/* NULL without N: */
	char *phys;	/* NULL without P: */
	bool has_ids;	/* an I: line was seen */
	uint16_t bus;
	uint32_t vid, pid;
	uint8_t *rdesc;
	size_t rdesc_len;
	struct hid_recording_event *events; /* E: and B: lines, in file order */
	size_t n_events;
};

struct hid_recording {
	struct hid_recording_device *devices; /* in order of first appearance */
	size_t n_devices;
};

/*
 * Parse a recording file. Returns NULL and sets errno on failure (EINVAL
 * for a parse error, else the error from reading the file); err then holds
 * a one-line message ("path:LINE: message").
 */
struct hid_recording *hid_recording_parse_file(const char *path, char *err, size_t errlen);

/* Same, from a buffer of len bytes; name is used in messages. */
struct hid_recording *hid_recording_parse_buffer(const char *buf, size_t len, const char *name,
						 char *err, size_t errlen);

/* Accepts NULL. */
void hid_recording_free(struct hid_recording *rec);
DEFINE_TRIVIAL_CLEANUP_FUNC(struct hid_recording *, hid_recording_free)

/*
 * Write rec in the same format. With more than one device (or a device
 * whose index is not 0) every device's header is preceded by "D: <index>"
 * and events are merged by time, each run of one device's events preceded
 * by its D: line; the order of each device's own events is kept. Hex is
 * lower case, as hid-recorder writes it. Returns 0, -EINVAL for a record
 * that cannot be written (a name with a newline, a device without a
 * descriptor), or -EIO.
 */
int hid_recording_write(FILE *f, const struct hid_recording *rec);

/*
 * The pieces of hid_recording_write(), for writers that stream (hid-record):
 * the header lines of dev (preceded by "D: <index>" when with_d), and one
 * E: or B: line. Nothing is flushed. 0, -EINVAL (see above), -ENOMEM
 * (an event line longer than 64 bytes of report needs memory) or -EIO.
 */
int hid_recording_write_header(FILE *f, const struct hid_recording_device *dev, bool with_d);
int hid_recording_write_event(FILE *f, const struct hid_recording_event *ev);

/*
 * The longest line hid_recording_format_event() writes for a report of
 * len bytes: "E: " and up to 20 + 1 + 6 digits of time, up to 5 digits of
 * length, 3 characters a byte (the last one's separator is the '\n').
 */
#define HID_RECORDING_EVENT_LINE_MAX(len) (40 + 3 * (size_t)(len))

/*
 * The E: or B: line of ev, '\n' included, no NUL, in buf (room for at
 * least HID_RECORDING_EVENT_LINE_MAX(ev->len) bytes): the same text as
 * hid_recording_write_event(), without stdio (for writers that buffer
 * many lines). Returns the number of bytes, or -EINVAL for an empty or
 * over-long report.
 */
int hid_recording_format_event(char *buf, const struct hid_recording_event *ev);

/* Returns the device with the given D: index, or NULL. */
const struct hid_recording_device *hid_recording_get_device(const struct hid_recording *rec,
							    unsigned index);
