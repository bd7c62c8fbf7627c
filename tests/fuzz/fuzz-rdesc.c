// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the report descriptor decoder (lib/rdesc.c). An input
 * that parses as a hex descriptor (the repo's *.rdesc.hex seeds) is
 * decoded as those bytes, anything else as raw bytes. Runs the printer
 * with the summary, the iterator (items must tile the input exactly up to
 * a fatal error, the first error at or before it), and the diff: of the
 * two halves (small inputs), of the input and a copy with one byte
 * changed, and of the input against itself (which must show no change).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "rdesc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *
sink(void)
{
	static FILE *f;

	if (!f)
		f = fopen("/dev/null", "w");
	return f;
}

static void
check_items(const uint8_t *data, size_t size)
{
	struct rdesc_summary s = { 0 };
	struct rdesc_iter it;
	struct rdesc_item item;
	size_t expect = 0;
	char line[512];
	int r;

	rdesc_iter_init(&it, data, size, &s);
	while ((r = rdesc_iter_next(&it, &item)) > 0) {
		if (item.offset != expect || item.len == 0 || item.offset + item.len > size ||
		    item.raw != data + item.offset)
			abort();
		expect += item.len;
		rdesc_item_line(&item, line, sizeof(line));
		if (strlen(line) >= sizeof(line))
			abort();
	}
	if (r == 0 && expect != size)
		abort();
	if (r == -EINVAL && (!it.failed || it.error_offset > expect))
		abort();
	rdesc_summary_clear(&s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *bytes = NULL;
	size_t len = 0, changed = 1;
	char err[256];
	FILE *f = sink();

	if (!f)
		return 0;
	if (size > 4 * HID_MAX_DESCRIPTOR_SIZE)
		return 0;
	if (hid_hex_parse_buffer((const char *)data, size, "fuzz", &bytes, &len, err,
				 sizeof(err)) == 0) {
		data = bytes;
		size = len;
	}
	if (size > HID_MAX_DESCRIPTOR_SIZE) {
		free(bytes);
		return 0;
	}
	check_items(data, size);
	rdesc_print(f, data, size, "# ", RDESC_PRINT_SUMMARY);
	/* the diff is quadratic in the differing middle: keep the halves small */
	if (size <= 512)
		rdesc_diff_print(f, data, size / 2, data + size / 2, size - size / 2, "", NULL);
	if (size) {
		uint8_t *other = malloc(size);

		if (other) {
			memcpy(other, data, size);
			other[size / 2] ^= 0x10; /* one item changes its tag or value */
			rdesc_diff_print(f, data, size, other, size, "", NULL);
			free(other);
		}
	}
	if (rdesc_diff_print(f, data, size, data, size, "", &changed) >= 0 && changed)
		abort();
	free(bytes);
	return 0;
}
