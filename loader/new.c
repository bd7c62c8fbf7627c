// SPDX-License-Identifier: GPL-2.0-only
/*
 * hidfix new VENDOR PRODUCT --from RECORDING: scaffold a fixup in the source
 * tree from a recording.
 *
 * Writes, for the fixup NNNN-Vendor__Product (NNNN = 0010):
 *   fixups/testing/0010-Vendor__Product.bpf.c   match data from the I: line,
 *       the original descriptor annotated item by item in the header, a
 *       probe that accepts exactly that descriptor and a descriptor hook that
 *       checks it again and, as generated, changes nothing;
 *   tests/replay/<vendor-product>/device.hid     the recorded device;
 *   tests/replay/<vendor-product>/original.rdesc.hex;
 * and registers the fixup: a section in db/fixups.db, its source in the
 * list of fixups/testing/meson.build, and a replay test fixup-<dir> in
 * tests/replay/meson.build. The expectations of that test do not exist
 * yet: tests/replay/regen writes them from the kernel for review.
 *
 * Nothing is overwritten: an existing fixup family of that name or an
 * existing test directory is an error. Files are written only after every
 * edit has been prepared; if a write fails, what was created is removed.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hex.h"
#include "loader.h"
#include "log.h"
#include "rdesc.h"
#include "recording.h"

#define NEW_VERSION	 "0010"
#define NEW_STATUS	 "testing"
#define NEW_MIN_KERNEL	 "6.11"
#define NAME_MAX_LEN	 64
#define IDENT_MAX_LEN	 24 /* the C names' prefix: keeps generated lines short */
#define BYTES_PER_LINE	 15
#define FIXUP_LIST_START "foreach src : ["
#define REPLAY_LIST	 "replay_fixups = ["

struct new_names {
	char fixup[2 * NAME_MAX_LEN + 8]; /* 0010-Vendor__Product */
	char dir[2 * NAME_MAX_LEN + 2];	  /* vendor-product */
	char ident[IDENT_MAX_LEN + 1];	  /* vendor_product: prefix of C identifiers */
};

/* One file to write: a new one (created exclusively) or a replaced one. */
struct new_file {
	char path[PATH_MAX];
	char *text;
	size_t len;
	bool replace;
	bool written;
};

#define NEW_MAX_FILES 6

struct new_files {
	struct new_file f[NEW_MAX_FILES];
	size_t n;
};

static struct new_file *
add_file(struct new_files *files, const char *root, const char *rel, bool replace)
{
	struct new_file *nf = &files->f[files->n++];

	nf->replace = replace;
	if ((size_t)snprintf(nf->path, sizeof(nf->path), "%s/%s", root, rel) >= sizeof(nf->path)) {
		log_error(NULL, "%s/%s: path too long", root, rel);
		errno = ENAMETOOLONG;
		return NULL;
	}
	return nf;
}

static void
new_file_free_text(struct new_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(files[i].text);
}

/*
 * "Foo Bar" -> "Foo-Bar" (name part) and "foo-bar" (directory part).
 * Letters, digits, '-' and spaces are allowed; the name must start with a
 * letter or digit.
 */
static int
name_part(const char *what, const char *s, char *name, char *lower)
{
	size_t n = strlen(s), j = 0;

	if (n == 0 || n > NAME_MAX_LEN || !isalnum((unsigned char)s[0])) {
		log_error(NULL, "%s '%s': give 1-%d characters starting with a letter or digit",
			  what, s, NAME_MAX_LEN);
		return -EINVAL;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (!isalnum(c) && c != '-' && c != ' ') {
			log_error(NULL,
				  "%s '%s': character '%c' not allowed (letters, digits, - and "
				  "spaces)",
				  what, s, isprint(c) ? c : '?');
			return -EINVAL;
		}
		if ((c == '-' || c == ' ') && (s[i + 1] == '-' || s[i + 1] == ' ' || !s[i + 1])) {
			log_error(NULL, "%s '%s': no doubled or trailing '-' or space", what, s);
			return -EINVAL;
		}
		name[j] = c == ' ' ? '-' : c;
		lower[j] = isalnum(c) ? tolower(c) : '-';
		j++;
	}
	name[j] = lower[j] = '\0';
	return 0;
}

