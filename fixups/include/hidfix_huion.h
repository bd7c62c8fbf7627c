/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What several Huion tablets (Inspiroy 2 S and 2 M, Dial 2, Keydial K20)
 * share.
 *
 * Each has a vendor interface whose 18-byte descriptor declares only
 * report 8, one opaque 88-bit field (12-byte reports): once the tablet is
 * switched to "raw mode" by a vendor string request, pen and pad data
 * arrive there and the other interfaces fall silent. The pen tablets also
 * share one 93-byte pen descriptor (report 10, 10 bytes), whose second
 * button is declared Eraser. The probes compare these bytes in full.
 *
 * In raw mode byte 1 of report 8 tells what the report carries: bit 5
 * clear is the pen (bits 0-2 tip and the two buttons, bit 7 in range),
 * 0xe0 the pad buttons (bitmap in byte 4), 0xf1 a dial or wheel turn
 * (byte 3 which dial, byte 5: 1 one way, 2 the other).
 */
#pragma once

#include "hidfix_bpf.h"
#include "hidfix_rdesc.h"

#define HUION_VID 0x256C

#define HUION_VENDOR_RDESC_SIZE	 18
#define HUION_VENDOR_REPORT_ID	 8
#define HUION_VENDOR_REPORT_LEN	 12
#define HUION_VENDOR_IS_PAD	 0x20 /* byte 1 */
#define HUION_VENDOR_PAD_BUTTONS 0xe0 /* byte 1 */
#define HUION_VENDOR_PAD_DIAL	 0xf1 /* byte 1 */
#define HUION_VENDOR_BUTTONS	 4    /* byte of the button bitmap */
#define HUION_VENDOR_DIAL_INDEX	 3    /* byte: which dial turned */
#define HUION_VENDOR_DIAL	 5    /* byte: the direction */
#define HUION_VENDOR_DIAL_UP	 1
#define HUION_VENDOR_DIAL_DOWN	 2

#define HUION_PEN_RDESC_SIZE 93
#define HUION_PEN_REPORT_ID  10

/* the relative step our pad descriptors declare (Logical -1..1) */
#define HUION_STEP_UP	1
#define HUION_STEP_DOWN 0xff /* -1 */

/* Vendor interface: Usage Page (0xff00), one 88-bit Input in report 8. */
#define HUION_VENDOR_RDESC_ORIGINAL                                                               \
	0x06, 0x00, 0xff, 0x09, 0x01, 0xa1, 0x01, 0x85, HUION_VENDOR_REPORT_ID, 0x75, 0x58, 0x95, \
		0x01, 0x09, 0x01, 0x81, 0x02, 0xc0

/* Pen interface: Tip, Barrel, Eraser (the second button), Invert, In Range,
 * X/Y with a broken unit, pressure, X/Y tilt. */
#define HUION_PEN_RDESC_ORIGINAL                                                               \
	0x05, 0x0d, 0x09, 0x02, 0xa1, 0x01, 0x85, HUION_PEN_REPORT_ID, 0x09, 0x20, 0xa1, 0x01, \
		0x09, 0x42, 0x09, 0x44, 0x09, 0x45, 0x09, 0x3c, 0x15, 0x00, 0x25, 0x01, 0x75,  \
		0x01, 0x95, 0x06, 0x81, 0x02, 0x09, 0x32, 0x75, 0x01, 0x95, 0x01, 0x81, 0x02,  \
		0x81, 0x03, 0x05, 0x01, 0x09, 0x30, 0x09, 0x31, 0x55, 0x0d, 0x65, 0x33, 0x26,  \
		0xff, 0x7f, 0x35, 0x00, 0x46, 0x00, 0x08, 0x75, 0x10, 0x95, 0x02, 0x81, 0x02,  \
		0x05, 0x0d, 0x09, 0x30, 0x26, 0xff, 0x1f, 0x75, 0x10, 0x95, 0x01, 0x81, 0x02,  \
		0x09, 0x3d, 0x09, 0x3e, 0x15, 0x81, 0x25, 0x7f, 0x75, 0x08, 0x95, 0x02, 0x81,  \
		0x02, 0xc0, 0xc0

/*
 * Byte 1 of a pen report the way the tablets send it: bits 0-2 Tip,
 * Barrel and Secondary Barrel Switch (BTN_STYLUS2), pad_bits constant
 * bits, then In Range. Leaves Logical 0..1, Report Size 1, Count 1 set.
 */
#define HUION_PEN_BUTTONS(pad_bits)                                   \
	0x09, 0x42,		/* Usage (Tip Switch) */              \
		0x09, 0x44,	/* Usage (Barrel Switch) */           \
		0x09, 0x5a,	/* Usage (Secondary Barrel Switch) */ \
		0x15, 0x00,	/* Logical Minimum (0) */             \
		0x25, 0x01,	/* Logical Maximum (1) */             \
		0x75, 0x01,	/* Report Size (1) */                 \
		0x95, 0x03,	/* Report Count (3) */                \
		0x81, 0x02,	/* Input (Data,Var,Abs) */            \
		0x95, pad_bits, /* Report Count */                    \
		0x81, 0x03,	/* Input (Cnst) */                    \
		0x09, 0x32,	/* Usage (In Range) */                \
		0x95, 0x01,	/* Report Count (1) */                \
		0x81, 0x02	/* Input (Data,Var,Abs) */

/*
 * Byte 1 of a raw pen report of a pen with three buttons: bits 0-2 Tip,
 * Barrel and Secondary Barrel Switch, bit 3 the third button as Button
 * 0x4A (one extended usage, which the kernel maps to BTN_STYLUS3), bits 4-6
 * constant, bit 7 In Range. Leaves Logical 0..1, Report Size 1, Count 1.
 */
