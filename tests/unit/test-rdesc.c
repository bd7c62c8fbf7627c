// SPDX-License-Identifier: GPL-2.0-only
/*
 * The report descriptor decoder (lib/rdesc.c).
 *
 * Expected outputs were checked by hand, byte by byte, against HID 1.11
 * section 6.2.2 (short item prefix: bits 0-1 size 0/1/2/4, bits 2-3 type
 * main/global/local, bits 4-7 tag; 0xfe a long item) and the usage names in
 * lib/hut.ids:
 *
 * - Rapoo M50 Plus Silent (tests/replay/rapoo-m50-plus-silent/original):
 *   items 0-21. 0x05 = global tag 0 (Usage Page) with 1 byte, 0x09 = local
 *   tag 0 (Usage), 0xa1 = main tag 0xa (Collection; 1 Application, 0
 *   Physical), 0x85 = Report ID, 0x19/0x29 = Usage Minimum/Maximum,
 *   0x15/0x25 = Logical Minimum/Maximum, 0x75 = Report Size, 0x95 = Report
 *   Count, 0x81 = Input (0x02: Variable; 0x01: Constant), 0x16 01 80 = a
 *   2-byte Logical Minimum 0x8001 = -32767, 0x26 ff 7f = 32767. Page 9 is
 *   "Buttons", usages 0x30/0x31 of page 1 are "Direction-X/Y" in usb.ids.
 *   Its report summary: report 1 = 5 buttons (1 bit each) + 3 padding bits
 *   + X, Y (2 x 16) + wheel (8) = 48 bits = 6 bytes, 7 with the ID, which
 *   is the layout the recording's header describes (byte 0 ID, byte 1
 *   buttons, bytes 2-5 X and Y, byte 6 wheel); report 2 one 16-bit array
 *   field 1..652 (0x028c, not named in usb.ids); report 3 three system
 *   control bits + 5 padding; feature 5: 7 x 8 bits, -127..127; report
 *   0xba (186) in and out: 31 x 8 bits, 0..255.
 * - A hand-written descriptor with Push/Pop, Unit (0x11: SI Linear,
 *   length exponent 1 = cm), Unit Exponent (0x0e: 4-bit -2), a 4-byte
 *   Usage (page 1 usage 0x30), Delimiters, a long item (fe 02 10: 2 data
 *   bytes, tag 0x10), Logical Maximum 0xff read as 255 after a minimum of
 *   0 (as the kernel reads it) and Feature 0x83 (Cnst, Var, Volatile).
 * - Malformed input: every truncation of the Rapoo descriptor (mid-item:
 *   "item truncated" at the item's start; at an item boundary inside a
 *   collection: "not closed" at the end; between top-level collections:
 *   valid), a long item
 *   running past the end, Pop without Push, End Collection without
 *   Collection, an unclosed Collection, absurd Report Size/Count, Report
 *   ID 0, Push too deep: the error offset is where the bad item starts
 *   (or the end, for unclosed collections), and decoding goes on after
 *   recoverable errors.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "macros.h"
#include "rdesc.h"
#include "test-common.h"

#define RAPOO_DIR REPLAY_DIR "/rapoo-m50-plus-silent"

/* rdesc_print() output as a string (malloc'ed) and its return value */
static char *
print_to_string(const uint8_t *data, size_t len, unsigned flags, int *ret)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	*ret = -ENOMEM;
	if (!f)
		return NULL;
	*ret = rdesc_print(f, data, len, " * ", flags);
	fclose(f);
	return buf;
}

/* one hand-checked item line: offset, raw bytes, depth, text */
struct expected_line {
	size_t offset;
	const char *hex;
	unsigned depth;
	const char *text;
};

/* the lines in the documented layout, with rdesc_print()'s prefix " * " */
static void
expected_text(const struct expected_line *lines, size_t n, char *out, size_t outlen)
{
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char line[256];

		snprintf(line, sizeof(line), " * %4zu: %-16s%*s%s\n", lines[i].offset, lines[i].hex,
			 (int)lines[i].depth * 2, "", lines[i].text);
		strncat(out, line, outlen - strlen(out) - 1);
	}
}