static int
make_names(struct new_names *nm, const char *vendor, const char *product)
{
	char vname[NAME_MAX_LEN + 1], pname[NAME_MAX_LEN + 1];
	char vlower[NAME_MAX_LEN + 1], plower[NAME_MAX_LEN + 1];
	char ident[2 * NAME_MAX_LEN + 8];
	int r;

	r = name_part("vendor", vendor, vname, vlower);
	if (r == 0)
		r = name_part("product", product, pname, plower);
	if (r)
		return r;
	snprintf(nm->fixup, sizeof(nm->fixup), NEW_VERSION "-%s__%s", vname, pname);
	snprintf(nm->dir, sizeof(nm->dir), "%s-%s", vlower, plower);
	snprintf(ident, sizeof(ident), "%s%s_%s", isdigit((unsigned char)vlower[0]) ? "dev_" : "",
		 vlower, plower);
	ident[IDENT_MAX_LEN] = '\0';
	memcpy(nm->ident, ident, IDENT_MAX_LEN + 1);
	for (char *p = nm->ident; *p; p++) {
		if (*p == '-')
			*p = '_';
	}
	return 0;
}

static const char *
bus_macro(uint16_t bus, char *buf, size_t len)
{
	switch (bus) {
	case 0x01:
		return "BUS_PCI";
	case 0x03:
		return "BUS_USB";
	case 0x05:
		return "BUS_BLUETOOTH";
	case 0x06:
		return "BUS_VIRTUAL";
	case 0x18:
		return "BUS_I2C";
	}
	snprintf(buf, len, "0x%04x", bus);
	return buf;
}

/* ---- reading and editing the source tree's text files ---- */

static int
read_text(const char *root, const char *rel, char **text, size_t *len)
{
	char path[PATH_MAX];
	int r;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", root, rel) >= sizeof(path))
		return log_error_errno(NULL, -ENAMETOOLONG, "%s/%s: path too long", root, rel);
	r = hid_file_read_all(path, 16 * 1024 * 1024, text, len);
	if (r < 0)
		log_error(NULL, "%s: %s", path, strerror(-r));
	return r;
}

/* Is line (up to its newline) blank apart from white space and ch? */
static bool
line_is(const char *line, char ch)
{
	bool seen = false;

	for (; *line && *line != '\n'; line++) {
		if (*line == ch && !seen)
			seen = true;
		else if (!isspace((unsigned char)*line))
			return false;
	}
	return seen;
}

static const char *
next_line(const char *p)
{
	const char *nl = strchr(p, '\n');

	return nl ? nl + 1 : p + strlen(p);
}

static const char *
skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/*
 * Insert entry (a whole line) into the meson list that starts on the line
 * equal to anchor and ends at the line holding only ']'. sorted: before the
 * first entry line that sorts after it; else just before the ']'.
 */
static int
insert_in_list(const char *file, const char *text, const char *anchor, const char *entry,
	       bool sorted, char **out, size_t *outlen)
{
	const char *p = text, *at = NULL;
	size_t alen = strlen(anchor);
	FILE *f;

	for (; *p; p = next_line(p)) {
		if (!strncmp(skip_blanks(p), anchor, alen) && skip_blanks(p)[alen] == '\n')
			break;
	}
	if (!*p) {
		log_error(NULL, "%s: no line '%s': register the fixup there by hand", file, anchor);
		return -EINVAL;
	}
	for (p = next_line(p); *p; p = next_line(p)) {
		const char *q = skip_blanks(p);

		if (line_is(p, ']'))
			break;
		if (sorted && (*q == '\'' || *q == '[') && strcmp(q, skip_blanks(entry)) > 0) {
			at = p;
			break;
		}
	}
	if (!*p) {
		log_error(NULL, "%s: no end of the list after '%s': register the fixup by hand",
			  file, anchor);
		return -EINVAL;
	}
	if (!at)
		at = p;
	f = open_memstream(out, outlen);
	if (!f)
		return -errno;
	fwrite(text, 1, at - text, f);
	fputs(entry, f);
	fputs(at, f);
	return fclose(f) ? -errno : 0;
}

