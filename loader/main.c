// SPDX-License-Identifier: GPL-2.0-only
/*
 * hidfix: attach HID-BPF fixups to HID devices.
 *
 *   hidfix add DEVICE [OBJECT...]   load, probe, attach and pin fixups
 *   hidfix remove DEVICE            detach every fixup of a device
 *   hidfix list                     devices, matching fixups, attachments
 *   hidfix inspect OBJECT...        what an object declares
 *
 * Exit status: 0 success, 1 failure, 2 usage error.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fixup-object.h"
#include "hid-device.h"
#include "loader.h"
#include "log.h"

#define EXIT_USAGE 2
#define MAX_DIRS   16

struct cli {
	struct loader_options opts;
	bool json;
	const char *dirs[MAX_DIRS];
	size_t n_dirs;
};

struct verb {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(struct cli *cli, int argc, char **argv);
};

static const struct verb *find_verb(const char *name);

DEFINE_TRIVIAL_CLEANUP_FUNC(DIR *, closedir)

/* ---- fixup search path ---- */

static void
cli_default_dirs(struct cli *cli)
{
	static char env_copy[4096];
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
	cli->dirs[cli->n_dirs++] = FIXUPDIR;
}

struct object_list {
	struct fixup_object **objs;
	size_t n;
};

static void
object_list_clear(struct object_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		fixup_object_free(l->objs[i]);
	free(l->objs);
	l->objs = NULL;
	l->n = 0;
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

/* Read every *.bpf.o in the search path that declares the device. */
static int
collect_matching(struct cli *cli, const struct hid_device_info *dev, struct object_list *out)
{
	for (size_t i = 0; i < cli->n_dirs; i++) {
		_cleanup_(closedirp) DIR *d = opendir(cli->dirs[i]);
		struct dirent *de;

		if (!d) {
			log_debug(NULL, "%s: %s", cli->dirs[i], strerror(errno));
			continue;
		}
		while ((de = readdir(d))) {
			_cleanup_free_ char *path = NULL;
			struct fixup_object *obj;
			char err[256];
			int r;

			if (!has_suffix(de->d_name, ".bpf.o"))
				continue;
			if (asprintf(&path, "%s/%s", cli->dirs[i], de->d_name) < 0)
				return -ENOMEM;
			obj = fixup_object_read(path, err, sizeof(err));
			if (!obj) {
				log_warn(NULL, "%s: skipped: %s", path, err);
				continue;
			}
			if (!fixup_object_matches(obj, dev->bus, dev->group, dev->vid, dev->pid)) {
				fixup_object_free(obj);
				continue;
			}
			r = object_list_add(out, obj);
			if (r < 0) {
				fixup_object_free(obj);
				return r;
			}
		}
	}
	if (out->n)
		qsort(out->objs, out->n, sizeof(*out->objs), object_cmp);
	return 0;
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

static int
verb_add(struct cli *cli, int argc, char **argv)
{
	_cleanup_(hid_device_freep) struct hid_device_info *dev = NULL;
	_cleanup_close_ int lock = -1;
	struct object_list objs = { 0 };
	bool automatic = argc < 2;
	const char *family_done = NULL;
	unsigned attached = 0;
	int ret = 0, r;

	if (argc < 1) {
		log_error(NULL, "add: missing DEVICE");
		return EXIT_USAGE;
	}
	if (require_root())
		return 1;
	if (open_device(argv[0], &dev))
		return 1;

	if (automatic) {
		cli_default_dirs(cli);
		r = collect_matching(cli, dev, &objs);
		if (r < 0) {
			log_error(dev->name, "reading fixups: %s", strerror(-r));
			return 1;
		}
		if (!objs.n) {
			log_info(dev->name, "no fixup matches this device");
			return 0;
		}
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
			r = object_list_add(&objs, obj);
			if (r < 0) {
				fixup_object_free(obj);
				object_list_clear(&objs);
				return 1;
			}
		}
	}

	lock = loader_lock_device(dev->name);
	if (lock < 0) {
		log_error(dev->name, "cannot lock %s: %s", LOADER_LOCK_DIR, strerror(-lock));
		object_list_clear(&objs);
		return 1;
	}

	for (size_t i = 0; i < objs.n; i++) {
		struct fixup_object *obj = objs.objs[i];
		enum loader_result res;

		/* Versions of one family: the first that loads and probes wins. */
		if (automatic && family_done && !strcmp(family_done, obj->family))
			continue;

		r = loader_attach(dev, obj, &cli->opts, &res);
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
	object_list_clear(&objs);
	return ret;
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

static void
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

/* ---- verb table and main ---- */

static int verb_help(struct cli *cli, int argc, char **argv);

static const struct verb verbs[] = {
	{ "add", "DEVICE [OBJECT...]",
	  "attach the fixups that match DEVICE (or the given objects) and pin them", verb_add },
	{ "remove", "DEVICE", "detach every fixup of DEVICE (works after it is gone)",
	  verb_remove },
	{ "list", "", "HID devices, the fixups that match them and those attached", verb_list },
	{ "inspect", "OBJECT...", "devices, programs and hooks a fixup object declares",
	  verb_inspect },
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
		fprintf(f, "  %-8s %-20s %s\n", verbs[i].name, verbs[i].args, verbs[i].help);
	fprintf(f,
		"\nOptions:\n"
		"  -d, --fixup-dir DIR  search DIR for fixups (repeatable; default %s,\n"
		"                       or $HIDFIX_FIXUP_PATH, colon-separated)\n"
		"  -f, --force          add: attach objects that do not list the device\n"
		"  -j, --json           machine-readable output (list, inspect)\n"
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

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "fixup-dir", required_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cli = { 0 };
	const struct verb *v;
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
		case 'f':
			cli.opts.force = true;
			break;
		case 'j':
			cli.json = true;
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
