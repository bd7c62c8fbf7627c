// SPDX-License-Identifier: GPL-2.0-only
/*
 * hidfix-patchgen: turn a declarative descriptor patch into the C source
 * of a fixup, compiled by the build like any hand-written one.
 *
 *   hidfix-patchgen NNNN-Vendor__Product.patch OUT.bpf.c
 *
 * A patch file says "if the descriptor is exactly N bytes and these bytes
 * hold these values, rewrite those bytes":
 *
 *   # What the hardware gets wrong, the original bytes with their
 *   # offsets, what changes and why. This leading comment block is
 *   # copied into the generated source.
 *   device = USB 24AE:2015        bus name (USB, Bluetooth, I2C, PCI,
 *                                 virtual) or 4 hex digits, VID:PID in hex;
 *                                 several lines for several devices
 *   group = generic               optional: any, generic, multitouch,
 *                                 sensor-hub, multitouch-win-8 or 4 hex digits
 *   name = rapoo_m50              optional: the struct_ops variable (the
 *                                 pin name); default from the file name
 *   size = 186                    the exact descriptor size
 *   check = 24 95 05              OFFSET BYTES...: must match, not changed
 *   patch = 17 03 -> 05           OFFSET OLD... -> NEW...: must match, then
 *                                 rewritten
 *
 * Offsets are decimal (or 0x hex), bytes two hex digits each. Every range
 * lies inside the descriptor, no two ranges overlap and a patch changes
 * at least one byte. The generated probe accepts only a descriptor of the
 * given size where every checked and every OLD byte matches; the rdesc
 * hook checks the same again before it writes. Any problem is one
 * "file:line: message" and exit 1, with no output left behind.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "string-util.h"
#include "errmsg.h"
#include "log.h"

#define GENERATOR	  "hidfix-patchgen"
#define PATCH_LINE_MAX	  1024
#define PATCH_MAX_RDESC	  4096 /* HID_MAX_DESCRIPTOR_SIZE */
#define PATCH_MAX_BYTES	  64   /* per check or patch line */
#define PATCH_MAX_RANGES  64
#define PATCH_MAX_DEVICES 16
#define PATCH_MAX_COMMENT 200
#define PATCH_NAME_MAX	  40

struct patch_range {
	unsigned line;
	unsigned offset;
	unsigned len;
	bool is_patch;
	uint8_t old[PATCH_MAX_BYTES]; /* the bytes that must match */
	uint8_t new[PATCH_MAX_BYTES]; /* patches only */
};

struct patch_device {
	uint16_t bus;
	uint32_t vid, pid;
};

struct patch_spec {
	const char *path;
	char file_name[256]; /* "0010-Vendor__Product.patch" */
	char name[PATCH_NAME_MAX + 1];
	unsigned name_line, group_line, size_line;
	uint16_t group;
	unsigned size;
	struct patch_device devices[PATCH_MAX_DEVICES];
	size_t n_devices;
	struct patch_range ranges[PATCH_MAX_RANGES];
	size_t n_ranges;
	char *comment[PATCH_MAX_COMMENT];
	size_t n_comment;
	bool comment_done;
};

static void
spec_clear(struct patch_spec *s)
{
	for (size_t i = 0; i < s->n_comment; i++)
		free(s->comment[i]);
}

/* exactly width hex digits */
static int
parse_hex(const char *s, size_t width, uint32_t *out)
{
	uint32_t v = 0;

	if (strlen(s) != width)
		return -EBADMSG;
	for (; *s; s++) {
		if (!isxdigit((unsigned char)*s))
			return -EBADMSG;
		v = v * 16 + (isdigit((unsigned char)*s) ? *s - '0' : tolower(*s) - 'a' + 10);
	}
	*out = v;
	return 0;
}

