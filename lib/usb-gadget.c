// SPDX-License-Identifier: GPL-2.0-only
/*
 * A recorded HID device as a USB gadget on dummy_hcd (see usb-gadget.h).
 *
 * configfs layout written (G = /sys/kernel/config/usb_gadget/hidfix-<uniq>):
 *   G/idVendor, G/idProduct, G/bcdUSB, G/strings/0x409/{product,serialnumber}
 *   G/functions/hid.N/{protocol,subclass,report_length,report_desc}
 *   G/configs/c.1/hid.N -> G/functions/hid.N, and G/UDC = the first UDC.
 * No manufacturer string: usbhid then names the HID device after the
 * product string alone, the recording's name, as uhid does.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hex.h"
#include "log.h"
#include "time-util.h"
#include "uhid.h"
#include "usb-gadget.h"

#define CONFIGFS      "/sys/kernel/config"
#define GADGET_ROOT   CONFIGFS "/usb_gadget"
#define UDC_CLASS     "/sys/class/udc"
#define POLL_STEP_MS  50
#define WRITE_TIMEOUT 2000 /* ms for the host to take one report */

/* A report the host can bind hid-generic to: vendor page, one byte of input. */
static const uint8_t filler_rdesc[] = {
	0x06, 0x00, 0xff, /* Usage Page (Vendor Defined 0xff00) */
	0x09, 0x01,	  /* Usage (1) */
	0xa1, 0x01,	  /* Collection (Application) */
	0x15, 0x00,	  /*   Logical Minimum (0) */
	0x26, 0xff, 0x00, /*   Logical Maximum (255) */
	0x75, 0x08,	  /*   Report Size (8) */
	0x95, 0x01,	  /*   Report Count (1) */
	0x09, 0x01,	  /*   Usage (1) */
	0x81, 0x02,	  /*   Input (Data,Var,Abs) */
	0xc0,		  /* End Collection */
};

struct usb_gadget_hid {
	char dir[256]; /* GADGET_ROOT "/" uniq */
	char uniq[128];
	unsigned interface;
	unsigned n_functions; /* created so far (for cleanup) */
	unsigned n_links;
	bool bound;
	int fd; /* /dev/hidgN of the recorded interface */
};

static int
write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char path[PATH_MAX];
	_cleanup_close_ int fd = -1;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return log_error_errno(NULL, -errno, "%s: %s", path, strerror(errno));
	if (write(fd, data, len) != (ssize_t)len)
		return log_error_errno(NULL, -errno, "%s: %s", path, strerror(errno));
	return 0;
}

static int
write_str(const char *dir, const char *name, const char *value)
{
	return write_file(dir, name, value, strlen(value));
}

static int
make_dir(const char *dir, const char *sub)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, sub) >= sizeof(path))
		return -ENAMETOOLONG;
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return log_error_errno(NULL, -errno, "%s: %s", path, strerror(errno));
	return 0;
}

/* The first USB device controller, e.g. "dummy_udc.0". */
static int
first_udc(char *out, size_t len)
{
	DIR *d = opendir(UDC_CLASS);
	struct dirent *de;
	int r = -ENODEV;

	if (!d)
		return log_error_errno(NULL, -ENODEV,
				       UDC_CLASS ": no USB device controller (load dummy_hcd)");
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		r = (size_t)snprintf(out, len, "%s", de->d_name) < len ? 0 : -ENAMETOOLONG;
		break;
	}
	closedir(d);
	if (r < 0)
		log_error(NULL, UDC_CLASS ": no USB device controller (load dummy_hcd)");
	return r;
}

static size_t
max_report_len(const struct hid_recording_device *dev)
{
	size_t max = 1;

	for (size_t i = 0; i < dev->n_events; i++) {
		if (dev->events[i].len > max)
			max = dev->events[i].len;
	}
	return max;
}

