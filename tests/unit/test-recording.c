// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for lib/recording.c: real hid-recorder files, round trips,
 * tolerated variants and every rejected case with its line number.
 * RECORDINGS_DIR and DATA_DIR are set by meson.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "recording.h"
#include "test-common.h"

static const char *
path_of(const char *dir, const char *file)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/%s", dir, file);
	return buf;
}

static bool
devices_equal(const struct hid_recording_device *a, const struct hid_recording_device *b)
{
	if (a->index != b->index || a->has_ids != b->has_ids || a->bus != b->bus ||
	    a->vid != b->vid || a->pid != b->pid || a->rdesc_len != b->rdesc_len ||
	    a->n_events != b->n_events)
		return false;
	if (!a->name != !b->name || (a->name && strcmp(a->name, b->name) != 0))
		return false;
	if (!a->phys != !b->phys || (a->phys && strcmp(a->phys, b->phys) != 0))
		return false;
	if (memcmp(a->rdesc, b->rdesc, a->rdesc_len) != 0)
		return false;
	for (size_t i = 0; i < a->n_events; i++) {
		const struct hid_recording_event *x = &a->events[i], *y = &b->events[i];

		if (x->usec != y->usec || x->before_fixup != y->before_fixup || x->len != y->len ||
		    memcmp(x->data, y->data, x->len) != 0)
			return false;
	}
	return true;
}

static bool
recordings_equal(const struct hid_recording *a, const struct hid_recording *b)
{
	if (a->n_devices != b->n_devices)
		return false;
	for (size_t i = 0; i < a->n_devices; i++)
		if (!devices_equal(&a->devices[i], &b->devices[i]))
			return false;
	return true;
}

