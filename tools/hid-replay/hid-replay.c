// SPDX-License-Identifier: GPL-2.0-only
/*
 * hid-replay: create the devices of a recording through /dev/uhid and
 * replay their E: reports with the recorded timing. A device whose
 * recording has B: lines (hid-record --before-fixups: the reports as the
 * device sent them, before the HID-BPF fixups) gets its B: reports
 * instead, since its E: lines are what the fixups made of them. The
 * kernel's GET_REPORT/SET_REPORT requests are answered at once (lib/uhid).
 * With --fixup the hidfix loader attaches the given fixups to each device
 * before the replay, with --auto those the loader finds for it ('hidfix
 * add DEVICE' without objects); 'hidfix remove' detaches them at the end.
 * With --evdev the resulting evdev events of all the devices' event nodes
 * are printed on stdout, merged in time order:
 *
 *   # device 0: 0003:0458:0138.0001: /dev/input/event5 "Genius Gila"
 *   E: 0.000008 0001 0110 1	# event5 EV_KEY BTN_LEFT 1
 *   E: 0.000008 0000 0000 0	# event5 EV_SYN SYN_REPORT 0
 *
 * (time since the first replayed report, type and code in hex, value; the
 * names as a comment). Progress and the devices' sysfs names and nodes go
 * to stderr.
 *
 * Exit: 0 done, 1 error (one line on stderr), 2 usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <linux/uhid.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libevdev/libevdev.h>

#include "evdev-capture.h"
#include "log.h"
#include "macros.h"
#include "process.h"
#include "recording.h"
#include "time-util.h"
#include "uhid.h"

#define EXIT_USAGE 2

#define TIMEOUT_CREATE_MS  20000
#define TIMEOUT_REPROBE_MS 3000
#define TIMEOUT_LOADER_MS  60000
#define TIMEOUT_FRAME_MS   5000
#define QUIET_MS	   200

/* where the hidfix loader pins its attachments */
#define HIDFIX_PIN_ROOT "/sys/fs/bpf/hidfix"

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	interrupted = sig;
}

struct options {
	const char *recording;
	double speed;
	bool no_delay;
	bool evdev;
	bool wait;
	bool check;
	const char *hidfix;
	const char **fixups;
	size_t n_fixups;
	bool auto_fixups; /* --auto: hidfix add DEVICE, no objects */
};

struct replay_device {
	const struct hid_recording_device *rec;
	struct uhid_device *uhid;
	char uniq[64];
	char sysname[256];
	char hid_dir[PATH_MAX];
	struct evdev_nodes nodes;
	size_t next;	   /* next event to send */
	bool before_fixup; /* the recording has B: lines: replay those */
	bool fixup_added;  /* hidfix add ran: remove the pins at the end */
};

struct replay {
	struct options opt;
	struct replay_device *devs;
	size_t n_devs;
	uint64_t base_usec; /* CLOCK_MONOTONIC at the first report */
	bool started;
};

/* --- hidfix --- */

static int
run_hidfix(struct replay *rp, struct replay_device *d, const char *verb)
{
	_cleanup_free_ const char **argv = NULL;
	char what[PATH_MAX + 16];
	size_t argc = 0;

	argv = calloc(rp->opt.n_fixups + 4, sizeof(*argv));
	if (!argv)
		return -ENOMEM;
	argv[argc++] = rp->opt.hidfix;
	argv[argc++] = verb;
	argv[argc++] = d->hid_dir;
	if (strcmp(verb, "add") == 0)
		for (size_t i = 0; i < rp->opt.n_fixups; i++)
			argv[argc++] = rp->opt.fixups[i];

	log_info(d->sysname, "running %s %s %s%s", rp->opt.hidfix, verb, d->hid_dir,
		 strcmp(verb, "add") == 0 && rp->opt.n_fixups ? " OBJECT..." : "");
	snprintf(what, sizeof(what), "%s %s", rp->opt.hidfix, verb);
	return process_run(argv, TIMEOUT_LOADER_MS, what, d->sysname);
}

