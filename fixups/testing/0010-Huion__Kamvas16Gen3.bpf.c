// SPDX-License-Identifier: GPL-2.0-only
/*
 * Huion Kamvas 16 Gen 3 pen display (GS1563, USB 256C:2009)
 *
 * Three HID interfaces with the same ids, told apart by their descriptor:
 * - vendor, 36 bytes, the same as the Kamvas 13 Gen 3's: report 8, one
 *   opaque 104-bit Input field (14-byte reports), and a feature report 22
 *   (see hidfix_huion.h);
 * - tablet, 328 bytes: pen report 10, touch screen reports 4 and 5 (byte
 *   for byte the Kamvas Pro 19's descriptor);
 * - wheel, 200 bytes: a puck report 17 that both wheels share, keyboard
 *   report 3 the pad buttons type shortcuts on, consumer report 4 and
 *   system control report 5.
 * Out of the box ("firmware mode") the tablet and wheel interfaces report;
 * there the two wheels cannot be told apart. Switched to raw mode by a
 * vendor string request (huion-switcher), the tablet sends everything as
 * vendor report 8 and the other interfaces fall silent.
 *
 * Hardware bug: in raw mode nothing is described. Original vendor
 * descriptor (36 bytes):
 *   offset  bytes             item
 *      0    06 00 ff 09 01    Usage Page (0xff00), Usage (1)
 *      5    a1 01 85 08       Collection (Application), Report ID (8)
 *      9    75 68 95 01       Report Size (104), Report Count (1)
 *     13    09 01 81 02 c0    Usage (1), Input (Data,Var,Abs), End
 *     18    06 00 ff ... c0   feature report 22 (7 bytes), kept as is
 * Raw report 8, byte 1 says what it carries:
 * - bit 5 clear: the pen. Bits 0-3 tip, first, second and third button,
 *   bit 7 in range; X is 24 bits (0-69920) split: bytes 2-3 its low 16
 *   bits, byte 8 its high byte; bytes 4-5 Y (0-39340), 6-7 pressure
 *   (0-16383), byte 9 unused, 10 X tilt, 11 Y tilt (-60..60, the Y sign
 *   opposite to the HID convention the firmware-mode report follows),
 *   12-13 unused;
 * - 0xe0: the buttons, byte 4 bit n = button n + 1 (1-6 the keys, 7 the
 *   top wheel's button, 8 the bottom one's), one at a time as on the
 *   Kamvas 13 Gen 3 (see huion_gen3_fix_pad);
 * - 0xf1: a wheel turned, byte 3 1 the top wheel, 2 the bottom one; byte
 *   5 1 clockwise, 2 counter-clockwise.
 *
 * Hardware bug out of the box: the tablet interface's pen application is
 * the Kamvas Pro 19's (see huion_win8_pen_fix_rdesc() in hidfix_huion.h):
 * the second button is declared Secondary Tip Switch (offset 17: 43), the
 * third one sets Invert (read as the eraser end), and the X/Y tilt range
 * is declared -90..90 (offsets 83-86: 15 a6 25 5a) for -60..60.
 *
 * Fix (whichever mode the tablet is in; the wheel interface is not
 * touched and the probe rejects it):
 * - tablet (328 bytes): tilt Logical -60..60 (84: c4, 86: 3c), then
 *   huion_win8_pen_fix_rdesc() (17: 5a, 29: 05, 9 bytes inserted at 32:
 *   the third button as BTN_STYLUS3) and huion_win8_pen_fix_event() on
 *   pen report 10. 337 bytes.
 * - vendor descriptor: replaced by vendor_rdesc: the raw pen report 8 (Tip,
 *   Barrel, Secondary Barrel Switch, bit 3 BTN_STYLUS3, In Range, 24-bit
 *   X in bytes 2-4 and Y in bytes 5-6 in mm (350 x 197 mm active area),
 *   pressure in bytes 7-8, X/Y tilt -60..60), a tablet pad report 3
 *   (HUION_PAD2_APPLICATION: buttons 1-8, the top wheel REL_WHEEL, the
 *   bottom one REL_HWHEEL) and the original feature report 22 collection.
 *   213 bytes.
 * - vendor reports: in pen reports the high byte of X moves from byte 8
 *   to byte 4 (Y and pressure move up one byte) and the Y tilt is
 *   negated. Button and wheel reports become pad report 3 through
 *   huion_gen3_fix_pad (the IDLE/HELD button filter of the Kamvas 13 Gen
 *   3 fixup).
 *
 * The descriptors are the real ones (hid-recorder output quoted by the
 * kernel's HID-BPF program); not tested on the hardware: status testing.
 */

