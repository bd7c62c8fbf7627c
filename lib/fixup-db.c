// SPDX-License-Identifier: GPL-2.0-only
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "string-util.h"
#include "errmsg.h"
#include "fixup-db.h"
#include "recording.h"
#include "log.h"

#define DB_LINE_MAX 1024

static const char *const statuses[] = { "stable", "testing", "userhacks" };

void
fixup_names_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
entry_clear(struct fixup_db_entry *e)
{
	free(e->name);
	free(e->vendor);
	free(e->product);
	free(e->fixes);
	free(e->status);
	free(e->min_kernel);
	free(e->test);
	free(e->recording);
	free(e->native);
	free(e->parity);
	free(e->oracle_test);
}

void
fixup_db_free(struct fixup_db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->n; i++)
		entry_clear(&db->entries[i]);
	free(db->entries);
	free(db->path);
	free(db);
}

const struct fixup_db_entry *
fixup_db_find(const struct fixup_db *db, const char *name)
{
	for (size_t i = 0; db && i < db->n; i++) {
		if (!strcmp(db->entries[i].name, name))
			return &db->entries[i];
	}
	return NULL;
}

/* "NNNN-Vendor__Product": a version prefix and a file-name-safe family */
static bool
valid_name(const char *s)
{
	size_t digits = strspn(s, "0123456789");

	if (digits != 4 || s[4] != '-' || !s[5])
		return false;
	for (s += 5; *s; s++) {
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
			return false;
	}
	return true;
}

/* "6.11": major.minor, checked */
static bool
valid_kernel_version(const char *s)
{
	char *end;
	unsigned long major, minor;

	errno = 0;
	major = strtoul(s, &end, 10);
	if (errno || end == s || *end != '.' || major == 0 || major > 99)
		return false;
	s = end + 1;
	minor = strtoul(s, &end, 10);
	return !errno && end != s && *end == '\0' && minor <= 999 && isdigit((unsigned char)*s);
}

/* "7.3.4+deb13-amd64" -> 7, 3; -EINVAL when it does not start with N.N */
static int
parse_release(const char *s, unsigned long *major, unsigned long *minor)
{
	char *end;

	errno = 0;
	*major = strtoul(s, &end, 10);
	if (errno || end == s || *end != '.' || !isdigit((unsigned char)end[1]))
		return -EINVAL;
	*minor = strtoul(end + 1, &end, 10);
	return errno ? -EINVAL : 0;
}

int
kernel_at_least(const char *release, const char *min)
{
	unsigned long have_major, have_minor, want_major, want_minor;

	if (!valid_kernel_version(min) || parse_release(release, &have_major, &have_minor) < 0 ||
	    parse_release(min, &want_major, &want_minor) < 0)
		return -EINVAL;
	if (have_major != want_major)
		return have_major > want_major;
	return have_minor >= want_minor;
}

static char **
entry_field(struct fixup_db_entry *e, const char *key)
{
	if (!strcmp(key, "vendor"))
		return &e->vendor;
	if (!strcmp(key, "product"))
		return &e->product;
	if (!strcmp(key, "fixes"))
		return &e->fixes;
	if (!strcmp(key, "status"))
		return &e->status;
	if (!strcmp(key, "min-kernel"))
		return &e->min_kernel;
	if (!strcmp(key, "test"))
		return &e->test;
	if (!strcmp(key, "recording"))
		return &e->recording;
	if (!strcmp(key, "native"))
		return &e->native;
	if (!strcmp(key, "parity"))
		return &e->parity;
	if (!strcmp(key, "oracle-test"))
		return &e->oracle_test;
	return NULL;
}

