/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hex text helpers shared by the recording parser, the replay checker and
 * the tools: parse "05 01 09 02" style byte lists, read the descriptor files
 * in shared/devices/rdesc/ (leading '#' lines, then whitespace separated
 * bytes over any number of lines) and write bytes back in the same form.
 *
 * Error contract: int functions return 0 or a negative errno. Parse
 * functions that take err/errlen also write a one-line message there, as
 * "NAME:LINE: message" (or "NAME: message" when no line applies).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The kernel's limit for a report descriptor (include/linux/hid.h). */
#define HID_MAX_DESCRIPTOR_SIZE 4096

/*
 * Parse one token of exactly two hex digits (either case) into *out.
 * Returns 0 or -EINVAL.
 */
int hex_byte_parse(const char *s, size_t len, uint8_t *out);

/*
 * Parse whitespace (space, tab) separated two-digit hex bytes from s[0..len)
 * into out (room for max bytes). *n receives the number of bytes parsed.
 * Returns 0, -EINVAL on a token that is not a hex byte (*bad and *badlen
 * then point at it, if not NULL), or -E2BIG when there are more than max
 * bytes (*n is then max + 1).
 */
int hex_parse_bytes(const char *s, size_t len, uint8_t *out, size_t max, size_t *n,
		    const char **bad, size_t *badlen);

/*
 * Parse a descriptor hex text (see above) from a buffer. name is used in
 * error messages. On success *out is a malloc'ed array of *outlen bytes
 * (at least one, at most HID_MAX_DESCRIPTOR_SIZE).
 */
int hid_hex_parse_buffer(const char *buf, size_t len, const char *name, uint8_t **out,
			 size_t *outlen, char *err, size_t errlen);

/* Same, reading the file at path. */
int hid_hex_parse_file(const char *path, uint8_t **out, size_t *outlen, char *err, size_t errlen);

/*
 * Write len bytes as lower-case two-digit hex, per_line bytes to a line
 * (0: all on one line), separated by single spaces, each line ending with
 * '\n'. Returns 0 or -EIO.
 */
int hex_write(FILE *f, const uint8_t *data, size_t len, size_t per_line);

/*
 * Read a whole file into a NUL-terminated malloc'ed buffer (the NUL is not
 * counted in *len). Fails with -EFBIG if the file is larger than max bytes.
 * Works on sysfs and other files whose size stat() does not know.
 */
int hid_file_read_all(const char *path, size_t max, char **out, size_t *len);
