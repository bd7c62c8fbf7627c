// SPDX-License-Identifier: GPL-2.0-only
/*
 * HID report descriptor decoder: see rdesc.h. Item layout from HID 1.11
 * section 6.2.2 (short item prefix: bits 0-1 size 0/1/2/4, bits 2-3 type,
 * bits 4-7 tag; 0xfe starts a long item: bDataSize, bLongItemTag, data).
 * Where the spec leaves the reading open, we read values as the kernel's
 * hid-core does (Logical/Physical Maximum unsigned unless the minimum is
 * negative; a Unit Exponent of 0-15 is a 4-bit two's complement nibble).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "macros.h"
#include "rdesc-names.h"
#include "rdesc.h"

enum {
	MAIN_INPUT = 0x8,
	MAIN_OUTPUT = 0x9,
	MAIN_COLLECTION = 0xa,
	MAIN_FEATURE = 0xb,
	MAIN_END_COLLECTION = 0xc,
};

enum {
	GLOBAL_USAGE_PAGE = 0x0,
	GLOBAL_LOGICAL_MIN = 0x1,
	GLOBAL_LOGICAL_MAX = 0x2,
	GLOBAL_PHYSICAL_MIN = 0x3,
	GLOBAL_PHYSICAL_MAX = 0x4,
	GLOBAL_UNIT_EXPONENT = 0x5,
	GLOBAL_UNIT = 0x6,
	GLOBAL_REPORT_SIZE = 0x7,
	GLOBAL_REPORT_ID = 0x8,
	GLOBAL_REPORT_COUNT = 0x9,
	GLOBAL_PUSH = 0xa,
	GLOBAL_POP = 0xb,
};

enum {
	LOCAL_USAGE = 0x0,
	LOCAL_USAGE_MIN = 0x1,
	LOCAL_USAGE_MAX = 0x2,
	LOCAL_DELIMITER = 0xa,
};

#define LONG_ITEM_PREFIX 0xfe
#define HEX_COLUMN	 16 /* raw bytes are padded to this width */
#define HEX_MAX_BYTES	 5  /* long items show this many, then ".." */
#define MAX_INDENT	 32 /* collection levels that are indented */
#define LINE_MAX_LEN	 256

static const char *const main_names[16] = {
	[MAIN_INPUT] = "Input",
	[MAIN_OUTPUT] = "Output",
	[MAIN_COLLECTION] = "Collection",
	[MAIN_FEATURE] = "Feature",
	[MAIN_END_COLLECTION] = "End Collection",
};

static const char *const global_names[16] = {
	"Usage Page",
	"Logical Minimum",
	"Logical Maximum",
	"Physical Minimum",
	"Physical Maximum",
	"Unit Exponent",
	"Unit",
	"Report Size",
	"Report ID",
	"Report Count",
	"Push",
	"Pop",
};

static const char *const local_names[16] = {
	"Usage",
	"Usage Minimum",
	"Usage Maximum",
	"Designator Index",
	"Designator Minimum",
	"Designator Maximum",
	NULL,
	"String Index",
	"String Minimum",
	"String Maximum",
	"Delimiter",
};

static const char *const collection_names[] = {
	"Physical",    "Application",  "Logical",	 "Report",
	"Named Array", "Usage Switch", "Usage Modifier",
};

_printf_(3, 4) static void iter_error(struct rdesc_iter *it, size_t offset, const char *fmt, ...)
{
	va_list ap;

	if (it->failed)
		return;
	it->failed = true;
	it->error_offset = offset;
	va_start(ap, fmt);
	vsnprintf(it->error, sizeof(it->error), fmt, ap);
	va_end(ap);
}

void
rdesc_iter_init(struct rdesc_iter *it, const uint8_t *data, size_t len,
		struct rdesc_summary *summary)
{
	memset(it, 0, sizeof(*it));
	it->data = data;
	it->len = data ? len : 0;
	it->summary = summary;
	if (summary)
		memset(summary, 0, sizeof(*summary));
}

