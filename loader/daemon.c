// SPDX-License-Identifier: GPL-2.0-only
/*
 * `hidfix daemon`: a resident loader. It listens to the hid subsystem's
 * device events and, for each added device, makes the decisions of
 * `hidfix add` (main.c's callback) with the fast path of share.c: an
 * object is loaded once, on the first device that needs it, and its
 * programs serve every later device. Objects that keep state in maps are
 * loaded per device (loader_attach()). Pins go where `hidfix add` puts
 * them, so `remove`, `match` and `list` keep working; a removed device's
 * pins are removed as `hidfix remove` does.
 *
 * While it runs, LOADER_DAEMON_MARKER leads to /proc/<its pid>: the udev
 * rule then starts no loader. The marker goes when the daemon ends on
 * SIGTERM, SIGINT or SIGHUP, and dangles (udev acts again) if it is
 * killed; attached fixes stay either way.
 *
 * Events come from the kernel (default: as early as possible, the
 * index decides) or, with --udev, from udevd after its rules ran (only
 * devices the hwdb marks with HIDFIX=1).
 */
#include <errno.h>
#include <fcntl.h>
#include <libudev.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io-util.h"
#include "loader-internal.h"
#include "loader.h"
#include "log.h"

DEFINE_TRIVIAL_CLEANUP_FUNC(struct udev *, udev_unref)
DEFINE_TRIVIAL_CLEANUP_FUNC(struct udev_monitor *, udev_monitor_unref)
DEFINE_TRIVIAL_CLEANUP_FUNC(struct udev_enumerate *, udev_enumerate_unref)
DEFINE_TRIVIAL_CLEANUP_FUNC(struct udev_device *, udev_device_unref)

/* One object the daemon has loaded (or found it must load per device). */
struct daemon_object {
	char *path;
	struct stat st;		      /* the file when it was loaded */
	struct loader_shared *shared; /* NULL: loaded per device */
};

struct loader_daemon {
	struct daemon_object *objs;
	size_t n;
	/* added devices whose descriptor was not readable yet: done on "bind" */
	char (*pending)[HID_NAME_MAX];
	size_t n_pending;
};

/* Remove name from the pending devices: was it there? */
static bool
pending_take(struct loader_daemon *d, const char *name)
{
	for (size_t i = 0; i < d->n_pending; i++) {
		if (strcmp(d->pending[i], name))
			continue;
		memcpy(d->pending[i], d->pending[--d->n_pending], HID_NAME_MAX);
		return true;
	}
	return false;
}

/* hooks->add, remembering a device whose descriptor is not there yet */
static void
daemon_add(const struct loader_daemon_hooks *hooks, struct loader_daemon *d, const char *name)
{
	char(*grown)[HID_NAME_MAX];

	if (hooks->add(hooks->userdata, d, name) != -EAGAIN)
		return;
	pending_take(d, name); /* never twice */
	grown = realloc(d->pending, (d->n_pending + 1) * sizeof(*grown));
	if (!grown) {
		log_error(name, "out of memory");
		return;
	}
	d->pending = grown;
	snprintf(d->pending[d->n_pending++], HID_NAME_MAX, "%s", name);
	log_debug(name, "daemon: no descriptor yet, waiting for the driver");
}

static void
daemon_object_clear(struct daemon_object *o)
{
	free(o->path);
	loader_shared_free(o->shared);
}

/* The entry of the object at path, dropped if the file changed since. */
static struct daemon_object *
daemon_find(struct loader_daemon *d, const char *path, const struct stat *st)
{
	for (size_t i = 0; i < d->n; i++) {
		struct daemon_object *o = &d->objs[i];

		if (strcmp(o->path, path))
			continue;
		if (stat_same_file(&o->st, st))
			return o;
		daemon_object_clear(o);
		d->objs[i] = d->objs[--d->n];
		return NULL;
	}
	return NULL;
}

int
loader_daemon_attach(struct loader_daemon *d, struct hid_device_info *dev,
		     const struct fixup_object *obj, const struct loader_options *opts,
		     enum loader_result *result)
{
	struct daemon_object *o, *grown;
	struct loader_shared *shared = NULL;
	struct stat st;
	int r;

