// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/uhid.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "hex.h"
#include "log.h"
#include "strv.h"
#include "time-util.h"
#include "uhid.h"

#define STABLE_MS 300
/* Without a hidraw node yet, the input nodes must be stable this long. */
#define STABLE_NO_HIDRAW_MS 1500
#define POLL_STEP_MS	    50

/* A request the kernel sent the device, as the thread received it. */
struct uhid_request {
	uint32_t type; /* UHID_OUTPUT, UHID_SET_REPORT or UHID_GET_REPORT */
	uint8_t rtype; /* UHID_FEATURE_REPORT, UHID_OUTPUT_REPORT or UHID_INPUT_REPORT */
	uint8_t rnum;
	uint16_t size;
	uint8_t *data;
};

struct uhid_device {
	int fd;
	int stop[2];
	pthread_t thread;
	bool thread_running;
	pthread_mutex_t lock; /* protects requests */
	struct uhid_request *requests;
	size_t n_requests, cap_requests;
};

static int
uhid_write(int fd, const struct uhid_event *ev)
{
	ssize_t r = write(fd, ev, sizeof(*ev));

	if (r < 0)
		return negative_errno();
	if ((size_t)r != sizeof(*ev))
		return -EIO;
	return 0;
}

static const char *
uhid_event_name(uint32_t type)
{
	switch (type) {
	case UHID_START:
		return "UHID_START";
	case UHID_STOP:
		return "UHID_STOP";
	case UHID_OPEN:
		return "UHID_OPEN";
	case UHID_CLOSE:
		return "UHID_CLOSE";
	case UHID_OUTPUT:
		return "UHID_OUTPUT";
	case UHID_GET_REPORT:
		return "UHID_GET_REPORT";
	case UHID_SET_REPORT:
		return "UHID_SET_REPORT";
	}
	return "unknown uhid event";
}

static const char *
uhid_rtype_name(uint8_t rtype)
{
	switch (rtype) {
	case UHID_FEATURE_REPORT:
		return "feature";
	case UHID_OUTPUT_REPORT:
		return "output";
	case UHID_INPUT_REPORT:
		return "input";
	}
	return "unknown";
}

/* Keep one request for uhid_device_request_lines(); logs when out of memory. */
static void
uhid_request_keep(struct uhid_device *u, uint32_t type, uint8_t rtype, uint8_t rnum,
		  const uint8_t *data, size_t size)
{
	struct uhid_request *req;

	if (size > UHID_DATA_MAX)
		size = UHID_DATA_MAX;
	pthread_mutex_lock(&u->lock);
	if (u->n_requests == u->cap_requests) {
		size_t cap = u->cap_requests ? u->cap_requests * 2 : 16;
		struct uhid_request *nr = realloc(u->requests, cap * sizeof(*nr));

		if (!nr)
			goto oom;
		u->requests = nr;
		u->cap_requests = cap;
	}
	req = &u->requests[u->n_requests];
	*req = (struct uhid_request){
		.type = type, .rtype = rtype, .rnum = rnum, .size = (uint16_t)size
	};
	if (size) {
		req->data = malloc(size);
		if (!req->data)
			goto oom;
		memcpy(req->data, data, size);
	}
	u->n_requests++;
	pthread_mutex_unlock(&u->lock);
	return;
oom:
	pthread_mutex_unlock(&u->lock);
	log_error("uhid", "%s: out of memory, request not kept", uhid_event_name(type));
}

size_t
uhid_device_n_requests(struct uhid_device *u)
{
	size_t n;

	pthread_mutex_lock(&u->lock);
	n = u->n_requests;
	pthread_mutex_unlock(&u->lock);
	return n;
}

