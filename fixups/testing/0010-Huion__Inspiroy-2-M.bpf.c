// SPDX-License-Identifier: GPL-2.0-only
/*
 * Huion Inspiroy 2 M pen tablet (USB 256C:0067)
 *
 * The same scheme as the Inspiroy 2 S (0010-Huion__Inspiroy-2-S.bpf.c):
 * three HID interfaces with the same ids, told apart by their descriptor,
 * a firmware mode out of the box (pen and pad interfaces) and a raw mode
 * (vendor interface) after a vendor string request, e.g. by
 * huion-switcher.
 *
 * What is known of this tablet (the kernel's HID-BPF program for it; no
 * hid-recorder dump of it is published, that program's comment is the
 * 2 S's):
 * - descriptor sizes: pen 93, pad 133, vendor 36 bytes;
 * - pen report 10 (10 bytes) and vendor report 8 (12 bytes) as on the 2 S;
 * - pad, keyboard report 3 (8 bytes, byte 1 modifiers, byte 2 the key),
 *   one button at a time: button 1 b (00 05), 2 Ctrl+Shift+Alt+N (07 11),
 *   3 e (00 08), 4 i (00 0c), 5 Space (00 2c), 6 Ctrl+E (01 08), 7 Ctrl+S
 *   (01 16), 8 Ctrl+Alt+Z (05 1d); wheel down Ctrl+- (01 2d), up Ctrl+=
 *   (01 2e);
 * - raw mode, report 8: byte 1 bit 5 clear is the pen (X 0-32000, Y
 *   0-20000, pressure 0-8192); 0xf1 the wheel (byte 5: 1 up, 2 down);
 *   other pad reports (0xe0 on the 2 S, the value taken here too) carry
 *   the button bitmap from byte 4 on. The tablet has the 8 buttons above:
 *   we take byte 4 (buttons 1-8).
 *
 * The descriptors this fixup knows are therefore SYNTHETIC, built to those
 * sizes from real Huion descriptors:
 * - pen (93): the shared Huion pen descriptor (hidfix_huion.h), as on the
 *   2 S and the Dial 2: second button declared Eraser (offset 16: 09 45),
 *   Invert (offset 18), Unit Exponent -3 and Unit in^3 (offsets 46, 48),
 *   X/Y Tilt never sent (offset 77);
 * - pad (133): the 2 S's 65-byte pad (keyboard report 3, consumer report
 *   4) followed by the 68-byte mouse application (report 5) of the real
 *   Keydial K20 pad (its bytes 67-134);
 * - vendor (36): the shared 18-byte vendor descriptor (report 8, one
 *   88-bit field) followed by the 18-byte vendor Feature application
 *   (report 0x16, 7 bytes) of the real Kamvas 16 Gen3 36-byte vendor
 *   descriptor (its bytes 18-35).
 * probe() accepts exactly these three and nothing else, so on a real 2 M
 * whose bytes differ the fixup does not attach: status testing until a
 * dump of the real tablet replaces them.
 *
 * Hardware bugs: the pen's second button selects the rubber tool, its
 * size is nonsense; the pad's buttons and wheel type keyboard shortcuts;
 * in raw mode nothing is described.
 *
 * Fix (every interface, whichever mode the tablet is in), shared with the
 * 2 S through hidfix_huion.h:
 * - pen: HUION_INSPIROY2_PEN_RDESC, same report 10: Tip, Barrel and
 *   Secondary Barrel Switch (BTN_STYLUS2), In Range, X/Y 0-32767 over
 *   16.0 x 10.0 cm (the size the kernel's program declares for the 2 M,
 *   the 2 S's), pressure, the tilt bytes padding. Reports unchanged.
 * - pad: HUION_INSPIROY2_PAD_RDESC(8), a tablet pad report 3 (8 bytes):
 *   byte 1 buttons 1-8 (BTN_0..BTN_7), byte 2 bit 0 a Barrel Switch never
 *   set, byte 3 the wheel (REL_WHEEL), bytes 4-5 X/Y never set, bytes 6-7
 *   padding. Keyboard reports 3 are rewritten in place by pad_keys.
 * - vendor: the raw-mode pen (HUION_INSPIROY2_VENDOR_PEN_RDESC, report 8
 *   as sent) and the same pad report 3; pad reports are rewritten to
 *   report 3, a wheel report with the last buttons reported (pad_buttons).
 */

#include "hidfix_bpf.h"
#include "hidfix_huion.h"

#define PID_INSPIROY_2_M 0x0067

