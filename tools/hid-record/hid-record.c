// SPDX-License-Identifier: GPL-2.0-only
/*
 * hid-record: record HID devices in the hid-tools text format (see
 * lib/recording.h): the header (R:, N:, P:, I:) of each device, then one E:
 * line per input report with the time since the first report (the time
 * it was read), D: lines when there are several devices.
 *
 * Output is buffered: the lines go to memory and are written in one
 * write() every FLUSH_MS (sooner past OUT_HIGH bytes), so `tail -f` sees
 * a report within about FLUSH_MS, and a fast device costs one read() and
 * no write() per report. Everything read is written before hid-record
 * exits: after Ctrl-C or SIGTERM (with what the kernel had queued), when
 * the devices are unplugged and on a read error. The file is valid up to
 * its last full line at any time; on a write error (disk full) it stops
 * there, with one message. Only a kill -9 or a crash loses the last
 * FLUSH_MS of reports.
 *
 * Each device has a reader thread (a HID device's queue in the kernel is
 * short: hidraw keeps 64 reports). It waits for a report, then reads
 * without waiting until the queue is empty. When it found a backlog
 * (BATCH_MIN reports or more) the device is faster than one wake-up a
 * report: it pauses BATCH_PAUSE_US before the next look, so that the
 * reports come in batches, one read() each (hidapi: poll() and read());
 * their times are then those of the reads, up to BATCH_PAUSE_US late
 * (they were late already). A device slower than that gets a wake-up,
 * and its exact time, a report.
 * The main thread wakes the readers with SIGUSR1 when the recording
 * stops. With --before-fixups a reader also wakes every READ_STEP_MS, to
 * write B: lines of reports a fixup dropped.
 *
 * Two backends read the devices:
 *   hidraw  Linux hidraw ioctls: the exact HID name, phys, bus and ids, and
 *           the descriptor (HIDIOCGRDESC). The default on Linux.
 *   hidapi  the hidapi library, for the systems it supports. The name comes
 *           from the device's strings and there is no phys; hidapi before
 *           0.14 cannot read the descriptor, so on Linux it comes from sysfs.
 *
 * With --before-fixups (Linux, HID-BPF) a small HID-BPF program of ours
 * (hid-record.bpf.c, see bpf-recorder.c) is attached to each device before
 * the fixups already attached, and every input report as the device sent
 * it is written as a B: line (same time base as E:) before the E: lines
 * of the reports read after it: "the device sent B, the fixups made E".
 * A report a fixup drops has a B: line and no E: line. The R: line is then
 * the descriptor the device declared, before the fixups (read by the same
 * HID-BPF object), so the recording is what the device is and replays as
 * it; when the kernel uses another one (a fixup changed it), that follows
 * as a comment: "# R (after fixups): <len> <hex>".
 *
 * Exit: 0 recorded, 1 error, 2 usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#ifdef __linux__
#include <dirent.h>
#include <linux/hidraw.h>
#include <linux/input.h>
#include <sys/ioctl.h>
#endif

#include <hidapi.h>

#include "bpf-recorder.h"
#include "hex.h"
#include "io-util.h"
#include "log.h"
#include "macros.h"
#include "recording.h"
#include "time-util.h"

#define EXIT_USAGE	 2
#define READ_STEP_MS	 100
#define FLUSH_MS	 100
#define OUT_HIGH	 (1024 * 1024) /* bytes waiting that the reader writes itself */
#define WAKE_SIGNAL	 SIGUSR1       /* interrupts a reader's read() */
#define COUNTER_EVERY_MS 200
#define BATCH_MIN	 2
#define BATCH_PAUSE_US	 500 /* hidraw's 64 reports last 8 ms at 8,000/s */
_Static_assert(COUNTER_EVERY_MS % FLUSH_MS == 0 && COUNTER_EVERY_MS >= FLUSH_MS,
	       "the counter is printed every few flushes");

static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

static void
on_wake(int sig)
{
	(void)sig; /* only interrupts the read() it arrives in */
}

struct source;
struct recorder;

struct backend {
	const char *name;
	int (*open)(struct source *s);
	/*
	 * > 0: bytes read; 0: nothing within timeout_ms (0: do not wait, < 0:
	 * wait until a report comes or a signal interrupts); -ENODEV: gone
	 * (or, for hidapi, interrupted); -errno
	 */
	int (*read)(struct source *s, uint8_t *buf, size_t len, int timeout_ms);
	void (*close)(struct source *s);
};

struct source {
	const struct backend *backend;
	const char *path;
	struct recorder *rec;
	struct bpf_recorder *bpf;	 /* --before-fixups */
	struct hid_recording_device dev; /* the header; no events */
	/* --before-fixups: the descriptor the kernel uses (hidraw's), when it
	 * differs from dev.rdesc, the one the device declared */
	uint8_t *rdesc_fixed;
	size_t rdesc_fixed_len;
	int fd;
	hid_device *hd;
	unsigned long count; /* reports recorded, atomic */
	bool done;	     /* the reader thread has finished, atomic */
	int error;	     /* why it finished early (-ENODEV: unplugged) */
	pthread_t thread;
	bool thread_started;
};

