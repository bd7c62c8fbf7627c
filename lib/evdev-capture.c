// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libevdev/libevdev.h>

#include "evdev-capture.h"
#include "log.h"
#include "time-util.h"
#include "uhid.h"

#define TIMEOUT_OPEN_MS 5000
#define POLL_STEP_MS	50

void
evdev_nodes_close(struct evdev_nodes *ns)
{
	for (size_t i = 0; i < ns->n; i++) {
		struct evdev_node *n = &ns->v[i];

		if (n->evdev) {
			libevdev_grab(n->evdev, LIBEVDEV_UNGRAB);
			libevdev_free(n->evdev);
		}
		if (n->fd >= 0)
			close(n->fd);
		strv_clear(&n->lines);
	}
	free(ns->v);
	ns->v = NULL;
	ns->n = 0;
}

const char *
evdev_node_name(const struct evdev_node *n)
{
	return libevdev_get_name(n->evdev);
}

static int
node_cmp(const void *pa, const void *pb)
{
	const struct evdev_node *a = pa, *b = pb;
	int r = strcmp(libevdev_get_name(a->evdev) ?: "", libevdev_get_name(b->evdev) ?: "");

	if (r)
		return r;
	return a->input_nr < b->input_nr ? -1 : a->input_nr > b->input_nr;
}

static int
node_open(struct evdev_node *n)
{
	uint64_t start = now_ms();
	int r;

	snprintf(n->devnode, sizeof(n->devnode), "/dev/input/event%u", n->event_nr);
	for (;;) {
		n->fd = open(n->devnode, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (n->fd >= 0)
			break;
		/* devtmpfs may lag behind sysfs for a moment */
		if (errno != ENOENT || now_ms() - start > TIMEOUT_OPEN_MS)
			return log_error_errno(n->devnode, negative_errno(), "open: %m");
		sleep_ms(POLL_STEP_MS);
	}
	r = libevdev_new_from_fd(n->fd, &n->evdev);
	if (r < 0)
		return log_error_errno(n->devnode, r, "libevdev: %s", strerror(-r));
	/* Keep the events away from the console and any other reader. */
	r = libevdev_grab(n->evdev, LIBEVDEV_GRAB);
	if (r < 0)
		log_warn(n->devnode, "grab: %s", strerror(-r));
	return 0;
}

int
evdev_nodes_open(struct evdev_nodes *ns, const char *hid_dir, const char *sysname)
{
	_cleanup_free_ struct hid_event_node_ref *refs = NULL;
	size_t n = 0;
	int r;

	r = hid_sysfs_list_event_nodes(hid_dir, &refs, &n);
	if (r < 0)
		return log_error_errno(sysname, r, "listing input nodes: %s", strerror(-r));
	ns->v = calloc(n ? n : 1, sizeof(*ns->v));
	if (!ns->v)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		struct evdev_node *node = &ns->v[ns->n++];

		node->input_nr = refs[i].input_nr;
		node->event_nr = refs[i].event_nr;
		node->fd = -1;
		r = node_open(node);
		if (r < 0)
			return r;
	}
	if (ns->n > 1)
		qsort(ns->v, ns->n, sizeof(*ns->v), node_cmp);
	for (size_t i = 0; i < ns->n; i++)
		log_debug(sysname, "node %zu: %s input%u \"%s\"", i, ns->v[i].devnode,
			  ns->v[i].input_nr, libevdev_get_name(ns->v[i].evdev));
	return 0;
}

static void
event_names(const struct input_event *ev, char *tbuf, char *cbuf, size_t blen, const char **type,
	    const char **code)
{
	*type = libevdev_event_type_get_name(ev->type);
	*code = libevdev_event_code_get_name(ev->type, ev->code);
	if (!*type) {
		snprintf(tbuf, blen, "%u", ev->type);
		*type = tbuf;
	}
	if (!*code) {
		snprintf(cbuf, blen, "%u", ev->code);
		*code = cbuf;
	}
}

void
evdev_event_format(const struct input_event *ev, char *buf, size_t len)
{
	char tbuf[16], cbuf[16];
	const char *type, *code;

	event_names(ev, tbuf, cbuf, sizeof(tbuf), &type, &code);
	snprintf(buf, len, "%s %s %d", type, code, ev->value);
}

void
evdev_event_format_evemu(const struct input_event *ev, unsigned long long base_usec,
			 const char *label, char *buf, size_t len)
{
	unsigned long long t = (unsigned long long)ev->input_event_sec * 1000000 +
			       (unsigned long long)ev->input_event_usec;
	char tbuf[16], cbuf[16];
	const char *type, *code;

	t = t >= base_usec ? t - base_usec : 0;
	event_names(ev, tbuf, cbuf, sizeof(tbuf), &type, &code);
	snprintf(buf, len, "E: %llu.%06llu %04x %04x %d\t# %s%s%s %s %d", t / 1000000, t % 1000000,
		 ev->type, ev->code, ev->value, label ?: "", label ? " " : "", type, code,
		 ev->value);
}