void
rdesc_summary_clear(struct rdesc_summary *s)
{
	if (!s)
		return;
	free(s->reports);
	free(s->fields);
	memset(s, 0, sizeof(*s));
}

/*
 * Make room for one more element in *v (n used, *cap allocated), doubling
 * the allocation: one copy per doubling, not per element. 0 or -ENOMEM.
 */
static int
grow(void **v, size_t size, size_t n, size_t *cap)
{
	size_t want = *cap ? *cap * 2 : 16;
	void *grown;

	if (n < *cap)
		return 0;
	grown = realloc(*v, want * size);
	if (!grown)
		return -ENOMEM;
	*v = grown;
	*cap = want;
	return 0;
}

static void
local_reset(struct rdesc_iter *it)
{
	it->n_usages = 0;
	it->has_min = it->has_max = false;
	it->usage_min = it->usage_max = 0;
}

/* a Usage/Usage Minimum/Maximum of 1 or 2 bytes is on the current page */
static uint32_t
extended_usage(const struct rdesc_iter *it, const struct rdesc_item *item)
{
	if (item->data_len == 4)
		return item->value;
	return (uint32_t)it->global.page << 16 | (item->value & 0xffff);
}

static struct rdesc_report *
summary_report(struct rdesc_summary *s, uint8_t id, enum rdesc_dir dir)
{
	for (size_t i = 0; i < s->n_reports; i++) {
		if (s->reports[i].id == id && s->reports[i].dir == dir)
			return &s->reports[i];
	}
	if (grow((void **)&s->reports, sizeof(*s->reports), s->n_reports, &s->cap_reports) < 0)
		return NULL;
	s->reports[s->n_reports] = (struct rdesc_report){ .id = id, .dir = dir };
	return &s->reports[s->n_reports++];
}

static int
summary_add_field(struct rdesc_iter *it, const struct rdesc_item *item, enum rdesc_dir dir)
{
	struct rdesc_summary *s = it->summary;
	struct rdesc_report *r;
	struct rdesc_field *f;

	if (!s)
		return 0;
	r = summary_report(s, it->global.report_id, dir);
	if (!r)
		return -ENOMEM;
	if (grow((void **)&s->fields, sizeof(*s->fields), s->n_fields, &s->cap_fields) < 0)
		return -ENOMEM;
	f = &s->fields[s->n_fields++];
	*f = (struct rdesc_field){
		.offset = item->offset,
		.dir = dir,
		.report_id = it->global.report_id,
		.bit = (uint32_t)(r->bits > UINT32_MAX ? UINT32_MAX : r->bits),
		.size = it->global.report_size,
		.count = it->global.report_count,
		.lmin = it->global.lmin,
		.lmax = it->global.lmax,
		.flags = item->value,
		.n_usages = it->n_usages,
		.has_range = it->has_min || it->has_max,
		.usage_min = it->usage_min,
		.usage_max = it->usage_max,
	};
	memcpy(f->usages, it->usages, sizeof(f->usages));
	r->bits += (uint64_t)it->global.report_size * it->global.report_count;
	return 0;
}

static int
apply_main(struct rdesc_iter *it, struct rdesc_item *item)
{
	int r = 0;

	switch (item->tag) {
	case MAIN_INPUT:
		r = summary_add_field(it, item, RDESC_INPUT);
		break;
	case MAIN_OUTPUT:
		r = summary_add_field(it, item, RDESC_OUTPUT);
		break;
	case MAIN_FEATURE:
		r = summary_add_field(it, item, RDESC_FEATURE);
		break;
	case MAIN_COLLECTION:
		it->depth++;
		break;
	case MAIN_END_COLLECTION:
		if (it->depth == 0)
			item->error = "End Collection without Collection";
		else
			it->depth--;
		item->depth = it->depth;
		break;
	default:
		/* the kernel only warns (trailing zero bytes are common) */
		break;
	}
	local_reset(it);
	return r;
}

