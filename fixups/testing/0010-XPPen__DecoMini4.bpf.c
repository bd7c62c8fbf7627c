// SPDX-License-Identifier: GPL-2.0-only
/*
 * XP-Pen Deco Mini 4 tablet (USB 28BD:0929)
 *
 * Hardware bugs (in the compatibility mode the tablet starts in):
 * - the six pad buttons pretend to be a keyboard: each sends a key or a
 *   key combination through keyboard report 6 (button 1 "b", 2 "e", 3
 *   LeftAlt, 4 Space, 5 Ctrl+S, 6 Ctrl+Z, the keys anywhere in the key
 *   array), so user space sees keys, not a tablet pad;
 * - the pen descriptor (109 bytes) does not describe the pen report the
 *   tablet sends: report 7, 10 bytes: byte 1 bit 0 Tip Switch, bit 1
 *   Barrel, bit 2 the second button, bit 5 In Range; X 2-3 (0-20320),
 *   Y 4-5 (0-15240), pressure in the low 13 bits of 6-7 (0-8191), bytes
 *   8-9 unused; the tablet's resolution is 5080 lpi (4 x 3 in).
 *
 * No dump of this tablet's descriptors is known here: the kernel's program
 * tells them apart by their sizes only (pad 177 bytes, pen 109 bytes). The
 * tests use SYNTHETIC descriptors of those sizes: for the pad the 102-byte
 * UGEE keyboard pad (hidfix_ugee.h) followed by a Consumer Control
 * report 2 and Push/Pop pairs (no-ops); for the pen one that starts with
 * the UGEE pen items. The probe accepts only such descriptors (size, and
 * the UGEE pad or pen items at the start), so this fixup stays in testing
 * until a real dump confirms them.
 *
 * Fix:
 * - pad descriptor: replaced by a tablet pad (Keypad application, report
 *   6, 8 bytes): byte 1 buttons 1-6 (BTN_0..BTN_5) and 2 constant bits,
 *   byte 2 bit 0 a barrel switch and bytes 3-4 X/Y, always 0, which make
 *   the node a tablet pad for user space, bytes 5-7 constant;
 * - pad events: each report 6 is rewritten into that layout from the
 *   LeftAlt bit and the key usages of the key array;
 * - pen descriptor: replaced by one that describes report 7 as above,
 *   the second button as Secondary Barrel Switch (BTN_STYLUS2).
 */

#include "hidfix_bpf.h"
#include "hidfix_ugee.h"

#define VID_UGEE	0x28BD
#define PID_DECO_MINI_4 0x0929

#define PAD_RDESC_SIZE 177
#define PEN_RDESC_SIZE 109

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_UGEE, PID_DECO_MINI_4));

/* The key each button sends, by button (0: button 3, LeftAlt) */
static const __u8 button_keys[] = { 0x05, 0x08, 0x00, 0x2c, 0x16, 0x1d };

/* clang-format off */
static const __u8 pad_fixed[] = {
	0x05, 0x01,		 /* Usage Page (Generic Desktop) */
	0x09, 0x07,		 /* Usage (Keypad) */
	0xa1, 0x01,		 /* Collection (Application) */
	0x85, UGEE_PAD_REPORT_ID, /*  Report ID (6) */
	0x05, 0x0d,		 /*  Usage Page (Digitizers) */
	0x09, 0x39,		 /*  Usage (Tablet Function Keys) */
	0xa1, 0x00,		 /*  Collection (Physical) */
	0x05, 0x09,		 /*   Usage Page (Button) */
	0x19, 0x01,		 /*   Usage Minimum (1) */
	0x29, 0x06,		 /*   Usage Maximum (6) */
	0x15, 0x00,		 /*   Logical Minimum (0) */
	0x25, 0x01,		 /*   Logical Maximum (1) */
	0x75, 0x01,		 /*   Report Size (1) */
	0x95, 0x06,		 /*   Report Count (6) */
	0x81, 0x02,		 /*   Input (Data,Var,Abs): byte 1, bits 0-5 */
	0x95, 0x02,		 /*   Report Count (2) */
	0x81, 0x01,		 /*   Input (Const): bits 6-7 */
	UGEE_TABLET_PAD_MARKERS, /*   byte 2 bit 0, bytes 3-4 */
	0x95, 0x03,		 /*   Report Count (3) */
	0x81, 0x01,		 /*   Input (Const): bytes 5-7 */
	0xc0,			 /*  End Collection */
	0xc0,			 /* End Collection */
};