#define PAD_RDESC_SIZE	  133
#define VENDOR_RDESC_SIZE 36
#define PAD_BUTTONS	  8

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, HUION_VID, PID_INSPIROY_2_M));

/* synthetic: the 2 S pad, then the Keydial K20's mouse application */
static const __u8 pad_original[PAD_RDESC_SIZE] = {
	HUION_INSPIROY2_KEYS_RDESC_ORIGINAL,
	0x05,
	0x01,
	0x09,
	0x02,
	0xa1,
	0x01,
	0x09,
	0x01,
	0x85,
	0x05,
	0xa1,
	0x00,
	0x05,
	0x09,
	0x19,
	0x01,
	0x29,
	0x05,
	0x15,
	0x00,
	0x25,
	0x01,
	0x95,
	0x05,
	0x75,
	0x01,
	0x81,
	0x02,
	0x95,
	0x01,
	0x75,
	0x03,
	0x81,
	0x01,
	0x05,
	0x01,
	0x09,
	0x30,
	0x09,
	0x31,
	0x16,
	0x00,
	0x80,
	0x26,
	0xff,
	0x7f,
	0x75,
	0x10,
	0x95,
	0x02,
	0x81,
	0x06,
	0x95,
	0x01,
	0x75,
	0x08,
	0x05,
	0x01,
	0x09,
	0x38,
	0x15,
	0x81,
	0x25,
	0x7f,
	0x81,
	0x06,
	0xc0,
	0xc0,
};

/* synthetic: the shared vendor descriptor, then the Kamvas 16 Gen3's feature report */
static const __u8 vendor_original[VENDOR_RDESC_SIZE] = {
	HUION_VENDOR_RDESC_ORIGINAL,
	0x06,
	0x00,
	0xff,
	0x09,
	0x01,
	0xa1,
	0x01,
	0x85,
	0x16,
	0x75,
	0x08,
	0x95,
	0x07,
	0x09,
	0x01,
	0xb1,
	0x02,
	0xc0,
};

/* What buttons 1-8 type out of the box. */
static const __u16 pad_keys[PAD_BUTTONS] = {
	HUION_KEYS(0x00, 0x05), /* b */
	HUION_KEYS(0x07, 0x11), /* Ctrl+Shift+Alt+N */
	HUION_KEYS(0x00, 0x08), /* e */
	HUION_KEYS(0x00, 0x0c), /* i */
	HUION_KEYS(0x00, 0x2c), /* Space */
	HUION_KEYS(0x01, 0x08), /* Ctrl+E */
	HUION_KEYS(0x01, 0x16), /* Ctrl+S */
	HUION_KEYS(0x05, 0x1d), /* Ctrl+Alt+Z */
};

static const __u8 pad_rdesc[] = { HUION_INSPIROY2_PAD_RDESC(PAD_BUTTONS) };
static const __u8 pen_rdesc[] = { HUION_INSPIROY2_PEN_RDESC };
static const __u8 vendor_rdesc[] = {
	HUION_INSPIROY2_VENDOR_PEN_RDESC,
	HUION_INSPIROY2_PAD_RDESC(PAD_BUTTONS),
};

/* Buttons held at the last vendor pad button report. */
__u8 pad_buttons;

static __always_inline enum huion_interface
inspiroy_2_m_interface(const __u8 *rdesc, unsigned int size)
{
	return huion_identify(rdesc, size, pad_original, PAD_RDESC_SIZE, vendor_original,
			      VENDOR_RDESC_SIZE);
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(inspiroy_2_m_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */

	return huion_replace_rdesc(data, inspiroy_2_m_interface(data, hctx->size), pen_rdesc,
				   sizeof(pen_rdesc), pad_rdesc, sizeof(pad_rdesc), vendor_rdesc,
				   sizeof(vendor_rdesc));
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(inspiroy_2_m_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	if (type != HID_INPUT_REPORT)
		return 0;
	return huion_inspiroy2_fix_events(hctx, pad_keys, PAD_BUTTONS, &pad_buttons);
}

HID_BPF_OPS(inspiroy_2_m) = {
	.hid_rdesc_fixup = (void *)inspiroy_2_m_fix_rdesc,
	.hid_device_event = (void *)inspiroy_2_m_fix_events,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	if (inspiroy_2_m_interface(ctx->rdesc, ctx->rdesc_size))
		ctx->retval = 0;
	else
		ctx->retval = -EINVAL;
	return 0;
}

char _license[] SEC("license") = "GPL";
