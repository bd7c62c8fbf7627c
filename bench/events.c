// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-events: input reports per second from /dev/uhid to evdev, with
 * and without an event fixup. Plugs the first device of a recording in,
 * optionally attaches OBJ in this process (loader_attach(), as `hidfix
 * add`) and waits for the re-probe, opens the device's first evdev node,
 * then writes N reports (UHID_INPUT2), alternating the recording's first
 * two E: reports so that each one changes state and gives one SYN_REPORT,
 * while a thread drains the evdev node and counts the SYN_REPORTs. The
 * writer keeps at most WINDOW reports ahead of the reader so that evdev's
 * client buffer never overflows. Reports the wall time until the last
 * SYN_REPORT was read, and the rate.
 *
 *   bench-events [--object OBJ] [--reports N] [--label TEXT] [--prog-stats] RECORDING
 *   bench-events --object OBJ --paired ROUNDS [--reports N] RECORDING
 *
 * --paired plugs the device in twice, attaches OBJ to the second one only,
 * and sends N reports to each in ROUNDS alternating rounds (bare, fixed,
 * bare, ...), so that the load of a shared machine hits both alike; it
 * prints each round, the totals and the median of the per-round ratios.
 *
 * --prog-stats prints the run count and mean run time of OBJ's programs
 * (needs kernel.bpf_stats_enabled=1, which slows every program a little).
 *
 * Needs root and /dev/uhid (exit 77 without); 1 when evdev dropped events.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/input.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "bench-util.h"
#include "fixup-object.h"
#include "hid-device.h"
#include "loader.h"
#include "log.h"
#include "recording.h"
#include "time-util.h"
#include "uhid.h"

#define WINDOW	8
#define WAIT_MS 20000

struct reader {
	int fd;
	unsigned long want;
	atomic_ulong frames;
	atomic_bool dropped;
	unsigned long events; /* other than EV_SYN */
	uint64_t done_us;
};

static void *
reader_run(void *arg)
{
	struct reader *rd = arg;
	struct input_event ev[256];

	while (atomic_load(&rd->frames) < rd->want) {
		ssize_t n = read(rd->fd, ev, sizeof(ev));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			atomic_store(&rd->dropped, true);
			break;
		}
		for (size_t i = 0; i < (size_t)n / sizeof(ev[0]); i++) {
			if (ev[i].type != EV_SYN) {
				rd->events++;
				continue;
			}
			if (ev[i].code == SYN_DROPPED) {
				atomic_store(&rd->dropped, true);
				rd->done_us = now_usec();
				return NULL;
			}
			if (ev[i].code == SYN_REPORT)
				atomic_fetch_add(&rd->frames, 1);
		}
	}
	rd->done_us = now_usec();
	return NULL;
}

/*
 * With kernel.bpf_stats_enabled=1: the run count and time of the loaded
 * struct_ops programs of obj that ran (matched by name, which the kernel
 * cuts to 15 bytes).
 */
static void
print_prog_stats(const struct fixup_object *obj)
{
	__u32 id = 0;

	while (bpf_prog_get_next_id(id, &id) == 0) {
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);
		int fd = bpf_prog_get_fd_by_id(id);

		if (fd < 0)
			continue;
		if (bpf_prog_get_info_by_fd(fd, &info, &len) == 0 &&
		    info.type == BPF_PROG_TYPE_STRUCT_OPS && info.run_cnt) {
			for (size_t i = 0; i < obj->n_programs; i++) {
				if (strncmp(obj->programs[i].name, info.name,
					    sizeof(info.name) - 1))
					continue;
				printf("# program %s (id %u): %llu runs, %.0f ns per run\n",
				       info.name, id, (unsigned long long)info.run_cnt,
				       (double)info.run_time_ns / info.run_cnt);
				break;
			}
		}
		close(fd);
	}
}

static bool
rdesc_changed(const struct hid_sysfs_state *s, void *data)
{
	const struct hid_recording_device *dev = data;

	return s->rdesc_len != dev->rdesc_len || memcmp(s->rdesc, dev->rdesc, dev->rdesc_len);
}

/* One plugged-in copy of the recorded device and its first evdev node. */
struct bench_dev {
	struct uhid_device *uhid;
	char name[HID_NAME_MAX];
	int fd;
};

static void
bench_dev_clear(struct bench_dev *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
	uhid_device_free(d->uhid);
	d->uhid = NULL;
}

/*
 * Plug rdev in; with obj, attach it in this process and wait for the
 * re-probe. 0, or -errno after logging why.
 */
