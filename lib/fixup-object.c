// SPDX-License-Identifier: GPL-2.0-only
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include <sys/stat.h>

#include "errmsg.h"
#include "fixup-object.h"
#include "macros.h"

#define HID_BPF_CONFIG_SECTION ".hid_bpf_config"
#define PROBE_PROGRAM	       "probe"
#define PROBE_SECTION	       "syscall"
/* Larger than any real fixup by far; protects against hostile files. */
#define MAX_OBJECT_SIZE (64 * 1024 * 1024)

DEFINE_TRIVIAL_CLEANUP_FUNC(Elf *, elf_end)
DEFINE_TRIVIAL_CLEANUP_FUNC(struct btf *, btf__free)

bool
fixup_device_id_matches(const struct fixup_device_id *id, uint16_t bus, uint16_t group,
			uint32_t vid, uint32_t pid)
{
	return (!id->bus || id->bus == bus) && (!id->group || id->group == group) &&
	       (!id->vid || id->vid == vid) && (!id->pid || id->pid == pid);
}

bool
fixup_object_matches(const struct fixup_object *obj, uint16_t bus, uint16_t group, uint32_t vid,
		     uint32_t pid)
{
	for (size_t i = 0; i < obj->n_ids; i++) {
		if (fixup_device_id_matches(&obj->ids[i], bus, group, vid, pid))
			return true;
	}
	return false;
}

int
fixup_name_parse(const char *filename, char **name, char **family, int *version)
{
	static const char *const suffixes[] = { ".bpf.o", ".bpf.c", ".patch", ".o" };
	const char *base = strrchr(filename, '/');
	_cleanup_free_ char *n = NULL;
	size_t len, digits = 0;

	base = base ? base + 1 : filename;
	n = strdup(base);
	if (!n)
		return -ENOMEM;
	/* the object, or the source it is built from (.bpf.c, declarative .patch) */
	len = strlen(n);
	for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++) {
		size_t sl = strlen(suffixes[i]);

		if (len >= sl && strcmp(n + len - sl, suffixes[i]) == 0) {
			n[len - sl] = '\0';
			break;
		}
	}
	if (!*n)
		return -EINVAL;

	while (isdigit((unsigned char)n[digits]))
		digits++;
	if (digits == 4 && n[4] == '-' && n[5]) {
		*version =
			(n[0] - '0') * 1000 + (n[1] - '0') * 100 + (n[2] - '0') * 10 + (n[3] - '0');
		*family = strdup(n + 5);
	} else {
		*version = -1;
		*family = strdup(n);
	}
	if (!*family)
		return -ENOMEM;
	*name = steal_pointer(&n);
	return 0;
}

void
fixup_object_free(struct fixup_object *obj)
{
	if (!obj)
		return;
	free(obj->path);
	free(obj->name);
	free(obj->family);
	free(obj->license);
	free(obj->ids);
	for (size_t i = 0; i < obj->n_programs; i++) {
		free(obj->programs[i].name);
		free(obj->programs[i].section);
	}
	free(obj->programs);
	for (size_t i = 0; i < obj->n_hooks; i++) {
		free(obj->hooks[i].ops);
		free(obj->hooks[i].hook);
		free(obj->hooks[i].program);
	}
	free(obj->hooks);
	for (size_t i = 0; i < obj->n_ops; i++)
		free(obj->ops[i]);
	free(obj->ops);
	free(obj);
}

/* Grow *array (of elements of size sz) by one zeroed element; returns it or NULL. */
static void *
array_append(void *array_p, size_t *n, size_t sz)
{
	void **array = array_p;
	void *new = realloc(*array, (*n + 1) * sz);

	if (!new)
		return NULL;
	*array = new;
	memset((char *)new + *n *sz, 0, sz);
	return (char *)new + (*n)++ *sz;
}

/* The number a "int (*member)[N]" member encodes, or -EINVAL. */
static int64_t
btf_member_value(const struct btf *btf, const struct btf_member *m)
{
	const struct btf_type *t = btf__type_by_id(btf, m->type);
	const struct btf_array *arr;

	if (!t || !btf_is_ptr(t))
		return -EINVAL;
	t = btf__type_by_id(btf, t->type);
	if (!t || !btf_is_array(t))
		return -EINVAL;
	arr = btf_array(t);
	return arr->nelems;
}