	if (stat(obj->path, &st) < 0)
		return log_error_errno(dev->name, negative_errno(), "%s: %m", obj->path);
	o = daemon_find(d, obj->path, &st);
	if (!o) {
		/* nothing to load for a device that has the fixup already */
		r = loader_is_attached(dev, obj);
		if (r != 0) {
			*result = LOADER_ALREADY_ATTACHED;
			return r < 0 ? r : 0;
		}
		r = loader_shared_new(dev, obj, opts, &shared);
		if (r < 0)
			return r;
		if (shared)
			log_info(dev->name, "%s: loaded once, for every device it serves",
				 obj->name);
		grown = realloc(d->objs, (d->n + 1) * sizeof(*grown));
		if (!grown) {
			loader_shared_free(shared);
			return -ENOMEM;
		}
		d->objs = grown;
		o = &d->objs[d->n];
		*o = (struct daemon_object){ .path = strdup(obj->path),
					     .st = st,
					     .shared = shared };
		if (!o->path) {
			loader_shared_free(shared);
			return -ENOMEM;
		}
		d->n++;
	}
	if (!o->shared) {
		r = loader_attach(dev, obj, opts, result);
		if (r == 0 && *result != LOADER_ALREADY_ATTACHED)
			log_info(dev->name, "%s: keeps state in maps: loaded for this device",
				 obj->name);
		return r;
	}
	return loader_shared_attach(o->shared, dev, obj, result);
}

/* The device's pins, as `hidfix remove`, under its lock. */
static void
daemon_remove(const char *name)
{
	_cleanup_close_ int lock = loader_lock_device(name);
	unsigned removed = 0;
	int r;

	if (lock < 0) {
		log_error(name, "cannot lock: %s", strerror(-lock));
		return;
	}
	r = loader_detach_all(name, &removed);
	if (r < 0)
		log_error(name, "removing pins: %s", strerror(-r));
	else if (removed)
		log_info(name, "detached %u fixup%s", removed, removed == 1 ? "" : "s");
}

static bool
wanted(struct udev_device *ud, bool from_udev)
{
	const char *mark;

	/* udevd's event carries the hwdb's mark; the kernel's: the index decides */
	if (!from_udev)
		return true;
	mark = udev_device_get_property_value(ud, "HIDFIX");
	return mark && !strcmp(mark, "1");
}

/*
 * Take the daemon's lock (-EBUSY when another daemon holds it) and make
 * the marker: a symlink to /proc/<our pid>, so that it dangles, and udev's
 * TEST fails, as soon as we are gone, even after a SIGKILL. Returns the
 * lock's fd.
 */
