// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test object, not a fixup: the highest "version" of the Rapoo M50 fixup,
 * whose probe program the verifier refuses (it reads past the end of its
 * context). With 0020 (probe rejects) and the real 0010 beside it,
 * `hidfix add` must report 0040's failure in one line, move on, see 0020
 * reject the device and attach 0010.
 */

#include "hidfix_bpf.h"

#define VID_RAPOO	    0x24AE
#define PID_M50_PLUS_SILENT 0x2015

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_RAPOO, PID_M50_PLUS_SILENT));

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(bad_probe_rdesc, struct hid_bpf_ctx *hctx)
{
	return 0;
}

HID_BPF_OPS(bad_probe) = {
	.hid_rdesc_fixup = (void *)bad_probe_rdesc,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	/* far beyond the context the kernel gives: the verifier says no */
	volatile __u8 *p = (volatile __u8 *)ctx;

	ctx->retval = p[1 << 20];
	return 0;
}

char _license[] SEC("license") = "GPL";