static void
apply_global(struct rdesc_iter *it, struct rdesc_item *item)
{
	struct rdesc_global *g = &it->global;

	switch (item->tag) {
	case GLOBAL_USAGE_PAGE:
		g->page = item->value & 0xffff;
		item->page = g->page;
		break;
	case GLOBAL_LOGICAL_MIN:
		g->lmin = item->svalue;
		item->is_signed = true;
		break;
	case GLOBAL_LOGICAL_MAX:
		item->is_signed = g->lmin < 0;
		g->lmax = item->is_signed ? item->svalue : (int32_t)item->value;
		break;
	case GLOBAL_PHYSICAL_MIN:
		g->pmin = item->svalue;
		item->is_signed = true;
		break;
	case GLOBAL_PHYSICAL_MAX:
		item->is_signed = g->pmin < 0;
		g->pmax = item->is_signed ? item->svalue : (int32_t)item->value;
		break;
	case GLOBAL_UNIT_EXPONENT:
		if (item->value <= 0xf)
			item->svalue =
				item->value >= 8 ? (int32_t)item->value - 16 : (int32_t)item->value;
		g->unit_exp = item->svalue;
		item->is_signed = true;
		break;
	case GLOBAL_UNIT:
		g->unit = item->value;
		break;
	case GLOBAL_REPORT_SIZE:
		g->report_size = item->value;
		if (item->value > RDESC_MAX_REPORT_SIZE)
			item->error = "Report Size above 256 bits";
		break;
	case GLOBAL_REPORT_ID:
		g->report_id = item->value & 0xff;
		if (it->summary)
			it->summary->has_ids = true;
		if (item->value == 0)
			item->error = "Report ID 0";
		else if (item->value > 0xff)
			item->error = "Report ID above 255";
		break;
	case GLOBAL_REPORT_COUNT:
		g->report_count = item->value;
		if (item->value > RDESC_MAX_REPORT_COUNT)
			item->error = "Report Count above 12288";
		break;
	case GLOBAL_PUSH:
		if (it->sp >= RDESC_STACK_DEPTH)
			item->error = "Push nested too deep";
		else
			it->stack[it->sp++] = *g;
		break;
	case GLOBAL_POP:
		if (it->sp == 0)
			item->error = "Pop without Push";
		else
			*g = it->stack[--it->sp];
		break;
	default:
		item->error = "unknown global item tag";
		break;
	}
}

static void
apply_local(struct rdesc_iter *it, struct rdesc_item *item)
{
	switch (item->tag) {
	case LOCAL_USAGE:
		if (it->n_usages < RDESC_FIELD_USAGES)
			it->usages[it->n_usages] = extended_usage(it, item);
		it->n_usages++;
		break;
	case LOCAL_USAGE_MIN:
		it->usage_min = extended_usage(it, item);
		it->has_min = true;
		break;
	case LOCAL_USAGE_MAX:
		it->usage_max = extended_usage(it, item);
		it->has_max = true;
		break;
	case LOCAL_DELIMITER:
		if (item->value == 1) {
			if (it->delimiter)
				item->error = "nested Delimiter";
			it->delimiter = 1;
		} else if (item->value == 0) {
			if (!it->delimiter)
				item->error = "Delimiter close without open";
			it->delimiter = 0;
		} else {
			item->error = "Delimiter value neither 0 nor 1";
		}
		break;
	default:
		break;
	}
}

static int
iter_fatal(struct rdesc_iter *it, size_t offset, const char *what, size_t need, size_t left)
{
	iter_error(it, offset, "%s: %zu data bytes, %zu left", what, need, left);
	it->done = true;
	return -EINVAL;
}