static int
entry_finish(const struct fixup_db *db, const struct fixup_db_entry *e, char *err, size_t errlen)
{
	static const char *const required[] = { "vendor", "product", "fixes", "status" };

	for (size_t i = 0; i < ARRAY_SIZE(required); i++) {
		if (!*entry_field((struct fixup_db_entry *)e, required[i])) {
			errmsg_set(err, errlen, "%s:%u: [%s]: missing key '%s'", db->path, e->line,
				   e->name, required[i]);
			return -EBADMSG;
		}
	}
	/* native, parity and oracle-test come together */
	if (!e->native != !e->parity || !e->native != !e->oracle_test) {
		errmsg_set(err, errlen,
			   "%s:%u: [%s]: native, parity and oracle-test go together (all or none)",
			   db->path, e->line, e->name);
		return -EBADMSG;
	}
	return 0;
}

/* "hid-" and lower-case letters, digits, '-' or '_': a kernel module name */
static bool
valid_module(const char *s)
{
	if (strncmp(s, "hid-", 4) || !s[4])
		return false;
	for (s += 4; *s; s++) {
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-' &&
		    *s != '_')
			return false;
	}
	return true;
}

static int
parse_line(struct fixup_db *db, char *line, unsigned lineno, char *err, size_t errlen)
{
	struct fixup_db_entry *e = db->n ? &db->entries[db->n - 1] : NULL;
	char *s = strip(line), *eq, *key, *value, **field;

	if (!*s || *s == '#')
		return 0;
	if (*s == '[') {
		size_t len = strlen(s);
		struct fixup_db_entry *grown;
		int r;

		if (len < 3 || s[len - 1] != ']') {
			errmsg_set(err, errlen, "%s:%u: malformed section header", db->path,
				   lineno);
			return -EBADMSG;
		}
		s[len - 1] = '\0';
		s = strip(s + 1);
		if (!valid_name(s)) {
			errmsg_set(err, errlen,
				   "%s:%u: '%s' is not an object name (NNNN-Vendor__Product)",
				   db->path, lineno, s);
			return -EBADMSG;
		}
		if (fixup_db_find(db, s)) {
			errmsg_set(err, errlen, "%s:%u: [%s] appears twice", db->path, lineno, s);
			return -EBADMSG;
		}
		if (e && (r = entry_finish(db, e, err, errlen)) < 0)
			return r;
		grown = realloc(db->entries, (db->n + 1) * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		db->entries = grown;
		e = &db->entries[db->n];
		*e = (struct fixup_db_entry){ .line = lineno };
		e->name = strdup(s);
		if (!e->name)
			return -ENOMEM;
		db->n++;
		return 0;
	}
	eq = strchr(s, '=');
	if (!eq) {
		errmsg_set(err, errlen, "%s:%u: expected 'key = value' or '[name]'", db->path,
			   lineno);
		return -EBADMSG;
	}
	*eq = '\0';
	key = strip(s);
	value = strip(eq + 1);
	if (!e) {
		errmsg_set(err, errlen, "%s:%u: '%s' outside of a [name] section", db->path, lineno,
			   key);
		return -EBADMSG;
	}
	field = entry_field(e, key);
	if (!field) {
		errmsg_set(err, errlen,
			   "%s:%u: unknown key '%s' (known: vendor, product, fixes, status, "
			   "min-kernel, test, recording, native, parity, oracle-test)",
			   db->path, lineno, key);
		return -EBADMSG;
	}
	if (*field) {
		errmsg_set(err, errlen, "%s:%u: key '%s' appears twice in [%s]", db->path, lineno,
			   key, e->name);
		return -EBADMSG;
	}
	if (!*value) {
		errmsg_set(err, errlen, "%s:%u: empty value for '%s'", db->path, lineno, key);
		return -EBADMSG;
	}
	if (field == &e->status) {
		bool known = false;

		for (size_t i = 0; i < ARRAY_SIZE(statuses); i++)
			known = known || !strcmp(value, statuses[i]);
		if (!known) {
			errmsg_set(err, errlen,
				   "%s:%u: status '%s' is not one of stable, testing, userhacks",
				   db->path, lineno, value);
			return -EBADMSG;
		}
	}
	if (field == &e->min_kernel && !valid_kernel_version(value)) {
		errmsg_set(err, errlen, "%s:%u: min-kernel '%s' is not a version like 6.11",
			   db->path, lineno, value);
		return -EBADMSG;
	}
	if (field == &e->parity && strcmp(value, "yes") && strcmp(value, "descriptor")) {
		errmsg_set(err, errlen, "%s:%u: parity '%s' is not one of yes, descriptor",
			   db->path, lineno, value);
		return -EBADMSG;
	}
	if (field == &e->native && !valid_module(value)) {
		errmsg_set(err, errlen, "%s:%u: native '%s' is not a kernel HID driver (hid-NAME)",
			   db->path, lineno, value);
		return -EBADMSG;
	}
	*field = strdup(value);
	return *field ? 0 : -ENOMEM;
}

struct fixup_db *
fixup_db_read(const char *path, char *err, size_t errlen)
{
	_cleanup_(fixup_db_freep) struct fixup_db *db = NULL;
	_cleanup_fclose_ FILE *f = NULL;
	char line[DB_LINE_MAX];
	unsigned lineno = 0;
	int r;

	f = fopen(path, "re");
	if (!f) {
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	db = calloc(1, sizeof(*db));
	if (!db || !(db->path = strdup(path))) {
		errno = ENOMEM;
		errmsg_set(err, errlen, "%s: %s", path, strerror(ENOMEM));
		return NULL;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			errmsg_set(err, errlen, "%s:%u: line longer than %d bytes", path, lineno,
				   DB_LINE_MAX - 1);
			errno = EBADMSG;
			return NULL;
		}
		r = parse_line(db, line, lineno, err, errlen);
		if (r < 0) {
			if (r == -ENOMEM)
				errmsg_set(err, errlen, "%s: %s", path, strerror(ENOMEM));
			errno = -r;
			return NULL;
		}
	}
	if (ferror(f)) {
		errmsg_set(err, errlen, "%s: read error", path);
		errno = EIO;
		return NULL;
	}
	if (db->n && (r = entry_finish(db, &db->entries[db->n - 1], err, errlen)) < 0) {
		errno = -r;
		return NULL;
	}
	return steal_pointer(&db);
}

_printf_(4, 5) static void report_fmt(fixup_db_report_fn report, void *userdata, const char *where,
				      const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	report(userdata, where, msg);
}

static bool
ids_overlap(const struct fixup_device_id *a, const struct fixup_device_id *b)
{
	return (!a->bus || !b->bus || a->bus == b->bus) &&
	       (!a->group || !b->group || a->group == b->group) &&
	       (!a->vid || !b->vid || a->vid == b->vid) && (!a->pid || !b->pid || a->pid == b->pid);
}

static const struct fixup_device_id *
objects_overlap(const struct fixup_object *a, const struct fixup_object *b)
{
	for (size_t i = 0; i < a->n_ids; i++) {
		for (size_t j = 0; j < b->n_ids; j++) {
			if (ids_overlap(&a->ids[i], &b->ids[j]))
				return &a->ids[i];
		}
	}
	return NULL;
}

int
fixup_db_check(const struct fixup_db *db, struct fixup_object *const *objs, size_t n_objs,
	       fixup_db_report_fn report, void *userdata)
{
	char where[4096];
	int problems = 0;

	for (size_t i = 0; i < n_objs; i++) {
		const struct fixup_object *o = objs[i];

		if (o->version < 0) {
			report_fmt(report, userdata, o->path,
				   "the name has no NNNN- version prefix");
			problems++;
		}
		if (!o->n_ids) {
			report_fmt(report, userdata, o->path,
				   "no device ids (.hid_bpf_config metadata is missing)");
			problems++;
		}
		if (!fixup_db_find(db, o->name)) {
			report_fmt(report, userdata, o->path, "no [%s] entry in %s", o->name,
				   db ? db->path : FIXUP_DB_FILE);
			problems++;
		}
		for (size_t j = i + 1; j < n_objs; j++) {
			const struct fixup_object *p = objs[j];
			const struct fixup_device_id *id;

			if (!strcmp(o->family, p->family))
				continue; /* versions of one family: the loader falls back */
			if (o->has_probe && p->has_probe)
				continue;
			id = objects_overlap(o, p);
			if (!id)
				continue;
			report_fmt(report, userdata, o->path,
				   "%s and %s both match bus 0x%04X group 0x%04X %04X:%04X and %s "
				   "no probe to tell the devices apart",
				   o->name, p->name, id->bus, id->group, id->vid, id->pid,
				   o->has_probe || p->has_probe ? "one has" : "neither has");
			problems++;
		}
	}
	for (size_t i = 0; db && i < db->n; i++) {
		const struct fixup_db_entry *e = &db->entries[i];
		bool found = false;

		snprintf(where, sizeof(where), "%s:%u", db->path, e->line);
		for (size_t j = 0; j < n_objs && !found; j++)
			found = !strcmp(objs[j]->name, e->name);
		if (!found) {
			report_fmt(report, userdata, where, "[%s]: no such object", e->name);
			problems++;
		}
		if (!e->test) {
			report_fmt(report, userdata, where, "[%s]: no test proves this fixup",
				   e->name);
			problems++;
		}
	}
	return problems;
}

/* does the recorded device (no group in a recording) match one of obj's ids? */
static bool
recording_matches(const struct hid_recording *rec, const struct fixup_object *obj)
{
	for (size_t i = 0; i < rec->n_devices; i++) {
		const struct hid_recording_device *d = &rec->devices[i];
		struct fixup_device_id id = { d->bus, 0, d->vid, d->pid };

		if (!d->has_ids)
			continue;
		for (size_t j = 0; j < obj->n_ids; j++) {
			if (ids_overlap(&obj->ids[j], &id))
				return true;
		}
	}
	return false;
}

static bool
strv_contains(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(v[i], s))
			return true;
	}
	return false;
}

