// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-plug: plug-to-fixed latency. Plugs the first device of a
 * recording in through /dev/uhid N times and measures, from the uhid
 * create, when sysfs shows:
 *   appear  the HID device (found by its uniq string)
 *   bound   bound to a driver, descriptor readable, a node present
 *   pinned  a hidfix pin directory for it (the loader attached)
 *   fixed   bound again with a descriptor other than the recorded one
 * and prints the median and p95 of each.
 *
 *   bench-plug [--mode bound|fixed|inproc] [--object OBJ] [--plugs N]
 *              [--settle] [--label TEXT] RECORDING
 *
 *   bound   stop at "bound" (no fixup installed: the kernel + udev floor)
 *   fixed   stop at "fixed": something else (udev running hidfix, or a
 *           running `hidfix daemon`) fixes it
 *   inproc  this warm process attaches OBJ itself (loader_attach(), as
 *           `hidfix add` does) as soon as the device appears, then waits
 *           for "fixed": the in-process minimum. The object's metadata
 *           is read once; each plug loads, probes, attaches and pins.
 *
 * In inproc mode two more rows: "attach", loader_attach() alone (open,
 * load with the verifier, probe, attach, pin), and "btf", libbpf parsing
 * the kernel BTF (btf__load_vmlinux_btf(), which every load does once),
 * timed separately before each plug.
 *
 * --settle runs `udevadm settle` after each unplug so that udev is idle
 * before the next plug. Needs root and /dev/uhid (exit 77 without).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>

#include "bench-util.h"
#include "fixup-object.h"
#include "hid-device.h"
#include "loader.h"
#include "log.h"
#include "process.h"
#include "recording.h"
#include "time-util.h"
#include "uhid.h"

#define TIMEOUT_US  (20 * 1000000ull)
#define POLL_US	    1000
#define MAX_PLUGS   1000
#define N_MILESTONE 4

enum mode { MODE_BOUND, MODE_FIXED, MODE_INPROC };

enum milestone { MS_APPEAR, MS_BOUND, MS_PINNED, MS_FIXED };
static const char *const milestone_name[N_MILESTONE] = { "appear", "bound", "pinned", "fixed" };

struct plug_times {
	uint64_t at[N_MILESTONE]; /* usec since the create, 0: not seen */
	uint64_t attach_us;	  /* inproc: loader_attach() alone */
	uint64_t btf_us;	  /* inproc: libbpf parsing the kernel BTF once */
};

static bool
rdesc_is(const struct hid_sysfs_state *s, const struct hid_recording_device *dev)
{
	return s->rdesc && s->rdesc_len == dev->rdesc_len &&
	       !memcmp(s->rdesc, dev->rdesc, dev->rdesc_len);
}

static void
pin_dir_of(const char *name, char *buf, size_t len)
{
	snprintf(buf, len, LOADER_PIN_ROOT "/%s", name);
	for (char *p = buf + strlen(LOADER_PIN_ROOT) + 1; *p; p++)
		if (*p == ':' || *p == '.')
			*p = '_';
}

/* One plug: create, wait for the milestones the mode needs, unplug. */
static int
plug_once(const struct hid_recording_device *rdev, enum mode mode, const struct fixup_object *obj,
	  struct plug_times *t)
{
	_cleanup_(uhid_device_freep) struct uhid_device *uhid = NULL;
	struct hid_sysfs_state st = { 0 };
	char uniq[64], name[HID_NAME_MAX] = "", dir[512], pins[512];
	enum milestone goal = mode == MODE_BOUND ? MS_BOUND : MS_FIXED;
	uint64_t t0;
	int r = 0;

	memset(t, 0, sizeof(*t));
	if (mode == MODE_INPROC) {
		/* what every bpf_object__load() does first, timed alone */
		uint64_t b0 = now_usec();
		struct btf *btf = btf__load_vmlinux_btf();

		if (!btf)
			return log_error_errno(NULL, -errno, "kernel BTF: %m");
		t->btf_us = now_usec() - b0;
		btf__free(btf);
	}
	r = uhid_make_uniq(uniq, sizeof(uniq));
	if (r < 0)
		return r;
	t0 = now_usec();
	uhid = uhid_device_new(rdev, uniq);
	if (!uhid)
		return -errno;
	while (hid_sysfs_find_by_uniq(uniq, name, sizeof(name)) < 0) {
		if (now_usec() - t0 > TIMEOUT_US)
			return log_error_errno(NULL, -ETIMEDOUT, "%s never appeared", uniq);
		sleep_usec(POLL_US);
	}
	t->at[MS_APPEAR] = now_usec() - t0;
	snprintf(dir, sizeof(dir), HID_SYSFS "/%s", name);
	pin_dir_of(name, pins, sizeof(pins));

	if (mode == MODE_INPROC) {
		_cleanup_(hid_device_freep) struct hid_device_info *dev = NULL;
		struct loader_options opts = { 0 };
		enum loader_result res;
		uint64_t a0;

		/* as udev's "add": the device may not be complete in sysfs yet */
		while (!(dev = hid_device_open(name))) {
			if (errno != ENODEV || now_usec() - t0 > TIMEOUT_US)
				return log_error_errno(name, -errno, "open: %m");
			sleep_usec(POLL_US);
		}
		a0 = now_usec();
		r = loader_attach(dev, obj, &opts, &res);
		if (r < 0)
			return r;
		if (res != LOADER_ATTACHED)
			return log_error_errno(name, -EBADE, "%s was not attached", obj->name);
		t->attach_us = now_usec() - a0;
	}

