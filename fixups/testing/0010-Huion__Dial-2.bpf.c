// SPDX-License-Identifier: GPL-2.0-only
/*
 * Huion Inspiroy Dial 2 pen tablet (Q630M, USB 256C:0060)
 *
 * Three HID interfaces with the same ids, told apart by their descriptor
 * (see hidfix_huion.h for what the vendor and pen ones share with the
 * Inspiroy 2 S):
 * - pen, 93 bytes, report 10 (10 bytes, tilt in bytes 8-9);
 * - pad, 148 bytes: a puck application with report 17 (9 bytes: byte 1
 *   bit 0 the dial's button, bytes 2-3 a signed 16-bit dial step) and a
 *   keyboard report 3 (8 bytes, byte 1 modifiers, bytes 2-7 keys) that
 *   the buttons type shortcuts on, with modifiers sent as keys: button 1
 *   b (05), 2 e (08), 3 i (0c), 4 Ctrl S (e0 16), 5 Space (2c), 6 Ctrl
 *   Alt Z (e0 e2 1d), in bytes 2-4; one button at a time;
 * - vendor, 18 bytes: raw mode, report 8: pen (X 0-53340, Y 0-33340,
 *   pressure 0-8191, bytes 8-9 unused, X/Y tilt -60..60 in bytes 10-11),
 *   pad buttons (0xe0, bitmap in byte 4), dials (0xf1, byte 3 is 1 for
 *   the top dial, else the bottom one; byte 5 1 up, 2 down).
 *
 * Hardware bugs: the pen's second button is declared Eraser (pen offset
 * 16: 09 45), its unit is nonsense (offsets 46, 48: 55 0d 65 33) and its
 * tilt range is -127..127 for -60..60 (offsets 81, 83: 15 81 25 7f); the
 * pad's buttons are keyboard shortcuts and its dial a puck; in raw mode
 * nothing is described.
 *
 * Fix (every interface, whichever mode the tablet is in):
 * - pen: replacement descriptor, same report 10: Tip, Barrel, Secondary
 *   Barrel Switch, In Range, X/Y in 0.1 cm (26.6 x 16.6 cm), pressure,
 *   X/Y tilt -60..60. Reports unchanged.
 * - pad: replacement descriptor, a tablet pad report 3 (pad_rdesc, 8
 *   bytes): byte 1 buttons 1-8 (BTN_0..BTN_7), byte 2 bit 0 a Barrel
 *   Switch never set (BTN_STYLUS, so user space sees a tablet pad), byte 3
 *   the top dial (REL_WHEEL), byte 4 the bottom dial (REL_HWHEEL), bytes
 *   5-6 X/Y never set, byte 7 padding. Keyboard reports become buttons
 *   1-6, the dial's button is button 7 and its steps REL_WHEEL -1/+1.
 *   Key and dial reports each carry only their own buttons, so the state
 *   of the others is kept (pad_buttons) and sent with every report.
 * - vendor: replacement descriptor, the raw pen report 8 and the same
 *   pad report 3; pad reports are rewritten to report 3, dial reports
 *   with the last buttons reported (pad_buttons).
 *
 * The descriptors are the real ones (hid-recorder output quoted by the
 * kernel's HID-BPF program); not tested on the hardware: status testing.
 */

#include "hidfix_bpf.h"
#include "hidfix_huion.h"

#define PID_DIAL_2 0x0060

#define PAD_RDESC_SIZE 148

#define KEYS_REPORT_ID	3
#define KEYS_REPORT_LEN 8
#define KEY_FIRST	2
#define KEYS(a, b, c)	((a) << 16 | (b) << 8 | (c))
#define DIAL_REPORT_ID	17
#define DIAL_REPORT_LEN 9
#define DIAL_BUTTON	1
#define DIAL_STEP_LO	2
#define DIAL_STEP_HI	3

