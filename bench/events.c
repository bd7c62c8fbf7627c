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

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "object", required_argument, NULL, 'o' },
		{ "reports", required_argument, NULL, 'n' },
		{ "label", required_argument, NULL, 'l' },
		{ "prog-stats", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_(fixup_object_freep) struct fixup_object *obj = NULL;
	_cleanup_(uhid_device_freep) struct uhid_device *uhid = NULL;
	_cleanup_free_ struct hid_event_node_ref *nodes = NULL;
	struct hid_sysfs_state st = { 0 };
	struct reader rd = { .fd = -1 };
	const struct hid_recording_device *rdev;
	const struct hid_recording_event *e[2] = { NULL, NULL };
	const char *object = NULL, *label = NULL;
	unsigned long reports = 1000000;
	bool prog_stats = false;
	char uniq[64], name[HID_NAME_MAX], dir[512], node[64];
	size_t n_nodes = 0;
	pthread_t thread;
	uint64_t t0;
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
		default:
			goto usage;
		}
	}
	if (optind != argc - 1)
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

	if (uhid_make_uniq(uniq, sizeof(uniq)) < 0)
		return 1;
	uhid = uhid_device_new(rdev, uniq);
	if (!uhid || hid_sysfs_wait_for_uniq(uniq, WAIT_MS, name, sizeof(name)) < 0)
		return 1;
	snprintf(dir, sizeof(dir), HID_SYSFS "/%s", name);
	if (hid_sysfs_wait(dir, NULL, NULL, WAIT_MS, &st) < 0) {
		log_error(name, "never bound");
		return 1;
	}
	if (obj) {
		_cleanup_(hid_device_freep) struct hid_device_info *dev = hid_device_open(name);
		struct loader_options opts = { 0 };
		enum loader_result res;

		if (!dev)
			return 1;
		r = loader_attach(dev, obj, &opts, &res);
		if (r < 0 || res != LOADER_ATTACHED) {
			log_error(name, "%s was not attached", obj->name);
			return 1;
		}
		/* a descriptor fixup re-probes the device: wait for the new nodes */
		if (hid_sysfs_wait(dir, rdesc_changed, (void *)rdev, WAIT_MS, &st) < 0)
			log_info(name, "descriptor unchanged after attaching: an event-only fixup");
	}
	hid_sysfs_state_clear(&st);
	if (hid_sysfs_list_event_nodes(dir, &nodes, &n_nodes) < 0 || !n_nodes) {
		log_error(name, "no evdev node");
		return 1;
	}
	snprintf(node, sizeof(node), "/dev/input/event%u", nodes[0].event_nr);
	rd.fd = open(node, O_RDONLY | O_CLOEXEC);
	if (rd.fd < 0) {
		log_error(name, "%s: %m", node);
		return 1;
	}
	rd.want = reports;
	if (pthread_create(&thread, NULL, reader_run, &rd)) {
		log_error(NULL, "pthread_create failed");
		return 1;
	}

	t0 = now_usec();
	for (unsigned long i = 0; i < reports; i++) {
		const struct hid_recording_event *ev = e[i & 1];

		while (i - atomic_load(&rd.frames) >= WINDOW && !atomic_load(&rd.dropped))
			sched_yield();
		if (atomic_load(&rd.dropped))
			break;
		r = uhid_device_send_input(uhid, ev->data, ev->len);
		if (r < 0) {
			log_error(name, "UHID_INPUT2: %s", strerror(-r));
			break;
		}
	}
	pthread_join(thread, NULL);
	close(rd.fd);
	if (atomic_load(&rd.dropped) || atomic_load(&rd.frames) != reports) {
		log_error(name, "read %lu of %lu frames%s", atomic_load(&rd.frames), reports,
			  atomic_load(&rd.dropped) ? " (SYN_DROPPED)" : "");
		return 1;
	}
	{
		double s = (rd.done_us - t0) / 1e6;

		printf("%-28s %10lu %9.2f %10.2f %12.0f %10.2f\n",
		       label ? label
		       : obj ? obj->name
			     : "none",
		       reports, (double)rd.events / reports, s, reports / s, s * 1e6 / reports);
	}
	if (obj && prog_stats)
		print_prog_stats(obj);
	return 0;

usage:
	fprintf(stderr,
		"Usage: bench-events [--object OBJ] [--reports N] [--label TEXT] [--prog-stats] "
		"RECORDING\n");
	return 2;
}