static void
test_rapoo_items(void)
{
	static const struct expected_line expect[] = {
		{ 0, "05 01 ", 0, "Usage Page (Generic Desktop Controls)" },
		{ 2, "09 02 ", 0, "Usage (Mouse)" },
		{ 4, "a1 01 ", 0, "Collection (Application)" },
		{ 6, "85 01 ", 1, "Report ID (1)" },
		{ 8, "09 01 ", 1, "Usage (Pointer)" },
		{ 10, "a1 00 ", 1, "Collection (Physical)" },
		{ 12, "05 09 ", 2, "Usage Page (Buttons)" },
		{ 14, "19 01 ", 2, "Usage Minimum (1)" },
		{ 16, "29 03 ", 2, "Usage Maximum (3)" },
		{ 18, "15 00 ", 2, "Logical Minimum (0)" },
		{ 20, "25 01 ", 2, "Logical Maximum (1)" },
		{ 22, "75 01 ", 2, "Report Size (1)" },
		{ 24, "95 05 ", 2, "Report Count (5)" },
		{ 26, "81 02 ", 2, "Input (Data,Var,Abs)" },
		{ 28, "75 03 ", 2, "Report Size (3)" },
		{ 30, "95 01 ", 2, "Report Count (1)" },
		{ 32, "81 01 ", 2, "Input (Cnst,Arr,Abs)" },
		{ 34, "05 01 ", 2, "Usage Page (Generic Desktop Controls)" },
		{ 36, "09 30 ", 2, "Usage (Direction-X)" },
		{ 38, "09 31 ", 2, "Usage (Direction-Y)" },
		{ 40, "16 01 80 ", 2, "Logical Minimum (-32767)" },
		{ 43, "26 ff 7f ", 2, "Logical Maximum (32767)" },
	};
	_cleanup_free_ uint8_t *data = NULL;
	_cleanup_free_ char *out = NULL;
	char want[4096];
	size_t len;
	char err[256];
	int r;

	REQUIRE(hid_hex_parse_file(RAPOO_DIR "/original.rdesc.hex", &data, &len, err,
				   sizeof(err)) == 0);
	CHECK_INT_EQ(len, 186);
	expected_text(expect, ARRAY_SIZE(expect), want, sizeof(want));
	out = print_to_string(data, len, 0, &r);
	REQUIRE(out);
	CHECK_INT_EQ(r, 0);
	if (strncmp(out, want, strlen(want))) {
		fprintf(stderr, "expected:\n%s\ngot:\n%.*s\n", want, (int)strlen(want), out);
		CHECK(!"rapoo items differ");
	}
}

static void
test_rapoo_summary(void)
{
	static const char want[] =
		" * Report summary (6 reports):\n"
		" *   Input report 1: 48 bits, 6 bytes + report ID = 7 bytes\n"
		" *     bit    0: 5 x 1 bit, logical 0..1, Data,Var,Abs: Buttons: Button 1 "
		"(Primary)..Button 3 (Tertiary)\n"
		" *     bit    5: 1 x 3 bit, logical 0..1, Cnst,Arr,Abs: (padding)\n"
		" *     bit    8: 2 x 16 bit, logical -32767..32767, Data,Var,Rel: Generic Desktop "
		"Controls: Direction-X, Direction-Y\n"
		" *     bit   40: 1 x 8 bit, logical -127..127, Data,Var,Rel: Generic Desktop "
		"Controls: Wheel\n"
		" *   Input report 2: 16 bits, 2 bytes + report ID = 3 bytes\n"
		" *     bit    0: 1 x 16 bit, logical 1..652, Data,Arr,Abs: Consumer: Consumer "
		"Control..0x028c\n"
		" *   Input report 3: 8 bits, 1 bytes + report ID = 2 bytes\n"
		" *     bit    0: 3 x 1 bit, logical 0..1, Data,Var,Abs: Generic Desktop Controls: "
		"System Sleep, System Power Down, System Wake Up; Pointer..0x0003\n"
		" *     bit    3: 5 x 1 bit, logical 0..1, Cnst,Arr,Abs: (padding)\n"
		" *   Feature report 5: 56 bits, 7 bytes + report ID = 8 bytes\n"
		" *     bit    0: 7 x 8 bit, logical -127..127, Data,Var,Abs: Vendor Defined Page "
		"0xff00: 0x0001\n"
		" *   Input report 186: 248 bits, 31 bytes + report ID = 32 bytes\n"
		" *     bit    0: 31 x 8 bit, logical 0..255, Data,Var,Abs: Vendor Defined Page "
		"0xff00: 0x0001\n"
		" *   Output report 186: 248 bits, 31 bytes + report ID = 32 bytes\n"
		" *     bit    0: 31 x 8 bit, logical 0..255, Data,Var,Abs: Vendor Defined Page "
		"0xff00: 0x0001\n";
	_cleanup_free_ uint8_t *data = NULL;
	_cleanup_free_ char *out = NULL;
	const char *summary;
	size_t len;
	char err[256];
	int r;

	REQUIRE(hid_hex_parse_file(RAPOO_DIR "/original.rdesc.hex", &data, &len, err,
				   sizeof(err)) == 0);
	out = print_to_string(data, len, RDESC_PRINT_SUMMARY, &r);
	REQUIRE(out);
	CHECK_INT_EQ(r, 0);
	summary = strstr(out, " * Report summary");
	REQUIRE(summary);
	CHECK_STR_EQ(summary, want);
}

