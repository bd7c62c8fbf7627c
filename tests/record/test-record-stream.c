// SPDX-License-Identifier: GPL-2.0-only
/*
 * The streaming writer hid-record uses (hid_recording_write_header and
 * hid_recording_write_event, D: lines when the device changes) produces
 * what the parser reads back: one device, and two devices with interleaved
 * reports; and the line formatter hid-record buffers its output with,
 * against lines written out by hand from the format (lib/recording.h:
 * "E: <sec>.<usec, 6 digits> <len> <lower-case hex bytes>").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recording.h"
#include "test-common.h"

static uint8_t rdesc_a[] = { 0x05, 0x01, 0x09, 0x02, 0xa1, 0x01, 0xc0 };
static uint8_t rdesc_b[] = { 0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0xc0 };

struct written {
	unsigned dev;
	uint64_t usec;
	uint8_t data[4];
	size_t len;
};

/* Write like hid-record does: headers, then events with D: on a change. */
static char *
stream(const struct hid_recording_device *devs, size_t n, const struct written *ev, size_t n_ev,
       size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	unsigned last = (unsigned)n - 1;

	if (!f)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (hid_recording_write_header(f, &devs[i], n > 1) < 0)
			goto fail;
	for (size_t i = 0; i < n_ev; i++) {
		struct hid_recording_event e = { .usec = ev[i].usec,
						 .len = ev[i].len,
						 .data = (uint8_t *)ev[i].data };

		if (n > 1 && ev[i].dev != last) {
			fprintf(f, "D: %u\n", ev[i].dev);
			last = ev[i].dev;
		}
		if (hid_recording_write_event(f, &e) < 0)
			goto fail;
	}
	if (fclose(f) != 0)
		return NULL;
	return buf;
fail:
	fclose(f);
	free(buf);
	return NULL;
}

static void
check_events(const struct hid_recording *rec, const struct written *ev, size_t n_ev)
{
	size_t pos[2] = { 0, 0 };

	for (size_t i = 0; i < n_ev; i++) {
		const struct hid_recording_device *d = hid_recording_get_device(rec, ev[i].dev);

		REQUIRE(d);
		REQUIRE(pos[ev[i].dev] < d->n_events);
		const struct hid_recording_event *e = &d->events[pos[ev[i].dev]++];

		CHECK_INT_EQ(e->usec, ev[i].usec);
		CHECK_INT_EQ(e->len, ev[i].len);
		CHECK(e->len == ev[i].len && memcmp(e->data, ev[i].data, e->len) == 0);
		CHECK(!e->before_fixup);
	}
}

static void
test_one_device(void)
{
	struct hid_recording_device dev = {
		.name = (char *)"Test Mouse",
		.phys = (char *)"",
		.has_ids = true,
		.bus = 3,
		.vid = 0x24ae,
		.pid = 0x2015,
		.rdesc = rdesc_a,
		.rdesc_len = sizeof(rdesc_a),
	};
	struct written ev[] = {
		{ 0, 0, { 0x01, 0x00, 0xff }, 3 },
		{ 0, 1500, { 0x01, 0x01, 0x02 }, 3 },
		{ 0, 2000123, { 0xff }, 1 },
	};
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_free_ char *buf = NULL;
	char err[256] = "";
	size_t len = 0;

	buf = stream(&dev, 1, ev, ARRAY_SIZE(ev), &len);
	REQUIRE(buf);
	CHECK(!strstr(buf, "D:"));
	rec = hid_recording_parse_buffer(buf, len, "stream", err, sizeof(err));
	if (!rec)
		fprintf(stderr, "%s\n", err);
	REQUIRE(rec);
	REQUIRE(rec->n_devices == 1);
	CHECK_STR_EQ(rec->devices[0].name, "Test Mouse");
	CHECK_STR_EQ(rec->devices[0].phys, "");
	CHECK(rec->devices[0].has_ids);
	CHECK_INT_EQ(rec->devices[0].bus, 3);
	CHECK_INT_EQ(rec->devices[0].vid, 0x24ae);
	CHECK_INT_EQ(rec->devices[0].pid, 0x2015);
	CHECK_INT_EQ(rec->devices[0].rdesc_len, sizeof(rdesc_a));
	CHECK(memcmp(rec->devices[0].rdesc, rdesc_a, sizeof(rdesc_a)) == 0);
	CHECK_INT_EQ(rec->devices[0].n_events, ARRAY_SIZE(ev));
	check_events(rec, ev, ARRAY_SIZE(ev));
}

