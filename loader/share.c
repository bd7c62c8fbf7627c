// SPDX-License-Identifier: GPL-2.0-only
/*
 * The resident fast path: an object is loaded once (libbpf parses the
 * kernel BTF, resolves kfuncs and the struct_ops types, the verifier runs)
 * and its programs serve every device it attaches to.
 *
 * libbpf's struct_ops map of the loaded object is never attached. For each
 * device a new BPF_MAP_TYPE_STRUCT_OPS map is created with the loaded
 * map's parameters (value size, kernel value type, the module BTF that
 * holds struct hid_bpf_ops), filled with the kernel's layout of the value
 * (struct bpf_struct_ops_hid_bpf_ops: a zeroed common header, then
 * struct hid_bpf_ops with the device's hid_id and, in each function
 * pointer, the fd of the loaded program for that member), and attached
 * with BPF_LINK_CREATE; the link is pinned where loader_attach() pins it.
 *
 * The value is built once per object: the layout (offsets of hid_id and
 * of the function pointers) from the kernel's BTF, parsed once per
 * process; the data members the object sets (flags) copied by name from
 * the object's own value, as libbpf does; and in each function pointer the
 * program whose expected attach type libbpf set, at load, to that member's
 * index. (A lookup of the loaded map cannot give it: libbpf 1.4 writes the
 * value into its map only when it attaches it, which we never do.)
 *
 * Objects with writable global data or maps of their own keep state that
 * must not be shared between devices, and with several struct_ops only
 * libbpf knows which program serves which: loader_shared_new() says so
 * and the caller loads them per device (loader_attach()).
 */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loader-internal.h"
#include "loader.h"
#include "log.h"

/* linux/bpf.h of Linux 6.9 (the installed uapi header may be older) */
#define SHARE_F_VTYPE_BTF_OBJ_FD (1U << 15)
#define SHARE_ATTACH_STRUCT_OPS	 ((enum bpf_attach_type)(BPF_LSM_CGROUP + 1)) /* BPF_STRUCT_OPS */

#define SHARE_MAX_MODULES 8
#define VALUE_DATA_MEMBER "data"
#define HID_ID_MEMBER	  "hid_id"

/* struct bpf_map_info as of Linux 6.9: the pad became btf_vmlinux_id */
struct share_map_info {
	__u32 type;
	__u32 id;
	__u32 key_size;
	__u32 value_size;
	__u32 max_entries;
	__u32 map_flags;
	char name[BPF_OBJ_NAME_LEN];
	__u32 ifindex;
	__u32 btf_vmlinux_value_type_id;
	__u64 netns_dev;
	__u64 netns_ino;
	__u32 btf_id;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u32 btf_vmlinux_id;
	__u64 map_extra;
} __attribute__((aligned(8)));

struct share_ops {
	char name[BPF_OBJ_NAME_LEN]; /* the loaded map's name: the pin's name */
	char pin[NAME_MAX + 1];	     /* bpf_map__name(): what loader_attach pins */
	__u32 value_size, vtype_id, map_flags;
	int mod_btf_fd; /* the module BTF of the value type, -1: vmlinux */
	size_t hid_id_off;
	void *value; /* kernel layout, program fds in place */
};

struct loader_shared {
	struct bpf_object *bo;
	char *obj_name;
	struct share_ops ops; /* the object's only struct_ops */
};

DEFINE_TRIVIAL_CLEANUP_FUNC(struct bpf_object *, bpf_object__close)

/* The kernel's BTF, parsed once per process: vmlinux and the modules asked for. */
static struct btf *vmlinux_btf;
static struct {
	__u32 id;
	struct btf *btf;
} module_btfs[SHARE_MAX_MODULES];

static const struct btf *
kernel_btf(__u32 module_id)
{
	size_t i;

	if (!vmlinux_btf && !(vmlinux_btf = btf__load_vmlinux_btf()))
		return NULL;
	if (!module_id)
		return vmlinux_btf;
	for (i = 0; i < SHARE_MAX_MODULES && module_btfs[i].btf; i++) {
		if (module_btfs[i].id == module_id)
			return module_btfs[i].btf;
	}
	if (i == SHARE_MAX_MODULES) {
		errno = ENOSPC;
		return NULL;
	}
	module_btfs[i].btf = btf__load_from_kernel_by_id_split(module_id, vmlinux_btf);
	if (!module_btfs[i].btf)
		return NULL;
	module_btfs[i].id = module_id;
	return module_btfs[i].btf;
}