/* text waiting to be written */
struct outbuf {
	char *data;
	size_t len, cap;
};

struct recorder {
	FILE *out; /* the header; then its fd, out_fd */
	int out_fd;
	const char *out_name;
	struct source *sources;
	size_t n_sources;
	pthread_mutex_t lock; /* all below but spare */
	bool have_first;
	uint64_t first_usec;
	size_t last_source;	    /* for D: lines */
	int write_error;	    /* also read without the lock, atomic */
	struct outbuf pending;	    /* lines not written yet */
	pthread_mutex_t write_lock; /* one writer at a time, and spare */
	struct outbuf spare;	    /* empty; swapped with pending to write it */
};

static void
source_clear(struct source *s)
{
	free(s->dev.name);
	free(s->dev.phys);
	free(s->dev.rdesc);
	free(s->rdesc_fixed);
	s->dev.name = s->dev.phys = NULL;
	s->dev.rdesc = s->rdesc_fixed = NULL;
}

/*
 * --before-fixups: the device's own descriptor becomes the R: line; the
 * one read from the device node (after the fixups) is kept for the
 * comment when it differs.
 */
static int
source_use_device_rdesc(struct source *s)
{
	uint8_t *orig;
	size_t len;
	int r;

	r = bpf_recorder_device_rdesc(s->bpf, &orig, &len);
	if (r < 0)
		return r;
	if (len == s->dev.rdesc_len && memcmp(orig, s->dev.rdesc, len) == 0) {
		free(orig);
		return 0;
	}
	log_info(s->path,
		 "R: is the descriptor the device declared (%zu bytes); the kernel uses another "
		 "after its fixups (%zu bytes), written as a comment",
		 len, s->dev.rdesc_len);
	free(s->rdesc_fixed);
	s->rdesc_fixed = s->dev.rdesc;
	s->rdesc_fixed_len = s->dev.rdesc_len;
	s->dev.rdesc = orig;
	s->dev.rdesc_len = len;
	return 0;
}

/* ------------------------------------------------------------------ */
/* sysfs helpers (Linux) */

#ifdef __linux__
/* "/dev/hidraw3" (or a link to it) -> "hidraw3" */
static int
hidraw_sysname(const char *path, char *name, size_t len)
{
	char real[PATH_MAX];
	const char *base;

	if (!realpath(path, real))
		return negative_errno();
	base = strrchr(real, '/');
	base = base ? base + 1 : real;
	if (strncmp(base, "hidraw", 6) != 0 || strlen(base) >= len)
		return -EINVAL;
	memcpy(name, base, strlen(base) + 1);
	return 0;
}

static int
sysfs_read_rdesc(const char *path, uint8_t **out, size_t *outlen)
{
	char name[64], file[PATH_MAX];
	int r;

	r = hidraw_sysname(path, name, sizeof(name));
	if (r < 0)
		return r;
	snprintf(file, sizeof(file), "/sys/class/hidraw/%s/device/report_descriptor", name);
	r = hid_file_read_all(file, HID_MAX_DESCRIPTOR_SIZE, (char **)out, outlen);
	if (r == 0 && *outlen == 0) {
		free(*out);
		*out = NULL;
		return -ENODATA;
	}
	return r;
}

/* HID_ID=0003:00000458:00000138 and HID_NAME= from the uevent of a hidraw node */
static int
sysfs_read_uevent(const char *sysname, uint16_t *bus, uint32_t *vid, uint32_t *pid, char *hname,
		  size_t hnamelen)
{
	_cleanup_free_ char *text = NULL;
	char file[PATH_MAX];
	unsigned b, v, p;
	const char *id, *nm;
	size_t len;
	int r;

	snprintf(file, sizeof(file), "/sys/class/hidraw/%s/device/uevent", sysname);
	r = hid_file_read_all(file, 64 * 1024, &text, &len);
	if (r < 0)
		return r;
	id = strstr(text, "HID_ID=");
	if (!id || sscanf(id, "HID_ID=%x:%x:%x", &b, &v, &p) != 3 || b > 0xffff)
		return -EINVAL;
	*bus = (uint16_t)b;
	*vid = v;
	*pid = p;
	if (hname) {
		nm = strstr(text, "HID_NAME=");
		snprintf(hname, hnamelen, "%.*s", nm ? (int)strcspn(nm + 9, "\n") : 0,
			 nm ? nm + 9 : "");
	}
	return 0;
}
#endif

/* ------------------------------------------------------------------ */
/* hidraw backend */

