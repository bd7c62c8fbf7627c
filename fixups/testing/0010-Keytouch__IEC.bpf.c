// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keytouch IEC keyboard (USB 0926:3333)
 *
 * Hardware bug: the keyboard's descriptor does not describe what it sends
 * (its key indexes go beyond the declared range and it has three LEDs);
 * the kernel's hid-keytouch driver throws the descriptor away whatever it
 * says and uses a plain boot keyboard with a 0-255 key array and three
 * LEDs. This fixup replaces the descriptor with the same 65 bytes.
 *
 * The real descriptor is not known. Proven only against a SYNTHETIC
 * stand-in, the HID 1.11 spec Appendix E.6 boot keyboard (63 bytes,
 * tests/replay/keytouch-iec/device.hid), hence status testing, and the
 * probe accepts only that exact descriptor: where hid-keytouch replaces
 * any descriptor, this fixup needs a dump of the real one first.
 *
 * Original (stand-in), 63 bytes: the spec boot keyboard; the bytes that
 * differ from the replacement:
 *   offset  bytes     item
 *     28    95 05     Report Count (5)          LEDs: 5 -> 3
 *     36    29 05     Usage Maximum (5)         -> 3
 *     40    95 01     Report Count (1)          LED padding 1 x 3 -> 5 x 1
 *     42    75 03     Report Size (3)
 *     52    25 65     Logical Maximum (0x65)    key array -> 0xFF
 *     58    29 65     Usage Maximum (0x65)      -> 0xFF
 *
 * Replacement, 65 bytes:
 *      0    05 01 09 06 a1 01   Usage Page (Generic Desktop), Usage
 *                               (Keyboard), Collection (Application)
 *      6    05 07 19 e0 29 e7   Keyboard page, usages 0xE0-0xE7
 *     12    15 00 25 01 75 01 95 08 81 02   8 modifier bits
 *     22    95 01 75 08 81 01   reserved byte (Cnst)
 *     28    95 03 75 01 05 08 19 01 29 03 91 02   3 LED bits (Output)
 *     40    95 05 75 01 91 01   5 padding bits (Output, Cnst)
 *     46    95 06 75 08 15 00 26 ff 00   six 8-bit indexes, 0-255
 *     55    05 07 19 00 2a ff 00 81 00   Keyboard usages 0-0xFF, Array
 *     64    c0                  End Collection
 */

#include "hidfix_bpf.h"

#define VID_KEYTOUCH	 0x0926
#define PID_KEYTOUCH_IEC 0x3333
#define RDESC_SIZE	 63
#define FIXED_RDESC_SIZE 65

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_KEYTOUCH, PID_KEYTOUCH_IEC));

/* The stand-in original: the spec boot keyboard. */
static const __u8 rdesc_known[RDESC_SIZE] = {
	0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15,
	0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0x95, 0x01, 0x75, 0x08,
	0x81, 0x01, 0x95, 0x05, 0x75, 0x01, 0x05, 0x08, 0x19, 0x01, 0x29, 0x05, 0x91,
	0x02, 0x95, 0x01, 0x75, 0x03, 0x91, 0x01, 0x95, 0x06, 0x75, 0x08, 0x15, 0x00,
	0x25, 0x65, 0x05, 0x07, 0x19, 0x00, 0x29, 0x65, 0x81, 0x00, 0xc0,
};

static const __u8 rdesc_fixed[FIXED_RDESC_SIZE] = {
	0x05, 0x01,	  /* Usage Page (Generic Desktop) */
	0x09, 0x06,	  /* Usage (Keyboard) */
	0xa1, 0x01,	  /* Collection (Application) */
	0x05, 0x07,	  /*   Usage Page (Keyboard/Keypad) */
	0x19, 0xe0,	  /*   Usage Minimum (0xE0) */
	0x29, 0xe7,	  /*   Usage Maximum (0xE7) */
	0x15, 0x00,	  /*   Logical Minimum (0) */
	0x25, 0x01,	  /*   Logical Maximum (1) */
	0x75, 0x01,	  /*   Report Size (1) */
	0x95, 0x08,	  /*   Report Count (8) */
	0x81, 0x02,	  /*   Input (Data,Var,Abs): modifiers */
	0x95, 0x01,	  /*   Report Count (1) */
	0x75, 0x08,	  /*   Report Size (8) */
	0x81, 0x01,	  /*   Input (Cnst): reserved */
	0x95, 0x03,	  /*   Report Count (3) */
	0x75, 0x01,	  /*   Report Size (1) */
	0x05, 0x08,	  /*   Usage Page (LEDs) */
	0x19, 0x01,	  /*   Usage Minimum (1) */
	0x29, 0x03,	  /*   Usage Maximum (3) */
	0x91, 0x02,	  /*   Output (Data,Var,Abs): Num, Caps, Scroll Lock */
	0x95, 0x05,	  /*   Report Count (5) */
	0x75, 0x01,	  /*   Report Size (1) */
	0x91, 0x01,	  /*   Output (Cnst): padding */
	0x95, 0x06,	  /*   Report Count (6) */
	0x75, 0x08,	  /*   Report Size (8) */
	0x15, 0x00,	  /*   Logical Minimum (0) */
	0x26, 0xff, 0x00, /*   Logical Maximum (255) */
	0x05, 0x07,	  /*   Usage Page (Keyboard/Keypad) */
	0x19, 0x00,	  /*   Usage Minimum (0) */
	0x2a, 0xff, 0x00, /*   Usage Maximum (0xFF) */
	0x81, 0x00,	  /*   Input (Data,Array,Abs): key indexes */
	0xc0,		  /* End Collection */
};

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(keytouch_iec_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (hctx->size != RDESC_SIZE ||
	    !hidfix_bytes_equal(data, 0, rdesc_known, sizeof(rdesc_known)))
		return 0;

	__builtin_memcpy(data, rdesc_fixed, sizeof(rdesc_fixed));
	return sizeof(rdesc_fixed);
}

HID_BPF_OPS(keytouch_iec) = {
	.hid_rdesc_fixup = (void *)keytouch_iec_fix_rdesc,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	if (ctx->rdesc_size == RDESC_SIZE &&
	    hidfix_bytes_equal(ctx->rdesc, 0, rdesc_known, sizeof(rdesc_known)))
		ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
