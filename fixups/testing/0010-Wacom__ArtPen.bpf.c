// SPDX-License-Identifier: GPL-2.0-only
/*
 * Wacom Art Pen on the Intuos Pro 2 M (USB 056A:0357)
 *
 * Hardware bug: with the Art Pen (tool type 0x0804) the tablet measures
 * the pressure only every other report and repeats the previous value in
 * between, so the pressure curve comes out in stairs: 100, 100, 200, 200,
 * 300, ... The descriptor is fine; the data are not, so this fixup only
 * rewrites input reports.
 *
 * Pen report 16, 27 bytes (the offsets the fix relies on):
 *   byte 0      report ID 16
 *   byte 1      bit 0 Tip Switch
 *   bytes 8-9   Tip Pressure, 16-bit little-endian
 *   bytes 25-26 tool type, 16-bit little-endian (0x0804: Art Pen)
 * The descriptor is 949 bytes. No dump of it is known here: the probe
 * checks the size and the product id only (no byte of it can be checked),
 * and the test uses a SYNTHETIC 949-byte descriptor with that report 16,
 * so this fixup stays in testing. hid-core puts USB Wacom devices in
 * HID_GROUP_WACOM (for hid-wacom), but in HID_GROUP_GENERIC when
 * hid.ignore_special_drivers is set: the match data list both.
 *
 * Fix: every other tip-down report of the Art Pen carries the mean of
 * the previous (reported) pressure and its own; the reports in between
 * pass unchanged. That delays half of the pressure values by one report
 * and turns 100, 100, 200, 200 into 50, 100, 150, 200.
 *
 * The state (smooth_next, last_pressure) and its transitions, per report:
 *   other report ID, short report, or another tool: no change, passed on
 *   Art Pen, tip up:                     smooth_next = true,
 *                                        last_pressure = 0, passed on
 *   Art Pen, tip down, smooth_next:      pressure = (pressure +
 *                                        last_pressure) / 2,
 *                                        smooth_next = false
 *   Art Pen, tip down, !smooth_next:     passed on, smooth_next = true
 *   in both tip-down cases last_pressure = the pressure reported.
 * The initial state is the tip-up one.
 */

#include "hidfix_bpf.h"

#define VID_WACOM	   0x056A
#define PID_INTUOS_PRO_2_M 0x0357
#define HID_GROUP_WACOM	   0x0101 /* linux/hid.h */

#define RDESC_SIZE     949
#define PEN_REPORT_ID  16
#define PEN_REPORT_LEN 27
#define SWITCHES_BYTE  1
#define TIP_SWITCH     0x01
#define PRESSURE_BYTE  8
#define TOOL_TYPE_BYTE 25
#define TOOL_ART_PEN   0x0804

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_WACOM, PID_INTUOS_PRO_2_M)
		       HID_DEVICE(BUS_USB, HID_GROUP_WACOM, VID_WACOM, PID_INTUOS_PRO_2_M));

/* The state machine of the header; starts in the tip-up state. */
static bool smooth_next = true;
static __u16 last_pressure;

static __always_inline __u16
get_le16(const __u8 *data, unsigned int offset)
{
	return data[offset] | (data[offset + 1] << 8);
}

static __always_inline void
put_le16(__u8 *data, unsigned int offset, __u16 value)
{
	data[offset] = value & 0xff;
	data[offset + 1] = value >> 8;
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(artpen_smooth_pressure, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u16 pressure;
	__u8 *data;

	if (type != HID_INPUT_REPORT || hctx->size < PEN_REPORT_LEN)
		return 0;
	data = hid_bpf_get_data(hctx, 0, PEN_REPORT_LEN);
	if (!data || data[0] != PEN_REPORT_ID || get_le16(data, TOOL_TYPE_BYTE) != TOOL_ART_PEN)
		return 0;

	if (!(data[SWITCHES_BYTE] & TIP_SWITCH)) {
		smooth_next = true;
		last_pressure = 0;
		return 0;
	}

	pressure = get_le16(data, PRESSURE_BYTE);
	if (smooth_next) {
		pressure = (pressure + last_pressure) / 2;
		put_le16(data, PRESSURE_BYTE, pressure);
	}
	smooth_next = !smooth_next;
	last_pressure = pressure;
	return 0;
}

HID_BPF_OPS(wacom_artpen) = {
	.hid_device_event = (void *)artpen_smooth_pressure,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	struct hid_bpf_ctx *hctx;

	ctx->retval = -EINVAL;
	if (ctx->rdesc_size != RDESC_SIZE)
		return 0;
	/* the match data allow only this product, but the probe checks again */
	hctx = hid_bpf_allocate_context(ctx->hid);
	if (!hctx)
		return 0;
	if (hctx->hid->product == PID_INTUOS_PRO_2_M)
		ctx->retval = 0;
	hid_bpf_release_context(hctx);
	return 0;
}

char _license[] SEC("license") = "GPL";