static void
test_two_devices(void)
{
	struct hid_recording_device devs[2] = {
		{ .index = 0,
		  .name = (char *)"Mouse",
		  .has_ids = true,
		  .bus = 3,
		  .vid = 1,
		  .pid = 2,
		  .rdesc = rdesc_a,
		  .rdesc_len = sizeof(rdesc_a) },
		{ .index = 1,
		  .name = (char *)"Keyboard",
		  .phys = (char *)"usb-1/input1",
		  .has_ids = true,
		  .bus = 5,
		  .vid = 3,
		  .pid = 4,
		  .rdesc = rdesc_b,
		  .rdesc_len = sizeof(rdesc_b) },
	};
	/* the first event is device 0's: the headers end with device 1 */
	struct written ev[] = {
		{ 0, 0, { 0x01 }, 1 },	{ 1, 10, { 0x02, 0x03 }, 2 }, { 1, 20, { 0x04, 0x05 }, 2 },
		{ 0, 30, { 0x06 }, 1 }, { 1, 30, { 0x07, 0x08 }, 2 },
	};
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_free_ char *buf = NULL;
	char err[256] = "";
	size_t len = 0;

	buf = stream(devs, 2, ev, ARRAY_SIZE(ev), &len);
	REQUIRE(buf);
	rec = hid_recording_parse_buffer(buf, len, "stream", err, sizeof(err));
	if (!rec)
		fprintf(stderr, "%s\n%s", err, buf);
	REQUIRE(rec);
	REQUIRE(rec->n_devices == 2);
	CHECK_STR_EQ(rec->devices[1].name, "Keyboard");
	CHECK_STR_EQ(rec->devices[1].phys, "usb-1/input1");
	CHECK(rec->devices[0].phys == NULL);
	CHECK_INT_EQ(rec->devices[1].bus, 5);
	CHECK_INT_EQ(rec->devices[0].n_events, 2);
	CHECK_INT_EQ(rec->devices[1].n_events, 3);
	check_events(rec, ev, ARRAY_SIZE(ev));
}

static void
test_refused(void)
{
	struct hid_recording_device dev = { .name = (char *)"two\nlines",
					    .rdesc = rdesc_a,
					    .rdesc_len = sizeof(rdesc_a) };
	struct hid_recording_event empty = { .len = 0 };
	FILE *f = fopen("/dev/null", "we");

	REQUIRE(f);
	CHECK_INT_EQ(hid_recording_write_header(f, &dev, false), -EINVAL);
	dev.name = NULL;
	dev.rdesc_len = 0;
	CHECK_INT_EQ(hid_recording_write_header(f, &dev, false), -EINVAL);
	CHECK_INT_EQ(hid_recording_write_event(f, &empty), -EINVAL);
	fclose(f);
}

/* one line, compared with the text expected */
static void
check_format(uint64_t usec, bool before, uint8_t *data, size_t len, const char *want)
{
	struct hid_recording_event ev = {
		.usec = usec, .before_fixup = before, .len = len, .data = data
	};
	char line[HID_RECORDING_EVENT_LINE_MAX(8)];
	int n = hid_recording_format_event(line, &ev);

	CHECK_INT_EQ(n, strlen(want));
	if (n > 0)
		CHECK(memcmp(line, want, (size_t)n) == 0);
}

static void
test_format_event(void)
{
	uint8_t one[] = { 0x00 };
	uint8_t mixed[] = { 0x01, 0xab, 0xff, 0x10, 0x09, 0xa0, 0x7f, 0x80 };
	uint8_t *big = calloc(HID_RECORDING_MAX_REPORT + 1, 1);
	char *line = malloc(HID_RECORDING_EVENT_LINE_MAX(HID_RECORDING_MAX_REPORT));
	struct hid_recording_event ev = { .usec = 1, .data = big };

	check_format(0, false, one, 1, "E: 0.000000 1 00\n");
	check_format(12345678901, false, mixed, 3, "E: 12345.678901 3 01 ab ff\n");
	check_format(999999, true, mixed, 8, "B: 0.999999 8 01 ab ff 10 09 a0 7f 80\n");
	check_format(1000000, false, mixed + 4, 2, "E: 1.000000 2 09 a0\n");
	/* the largest time: 2^64 - 1 microseconds */
	check_format(UINT64_MAX, false, mixed, 1, "E: 18446744073709.551615 1 01\n");

	REQUIRE(big && line);
	ev.len = HID_RECORDING_MAX_REPORT;
	big[HID_RECORDING_MAX_REPORT - 1] = 0xfe;
	/* "E: 0.000001 16384" and " 00" a byte, the last " fe", then '\n' */
	CHECK_INT_EQ(hid_recording_format_event(line, &ev), 17 + 3 * HID_RECORDING_MAX_REPORT + 1);
	CHECK(memcmp(line, "E: 0.000001 16384 00 00 ", 24) == 0);
	CHECK(memcmp(line + 17 + 3 * (HID_RECORDING_MAX_REPORT - 1), " fe\n", 4) == 0);
	ev.len = HID_RECORDING_MAX_REPORT + 1;
	CHECK_INT_EQ(hid_recording_format_event(line, &ev), -EINVAL);
	ev.len = 0;
	CHECK_INT_EQ(hid_recording_format_event(line, &ev), -EINVAL);
	free(big);
	free(line);
}

int
main(void)
{
	static const struct test_case tests[] = {
		TEST(test_one_device),
		TEST(test_two_devices),
		TEST(test_refused),
		TEST(test_format_event),
	};

	return test_run_all(tests, ARRAY_SIZE(tests));
}
