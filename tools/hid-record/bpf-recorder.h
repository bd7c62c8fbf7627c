/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hid-record --before-fixups: the HID-BPF recorder (hid-record.bpf.c,
 * embedded in hid-record as a bpftool skeleton) attached to one HID
 * device before the fixups already attached to it, and the reports it
 * captured, as the device sent them.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "macros.h"

struct bpf_recorder;

/*
 * Called for each captured report: its bytes and the CLOCK_MONOTONIC time
 * the kernel received it, in microseconds (the clock of now_usec()).
 * A negative return stops bpf_recorder_drain() with that value.
 */
typedef int (*bpf_recorder_report_fn)(const uint8_t *data, size_t len, uint64_t usec,
				      void *userdata);

/* Route libbpf's messages to the debug log (hid-record --verbose). */
void bpf_recorder_init_logging(void);

/*
 * Load the recorder for the HID device of hidraw (a /dev/hidrawN node)
 * and attach it. Errors are logged as one line; returns NULL and sets
 * errno (EOPNOTSUPP: the kernel has no HID-BPF).
 */
struct bpf_recorder *bpf_recorder_new(const char *hidraw, bpf_recorder_report_fn fn,
				      void *userdata);

/*
 * The report descriptor the device declared, before any fixup changed it
 * (hidraw and sysfs show it after the fixups), as a malloc'ed copy. 0 or
 * -errno, logged as one line.
 */
int bpf_recorder_device_rdesc(struct bpf_recorder *r, uint8_t **out, size_t *outlen);

/* Hand every report captured so far to fn, in order. The count or -errno. */
int bpf_recorder_drain(struct bpf_recorder *r);

/* Reports the kernel captured but could not queue (the ring buffer was full). */
uint64_t bpf_recorder_lost(const struct bpf_recorder *r);

/* The HID device's name ("0003:11C0:5606.0004"). */
const char *bpf_recorder_device(const struct bpf_recorder *r);

/* Detach and free. Accepts NULL. */
void bpf_recorder_free(struct bpf_recorder *r);
DEFINE_TRIVIAL_CLEANUP_FUNC(struct bpf_recorder *, bpf_recorder_free)