/* decimal, or hex with 0x; below max */
static int
parse_offset(const char *s, unsigned max, unsigned *out)
{
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	unsigned long v;
	char *end;

	if (hex ? !isxdigit((unsigned char)s[2]) : !isdigit((unsigned char)s[0]))
		return -EBADMSG;
	errno = 0;
	v = strtoul(s, &end, hex ? 16 : 10);
	if (errno || *end || v >= max)
		return -EBADMSG;
	*out = v;
	return 0;
}

static int
parse_bus(const char *s, uint16_t *bus)
{
	static const struct {
		const char *name;
		uint16_t bus;
	} buses[] = {
		{ "PCI", 0x01 },     { "USB", 0x03 }, { "Bluetooth", 0x05 },
		{ "virtual", 0x06 }, { "I2C", 0x18 },
	};
	uint32_t v;

	for (size_t i = 0; i < ARRAY_SIZE(buses); i++) {
		if (!strcasecmp(s, buses[i].name)) {
			*bus = buses[i].bus;
			return 0;
		}
	}
	if (parse_hex(s, 4, &v) < 0)
		return -EBADMSG;
	*bus = v;
	return 0;
}

static int
parse_group(const char *s, uint16_t *group)
{
	static const char *const groups[] = { "any", "generic", "multitouch", "sensor-hub",
					      "multitouch-win-8" };
	uint32_t v;

	for (size_t i = 0; i < ARRAY_SIZE(groups); i++) {
		if (!strcasecmp(s, groups[i])) {
			*group = i;
			return 0;
		}
	}
	if (parse_hex(s, 4, &v) < 0)
		return -EBADMSG;
	*group = v;
	return 0;
}

static bool
valid_identifier(const char *s)
{
	if (!*s || strlen(s) > PATCH_NAME_MAX || isdigit((unsigned char)*s))
		return false;
	for (; *s; s++) {
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	}
	return true;
}

/* "BUS VID:PID" */
static int
parse_device(struct patch_spec *s, char *value, unsigned lineno, char *err, size_t errlen)
{
	char *save = NULL, *bus = strtok_r(value, " \t", &save),
	     *ids = strtok_r(NULL, " \t", &save);
	struct patch_device *d;
	char *colon;

	if (s->n_devices == PATCH_MAX_DEVICES) {
		errmsg_set(err, errlen, "%s:%u: more than %d devices", s->path, lineno,
			   PATCH_MAX_DEVICES);
		return -EBADMSG;
	}
	d = &s->devices[s->n_devices];
	colon = ids ? strchr(ids, ':') : NULL;
	if (!bus || !colon || strtok_r(NULL, " \t", &save)) {
		errmsg_set(err, errlen, "%s:%u: device must be 'BUS VID:PID' (USB 24AE:2015)",
			   s->path, lineno);
		return -EBADMSG;
	}
	*colon = '\0';
	if (parse_bus(bus, &d->bus) < 0) {
		errmsg_set(
			err, errlen,
			"%s:%u: bus '%s' is not USB, Bluetooth, I2C, PCI, virtual or 4 hex digits",
			s->path, lineno, bus);
		return -EBADMSG;
	}
	if (parse_hex(ids, 4, &d->vid) < 0 || parse_hex(colon + 1, 4, &d->pid) < 0) {
		errmsg_set(err, errlen, "%s:%u: '%s:%s' is not VID:PID in 4 hex digits each",
			   s->path, lineno, ids, colon + 1);
		return -EBADMSG;
	}
	s->n_devices++;
	return 0;
}

