// SPDX-License-Identifier: GPL-2.0-only
/*
 * 3Dconnexion (Logitech) SpaceNavigator 3D mouse (USB 046D:C626)
 *
 * Hardware bug: the six axes (X, Y, Z in report 1, Rx, Ry, Rz in report 2,
 * 16 bits each, Logical -350..350) report the cap's absolute deflection,
 * but both Input items declare them Relative (81 06). Linux then turns a
 * held deflection into a stream of REL_* motion instead of a position, and
 * a centred cap (all zero) into no event at all.
 *
 * Two descriptor layouts are known; they differ by a Unit Exponent and a
 * Unit item (55 0c 65 11, 4 bytes) before the first axis usages of the
 * 2016 model:
 *   2009 model, 217 bytes           2016 model, 228 bytes
 *   offset  bytes  item              offset  bytes
 *     0    05 01 09 08 a1 01          0      (same: Multi-axis Controller)
 *     8    85 01  Report ID (1)        8
 *    22    09 30 09 31 09 32          26     Usage X, Y, Z
 *    28    75 10 95 03                32     Report Size 16, Count 3
 *    32    81 06  Input (Data,Var,Rel)   36   <- 06 -> 02
 *    37    85 02  Report ID (2)       41
 *    39    09 33 09 34 09 35          43     Usage Rx, Ry, Rz
 *    45    75 10 95 03                49     Report Size 16, Count 3
 *    49    81 06  Input (Data,Var,Rel)   53   <- 06 -> 02
 * The kernel's program also accepts a 202-byte descriptor, trying the same
 * offsets whatever the size. No dump of it is known; this fixup takes it to
 * have the 2009 items at the 2009 offsets (only the tail after the last
 * End Collection, from offset 84, shorter) and checks the same bytes.
 *
 * The descriptors in the tests are SYNTHETIC stand-ins carrying the bytes
 * the kernel's fixes check (hid-lg uses the same 2009 offsets), so the
 * fixup stays in testing until it is checked on a real device.
 *
 * Fix: both Input items 81 06 -> 81 02 (Data,Var,Abs); a descriptor that
 * already says 02 is not touched (probe rejects it).
 *
 * Parity with hid-lg (USB only; checked on a USB gadget in the VM, test
 * oracle-lg-spacenavigator-2009): on the 2009 layout both give the same
 * descriptor, capabilities and events. hid-lg checks the 2009 offsets
 * only and leaves the 2016 layout broken; this fixup fixes both.
 */

#include "hidfix_bpf.h"

#define VID_LOGITECH	   0x046D
#define PID_SPACENAVIGATOR 0xC626

#define RDESC_SIZE_202	202 /* 2009 offsets */
#define RDESC_SIZE_2009 217
#define RDESC_SIZE_2016 228
#define UNIT_ITEMS_LEN	4 /* 55 0c 65 11, 2016 model only */

/* offsets in the 2009 layout; the 2016 layout adds UNIT_ITEMS_LEN */
#define TRANSLATION_INPUT 32
#define ROTATION_INPUT	  49

#define INPUT_ITEM	0x81
#define FLAGS_REL	0x06 /* Data,Var,Rel */
#define FLAGS_ABS	0x02 /* Data,Var,Abs */
#define AXIS_FIELDS_LEN 6    /* 75 10 95 03 81 06 */

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_LOGITECH, PID_SPACENAVIGATOR));

/* Usage Page (Generic Desktop), Usage (Multi-axis Controller), Collection (Application) */
static const __u8 app_start[] = { 0x05, 0x01, 0x09, 0x08, 0xa1, 0x01 };
/* Report Size (16), Report Count (3), Input (Data,Var,Rel) */
static const __u8 axis_fields[AXIS_FIELDS_LEN] = { 0x75, 0x10, 0x95, 0x03, INPUT_ITEM, FLAGS_REL };

/* The offset the layout adds to the 2009 offsets, or -1 for an unknown descriptor */
static __always_inline int
layout_shift(const __u8 *rdesc, unsigned int size)
{
	int shift;

	if (size == RDESC_SIZE_202 || size == RDESC_SIZE_2009)
		shift = 0;
	else if (size == RDESC_SIZE_2016)
		shift = UNIT_ITEMS_LEN;
	else
		return -1;

	if (!hidfix_bytes_equal(rdesc, 0, app_start, sizeof(app_start)) ||
	    !hidfix_bytes_equal(rdesc, TRANSLATION_INPUT - 4 + shift, axis_fields,
				sizeof(axis_fields)) ||
	    !hidfix_bytes_equal(rdesc, ROTATION_INPUT - 4 + shift, axis_fields,
				sizeof(axis_fields)))
		return -1;
	return shift;
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(spacenavigator_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);
	int shift;

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	shift = layout_shift(data, hctx->size);
	if (shift < 0)
		return 0;

	data[TRANSLATION_INPUT + 1 + shift] = FLAGS_ABS;
	data[ROTATION_INPUT + 1 + shift] = FLAGS_ABS;
	return 0;
}

HID_BPF_OPS(spacenavigator) = {
	.hid_rdesc_fixup = (void *)spacenavigator_fix_rdesc,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	if (layout_shift(ctx->rdesc, ctx->rdesc_size) >= 0)
		ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