/* Write rec to a malloc'ed string. */
static char *
write_to_string(const struct hid_recording *rec, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	int r;

	if (!f)
		return NULL;
	r = hid_recording_write(f, rec);
	fclose(f);
	if (r < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* parse -> write -> parse gives an equal recording. */
static void
check_round_trip(const struct hid_recording *rec)
{
	_cleanup_(hid_recording_freep) struct hid_recording *again = NULL;
	_cleanup_free_ char *text = NULL;
	char err[512];
	size_t len = 0;

	text = write_to_string(rec, &len);
	REQUIRE(text);
	again = hid_recording_parse_buffer(text, len, "round-trip", err, sizeof(err));
	if (!again)
		fprintf(stderr, "round trip parse failed: %s\n", err);
	REQUIRE(again);
	CHECK(recordings_equal(rec, again));
}

static void
test_real_gila_keyboard(void)
{
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_free_ uint8_t *hex = NULL;
	const struct hid_recording_device *dev;
	static const uint8_t head[] = { 0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x05, 0x07 };
	size_t hexlen = 0;
	char err[512];
	int r;

	rec = hid_recording_parse_file(path_of(RECORDINGS_DIR, "kye_0458_0138_1.hid"), err,
				       sizeof(err));
	if (!rec)
		fprintf(stderr, "%s\n", err);
	REQUIRE(rec);
	CHECK_INT_EQ(rec->n_devices, 1);
	dev = &rec->devices[0];
	CHECK_INT_EQ(dev->index, 0);
	CHECK_INT_EQ(dev->rdesc_len, 65);
	CHECK(memcmp(dev->rdesc, head, sizeof(head)) == 0);
	CHECK_INT_EQ(dev->rdesc[64], 0xc0);
	CHECK_STR_EQ(dev->name, "Genius Gila Gaming Mouse");
	CHECK_STR_EQ(dev->phys, "usb-0000:04:00.0-1/input1");
	CHECK(dev->has_ids);
	CHECK_INT_EQ(dev->bus, 3);
	CHECK_INT_EQ(dev->vid, 0x0458);
	CHECK_INT_EQ(dev->pid, 0x0138);
	REQUIRE(dev->n_events == 18);
	/* E: 0.000000 8 00 00 22 00 00 00 00 00 */
	CHECK_INT_EQ(dev->events[0].usec, 0);
	CHECK_INT_EQ(dev->events[0].len, 8);
	CHECK_INT_EQ(dev->events[0].data[2], 0x22);
	CHECK(!dev->events[0].before_fixup);
	/* E: 0.002039 8 00 ... */
	CHECK_INT_EQ(dev->events[1].usec, 2039);
	/* E: 0.493993 8 00 00 1d ... */
	CHECK_INT_EQ(dev->events[12].usec, 493993);
	CHECK_INT_EQ(dev->events[12].data[2], 0x1d);
	/* E: 3.447945 */
	CHECK_INT_EQ(dev->events[17].usec, 3447945);

	/* The same descriptor, dumped independently into shared/devices/rdesc. */
	r = hid_hex_parse_file(path_of(DATA_DIR, "genius-gila-0458-0138-if1.hex"), &hex, &hexlen,
			       err, sizeof(err));
	if (r < 0)
		fprintf(stderr, "%s\n", err);
	REQUIRE(r == 0);
	CHECK_INT_EQ(hexlen, dev->rdesc_len);
	CHECK(hexlen == dev->rdesc_len && memcmp(hex, dev->rdesc, hexlen) == 0);

	check_round_trip(rec);
}

static void
test_real_gila_keyboard_writes_identical_text(void)
{
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_free_ char *orig = NULL, *text = NULL;
	const char *path = path_of(RECORDINGS_DIR, "kye_0458_0138_1.hid");
	size_t origlen = 0, len = 0;
	char err[512];

	/* This file has no comments: the writer reproduces it byte for byte. */
	REQUIRE(hid_file_read_all(path, 1 << 20, &orig, &origlen) == 0);
	rec = hid_recording_parse_buffer(orig, origlen, "gila", err, sizeof(err));
	REQUIRE(rec);
	text = write_to_string(rec, &len);
	REQUIRE(text);
	CHECK_INT_EQ(len, origlen);
	CHECK(len == origlen && memcmp(text, orig, len) == 0);
}

static void
test_real_gila_vendor(void)
{
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	const struct hid_recording_device *dev;
	char err[512];

	rec = hid_recording_parse_file(path_of(RECORDINGS_DIR, "kye_0458_0138_2.hid"), err,
				       sizeof(err));
	REQUIRE(rec);
	REQUIRE(rec->n_devices == 1);
	dev = &rec->devices[0];
	CHECK_INT_EQ(dev->rdesc_len, 26);
	CHECK_INT_EQ(dev->rdesc[0], 0x06);
	CHECK_INT_EQ(dev->rdesc[1], 0x00);
	CHECK_INT_EQ(dev->rdesc[2], 0xff);
	CHECK_INT_EQ(dev->rdesc[25], 0xc0);
	REQUIRE(dev->n_events == 2);
	CHECK_INT_EQ(dev->events[0].data[0], 0x07);
	CHECK_INT_EQ(dev->events[0].data[3], 0xf0);
	CHECK_INT_EQ(dev->events[1].usec, 1968);
	check_round_trip(rec);
}

static void
test_real_gila_mouse(void)
{
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	const struct hid_recording_device *dev;
	char err[512];

	rec = hid_recording_parse_file(path_of(RECORDINGS_DIR, "kye_0458_0138_0.hid"), err,
				       sizeof(err));
	REQUIRE(rec);
	REQUIRE(rec->n_devices == 1);
	dev = &rec->devices[0];
	CHECK_INT_EQ(dev->rdesc_len, 181);
	/* Offset 104: the consumer usage maximum 0x7fff that hid-kye caps. */
	CHECK_INT_EQ(dev->rdesc[104], 0x05);
	CHECK_INT_EQ(dev->rdesc[105], 0x0c);
	CHECK_INT_EQ(dev->rdesc[114], 0x2a);
	CHECK_INT_EQ(dev->rdesc[116], 0x7f);
	CHECK_INT_EQ(dev->n_events, 738);
	CHECK_INT_EQ(dev->events[0].data[0], 0x01);
	CHECK_INT_EQ(dev->events[0].data[4], 0xff);
	check_round_trip(rec);
}

static void
test_real_apple_with_comments(void)
{
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_free_ uint8_t *hex = NULL;
	const struct hid_recording_device *dev;
	size_t hexlen = 0;
	char err[512];

	rec = hid_recording_parse_file(path_of(RECORDINGS_DIR, "apple_05ac_0256.hid"), err,
				       sizeof(err));
	if (!rec)
		fprintf(stderr, "%s\n", err);
	REQUIRE(rec);
	REQUIRE(rec->n_devices == 1);
	dev = &rec->devices[0];
	CHECK_INT_EQ(dev->rdesc_len, 225);
	CHECK_STR_EQ(dev->name, "Apple Wireless Keyboard");
	CHECK_STR_EQ(dev->phys, "00:19:0e:11:03:8f");
	CHECK_INT_EQ(dev->bus, 5);
	CHECK_INT_EQ(dev->vid, 0x05ac);
	CHECK_INT_EQ(dev->pid, 0x0256);
	/* 53 E: lines, with "# a" style comments between them. */
	REQUIRE(dev->n_events == 53);
	CHECK_INT_EQ(dev->events[1].usec, 17557);
	CHECK_INT_EQ(dev->events[52].usec, 5086179);
	CHECK_INT_EQ(dev->events[0].len, 9);
	CHECK_INT_EQ(dev->events[0].data[3], 0x28);

	REQUIRE(hid_hex_parse_file(path_of(DATA_DIR, "apple-wireless-kbd-05ac-0256-rec.hex"), &hex,
				   &hexlen, err, sizeof(err)) == 0);
	CHECK(hexlen == dev->rdesc_len && memcmp(hex, dev->rdesc, hexlen) == 0);
	check_round_trip(rec);
}

/*
 * The other real recordings the repo carries (copied from the devices
 * collection): the PS3 controller and the three GX Imperator interfaces.
 * Sizes, counts and last timestamps were read off the files with grep/awk.
 */
static void
test_real_ps3_and_imperator(void)
{
	static const struct {
		const char *file, *name;
		uint32_t pid;
		size_t rdesc_len, n_events, last_len;
		uint64_t last_usec;
	} cases[] = {
		{ "sony_054c_0268.hid", "Sony PLAYSTATION(R)3 Controller", 0x0268, 148, 299, 49,
		  2966030 },
		{ "kye_0458_4018_0.hid", "Imperator", 0x4018, 62, 43, 8, 71969819 },
		{ "kye_0458_4018_1.hid", "Imperator", 0x4018, 131, 20, 3, 6676992 },
		{ "kye_0458_4018_2.hid", "Imperator", 0x4018, 34, 231, 64, 90157606 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
		const struct hid_recording_device *dev;
		char err[512];

		rec = hid_recording_parse_file(path_of(RECORDINGS_DIR, cases[i].file), err,
					       sizeof(err));
		if (!rec)
			fprintf(stderr, "%s\n", err);
		REQUIRE(rec);
		REQUIRE(rec->n_devices == 1);
		dev = &rec->devices[0];
		CHECK_STR_EQ(dev->name, cases[i].name);
		CHECK_INT_EQ(dev->bus, 3);
		CHECK_INT_EQ(dev->pid, cases[i].pid);
		CHECK_INT_EQ(dev->rdesc_len, cases[i].rdesc_len);
		REQUIRE(dev->n_events == cases[i].n_events);
		CHECK_INT_EQ(dev->events[dev->n_events - 1].usec, cases[i].last_usec);
		CHECK_INT_EQ(dev->events[dev->n_events - 1].len, cases[i].last_len);
		check_round_trip(rec);
	}
}

static struct hid_recording *
parse_str(const char *s, char *err, size_t errlen)
{
	return hid_recording_parse_buffer(s, strlen(s), "test", err, errlen);
}

static void
test_tolerated_variants(void)
{
	/* CRLF, padding, upper case hex, N: before R:, no P:, no final newline. */
	static const char text[] = "# hid-recorder variant\r\n"
				   "\r\n"
				   "N:   Some Mouse  \r\n"
				   "  R: 4 05 01 0A Ff   \r\n"
				   "I: 3 046D c077\r\n"
				   "E: 0.000001 2 AA bb\r\n"
				   "B: 1.5 1 01\r\n"
				   "\tE: 2 1 02";
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	const struct hid_recording_device *dev;
	char err[512];

	rec = parse_str(text, err, sizeof(err));
	if (!rec)
		fprintf(stderr, "%s\n", err);
	REQUIRE(rec);
	REQUIRE(rec->n_devices == 1);
	dev = &rec->devices[0];
	CHECK_STR_EQ(dev->name, "Some Mouse");
	CHECK(dev->phys == NULL);
	CHECK_INT_EQ(dev->rdesc_len, 4);
	CHECK_INT_EQ(dev->rdesc[2], 0x0a);
	CHECK_INT_EQ(dev->rdesc[3], 0xff);
	CHECK_INT_EQ(dev->vid, 0x046d);
	CHECK_INT_EQ(dev->pid, 0xc077);
	REQUIRE(dev->n_events == 3);
	CHECK_INT_EQ(dev->events[0].usec, 1);
	CHECK_INT_EQ(dev->events[0].data[0], 0xaa);
	CHECK(!dev->events[0].before_fixup);
	CHECK(dev->events[1].before_fixup);
	CHECK_INT_EQ(dev->events[1].usec, 1500000);
	CHECK_INT_EQ(dev->events[2].usec, 2000000);
	CHECK(!dev->events[2].before_fixup);
	check_round_trip(rec);
}

static void
test_empty_phys_and_no_name(void)
{
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	char err[512];

	rec = parse_str("R: 1 c0\nP:\nI: 18 48d 8987\n", err, sizeof(err));
	REQUIRE(rec);
	CHECK(rec->devices[0].name == NULL);
	CHECK_STR_EQ(rec->devices[0].phys, "");
	CHECK_INT_EQ(rec->devices[0].bus, 0x18);
	CHECK_INT_EQ(rec->devices[0].n_events, 0);
	check_round_trip(rec);
}

static void
test_multi_device_with_d(void)
{
	static const char text[] = "D: 0\n"
				   "R: 1 c0\n"
				   "N: first\n"
				   "D: 1\n"
				   "R: 2 05 01\n"
				   "N: second\n"
				   "D: 0\n"
				   "E: 0.000000 1 01\n"
				   "D: 1\n"
				   "E: 0.000010 1 02\n"
				   "E: 0.000020 1 03\n"
				   "D: 0\n"
				   "E: 0.000030 1 04\n";
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_free_ char *out = NULL;
	size_t len = 0;
	char err[512];

	rec = parse_str(text, err, sizeof(err));
	if (!rec)
		fprintf(stderr, "%s\n", err);
	REQUIRE(rec);
	REQUIRE(rec->n_devices == 2);
	CHECK_INT_EQ(rec->devices[0].index, 0);
	CHECK_INT_EQ(rec->devices[1].index, 1);
	CHECK_STR_EQ(rec->devices[1].name, "second");
	CHECK_INT_EQ(rec->devices[0].n_events, 2);
	CHECK_INT_EQ(rec->devices[1].n_events, 2);
	CHECK_INT_EQ(rec->devices[0].events[1].data[0], 0x04);
	CHECK(hid_recording_get_device(rec, 1) == &rec->devices[1]);
	CHECK(hid_recording_get_device(rec, 2) == NULL);

	/* Interleaving by time is kept, so the output equals the input. */
	out = write_to_string(rec, &len);
	REQUIRE(out);
	CHECK_STR_EQ(out, text);
	check_round_trip(rec);
}

static void
test_multi_device_without_d(void)
{
	/* hid-tools style: a second header block starts the next device. */
	static const char text[] = "R: 1 c0\n"
				   "N: one\n"
				   "I: 3 1 2\n"
				   "E: 0.000000 1 01\n"
				   "R: 1 c0\n"
				   "N: two\n"
				   "E: 0.000001 1 02\n"
				   "N: three\n"
				   "R: 2 05 01\n";
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	char err[512];

	rec = parse_str(text, err, sizeof(err));
	if (!rec)
		fprintf(stderr, "%s\n", err);
	REQUIRE(rec);
	REQUIRE(rec->n_devices == 3);
	CHECK_STR_EQ(rec->devices[0].name, "one");
	CHECK_STR_EQ(rec->devices[1].name, "two");
	CHECK_STR_EQ(rec->devices[2].name, "three");
	CHECK_INT_EQ(rec->devices[2].index, 2);
	CHECK_INT_EQ(rec->devices[2].rdesc_len, 2);
	CHECK(!rec->devices[1].has_ids);
	CHECK_INT_EQ(rec->devices[0].n_events, 1);
	CHECK_INT_EQ(rec->devices[1].n_events, 1);
	check_round_trip(rec);
}

static void
test_limits_accepted(void)
{
	_cleanup_free_ char *text = NULL;
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	char err[512];
	size_t len = 0;
	FILE *f;

	/* The largest descriptor and the largest report are accepted. */
	f = open_memstream(&text, &len);
	REQUIRE(f);
	fprintf(f, "R: %d", HID_MAX_DESCRIPTOR_SIZE);
	for (int i = 0; i < HID_MAX_DESCRIPTOR_SIZE; i++)
		fputs(" c0", f);
	fprintf(f, "\nE: 0.000000 %d", HID_RECORDING_MAX_REPORT);
	for (int i = 0; i < HID_RECORDING_MAX_REPORT; i++)
		fputs(" 5a", f);
	fputs("\n", f);
	fclose(f);

	rec = hid_recording_parse_buffer(text, len, "limits", err, sizeof(err));
	if (!rec)
		fprintf(stderr, "%s\n", err);
	REQUIRE(rec);
	CHECK_INT_EQ(rec->devices[0].rdesc_len, HID_MAX_DESCRIPTOR_SIZE);
	CHECK_INT_EQ(rec->devices[0].events[0].len, HID_RECORDING_MAX_REPORT);
}

struct bad_case {
	const char *text;
	size_t len; /* 0: strlen */
	unsigned line;
	const char *message;
};

static void
check_bad(const char *text, size_t len, unsigned line, const char *message)
{
	struct hid_recording *rec;
	char err[512] = "";
	char prefix[32];

	errno = 0;
	rec = hid_recording_parse_buffer(text, len, "test", err, sizeof(err));
	CHECK(rec == NULL);
	if (rec) {
		fprintf(stderr, "accepted: '%.60s'\n", text);
		hid_recording_free(rec);
		return;
	}
	CHECK_INT_EQ(errno, EINVAL);
	if (line)
		snprintf(prefix, sizeof(prefix), "test:%u: ", line);
	else
		snprintf(prefix, sizeof(prefix), "test: ");
	if (strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err, message)) {
		fprintf(stderr, "wanted '%s...%s', got '%s'\n", prefix, message, err);
		test_check_failures++;
	}
}

static void
test_malformed(void)
{
	static const char nul[] = "R: 1 c0\nN: a\0b\n";
	static const struct bad_case cases[] = {
		{ "R: 2 05 01\nX: foo\n", 0, 2, "unknown line type 'X:'" },
		{ "R: 2 05 zz\n", 0, 1, "invalid hex byte 'zz'" },
		{ "R: 2 05 1\n", 0, 1, "invalid hex byte '1'" },
		{ "R: 2 05 0x01\n", 0, 1, "invalid hex byte '0x01'" },
		{ "R: 3 05 01\n", 0, 1, "declared length 3 but 2 bytes given" },
		{ "R: 1 05 01\n", 0, 1, "more bytes than the declared length 1" },
		{ "R: 0\n", 0, 1, "length is 0" },
		{ "R:\n", 0, 1, "missing length" },
		{ "R: -1 05\n", 0, 1, "invalid length '-1'" },
		{ "R: 4097 05\n", 0, 1, "length 4097 is larger than the maximum 4096" },
		{ "E: 0.000000 1 00\nR: 1 05\n", 0, 1, "E: line before the device's R: line" },
		{ "N: x\nB: 0.000000 1 00\nR: 1 05\n", 0, 2,
		  "B: line before the device's R: line" },
		{ "R: 1 c0\nE: 0.000000 4 00 01", 0, 2, "truncated file" },
		{ "R: 1 c0\nE: 0.000000 0\n", 0, 2, "E: length is 0" },
		{ "R: 1 c0\nE: 0.000000 16385 00\n", 0, 2, "larger than the maximum 16384" },
		{ "R: 1 c0\nE: x.1 1 00\n", 0, 2, "invalid timestamp 'x.1'" },
		{ "R: 1 c0\nE: 1.1234567 1 00\n", 0, 2, "invalid timestamp" },
		{ "R: 1 c0\nE: 1. 1 00\n", 0, 2, "invalid timestamp" },
		{ "R: 1 c0\nE:\n", 0, 2, "missing timestamp" },
		{ "R: 1 c0\nI: 3 zz 01\n", 0, 2, "invalid vendor 'zz'" },
		{ "R: 1 c0\nI: 3 0458\n", 0, 2, "missing product" },
		{ "R: 1 c0\nI: 10000 1 1\n", 0, 2, "invalid bus" },
		{ "R: 1 c0\nI: 3 1 1 1\n", 0, 2, "trailing data" },
		{ "D: 0\nR: 1 c0\nR: 1 c0\n", 0, 3, "duplicate R: line for device 0" },
		{ "D: 0\nR: 1 c0\nN: a\nN: b\n", 0, 4, "duplicate N: line for device 0" },
		{ "D: 256\n", 0, 1, "invalid device index '256'" },
		{ "D: x\n", 0, 1, "invalid device index" },
		{ "D: 1 2\n", 0, 1, "trailing data" },
		{ "D: 0\nR: 1 c0\nD: 1\nN: x\n", 0, 3, "device 1 has no R: line" },
		{ "N: only a name\n", 0, 1, "device 0 has no R: line" },
		{ "", 0, 0, "no device in recording" },
		{ "# only a comment\n", 0, 0, "no device in recording" },
		{ "R 1 c0\n", 0, 1, "cannot parse line" },
		{ "R: 1 c0\nhello\n", 0, 2, "cannot parse line" },
		{ "R: 1 c0\ne: 0.0 1 00\n", 0, 2, "unknown line type 'e:'" },
		{ nul, sizeof(nul) - 1, 2, "NUL byte in line" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		check_bad(cases[i].text, cases[i].len ? cases[i].len : strlen(cases[i].text),
			  cases[i].line, cases[i].message);
}

static void
test_overlong_line(void)
{
	size_t len = 8 + HID_RECORDING_MAX_LINE + 2;
	_cleanup_free_ char *text = malloc(len + 1);

	REQUIRE(text);
	memcpy(text, "R: 1 c0\n", 8);
	memset(text + 8, 'a', len - 8);
	text[8] = '#';
	text[len - 1] = '\n';
	text[len] = '\0';
	check_bad(text, len, 2, "line longer than 1048576 bytes");

	/* Exactly at the limit is fine (it is a comment). */
	text[8 + HID_RECORDING_MAX_LINE] = '\n';
	{
		_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
		char err[256];

		rec = hid_recording_parse_buffer(text, 8 + HID_RECORDING_MAX_LINE + 1, "t", err,
						 sizeof(err));
		CHECK(rec != NULL);
	}
}

static void
test_missing_file(void)
{
	char err[512];

	errno = 0;
	CHECK(hid_recording_parse_file("/nonexistent/x.hid", err, sizeof(err)) == NULL);
	CHECK_INT_EQ(errno, ENOENT);
	CHECK(strstr(err, "/nonexistent/x.hid: ") == err);
}

static void
test_write_rejects(void)
{
	struct hid_recording_device dev = { .name = (char *)"two\nlines" };
	struct hid_recording rec = { .devices = &dev, .n_devices = 1 };
	uint8_t c0 = 0xc0;
	FILE *f = fopen("/dev/null", "we");

	REQUIRE(f);
	/* No descriptor. */
	CHECK_INT_EQ(hid_recording_write(f, &rec), -EINVAL);
	dev.rdesc = &c0;
	dev.rdesc_len = 1;
	/* A name that would become two lines. */
	CHECK_INT_EQ(hid_recording_write(f, &rec), -EINVAL);
	dev.name = (char *)"fine";
	CHECK_INT_EQ(hid_recording_write(f, &rec), 0);
	fclose(f);
}

int
main(void)
{
	static const struct test_case tests[] = {
		TEST(test_real_gila_keyboard),
		TEST(test_real_gila_keyboard_writes_identical_text),
		TEST(test_real_gila_vendor),
		TEST(test_real_gila_mouse),
		TEST(test_real_apple_with_comments),
		TEST(test_tolerated_variants),
		TEST(test_empty_phys_and_no_name),
		TEST(test_multi_device_with_d),
		TEST(test_multi_device_without_d),
		TEST(test_real_ps3_and_imperator),
		TEST(test_limits_accepted),
		TEST(test_malformed),
		TEST(test_overlong_line),
		TEST(test_missing_file),
		TEST(test_write_rejects),
	};

	return test_run_all(tests, ARRAY_SIZE(tests));
}
