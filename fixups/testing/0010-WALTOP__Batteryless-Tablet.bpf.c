// SPDX-License-Identifier: GPL-2.0-only
/*
 * WALTOP batteryless pen tablet (USB 172F:0505)
 *
 * Hardware bugs, in the pen's report 16:
 * - the pen's second side button has no usage: pressing it sets Tip
 *   Switch and Barrel Switch together in one report, so user space sees
 *   a click with the first button held instead of a second button;
 * - X and Y tilt are declared -127..127 but the pen reports only
 *   -60..60, so the tilt angle looks half as large as it is.
 *
 * The 335-byte descriptor (a mouse application, a pen application with
 * vendor reports 2, 5 and 10 and the pen report 16, a keyboard and a
 * consumer control application) has this pen report part:
 *   offset  bytes      item
 *    154    85 10      Report ID (16)
 *    156    09 20 a1 00  Usage (Stylus), Collection (Physical)
 *    160    09 42 09 44 09 3c 09 45 09 32
 *                      Tip Switch, Barrel Switch, Invert, Eraser, In Range
 *    170    15 00 25 01 75 01
 *    176    95 05      Report Count (5)        <- byte 177: 05 -> 06
 *    178    81 02      Input (Data,Var,Abs)
 *    180    95 03      Report Count (3)        <- byte 181: 03 -> 02
 *    182    81 03      Input (Cnst,Var,Abs)
 *    ...    X, Y, Tip Pressure (16 bit each)
 *    239    05 0d 09 3d 09 3e  Usage Page (Digitizers), X Tilt, Y Tilt
 *    245    15 81      Logical Minimum (-127)  <- byte 246: 81 -> c4 (-60)
 *    247    25 7f      Logical Maximum (127)   <- byte 248: 7f -> 3c (60)
 * Report 16 is 10 bytes: ID, the five bits above and three constant bits,
 * X, Y and pressure (16 bit, little endian), X and Y tilt (8 bit).
 *
 * Fix:
 * - descriptor: at offset 170 (after Usage (In Range)) the two bytes
 *   09 5a, Usage (Secondary Barrel Switch), are inserted for bit 5; the
 *   counts and tilt range change as marked above; 337 bytes result.
 * - reports: a state machine over Tip and Barrel of report 16. IDLE
 *   (neither), REAL (one of them, or both one after the other) and
 *   SECONDARY. Both arriving together from IDLE means the second button:
 *   they are cleared and bit 5 is set, for as long as both stay set. Any
 *   other combination passes unchanged.
 * The kernel's program also reshapes the pressure curve; this fixup does
 * not.
 *
 * No descriptor of 172F:0505 is known here. The test uses the real
 * descriptor of the WALTOP Sirius battery-free tablet (172F:0502, DIGImend
 * tablets), also 335 bytes with the same layout, as a documented stand-in
 * (its X, Y and pressure ranges may differ; the fixup neither checks nor
 * changes them). Status testing.
 */

#include "hidfix_bpf.h"
#include "hidfix_rdesc.h"

#define VID_WALTOP	       0x172F
#define PID_BATTERYLESS_TABLET 0x0505

#define RDESC_SIZE	  335
#define PEN_BLOCK	  154 /* Report ID (16) .. Input (Cnst) */
#define PEN_BLOCK_LEN	  30
#define BITS_COUNT	  177
#define BITS_COUNT_BROKEN 5
#define BITS_COUNT_FIXED  6
#define PAD_COUNT	  181
#define PAD_COUNT_BROKEN  3
#define PAD_COUNT_FIXED	  2
#define TILT_BLOCK	  239 /* Usage Page (Digitizers) .. Logical Maximum */
#define TILT_BLOCK_LEN	  10
#define TILT_MIN	  246
#define TILT_MIN_BROKEN	  0x81 /* -127 */
#define TILT_MIN_FIXED	  0xc4 /* -60 */
#define TILT_MAX	  248
#define TILT_MAX_BROKEN	  0x7f /* 127 */
#define TILT_MAX_FIXED	  0x3c /* 60 */
#define INSERT_AT	  170
#define INSERT_LEN	  2
#define RDESC_FIXED_SIZE  (RDESC_SIZE + INSERT_LEN)

