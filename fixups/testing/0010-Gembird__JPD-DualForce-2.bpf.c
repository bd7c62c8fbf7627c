// SPDX-License-Identifier: GPL-2.0-only
/*
 * Gembird JPD-DualForce 2 gamepad (USB 11FF:3331), the fix of the
 * kernel's hid-gembird driver as a HID-BPF fixup.
 *
 * Hardware bug: the five 8-bit axis fields of the input report (no report
 * ID) list the usages X, Y, Z, Z, Rz. The third byte is a constant the
 * pad never changes; the right stick is the fourth and fifth bytes. Both
 * Z fields map to ABS_Z (measured on 7.3.4), so the right stick's X and
 * the constant byte fight over one axis, and its Y comes out as ABS_RZ.
 *
 * Proven only against a SYNTHETIC descriptor (101 bytes, a DragonRise-style
 * pad built around the exact 26-byte block hid-gembird looks for at offset
 * 8; the kernel driver accepts any descriptor of 31 bytes or more with
 * that block, this fixup only the 101-byte stand-in); status testing.
 *
 * Original descriptor, 101 bytes; the faulty block (offsets 8-33):
 *   offset  bytes      item
 *      0    05 01 09 04 a1 01 a1 02   Joystick application, logical coll.
 *      8    75 08      Report Size (8)
 *     10    95 05      Report Count (5)
 *     12    15 00      Logical Minimum (0)
 *     14    26 ff 00   Logical Maximum (255)
 *     17    35 00      Physical Minimum (0)
 *     19    46 ff 00   Physical Maximum (255)
 *     22    09 30      Usage (X)
 *     24    09 31      Usage (Y)
 *     26    09 32      Usage (Z)
 *     28    09 32      Usage (Z)
 *     30    09 35      Usage (Rz)
 *     32    81 02      Input (Data,Var,Abs)
 *     34    ...        hat, 12 buttons, vendor byte, output report (67 bytes)
 *
 * Fix: the block is replaced by a 34-byte one, the same hid-gembird
 * writes (the descriptor grows to 109 bytes, bytes 34-100 move to 42-108):
 *     75 08 95 02 15 00 26 ff 00 35 00 46 ff 00   2 fields of 8 bits
 *     09 30 09 31 81 02   X, Y: Input (Data,Var,Abs)
 *     95 01 09 32 81 01   the constant third byte: Input (Cnst,Arr,Abs)
 *     95 02 09 33 09 34 81 02   Rx, Ry: Input (Data,Var,Abs)
 * so the sticks are ABS_X/ABS_Y and ABS_RX/ABS_RY, and the third byte is
 * ignored. The report layout is unchanged (5 bytes of axes). Native
 * parity: hid-gembird gives the same descriptor and events.
 */

#include "hidfix_bpf.h"

#define VID_GEMBIRD	    0x11FF
#define PID_JPD_DUALFORCE_2 0x3331
#define RDESC_SIZE	    101
#define FAULTY_START	    8
#define FAULTY_LEN	    26
#define FIXED_LEN	    34
#define FAULTY_END	    (FAULTY_START + FAULTY_LEN)
#define GROWTH		    (FIXED_LEN - FAULTY_LEN)
#define RDESC_SIZE_FIXED    (RDESC_SIZE + GROWTH)

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_GEMBIRD, PID_JPD_DUALFORCE_2));

/*
 * Constant tables go to plain .rodata: clang would put an 8-byte one into
 * a mergeable .rodata.cst8 section, which libbpf cannot load.
 */
#define RODATA __attribute__((section(".rodata")))

/* Usage Page (Generic Desktop), Usage (Joystick), Collection (Application),
 * Collection (Logical) */
static const __u8 rdesc_head[FAULTY_START] RODATA = {
	0x05, 0x01, 0x09, 0x04, 0xa1, 0x01, 0xa1, 0x02
};

static const __u8 axes_faulty[FAULTY_LEN] RODATA = {
	0x75, 0x08,	  /* Report Size (8) */
	0x95, 0x05,	  /* Report Count (5) */
	0x15, 0x00,	  /* Logical Minimum (0) */
	0x26, 0xff, 0x00, /* Logical Maximum (255) */
	0x35, 0x00,	  /* Physical Minimum (0) */
	0x46, 0xff, 0x00, /* Physical Maximum (255) */
	0x09, 0x30,	  /* Usage (X) */
	0x09, 0x31,	  /* Usage (Y) */
	0x09, 0x32,	  /* Usage (Z) */
	0x09, 0x32,	  /* Usage (Z), again */
	0x09, 0x35,	  /* Usage (Rz) */
	0x81, 0x02,	  /* Input (Data,Var,Abs) */
};

static const __u8 axes_fixed[FIXED_LEN] RODATA = {
	0x75, 0x08,	  /* Report Size (8) */
	0x95, 0x02,	  /* Report Count (2) */
	0x15, 0x00,	  /* Logical Minimum (0) */
	0x26, 0xff, 0x00, /* Logical Maximum (255) */
	0x35, 0x00,	  /* Physical Minimum (0) */
	0x46, 0xff, 0x00, /* Physical Maximum (255) */
	0x09, 0x30,	  /* Usage (X) */
	0x09, 0x31,	  /* Usage (Y) */
	0x81, 0x02,	  /* Input (Data,Var,Abs) */
	0x95, 0x01,	  /* Report Count (1) */
	0x09, 0x32,	  /* Usage (Z) */
	0x81, 0x01,	  /* Input (Cnst,Arr,Abs): the byte the pad never changes */
	0x95, 0x02,	  /* Report Count (2) */
	0x09, 0x33,	  /* Usage (Rx) */
	0x09, 0x34,	  /* Usage (Ry) */
	0x81, 0x02,	  /* Input (Data,Var,Abs) */
};

static __always_inline bool
rdesc_is_broken(const __u8 *rdesc)
{
	return hidfix_bytes_equal(rdesc, 0, rdesc_head, sizeof(rdesc_head)) &&
	       hidfix_bytes_equal(rdesc, FAULTY_START, axes_faulty, sizeof(axes_faulty));
}

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(gembird_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (hctx->size != RDESC_SIZE || !rdesc_is_broken(data))
		return 0;

	/* make room: the bytes after the block move GROWTH bytes up, last first */
	for (int i = RDESC_SIZE - 1; i >= FAULTY_END; i--)
		data[i + GROWTH] = data[i];
	for (int i = 0; i < FIXED_LEN; i++)
		data[FAULTY_START + i] = axes_fixed[i];

	return RDESC_SIZE_FIXED;
}

HID_BPF_OPS(gembird_jpd) = {
	.hid_rdesc_fixup = (void *)gembird_fix_rdesc,
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