/*
 * Whether the loader pinned anything for the device: its pins live in
 * HIDFIX_PIN_ROOT/<device>/, the name's dots and colons made underscores
 * (README, "hidfix add").
 */
static bool
hidfix_pinned(const struct replay_device *d)
{
	char dir[PATH_MAX];
	size_t off = strlen(HIDFIX_PIN_ROOT "/");
	struct stat st;

	snprintf(dir, sizeof(dir), HIDFIX_PIN_ROOT "/%s", d->sysname);
	for (char *p = dir + off; *p; p++)
		if (*p == '.' || *p == ':')
			*p = '_';
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

struct reprobe_wait {
	const char *ident;
	const uint8_t *rdesc;
	size_t rdesc_len;
};

static bool
reprobe_accept(const struct hid_sysfs_state *s, void *data)
{
	const struct reprobe_wait *w = data;

	return strcmp(s->ident, w->ident) != 0 || s->rdesc_len != w->rdesc_len ||
	       memcmp(s->rdesc, w->rdesc, s->rdesc_len) != 0;
}

/* --- devices --- */

static void
log_nodes(struct replay_device *d, const struct hid_sysfs_state *s, const char *what)
{
	char hidraw[32] = "no hidraw";
	size_t len = strlen(s->ident);

	hid_sysfs_hidraw_name(d->hid_dir, hidraw, sizeof(hidraw));
	while (len > 0 && s->ident[len - 1] == ' ')
		len--;
	log_info(d->sysname, "%s: /dev/%s, %zu event node(s) (%.*s)", what, hidraw, s->n_event,
		 (int)len, s->ident);
}

static int
device_create(struct replay *rp, struct replay_device *d)
{
	struct hid_sysfs_state state = { 0 };
	int r;

	r = uhid_make_uniq(d->uniq, sizeof(d->uniq));
	if (r < 0)
		return r;
	snprintf(d->sysname, sizeof(d->sysname), "device %u", d->rec->index);
	d->uhid = uhid_device_new(d->rec, d->uniq);
	if (!d->uhid)
		return negative_errno();
	r = hid_sysfs_wait_for_uniq(d->uniq, TIMEOUT_CREATE_MS, d->sysname, sizeof(d->sysname));
	if (r < 0)
		return r;
	snprintf(d->hid_dir, sizeof(d->hid_dir), HID_SYSFS "/%s", d->sysname);

	r = hid_sysfs_wait(d->hid_dir, NULL, NULL, TIMEOUT_CREATE_MS, &state);
	if (r < 0) {
		log_error(
			d->sysname, "not bound by a driver within %d s%s", TIMEOUT_CREATE_MS / 1000,
			state.bound ? " (no input or hidraw node)"
				    : ": a special driver may claim this id; try "
				      "echo 1 > /sys/module/hid/parameters/ignore_special_drivers");
		hid_sysfs_state_clear(&state);
		return r;
	}
	log_nodes(d, &state, "created");

	if (rp->opt.n_fixups || rp->opt.auto_fixups) {
		struct reprobe_wait w = { .rdesc_len = state.rdesc_len };
		_cleanup_free_ char *ident = strdup(state.ident);
		_cleanup_free_ uint8_t *rdesc = steal_pointer(&state.rdesc);

		if (!ident) {
			hid_sysfs_state_clear(&state);
			return -ENOMEM;
		}
		w.ident = ident;
		w.rdesc = rdesc;
		r = run_hidfix(rp, d, "add");
		d->fixup_added = r == 0;
		if (r < 0) {
			hid_sysfs_state_clear(&state);
			return r;
		}
		if (rp->opt.auto_fixups && !hidfix_pinned(d)) {
			log_info(d->sysname, "no fixup attached");
			hid_sysfs_state_clear(&state);
			return 0;
		}
		/* A fixup with a descriptor hook makes the kernel re-probe the
		 * device; one that only rewrites events does not. */
		r = hid_sysfs_wait(d->hid_dir, reprobe_accept, &w, TIMEOUT_REPROBE_MS, &state);
		if (r == -ETIMEDOUT)
			r = hid_sysfs_wait(d->hid_dir, NULL, NULL, TIMEOUT_CREATE_MS, &state);
		if (r < 0) {
			log_error(d->sysname, "not bound again after hidfix add");
			hid_sysfs_state_clear(&state);
			return r;
		}
		log_nodes(d, &state, "fixup attached");
	}
	hid_sysfs_state_clear(&state);
	return 0;
}

#define MAX_EVDEV_NODES 64

static int
devices_open_evdev(struct replay *rp)
{
	size_t total = 0;

	for (size_t i = 0; i < rp->n_devs; i++) {
		struct replay_device *d = &rp->devs[i];
		int r = evdev_nodes_open(&d->nodes, d->hid_dir, d->sysname);

		if (r < 0)
			return r;
		for (size_t j = 0; j < d->nodes.n; j++) {
			struct evdev_node *n = &d->nodes.v[j];

			if (libevdev_set_clock_id(n->evdev, CLOCK_MONOTONIC) < 0)
				log_warn(n->devnode, "cannot switch to CLOCK_MONOTONIC");
			printf("# device %u: %s: %s \"%s\"\n", d->rec->index, d->sysname,
			       n->devnode, evdev_node_name(n));
		}
		total += d->nodes.n;
	}
	if (total > MAX_EVDEV_NODES)
		log_warn(NULL, "%zu event nodes: only the first %d are read during the replay",
			 total, MAX_EVDEV_NODES);
	return fflush(stdout) == 0 ? 0 : -EIO;
}

/* --- evdev output --- */

static int
print_event(struct evdev_node *n, const struct input_event *ev, void *data)
{
	struct replay *rp = data;
	char line[256];
	const char *label = strrchr(n->devnode, '/');

	evdev_event_format_evemu(ev, rp->started ? rp->base_usec : 0, label ? label + 1 : NULL,
				 line, sizeof(line));
	if (printf("%s\n", line) < 0)
		return -EIO;
	return 0;
}

/*
 * Wait until deadline (CLOCK_MONOTONIC usec), printing the evdev events
 * that arrive meanwhile. Returns early on a signal.
 */
static int
wait_until(struct replay *rp, uint64_t deadline)
{
	struct pollfd fds[MAX_EVDEV_NODES];
	struct evdev_node *nodes[MAX_EVDEV_NODES];
	size_t n = 0;

	if (rp->opt.evdev)
		for (size_t i = 0; i < rp->n_devs; i++)
			for (size_t j = 0; j < rp->devs[i].nodes.n && n < ARRAY_SIZE(fds); j++) {
				nodes[n] = &rp->devs[i].nodes.v[j];
				fds[n] = (struct pollfd){ .fd = nodes[n]->fd, .events = POLLIN };
				n++;
			}

	for (;;) {
		uint64_t now = now_usec();
		int timeout, r;

		if (interrupted)
			return -EINTR;
		if (n > 0) {
			bool dropped = false;

			/* what is queued now, even when the deadline has passed */
			r = poll(fds, n, 0);
			for (size_t i = 0; r > 0 && i < n; i++) {
				if (fds[i].revents & (POLLERR | POLLHUP | POLLNVAL))
					return log_error_errno(nodes[i]->devnode, -ENODEV,
							       "input node went away");
				if (fds[i].revents & POLLIN) {
					int got = evdev_node_drain(nodes[i], print_event, rp,
								   &dropped);

					if (got < 0)
						return got;
				}
			}
			if (dropped)
				log_warn(NULL, "the kernel dropped events (SYN_DROPPED)");
			fflush(stdout);
		}
		if (now >= deadline)
			return 0;
		timeout = (int)((deadline - now + 999) / 1000);
		if (timeout > 100)
			timeout = 100; /* look at the signal flag now and then */
		r = poll(n ? fds : NULL, n, timeout);
		if (r < 0 && errno != EINTR)
			return log_error_errno(NULL, negative_errno(), "poll: %m");
	}
}

/* The device whose next event is the earliest; NULL when all are done. */
static struct replay_device *
next_device(struct replay *rp)
{
	struct replay_device *best = NULL;

	for (size_t i = 0; i < rp->n_devs; i++) {
		struct replay_device *d = &rp->devs[i];

		while (d->next < d->rec->n_events &&
		       d->rec->events[d->next].before_fixup != d->before_fixup)
			d->next++;
		if (d->next == d->rec->n_events)
			continue;
		if (!best || d->rec->events[d->next].usec < best->rec->events[best->next].usec)
			best = d;
	}
	return best;
}

static int
replay(struct replay *rp)
{
	struct replay_device *d;
	uint64_t first = UINT64_MAX;
	size_t sent = 0, total = 0;
	int r;

	for (size_t i = 0; i < rp->n_devs; i++) {
		const struct replay_device *dev = &rp->devs[i];

		for (size_t j = 0; j < dev->rec->n_events; j++)
			if (dev->rec->events[j].before_fixup == dev->before_fixup) {
				total++;
				if (dev->rec->events[j].usec < first)
					first = dev->rec->events[j].usec;
			}
	}

	rp->base_usec = now_usec();
	rp->started = true;
	while ((d = next_device(rp))) {
		const struct hid_recording_event *ev = &d->rec->events[d->next];

		if (!rp->opt.no_delay) {
			double offset = (double)(ev->usec - first) / rp->opt.speed;

			r = wait_until(rp, rp->base_usec + (uint64_t)offset);
			if (r == -EINTR)
				break;
			if (r < 0)
				return r;
		}
		r = uhid_device_send_input(d->uhid, ev->data, ev->len);
		if (r < 0)
			return log_error_errno(d->sysname, r, "sending report %zu: %s", d->next + 1,
					       strerror(-r));
		d->next++;
		sent++;
		if (rp->opt.evdev && rp->opt.no_delay) {
			r = wait_until(rp, 0);
			if (r < 0 && r != -EINTR)
				return r;
		}
		if (interrupted)
			break;
	}
	if (interrupted)
		return log_error_errno(NULL, -EINTR, "interrupted after %zu of %zu reports", sent,
				       total);

	if (rp->opt.evdev) {
		/* the events of the last report */
		for (size_t i = 0; i < rp->n_devs; i++) {
			bool dropped = false;

			r = evdev_nodes_collect(&rp->devs[i].nodes, rp->devs[i].sysname, QUIET_MS,
						TIMEOUT_FRAME_MS, print_event, rp, &dropped);
			if (r < 0)
				return r;
		}
		fflush(stdout);
	}
	log_info(NULL, "replayed %zu report(s) on %zu device(s) in %.3f s", sent, rp->n_devs,
		 (double)(now_usec() - rp->base_usec) / 1e6);
	return 0;
}

/* A recording with B: lines: replay those, what the device sent. */
static bool
recording_has_before_fixup(const struct hid_recording_device *d)
{
	for (size_t i = 0; i < d->n_events; i++)
		if (d->events[i].before_fixup)
			return true;
	return false;
}

static size_t
recording_count(const struct hid_recording_device *d, bool before_fixup)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n_events; i++)
		n += d->events[i].before_fixup == before_fixup;
	return n;
}