static int
add_function(struct usb_gadget_hid *g, unsigned n, const uint8_t *rdesc, size_t rdesc_len,
	     size_t report_len)
{
	char fn[PATH_MAX], sub[64], link[PATH_MAX], num[32];
	int r;

	snprintf(sub, sizeof(sub), "functions/hid.%u", n);
	r = make_dir(g->dir, sub);
	if (r < 0)
		return r;
	g->n_functions = n + 1;
	snprintf(fn, sizeof(fn), "%s/%s", g->dir, sub);
	snprintf(num, sizeof(num), "%zu", report_len);
	r = write_str(fn, "protocol", "0");
	if (r == 0)
		r = write_str(fn, "subclass", "0");
	if (r == 0)
		r = write_str(fn, "report_length", num);
	if (r == 0)
		r = write_file(fn, "report_desc", rdesc, rdesc_len);
	if (r < 0)
		return r;
	snprintf(link, sizeof(link), "%s/configs/c.1/hid.%u", g->dir, n);
	if (symlink(fn, link) < 0)
		return log_error_errno(NULL, -errno, "%s: %s", link, strerror(errno));
	g->n_links = n + 1;
	return 0;
}

struct usb_gadget_hid *
usb_gadget_hid_new(const struct hid_recording_device *dev, unsigned interface, const char *uniq)
{
	_cleanup_(usb_gadget_hid_freep) struct usb_gadget_hid *g = NULL;
	char num[16], udc[64], path[PATH_MAX];
	struct stat st;
	int r;

	if (interface > USB_GADGET_MAX_INTERFACE || strlen(uniq) >= sizeof(g->uniq)) {
		errno = EINVAL;
		return NULL;
	}
	if (stat(GADGET_ROOT, &st) < 0 && mount("none", CONFIGFS, "configfs", 0, NULL) < 0 &&
	    errno != EBUSY) {
		log_error(NULL, CONFIGFS ": cannot mount configfs: %m");
		return NULL;
	}
	if (stat(GADGET_ROOT, &st) < 0) {
		log_error(NULL, GADGET_ROOT ": missing (load libcomposite)");
		errno = ENOENT;
		return NULL;
	}
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	g->fd = -1;
	g->interface = interface;
	snprintf(g->uniq, sizeof(g->uniq), "%s", uniq);
	if ((size_t)snprintf(g->dir, sizeof(g->dir), GADGET_ROOT "/%s", uniq) >= sizeof(g->dir)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (mkdir(g->dir, 0755) < 0) {
		log_error(NULL, "%s: %m", g->dir);
		g->dir[0] = '\0';
		return NULL;
	}

	snprintf(num, sizeof(num), "0x%04x", dev->vid);
	r = write_str(g->dir, "idVendor", num);
	snprintf(num, sizeof(num), "0x%04x", dev->pid);
	if (r == 0)
		r = write_str(g->dir, "idProduct", num);
	if (r == 0)
		r = write_str(g->dir, "bcdUSB", "0x0200");
	if (r == 0)
		r = make_dir(g->dir, "strings/0x409");
	snprintf(path, sizeof(path), "%s/strings/0x409", g->dir);
	if (r == 0 && dev->name)
		r = write_str(path, "product", dev->name);
	if (r == 0)
		r = write_str(path, "serialnumber", uniq);
	if (r == 0)
		r = make_dir(g->dir, "configs/c.1");
	for (unsigned i = 0; r == 0 && i < interface; i++)
		r = add_function(g, i, filler_rdesc, sizeof(filler_rdesc), 1);
	if (r == 0)
		r = add_function(g, interface, dev->rdesc, dev->rdesc_len, max_report_len(dev));
	if (r == 0)
		r = first_udc(udc, sizeof(udc));
	if (r == 0)
		r = write_str(g->dir, "UDC", udc);
	if (r < 0) {
		errno = -r;
		return NULL;
	}
	g->bound = true;
	log_debug(uniq, "USB gadget on %s, interface %u: %04x:%04x", udc, interface, dev->vid,
		  dev->pid);
	return steal_pointer(&g);
}

/* Is the HID device sysname that of interface iface of our gadget? */
static bool
is_our_interface(const struct usb_gadget_hid *g, const char *sysname)
{
	char path[PATH_MAX], real[PATH_MAX], want[32], uevent[4096], needle[160];
	_cleanup_close_ int fd = -1;
	ssize_t n;

	snprintf(path, sizeof(path), HID_SYSFS "/%s/uevent", sysname);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, uevent, sizeof(uevent) - 1);
	if (n <= 0)
		return false;
	uevent[n] = '\0';
	snprintf(needle, sizeof(needle), "HID_UNIQ=%s\n", g->uniq);
	if (!strstr(uevent, needle))
		return false;
	snprintf(path, sizeof(path), HID_SYSFS "/%s", sysname);
	if (!realpath(path, real))
		return false;
	/* .../1-1/1-1:1.N/0003:VVVV:PPPP.NNNN */
	snprintf(want, sizeof(want), ":1.%u/", g->interface);
	return strstr(real, want) != NULL;
}

