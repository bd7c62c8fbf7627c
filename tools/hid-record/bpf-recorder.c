// SPDX-License-Identifier: GPL-2.0-only
/*
 * The HID-BPF recorder of hid-record --before-fixups: hid-record.bpf.c,
 * embedded by bpftool as a skeleton (hid-record.skel.h), loaded for one
 * HID device, attached before its fixups (BPF_F_BEFORE in the object's
 * struct_ops value), and its ring buffer read on demand. Closing the link
 * (bpf_recorder_free, or the process ending) detaches it. Its syscall
 * program reads the descriptor the device declared, before the fixups.
 */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/types.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf-recorder.h"
#include "hid-device.h"
#include "hid-record-bpf.h"
#include "hid-record.skel.h"
#include "log.h"

/* the struct_ops variable of hid-record.bpf.c */
#define RECORDER_OPS "hid_record"
/* the kernel type a HID-BPF struct_ops must have */
#define HID_BPF_OPS "hid_bpf_ops"

/* hid-record.bpf.c returns these errno values by number */
_Static_assert(HID_RECORD_BPF_ENODEV == ENODEV, "ENODEV");
_Static_assert(HID_RECORD_BPF_E2BIG == E2BIG, "E2BIG");
_Static_assert(HID_RECORD_BPF_EFAULT == EFAULT, "EFAULT");
_Static_assert(HID_RECORD_BPF_MAX_RDESC == HID_MAX_DESCRIPTOR_SIZE, "descriptor size");

struct bpf_recorder {
	char device[HID_NAME_MAX];
	unsigned int hid_id;
	struct hid_record_bpf *skel;
	struct bpf_link *link;
	struct ring_buffer *ring;
	bpf_recorder_report_fn fn;
	void *userdata;
	bool warned_partial;
};

_printf_(2, 0) static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (log_get_level() >= LOG_LEVEL_DEBUG)
		vfprintf(stderr, fmt, ap);
	return 0;
}

void
bpf_recorder_init_logging(void)
{
	libbpf_set_print(libbpf_print);
}

/*
 * HID-BPF registers the struct_ops type hid_bpf_ops: in vmlinux's BTF
 * when HID is built in, in the hid module's BTF when it is a module.
 */
static bool
kernel_has_hid_bpf(void)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	struct btf *module = NULL;
	bool found;

	if (!vmlinux)
		return false;
	found = btf__find_by_name_kind(vmlinux, HID_BPF_OPS, BTF_KIND_STRUCT) > 0;
	if (!found) {
		module = btf__load_module_btf("hid", vmlinux);
		found = module && btf__find_by_name_kind(module, HID_BPF_OPS, BTF_KIND_STRUCT) > 0;
	}
	btf__free(module);
	btf__free(vmlinux);
	return found;
}

static int
on_record(void *ctx, void *data, size_t size)
{
	struct bpf_recorder *r = ctx;
	struct hid_record_bpf_report head;
	size_t len;

	if (size < sizeof(head))
		return 0;
	memcpy(&head, data, sizeof(head));
	len = head.copied;
	if (len > size - sizeof(head))
		len = size - sizeof(head);
	if (len < head.size && !r->warned_partial) {
		log_warn(
			r->device,
			"a report of %u bytes was captured before the fixups as its first %zu only",
			head.size, len);
		r->warned_partial = true;
	}
	return r->fn((const uint8_t *)data + sizeof(head), len, head.time_ns / 1000, r->userdata);
}

