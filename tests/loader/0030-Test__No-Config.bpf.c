// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test object, not a fixup: a struct_ops without the .hid_bpf_config
 * metadata that says which devices it serves. `hidfix install` must
 * refuse it with the metadata reader's one line.
 */

#include "hidfix_bpf.h"

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(no_config_rdesc, struct hid_bpf_ctx *hctx)
{
	return 0;
}

HID_BPF_OPS(no_config) = {
	.hid_rdesc_fixup = (void *)no_config_rdesc,
};

char _license[] SEC("license") = "GPL";