static const struct btf_type *
resolve(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && (btf_is_typedef(t) || btf_is_mod(t)))
		t = btf__type_by_id(btf, t->type);
	return t;
}

/* The member called name of struct t: its byte offset and type, or -ENOENT. */
static int
member_find(const struct btf *btf, const struct btf_type *t, const char *name, __u32 *type)
{
	const struct btf_member *m = btf_members(t);

	for (unsigned i = 0; i < btf_vlen(t); i++, m++) {
		const char *n = btf__name_by_offset(btf, m->name_off);

		if (n && !strcmp(n, name)) {
			*type = m->type;
			return btf_member_bit_offset(t, i) / 8;
		}
	}
	return -ENOENT;
}

/*
 * The bytes of the member called name in the object's own value of the
 * struct_ops (bpf_map__initial_value(), the object's BTF): *size bytes at
 * the returned pointer, or NULL when the object does not have it.
 */
static const void *
object_member(const struct bpf_object *bo, const struct bpf_map *map, const char *name,
	      size_t *size)
{
	const struct btf *btf = bpf_object__btf(bo);
	size_t vsize = 0;
	const char *data = bpf_map__initial_value((struct bpf_map *)map, &vsize);
	const struct btf_type *t;
	__u32 type;
	int var, off;
	__s64 sz;

	if (!btf || !data)
		return NULL;
	var = btf__find_by_name_kind(btf, bpf_map__name(map), BTF_KIND_VAR);
	if (var < 0 || !(t = resolve(btf, btf__type_by_id(btf, var)->type)) || !btf_is_struct(t))
		return NULL;
	off = member_find(btf, t, name, &type);
	if (off < 0 || (sz = btf__resolve_size(btf, type)) < 0 || (size_t)(off + sz) > vsize)
		return NULL;
	*size = sz;
	return data + off;
}

/*
 * The kernel value for the object's only struct_ops map, built once: a
 * zeroed common header, the data members the object sets (hid_id, flags:
 * copied by name, as libbpf does), and in each function pointer the fd of
 * the loaded program for that member (libbpf set each program's expected
 * attach type to its member's index in the kernel's struct). Devices then
 * differ only in hid_id.
 */
