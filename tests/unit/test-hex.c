// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests for lib/hex.c. DATA_DIR is set by meson. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "macros.h"
#include "test-common.h"

static void
test_byte_parse(void)
{
	uint8_t b = 0;

	CHECK_INT_EQ(hex_byte_parse("a5", 2, &b), 0);
	CHECK_INT_EQ(b, 0xa5);
	CHECK_INT_EQ(hex_byte_parse("0F", 2, &b), 0);
	CHECK_INT_EQ(b, 0x0f);
	CHECK_INT_EQ(hex_byte_parse("f", 1, &b), -EINVAL);
	CHECK_INT_EQ(hex_byte_parse("fff", 3, &b), -EINVAL);
	CHECK_INT_EQ(hex_byte_parse("g0", 2, &b), -EINVAL);
	CHECK_INT_EQ(hex_byte_parse("+1", 2, &b), -EINVAL);
}

static void
test_parse_bytes(void)
{
	uint8_t out[4];
	const char *bad = NULL;
	size_t n = 0, badlen = 0;

	CHECK_INT_EQ(hex_parse_bytes("  01\t02 ff  ", 12, out, 4, &n, NULL, NULL), 0);
	CHECK_INT_EQ(n, 3);
	CHECK_INT_EQ(out[2], 0xff);
	CHECK_INT_EQ(hex_parse_bytes("01 02 03 04 05", 14, out, 4, &n, NULL, NULL), -E2BIG);
	CHECK_INT_EQ(hex_parse_bytes("01 xy 03", 8, out, 4, &n, &bad, &badlen), -EINVAL);
	CHECK_INT_EQ(badlen, 2);
	CHECK(bad && strncmp(bad, "xy", 2) == 0);
	CHECK_INT_EQ(hex_parse_bytes("", 0, out, 4, &n, NULL, NULL), 0);
	CHECK_INT_EQ(n, 0);
}

static void
test_real_file(void)
{
	_cleanup_free_ uint8_t *data = NULL;
	char path[4096], err[512];
	size_t len = 0;
	int r;

	snprintf(path, sizeof(path), "%s/genius-gila-0458-0138-if1.hex", DATA_DIR);
	r = hid_hex_parse_file(path, &data, &len, err, sizeof(err));
	if (r < 0)
		fprintf(stderr, "%s\n", err);
	REQUIRE(r == 0);
	/* "size: 65", first line 05 01 09 06 a1 01 ..., last line c0. */
	CHECK_INT_EQ(len, 65);
	CHECK_INT_EQ(data[0], 0x05);
	CHECK_INT_EQ(data[4], 0xa1);
	CHECK_INT_EQ(data[16], 0x75);
	CHECK_INT_EQ(data[64], 0xc0);
}

static void
test_buffer_variants(void)
{
	static const char text[] = "# c1\r\n# c2\n\n  05 01\t09\r\n# inner comment\nC0";
	_cleanup_free_ uint8_t *data = NULL;
	char err[256];
	size_t len = 0;

	REQUIRE(hid_hex_parse_buffer(text, strlen(text), "t", &data, &len, err, sizeof(err)) == 0);
	CHECK_INT_EQ(len, 4);
	CHECK_INT_EQ(data[2], 0x09);
	CHECK_INT_EQ(data[3], 0xc0);
}

static void
check_bad(const char *text, size_t len, const char *want)
{
	uint8_t *data = NULL;
	char err[256] = "";
	size_t n = 0;
	int r;

	r = hid_hex_parse_buffer(text, len, "t", &data, &n, err, sizeof(err));
	CHECK(r < 0);
	CHECK(data == NULL);
	if (strncmp(err, want, strlen(want)) != 0) {
		fprintf(stderr, "wanted '%s', got '%s'\n", want, err);
		test_check_failures++;
	}
	free(data);
}

static void
test_malformed(void)
{
	static const char nul[] = "05\n0\0 01\n";
	_cleanup_free_ char *big = NULL;
	size_t biglen = (HID_MAX_DESCRIPTOR_SIZE + 1) * 3;

	check_bad("# x\n05 0g\n", 10, "t:2: invalid hex byte '0g'");
	check_bad("# only comments\n\n", 17, "t: no hex bytes found");
	check_bad("", 0, "t: no hex bytes found");
	check_bad("05 010\n", 7, "t:1: invalid hex byte '010'");
	check_bad(nul, sizeof(nul) - 1, "t:2: NUL byte in line");

	big = malloc(biglen);
	REQUIRE(big);
	for (size_t i = 0; i < biglen; i += 3)
		memcpy(big + i, "c0 ", 3);
	check_bad(big, biglen, "t:1: descriptor longer than 4096 bytes");
	/* Exactly 4096 bytes are fine. */
	{
		_cleanup_free_ uint8_t *data = NULL;
		size_t n = 0;

		CHECK_INT_EQ(hid_hex_parse_buffer(big, biglen - 3, "t", &data, &n, NULL, 0), 0);
		CHECK_INT_EQ(n, HID_MAX_DESCRIPTOR_SIZE);
	}
}

static void
test_write(void)
{
	static const uint8_t bytes[] = { 0x05, 0x01, 0xAB, 0xc0, 0x00 };
	_cleanup_free_ char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	REQUIRE(f);
	CHECK_INT_EQ(hex_write(f, bytes, 5, 2), 0);
	CHECK_INT_EQ(hex_write(f, bytes, 3, 0), 0);
	fclose(f);
	CHECK_STR_EQ(buf, "05 01\nab c0\n00\n05 01 ab\n");
}

static void
test_missing_file(void)
{
	uint8_t *data = NULL;
	char err[256];
	size_t len;

	CHECK_INT_EQ(hid_hex_parse_file("/nonexistent.hex", &data, &len, err, sizeof(err)),
		     -ENOENT);
	CHECK(strncmp(err, "/nonexistent.hex: ", 18) == 0);
}

int
main(void)
{
	static const struct test_case tests[] = {
		TEST(test_byte_parse),	    TEST(test_parse_bytes), TEST(test_real_file),
		TEST(test_buffer_variants), TEST(test_malformed),   TEST(test_write),
		TEST(test_missing_file),
	};

	return test_run_all(tests, ARRAY_SIZE(tests));
}
