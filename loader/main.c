// SPDX-License-Identifier: GPL-2.0-only
/*
 * hidfix: attach HID-BPF fixups to HID devices.
 *
 *   hidfix add DEVICE [OBJECT...]   load, probe, attach and pin fixups
 *   hidfix remove DEVICE            detach every fixup of a device
 *   hidfix list                     devices, matching fixups, attachments
 *   hidfix inspect OBJECT...        what an object declares
 *   hidfix match DEVICE             which fixups match and what the loader decides
 *   hidfix db list|search|validate  the driver database
 *   hidfix install OBJECT           install one fixup and its udev rule
 *   hidfix uninstall OBJECT|NAME    remove exactly what install wrote
 *   hidfix decode SOURCE            print a report descriptor (decode.c)
 *   hidfix new VENDOR PRODUCT --from RECORDING   scaffold a fixup in the source tree
 *   hidfix daemon [--udev]          resident: attach as devices appear (daemon.c)
 *
 * Exit status: 0 success, 1 failure, 2 usage error.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "decode.h"
#include "fixup-db.h"
#include "fixup-object.h"
#include "hid-device.h"
#include "io-util.h"
#include "loader.h"
#include "log.h"
#include "time-util.h"

#define MAX_DIRS 16

struct cli {
	struct loader_options opts;
	bool json;
	const char *db;	       /* --db FILE: fixups.db instead of DIR/fixups.db */
	const char *root;      /* --root DIR: a staging tree */
	const char *local_dir; /* installed fixups, when dirs are the default */
	struct new_options new_opts;
	const char *dirs[MAX_DIRS];
	size_t n_dirs;
	struct decode_options decode;
	bool udev; /* daemon --udev: udevd's events, not the kernel's */
};

struct verb {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(struct cli *cli, int argc, char **argv);
};

static const struct verb *find_verb(const char *name);

/* ---- fixup search path ---- */

static void
cli_default_dirs(struct cli *cli)
{
	static char env_copy[4096], shipped[PATH_MAX], local[PATH_MAX];
	const char *env = getenv("HIDFIX_FIXUP_PATH");

	if (cli->n_dirs)
		return;
	if (env && *env && strlen(env) < sizeof(env_copy)) {
		char *save = NULL, *tok;

		strcpy(env_copy, env);
		for (tok = strtok_r(env_copy, ":", &save); tok && cli->n_dirs < MAX_DIRS;
		     tok = strtok_r(NULL, ":", &save))
			cli->dirs[cli->n_dirs++] = tok;
		return;
	}
	if (loader_root_path(shipped, sizeof(shipped), cli->root, FIXUPDIR) < 0 ||
	    loader_root_path(local, sizeof(local), cli->root, LOADER_LOCAL_DIR) < 0)
		return;
	cli->dirs[cli->n_dirs++] = shipped;
	cli->local_dir = local;
}

struct object_list {
	struct fixup_object **objs;
	size_t n;
	size_t missing; /* candidates of the index that could not be read */
	bool borrowed;	/* the objects belong to the daemon's cache */
};

/*
 * `hidfix daemon` reads each object's metadata once: path, the file's
 * identity when read, the object. A changed file is read again.
 */
struct object_cache_entry {
	struct stat st;
	struct fixup_object *obj;
};

static struct object_cache {
	struct object_cache_entry *e;
	size_t n;
} * object_cache;

static void
object_cache_clear(struct object_cache *c)
{
	for (size_t i = 0; i < c->n; i++)
		fixup_object_free(c->e[i].obj);
	free(c->e);
}

/* fixup_object_read() through the cache: the object stays the cache's. */
static struct fixup_object *
object_cache_read(struct object_cache *c, const char *path, char *err, size_t len)
{
	struct object_cache_entry *grown;
	struct fixup_object *obj;
	struct stat st;

	if (stat(path, &st) < 0) {
		snprintf(err, len, "%s", strerror(errno));
		return NULL;
	}
	for (size_t i = 0; i < c->n; i++) {
		if (strcmp(c->e[i].obj->path, path))
			continue;
		if (stat_same_file(&c->e[i].st, &st))
			return c->e[i].obj;
		fixup_object_free(c->e[i].obj);
		c->e[i] = c->e[--c->n];
		break;
	}
	obj = fixup_object_read(path, err, len);
	if (!obj)
		return NULL;
	grown = realloc(c->e, (c->n + 1) * sizeof(*grown));
	if (!grown) {
		fixup_object_free(obj);
		snprintf(err, len, "%s", strerror(ENOMEM));
		return NULL;
	}
	c->e = grown;
	c->e[c->n++] = (struct object_cache_entry){ .st = st, .obj = obj };
	return obj;
}

static void
object_list_clear(struct object_list *l)
{
	for (size_t i = 0; i < l->n && !l->borrowed; i++)
		fixup_object_free(l->objs[i]);
	free(l->objs);
	l->objs = NULL;
	l->n = 0;
}

static void
object_list_clearp(struct object_list **l)
{
	if (*l)
		object_list_clear(*l);
}

static int
object_list_add(struct object_list *l, struct fixup_object *obj)
{
	struct fixup_object **grown = realloc(l->objs, (l->n + 1) * sizeof(*grown));

	if (!grown)
		return -ENOMEM;
	l->objs = grown;
	l->objs[l->n++] = obj;
	return 0;
}

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

/* Same family together, highest version first, then by name. */
static int
object_cmp(const void *a, const void *b)
{
	const struct fixup_object *x = *(struct fixup_object *const *)a;
	const struct fixup_object *y = *(struct fixup_object *const *)b;
	int r = strcmp(x->family, y->family);

	if (r)
		return r;
	if (x->version != y->version)
		return y->version - x->version;
	return strcmp(x->name, y->name);
}

/*
 * Read one object into out; a missing or unreadable object is one warning
 * and returns 1.
 */