/* Insert a [section] into fixups.db before the first section that sorts after it. */
static int
insert_db_section(const char *text, const char *name, const char *section, char **out,
		  size_t *outlen)
{
	const char *p, *at = NULL;
	size_t nlen = strlen(name);
	FILE *f;

	for (p = text; *p; p = next_line(p)) {
		if (*p != '[')
			continue;
		if (!strncmp(p + 1, name, nlen) && p[1 + nlen] == ']') {
			log_error(NULL, "db/fixups.db: [%s] exists already", name);
			return -EEXIST;
		}
		if (!at && strncmp(p + 1, name, nlen + 1) > 0)
			at = p;
	}
	f = open_memstream(out, outlen);
	if (!f)
		return -errno;
	if (at) {
		fwrite(text, 1, at - text, f);
		fprintf(f, "%s\n", section);
		fputs(at, f);
	} else {
		size_t len = strlen(text);

		fputs(text, f);
		if (len && text[len - 1] != '\n')
			fputc('\n', f);
		fprintf(f, "\n%s", section);
	}
	return fclose(f) ? -errno : 0;
}

/* Does a fixup of this family (any version, any status, .bpf.c or .patch) exist? */
static int
family_exists(const char *root, const char *family, char *found, size_t len)
{
	static const char *const statuses[] = { "stable", "testing", "userhacks" };

	for (size_t i = 0; i < ARRAY_SIZE(statuses); i++) {
		_cleanup_(closedirp) DIR *d = NULL;
		char dirpath[PATH_MAX];
		struct dirent *e;

		snprintf(dirpath, sizeof(dirpath), "%s/fixups/%s", root, statuses[i]);
		d = opendir(dirpath);
		if (!d)
			continue;
		while ((e = readdir(d))) {
			_cleanup_free_ char *name = NULL, *fam = NULL;
			size_t n = strlen(e->d_name);
			int version;

			if (!((n > 6 && !strcmp(e->d_name + n - 6, ".bpf.c")) ||
			      (n > 6 && !strcmp(e->d_name + n - 6, ".patch"))))
				continue;
			if (fixup_name_parse(e->d_name, &name, &fam, &version) < 0)
				return -ENOMEM;
			if (version >= 0 && !strcmp(fam, family)) {
				snprintf(found, len, "fixups/%s/%s", statuses[i], e->d_name);
				return 1;
			}
		}
	}
	return 0;
}

/* ---- the generated texts ---- */

static void
write_byte_array(FILE *f, const uint8_t *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (i % BYTES_PER_LINE == 0)
			fputc('\t', f);
		fprintf(f, "0x%02x,", data[i]);
		fputc(i % BYTES_PER_LINE == BYTES_PER_LINE - 1 || i + 1 == len ? '\n' : ' ', f);
	}
}