int
fixup_db_check_sources(const struct fixup_db *db, struct fixup_object *const *objs, size_t n_objs,
		       const char *srcroot, char *const *tests, size_t n_tests,
		       fixup_db_report_fn report, void *userdata)
{
	char where[4096];
	int problems = 0;

	for (size_t i = 0; i < n_objs; i++) {
		const struct fixup_db_entry *e = fixup_db_find(db, objs[i]->name);
		_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
		_cleanup_free_ char *path = NULL;
		char err[512];

		if (!e)
			continue; /* fixup_db_check() reports it */
		snprintf(where, sizeof(where), "%s:%u", db->path, e->line);
		if (tests && e->test && !strv_contains(tests, n_tests, e->test)) {
			report_fmt(report, userdata, where,
				   "[%s]: test '%s' is not a registered test", e->name, e->test);
			problems++;
		}
		if (tests && e->oracle_test && !strv_contains(tests, n_tests, e->oracle_test)) {
			report_fmt(report, userdata, where,
				   "[%s]: oracle-test '%s' is not a registered test", e->name,
				   e->oracle_test);
			problems++;
		}
		if (!srcroot)
			continue;
		if (!e->recording) {
			report_fmt(report, userdata, where,
				   "[%s]: no recording (every fixup needs one in tests/replay)",
				   e->name);
			problems++;
			continue;
		}
		if (e->recording[0] == '/' || strstr(e->recording, "..")) {
			report_fmt(report, userdata, where,
				   "[%s]: recording '%s' must be a path inside the source tree",
				   e->name, e->recording);
			problems++;
			continue;
		}
		if (asprintf(&path, "%s/%s", srcroot, e->recording) < 0)
			return -ENOMEM;
		rec = hid_recording_parse_file(path, err, sizeof(err));
		if (!rec) {
			report_fmt(report, userdata, where, "[%s]: recording: %s", e->name, err);
			problems++;
		} else if (!recording_matches(rec, objs[i])) {
			report_fmt(report, userdata, where,
				   "[%s]: recording %s has no device the object matches (I: line)",
				   e->name, e->recording);
			problems++;
		}
	}
	return problems;
}

