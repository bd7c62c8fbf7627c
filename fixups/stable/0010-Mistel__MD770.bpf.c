// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mistel MD770 keyboard, NKRO interface (USB 04D9:0339)
 *
 * Hardware bug: report 4 is an N-key-rollover bitmap, one bit per key
 * usage 0x00-0xE7 (Report Size 1, Report Count 232), but the Input item
 * that closes it says Array instead of Variable. As an array, each 1-bit
 * field would be an index selecting usage 0 or 1, so the kernel sees no
 * real key in it: keys sent through the NKRO report do nothing.
 *
 * Original descriptor, 203 bytes; the report 4 part (offsets 170-202):
 *   offset  bytes     item
 *    170    05 01     Usage Page (Generic Desktop)
 *    172    09 06     Usage (Keyboard)
 *    174    a1 01     Collection (Application)
 *    176    85 04       Report ID (4)
 *    178    05 07       Usage Page (Keyboard/Keypad)
 *    180    95 01       Report Count (1)
 *    182    75 08       Report Size (8)
 *    184    81 03       Input (Cnst,Var,Abs)
 *    186    95 e8       Report Count (232)
 *    188    75 01       Report Size (1)
 *    190    15 00       Logical Minimum (0)
 *    192    25 01       Logical Maximum (1)
 *    194    05 07       Usage Page (Keyboard/Keypad)
 *    196    19 00       Usage Minimum (0)
 *    198    29 e7       Usage Maximum (0xE7)
 *    200    81 00       Input (Data,Arr,Abs)   <- byte 201: 00 -> 02
 *    202    c0        End Collection
 *
 * Fix: byte 201 0x00 -> 0x02, so each bit is the key of its usage.
 */

#include "hidfix_bpf.h"

#define VID_HOLTEK	     0x04D9 /* the MD770 uses a Holtek controller */
#define PID_MISTEL_MD770     0x0339
#define RDESC_SIZE	     203
#define USAGE_RANGE_OFFSET   196 /* Usage Minimum 0, Usage Maximum 0xE7 */
#define INPUT_FLAGS_OFFSET   201
#define INPUT_DATA_ARRAY_ABS 0x00
#define INPUT_DATA_VAR_ABS   0x02

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_HOLTEK, PID_MISTEL_MD770));

/* Usage Minimum (0), Usage Maximum (0xE7), Input (Data,Arr,Abs), End Collection */
static const __u8 nkro_tail_broken[] = { 0x19, 0x00, 0x29, 0xe7, 0x81, INPUT_DATA_ARRAY_ABS, 0xc0 };

static __always_inline bool
rdesc_is_broken(const __u8 *rdesc)
{
	return hidfix_bytes_equal(rdesc, USAGE_RANGE_OFFSET, nkro_tail_broken,
				  sizeof(nkro_tail_broken));
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(mistel_md770_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (hctx->size != RDESC_SIZE || !rdesc_is_broken(data))
		return 0;

	data[INPUT_FLAGS_OFFSET] = INPUT_DATA_VAR_ABS;
	return 0;
}

HID_BPF_OPS(mistel_md770) = {
	.hid_rdesc_fixup = (void *)mistel_md770_fix_rdesc,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	if (ctx->rdesc_size == RDESC_SIZE && rdesc_is_broken(ctx->rdesc))
		ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
