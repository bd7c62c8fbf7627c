// SPDX-License-Identifier: GPL-2.0-only
/*
 * XP-Pen ACK05 shortcut remote ("Hanvon Ugee Shortcut Remote", USB 28BD:0202)
 *
 * Hardware bug: out of the box the remote pretends to be a keyboard. Each
 * of its buttons and each step of its dial sends a key combination
 * (Ctrl+O, F5, Ctrl+Keypad Plus, ...) through report 6 of its pad
 * interface, so two buttons that share a key (buttons 8 and 10 both send
 * "z") cannot be told apart and a tablet pad cannot be offered to user
 * space. After the host sends it the output report 02 b0 04 00 00 ... on
 * its vendor interface (report 2), it switches to a raw mode: the vendor
 * interface then sends report 2 with 0xf0 in byte 1, the button bitmap in
 * bytes 2-3 and the dial in byte 7 (1 clockwise, 2 counter-clockwise),
 * and the keyboard reports stop. The vendor descriptor does not describe
 * those bytes (one opaque vendor report).
 *
 * Pad interface, 102 bytes (the real descriptor of the wired remote):
 *   offset  bytes          item
 *      0    05 01 09 02    Usage Page (Generic Desktop), Usage (Mouse)
 *      4    a1 01 85 09    Collection (Application), Report ID (9)
 *     ...   a mouse report 9 of 8 bytes (3 buttons, X, Y, pressure)
 *     62    05 01 09 06    Usage Page (Generic Desktop), Usage (Keyboard)
 *     66    a1 01 85 06    Collection (Application), Report ID (6)
 *     ...   8 modifier bits and a 6-key array: report 6, 8 bytes
 *    101    c0             End Collection
 *
 * Vendor interface, 36 bytes. No dump of it is known here: the tests use
 * a SYNTHETIC descriptor of the documented size, the same layout as the
 * XP-Pen vendor interfaces (report 2, 11 data bytes each way), so this
 * fixup stays in testing:
 *      0    06 0a ff       Usage Page (Vendor Defined 0xff0a)
 *      3    09 01 a1 01    Usage (1), Collection (Application)
 *      7    85 02          Report ID (2)
 *      9    09 01 15 00    Usage (1), Logical Minimum (0)
 *     13    26 ff 00       Logical Maximum (255)
 *     16    75 08 95 0b    Report Size (8), Report Count (11)
 *     20    81 02          Input (Data,Var,Abs)   <- byte 21: 02 -> 01
 *     22    09 01 15 00    Usage (1), Logical Minimum (0)
 *     26    26 ff 00       Logical Maximum (255)
 *     29    75 08 95 0b    Report Size (8), Report Count (11)
 *     33    91 02          Output (Data,Var,Abs)
 *     35    c0             End Collection
 *
 * Fix:
 * - probe, on the vendor interface: sends the 12-byte output report 2
 *   "02 b0 04 00 00 00 ..." (hid_bpf_hw_output_report), which switches
 *   the remote to raw mode; a failure to send rejects the device.
 * - vendor descriptor: input report 2 becomes Constant (byte 21, Input
 *   02 -> 01), so its opaque bytes (e.g. the reconnect notice 02 f8 02 01)
 *   do not turn into a stray ABS_MISC node once the device has inputs;
 *   output report 2 stays as it is. A tablet pad application is appended
 *   after the 36 original bytes: report 0xf0,
 *   8 bytes: byte 1 constant, bytes 2-3 buttons 1-10 (BTN_0..BTN_9) and
 *   an 11th button (Button usage 0x31, BTN_SOUTH), byte 4 a barrel switch
 *   and bytes 5-6 X/Y that are always 0 (they make the node a tablet pad
 *   for user space), byte 7 the dial as a relative wheel (-1..1).
 * - vendor events: report 2 with 0xf0 in byte 1 becomes report 0xf0 of 8
 *   bytes (byte 0 takes the value of byte 1), and dial value 2
 *   (counter-clockwise) becomes 0xff (-1).
 * - pad descriptor: replaced by one opaque vendor report of 8 bytes, so
 *   the key combinations the remote may still send are not turned into
 *   key presses.
 * Not done: the wireless dongle (pad 177 bytes, pen 109 bytes) whose
 * descriptors are not known here, the battery report (0xf2) and sending
 * the switch again when the remote reconnects to its dongle.
 */

