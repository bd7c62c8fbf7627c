// SPDX-License-Identifier: GPL-2.0-only
/*
 * TUXEDO Sirius 16 Gen1 and Gen2 laptop keyboard (ITE, USB 048D:8910)
 *
 * Hardware bug: the keyboard sends F13 (keyboard usage 0x68) in its input
 * report 1 although the laptop has no F13 key, mixed into the reports of
 * real key presses; user space sees a phantom F13 press. The descriptor is
 * fine, the data are not, so this fixup only rewrites input reports.
 *
 * Report 1 (at least 37 bytes): byte 0 report ID 1, byte 1 the modifiers,
 * byte 2 reserved, bytes 3-8 a six-key array of usages, bytes 9-36 a
 * bitmap with one bit per usage 0x00-0xDF (usage u is bit u%8 of byte
 * 9+u/8), so F13 is also bit 0 of byte 22.
 *
 * No descriptor of this keyboard is known here: the test uses a SYNTHETIC
 * ITE-style keyboard descriptor with that report 1 layout, so the fixup
 * stays in testing.
 *
 * Fix: in every report 1 of at least 37 bytes, each array slot holding
 * 0x68 is cleared (0 = no key) and bit 0 of byte 22 is cleared; everything
 * else is passed on unchanged.
 */

#include "hidfix_bpf.h"

#define VID_ITE		   0x048D
#define PID_SIRIUS_16	   0x8910
#define KBD_REPORT_ID	   1
#define KBD_REPORT_MIN_LEN 37
#define KEY_ARRAY_FIRST	   3
#define KEY_ARRAY_LEN	   6
#define USAGE_F13	   0x68
#define NO_KEY		   0x00
#define BITMAP_FIRST	   9
#define F13_BITMAP_BYTE	   (BITMAP_FIRST + USAGE_F13 / 8) /* 22 */
#define F13_BITMAP_MASK	   (1 << (USAGE_F13 % 8))	  /* bit 0 */

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_ITE, PID_SIRIUS_16));

SEC("struct_ops/hid_device_event")
int
BPF_PROG(sirius16_drop_f13, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u8 *data;

	if (type != HID_INPUT_REPORT || hctx->size < KBD_REPORT_MIN_LEN)
		return 0;
	data = hid_bpf_get_data(hctx, 0, KBD_REPORT_MIN_LEN);
	if (!data || data[0] != KBD_REPORT_ID)
		return 0;

	for (int i = KEY_ARRAY_FIRST; i < KEY_ARRAY_FIRST + KEY_ARRAY_LEN; i++) {
		if (data[i] == USAGE_F13)
			data[i] = NO_KEY;
	}
	data[F13_BITMAP_BYTE] &= ~F13_BITMAP_MASK;
	return 0;
}

HID_BPF_OPS(sirius16) = {
	.hid_device_event = (void *)sirius16_drop_f13,
};

/* The report 1 layout cannot be read from the probe's bytes cheaply; the
 * device id is the whole match, as for the kernel's own program. */
SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
