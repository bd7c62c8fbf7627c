/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The loader's steps, shared by attach.c (one load per device) and
 * share.c (one load per object, its programs reused for every device).
 * Not a public interface: only the loader's own files include it.
 */
#pragma once

#include <bpf/libbpf.h>
#include <stdbool.h>
#include <stddef.h>

#include "loader.h"

#define PROBE_PROGRAM "probe"

void libbpf_log_reset(void);
/* One line that says why the kernel refused a program (from libbpf's log). */
void libbpf_log_summary(char *out, size_t len);

int mkdir_private(const char *path);
bool device_present(const struct hid_device_info *dev);

/*
 * LOADER_PIN_ROOT/<device>[/<object>[/<map>]] with dots and colons made
 * underscores. 0 or -ENAMETOOLONG.
 */
int pin_path(char *buf, size_t len, const char *hid_name, const char *obj_name, const char *map);
/* Remove a directory of pins (one level of files) and the directory. */
int remove_pin_dir(const char *dir);

/* Run a probe (syscall) program against dev: *verdict is its retval. 0 or -errno. */
int run_probe(const struct hid_device_info *dev, const struct bpf_program *prog, int *verdict);

int loader_object_load(const struct hid_device_info *dev, const struct fixup_object *obj,
		       const struct loader_options *opts, struct bpf_object **out);
int loader_object_probe(const struct hid_device_info *dev, const struct fixup_object *obj,
			const struct bpf_object *bo, enum loader_result *result, int *probe_ret);
int loader_is_attached(const struct hid_device_info *dev, const struct fixup_object *obj);
int loader_pin_dir_create(const struct hid_device_info *dev, const struct fixup_object *obj,
			  char *dir, size_t len);
