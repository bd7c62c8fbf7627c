// SPDX-License-Identifier: GPL-2.0-only
/*
 * Maltron L90 keyboard, media key interface (USB 058F:9410, an Alcor
 * controller)
 *
 * Hardware bug: report 3 (Consumer Control) is one 16-bit usage index
 * (Usage Minimum 0, Usage Maximum 0x7FFF, Input Data,Array) but the
 * collection declares no logical range of its own, so it inherits Logical
 * Minimum 0 / Logical Maximum 1 from the System Control collection before
 * it. The kernel drops every index above 1: no media key works. The
 * kernel's hid-maltron driver replaces the descriptor by one with the
 * range 0-0x7FFF added; this fixup makes the same 111 bytes.
 *
 * Original descriptor, 106 bytes (real: the kernel keeps it in hid-maltron
 * to recognise the device); the consumer collection:
 *   offset  bytes     item
 *     33    05 0c     Usage Page (Consumer)
 *     35    09 01     Usage (Consumer Control)
 *     37    a1 01     Collection (Application)
 *     39    85 03       Report ID (3)
 *                                         <- insert 15 00 26 ff 7f here
 *     41    95 01       Report Count (1)
 *     43    75 10       Report Size (16)
 *     45    19 00       Usage Minimum (0)
 *     47    2a ff 7f    Usage Maximum (0x7FFF)
 *     50    81 00       Input (Data,Array,Abs)
 *     52    c0        End Collection
 *     53    06 7f ff ... the vendor collection (report 4), to byte 105
 *
 * Fix: the probe accepts only these exact 106 bytes; bytes 41-105 move up
 * by 5 and Logical Minimum (0), Logical Maximum (0x7FFF) are inserted at
 * offset 41 (15 00 26 ff 7f): 111 bytes. The vendor collection that
 * follows sets its own Logical Maximum before its Feature and Output
 * items, and its Input item keeps the now wider range, as with the
 * kernel driver.
 */

#include "hidfix_bpf.h"

#define VID_ALCOR	 0x058F
#define PID_MALTRON_L90	 0x9410
#define RDESC_SIZE	 106
#define INSERT_AT	 41
#define INSERT_LEN	 5
#define FIXED_RDESC_SIZE (RDESC_SIZE + INSERT_LEN)

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_ALCOR, PID_MALTRON_L90));

static const __u8 rdesc_original[RDESC_SIZE] = {
	0x05, 0x01, 0x09, 0x80, 0xa1, 0x01, 0x85, 0x02, 0x75, 0x01, 0x95, 0x01, 0x15, 0x00,
	0x25, 0x01, 0x09, 0x82, 0x81, 0x06, 0x09, 0x82, 0x81, 0x06, 0x09, 0x83, 0x81, 0x06,
	0x75, 0x05, 0x81, 0x01, 0xc0, 0x05, 0x0c, 0x09, 0x01, 0xa1, 0x01, 0x85, 0x03, 0x95,
	0x01, 0x75, 0x10, 0x19, 0x00, 0x2a, 0xff, 0x7f, 0x81, 0x00, 0xc0, 0x06, 0x7f, 0xff,
	0x09, 0x01, 0xa1, 0x01, 0x85, 0x04, 0x95, 0x01, 0x75, 0x10, 0x19, 0x00, 0x2a, 0xff,
	0x7f, 0x81, 0x00, 0x75, 0x02, 0x25, 0x02, 0x09, 0x90, 0xb1, 0x02, 0x75, 0x06, 0xb1,
	0x01, 0x75, 0x01, 0x25, 0x01, 0x05, 0x08, 0x09, 0x2a, 0x91, 0x02, 0x09, 0x4b, 0x91,
	0x02, 0x75, 0x06, 0x95, 0x01, 0x91, 0x01, 0xc0,
};

static const __u8 consumer_range[INSERT_LEN] = {
	0x15, 0x00,	  /* Logical Minimum (0) */
	0x26, 0xff, 0x7f, /* Logical Maximum (0x7FFF) */
};

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(maltron_l90_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (hctx->size != RDESC_SIZE ||
	    !hidfix_bytes_equal(data, 0, rdesc_original, sizeof(rdesc_original)))
		return 0;

	/* from the end, so no byte is overwritten before it is moved */
	for (int i = RDESC_SIZE - 1; i >= INSERT_AT; i--)
		data[i + INSERT_LEN] = data[i];
	__builtin_memcpy(data + INSERT_AT, consumer_range, sizeof(consumer_range));
	return FIXED_RDESC_SIZE;
}

HID_BPF_OPS(maltron_l90) = {
	.hid_rdesc_fixup = (void *)maltron_l90_fix_rdesc,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	if (ctx->rdesc_size == RDESC_SIZE &&
	    hidfix_bytes_equal(ctx->rdesc, 0, rdesc_original, sizeof(rdesc_original)))
		ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