/* "OFFSET XX XX..." or "OFFSET XX... -> YY..." */
static int
parse_range(struct patch_spec *s, char *value, bool is_patch, unsigned lineno, char *err,
	    size_t errlen)
{
	const char *key = is_patch ? "patch" : "check";
	char *save = NULL, *t = strtok_r(value, " \t", &save);
	struct patch_range *rg;
	unsigned n_new = 0;
	bool arrow = false;

	if (s->n_ranges == PATCH_MAX_RANGES) {
		errmsg_set(err, errlen, "%s:%u: more than %d check and patch lines", s->path,
			   lineno, PATCH_MAX_RANGES);
		return -EBADMSG;
	}
	rg = &s->ranges[s->n_ranges];
	*rg = (struct patch_range){ .line = lineno, .is_patch = is_patch };
	if (!t || parse_offset(t, PATCH_MAX_RDESC, &rg->offset) < 0) {
		errmsg_set(err, errlen, "%s:%u: %s: '%s' is not an offset below %d", s->path,
			   lineno, key, t ? t : "", PATCH_MAX_RDESC);
		return -EBADMSG;
	}
	while ((t = strtok_r(NULL, " \t", &save))) {
		uint32_t v;

		if (!strcmp(t, "->")) {
			if (!is_patch || arrow) {
				errmsg_set(err, errlen, "%s:%u: %s: unexpected '->'", s->path,
					   lineno, key);
				return -EBADMSG;
			}
			arrow = true;
			continue;
		}
		if (parse_hex(t, 2, &v) < 0) {
			errmsg_set(err, errlen, "%s:%u: %s: '%s' is not a byte (two hex digits)",
				   s->path, lineno, key, t);
			return -EBADMSG;
		}
		if ((arrow ? n_new : rg->len) == PATCH_MAX_BYTES) {
			errmsg_set(err, errlen, "%s:%u: %s: more than %d bytes", s->path, lineno,
				   key, PATCH_MAX_BYTES);
			return -EBADMSG;
		}
		if (arrow)
			rg->new[n_new++] = v;
		else
			rg->old[rg->len++] = v;
	}
	if (!rg->len) {
		errmsg_set(err, errlen, "%s:%u: %s: no bytes after the offset", s->path, lineno,
			   key);
		return -EBADMSG;
	}
	if (is_patch && (!arrow || n_new != rg->len)) {
		errmsg_set(err, errlen,
			   "%s:%u: patch must be 'OFFSET OLD... -> NEW...' with as many NEW "
			   "bytes as OLD",
			   s->path, lineno);
		return -EBADMSG;
	}
	if (is_patch && !memcmp(rg->old, rg->new, rg->len)) {
		errmsg_set(err, errlen, "%s:%u: patch: NEW bytes equal OLD: it changes nothing",
			   s->path, lineno);
		return -EBADMSG;
	}
	s->n_ranges++;
	return 0;
}

