// SPDX-License-Identifier: GPL-2.0-only
/*
 * C-Media HS-100B USB audio chip, its HID buttons (USB 0D8C:0014), the fix
 * of the kernel's hid-cmedia driver as a HID-BPF fixup.
 *
 * Hardware bug: the chip reports a microphone mute button in bit 3 (the
 * fourth bit) of its input report, but the descriptor declares only
 * Volume Up, Volume Down and Mute (bits 0-2) and makes the other five
 * bits constant padding, so the button does nothing. The kernel's
 * hid-cmedia replaces any 60-byte descriptor of this id with a 62-byte one
 * that declares bit 3 Telephony Phone Mute (absolute), bit 4 Telephony
 * Hook Switch (relative), three unassigned bits, three unassigned input
 * bytes and a 4-byte output report; this fixup writes the same 62 bytes.
 *
 * Proven only against a SYNTHETIC descriptor (60 bytes; no dump of the real
 * chip is known, the kernel checks only the size): its first 26 bytes are
 * the items the kernel's replacement keeps, the rest is padding and
 * filler. The probe accepts 60 bytes beginning with those 26 bytes.
 * Status testing until a real descriptor confirms them.
 *
 * Original descriptor, 60 bytes:
 *   offset  bytes     item
 *      0    05 0c     Usage Page (Consumer)
 *      2    09 01     Usage (Consumer Control)
 *      4    a1 01     Collection (Application)
 *      6    15 00       Logical Minimum (0)
 *      8    25 01       Logical Maximum (1)
 *     10    09 e9       Usage (Volume Increment)
 *     12    09 ea       Usage (Volume Decrement)
 *     14    75 01       Report Size (1)
 *     16    95 02       Report Count (2)
 *     18    81 02       Input (Data,Var,Abs)
 *     20    09 e2       Usage (Mute)
 *     22    95 01       Report Count (1)
 *     24    81 06       Input (Data,Var,Rel)
 *     26    95 05 81 01 five constant bits       <- replaced from here
 *     30    c0        End Collection
 *     31    a4 b4 ... 54  filler of the stand-in (Push, Pop, Unit Exponent)
 *
 * Fixed descriptor, 62 bytes: bytes 0-25 unchanged, then
 *     26    05 0b       Usage Page (Telephony)
 *     28    09 2f       Usage (Phone Mute)
 *     30    81 02       Input (Data,Var,Abs)
 *     32    09 20       Usage (Hook Switch)
 *     34    81 06       Input (Data,Var,Rel)
 *     36    05 0c       Usage Page (Consumer)
 *     38    09 00       Usage (Unassigned)
 *     40    95 03       Report Count (3)
 *     42    81 02       Input (Data,Var,Abs)
 *     44    26 ff 00    Logical Maximum (255)
 *     47    09 00       Usage (Unassigned)
 *     49    75 08       Report Size (8)
 *     51    95 03       Report Count (3)
 *     53    81 02       Input (Data,Var,Abs)
 *     55    09 00       Usage (Unassigned)
 *     57    95 04       Report Count (4)
 *     59    91 02       Output (Data,Var,Abs)
 *     61    c0        End Collection
 * Native parity: hid-cmedia's HS-100B driver does nothing else, so both
 * give the same descriptor and events.
 */

#include "hidfix_bpf.h"

#define VID_CMEDIA	 0x0D8C
#define PID_HS100B	 0x0014
#define RDESC_SIZE	 60
#define KEPT_LEN	 26
#define FIXED_RDESC_SIZE 62

HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_GENERIC, VID_CMEDIA, PID_HS100B));

/* bytes 0-25: the consumer collection with Volume Up/Down and Mute */
static const __u8 rdesc_kept[KEPT_LEN] = {
	0x05, 0x0c, 0x09, 0x01, 0xa1, 0x01, 0x15, 0x00, 0x25, 0x01, 0x09, 0xe9, 0x09,
	0xea, 0x75, 0x01, 0x95, 0x02, 0x81, 0x02, 0x09, 0xe2, 0x95, 0x01, 0x81, 0x06,
};

/* bytes 26-61 of the fixed descriptor */
static const __u8 rdesc_tail[FIXED_RDESC_SIZE - KEPT_LEN] = {
	0x05, 0x0b,	  /* Usage Page (Telephony) */
	0x09, 0x2f,	  /* Usage (Phone Mute) */
	0x81, 0x02,	  /* Input (Data,Var,Abs) */
	0x09, 0x20,	  /* Usage (Hook Switch) */
	0x81, 0x06,	  /* Input (Data,Var,Rel) */
	0x05, 0x0c,	  /* Usage Page (Consumer) */
	0x09, 0x00,	  /* Usage (Unassigned) */
	0x95, 0x03,	  /* Report Count (3) */
	0x81, 0x02,	  /* Input (Data,Var,Abs) */
	0x26, 0xff, 0x00, /* Logical Maximum (255) */
	0x09, 0x00,	  /* Usage (Unassigned) */
	0x75, 0x08,	  /* Report Size (8) */
	0x95, 0x03,	  /* Report Count (3) */
	0x81, 0x02,	  /* Input (Data,Var,Abs) */
	0x09, 0x00,	  /* Usage (Unassigned) */
	0x95, 0x04,	  /* Report Count (4) */
	0x91, 0x02,	  /* Output (Data,Var,Abs) */
	0xc0,		  /* End Collection */
};

SEC("struct_ops/hid_rdesc_fixup")
int
BPF_PROG(cmedia_hs100b_fix_rdesc, struct hid_bpf_ctx *hctx)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (hctx->size != RDESC_SIZE ||
	    !hidfix_bytes_equal(data, 0, rdesc_kept, sizeof(rdesc_kept)))
		return 0;

	__builtin_memcpy(data + KEPT_LEN, rdesc_tail, sizeof(rdesc_tail));
	return FIXED_RDESC_SIZE;
}

HID_BPF_OPS(cmedia_hs100b) = {
	.hid_rdesc_fixup = (void *)cmedia_hs100b_fix_rdesc,
};

SEC("syscall")
int
probe(struct hid_bpf_probe_args *ctx)
{
	ctx->retval = -EINVAL;
	if (ctx->rdesc_size == RDESC_SIZE &&
	    hidfix_bytes_equal(ctx->rdesc, 0, rdesc_kept, sizeof(rdesc_kept)))
		ctx->retval = 0;
	return 0;
}

char _license[] SEC("license") = "GPL";
