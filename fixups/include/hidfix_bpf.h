/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel types and helpers a hidfix fixup needs, and nothing more.
 *
 * Instead of a generated vmlinux.h, this header declares by hand the few
 * kernel structures HID-BPF programs touch. Structures the program reads
 * carry preserve_access_index, so libbpf relocates every field access
 * against the running kernel's BTF (CO-RE): only the field names and types
 * here must match the kernel, not the layout of the fields left out.
 *
 * The device match data ("HID_BPF_CONFIG") is encoded the way the kernel's
 * drivers/hid/bpf/progs and udev-hid-bpf expect, so objects move freely
 * between those projects and hidfix: a variable in the ".hid_bpf_config"
 * section whose BTF type is a union of anonymous structs, one per device,
 * with members name, bus, group, vid and pid. Each member is a pointer to
 * an int array whose element count is the value, so the numbers live in
 * BTF alone and cost no memory.
 */
#pragma once

/* ---- basic kernel integer types (no system headers for -target bpf) ---- */
typedef signed char __s8;
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef unsigned long size_t;
typedef _Bool bool;
#define true 1
#define false 0

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/* ---- the few linux/bpf.h definitions used (it clashes with the typedefs above) ---- */
#define BPF_MAP_TYPE_RINGBUF 27
#define BPF_F_BEFORE	     (1U << 3) /* hid_bpf_ops.flags: run before those attached */

struct bpf_dynptr {
	__u64 __opaque[2];
} __attribute__((aligned(8)));

/* ---- errno values fixups return ---- */
#define EPERM  1
#define EINVAL 22

/* ---- bus types (linux/input.h) and HID groups (linux/hid.h) ---- */
#define BUS_ANY	      0x00 /* hidfix wildcard: 0 matches every bus */
#define BUS_PCI	      0x01
#define BUS_USB	      0x03
#define BUS_BLUETOOTH 0x05
#define BUS_VIRTUAL   0x06
#define BUS_I2C	      0x18

#define HID_GROUP_ANY		   0x0000
#define HID_GROUP_GENERIC	   0x0001
#define HID_GROUP_MULTITOUCH	   0x0002
#define HID_GROUP_SENSOR_HUB	   0x0003
#define HID_GROUP_MULTITOUCH_WIN_8 0x0004

#define HID_VID_ANY 0x0000
#define HID_PID_ANY 0x0000

#define HID_MAX_DESCRIPTOR_SIZE 4096

/* ---- kernel structures (CO-RE) ---- */
struct hid_device {
	const __u8 *dev_rdesc;	/* the descriptor the device declared, before any fixup */
	unsigned int dev_rsize; /* its length */
	unsigned int id;
	__u16 bus;
	__u16 group;
	__u32 vendor;
	__u32 product;
	char name[128];
} __attribute__((preserve_access_index));

struct hid_bpf_ctx {
	struct hid_device *hid;
	__u32 allocated_size;
	union {
		__s32 retval;
		__s32 size;
	};
} __attribute__((preserve_access_index));

enum hid_report_type {
	HID_INPUT_REPORT = 0,
	HID_OUTPUT_REPORT = 1,
	HID_FEATURE_REPORT = 2,
	HID_REPORT_TYPES,
};

enum hid_class_request {
	HID_REQ_GET_REPORT = 0x01,
	HID_REQ_GET_IDLE = 0x02,
	HID_REQ_GET_PROTOCOL = 0x03,
	HID_REQ_SET_REPORT = 0x09,
	HID_REQ_SET_IDLE = 0x0a,
	HID_REQ_SET_PROTOCOL = 0x0b,
};

struct list_head {
	struct list_head *next, *prev;
};

/*
 * The struct_ops type the kernel registers for HID-BPF. libbpf matches it
 * to the kernel's type by name, member by member; hid_id is written by the
 * loader into the map's initial value before load.
 */
struct hid_bpf_ops {
	int hid_id;
	u32 flags;
	struct list_head list;
	int (*hid_device_event)(struct hid_bpf_ctx *ctx, enum hid_report_type report_type,
				u64 source);
	int (*hid_rdesc_fixup)(struct hid_bpf_ctx *ctx);
	int (*hid_hw_request)(struct hid_bpf_ctx *ctx, unsigned char reportnum,
			      enum hid_report_type rtype, enum hid_class_request reqtype,
			      u64 source);
	int (*hid_hw_output_report)(struct hid_bpf_ctx *ctx, u64 source);
	struct hid_device *hdev;
};