int
rdesc_iter_next(struct rdesc_iter *it, struct rdesc_item *item)
{
	size_t off = it->pos, left;
	uint8_t prefix;
	int r = 0;

	if (it->done)
		return 0;
	if (off >= it->len) {
		it->done = true;
		if (it->depth)
			iter_error(it, it->len, "%u Collection(s) not closed at the end",
				   it->depth);
		else if (it->delimiter)
			iter_error(it, it->len, "Delimiter not closed at the end");
		return 0;
	}
	memset(item, 0, sizeof(*item));
	prefix = it->data[off];
	left = it->len - off - 1;
	item->offset = off;
	item->raw = it->data + off;
	item->depth = it->depth;
	item->page = it->global.page;
	if (prefix == LONG_ITEM_PREFIX) {
		if (left < 2)
			return iter_fatal(it, off, "long item header truncated", 2, left);
		item->data_len = it->data[off + 1];
		if (left - 2 < item->data_len)
			return iter_fatal(it, off, "long item runs past the end", item->data_len,
					  left - 2);
		item->long_item = true;
		item->type = RDESC_TYPE_RESERVED;
		item->tag = it->data[off + 2];
		item->len = 3 + item->data_len;
		it->pos += item->len;
		return 1;
	}

	item->data_len = (prefix & 3) == 3 ? 4 : prefix & 3;
	if (left < item->data_len)
		return iter_fatal(it, off, "item truncated", item->data_len, left);
	item->type = (prefix >> 2) & 3;
	item->tag = prefix >> 4;
	item->len = 1 + item->data_len;
	for (size_t i = 0; i < item->data_len; i++)
		item->value |= (uint32_t)it->data[off + 1 + i] << (8 * i);
	switch (item->data_len) {
	case 1:
		item->svalue = (int8_t)item->value;
		break;
	case 2:
		item->svalue = (int16_t)item->value;
		break;
	default:
		item->svalue = (int32_t)item->value;
		break;
	}
	it->pos += item->len;

	switch (item->type) {
	case RDESC_TYPE_MAIN:
		r = apply_main(it, item);
		break;
	case RDESC_TYPE_GLOBAL:
		apply_global(it, item);
		break;
	case RDESC_TYPE_LOCAL:
		apply_local(it, item);
		break;
	default:
		break;
	}
	if (r < 0) {
		it->done = true;
		return r;
	}
	if (item->error)
		iter_error(it, off, "%s", item->error);
	return 1;
}

int
rdesc_iter_finish(struct rdesc_iter *it)
{
	struct rdesc_item item;
	int r;

	while ((r = rdesc_iter_next(it, &item)) > 0)
		;
	if (r < 0)
		return r;
	return it->failed ? -EINVAL : 0;
}

/* ---- names ---- */

const char *
rdesc_dir_name(enum rdesc_dir dir)
{
	switch (dir) {
	case RDESC_INPUT:
		return "Input";
	case RDESC_OUTPUT:
		return "Output";
	default:
		return "Feature";
	}
}

const char *
rdesc_item_name(const struct rdesc_item *item, char *buf, size_t len)
{
	static const char *const types[] = { "Main", "Global", "Local", "Reserved" };
	const char *name = NULL;

	if (item->long_item) {
		snprintf(buf, len, "Long Item");
		return buf;
	}
	switch (item->type) {
	case RDESC_TYPE_MAIN:
		name = main_names[item->tag];
		break;
	case RDESC_TYPE_GLOBAL:
		name = global_names[item->tag];
		break;
	case RDESC_TYPE_LOCAL:
		name = local_names[item->tag];
		break;
	default:
		break;
	}
	if (name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "Reserved %s 0x%x", types[item->type], item->tag);
	return buf;
}

/* appends to buf at *pos, never past len */
_printf_(4, 5) static void append(char *buf, size_t len, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, len - *pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		*pos = *pos + (size_t)n < len ? *pos + (size_t)n : len - 1;
}

