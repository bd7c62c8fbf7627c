// SPDX-License-Identifier: GPL-2.0-only
/*
 * Huion Keydial K20 over Bluetooth (Bluetooth 256C:8251, "Keydial
 * mini-050"; the Inspiroy Frego M shares the id, its descriptor differs)
 *
 * Two HID devices: a 114-byte puck descriptor that never sends anything
 * (left alone: the probe does not take it) and the 160-byte pad
 * descriptor, which sends:
 * - keyboard report 1 (9 bytes: ID, modifiers, reserved, six keys in
 *   bytes 3-8): the 18 buttons type keys (hidfix_huion.h, K20 table);
 * - consumer report 2 (3 bytes, 16-bit usage): the dial's button is
 *   Play/Pause (0xcd) while held, 0 when released;
 * - mouse report 5 (7 bytes): byte 6 the dial as a signed wheel step,
 *   each step followed by a report with 0.
 *
 * Hardware bug: the keypad's buttons and dial are a keyboard, a media key
 * and a mouse wheel, so user space cannot treat them as a tablet pad.
 *
 * Fix: the pad descriptor is replaced by the K20 tablet pad report 3
 * (HUION_K20_PAD_RDESC, 8 bytes, the same as over USB). Every report 1, 2
 * and 5 is rewritten in place to report 3 (8 bytes; shorter reports grow
 * to 8): report 1 gives buttons 1-18, report 2 button 19, report 5 the
 * dial step (clamped to -1..1). Each report carries only its own buttons,
 * so the others are kept (pad_buttons) and sent with it.
 *
 * The descriptors are the real ones (hid-recorder output quoted by the
 * kernel's HID-BPF program); not tested on the hardware: status testing.
 */

#include "hidfix_bpf.h"
#include "hidfix_huion.h"

#define PID_KEYDIAL_K20_BT 0x8251

#define PAD_RDESC_SIZE 160

#define KEYS_REPORT_ID	   1
#define KEYS_REPORT_LEN	   9
#define KEY_MODS	   1
#define KEY_FIRST	   3
#define DIAL_BTN_REPORT_ID 2
#define DIAL_BTN_PLAY	   0xcd /* Consumer Play/Pause, byte 1 */
#define WHEEL_REPORT_ID	   5
#define WHEEL_STEP	   6
#define DIAL_BUTTON	   HUION_K20_BUTTON(19)

HID_BPF_CONFIG(HID_DEVICE(BUS_BLUETOOTH, HID_GROUP_GENERIC, HUION_VID, PID_KEYDIAL_K20_BT));

static const __u8 pad_original[PAD_RDESC_SIZE] = {
	0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x85, 0x01, 0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15,
	0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0x95, 0x01, 0x75, 0x08, 0x81, 0x01,
	0x95, 0x05, 0x75, 0x01, 0x05, 0x08, 0x19, 0x01, 0x29, 0x05, 0x91, 0x02, 0x95, 0x01, 0x75,
	0x03, 0x91, 0x01, 0x95, 0x06, 0x75, 0x08, 0x15, 0x00, 0x25, 0xf1, 0x05, 0x07, 0x19, 0x00,
	0x29, 0xf1, 0x81, 0x00, 0xc0, 0x05, 0x0c, 0x09, 0x01, 0xa1, 0x01, 0x85, 0x02, 0x05, 0x0c,
	0x19, 0x00, 0x2a, 0x80, 0x03, 0x15, 0x00, 0x26, 0x80, 0x03, 0x75, 0x10, 0x95, 0x01, 0x81,
	0x00, 0xc0, 0x05, 0x01, 0x09, 0x02, 0xa1, 0x01, 0x09, 0x01, 0x85, 0x05, 0xa1, 0x00, 0x05,
	0x09, 0x19, 0x01, 0x29, 0x05, 0x15, 0x00, 0x25, 0x01, 0x95, 0x05, 0x75, 0x01, 0x81, 0x02,
	0x95, 0x01, 0x75, 0x03, 0x81, 0x01, 0x05, 0x01, 0x09, 0x30, 0x09, 0x31, 0x16, 0x01, 0x80,
	0x26, 0xff, 0x7f, 0x75, 0x10, 0x95, 0x02, 0x81, 0x06, 0x05, 0x01, 0x09, 0x38, 0x15, 0x81,
	0x25, 0x7f, 0x95, 0x01, 0x75, 0x08, 0x81, 0x06, 0xc0, 0xc0,
};

static const __u8 pad_rdesc[] = { HUION_K20_PAD_RDESC };

/* The buttons last reported, bit n = button n + 1. */
__u32 pad_buttons;

static __always_inline bool
rdesc_is_pad(const __u8 *rdesc, unsigned int size)
{
	return size == PAD_RDESC_SIZE && hidfix_bytes_equal(rdesc, 0, pad_original, PAD_RDESC_SIZE);
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(k20_bt_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (!rdesc_is_pad(data, hctx->size))
		return 0;
	return huion_copy_rdesc(data, pad_rdesc, sizeof(pad_rdesc));
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(k20_bt_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u8 *data;
	__u8 wheel = 0;
	__s8 step;

	if (type != HID_INPUT_REPORT)
		return 0;
	/* our report 3 is 8 bytes: every report grows to at least that */
	data = hid_bpf_get_data(hctx, 0, KEYS_REPORT_LEN);
	if (!data)
		return 0;

	switch (data[0]) {
	case KEYS_REPORT_ID:
		if (hctx->size < KEYS_REPORT_LEN)
			return 0;
		pad_buttons = (pad_buttons & DIAL_BUTTON) |
			      huion_k20_key_buttons(data, KEY_MODS, KEY_FIRST, KEYS_REPORT_LEN);
		break;
	case DIAL_BTN_REPORT_ID:
		pad_buttons &= ~DIAL_BUTTON;
		if (data[1] == DIAL_BTN_PLAY)
			pad_buttons |= DIAL_BUTTON;
		break;
	case WHEEL_REPORT_ID:
		step = (__s8)data[WHEEL_STEP];
		if (step > 0)
			wheel = HUION_STEP_UP;
		else if (step < 0)
			wheel = HUION_STEP_DOWN;
		break;
	default:
		return 0;
	}
	huion_k20_write_pad(data, HUION_K20_PAD_REPORT_LEN, pad_buttons, wheel);
	return HUION_K20_PAD_REPORT_LEN;
}

HID_BPF_OPS(keydial_k20_bt) = {
	.hid_rdesc_fixup = (void *)k20_bt_fix_rdesc,
	.hid_device_event = (void *)k20_bt_fix_events,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = rdesc_is_pad(ctx->rdesc, ctx->rdesc_size) ? 0 : -EINVAL;
	return 0;
}

char _license[] SEC("license") = "GPL";