static int
collect_object(const char *path, struct object_list *out, const struct hid_device_info *dev)
{
	struct fixup_object *obj;
	char err[256];
	int r;

	out->borrowed = object_cache != NULL;
	obj = object_cache ? object_cache_read(object_cache, path, err, sizeof(err))
			   : fixup_object_read(path, err, sizeof(err));
	if (!obj) {
		log_warn(dev ? dev->name : NULL, "%s: skipped: %s", path, err);
		return 1;
	}
	if (dev && !fixup_object_matches(obj, dev->bus, dev->group, dev->vid, dev->pid)) {
		if (!object_cache)
			fixup_object_free(obj);
		return 0;
	}
	r = object_list_add(out, obj);
	if (r < 0 && !object_cache)
		fixup_object_free(obj);
	return r;
}

/*
 * The objects of dir that declare the device (every object when dev is
 * NULL). A directory with an index (written by hidfix-dbgen) is looked up
 * there and only the listed objects are opened; otherwise every *.bpf.o
 * is read.
 */
static int
collect_dir(const char *dir, const struct hid_device_info *dev, struct object_list *out)
{
	_cleanup_(closedirp) DIR *d = NULL;
	_cleanup_free_ char *index = NULL;
	struct dirent *de;
	int r;

	if (dev) {
		char **names = NULL;
		size_t n = 0;

		if (asprintf(&index, "%s/" FIXUP_INDEX_FILE, dir) < 0)
			return -ENOMEM;
		r = fixup_index_lookup(index, dev->bus, dev->group, dev->vid, dev->pid, &names, &n);
		if (r == 0) {
			log_debug(dev->name, "%s: %zu candidate(s) in the index", index, n);
			for (size_t i = 0; i < n && r == 0; i++) {
				_cleanup_free_ char *path = NULL;

				if (asprintf(&path, "%s/%s.bpf.o", dir, names[i]) < 0)
					r = -ENOMEM;
				else
					r = collect_object(path, out, dev);
				if (r > 0) {
					out->missing++;
					r = 0;
				}
			}
			fixup_names_free(names, n);
			return r;
		}
		if (r != -ENOENT)
			log_warn(dev->name, "%s: %s; reading every object instead", index,
				 strerror(-r));
	}

	d = opendir(dir);
	if (!d) {
		log_debug(NULL, "%s: %s", dir, strerror(errno));
		return 0;
	}
	while ((de = readdir(d))) {
		_cleanup_free_ char *path = NULL;

		if (!has_suffix(de->d_name, ".bpf.o"))
			continue;
		if (asprintf(&path, "%s/%s", dir, de->d_name) < 0)
			return -ENOMEM;
		r = collect_object(path, out, dev);
		if (r < 0)
			return r;
	}
	return 0;
}

/* The objects in the search path that declare the device, sorted. */
static int
collect_matching(struct cli *cli, const struct hid_device_info *dev, struct object_list *out)
{
	for (size_t i = 0; i < cli->n_dirs; i++) {
		int r = collect_dir(cli->dirs[i], dev, out);

		if (r < 0)
			return r;
	}
	if (cli->local_dir) {
		int r = collect_dir(cli->local_dir, dev, out);

		if (r < 0)
			return r;
	}
	if (out->n)
		qsort(out->objs, out->n, sizeof(*out->objs), object_cmp);
	return 0;
}

/* ---- min-kernel: the fixups.db beside an object says which kernel it needs ---- */

#define MAX_DB_CACHE 8

struct kernel_check {
	struct utsname uts;
	bool have_uts;
	struct {
		char *dir;
		struct fixup_db *db; /* NULL: no readable fixups.db there */
	} cache[MAX_DB_CACHE];
	size_t n;
};

static void
kernel_check_clear(struct kernel_check *kc)
{
	for (size_t i = 0; i < kc->n; i++) {
		free(kc->cache[i].dir);
		fixup_db_free(kc->cache[i].db);
	}
}

static const struct fixup_db *
db_beside(struct kernel_check *kc, const char *obj_path)
{
	_cleanup_free_ char *dir = strdup(obj_path);
	char *slash, err[512];
	struct fixup_db *db;

	if (!dir)
		return NULL;
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	for (size_t i = 0; i < kc->n; i++) {
		if (!strcmp(kc->cache[i].dir, dir))
			return kc->cache[i].db;
	}
	{
		_cleanup_free_ char *path = NULL;

		if (asprintf(&path, "%s/" FIXUP_DB_FILE, dir) < 0)
			return NULL;
		db = access(path, F_OK) == 0 ? fixup_db_read(path, err, sizeof(err)) : NULL;
		if (!db && errno != ENOENT)
			log_warn(NULL, "%s (its min-kernel values are not checked)", err);
	}
	if (kc->n < MAX_DB_CACHE) {
		kc->cache[kc->n].dir = steal_pointer(&dir);
		kc->cache[kc->n].db = db;
		kc->n++;
	}
	return db;
}

/*
 * 0 when the running kernel is recent enough for obj (or nothing says
 * otherwise), else 1 and *min is the kernel it needs.
 */
static int
kernel_too_old(struct kernel_check *kc, const struct fixup_object *obj, const char **min)
{
	const struct fixup_db_entry *e = fixup_db_find(db_beside(kc, obj->path), obj->name);

	if (!e || !e->min_kernel)
		return 0;
	if (!kc->have_uts) {
		if (uname(&kc->uts) < 0)
			return 0;
		kc->have_uts = true;
	}
	*min = e->min_kernel;
	return kernel_at_least(kc->uts.release, e->min_kernel) == 0;
}

/* ---- add ---- */

static int
require_root(void)
{
	if (geteuid() != 0) {
		log_error(NULL, "must be run as root");
		return 1;
	}
	return 0;
}

static int
open_device(const char *arg, struct hid_device_info **dev)
{
	*dev = hid_device_open(arg);
	if (!*dev) {
		if (errno == ENODEV || errno == ENOENT)
			log_error(arg, "no such device");
		else if (errno == EINVAL)
			log_error(arg, "not a HID device (expected a sysfs path, a HID name "
				       "like 0003:24AE:2015.0004, or /dev/hidrawN)");
		else
			log_error(arg, "cannot read device: %s", strerror(errno));
		return 1;
	}
	return 0;
}

/* loader_attach() or the daemon's: how add_objects attaches one object */
typedef int (*attach_fn)(void *userdata, struct hid_device_info *dev,
			 const struct fixup_object *obj, const struct loader_options *opts,
			 enum loader_result *result);