#ifdef __linux__
static int
hidraw_open(struct source *s)
{
	struct hidraw_report_descriptor desc = { 0 };
	struct hidraw_devinfo info = { 0 };
	char buf[256];
	int size = 0, r;

	s->fd = open(s->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (s->fd < 0)
		return log_error_errno(s->path, negative_errno(), "cannot open: %m%s",
				       errno == EACCES ? " (run as root)" : "");
	if (ioctl(s->fd, HIDIOCGRDESCSIZE, &size) < 0)
		return log_error_errno(s->path, negative_errno(),
				       "HIDIOCGRDESCSIZE: %m (not a hidraw node?)");
	if (size <= 0 || size > HID_MAX_DESCRIPTOR_SIZE)
		return log_error_errno(s->path, -EINVAL, "descriptor size %d out of range", size);
	desc.size = (uint32_t)size;
	if (ioctl(s->fd, HIDIOCGRDESC, &desc) < 0)
		return log_error_errno(s->path, negative_errno(), "HIDIOCGRDESC: %m");
	s->dev.rdesc = malloc((size_t)size);
	if (!s->dev.rdesc)
		return -ENOMEM;
	memcpy(s->dev.rdesc, desc.value, (size_t)size);
	s->dev.rdesc_len = (size_t)size;

	r = ioctl(s->fd, HIDIOCGRAWNAME(sizeof(buf)), buf);
	if (r < 0)
		return log_error_errno(s->path, negative_errno(), "HIDIOCGRAWNAME: %m");
	buf[r < (int)sizeof(buf) ? r : (int)sizeof(buf) - 1] = '\0';
	s->dev.name = strdup(buf);
	r = ioctl(s->fd, HIDIOCGRAWPHYS(sizeof(buf)), buf);
	if (r < 0)
		return log_error_errno(s->path, negative_errno(), "HIDIOCGRAWPHYS: %m");
	buf[r < (int)sizeof(buf) ? r : (int)sizeof(buf) - 1] = '\0';
	s->dev.phys = strdup(buf);
	if (!s->dev.name || !s->dev.phys)
		return -ENOMEM;
	if (ioctl(s->fd, HIDIOCGRAWINFO, &info) < 0)
		return log_error_errno(s->path, negative_errno(), "HIDIOCGRAWINFO: %m");
	s->dev.bus = (uint16_t)info.bustype;
	s->dev.vid = (uint16_t)info.vendor;
	s->dev.pid = (uint16_t)info.product;
	s->dev.has_ids = true;
	return 0;
}

static int
hidraw_read(struct source *s, uint8_t *buf, size_t len, int timeout_ms)
{
	struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
	ssize_t n;
	int r;

	/* a queued report costs one read(), whatever the timeout */
	n = read(s->fd, buf, len);
	if (n > 0)
		return (int)n;
	if (n < 0 && errno != EAGAIN)
		return errno == EINTR ? 0 : -ENODEV; /* hidraw: EIO once the device is gone */
	if (timeout_ms == 0)
		return 0;
	r = poll(&pfd, 1, timeout_ms);
	if (r < 0)
		return errno == EINTR ? 0 : negative_errno();
	if (r == 0)
		return 0;
	n = read(s->fd, buf, len);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return 0;
		return -ENODEV; /* hidraw answers EIO (or ENODEV) once the device is gone */
	}
	if (n == 0)
		return (pfd.revents & (POLLHUP | POLLERR)) ? -ENODEV : 0;
	return (int)n;
}

static void
hidraw_close(struct source *s)
{
	closep(&s->fd);
	s->fd = -1;
}

static const struct backend backend_hidraw = {
	.name = "hidraw",
	.open = hidraw_open,
	.read = hidraw_read,
	.close = hidraw_close,
};
#endif

/* ------------------------------------------------------------------ */
/* hidapi backend */

static char *
wcs_to_str(const wchar_t *w)
{
	size_t n;
	char *s;

	if (!w)
		return strdup("");
	n = wcstombs(NULL, w, 0);
	if (n == (size_t)-1)
		return strdup("");
	s = malloc(n + 1);
	if (s)
		wcstombs(s, w, n + 1);
	return s;
}