int
uhid_device_request_lines(struct uhid_device *u, size_t first, struct strv *out)
{
	int r = 0;

	pthread_mutex_lock(&u->lock);
	for (size_t i = first; r == 0 && i < u->n_requests; i++) {
		const struct uhid_request *req = &u->requests[i];
		_cleanup_free_ char *hex = NULL;

		if (req->type == UHID_GET_REPORT) {
			r = strv_pushf(out, "%s %s report %u", uhid_event_name(req->type),
				       uhid_rtype_name(req->rtype), req->rnum);
			continue;
		}
		hex = malloc((size_t)req->size * 3 + 1);
		if (!hex) {
			r = -ENOMEM;
			break;
		}
		hex[0] = '\0';
		for (size_t b = 0; b < req->size; b++)
			snprintf(hex + b * 3, 4, " %02x", req->data[b]);
		r = strv_pushf(out, "%s %s report %u, %u bytes:%s", uhid_event_name(req->type),
			       uhid_rtype_name(req->rtype), req->rnum, req->size, hex);
	}
	pthread_mutex_unlock(&u->lock);
	return r;
}

/* Answers the kernel's requests so that it never waits on us. */
static void *
uhid_thread(void *data)
{
	struct uhid_device *u = data;

	for (;;) {
		struct pollfd fds[2] = {
			{ .fd = u->fd, .events = POLLIN },
			{ .fd = u->stop[0], .events = POLLIN },
		};
		struct uhid_event ev, reply;
		ssize_t len;
		int r;

		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			log_error("uhid", "poll: %m");
			return NULL;
		}
		if (fds[1].revents)
			return NULL;
		if (fds[0].revents & (POLLERR | POLLHUP | POLLNVAL)) {
			log_error("uhid", "/dev/uhid hung up");
			return NULL;
		}
		if (!(fds[0].revents & POLLIN))
			continue;

		len = read(u->fd, &ev, sizeof(ev));
		if (len < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			log_error("uhid", "read: %m");
			return NULL;
		}
		if ((size_t)len < sizeof(ev.type))
			continue;

		memset(&reply, 0, sizeof(reply));
		switch (ev.type) {
		case UHID_START:
		case UHID_STOP:
		case UHID_OPEN:
		case UHID_CLOSE:
			log_debug("uhid", "%s", uhid_event_name(ev.type));
			break;
		case UHID_OUTPUT:
			log_debug("uhid", "UHID_OUTPUT: %u bytes, report type %u", ev.u.output.size,
				  ev.u.output.rtype);
			uhid_request_keep(u, ev.type, ev.u.output.rtype,
					  ev.u.output.size ? ev.u.output.data[0] : 0,
					  ev.u.output.data, ev.u.output.size);
			break;
		case UHID_GET_REPORT:
			log_debug("uhid", "UHID_GET_REPORT report %u type %u: answering EIO",
				  ev.u.get_report.rnum, ev.u.get_report.rtype);
			uhid_request_keep(u, ev.type, ev.u.get_report.rtype, ev.u.get_report.rnum,
					  NULL, 0);
			reply.type = UHID_GET_REPORT_REPLY;
			reply.u.get_report_reply.id = ev.u.get_report.id;
			reply.u.get_report_reply.err = EIO;
			reply.u.get_report_reply.size = 0;
			r = uhid_write(u->fd, &reply);
			if (r < 0)
				log_warn("uhid", "GET_REPORT reply: %s", strerror(-r));
			break;
		case UHID_SET_REPORT:
			log_debug(
				"uhid", "UHID_SET_REPORT report %u type %u, %u bytes: answering 0",
				ev.u.set_report.rnum, ev.u.set_report.rtype, ev.u.set_report.size);
			uhid_request_keep(u, ev.type, ev.u.set_report.rtype, ev.u.set_report.rnum,
					  ev.u.set_report.data, ev.u.set_report.size);
			reply.type = UHID_SET_REPORT_REPLY;
			reply.u.set_report_reply.id = ev.u.set_report.id;
			reply.u.set_report_reply.err = 0;
			r = uhid_write(u->fd, &reply);
			if (r < 0)
				log_warn("uhid", "SET_REPORT reply: %s", strerror(-r));
			break;
		default:
			log_debug("uhid", "uhid event type %u ignored", ev.type);
			break;
		}
	}
}