static int
parse_line(struct patch_spec *s, char *line, unsigned lineno, char *err, size_t errlen)
{
	char *t = strip(line), *eq, *key, *value;

	if (*t == '#') {
		if (s->comment_done)
			return 0;
		t++;
		if (*t == ' ')
			t++;
		if (strstr(t, "*/")) {
			errmsg_set(err, errlen, "%s:%u: '*/' in the comment block", s->path,
				   lineno);
			return -EBADMSG;
		}
		if (s->n_comment == PATCH_MAX_COMMENT) {
			errmsg_set(err, errlen, "%s:%u: comment block longer than %d lines",
				   s->path, lineno, PATCH_MAX_COMMENT);
			return -EBADMSG;
		}
		s->comment[s->n_comment] = strdup(t);
		if (!s->comment[s->n_comment])
			return -ENOMEM;
		s->n_comment++;
		return 0;
	}
	if (!*t) {
		if (s->n_comment)
			s->comment_done = true;
		return 0;
	}
	s->comment_done = true;
	eq = strchr(t, '=');
	if (!eq) {
		errmsg_set(err, errlen, "%s:%u: expected 'key = value'", s->path, lineno);
		return -EBADMSG;
	}
	*eq = '\0';
	key = strip(t);
	value = strip(eq + 1);
	if (!*value) {
		errmsg_set(err, errlen, "%s:%u: empty value for '%s'", s->path, lineno, key);
		return -EBADMSG;
	}
	if (!strcmp(key, "device"))
		return parse_device(s, value, lineno, err, errlen);
	if (!strcmp(key, "check") || !strcmp(key, "patch"))
		return parse_range(s, value, key[0] == 'p', lineno, err, errlen);
	if (!strcmp(key, "size") || !strcmp(key, "group") || !strcmp(key, "name")) {
		unsigned *seen = key[0] == 's'	 ? &s->size_line
				 : key[0] == 'g' ? &s->group_line
						 : &s->name_line;

		if (*seen) {
			errmsg_set(err, errlen, "%s:%u: '%s' appears twice (first on line %u)",
				   s->path, lineno, key, *seen);
			return -EBADMSG;
		}
		*seen = lineno;
		if (key[0] == 's' &&
		    (parse_offset(value, PATCH_MAX_RDESC + 1, &s->size) < 0 || !s->size)) {
			errmsg_set(err, errlen, "%s:%u: size '%s' is not between 1 and %d", s->path,
				   lineno, value, PATCH_MAX_RDESC);
			return -EBADMSG;
		}
		if (key[0] == 'g' && parse_group(value, &s->group) < 0) {
			errmsg_set(err, errlen,
				   "%s:%u: group '%s' is not any, generic, multitouch, sensor-hub, "
				   "multitouch-win-8 or 4 hex digits",
				   s->path, lineno, value);
			return -EBADMSG;
		}
		if (key[0] == 'n') {
			if (!valid_identifier(value)) {
				errmsg_set(err, errlen,
					   "%s:%u: name '%s' is not a C identifier of at most %d "
					   "characters",
					   s->path, lineno, value, PATCH_NAME_MAX);
				return -EBADMSG;
			}
			snprintf(s->name, sizeof(s->name), "%s", value);
		}
		return 0;
	}
	errmsg_set(err, errlen,
		   "%s:%u: unknown key '%s' (known: device, group, name, size, check, patch)",
		   s->path, lineno, key);
	return -EBADMSG;
}

/* what only the whole file can tell: required keys, ranges against size and each other */
static int
spec_finish(struct patch_spec *s, unsigned last_line, char *err, size_t errlen)
{
	bool has_patch = false;

	if (!s->n_devices || !s->size_line) {
		errmsg_set(err, errlen, "%s:%u: missing key '%s'", s->path, last_line,
			   !s->n_devices ? "device" : "size");
		return -EBADMSG;
	}
	for (size_t i = 0; i < s->n_ranges; i++) {
		const struct patch_range *a = &s->ranges[i];

		has_patch = has_patch || a->is_patch;
		if (a->offset + a->len > s->size) {
			errmsg_set(err, errlen,
				   "%s:%u: bytes %u-%u lie beyond the %u-byte descriptor (size, "
				   "line %u)",
				   s->path, a->line, a->offset, a->offset + a->len - 1, s->size,
				   s->size_line);
			return -EBADMSG;
		}
		for (size_t j = 0; j < i; j++) {
			const struct patch_range *b = &s->ranges[j];

			if (a->offset < b->offset + b->len && b->offset < a->offset + a->len) {
				errmsg_set(err, errlen,
					   "%s:%u: bytes %u-%u overlap bytes %u-%u of line %u",
					   s->path, a->line, a->offset, a->offset + a->len - 1,
					   b->offset, b->offset + b->len - 1, b->line);
				return -EBADMSG;
			}
		}
	}
	if (!has_patch) {
		errmsg_set(err, errlen, "%s:%u: missing key 'patch'", s->path, last_line);
		return -EBADMSG;
	}
	return 0;
}