int
usb_gadget_hid_wait(struct usb_gadget_hid *g, unsigned timeout_ms, char *name, size_t namelen)
{
	uint64_t start = now_ms();
	char dev[PATH_MAX], devno[32];
	unsigned major, minor;
	int r;

	for (;;) {
		DIR *d = opendir(HID_SYSFS);
		struct dirent *de;
		bool found = false;

		while (d && (de = readdir(d))) {
			if (de->d_name[0] != '.' && is_our_interface(g, de->d_name)) {
				snprintf(name, namelen, "%s", de->d_name);
				found = true;
				break;
			}
		}
		if (d)
			closedir(d);
		if (found)
			break;
		if (now_ms() - start > timeout_ms)
			return log_error_errno(g->uniq, -ETIMEDOUT,
					       "no HID device for USB interface %u after %u s",
					       g->interface, timeout_ms / 1000);
		sleep_ms(POLL_STEP_MS);
	}

	/* the gadget side's character device: functions/hid.N/dev is "major:minor" */
	snprintf(dev, sizeof(dev), "%s/functions/hid.%u/dev", g->dir, g->interface);
	{
		_cleanup_fclose_ FILE *f = fopen(dev, "re");

		if (!f || fscanf(f, "%u:%u", &major, &minor) != 2)
			return log_error_errno(g->uniq, -EIO, "%s: cannot read", dev);
	}
	snprintf(devno, sizeof(devno), "/dev/hidg%u", minor);
	g->fd = open(devno, O_RDWR | O_CLOEXEC);
	if (g->fd < 0) {
		r = -errno;
		return log_error_errno(g->uniq, r, "%s: %s", devno, strerror(-r));
	}
	return 0;
}

int
usb_gadget_hid_send_input(struct usb_gadget_hid *g, const uint8_t *data, size_t len)
{
	uint64_t start = now_ms();
	ssize_t n;

	if (g->fd < 0)
		return -EBADF;
	/* the function keeps one request in flight: a write may find it busy */
	while ((n = write(g->fd, data, len)) < 0 && (errno == EAGAIN || errno == EINTR)) {
		if (now_ms() - start > WRITE_TIMEOUT)
			return -ETIMEDOUT;
		sleep_ms(1);
	}
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

void
usb_gadget_hid_free(struct usb_gadget_hid *g)
{
	char path[PATH_MAX];

	if (!g)
		return;
	if (g->fd >= 0)
		close(g->fd);
	if (g->dir[0]) {
		if (g->bound)
			write_str(g->dir, "UDC", "\n");
		for (unsigned i = 0; i < g->n_links; i++) {
			snprintf(path, sizeof(path), "%s/configs/c.1/hid.%u", g->dir, i);
			unlink(path);
		}
		for (unsigned i = 0; i < g->n_functions; i++) {
			snprintf(path, sizeof(path), "%s/functions/hid.%u", g->dir, i);
			rmdir(path);
		}
		snprintf(path, sizeof(path), "%s/configs/c.1", g->dir);
		rmdir(path);
		snprintf(path, sizeof(path), "%s/strings/0x409", g->dir);
		rmdir(path);
		rmdir(g->dir);
	}
	free(g);
}
