/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HID report descriptor decoder (HID 1.11, section 6.2.2): walks short and
 * long items, tracks the global state (with Push/Pop), the local state and
 * the collections, names every item and its value, and sums up the reports
 * (per report ID and direction: size and fields).
 *
 * Malformed input is decoded as far as it goes. Fatal errors stop the walk:
 * an item whose data runs past the end (short or long item). Other errors
 * are recorded and the walk goes on: Pop without Push, Push too deep, End
 * Collection without Collection, unclosed collections at the end, Report
 * Size above 256 bits or Report Count above 12288 (the kernel's limits),
 * Report ID 0, unknown main or global tags, unbalanced Delimiters. The
 * first error and its offset are kept (rdesc_iter.error). Nothing is ever
 * read outside data[0..len).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RDESC_STACK_DEPTH      16    /* Push levels */
#define RDESC_MAX_REPORT_SIZE  256   /* bits, as the kernel */
#define RDESC_MAX_REPORT_COUNT 12288 /* the kernel's HID_MAX_USAGES */
#define RDESC_FIELD_USAGES     8     /* usages kept per field for the summary */

enum rdesc_type {
	RDESC_TYPE_MAIN = 0,
	RDESC_TYPE_GLOBAL = 1,
	RDESC_TYPE_LOCAL = 2,
	RDESC_TYPE_RESERVED = 3,
};

enum rdesc_dir {
	RDESC_INPUT = 0,
	RDESC_OUTPUT = 1,
	RDESC_FEATURE = 2,
};

struct rdesc_item {
	size_t offset;	    /* of the prefix byte */
	size_t len;	    /* prefix and data bytes */
	const uint8_t *raw; /* data + offset, len bytes */
	enum rdesc_type type;
	uint8_t tag;	   /* a long item's bLongItemTag */
	bool long_item;	   /* prefix 0xfe */
	size_t data_len;   /* 0, 1, 2 or 4 (long item: bDataSize) */
	uint32_t value;	   /* the data, little endian, zero-extended */
	int32_t svalue;	   /* the data sign-extended */
	bool is_signed;	   /* the value is shown signed (spec, or as the kernel) */
	unsigned depth;	   /* open collections (End Collection: after closing) */
	uint16_t page;	   /* the usage page in effect */
	const char *error; /* a recoverable error at this item, or NULL */
};

struct rdesc_global {
	uint16_t page;
	int32_t lmin, lmax, pmin, pmax;
	int32_t unit_exp;
	uint32_t unit;
	uint32_t report_size, report_count;
	uint8_t report_id;
};

struct rdesc_field {
	size_t offset; /* of the main item */
	enum rdesc_dir dir;
	uint8_t report_id;
	uint32_t bit; /* position in the report, after the ID byte */
	uint32_t size, count;
	int32_t lmin, lmax;
	uint32_t flags;
	uint32_t usages[RDESC_FIELD_USAGES]; /* page << 16 | usage */
	size_t n_usages;		     /* all usages, even beyond the array */
	bool has_range;
	uint32_t usage_min, usage_max; /* page << 16 | usage */
};

struct rdesc_report {
	uint8_t id; /* 0: no report ID */
	enum rdesc_dir dir;
	uint64_t bits; /* without the ID byte */
};

struct rdesc_summary {
	bool has_ids;
	struct rdesc_report *reports;
	size_t n_reports;
	struct rdesc_field *fields;
	size_t n_fields;
	size_t cap_reports, cap_fields; /* allocated */
};

struct rdesc_iter {
	const uint8_t *data;
	size_t len, pos;
	struct rdesc_global global;
	struct rdesc_global stack[RDESC_STACK_DEPTH];
	unsigned sp;
	/* local state, reset by each main item */
	uint32_t usages[RDESC_FIELD_USAGES];
	size_t n_usages;
	bool has_min, has_max;
	uint32_t usage_min, usage_max;
	unsigned delimiter;
	unsigned depth;
	bool done;
	/* first error */
	bool failed;
	size_t error_offset;
	char error[96];
	/* filled while walking when not NULL */
	struct rdesc_summary *summary;
};

/* summary (may be NULL) is filled during the walk; free it with rdesc_summary_clear(). */
void rdesc_iter_init(struct rdesc_iter *it, const uint8_t *data, size_t len,
		     struct rdesc_summary *summary);

/*
 * The next item. Returns 1 with *item filled, 0 at the end, or -EINVAL
 * when the next item is truncated (it->error says why; no item), or
 * -ENOMEM when the summary cannot grow.
 */
int rdesc_iter_next(struct rdesc_iter *it, struct rdesc_item *item);

/*
 * Walk the rest of the descriptor. 0 when it is well formed, -EINVAL after
 * any error (see it->error and it->error_offset), -ENOMEM.
 */
int rdesc_iter_finish(struct rdesc_iter *it);

void rdesc_summary_clear(struct rdesc_summary *s);

/* "Usage Page", "Input", "Long Item", "Reserved Global 0xd", ... */
const char *rdesc_item_name(const struct rdesc_item *item, char *buf, size_t len);

/*
 * The item as a person reads it: "Usage Page (Generic Desktop Controls)",
 * "Logical Minimum (-127)", "Input (Data,Var,Abs)". Returns buf.
 */
const char *rdesc_item_describe(const struct rdesc_item *item, char *buf, size_t len);

/* Main item flags, "Data,Var,Abs" (plus the bits that are set beyond those). */
const char *rdesc_flags_describe(uint32_t flags, enum rdesc_dir dir, char *buf, size_t len);

const char *rdesc_dir_name(enum rdesc_dir dir);

#define RDESC_PRINT_SUMMARY (1u << 0) /* the report summary after the items */

/*
 * Print one line per item: line_prefix, the offset (decimal, width 4, ": "),
 * the raw bytes in hex padded to a fixed column, two spaces per open
 * collection, the item and its value:
 *
 *   "   0: 05 01           Usage Page (Generic Desktop Controls)"
 *
 * On malformed input, what could be decoded is printed, then one line
 * line_prefix + "error at offset N: reason". Returns 0, -EINVAL (malformed),
 * -ENOMEM or -EIO.
 */
int rdesc_print(FILE *f, const uint8_t *data, size_t len, const char *line_prefix, unsigned flags);

/* One item as rdesc_print() prints it (without prefix and newline). Returns buf. */
const char *rdesc_item_line(const struct rdesc_item *item, char *buf, size_t len);

/* The summary, every line starting with line_prefix. 0 or -EIO. */
int rdesc_summary_print(FILE *f, const struct rdesc_summary *s, const char *line_prefix);

/*
 * Both descriptors' items aligned by a diff over the items (equal raw
 * bytes): unchanged items once ("  " + line, offsets of a), removed ones
 * "- " (offsets of a), added ones "+ " (offsets of b). *changed (if not
 * NULL): the number of removed plus added items. Returns 0, -EINVAL when
 * either is malformed (both still printed as far as they go, with an error
 * line), -ENOMEM or -EIO.
 */
int rdesc_diff_print(FILE *f, const uint8_t *a, size_t alen, const uint8_t *b, size_t blen,
		     const char *line_prefix, size_t *changed);