static int
hidapi_open(struct source *s)
{
#if HID_API_VERSION >= HID_API_MAKE_VERSION(0, 13, 0)
	struct hid_device_info *info;
#endif
	_cleanup_free_ char *manufacturer = NULL, *product = NULL;
	wchar_t w[256];
	int r;

	s->hd = hid_open_path(s->path);
	if (!s->hd)
		return log_error_errno(s->path, -ENODEV, "hid_open_path: %ls",
				       hid_error(NULL) ?: L"failed");

#if HID_API_VERSION >= HID_API_MAKE_VERSION(0, 14, 0)
	{
		uint8_t buf[HID_API_MAX_REPORT_DESCRIPTOR_SIZE];

		r = hid_get_report_descriptor(s->hd, buf, sizeof(buf));
		if (r <= 0)
			return log_error_errno(s->path, -EIO, "hid_get_report_descriptor: %ls",
					       hid_error(s->hd));
		s->dev.rdesc = malloc((size_t)r);
		if (!s->dev.rdesc)
			return -ENOMEM;
		memcpy(s->dev.rdesc, buf, (size_t)r);
		s->dev.rdesc_len = (size_t)r;
	}
#elif defined(__linux__)
	/* hidapi < 0.14 has no descriptor call */
	r = sysfs_read_rdesc(s->path, &s->dev.rdesc, &s->dev.rdesc_len);
	if (r < 0)
		return log_error_errno(s->path, r, "reading the report descriptor from sysfs: %s",
				       strerror(-r));
#else
	return log_error_errno(s->path, -EOPNOTSUPP,
			       "hidapi %s cannot read report descriptors; 0.14 or newer is needed",
			       hid_version_str());
#endif

	if (hid_get_manufacturer_string(s->hd, w, ARRAY_SIZE(w)) == 0)
		manufacturer = wcs_to_str(w);
	if (hid_get_product_string(s->hd, w, ARRAY_SIZE(w)) == 0)
		product = wcs_to_str(w);
	r = asprintf(&s->dev.name, "%s%s%s", manufacturer ?: "",
		     manufacturer && *manufacturer && product && *product ? " " : "",
		     product ?: "");
	if (r < 0) {
		s->dev.name = NULL;
		return -ENOMEM;
	}

#if HID_API_VERSION >= HID_API_MAKE_VERSION(0, 13, 0)
	info = hid_get_device_info(s->hd);
	if (info) {
		s->dev.vid = info->vendor_id;
		s->dev.pid = info->product_id;
		uint16_t bus = 0; /* an unknown bus type: no I: line */

		switch (info->bus_type) {
		case HID_API_BUS_USB:
			bus = 0x03; /* BUS_USB */
			break;
		case HID_API_BUS_BLUETOOTH:
			bus = 0x05; /* BUS_BLUETOOTH */
			break;
		case HID_API_BUS_I2C:
			bus = 0x18; /* BUS_I2C */
			break;
		case HID_API_BUS_SPI:
			bus = 0x1c; /* BUS_SPI */
			break;
		default:
			break;
		}
		if (bus) {
			s->dev.bus = bus;
			s->dev.has_ids = true;
		}
	}
#endif
#ifdef __linux__
	if (!s->dev.has_ids) {
		char sysname[64];

		/* hidapi does not know the bus: the kernel does */
		if (hidraw_sysname(s->path, sysname, sizeof(sysname)) == 0 &&
		    sysfs_read_uevent(sysname, &s->dev.bus, &s->dev.vid, &s->dev.pid, NULL, 0) == 0)
			s->dev.has_ids = true;
	}
#endif
	if (!s->dev.has_ids)
		log_warn(s->path, "bus unknown to hidapi: the recording has no I: line");
	return 0;
}

static int
hidapi_read(struct source *s, uint8_t *buf, size_t len, int timeout_ms)
{
	/* -1: a blocking read() without poll() (the device is opened blocking);
	 * else poll() and read() */
	int r = hid_read_timeout(s->hd, buf, len, timeout_ms < 0 ? -1 : timeout_ms);

	if (r < 0)
		return -ENODEV; /* a disconnect, or a signal: hidapi says -1 to both */
	return r;
}

static void
hidapi_close(struct source *s)
{
	if (s->hd)
		hid_close(s->hd);
	s->hd = NULL;
}

static const struct backend backend_hidapi = {
	.name = "hidapi",
	.open = hidapi_open,
	.read = hidapi_read,
	.close = hidapi_close,
};

/* ------------------------------------------------------------------ */
/* recording */

/*
 * The header lines of s, with the descriptor after the fixups as a
 * comment right after the R: line when there is one. The header is
 * written to memory first to find where its R: line ends.
 */
static int
write_header(FILE *out, const struct source *s, bool with_d)
{
	_cleanup_free_ char *buf = NULL;
	const char *rline, *rest;
	size_t len = 0;
	FILE *mem;
	int r;

	if (!s->rdesc_fixed)
		return hid_recording_write_header(out, &s->dev, with_d);

	mem = open_memstream(&buf, &len);
	if (!mem)
		return negative_errno();
	r = hid_recording_write_header(mem, &s->dev, with_d);
	if (fclose(mem) != 0 && r == 0)
		r = -ENOMEM;
	if (r < 0)
		return r;
	/* the header starts with "R: " or "D: <index>\nR: "; names have no newline */
	rline = strncmp(buf, "R: ", 3) == 0 ? buf : strstr(buf, "\nR: ");
	rest = rline ? strchr(rline + 1, '\n') : NULL;
	if (!rest)
		return -EINVAL;
	rest++;
	if (fwrite(buf, 1, (size_t)(rest - buf), out) != (size_t)(rest - buf) ||
	    fprintf(out, "# R (after fixups): %zu ", s->rdesc_fixed_len) < 0)
		return -EIO;
	r = hex_write(out, s->rdesc_fixed, s->rdesc_fixed_len, 0);
	if (r < 0)
		return r;
	if (fputs(rest, out) == EOF)
		return -EIO;
	return 0;
}

