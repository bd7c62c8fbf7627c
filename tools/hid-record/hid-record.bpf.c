// SPDX-License-Identifier: GPL-2.0-only
/*
 * hid-record --before-fixups: the input reports of one HID device as the
 * device sent them, before any HID-BPF fixup changes them.
 *
 * A struct_ops hid_bpf_ops with only a hid_device_event hook. hid-record
 * writes the device's HID id into the map before load, and the flag
 * BPF_F_BEFORE puts this hook at the head of the device's list, before
 * the fixups already attached (a fixup attached later without the flag
 * goes after it too). The hook copies each report into a ring buffer
 * record (struct hid_record_bpf_report and the bytes) and returns 0: the
 * report goes on to the fixups unchanged.
 *
 * There is no descriptor hook, so attaching the recorder does not make
 * the kernel re-probe the device. No HID_BPF_CONFIG: hid-record attaches
 * it to the device it records, never the loader.
 *
 * hid_record_read_rdesc, a syscall program hid-record runs once per
 * device, copies the descriptor the device declared: hidraw and sysfs
 * show it after the fixups (the kernel's hdev->rdesc), but hid-core keeps
 * the original in hdev->dev_rdesc and hands it to the HID-BPF descriptor
 * hooks at each probe (their result is bpf_rdesc, then a driver's
 * report_fixup gives rdesc).
 */

#include "hidfix_bpf.h"

#include "hid-record-bpf.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, HID_RECORD_BPF_RING_SIZE);
} reports SEC(".maps");

/* reports that did not fit in the ring buffer (hid-record reads it) */
__u64 lost = 0;

SEC("struct_ops/hid_device_event")
int
BPF_PROG(hid_record_event, struct hid_bpf_ctx *hctx, enum hid_report_type type)
{
	struct hid_record_bpf_report head = { .time_ns = bpf_ktime_get_ns() };
	struct bpf_dynptr rec;
	__u32 size = hctx->size;
	__u32 off;

	if (type != HID_INPUT_REPORT || size == 0)
		return 0;
	if (size > HID_RECORD_BPF_MAX_REPORT)
		size = HID_RECORD_BPF_MAX_REPORT;
	head.size = size;

	/*
	 * hid_bpf_get_data() takes a constant length: the report is copied 64
	 * bytes at a time, into a record rounded up to whole chunks.
	 */
	if (bpf_ringbuf_reserve_dynptr(&reports, sizeof(head) + HID_RECORD_BPF_ROUND_UP(size), 0,
				       &rec) < 0) {
		bpf_ringbuf_discard_dynptr(&rec, 0);
		__sync_fetch_and_add(&lost, 1);
		return 0;
	}
	for (off = 0; off < HID_RECORD_BPF_MAX_REPORT; off += HID_RECORD_BPF_CHUNK) {
		__u8 *chunk;

		if (off >= size)
			break;
		chunk = hid_bpf_get_data(hctx, off, HID_RECORD_BPF_CHUNK);
		if (!chunk)
			break; /* the kernel's buffer ends here */
		if (bpf_dynptr_write(&rec, sizeof(head) + off, chunk, HID_RECORD_BPF_CHUNK, 0) < 0)
			break;
		head.copied = size - off < HID_RECORD_BPF_CHUNK ? size : off + HID_RECORD_BPF_CHUNK;
	}
	bpf_dynptr_write(&rec, 0, &head, sizeof(head), 0);
	bpf_ringbuf_submit_dynptr(&rec, 0);
	return 0;
}

/*
 * dev_rdesc is a plain byte pointer in struct hid_device, which the
 * verifier lets a program read only through bpf_probe_read_kernel (root,
 * and a kernel not locked down for confidentiality).
 */
SEC("syscall")
int
hid_record_read_rdesc(struct hid_record_bpf_rdesc_args *args)
{
	struct hid_bpf_ctx *ctx;
	const __u8 *rdesc;
	__u32 size;

	ctx = hid_bpf_allocate_context(args->hid);
	if (!ctx) {
		args->retval = -HID_RECORD_BPF_ENODEV;
		return 0;
	}
	rdesc = ctx->hid->dev_rdesc;
	size = ctx->hid->dev_rsize;
	args->size = size;
	if (size > HID_RECORD_BPF_MAX_RDESC)
		args->retval = -HID_RECORD_BPF_E2BIG;
	else if (!rdesc || bpf_probe_read_kernel(args->rdesc, size, rdesc) < 0)
		args->retval = -HID_RECORD_BPF_EFAULT;
	else
		args->retval = 0;
	hid_bpf_release_context(ctx);
	return 0;
}

/* the HID id is written by hid-record before load */
HID_BPF_OPS(hid_record) = {
	.flags = BPF_F_BEFORE,
	.hid_device_event = (void *)hid_record_event,
};

char _license[] SEC("license") = "GPL";
