// SPDX-License-Identifier: GPL-2.0-only
/*
 * XP-Pen Deco 02 tablet (USB 28BD:0803)
 *
 * Hardware bug: the six pad buttons and the dial pretend to be a
 * keyboard: each sends a key or a key combination through keyboard
 * report 3 (button 1 "b", 2 Space, 3 "e", 4 "i", 5 Ctrl+Alt+Z, 6 Ctrl+S;
 * the dial Ctrl+"=" clockwise and Ctrl+"-" counter-clockwise, released
 * at once), so user space sees keys, not a tablet pad with a dial.
 *
 * Pad interface, 188 bytes (real, from the kernel's program comment):
 *      0    05 0d 09 02 a1 01 85 07   the pen application, report 7
 *     99    09 0e a1 01 85 05         Device Configuration, feature 5
 *    123    05 0c 09 36 a1 00 85 06   Function Buttons, report 6
 *    148    05 01 09 06 a1 01 85 03   a keyboard application, report 3:
 *           8 modifier bits (byte 1), a 6-key usage array (bytes 2-7)
 *    187    c0                        its End Collection, the last byte
 * The keys of the pressed buttons appear, in no reliable order, anywhere
 * in bytes 2-7 (usage 0x05 button 1, 0x2c button 2, 0x08 button 3, 0x0c
 * button 4, 0x1d button 5, 0x16 button 6; 0x2e and 0x2d the dial); the
 * modifier bits carry no information of their own.
 *
 * Fix:
 * - descriptor: bytes 0-147 are kept; the keyboard application at 148 is
 *   replaced by a tablet pad (Keypad application, report 3, 8 bytes):
 *   byte 1 the dial as a relative wheel (-1..1), byte 2 buttons 1-6
 *   (BTN_0..BTN_5), byte 3 bit 0 a barrel switch and bytes 4-5 X/Y,
 *   always 0, which make the node a tablet pad for user space, bytes 6-7
 *   constant. The descriptor grows from 188 to 226 bytes.
 * - events: each report 3 is rewritten into that layout from the key
 *   usages found in bytes 2-7.
 */

#include "hidfix_bpf.h"
#include "hidfix_ugee.h"

#define VID_UGEE    0x28BD
#define PID_DECO_02 0x0803

#define RDESC_SIZE    188
#define RDESC_KBD_APP 148

#define PAD_REPORT_ID  0x03
#define PAD_REPORT_LEN 8
#define DIAL_BYTE      1
#define BUTTONS_BYTE   2
#define KEYS_FIRST     2
#define KEY_DIAL_CW    0x2e /* "=" */
#define KEY_DIAL_CCW   0x2d /* "-" */
#define DIAL_CW	       0x01
#define DIAL_CCW       0xff /* -1 */

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_UGEE, PID_DECO_02));

/* At RDESC_KBD_APP: a keyboard application, report 3, Usage Page (Keyboard) */
static const __u8 rdesc_kbd[] = { 0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x85, 0x03, 0x05, 0x07 };

/* The key usage each button sends, by button */
static const __u8 button_keys[] = { 0x05, 0x2c, 0x08, 0x0c, 0x1d, 0x16 };

/* Replaces the keyboard application at RDESC_KBD_APP */
/* clang-format off */
static const __u8 pad_fixed[] = {
	0x05, 0x01,		 /* Usage Page (Generic Desktop) */
	0x09, 0x07,		 /* Usage (Keypad) */
	0xa1, 0x01,		 /* Collection (Application) */
	0x85, PAD_REPORT_ID,	 /*  Report ID (3) */
	0x05, 0x0d,		 /*  Usage Page (Digitizers) */
	0x09, 0x39,		 /*  Usage (Tablet Function Keys) */
	0xa1, 0x00,		 /*  Collection (Physical) */
	0x05, 0x01,		 /*   Usage Page (Generic Desktop) */
	0x09, 0x38,		 /*   Usage (Wheel) */
	0x15, 0xff,		 /*   Logical Minimum (-1) */
	0x25, 0x01,		 /*   Logical Maximum (1) */
	0x75, 0x08,		 /*   Report Size (8) */
	0x95, 0x01,		 /*   Report Count (1) */
	0x81, 0x06,		 /*   Input (Data,Var,Rel): byte 1 */
	0x05, 0x09,		 /*   Usage Page (Button) */
	0x19, 0x01,		 /*   Usage Minimum (1) */
	0x29, 0x06,		 /*   Usage Maximum (6) */
	0x15, 0x00,		 /*   Logical Minimum (0) */
	0x25, 0x01,		 /*   Logical Maximum (1) */
	0x75, 0x01,		 /*   Report Size (1) */
	0x95, 0x06,		 /*   Report Count (6) */
	0x81, 0x02,		 /*   Input (Data,Var,Abs): byte 2, bits 0-5 */
	0x95, 0x02,		 /*   Report Count (2) */
	0x81, 0x01,		 /*   Input (Const): bits 6-7 */
	UGEE_TABLET_PAD_MARKERS, /*   byte 3 bit 0, bytes 4-5 */
	0x95, 0x02,		 /*   Report Count (2) */
	0x81, 0x01,		 /*   Input (Const): bytes 6-7 */
	0xc0,			 /*  End Collection */
	0xc0,			 /* End Collection */
};
/* clang-format on */

static __always_inline bool
rdesc_is_broken(const __u8 *rdesc, unsigned int size)
{
	return size == RDESC_SIZE &&
	       hidfix_bytes_equal(rdesc, 0, ugee_pen_head, sizeof(ugee_pen_head)) &&
	       hidfix_bytes_equal(rdesc, RDESC_KBD_APP, rdesc_kbd, sizeof(rdesc_kbd));
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(deco02_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (!rdesc_is_broken(data, hctx->size))
		return 0;

	__builtin_memcpy(data + RDESC_KBD_APP, pad_fixed, sizeof(pad_fixed));
	return RDESC_KBD_APP + sizeof(pad_fixed);
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(deco02_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u8 *data, buttons = 0, dial = 0;

	if (type != HID_INPUT_REPORT || hctx->size < PAD_REPORT_LEN ||
	    hctx->hid->dev_rsize != RDESC_SIZE)
		return 0;
	data = hid_bpf_get_data(hctx, 0, PAD_REPORT_LEN);
	if (!data || data[0] != PAD_REPORT_ID)
		return 0;

	for (int i = KEYS_FIRST; i < PAD_REPORT_LEN; i++) {
		if (data[i] == KEY_DIAL_CW)
			dial = DIAL_CW;
		else if (data[i] == KEY_DIAL_CCW)
			dial = DIAL_CCW;
		for (unsigned int b = 0; b < sizeof(button_keys); b++) {
			if (data[i] == button_keys[b])
				buttons |= 1 << b;
		}
	}

	data[DIAL_BYTE] = dial;
	data[BUTTONS_BYTE] = buttons;
	for (int i = BUTTONS_BYTE + 1; i < PAD_REPORT_LEN; i++)
		data[i] = 0;
	return 0;
}

HID_BPF_OPS(xppen_deco02) = {
	.hid_rdesc_fixup = (void *)deco02_fix_rdesc,
	.hid_device_event = (void *)deco02_fix_events,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	if (rdesc_is_broken(ctx->rdesc, ctx->rdesc_size))
		ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
