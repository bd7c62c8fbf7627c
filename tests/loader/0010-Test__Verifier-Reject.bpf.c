// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test object, not a fixup: matches the Rapoo M50 ids but its descriptor
 * hook reads past the buffer hid_bpf_get_data() returned, which the
 * verifier must refuse. `hidfix add` must report a one-line summary of
 * the verifier's reason and exit 1.
 */

#include "hidfix_bpf.h"

#define VID_RAPOO	    0x24AE
#define PID_M50_PLUS_SILENT 0x2015
#define WINDOW		    8

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_RAPOO, PID_M50_PLUS_SILENT));

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(out_of_bounds_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, WINDOW);

	if (!data)
		return 0;
	data[WINDOW + 8] = 0; /* outside the 8-byte window: rejected */
	return 0;
}

HID_BPF_OPS(out_of_bounds) = {
	.hid_rdesc_fixup = (void *)out_of_bounds_rdesc,
};

char _license[] SEC("license") = "GPL";