/* "NNNN-Vendor__Product.patch"; the default name is the family in lower case */
static int
spec_set_file_name(struct patch_spec *s, char *err, size_t errlen)
{
	const char *base = strrchr(s->path, '/');
	size_t len, n = 0;

	base = base ? base + 1 : s->path;
	len = strlen(base);
	if (len < 12 || len >= sizeof(s->file_name) || strcmp(base + len - 6, ".patch") ||
	    strspn(base, "0123456789") != 4 || base[4] != '-') {
		errmsg_set(err, errlen, "%s: the file name is not NNNN-Vendor__Product.patch",
			   s->path);
		return -EBADMSG;
	}
	snprintf(s->file_name, sizeof(s->file_name), "%s", base);
	for (const char *c = base + 5; c < base + len - 6 && n < PATCH_NAME_MAX; c++) {
		if (isalnum((unsigned char)*c))
			s->name[n++] = tolower(*c);
		else if (n && s->name[n - 1] != '_')
			s->name[n++] = '_';
	}
	s->name[n] = '\0';
	if (!valid_identifier(s->name))
		snprintf(s->name, sizeof(s->name), "patch_%.*s", PATCH_NAME_MAX - 6, base + 5);
	return 0;
}

static int
spec_read(struct patch_spec *s, const char *path, char *err, size_t errlen)
{
	_cleanup_fclose_ FILE *f = NULL;
	char line[PATCH_LINE_MAX];
	unsigned lineno = 0;
	int r;

	s->path = path;
	s->group = 0x0001; /* HID_GROUP_GENERIC */
	r = spec_set_file_name(s, err, errlen);
	if (r < 0)
		return r;
	f = fopen(path, "re");
	if (!f) {
		r = negative_errno();
		errmsg_set(err, errlen, "%s: %s", path, strerror(-r));
		return r;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			errmsg_set(err, errlen, "%s:%u: line longer than %d bytes", path, lineno,
				   PATCH_LINE_MAX - 1);
			return -EBADMSG;
		}
		r = parse_line(s, line, lineno, err, errlen);
		if (r < 0) {
			if (r == -ENOMEM)
				errmsg_set(err, errlen, "%s: %s", path, strerror(ENOMEM));
			return r;
		}
	}
	if (ferror(f)) {
		errmsg_set(err, errlen, "%s: read error", path);
		return -EIO;
	}
	return spec_finish(s, lineno ? lineno : 1, err, errlen);
}

static void
write_bytes(FILE *f, const uint8_t *b, unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		fprintf(f, "%s0x%02X", i ? ", " : "", b[i]);
}

