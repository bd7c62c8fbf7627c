// SPDX-License-Identifier: GPL-2.0-only
/*
 * Huion Inspiroy 2 S pen tablet (H641P, USB 256C:0066)
 *
 * The tablet has three HID interfaces, each its own HID device with the
 * same ids, told apart here by their descriptor:
 * - pen, 93 bytes, report 10 (10 bytes): sends the pen out of the box;
 * - pad, 65 bytes, keyboard report 3 (8 bytes) and consumer report 4:
 *   out of the box the six buttons and the wheel type keyboard shortcuts;
 * - vendor, 18 bytes, report 8 (12 bytes) of one opaque 88-bit field:
 *   after a switch to "raw mode" (a vendor string request, e.g. by
 *   huion-switcher) everything arrives here and the other two are mute.
 *
 * Hardware bugs:
 * - pen (93 bytes): the second side button is bit 2, declared as Eraser
 *   (offset 16: 09 45), so it selects the rubber tool; bit 3 is Invert
 *   (offset 18: 09 3c) on a pen without an eraser end; Unit Exponent -3
 *   and Unit in^3 (offsets 46, 48: 55 0d 65 33) give a nonsense size;
 *   X/Y Tilt (offset 77) are declared but never sent.
 * - pad (65 bytes): buttons and wheel are keys (report 3 byte 1 the
 *   modifiers, byte 2 the first key): button 1 "b" (00 05), 2 "i"
 *   (00 0c), 3 "e" (00 08), 4 Ctrl+S (01 16), 5 Space (00 2c), 6
 *   Ctrl+Alt+Z (05 1d), wheel down Ctrl+- (01 2d), wheel up Ctrl+= (01 2e),
 *   nothing (00 00); only one at a time.
 * - vendor (18 bytes): nothing is described. In raw mode byte 1 of
 *   report 8 says what follows: bit 5 clear is the pen (bits 0-2 tip and
 *   the two buttons, bit 7 in range, then X 0-32000, Y 0-20000 and
 *   pressure 0-8192, 16 bit little endian); 0xe0 is the pad buttons (byte
 *   4, bits 0-5, buttons 1-6); 0xf1 is the wheel (byte 5: 1 up, 2 down).
 *
 * Fix (every interface is fixed, whichever mode the tablet is in):
 * - pen: the descriptor is replaced (same report 10 layout): bits 0-2
 *   Tip, Barrel and Secondary Barrel Switch (BTN_STYLUS2), bits 3-5
 *   padding, bit 6 In Range, X/Y in 0.1 cm (16.0 x 10.0 cm), pressure,
 *   the two tilt bytes padding. Reports are unchanged.
 * - pad: the descriptor is replaced by a tablet pad, report 3 of 8 bytes
 *   (pad_rdesc below): byte 1 buttons 1-6 (BTN_0..BTN_5) and a Barrel
 *   Switch that is never set (BTN_STYLUS makes user space treat the node
 *   as a tablet pad), byte 2 the wheel (REL_WHEEL), bytes 3-4 X/Y (never
 *   set, also for the pad type), bytes 5-7 padding. Each keyboard report
 *   3 is rewritten in place to that layout from the table above.
 * - vendor: the descriptor is replaced by the raw-mode pen (report 8, as
 *   sent) and the same tablet pad report 3. Pad reports (byte 1 bit 5)
 *   are rewritten in place to report 3; a wheel report carries no button
 *   state, so the last buttons reported are kept (pad_buttons) and sent
 *   again with it.
 *
 * The descriptors are the real ones (the kernel's HID-BPF program quotes
 * hid-recorder output); the fixup is not tested on the hardware: status
 * testing. Without a udev property telling the mode, the pen and pad
 * interfaces are fixed rather than disabled, as the kernel's program does
 * when that property is not set.
 */

#include "hidfix_bpf.h"
#include "hidfix_huion.h"

#define PID_INSPIROY_2_S 0x0066

#define PAD_RDESC_SIZE 65

#define PAD_REPORT_ID  3
#define PAD_REPORT_LEN 8

/* the pad report 3 we declare */
#define PAD_BUTTONS  1
#define PAD_WHEEL    2
#define BUTTONS_MASK 0x3f /* buttons 1-6 */

/* keyboard report 3 of the pad interface: byte 1 modifiers, byte 2 key */
#define KEY_MODS	1
#define KEY_FIRST	2
#define KEYS(mods, key) ((mods) << 8 | (key))

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, HUION_VID, PID_INSPIROY_2_S));