static int
attach_plain(void *userdata, struct hid_device_info *dev, const struct fixup_object *obj,
	     const struct loader_options *opts, enum loader_result *result)
{
	return loader_attach(dev, obj, opts, result);
}

/*
 * What `add` does with the candidate objects, under the device's lock:
 * per family the first version that loads and probes wins (automatic),
 * the min-kernel and trust checks. Clears objs. 0 or 1 (the exit status).
 */
static int
add_objects(struct cli *cli, struct hid_device_info *dev, struct object_list *objs, bool automatic,
	    attach_fn attach, void *userdata)
{
	_cleanup_(kernel_check_clear) struct kernel_check kc = { 0 };
	_cleanup_(object_list_clearp) _unused_ struct object_list *owned = objs;
	_cleanup_close_ int lock = -1;
	const char *family_done = NULL, *min;
	unsigned attached = 0;
	int ret = 0, r;

	lock = loader_lock_device(dev->name);
	if (lock < 0) {
		log_error(dev->name, "cannot lock %s: %s", LOADER_LOCK_DIR, strerror(-lock));
		return 1;
	}

	for (size_t i = 0; i < objs->n; i++) {
		struct fixup_object *obj = objs->objs[i];
		enum loader_result res;

		/* Versions of one family: the first that loads and probes wins. */
		if (automatic && family_done && !strcmp(family_done, obj->family))
			continue;
		if (automatic && kernel_too_old(&kc, obj, &min)) {
			log_info(dev->name, "%s: skipped: it needs kernel %s or later (running %s)",
				 obj->name, min, kc.uts.release);
			continue;
		}

		if (!cli->opts.allow_untrusted) {
			char why[256];

			if (loader_check_trusted(obj->path, why, sizeof(why)) < 0) {
				if (automatic) {
					log_warn(dev->name,
						 "%s: skipped: %s (--allow-untrusted loads it)",
						 obj->path, why);
					continue;
				}
				log_error(dev->name, "%s: refused: %s (--allow-untrusted loads it)",
					  obj->path, why);
				ret = 1;
				break;
			}
		}
		r = attach(userdata, dev, obj, &cli->opts, &res);
		if (r < 0) {
			if (r == -EOPNOTSUPP || r == -ENODEV || !automatic) {
				ret = 1;
				break;
			}
			continue; /* try the next version */
		}
		switch (res) {
		case LOADER_ATTACHED:
			log_info(dev->name, "attached %s", obj->name);
			attached++;
			family_done = obj->family;
			break;
		case LOADER_ALREADY_ATTACHED:
			log_info(dev->name, "%s is already attached", obj->name);
			family_done = obj->family;
			break;
		case LOADER_PROBE_ACCEPTED: /* loader_attach never says so */
		case LOADER_PROBE_REJECTED:
			if (automatic) {
				log_info(dev->name, "%s: probe rejected the device", obj->name);
			} else {
				log_error(dev->name, "%s: probe rejected the device", obj->name);
				ret = 1;
			}
			break;
		}
	}
	if (automatic && !ret && !attached && !family_done)
		log_info(dev->name, "no matching fixup accepted this device");
	return ret;
}

/*
 * The objects of the search path that match dev (automatic add). 0, or 1
 * after one line: no fixup at all is 0 with objs->n == 0.
 */
static int
collect_automatic(struct cli *cli, struct hid_device_info *dev, struct object_list *objs)
{
	int r;

	cli_default_dirs(cli);
	r = collect_matching(cli, dev, objs);
	if (r < 0) {
		log_error(dev->name, "reading fixups: %s", strerror(-r));
		return 1;
	}
	if (!objs->n) {
		/* the index named a fixup: its warning is the one line */
		if (objs->missing)
			return 1;
		log_info(dev->name, "no fixup matches this device");
	}
	return 0;
}

static int
verb_add(struct cli *cli, int argc, char **argv)
{
	_cleanup_(hid_device_freep) struct hid_device_info *dev = NULL;
	struct object_list objs = { 0 };
	bool automatic = argc < 2;
	int ret;

	if (argc < 1) {
		log_error(NULL, "add: missing DEVICE");
		return EXIT_USAGE;
	}
	if (require_root())
		return 1;
	if (open_device(argv[0], &dev))
		return 1;

	if (automatic) {
		ret = collect_automatic(cli, dev, &objs);
		if (ret || !objs.n)
			return ret;
	} else {
		for (int i = 1; i < argc; i++) {
			char err[256];
			struct fixup_object *obj = fixup_object_read(argv[i], err, sizeof(err));

			if (!obj) {
				log_error(dev->name, "%s: %s", argv[i], err);
				object_list_clear(&objs);
				return 1;
			}
			if (!cli->opts.force &&
			    !fixup_object_matches(obj, dev->bus, dev->group, dev->vid, dev->pid)) {
				log_error(dev->name,
					  "%s does not declare this device (bus 0x%04X group "
					  "0x%04X %04X:%04X); --force attaches it anyway",
					  obj->name, dev->bus, dev->group, dev->vid, dev->pid);
				fixup_object_free(obj);
				object_list_clear(&objs);
				return 1;
			}
			if (object_list_add(&objs, obj) < 0) {
				fixup_object_free(obj);
				object_list_clear(&objs);
				return 1;
			}
		}
	}

	return add_objects(cli, dev, &objs, automatic, attach_plain, NULL);
}

/* ---- daemon ---- */

static int
attach_daemon(void *userdata, struct hid_device_info *dev, const struct fixup_object *obj,
	      const struct loader_options *opts, enum loader_result *result)
{
	return loader_daemon_attach(userdata, dev, obj, opts, result);
}

/*
 * One added device: `hidfix add DEVICE` with the daemon's loads. The
 * kernel announces a device before its probe has parsed the descriptor
 * (sysfs gives none yet): then -EAGAIN, and the daemon asks again when
 * the driver is bound.
 */