struct bpf_recorder *
bpf_recorder_new(const char *hidraw, bpf_recorder_report_fn fn, void *userdata)
{
	_cleanup_(hid_device_freep) struct hid_device_info *dev = NULL;
	_cleanup_(bpf_recorder_freep) struct bpf_recorder *r = NULL;
	struct bpf_map *ops;
	size_t size = 0;
	int *hid_id;
	int err;

	dev = hid_device_open(hidraw);
	if (!dev) {
		err = errno;
		log_error(hidraw, "--before-fixups: cannot find its HID device: %s", strerror(err));
		errno = err;
		return NULL;
	}
	if (!kernel_has_hid_bpf()) {
		log_error(hidraw, "--before-fixups: this kernel has no HID-BPF "
				  "(CONFIG_HID_BPF is not set)");
		errno = EOPNOTSUPP;
		return NULL;
	}

	r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	snprintf(r->device, sizeof(r->device), "%s", dev->name);
	r->hid_id = dev->id;
	r->fn = fn;
	r->userdata = userdata;

	r->skel = hid_record_bpf__open();
	if (!r->skel) {
		err = errno;
		log_error(r->device, "cannot open the HID-BPF recorder: %s", strerror(err));
		errno = err;
		return NULL;
	}
	/* hid_id is the first member of struct hid_bpf_ops (hidfix_bpf.h) */
	ops = bpf_object__find_map_by_name(r->skel->obj, RECORDER_OPS);
	hid_id = ops ? bpf_map__initial_value(ops, &size) : NULL;
	if (!hid_id || size < sizeof(*hid_id)) {
		log_error(r->device, "the HID-BPF recorder has no struct_ops '%s'", RECORDER_OPS);
		errno = EINVAL;
		return NULL;
	}
	*hid_id = (int)dev->id;

	err = hid_record_bpf__load(r->skel);
	if (err < 0) {
		log_error(r->device,
			  "the kernel refused the HID-BPF recorder: %s (--verbose shows libbpf's "
			  "messages)",
			  strerror(-err));
		errno = -err;
		return NULL;
	}
	r->link = bpf_map__attach_struct_ops(ops);
	if (!r->link) {
		err = errno;
		log_error(r->device, "cannot attach the HID-BPF recorder: %s", strerror(err));
		errno = err;
		return NULL;
	}
	r->ring = ring_buffer__new(bpf_map__fd(r->skel->maps.reports), on_record, r, NULL);
	if (!r->ring) {
		err = errno;
		log_error(r->device, "cannot map the recorder's ring buffer: %s", strerror(err));
		errno = err;
		return NULL;
	}
	log_info(hidraw, "%s: recording its reports before the fixups too (B: lines)", r->device);
	return steal_pointer(&r);
}

int
bpf_recorder_device_rdesc(struct bpf_recorder *r, uint8_t **out, size_t *outlen)
{
	_cleanup_free_ struct hid_record_bpf_rdesc_args *args = calloc(1, sizeof(*args));
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	uint8_t *copy;
	int err;

	if (!args)
		return -ENOMEM;
	args->hid = r->hid_id;
	/* the kernel copies the context back into ctx_in */
	topts.ctx_in = args;
	topts.ctx_size_in = sizeof(*args);
	err = bpf_prog_test_run_opts(bpf_program__fd(r->skel->progs.hid_record_read_rdesc), &topts);
	if (err < 0) {
		err = negative_errno();
		return log_error_errno(r->device, err, "running the descriptor reader failed: %s",
				       strerror(-err));
	}
	if (args->retval < 0)
		return log_error_errno(r->device, args->retval,
				       "cannot read the descriptor the device declared: %s",
				       strerror(-args->retval));
	if (args->size == 0)
		return log_error_errno(r->device, -ENODATA, "the device declared no descriptor");
	copy = malloc(args->size);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, args->rdesc, args->size);
	*out = copy;
	*outlen = args->size;
	return 0;
}

int
bpf_recorder_drain(struct bpf_recorder *r)
{
	return ring_buffer__consume(r->ring);
}

uint64_t
bpf_recorder_lost(const struct bpf_recorder *r)
{
	return __atomic_load_n(&r->skel->bss->lost, __ATOMIC_RELAXED);
}

const char *
bpf_recorder_device(const struct bpf_recorder *r)
{
	return r->device;
}

void
bpf_recorder_free(struct bpf_recorder *r)
{
	int saved = errno; /* freed on error paths that have set errno */

	if (!r)
		return;
	ring_buffer__free(r->ring);
	bpf_link__destroy(r->link);
	hid_record_bpf__destroy(r->skel);
	free(r);
	errno = saved;
}
