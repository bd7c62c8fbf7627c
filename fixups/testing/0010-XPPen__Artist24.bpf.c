// SPDX-License-Identifier: GPL-2.0-only
/*
 * XP-Pen Artist 24 and Artist 24 Pro pen displays (USB 28BD:093A, 28BD:092D)
 *
 * Hardware bug: the pen has two side buttons and no eraser end, but the
 * descriptor calls the second button "Eraser", so user space sees an
 * eraser tool whenever that button is pressed. Worse, the firmware
 * emulates an eraser: pressing or releasing the second button while the
 * tip touches the screen sends a fake out-of-range report (all bits 0),
 * then a report where the tip and the "eraser" bit change together, and
 * only then the real state; the pen seems to lift off for two reports.
 *
 * Original descriptor of the pen interface, 107 bytes (real, from the
 * kernel's HID selftests); the part that changes:
 *   offset  bytes   item
 *      6    85 07   Report ID (7)
 *     12    09 42   Usage (Tip Switch)          report 7 byte 1 bit 0
 *     14    09 44   Usage (Barrel Switch)       bit 1
 *     16    09 45   Usage (Eraser)              bit 2   <- byte 17: 45 -> 5a
 *     32    09 32   Usage (In Range)            bit 5
 * Report 7 is 10 bytes: ID, the switch bits, X and Y (16-bit), pressure
 * (16-bit), X and Y tilt (8-bit).
 *
 * Fix:
 * - descriptor: byte 17 Eraser (0x45) -> Secondary Barrel Switch (0x5a),
 *   so the second button is BTN_STYLUS2.
 * - events: the fixup remembers the switch byte of the last in-range
 *   report it passed on (last_switches, initially 0) and, per report 7:
 *     switch byte equal to last_switches:  passed on
 *     out of range, last one had the tip:  dropped (the fake lift-off;
 *                                          last_switches unchanged)
 *     out of range otherwise:              passed on (a real one)
 *     in range, tip and bit 2 changed together since last_switches:
 *                                          dropped (the emulated eraser
 *                                          step), last_switches updated
 *     in range otherwise:                  passed on, last_switches updated
 */

#include "hidfix_bpf.h"
#include "hidfix_ugee.h"

#define VID_UGEE	  0x28BD
#define PID_ARTIST_24	  0x093A
#define PID_ARTIST_24_PRO 0x092D

#define RDESC_SIZE	       107
#define SECOND_BUTTON_USAGE    17 /* payload of Usage (Eraser) */
#define USAGE_ERASER	       0x45
#define USAGE_SECONDARY_BARREL 0x5a

#define PEN_REPORT_ID  UGEE_PEN_REPORT_ID
#define PEN_REPORT_LEN 10
#define SWITCHES_BYTE  1
#define TIP_SWITCH     0x01
#define SECOND_BUTTON  0x04
#define IN_RANGE       0x20
#define DROP_REPORT    (-EPERM) /* a negative return makes the kernel ignore the report */

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_UGEE, PID_ARTIST_24)
		       HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_UGEE, PID_ARTIST_24_PRO));

/* Usage (Tip Switch), Usage (Barrel Switch), Usage (Eraser) at offset 12 */
static const __u8 rdesc_buttons[] = { 0x09, 0x42, 0x09, 0x44, 0x09, USAGE_ERASER };

static __u8 last_switches;

static __always_inline bool
rdesc_is_broken(const __u8 *rdesc, unsigned int size)
{
	return size == RDESC_SIZE &&
	       hidfix_bytes_equal(rdesc, 0, ugee_pen_head, sizeof(ugee_pen_head)) &&
	       hidfix_bytes_equal(rdesc, SECOND_BUTTON_USAGE - 5, rdesc_buttons,
				  sizeof(rdesc_buttons));
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(artist24_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (!rdesc_is_broken(data, hctx->size))
		return 0;

	data[SECOND_BUTTON_USAGE] = USAGE_SECONDARY_BARREL;
	return 0;
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(artist24_fix_events, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u8 *data, switches, changed;

	if (type != HID_INPUT_REPORT || hctx->size < PEN_REPORT_LEN)
		return 0;
	data = hid_bpf_get_data(hctx, 0, PEN_REPORT_LEN);
	if (!data || data[0] != PEN_REPORT_ID)
		return 0;

	switches = data[SWITCHES_BYTE];
	if (switches == last_switches)
		return 0;
	if (!(switches & IN_RANGE))
		return (last_switches & TIP_SWITCH) ? DROP_REPORT : 0;

	changed = switches ^ last_switches;
	last_switches = switches;
	if ((changed & (TIP_SWITCH | SECOND_BUTTON)) == (TIP_SWITCH | SECOND_BUTTON))
		return DROP_REPORT;
	return 0;
}

HID_BPF_OPS(xppen_artist24) = {
	.hid_rdesc_fixup = (void *)artist24_fix_rdesc,
	.hid_device_event = (void *)artist24_fix_events,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	if (rdesc_is_broken(ctx->rdesc, ctx->rdesc_size))
		ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