static int
daemon_add(void *userdata, struct loader_daemon *d, const char *hid_name)
{
	_cleanup_(hid_device_freep) struct hid_device_info *dev = NULL;
	struct cli *cli = userdata;
	struct object_list objs = { 0 };
	uint64_t t0 = now_usec(), t1;
	int ret;

	dev = hid_device_open(hid_name);
	if (!dev) {
		int err = errno;
		char sys[PATH_MAX];

		snprintf(sys, sizeof(sys), "/sys/bus/hid/devices/%s", hid_name);
		if (err == ENODEV && access(sys, F_OK) == 0)
			return -EAGAIN;
		log_error(hid_name, "cannot read device: %s", strerror(err));
		return 1;
	}
	ret = collect_automatic(cli, dev, &objs);
	if (ret || !objs.n)
		return ret;
	t1 = now_usec();
	ret = add_objects(cli, dev, &objs, true, attach_daemon, d);
	log_debug(dev->name, "daemon: candidates %.1f ms, attach %.1f ms", (t1 - t0) / 1000.0,
		  (now_usec() - t1) / 1000.0);
	return ret;
}

static int
verb_daemon(struct cli *cli, int argc, char **argv)
{
	struct loader_daemon_hooks hooks = { .add = daemon_add, .userdata = cli };
	struct object_cache cache = { 0 };
	int r;

	if (argc != 0) {
		log_error(NULL, "daemon: takes no argument");
		return EXIT_USAGE;
	}
	if (require_root())
		return 1;
	object_cache = &cache;
	r = loader_daemon_run(&hooks, cli->udev);
	object_cache = NULL;
	object_cache_clear(&cache);
	return r < 0 ? 1 : 0;
}

/* ---- remove ---- */

static int
verb_remove(struct cli *cli, int argc, char **argv)
{
	_cleanup_close_ int lock = -1;
	char name[HID_NAME_MAX];
	unsigned removed = 0;
	int r;

	if (argc != 1) {
		log_error(NULL, "remove: expected exactly one DEVICE");
		return EXIT_USAGE;
	}
	if (require_root())
		return 1;
	r = hid_device_name_from_arg(argv[0], name, sizeof(name));
	if (r < 0) {
		log_error(argv[0], "not a HID device name or path");
		return 1;
	}
	lock = loader_lock_device(name);
	if (lock < 0) {
		log_error(name, "cannot lock: %s", strerror(-lock));
		return 1;
	}
	r = loader_detach_all(name, &removed);
	if (r < 0) {
		log_error(name, "removing pins: %s", strerror(-r));
		return 1;
	}
	if (removed)
		log_info(name, "detached %u fixup%s", removed, removed == 1 ? "" : "s");
	else
		log_info(name, "no fixup was attached");
	return 0;
}

/* ---- JSON helpers ---- */