/* the first write or memory error stops the recording; said once. Under rec->lock. */
static void
recorder_fail(struct recorder *rec, int error)
{
	if (rec->write_error)
		return;
	__atomic_store_n(&rec->write_error, error, __ATOMIC_SEQ_CST);
	log_error(rec->out_name, "write error: %s", strerror(-error));
}

static bool
recorder_stopping(struct recorder *rec)
{
	return stop_signal || __atomic_load_n(&rec->write_error, __ATOMIC_SEQ_CST);
}

/* room for n more bytes in b */
static int
outbuf_reserve(struct outbuf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 64 * 1024;
	char *data;

	if (b->len + n <= b->cap)
		return 0;
	while (cap < b->len + n)
		cap *= 2;
	data = realloc(b->data, cap);
	if (!data)
		return -ENOMEM;
	b->data = data;
	b->cap = cap;
	return 0;
}

/*
 * Write the pending lines. The readers go on filling the other buffer
 * meanwhile; writers take turns, so the file keeps the order.
 */
static int
recorder_flush(struct recorder *rec)
{
	struct outbuf out;
	int r;

	pthread_mutex_lock(&rec->write_lock);
	pthread_mutex_lock(&rec->lock);
	out = rec->pending;
	rec->pending = rec->spare;
	r = rec->write_error;
	pthread_mutex_unlock(&rec->lock);

	if (r == 0 && out.len)
		r = fd_write_all(rec->out_fd, out.data, out.len); /* ENOSPC says more than EIO */
	out.len = 0;
	rec->spare = out;

	if (r < 0) {
		pthread_mutex_lock(&rec->lock);
		recorder_fail(rec, r);
		pthread_mutex_unlock(&rec->lock);
	}
	pthread_mutex_unlock(&rec->write_lock);
	return r;
}

static int
write_report(struct recorder *rec, struct source *s, const uint8_t *data, size_t len, uint64_t t,
	     bool before_fixup)
{
	struct hid_recording_event ev = { .len = len,
					  .data = (uint8_t *)data,
					  .before_fixup = before_fixup };
	size_t idx = (size_t)(s - rec->sources);
	bool full = false;
	int r, n;

	pthread_mutex_lock(&rec->lock);
	r = rec->write_error;
	if (r < 0)
		goto out;
	if (!rec->have_first) {
		rec->have_first = true;
		rec->first_usec = t;
	}
	ev.usec = t > rec->first_usec ? t - rec->first_usec : 0;
	/* "D: <index>\n" (at most 255) and the line */
	r = outbuf_reserve(&rec->pending, 16 + HID_RECORDING_EVENT_LINE_MAX(len));
	if (r < 0) {
		recorder_fail(rec, r);
		goto out;
	}
	if (rec->n_sources > 1 && idx != rec->last_source) {
		rec->pending.len +=
			(size_t)snprintf(rec->pending.data + rec->pending.len, 16, "D: %zu\n", idx);
		rec->last_source = idx;
	}
	n = hid_recording_format_event(rec->pending.data + rec->pending.len, &ev);
	if (n < 0) {
		r = n;
		goto out;
	}
	rec->pending.len += (size_t)n;
	full = rec->pending.len >= OUT_HIGH;
out:
	pthread_mutex_unlock(&rec->lock);
	if (r < 0)
		return r;
	if (!before_fixup)
		__atomic_add_fetch(&s->count, 1, __ATOMIC_SEQ_CST);
	/* the main thread writes every FLUSH_MS; a reader only when it is behind */
	return full ? recorder_flush(rec) : 0;
}

static int
write_before_fixup(const uint8_t *data, size_t len, uint64_t usec, void *userdata)
{
	struct source *s = userdata;

	return write_report(s->rec, s, data, len, usec, true);
}

/*
 * The B: lines of every report the kernel has received so far: the hook
 * runs before hidraw queues the report, so a report read from hidraw
 * already has its B: line waiting.
 */
static int
write_before_fixups(struct source *s)
{
	int r;

	if (!s->bpf)
		return 0;
	r = bpf_recorder_drain(s->bpf);
	return r < 0 ? r : 0;
}

struct reader_arg {
	struct recorder *rec;
	struct source *s;
};