struct index_line {
	struct fixup_device_id id;
	const char *name;
};

static int
index_line_cmp(const void *a, const void *b)
{
	const struct index_line *x = a, *y = b;

	if (x->id.bus != y->id.bus)
		return x->id.bus < y->id.bus ? -1 : 1;
	if (x->id.group != y->id.group)
		return x->id.group < y->id.group ? -1 : 1;
	if (x->id.vid != y->id.vid)
		return x->id.vid < y->id.vid ? -1 : 1;
	if (x->id.pid != y->id.pid)
		return x->id.pid < y->id.pid ? -1 : 1;
	return strcmp(x->name, y->name);
}

int
fixup_index_write(FILE *f, struct fixup_object *const *objs, size_t n_objs, const char *generator)
{
	_cleanup_free_ struct index_line *lines = NULL;
	size_t n = 0, max = 0;

	for (size_t i = 0; i < n_objs; i++)
		max += objs[i]->n_ids;
	lines = calloc(max ? max : 1, sizeof(*lines));
	if (!lines)
		return -ENOMEM;
	for (size_t i = 0; i < n_objs; i++) {
		for (size_t j = 0; j < objs[i]->n_ids; j++)
			lines[n++] = (struct index_line){ objs[i]->ids[j], objs[i]->name };
	}
	qsort(lines, n, sizeof(*lines), index_line_cmp);
	fprintf(f, "# generated by %s from the fixup objects: do not edit\n", generator);
	fprintf(f, "# bus group vendor product object (hex, 0 matches any)\n");
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%04X %04X %08X %08X %s\n", lines[i].id.bus, lines[i].id.group,
			lines[i].id.vid, lines[i].id.pid, lines[i].name);
	return ferror(f) ? -EIO : 0;
}