/* clang-format off */
#define HUION_PEN_BUTTONS_STYLUS3					\
	0x09, 0x42,		/* Usage (Tip Switch) */		\
	0x09, 0x44,		/* Usage (Barrel Switch) */		\
	0x09, 0x5a,		/* Usage (Secondary Barrel Switch) */	\
	0x15, 0x00,		/* Logical Minimum (0) */		\
	0x25, 0x01,		/* Logical Maximum (1) */		\
	0x75, 0x01,		/* Report Size (1) */			\
	0x95, 0x03,		/* Report Count (3) */			\
	0x81, 0x02,		/* Input (Data,Var,Abs) */		\
	0x0b, 0x4a, 0x00, 0x09, 0x00, /* Usage (Button 0x4A): bit 3 */	\
	0x95, 0x01,		/* Report Count (1) */			\
	0x81, 0x02,		/* Input (Data,Var,Abs) */		\
	0x95, 0x03,		/* Report Count (3) */			\
	0x81, 0x03,		/* Input (Cnst): bits 4-6 */		\
	0x09, 0x32,		/* Usage (In Range): bit 7 */		\
	0x95, 0x01,		/* Report Count (1) */			\
	0x81, 0x02		/* Input (Data,Var,Abs) */
/* clang-format on */

/*
 * 16-bit X and Y (bytes 2-5 of a pen report) in 0.1 cm: logical maxima
 * and physical size as little-endian byte pairs. Leaves Report Size 16,
 * Report Count 1 and the Digitizers page set, with no unit.
 */
#define HUION_PEN_XY(xmax_lo, xmax_hi, xmm_lo, xmm_hi, ymax_lo, ymax_hi, ymm_lo, ymm_hi) \
	0x05, 0x01,			/* Usage Page (Generic Desktop) */               \
		0x75, 0x10,		/* Report Size (16) */                           \
		0x95, 0x01,		/* Report Count (1) */                           \
		0xa4,			/* Push */                                       \
		0x55, 0x0f,		/* Unit Exponent (-1) */                         \
		0x65, 0x11,		/* Unit (cm) */                                  \
		0x26, xmax_lo, xmax_hi, /* Logical Maximum */                            \
		0x46, xmm_lo, xmm_hi,	/* Physical Maximum */                           \
		0x09, 0x30,		/* Usage (X) */                                  \
		0x81, 0x02,		/* Input (Data,Var,Abs) */                       \
		0x26, ymax_lo, ymax_hi, /* Logical Maximum */                            \
		0x46, ymm_lo, ymm_hi,	/* Physical Maximum */                           \
		0x09, 0x31,		/* Usage (Y) */                                  \
		0x81, 0x02,		/* Input (Data,Var,Abs) */                       \
		0xb4,			/* Pop */                                        \
		0x05, 0x0d		/* Usage Page (Digitizers) */

/* The opening of a pen application with report report_id, up to and
 * including its Stylus physical collection. */
#define HUION_PEN_BEGIN(report_id)                              \
	0x05, 0x0d,		 /* Usage Page (Digitizers) */  \
		0x09, 0x02,	 /* Usage (Pen) */              \
		0xa1, 0x01,	 /* Collection (Application) */ \
		0x85, report_id, /* Report ID */                \
		0x09, 0x20,	 /* Usage (Stylus) */           \
		0xa1, 0x00	 /* Collection (Physical) */

/* 8-bit X and Y Tilt, -60..60 degrees (two bytes), on the Digitizers page. */
#define HUION_PEN_TILT                                  \
	0x09, 0x3d,	    /* Usage (X Tilt) */        \
		0x09, 0x3e, /* Usage (Y Tilt) */        \
		0x15, 0xc4, /* Logical Minimum (-60) */ \
		0x25, 0x3c, /* Logical Maximum (60) */  \
		0x75, 0x08, /* Report Size (8) */       \
		0x95, 0x02, /* Report Count (2) */      \
		0x81, 0x02  /* Input (Data,Var,Abs) */

/* 16-bit Tip Pressure 0..max (bytes 6-7), after HUION_PEN_XY. */
#define HUION_PEN_PRESSURE(max_lo, max_hi)                       \
	0x09, 0x30,		      /* Usage (Tip Pressure) */ \
		0x26, max_lo, max_hi, /* Logical Maximum */      \
		0x81, 0x02	      /* Input (Data,Var,Abs) */

/* The first items of a tablet pad application, report id, up to and
 * including its Tablet Function Keys physical collection. */
#define HUION_PAD_BEGIN(report_id)                                  \
	0x05, 0x01,		 /* Usage Page (Generic Desktop) */ \
		0x09, 0x07,	 /* Usage (Keypad) */               \
		0xa1, 0x01,	 /* Collection (Application) */     \
		0x85, report_id, /* Report ID */                    \
		0x05, 0x0d,	 /* Usage Page (Digitizers) */      \
		0x09, 0x39,	 /* Usage (Tablet Function Keys) */ \
		0xa1, 0x00	 /* Collection (Physical) */

/*
 * A tablet pad report of 8 bytes for tablets with buttons and up to two
 * wheels or dials: byte 1 buttons 1-8 (BTN_0..BTN_7), byte 2 bit 0 a
 * Barrel Switch never set (BTN_STYLUS makes user space treat the node as a
 * tablet pad), byte 3 the first wheel (REL_WHEEL), byte 4 the second
 * (REL_HWHEEL, AC Pan), bytes 5-6 X/Y never set, byte 7 padding.
 */
#define HUION_PAD2_REPORT_LEN 8
#define HUION_PAD2_BUTTONS    1
#define HUION_PAD2_WHEEL      3
#define HUION_PAD2_HWHEEL     4