static int
bench_dev_setup(struct bench_dev *d, const struct hid_recording_device *rdev,
		const struct fixup_object *obj)
{
	struct hid_sysfs_state st = { 0 };
	char uniq[64], dir[512];
	int r;

	d->fd = -1;
	if ((r = uhid_make_uniq(uniq, sizeof(uniq))) < 0)
		return r;
	d->uhid = uhid_device_new(rdev, uniq);
	if (!d->uhid)
		return -errno;
	if ((r = hid_sysfs_wait_for_uniq(uniq, WAIT_MS, d->name, sizeof(d->name))) < 0)
		return r;
	snprintf(dir, sizeof(dir), HID_SYSFS "/%s", d->name);
	if (hid_sysfs_wait(dir, NULL, NULL, WAIT_MS, &st) < 0) {
		log_error(d->name, "never bound");
		return -ETIMEDOUT;
	}
	if (obj) {
		_cleanup_(hid_device_freep) struct hid_device_info *dev = hid_device_open(d->name);
		struct loader_options opts = { 0 };
		enum loader_result res;

		if (!dev)
			return -errno;
		r = loader_attach(dev, obj, &opts, &res);
		if (r < 0 || res != LOADER_ATTACHED) {
			log_error(d->name, "%s was not attached", obj->name);
			hid_sysfs_state_clear(&st);
			return r < 0 ? r : -EINVAL;
		}
		/* a descriptor fixup re-probes the device: wait for the new nodes */
		if (hid_sysfs_wait(dir, rdesc_changed, (void *)rdev, WAIT_MS, &st) < 0)
			log_info(d->name,
				 "descriptor unchanged after attaching: an event-only fixup");
	}
	hid_sysfs_state_clear(&st);
	return 0;
}

/* Open d's first evdev node (just before its first round). 0 or -errno. */
static int
bench_dev_open(struct bench_dev *d)
{
	_cleanup_free_ struct hid_event_node_ref *nodes = NULL;
	char dir[512], node[64];
	size_t n_nodes = 0;
	int r;

	snprintf(dir, sizeof(dir), HID_SYSFS "/%s", d->name);
	if (hid_sysfs_list_event_nodes(dir, &nodes, &n_nodes) < 0 || !n_nodes) {
		log_error(d->name, "no evdev node");
		return -ENODEV;
	}
	snprintf(node, sizeof(node), "/dev/input/event%u", nodes[0].event_nr);
	d->fd = open(node, O_RDONLY | O_CLOEXEC);
	if (d->fd < 0) {
		r = -errno;
		log_error(d->name, "%s: %s", node, strerror(-r));
		return r;
	}
	return 0;
}

/*
 * Send n reports to d, alternating e[0] and e[1], while a thread reads
 * the frames. *secs: from the first write to the last frame read; *events:
 * the non-SYN events read. 0, or -errno after logging why.
 */
static int
bench_dev_round(struct bench_dev *d, const struct hid_recording_event *const e[2], unsigned long n,
		double *secs, unsigned long *events)
{
	struct reader rd = { .fd = d->fd, .want = n };
	pthread_t thread;
	uint64_t t0;
	int r = 0;

	if (pthread_create(&thread, NULL, reader_run, &rd)) {
		log_error(NULL, "pthread_create failed");
		return -EAGAIN;
	}
	t0 = now_usec();
	for (unsigned long i = 0; i < n; i++) {
		const struct hid_recording_event *ev = e[i & 1];

		while (i - atomic_load(&rd.frames) >= WINDOW && !atomic_load(&rd.dropped))
			sched_yield();
		if (atomic_load(&rd.dropped))
			break;
		r = uhid_device_send_input(d->uhid, ev->data, ev->len);
		if (r < 0) {
			log_error(d->name, "UHID_INPUT2: %s", strerror(-r));
			/* the reader waits for frames that will not come */
			pthread_cancel(thread);
			break;
		}
	}
	pthread_join(thread, NULL);
	if (r < 0)
		return r;
	if (atomic_load(&rd.dropped) || atomic_load(&rd.frames) != n) {
		log_error(d->name, "read %lu of %lu frames%s", atomic_load(&rd.frames), n,
			  atomic_load(&rd.dropped) ? " (SYN_DROPPED)" : "");
		return -EIO;
	}
	*secs = (rd.done_us - t0) / 1e6;
	*events = rd.events;
	return 0;
}

static void
print_row(const char *label, unsigned long reports, unsigned long events, double s)
{
	printf("%-28s %10lu %9.2f %10.2f %12.0f %10.2f\n", label, reports, (double)events / reports,
	       s, reports / s, s * 1e6 / reports);
}