/* the pad report 3 we declare */
#define PAD_REPORT_ID	 3
#define KEY_BUTTONS_MASK 0x3f /* buttons 1-6: the keyboard report */
#define DIAL_BUTTON_BIT	 0x40 /* button 7: the dial report */
#define TOP_DIAL	 1    /* vendor report byte 3 */

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, HUION_VID, PID_DIAL_2));

static const __u8 pad_original[PAD_RDESC_SIZE] = {
	0x05, 0x01, 0x09, 0x0e, 0xa1, 0x01, 0x85, 0x11, 0x05, 0x0d, 0x09, 0x21, 0xa1, 0x02, 0x15,
	0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x01, 0xa1, 0x00, 0x05, 0x09, 0x09, 0x01, 0x81, 0x02,
	0x05, 0x0d, 0x09, 0x33, 0x81, 0x02, 0x95, 0x06, 0x81, 0x03, 0xa1, 0x02, 0x05, 0x01, 0x09,
	0x37, 0x16, 0x00, 0x80, 0x26, 0xff, 0x7f, 0x75, 0x10, 0x95, 0x01, 0x81, 0x06, 0x35, 0x00,
	0x46, 0x10, 0x0e, 0x15, 0x00, 0x26, 0x10, 0x0e, 0x09, 0x48, 0xb1, 0x02, 0x45, 0x00, 0xc0,
	0x75, 0x08, 0x95, 0x01, 0x81, 0x01, 0x75, 0x08, 0x95, 0x01, 0x81, 0x01, 0x75, 0x08, 0x95,
	0x01, 0x81, 0x01, 0x75, 0x08, 0x95, 0x01, 0x81, 0x01, 0x75, 0x08, 0x95, 0x01, 0x81, 0x01,
	0xc0, 0xc0, 0xc0, 0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x85, 0x03, 0x05, 0x07, 0x19, 0xe0,
	0x29, 0xe7, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0x05, 0x07, 0x19,
	0x00, 0x29, 0xff, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x06, 0x81, 0x00, 0xc0,
};

/* Tablet pad report 3 (8 bytes): the end of pad_rdesc and vendor_rdesc. */
#define PAD_APPLICATION HUION_PAD2_APPLICATION(PAD_REPORT_ID)

static const __u8 pad_rdesc[] = { PAD_APPLICATION };

/* clang-format off */
static const __u8 pen_rdesc[] = {
	HUION_PEN_BEGIN(HUION_PEN_REPORT_ID),
	HUION_PEN_BUTTONS(3),		/* byte 1, bits 0-6 */
	0x81, 0x03,			/* Input (Cnst): bit 7 */
	HUION_PEN_XY(0xff, 0x7f, 0x0a, 0x01,	/* X 0-32767, 26.6 cm */
		     0xff, 0x7f, 0xa6, 0x00),	/* Y 0-32767, 16.6 cm */
	HUION_PEN_PRESSURE(0xff, 0x1f),	/* 0-8191, bytes 6-7 */
	HUION_PEN_TILT,			/* bytes 8-9 */
	0xc0,				/* End Collection */
	0xc0,				/* End Collection */
};

static const __u8 vendor_rdesc[] = {
	HUION_PEN_BEGIN(HUION_VENDOR_REPORT_ID),
	HUION_PEN_BUTTONS(4),		/* byte 1 */
	HUION_PEN_XY(0x5c, 0xd0, 0x0a, 0x01,	/* X 0-53340, 26.6 cm */
		     0x3c, 0x82, 0xa6, 0x00),	/* Y 0-33340, 16.6 cm */
	HUION_PEN_PRESSURE(0xff, 0x1f),	/* 0-8191, bytes 6-7 */
	0x81, 0x03,			/* Input (Cnst): bytes 8-9 */
	HUION_PEN_TILT,			/* bytes 10-11 */
	0xc0,				/* End Collection */
	0xc0,				/* End Collection */
	PAD_APPLICATION,
};
/* clang-format on */