	for (;;) {
		uint64_t now;

		hid_sysfs_state_read(dir, &st);
		now = now_usec() - t0;
		if (hid_sysfs_state_ready(&st)) {
			bool orig = rdesc_is(&st, rdev);

			if (orig && !t->at[MS_BOUND])
				t->at[MS_BOUND] = now;
			if (!orig && !t->at[MS_FIXED])
				t->at[MS_FIXED] = now;
		}
		if (!t->at[MS_PINNED] && access(pins, F_OK) == 0)
			t->at[MS_PINNED] = now;
		if (t->at[goal])
			break;
		if (now > TIMEOUT_US) {
			r = log_error_errno(name, -ETIMEDOUT, "not %s after %llu s",
					    milestone_name[goal], TIMEOUT_US / 1000000);
			break;
		}
		sleep_usec(POLL_US);
	}
	hid_sysfs_state_clear(&st);
	if (mode == MODE_INPROC) {
		unsigned removed = 0;

		loader_detach_all(name, &removed);
	}
	uhid_device_free(steal_pointer(&uhid));
	/* gone from sysfs before the next plug */
	for (uint64_t g0 = now_usec(); access(dir, F_OK) == 0 && now_usec() - g0 < TIMEOUT_US;)
		sleep_usec(POLL_US);
	return r;
}

static void
print_row(const char *label, const char *what, uint64_t *v, size_t n)
{
	uint64_t median, p95;

	if (!n)
		return;
	median = bench_percentile(v, n, 50);
	p95 = bench_percentile(v, n, 95);
	/* v is sorted now */
	printf("%-28s %-8s %5zu %10.1f %10.1f %10.1f\n", label, what, n, median / 1000.0,
	       p95 / 1000.0, v[n - 1] / 1000.0);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "object", required_argument, NULL, 'o' },
		{ "plugs", required_argument, NULL, 'n' },
		{ "settle", no_argument, NULL, 's' },
		{ "label", required_argument, NULL, 'l' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_(fixup_object_freep) struct fixup_object *obj = NULL;
	static uint64_t v[N_MILESTONE + 2][MAX_PLUGS];
	const char *label = NULL, *object = NULL;
	enum mode mode = MODE_BOUND;
	unsigned long plugs = 30;
	bool settle = false;
	size_t nv[N_MILESTONE + 2] = { 0 };
	int c;

	log_set_program("bench-plug");
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 'm':
			if (!strcmp(optarg, "bound"))
				mode = MODE_BOUND;
			else if (!strcmp(optarg, "fixed"))
				mode = MODE_FIXED;
			else if (!strcmp(optarg, "inproc"))
				mode = MODE_INPROC;
			else
				goto usage;
			break;
		case 'o':
			object = optarg;
			break;
		case 'n':
			errno = 0;
			plugs = strtoul(optarg, &end, 10);
			if (errno || *end || !plugs || plugs > MAX_PLUGS)
				goto usage;
			break;
		case 's':
			settle = true;
			break;
		case 'l':
			label = optarg;
			break;
		case 'v':
			log_set_level(LOG_LEVEL_DEBUG);
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc - 1 || (mode == MODE_INPROC) != !!object)
		goto usage;

	rec = bench_recording_open(argv[optind]);
	if (!rec)
		return 1;
	if (bench_need_uhid())
		return BENCH_EXIT_SKIP;
	if (object && !(obj = bench_object_open(object)))
		return 1;

	for (unsigned long i = 0; i < plugs; i++) {
		struct plug_times t;

		if (plug_once(&rec->devices[0], mode, obj, &t) < 0)
			return 1;
		for (size_t m = 0; m < N_MILESTONE; m++)
			if (t.at[m])
				v[m][nv[m]++] = t.at[m];
		if (mode == MODE_INPROC) {
			v[N_MILESTONE][nv[N_MILESTONE]++] = t.attach_us;
			v[N_MILESTONE + 1][nv[N_MILESTONE + 1]++] = t.btf_us;
		}
		if (settle) {
			const char *const settle_argv[] = { "/usr/bin/udevadm", "settle",
							    "--timeout=30", NULL };
			int status;

			process_run_status(settle_argv, 60000, "udevadm", NULL, &status);
		}
	}

	if (!label)
		label = mode == MODE_BOUND ? "bound" : mode == MODE_FIXED ? "fixed" : "inproc";
	for (size_t m = 0; m < N_MILESTONE; m++)
		print_row(label, milestone_name[m], v[m], nv[m]);
	print_row(label, "attach", v[N_MILESTONE], nv[N_MILESTONE]);
	print_row(label, "btf", v[N_MILESTONE + 1], nv[N_MILESTONE + 1]);
	return 0;

usage:
	fprintf(stderr, "Usage: bench-plug [--mode bound|fixed|inproc] [--object OBJ] "
			"[--plugs N] [--settle] [--label TEXT] RECORDING\n"
			"       (--object exactly with --mode inproc)\n");
	return 2;
}