static int
ops_prepare(struct bpf_object *bo, struct bpf_map *map, struct share_ops *ops)
{
	struct share_map_info info = { 0 };
	__u32 len = sizeof(info), type;
	const struct btf_type *vt, *dt;
	const struct btf_member *m;
	const struct btf *btf;
	struct bpf_program *prog;
	int data_off, off;

	if (bpf_map_get_info_by_fd(bpf_map__fd(map), (struct bpf_map_info *)&info, &len) < 0)
		return negative_errno();
	if (!info.btf_vmlinux_value_type_id)
		return -EINVAL;
	if (info.btf_vmlinux_id) {
		struct bpf_btf_info binfo = { 0 };
		char name[64] = "";
		__u32 blen = sizeof(binfo);

		ops->mod_btf_fd = bpf_btf_get_fd_by_id(info.btf_vmlinux_id);
		if (ops->mod_btf_fd < 0)
			return negative_errno();
		binfo.name = (__u64)(unsigned long)name;
		binfo.name_len = sizeof(name);
		if (bpf_btf_get_info_by_fd(ops->mod_btf_fd, &binfo, &blen) < 0)
			return negative_errno();
		/* the type may be in vmlinux (HID built in): no module BTF then */
		if (!strcmp(name, "vmlinux")) {
			close(ops->mod_btf_fd);
			ops->mod_btf_fd = -1;
			info.btf_vmlinux_id = 0;
		}
	}
	btf = kernel_btf(info.btf_vmlinux_id);
	if (!btf)
		return negative_errno();
	vt = resolve(btf, info.btf_vmlinux_value_type_id);
	if (!vt || !btf_is_struct(vt) || vt->size != info.value_size)
		return -EINVAL;
	data_off = member_find(btf, vt, VALUE_DATA_MEMBER, &type);
	if (data_off < 0)
		return data_off;
	dt = resolve(btf, type);
	if (!dt || !btf_is_struct(dt) || data_off + dt->size > info.value_size)
		return -EINVAL;
	off = member_find(btf, dt, HID_ID_MEMBER, &type);
	if (off < 0)
		return off;

	ops->hid_id_off = data_off + off;
	ops->value_size = info.value_size;
	ops->vtype_id = info.btf_vmlinux_value_type_id;
	ops->map_flags = info.map_flags;
	memcpy(ops->name, info.name, sizeof(ops->name));
	snprintf(ops->pin, sizeof(ops->pin), "%s", bpf_map__name(map));
	ops->value = calloc(1, ops->value_size);
	if (!ops->value)
		return -ENOMEM;

	m = btf_members(dt);
	for (unsigned i = 0; i < btf_vlen(dt); i++, m++) {
		const char *name = btf__name_by_offset(btf, m->name_off);
		const struct btf_type *pt = resolve(btf, m->type);
		size_t slot = data_off + btf_member_bit_offset(dt, i) / 8, size;
		const void *mine;
		__s64 ksize;

		if (pt && btf_is_ptr(pt) && (pt = resolve(btf, pt->type)) && btf_is_func_proto(pt))
			continue; /* below */
		mine = name ? object_member(bo, map, name, &size) : NULL;
		ksize = btf__resolve_size(btf, m->type);
		if (!mine || ksize < 0 || (size_t)ksize != size || slot + size > ops->value_size)
			continue;
		memcpy((char *)ops->value + slot, mine, size);
	}
	bpf_object__for_each_program(prog, bo)
	{
		const struct btf_member *pm;
		__u32 idx = bpf_program__expected_attach_type(prog);
		__u64 fd = bpf_program__fd(prog);
		size_t slot;

		if (bpf_program__type(prog) != BPF_PROG_TYPE_STRUCT_OPS ||
		    bpf_program__fd(prog) < 0)
			continue;
		if (idx >= btf_vlen(dt))
			return -EINVAL;
		pm = btf_members(dt) + idx;
		slot = data_off + btf_member_bit_offset(dt, idx) / 8;
		if (slot + sizeof(fd) > ops->value_size)
			return -EINVAL;
		log_debug(NULL, "struct_ops %s: %s: program %s", ops->name,
			  btf__name_by_offset(btf, pm->name_off), bpf_program__name(prog));
		memcpy((char *)ops->value + slot, &fd, sizeof(fd));
	}
	return 0;
}

void
loader_shared_free(struct loader_shared *s)
{
	if (!s)
		return;
	free(s->ops.value);
	if (s->ops.mod_btf_fd >= 0)
		close(s->ops.mod_btf_fd);
	bpf_object__close(s->bo);
	free(s->obj_name);
	free(s);
}

/*
 * Does the object keep state in maps (writable global data, maps of its
 * own)? Only struct_ops and read-only data can serve several devices.
 */
static bool
object_is_shareable(struct bpf_object *bo)
{
	struct bpf_map *map;
	unsigned n_ops = 0;

	bpf_object__for_each_map(map, bo)
	{
		const char *name = bpf_map__name(map);

		if (bpf_map__type(map) == BPF_MAP_TYPE_STRUCT_OPS) {
			/* which programs serve which of several: only libbpf knows */
			if (++n_ops > 1)
				return false;
			continue;
		}
		if (bpf_map__is_internal(map) &&
		    (strstr(name, ".rodata") || strstr(name, ".kconfig")))
			continue;
		return false;
	}
	return true;
}