const char *
rdesc_flags_describe(uint32_t flags, enum rdesc_dir dir, char *buf, size_t len)
{
	static const char *const extra[][2] = {
		{ NULL, "Wrap" },
		{ NULL, "NLin" },
		{ NULL, "NPrf" },
		{ NULL, "Null" },
	};
	size_t pos = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	append(buf, len, &pos, "%s,%s,%s", flags & 1 ? "Cnst" : "Data", flags & 2 ? "Var" : "Arr",
	       flags & 4 ? "Rel" : "Abs");
	for (unsigned bit = 3; bit <= 6; bit++) {
		if (flags & (1u << bit))
			append(buf, len, &pos, ",%s", extra[bit - 3][1]);
	}
	if (flags & 0x80)
		append(buf, len, &pos, dir == RDESC_INPUT ? ",Bit7" : ",Vol");
	if (flags & 0x100)
		append(buf, len, &pos, ",Buff");
	if (flags & ~0x1ffu)
		append(buf, len, &pos, ",0x%x", flags & ~0x1ffu);
	return buf;
}

static void
describe_unit(uint32_t unit, char *buf, size_t len)
{
	static const char *const systems[] = { "None", "SI Linear", "SI Rotation", "English Linear",
					       "English Rotation" };
	/* per nibble 1-6, per system 1-4 */
	static const char *const units[6][4] = {
		{ "cm", "rad", "in", "deg" }, { "g", "g", "slug", "slug" },
		{ "s", "s", "s", "s" },	      { "K", "K", "F", "F" },
		{ "A", "A", "A", "A" },	      { "cd", "cd", "cd", "cd" },
	};
	unsigned sys = unit & 0xf;
	size_t pos = 0;

	buf[0] = '\0';
	if (unit == 0) {
		append(buf, len, &pos, "None");
		return;
	}
	if (sys == 0 || sys > 4 || (unit >> 28)) {
		append(buf, len, &pos, "0x%08x", unit);
		return;
	}
	append(buf, len, &pos, "%s:", systems[sys]);
	for (unsigned i = 0; i < 6; i++) {
		int e = (unit >> (4 * (i + 1))) & 0xf;

		if (!e)
			continue;
		if (e >= 8)
			e -= 16;
		append(buf, len, &pos, " %s", units[i][sys - 1]);
		if (e != 1)
			append(buf, len, &pos, "^%d", e);
	}
}

static void
describe_usage(uint32_t ext, bool show_page, char *buf, size_t len)
{
	char page[64], name[96];

	rdesc_usage_name(ext >> 16, ext & 0xffff, name, sizeof(name), NULL);
	if (show_page)
		snprintf(buf, len, "%s: %s", rdesc_page_name(ext >> 16, page, sizeof(page)), name);
	else
		snprintf(buf, len, "%s", name);
}

const char *
rdesc_item_describe(const struct rdesc_item *item, char *buf, size_t len)
{
	char name[64], val[160];
	size_t pos = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	rdesc_item_name(item, name, sizeof(name));
	val[0] = '\0';
	if (item->long_item) {
		append(buf, len, &pos, "Long Item (tag 0x%02x, %zu bytes)", item->tag,
		       item->data_len);
		return buf;
	}
	switch (item->type) {
	case RDESC_TYPE_MAIN:
		if (item->tag == MAIN_INPUT || item->tag == MAIN_OUTPUT ||
		    item->tag == MAIN_FEATURE) {
			enum rdesc_dir dir = item->tag == MAIN_INPUT	? RDESC_INPUT
					     : item->tag == MAIN_OUTPUT ? RDESC_OUTPUT
									: RDESC_FEATURE;

			rdesc_flags_describe(item->value, dir, val, sizeof(val));
		} else if (item->tag == MAIN_COLLECTION) {
			if (item->value < ARRAY_SIZE(collection_names))
				snprintf(val, sizeof(val), "%s", collection_names[item->value]);
			else if (item->value >= 0x80 && item->value <= 0xff)
				snprintf(val, sizeof(val), "Vendor Defined 0x%02x", item->value);
			else
				snprintf(val, sizeof(val), "Reserved 0x%02x", item->value);
		} else if (item->data_len) {
			snprintf(val, sizeof(val), "0x%x", item->value);
		}
		break;
	case RDESC_TYPE_GLOBAL:
		if (item->tag == GLOBAL_USAGE_PAGE)
			rdesc_page_name(item->value & 0xffff, val, sizeof(val));
		else if (item->tag == GLOBAL_UNIT)
			describe_unit(item->value, val, sizeof(val));
		else if ((item->tag == GLOBAL_PUSH || item->tag == GLOBAL_POP) && !item->data_len)
			;
		else if (item->is_signed)
			snprintf(val, sizeof(val), "%d", item->svalue);
		else
			snprintf(val, sizeof(val), "%u", item->value);
		break;
	case RDESC_TYPE_LOCAL:
		if (item->tag == LOCAL_USAGE) {
			uint32_t ext = item->data_len == 4 ? item->value
							   : (uint32_t)item->page << 16 |
								     (item->value & 0xffff);

			describe_usage(ext, item->data_len == 4, val, sizeof(val));
		} else if (item->tag == LOCAL_DELIMITER && item->value <= 1) {
			snprintf(val, sizeof(val), "%s", item->value ? "Open" : "Close");
		} else {
			snprintf(val, sizeof(val), "%u", item->value);
		}
		break;
	default:
		snprintf(val, sizeof(val), "0x%x", item->value);
		break;
	}
	if (val[0])
		append(buf, len, &pos, "%s (%s)", name, val);
	else
		append(buf, len, &pos, "%s", name);
	return buf;
}