struct uhid_device *
uhid_device_new(const struct hid_recording_device *dev, const char *uniq)
{
	_cleanup_(uhid_device_freep) struct uhid_device *u = NULL;
	struct uhid_event ev = { .type = UHID_CREATE2 };
	struct uhid_create2_req *c = &ev.u.create2;
	const char *name = dev->name && *dev->name ? dev->name : "hidfix replay device";
	int r;

	if (dev->rdesc_len > sizeof(c->rd_data)) {
		log_error("/dev/uhid", "descriptor of %zu bytes is too long for uhid",
			  dev->rdesc_len);
		errno = E2BIG;
		return NULL;
	}
	u = calloc(1, sizeof(*u));
	if (!u)
		return NULL;
	u->stop[0] = u->stop[1] = -1;
	pthread_mutex_init(&u->lock, NULL);

	u->fd = open("/dev/uhid", O_RDWR | O_CLOEXEC);
	if (u->fd < 0) {
		errno = -log_error_errno("/dev/uhid", negative_errno(), "open: %m");
		return NULL;
	}

	if (strlen(name) >= sizeof(c->name))
		log_warn(NULL, "device name truncated to %zu bytes", sizeof(c->name) - 1);
	snprintf((char *)c->name, sizeof(c->name), "%s", name);
	snprintf((char *)c->phys, sizeof(c->phys), "%s", dev->phys ? dev->phys : "");
	snprintf((char *)c->uniq, sizeof(c->uniq), "%s", uniq);
	if (!dev->has_ids)
		log_warn(NULL, "recording has no I: line; using bus 3 (USB), 0000:0000");
	c->bus = dev->has_ids ? dev->bus : 3;
	c->vendor = dev->vid;
	c->product = dev->pid;
	c->rd_size = (uint16_t)dev->rdesc_len;
	memcpy(c->rd_data, dev->rdesc, dev->rdesc_len);

	r = uhid_write(u->fd, &ev);
	if (r < 0) {
		errno = -log_error_errno("/dev/uhid", r, "UHID_CREATE2: %s", strerror(-r));
		/* nothing was created: do not send UHID_DESTROY */
		closep(&u->fd);
		u->fd = -1;
		return NULL;
	}

	if (pipe2(u->stop, O_CLOEXEC) < 0) {
		errno = -log_error_errno(NULL, negative_errno(), "pipe2: %m");
		return NULL;
	}
	r = pthread_create(&u->thread, NULL, uhid_thread, u);
	if (r != 0) {
		errno = -log_error_errno(NULL, -r, "pthread_create: %s", strerror(r));
		return NULL;
	}
	u->thread_running = true;
	return steal_pointer(&u);
}

int
uhid_device_send_input(struct uhid_device *u, const uint8_t *data, size_t len)
{
	struct uhid_event ev = { .type = UHID_INPUT2 };

	if (len > UHID_DATA_MAX)
		return -E2BIG;
	ev.u.input2.size = (uint16_t)len;
	memcpy(ev.u.input2.data, data, len);
	return uhid_write(u->fd, &ev);
}

void
uhid_device_free(struct uhid_device *u)
{
	struct uhid_event ev = { .type = UHID_DESTROY };
	int r;

	if (!u)
		return;
	if (u->fd >= 0) {
		r = uhid_write(u->fd, &ev);
		if (r < 0)
			log_warn("/dev/uhid", "UHID_DESTROY: %s", strerror(-r));
	}
	if (u->thread_running) {
		if (write(u->stop[1], "x", 1) < 0)
			log_warn(NULL, "stopping the uhid thread: %m");
		pthread_join(u->thread, NULL);
	}
	closep(&u->stop[0]);
	closep(&u->stop[1]);
	closep(&u->fd);
	for (size_t i = 0; i < u->n_requests; i++)
		free(u->requests[i].data);
	free(u->requests);
	pthread_mutex_destroy(&u->lock);
	free(u);
}

int
uhid_make_uniq(char *buf, size_t len)
{
	uint8_t token[8];

	if (getrandom(token, sizeof(token), 0) != sizeof(token))
		return log_error_errno(NULL, negative_errno(), "getrandom: %m");
	snprintf(buf, len, "hidfix-replay-%02x%02x%02x%02x%02x%02x%02x%02x", token[0], token[1],
		 token[2], token[3], token[4], token[5], token[6], token[7]);
	return 0;
}