static void
test_synthetic_items(void)
{
	static const uint8_t d[] = {
		0x05, 0x0d, 0x09, 0x04, 0xa1, 0x01, 0xa4, 0x65, 0x11, 0x55, 0x0e,
		0x35, 0x00, 0x46, 0xff, 0x0f, 0xb4, 0x0b, 0x30, 0x00, 0x01, 0x00,
		0xa9, 0x01, 0x09, 0x42, 0xa9, 0x00, 0x15, 0x00, 0x25, 0xff, 0x75,
		0x01, 0x95, 0x02, 0xfe, 0x02, 0x10, 0xaa, 0xbb, 0xb1, 0x83, 0xc0,
	};
	static const struct expected_line expect[] = {
		{ 0, "05 0d ", 0, "Usage Page (Digitizer)" },
		{ 2, "09 04 ", 0, "Usage (Touch Screen)" },
		{ 4, "a1 01 ", 0, "Collection (Application)" },
		{ 6, "a4 ", 1, "Push" },
		{ 7, "65 11 ", 1, "Unit (SI Linear: cm)" },
		{ 9, "55 0e ", 1, "Unit Exponent (-2)" },
		{ 11, "35 00 ", 1, "Physical Minimum (0)" },
		{ 13, "46 ff 0f ", 1, "Physical Maximum (4095)" },
		{ 16, "b4 ", 1, "Pop" },
		{ 17, "0b 30 00 01 00 ", 1, "Usage (Generic Desktop Controls: Direction-X)" },
		{ 22, "a9 01 ", 1, "Delimiter (Open)" },
		{ 24, "09 42 ", 1, "Usage (Tip Switch)" },
		{ 26, "a9 00 ", 1, "Delimiter (Close)" },
		{ 28, "15 00 ", 1, "Logical Minimum (0)" },
		{ 30, "25 ff ", 1, "Logical Maximum (255)" },
		{ 32, "75 01 ", 1, "Report Size (1)" },
		{ 34, "95 02 ", 1, "Report Count (2)" },
		{ 36, "fe 02 10 aa bb ", 1, "Long Item (tag 0x10, 2 bytes)" },
		{ 41, "b1 83 ", 1, "Feature (Cnst,Var,Abs,Vol)" },
		{ 43, "c0 ", 0, "End Collection" },
	};
	_cleanup_free_ char *out = NULL;
	char want[4096];
	int r;

	expected_text(expect, ARRAY_SIZE(expect), want, sizeof(want));
	out = print_to_string(d, sizeof(d), 0, &r);
	REQUIRE(out);
	CHECK_INT_EQ(r, 0);
	CHECK_STR_EQ(out, want);
}

/* the first error of data[0..len): its return, offset and reason */
static int
first_error(const uint8_t *data, size_t len, size_t *offset, const char **reason, size_t *items)
{
	static struct rdesc_iter it;
	struct rdesc_item item;
	int r;

	rdesc_iter_init(&it, data, len, NULL);
	*items = 0;
	while ((r = rdesc_iter_next(&it, &item)) > 0)
		(*items)++;
	*offset = it.error_offset;
	*reason = it.error;
	if (r < 0)
		return r;
	return it.failed ? -EINVAL : 0;
}