int
loader_shared_new(const struct hid_device_info *dev, const struct fixup_object *obj,
		  const struct loader_options *opts, struct loader_shared **out)
{
	_cleanup_(loader_shared_freep) struct loader_shared *s = NULL;
	_cleanup_(bpf_object__closep) struct bpf_object *peek = NULL;
	struct bpf_map *map;
	int r;

	*out = NULL;
	/* opening reads only the object: cheap, no kernel BTF */
	peek = bpf_object__open_file(obj->path, NULL);
	if (!peek) {
		r = negative_errno();
		return log_error_errno(dev->name, r, "%s: cannot open BPF object: %s", obj->name,
				       strerror(-r));
	}
	if (!object_is_shareable(peek))
		return 0;

	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->ops.mod_btf_fd = -1;
	s->obj_name = strdup(obj->name);
	if (!s->obj_name)
		return -ENOMEM;
	r = loader_object_load(dev, obj, opts, &s->bo);
	if (r < 0)
		return r;
	bpf_object__for_each_map(map, s->bo)
	{
		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS)
			continue;
		r = ops_prepare(s->bo, map, &s->ops);
		if (r < 0)
			return log_error_errno(dev->name, r, "%s: struct_ops '%s': %s", obj->name,
					       bpf_map__name(map), strerror(-r));
	}
	if (!s->ops.value)
		return log_error_errno(dev->name, -EINVAL, "%s: no struct_ops", obj->name);
	*out = steal_pointer(&s);
	return 0;
}

/* The struct_ops of s for dev: new map, value, link, pin. 0 or -errno. */
static int
ops_attach(const struct loader_shared *s, const struct share_ops *ops,
	   const struct hid_device_info *dev, void *value, const char **step)
{
	LIBBPF_OPTS(bpf_map_create_opts, mopts, .btf_fd = bpf_object__btf_fd(s->bo),
		    .btf_vmlinux_value_type_id = ops->vtype_id, .map_flags = ops->map_flags);
	_cleanup_close_ int map_fd = -1, link_fd = -1;
	char path[PATH_MAX];
	int id = dev->id, zero = 0, r;

	if (ops->mod_btf_fd >= 0) {
		mopts.value_type_btf_obj_fd = ops->mod_btf_fd;
		mopts.map_flags |= SHARE_F_VTYPE_BTF_OBJ_FD;
	}
	memcpy(value, ops->value, ops->value_size);
	memcpy((char *)value + ops->hid_id_off, &id, sizeof(id));
	*step = "creating the struct_ops map";
	map_fd = bpf_map_create(BPF_MAP_TYPE_STRUCT_OPS, ops->name, sizeof(zero), ops->value_size,
				1, &mopts);
	if (map_fd < 0)
		return negative_errno();
	*step = "filling the struct_ops map";
	if (bpf_map_update_elem(map_fd, &zero, value, 0) < 0)
		return negative_errno();
	*step = "creating the link";
	link_fd = bpf_link_create(map_fd, 0, SHARE_ATTACH_STRUCT_OPS, NULL);
	if (link_fd < 0)
		return negative_errno();
	*step = "pinning the link";
	r = pin_path(path, sizeof(path), dev->name, s->obj_name, ops->pin);
	if (r < 0)
		return r;
	if (bpf_obj_pin(link_fd, path) < 0)
		return negative_errno();
	/* the pin keeps the link (and the link the map) */
	return 0;
}

int
loader_shared_attach(const struct loader_shared *s, struct hid_device_info *dev,
		     const struct fixup_object *obj, enum loader_result *result)
{
	_cleanup_free_ void *value = NULL;
	const char *step = "";
	char dir[PATH_MAX];
	int r, probe_ret;

	r = loader_is_attached(dev, obj);
	if (r < 0)
		return r;
	if (r > 0) {
		*result = LOADER_ALREADY_ATTACHED;
		return 0;
	}
	r = loader_object_probe(dev, obj, s->bo, result, &probe_ret);
	if (r < 0 || *result != LOADER_PROBE_ACCEPTED)
		return r;
	value = malloc(s->ops.value_size);
	if (!value)
		return -ENOMEM;
	r = loader_pin_dir_create(dev, obj, dir, sizeof(dir));
	if (r < 0)
		return r;
	r = ops_attach(s, &s->ops, dev, value, &step);
	if (r < 0) {
		remove_pin_dir(dir);
		if (!device_present(dev))
			return log_error_errno(dev->name, -ENODEV,
					       "device vanished while attaching %s", obj->name);
		return log_error_errno(dev->name, r, "%s: attaching failed: %s: %s", obj->name,
				       step, strerror(-r));
	}
	*result = LOADER_ATTACHED;
	return 0;
}