static int
double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* --paired: bare and fixed copies in alternating rounds. Exit status. */
static int
run_paired(const struct hid_recording_device *rdev, const struct hid_recording_event *const e[2],
	   const struct fixup_object *obj, unsigned long reports, unsigned rounds)
{
	struct bench_dev bare = { .fd = -1 }, fixed = { .fd = -1 };
	_cleanup_free_ double *ratio = calloc(rounds, sizeof(*ratio));
	double total[2] = { 0, 0 };
	unsigned long per_round = reports / rounds;
	char label[64];
	int rc = 1;

	if (!ratio || bench_dev_setup(&bare, rdev, NULL) < 0 ||
	    bench_dev_setup(&fixed, rdev, obj) < 0 || bench_dev_open(&bare) < 0 ||
	    bench_dev_open(&fixed) < 0)
		goto out;
	for (unsigned k = 0; k < rounds; k++) {
		double s[2];
		unsigned long ev[2];

		if (bench_dev_round(&bare, e, per_round, &s[0], &ev[0]) < 0 ||
		    bench_dev_round(&fixed, e, per_round, &s[1], &ev[1]) < 0)
			goto out;
		snprintf(label, sizeof(label), "no fixup (round %u)", k + 1);
		print_row(label, per_round, ev[0], s[0]);
		snprintf(label, sizeof(label), "event fixup (round %u)", k + 1);
		print_row(label, per_round, ev[1], s[1]);
		total[0] += s[0];
		total[1] += s[1];
		ratio[k] = s[1] / s[0];
	}
	qsort(ratio, rounds, sizeof(*ratio), double_cmp);
	printf("totals: %lu reports each in %u alternating rounds: no fixup %.2f s, with the fixup "
	       "%.2f s: %+.1f%%; median of the round ratios %+.1f%% (min %+.1f%%, max %+.1f%%)\n",
	       per_round * rounds, rounds, total[0], total[1], (total[1] / total[0] - 1) * 100,
	       (ratio[rounds / 2] - 1) * 100, (ratio[0] - 1) * 100, (ratio[rounds - 1] - 1) * 100);
	rc = 0;
out:
	bench_dev_clear(&bare);
	bench_dev_clear(&fixed);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "object", required_argument, NULL, 'o' },
		{ "reports", required_argument, NULL, 'n' },
		{ "label", required_argument, NULL, 'l' },
		{ "prog-stats", no_argument, NULL, 's' },
		{ "paired", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_(fixup_object_freep) struct fixup_object *obj = NULL;
	struct bench_dev d = { .fd = -1 };
	const struct hid_recording_device *rdev;
	const struct hid_recording_event *e[2] = { NULL, NULL };
	const char *object = NULL, *label = NULL;
	unsigned long reports = 1000000, rounds = 0, events;
	bool prog_stats = false;
	double secs;
	int c, r;

	log_set_program("bench-events");
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 'o':
			object = optarg;
			break;
		case 'n':
			errno = 0;
			reports = strtoul(optarg, &end, 10);
			if (errno || *end || !reports || reports > 1000000000)
				goto usage;
			break;
		case 'l':
			label = optarg;
			break;
		case 's':
			prog_stats = true;
			break;
		case 'p':
			errno = 0;
			rounds = strtoul(optarg, &end, 10);
			if (errno || *end || !rounds || rounds > 10000)
				goto usage;
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc - 1 || (rounds && (!object || prog_stats || reports < rounds)))
		goto usage;
	rec = bench_recording_open(argv[optind]);
	if (!rec)
		return 1;
	rdev = &rec->devices[0];
	for (size_t i = 0, k = 0; i < rdev->n_events && k < 2; i++)
		if (!rdev->events[i].before_fixup)
			e[k++] = &rdev->events[i];
	if (!e[1]) {
		log_error(NULL, "%s: needs two E: reports", argv[optind]);
		return 1;
	}
	if (bench_need_uhid())
		return BENCH_EXIT_SKIP;
	if (object && !(obj = bench_object_open(object)))
		return 1;
	if (rounds)
		return run_paired(rdev, e, obj, reports, rounds);

	r = bench_dev_setup(&d, rdev, obj);
	if (r == 0)
		r = bench_dev_open(&d);
	if (r == 0)
		r = bench_dev_round(&d, e, reports, &secs, &events);
	bench_dev_clear(&d);
	if (r < 0)
		return 1;
	print_row(label ? label : obj ? obj->name : "none", reports, events, secs);
	if (obj && prog_stats)
		print_prog_stats(obj);
	return 0;

usage:
	fprintf(stderr,
		"Usage: bench-events [--object OBJ] [--reports N] [--label TEXT] [--prog-stats] "
		"RECORDING\n"
		"       bench-events --object OBJ --paired ROUNDS [--reports N] RECORDING\n");
	return 2;
}
