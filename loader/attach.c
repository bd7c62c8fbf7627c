// SPDX-License-Identifier: GPL-2.0-only
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include "loader-internal.h"
#include "loader.h"
#include "log.h"

#define BPF_FS_MAGIC	 0xcafe4a11
#define LIBBPF_LOG_MAX	 (1024 * 1024)
#define HID_ID_MEMBER	 "hid_id"
#define HID_BPF_OPS_TYPE "hid_bpf_ops"
#define LOADER_MAX_OPS	 16

DEFINE_TRIVIAL_CLEANUP_FUNC(struct bpf_object *, bpf_object__close)
DEFINE_TRIVIAL_CLEANUP_FUNC(struct btf *, btf__free)

/* Everything libbpf said since the last reset, for error reports. */
static char *libbpf_log;
static size_t libbpf_log_len;
static bool libbpf_verbose;

_printf_(2, 0) static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	_cleanup_free_ char *buf = NULL;
	int n;

	/* a verifier log comes as one message of any length: never cut it */
	n = vasprintf(&buf, fmt, ap);
	if (n < 0)
		return 0;
	if (libbpf_verbose || level == LIBBPF_WARN) {
		/* warnings are kept for the summary; printed only when verbose */
		if (libbpf_log_len + n < LIBBPF_LOG_MAX) {
			char *grown = realloc(libbpf_log, libbpf_log_len + n + 1);

			if (grown) {
				libbpf_log = grown;
				memcpy(libbpf_log + libbpf_log_len, buf, n + 1);
				libbpf_log_len += n;
			}
		}
	}
	if (libbpf_verbose)
		fputs(buf, stderr); /* libbpf prefixes its own lines */
	return 0;
}

void
libbpf_log_reset(void)
{
	free(libbpf_log);
	libbpf_log = NULL;
	libbpf_log_len = 0;
}

void
loader_init_logging(bool verbose)
{
	libbpf_verbose = verbose;
	libbpf_set_print(libbpf_print);
}

static bool
is_insn_line(const char *line)
{
	const char *p = line;

	while (*p >= '0' && *p <= '9')
		p++;
	return p > line && !strncmp(p, ": (", 3);
}

/*
 * One line that says why the kernel refused a program, from the verifier
 * log libbpf printed: the program's name, the message right after the
 * last instruction the verifier walked, and the kernel's own
 * "Verification failed:" classification when it gives one.
 */
void
libbpf_log_summary(char *out, size_t len)
{
	_cleanup_free_ char *copy = NULL;
	const char *prog = NULL, *detail = NULL, *failed = NULL, *fallback = NULL;
	bool after_insn = false;
	char *save = NULL, *line;

	snprintf(out, len, "unknown error");
	if (!libbpf_log || !(copy = strdup(libbpf_log)))
		return;
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		const char *begin = strstr(line, "-- BEGIN PROG LOAD LOG --");
		const char *q;

		if (begin && (q = strstr(line, "prog '"))) {
			prog = q + 6;
			*strchr(prog, '\'') = '\0';
			continue;
		}
		if (is_insn_line(line)) {
			after_insn = true;
			detail = NULL;
			continue;
		}
		if (after_insn && !detail && line[0] != ';' && line[0] != ' ')
			detail = line;
		if (!strncmp(line, "Verification failed: ", 21))
			failed = line + 21;
		if (!fallback && strstr(line, "failed"))
			fallback = line;
	}
	if (detail)
		snprintf(out, len, "program '%s': %s%s%s%s", prog ? prog : "?", detail,
			 failed ? " (" : "", failed ? failed : "", failed ? ")" : "");
	else if (fallback)
		snprintf(out, len, "%s", fallback);
}

bool
loader_kernel_has_hid_bpf(void)
{
	_cleanup_(btf__freep) struct btf *vmlinux = btf__load_vmlinux_btf();
	_cleanup_(btf__freep) struct btf *hid = NULL;

	if (!vmlinux)
		return false;
	if (btf__find_by_name_kind(vmlinux, HID_BPF_OPS_TYPE, BTF_KIND_STRUCT) > 0)
		return true;
	hid = btf__load_module_btf("hid", vmlinux);
	return hid && btf__find_by_name_kind(hid, HID_BPF_OPS_TYPE, BTF_KIND_STRUCT) > 0;
}

