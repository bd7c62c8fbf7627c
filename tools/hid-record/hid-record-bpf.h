/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What hid-record.bpf.c and hid-record.c share: one record of the ring
 * buffer per input report, a header followed by the report's bytes as the
 * device sent them (before any HID-BPF fixup). The includer provides
 * __u32 and __u64 (hidfix_bpf.h in BPF, linux/types.h in user space).
 */
#pragma once

struct hid_record_bpf_report {
	__u64 time_ns; /* bpf_ktime_get_ns(): CLOCK_MONOTONIC, as hid-record's E: times */
	__u32 size;    /* the report's length */
	/* bytes of the report that follow: size, or less if the kernel's
	 * buffer is shorter (the record is padded to whole chunks) */
	__u32 copied;
};

/* The reports are copied in chunks of this many bytes (hid_bpf_get_data). */
#define HID_RECORD_BPF_CHUNK 64
#define HID_RECORD_BPF_ROUND_UP(size) \
	(((size) + HID_RECORD_BPF_CHUNK - 1) / HID_RECORD_BPF_CHUNK * HID_RECORD_BPF_CHUNK)
/* The kernel's HID_MAX_BUFFER_SIZE: no report is longer. */
#define HID_RECORD_BPF_MAX_REPORT (16 * 1024)
/* Ring buffer size: a power of two, room for thousands of reports. */
#define HID_RECORD_BPF_RING_SIZE (4 * 1024 * 1024)

/*
 * The context of the syscall program hid_record_read_rdesc: hid-record
 * sets hid (the HID id) and runs it with BPF_PROG_TEST_RUN; the program
 * fills in the descriptor the device declared, before any fixup changed
 * it (struct hid_device's dev_rdesc: the kernel's HID_MAX_DESCRIPTOR_SIZE
 * bytes at most), and retval: 0, or a negative errno (HID_RECORD_BPF_*).
 */
#define HID_RECORD_BPF_MAX_RDESC 4096
#define HID_RECORD_BPF_ENODEV	 19 /* no HID device with that id */
#define HID_RECORD_BPF_E2BIG	 7  /* a descriptor over HID_RECORD_BPF_MAX_RDESC */
#define HID_RECORD_BPF_EFAULT	 14 /* the kernel's copy could not be read */

struct hid_record_bpf_rdesc_args {
	__u32 hid;
	__s32 retval;
	__u32 size;
	__u8 rdesc[HID_RECORD_BPF_MAX_RDESC];
};