/* clang-format off */
#define HUION_PAD2_APPLICATION(report_id)				\
	HUION_PAD_BEGIN(report_id),					\
	0x05, 0x09,		/* Usage Page (Button) */		\
	0x19, 0x01,		/* Usage Minimum (1) */			\
	0x29, 0x08,		/* Usage Maximum (8) */			\
	0x15, 0x00,		/* Logical Minimum (0) */		\
	0x25, 0x01,		/* Logical Maximum (1) */		\
	0x75, 0x01,		/* Report Size (1) */			\
	0x95, 0x08,		/* Report Count (8): byte 1 */		\
	0x81, 0x02,		/* Input (Data,Var,Abs) */		\
	0x05, 0x0d,		/* Usage Page (Digitizers) */		\
	0x09, 0x44,		/* Usage (Barrel Switch): byte 2 */	\
	0x95, 0x01,		/* Report Count (1) */			\
	0x81, 0x02,		/* Input (Data,Var,Abs) */		\
	0x95, 0x07,		/* Report Count (7) */			\
	0x81, 0x03,		/* Input (Cnst) */			\
	0x05, 0x01,		/* Usage Page (Generic Desktop) */	\
	0x09, 0x38,		/* Usage (Wheel): byte 3 */		\
	0x15, 0xff,		/* Logical Minimum (-1) */		\
	0x75, 0x08,		/* Report Size (8) */			\
	0x95, 0x01,		/* Report Count (1) */			\
	0x81, 0x06,		/* Input (Data,Var,Rel) */		\
	0x05, 0x0c,		/* Usage Page (Consumer) */		\
	0x0a, 0x38, 0x02,	/* Usage (AC Pan): byte 4 */		\
	0x81, 0x06,		/* Input (Data,Var,Rel) */		\
	0x05, 0x01,		/* Usage Page (Generic Desktop) */	\
	0x09, 0x30,		/* Usage (X): byte 5 */			\
	0x09, 0x31,		/* Usage (Y): byte 6 */			\
	0x15, 0x00,		/* Logical Minimum (0) */		\
	0x95, 0x02,		/* Report Count (2) */			\
	0x81, 0x02,		/* Input (Data,Var,Abs) */		\
	0x95, 0x01,		/* Report Count (1): byte 7 */		\
	0x81, 0x03,		/* Input (Cnst) */			\
	0xc0,			/* End Collection */			\
	0xc0			/* End Collection */
/* clang-format on */

/*
 * The Kamvas Gen 3 pen displays (13: 256C:2008, 16: 256C:2009) have a
 * 36-byte vendor interface: report 8, one opaque 104-bit field (14-byte
 * reports), and a 7-byte feature report 22 in a second collection. In raw
 * mode report 8 is laid out as described at the top of this file, except
 * that it is 14 bytes long and the pad buttons are bits 0-7 of byte 4.
 */
#define HUION_GEN3_VENDOR_RDESC_SIZE  36
#define HUION_GEN3_VENDOR_REPORT_LEN  14
#define HUION_GEN3_FEATURE_REPORT_ID  0x16
#define HUION_GEN3_FEATURE_COLLECTION 18 /* offset of the second collection */

#define HUION_GEN3_FEATURE_RDESC                                                                  \
	0x06, 0x00, 0xff, 0x09, 0x01, 0xa1, 0x01, 0x85, HUION_GEN3_FEATURE_REPORT_ID, 0x75, 0x08, \
		0x95, 0x07, 0x09, 0x01, 0xb1, 0x02, 0xc0

/*
 * The end of our Kamvas Gen 3 vendor descriptor: the raw pen's X/Y tilt
 * (bytes 10-11) and constant bytes 12-13, the end of the pen application,
 * our tablet pad report pad_id and the original feature report 22.
 */
#define HUION_GEN3_VENDOR_RDESC_END(pad_id)                         \
	HUION_PEN_TILT, 0x81, 0x03, /* Input (Cnst): bytes 12-13 */ \
		0xc0,		    /* End Collection */            \
		0xc0,		    /* End Collection */            \
		HUION_PAD2_APPLICATION(pad_id), HUION_GEN3_FEATURE_RDESC

#define HUION_GEN3_VENDOR_RDESC_ORIGINAL                                                          \
	0x06, 0x00, 0xff, 0x09, 0x01, 0xa1, 0x01, 0x85, HUION_VENDOR_REPORT_ID, 0x75, 0x68, 0x95, \
		0x01, 0x09, 0x01, 0x81, 0x02, 0xc0, HUION_GEN3_FEATURE_RDESC

static const __u8 huion_pen_original[] = { HUION_PEN_RDESC_ORIGINAL };
static const __u8 huion_vendor_original[] = { HUION_VENDOR_RDESC_ORIGINAL };
static const __u8 huion_gen3_vendor_original[] = { HUION_GEN3_VENDOR_RDESC_ORIGINAL };

enum huion_interface {
	HUION_IF_UNKNOWN,
	HUION_IF_PEN,
	HUION_IF_PAD,
	HUION_IF_VENDOR,
};

/*
 * Which interface a descriptor is: the shared pen one, or the device's own
 * pad (pad_original, pad_size bytes) or vendor (vendor_original,
 * vendor_size bytes) descriptor; every byte is compared.
 */
static __always_inline enum huion_interface
huion_identify(const __u8 *rdesc, unsigned int size, const __u8 *pad_original,
	       unsigned int pad_size, const __u8 *vendor_original, unsigned int vendor_size)
{
	if (size == HUION_PEN_RDESC_SIZE &&
	    hidfix_bytes_equal(rdesc, 0, huion_pen_original, HUION_PEN_RDESC_SIZE))
		return HUION_IF_PEN;
	if (size == pad_size && hidfix_bytes_equal(rdesc, 0, pad_original, pad_size))
		return HUION_IF_PAD;
	if (size == vendor_size && hidfix_bytes_equal(rdesc, 0, vendor_original, vendor_size))
		return HUION_IF_VENDOR;
	return HUION_IF_UNKNOWN;
}

/* huion_identify() for a tablet with the shared 18-byte vendor interface. */
static __always_inline enum huion_interface
huion_interface(const __u8 *rdesc, unsigned int size, const __u8 *pad_original,
		unsigned int pad_size)
{
	return huion_identify(rdesc, size, pad_original, pad_size, huion_vendor_original,
			      HUION_VENDOR_RDESC_SIZE);
}

/* Replace the descriptor in data by rdesc; the new size for the hook. */
static __always_inline int
huion_copy_rdesc(__u8 *data, const __u8 *rdesc, unsigned int len)
{
	__builtin_memcpy(data, rdesc, len);
	return len;
}

/*
 * Replace the descriptor in data, of interface iface, by pen, pad or
 * vendor (of the given lengths); the new size for the hook, or 0 (left
 * alone) for HUION_IF_UNKNOWN.
 */
static __always_inline int
huion_replace_rdesc(__u8 *data, enum huion_interface iface, const __u8 *pen, unsigned int pen_len,
		    const __u8 *pad, unsigned int pad_len, const __u8 *vendor,
		    unsigned int vendor_len)
{
	switch (iface) {
	case HUION_IF_PEN:
		return huion_copy_rdesc(data, pen, pen_len);
	case HUION_IF_PAD:
		return huion_copy_rdesc(data, pad, pad_len);
	case HUION_IF_VENDOR:
		return huion_copy_rdesc(data, vendor, vendor_len);
	default:
		return 0;
	}
}