#include "hidfix_bpf.h"
#include "hidfix_ugee.h"

#define VID_UGEE	 0x28BD
#define PID_ACK05_REMOTE 0x0202

#define VENDOR_RDESC_SIZE  36
#define VENDOR_INPUT_FLAGS 21 /* Input (Data,Var,Abs) of report 2 */
#define INPUT_CONST	   0x01

#define VENDOR_REPORT_ID  0x02
#define VENDOR_REPORT_LEN 12 /* report ID and 11 bytes */
#define RAW_MODE_CMD	  0xb0
#define RAW_MODE_ARG	  0x04
#define RAW_PAD_REPORT_ID 0xf0
#define RAW_PAD_LEN	  8
#define DIAL_BYTE	  7
#define DIAL_CCW	  0x02
#define DIAL_MINUS_ONE	  0xff

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_UGEE, PID_ACK05_REMOTE));

/* The whole (synthetic) vendor descriptor, see above */
static const __u8 vendor_rdesc[VENDOR_RDESC_SIZE] = {
	0x06, 0x0a, 0xff, 0x09, 0x01, 0xa1, 0x01, 0x85, 0x02, 0x09, 0x01, 0x15,
	0x00, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x0b, 0x81, 0x02, 0x09, 0x01,
	0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x0b, 0x91, 0x02, 0xc0,
};

/* Replaces the pad descriptor: one opaque 8-byte report, no report ID */
static const __u8 pad_disabled[] = {
	0x06, 0x00, 0xff, /* Usage Page (Vendor Defined 0xff00) */
	0x09, 0x01,	  /* Usage (1) */
	0xa1, 0x01,	  /* Collection (Application) */
	0x09, 0x01,	  /*  Usage (1) */
	0x15, 0x00,	  /*  Logical Minimum (0) */
	0x26, 0xff, 0x00, /*  Logical Maximum (255) */
	0x75, 0x08,	  /*  Report Size (8) */
	0x95, 0x08,	  /*  Report Count (8) */
	0x81, 0x02,	  /*  Input (Data,Var,Abs) */
	0xc0,		  /* End Collection */
};

/* Appended to the vendor descriptor: the raw mode pad report */
/* clang-format off */
static const __u8 vendor_pad_app[] = {
	0x05, 0x01,		 /* Usage Page (Generic Desktop) */
	0x09, 0x07,		 /* Usage (Keypad) */
	0xa1, 0x01,		 /* Collection (Application) */
	0x85, RAW_PAD_REPORT_ID, /*  Report ID (0xf0) */
	0x75, 0x08,		 /*  Report Size (8) */
	0x95, 0x01,		 /*  Report Count (1) */
	0x81, 0x01,		 /*  Input (Const): byte 1 */
	0x05, 0x0d,		 /*  Usage Page (Digitizers) */
	0x09, 0x39,		 /*  Usage (Tablet Function Keys) */
	0xa1, 0x00,		 /*  Collection (Physical) */
	0x05, 0x09,		 /*   Usage Page (Button) */
	0x19, 0x01,		 /*   Usage Minimum (1) */
	0x29, 0x0a,		 /*   Usage Maximum (10) */
	0x15, 0x00,		 /*   Logical Minimum (0) */
	0x25, 0x01,		 /*   Logical Maximum (1) */
	0x75, 0x01,		 /*   Report Size (1) */
	0x95, 0x0a,		 /*   Report Count (10) */
	0x81, 0x02,		 /*   Input (Data,Var,Abs): bytes 2-3, bits 0-9 */
	0x09, 0x31,		 /*   Usage (Button 49): BTN_SOUTH */
	0x95, 0x01,		 /*   Report Count (1) */
	0x81, 0x02,		 /*   Input (Data,Var,Abs): bit 10 */
	0x95, 0x05,		 /*   Report Count (5) */
	0x81, 0x01,		 /*   Input (Const): bits 11-15 */
	UGEE_TABLET_PAD_MARKERS, /*   byte 4 bit 0, bytes 5-6 */
	0x09, 0x38,		 /*   Usage (Wheel) */
	0x15, 0xff,		 /*   Logical Minimum (-1) */
	0x25, 0x01,		 /*   Logical Maximum (1) */
	0x95, 0x01,		 /*   Report Count (1) */
	0x81, 0x06,		 /*   Input (Data,Var,Rel): byte 7 */
	0xc0,			 /*  End Collection */
	0xc0,			 /* End Collection */
};
/* clang-format on */