const char *
rdesc_item_line(const struct rdesc_item *item, char *buf, size_t len)
{
	char desc[LINE_MAX_LEN];
	size_t pos = 0, start, shown = item->len;
	unsigned indent = item->depth < MAX_INDENT ? item->depth : MAX_INDENT;

	if (!len)
		return buf;
	buf[0] = '\0';
	append(buf, len, &pos, "%4zu: ", item->offset);
	start = pos;
	if (shown > HEX_MAX_BYTES)
		shown = HEX_MAX_BYTES - 1;
	for (size_t i = 0; i < shown; i++)
		append(buf, len, &pos, "%02x ", item->raw[i]);
	if (shown < item->len)
		append(buf, len, &pos, ".. ");
	append(buf, len, &pos, "%*s",
	       (int)(pos - start < HEX_COLUMN ? HEX_COLUMN - (pos - start) : 0), "");
	append(buf, len, &pos, "%*s%s", (int)indent * 2, "",
	       rdesc_item_describe(item, desc, sizeof(desc)));
	return buf;
}

/* ---- print ---- */

static void
usages_describe(const struct rdesc_field *f, char *buf, size_t len)
{
	char u[192];
	size_t pos = 0, n = f->n_usages < RDESC_FIELD_USAGES ? f->n_usages : RDESC_FIELD_USAGES;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		describe_usage(f->usages[i], i == 0, u, sizeof(u));
		append(buf, len, &pos, "%s%s", i ? ", " : "", u);
	}
	if (f->n_usages > n)
		append(buf, len, &pos, ", ... (%zu usages)", f->n_usages);
	if (f->has_range) {
		describe_usage(f->usage_min, n == 0, u, sizeof(u));
		append(buf, len, &pos, "%s%s..", n ? "; " : "", u);
		describe_usage(f->usage_max, false, u, sizeof(u));
		append(buf, len, &pos, "%s", u);
	}
	if (!pos)
		append(buf, len, &pos, "%s", f->flags & 1 ? "(padding)" : "(no usage)");
}

static int
report_cmp(const void *a, const void *b)
{
	const struct rdesc_report *x = a, *y = b;

	if (x->id != y->id)
		return (int)x->id - (int)y->id;
	return (int)x->dir - (int)y->dir;
}