static void *
reader_thread(void *data)
{
	struct reader_arg *a = data;
	struct source *s = a->s;
	_cleanup_free_ uint8_t *buf = malloc(HID_RECORDING_MAX_REPORT);
	/* with a B: recorder, wake up to write the B: lines of dropped reports */
	int wait = s->bpf ? READ_STEP_MS : -1;
	bool draining = false; /* the queue may hold more: do not wait */
	unsigned drained = 0;  /* reports read since the last wait or pause */
	int r = 0;

	if (!buf) {
		s->error = -ENOMEM;
		goto out;
	}
	while (!recorder_stopping(a->rec)) {
		uint64_t t;

		r = s->backend->read(s, buf, HID_RECORDING_MAX_REPORT, draining ? 0 : wait);
		t = now_usec();
		if (r < 0 && recorder_stopping(a->rec)) {
			/* hidapi's answer to WAKE_SIGNAL; the reads below tell a real error */
			r = 0;
			break;
		}
		if (r < 0)
			break;
		if (r > 0) {
			draining = true;
			drained++;
		} else if (draining && drained >= BATCH_MIN) {
			/* a backlog: let the next batch come (a signal cuts it short) */
			struct timespec pause = { .tv_nsec = BATCH_PAUSE_US * 1000 };

			nanosleep(&pause, NULL);
			drained = 0;
		} else {
			draining = false;
			drained = 0;
		}
		if (write_before_fixups(s) < 0)
			break;
		if (r > 0 && write_report(a->rec, s, buf, (size_t)r, t, false) < 0)
			break;
	}
	/* Stopped by a signal: what the kernel has queued was sent before it. */
	while (r >= 0 && stop_signal && !__atomic_load_n(&a->rec->write_error, __ATOMIC_SEQ_CST)) {
		uint64_t t;

		r = s->backend->read(s, buf, HID_RECORDING_MAX_REPORT, 0);
		t = now_usec();
		if (r <= 0)
			break;
		if (write_before_fixups(s) < 0)
			break;
		if (write_report(a->rec, s, buf, (size_t)r, t, false) < 0)
			break;
	}
	if (r < 0)
		s->error = r;
	/* reports that a fixup dropped, or that came as the device went away */
	if (!__atomic_load_n(&a->rec->write_error, __ATOMIC_SEQ_CST))
		write_before_fixups(s);
out:
	__atomic_store_n(&s->done, true, __ATOMIC_SEQ_CST);
	return NULL;
}

static void
print_counter(struct recorder *rec, bool final)
{
	char line[512];
	size_t off = 0;

	for (size_t i = 0; i < rec->n_sources && off < sizeof(line); i++)
		off += (size_t)snprintf(line + off, sizeof(line) - off, "%s%s: %lu", i ? "  " : "",
					rec->sources[i].path,
					__atomic_load_n(&rec->sources[i].count, __ATOMIC_SEQ_CST));
	fprintf(stderr, "\r%s reports%s", line, final ? "\n" : "");
}

static int
record(struct recorder *rec)
{
	struct reader_arg *args;
	bool tty = isatty(STDERR_FILENO);
	int r = 0;

	args = calloc(rec->n_sources, sizeof(*args));
	if (!args)
		return -ENOMEM;

	for (size_t i = 0; i < rec->n_sources; i++) {
		r = write_header(rec->out, &rec->sources[i], rec->n_sources > 1);
		if (r < 0) {
			log_error(rec->sources[i].path, "cannot write the header: %s",
				  strerror(-r));
			free(args);
			return r;
		}
	}
	rec->last_source = rec->n_sources - 1;
	if (fflush(rec->out) != 0) {
		free(args);
		return log_error_errno(rec->out_name, negative_errno(), "write error: %m");
	}
	/* the rest bypasses stdio: see recorder_flush() */
	rec->out_fd = fileno(rec->out);

	for (size_t i = 0; i < rec->n_sources; i++) {
		args[i] = (struct reader_arg){ rec, &rec->sources[i] };
		r = pthread_create(&rec->sources[i].thread, NULL, reader_thread, &args[i]);
		if (r != 0) {
			stop_signal = SIGTERM;
			r = log_error_errno(NULL, -r, "pthread_create: %s", strerror(r));
			break;
		}
		rec->sources[i].thread_started = true;
	}
	if (r == 0)
		log_info(NULL, "recording %zu device(s); Ctrl-C ends the recording",
			 rec->n_sources);

	for (unsigned tick = 0;; tick++) {
		bool all_done = true, stopping = recorder_stopping(rec);

		for (size_t i = 0; i < rec->n_sources; i++) {
			struct source *s = &rec->sources[i];

			if (!s->thread_started || __atomic_load_n(&s->done, __ATOMIC_SEQ_CST))
				continue;
			all_done = false;
			/* again each time: it may have been about to read */
			if (stopping)
				pthread_kill(s->thread, WAKE_SIGNAL);
		}
		if (all_done)
			break;
		if (tty && tick % (COUNTER_EVERY_MS / FLUSH_MS) == 0)
			print_counter(rec, false);
		sleep_ms(FLUSH_MS);
		recorder_flush(rec);
	}