void
json_string(const char *s)
{
	putchar('"');
	for (; s && *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* ---- inspect ---- */

static const char *
bus_name(uint16_t bus)
{
	switch (bus) {
	case 0x00:
		return "any";
	case 0x03:
		return "USB";
	case 0x05:
		return "Bluetooth";
	case 0x06:
		return "virtual";
	case 0x18:
		return "I2C";
	default:
		return "other";
	}
}

static void
print_id_human(const struct fixup_device_id *id)
{
	char vid[16], pid[16], group[16];

	snprintf(vid, sizeof(vid), id->vid ? "%04X" : "*", id->vid);
	snprintf(pid, sizeof(pid), id->pid ? "%04X" : "*", id->pid);
	snprintf(group, sizeof(group), id->group ? "0x%04X" : "any", id->group);
	printf("  device: bus 0x%04X (%s) group %s %s:%s\n", id->bus, bus_name(id->bus), group, vid,
	       pid);
}

static void
inspect_json(const struct fixup_object *obj, bool first)
{
	printf("%s\n  {\"object\": ", first ? "" : ",");
	json_string(obj->path);
	printf(", \"name\": ");
	json_string(obj->name);
	printf(", \"family\": ");
	json_string(obj->family);
	printf(", \"version\": %d, \"license\": ", obj->version);
	json_string(obj->license);
	printf(", \"probe\": %s,\n   \"devices\": [", obj->has_probe ? "true" : "false");
	for (size_t i = 0; i < obj->n_ids; i++)
		printf("%s{\"bus\": %u, \"group\": %u, \"vid\": %u, \"pid\": %u}", i ? ", " : "",
		       obj->ids[i].bus, obj->ids[i].group, obj->ids[i].vid, obj->ids[i].pid);
	printf("],\n   \"programs\": [");
	for (size_t i = 0; i < obj->n_programs; i++) {
		printf("%s{\"name\": ", i ? ", " : "");
		json_string(obj->programs[i].name);
		printf(", \"section\": ");
		json_string(obj->programs[i].section);
		putchar('}');
	}
	printf("],\n   \"hooks\": [");
	for (size_t i = 0; i < obj->n_hooks; i++) {
		printf("%s{\"ops\": ", i ? ", " : "");
		json_string(obj->hooks[i].ops);
		printf(", \"hook\": ");
		json_string(obj->hooks[i].hook);
		printf(", \"program\": ");
		json_string(obj->hooks[i].program);
		putchar('}');
	}
	printf("]}");
}

static void
inspect_human(const struct fixup_object *obj)
{
	printf("%s\n", obj->path);
	printf("  name: %s (family %s, version ", obj->name, obj->family);
	if (obj->version >= 0)
		printf("%04d)\n", obj->version);
	else
		printf("none)\n");
	printf("  license: %s\n", obj->license ? obj->license : "(none)");
	for (size_t i = 0; i < obj->n_ids; i++)
		print_id_human(&obj->ids[i]);
	for (size_t i = 0; i < obj->n_hooks; i++)
		printf("  hook: %s.%s -> %s\n", obj->hooks[i].ops, obj->hooks[i].hook,
		       obj->hooks[i].program);
	for (size_t i = 0; i < obj->n_programs; i++)
		printf("  program: %s (%s)\n", obj->programs[i].name, obj->programs[i].section);
	printf("  probe: %s\n", obj->has_probe ? "yes" : "no (accepts every matching device)");
}

static int
verb_inspect(struct cli *cli, int argc, char **argv)
{
	int ret = 0;
	bool first = true;

	if (argc < 1) {
		log_error(NULL, "inspect: missing OBJECT");
		return EXIT_USAGE;
	}
	if (cli->json)
		printf("[");
	for (int i = 0; i < argc; i++) {
		_cleanup_(fixup_object_freep) struct fixup_object *obj = NULL;
		char err[256];

		obj = fixup_object_read(argv[i], err, sizeof(err));
		if (!obj) {
			log_error(NULL, "%s: %s", argv[i], err);
			ret = 1;
			continue;
		}
		if (cli->json) {
			inspect_json(obj, first);
			first = false;
		} else {
			inspect_human(obj);
		}
	}
	if (cli->json)
		printf("\n]\n");
	return ret;
}

/* ---- list ---- */

static int
verb_list(struct cli *cli, int argc, char **argv)
{
	_cleanup_(closedirp) DIR *d = NULL;
	struct dirent *de;
	bool first = true;
	unsigned count = 0;

	if (argc) {
		log_error(NULL, "list: takes no argument");
		return EXIT_USAGE;
	}
	cli_default_dirs(cli);
	d = opendir("/sys/bus/hid/devices");
	if (!d) {
		log_error(NULL, "/sys/bus/hid/devices: %s", strerror(errno));
		return 1;
	}
	if (cli->json)
		printf("[");
	while ((de = readdir(d))) {
		_cleanup_(hid_device_freep) struct hid_device_info *dev = NULL;
		struct object_list objs = { 0 };
		char **attached = NULL;
		size_t n_attached = 0;

		if (de->d_name[0] == '.')
			continue;
		dev = hid_device_open(de->d_name);
		if (!dev)
			continue; /* vanished meanwhile */
		collect_matching(cli, dev, &objs);
		loader_list_attached(dev->name, &attached, &n_attached);
		count++;
		if (cli->json) {
			printf("%s\n  {\"device\": ", first ? "" : ",");
			json_string(dev->name);
			printf(", \"group\": %u, \"matching\": [", dev->group);
			for (size_t i = 0; i < objs.n; i++) {
				printf("%s", i ? ", " : "");
				json_string(objs.objs[i]->name);
			}
			printf("], \"attached\": [");
			for (size_t i = 0; i < n_attached; i++) {
				printf("%s", i ? ", " : "");
				json_string(attached[i]);
			}
			printf("]}");
		} else {
			printf("%s (group 0x%04X)\n", dev->name, dev->group);
			for (size_t i = 0; i < objs.n; i++)
				printf("  matches: %s\n", objs.objs[i]->name);
			for (size_t i = 0; i < n_attached; i++)
				printf("  attached: %s\n", attached[i]);
		}
		first = false;
		for (size_t i = 0; i < n_attached; i++)
			free(attached[i]);
		free(attached);
		object_list_clear(&objs);
	}
	if (cli->json)
		printf("\n]\n");
	else if (!count)
		printf("no HID devices\n");
	return 0;
}

/* ---- match ---- */

enum match_state {
	MATCH_ACCEPTED,
	MATCH_ATTACHED,
	MATCH_REJECTED,
	MATCH_SUPERSEDED,
	MATCH_FAILED,
	MATCH_KERNEL,
};

static const char *const match_state_names[] = {
	[MATCH_ACCEPTED] = "accepted", [MATCH_ATTACHED] = "attached",
	[MATCH_REJECTED] = "rejected", [MATCH_SUPERSEDED] = "superseded",
	[MATCH_FAILED] = "failed",     [MATCH_KERNEL] = "skipped",
};

/* detail: the higher version for MATCH_SUPERSEDED, the kernel needed for MATCH_KERNEL */
static void
match_print(struct cli *cli, const struct fixup_object *obj, enum match_state state, int probe_ret,
	    const char *detail, bool first)
{
	char why[256];

	switch (state) {
	case MATCH_ACCEPTED:
		snprintf(why, sizeof(why), "%s",
			 obj->has_probe ? "its probe accepts the device"
					: "no probe: accepts every "
					  "matching device");
		break;
	case MATCH_ATTACHED:
		snprintf(why, sizeof(why), "already attached to the device");
		break;
	case MATCH_REJECTED:
		snprintf(why, sizeof(why), "its probe rejected the device (returned %d%s%s)",
			 probe_ret, probe_ret < 0 ? ": " : "",
			 probe_ret < 0 ? strerror(-probe_ret) : "");
		break;
	case MATCH_SUPERSEDED:
		snprintf(why, sizeof(why), "superseded by %s, a higher version that is used",
			 detail);
		break;
	case MATCH_FAILED:
		snprintf(why, sizeof(why), "cannot be loaded (the error above)");
		break;
	case MATCH_KERNEL:
		snprintf(why, sizeof(why), "needs kernel %s", detail);
		break;
	}
	if (cli->json) {
		printf("%s\n    {\"object\": ", first ? "" : ",");
		json_string(obj->path);
		printf(", \"name\": ");
		json_string(obj->name);
		printf(", \"result\": \"%s\", \"reason\": ", match_state_names[state]);
		json_string(why);
		if (state == MATCH_REJECTED)
			printf(", \"probe\": %d", probe_ret);
		if (state == MATCH_SUPERSEDED) {
			printf(", \"by\": ");
			json_string(detail);
		}
		printf("}");
	} else {
		printf("  %-32s %-10s %s\n", obj->name, match_state_names[state], why);
	}
}

static int
verb_match(struct cli *cli, int argc, char **argv)
{
	_cleanup_(hid_device_freep) struct hid_device_info *dev = NULL;
	_cleanup_(kernel_check_clear) struct kernel_check kc = { 0 };
	struct object_list objs = { 0 };
	const char *winner = NULL, *winner_family = NULL, *min;
	int r;

	if (argc != 1) {
		log_error(NULL, "match: expected exactly one DEVICE");
		return EXIT_USAGE;
	}
	if (require_root())
		return 1;
	if (open_device(argv[0], &dev))
		return 1;
	cli_default_dirs(cli);
	r = collect_matching(cli, dev, &objs);
	if (r < 0) {
		log_error(dev->name, "reading fixups: %s", strerror(-r));
		return 1;
	}
	if (cli->json) {
		printf("{\"device\": ");
		json_string(dev->name);
		printf(", \"bus\": %u, \"group\": %u, \"vid\": %u, \"pid\": %u, \"fixups\": [",
		       dev->bus, dev->group, dev->vid, dev->pid);
	} else {
		printf("%s: bus 0x%04X (%s) group 0x%04X %04X:%04X\n", dev->name, dev->bus,
		       bus_name(dev->bus), dev->group, dev->vid, dev->pid);
		if (!objs.n)
			printf("  no fixup matches this device\n");
	}
	/* the same order and decisions as `hidfix add`, without attaching */
	for (size_t i = 0; i < objs.n; i++) {
		struct fixup_object *obj = objs.objs[i];
		enum loader_result res;
		enum match_state state;
		int probe_ret = 0;

		if (winner_family && !strcmp(winner_family, obj->family)) {
			match_print(cli, obj, MATCH_SUPERSEDED, 0, winner, i == 0);
			continue;
		}
		winner = winner_family = NULL;
		if (kernel_too_old(&kc, obj, &min)) {
			char need[128];

			snprintf(need, sizeof(need), "%s or later (running %s)", min,
				 kc.uts.release);
			match_print(cli, obj, MATCH_KERNEL, 0, need, i == 0);
			continue;
		}
		r = loader_probe(dev, obj, &cli->opts, &res, &probe_ret);
		if (r < 0)
			state = MATCH_FAILED;
		else if (res == LOADER_ALREADY_ATTACHED)
			state = MATCH_ATTACHED;
		else if (res == LOADER_PROBE_REJECTED)
			state = MATCH_REJECTED;
		else
			state = MATCH_ACCEPTED;
		if (state == MATCH_ACCEPTED || state == MATCH_ATTACHED) {
			winner = obj->name;
			winner_family = obj->family;
		}
		match_print(cli, obj, state, probe_ret, NULL, i == 0);
		if (r == -EOPNOTSUPP || r == -ENODEV)
			break;
	}
	if (cli->json)
		printf("\n]}\n");
	object_list_clear(&objs);
	return 0;
}

/* ---- db ---- */

struct db_dir {
	const char *dir;
	struct fixup_db *db; /* NULL when the directory has none */
	struct object_list objs;
};

static void
db_dir_clear(struct db_dir *d)
{
	fixup_db_free(d->db);
	object_list_clear(&d->objs);
}

/* Objects of dir and its fixups.db (or --db). 0, or -errno after logging. */
static int
db_dir_read(struct cli *cli, const char *dir, bool need_db, struct db_dir *out)
{
	_cleanup_free_ char *path = NULL;
	char err[512];
	int r;

	*out = (struct db_dir){ .dir = dir };
	if (cli->db)
		path = strdup(cli->db);
	else if (asprintf(&path, "%s/" FIXUP_DB_FILE, dir) < 0)
		path = NULL;
	if (!path)
		return -ENOMEM;
	if (need_db || access(path, F_OK) == 0) {
		out->db = fixup_db_read(path, err, sizeof(err));
		if (!out->db)
			return log_error_errno(NULL, -EBADMSG, "%s", err);
	}
	r = collect_dir(dir, NULL, &out->objs);
	if (r < 0)
		return log_error_errno(NULL, r, "%s: %s", dir, strerror(-r));
	if (out->objs.n)
		qsort(out->objs.objs, out->objs.n, sizeof(*out->objs.objs), object_cmp);
	return 0;
}

static void
format_ids(const struct fixup_object *obj, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < obj->n_ids && off < len; i++) {
		char vid[16], pid[16];

		snprintf(vid, sizeof(vid), obj->ids[i].vid ? "%04X" : "*", obj->ids[i].vid);
		snprintf(pid, sizeof(pid), obj->ids[i].pid ? "%04X" : "*", obj->ids[i].pid);
		off += snprintf(buf + off, len - off, "%s%s %s:%s", i ? ", " : "",
				bus_name(obj->ids[i].bus), vid, pid);
	}
}

static bool
contains_ci(const char *haystack, const char *needle)
{
	return haystack && strcasestr(haystack, needle);
}

static bool
db_matches(const struct fixup_object *obj, const struct fixup_db_entry *e, const char *text)
{
	char ids[512];

	format_ids(obj, ids, sizeof(ids));
	return contains_ci(obj->name, text) || contains_ci(ids, text) ||
	       (e && (contains_ci(e->vendor, text) || contains_ci(e->product, text) ||
		      contains_ci(e->fixes, text) || contains_ci(e->status, text) ||
		      contains_ci(e->test, text)));
}

static void
json_field(const char *key, const char *value)
{
	printf(", \"%s\": ", key);
	if (value)
		json_string(value);
	else
		printf("null");
}

static void
db_print(struct cli *cli, const struct fixup_object *obj, const struct fixup_db_entry *e,
	 bool first)
{
	char ids[512];

	if (cli->json) {
		printf("%s\n  {\"name\": ", first ? "" : ",");
		json_string(obj->name);
		json_field("object", obj->path);
		json_field("vendor", e ? e->vendor : NULL);
		json_field("product", e ? e->product : NULL);
		json_field("fixes", e ? e->fixes : NULL);
		json_field("status", e ? e->status : NULL);
		json_field("min_kernel", e ? e->min_kernel : NULL);
		json_field("test", e ? e->test : NULL);
		printf(", \"probe\": %s, \"devices\": [", obj->has_probe ? "true" : "false");
		for (size_t i = 0; i < obj->n_ids; i++)
			printf("%s{\"bus\": %u, \"group\": %u, \"vid\": %u, \"pid\": %u}",
			       i ? ", " : "", obj->ids[i].bus, obj->ids[i].group, obj->ids[i].vid,
			       obj->ids[i].pid);
		printf("]}");
		return;
	}
	format_ids(obj, ids, sizeof(ids));
	printf("%s\n", obj->name);
	if (e) {
		printf("  device: %s %s (%s)\n", e->vendor, e->product, ids);
		printf("  fixes: %s\n", e->fixes);
		printf("  status: %s%s%s\n", e->status, e->min_kernel ? ", kernel >= " : "",
		       e->min_kernel ? e->min_kernel : "");
		printf("  test: %s\n", e->test ? e->test : "(none)");
	} else {
		printf("  device: %s (no database entry)\n", ids);
	}
}

static int
db_list_or_search(struct cli *cli, const char *text)
{
	bool first = true;
	unsigned shown = 0;
	int ret = 0;

	cli_default_dirs(cli);
	if (cli->json)
		printf("[");
	for (size_t i = 0; i < cli->n_dirs; i++) {
		struct db_dir d;

		if (db_dir_read(cli, cli->dirs[i], false, &d) < 0) {
			db_dir_clear(&d);
			ret = 1;
			continue;
		}
		for (size_t k = 0; k < d.objs.n; k++) {
			const struct fixup_object *obj = d.objs.objs[k];
			const struct fixup_db_entry *e = fixup_db_find(d.db, obj->name);

			if (text && !db_matches(obj, e, text))
				continue;
			db_print(cli, obj, e, first);
			first = false;
			shown++;
		}
		db_dir_clear(&d);
	}
	if (cli->json)
		printf("\n]\n");
	else if (!shown)
		printf(text ? "no fixup matches '%s'\n" : "no fixups installed%s\n",
		       text ? text : "");
	return ret;
}

static void
validate_report(void *userdata, const char *where, const char *msg)
{
	log_error(NULL, "%s: %s", where, msg);
}

/* Objects that cannot be read are problems too: count them while listing. */
static int
db_validate_dir(struct cli *cli, const char *dir)
{
	_cleanup_(closedirp) DIR *d = opendir(dir);
	struct db_dir db;
	struct dirent *de;
	int problems = 0, r;

	if (!d) {
		log_error(NULL, "%s: %s", dir, strerror(errno));
		return 1;
	}
	while ((de = readdir(d))) {
		_cleanup_(fixup_object_freep) struct fixup_object *obj = NULL;
		_cleanup_free_ char *path = NULL;
		char err[256];

		if (!has_suffix(de->d_name, ".bpf.o"))
			continue;
		if (asprintf(&path, "%s/%s", dir, de->d_name) < 0)
			return -ENOMEM;
		obj = fixup_object_read(path, err, sizeof(err));
		if (!obj) {
			log_error(NULL, "%s: %s", path, err);
			problems++;
		}
	}
	r = db_dir_read(cli, dir, true, &db);
	if (r < 0) {
		db_dir_clear(&db);
		return problems + 1;
	}
	problems += fixup_db_check(db.db, db.objs.objs, db.objs.n, validate_report, NULL);
	{
		_cleanup_free_ char *index = NULL;

		r = asprintf(&index, "%s/" FIXUP_INDEX_FILE, dir) < 0 ? -ENOMEM : 0;
		if (r == 0)
			r = fixup_index_check(index, db.objs.objs, db.objs.n, validate_report,
					      NULL);
		if (r < 0)
			log_error(NULL, "%s/" FIXUP_INDEX_FILE ": %s", dir, strerror(-r));
		problems += r < 0 ? 1 : r;
	}
	printf("%s: %zu fixup%s, %zu database entr%s, %d problem%s\n", dir, db.objs.n,
	       db.objs.n == 1 ? "" : "s", db.db->n, db.db->n == 1 ? "y" : "ies", problems,
	       problems == 1 ? "" : "s");
	db_dir_clear(&db);
	return problems;
}

static int
verb_db(struct cli *cli, int argc, char **argv)
{
	if (argc < 1) {
		log_error(NULL, "db: expected list, search TEXT or validate [DIR]");
		return EXIT_USAGE;
	}
	if (!strcmp(argv[0], "list")) {
		if (argc != 1) {
			log_error(NULL, "db list: takes no argument");
			return EXIT_USAGE;
		}
		return db_list_or_search(cli, NULL);
	}
	if (!strcmp(argv[0], "search")) {
		if (argc != 2 || !*argv[1]) {
			log_error(NULL, "db search: expected one TEXT");
			return EXIT_USAGE;
		}
		return db_list_or_search(cli, argv[1]);
	}
	if (!strcmp(argv[0], "validate")) {
		int problems = 0;

		if (argc > 2) {
			log_error(NULL, "db validate: expected at most one DIR");
			return EXIT_USAGE;
		}
		if (argc == 2) {
			problems = db_validate_dir(cli, argv[1]);
		} else {
			cli_default_dirs(cli);
			for (size_t i = 0; i < cli->n_dirs; i++)
				problems += db_validate_dir(cli, cli->dirs[i]);
		}
		return problems ? 1 : 0;
	}
	log_error(NULL, "db: unknown command '%s' (list, search, validate)", argv[0]);
	return EXIT_USAGE;
}

/* ---- install, uninstall (install.c) ---- */

static int
verb_install(struct cli *cli, int argc, char **argv)
{
	return loader_install(cli->root, cli->opts.force, argc, argv);
}

static int
verb_uninstall(struct cli *cli, int argc, char **argv)
{
	return loader_uninstall(cli->root, argc, argv);
}

/* ---- verb table and main ---- */

static int
verb_new(struct cli *cli, int argc, char **argv)
{
	return loader_new(&cli->new_opts, argc, argv);
}

static int verb_help(struct cli *cli, int argc, char **argv);

static int
verb_decode(struct cli *cli, int argc, char **argv)
{
	cli->decode.json = cli->json;
	return decode_run(&cli->decode, argc, argv);
}

static const struct verb verbs[] = {
	{ "add", "DEVICE [OBJECT...]",
	  "attach the fixups that match DEVICE (or the given objects) and pin them", verb_add },
	{ "remove", "DEVICE", "detach every fixup of DEVICE (works after it is gone)",
	  verb_remove },
	{ "list", "", "HID devices, the fixups that match them and those attached", verb_list },
	{ "inspect", "OBJECT...", "devices, programs and hooks a fixup object declares",
	  verb_inspect },
	{ "match", "DEVICE",
	  "the fixups that match DEVICE and, for each, what `add` would do and why", verb_match },
	{ "db", "list|search|validate",
	  "db list, db search TEXT, db validate [DIR]: the installed fixups and their facts",
	  verb_db },
	{ "install", "OBJECT",
	  "install one fixup object and a udev rule for its devices: it loads on the next plug",
	  verb_install },
	{ "uninstall", "OBJECT|NAME",
	  "remove what install wrote and detach the fixup from the devices it is attached to",
	  verb_uninstall },
	{ "decode", "[--no-summary] SOURCE|--diff A B",
	  "print a report descriptor (recording, hex or binary file, hidraw node, sysfs dir)",
	  verb_decode },
	{ "new", "VENDOR PRODUCT --from RECORDING",
	  "scaffold fixups/testing/0010-Vendor__Product.bpf.c and its replay test from a "
	  "recording (in a source tree)",
	  verb_new },
	{ "daemon", "[--udev]",
	  "stay resident: attach fixups to devices as they appear, each object loaded once",
	  verb_daemon },
	{ "help", "[VERB]", "show this help", verb_help },
};

static const struct verb *
find_verb(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(verbs); i++) {
		if (!strcmp(verbs[i].name, name))
			return &verbs[i];
	}
	return NULL;
}

