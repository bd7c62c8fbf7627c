/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Capture of the evdev events of one HID device: open (and grab) every
 * event node below its sysfs directory, read them together, and format
 * the events as text.
 *
 * Two text forms:
 *   "EV_KEY BTN_LEFT 1"                       evdev_event_format(), the
 *                                             replay checker's lines
 *   "E: 0.012000 0001 0110 1  # EV_KEY BTN_LEFT 1"
 *                                             evdev_event_format_evemu():
 *                                             time, type, code (hex) and
 *                                             value as evemu writes them,
 *                                             names as a comment
 * Names are numbers where libevdev knows none.
 */
#pragma once

#include <linux/input.h>
#include <stdbool.h>
#include <stddef.h>

#include "strv.h"

struct libevdev;

struct evdev_node {
	unsigned input_nr, event_nr;
	char devnode[64];
	int fd;
	struct libevdev *evdev;
	size_t frame_events;	  /* events since the last SYN_REPORT */
	bool frame_device_events; /* the open frame has a non-repeat event */
	struct strv lines;	  /* recorded lines (evdev_node_record) */
};

struct evdev_nodes {
	struct evdev_node *v;
	size_t n;
};

/*
 * Open and grab every event node of the HID device at hid_dir (waiting a
 * moment for devtmpfs), sorted by input device name, then input number.
 * sysname is used in messages. On failure the nodes opened so far stay in
 * ns: evdev_nodes_close() it. 0 or -errno (logged).
 */
int evdev_nodes_open(struct evdev_nodes *ns, const char *hid_dir, const char *sysname);
void evdev_nodes_close(struct evdev_nodes *ns);

const char *evdev_node_name(const struct evdev_node *n);

/*
 * Called for each event read; a dropped-events condition (SYN_DROPPED) is
 * passed as an EV_SYN SYN_DROPPED event after which the node's queue has
 * been resynchronised. Returns 0 or -errno (stops the read).
 */
typedef int (*evdev_sink_t)(struct evdev_node *n, const struct input_event *ev, void *data);

/*
 * Read what is queued on one node, passing each event to sink (NULL: drop
 * them). *dropped is set when the kernel dropped events. Returns the number
 * of events read, not counting the frames of the kernel's key autorepeat
 * (EV_KEY value 2 and their SYN_REPORT), or -errno.
 */
int evdev_node_drain(struct evdev_node *n, evdev_sink_t sink, void *data, bool *dropped);

/*
 * The sink of the replay checker: appends "TYPE CODE VALUE" to n->lines,
 * leaving out key repeats (EV_KEY value 2, timer driven) and empty frames.
 */
int evdev_node_record(struct evdev_node *n, const struct input_event *ev, void *data);

/*
 * Read all nodes until no event other than key autorepeat has arrived for
 * quiet_ms and no frame is open (a frame still open after timeout_ms is an
 * error), passing events to sink. 0 or -errno (logged; -ENODEV when a node
 * went away).
 */
int evdev_nodes_collect(struct evdev_nodes *ns, const char *sysname, unsigned quiet_ms,
			unsigned timeout_ms, evdev_sink_t sink, void *data, bool *dropped);

/* "EV_KEY BTN_LEFT 1" into buf. */
void evdev_event_format(const struct input_event *ev, char *buf, size_t len);

/*
 * "E: <sec>.<usec> <type> <code> <value>\t# [<label> ]<names>", the time
 * relative to base_usec (in the clock of the event); label may be NULL.
 */
void evdev_event_format_evemu(const struct input_event *ev, unsigned long long base_usec,
			      const char *label, char *buf, size_t len);
