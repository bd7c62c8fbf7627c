// SPDX-License-Identifier: GPL-2.0-only
/*
 * hidfix decode [--summary|--no-summary] [--json] SOURCE
 * hidfix decode --diff A B
 *
 * SOURCE is a recording (hid-tools format: every device's R: line), a hex
 * file (whitespace-separated bytes, '#' comment lines), a binary descriptor
 * (sysfs report_descriptor), a hidraw node (HIDIOCGRDESC) or a sysfs HID
 * device directory. Exit 0, 1 on malformed or unreadable input (after
 * printing what could be decoded and one line on stderr), 2 usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/hidraw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include "decode.h"
#include "hex.h"
#include "loader.h"
#include "log.h"
#include "rdesc.h"
#include "recording.h"

/* a recording with its events can be large; a descriptor is at most 4 KiB */
#define DECODE_MAX_FILE (256 * 1024 * 1024)

struct source {
	char label[512];
	uint8_t *data;
	size_t len;
};

struct source_list {
	struct source *v;
	size_t n;
};

static void
source_list_clear(struct source_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].data);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* takes data */
static int
source_list_add(struct source_list *l, const char *label, uint8_t *data, size_t len)
{
	struct source *grown = realloc(l->v, (l->n + 1) * sizeof(*grown));

	if (!grown) {
		free(data);
		return -ENOMEM;
	}
	l->v = grown;
	snprintf(grown[l->n].label, sizeof(grown[l->n].label), "%s", label);
	grown[l->n].data = data;
	grown[l->n].len = len;
	l->n++;
	return 0;
}

static int
load_hidraw(const char *path, struct source_list *out)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct hidraw_report_descriptor *rd;
	int size = 0;

	if (fd < 0)
		return log_error_errno(NULL, -errno, "%s: %s", path, strerror(errno));
	if (ioctl(fd, HIDIOCGRDESCSIZE, &size) < 0)
		return log_error_errno(NULL, -errno, "%s: not a hidraw node: %s", path,
				       strerror(errno));
	if (size < 0 || size > HID_MAX_DESCRIPTOR_SIZE)
		return log_error_errno(NULL, -EINVAL, "%s: descriptor size %d", path, size);
	rd = calloc(1, sizeof(*rd));
	if (!rd)
		return -ENOMEM;
	rd->size = (uint32_t)size;
	if (ioctl(fd, HIDIOCGRDESC, rd) < 0) {
		int r = -errno;

		free(rd);
		return log_error_errno(NULL, r, "%s: HIDIOCGRDESC: %s", path, strerror(-r));
	}
	/* the descriptor is at the start of the struct after its size */
	memmove(rd, rd->value, (size_t)size);
	return source_list_add(out, path, (uint8_t *)rd, (size_t)size);
}

static bool
is_text(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
			return false;
		if (c >= 0x7f)
			return false;
	}
	return true;
}

static bool
has_recording_line(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p >= 2 && (p[0] == 'R' || p[0] == 'D') && p[1] == ':')
			return true;
		if (!nl)
			break;
		p = nl + 1;
	}
	return false;
}

static int
load_recording(const char *path, const char *buf, size_t len, struct source_list *out)
{
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	char err[512];

	rec = hid_recording_parse_buffer(buf, len, path, err, sizeof(err));
	if (!rec)
		return log_error_errno(NULL, -EINVAL, "%s", err);
	for (size_t i = 0; i < rec->n_devices; i++) {
		const struct hid_recording_device *d = &rec->devices[i];
		char label[512];
		uint8_t *copy;
		int r;

		if (!d->rdesc_len) {
			log_error(NULL, "%s: device %u has no R: descriptor", path, d->index);
			return -EINVAL;
		}
		copy = malloc(d->rdesc_len);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, d->rdesc, d->rdesc_len);
		if (rec->n_devices > 1)
			snprintf(label, sizeof(label), "%s: device %u%s%s", path, d->index,
				 d->name ? ": " : "", d->name ? d->name : "");
		else
			snprintf(label, sizeof(label), "%s", path);
		r = source_list_add(out, label, copy, d->rdesc_len);
		if (r < 0)
			return r;
	}
	return 0;
}

static int
load_file(const char *path, const char *display, struct source_list *out)
{
	_cleanup_free_ char *buf = NULL;
	uint8_t *bytes = NULL;
	size_t len = 0;
	char err[512];
	int r;

	r = hid_file_read_all(path, DECODE_MAX_FILE, &buf, &len);
	if (r < 0)
		return log_error_errno(NULL, r, "%s: %s", display, strerror(-r));
	if (len == 0)
		return log_error_errno(NULL, -EINVAL, "%s: empty file, no descriptor", display);
	if (!is_text(buf, len)) {
		if (len > HID_MAX_DESCRIPTOR_SIZE)
			return log_error_errno(NULL, -EFBIG,
					       "%s: %zu bytes, more than a descriptor can be (%d)",
					       display, len, HID_MAX_DESCRIPTOR_SIZE);
		return source_list_add(out, display, (uint8_t *)steal_pointer(&buf), len);
	}
	if (has_recording_line(buf, len))
		return load_recording(display, buf, len, out);
	r = hid_hex_parse_buffer(buf, len, display, &bytes, &len, err, sizeof(err));
	if (r < 0)
		return log_error_errno(NULL, r, "%s", err);
	return source_list_add(out, display, bytes, len);
}