/* The context of the "probe" syscall program, filled in by the loader. */
struct hid_bpf_probe_args {
	unsigned int hid;
	unsigned int rdesc_size;
	unsigned char rdesc[HID_MAX_DESCRIPTOR_SIZE];
	int retval;
};

/* ---- HID-BPF kfuncs (GPL only) ---- */
extern __u8 *hid_bpf_get_data(struct hid_bpf_ctx *ctx, unsigned int offset,
			      const size_t __sz) __ksym;
extern struct hid_bpf_ctx *hid_bpf_allocate_context(unsigned int hid_id) __ksym;
extern void hid_bpf_release_context(struct hid_bpf_ctx *ctx) __ksym;
extern int hid_bpf_hw_request(struct hid_bpf_ctx *ctx, __u8 *data, size_t buf__sz,
			      enum hid_report_type type, enum hid_class_request reqtype) __ksym;
extern int hid_bpf_hw_output_report(struct hid_bpf_ctx *ctx, __u8 *buf,
				    size_t buf__sz) __weak __ksym;
extern int hid_bpf_input_report(struct hid_bpf_ctx *ctx, enum hid_report_type type, __u8 *buf,
				const size_t buf__sz) __weak __ksym;

/* ---- struct_ops declaration ---- */
#define HID_BPF_OPS(name) SEC(".struct_ops.link") struct hid_bpf_ops name

/* ---- device match data ---- */
#define HIDFIX_CAT_(a, b)      a##b
#define HIDFIX_CAT(a, b)       HIDFIX_CAT_(a, b)
#define HIDFIX_BTF_VALUE(n, v) int(*n)[v]

/* One device the fixup serves; 0 in any field is a wildcard. */
#define HID_DEVICE(b, g, v, p)              \
	struct {                            \
		HIDFIX_BTF_VALUE(name, 0);  \
		HIDFIX_BTF_VALUE(bus, b);   \
		HIDFIX_BTF_VALUE(group, g); \
		HIDFIX_BTF_VALUE(vid, v);   \
		HIDFIX_BTF_VALUE(pid, p);   \
	} HIDFIX_CAT(_device_, __COUNTER__);

/* HID_BPF_CONFIG(HID_DEVICE(...) HID_DEVICE(...)) lists the devices served. */
#define HID_BPF_CONFIG(...) \
	union {             \
		__VA_ARGS__ \
	} _device_ids SEC(".hid_bpf_config")

/* ---- small helpers for fixups ---- */

/* True when the len bytes at data + offset equal expected. */
static __always_inline bool
hidfix_bytes_equal(const __u8 *data, unsigned int offset, const __u8 *expected, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++) {
		if (data[offset + i] != expected[i])
			return false;
	}
	return true;
}

/* True when the descriptor (rdesc, size bytes) is exactly known[len]. */
static __always_inline bool
hidfix_rdesc_is(const __u8 *rdesc, unsigned int size, const __u8 *known, unsigned int len)
{
	return size == len && hidfix_bytes_equal(rdesc, 0, known, len);
}

/*
 * For a fixup that knows one whole original descriptor and replaces it:
 * in a hid_rdesc_fixup program, when the device's descriptor is exactly
 * the array known, overwrite it with the array fixed and evaluate to its
 * size (the new descriptor length); otherwise leave it and evaluate to 0.
 * A macro, not a function: both sizes must be compile-time constants.
 */
#define HIDFIX_RDESC_REPLACE(hctx, known, fixed)                                        \
	({                                                                              \
		__u8 *hidfix_d_ = hid_bpf_get_data((hctx), 0, HID_MAX_DESCRIPTOR_SIZE); \
		int hidfix_r_ = 0;                                                      \
		if (hidfix_d_ &&                                                        \
		    hidfix_rdesc_is(hidfix_d_, (hctx)->size, (known), sizeof(known))) { \
			__builtin_memcpy(hidfix_d_, (fixed), sizeof(fixed));            \
			hidfix_r_ = sizeof(fixed);                                      \
		}                                                                       \
		hidfix_r_;                                                              \
	})