int
loader_ensure_bpffs(void)
{
	struct statfs sfs;

	if (statfs(LOADER_BPFFS, &sfs) == 0 && sfs.f_type == BPF_FS_MAGIC)
		return 0;
	if (mount("bpf", LOADER_BPFFS, "bpf", 0, "mode=0700") < 0)
		return negative_errno();
	return 0;
}

int
mkdir_private(const char *path)
{
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return negative_errno();
	return 0;
}

int
loader_lock_device(const char *hid_name)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_close_ int fd = -1;
	int r;

	r = mkdir_private(LOADER_LOCK_DIR);
	if (r < 0)
		return r;
	if (asprintf(&path, LOADER_LOCK_DIR "/%s.lock", hid_name) < 0)
		return -ENOMEM;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return negative_errno();
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR)
			return negative_errno();
	}
	return steal_fd(&fd);
}

/* Byte offset of member in the struct (through typedefs/modifiers), or -errno. */
static int
btf_struct_member_offset(const struct btf *btf, __u32 type_id, const char *member)
{
	const struct btf_type *t = btf__type_by_id(btf, type_id);
	const struct btf_member *m;

	while (t && (btf_is_typedef(t) || btf_is_mod(t)))
		t = btf__type_by_id(btf, t->type);
	if (!t || !btf_is_struct(t))
		return -EINVAL;
	m = btf_members(t);
	for (unsigned i = 0; i < btf_vlen(t); i++, m++) {
		const char *name = btf__name_by_offset(btf, m->name_off);

		if (name && !strcmp(name, member))
			return btf_member_bit_offset(t, i) / 8;
	}
	return -ENOENT;
}

/* Write the HID id into the struct_ops map's initial value, before load. */
static int
set_hid_id(struct bpf_object *bo, struct bpf_map *map, unsigned int hid_id)
{
	const struct btf *btf = bpf_object__btf(bo);
	size_t size = 0;
	char *data = bpf_map__initial_value(map, &size);
	int var_id, off;
	int id = hid_id;

	if (!btf || !data)
		return -EOPNOTSUPP;
	var_id = btf__find_by_name_kind(btf, bpf_map__name(map), BTF_KIND_VAR);
	if (var_id < 0)
		return -ENOENT;
	off = btf_struct_member_offset(btf, btf__type_by_id(btf, var_id)->type, HID_ID_MEMBER);
	if (off < 0)
		return off;
	if ((size_t)off + sizeof(id) > size)
		return -EINVAL;
	memcpy(data + off, &id, sizeof(id));
	return 0;
}

int
run_probe(const struct hid_device_info *dev, const struct bpf_program *prog, int *verdict)
{
	struct {
		unsigned int hid;
		unsigned int rdesc_size;
		unsigned char rdesc[HID_MAX_DESCRIPTOR_SIZE];
		int retval;
	} args = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, topts, .ctx_in = &args, .ctx_size_in = sizeof(args));
	int r;

	args.hid = dev->id;
	args.rdesc_size = dev->rdesc_len;
	memcpy(args.rdesc, dev->rdesc, dev->rdesc_len);
	r = bpf_prog_test_run_opts(bpf_program__fd(prog), &topts);
	if (r < 0)
		return -errno;
	*verdict = args.retval;
	return 0;
}

/*
 * bpffs refuses names with a dot, so "0003:24AE:2015.0004" is pinned as
 * "0003_24AE_2015_0004" and dots in object names become underscores too.
 */
static void
pin_component(char *dst, size_t len, const char *src)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < len; i++)
		dst[i] = (src[i] == '.' || src[i] == ':' || src[i] == '/') ? '_' : src[i];
	dst[i] = '\0';
}