#define PEN_REPORT_ID  16
#define PEN_REPORT_LEN 10
#define PEN_BITS       1
#define BIT_TIP	       0x01
#define BIT_BARREL     0x02
#define BIT_SECONDARY  0x20 /* the bit the inserted usage covers */
#define TIP_AND_BARREL (BIT_TIP | BIT_BARREL)

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_ANY, VID_WALTOP, PID_BATTERYLESS_TABLET));

static const __u8 pen_broken[PEN_BLOCK_LEN] = {
	0x85, PEN_REPORT_ID, 0x09, 0x20,
	0xa1, 0x00,	     0x09, 0x42,
	0x09, 0x44,	     0x09, 0x3c,
	0x09, 0x45,	     0x09, 0x32,
	0x15, 0x00,	     0x25, 0x01,
	0x75, 0x01,	     0x95, BITS_COUNT_BROKEN,
	0x81, 0x02,	     0x95, PAD_COUNT_BROKEN,
	0x81, 0x03,
};

/* 10 bytes, not 8: clang puts an 8-byte constant into .rodata.cst8, which
 * libbpf's BTF for .rodata does not describe and the kernel refuses. */
static const __u8 tilt_broken[TILT_BLOCK_LEN] = {
	0x05, 0x0d, 0x09, 0x3d, 0x09, 0x3e, 0x15, TILT_MIN_BROKEN, 0x25, TILT_MAX_BROKEN,
};

/* Usage (Secondary Barrel Switch) */
static const __u8 secondary_usage[INSERT_LEN] = { 0x09, 0x5a };

enum button_state {
	IDLE,
	REAL,
	SECONDARY,
};

/* One copy per attachment: each device gets its own loaded object. */
enum button_state state = IDLE;

static __always_inline bool
rdesc_is_broken(const __u8 *rdesc)
{
	return hidfix_bytes_equal(rdesc, PEN_BLOCK, pen_broken, sizeof(pen_broken)) &&
	       hidfix_bytes_equal(rdesc, TILT_BLOCK, tilt_broken, sizeof(tilt_broken));
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(waltop_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (hctx->size != RDESC_SIZE || !rdesc_is_broken(data))
		return 0;

	/* offsets below INSERT_AT first, then those that move */
	data[BITS_COUNT] = BITS_COUNT_FIXED;
	data[PAD_COUNT] = PAD_COUNT_FIXED;
	data[TILT_MIN] = TILT_MIN_FIXED;
	data[TILT_MAX] = TILT_MAX_FIXED;
	hidfix_rdesc_insert(data, RDESC_SIZE, INSERT_AT, secondary_usage, INSERT_LEN);
	return RDESC_FIXED_SIZE;
}

SEC("struct_ops/hid_device_event")
int
BPF_PROG(waltop_fix_buttons, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	__u8 *data;
	__u8 pressed;

	if (type != HID_INPUT_REPORT || hctx->size < PEN_REPORT_LEN)
		return 0;
	data = hid_bpf_get_data(hctx, 0, PEN_REPORT_LEN);
	if (!data || data[0] != PEN_REPORT_ID)
		return 0;

	pressed = data[PEN_BITS] & TIP_AND_BARREL;
	if (pressed == 0)
		state = IDLE;
	else if (pressed != TIP_AND_BARREL || state == REAL)
		state = REAL;
	else
		state = SECONDARY; /* both at once, from IDLE or SECONDARY */

	if (state == SECONDARY)
		data[PEN_BITS] = (data[PEN_BITS] & ~TIP_AND_BARREL) | BIT_SECONDARY;
	return 0;
}

HID_BPF_OPS(waltop_batteryless) = {
	.hid_rdesc_fixup = (void *)waltop_fix_rdesc,
	.hid_device_event = (void *)waltop_fix_buttons,
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
