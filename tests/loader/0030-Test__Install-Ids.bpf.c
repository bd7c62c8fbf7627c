// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test object, not a fixup: declares several devices, with wildcard
 * fields and one id twice, so that `hidfix install` must write one udev
 * match per distinct HID modalias, '*' for the wildcards, sorted. Its hook
 * changes nothing; it is never attached.
 */

#include "hidfix_bpf.h"

#define VID_LOGITECH	  0x046D
#define PID_UNIFYING	  0xC52B
#define VID_SYNAPTICS	  0x06CB
#define PID_SYNA_TOUCHPAD 0xCE26

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_LOGITECH, PID_UNIFYING)
		       HID_DEVICE(BUS_BLUETOOTH, HID_GROUP_ANY, VID_LOGITECH, HID_PID_ANY)
			       HID_DEVICE(BUS_ANY, HID_GROUP_MULTITOUCH_WIN_8, HID_VID_ANY,
					  HID_PID_ANY) HID_DEVICE(BUS_USB, HID_GROUP_GENERIC,
								  VID_LOGITECH, PID_UNIFYING)
				       HID_DEVICE(BUS_I2C, HID_GROUP_GENERIC, VID_SYNAPTICS,
						  PID_SYNA_TOUCHPAD));

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(install_ids_rdesc, struct hid_bpf_ctx *hctx)
{
	return 0;
}

HID_BPF_OPS(install_ids) = {
	.hid_rdesc_fixup = (void *)install_ids_rdesc,
};

char _license[] SEC("license") = "GPL";