/* the lines of a file that are not comments, concatenated; NULL + errno */
static char *
data_lines(FILE *f)
{
	_cleanup_free_ char *buf = NULL;
	_cleanup_fclose_ FILE *out = NULL;
	char line[DB_LINE_MAX];
	size_t len = 0;

	out = open_memstream(&buf, &len);
	if (!out)
		return NULL;
	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		if (line[0] != '#')
			fputs(line, out);
	}
	if (ferror(f) || fflush(out)) {
		errno = EIO;
		return NULL;
	}
	fclose(steal_pointer(&out));
	return steal_pointer(&buf);
}

int
fixup_index_check(const char *path, struct fixup_object *const *objs, size_t n_objs,
		  fixup_db_report_fn report, void *userdata)
{
	_cleanup_fclose_ FILE *f = NULL, *want = NULL;
	_cleanup_free_ char *have_data = NULL, *want_data = NULL;
	int r;

	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? 0 : negative_errno();
	want = tmpfile();
	if (!want)
		return negative_errno();
	r = fixup_index_write(want, objs, n_objs, "check");
	if (r < 0)
		return r;
	have_data = data_lines(f);
	want_data = data_lines(want);
	if (!have_data || !want_data)
		return negative_errno();
	if (strcmp(have_data, want_data)) {
		report_fmt(report, userdata, path,
			   "the index does not list what the objects declare: regenerate it "
			   "(hidfix-dbgen) or reinstall");
		return 1;
	}
	return 0;
}

static int
parse_hex_field(const char *s, size_t width, uint32_t *out)
{
	char *end;
	unsigned long v;

	if (strlen(s) != width || !isxdigit((unsigned char)s[0]))
		return -EBADMSG;
	errno = 0;
	v = strtoul(s, &end, 16);
	if (errno || *end || v > UINT32_MAX)
		return -EBADMSG;
	*out = v;
	return 0;
}

