// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rapoo M50 Plus Silent mouse (USB 24AE:2015)
 *
 * Hardware bug: the mouse has five buttons and its input report 1 carries
 * five button bits (Report Count 5), but the descriptor declares only the
 * usages Button 1 to Button 3 (Usage Maximum 3). The kernel gives the two
 * extra bits no usage of their own, so the side buttons produce no events.
 *
 * Original descriptor, 186 bytes; the bytes this fixup checks and changes:
 *   offset  bytes     item
 *      0    05 01     Usage Page (Generic Desktop)
 *      2    09 02     Usage (Mouse)
 *      4    a1 01     Collection (Application)
 *      6    85 01       Report ID (1)
 *      8    09 01       Usage (Pointer)
 *     10    a1 00       Collection (Physical)
 *     12    05 09         Usage Page (Button)
 *     14    19 01         Usage Minimum (1)
 *     16    29 03         Usage Maximum (3)         <- byte 17: 03 -> 05
 *     18    15 00         Logical Minimum (0)
 *     20    25 01         Logical Maximum (1)
 *     22    75 01         Report Size (1)
 *     24    95 05         Report Count (5)
 *     26    81 02         Input (Data,Var,Abs)
 *     ... 160 more bytes (consumer, system control, vendor collections)
 *
 * Fix: Usage Maximum 3 -> 5, so bits 3 and 4 of report 1 byte 1 become
 * Button 4 and Button 5 (BTN_SIDE and BTN_EXTRA on Linux).
 */

#include "hidfix_bpf.h"

#define VID_RAPOO	    0x24AE
#define PID_M50_PLUS_SILENT 0x2015
#define RDESC_SIZE	    186
#define USAGE_MAX_ITEM	    16 /* Usage Maximum, 1-byte payload */
#define USAGE_MAX_VALUE	    17
#define REPORT_COUNT_ITEM   24 /* Report Count, 1-byte payload */
#define BUTTONS_DECLARED    3
#define BUTTONS_REAL	    5

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_RAPOO, PID_M50_PLUS_SILENT));

static const __u8 usage_max_broken[] = { 0x29, BUTTONS_DECLARED };
static const __u8 report_count[] = { 0x95, BUTTONS_REAL };

static __always_inline bool
rdesc_is_broken(const __u8 *rdesc)
{
	return hidfix_bytes_equal(rdesc, USAGE_MAX_ITEM, usage_max_broken,
				  sizeof(usage_max_broken)) &&
	       hidfix_bytes_equal(rdesc, REPORT_COUNT_ITEM, report_count, sizeof(report_count));
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(rapoo_m50_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (hctx->size != RDESC_SIZE || !rdesc_is_broken(data))
		return 0;

	data[USAGE_MAX_VALUE] = BUTTONS_REAL;
	return 0;
}

HID_BPF_OPS(rapoo_m50) = {
	.hid_rdesc_fixup = (void *)rapoo_m50_fix_rdesc,
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