static void
test_truncated_everywhere(void)
{
	_cleanup_free_ uint8_t *data = NULL;
	bool starts[187] = { false };
	unsigned open_at[187] = { 0 }; /* collections open before the item at this offset */
	size_t len, off, items;
	const char *reason;
	struct rdesc_iter it;
	struct rdesc_item item;
	char err[256];

	REQUIRE(hid_hex_parse_file(RAPOO_DIR "/original.rdesc.hex", &data, &len, err,
				   sizeof(err)) == 0);
	REQUIRE(len == 186);
	rdesc_iter_init(&it, data, len, NULL);
	while (rdesc_iter_next(&it, &item) > 0) {
		starts[item.offset] = true;
		/* End Collection's depth is the one after closing */
		open_at[item.offset] = item.raw[0] == 0xc0 ? item.depth + 1 : item.depth;
	}
	starts[len] = true;
	for (size_t cut = 1; cut < len; cut++) {
		/* a copy of exactly cut bytes: ASan catches a read past it */
		_cleanup_free_ uint8_t *part = malloc(cut);
		_cleanup_free_ char *out = NULL;
		int r, pr = 0;

		REQUIRE(part);
		memcpy(part, data, cut);
		r = first_error(part, cut, &off, &reason, &items);
		if (starts[cut] && !open_at[cut]) {
			/* between two top-level collections: a valid descriptor */
			CHECK_INT_EQ(r, 0);
			continue;
		}
		CHECK_INT_EQ(r, -EINVAL); /* mid-item, or a Collection left open */
		if (starts[cut]) {
			CHECK_INT_EQ(off, cut);
			CHECK(strstr(reason, "not closed"));
		} else {
			size_t item_start = cut;

			while (!starts[item_start])
				item_start--;
			CHECK_INT_EQ(off, item_start);
			CHECK(strstr(reason, "item truncated"));
		}
		out = print_to_string(part, cut, RDESC_PRINT_SUMMARY, &pr);
		CHECK_INT_EQ(pr, -EINVAL);
		CHECK(out && strstr(out, "error at offset"));
	}
}

