// SPDX-License-Identifier: GPL-2.0-only
/*
 * XP-Pen Deco 01 V3 tablet (USB 28BD:0947)
 *
 * Hardware bugs:
 * - the eight pad buttons pretend to be a keyboard: each sends a key or
 *   a key combination through report 6 of the pad interface (button 1
 *   "b", 2 "e", 3 LeftAlt, 4 Space, 5 Ctrl+S, 6 Ctrl+Z, 7 Ctrl+Keypad
 *   Plus, 8 Ctrl+Keypad Minus), so user space sees keys, not a pad;
 * - the pen descriptor declares a tilt range of -127..127 while the pen
 *   reports -60..60, so the tilt angles come out at half their size.
 *
 * Pad interface, 102 bytes (real, from the kernel's program comment):
 *      0    05 01 09 02 a1 01 85 09   a mouse application, report 9
 *     62    05 01 09 06 a1 01 85 06   a keyboard application, report 6:
 *           8 modifier bits (byte 1), a 6-key usage array (bytes 2-7)
 * Report 6 as the buttons send it: byte 1 bit 2 (LeftAlt) is button 3;
 * the keys of the other buttons appear, in the order pressed, anywhere
 * in bytes 2-7 (usage 0x05 button 1, 0x08 button 2, 0x2c button 4, 0x16
 * button 5, 0x1d button 6, 0x57 button 7, 0x56 button 8); the Ctrl bit
 * comes with buttons 5-8 and carries no information.
 *
 * Pen interface, 109 bytes (real, same source), report 7:
 *     87    09 3d         Usage (X Tilt)
 *     89    15 81 25 7f   Logical Minimum (-127), Maximum (127)
 *     99    09 3e         Usage (Y Tilt)
 *    101    15 81 25 7f   Logical Minimum (-127), Maximum (127)
 *
 * Fix:
 * - pad descriptor: replaced by a tablet pad (Keypad application, report
 *   6, 8 bytes): byte 1 buttons 1-8 (BTN_0..BTN_7), byte 2 bit 0 a barrel
 *   switch and bytes 3-4 X/Y, always 0, which make the node a tablet pad
 *   for user space, bytes 5-7 constant;
 * - pad events: each report 6 is rewritten into that layout from the
 *   LeftAlt bit and the key usages found in bytes 2-7;
 * - pen descriptor: both tilt ranges -127..127 -> -60..60 (bytes 90, 92,
 *   102 and 104: 81 -> c4, 7f -> 3c).
 */

#include "hidfix_bpf.h"
#include "hidfix_ugee.h"

#define VID_UGEE       0x28BD
#define PID_DECO_01_V3 0x0947

#define PEN_RDESC_SIZE 109
#define PEN_TILT_X     89 /* Logical Minimum (-127), Logical Maximum (127) */
#define PEN_TILT_Y     101
#define TILT_MIN_FIXED 0xc4 /* -60 */
#define TILT_MAX_FIXED 0x3c /* 60 */

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_UGEE, PID_DECO_01_V3));

/* X Tilt at PEN_TILT_X - 2 with its wrong range (Y Tilt: 0x3e) */
static const __u8 tilt_x_broken[] = { 0x09, 0x3d, 0x15, 0x81, 0x25, 0x7f };
static const __u8 tilt_y_broken[] = { 0x09, 0x3e, 0x15, 0x81, 0x25, 0x7f };

/* The key usage each button sends, by button (0: button 3, a modifier) */
/* in .rodata itself: clang would put an 8-byte constant in .rodata.cst8, a
 * section whose BTF the kernel refuses */
static const __u8 button_keys[] SEC(".rodata") = { 0x05, 0x08, 0x00, 0x2c, 0x16, 0x1d, 0x57, 0x56 };

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
	0x29, 0x08,		 /*   Usage Maximum (8) */
	0x15, 0x00,		 /*   Logical Minimum (0) */
	0x25, 0x01,		 /*   Logical Maximum (1) */
	0x75, 0x01,		 /*   Report Size (1) */
	0x95, 0x08,		 /*   Report Count (8) */
	0x81, 0x02,		 /*   Input (Data,Var,Abs): byte 1 */
	UGEE_TABLET_PAD_MARKERS, /*   byte 2 bit 0, bytes 3-4 */
	0x95, 0x03,		 /*   Report Count (3) */
	0x81, 0x01,		 /*   Input (Const): bytes 5-7 */
	0xc0,			 /*  End Collection */
	0xc0,			 /* End Collection */
};
/* clang-format on */

static __always_inline bool
is_pen_rdesc(const __u8 *rdesc, unsigned int size)
{
	return size == PEN_RDESC_SIZE &&
	       hidfix_bytes_equal(rdesc, 0, ugee_pen_head, sizeof(ugee_pen_head)) &&
	       hidfix_bytes_equal(rdesc, PEN_TILT_X - 2, tilt_x_broken, sizeof(tilt_x_broken)) &&
	       hidfix_bytes_equal(rdesc, PEN_TILT_Y - 2, tilt_y_broken, sizeof(tilt_y_broken));
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(deco01v3_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);
	unsigned int size = hctx->size;

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (ugee_is_keyboard_pad(data, size)) {
		__builtin_memcpy(data, pad_fixed, sizeof(pad_fixed));
		return sizeof(pad_fixed);
	}
	if (is_pen_rdesc(data, size)) {
		data[PEN_TILT_X + 1] = TILT_MIN_FIXED;
		data[PEN_TILT_X + 3] = TILT_MAX_FIXED;
		data[PEN_TILT_Y + 1] = TILT_MIN_FIXED;
		data[PEN_TILT_Y + 3] = TILT_MAX_FIXED;
	}
	return 0;
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(deco01v3_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	ugee_fix_pad_report(hctx, type, UGEE_PAD_RDESC_SIZE, button_keys, sizeof(button_keys));
	return 0;
}

HID_BPF_OPS(xppen_deco01v3) = {
	.hid_rdesc_fixup = (void *)deco01v3_fix_rdesc,
	.hid_device_event = (void *)deco01v3_fix_events,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	if (ugee_is_keyboard_pad(ctx->rdesc, ctx->rdesc_size) ||
	    is_pen_rdesc(ctx->rdesc, ctx->rdesc_size))
		ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