/*
 * The body of a hid_rdesc_fixup hook: the pen, pad or vendor descriptor
 * (recognised by huion_interface()) is replaced by pen, pad or vendor
 * (of the given lengths); anything else is left alone.
 */
static __always_inline int
huion_fix_rdesc(__u8 *data, unsigned int size, const __u8 *pad_original,
		unsigned int pad_original_size, const __u8 *pen, unsigned int pen_len,
		const __u8 *pad, unsigned int pad_len, const __u8 *vendor, unsigned int vendor_len)
{
	return huion_replace_rdesc(data,
				   huion_interface(data, size, pad_original, pad_original_size),
				   pen, pen_len, pad, pad_len, vendor, vendor_len);
}

/* The input report if it is at least len bytes and has report ID id, else NULL. */
static __always_inline __u8 *
huion_report(struct hid_bpf_ctx *hctx, __u8 id, const int len)
{
	__u8 *data;

	if (hctx->size < len)
		return NULL;
	data = hid_bpf_get_data(hctx, 0, len);
	if (!data || data[0] != id)
		return NULL;
	return data;
}

/* The relative step of a raw-mode dial report 8 (HUION_STEP_UP/DOWN, or 0). */
static __always_inline __u8
huion_vendor_dial_step(const __u8 *data)
{
	if (data[HUION_VENDOR_DIAL] == HUION_VENDOR_DIAL_UP)
		return HUION_STEP_UP;
	if (data[HUION_VENDOR_DIAL] == HUION_VENDOR_DIAL_DOWN)
		return HUION_STEP_DOWN;
	return 0;
}

/* The report if it is a raw-mode pad report 8 (buttons or dial), else NULL. */
static __always_inline __u8 *
huion_vendor_pad_report(struct hid_bpf_ctx *hctx)
{
	__u8 *data = huion_report(hctx, HUION_VENDOR_REPORT_ID, HUION_VENDOR_REPORT_LEN);

	if (!data || !(data[1] & HUION_VENDOR_IS_PAD))
		return NULL;
	return data;
}

/* Our 8-byte pad report (HUION_PAD2_APPLICATION) over the first len bytes. */
static __always_inline void
huion_pad2_write(__u8 *data, unsigned int len, __u8 report_id, __u8 buttons, __u8 wheel,
		 __u8 hwheel)
{
	data[0] = report_id;
	for (unsigned int i = 1; i < len; i++)
		data[i] = 0;
	data[HUION_PAD2_BUTTONS] = buttons;
	data[HUION_PAD2_WHEEL] = wheel;
	data[HUION_PAD2_HWHEEL] = hwheel;
}

/*
 * The pen of the Huion pen displays with a touch screen (Win8 multitouch
 * group: Kamvas Pro 19, and the Kamvas 13 and 16 Gen 3 out of the box):
 * report 10 (10 bytes: ID, bits, X and Y, pressure, X and Y tilt) whose
 * second button is declared Secondary Tip Switch (byte 17: 0x43) and whose
 * third button sets the Invert bit, read as the eraser end in range. The
 * first bytes of its application:
 *   offset  bytes      item
 *     12    09 42      Usage (Tip Switch)                 bit 0
 *     14    09 44      Usage (Barrel Switch)              bit 1
 *     16    09 43      Usage (Secondary Tip Switch)       bit 2 <- 17: 5a
 *     18    09 3c      Usage (Invert)                     bit 3
 *     20    09 45      Usage (Eraser)                     bit 4 (and bit 5)
 *     22    15 00 25 01 75 01
 *     28    95 06      Report Count (6)                   <- 29: 05
 *     30    81 02      Input (Data,Var,Abs)
 *     32    09 32      Usage (In Range)                   bit 6
 * huion_win8_pen_fix_rdesc() makes bit 2 Secondary Barrel Switch and
 * inserts at 32 an item for bit 5, Button 0x4A (BTN_STYLUS3):
 * 0b 4a 00 09 00 95 01 81 02. huion_win8_pen_fix_event() moves the
 * third button from Invert to bit 5 while the pen end is in range: the
 * tablet always reports out of range (In Range 0) before a proximity with
 * Invert or Eraser set (the eraser end), and a button press comes while
 * the pen is already in range.
 */
#define HUION_WIN8_PEN_CHECKED_LEN	  34 /* up to Usage (In Range) */
#define HUION_WIN8_SECONDARY_USAGE	  17
#define HUION_WIN8_USAGE_SECONDARY_TIP	  0x43
#define HUION_WIN8_USAGE_SECONDARY_BARREL 0x5A
#define HUION_WIN8_BUTTON_BITS_COUNT	  29
#define HUION_WIN8_BUTTON_BITS_BROKEN	  6
#define HUION_WIN8_BUTTON_BITS_FIXED	  5
#define HUION_WIN8_INSERT_AT		  32
#define HUION_WIN8_INSERT_LEN		  9

#define HUION_WIN8_PEN_REPORT_LEN 10
#define HUION_WIN8_PEN_BITS	  1
#define HUION_WIN8_BIT_INVERT	  0x08
#define HUION_WIN8_BIT_ERASER	  0x10
#define HUION_WIN8_BIT_STYLUS3	  0x20 /* the bit the inserted Button 0x4A covers */
#define HUION_WIN8_BIT_IN_RANGE	  0x40

static const __u8 huion_win8_pen_broken[HUION_WIN8_PEN_CHECKED_LEN] = {
	0x05, 0x0d,
	0x09, 0x02,
	0xa1, 0x01,
	0x85, HUION_PEN_REPORT_ID,
	0x09, 0x20,
	0xa1, 0x01,
	0x09, 0x42,
	0x09, 0x44,
	0x09, HUION_WIN8_USAGE_SECONDARY_TIP,
	0x09, 0x3c,
	0x09, 0x45,
	0x15, 0x00,
	0x25, 0x01,
	0x75, 0x01,
	0x95, HUION_WIN8_BUTTON_BITS_BROKEN,
	0x81, 0x02,
	0x09, 0x32,
};

