// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test object, not a fixup: it declares a device and has a probe but no
 * struct_ops (hid_bpf_ops), so there is nothing to attach. `hidfix
 * install` must refuse it with one line.
 */

#include "hidfix_bpf.h"

HID_BPF_CONFIG(HID_DEVICE(BUS_VIRTUAL, HID_GROUP_GENERIC, 0x0F0F, 0x0001));

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