static int
read_device_ids(struct fixup_object *obj, const struct btf *btf, char *err, size_t errlen)
{
	int sec_id = btf__find_by_name_kind(btf, HID_BPF_CONFIG_SECTION, BTF_KIND_DATASEC);
	const struct btf_type *sec;
	const struct btf_var_secinfo *vsi;

	if (sec_id < 0) {
		errmsg_set(err, errlen, "no %s metadata (the devices it serves)",
			   HID_BPF_CONFIG_SECTION);
		return -ENOENT;
	}
	sec = btf__type_by_id(btf, sec_id);
	vsi = btf_var_secinfos(sec);
	for (unsigned i = 0; i < btf_vlen(sec); i++, vsi++) {
		const struct btf_type *var = btf__type_by_id(btf, vsi->type);
		const struct btf_type *u;
		const struct btf_member *entry;

		if (!var || !btf_is_var(var))
			continue;
		u = btf__type_by_id(btf, var->type);
		if (!u || !btf_is_composite(u)) {
			errmsg_set(err, errlen, "%s: not a union of devices",
				   HID_BPF_CONFIG_SECTION);
			return -EINVAL;
		}
		entry = btf_members(u);
		for (unsigned j = 0; j < btf_vlen(u); j++, entry++) {
			const struct btf_type *s = btf__type_by_id(btf, entry->type);
			const struct btf_member *m;
			struct fixup_device_id id = { 0 };
			unsigned seen = 0;

			if (!s || !btf_is_struct(s)) {
				errmsg_set(err, errlen, "%s: device entry %u is not a struct",
					   HID_BPF_CONFIG_SECTION, j);
				return -EINVAL;
			}
			m = btf_members(s);
			for (unsigned k = 0; k < btf_vlen(s); k++, m++) {
				const char *mname = btf__name_by_offset(btf, m->name_off);
				int64_t v = btf_member_value(btf, m);
				uint64_t max = UINT32_MAX;

				if (!mname)
					continue;
				if (v < 0) {
					errmsg_set(err, errlen,
						   "%s: member '%s' is not an encoded value",
						   HID_BPF_CONFIG_SECTION, mname);
					return -EINVAL;
				}
				if (!strcmp(mname, "bus") || !strcmp(mname, "group"))
					max = UINT16_MAX;
				if ((uint64_t)v > max) {
					errmsg_set(err, errlen, "%s: %s 0x%llx out of range",
						   HID_BPF_CONFIG_SECTION, mname,
						   (unsigned long long)v);
					return -ERANGE;
				}
				if (!strcmp(mname, "bus")) {
					id.bus = v;
					seen |= 1;
				} else if (!strcmp(mname, "group")) {
					id.group = v;
					seen |= 2;
				} else if (!strcmp(mname, "vid")) {
					id.vid = v;
					seen |= 4;
				} else if (!strcmp(mname, "pid")) {
					id.pid = v;
					seen |= 8;
				}
			}
			if (seen != 0xf) {
				errmsg_set(err, errlen,
					   "%s: device entry %u lacks one of bus, group, vid, pid",
					   HID_BPF_CONFIG_SECTION, j);
				return -EINVAL;
			}
			struct fixup_device_id *slot =
				array_append(&obj->ids, &obj->n_ids, sizeof(*obj->ids));
			if (!slot)
				return -ENOMEM;
			*slot = id;
		}
	}
	if (!obj->n_ids) {
		errmsg_set(err, errlen, "%s lists no device", HID_BPF_CONFIG_SECTION);
		return -ENOENT;
	}
	return 0;
}

/* Name of the member of struct type t at byte offset off, or NULL. */
static const char *
btf_member_at(const struct btf *btf, const struct btf_type *t, size_t off)
{
	const struct btf_member *m = btf_members(t);

	for (unsigned i = 0; i < btf_vlen(t); i++, m++) {
		if (btf_member_bit_offset(t, i) == off * 8)
			return btf__name_by_offset(btf, m->name_off);
	}
	return NULL;
}

/* The struct_ops variable covering offset off of section secname. */
static const struct btf_type *
struct_ops_var_at(const struct btf *btf, const char *secname, size_t off, size_t *var_off,
		  const char **var_name)
{
	int sec_id = btf__find_by_name_kind(btf, secname, BTF_KIND_DATASEC);
	const struct btf_var_secinfo *vsi;
	const struct btf_type *sec;

	if (sec_id < 0)
		return NULL;
	sec = btf__type_by_id(btf, sec_id);
	vsi = btf_var_secinfos(sec);
	for (unsigned i = 0; i < btf_vlen(sec); i++, vsi++) {
		const struct btf_type *var = btf__type_by_id(btf, vsi->type);

		if (off < vsi->offset || off >= vsi->offset + vsi->size || !var)
			continue;
		*var_off = vsi->offset;
		*var_name = btf__name_by_offset(btf, var->name_off);
		return btf__type_by_id(btf, var->type);
	}
	return NULL;
}

static bool
is_struct_ops_section(const char *name)
{
	return !strcmp(name, ".struct_ops") || !strcmp(name, ".struct_ops.link");
}