#include "hidfix_bpf.h"
#include "hidfix_huion.h"

#define PID_KAMVAS16_GEN3 0x2009

#define PEN_BITS   1
#define PEN_X_MID  4 /* where the high byte of X goes */
#define PEN_X_HIGH 8 /* where the tablet sends it */
#define PEN_Y_TILT 11

#define PAD_REPORT_ID 3

#define TABLET_RDESC_SIZE 328

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, HUION_VID, PID_KAMVAS16_GEN3)
		       HID_DEVICE(BUS_USB, HID_GROUP_MULTITOUCH_WIN_8, HUION_VID,
				  PID_KAMVAS16_GEN3));

/* clang-format off */
static const __u8 vendor_rdesc[] = {
	HUION_PEN_BEGIN(HUION_VENDOR_REPORT_ID),
	HUION_PEN_BUTTONS_STYLUS3,	/* byte 1 */
	0x05, 0x01,			/* Usage Page (Generic Desktop) */
	0x75, 0x10,			/* Report Size (16) */
	0x95, 0x01,			/* Report Count (1) */
	0xa4,				/* Push */
	0x55, 0x0f,			/* Unit Exponent (-1) */
	0x65, 0x11,			/* Unit (cm) */
	0x75, 0x18,			/* Report Size (24) */
	0x27, 0x20, 0x11, 0x01, 0x00,	/* Logical Maximum (69920) */
	0x46, 0x5e, 0x01,		/* Physical Maximum (35.0 cm) */
	0x09, 0x30,			/* Usage (X): bytes 2-4 */
	0x81, 0x02,			/* Input (Data,Var,Abs) */
	0x75, 0x10,			/* Report Size (16) */
	0x26, 0xac, 0x99,		/* Logical Maximum (39340) */
	0x46, 0xc5, 0x00,		/* Physical Maximum (19.7 cm) */
	0x09, 0x31,			/* Usage (Y): bytes 5-6 */
	0x81, 0x02,			/* Input (Data,Var,Abs) */
	0xb4,				/* Pop */
	0x05, 0x0d,			/* Usage Page (Digitizers) */
	HUION_PEN_PRESSURE(0xff, 0x3f),	/* 0-16383, bytes 7-8 */
	0x75, 0x08,			/* Report Size (8) */
	0x81, 0x03,			/* Input (Cnst): byte 9 */
	HUION_GEN3_VENDOR_RDESC_END(PAD_REPORT_ID),
};
/* clang-format on */

/* One copy per attachment: each interface gets its own loaded object. */
__u8 pad_held;					/* vendor: huion_gen3_fix_pad() */
enum huion_pen_state pen_state = HUION_PEN_OUT; /* tablet: huion_win8_pen_fix_event() */

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(kamvas16_gen3_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	return huion_gen3_fix_rdesc(hctx, vendor_rdesc, sizeof(vendor_rdesc), TABLET_RDESC_SIZE);
}

/* A raw pen report: X made contiguous, Y tilt negated. */
static __always_inline void
fix_pen(__u8 *data)
{
	__u8 x_high = data[PEN_X_HIGH];

	for (int i = PEN_X_HIGH; i > PEN_X_MID; i--)
		data[i] = data[i - 1];
	data[PEN_X_MID] = x_high;
	data[PEN_Y_TILT] = -data[PEN_Y_TILT];
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(kamvas16_gen3_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u8 *data;

	if (type != HID_INPUT_REPORT)
		return 0;
	data = huion_report(hctx, HUION_VENDOR_REPORT_ID, HUION_GEN3_VENDOR_REPORT_LEN);
	if (!data) {
		huion_win8_pen_fix_event(hctx, &pen_state);
		return 0;
	}

	if (data[PEN_BITS] & HUION_VENDOR_IS_PAD)
		huion_gen3_fix_pad(data, PAD_REPORT_ID, &pad_held);
	else
		fix_pen(data);
	return 0;
}

HID_BPF_OPS(kamvas16_gen3) = {
	.hid_rdesc_fixup = (void *)kamvas16_gen3_fix_rdesc,
	.hid_device_event = (void *)kamvas16_gen3_fix_events,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	if (huion_gen3_is_known(ctx->rdesc, ctx->rdesc_size, TABLET_RDESC_SIZE))
		ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
