// SPDX-License-Identifier: GPL-2.0-only
/*
 * WALTOP Slim Tablet 5.8" (USB 172F:0032)
 *
 * Hardware bug: the tablet's 222-byte descriptor does not describe its pen
 * report usefully (the kernel's hid-waltop driver replaces it whole), and
 * the pen reports a random pressure while a barrel button is held. The
 * kernel's hid-waltop replaces any 222-byte descriptor of this id with an
 * 84-byte pen descriptor and, in raw_event, zeroes the pressure of a pen
 * report whose button index is a barrel button. This fixup does both:
 * the same 84 bytes, and the same report rewrite in hid_device_event.
 *
 * Original, 222 bytes, REAL: DIGImend/tablets Waltop_Slim_Tablet_5.8_inch/rd/
 * original.txt (tests/replay/waltop-slim-5-8/device.hid); the probe
 * accepts only that exact descriptor. Status testing until confirmed on
 * the hardware.
 *
 * Replacement, 84 bytes (checked byte-identical to hid-waltop's by
 * oracle-waltop-slim-5-8). Pen report 16, 8 bytes: byte 1 bits 0-3 the
 * button index (1 tip, 2 barrel, 3 the second barrel button, as Tablet
 * Pick), bit 4 in range; bytes 2-3 X (0-10000), 4-5 Y (0-6000), 6-7
 * pressure (0-1023).
 *
 * Event fix: in a pen report (id 16, at least 8 bytes) whose button
 * index is above 1 (a barrel button), bytes 6-7 (pressure) become 0, as
 * hid-waltop's raw_event does. Nothing of hid-waltop is left out.
 */

#include "hidfix_bpf.h"

#define VID_WALTOP	    0x172F
#define PID_WALTOP_SLIM_5_8 0x0032
#define RDESC_SIZE	    222
#define FIXED_RDESC_SIZE    84
#define PEN_REPORT_ID	    16
#define PEN_REPORT_LEN	    8
#define PEN_BUTTON_BYTE	    1
#define PEN_BUTTON_MASK	    0x0f
#define PEN_BUTTON_TIP	    1
#define PEN_PRESSURE_LSB    6
#define PEN_PRESSURE_MSB    7

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_WALTOP, PID_WALTOP_SLIM_5_8));

/* The real original (see the header). */
static const __u8 rdesc_known[RDESC_SIZE] = {
	0x05, 0x01, 0x09, 0x02, 0xa1, 0x01, 0x85, 0x01, 0x09, 0x01, 0xa1, 0x00, 0x05, 0x09, 0x19,
	0x01, 0x29, 0x05, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x05, 0x81, 0x02, 0x75, 0x03,
	0x95, 0x01, 0x81, 0x03, 0x05, 0x01, 0x09, 0x30, 0x09, 0x31, 0x09, 0x38, 0x15, 0x81, 0x25,
	0x7f, 0x75, 0x08, 0x95, 0x03, 0x81, 0x06, 0xc0, 0xc0, 0x05, 0x0d, 0x09, 0x02, 0xa1, 0x01,
	0x85, 0x02, 0x09, 0x20, 0xa1, 0x00, 0x09, 0x00, 0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08,
	0x95, 0x07, 0x81, 0x02, 0x09, 0x3f, 0x09, 0x40, 0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08,
	0x95, 0x02, 0xb1, 0x02, 0xc0, 0x85, 0x05, 0x05, 0x0d, 0x09, 0x20, 0xa1, 0x00, 0x09, 0x00,
	0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x07, 0x81, 0x02, 0xc0, 0x85, 0x0a, 0x05,
	0x0d, 0x09, 0x20, 0xa1, 0x00, 0x09, 0x00, 0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95,
	0x03, 0x81, 0x02, 0xc0, 0x85, 0x10, 0x09, 0x20, 0xa1, 0x00, 0x09, 0x42, 0x09, 0x44, 0x09,
	0x3c, 0x09, 0x45, 0x09, 0x32, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x05, 0x81, 0x02,
	0x95, 0x03, 0x81, 0x03, 0x05, 0x01, 0x09, 0x30, 0x75, 0x10, 0x95, 0x01, 0xa4, 0x55, 0x0d,
	0x65, 0x33, 0x15, 0x00, 0x26, 0x10, 0x27, 0x35, 0x00, 0x46, 0x10, 0x27, 0x81, 0x02, 0x09,
	0x31, 0x26, 0x70, 0x17, 0x46, 0x70, 0x17, 0x81, 0x02, 0x05, 0x0d, 0x09, 0x30, 0x15, 0x00,
	0x26, 0xff, 0x03, 0x35, 0x00, 0x46, 0xff, 0x03, 0x81, 0x02, 0xc0, 0xc0,
};