static int
load_source(const char *path, struct source_list *out)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return log_error_errno(NULL, -errno, "%s: %s", path, strerror(errno));
	if (S_ISCHR(st.st_mode))
		return load_hidraw(path, out);
	if (S_ISDIR(st.st_mode)) {
		char rd[4096];

		if (snprintf(rd, sizeof(rd), "%s/report_descriptor", path) >= (int)sizeof(rd))
			return log_error_errno(NULL, -ENAMETOOLONG, "%s: path too long", path);
		if (access(rd, R_OK) < 0)
			return log_error_errno(
				NULL, -EINVAL,
				"%s: not a HID device directory (no report_descriptor)", path);
		return load_file(rd, path, out);
	}
	return load_file(path, path, out);
}

/* ---- JSON ---- */

static int
decode_json(const struct source *src, bool summary, bool first)
{
	struct rdesc_summary s = { 0 };
	struct rdesc_iter it;
	struct rdesc_item item;
	char buf[512];
	bool first_item = true;
	int r;

	printf("%s\n  {\"source\": ", first ? "" : ",");
	json_string(src->label);
	printf(", \"size\": %zu, \"items\": [", src->len);
	rdesc_iter_init(&it, src->data, src->len, summary ? &s : NULL);
	while ((r = rdesc_iter_next(&it, &item)) > 0) {
		printf("%s\n    {\"offset\": %zu, \"bytes\": \"", first_item ? "" : ",",
		       item.offset);
		for (size_t i = 0; i < item.len; i++)
			printf("%s%02x", i ? " " : "", item.raw[i]);
		printf("\", \"depth\": %u, \"item\": ", item.depth);
		json_string(rdesc_item_name(&item, buf, sizeof(buf)));
		printf(", \"value\": ");
		if (item.is_signed)
			printf("%d", item.svalue);
		else
			printf("%u", item.value);
		printf(", \"text\": ");
		json_string(rdesc_item_describe(&item, buf, sizeof(buf)));
		printf("}");
		first_item = false;
	}
	printf("\n  ]");
	if (summary) {
		printf(", \"reports\": [");
		for (size_t i = 0; i < s.n_reports; i++)
			printf("%s\n    {\"id\": %u, \"direction\": \"%s\", \"bits\": %llu}",
			       i ? "," : "", s.reports[i].id, rdesc_dir_name(s.reports[i].dir),
			       (unsigned long long)s.reports[i].bits);
		printf("\n  ]");
	}
	if (it.failed) {
		printf(", \"error\": {\"offset\": %zu, \"reason\": ", it.error_offset);
		json_string(it.error);
		printf("}");
	}
	printf("}");
	rdesc_summary_clear(&s);
	if (r == -ENOMEM)
		return r;
	return it.failed ? -EINVAL : 0;
}

/* ---- verb ---- */

static void
report_malformed(const struct source *src)
{
	struct rdesc_iter it;

	rdesc_iter_init(&it, src->data, src->len, NULL);
	if (rdesc_iter_finish(&it) == -EINVAL)
		log_error(NULL, "%s: malformed descriptor at offset %zu: %s", src->label,
			  it.error_offset, it.error);
}

static int
decode_diff(char **argv)
{
	struct source_list a = { 0 }, b = { 0 };
	int r, ret = 1;

	if (load_source(argv[0], &a) < 0 || load_source(argv[1], &b) < 0)
		goto out;
	if (a.n != 1 || b.n != 1) {
		log_error(NULL, "decode --diff: %s has %zu descriptors, expected one",
			  a.n != 1 ? argv[0] : argv[1], a.n != 1 ? a.n : b.n);
		goto out;
	}
	printf("--- %s\n+++ %s\n", a.v[0].label, b.v[0].label);
	r = rdesc_diff_print(stdout, a.v[0].data, a.v[0].len, b.v[0].data, b.v[0].len, "", NULL);
	fflush(stdout);
	if (r == -EINVAL) {
		report_malformed(&a.v[0]);
		report_malformed(&b.v[0]);
	} else if (r < 0) {
		log_error(NULL, "decode --diff: %s", strerror(-r));
	} else {
		ret = 0;
	}
out:
	source_list_clear(&a);
	source_list_clear(&b);
	return ret;
}

int
decode_run(const struct decode_options *opts, int argc, char **argv)
{
	struct source_list l = { 0 };
	int ret = 0;

	if (opts->diff) {
		if (argc != 2) {
			log_error(NULL, "decode --diff: expected two SOURCEs");
			return EXIT_USAGE;
		}
		if (opts->json) {
			log_error(NULL, "decode: --diff and --json exclude each other");
			return EXIT_USAGE;
		}
		return decode_diff(argv);
	}
	if (argc != 1) {
		log_error(NULL, "decode: expected exactly one SOURCE");
		return EXIT_USAGE;
	}
	if (load_source(argv[0], &l) < 0)
		return 1;
	if (opts->json)
		printf("[");
	for (size_t i = 0; i < l.n; i++) {
		const struct source *src = &l.v[i];
		int r;

		if (opts->json) {
			r = decode_json(src, !opts->no_summary, i == 0);
		} else {
			if (l.n > 1)
				printf("%s# %s (%zu bytes)\n", i ? "\n" : "", src->label, src->len);
			r = rdesc_print(stdout, src->data, src->len, "",
					opts->no_summary ? 0 : RDESC_PRINT_SUMMARY);
		}
		fflush(stdout);
		if (r == -EINVAL) {
			report_malformed(src);
			ret = 1;
		} else if (r < 0) {
			log_error(NULL, "%s: %s", src->label, strerror(-r));
			ret = 1;
		}
	}
	if (opts->json)
		printf("\n]\n");
	source_list_clear(&l);
	return ret;
}