/* ------------------------------------------------------------------ */
/* sysfs */

/* "event12" with prefix "event" -> 12 */
static bool
parse_suffix(const char *name, const char *prefix, unsigned *nr)
{
	size_t plen = strlen(prefix);
	const char *s = name + plen;
	char *end = NULL;
	unsigned long v;

	if (strncmp(name, prefix, plen) != 0 || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || !end || *end != '\0' || v > UINT_MAX)
		return false;
	*nr = (unsigned)v;
	return true;
}

int
hid_sysfs_find_by_uniq(const char *uniq, char *name, size_t namelen)
{
	char want[128];
	struct dirent *de;
	DIR *d;
	int found = -ENOENT;

	snprintf(want, sizeof(want), "HID_UNIQ=%s\n", uniq);
	d = opendir(HID_SYSFS);
	if (!d)
		return negative_errno();
	while (found < 0 && (de = readdir(d))) {
		_cleanup_free_ char *text = NULL;
		char path[PATH_MAX];
		size_t len;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), HID_SYSFS "/%s/uevent", de->d_name);
		if (hid_file_read_all(path, 64 * 1024, &text, &len) < 0)
			continue;
		for (const char *p = strstr(text, want); p; p = strstr(p + 1, want)) {
			if (p == text || p[-1] == '\n') { /* a whole line */
				snprintf(name, namelen, "%s", de->d_name);
				found = 0;
				break;
			}
		}
	}
	closedir(d);
	return found;
}

int
hid_sysfs_wait_for_uniq(const char *uniq, unsigned timeout_ms, char *name, size_t namelen)
{
	uint64_t start = now_ms();
	int r;

	while ((r = hid_sysfs_find_by_uniq(uniq, name, namelen)) == -ENOENT) {
		if (now_ms() - start > timeout_ms) {
			log_error(NULL,
				  "timed out after %u s waiting for a HID device with uniq %s "
				  "in " HID_SYSFS,
				  timeout_ms / 1000, uniq);
			return -ETIMEDOUT;
		}
		sleep_ms(POLL_STEP_MS);
	}
	if (r < 0)
		return log_error_errno(HID_SYSFS, r, "%s", strerror(-r));
	return 0;
}

static int
node_ref_cmp(const void *pa, const void *pb)
{
	const struct hid_event_node_ref *a = pa, *b = pb;

	if (a->input_nr != b->input_nr)
		return a->input_nr < b->input_nr ? -1 : 1;
	return a->event_nr < b->event_nr ? -1 : a->event_nr > b->event_nr;
}

int
hid_sysfs_list_event_nodes(const char *hid_dir, struct hid_event_node_ref **out, size_t *n)
{
	_cleanup_free_ struct hid_event_node_ref *refs = NULL;
	char path[PATH_MAX];
	size_t count = 0, cap = 0;
	struct dirent *de;
	DIR *d;

	*n = 0;
	*out = NULL;
	snprintf(path, sizeof(path), "%s/input", hid_dir);
	d = opendir(path);
	if (!d)
		return errno == ENOENT ? 0 : negative_errno();

	while ((de = readdir(d))) {
		unsigned input_nr, event_nr;
		struct dirent *de2;
		DIR *d2;

		if (!parse_suffix(de->d_name, "input", &input_nr))
			continue;
		snprintf(path, sizeof(path), "%s/input/%s", hid_dir, de->d_name);
		d2 = opendir(path);
		if (!d2)
			continue; /* went away under us */
		while ((de2 = readdir(d2))) {
			if (!parse_suffix(de2->d_name, "event", &event_nr))
				continue;
			if (count == cap) {
				struct hid_event_node_ref *nr;

				cap = cap ? cap * 2 : 8;
				nr = realloc(refs, cap * sizeof(*nr));
				if (!nr) {
					closedir(d2);
					closedir(d);
					return -ENOMEM;
				}
				refs = nr;
			}
			refs[count++] = (struct hid_event_node_ref){ input_nr, event_nr };
		}
		closedir(d2);
	}
	closedir(d);

	if (count)
		qsort(refs, count, sizeof(*refs), node_ref_cmp);
	*n = count;
	*out = steal_pointer(&refs);
	return 0;
}

