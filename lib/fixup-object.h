/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a fixup object declares, read without loading it: the devices it
 * serves (".hid_bpf_config" BTF metadata), its programs, which struct_ops
 * hooks they implement, whether it has a probe, and its license.
 *
 * This is the one reader of fixup metadata: the loader, `hidfix inspect`
 * and the database generator all use it.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fixup_device_id {
	uint16_t bus;	/* 0: any bus */
	uint16_t group; /* 0: any group */
	uint32_t vid;	/* 0: any vendor */
	uint32_t pid;	/* 0: any product */
};

struct fixup_program {
	char *name;
	char *section;
};

struct fixup_hook {
	char *ops;     /* the struct_ops variable, e.g. "rapoo_m50" */
	char *hook;    /* the hid_bpf_ops member, e.g. "hid_rdesc_fixup" */
	char *program; /* the program assigned to it */
};

struct fixup_object {
	char *path;
	char *name;   /* file name without ".bpf.o", e.g. "0010-Rapoo__M50" */
	char *family; /* name without the "NNNN-" version prefix */
	int version;  /* the NNNN prefix, -1 when the name has none */
	char *license;
	bool has_probe; /* a "probe" program in the "syscall" section */

	struct fixup_device_id *ids;
	size_t n_ids;
	struct fixup_program *programs;
	size_t n_programs;
	struct fixup_hook *hooks;
	size_t n_hooks;
	char **ops; /* struct_ops variables (maps) */
	size_t n_ops;
};

/*
 * Read the metadata of the BPF object at path. Returns NULL and sets errno
 * on failure; when err is not NULL it receives a one-line reason.
 */
struct fixup_object *fixup_object_read(const char *path, char *err, size_t errlen);
void fixup_object_free(struct fixup_object *obj);

bool fixup_device_id_matches(const struct fixup_device_id *id, uint16_t bus, uint16_t group,
			     uint32_t vid, uint32_t pid);

/* Does any of the object's ids match the device? */
bool fixup_object_matches(const struct fixup_object *obj, uint16_t bus, uint16_t group,
			  uint32_t vid, uint32_t pid);

/*
 * Split "0010-Vendor__Product.bpf.o" (or the .bpf.c or .patch it is built
 * from) into name "0010-Vendor__Product", version 10 and family
 * "Vendor__Product"; version -1 without a four-digit prefix.
 */
int fixup_name_parse(const char *filename, char **name, char **family, int *version);

static inline void
fixup_object_freep(struct fixup_object **p)
{
	fixup_object_free(*p);
}