static int
marker_create(void)
{
	_cleanup_close_ int fd = -1;
	char target[64];
	int r;

	r = mkdir_private(LOADER_LOCK_DIR);
	if (r < 0)
		return r;
	fd = open(LOADER_DAEMON_MARKER ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return negative_errno();
	if (flock(fd, LOCK_EX | LOCK_NB) < 0)
		return errno == EWOULDBLOCK ? -EBUSY : negative_errno();
	snprintf(target, sizeof(target), "/proc/%d", (int)getpid());
	if (unlink(LOADER_DAEMON_MARKER) < 0 && errno != ENOENT)
		return negative_errno();
	if (symlink(target, LOADER_DAEMON_MARKER) < 0)
		return negative_errno();
	return steal_fd(&fd);
}

static int
coldplug(struct udev *udev, const struct loader_daemon_hooks *hooks, struct loader_daemon *d,
	 bool from_udev)
{
	_cleanup_(udev_enumerate_unrefp) struct udev_enumerate *e = udev_enumerate_new(udev);
	struct udev_list_entry *item;

	if (!e || udev_enumerate_add_match_subsystem(e, "hid") < 0 ||
	    udev_enumerate_scan_devices(e) < 0)
		return -ENOMEM;
	udev_list_entry_foreach (item, udev_enumerate_get_list_entry(e)) {
		_cleanup_(udev_device_unrefp) struct udev_device *ud =
			udev_device_new_from_syspath(udev, udev_list_entry_get_name(item));

		if (ud && wanted(ud, from_udev))
			daemon_add(hooks, d, udev_device_get_sysname(ud));
	}
	return 0;
}

int
loader_daemon_run(const struct loader_daemon_hooks *hooks, bool from_udev)
{
	_cleanup_(udev_unrefp) struct udev *udev = udev_new();
	_cleanup_(udev_monitor_unrefp) struct udev_monitor *mon = NULL;
	_cleanup_close_ int sfd = -1, marker = -1;
	struct loader_daemon d = { 0 };
	sigset_t mask;
	int r = 0;

	if (!udev)
		return log_error_errno(NULL, -ENOMEM, "udev: out of memory");
	mon = udev_monitor_new_from_netlink(udev, from_udev ? "udev" : "kernel");
	if (!mon || udev_monitor_filter_add_match_subsystem_devtype(mon, "hid", NULL) < 0 ||
	    udev_monitor_enable_receiving(mon) < 0)
		return log_error_errno(NULL, -EIO, "cannot listen to %s events",
				       from_udev ? "udev" : "kernel");
	/* a plug faster than we read must not lose events */
	udev_monitor_set_receive_buffer_size(mon, 8 * 1024 * 1024);

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0 || (sfd = signalfd(-1, &mask, SFD_CLOEXEC)) < 0)
		return log_error_errno(NULL, negative_errno(), "signalfd: %m");

	/* without HID-BPF every device would fail: say it once and leave udev to it */
	if (!loader_kernel_has_hid_bpf())
		return log_error_errno(NULL, -EOPNOTSUPP,
				       "daemon: this kernel has no HID-BPF support "
				       "(CONFIG_HID_BPF is not set)");
	r = loader_ensure_bpffs();
	if (r < 0)
		return log_error_errno(NULL, r, "cannot mount bpffs on %s: %s", LOADER_BPFFS,
				       strerror(-r));
	marker = marker_create();
	if (marker < 0)
		return log_error_errno(NULL, marker, "%s: %s", LOADER_DAEMON_MARKER,
				       marker == -EBUSY ? "another hidfix daemon is running"
							: strerror(-marker));
	log_info(NULL, "daemon: listening to %s events", from_udev ? "udev" : "kernel");
	/* devices that were there before us (the marker kept udev from adding) */
	coldplug(udev, hooks, &d, from_udev);

	for (;;) {
		struct pollfd fds[2] = { { .fd = udev_monitor_get_fd(mon), .events = POLLIN },
					 { .fd = sfd, .events = POLLIN } };

		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			r = log_error_errno(NULL, negative_errno(), "poll: %m");
			break;
		}
		if (fds[1].revents) {
			struct signalfd_siginfo si;

			if (read(sfd, &si, sizeof(si)) == sizeof(si))
				log_info(NULL, "daemon: signal %u, exiting (fixes stay attached)",
					 si.ssi_signo);
			break;
		}
		if (fds[0].revents) {
			_cleanup_(udev_device_unrefp) struct udev_device *ud =
				udev_monitor_receive_device(mon);
			const char *action, *name;

			if (!ud)
				continue;
			action = udev_device_get_action(ud);
			name = udev_device_get_sysname(ud);
			if (!action || !name)
				continue;
			if (!strcmp(action, "add") && wanted(ud, from_udev)) {
				daemon_add(hooks, &d, name);
			} else if (!strcmp(action, "bind")) {
				/* a pending device's probe is done; the pending entry
				 * goes first so that a second -EAGAIN is an error */
				if (pending_take(&d, name)) {
					if (hooks->add(hooks->userdata, &d, name) == -EAGAIN)
						log_error(name, "cannot read device: no report "
								"descriptor");
				}
			} else if (!strcmp(action, "remove")) {
				pending_take(&d, name);
				daemon_remove(name);
			}
		}
	}
	unlink(LOADER_DAEMON_MARKER);
	for (size_t i = 0; i < d.n; i++)
		daemon_object_clear(&d.objs[i]);
	free(d.objs);
	free(d.pending);
	return r;
}
