// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <libudev.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "hid-device.h"
#include "macros.h"

DEFINE_TRIVIAL_CLEANUP_FUNC(struct udev *, udev_unref)
DEFINE_TRIVIAL_CLEANUP_FUNC(struct udev_device *, udev_device_unref)

#define HID_BUS_DEVICES "/sys/bus/hid/devices/"

static int
parse_hex(const char *s, size_t len, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (!len || len > 8)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -EINVAL;
		v = v * 16 + d;
	}
	if (v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int
hid_name_parse(const char *name, uint16_t *bus, uint32_t *vid, uint32_t *pid, unsigned int *id)
{
	const char *p = name, *end;
	uint64_t v[4];
	const char seps[] = { ':', ':', '.', '\0' };
	const uint64_t max[] = { UINT16_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX };

	for (int i = 0; i < 4; i++) {
		end = strchr(p, seps[i]);
		if (!end)
			return -EINVAL;
		if (parse_hex(p, end - p, max[i], &v[i]) < 0)
			return -EINVAL;
		p = end + 1;
	}
	if (bus)
		*bus = v[0];
	if (vid)
		*vid = v[1];
	if (pid)
		*pid = v[2];
	if (id)
		*id = v[3];
	return 0;
}

int
hid_device_read_rdesc(struct hid_device_info *dev)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_close_ int fd = -1;
	size_t total = 0;

	if (!dev->syspath)
		return -ENODEV;
	if (asprintf(&path, "%s/report_descriptor", dev->syspath) < 0)
		return -ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ENODEV : negative_errno();
	for (;;) {
		ssize_t n = read(fd, dev->rdesc + total, sizeof(dev->rdesc) - total);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno == ENOENT ? -ENODEV : negative_errno();
		}
		if (n == 0)
			break;
		total += n;
		if (total == sizeof(dev->rdesc))
			break;
	}
	if (!total)
		return -ENODEV;
	dev->rdesc_len = total;
	return 0;
}

/* The group from MODALIAS=hid:bXXXXgXXXXvXXXXXXXXpXXXXXXXX */
static int
parse_modalias_group(const char *modalias, uint16_t *group)
{
	const char *g = modalias ? strchr(modalias, 'g') : NULL;
	uint64_t v;

	if (!modalias || strncmp(modalias, "hid:b", 5) || !g || strlen(g) < 5)
		return -EINVAL;
	if (parse_hex(g + 1, 4, UINT16_MAX, &v) < 0)
		return -EINVAL;
	*group = v;
	return 0;
}

void
hid_device_free(struct hid_device_info *dev)
{
	if (!dev)
		return;
	free(dev->syspath);
	free(dev);
}

/* Find the hid subsystem device for a udev device (itself or a parent). */
static struct udev_device *
hid_parent(struct udev_device *d)
{
	struct udev_device *hid;
	const char *subsystem = udev_device_get_subsystem(d);

	if (subsystem && !strcmp(subsystem, "hid"))
		return udev_device_ref(d);
	hid = udev_device_get_parent_with_subsystem_devtype(d, "hid", NULL);
	return hid ? udev_device_ref(hid) : NULL;
}

struct hid_device_info *
hid_device_open(const char *device)
{
	_cleanup_(udev_unrefp) struct udev *udev = NULL;
	_cleanup_(udev_device_unrefp) struct udev_device *d = NULL;
	_cleanup_(udev_device_unrefp) struct udev_device *hid = NULL;
	_cleanup_(hid_device_freep) struct hid_device_info *dev = NULL;
	_cleanup_free_ char *path = NULL;
	struct stat st;
	const char *sysname;
	int r;

	udev = udev_new();
	if (!udev) {
		errno = ENOMEM;
		return NULL;
	}

	if (!strncmp(device, "/dev/", 5)) {
		if (stat(device, &st) < 0) {
			errno = errno == ENOENT ? ENODEV : errno;
			return NULL;
		}
		if (!S_ISCHR(st.st_mode)) {
			errno = EINVAL;
			return NULL;
		}
		d = udev_device_new_from_devnum(udev, 'c', st.st_rdev);
	} else if (device[0] == '/') {
		path = realpath(device, NULL);
		if (!path) {
			errno = errno == ENOENT ? ENODEV : errno;
			return NULL;
		}
		d = udev_device_new_from_syspath(udev, path);
	} else {
		if (hid_name_parse(device, NULL, NULL, NULL, NULL) < 0) {
			errno = EINVAL;
			return NULL;
		}
		if (asprintf(&path, HID_BUS_DEVICES "%s", device) < 0) {
			errno = ENOMEM;
			return NULL;
		}
		d = udev_device_new_from_syspath(udev, path);
	}
	if (!d) {
		errno = ENODEV;
		return NULL;
	}
	hid = hid_parent(d);
	if (!hid) {
		errno = EINVAL;
		return NULL;
	}

	dev = calloc(1, sizeof(*dev));
	if (!dev) {
		errno = ENOMEM;
		return NULL;
	}
	sysname = udev_device_get_sysname(hid);
	if (!sysname || strlen(sysname) >= sizeof(dev->name) ||
	    hid_name_parse(sysname, &dev->bus, &dev->vid, &dev->pid, &dev->id) < 0) {
		errno = EINVAL;
		return NULL;
	}
	strcpy(dev->name, sysname);
	dev->syspath = strdup(udev_device_get_syspath(hid));
	if (!dev->syspath) {
		errno = ENOMEM;
		return NULL;
	}
	r = parse_modalias_group(udev_device_get_property_value(hid, "MODALIAS"), &dev->group);
	if (r < 0) {
		errno = -r;
		return NULL;
	}
	r = hid_device_read_rdesc(dev);
	if (r < 0) {
		errno = -r;
		return NULL;
	}
	return steal_pointer(&dev);
}

int
hid_device_name_from_arg(const char *device, char *name, size_t len)
{
	_cleanup_(hid_device_freep) struct hid_device_info *dev = NULL;
	const char *base;

	dev = hid_device_open(device);
	if (dev) {
		if (strlen(dev->name) >= len)
			return -ENAMETOOLONG;
		strcpy(name, dev->name);
		return 0;
	}
	/* Gone: accept a HID name or a path ending in one. */
	base = strrchr(device, '/');
	base = base ? base + 1 : device;
	if (hid_name_parse(base, NULL, NULL, NULL, NULL) < 0)
		return -EINVAL;
	if (strlen(base) >= len)
		return -ENAMETOOLONG;
	strcpy(name, base);
	return 0;
}