/* The pad buttons last reported, bit n = button n + 1. */
__u8 pad_buttons;

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(dial_2_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */

	return huion_fix_rdesc(data, hctx->size, pad_original, PAD_RDESC_SIZE, pen_rdesc,
			       sizeof(pen_rdesc), pad_rdesc, sizeof(pad_rdesc), vendor_rdesc,
			       sizeof(vendor_rdesc));
}

/* Write our pad report 3 over the first len bytes of a report. */
static __always_inline void
write_pad(__u8 *data, unsigned int len, __u8 wheel, __u8 hwheel)
{
	huion_pad2_write(data, len, PAD_REPORT_ID, pad_buttons, wheel, hwheel);
}

/* The pad interface's keyboard report 3: buttons 1-6. */
static __always_inline void
fix_keys(__u8 *data)
{
	__u8 button = 0;

	switch (KEYS(data[KEY_FIRST], data[KEY_FIRST + 1], data[KEY_FIRST + 2])) {
	case KEYS(0x05, 0x00, 0x00): /* b */
		button = 1 << 0;
		break;
	case KEYS(0x08, 0x00, 0x00): /* e */
		button = 1 << 1;
		break;
	case KEYS(0x0c, 0x00, 0x00): /* i */
		button = 1 << 2;
		break;
	case KEYS(0xe0, 0x16, 0x00): /* Ctrl S */
		button = 1 << 3;
		break;
	case KEYS(0x2c, 0x00, 0x00): /* Space */
		button = 1 << 4;
		break;
	case KEYS(0xe0, 0xe2, 0x1d): /* Ctrl Alt Z */
		button = 1 << 5;
		break;
	}
	pad_buttons = (pad_buttons & ~KEY_BUTTONS_MASK) | button;
	write_pad(data, KEYS_REPORT_LEN, 0, 0);
}

/* The pad interface's puck report 17: the dial's button and steps. */
static __always_inline void
fix_dial(__u8 *data)
{
	__s16 step = (__s16)(data[DIAL_STEP_LO] | data[DIAL_STEP_HI] << 8);
	__u8 wheel = 0;

	if (step > 0)
		wheel = HUION_STEP_UP;
	else if (step < 0)
		wheel = HUION_STEP_DOWN;
	pad_buttons &= ~DIAL_BUTTON_BIT;
	if (data[DIAL_BUTTON])
		pad_buttons |= DIAL_BUTTON_BIT;
	write_pad(data, DIAL_REPORT_LEN, wheel, 0);
}

/* A raw-mode pad report 8. */
static __always_inline void
fix_vendor_pad(__u8 *data)
{
	__u8 step = 0, wheel = 0, hwheel = 0;

	if (data[1] == HUION_VENDOR_PAD_DIAL) {
		step = huion_vendor_dial_step(data);
		if (data[HUION_VENDOR_DIAL_INDEX] == TOP_DIAL)
			wheel = step;
		else
			hwheel = step;
	} else if (data[1] == HUION_VENDOR_PAD_BUTTONS) {
		pad_buttons = data[HUION_VENDOR_BUTTONS];
	}
	write_pad(data, HUION_VENDOR_REPORT_LEN, wheel, hwheel);
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(dial_2_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u8 *data;

	if (type != HID_INPUT_REPORT)
		return 0;

	data = huion_vendor_pad_report(hctx);
	if (data) {
		fix_vendor_pad(data);
		return 0;
	}
	data = huion_report(hctx, DIAL_REPORT_ID, DIAL_REPORT_LEN);
	if (data) {
		fix_dial(data);
		return 0;
	}
	data = huion_report(hctx, KEYS_REPORT_ID, KEYS_REPORT_LEN);
	if (data)
		fix_keys(data);
	return 0;
}

HID_BPF_OPS(dial_2) = {
	.hid_rdesc_fixup = (void *)dial_2_fix_rdesc,
	.hid_device_event = (void *)dial_2_fix_events,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	if (huion_interface(ctx->rdesc, ctx->rdesc_size, pad_original, PAD_RDESC_SIZE))
		ctx->retval = 0;
	else
		ctx->retval = -EINVAL;
	return 0;
}

char _license[] SEC("license") = "GPL";
