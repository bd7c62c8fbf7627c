// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "recording.h"

/* Largest recording file read at all; real ones are a few MiB at most. */
#define RECORDING_MAX_FILE (256u * 1024 * 1024)

struct parser {
	const char *name;
	char *err;
	size_t errlen;
	unsigned line;
	bool line_unterminated; /* the current line is the last and has no '\n' */
	struct hid_recording *rec;
	unsigned *dev_line; /* line each device was started on */
	size_t cur;	    /* index into rec->devices; only valid if has_cur */
	bool has_cur;
	bool uses_d;
};

_printf_(2, 3) static int parse_error(struct parser *p, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (!p->err || p->errlen == 0)
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "%s:%u: %s%s", p->name, p->line, msg,
		 p->line_unterminated ? " (last line has no newline: truncated file?)" : "");
	return -EINVAL;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Split the next blank-separated token off [*s, end). Returns false at the end. */
static bool
next_token(const char **s, const char *end, const char **tok, size_t *toklen)
{
	const char *p = *s;

	while (p < end && is_blank(*p))
		p++;
	if (p == end) {
		*s = p;
		return false;
	}
	*tok = p;
	while (p < end && !is_blank(*p))
		p++;
	*toklen = (size_t)(p - *tok);
	*s = p;
	return true;
}

