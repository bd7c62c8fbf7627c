// SPDX-License-Identifier: GPL-2.0-only
/*
 * Huion Kamvas 13 Gen 3 pen display (GS1333, USB 256C:2008)
 *
 * Three HID interfaces with the same ids, told apart by their descriptor:
 * - vendor, 36 bytes: report 8, one opaque 104-bit Input field (14-byte
 *   reports), and a feature report 22 (see hidfix_huion.h);
 * - tablet, 368 bytes: pen report 10, touch screen reports 4 and 5, and a
 *   keyboard report 3 the pad buttons type shortcuts on;
 * - wheel, 108 bytes: a puck report 17 that both wheels share.
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
 *   bit 7 in range; bytes 2-3 X (0-58760), 4-5 Y (0-33040), 6-7 pressure
 *   (0-16383), bytes 8-9 unused, 10 X tilt, 11 Y tilt (-60..60, the Y sign
 *   opposite to the HID convention the firmware-mode report follows),
 *   12-13 unused;
 * - 0xe0: the buttons, byte 4 bit n = button n + 1 (1-5 the keys, 6 the
 *   top wheel's button, 7 the bottom one's). The tablet tracks one button
 *   at a time: while one is held, another press shows as that button
 *   alone (and its release as "none"), so the held one seems to come and
 *   go; held keys (not the wheel buttons) repeat their report;
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
 * - tablet (368 bytes): tilt Logical -60..60 (84: c4, 86: 3c), then
 *   huion_win8_pen_fix_rdesc() (17: 5a, 29: 05, 9 bytes inserted at 32:
 *   the third button as BTN_STYLUS3) and huion_win8_pen_fix_event() on
 *   pen report 10. 377 bytes.
 * - vendor descriptor: replaced by vendor_rdesc: the raw pen report 8 (Tip,
 *   Barrel, Secondary Barrel Switch, bit 3 Button 0x4A as one extended
 *   usage, which the kernel maps to BTN_STYLUS3, In Range, X/Y in mm
 *   (294 x 165 mm active area), pressure, X/Y tilt -60..60), a tablet pad
 *   report 3 (HUION_PAD2_APPLICATION: buttons 1-8, the top wheel
 *   REL_WHEEL, the bottom one REL_HWHEEL) and the original feature report
 *   22 collection. 205 bytes.
 * - vendor reports: the pen's Y tilt is negated. Button and wheel reports become
 *   pad report 3 over the first 8 bytes; a small state machine filters
 *   the button reports: IDLE (nothing held) -> a report with buttons
 *   holds exactly those -> HELD; in HELD reports with buttons change
 *   nothing (the tablet's confusion above) and the all-released report
 *   goes back to IDLE. Wheel reports carry the buttons held.
 *
 * The descriptors are the real ones (hid-recorder output quoted by the
 * kernel's HID-BPF program); not tested on the hardware: status testing.
 */

#include "hidfix_bpf.h"
#include "hidfix_huion.h"

#define PID_KAMVAS13_GEN3 0x2008

#define PEN_BITS   1
#define PEN_Y_TILT 11

#define PAD_REPORT_ID 3

#define TABLET_RDESC_SIZE 368

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, HUION_VID, PID_KAMVAS13_GEN3)
		       HID_DEVICE(BUS_USB, HID_GROUP_MULTITOUCH_WIN_8, HUION_VID,
				  PID_KAMVAS13_GEN3));

/* clang-format off */
static const __u8 vendor_rdesc[] = {
	HUION_PEN_BEGIN(HUION_VENDOR_REPORT_ID),
	HUION_PEN_BUTTONS_STYLUS3,	/* byte 1 */
	HUION_PEN_XY(0x88, 0xe5, 0x26, 0x01,	/* X 0-58760, 29.4 cm */
		     0x10, 0x81, 0xa5, 0x00),	/* Y 0-33040, 16.5 cm */
	HUION_PEN_PRESSURE(0xff, 0x3f),	/* 0-16383, bytes 6-7 */
	0x81, 0x03,			/* Input (Cnst): bytes 8-9 */
	HUION_GEN3_VENDOR_RDESC_END(PAD_REPORT_ID),
};
/* clang-format on */

/* One copy per attachment: each interface gets its own loaded object. */
__u8 pad_held;					/* vendor: huion_gen3_fix_pad() */
enum huion_pen_state pen_state = HUION_PEN_OUT; /* tablet: huion_win8_pen_fix_event() */

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(kamvas13_gen3_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	return huion_gen3_fix_rdesc(hctx, vendor_rdesc, sizeof(vendor_rdesc), TABLET_RDESC_SIZE);
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(kamvas13_gen3_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
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
		data[PEN_Y_TILT] = -data[PEN_Y_TILT];
	return 0;
}

HID_BPF_OPS(kamvas13_gen3) = {
	.hid_rdesc_fixup = (void *)kamvas13_gen3_fix_rdesc,
	.hid_device_event = (void *)kamvas13_gen3_fix_events,
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