static const __u8 pad_original[PAD_RDESC_SIZE] = {
	0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x85, 0x03, 0x05, 0x07, 0x19, 0xe0, 0x29,
	0xe7, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0x05, 0x07,
	0x19, 0x00, 0x29, 0xff, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x06, 0x81, 0x00,
	0xc0, 0x05, 0x0c, 0x09, 0x01, 0xa1, 0x01, 0x85, 0x04, 0x19, 0x00, 0x2a, 0x3c,
	0x02, 0x15, 0x00, 0x26, 0x3c, 0x02, 0x95, 0x01, 0x75, 0x10, 0x81, 0x00, 0xc0,
};

/* Tablet pad, report 3 (8 bytes); the end of both pad_rdesc and vendor_rdesc. */
#define PAD_APPLICATION                                                                           \
	HUION_PAD_BEGIN(PAD_REPORT_ID), 0x05, 0x09, /* Usage Page (Button) */                     \
		0x19, 0x01,			    /* Usage Minimum (1) */                       \
		0x29, 0x06,			    /* Usage Maximum (6) */                       \
		0x15, 0x00,			    /* Logical Minimum (0) */                     \
		0x25, 0x01,			    /* Logical Maximum (1) */                     \
		0x75, 0x01,			    /* Report Size (1) */                         \
		0x95, 0x06,			    /* Report Count (6): byte 1 bits 0-5 */       \
		0x81, 0x02,			    /* Input (Data,Var,Abs) */                    \
		0x05, 0x0d,			    /* Usage Page (Digitizers) */                 \
		0x09, 0x44,			    /* Usage (Barrel Switch): bit 6, never set */ \
		0x95, 0x01,			    /* Report Count (1) */                        \
		0x81, 0x02,			    /* Input (Data,Var,Abs) */                    \
		0x81, 0x03,			    /* Input (Cnst): bit 7 */                     \
		0x05, 0x01,			    /* Usage Page (Generic Desktop) */            \
		0x09, 0x38,			    /* Usage (Wheel): byte 2 */                   \
		0x15, 0xff,			    /* Logical Minimum (-1) */                    \
		0x75, 0x08,			    /* Report Size (8) */                         \
		0x81, 0x06,			    /* Input (Data,Var,Rel) */                    \
		0x09, 0x30,			    /* Usage (X): byte 3, never set */            \
		0x09, 0x31,			    /* Usage (Y): byte 4, never set */            \
		0x15, 0x00,			    /* Logical Minimum (0) */                     \
		0x95, 0x02,			    /* Report Count (2) */                        \
		0x81, 0x02,			    /* Input (Data,Var,Abs) */                    \
		0x95, 0x03,			    /* Report Count (3): bytes 5-7 */             \
		0x81, 0x03,			    /* Input (Cnst) */                            \
		0xc0,				    /* End Collection */                          \
		0xc0				    /* End Collection */

static const __u8 pad_rdesc[] = { PAD_APPLICATION };

/* clang-format off */
static const __u8 pen_rdesc[] = {
	0x05, 0x0d,			/* Usage Page (Digitizers) */
	0x09, 0x02,			/* Usage (Pen) */
	0xa1, 0x01,			/* Collection (Application) */
	0x85, HUION_PEN_REPORT_ID,	/* Report ID (10) */
	0x09, 0x20,			/* Usage (Stylus) */
	0xa1, 0x00,			/* Collection (Physical) */
	HUION_PEN_BUTTONS(3),		/* byte 1, bits 0-6 */
	0x81, 0x03,			/* Input (Cnst): bit 7 */
	HUION_PEN_XY(0xff, 0x7f, 0xa0, 0x00,	/* X 0-32767, 16.0 cm */
		     0xff, 0x7f, 0x64, 0x00),	/* Y 0-32767, 10.0 cm */
	HUION_PEN_PRESSURE(0xff, 0x1f),	/* 0-8191, bytes 6-7 */
	0x75, 0x08,			/* Report Size (8) */
	0x95, 0x02,			/* Report Count (2): bytes 8-9, no tilt sent */
	0x81, 0x03,			/* Input (Cnst) */
	0xc0,				/* End Collection */
	0xc0,				/* End Collection */
};