/* Usage (Button 0x4A, extended), Report Count (1), Input (Data,Var,Abs) */
static const __u8 huion_win8_stylus3_bit[HUION_WIN8_INSERT_LEN] = {
	0x0b, 0x4a, 0x00, 0x09, 0x00, 0x95, 0x01, 0x81, 0x02,
};

enum huion_pen_state {
	HUION_PEN_OUT,
	HUION_PEN_IN,
	HUION_ERASER_IN,
};

/* Whether a descriptor starts with the broken pen application above. */
static __always_inline bool
huion_win8_pen_is_broken(const __u8 *rdesc, unsigned int size)
{
	return size >= HUION_WIN8_PEN_CHECKED_LEN &&
	       hidfix_bytes_equal(rdesc, 0, huion_win8_pen_broken, HUION_WIN8_PEN_CHECKED_LEN);
}

/* Fix the pen application of a descriptor of size bytes (checked by
 * huion_win8_pen_is_broken()); the new size. */
static __always_inline int
huion_win8_pen_fix_rdesc(__u8 *data, unsigned int size)
{
	hidfix_rdesc_insert(data, size, HUION_WIN8_INSERT_AT, huion_win8_stylus3_bit,
			    HUION_WIN8_INSERT_LEN);
	data[HUION_WIN8_SECONDARY_USAGE] = HUION_WIN8_USAGE_SECONDARY_BARREL;
	data[HUION_WIN8_BUTTON_BITS_COUNT] = HUION_WIN8_BUTTON_BITS_FIXED;
	return size + HUION_WIN8_INSERT_LEN;
}

/* A pen report 10: the state machine described above (*state per device). */
static __always_inline void
huion_win8_pen_fix_event(struct hid_bpf_ctx *hctx, enum huion_pen_state *state)
{
	__u8 *data = huion_report(hctx, HUION_PEN_REPORT_ID, HUION_WIN8_PEN_REPORT_LEN);
	__u8 bits;

	if (!data)
		return;
	bits = data[HUION_WIN8_PEN_BITS];
	if (!(bits & HUION_WIN8_BIT_IN_RANGE)) {
		*state = HUION_PEN_OUT;
		return;
	}
	if (*state == HUION_PEN_OUT)
		*state = (bits & (HUION_WIN8_BIT_INVERT | HUION_WIN8_BIT_ERASER)) ? HUION_ERASER_IN
										  : HUION_PEN_IN;
	if (*state == HUION_ERASER_IN)
		return;

	/* HUION_PEN_IN: Invert is the third button */
	bits &= ~HUION_WIN8_BIT_STYLUS3;
	if (bits & HUION_WIN8_BIT_INVERT)
		bits = (bits & ~HUION_WIN8_BIT_INVERT) | HUION_WIN8_BIT_STYLUS3;
	data[HUION_WIN8_PEN_BITS] = bits;
}

/* Whether a descriptor is the Kamvas Gen 3 vendor one (every byte compared). */
static __always_inline bool
huion_gen3_is_vendor(const __u8 *rdesc, unsigned int size)
{
	return size == HUION_GEN3_VENDOR_RDESC_SIZE &&
	       hidfix_bytes_equal(rdesc, 0, huion_gen3_vendor_original,
				  HUION_GEN3_VENDOR_RDESC_SIZE);
}

/*
 * Out of the box the Kamvas Gen 3 tablet interface (13: 368 bytes, 16: 328
 * bytes, the first 328 identical) reports its pen with the broken
 * application of huion_win8_pen_fix_rdesc(), whose X/Y tilt is declared
 * -90..90 for -60..60 (offsets 83-86: 15 a6 25 5a -> 15 c4 25 3c).
 */
#define HUION_GEN3_TILT_MIN	   84
#define HUION_GEN3_TILT_MAX	   86
#define HUION_ITEM_LOGICAL_MIN	   0x15
#define HUION_ITEM_LOGICAL_MAX	   0x25
#define HUION_GEN3_TILT_MIN_BROKEN 0xa6 /* -90 */
#define HUION_GEN3_TILT_MAX_BROKEN 0x5a /* 90 */
#define HUION_GEN3_TILT_MIN_FIXED  0xc4 /* -60 */
#define HUION_GEN3_TILT_MAX_FIXED  0x3c /* 60 */

/* (A 4-byte const array would land in .rodata.cst4, which the kernel's
 * BTF check refuses: the four bytes are compared one by one.) */
static __always_inline bool
huion_gen3_is_tablet(const __u8 *rdesc, unsigned int size, unsigned int tablet_size)
{
	return size == tablet_size && huion_win8_pen_is_broken(rdesc, size) &&
	       rdesc[HUION_GEN3_TILT_MIN - 1] == HUION_ITEM_LOGICAL_MIN &&
	       rdesc[HUION_GEN3_TILT_MIN] == HUION_GEN3_TILT_MIN_BROKEN &&
	       rdesc[HUION_GEN3_TILT_MAX - 1] == HUION_ITEM_LOGICAL_MAX &&
	       rdesc[HUION_GEN3_TILT_MAX] == HUION_GEN3_TILT_MAX_BROKEN;
}

/* Whether a descriptor is one the Kamvas Gen 3 fixups fix (for the probe). */
static __always_inline bool
huion_gen3_is_known(const __u8 *rdesc, unsigned int size, unsigned int tablet_size)
{
	return huion_gen3_is_vendor(rdesc, size) || huion_gen3_is_tablet(rdesc, size, tablet_size);
}

/*
 * The body of a Kamvas Gen 3 hid_rdesc_fixup hook: the vendor descriptor is
 * replaced by rdesc (len bytes), the tablet one (tablet_size bytes) gets
 * its tilt range and huion_win8_pen_fix_rdesc(); anything else is left
 * alone.
 */