/* Wait for a line on stdin (the user, or a test, is ready). */
static int
wait_enter(void)
{
	char line[64];

	fprintf(stderr, "hid-replay: press Enter to start the replay\n");
	if (!fgets(line, sizeof(line), stdin))
		return log_error_errno(NULL, -EINTR, "stdin closed before the replay");
	return interrupted ? -EINTR : 0;
}

/* --- main --- */

static void
usage(FILE *f)
{
	fprintf(f,
		"Usage: hid-replay [OPTIONS] RECORDING\n"
		"\n"
		"Create the HID device(s) of a hid-recorder recording through /dev/uhid and\n"
		"replay their reports with the recorded timing. Needs root and the uhid module.\n"
		"\n"
		"The E: lines are replayed, except for a device whose recording has B: lines\n"
		"(hid-record --before-fixups): its E: lines are what the HID-BPF fixups made\n"
		"of the reports, so its B: lines, the reports as the device sent them, are\n"
		"replayed instead. The R: descriptor is replayed as recorded (hid-record\n"
		"--before-fixups writes the one the device declared, before any fixup).\n"
		"\n"
		"  --speed FACTOR   replay FACTOR times as fast (default 1; 0.5 is half speed)\n"
		"  --no-delay       send the reports back to back\n"
		"  --fixup OBJECT   attach OBJECT with 'hidfix add DEVICE OBJECT' before the\n"
		"                   replay (repeatable); 'hidfix remove' runs at the end\n"
		"  --auto           attach the fixups the loader picks for each device with\n"
		"                   'hidfix add DEVICE' (its fixup directories: --fixup-dir\n"
		"                   of hidfix, $HIDFIX_FIXUP_PATH, or the installed ones);\n"
		"                   'hidfix remove' runs at the end. Not with --fixup\n"
		"  --hidfix PATH    the hidfix loader (default %s)\n"
		"  --evdev          print the resulting evdev events on stdout\n"
		"  --wait           once the devices exist, wait for Enter on stdin before the\n"
		"                   replay (time to start hid-record or evtest)\n"
		"  --check          only check the recording: print a summary, create nothing\n"
		"  --verbose        debug messages (uhid requests)\n"
		"  --help           this text\n"
		"\n"
		"Exit: 0 done, 1 error, 2 usage error.\n",
		HIDFIX_INSTALLED);
}

