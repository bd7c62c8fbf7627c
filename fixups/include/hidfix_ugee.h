/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the descriptors of several UGEE (XP-Pen) devices share, for the
 * fixups of those devices: the start of their pen interface, the 102-byte
 * keyboard-style pad descriptor (the ACK05 remote and the Deco 01 V3 among
 * them) and its match, and the items that make a tablet pad. Include after
 * hidfix_bpf.h.
 *
 *      0    05 01 09 02 a1 01 85 09   a mouse application, report 9 (8 bytes)
 *     62    05 01 09 06 a1 01 85 06   a keyboard application, report 6:
 *           8 modifier bits (byte 1), a 6-key usage array (bytes 2-7)
 */
#pragma once

/*
 * Their pen descriptors start with Usage Page (Digitizers), Usage (Pen),
 * Collection (Application), Report ID (7), Usage (Stylus). 10 bytes, not
 * 8: clang puts 8-byte constants in a mergeable section whose BTF the
 * kernel refuses.
 */
#define UGEE_PEN_REPORT_ID 0x07
static const __u8 ugee_pen_head[] = { 0x05, 0x0d, 0x09, 0x02, 0xa1, 0x01, 0x85, UGEE_PEN_REPORT_ID,
				      0x09, 0x20 };

#define UGEE_PAD_RDESC_SIZE 102
#define UGEE_PAD_KBD_APP    62

/*
 * The first 10 bytes: a mouse application, report 9, Usage (Pointer); and
 * at UGEE_PAD_KBD_APP a keyboard application, report 6, Usage Page
 * (Keyboard). (10 bytes each, as above.)
 */
static const __u8 ugee_pad_head[] = { 0x05, 0x01, 0x09, 0x02, 0xa1, 0x01, 0x85, 0x09, 0x09, 0x01 };
static const __u8 ugee_pad_kbd[] = { 0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x85, 0x06, 0x05, 0x07 };

static __always_inline bool
ugee_is_keyboard_pad(const __u8 *rdesc, unsigned int size)
{
	return size == UGEE_PAD_RDESC_SIZE &&
	       hidfix_bytes_equal(rdesc, 0, ugee_pad_head, sizeof(ugee_pad_head)) &&
	       hidfix_bytes_equal(rdesc, UGEE_PAD_KBD_APP, ugee_pad_kbd, sizeof(ugee_pad_kbd));
}

/*
 * The items that make a pad application a tablet pad for user space, to
 * follow the pad's buttons while Report Size is 1: a barrel switch bit and
 * 7 constant bits (one byte), then X and Y (one byte each), which the
 * fixups keep at 0. Leaves Report Size 8.
 */
/* clang-format off */
#define UGEE_TABLET_PAD_MARKERS						\
	0x05, 0x0d,	/* Usage Page (Digitizers) */			\
	0x09, 0x44,	/* Usage (Barrel Switch) */			\
	0x95, 0x01,	/* Report Count (1) */				\
	0x81, 0x02,	/* Input (Data,Var,Abs): 1 bit */		\
	0x95, 0x07,	/* Report Count (7) */				\
	0x81, 0x01,	/* Input (Const) */				\
	0x05, 0x01,	/* Usage Page (Generic Desktop) */		\
	0x09, 0x30,	/* Usage (X) */					\
	0x09, 0x31,	/* Usage (Y) */					\
	0x75, 0x08,	/* Report Size (8) */				\
	0x95, 0x02,	/* Report Count (2) */				\
	0x81, 0x02	/* Input (Data,Var,Abs): 2 bytes */
/* clang-format on */

#define UGEE_KBD_REPORT_LEN 8	 /* ID, modifier bits, 6-key usage array */
#define UGEE_KBD_MODIFIERS  1	 /* byte of the modifier bits */
#define UGEE_KBD_KEYS	    2	 /* first byte of the key array */
#define UGEE_MOD_LEFT_ALT   0x04 /* modifier bit of LeftAlt */

/*
 * Rewrite a keyboard-style pad report (UGEE_KBD_REPORT_LEN bytes, in
 * place) into a button bitmap in byte 1, the bytes after it 0: button b
 * (bit b) is pressed when keys[b] is found anywhere in the key array, or,
 * where keys[b] is 0, when the LeftAlt modifier bit is set (the button
 * that sends LeftAlt alone). The other modifier bits carry nothing.
 */
static __always_inline void
ugee_keys_to_buttons(__u8 *data, const __u8 *keys, unsigned int n_keys)
{
	__u8 buttons = 0;

	for (unsigned int b = 0; b < n_keys; b++) {
		if (!keys[b] && (data[UGEE_KBD_MODIFIERS] & UGEE_MOD_LEFT_ALT))
			buttons |= 1 << b;
		for (int i = UGEE_KBD_KEYS; keys[b] && i < UGEE_KBD_REPORT_LEN; i++) {
			if (data[i] == keys[b])
				buttons |= 1 << b;
		}
	}
	data[UGEE_KBD_MODIFIERS] = buttons;
	for (int i = UGEE_KBD_MODIFIERS + 1; i < UGEE_KBD_REPORT_LEN; i++)
		data[i] = 0;
}

#define UGEE_PAD_REPORT_ID 0x06 /* the keyboard-style pad report */

/*
 * The device-event hook of a keyboard-style pad fixup: an input report 6
 * of the interface whose original descriptor was pad_rdesc_size bytes is
 * rewritten by ugee_keys_to_buttons(); any other report passes as it is.
 */
static __always_inline void
ugee_fix_pad_report(struct hid_bpf_ctx *hctx, enum hid_report_type type,
		    unsigned int pad_rdesc_size, const __u8 *keys, unsigned int n_keys)
{
	__u8 *data;

	if (type != HID_INPUT_REPORT || hctx->size < UGEE_KBD_REPORT_LEN ||
	    hctx->hid->dev_rsize != pad_rdesc_size)
		return;
	data = hid_bpf_get_data(hctx, 0, UGEE_KBD_REPORT_LEN);
	if (!data || data[0] != UGEE_PAD_REPORT_ID)
		return;
	ugee_keys_to_buttons(data, keys, n_keys);
}
