// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test object, not a fixup: a "newer version" of the Rapoo M50 fixup whose
 * probe rejects every device. With it and the real 0010 version in one
 * directory, `hidfix add` must try this one first, see the rejection and
 * fall back to 0010.
 */

#include "hidfix_bpf.h"

#define VID_RAPOO	    0x24AE
#define PID_M50_PLUS_SILENT 0x2015

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_RAPOO, PID_M50_PLUS_SILENT));

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(reject_all_rdesc, struct hid_bpf_ctx *hctx)
{
	return 0;
}

HID_BPF_OPS(reject_all) = {
	.hid_rdesc_fixup = (void *)reject_all_rdesc,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	return 0;
}

char _license[] SEC("license") = "GPL";
