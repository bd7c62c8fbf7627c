/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A recorded HID device as a real USB device: a configfs gadget (libcomposite,
 * one usb_f_hid function per interface) on the dummy_hcd virtual controller,
 * so the kernel's USB HID driver (usbhid) creates the HID device. Kernel
 * drivers that refuse non-USB devices (hid_is_usb()) then bind to it, which
 * uhid devices cannot give them.
 *
 * The modules dummy_hcd, libcomposite, usb_f_hid and usbhid must be loaded
 * (the caller loads them) and configfs is mounted on /sys/kernel/config when
 * it is not. The device's interface `interface` carries the recorded
 * descriptor; interfaces before it carry a one-byte vendor-defined report,
 * for drivers that only fix a given interface number.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "macros.h"
#include "recording.h"

#define USB_GADGET_MAX_INTERFACE 7

struct usb_gadget_hid;

/*
 * Create and bind the gadget for dev, its serial number (the HID device's
 * uniq) set to uniq. Returns NULL and sets errno after logging one line.
 */
struct usb_gadget_hid *usb_gadget_hid_new(const struct hid_recording_device *dev,
					  unsigned interface, const char *uniq);

/*
 * Wait up to timeout_ms for the HID device of the recorded interface; its
 * sysfs name ("0003:04D9:A067.0002") goes to name. 0 or -errno (logged).
 */
int usb_gadget_hid_wait(struct usb_gadget_hid *g, unsigned timeout_ms, char *name, size_t namelen);

/* Send one input report (report ID first, if any) to the host. 0 or -errno. */
int usb_gadget_hid_send_input(struct usb_gadget_hid *g, const uint8_t *data, size_t len);

/* Unbind and remove the gadget (the kernel removes the HID device). Accepts NULL. */
void usb_gadget_hid_free(struct usb_gadget_hid *g);
DEFINE_TRIVIAL_CLEANUP_FUNC(struct usb_gadget_hid *, usb_gadget_hid_free)
