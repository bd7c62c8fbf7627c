// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test object, not a fixup: the highest "version" of the Rapoo M50 fixup,
 * whose probe loops until a value it never gets (the kernel must stop it:
 * the verifier refuses a loop it cannot bound). With 0040 (probe reads out
 * of bounds), 0020 (probe rejects) and the real 0010 beside it, `hidfix
 * add` must report 0050 and 0040 in one line each and attach 0010.
 */

#include "hidfix_bpf.h"

#define VID_RAPOO	    0x24AE
#define PID_M50_PLUS_SILENT 0x2015
#define NEVER		    0x7fffffff

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_RAPOO, PID_M50_PLUS_SILENT));

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(looping_probe_rdesc, struct hid_bpf_ctx *hctx)
{
	return 0;
}

HID_BPF_OPS(looping_probe) = {
	.hid_rdesc_fixup = (void *)looping_probe_rdesc,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	volatile int *seen = &ctx->retval;

	while (*seen != NEVER)
		*seen = *seen + 1;
	return 0;
}

char _license[] SEC("license") = "GPL";