static const __u8 rdesc_fixed[FIXED_RDESC_SIZE] = {
	0x05, 0x0d,	  /* Usage Page (Digitizer) */
	0x09, 0x02,	  /* Usage (Pen) */
	0xa1, 0x01,	  /* Collection (Application) */
	0x85, 0x10,	  /*   Report ID (16) */
	0x09, 0x20,	  /*   Usage (Stylus) */
	0xa0,		  /*   Collection (Physical) */
	0x09, 0x42,	  /*     Usage (Tip Switch) */
	0x09, 0x44,	  /*     Usage (Barrel Switch) */
	0x09, 0x46,	  /*     Usage (Tablet Pick) */
	0x15, 0x01,	  /*     Logical Minimum (1) */
	0x25, 0x03,	  /*     Logical Maximum (3) */
	0x75, 0x04,	  /*     Report Size (4) */
	0x95, 0x01,	  /*     Report Count (1) */
	0x80,		  /*     Input (Data,Array,Abs): byte 1 bits 0-3 */
	0x09, 0x32,	  /*     Usage (In Range) */
	0x14,		  /*     Logical Minimum (0) */
	0x25, 0x01,	  /*     Logical Maximum (1) */
	0x75, 0x01,	  /*     Report Size (1) */
	0x95, 0x01,	  /*     Report Count (1) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs): byte 1 bit 4 */
	0x95, 0x03,	  /*     Report Count (3) */
	0x81, 0x03,	  /*     Input (Cnst,Var,Abs): bits 5-7 */
	0x75, 0x10,	  /*     Report Size (16) */
	0x95, 0x01,	  /*     Report Count (1) */
	0x14,		  /*     Logical Minimum (0) */
	0xa4,		  /*     Push */
	0x05, 0x01,	  /*     Usage Page (Generic Desktop) */
	0x65, 0x13,	  /*     Unit (Inch) */
	0x55, 0xfd,	  /*     Unit Exponent (-3) */
	0x34,		  /*     Physical Minimum (0) */
	0x09, 0x30,	  /*     Usage (X) */
	0x46, 0x88, 0x13, /*     Physical Maximum (5000) */
	0x26, 0x10, 0x27, /*     Logical Maximum (10000) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs): bytes 2-3 */
	0x09, 0x31,	  /*     Usage (Y) */
	0x46, 0xb8, 0x0b, /*     Physical Maximum (3000) */
	0x26, 0x70, 0x17, /*     Logical Maximum (6000) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs): bytes 4-5 */
	0xb4,		  /*     Pop */
	0x09, 0x30,	  /*     Usage (Tip Pressure) */
	0x26, 0xff, 0x03, /*     Logical Maximum (1023) */
	0x81, 0x02,	  /*     Input (Data,Var,Abs): bytes 6-7 */
	0xc0,		  /*   End Collection */
	0xc0,		  /* End Collection */
};

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(waltop_slim_5_8_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	return HIDFIX_RDESC_REPLACE(hctx, rdesc_known, rdesc_fixed);
}

/* A barrel button held: the pressure the pen reports is not to be trusted. */
SEC("struct_ops/hid_device_event")
int
BPF_PROG(waltop_slim_5_8_fix_pressure, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, PEN_REPORT_LEN);

	if (!data || type != HID_INPUT_REPORT || hctx->size < PEN_REPORT_LEN)
		return 0;
	if (data[0] != PEN_REPORT_ID)
		return 0;

	if ((data[PEN_BUTTON_BYTE] & PEN_BUTTON_MASK) > PEN_BUTTON_TIP) {
		data[PEN_PRESSURE_LSB] = 0;
		data[PEN_PRESSURE_MSB] = 0;
	}
	return 0;
}

HID_BPF_OPS(waltop_slim_5_8) = {
	.hid_rdesc_fixup = (void *)waltop_slim_5_8_fix_rdesc,
	.hid_device_event = (void *)waltop_slim_5_8_fix_pressure,
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