static void
usage(FILE *f)
{
	fprintf(f, "Usage: hidfix [OPTIONS] VERB [ARGS]\n\nVerbs:\n");
	for (size_t i = 0; i < ARRAY_SIZE(verbs); i++)
		fprintf(f, "  %-9s %-20s %s\n", verbs[i].name, verbs[i].args, verbs[i].help);
	fprintf(f,
		"\nOptions:\n"
		"  -d, --fixup-dir DIR  search DIR for fixups (repeatable; default %s\n"
		"                       then " LOADER_LOCAL_DIR " (installed),\n"
		"                       or $HIDFIX_FIXUP_PATH, colon-separated)\n"
		"      --db FILE        db: read FILE instead of DIR/" FIXUP_DB_FILE "\n"
		"  -f, --force          add: attach objects that do not list the device;\n"
		"                       install: replace a different installed copy\n"
		"      --allow-untrusted add: load objects that are not root-owned, or that\n"
		"                       group or others (or their directory) can write\n"
		"      --root DIR       the default directories and install/uninstall\n"
		"                       under DIR, a staging tree (no udev reload, no detach)\n"
		"  -j, --json           machine-readable output (list, inspect, match, db, "
		"decode)\n"
		"      --summary, --no-summary  decode: with (default) or without the reports\n"
		"      --diff           decode A B: the items of two descriptors side by side\n"
		"      --from FILE      new: the recording to start from\n"
		"      --device N       new: the recorded device with D: index N\n"
		"      --source-root DIR new: the hidfix source tree (default: .)\n"
		"      --udev           daemon: act on udevd's events (devices the hwdb\n"
		"                       marks) instead of the kernel's\n"
		"  -v, --verbose        debug messages and the full verifier log\n"
		"  -h, --help           show this help\n"
		"  -V, --version        show the version\n"
		"\nDEVICE is a sysfs path, a HID name like 0003:24AE:2015.0004, or "
		"/dev/hidrawN.\n"
		"Exit status: 0 success, 1 failure, 2 usage error.\n",
		FIXUPDIR);
}

