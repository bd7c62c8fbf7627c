// SPDX-License-Identifier: GPL-2.0-only
/*
 * Huion Keydial K20 (USB 256C:0069), a keypad with 18 buttons and a dial
 *
 * Three HID interfaces with the same ids, told apart by their descriptor:
 * - pad, 135 bytes: keyboard report 3 (8 bytes: ID, modifiers, six keys),
 *   plus consumer report 4 and mouse report 5 that it never sends. Out of
 *   the box each button types a key: 1 K, 2 G, 3 L, 4 Delete, 5 I, 6 D,
 *   7 B, 8 E, 9 S, 10 Z, 11 C, 12 V, 13 Left Control, 14 Left Alt, 15 Left
 *   Shift, 16 Enter, 17 Space, 18 N (13-15 as modifier bits 0x01, 0x04,
 *   0x02); several can be held at once.
 * - puck, 108 bytes: the dial, whose values and button are unreliable in
 *   this mode; left alone (the probe does not take it).
 * - vendor, 18 bytes (hidfix_huion.h): raw mode, report 8: 0xe0 buttons
 *   (bytes 4-6, bit n = button n+1, 19 with the dial's button), 0xf1 the
 *   dial (byte 5: 1 one way, 2 the other).
 *
 * Hardware bugs: the keypad's buttons are keyboard keys, so user space
 * cannot tell them from a keyboard or remap them as tablet pad buttons;
 * in raw mode nothing is described.
 *
 * Fix: the pad and vendor descriptors are replaced by one tablet pad
 * report 3 (pad_rdesc, 8 bytes): byte 1 bit 0 a Barrel Switch never set
 * (BTN_STYLUS makes user space treat the node as a tablet pad), bytes 2-4
 * buttons 1-10 (BTN_0..BTN_9) and 11-19 (Button usages 0x31-0x39: BTN_A
 * and on, as libwacom lists for this device), byte 5 the dial (REL_WHEEL),
 * bytes 6-7 X/Y never set. Keyboard reports become the buttons of the
 * table above; raw-mode button reports are copied; a raw-mode dial report
 * carries no buttons, so the last ones reported (pad_buttons) go with it.
 *
 * The descriptors are the real ones (hid-recorder output quoted by the
 * kernel's HID-BPF program); not tested on the hardware: status testing.
 */

#include "hidfix_bpf.h"
#include "hidfix_huion.h"

#define PID_KEYDIAL_K20 0x0069

#define PAD_RDESC_SIZE 135

#define KEYS_REPORT_ID	3
#define KEYS_REPORT_LEN 8
#define KEY_MODS	1
#define KEY_FIRST	2

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, HUION_VID, PID_KEYDIAL_K20));

static const __u8 pad_original[PAD_RDESC_SIZE] = {
	0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x85, 0x03, 0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15,
	0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0x05, 0x07, 0x19, 0x00, 0x29, 0xff,
	0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x06, 0x81, 0x00, 0xc0, 0x05, 0x0c, 0x09, 0x01, 0xa1,
	0x01, 0x85, 0x04, 0x05, 0x0c, 0x19, 0x00, 0x2a, 0x80, 0x03, 0x15, 0x00, 0x26, 0x80, 0x03,
	0x75, 0x10, 0x95, 0x01, 0x81, 0x00, 0xc0, 0x05, 0x01, 0x09, 0x02, 0xa1, 0x01, 0x09, 0x01,
	0x85, 0x05, 0xa1, 0x00, 0x05, 0x09, 0x19, 0x01, 0x29, 0x05, 0x15, 0x00, 0x25, 0x01, 0x95,
	0x05, 0x75, 0x01, 0x81, 0x02, 0x95, 0x01, 0x75, 0x03, 0x81, 0x01, 0x05, 0x01, 0x09, 0x30,
	0x09, 0x31, 0x16, 0x00, 0x80, 0x26, 0xff, 0x7f, 0x75, 0x10, 0x95, 0x02, 0x81, 0x06, 0x95,
	0x01, 0x75, 0x08, 0x05, 0x01, 0x09, 0x38, 0x15, 0x81, 0x25, 0x7f, 0x81, 0x06, 0xc0, 0xc0,
};

static const __u8 pad_rdesc[] = { HUION_K20_PAD_RDESC };

/* The buttons last reported in raw mode. */
__u32 pad_buttons;

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(k20_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);
	enum huion_interface iface;

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */

	iface = huion_interface(data, hctx->size, pad_original, PAD_RDESC_SIZE);
	if (iface == HUION_IF_PAD || iface == HUION_IF_VENDOR)
		return huion_copy_rdesc(data, pad_rdesc, sizeof(pad_rdesc));
	return 0;
}

/* The pad interface's keyboard report 3: every key held is a button. */
static __always_inline void
fix_keys(__u8 *data)
{
	__u32 buttons = huion_k20_key_buttons(data, KEY_MODS, KEY_FIRST, KEYS_REPORT_LEN);

	huion_k20_write_pad(data, KEYS_REPORT_LEN, buttons, 0);
}

/* A raw-mode report 8 (always the pad on this device). */
static __always_inline void
fix_vendor_pad(__u8 *data)
{
	__u8 wheel = 0;

	if (data[1] == HUION_VENDOR_PAD_DIAL) {
		wheel = huion_vendor_dial_step(data);
	} else if (data[1] == HUION_VENDOR_PAD_BUTTONS) {
		pad_buttons = (data[HUION_VENDOR_BUTTONS] | data[HUION_VENDOR_BUTTONS + 1] << 8 |
			       data[HUION_VENDOR_BUTTONS + 2] << 16) &
			      HUION_K20_BUTTONS_MASK;
	}
	huion_k20_write_pad(data, HUION_VENDOR_REPORT_LEN, pad_buttons, wheel);
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(k20_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u8 *data;

	if (type != HID_INPUT_REPORT)
		return 0;

	data = huion_vendor_pad_report(hctx);
	if (data) {
		fix_vendor_pad(data);
		return 0;
	}
	data = huion_report(hctx, KEYS_REPORT_ID, KEYS_REPORT_LEN);
	if (data)
		fix_keys(data);
	return 0;
}

HID_BPF_OPS(keydial_k20) = {
	.hid_rdesc_fixup = (void *)k20_fix_rdesc,
	.hid_device_event = (void *)k20_fix_events,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	enum huion_interface iface =
		huion_interface(ctx->rdesc, ctx->rdesc_size, pad_original, PAD_RDESC_SIZE);

	ctx->retval = (iface == HUION_IF_PAD || iface == HUION_IF_VENDOR) ? 0 : -EINVAL;
	return 0;
}

char _license[] SEC("license") = "GPL";