static __always_inline int
huion_gen3_fix_rdesc(struct hid_bpf_ctx *hctx, const __u8 *rdesc, unsigned int len,
		     unsigned int tablet_size)
{
	__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);

	if (!data)
		return 0; /* EPERM: leave the descriptor alone */
	if (huion_gen3_is_vendor(data, hctx->size))
		return huion_copy_rdesc(data, rdesc, len);
	if (!huion_gen3_is_tablet(data, hctx->size, tablet_size))
		return 0;
	data[HUION_GEN3_TILT_MIN] = HUION_GEN3_TILT_MIN_FIXED;
	data[HUION_GEN3_TILT_MAX] = HUION_GEN3_TILT_MAX_FIXED;
	return huion_win8_pen_fix_rdesc(data, tablet_size);
}

#define HUION_GEN3_TOP_WHEEL	1 /* byte 3 of a wheel report */
#define HUION_GEN3_BOTTOM_WHEEL 2

/*
 * A Kamvas Gen 3 raw pad report (data[1] 0xe0 buttons or 0xf1 a wheel),
 * rewritten in place as our pad report pad_id (HUION_PAD2_APPLICATION;
 * top wheel REL_WHEEL, bottom wheel REL_HWHEEL). The tablet tracks one
 * button at a time, and a second press while one is held shows as the
 * second button alone; *held filters that: with nothing held (0) a report
 * with buttons holds exactly those, while something is held reports with
 * buttons change nothing, and only the all-released report clears it.
 * Wheel reports carry the buttons held. Anything else is left alone.
 */
static __always_inline void
huion_gen3_fix_pad(__u8 *data, __u8 pad_id, __u8 *held)
{
	__u8 wheel = 0, hwheel = 0, step, buttons;

	if (data[1] == HUION_VENDOR_PAD_DIAL) {
		step = huion_vendor_dial_step(data);
		if (data[HUION_VENDOR_DIAL_INDEX] == HUION_GEN3_TOP_WHEEL)
			wheel = step;
		else if (data[HUION_VENDOR_DIAL_INDEX] == HUION_GEN3_BOTTOM_WHEEL)
			hwheel = step;
	} else if (data[1] == HUION_VENDOR_PAD_BUTTONS) {
		buttons = data[HUION_VENDOR_BUTTONS];
		if (!buttons || !*held)
			*held = buttons;
	} else {
		return;
	}
	huion_pad2_write(data, HUION_GEN3_VENDOR_REPORT_LEN, pad_id, *held, wheel, hwheel);
}

/*
 * Inspiroy 2 S and 2 M: the same shared pen and raw-mode vendor report 8,
 * and a pad of nbuttons buttons (1-6 or 8) and a wheel that types keyboard
 * shortcuts out of the box: keyboard report 3 (8 bytes), byte 1 the
 * modifiers, byte 2 the first key, one button at a time; the wheel types
 * Ctrl+- (down) and Ctrl+= (up).
 *
 * Our tablet pad report 3 (HUION_INSPIROY2_PAD_RDESC, 8 bytes): byte 1
 * buttons 1..nbuttons (BTN_0 and on), then a Barrel Switch bit that is
 * never set (BTN_STYLUS makes user space treat the node as a tablet pad)
 * and padding to the byte; then the wheel (REL_WHEEL, -1..1), X and Y
 * (never set, also for the pad type), padding to 8 bytes.
 */
#define HUION_INSPIROY2_PAD_REPORT_ID  3
#define HUION_INSPIROY2_PAD_REPORT_LEN 8
#define HUION_INSPIROY2_PAD_BUTTONS    1
/* the byte of the wheel: after the buttons and the Barrel Switch bit */
#define HUION_INSPIROY2_PAD_WHEEL(nbuttons) (1 + ((nbuttons) + 8) / 8)
/* the constant bits after the Barrel Switch (none for 7 buttons: unsupported) */
#define HUION_INSPIROY2_PAD_FILL(nbuttons) \
	(8 * HUION_INSPIROY2_PAD_WHEEL(nbuttons) - 9 - (nbuttons))
/* the constant bytes after X and Y */
#define HUION_INSPIROY2_PAD_TAIL(nbuttons) \
	(HUION_INSPIROY2_PAD_REPORT_LEN - HUION_INSPIROY2_PAD_WHEEL(nbuttons) - 3)

/*
 * The Inspiroy 2 S pad interface (65 bytes, real): keyboard report 3 (8
 * bytes) and consumer report 4 (16-bit array). The start of our synthetic
 * Inspiroy 2 M pad descriptor.
 */
#define HUION_INSPIROY2_KEYS_RDESC_ORIGINAL                                                        \
	0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x85, HUION_INSPIROY2_PAD_REPORT_ID, 0x05, 0x07, 0x19, \
		0xe0, 0x29, 0xe7, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02,      \
		0x05, 0x07, 0x19, 0x00, 0x29, 0xff, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x06,      \
		0x81, 0x00, 0xc0, 0x05, 0x0c, 0x09, 0x01, 0xa1, 0x01, 0x85, 0x04, 0x19, 0x00,      \
		0x2a, 0x3c, 0x02, 0x15, 0x00, 0x26, 0x3c, 0x02, 0x95, 0x01, 0x75, 0x10, 0x81,      \
		0x00, 0xc0

/* keyboard report 3 of the pad interface out of the box */
#define HUION_KEY_MODS	      1
#define HUION_KEY_FIRST	      2
#define HUION_KEYS(mods, key) ((mods) << 8 | (key))
#define HUION_KEYS_WHEEL_DOWN HUION_KEYS(0x01, 0x2d) /* Ctrl+- */
#define HUION_KEYS_WHEEL_UP   HUION_KEYS(0x01, 0x2e) /* Ctrl+= */

