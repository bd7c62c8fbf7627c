// SPDX-License-Identifier: GPL-2.0-only
/*
 * Huion Kamvas Pro 19 pen display (GT1902, USB 256C:006B and 006C)
 *
 * Hardware bugs, both in the pen's report 10:
 * - the pen's second side button is declared as Secondary Tip Switch
 *   (Digitizers 0x43) instead of Secondary Barrel Switch (0x5A), so it
 *   never becomes BTN_STYLUS2;
 * - the pen's third side button has no usage of its own: the pen sets the
 *   Invert bit for it, which the kernel reads as "the eraser end is in
 *   range" (BTN_TOOL_RUBBER). The tablet uses the same bit for the real
 *   eraser end, but it always reports the pen out of range first (In
 *   Range 0) before a proximity with Invert (or Eraser) set; a button
 *   press happens while the pen is already in range.
 *
 * Original descriptor, 328 bytes (Win8 multitouch group: a pen
 * application with report 10, a touch screen application with reports 4
 * and 5, a vendor feature report 6). The pen's button bits:
 *   offset  bytes      item
 *     12    09 42      Usage (Tip Switch)                 bit 0
 *     14    09 44      Usage (Barrel Switch)              bit 1
 *     16    09 43      Usage (Secondary Tip Switch)       bit 2 <- byte 17: 43 -> 5a
 *     18    09 3c      Usage (Invert)                     bit 3
 *     20    09 45      Usage (Eraser)                     bit 4 (and bit 5)
 *     22    15 00 25 01 75 01
 *     28    95 06      Report Count (6)                   <- byte 29: 06 -> 05
 *     30    81 02      Input (Data,Var,Abs)
 *     32    09 32      Usage (In Range)                   bit 6 (bit 7 constant)
 * Report 10 is 10 bytes: ID, the bits above, X and Y (16 bit), pressure
 * (16 bit), X and Y tilt (8 bit).
 *
 * Fix:
 * - descriptor: byte 17 0x43 -> 0x5A (Secondary Barrel Switch) and the
 *   six bits of Report Count 6 become five, and at offset 32 nine bytes
 *   are inserted that give bit 5 its own usage, Button 0x4A as one
 *   extended (page + id) usage, which the kernel maps to BTN_STYLUS3:
 *     0b 4a 00 09 00  Usage (Button 0x4A)
 *     95 01           Report Count (1)
 *     81 02           Input (Data,Var,Abs)
 *   The result is 337 bytes.
 * - reports: a small state machine over report 10. Out of range: PEN_OUT.
 *   Entering range with Invert or Eraser set: ERASER (the eraser end, left
 *   alone until the pen leaves range). Entering range otherwise: PEN; in
 *   PEN the Invert bit is the third button and is moved to bit 5.
 *
 * The descriptor and report fixes are the huion_win8_pen_* helpers of
 * hidfix_huion.h, shared with the Kamvas 13 and 16 Gen 3 (whose tablet
 * interface has the same pen application).
 *
 * Tested against the real descriptor (kernel HID selftests) with reports
 * built by hand, not on the hardware: status testing.
 */

#include "hidfix_bpf.h"
#include "hidfix_huion.h"

#define PID_KAMVAS_PRO_19  0x006B
#define PID_KAMVAS_PRO_19B 0x006C

#define RDESC_SIZE	 328
#define RDESC_FIXED_SIZE (RDESC_SIZE + HUION_WIN8_INSERT_LEN)

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_MULTITOUCH_WIN_8, HUION_VID, PID_KAMVAS_PRO_19)
		       HID_DEVICE(BUS_USB, HID_GROUP_MULTITOUCH_WIN_8, HUION_VID,
				  PID_KAMVAS_PRO_19B));

/* One copy per attachment: each device gets its own loaded object. */
enum huion_pen_state state = HUION_PEN_OUT;

static __always_inline bool
rdesc_is_broken(const __u8 *rdesc, unsigned int size)
{
	return size == RDESC_SIZE && huion_win8_pen_is_broken(rdesc, size);
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(kamvas_pro_19_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (!rdesc_is_broken(data, hctx->size))
		return 0;
	return huion_win8_pen_fix_rdesc(data, RDESC_SIZE);
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(kamvas_pro_19_fix_buttons, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	if (type == HID_INPUT_REPORT)
		huion_win8_pen_fix_event(hctx, &state);
	return 0;
}

HID_BPF_OPS(kamvas_pro_19) = {
	.hid_rdesc_fixup = (void *)kamvas_pro_19_fix_rdesc,
	.hid_device_event = (void *)kamvas_pro_19_fix_buttons,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	if (rdesc_is_broken(ctx->rdesc, ctx->rdesc_size))
		ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