static const __u8 pen_fixed[] = {
	0x05, 0x0d,		 /* Usage Page (Digitizers) */
	0x09, 0x02,		 /* Usage (Pen) */
	0xa1, 0x01,		 /* Collection (Application) */
	0x85, UGEE_PEN_REPORT_ID, /*  Report ID (7) */
	0x09, 0x20,		 /*  Usage (Stylus) */
	0xa1, 0x00,		 /*  Collection (Physical) */
	0x09, 0x42,		 /*   Usage (Tip Switch) */
	0x09, 0x44,		 /*   Usage (Barrel Switch) */
	0x09, 0x5a,		 /*   Usage (Secondary Barrel Switch) */
	0x15, 0x00,		 /*   Logical Minimum (0) */
	0x25, 0x01,		 /*   Logical Maximum (1) */
	0x75, 0x01,		 /*   Report Size (1) */
	0x95, 0x03,		 /*   Report Count (3) */
	0x81, 0x02,		 /*   Input (Data,Var,Abs): byte 1, bits 0-2 */
	0x95, 0x02,		 /*   Report Count (2) */
	0x81, 0x03,		 /*   Input (Cnst,Var,Abs): bits 3-4 */
	0x09, 0x32,		 /*   Usage (In Range) */
	0x95, 0x01,		 /*   Report Count (1) */
	0x81, 0x02,		 /*   Input (Data,Var,Abs): bit 5 */
	0x95, 0x02,		 /*   Report Count (2) */
	0x81, 0x03,		 /*   Input (Cnst,Var,Abs): bits 6-7 */
	0xa4,			 /*   Push */
	0x05, 0x01,		 /*   Usage Page (Generic Desktop) */
	0x65, 0x13,		 /*   Unit (Inch) */
	0x55, 0x0d,		 /*   Unit Exponent (-3) */
	0x35, 0x00,		 /*   Physical Minimum (0) */
	0x75, 0x10,		 /*   Report Size (16) */
	0x95, 0x01,		 /*   Report Count (1) */
	0x09, 0x30,		 /*   Usage (X) */
	0x26, 0x60, 0x4f,	 /*   Logical Maximum (20320) */
	0x46, 0xa0, 0x0f,	 /*   Physical Maximum (4000): 20320 / 5080 in */
	0x81, 0x02,		 /*   Input (Data,Var,Abs): bytes 2-3 */
	0x09, 0x31,		 /*   Usage (Y) */
	0x26, 0x88, 0x3b,	 /*   Logical Maximum (15240) */
	0x46, 0xb8, 0x0b,	 /*   Physical Maximum (3000): 15240 / 5080 in */
	0x81, 0x02,		 /*   Input (Data,Var,Abs): bytes 4-5 */
	0xb4,			 /*   Pop */
	0x09, 0x30,		 /*   Usage (Tip Pressure) */
	0x26, 0xff, 0x1f,	 /*   Logical Maximum (8191) */
	0x75, 0x0d,		 /*   Report Size (13) */
	0x95, 0x01,		 /*   Report Count (1) */
	0x81, 0x02,		 /*   Input (Data,Var,Abs): bytes 6-7, 13 bits */
	0x75, 0x01,		 /*   Report Size (1) */
	0x95, 0x13,		 /*   Report Count (19) */
	0x81, 0x03,		 /*   Input (Cnst,Var,Abs): the rest, to byte 9 */
	0xc0,			 /*  End Collection */
	0xc0,			 /* End Collection */
};
/* clang-format on */

static __always_inline bool
is_pad_rdesc(const __u8 *rdesc, unsigned int size)
{
	/* the UGEE keyboard pad at the start; ugee_is_keyboard_pad() wants 102 */
	return size == PAD_RDESC_SIZE &&
	       hidfix_bytes_equal(rdesc, 0, ugee_pad_head, sizeof(ugee_pad_head)) &&
	       hidfix_bytes_equal(rdesc, UGEE_PAD_KBD_APP, ugee_pad_kbd, sizeof(ugee_pad_kbd));
}

static __always_inline bool
is_pen_rdesc(const __u8 *rdesc, unsigned int size)
{
	return size == PEN_RDESC_SIZE &&
	       hidfix_bytes_equal(rdesc, 0, ugee_pen_head, sizeof(ugee_pen_head));
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(decomini4_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);
	unsigned int size = hctx->size;

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (is_pad_rdesc(data, size)) {
		__builtin_memcpy(data, pad_fixed, sizeof(pad_fixed));
		return sizeof(pad_fixed);
	}
	if (is_pen_rdesc(data, size)) {
		__builtin_memcpy(data, pen_fixed, sizeof(pen_fixed));
		return sizeof(pen_fixed);
	}
	return 0;
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(decomini4_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	ugee_fix_pad_report(hctx, type, PAD_RDESC_SIZE, button_keys, sizeof(button_keys));
	return 0;
}

HID_BPF_OPS(xppen_decomini4) = {
	.hid_rdesc_fixup = (void *)decomini4_fix_rdesc,
	.hid_device_event = (void *)decomini4_fix_events,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	if (is_pad_rdesc(ctx->rdesc, ctx->rdesc_size) || is_pen_rdesc(ctx->rdesc, ctx->rdesc_size))
		ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