static int
strv_add_unique(char ***v, size_t *n, const char *s)
{
	char **grown;

	for (size_t i = 0; i < *n; i++) {
		if (!strcmp((*v)[i], s))
			return 0;
	}
	grown = realloc(*v, (*n + 1) * sizeof(char *));
	if (!grown)
		return -ENOMEM;
	*v = grown;
	(*v)[*n] = strdup(s);
	if (!(*v)[*n])
		return -ENOMEM;
	(*n)++;
	return 0;
}

static int
strv_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * One index line (stripped, no comment): the id and the object name, which
 * points into s. 0 or -EBADMSG.
 */
static int
parse_index_line(char *s, struct fixup_device_id *id, const char **name)
{
	char *field[5], *save = NULL;
	uint32_t b, g;
	size_t k = 0;

	for (char *t = strtok_r(s, " \t", &save); t && k < ARRAY_SIZE(field);
	     t = strtok_r(NULL, " \t", &save))
		field[k++] = t;
	if (k != 5 || strtok_r(NULL, " \t", &save) || parse_hex_field(field[0], 4, &b) ||
	    parse_hex_field(field[1], 4, &g) || parse_hex_field(field[2], 8, &id->vid) ||
	    parse_hex_field(field[3], 8, &id->pid) || !valid_name(field[4]))
		return -EBADMSG;
	id->bus = b;
	id->group = g;
	*name = field[4];
	return 0;
}

/* Every line of the index, in order: any file, comments anywhere. */
static int
index_lookup_scan(FILE *f, const char *path, uint16_t bus, uint16_t group, uint32_t vid,
		  uint32_t pid, char ***v, size_t *nv)
{
	char line[DB_LINE_MAX];
	unsigned lineno = 0;

	while (fgets(line, sizeof(line), f)) {
		struct fixup_device_id id;
		const char *name;
		char *s = strip(line);
		int r;

		lineno++;
		if (!*s || *s == '#')
			continue;
		if (parse_index_line(s, &id, &name) < 0)
			return log_error_errno(NULL, -EBADMSG, "%s:%u: malformed index line", path,
					       lineno);
		if (!fixup_device_id_matches(&id, bus, group, vid, pid))
			continue;
		r = strv_add_unique(v, nv, name);
		if (r < 0)
			return r;
	}
	return 0;
}

/*
 * A generated index (first line "# generated by"; fixup_index_write) has
 * its comments first and its lines sorted by the fixed-width key
 * "BBBB GGGG VVVVVVVV PPPPPPPP", so the lines of one key are found by
 * bisection: the lookup reads a few lines, not the file, whatever its size.
 */
#define INDEX_GENERATED "# generated by "
#define INDEX_KEY_LEN	27

struct index_text {
	const char *path;
	const char *d;
	size_t size;
	size_t first; /* start of the first line after the leading comments */
};

static size_t
index_line_end(const struct index_text *t, size_t off)
{
	const char *nl = memchr(t->d + off, '\n', t->size - off);

	return nl ? (size_t)(nl - t->d) : t->size;
}

static int
index_malformed(const struct index_text *t, size_t off)
{
	unsigned lineno = 1;

	for (size_t i = 0; i < off; i++)
		lineno += t->d[i] == '\n';
	return log_error_errno(NULL, -EBADMSG, "%s:%u: malformed index line", t->path, lineno);
}

/* The key of the line at off, checked for its shape. */
static int
index_key_at(const struct index_text *t, size_t off, const char **key)
{
	static const char shape[] = "XXXX XXXX XXXXXXXX XXXXXXXX ";
	const char *l = t->d + off;

	if (t->size - off < sizeof(shape) - 1)
		return index_malformed(t, off);
	for (size_t i = 0; i < sizeof(shape) - 1; i++) {
		bool ok = shape[i] == ' '
				  ? l[i] == ' '
				  : isdigit((unsigned char)l[i]) || (l[i] >= 'A' && l[i] <= 'F');
		if (!ok)
			return index_malformed(t, off);
	}
	*key = l;
	return 0;
}