static __always_inline bool
is_vendor_rdesc(const __u8 *rdesc, unsigned int size)
{
	return size == VENDOR_RDESC_SIZE &&
	       hidfix_bytes_equal(rdesc, 0, vendor_rdesc, sizeof(vendor_rdesc));
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(ack05_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);
	unsigned int size = hctx->size;

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (is_vendor_rdesc(data, size)) {
		data[VENDOR_INPUT_FLAGS] = INPUT_CONST;
		__builtin_memcpy(data + VENDOR_RDESC_SIZE, vendor_pad_app, sizeof(vendor_pad_app));
		return VENDOR_RDESC_SIZE + sizeof(vendor_pad_app);
	}
	if (ugee_is_keyboard_pad(data, size)) {
		__builtin_memcpy(data, pad_disabled, sizeof(pad_disabled));
		return sizeof(pad_disabled);
	}
	return 0;
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(ack05_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u8 *data;

	if (type != HID_INPUT_REPORT || hctx->size < VENDOR_REPORT_LEN ||
	    hctx->hid->dev_rsize != VENDOR_RDESC_SIZE)
		return 0;
	data = hid_bpf_get_data(hctx, 0, RAW_PAD_LEN);
	if (!data || data[0] != VENDOR_REPORT_ID || data[1] != RAW_PAD_REPORT_ID)
		return 0;

	data[0] = RAW_PAD_REPORT_ID;
	if (data[DIAL_BYTE] == DIAL_CCW)
		data[DIAL_BYTE] = DIAL_MINUS_ONE;
	return RAW_PAD_LEN;
}

HID_BPF_OPS(xppen_ack05) = {
	.hid_rdesc_fixup = (void *)ack05_fix_rdesc,
	.hid_device_event = (void *)ack05_fix_events,
};

/* Send the raw mode switch through the vendor interface; 0 or -errno. */
static __always_inline int
switch_to_raw_mode(unsigned int hid_id)
{
	__u8 cmd[VENDOR_REPORT_LEN] = { VENDOR_REPORT_ID, RAW_MODE_CMD, RAW_MODE_ARG };
	struct hid_bpf_ctx *hctx = hid_bpf_allocate_context(hid_id);
	int r;

	if (!hctx)
		return -EINVAL;
	r = hid_bpf_hw_output_report(hctx, cmd, sizeof(cmd));
	hid_bpf_release_context(hctx);
	return r < 0 ? r : 0;
}

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	if (ugee_is_keyboard_pad(ctx->rdesc, ctx->rdesc_size))
		ctx->retval = 0;
	else if (is_vendor_rdesc(ctx->rdesc, ctx->rdesc_size))
		ctx->retval = switch_to_raw_mode(ctx->hid);
	return 0;
}

char _license[] SEC("license") = "GPL";