	for (size_t i = 0; i < rec->n_sources; i++) {
		struct source *s = &rec->sources[i];

		if (!s->thread_started)
			continue;
		pthread_join(s->thread, NULL);
		if (s->bpf && bpf_recorder_lost(s->bpf))
			log_warn(s->path,
				 "%" PRIu64
				 " report(s) came too fast for the B: lines and have none",
				 bpf_recorder_lost(s->bpf));
		if (rec->write_error)
			continue; /* the recording ended there, said once; the rest is moot */
		if (s->error == -ENODEV)
			log_info(s->path, "device gone, recording of it ended");
		else if (s->error < 0 && r == 0)
			r = log_error_errno(s->path, s->error, "reading: %s", strerror(-s->error));
	}
	recorder_flush(rec);
	if (tty)
		print_counter(rec, true);
	free(args);
	if (rec->write_error)
		return rec->write_error;
	return r;
}

/* ------------------------------------------------------------------ */
/* device selection */

struct listed {
	char path[PATH_MAX];
};

static int
list_and_ask(const struct backend *backend, char *chosen, size_t len)
{
	_cleanup_free_ struct listed *list = NULL;
	size_t n = 0, cap = 0;
	char line[64];
	unsigned long v;
	char *end;

#ifdef __linux__
	if (backend != &backend_hidapi) {
		struct dirent **names = NULL;
		int count = scandir("/sys/class/hidraw", &names, NULL, versionsort);

		if (count < 0)
			return log_error_errno("/sys/class/hidraw", negative_errno(),
					       "cannot list hidraw devices: %m");
		for (int i = 0; i < count; i++) {
			char hname[256] = "";
			uint16_t bus = 0;
			uint32_t vid = 0, pid = 0;

			if (strncmp(names[i]->d_name, "hidraw", 6) == 0 &&
			    sysfs_read_uevent(names[i]->d_name, &bus, &vid, &pid, hname,
					      sizeof(hname)) == 0) {
				if (n == cap) {
					struct listed *nl;

					cap = cap ? cap * 2 : 16;
					nl = realloc(list, cap * sizeof(*nl));
					if (!nl)
						break;
					list = nl;
				}
				snprintf(list[n].path, sizeof(list[n].path), "/dev/%s",
					 names[i]->d_name);
				fprintf(stderr, "%3zu) %-14s %04x:%04x:%04x  %s\n", n + 1,
					list[n].path, bus, vid, pid, hname);
				n++;
			}
			free(names[i]);
		}
		free(names);
	} else
#endif
	{
		struct hid_device_info *devs = hid_enumerate(0, 0);

		for (struct hid_device_info *d = devs; d; d = d->next) {
			_cleanup_free_ char *product = NULL;
			bool seen = false;

			/* hidapi lists a device once per top-level collection */
			for (size_t i = 0; i < n && !seen; i++)
				seen = strcmp(list[i].path, d->path) == 0;
			if (seen)
				continue;
			product = wcs_to_str(d->product_string);
			if (n == cap) {
				struct listed *nl;

				cap = cap ? cap * 2 : 16;
				nl = realloc(list, cap * sizeof(*nl));
				if (!nl)
					break;
				list = nl;
			}
			snprintf(list[n].path, sizeof(list[n].path), "%s", d->path);
			fprintf(stderr, "%3zu) %-14s %04x:%04x  %s\n", n + 1, d->path, d->vendor_id,
				d->product_id, product ?: "");
			n++;
		}
		hid_free_enumeration(devs);
	}
	if (n == 0)
		return log_error_errno(NULL, -ENODEV, "no HID devices found");

	fprintf(stderr, "Select the device to record [1-%zu]: ", n);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return log_error_errno(NULL, -EINVAL, "no device selected");
	line[strcspn(line, "\r\n")] = '\0';
	errno = 0;
	v = strtoul(line, &end, 10);
	if (line[0] < '0' || line[0] > '9' || errno || *end != '\0' || v < 1 || v > n)
		return log_error_errno(NULL, -EINVAL, "'%s' is not a number from 1 to %zu", line,
				       n);
	snprintf(chosen, len, "%s", list[v - 1].path);
	return 0;
}

/* ------------------------------------------------------------------ */

static void
usage(FILE *f)
{
	fprintf(f, "Usage: hid-record [OPTIONS] [DEVICE...]\n"
		   "\n"
		   "Record HID devices (/dev/hidrawN, or a hidapi path) in the hid-recorder text\n"
		   "format until Ctrl-C or until the devices are unplugged. Without DEVICE, list\n"
		   "the HID devices and ask which to record.\n"
		   "\n"
		   "  -o, --output FILE     write the recording to FILE (default: stdout)\n"
		   "  --backend NAME        hidraw (Linux, default) or hidapi\n"
		   "  --before-fixups       also record each input report as the device sent it,\n"
		   "                        before the HID-BPF fixups attached to it, as B: lines\n"
		   "                        beside the E: lines (what the fixups made of them);\n"
		   "                        R: is the descriptor the device declared, and the\n"
		   "                        one after the fixups a comment when they differ.\n"
		   "                        Needs root and a kernel with HID-BPF; a recorder is\n"
		   "                        attached to each device until the recording ends\n"
		   "  --verbose             debug messages\n"
		   "  --help                this text\n"
		   "\n"
		   "Exit: 0 recorded, 1 error, 2 usage error.\n");
}

