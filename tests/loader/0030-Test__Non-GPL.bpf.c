// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test object, not a fixup: well-formed, but its license is not
 * GPL-compatible, so the kernel would refuse its HID-BPF kfunc calls.
 * `hidfix install` must refuse it with one line.
 */

#include "hidfix_bpf.h"

HID_BPF_CONFIG(HID_DEVICE(BUS_VIRTUAL, HID_GROUP_GENERIC, 0x0F0F, 0x0001));

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(non_gpl_rdesc, struct hid_bpf_ctx *hctx)
{
	return 0;
}

HID_BPF_OPS(non_gpl) = {
	.hid_rdesc_fixup = (void *)non_gpl_rdesc,
};

char _license[] SEC("license") = "Proprietary";