int
rdesc_summary_print(FILE *f, const struct rdesc_summary *s, const char *line_prefix)
{
	_cleanup_free_ struct rdesc_report *sorted = NULL;
	const char *p = line_prefix ? line_prefix : "";

	fprintf(f, "%sReport summary (%zu report%s):\n", p, s->n_reports,
		s->n_reports == 1 ? "" : "s");
	if (!s->n_reports)
		return ferror(f) ? -EIO : 0;
	sorted = malloc(s->n_reports * sizeof(*sorted));
	if (!sorted)
		return -ENOMEM;
	memcpy(sorted, s->reports, s->n_reports * sizeof(*sorted));
	qsort(sorted, s->n_reports, sizeof(*sorted), report_cmp);
	for (size_t i = 0; i < s->n_reports; i++) {
		const struct rdesc_report *r = &sorted[i];
		uint64_t bytes = (r->bits + 7) / 8;

		if (s->has_ids)
			fprintf(f,
				"%s  %s report %u: %llu bits, %llu bytes + report ID = %llu "
				"bytes\n",
				p, rdesc_dir_name(r->dir), r->id, (unsigned long long)r->bits,
				(unsigned long long)bytes, (unsigned long long)bytes + 1);
		else
			fprintf(f, "%s  %s report: %llu bits, %llu bytes\n", p,
				rdesc_dir_name(r->dir), (unsigned long long)r->bits,
				(unsigned long long)bytes);
		for (size_t j = 0; j < s->n_fields; j++) {
			const struct rdesc_field *fl = &s->fields[j];
			char flags[64], usages[LINE_MAX_LEN * 2];

			if (fl->report_id != r->id || fl->dir != r->dir)
				continue;
			rdesc_flags_describe(fl->flags, fl->dir, flags, sizeof(flags));
			usages_describe(fl, usages, sizeof(usages));
			fprintf(f, "%s    bit %4u: %u x %u bit, logical %d..%d, %s: %s\n", p,
				fl->bit, fl->count, fl->size, fl->lmin, fl->lmax, flags, usages);
		}
	}
	return ferror(f) ? -EIO : 0;
}

int
rdesc_print(FILE *f, const uint8_t *data, size_t len, const char *line_prefix, unsigned flags)
{
	struct rdesc_summary summary = { 0 };
	struct rdesc_iter it;
	struct rdesc_item item;
	const char *p = line_prefix ? line_prefix : "";
	char line[LINE_MAX_LEN * 2];
	int r;

	rdesc_iter_init(&it, data, len, (flags & RDESC_PRINT_SUMMARY) ? &summary : NULL);
	while ((r = rdesc_iter_next(&it, &item)) > 0)
		fprintf(f, "%s%s\n", p, rdesc_item_line(&item, line, sizeof(line)));
	if (r == -ENOMEM) {
		rdesc_summary_clear(&summary);
		return r;
	}
	if (it.failed)
		fprintf(f, "%serror at offset %zu: %s\n", p, it.error_offset, it.error);
	if (flags & RDESC_PRINT_SUMMARY) {
		r = rdesc_summary_print(f, &summary, p);
		rdesc_summary_clear(&summary);
		if (r < 0)
			return r;
	}
	if (ferror(f))
		return -EIO;
	return it.failed ? -EINVAL : 0;
}

/* ---- diff ---- */

struct diff_item {
	const uint8_t *raw;
	size_t len;
	uint64_t key; /* equal items have equal keys */
	char line[LINE_MAX_LEN];
};

struct diff_side {
	struct diff_item *items;
	size_t n, cap;
	struct rdesc_iter it;
};

static int
diff_collect(struct diff_side *d, const uint8_t *data, size_t len)
{
	struct rdesc_item item;
	int r;

	rdesc_iter_init(&d->it, data, len, NULL);
	while ((r = rdesc_iter_next(&d->it, &item)) > 0) {
		if (grow((void **)&d->items, sizeof(*d->items), d->n, &d->cap) < 0)
			return -ENOMEM;
		d->items[d->n].raw = item.raw;
		d->items[d->n].len = item.len;
		d->items[d->n].key = item.len;
		for (size_t i = 0; i < item.len; i++) /* a hash, confirmed by memcmp */
			d->items[d->n].key = d->items[d->n].key * 257 + item.raw[i];
		rdesc_item_line(&item, d->items[d->n].line, sizeof(d->items[d->n].line));
		d->n++;
	}
	return r == -ENOMEM ? r : 0;
}