int
pin_path(char *buf, size_t len, const char *hid_name, const char *obj_name, const char *map)
{
	char dev[HID_NAME_MAX], obj[NAME_MAX + 1];
	int n;

	pin_component(dev, sizeof(dev), hid_name);
	if (obj_name)
		pin_component(obj, sizeof(obj), obj_name);
	if (map)
		n = snprintf(buf, len, LOADER_PIN_ROOT "/%s/%s/%s", dev, obj, map);
	else if (obj_name)
		n = snprintf(buf, len, LOADER_PIN_ROOT "/%s/%s", dev, obj);
	else
		n = snprintf(buf, len, LOADER_PIN_ROOT "/%s", dev);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* Remove a directory of pins (one level of files) and the directory. */
int
remove_pin_dir(const char *dir)
{
	_cleanup_(closedirp) DIR *d = opendir(dir);
	struct dirent *de;
	int r = 0;

	if (!d)
		return errno == ENOENT ? 0 : negative_errno();
	while ((de = readdir(d))) {
		char path[PATH_MAX];

		if (de->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= (int)sizeof(path))
			return -ENAMETOOLONG;
		if (unlink(path) < 0 && errno != ENOENT)
			r = negative_errno();
	}
	if (rmdir(dir) < 0 && errno != ENOENT)
		r = negative_errno();
	return r;
}

bool
device_present(const struct hid_device_info *dev)
{
	struct stat st;

	return dev->syspath && stat(dev->syspath, &st) == 0;
}

/*
 * Open the object, write the device's HID id into each struct_ops and load
 * it (the verifier runs). *out is the loaded object. 0, or -errno after
 * logging one line that says why.
 */
int
loader_object_load(const struct hid_device_info *dev, const struct fixup_object *obj,
		   const struct loader_options *opts, struct bpf_object **out)
{
	_cleanup_(bpf_object__closep) struct bpf_object *bo = NULL;
	struct bpf_map *map;
	char why[512];
	size_t n_ops = 0;
	int r;

	*out = NULL;
	libbpf_log_reset();
	bo = bpf_object__open_file(obj->path, NULL);
	if (!bo) {
		r = negative_errno();
		return log_error_errno(dev->name, r, "%s: cannot open BPF object: %s", obj->name,
				       strerror(-r));
	}

	bpf_object__for_each_map(map, bo)
	{
		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS)
			continue;
		r = set_hid_id(bo, map, dev->id);
		if (r < 0)
			return log_error_errno(dev->name, r,
					       "%s: cannot set the HID id in struct_ops '%s': %s",
					       obj->name, bpf_map__name(map), strerror(-r));
		if (n_ops >= LOADER_MAX_OPS)
			return log_error_errno(dev->name, -E2BIG, "%s: too many struct_ops",
					       obj->name);
		n_ops++;
	}
	if (!n_ops)
		return log_error_errno(dev->name, -EINVAL,
				       "%s: no struct_ops (hid_bpf_ops) in the object; "
				       "objects for kernels before 6.11 are not supported",
				       obj->name);

	r = bpf_object__load(bo);
	if (r < 0) {
		if (!loader_kernel_has_hid_bpf())
			return log_error_errno(dev->name, -EOPNOTSUPP,
					       "this kernel has no HID-BPF support "
					       "(CONFIG_HID_BPF is not set)");
		if (!device_present(dev))
			return log_error_errno(dev->name, -ENODEV, "device vanished during load");
		libbpf_log_summary(why, sizeof(why));
		return log_error_errno(dev->name, r, "%s: the kernel refused the object: %s%s",
				       obj->name, why,
				       opts->verbose ? "" : " (--verbose shows the verifier log)");
	}
	*out = steal_pointer(&bo);
	return 0;
}

/*
 * Run the loaded object's probe program (if it has one) against dev:
 * *result LOADER_PROBE_ACCEPTED or LOADER_PROBE_REJECTED with *probe_ret.
 * 0, or -errno after logging.
 */
int
loader_object_probe(const struct hid_device_info *dev, const struct fixup_object *obj,
		    const struct bpf_object *bo, enum loader_result *result, int *probe_ret)
{
	const struct bpf_program *probe;
	int r, verdict = 0;

	*probe_ret = 0;
	probe = bpf_object__find_program_by_name(bo, PROBE_PROGRAM);
	if (probe && bpf_program__type(probe) == BPF_PROG_TYPE_SYSCALL) {
		r = run_probe(dev, probe, &verdict);
		if (r < 0)
			return log_error_errno(dev->name, r, "%s: running probe failed: %s",
					       obj->name, strerror(-r));
		if (verdict != 0) {
			log_debug(dev->name, "%s: probe rejected the device (%d)", obj->name,
				  verdict);
			*probe_ret = verdict;
			*result = LOADER_PROBE_REJECTED;
			return 0;
		}
	}
	*result = LOADER_PROBE_ACCEPTED;
	return 0;
}