/* clang-format off */
#define HUION_INSPIROY2_PAD_RDESC(nbuttons)					\
	HUION_PAD_BEGIN(HUION_INSPIROY2_PAD_REPORT_ID),				\
	0x05, 0x09,		/* Usage Page (Button) */			\
	0x19, 0x01,		/* Usage Minimum (1) */				\
	0x29, (nbuttons),	/* Usage Maximum */				\
	0x15, 0x00,		/* Logical Minimum (0) */			\
	0x25, 0x01,		/* Logical Maximum (1) */			\
	0x75, 0x01,		/* Report Size (1) */				\
	0x95, (nbuttons),	/* Report Count: byte 1 */			\
	0x81, 0x02,		/* Input (Data,Var,Abs) */			\
	0x05, 0x0d,		/* Usage Page (Digitizers) */			\
	0x09, 0x44,		/* Usage (Barrel Switch): never set */		\
	0x95, 0x01,		/* Report Count (1) */				\
	0x81, 0x02,		/* Input (Data,Var,Abs) */			\
	0x75, HUION_INSPIROY2_PAD_FILL(nbuttons), /* Report Size */		\
	0x81, 0x03,		/* Input (Cnst): to the byte */			\
	0x05, 0x01,		/* Usage Page (Generic Desktop) */		\
	0x09, 0x38,		/* Usage (Wheel) */				\
	0x15, 0xff,		/* Logical Minimum (-1) */			\
	0x75, 0x08,		/* Report Size (8) */				\
	0x81, 0x06,		/* Input (Data,Var,Rel) */			\
	0x09, 0x30,		/* Usage (X): never set */			\
	0x09, 0x31,		/* Usage (Y): never set */			\
	0x15, 0x00,		/* Logical Minimum (0) */			\
	0x95, 0x02,		/* Report Count (2) */				\
	0x81, 0x02,		/* Input (Data,Var,Abs) */			\
	0x95, HUION_INSPIROY2_PAD_TAIL(nbuttons), /* Report Count */		\
	0x81, 0x03,		/* Input (Cnst): to 8 bytes */			\
	0xc0,			/* End Collection */				\
	0xc0			/* End Collection */

/* The pen interface's report 10, as sent: X/Y 0-32767 over 16.0 x 10.0 cm. */
#define HUION_INSPIROY2_PEN_RDESC						\
	0x05, 0x0d,			/* Usage Page (Digitizers) */		\
	0x09, 0x02,			/* Usage (Pen) */			\
	0xa1, 0x01,			/* Collection (Application) */		\
	0x85, HUION_PEN_REPORT_ID,	/* Report ID (10) */			\
	0x09, 0x20,			/* Usage (Stylus) */			\
	0xa1, 0x00,			/* Collection (Physical) */		\
	HUION_PEN_BUTTONS(3),		/* byte 1, bits 0-6 */			\
	0x81, 0x03,			/* Input (Cnst): bit 7 */		\
	HUION_PEN_XY(0xff, 0x7f, 0xa0, 0x00,	/* X 0-32767, 16.0 cm */	\
		     0xff, 0x7f, 0x64, 0x00),	/* Y 0-32767, 10.0 cm */	\
	HUION_PEN_PRESSURE(0xff, 0x1f),	/* 0-8191, bytes 6-7 */			\
	0x75, 0x08,			/* Report Size (8) */			\
	0x95, 0x02,			/* Report Count (2): bytes 8-9, no tilt */ \
	0x81, 0x03,			/* Input (Cnst) */			\
	0xc0,				/* End Collection */			\
	0xc0				/* End Collection */

/* The raw-mode pen in vendor report 8, as sent: X 0-32000, Y 0-20000. */
#define HUION_INSPIROY2_VENDOR_PEN_RDESC					\
	0x05, 0x0d,			/* Usage Page (Digitizers) */		\
	0x09, 0x02,			/* Usage (Pen) */			\
	0xa1, 0x01,			/* Collection (Application) */		\
	0x85, HUION_VENDOR_REPORT_ID,	/* Report ID (8) */			\
	0x09, 0x20,			/* Usage (Stylus) */			\
	0xa1, 0x00,			/* Collection (Physical) */		\
	HUION_PEN_BUTTONS(4),		/* byte 1 */				\
	HUION_PEN_XY(0x00, 0x7d, 0xa0, 0x00,	/* X 0-32000, 16.0 cm */	\
		     0x20, 0x4e, 0x64, 0x00),	/* Y 0-20000, 10.0 cm */	\
	HUION_PEN_PRESSURE(0x00, 0x20),	/* 0-8192, bytes 6-7 */			\
	0x75, 0x08,			/* Report Size (8) */			\
	0x95, 0x04,			/* Report Count (4): bytes 8-11 */	\
	0x81, 0x03,			/* Input (Cnst) */			\
	0xc0,				/* End Collection */			\
	0xc0				/* End Collection */
/* clang-format on */

/* Our pad report over the first len bytes of a report. */
static __always_inline void
huion_inspiroy2_write_pad(__u8 *data, unsigned int len, unsigned int nbuttons, __u8 buttons,
			  __u8 wheel)
{
	data[0] = HUION_INSPIROY2_PAD_REPORT_ID;
	for (unsigned int i = 1; i < len; i++)
		data[i] = 0;
	data[HUION_INSPIROY2_PAD_BUTTONS] = buttons;
	data[HUION_INSPIROY2_PAD_WHEEL(nbuttons)] = wheel;
}

/*
 * The body of a hid_device_event hook: a raw-mode vendor pad report 8 or a
 * keyboard report 3 of the pad is rewritten in place to our pad report 3.
 * keys[n] is what button n + 1 types (HUION_KEYS). A vendor wheel report
 * carries no button state, so the buttons of the last vendor button report
 * (*held) are sent again with it.
 */
static __always_inline int
huion_inspiroy2_fix_events(struct hid_bpf_ctx *hctx, const __u16 *keys, unsigned int nbuttons,
			   __u8 *held)
{
	__u8 *data = huion_vendor_pad_report(hctx);
	__u8 buttons = 0, wheel = 0;
	__u16 typed;

	if (data) {
		if (data[1] == HUION_VENDOR_PAD_DIAL)
			wheel = huion_vendor_dial_step(data);
		else if (data[1] == HUION_VENDOR_PAD_BUTTONS)
			*held = data[HUION_VENDOR_BUTTONS] & ((1u << nbuttons) - 1);
		huion_inspiroy2_write_pad(data, HUION_VENDOR_REPORT_LEN, nbuttons, *held, wheel);
		return 0;
	}

	data = huion_report(hctx, HUION_INSPIROY2_PAD_REPORT_ID, HUION_INSPIROY2_PAD_REPORT_LEN);
	if (!data)
		return 0;
	typed = HUION_KEYS(data[HUION_KEY_MODS], data[HUION_KEY_FIRST]);
	if (typed == HUION_KEYS_WHEEL_DOWN)
		wheel = HUION_STEP_DOWN;
	else if (typed == HUION_KEYS_WHEEL_UP)
		wheel = HUION_STEP_UP;
	for (unsigned int b = 0; b < nbuttons; b++) {
		if (typed == keys[b])
			buttons = 1u << b;
	}
	huion_inspiroy2_write_pad(data, HUION_INSPIROY2_PAD_REPORT_LEN, nbuttons, buttons, wheel);
	return 0;
}

