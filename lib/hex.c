// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include "hex.h"
#include "macros.h"

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
hex_byte_parse(const char *s, size_t len, uint8_t *out)
{
	int hi, lo;

	if (len != 2)
		return -EINVAL;
	hi = hex_digit(s[0]);
	lo = hex_digit(s[1]);
	if (hi < 0 || lo < 0)
		return -EINVAL;
	*out = (uint8_t)(hi << 4 | lo);
	return 0;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int
hex_parse_bytes(const char *s, size_t len, uint8_t *out, size_t max, size_t *n, const char **bad,
		size_t *badlen)
{
	size_t i = 0, count = 0;

	while (i < len) {
		size_t start;
		uint8_t byte;

		if (is_blank(s[i])) {
			i++;
			continue;
		}
		start = i;
		while (i < len && !is_blank(s[i]))
			i++;
		if (hex_byte_parse(s + start, i - start, &byte) < 0) {
			if (bad)
				*bad = s + start;
			if (badlen)
				*badlen = i - start;
			*n = count;
			return -EINVAL;
		}
		if (count == max) {
			*n = max + 1;
			return -E2BIG;
		}
		out[count++] = byte;
	}
	*n = count;
	return 0;
}

_printf_(5, 6) static void set_err(char *err, size_t errlen, const char *name, unsigned line,
				   const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		snprintf(err, errlen, "%s:%u: %s", name, line, msg);
	else
		snprintf(err, errlen, "%s: %s", name, msg);
}

int
hid_hex_parse_buffer(const char *buf, size_t len, const char *name, uint8_t **out, size_t *outlen,
		     char *err, size_t errlen)
{
	_cleanup_free_ uint8_t *data = NULL;
	size_t n = 0, pos = 0;
	unsigned line = 0;

	data = malloc(HID_MAX_DESCRIPTOR_SIZE);
	if (!data)
		return -ENOMEM;

	while (pos < len) {
		const char *l = buf + pos, *nl, *bad = NULL;
		size_t llen, got = 0, badlen = 0, skip = 0;
		int r;

		line++;
		nl = memchr(l, '\n', len - pos);
		llen = nl ? (size_t)(nl - l) : len - pos;
		pos += llen + (nl ? 1 : 0);

		if (memchr(l, '\0', llen)) {
			set_err(err, errlen, name, line, "NUL byte in line");
			return -EINVAL;
		}
		if (llen > 0 && l[llen - 1] == '\r')
			llen--;
		while (skip < llen && is_blank(l[skip]))
			skip++;
		if (skip == llen || l[skip] == '#')
			continue;

		r = hex_parse_bytes(l, llen, data + n, HID_MAX_DESCRIPTOR_SIZE - n, &got, &bad,
				    &badlen);
		if (r == -EINVAL) {
			set_err(err, errlen, name, line, "invalid hex byte '%.*s'",
				(int)(badlen > 16 ? 16 : badlen), bad);
			return r;
		}
		if (r == -E2BIG) {
			set_err(err, errlen, name, line, "descriptor longer than %d bytes",
				HID_MAX_DESCRIPTOR_SIZE);
			return r;
		}
		n += got;
	}

	if (n == 0) {
		set_err(err, errlen, name, 0, "no hex bytes found");
		return -EINVAL;
	}

	*outlen = n;
	*out = steal_pointer(&data);
	return 0;
}

int
hid_hex_parse_file(const char *path, uint8_t **out, size_t *outlen, char *err, size_t errlen)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int r;

	/* 64 KiB is generous: 4096 bytes take about 12 KiB as text. */
	r = hid_file_read_all(path, 64 * 1024, &buf, &len);
	if (r < 0) {
		set_err(err, errlen, path, 0, "%s", strerror(-r));
		return r;
	}
	return hid_hex_parse_buffer(buf, len, path, out, outlen, err, errlen);
}

int
hex_write(FILE *f, const uint8_t *data, size_t len, size_t per_line)
{
	for (size_t i = 0; i < len; i++) {
		bool last_on_line = i + 1 == len || (per_line && (i + 1) % per_line == 0);

		if (fprintf(f, "%02x%c", data[i], last_on_line ? '\n' : ' ') < 0)
			return -EIO;
	}
	return ferror(f) ? -EIO : 0;
}

int
hid_file_read_all(const char *path, size_t max, char **out, size_t *len)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *buf = NULL;
	size_t size = 0, cap = 4096;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return negative_errno();

	buf = malloc(cap + 1);
	if (!buf)
		return -ENOMEM;

	for (;;) {
		ssize_t r;

		if (size == cap) {
			char *n;

			if (cap > max)
				return -EFBIG;
			cap *= 2;
			n = realloc(buf, cap + 1);
			if (!n)
				return -ENOMEM;
			buf = n;
		}
		r = read(fd, buf + size, cap - size);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return negative_errno();
		}
		if (r == 0)
			break;
		size += (size_t)r;
		if (size > max)
			return -EFBIG;
	}

	buf[size] = '\0';
	*len = size;
	*out = steal_pointer(&buf);
	return 0;
}