static bool
diff_equal(const struct diff_item *a, const struct diff_item *b)
{
	return a->key == b->key && a->len == b->len && !memcmp(a->raw, b->raw, a->len);
}

/* above this many cells the middle is shown as all removed, then all added */
#define DIFF_MAX_CELLS (1024u * 1024)

static void
diff_emit(FILE *f, const char *p, char mark, const struct diff_item *item, size_t *changed)
{
	fprintf(f, "%s%c %s\n", p, mark, item->line);
	if (mark != ' ')
		(*changed)++;
}

static int
diff_middle(FILE *f, const char *p, const struct diff_item *a, size_t n, const struct diff_item *b,
	    size_t m, size_t *changed)
{
	_cleanup_free_ uint16_t *lcs = NULL;
	size_t i = 0, j = 0, w = m + 1;

	if (n && m && n * m <= DIFF_MAX_CELLS) {
		lcs = calloc((n + 1) * w, sizeof(*lcs));
		if (!lcs)
			return -ENOMEM;
		/* lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..] */
		for (size_t x = n; x-- > 0;) {
			for (size_t y = m; y-- > 0;) {
				if (diff_equal(&a[x], &b[y]))
					lcs[x * w + y] = lcs[(x + 1) * w + y + 1] + 1;
				else if (lcs[(x + 1) * w + y] >= lcs[x * w + y + 1])
					lcs[x * w + y] = lcs[(x + 1) * w + y];
				else
					lcs[x * w + y] = lcs[x * w + y + 1];
			}
		}
	}
	while (i < n || j < m) {
		if (lcs && i < n && j < m && diff_equal(&a[i], &b[j])) {
			diff_emit(f, p, ' ', &a[i], changed);
			i++;
			j++;
		} else if (i < n &&
			   (j >= m || !lcs || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
			diff_emit(f, p, '-', &a[i++], changed);
		} else {
			diff_emit(f, p, '+', &b[j++], changed);
		}
	}
	return 0;
}

int
rdesc_diff_print(FILE *f, const uint8_t *a, size_t alen, const uint8_t *b, size_t blen,
		 const char *line_prefix, size_t *changed)
{
	struct diff_side da = { 0 }, db = { 0 };
	const char *p = line_prefix ? line_prefix : "";
	size_t head = 0, tail = 0, n_changed = 0;
	int r;

	r = diff_collect(&da, a, alen);
	if (r >= 0)
		r = diff_collect(&db, b, blen);
	if (r < 0)
		goto out;
	while (head < da.n && head < db.n && diff_equal(&da.items[head], &db.items[head]))
		head++;
	while (tail < da.n - head && tail < db.n - head &&
	       diff_equal(&da.items[da.n - 1 - tail], &db.items[db.n - 1 - tail]))
		tail++;
	for (size_t i = 0; i < head; i++)
		diff_emit(f, p, ' ', &da.items[i], &n_changed);
	/* no items: no array either (NULL + 0 is not defined) */
	r = diff_middle(f, p, da.n ? da.items + head : NULL, da.n - head - tail,
			db.n ? db.items + head : NULL, db.n - head - tail, &n_changed);
	if (r < 0)
		goto out;
	for (size_t i = da.n - tail; i < da.n; i++)
		diff_emit(f, p, ' ', &da.items[i], &n_changed);
	if (da.it.failed)
		fprintf(f, "%s- error at offset %zu: %s\n", p, da.it.error_offset, da.it.error);
	if (db.it.failed)
		fprintf(f, "%s+ error at offset %zu: %s\n", p, db.it.error_offset, db.it.error);
	if (changed)
		*changed = n_changed;
	r = ferror(f) ? -EIO : (da.it.failed || db.it.failed) ? -EINVAL : 0;
out:
	free(da.items);
	free(db.items);
	return r;
}