static void
test_malformed_cases(void)
{
	static const struct {
		const char *name;
		uint8_t d[40];
		size_t len;
		size_t offset;
		const char *reason;
		size_t items; /* decoded before the walk stopped */
	} cases[] = {
		{ "long item overruns",
		  { 0xfe, 0x05, 0x10, 0x01, 0x02 },
		  5,
		  0,
		  "long item runs past the end",
		  0 },
		{ "long item header cut",
		  { 0x05, 0x01, 0xfe, 0x01 },
		  4,
		  2,
		  "long item header truncated",
		  1 },
		{ "4-byte item cut", { 0x05, 0x01, 0x27, 0xff, 0xff }, 5, 2, "item truncated", 1 },
		{ "Pop without Push",
		  { 0x05, 0x01, 0xb4, 0x09, 0x02 },
		  5,
		  2,
		  "Pop without Push",
		  3 },
		{ "End Collection without Collection",
		  { 0x09, 0x01, 0xc0, 0x09, 0x02 },
		  5,
		  2,
		  "End Collection without Collection",
		  3 },
		{ "Collection not closed",
		  { 0xa1, 0x01, 0xa1, 0x00, 0xc0 },
		  5,
		  5,
		  "1 Collection(s) not closed at the end",
		  3 },
		{ "Report Size 300",
		  { 0x76, 0x2c, 0x01, 0x95, 0x01, 0x81, 0x02 },
		  7,
		  0,
		  "Report Size above 256 bits",
		  3 },
		{ "Report Count 20000",
		  { 0x75, 0x08, 0x96, 0x20, 0x4e, 0x81, 0x02 },
		  7,
		  2,
		  "Report Count above 12288",
		  3 },
		{ "Report ID 0", { 0x85, 0x00 }, 2, 0, "Report ID 0", 1 },
		{ "unknown global tag", { 0xc4 }, 1, 0, "unknown global item tag", 1 },
		{ "Delimiter not closed",
		  { 0xa9, 0x01, 0x09, 0x01 },
		  4,
		  4,
		  "Delimiter not closed at the end",
		  2 },
		{ "Push 17 deep",
		  { 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4, 0xa4,
		    0xa4, 0xa4, 0xa4, 0xa4 },
		  17,
		  16,
		  "Push nested too deep",
		  17 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		_cleanup_free_ uint8_t *copy = malloc(cases[i].len);
		size_t off, items;
		const char *reason;
		int r;

		REQUIRE(copy);
		memcpy(copy, cases[i].d, cases[i].len);
		r = first_error(copy, cases[i].len, &off, &reason, &items);
		if (r != -EINVAL || off != cases[i].offset ||
		    strncmp(reason, cases[i].reason, strlen(cases[i].reason)) ||
		    items != cases[i].items) {
			fprintf(stderr, "%s: r=%d offset=%zu items=%zu reason=%s\n", cases[i].name,
				r, off, items, reason);
			CHECK(!"malformed case");
		}
	}
}

static void
test_trailing_zero_is_fine(void)
{
	/* the Apple keyboard's descriptor ends in 00: the kernel only warns */
	static const uint8_t d[] = { 0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0xc0, 0x00 };
	size_t off, items;
	const char *reason;

	CHECK_INT_EQ(first_error(d, sizeof(d), &off, &reason, &items), 0);
	CHECK_INT_EQ(items, 5);
}

static void
test_names(void)
{
	struct rdesc_item item = { .type = RDESC_TYPE_GLOBAL, .tag = 0, .data_len = 2 };
	uint8_t raw[] = { 0x06, 0x00, 0xff };
	char buf[128];

	item.raw = raw;
	item.len = 3;
	item.value = 0xff42;
	CHECK_STR_EQ(rdesc_item_describe(&item, buf, sizeof(buf)),
		     "Usage Page (Vendor Defined Page 0xff42)");
	item.type = RDESC_TYPE_LOCAL;
	item.page = 0x09;
	item.value = 17;
	CHECK_STR_EQ(rdesc_item_describe(&item, buf, sizeof(buf)), "Usage (Button 17)");
	item.page = 0x0a;
	item.value = 3;
	CHECK_STR_EQ(rdesc_item_describe(&item, buf, sizeof(buf)), "Usage (Instance 3)");
	item.page = 0x10;
	item.value = 0x41;
	CHECK_STR_EQ(rdesc_item_describe(&item, buf, sizeof(buf)), "Usage (U+0041)");
	item.page = 0xff00;
	item.value = 1;
	CHECK_STR_EQ(rdesc_item_describe(&item, buf, sizeof(buf)), "Usage (0x0001)");
}

static void
test_diff_rapoo(void)
{
	_cleanup_free_ uint8_t *a = NULL, *b = NULL;
	char *out = NULL, err[256];
	size_t alen, blen, size = 0, changed = 0;
	FILE *f;
	int r;

	REQUIRE(hid_hex_parse_file(RAPOO_DIR "/original.rdesc.hex", &a, &alen, err, sizeof(err)) ==
		0);
	REQUIRE(hid_hex_parse_file(RAPOO_DIR "/fixed.rdesc.hex", &b, &blen, err, sizeof(err)) == 0);
	f = open_memstream(&out, &size);
	REQUIRE(f);
	r = rdesc_diff_print(f, a, alen, b, blen, "", &changed);
	fclose(f);
	CHECK_INT_EQ(r, 0);
	CHECK_INT_EQ(changed, 2);
	CHECK(out && strstr(out, "\n-   16: 29 03               Usage Maximum (3)\n"
				 "+   16: 29 05               Usage Maximum (5)\n"));
	free(out);
}

int
main(void)
{
	static const struct test_case tests[] = {
		TEST(test_rapoo_items),	    TEST(test_rapoo_summary),
		TEST(test_synthetic_items), TEST(test_truncated_everywhere),
		TEST(test_malformed_cases), TEST(test_trailing_zero_is_fine),
		TEST(test_names),	    TEST(test_diff_rapoo),
	};

	return test_run_all(tests, ARRAY_SIZE(tests));
}