int
hid_sysfs_hidraw_name(const char *hid_dir, char *name, size_t namelen)
{
	char path[PATH_MAX];
	struct dirent *de;
	int r = -ENOENT;
	DIR *d;

	snprintf(path, sizeof(path), "%s/hidraw", hid_dir);
	d = opendir(path);
	if (!d)
		return errno == ENOENT ? -ENOENT : negative_errno();
	while ((de = readdir(d))) {
		unsigned nr;

		if (parse_suffix(de->d_name, "hidraw", &nr)) {
			snprintf(name, namelen, "hidraw%u", nr);
			r = 0;
			break;
		}
	}
	closedir(d);
	return r;
}

void
hid_sysfs_state_clear(struct hid_sysfs_state *s)
{
	free(s->rdesc);
	memset(s, 0, sizeof(*s));
}

void
hid_sysfs_state_read(const char *hid_dir, struct hid_sysfs_state *s)
{
	_cleanup_free_ struct hid_event_node_ref *refs = NULL;
	char path[PATH_MAX];
	size_t n = 0, off = 0;
	struct dirent *de;
	DIR *d;

	hid_sysfs_state_clear(s);
	snprintf(path, sizeof(path), "%s/driver", hid_dir);
	s->bound = access(path, F_OK) == 0;

	if (hid_sysfs_list_event_nodes(hid_dir, &refs, &n) == 0) {
		s->n_event = n;
		for (size_t i = 0; i < n && off < sizeof(s->ident); i++)
			off += (size_t)snprintf(s->ident + off, sizeof(s->ident) - off,
						"input%u:event%u ", refs[i].input_nr,
						refs[i].event_nr);
	}

	snprintf(path, sizeof(path), "%s/hidraw", hid_dir);
	d = opendir(path);
	if (d) {
		while ((de = readdir(d))) {
			unsigned nr;

			if (parse_suffix(de->d_name, "hidraw", &nr)) {
				s->has_hidraw = true;
				if (off < sizeof(s->ident))
					off += (size_t)snprintf(s->ident + off,
								sizeof(s->ident) - off, "hidraw%u ",
								nr);
			}
		}
		closedir(d);
	}

	snprintf(path, sizeof(path), "%s/report_descriptor", hid_dir);
	if (hid_file_read_all(path, 64 * 1024, (char **)&s->rdesc, &s->rdesc_len) < 0) {
		s->rdesc = NULL;
		s->rdesc_len = 0;
	}
}

bool
hid_sysfs_state_ready(const struct hid_sysfs_state *s)
{
	return s->bound && s->rdesc && (s->has_hidraw || s->n_event > 0);
}

int
hid_sysfs_wait(const char *hid_dir, bool (*accept)(const struct hid_sysfs_state *, void *),
	       void *data, unsigned timeout_ms, struct hid_sysfs_state *state)
{
	uint64_t start = now_ms(), since = 0;
	bool hidraw = access("/sys/class/hidraw", F_OK) == 0;
	char last_ident[sizeof(state->ident)] = "";
	bool was_ok = false;

	for (;;) {
		bool ok;
		uint64_t now;

		hid_sysfs_state_read(hid_dir, state);
		ok = hid_sysfs_state_ready(state);
		if (ok && accept)
			ok = accept(state, data);

		now = now_ms();
		if (!ok || !was_ok || strcmp(last_ident, state->ident) != 0)
			since = now;
		was_ok = ok;
		snprintf(last_ident, sizeof(last_ident), "%s", state->ident);

		if (ok &&
		    now - since >= (state->has_hidraw || !hidraw ? STABLE_MS : STABLE_NO_HIDRAW_MS))
			return 0;
		if (now - start >= timeout_ms)
			return -ETIMEDOUT;
		sleep_ms(POLL_STEP_MS);
	}
}