static int
spec_write(const struct patch_spec *s, FILE *f)
{
	fprintf(f, "/* generated by " GENERATOR " from %s: do not edit */\n", s->file_name);
	fprintf(f, "// SPDX-License-Identifier: GPL-2.0-only\n/*\n");
	for (size_t i = 0; i < s->n_comment; i++)
		fprintf(f, " *%s%s\n", s->comment[i][0] ? " " : "", s->comment[i]);
	if (s->n_comment)
		fprintf(f, " *\n");
	fprintf(f,
		" * Declarative descriptor patch: the probe and the rdesc hook accept only\n"
		" * a descriptor of exactly %u bytes whose checked and patched bytes hold\n"
		" * the values below (check_LINE, old_LINE: the patch file's lines).\n"
		" */\n\n#include \"hidfix_bpf.h\"\n\n#define RDESC_SIZE %u\n\n",
		s->size, s->size);
	fprintf(f, "HID_BPF_CONFIG(");
	for (size_t i = 0; i < s->n_devices; i++)
		fprintf(f, "%sHID_DEVICE(0x%04X, 0x%04X, 0x%04X, 0x%04X)", i ? " " : "",
			s->devices[i].bus, s->group, s->devices[i].vid, s->devices[i].pid);
	fprintf(f, ");\n\n");
	for (size_t i = 0; i < s->n_ranges; i++) {
		const struct patch_range *rg = &s->ranges[i];

		fprintf(f, "/* line %u: %s at offset %u */\n", rg->line,
			rg->is_patch ? "patch" : "check", rg->offset);
		/*
		 * In .rodata by name: left to itself clang puts a 4/8/16-byte
		 * array in .rodata.cstN and one ending in 0x00 in .rodata.str1.1
		 * (mergeable sections), which libbpf 1.4 cannot open.
		 */
		fprintf(f, "static const __u8 %s_L%u[] SEC(\".rodata\") = { ",
			rg->is_patch ? "old" : "check", rg->line);
		write_bytes(f, rg->old, rg->len);
		fprintf(f, " };\n");
	}
	fprintf(f, "\nstatic __always_inline bool\nrdesc_matches(const __u8 *rdesc)\n{\n");
	for (size_t i = 0; i < s->n_ranges; i++) {
		const struct patch_range *rg = &s->ranges[i];
		const char *kind = rg->is_patch ? "old" : "check";

		fprintf(f, "%shidfix_bytes_equal(rdesc, %u, %s_L%u, sizeof(%s_L%u))",
			i ? " &&\n\t       " : "\treturn ", rg->offset, kind, rg->line, kind,
			rg->line);
	}
	fprintf(f, ";\n}\n\n");
	fprintf(f,
		"SEC(\"struct_ops/hid_rdesc_fixup\")\nint\n"
		"BPF_PROG(%s_fix_rdesc, struct hid_bpf_ctx *hctx)\n{\n"
		"\t__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);\n\n"
		"\tif (!data)\n\t\treturn 0; /* EPERM: leave the descriptor alone */\n"
		"\tif (hctx->size != RDESC_SIZE || !rdesc_matches(data))\n\t\treturn 0;\n\n",
		s->name);
	for (size_t i = 0; i < s->n_ranges; i++) {
		const struct patch_range *rg = &s->ranges[i];

		for (unsigned j = 0; rg->is_patch && j < rg->len; j++) {
			if (rg->old[j] != rg->new[j])
				fprintf(f, "\tdata[%u] = 0x%02X; /* line %u: 0x%02X -> 0x%02X */\n",
					rg->offset + j, rg->new[j], rg->line, rg->old[j],
					rg->new[j]);
		}
	}
	fprintf(f,
		"\treturn 0;\n}\n\n"
		"HID_BPF_OPS(%s) = {\n\t.hid_rdesc_fixup = (void *)%s_fix_rdesc,\n};\n\n"
		"SEC(\"syscall\")\nint\nprobe(struct hid_bpf_probe_args *ctx)\n{\n"
		"\tctx->retval = -EINVAL;\n"
		"\tif (ctx->rdesc_size == RDESC_SIZE && rdesc_matches(ctx->rdesc))\n"
		"\t\tctx->retval = 0;\n\treturn 0;\n}\n\n"
		"char _license[] SEC(\"license\") = \"GPL\";\n",
		s->name, s->name);
	return ferror(f) ? -EIO : 0;
}

int
main(int argc, char **argv)
{
	struct patch_spec spec = { 0 };
	_cleanup_fclose_ FILE *out = NULL;
	char err[512];
	int r;

	log_set_program(GENERATOR);
	if (argc != 3 || argv[1][0] == '-') {
		fprintf(stderr, "Usage: " GENERATOR " NNNN-Vendor__Product.patch OUT.bpf.c\n");
		return 2;
	}
	r = spec_read(&spec, argv[1], err, sizeof(err));
	if (r < 0) {
		log_error(NULL, "%s", err);
		spec_clear(&spec);
		return 1;
	}
	out = fopen(argv[2], "we");
	if (!out) {
		r = negative_errno();
	} else {
		r = spec_write(&spec, out);
		if (r == 0 && fflush(out))
			r = negative_errno();
	}
	spec_clear(&spec);
	if (r < 0) {
		log_error(NULL, "%s: %s", argv[2], strerror(-r));
		unlink(argv[2]);
		return 1;
	}
	return 0;
}
