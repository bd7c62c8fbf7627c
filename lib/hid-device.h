/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A HID device as hidfix sees it: its kernel name ("0003:24AE:2015.0004"),
 * sysfs path, ids, and its current report descriptor.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HID_MAX_DESCRIPTOR_SIZE 4096
#define HID_NAME_MAX		64

struct hid_device_info {
	char name[HID_NAME_MAX]; /* "BBBB:VVVV:PPPP.IIII" */
	char *syspath;		 /* NULL when the device is gone */
	uint16_t bus;
	uint16_t group;
	uint32_t vid;
	uint32_t pid;
	unsigned int id; /* the kernel's hid id, the part after the dot */
	uint8_t rdesc[HID_MAX_DESCRIPTOR_SIZE];
	size_t rdesc_len;
};

/*
 * Parse a HID device name "0003:24AE:2015.0004" into its bus, vendor,
 * product and id. Returns 0 or -EINVAL.
 */
int hid_name_parse(const char *name, uint16_t *bus, uint32_t *vid, uint32_t *pid, unsigned int *id);

/*
 * Resolve DEVICE (a sysfs path, a HID name or a /dev/hidrawN node) to the
 * HID device. Returns NULL and sets errno (ENODEV when there is no such
 * device, EINVAL when the argument names no HID device).
 */
struct hid_device_info *hid_device_open(const char *device);

/* Re-read the report descriptor from sysfs. 0 or -errno. */
int hid_device_read_rdesc(struct hid_device_info *dev);

/*
 * For a device that may be gone: the HID name from DEVICE without
 * touching sysfs beyond a best effort. 0 or -EINVAL.
 */
int hid_device_name_from_arg(const char *device, char *name, size_t len);

void hid_device_free(struct hid_device_info *dev);

static inline void
hid_device_freep(struct hid_device_info **p)
{
	hid_device_free(*p);
}