static int
add_string(char ***array, size_t *n, const char *s)
{
	char **slot;

	for (size_t i = 0; i < *n; i++) {
		if (!strcmp((*array)[i], s))
			return 0;
	}
	slot = array_append(array, n, sizeof(char *));
	if (!slot)
		return -ENOMEM;
	*slot = strdup(s);
	return *slot ? 0 : -ENOMEM;
}

/* Walk the ELF file: programs, license, struct_ops relocations. */
static int
read_elf(struct fixup_object *obj, Elf *elf, const struct btf *btf, char *err, size_t errlen)
{
	Elf_Scn *scn = NULL, *symscn = NULL;
	Elf_Data *symdata = NULL;
	GElf_Shdr shdr, symshdr;
	size_t shstrndx, nsyms;

	if (elf_getshdrstrndx(elf, &shstrndx)) {
		errmsg_set(err, errlen, "ELF file without section names");
		return -EINVAL;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		if (gelf_getshdr(scn, &shdr) && shdr.sh_type == SHT_SYMTAB) {
			symscn = scn;
			symshdr = shdr;
			break;
		}
	}
	if (!symscn || !(symdata = elf_getdata(symscn, NULL)) || !symshdr.sh_entsize) {
		errmsg_set(err, errlen, "ELF file without symbol table");
		return -EINVAL;
	}
	nsyms = symshdr.sh_size / symshdr.sh_entsize;

	/* Programs: function symbols in executable sections. */
	for (size_t i = 0; i < nsyms; i++) {
		GElf_Sym sym;
		GElf_Shdr psh;
		Elf_Scn *pscn;
		const char *sname, *pname;
		struct fixup_program *p;

		if (!gelf_getsym(symdata, i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
			continue;
		pscn = elf_getscn(elf, sym.st_shndx);
		if (!pscn || !gelf_getshdr(pscn, &psh) || !(psh.sh_flags & SHF_EXECINSTR))
			continue;
		sname = elf_strptr(elf, shstrndx, psh.sh_name);
		pname = elf_strptr(elf, symshdr.sh_link, sym.st_name);
		if (!sname || !pname || GELF_ST_BIND(sym.st_info) == STB_LOCAL)
			continue;
		if (!strcmp(sname, ".text"))
			continue; /* subprograms, not entry points */
		p = array_append(&obj->programs, &obj->n_programs, sizeof(*obj->programs));
		if (!p)
			return -ENOMEM;
		p->name = strdup(pname);
		p->section = strdup(sname);
		if (!p->name || !p->section)
			return -ENOMEM;
		if (!strcmp(pname, PROBE_PROGRAM) && !strcmp(sname, PROBE_SECTION))
			obj->has_probe = true;
	}

	scn = NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *sname;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &shdr))
			continue;
		sname = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (!sname)
			continue;

		if (!strcmp(sname, "license") && (data = elf_getdata(scn, NULL)) && data->d_buf &&
		    data->d_size) {
			free(obj->license);
			obj->license = strndup(data->d_buf, data->d_size);
			if (!obj->license)
				return -ENOMEM;
		}

		if (is_struct_ops_section(sname) && shdr.sh_type == SHT_PROGBITS) {
			const char *var_name = NULL;
			size_t var_off;
			int sec_id = btf__find_by_name_kind(btf, sname, BTF_KIND_DATASEC);
			const struct btf_type *sec =
				sec_id >= 0 ? btf__type_by_id(btf, sec_id) : NULL;
			const struct btf_var_secinfo *vsi = sec ? btf_var_secinfos(sec) : NULL;

			for (unsigned i = 0; sec && i < btf_vlen(sec); i++, vsi++) {
				const struct btf_type *var = btf__type_by_id(btf, vsi->type);
				int r;

				if (!var)
					continue;
				r = add_string(&obj->ops, &obj->n_ops,
					       btf__name_by_offset(btf, var->name_off));
				if (r)
					return r;
			}

			/* Hooks: relocations in .rel<section> point members at programs. */
			Elf_Scn *rscn = NULL;
			GElf_Shdr rsh;

			while ((rscn = elf_nextscn(elf, rscn))) {
				Elf_Data *rdata;

				if (!gelf_getshdr(rscn, &rsh) || rsh.sh_type != SHT_REL ||
				    rsh.sh_info != elf_ndxscn(scn) || !rsh.sh_entsize)
					continue;
				rdata = elf_getdata(rscn, NULL);
				for (size_t k = 0; rdata && k < rsh.sh_size / rsh.sh_entsize; k++) {
					GElf_Rel rel;
					GElf_Sym sym;
					const struct btf_type *st;
					const char *member, *prog;
					struct fixup_hook *h;

					if (!gelf_getrel(rdata, k, &rel) ||
					    !gelf_getsym(symdata, GELF_R_SYM(rel.r_info), &sym))
						continue;
					st = struct_ops_var_at(btf, sname, rel.r_offset, &var_off,
							       &var_name);
					if (!st || !btf_is_struct(st))
						continue;
					member = btf_member_at(btf, st, rel.r_offset - var_off);
					prog = elf_strptr(elf, symshdr.sh_link, sym.st_name);
					if (!member || !prog)
						continue;
					h = array_append(&obj->hooks, &obj->n_hooks,
							 sizeof(*obj->hooks));
					if (!h)
						return -ENOMEM;
					h->ops = strdup(var_name ? var_name : "");
					h->hook = strdup(member);
					h->program = strdup(prog);
					if (!h->ops || !h->hook || !h->program)
						return -ENOMEM;
				}
			}
		}
	}
	return 0;
}

