// SPDX-License-Identifier: GPL-2.0-only
/*
 * SteelSeries SRW-S1 steering wheel (USB 1038:1410)
 *
 * Hardware bug: the wheel's descriptor declares a plain joystick with
 * 8-bit axes and 15 buttons, while the wheel sends a 16-byte report with
 * a 16-bit steering axis, 12-bit throttle and brake, a hat, 17 buttons
 * and more. The kernel's hid-steelseries driver recognises the
 * descriptor by four bytes (Report Count 2 at 11, Logical Maximum 200 at
 * 13, Usage Throttle at 29, Usage Brake at 40) and replaces it with a
 * 139-byte Multi-axis Controller descriptor; this fixup replaces it with
 * the same 139 bytes.
 *
 * The real descriptor is not known. Proven only against a SYNTHETIC
 * stand-in of 120 bytes built to match those four bytes (see
 * tests/replay/steelseries-srws1/device.hid), hence status testing, and
 * the probe accepts only that exact descriptor.
 *
 * Replacement, 139 bytes, checked byte-identical to hid-steelseries's by
 * oracle-steelseries-srws1; the input report (16 bytes, no report ID):
 * bytes 0-1 X (steering, -1800..1800), 12-bit Y (throttle) and Z (brake),
 * 4-bit hat, 3 constant bits, 17 buttons, two 4-bit Rx, a 4-bit Rz, 13
 * vendor nibbles; a 16-byte output report.
 *
 * Not reproduced: hid-steelseries's probe also registers LED class
 * devices for the wheel's RPM LEDs (driven through the output report). A
 * BPF fixup cannot create LED devices; the evdev capabilities and events
 * are the same.
 */

#include "hidfix_bpf.h"

#define VID_STEELSERIES	      0x1038
#define PID_STEELSERIES_SRWS1 0x1410
#define RDESC_SIZE	      120
#define FIXED_RDESC_SIZE      139

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_STEELSERIES, PID_STEELSERIES_SRWS1));

/* The synthetic stand-in original (see the header). */
static const __u8 rdesc_known[RDESC_SIZE] = {
	0x05, 0x01, 0x09, 0x04, 0xa1, 0x01, 0xa1, 0x02, 0x75, 0x08, 0x95, 0x02, 0x26, 0xc8, 0x00,
	0x15, 0x00, 0x09, 0x30, 0x09, 0x31, 0x81, 0x02, 0x05, 0x02, 0x95, 0x01, 0x54, 0x09, 0xbb,
	0x81, 0x02, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0x54, 0x09, 0xc5, 0x81, 0x02, 0x05, 0x09,
	0x19, 0x01, 0x29, 0x0f, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x10, 0x81, 0x02, 0xc0,
	0xa1, 0x02, 0x06, 0x00, 0xff, 0x09, 0x01, 0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95,
	0x10, 0x91, 0x02, 0xc0, 0xc0, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4,
	0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4,
	0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4, 0xa4, 0xb4,
};

static const __u8 rdesc_fixed[FIXED_RDESC_SIZE] = {
	0x05, 0x01,	  /* Usage Page (Generic Desktop) */
	0x09, 0x08,	  /* Usage (Multi-axis Controller) */
	0xa1, 0x01,	  /* Collection (Application) */
	0xa1, 0x02,	  /*   Collection (Logical) */
	0x95, 0x01,	  /*     Report Count (1) */
	0x05, 0x01,	  /*     Usage Page (Generic Desktop) */
	0x09, 0x30,	  /*     Usage (X): steering */
	0x16, 0xf8, 0xf8, /*     Logical Minimum (-1800) */
	0x26, 0x08, 0x07, /*     Logical Maximum (1800) */
	0x65, 0x14,	  /*     Unit (Degrees) */
	0x55, 0x0f,	  /*     Unit Exponent (-1) */
	0x75, 0x10,	  /*     Report Size (16) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs): bytes 0-1 */
	0x09, 0x31,	  /*     Usage (Y): throttle */
	0x15, 0x00,	  /*     Logical Minimum (0) */
	0x26, 0xff, 0x03, /*     Logical Maximum (1023) */
	0x75, 0x0c,	  /*     Report Size (12) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs) */
	0x09, 0x32,	  /*     Usage (Z): brake */
	0x15, 0x00,	  /*     Logical Minimum (0) */
	0x26, 0xff, 0x03, /*     Logical Maximum (1023) */
	0x75, 0x0c,	  /*     Report Size (12) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs) */
	0x05, 0x01,	  /*     Usage Page (Generic Desktop) */
	0x09, 0x39,	  /*     Usage (Hat switch) */
	0x25, 0x07,	  /*     Logical Maximum (7) */
	0x35, 0x00,	  /*     Physical Minimum (0) */
	0x46, 0x3b, 0x01, /*     Physical Maximum (315) */
	0x65, 0x14,	  /*     Unit (Degrees) */
	0x75, 0x04,	  /*     Report Size (4) */
	0x95, 0x01,	  /*     Report Count (1) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs) */
	0x25, 0x01,	  /*     Logical Maximum (1) */
	0x45, 0x01,	  /*     Physical Maximum (1) */
	0x65, 0x00,	  /*     Unit (None) */
	0x75, 0x01,	  /*     Report Size (1) */
	0x95, 0x03,	  /*     Report Count (3) */
	0x81, 0x01,	  /*     Input (Cnst): 3 bits */
	0x05, 0x09,	  /*     Usage Page (Button) */
	0x19, 0x01,	  /*     Usage Minimum (1) */
	0x29, 0x11,	  /*     Usage Maximum (17) */
	0x95, 0x11,	  /*     Report Count (17) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs): buttons */
	0x05, 0x01,	  /*     Usage Page (Generic Desktop) */
	0x09, 0x33,	  /*     Usage (Rx) */
	0x75, 0x04,	  /*     Report Size (4) */
	0x95, 0x02,	  /*     Report Count (2) */
	0x15, 0x00,	  /*     Logical Minimum (0) */
	0x25, 0x0b,	  /*     Logical Maximum (11) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs) */
	0x09, 0x35,	  /*     Usage (Rz) */
	0x75, 0x04,	  /*     Report Size (4) */
	0x95, 0x01,	  /*     Report Count (1) */
	0x25, 0x03,	  /*     Logical Maximum (3) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs) */
	0x06, 0x00, 0xff, /*     Usage Page (Vendor 0xFF00) */
	0x09, 0x01,	  /*     Usage (1) */
	0x75, 0x04,	  /*     Report Size (4) */
	0x95, 0x0d,	  /*     Report Count (13) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs) */
	0xc0,		  /*   End Collection */
	0xa1, 0x02,	  /*   Collection (Logical) */
	0x09, 0x02,	  /*     Usage (2) */
	0x75, 0x08,	  /*     Report Size (8) */
	0x95, 0x10,	  /*     Report Count (16) */
	0x91, 0x02,	  /*     Output (Data,Var,Abs) */
	0xc0,		  /*   End Collection */
	0xc0,		  /* End Collection */
};

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(srws1_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	return HIDFIX_RDESC_REPLACE(hctx, rdesc_known, rdesc_fixed);
}

HID_BPF_OPS(steelseries_srws1) = {
	.hid_rdesc_fixup = (void *)srws1_fix_rdesc,
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