int
evdev_node_record(struct evdev_node *n, const struct input_event *ev, void *data)
{
	char line[128];

	if (ev->type == EV_KEY && ev->value == 2)
		return 0; /* autorepeat: timer driven */
	if (ev->type == EV_SYN && ev->code == SYN_REPORT) {
		if (n->frame_events == 0)
			return 0; /* empty frame */
		n->frame_events = 0;
	} else {
		n->frame_events++;
	}
	evdev_event_format(ev, line, sizeof(line));
	return strv_push(&n->lines, strdup(line));
}

/*
 * Whether ev belongs to a frame the kernel's autorepeat timer made: while a
 * key is held, input core sends EV_KEY value 2 + SYN_REPORT every period
 * (33 ms by default), for as long as the key stays down. Those frames are
 * not the device's and must not count as activity, or a key held across
 * reports would keep the quiet period from ever being reached. (Turning
 * the repeat off through the node instead, EVIOCSREP, would change the
 * device under test, and the EV_REP events it injects stay queued until
 * the next report's SYN_REPORT, inside that report's frame.)
 */
static bool
is_autorepeat_frame(struct evdev_node *n, const struct input_event *ev)
{
	if (ev->type == EV_KEY && ev->value == 2)
		return true;
	if (ev->type == EV_SYN && ev->code == SYN_REPORT) {
		bool repeat = !n->frame_device_events;

		n->frame_device_events = false;
		return repeat;
	}
	n->frame_device_events = true;
	return false;
}

int
evdev_node_drain(struct evdev_node *n, evdev_sink_t sink, void *data, bool *dropped)
{
	int count = 0;

	for (;;) {
		struct input_event ev;
		int rc = libevdev_next_event(n->evdev, LIBEVDEV_READ_FLAG_NORMAL, &ev);

		if (rc == -EAGAIN)
			return count;
		if (rc == LIBEVDEV_READ_STATUS_SYNC) {
			struct input_event drop = ev;

			*dropped = true;
			drop.type = EV_SYN;
			drop.code = SYN_DROPPED;
			drop.value = 0;
			if (sink) {
				int r = sink(n, &drop, data);

				if (r < 0)
					return r;
			}
			while (libevdev_next_event(n->evdev, LIBEVDEV_READ_FLAG_SYNC, &ev) ==
			       LIBEVDEV_READ_STATUS_SYNC)
				;
			n->frame_events = 0;
			n->frame_device_events = false;
			continue;
		}
		if (rc < 0)
			return log_error_errno(n->devnode, rc, "reading events: %s", strerror(-rc));
		if (!is_autorepeat_frame(n, &ev))
			count++;
		if (sink) {
			int r = sink(n, &ev, data);

			if (r < 0)
				return r;
		}
	}
}

int
evdev_nodes_collect(struct evdev_nodes *ns, const char *sysname, unsigned quiet_ms,
		    unsigned timeout_ms, evdev_sink_t sink, void *data, bool *dropped)
{
	_cleanup_free_ struct pollfd *fds = NULL;
	uint64_t start = now_ms(), last = start;

	fds = calloc(ns->n ? ns->n : 1, sizeof(*fds));
	if (!fds)
		return -ENOMEM;
	for (size_t i = 0; i < ns->n; i++)
		fds[i] = (struct pollfd){ .fd = ns->v[i].fd, .events = POLLIN };

	for (;;) {
		uint64_t now = now_ms();
		bool open_frame = false;
		int timeout, r;

		for (size_t i = 0; i < ns->n; i++)
			if (ns->v[i].frame_events)
				open_frame = true;
		if (now - last >= quiet_ms) {
			if (!open_frame)
				return 0;
			if (now - start >= timeout_ms) {
				for (size_t i = 0; i < ns->n; i++)
					if (ns->v[i].frame_events)
						log_error(ns->v[i].devnode,
							  "no SYN_REPORT after %zu events within "
							  "%u s",
							  ns->v[i].frame_events, timeout_ms / 1000);
				return -ETIMEDOUT;
			}
			timeout = POLL_STEP_MS;
		} else {
			timeout = (int)(quiet_ms - (now - last));
		}

		if (ns->n == 0) {
			sleep_ms((unsigned)timeout);
			continue;
		}
		r = poll(fds, ns->n, timeout);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return log_error_errno(sysname, negative_errno(), "poll: %m");
		}
		if (r == 0)
			continue;
		for (size_t i = 0; i < ns->n; i++) {
			int got;

			if (fds[i].revents & (POLLERR | POLLHUP | POLLNVAL))
				return log_error_errno(ns->v[i].devnode, -ENODEV,
						       "input node went away during the replay");
			if (!(fds[i].revents & POLLIN))
				continue;
			got = evdev_node_drain(&ns->v[i], sink, data, dropped);
			if (got < 0)
				return got;
			if (got > 0)
				last = now_ms();
		}
	}
}