static int
verb_help(struct cli *cli, int argc, char **argv)
{
	const struct verb *v;

	if (argc == 0) {
		usage(stdout);
		return 0;
	}
	v = find_verb(argv[0]);
	if (!v) {
		log_error(NULL, "unknown verb '%s'", argv[0]);
		return EXIT_USAGE;
	}
	printf("Usage: hidfix %s %s\n  %s\n", v->name, v->args, v->help);
	return 0;
}

/* long options without a short form (new) */
enum {
	OPT_FROM = 256,
	OPT_DEVICE,
	OPT_SOURCE_ROOT,
	OPT_UDEV,
};

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "fixup-dir", required_argument, NULL, 'd' },
		{ "db", required_argument, NULL, 'D' },
		{ "root", required_argument, NULL, 'R' },
		{ "force", no_argument, NULL, 'f' },
		{ "allow-untrusted", no_argument, NULL, 'U' },
		{ "json", no_argument, NULL, 'j' },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "device", required_argument, NULL, OPT_DEVICE },
		{ "source-root", required_argument, NULL, OPT_SOURCE_ROOT },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "summary", no_argument, NULL, 'S' },
		{ "no-summary", no_argument, NULL, 'N' },
		{ "diff", no_argument, NULL, 'X' },
		{ "udev", no_argument, NULL, OPT_UDEV },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cli = { .new_opts.device = -1 };
	const struct verb *v;
	char *end;
	int c;

	log_set_program("hidfix");
	/* options may come before or after the verb: permute */
	while ((c = getopt_long(argc, argv, "d:fjvhV", options, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (cli.n_dirs >= MAX_DIRS) {
				log_error(NULL, "too many --fixup-dir");
				return EXIT_USAGE;
			}
			cli.dirs[cli.n_dirs++] = optarg;
			break;
		case 'D':
			cli.db = optarg;
			break;
		case 'R':
			cli.root = optarg;
			break;
		case 'f':
			cli.opts.force = true;
			break;
		case 'U':
			cli.opts.allow_untrusted = true;
			break;
		case 'j':
			cli.json = true;
			break;
		case OPT_FROM:
			cli.new_opts.from = optarg;
			break;
		case OPT_SOURCE_ROOT:
			cli.new_opts.source_root = optarg;
			break;
		case OPT_DEVICE:
			errno = 0;
			c = (int)strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || c < 0 || c > 255) {
				log_error(NULL, "--device '%s': give a D: index, 0-255", optarg);
				return EXIT_USAGE;
			}
			cli.new_opts.device = c;
			break;
		case 'v':
			cli.opts.verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("hidfix %s\n", HIDFIX_VERSION);
			return 0;
		case 'S':
		case 'N':
			cli.decode.no_summary = c == 'N';
			break;
		case 'X':
			cli.decode.diff = true;
			break;
		case OPT_UDEV:
			cli.udev = true;
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	v = find_verb(argv[optind]);
	if (!v) {
		log_error(NULL, "unknown verb '%s' (see hidfix --help)", argv[optind]);
		return EXIT_USAGE;
	}
	log_set_level(cli.opts.verbose ? LOG_LEVEL_DEBUG : LOG_LEVEL_INFO);
	loader_init_logging(cli.opts.verbose);
	return v->run(&cli, argc - optind - 1, argv + optind + 1);
}