/* The hidfix of the build tree when we run from it, else the installed one. */
static const char *
default_hidfix(void)
{
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (len > 0) {
		self[len] = '\0';
		if (strcmp(self, HID_REPLAY_BUILT) == 0)
			return HIDFIX_BUILT;
	}
	return HIDFIX_INSTALLED;
}

static int
parse_speed(const char *s, double *out)
{
	char *end = NULL;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end != '\0' || !isfinite(v) || v < 0.001 || v > 1000.0)
		return -EINVAL;
	*out = v;
	return 0;
}

enum {
	OPT_SPEED = 256,
	OPT_NO_DELAY,
	OPT_FIXUP,
	OPT_AUTO,
	OPT_HIDFIX,
	OPT_EVDEV,
	OPT_WAIT,
	OPT_CHECK,
};

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "speed", required_argument, NULL, OPT_SPEED },
		{ "no-delay", no_argument, NULL, OPT_NO_DELAY },
		{ "fixup", required_argument, NULL, OPT_FIXUP },
		{ "auto", no_argument, NULL, OPT_AUTO },
		{ "hidfix", required_argument, NULL, OPT_HIDFIX },
		{ "evdev", no_argument, NULL, OPT_EVDEV },
		{ "wait", no_argument, NULL, OPT_WAIT },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_free_ const char **fixups = NULL;
	_cleanup_free_ struct replay_device *devs = NULL;
	struct replay rp = { .opt = { .speed = 1.0 } };
	struct sigaction sa = { .sa_handler = on_signal };
	char err[1024];
	int opt, r, ret = 1;

	log_set_program("hid-replay");
	fixups = calloc((size_t)argc + 1, sizeof(*fixups));
	if (!fixups)
		return 1;
	rp.opt.fixups = fixups;

	while ((opt = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_SPEED:
			if (parse_speed(optarg, &rp.opt.speed) < 0) {
				log_error(NULL,
					  "--speed: expected a factor from 0.001 to 1000, got "
					  "'%s'",
					  optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_NO_DELAY:
			rp.opt.no_delay = true;
			break;
		case OPT_FIXUP:
			fixups[rp.opt.n_fixups++] = optarg;
			break;
		case OPT_AUTO:
			rp.opt.auto_fixups = true;
			break;
		case OPT_HIDFIX:
			rp.opt.hidfix = optarg;
			break;
		case OPT_EVDEV:
			rp.opt.evdev = true;
			break;
		case OPT_WAIT:
			rp.opt.wait = true;
			break;
		case OPT_CHECK:
			rp.opt.check = true;
			break;
		case 'v':
			log_set_level(LOG_LEVEL_DEBUG);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (rp.opt.auto_fixups && rp.opt.n_fixups) {
		log_error(NULL, "--auto and --fixup exclude each other: --auto lets the loader "
				"pick the fixups");
		return EXIT_USAGE;
	}
	if (argc - optind != 1) {
		log_error(NULL, "expected one RECORDING argument (see --help)");
		return EXIT_USAGE;
	}
	rp.opt.recording = argv[optind];
	if (!rp.opt.hidfix)
		rp.opt.hidfix = default_hidfix();

	/* Everything that can be checked without a device is checked first. */
	rec = hid_recording_parse_file(rp.opt.recording, err, sizeof(err));
	if (!rec) {
		log_error(NULL, "%s", err);
		return 1;
	}
	for (size_t i = 0; i < rec->n_devices; i++)
		for (size_t j = 0; j < rec->devices[i].n_events; j++)
			if (rec->devices[i].events[j].len > UHID_DATA_MAX) {
				log_error(rp.opt.recording,
					  "device %u: a report of %zu bytes is longer than uhid "
					  "takes (%d)",
					  rec->devices[i].index, rec->devices[i].events[j].len,
					  UHID_DATA_MAX);
				return 1;
			}
	if (rp.opt.check) {
		for (size_t i = 0; i < rec->n_devices; i++) {
			const struct hid_recording_device *d = &rec->devices[i];

			bool before = recording_has_before_fixup(d);

			printf("device %u: %04x:%04x:%04x \"%s\", descriptor %zu bytes, %zu "
			       "report(s)%s\n",
			       d->index, d->bus, d->vid, d->pid, d->name ?: "", d->rdesc_len,
			       recording_count(d, before),
			       before ? " before the fixups (B: lines are replayed)" : "");
		}
		return fflush(stdout) == 0 ? 0 : 1;
	}
	if ((rp.opt.n_fixups || rp.opt.auto_fixups) && access(rp.opt.hidfix, X_OK) < 0) {
		log_error(rp.opt.hidfix, "cannot run the hidfix loader: %m (see --hidfix)");
		return 1;
	}
	if (geteuid() != 0) {
		log_error(NULL, "needs root (to create devices through /dev/uhid)");
		return 1;
	}
	if (access("/dev/uhid", F_OK) < 0) {
		log_error(NULL, "/dev/uhid does not exist: load the uhid module (modprobe uhid)");
		return 1;
	}

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	devs = calloc(rec->n_devices, sizeof(*devs));
	if (!devs)
		return 1;
	rp.devs = devs;
	rp.n_devs = rec->n_devices;
	for (size_t i = 0; i < rp.n_devs; i++) {
		devs[i].rec = &rec->devices[i];
		devs[i].before_fixup = recording_has_before_fixup(devs[i].rec);
		if (devs[i].before_fixup)
			log_info(NULL,
				 "device %u: replaying the reports before the fixups (B: lines)",
				 devs[i].rec->index);
	}

	for (size_t i = 0; i < rp.n_devs; i++) {
		r = device_create(&rp, &devs[i]);
		if (r < 0)
			goto out;
	}
	if (rp.opt.evdev && devices_open_evdev(&rp) < 0)
		goto out;
	if (rp.opt.wait && wait_enter() < 0)
		goto out;
	if (replay(&rp) < 0)
		goto out;
	ret = 0;
out:
	for (size_t i = 0; i < rp.n_devs; i++) {
		evdev_nodes_close(&devs[i].nodes);
		/* the pinned attachment would outlive the device */
		if (devs[i].fixup_added && run_hidfix(&rp, &devs[i], "remove") < 0)
			ret = 1;
		uhid_device_free(devs[i].uhid);
	}
	return ret;
}
