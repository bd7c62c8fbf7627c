// SPDX-License-Identifier: GPL-2.0-only
/*
 * FR-TEC Raptor Mach 2 joystick (USB 11C0:5606, a Betop controller)
 *
 * Hardware bug: the hat switch reports its direction as a 16-bit value
 * from 0 to 239 (8 directions, 30 per step; anything above is the null
 * "centred" state) and the descriptor declares Logical Maximum 239.
 * Kernels that keep a hat's logical range in signed 8-bit fields
 * (struct hid_usage.hat_min/hat_max) read 239 as negative, stop treating
 * the usage as a hat and send the raw 0-239 value on ABS_HAT0X with no
 * ABS_HAT0Y. On 7.3.4 those fields are s16 (checked in the kernel's BTF)
 * and the original descriptor already decodes; the fixup keeps older
 * kernels right and gives the same events on newer ones.
 *
 * Original descriptor, 232 bytes; the hat switch part of report 1:
 *   offset  bytes      item
 *    172    05 01      Usage Page (Generic Desktop)
 *    174    09 39      Usage (Hat switch)
 *    176    26 ef 00   Logical Maximum (239)   <- byte 177: ef -> 07
 *    179    46 68 01   Physical Maximum (360)
 *    182    65 14      Unit (degrees)
 *    184    75 10      Report Size (16)
 *    186    95 01      Report Count (1)
 *    188    81 42      Input (Data,Var,Abs,Null State)
 *
 * Report 1 is 64 bytes: report ID, eight 16-bit axes (bytes 1-16), 128
 * button bits (bytes 17-32), the hat (bytes 33-34, byte 34 always 0) and
 * 29 constant bytes.
 *
 * Fix: Logical Maximum 239 -> 7, and in every report 1 the hat value in
 * byte 33 is divided by 30, which maps the eight directions to 0-7 and
 * the centred value (above 239) to 8 and more, i.e. outside the logical
 * range, which the Null State flag makes the kernel read as "centred".
 */

#include "hidfix_bpf.h"

#define VID_BETOP	    0x11C0
#define PID_RAPTOR_MACH_2   0x5606
#define RDESC_SIZE	    232
#define HAT_LOGICAL_MAX	    176 /* Logical Maximum, 2-byte payload */
#define HAT_LOGICAL_MAX_LSB 177
#define HAT_MAX_BROKEN	    239
#define HAT_MAX_FIXED	    7
#define HAT_STEP	    30
#define JOYSTICK_REPORT_ID  1
#define JOYSTICK_REPORT_LEN 64
#define HAT_BYTE	    33

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_BETOP, PID_RAPTOR_MACH_2));

/* Usage Page (Generic Desktop), Usage (Hat switch), Logical Maximum (239) */
static const __u8 hat_broken[] = { 0x05, 0x01, 0x09, 0x39, 0x26, HAT_MAX_BROKEN, 0x00 };

static __always_inline bool
rdesc_is_broken(const __u8 *rdesc)
{
	return hidfix_bytes_equal(rdesc, HAT_LOGICAL_MAX - 4, hat_broken, sizeof(hat_broken));
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(raptor_mach2_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (hctx->size != RDESC_SIZE || !rdesc_is_broken(data))
		return 0;

	data[HAT_LOGICAL_MAX_LSB] = HAT_MAX_FIXED;
	return 0;
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(raptor_mach2_fix_hat, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, JOYSTICK_REPORT_LEN);

	if (!data || type != HID_INPUT_REPORT)
		return 0;
	if (data[0] != JOYSTICK_REPORT_ID)
		return 0;

	data[HAT_BYTE] /= HAT_STEP;
	return 0;
}

HID_BPF_OPS(raptor_mach2) = {
	.hid_rdesc_fixup = (void *)raptor_mach2_fix_rdesc,
	.hid_device_event = (void *)raptor_mach2_fix_hat,
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