/* Add the objects of the lines whose key is key. */
static int
index_lookup_key(const struct index_text *t, const char *key, char ***v, size_t *nv)
{
	size_t lo = t->first, hi = t->size;
	const char *k;
	int r;

	/* the first line whose key is not below key */
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;

		while (m > lo && t->d[m - 1] != '\n')
			m--;
		r = index_key_at(t, m, &k);
		if (r < 0)
			return r;
		if (memcmp(k, key, INDEX_KEY_LEN) < 0)
			lo = index_line_end(t, m) + 1;
		else
			hi = m;
	}
	while (lo < t->size) {
		size_t end = index_line_end(t, lo);
		char line[DB_LINE_MAX];
		struct fixup_device_id id;
		const char *name;

		r = index_key_at(t, lo, &k);
		if (r < 0)
			return r;
		if (memcmp(k, key, INDEX_KEY_LEN))
			break;
		if (end - lo >= sizeof(line))
			return index_malformed(t, lo);
		memcpy(line, t->d + lo, end - lo);
		line[end - lo] = '\0';
		if (parse_index_line(strip(line), &id, &name) < 0)
			return index_malformed(t, lo);
		r = strv_add_unique(v, nv, name);
		if (r < 0)
			return r;
		lo = end + 1;
	}
	return 0;
}

static int
index_lookup_sorted(const struct index_text *t, uint16_t bus, uint16_t group, uint32_t vid,
		    uint32_t pid, char ***v, size_t *nv)
{
	/* an index field matches when it is the device's value or 0 (any) */
	const uint32_t want[4] = { bus, group, vid, pid };

	for (unsigned mask = 0; mask < 16; mask++) {
		uint32_t f[4];
		char key[INDEX_KEY_LEN + 1];
		bool dup = false;
		int r;

		for (unsigned i = 0; i < 4; i++) {
			f[i] = mask & (1u << i) ? want[i] : 0;
			/* the device's field is 0: only one of the two keys */
			dup |= (mask & (1u << i)) && !want[i];
		}
		if (dup)
			continue;
		snprintf(key, sizeof(key), "%04X %04X %08X %08X", f[0] & 0xFFFF, f[1] & 0xFFFF,
			 f[2], f[3]);
		r = index_lookup_key(t, key, v, nv);
		if (r < 0)
			return r;
	}
	return 0;
}

int
fixup_index_lookup(const char *path, uint16_t bus, uint16_t group, uint32_t vid, uint32_t pid,
		   char ***names, size_t *n)
{
	_cleanup_fclose_ FILE *f = NULL;
	char **v = NULL;
	size_t nv = 0;
	struct stat st;
	void *map = MAP_FAILED;
	int r;

	*names = NULL;
	*n = 0;
	f = fopen(path, "re");
	if (!f)
		return negative_errno();
	if (fstat(fileno(f), &st) < 0)
		return negative_errno();
	if (S_ISREG(st.st_mode) && st.st_size > 0)
		map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fileno(f), 0);
	if (map != MAP_FAILED && (size_t)st.st_size > strlen(INDEX_GENERATED) &&
	    !memcmp(map, INDEX_GENERATED, strlen(INDEX_GENERATED))) {
		struct index_text t = { .path = path, .d = map, .size = st.st_size };

		/* past the leading comment lines */
		while (t.first < t.size && t.d[t.first] == '#')
			t.first = index_line_end(&t, t.first) + 1;
		if (t.first > t.size)
			t.first = t.size;
		r = index_lookup_sorted(&t, bus, group, vid, pid, &v, &nv);
	} else {
		r = index_lookup_scan(f, path, bus, group, vid, pid, &v, &nv);
	}
	if (map != MAP_FAILED)
		munmap(map, st.st_size);
	if (r < 0) {
		fixup_names_free(v, nv);
		return r;
	}
	if (nv)
		qsort(v, nv, sizeof(*v), strv_cmp);
	*names = v;
	*n = nv;
	return 0;
}