/* Checked parse of an unsigned number in base 10 or 16, no sign, no prefix. */
static int
parse_unsigned(const char *s, size_t len, unsigned base, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (len == 0)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		unsigned d;
		char c = s[i];

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return -EINVAL;
		if (v > (max - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

static struct hid_recording_device *
cur_device(struct parser *p)
{
	return p->has_cur ? &p->rec->devices[p->cur] : NULL;
}

static int
add_device(struct parser *p, unsigned index)
{
	struct hid_recording *rec = p->rec;
	struct hid_recording_device *devs;
	unsigned *lines;

	devs = realloc(rec->devices, (rec->n_devices + 1) * sizeof(*devs));
	if (!devs)
		return -ENOMEM;
	rec->devices = devs;
	lines = realloc(p->dev_line, (rec->n_devices + 1) * sizeof(*lines));
	if (!lines)
		return -ENOMEM;
	p->dev_line = lines;

	memset(&devs[rec->n_devices], 0, sizeof(*devs));
	devs[rec->n_devices].index = index;
	lines[rec->n_devices] = p->line;
	p->cur = rec->n_devices++;
	p->has_cur = true;
	return 0;
}

static unsigned
next_free_index(const struct hid_recording *rec)
{
	unsigned next = 0;

	for (size_t i = 0; i < rec->n_devices; i++)
		if (rec->devices[i].index >= next)
			next = rec->devices[i].index + 1;
	return next;
}

static bool
header_is_set(const struct hid_recording_device *dev, char type)
{
	switch (type) {
	case 'R':
		return dev->rdesc != NULL;
	case 'N':
		return dev->name != NULL;
	case 'P':
		return dev->phys != NULL;
	case 'I':
		return dev->has_ids;
	}
	return false;
}

/* The device a header line (R, N, P, I) applies to, starting one when needed. */
static int
header_device(struct parser *p, char type, struct hid_recording_device **out)
{
	struct hid_recording_device *dev = cur_device(p);
	int r;

	if (dev && header_is_set(dev, type) && p->uses_d)
		return parse_error(p, "duplicate %c: line for device %u", type, dev->index);

	if (!dev || header_is_set(dev, type) || (!p->uses_d && dev->n_events > 0)) {
		if (next_free_index(p->rec) > HID_RECORDING_MAX_INDEX)
			return parse_error(p, "too many devices");
		r = add_device(p, next_free_index(p->rec));
		if (r < 0)
			return r;
		dev = cur_device(p);
	}
	*out = dev;
	return 0;
}

static int
parse_d(struct parser *p, const char *s, const char *end)
{
	const char *tok;
	size_t toklen;
	uint64_t index;

	if (!next_token(&s, end, &tok, &toklen))
		return parse_error(p, "D: line without a device index");
	if (parse_unsigned(tok, toklen, 10, HID_RECORDING_MAX_INDEX, &index) < 0)
		return parse_error(p, "invalid device index '%.*s' (0 to %d)", (int)toklen, tok,
				   HID_RECORDING_MAX_INDEX);
	if (next_token(&s, end, &tok, &toklen))
		return parse_error(p, "trailing data after the device index");

	p->uses_d = true;
	for (size_t i = 0; i < p->rec->n_devices; i++) {
		if (p->rec->devices[i].index == index) {
			p->cur = i;
			p->has_cur = true;
			return 0;
		}
	}
	return add_device(p, (unsigned)index);
}

/*
 * Parse "<len> <hex bytes>" with at most max bytes into a malloc'ed buffer.
 * what names the line in messages.
 */
static int
parse_sized_bytes(struct parser *p, const char *s, const char *end, size_t max, const char *what,
		  uint8_t **out, size_t *outlen)
{
	_cleanup_free_ uint8_t *data = NULL;
	const char *tok, *bad = NULL;
	size_t toklen, got = 0, badlen = 0;
	uint64_t declared;
	int r;

	if (!next_token(&s, end, &tok, &toklen))
		return parse_error(p, "%s missing length", what);
	r = parse_unsigned(tok, toklen, 10, UINT32_MAX, &declared);
	if (r < 0)
		return parse_error(p, "%s invalid length '%.*s'", what,
				   (int)(toklen > 16 ? 16 : toklen), tok);
	if (declared == 0)
		return parse_error(p, "%s length is 0", what);
	if (declared > max)
		return parse_error(p, "%s length %" PRIu64 " is larger than the maximum %zu", what,
				   declared, max);

	data = malloc(declared);
	if (!data)
		return -ENOMEM;
	r = hex_parse_bytes(s, (size_t)(end - s), data, declared, &got, &bad, &badlen);
	if (r == -EINVAL)
		return parse_error(p, "%s invalid hex byte '%.*s'", what,
				   (int)(badlen > 16 ? 16 : badlen), bad);
	if (r == -E2BIG)
		return parse_error(p, "%s more bytes than the declared length %" PRIu64, what,
				   declared);
	if (got != declared)
		return parse_error(p, "%s declared length %" PRIu64 " but %zu bytes given", what,
				   declared, got);

	*outlen = got;
	*out = steal_pointer(&data);
	return 0;
}

static int
parse_r(struct parser *p, const char *s, const char *end)
{
	struct hid_recording_device *dev;
	int r;

	r = header_device(p, 'R', &dev);
	if (r < 0)
		return r;
	return parse_sized_bytes(p, s, end, HID_MAX_DESCRIPTOR_SIZE, "R:", &dev->rdesc,
				 &dev->rdesc_len);
}

static int
parse_text(struct parser *p, char type, const char *s, const char *end)
{
	struct hid_recording_device *dev;
	char *text;
	int r;

	r = header_device(p, type, &dev);
	if (r < 0)
		return r;
	text = strndup(s, (size_t)(end - s));
	if (!text)
		return -ENOMEM;
	if (type == 'N')
		dev->name = text;
	else
		dev->phys = text;
	return 0;
}

static int
parse_i(struct parser *p, const char *s, const char *end)
{
	static const uint64_t max[3] = { UINT16_MAX, UINT32_MAX, UINT32_MAX };
	static const char *const what[3] = { "bus", "vendor", "product" };
	struct hid_recording_device *dev;
	uint64_t v[3];
	const char *tok;
	size_t toklen;
	int r;

	for (size_t i = 0; i < 3; i++) {
		if (!next_token(&s, end, &tok, &toklen))
			return parse_error(p,
					   "I: missing %s (expected 'I: <bus> <vid> <pid>' in hex)",
					   what[i]);
		if (parse_unsigned(tok, toklen, 16, max[i], &v[i]) < 0)
			return parse_error(p, "I: invalid %s '%.*s'", what[i],
					   (int)(toklen > 16 ? 16 : toklen), tok);
	}
	if (next_token(&s, end, &tok, &toklen))
		return parse_error(p, "I: trailing data after the product id");

	r = header_device(p, 'I', &dev);
	if (r < 0)
		return r;
	dev->bus = (uint16_t)v[0];
	dev->vid = (uint32_t)v[1];
	dev->pid = (uint32_t)v[2];
	dev->has_ids = true;
	return 0;
}

/* "<sec>.<usec>": seconds, then 1 to 6 digits of fraction; or whole seconds. */
static int
parse_time(const char *s, size_t len, uint64_t *usec)
{
	const char *dot = memchr(s, '.', len);
	uint64_t sec, frac = 0;
	size_t seclen = dot ? (size_t)(dot - s) : len;

	if (parse_unsigned(s, seclen, 10, 1000000000000ull, &sec) < 0)
		return -EINVAL;
	if (dot) {
		size_t fraclen = len - seclen - 1;

		if (fraclen == 0 || fraclen > 6 ||
		    parse_unsigned(dot + 1, fraclen, 10, 999999, &frac) < 0)
			return -EINVAL;
		for (size_t i = fraclen; i < 6; i++)
			frac *= 10;
	}
	*usec = sec * 1000000 + frac;
	return 0;
}

static int
parse_event(struct parser *p, char type, const char *s, const char *end)
{
	struct hid_recording_device *dev = cur_device(p);
	struct hid_recording_event ev = { .before_fixup = type == 'B' };
	char what[3] = { type, ':', '\0' };
	const char *tok;
	size_t toklen;
	int r;

	if (!dev || !dev->rdesc)
		return parse_error(p, "%s line before the device's R: line", what);
	if (!next_token(&s, end, &tok, &toklen))
		return parse_error(p, "%s missing timestamp", what);
	if (parse_time(tok, toklen, &ev.usec) < 0)
		return parse_error(p, "%s invalid timestamp '%.*s' (expected <sec>.<usec>)", what,
				   (int)(toklen > 24 ? 24 : toklen), tok);
	r = parse_sized_bytes(p, s, end, HID_RECORDING_MAX_REPORT, what, &ev.data, &ev.len);
	if (r < 0)
		return r;

	/* Grow to 16, then double at every power of two. */
	if (dev->n_events == 0 || (dev->n_events >= 16 && !(dev->n_events & (dev->n_events - 1)))) {
		size_t cap = dev->n_events ? dev->n_events * 2 : 16;
		struct hid_recording_event *n = realloc(dev->events, cap * sizeof(*n));

		if (!n) {
			free(ev.data);
			return -ENOMEM;
		}
		dev->events = n;
	}
	dev->events[dev->n_events++] = ev;
	return 0;
}

static int
parse_line(struct parser *p, const char *l, size_t len)
{
	const char *end = l + len;

	while (l < end && is_blank(*l))
		l++;
	while (end > l && (is_blank(end[-1]) || end[-1] == '\r'))
		end--;
	if (l == end || *l == '#')
		return 0;

	if (end - l < 2 || l[1] != ':')
		return parse_error(p, "cannot parse line (expected '<type>: ...')");

	switch (l[0]) {
	case 'D':
		return parse_d(p, l + 2, end);
	case 'R':
		return parse_r(p, l + 2, end);
	case 'N':
	case 'P': {
		char type = l[0];

		l += 2;
		while (l < end && is_blank(*l))
			l++;
		return parse_text(p, type, l, end);
	}
	case 'I':
		return parse_i(p, l + 2, end);
	case 'E':
	case 'B':
		return parse_event(p, l[0], l + 2, end);
	}
	return parse_error(p, "unknown line type '%c:'", l[0]);
}

struct hid_recording *
hid_recording_parse_buffer(const char *buf, size_t len, const char *name, char *err, size_t errlen)
{
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_free_ unsigned *dev_line = NULL;
	struct parser p = { .name = name, .err = err, .errlen = errlen };
	size_t pos = 0;
	int r = 0;

	if (err && errlen)
		err[0] = '\0';

	rec = calloc(1, sizeof(*rec));
	if (!rec)
		return NULL;
	p.rec = rec;

	while (pos < len) {
		const char *l = buf + pos;
		const char *nl = memchr(l, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - l) : len - pos;

		p.line++;
		p.line_unterminated = !nl;
		pos += llen + (nl ? 1 : 0);

		if (llen > HID_RECORDING_MAX_LINE)
			r = parse_error(&p, "line longer than %d bytes", HID_RECORDING_MAX_LINE);
		else if (memchr(l, '\0', llen))
			r = parse_error(&p, "NUL byte in line");
		else
			r = parse_line(&p, l, llen);
		if (r < 0)
			break;
	}
	dev_line = p.dev_line;

	if (r == 0 && rec->n_devices == 0) {
		if (err && errlen)
			snprintf(err, errlen, "%s: no device in recording (no R: line)", name);
		r = -EINVAL;
	}
	for (size_t i = 0; r == 0 && i < rec->n_devices; i++) {
		if (!rec->devices[i].rdesc) {
			p.line = dev_line[i];
			p.line_unterminated = false;
			r = parse_error(&p, "device %u has no R: line", rec->devices[i].index);
		}
	}

	if (r < 0) {
		if (r == -ENOMEM && err && errlen)
			snprintf(err, errlen, "%s: %s", name, strerror(ENOMEM));
		errno = -r;
		return NULL;
	}
	return steal_pointer(&rec);
}

struct hid_recording *
hid_recording_parse_file(const char *path, char *err, size_t errlen)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int r;

	r = hid_file_read_all(path, RECORDING_MAX_FILE, &buf, &len);
	if (r < 0) {
		if (err && errlen)
			snprintf(err, errlen, "%s: %s", path,
				 r == -EFBIG ? "file too large" : strerror(-r));
		errno = -r;
		return NULL;
	}
	return hid_recording_parse_buffer(buf, len, path, err, errlen);
}

void
hid_recording_free(struct hid_recording *rec)
{
	if (!rec)
		return;
	for (size_t i = 0; i < rec->n_devices; i++) {
		struct hid_recording_device *dev = &rec->devices[i];

		for (size_t j = 0; j < dev->n_events; j++)
			free(dev->events[j].data);
		free(dev->events);
		free(dev->rdesc);
		free(dev->name);
		free(dev->phys);
	}
	free(rec->devices);
	free(rec);
}

const struct hid_recording_device *
hid_recording_get_device(const struct hid_recording *rec, unsigned index)
{
	for (size_t i = 0; i < rec->n_devices; i++)
		if (rec->devices[i].index == index)
			return &rec->devices[i];
	return NULL;
}

static bool
text_is_writable(const char *s)
{
	return !s || !strpbrk(s, "\r\n");
}

static int
write_bytes_line(FILE *f, const char *prefix, const uint8_t *data, size_t len)
{
	if (fprintf(f, "%s%zu ", prefix, len) < 0)
		return -EIO;
	return hex_write(f, data, len, 0);
}

int
hid_recording_write_header(FILE *f, const struct hid_recording_device *dev, bool with_d)
{
	int r;

	if (!dev->rdesc || dev->rdesc_len == 0 || dev->rdesc_len > HID_MAX_DESCRIPTOR_SIZE ||
	    !text_is_writable(dev->name) || !text_is_writable(dev->phys))
		return -EINVAL;

	if (with_d && fprintf(f, "D: %u\n", dev->index) < 0)
		return -EIO;
	r = write_bytes_line(f, "R: ", dev->rdesc, dev->rdesc_len);
	if (r < 0)
		return r;
	if (dev->name && fprintf(f, "N: %s\n", dev->name) < 0)
		return -EIO;
	if (dev->phys && fprintf(f, "P: %s\n", dev->phys) < 0)
		return -EIO;
	if (dev->has_ids && fprintf(f, "I: %x %04x %04x\n", dev->bus, dev->vid, dev->pid) < 0)
		return -EIO;
	return 0;
}

/* value in decimal at p; returns the end */
static char *
format_decimal(char *p, uint64_t value)
{
	char digits[20];
	size_t n = 0;

	do {
		digits[n++] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	while (n)
		*p++ = digits[--n];
	return p;
}

int
hid_recording_format_event(char *buf, const struct hid_recording_event *ev)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t usec = ev->usec % 1000000;
	char *p = buf;

	if (ev->len == 0 || ev->len > HID_RECORDING_MAX_REPORT)
		return -EINVAL;

	*p++ = ev->before_fixup ? 'B' : 'E';
	*p++ = ':';
	*p++ = ' ';
	p = format_decimal(p, ev->usec / 1000000);
	*p++ = '.';
	for (int i = 5; i >= 0; i--, usec /= 10)
		p[i] = (char)('0' + usec % 10);
	p += 6;
	*p++ = ' ';
	p = format_decimal(p, ev->len);
	for (size_t i = 0; i < ev->len; i++) {
		*p++ = ' ';
		*p++ = hex[ev->data[i] >> 4];
		*p++ = hex[ev->data[i] & 0xf];
	}
	*p++ = '\n';
	return (int)(p - buf);
}

int
hid_recording_write_event(FILE *f, const struct hid_recording_event *ev)
{
	char small[HID_RECORDING_EVENT_LINE_MAX(64)];
	_cleanup_free_ char *big = NULL;
	char *line = small;
	int n;

	if (ev->len > 64 && ev->len <= HID_RECORDING_MAX_REPORT) {
		big = malloc(HID_RECORDING_EVENT_LINE_MAX(ev->len));
		if (!big)
			return -ENOMEM;
		line = big;
	}
	n = hid_recording_format_event(line, ev);
	if (n < 0)
		return n;
	if (fwrite(line, 1, (size_t)n, f) != (size_t)n)
		return -EIO;
	return 0;
}

int
hid_recording_write(FILE *f, const struct hid_recording *rec)
{
	_cleanup_free_ size_t *pos = NULL;
	bool with_d;
	size_t last = SIZE_MAX;
	int r;

	if (rec->n_devices == 0)
		return -EINVAL;
	for (size_t i = 0; i < rec->n_devices; i++) {
		const struct hid_recording_device *dev = &rec->devices[i];

		if (!dev->rdesc || dev->rdesc_len == 0 || dev->rdesc_len > HID_MAX_DESCRIPTOR_SIZE)
			return -EINVAL;
		if (!text_is_writable(dev->name) || !text_is_writable(dev->phys))
			return -EINVAL;
		for (size_t j = 0; j < dev->n_events; j++)
			if (dev->events[j].len == 0 ||
			    dev->events[j].len > HID_RECORDING_MAX_REPORT)
				return -EINVAL;
	}

	with_d = rec->n_devices > 1 || rec->devices[0].index != 0;
	for (size_t i = 0; i < rec->n_devices; i++) {
		r = hid_recording_write_header(f, &rec->devices[i], with_d);
		if (r < 0)
			return r;
	}

	pos = calloc(rec->n_devices, sizeof(*pos));
	if (!pos)
		return -ENOMEM;

	/* Merge the devices' events by time; ties go to the earlier device. */
	for (;;) {
		size_t best = SIZE_MAX;

		for (size_t i = 0; i < rec->n_devices; i++) {
			const struct hid_recording_device *dev = &rec->devices[i];

			if (pos[i] == dev->n_events)
				continue;
			if (best == SIZE_MAX ||
			    dev->events[pos[i]].usec < rec->devices[best].events[pos[best]].usec)
				best = i;
		}
		if (best == SIZE_MAX)
			break;
		if (with_d && best != last && fprintf(f, "D: %u\n", rec->devices[best].index) < 0)
			return -EIO;
		last = best;
		r = hid_recording_write_event(f, &rec->devices[best].events[pos[best]++]);
		if (r < 0)
			return r;
	}

	if (fflush(f) != 0 || ferror(f))
		return -EIO;
	return 0;
}