static int
bpf_source(const struct new_names *nm, const char *vendor, const char *product,
	   const char *recording, const struct hid_recording_device *dev, char **out,
	   size_t *outlen)
{
	char busbuf[16];
	const char *bus = bus_macro(dev->bus, busbuf, sizeof(busbuf));
	FILE *f = open_memstream(out, outlen);

	if (!f)
		return -errno;
	fprintf(f,
		"// SPDX-License-Identifier: GPL-2.0-only\n"
		"/*\n"
		" * %s %s (%s %04X:%04X)\n"
		" * Recorded as \"%s\",\n"
		" * in %s.\n"
		" *\n"
		" * Hardware bug: TODO say what the device declares or sends wrong (which\n"
		" * item, which bytes) and what the kernel then does.\n"
		" *\n"
		" * Original descriptor, %zu bytes (offset: bytes  item):\n",
		vendor, product,
		dev->bus == 0x03   ? "USB"
		: dev->bus == 0x05 ? "Bluetooth"
				   : bus,
		dev->vid, dev->pid, dev->name ? dev->name : "", recording, dev->rdesc_len);
	fflush(f);
	if (rdesc_print(f, dev->rdesc, dev->rdesc_len, " *", 0) < 0)
		fprintf(f, " * (the descriptor is malformed from the offset named above)\n");
	fprintf(f,
		" *\n"
		" * Fix: TODO say what changes. As generated by `hidfix new`, the probe\n"
		" * accepts exactly the descriptor above and the hook changes nothing.\n"
		" */\n"
		"\n"
		"#include \"hidfix_bpf.h\"\n"
		"\n"
		"#define VENDOR_ID  0x%04X\n"
		"#define PRODUCT_ID 0x%04X\n"
		"#define RDESC_SIZE %zu\n",
		dev->vid, dev->pid, dev->rdesc_len);
	fprintf(f,
		"\n"
		"HID_BPF_CONFIG(HID_DEVICE(%s, HID_GROUP_ANY, VENDOR_ID, PRODUCT_ID));\n"
		"\n"
		"/* The descriptor this fixup knows, byte for byte (annotated above). */\n"
		"static const __u8 original_rdesc[RDESC_SIZE] SEC(\".rodata\") = {\n",
		bus);
	write_byte_array(f, dev->rdesc, dev->rdesc_len);
	fprintf(f,
		"};\n"
		"\n"
		"static __always_inline bool\n"
		"rdesc_is_original(const __u8 *rdesc, unsigned int size)\n"
		"{\n"
		"\treturn size == RDESC_SIZE && hidfix_bytes_equal(rdesc, 0, original_rdesc, "
		"RDESC_SIZE);\n"
		"}\n"
		"\n"
		"SEC(\"struct_ops/hid_rdesc_fixup\")\n"
		"int\n"
		"BPF_PROG(%s_fix_rdesc, struct hid_bpf_ctx *hctx)\n"
		"{\n"
		"\t__u8 *data = hid_bpf_get_data(hctx, 0, HID_MAX_DESCRIPTOR_SIZE);\n"
		"\n"
		"\tif (!data || !rdesc_is_original(data, hctx->size))\n"
		"\t\treturn 0; /* not the descriptor we know: leave it alone */\n"
		"\n"
		"\t/*\n"
		"\t * Change bytes in place and return 0, or write a new descriptor\n"
		"\t * into data and return its size.\n"
		"\t */\n"
		"\t/* TODO the fix, e.g. data[SOME_OFFSET] = SOME_VALUE; */\n"
		"\treturn 0;\n"
		"}\n"
		"\n"
		"HID_BPF_OPS(%s) = {\n"
		"\t.hid_rdesc_fixup = (void *)%s_fix_rdesc,\n"
		"};\n"
		"\n"
		"SEC(\"syscall\")\n"
		"int\n"
		"probe(struct hid_bpf_probe_args *ctx)\n"
		"{\n"
		"\tctx->retval = rdesc_is_original(ctx->rdesc, ctx->rdesc_size) ? 0 : -EINVAL;\n"
		"\treturn 0;\n"
		"}\n"
		"\n"
		"char _license[] SEC(\"license\") = \"GPL\";\n",
		nm->ident, nm->ident, nm->ident);
	return fclose(f) ? -errno : 0;
}

static int
recording_text(const char *recording, const struct hid_recording_device *dev, char **out,
	       size_t *outlen)
{
	struct hid_recording_device copy = *dev;
	struct hid_recording one = { .devices = &copy, .n_devices = 1 };
	FILE *f = open_memstream(out, outlen);
	int r;

	if (!f)
		return -errno;
	copy.index = 0;
	fprintf(f, "# recorded device (from %s), replayed by the test; `hidfix new` copied it\n",
		recording);
	r = hid_recording_write(f, &one);
	if (fclose(f) && r == 0)
		r = -errno;
	return r;
}

static int
rdesc_hex_text(const char *recording, const struct hid_recording_device *dev, char **out,
	       size_t *outlen)
{
	FILE *f = open_memstream(out, outlen);
	int r;

	if (!f)
		return -errno;
	fprintf(f, "# the device's original descriptor, %zu bytes (from %s)\n", dev->rdesc_len,
		recording);
	r = hex_write(f, dev->rdesc, dev->rdesc_len, 16);
	if (fclose(f) && r == 0)
		r = -errno;
	return r;
}

/* ---- writing ---- */