/* Is a fixup already pinned for the device? 1 yes, 0 no, -errno after logging. */
int
loader_is_attached(const struct hid_device_info *dev, const struct fixup_object *obj)
{
	char dir[PATH_MAX];
	struct stat st;
	int r;

	r = pin_path(dir, sizeof(dir), dev->name, obj->name, NULL);
	if (r < 0)
		return log_error_errno(dev->name, r, "%s: pin path too long", obj->name);
	return stat(dir, &st) == 0;
}

/*
 * What loader_attach and loader_probe share: skip a fixup that is already
 * pinned for the device, else load the object and run its probe. *out is
 * the loaded object when the probe accepted the device (or the object has
 * no probe), NULL otherwise.
 */
static int
load_and_probe(struct hid_device_info *dev, const struct fixup_object *obj,
	       const struct loader_options *opts, struct bpf_object **out,
	       enum loader_result *result, int *probe_ret)
{
	_cleanup_(bpf_object__closep) struct bpf_object *bo = NULL;
	int r;

	*out = NULL;
	*probe_ret = 0;
	r = loader_is_attached(dev, obj);
	if (r < 0)
		return r;
	if (r > 0) {
		*result = LOADER_ALREADY_ATTACHED;
		return 0;
	}
	r = loader_object_load(dev, obj, opts, &bo);
	if (r < 0)
		return r;
	r = loader_object_probe(dev, obj, bo, result, probe_ret);
	if (r < 0 || *result != LOADER_PROBE_ACCEPTED)
		return r;
	*out = steal_pointer(&bo);
	return 0;
}

int
loader_probe(struct hid_device_info *dev, const struct fixup_object *obj,
	     const struct loader_options *opts, enum loader_result *result, int *probe_ret)
{
	_cleanup_(bpf_object__closep) struct bpf_object *bo = NULL;

	return load_and_probe(dev, obj, opts, &bo, result, probe_ret);
}

/*
 * Mount bpffs if needed and create the pin directory of obj on dev (its
 * path in dir). 0, or -errno after logging.
 */
int
loader_pin_dir_create(const struct hid_device_info *dev, const struct fixup_object *obj, char *dir,
		      size_t len)
{
	char path[PATH_MAX];
	int r;

	r = pin_path(dir, len, dev->name, obj->name, NULL);
	if (r < 0)
		return log_error_errno(dev->name, r, "%s: pin path too long", obj->name);
	r = loader_ensure_bpffs();
	if (r < 0)
		return log_error_errno(dev->name, r, "cannot mount bpffs on %s: %s", LOADER_BPFFS,
				       strerror(-r));
	if ((r = mkdir_private(LOADER_PIN_ROOT)) < 0 ||
	    (r = pin_path(path, sizeof(path), dev->name, NULL, NULL)) < 0 ||
	    (r = mkdir_private(path)) < 0 || (r = mkdir_private(dir)) < 0)
		return log_error_errno(dev->name, r, "cannot create %s: %s", dir, strerror(-r));
	return 0;
}

int
loader_attach(struct hid_device_info *dev, const struct fixup_object *obj,
	      const struct loader_options *opts, enum loader_result *result)
{
	_cleanup_(bpf_object__closep) struct bpf_object *bo = NULL;
	struct bpf_link *links[LOADER_MAX_OPS] = { NULL };
	struct bpf_map *map;
	char dir[PATH_MAX], path[PATH_MAX], why[512];
	size_t n_links = 0;
	int r, probe_ret;

	r = load_and_probe(dev, obj, opts, &bo, result, &probe_ret);
	if (r < 0 || *result != LOADER_PROBE_ACCEPTED)
		return r;
	r = loader_pin_dir_create(dev, obj, dir, sizeof(dir));
	if (r < 0)
		return r;

	bpf_object__for_each_map(map, bo)
	{
		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS)
			continue;
		links[n_links] = bpf_map__attach_struct_ops(map);
		if (!links[n_links]) {
			r = negative_errno();
			break;
		}
		n_links++;
		r = pin_path(path, sizeof(path), dev->name, obj->name, bpf_map__name(map));
		if (r == 0)
			r = bpf_link__pin(links[n_links - 1], path);
		if (r < 0)
			break;
	}
	if (r < 0) {
		for (size_t i = 0; i < n_links; i++)
			bpf_link__destroy(links[i]);
		remove_pin_dir(dir);
		if (!device_present(dev))
			return log_error_errno(dev->name, -ENODEV,
					       "device vanished while attaching %s", obj->name);
		libbpf_log_summary(why, sizeof(why));
		return log_error_errno(dev->name, r, "%s: attaching failed: %s", obj->name,
				       strerror(-r));
	}
	/* The pins keep the links alive; closing our fds must not detach. */
	for (size_t i = 0; i < n_links; i++) {
		bpf_link__disconnect(links[i]);
		bpf_link__destroy(links[i]);
	}
	*result = LOADER_ATTACHED;
	return 0;
}