enum {
	OPT_BACKEND = 256,
	OPT_BEFORE_FIXUPS,
};

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "backend", required_argument, NULL, OPT_BACKEND },
		{ "before-fixups", no_argument, NULL, OPT_BEFORE_FIXUPS },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
#ifdef __linux__
	const struct backend *backend = &backend_hidraw;
#else
	const struct backend *backend = &backend_hidapi;
#endif
	struct recorder rec = { .out = stdout, .out_name = "stdout" };
	struct sigaction sa = { .sa_handler = on_signal }, wake = { .sa_handler = on_wake };
	_cleanup_free_ struct source *sources = NULL;
	const char *output = NULL;
	bool before_fixups = false;
	char chosen[PATH_MAX];
	const char *one[1] = { chosen };
	const char **paths;
	size_t n_paths;
	int opt, r, ret = 1;

	log_set_program("hid-record");
	setlocale(LC_CTYPE, "");
	while ((opt = getopt_long(argc, argv, "o:vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		case OPT_BACKEND:
			if (strcmp(optarg, "hidapi") == 0) {
				backend = &backend_hidapi;
#ifdef __linux__
			} else if (strcmp(optarg, "hidraw") == 0) {
				backend = &backend_hidraw;
#endif
			} else {
				log_error(NULL, "--backend: unknown backend '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_BEFORE_FIXUPS:
			before_fixups = true;
			break;
		case 'v':
			log_set_level(LOG_LEVEL_DEBUG);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}

	if (backend == &backend_hidapi && hid_init() < 0) {
		log_error(NULL, "hid_init failed");
		return 1;
	}

	if (optind == argc) {
		if (list_and_ask(backend, chosen, sizeof(chosen)) < 0)
			goto out_exit;
		paths = one;
		n_paths = 1;
	} else {
		paths = (const char **)argv + optind;
		n_paths = (size_t)(argc - optind);
	}

	sources = calloc(n_paths, sizeof(*sources));
	if (!sources)
		goto out_exit;
	rec.sources = sources;
	rec.n_sources = n_paths;
	for (size_t i = 0; i < n_paths; i++) {
		sources[i].backend = backend;
		sources[i].path = paths[i];
		sources[i].rec = &rec;
		sources[i].fd = -1;
		sources[i].dev.index = (unsigned)i;
	}
	for (size_t i = 0; i < n_paths; i++) {
		r = backend->open(&sources[i]);
		if (r < 0)
			goto out;
		log_debug(sources[i].path, "%s: %zu descriptor bytes, %04x:%04x:%04x \"%s\"",
			  backend->name, sources[i].dev.rdesc_len, sources[i].dev.bus,
			  sources[i].dev.vid, sources[i].dev.pid, sources[i].dev.name);
	}
	if (before_fixups) {
		bpf_recorder_init_logging();
		for (size_t i = 0; i < n_paths; i++) {
			sources[i].bpf =
				bpf_recorder_new(sources[i].path, write_before_fixup, &sources[i]);
			if (!sources[i].bpf || source_use_device_rdesc(&sources[i]) < 0)
				goto out;
		}
	}

	if (output) {
		rec.out = fopen(output, "we");
		if (!rec.out) {
			log_error(output, "cannot write: %m");
			goto out;
		}
		rec.out_name = output;
	}

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* no SA_RESTART: it must interrupt read() */
	sigemptyset(&wake.sa_mask);
	sigaction(WAKE_SIGNAL, &wake, NULL);
	signal(SIGPIPE, SIG_IGN);
	pthread_mutex_init(&rec.lock, NULL);
	pthread_mutex_init(&rec.write_lock, NULL);

	r = record(&rec);
	pthread_mutex_destroy(&rec.lock);
	pthread_mutex_destroy(&rec.write_lock);
	free(rec.pending.data);
	free(rec.spare.data);
	if (output && fclose(rec.out) != 0 && r == 0)
		r = log_error_errno(output, negative_errno(), "write error: %m");
	if (r == 0)
		ret = 0;
out:
	for (size_t i = 0; i < n_paths; i++) {
		bpf_recorder_free(sources[i].bpf); /* detach */
		backend->close(&sources[i]);
		source_clear(&sources[i]);
	}
out_exit:
	if (backend == &backend_hidapi)
		hid_exit();
	return ret;
}