/*
 * Keydial K20 (USB and Bluetooth): 18 buttons that type keys, and a dial.
 * Out of the box button n types huion_k20_keys[n - 1] (K, G, L, Delete,
 * I, D, B, E, S, Z, C, V, -, -, -, Enter, Space, N); buttons 13, 14, 15
 * are the modifiers Left Control, Left Alt, Left Shift (bits 0x01, 0x04,
 * 0x02 of the modifier byte); several can be held at once. Our pad report
 * (HUION_K20_PAD_RDESC, 8 bytes): byte 1 bit 0 a Barrel Switch never set
 * (BTN_STYLUS makes user space treat the node as a tablet pad), bytes 2-4
 * buttons 1-10 (BTN_0..BTN_9) and 11-19 (Button 0x31-0x39: BTN_A and on,
 * the codes libwacom lists for the K20; 19 is the dial's button), byte 5
 * the dial (REL_WHEEL), bytes 6-7 X/Y never set.
 */
#define HUION_K20_PAD_REPORT_ID	 3
#define HUION_K20_PAD_REPORT_LEN 8
#define HUION_K20_PAD_BUTTONS	 2 /* bytes 2-4 */
#define HUION_K20_PAD_WHEEL	 5
#define HUION_K20_BUTTON(n)	 (1u << ((n)-1))
#define HUION_K20_BUTTONS_MASK	 0x7ffff /* buttons 1-19 */
#define HUION_K20_MOD_CTRL	 0x01
#define HUION_K20_MOD_SHIFT	 0x02
#define HUION_K20_MOD_ALT	 0x04

/* clang-format off */
#define HUION_K20_PAD_RDESC						\
	HUION_PAD_BEGIN(HUION_K20_PAD_REPORT_ID),			\
	0x05, 0x0d,		/* Usage Page (Digitizers) */		\
	0x09, 0x44,		/* Usage (Barrel Switch): byte 1 */	\
	0x15, 0x00,		/* Logical Minimum (0) */		\
	0x25, 0x01,		/* Logical Maximum (1) */		\
	0x75, 0x01,		/* Report Size (1) */			\
	0x95, 0x01,		/* Report Count (1) */			\
	0x81, 0x02,		/* Input (Data,Var,Abs) */		\
	0x95, 0x07,		/* Report Count (7) */			\
	0x81, 0x03,		/* Input (Cnst) */			\
	0x05, 0x09,		/* Usage Page (Button) */		\
	0x19, 0x01,		/* Usage Minimum (1) */			\
	0x29, 0x0a,		/* Usage Maximum (10) */		\
	0x95, 0x0a,		/* Report Count (10): buttons 1-10 */	\
	0x81, 0x02,		/* Input (Data,Var,Abs) */		\
	0x19, 0x31,		/* Usage Minimum (0x31) */		\
	0x29, 0x39,		/* Usage Maximum (0x39) */		\
	0x95, 0x09,		/* Report Count (9): buttons 11-19 */	\
	0x81, 0x02,		/* Input (Data,Var,Abs) */		\
	0x95, 0x05,		/* Report Count (5) */			\
	0x81, 0x03,		/* Input (Cnst) */			\
	0x05, 0x01,		/* Usage Page (Generic Desktop) */	\
	0x09, 0x38,		/* Usage (Wheel): byte 5 */		\
	0x15, 0xff,		/* Logical Minimum (-1) */		\
	0x75, 0x08,		/* Report Size (8) */			\
	0x95, 0x01,		/* Report Count (1) */			\
	0x81, 0x06,		/* Input (Data,Var,Rel) */		\
	0x09, 0x30,		/* Usage (X): byte 6 */			\
	0x09, 0x31,		/* Usage (Y): byte 7 */			\
	0x15, 0x00,		/* Logical Minimum (0) */		\
	0x95, 0x02,		/* Report Count (2) */			\
	0x81, 0x02,		/* Input (Data,Var,Abs) */		\
	0xc0,			/* End Collection */			\
	0xc0			/* End Collection */
/* clang-format on */

/* Keyboard usages of buttons 1-18 (0: a modifier bit instead). */
static const __u8 huion_k20_keys[] = {
	0x0e, 0x0a, 0x0f, 0x4c, 0x0c, 0x07, 0x05, 0x08, 0x16,
	0x1d, 0x06, 0x19, 0x00, 0x00, 0x00, 0x28, 0x2c, 0x11,
};

/* The buttons held in a keyboard report: modifiers, keys at [first, end). */
static __always_inline __u32
huion_k20_key_buttons(const __u8 *data, int mods_at, int first, int end)
{
	__u8 mods = data[mods_at];
	__u32 buttons = 0;

	if (mods & HUION_K20_MOD_CTRL)
		buttons |= HUION_K20_BUTTON(13);
	if (mods & HUION_K20_MOD_ALT)
		buttons |= HUION_K20_BUTTON(14);
	if (mods & HUION_K20_MOD_SHIFT)
		buttons |= HUION_K20_BUTTON(15);
	for (int i = first; i < end; i++) {
		for (unsigned int b = 0; b < sizeof(huion_k20_keys); b++) {
			if (data[i] && data[i] == huion_k20_keys[b])
				buttons |= 1u << b;
		}
	}
	return buttons;
}

/* Our K20 pad report over the first len bytes of a report. */
static __always_inline void
huion_k20_write_pad(__u8 *data, unsigned int len, __u32 buttons, __u8 wheel)
{
	data[0] = HUION_K20_PAD_REPORT_ID;
	for (unsigned int i = 1; i < len; i++)
		data[i] = 0;
	data[HUION_K20_PAD_BUTTONS] = buttons;
	data[HUION_K20_PAD_BUTTONS + 1] = buttons >> 8;
	data[HUION_K20_PAD_BUTTONS + 2] = buttons >> 16;
	data[HUION_K20_PAD_WHEEL] = wheel;
}