int
loader_detach_all(const char *hid_name, unsigned *removed)
{
	_cleanup_(closedirp) DIR *d = NULL;
	char dir[PATH_MAX];
	struct dirent *de;
	int r = 0;

	*removed = 0;
	r = pin_path(dir, sizeof(dir), hid_name, NULL, NULL);
	if (r < 0)
		return r;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : negative_errno();
	while ((de = readdir(d))) {
		char sub[PATH_MAX];
		int k;

		if (de->d_name[0] == '.')
			continue;
		if (snprintf(sub, sizeof(sub), "%s/%s", dir, de->d_name) >= (int)sizeof(sub))
			return -ENAMETOOLONG;
		k = remove_pin_dir(sub);
		if (k < 0)
			r = k;
		else
			(*removed)++;
	}
	if (rmdir(dir) < 0 && errno != ENOENT && r == 0)
		r = negative_errno();
	return r;
}

int
loader_list_attached(const char *hid_name, char ***names, size_t *n)
{
	_cleanup_(closedirp) DIR *d = NULL;
	char dir[PATH_MAX];
	struct dirent *de;
	int r;

	*names = NULL;
	*n = 0;
	r = pin_path(dir, sizeof(dir), hid_name, NULL, NULL);
	if (r < 0)
		return r;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : negative_errno();
	while ((de = readdir(d))) {
		char **grown;

		if (de->d_name[0] == '.')
			continue;
		grown = realloc(*names, (*n + 1) * sizeof(char *));
		if (!grown)
			return -ENOMEM;
		*names = grown;
		(*names)[*n] = strdup(de->d_name);
		if (!(*names)[*n])
			return -ENOMEM;
		(*n)++;
	}
	return 0;
}

/*
 * "0003_24AE_2015_0004", a device's pin directory, back to the HID name
 * "0003:24AE:2015.0004" (its lock). false when it is not of that form.
 */
static bool
hid_name_from_pin(char *dst, size_t len, const char *pinned)
{
	static const char seps[] = { ':', ':', '.' };
	size_t k = 0;

	if (snprintf(dst, len, "%s", pinned) >= (int)len)
		return false;
	for (char *p = dst; *p; p++) {
		if (*p != '_')
			continue;
		if (k == ARRAY_SIZE(seps))
			return false;
		*p = seps[k++];
	}
	return k == ARRAY_SIZE(seps);
}

int
loader_detach_object(const char *obj_name, unsigned *removed)
{
	_cleanup_(closedirp) DIR *d = NULL;
	struct dirent *de;
	int r = 0;

	*removed = 0;
	d = opendir(LOADER_PIN_ROOT);
	if (!d)
		return errno == ENOENT ? 0 : negative_errno();
	while ((de = readdir(d))) {
		_cleanup_close_ int lock = -1;
		char name[HID_NAME_MAX], dir[PATH_MAX], dev_dir[PATH_MAX];
		struct stat st;
		int k;

		if (de->d_name[0] == '.')
			continue;
		/* lock first: an add in progress pins before we look */
		if (hid_name_from_pin(name, sizeof(name), de->d_name)) {
			lock = loader_lock_device(name);
			if (lock < 0) {
				r = lock;
				continue;
			}
		}
		if (pin_path(dir, sizeof(dir), de->d_name, obj_name, NULL) < 0 ||
		    pin_path(dev_dir, sizeof(dev_dir), de->d_name, NULL, NULL) < 0) {
			r = -ENAMETOOLONG;
			continue;
		}
		if (stat(dir, &st) < 0)
			continue;
		k = remove_pin_dir(dir);
		if (k < 0) {
			r = k;
			continue;
		}
		(*removed)++;
		/* the device's directory goes with its last fixup */
		if (rmdir(dev_dir) < 0 && errno != ENOTEMPTY && errno != EEXIST && errno != ENOENT)
			r = negative_errno();
	}
	return r;
}
