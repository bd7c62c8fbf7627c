// SPDX-License-Identifier: GPL-2.0-only
/*
 * DragonRise generic USB joystick (USB 0079:0011)
 *
 * Hardware bug: the 101-byte descriptor of these cheap gamepads does not
 * describe the 8-byte report they send (three constant bytes, X and Y
 * bytes, then ten buttons). The kernel's hid-dr driver replaces any
 * 101-byte descriptor of this id with a 50-byte one that does; this
 * fixup replaces it with the same 50 bytes.
 *
 * The real descriptor is not known (hid-dr keys on its size only).
 * Proven only against a SYNTHETIC stand-in of 101 bytes (five 8-bit axes
 * X, Y, Z, Z, Rz and twelve buttons, padded with Push/Pop pairs, see
 * tests/replay/dragonrise-0079-0011/device.hid), hence status testing,
 * and the probe accepts only that exact descriptor: where hid-dr replaces
 * any 101-byte descriptor, this fixup needs a dump of the real one first.
 *
 * Replacement, 50 bytes (checked byte-identical to hid-dr's by
 * oracle-dragonrise):
 *   offset  bytes          item
 *      0    05 01 09 04    Usage Page (Generic Desktop), Usage (Joystick)
 *      4    a1 01 a1 02    Collection (Application), Collection (Logical)
 *      8    14             Logical Minimum (0)
 *      9    75 08 95 03 81 01   bytes 0-2: constant
 *     15    26 ff 00 95 02 09 30 09 31 81 02
 *                          bytes 3-4: X, Y (0-255)
 *     26    75 01 95 04 81 01   4 constant bits
 *     32    25 01 95 0a 05 09 19 01 29 0a 81 02
 *                          Buttons 1-10
 *     44    95 0a 81 01    10 constant bits
 *     48    c0 c0          End Collection x2
 *
 * Not reproduced: nothing. hid-dr's input_mapping maps X..Rz to the axis
 * of the same number, which is what hid-input does for the single X and
 * Y of the replacement; its force feedback is for 0079:0006 only.
 */

#include "hidfix_bpf.h"

#define VID_DRAGONRISE	    0x0079
#define PID_DRAGONRISE_0011 0x0011
#define RDESC_SIZE	    101
#define FIXED_RDESC_SIZE    50

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_DRAGONRISE, PID_DRAGONRISE_0011));

/* The synthetic stand-in original (see the header). */
static const __u8 rdesc_known[RDESC_SIZE] = {
	0x05, 0x01, 0x09, 0x04, 0xa1, 0x01, 0xa1, 0x02, 0x75, 0x08, 0x95, 0x05, 0x15, 0x00, 0x26,
	0xff, 0x00, 0x35, 0x00, 0x46, 0xff, 0x00, 0x09, 0x30, 0x09, 0x31, 0x09, 0x32, 0x09, 0x32,
	0x09, 0x35, 0x81, 0x02, 0x75, 0x01, 0x95, 0x0c, 0x25, 0x01, 0x45, 0x01, 0x05, 0x09, 0x19,
	0x01, 0x29, 0x0c, 0x81, 0x02, 0xc0, 0xc0, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4,
	0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4,
	0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4,
	0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0x54,
};

static const __u8 rdesc_fixed[FIXED_RDESC_SIZE] = {
	0x05, 0x01,	  /* Usage Page (Generic Desktop) */
	0x09, 0x04,	  /* Usage (Joystick) */
	0xa1, 0x01,	  /* Collection (Application) */
	0xa1, 0x02,	  /*   Collection (Logical) */
	0x14,		  /*     Logical Minimum (0) */
	0x75, 0x08,	  /*     Report Size (8) */
	0x95, 0x03,	  /*     Report Count (3) */
	0x81, 0x01,	  /*     Input (Cnst): bytes 0-2 */
	0x26, 0xff, 0x00, /*     Logical Maximum (255) */
	0x95, 0x02,	  /*     Report Count (2) */
	0x09, 0x30,	  /*     Usage (X) */
	0x09, 0x31,	  /*     Usage (Y) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs): bytes 3-4 */
	0x75, 0x01,	  /*     Report Size (1) */
	0x95, 0x04,	  /*     Report Count (4) */
	0x81, 0x01,	  /*     Input (Cnst): 4 bits */
	0x25, 0x01,	  /*     Logical Maximum (1) */
	0x95, 0x0a,	  /*     Report Count (10) */
	0x05, 0x09,	  /*     Usage Page (Button) */
	0x19, 0x01,	  /*     Usage Minimum (1) */
	0x29, 0x0a,	  /*     Usage Maximum (10) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs): buttons */
	0x95, 0x0a,	  /*     Report Count (10) */
	0x81, 0x01,	  /*     Input (Cnst): 10 bits */
	0xc0,		  /*   End Collection */
	0xc0,		  /* End Collection */
};

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(dragonrise_0011_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	return HIDFIX_RDESC_REPLACE(hctx, rdesc_known, rdesc_fixed);
}

HID_BPF_OPS(dragonrise_0011) = {
	.hid_rdesc_fixup = (void *)dragonrise_0011_fix_rdesc,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = hidfix_rdesc_is(ctx->rdesc, ctx->rdesc_size, rdesc_known, sizeof(rdesc_known))
			      ? 0
			      : -EINVAL;
	return 0;
}

char _license[] SEC("license") = "GPL";