static const __u8 vendor_rdesc[] = {
	0x05, 0x0d,			/* Usage Page (Digitizers) */
	0x09, 0x02,			/* Usage (Pen) */
	0xa1, 0x01,			/* Collection (Application) */
	0x85, HUION_VENDOR_REPORT_ID,	/* Report ID (8) */
	0x09, 0x20,			/* Usage (Stylus) */
	0xa1, 0x00,			/* Collection (Physical) */
	HUION_PEN_BUTTONS(4),		/* byte 1 */
	HUION_PEN_XY(0x00, 0x7d, 0xa0, 0x00,	/* X 0-32000, 16.0 cm */
		     0x20, 0x4e, 0x64, 0x00),	/* Y 0-20000, 10.0 cm */
	HUION_PEN_PRESSURE(0x00, 0x20),	/* 0-8192, bytes 6-7 */
	0x75, 0x08,			/* Report Size (8) */
	0x95, 0x04,			/* Report Count (4): bytes 8-11 */
	0x81, 0x03,			/* Input (Cnst) */
	0xc0,				/* End Collection */
	0xc0,				/* End Collection */
	PAD_APPLICATION,
};
/* clang-format on */

/* Buttons held at the last vendor pad button report. */
__u8 pad_buttons;

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(inspiroy_2_s_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */

	return huion_fix_rdesc(data, hctx->size, pad_original, PAD_RDESC_SIZE, pen_rdesc,
			       sizeof(pen_rdesc), pad_rdesc, sizeof(pad_rdesc), vendor_rdesc,
			       sizeof(vendor_rdesc));
}

/* The pad's keyboard report 3 in place -> our pad report 3. */
static __always_inline void
fix_pad_keys(__u8 *data)
{
	__u8 buttons = 0, wheel = 0;

	switch (KEYS(data[KEY_MODS], data[KEY_FIRST])) {
	case KEYS(0x00, 0x05): /* b */
		buttons = 1 << 0;
		break;
	case KEYS(0x00, 0x0c): /* i */
		buttons = 1 << 1;
		break;
	case KEYS(0x00, 0x08): /* e */
		buttons = 1 << 2;
		break;
	case KEYS(0x01, 0x16): /* Ctrl+S */
		buttons = 1 << 3;
		break;
	case KEYS(0x00, 0x2c): /* Space */
		buttons = 1 << 4;
		break;
	case KEYS(0x05, 0x1d): /* Ctrl+Alt+Z */
		buttons = 1 << 5;
		break;
	case KEYS(0x01, 0x2d): /* Ctrl+- */
		wheel = HUION_STEP_DOWN;
		break;
	case KEYS(0x01, 0x2e): /* Ctrl+= */
		wheel = HUION_STEP_UP;
		break;
	}

	for (int i = 1; i < PAD_REPORT_LEN; i++)
		data[i] = 0;
	data[PAD_BUTTONS] = buttons;
	data[PAD_WHEEL] = wheel;
}

/* A raw-mode vendor pad report 8 in place -> our pad report 3. */
static __always_inline void
fix_vendor_pad(__u8 *data)
{
	__u8 wheel = 0;

	if (data[1] == HUION_VENDOR_PAD_DIAL) {
		if (data[HUION_VENDOR_DIAL] == HUION_VENDOR_DIAL_UP)
			wheel = HUION_STEP_UP;
		else if (data[HUION_VENDOR_DIAL] == HUION_VENDOR_DIAL_DOWN)
			wheel = HUION_STEP_DOWN;
	} else if (data[1] == HUION_VENDOR_PAD_BUTTONS) {
		pad_buttons = data[HUION_VENDOR_BUTTONS] & BUTTONS_MASK;
	}

	data[0] = PAD_REPORT_ID;
	for (int i = 1; i < HUION_VENDOR_REPORT_LEN; i++)
		data[i] = 0;
	data[PAD_BUTTONS] = pad_buttons;
	data[PAD_WHEEL] = wheel;
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(inspiroy_2_s_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u8 *data;

	if (type != HID_INPUT_REPORT)
		return 0;

	data = huion_vendor_pad_report(hctx);
	if (data) {
		fix_vendor_pad(data);
		return 0;
	}
	data = huion_report(hctx, PAD_REPORT_ID, PAD_REPORT_LEN);
	if (data)
		fix_pad_keys(data);
	return 0;
}

HID_BPF_OPS(inspiroy_2_s) = {
	.hid_rdesc_fixup = (void *)inspiroy_2_s_fix_rdesc,
	.hid_device_event = (void *)inspiroy_2_s_fix_events,
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
