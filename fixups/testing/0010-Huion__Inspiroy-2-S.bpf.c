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
 *   (HUION_INSPIROY2_PAD_RDESC in hidfix_huion.h, shared with the 2 M):
 *   byte 1 buttons 1-6 (BTN_0..BTN_5) and a Barrel Switch that is never
 *   set (BTN_STYLUS makes user space treat the node as a tablet pad), byte
 *   2 the wheel (REL_WHEEL), bytes 3-4 X/Y (never set, also for the pad
 *   type), bytes 5-7 padding. Each keyboard report 3 is rewritten in place
 *   to that layout from the table above (pad_keys).
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
#define PAD_BUTTONS    6

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, HUION_VID, PID_INSPIROY_2_S));

static const __u8 pad_original[PAD_RDESC_SIZE] = { HUION_INSPIROY2_KEYS_RDESC_ORIGINAL };

/* What buttons 1-6 type out of the box. */
static const __u16 pad_keys[PAD_BUTTONS] = {
	HUION_KEYS(0x00, 0x05), /* b */
	HUION_KEYS(0x00, 0x0c), /* i */
	HUION_KEYS(0x00, 0x08), /* e */
	HUION_KEYS(0x01, 0x16), /* Ctrl+S */
	HUION_KEYS(0x00, 0x2c), /* Space */
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

SEC("struct_ops/hid_device_event")
int
BPF_PROG(inspiroy_2_s_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	if (type != HID_INPUT_REPORT)
		return 0;
	return huion_inspiroy2_fix_events(hctx, pad_keys, PAD_BUTTONS, &pad_buttons);
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