static int
write_one(struct new_file *nf)
{
	char tmp[PATH_MAX + 8];
	_cleanup_close_ int fd = -1;
	const char *target = nf->path;
	ssize_t w;

	if (nf->replace) {
		snprintf(tmp, sizeof(tmp), "%s.new~", nf->path);
		target = tmp;
	}
	fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return log_error_errno(NULL, -errno, "%s: %s", target, strerror(errno));
	w = write(fd, nf->text, nf->len);
	if (w != (ssize_t)nf->len || fsync(fd) < 0) {
		int r = w < 0 ? -errno : -EIO;

		unlink(target);
		return log_error_errno(NULL, r, "%s: %s", target, strerror(-r));
	}
	if (nf->replace && rename(tmp, nf->path) < 0) {
		int r = -errno;

		unlink(tmp);
		return log_error_errno(NULL, r, "%s: %s", nf->path, strerror(-r));
	}
	nf->written = true;
	return 0;
}

int
loader_new(const struct new_options *o, int argc, char **argv)
{
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_free_ char *db = NULL, *fixup_list = NULL, *replay_list = NULL;
	const struct hid_recording_device *dev;
	const char *root = o->source_root ? o->source_root : ".";
	struct new_files files = { 0 };
	char testdir[PATH_MAX], found[PATH_MAX], err[512], entry[512], section[1024];
	struct new_names nm;
	size_t len;
	struct stat st;
	int r;

	if (argc != 2 || !o->from) {
		log_error(NULL, "usage: hidfix new VENDOR PRODUCT --from RECORDING [--device N] "
				"[--source-root DIR]");
		return EXIT_USAGE;
	}
	if (make_names(&nm, argv[0], argv[1]))
		return EXIT_USAGE;

	rec = hid_recording_parse_file(o->from, err, sizeof(err));
	if (!rec) {
		log_error(NULL, "%s", err);
		return 1;
	}
	if (o->device >= 0) {
		dev = hid_recording_get_device(rec, o->device);
		if (!dev) {
			log_error(NULL, "%s: no device %d (D: index)", o->from, o->device);
			return 1;
		}
	} else if (rec->n_devices > 1) {
		log_error(NULL, "%s: %zu devices recorded: choose one with --device N", o->from,
			  rec->n_devices);
		return 1;
	} else {
		dev = &rec->devices[0];
	}
	if (!dev->has_ids) {
		log_error(NULL,
			  "%s: no I: line (bus, vendor, product): the fixup could match nothing",
			  o->from);
		return 1;
	}

	if (stat(root, &st) < 0 || !S_ISDIR(st.st_mode)) {
		log_error(NULL, "%s: not a directory", root);
		return 1;
	}
	snprintf(found, sizeof(found), "%s/fixups/" NEW_STATUS, root);
	if (stat(found, &st) < 0 || !S_ISDIR(st.st_mode)) {
		log_error(NULL,
			  "%s: not the top of a hidfix source tree (no fixups/" NEW_STATUS
			  "); see --source-root",
			  root);
		return 1;
	}
	r = family_exists(root, nm.fixup + strlen(NEW_VERSION "-"), found, sizeof(found));
	if (r < 0) {
		log_error(NULL, "%s", strerror(-r));
		return 1;
	}
	if (r > 0) {
		log_error(NULL, "%s exists already: edit it, or choose another product name",
			  found);
		return 1;
	}
	snprintf(testdir, sizeof(testdir), "%s/tests/replay/%s", root, nm.dir);
	if (stat(testdir, &st) == 0) {
		log_error(NULL, "%s exists already", testdir);
		return 1;
	}

	/* prepare every text first */
	r = read_text(root, "db/fixups.db", &db, &len);
	if (r == 0)
		r = read_text(root, "fixups/" NEW_STATUS "/meson.build", &fixup_list, &len);
	if (r == 0)
		r = read_text(root, "tests/replay/meson.build", &replay_list, &len);
	if (r)
		return 1;

	{
		char rel[PATH_MAX];
		struct new_file *nf;

		snprintf(rel, sizeof(rel), "fixups/" NEW_STATUS "/%s.bpf.c", nm.fixup);
		nf = add_file(&files, root, rel, false);
		r = !nf ? -ENAMETOOLONG
			: bpf_source(&nm, argv[0], argv[1], o->from, dev, &nf->text, &nf->len);
		if (r == 0) {
			snprintf(rel, sizeof(rel), "tests/replay/%s/device.hid", nm.dir);
			nf = add_file(&files, root, rel, false);
			r = !nf ? -ENAMETOOLONG : recording_text(o->from, dev, &nf->text, &nf->len);
		}
		if (r == 0) {
			snprintf(rel, sizeof(rel), "tests/replay/%s/original.rdesc.hex", nm.dir);
			nf = add_file(&files, root, rel, false);
			r = !nf ? -ENAMETOOLONG : rdesc_hex_text(o->from, dev, &nf->text, &nf->len);
		}
		if (r == 0) {
			snprintf(section, sizeof(section),
				 "[%s]\n"
				 "vendor = %s\n"
				 "product = %s\n"
				 "fixes = TODO what the fixup fixes, in a few words\n"
				 "status = " NEW_STATUS "\n"
				 "min-kernel = " NEW_MIN_KERNEL "\n"
				 "test = fixup-%s\n"
				 "recording = tests/replay/%s/device.hid\n",
				 nm.fixup, argv[0], argv[1], nm.dir, nm.dir);
			nf = add_file(&files, root, "db/fixups.db", true);
			r = !nf ? -ENAMETOOLONG
				: insert_db_section(db, nm.fixup, section, &nf->text, &nf->len);
		}
		if (r == 0) {
			snprintf(entry, sizeof(entry), "\t\t'%s.bpf.c',\n", nm.fixup);
			nf = add_file(&files, root, "fixups/" NEW_STATUS "/meson.build", true);
			r = !nf ? -ENAMETOOLONG
				: insert_in_list("fixups/" NEW_STATUS "/meson.build", fixup_list,
						 FIXUP_LIST_START, entry, true, &nf->text,
						 &nf->len);
		}
		if (r == 0) {
			snprintf(
				entry, sizeof(entry),
				"\t# generated by `hidfix new`: no udev-hid-bpf object to compare\n"
				"\t['%s', '%s', {'peer': false}],\n",
				nm.dir, nm.fixup);
			nf = add_file(&files, root, "tests/replay/meson.build", true);
			r = !nf ? -ENAMETOOLONG
				: insert_in_list("tests/replay/meson.build", replay_list,
						 REPLAY_LIST, entry, false, &nf->text, &nf->len);
		}
	}
	if (r) {
		new_file_free_text(files.f, files.n);
		if (r == -ENOMEM)
			log_error(NULL, "out of memory");
		return 1;
	}

	/* then write: new files first, then the replaced lists */
	if (mkdir(testdir, 0755) < 0) {
		log_error(NULL, "%s: %s", testdir, strerror(errno));
		new_file_free_text(files.f, files.n);
		return 1;
	}
	for (size_t i = 0; i < files.n && r == 0; i++)
		r = write_one(&files.f[i]);
	if (r) {
		/* undo: remove the new files; the replaced ones were renamed atomically */
		for (size_t i = 0; i < files.n; i++) {
			if (files.f[i].written && !files.f[i].replace)
				unlink(files.f[i].path);
		}
		rmdir(testdir);
		for (size_t i = 0; i < files.n; i++) {
			if (files.f[i].written && files.f[i].replace)
				log_error(NULL, "%s was already changed: check it with git diff",
					  files.f[i].path);
		}
		new_file_free_text(files.f, files.n);
		return 1;
	}
	for (size_t i = 0; i < files.n; i++)
		printf("%s %s\n", files.f[i].replace ? "changed" : "created", files.f[i].path);
	new_file_free_text(files.f, files.n);

	printf("\nNext (doc/walkthrough.md):\n"
	       "  1. write the defect and the fix in fixups/" NEW_STATUS "/%s.bpf.c\n"
	       "     and the 'fixes' line of [%s] in db/fixups.db\n"
	       "  2. ninja -C build\n"
	       "  3. tests/replay/regen --accept tests/replay/%s\n"
	       "     (replays the recording in the VM and writes the expectations)\n"
	       "  4. check them by hand; replace each NOT REVIEWED line with what you checked\n"
	       "  5. cp build/db/devices.md doc/devices.md\n"
	       "  6. tests/vm/run-named fixup-%s\n",
	       nm.fixup, nm.fixup, nm.dir, nm.dir);
	return 0;
}
