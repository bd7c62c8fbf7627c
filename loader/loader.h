/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hidfix loader: load a fixup object, run its probe against a device,
 * attach its struct_ops to the device and pin the link in bpffs so the fix
 * outlives the process.
 */
#pragma once

#include <stdbool.h>

#include "fixup-object.h"
#include "hid-device.h"

#define LOADER_BPFFS	"/sys/fs/bpf"
#define LOADER_PIN_ROOT LOADER_BPFFS "/hidfix"
#define LOADER_LOCK_DIR "/run/hidfix"

/*
 * While `hidfix daemon` runs, a symlink to /proc/<its pid>: the udev rule
 * starts no loader while it leads somewhere.
 */
#define LOADER_DAEMON_MARKER LOADER_LOCK_DIR "/daemon"

/*
 * Fixups installed by `hidfix install`, searched after the shipped ones
 * (loader/install.c writes them and their udev rules).
 */
#define LOADER_LOCAL_DIR "/etc/hidfix/fixups"

#define EXIT_USAGE 2

struct loader_options {
	bool verbose;
	bool force;	      /* attach even when the object does not list the device */
	bool allow_untrusted; /* load objects that fail loader_check_trusted() */
};

enum loader_result {
	LOADER_ATTACHED,
	LOADER_ALREADY_ATTACHED,
	LOADER_PROBE_REJECTED,
	LOADER_PROBE_ACCEPTED, /* loader_probe only: attaching would succeed */
};

/* Route libbpf's messages through our logger; keep them for error reports. */
void loader_init_logging(bool verbose);

/*
 * Load obj for dev, run its probe, attach and pin. Returns 0 with *result
 * set, or -errno after logging one line that says why.
 */
int loader_attach(struct hid_device_info *dev, const struct fixup_object *obj,
		  const struct loader_options *opts, enum loader_result *result);

/*
 * Load obj for dev and run its probe without attaching anything: what
 * loader_attach would decide. *result is LOADER_ALREADY_ATTACHED,
 * LOADER_PROBE_REJECTED (*probe_ret: the probe's return value) or
 * LOADER_PROBE_ACCEPTED. 0, or -errno after logging one line.
 */
int loader_probe(struct hid_device_info *dev, const struct fixup_object *obj,
		 const struct loader_options *opts, enum loader_result *result, int *probe_ret);

/*
 * The resident fast path (share.c): an object loaded once whose programs
 * serve every device. loader_shared_new() loads obj (dev: the device that
 * asked for it, for the messages and the HID id of the load) and sets *out,
 * or leaves it NULL when the object keeps state in maps and must be loaded
 * per device (loader_attach()). 0, or -errno after logging one line.
 */
struct loader_shared;
int loader_shared_new(const struct hid_device_info *dev, const struct fixup_object *obj,
		      const struct loader_options *opts, struct loader_shared **out);

/*
 * What loader_attach() does, with s's programs: skip when pinned already,
 * probe, then a new struct_ops map per struct_ops of the object, attached
 * and pinned at the same place. 0 with *result set, or -errno after logging.
 */
int loader_shared_attach(const struct loader_shared *s, struct hid_device_info *dev,
			 const struct fixup_object *obj, enum loader_result *result);
void loader_shared_free(struct loader_shared *s);

static inline void
loader_shared_freep(struct loader_shared **s)
{
	loader_shared_free(*s);
}

/* `hidfix daemon` (daemon.c): the resident loader. */
struct loader_daemon;
struct loader_daemon_hooks {
	/*
	 * a device appeared: decide and attach as `hidfix add` does; -EAGAIN
	 * when its descriptor is not readable yet (asked again on "bind")
	 */
	int (*add)(void *userdata, struct loader_daemon *d, const char *hid_name);
	void *userdata;
};

/*
 * Listen to the hid subsystem's events (from_udev: udevd's, after its
 * rules, only devices marked HIDFIX=1; else the kernel's) until SIGTERM,
 * SIGINT or SIGHUP; a removed device's pins are removed. 0 or -errno
 * after logging.
 */
int loader_daemon_run(const struct loader_daemon_hooks *hooks, bool from_udev);

/* loader_attach() for the daemon: each object loaded once when it can be shared. */
int loader_daemon_attach(struct loader_daemon *d, struct hid_device_info *dev,
			 const struct fixup_object *obj, const struct loader_options *opts,
			 enum loader_result *result);

/* Remove every pin of the device (the kernel then detaches the fixups). */
int loader_detach_all(const char *hid_name, unsigned *removed);

/*
 * Remove the pins of the object obj_name from every device (each under the
 * device's lock); *removed: how many devices had it. 0 or -errno.
 */
int loader_detach_object(const char *obj_name, unsigned *removed);

/* Names of the objects attached to the device (pins under its directory). */
int loader_list_attached(const char *hid_name, char ***names, size_t *n);

/* Mount bpffs on /sys/fs/bpf when it is not there yet. 0 or -errno. */
int loader_ensure_bpffs(void);

/* Serialize loaders working on the same device. Returns an fd or -errno. */
int loader_lock_device(const char *hid_name);

/* Does the running kernel offer HID-BPF (struct hid_bpf_ops)? */
bool loader_kernel_has_hid_bpf(void);

/* root (NULL or "": none) prefixed to the absolute path into buf. 0 or -ENAMETOOLONG. */
int loader_root_path(char *buf, size_t len, const char *root, const char *path);

/*
 * `hidfix install OBJECT` and `hidfix uninstall OBJECT|NAME` (install.c).
 * root: a staging tree (NULL: the running system). Return the exit status.
 */
/*
 * 0 when the object at path may be loaded (root-owned, not group- or
 * world-writable, in such a directory), else -EPERM (or -errno) and why
 * says what is wrong in a few words (loader/trust.c).
 */
int loader_check_trusted(const char *path, char *why, size_t len);

int loader_install(const char *root, bool force, int argc, char **argv);
int loader_uninstall(const char *root, int argc, char **argv);

/* hidfix new: scaffold a fixup in a source tree from a recording (loader/new.c). */
struct new_options {
	const char *from;	 /* --from RECORDING */
	const char *source_root; /* --source-root DIR (default: the current directory) */
	int device;		 /* --device N: the D: index; -1: the only device */
};

/* hidfix new VENDOR PRODUCT: exit status (0, 1, EXIT_USAGE), after one line on error. */
int loader_new(const struct new_options *o, int argc, char **argv);