/*
 * libbpf's ELF readers trust the section headers: a .BTF of type NOBITS
 * (no bytes in the file) made btf__parse_elf() copy from NULL (found by
 * fuzz-fixup-object; tests/fuzz/regressions/fuzz-fixup-object). Check what
 * they rely on first: every section with bytes lies inside the file, and
 * the BTF sections have bytes.
 */
static int
elf_sections_sane(Elf *elf, uint64_t file_size, char *err, size_t errlen)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf, &shstrndx) != 0) {
		errmsg_set(err, errlen, "malformed object: no section name table");
		return -EINVAL;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh)) {
			errmsg_set(err, errlen, "malformed object: unreadable section header %zu",
				   elf_ndxscn(scn));
			return -EINVAL;
		}
		if (sh.sh_type != SHT_NOBITS &&
		    (sh.sh_offset > file_size || sh.sh_size > file_size - sh.sh_offset)) {
			errmsg_set(err, errlen,
				   "malformed object: section %zu extends past the end of the file",
				   elf_ndxscn(scn));
			return -EINVAL;
		}
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && (!strcmp(name, ".BTF") || !strcmp(name, ".BTF.ext")) &&
		    sh.sh_type != SHT_PROGBITS) {
			errmsg_set(err, errlen, "malformed object: %s is not a PROGBITS section",
				   name);
			return -EINVAL;
		}
	}
	return 0;
}

struct fixup_object *
fixup_object_read(const char *path, char *err, size_t errlen)
{
	_cleanup_(fixup_object_freep) struct fixup_object *obj = NULL;
	_cleanup_(elf_endp) Elf *elf = NULL;
	_cleanup_(btf__freep) struct btf *btf = NULL;
	_cleanup_close_ int fd = -1;
	struct stat st;
	GElf_Ehdr ehdr;
	int r;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		r = errno;
		errmsg_set(err, errlen, "cannot open: %s", strerror(r));
		errno = r;
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		errmsg_set(err, errlen, "not a regular file");
		errno = EINVAL;
		return NULL;
	}
	if (st.st_size > MAX_OBJECT_SIZE) {
		errmsg_set(err, errlen, "file too large for a BPF object (%lld bytes)",
			   (long long)st.st_size);
		errno = EFBIG;
		return NULL;
	}

	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &ehdr)) {
		errmsg_set(err, errlen, "not an ELF file");
		errno = EINVAL;
		return NULL;
	}
	if (ehdr.e_machine != EM_BPF) {
		errmsg_set(err, errlen, "not a BPF object (ELF machine %u)", ehdr.e_machine);
		errno = EINVAL;
		return NULL;
	}
	r = elf_sections_sane(elf, st.st_size, err, errlen);
	if (r < 0) {
		errno = -r;
		return NULL;
	}

	btf = btf__parse_elf(path, NULL);
	if (!btf) {
		char why[128];

		r = errno;
		/* libbpf has its own codes above 4000 ("invalid ELF format"...) */
		libbpf_strerror(r, why, sizeof(why));
		errmsg_set(err, errlen, "malformed object, no usable BTF: %s", why);
		errno = r >= 4000 || !r ? EINVAL : r;
		return NULL;
	}

	obj = calloc(1, sizeof(*obj));
	if (!obj || !(obj->path = strdup(path))) {
		errno = ENOMEM;
		return NULL;
	}
	r = fixup_name_parse(path, &obj->name, &obj->family, &obj->version);
	if (r < 0) {
		errmsg_set(err, errlen, "bad object file name");
		errno = -r;
		return NULL;
	}

	r = read_device_ids(obj, btf, err, errlen);
	if (r < 0) {
		errno = -r;
		return NULL;
	}
	r = read_elf(obj, elf, btf, err, errlen);
	if (r < 0) {
		if (r == -ENOMEM)
			errmsg_set(err, errlen, "out of memory");
		errno = -r;
		return NULL;
	}
	return steal_pointer(&obj);
}
