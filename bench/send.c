// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-send: a recorder under load. Plugs the first device of a
 * recording in through /dev/uhid, starts COMMAND (a recorder writing to
 * OUT) with {hidraw} in its arguments replaced by the device's hidraw
 * node, waits until OUT holds the recorder's R: line, then sends RATE
 * reports per second for SECONDS seconds (the recording's E: reports in
 * turn, paced against the clock), waits a second, stops the recorder with
 * SIGINT and reads its resource use (wait4). Prints the reports sent,
 * the E: lines in OUT, how many were lost, the achieved send rate, the
 * recorder's CPU time per report and its peak RSS, then the sender's own
 * lateness: the largest number of reports due at once and how many
 * slots it skipped.
 *
 * A device sends one report per interval; it cannot send 10,000 at once.
 * When this process was not scheduled for a while (one emulated CPU,
 * shared), the reports due meanwhile would all arrive in one burst. Like
 * a device with a small FIFO, the sender sends at most MAX_BURST (8) of
 * them at once and skips the rest of the missed slots; the skipped slots
 * are counted, never written, and so never counted as lost.
 *
 *   bench-send [--rate N] [--seconds S] [--max-burst N] [--label TEXT] RECORDING OUT --
 *              COMMAND [ARG...]
 *
 * Needs root and /dev/uhid (exit 77 without); 1 when a report was lost.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"
#include "hid-device.h"
#include "log.h"
#include "recording.h"
#include "time-util.h"
#include "uhid.h"

#define WAIT_MS 20000

/* lines of f that start with prefix */
static long
count_lines(const char *path, const char *prefix)
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	char line[4096];
	long n = 0;
	bool at_start = true;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (at_start && !strncmp(line, prefix, strlen(prefix)))
			n++;
		at_start = strchr(line, '\n') != NULL;
	}
	return n;
}

static int
parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno || *end || end == s || !*out || *out > max ? -EINVAL : 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "rate", required_argument, NULL, 'r' },
		{ "seconds", required_argument, NULL, 's' },
		{ "label", required_argument, NULL, 'l' },
		{ "max-burst", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_(uhid_device_freep) struct uhid_device *uhid = NULL;
	struct hid_sysfs_state st = { 0 };
	const struct hid_recording_device *rdev;
	unsigned long rate = 8000, seconds = 10, sent = 0, total, n_ev = 0, max_burst = 8;
	unsigned long slot = 0, skipped = 0, most_due = 0;
	const char *label = "recorder", *out;
	char uniq[64], name[HID_NAME_MAX], dir[512], hidraw[64], node[80];
	const struct hid_recording_event **ev;
	struct rusage ru;
	uint64_t t0, t_end, wait0;
	char **cmd;
	long recorded;
	int c, status;
	pid_t pid;

	log_set_program("bench-send");
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (parse_ulong(optarg, 1000000, &rate) < 0)
				goto usage;
			break;
		case 's':
			if (parse_ulong(optarg, 3600, &seconds) < 0)
				goto usage;
			break;
		case 'l':
			label = optarg;
			break;
		case 'b':
			if (parse_ulong(optarg, 1000000, &max_burst) < 0)
				goto usage;
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind < 4 || strcmp(argv[optind + 2], "--"))
		goto usage;
	out = argv[optind + 1];
	cmd = argv + optind + 3;

	rec = bench_recording_open(argv[optind]);
	if (!rec)
		return 1;
	rdev = &rec->devices[0];
	ev = calloc(rdev->n_events + 1, sizeof(*ev));
	if (!ev)
		return 1;
	for (size_t i = 0; i < rdev->n_events; i++)
		if (!rdev->events[i].before_fixup)
			ev[n_ev++] = &rdev->events[i];
	if (!n_ev) {
		log_error(NULL, "%s: no E: report", argv[optind]);
		free(ev);
		return 1;
	}
	if (bench_need_uhid()) {
		free(ev);
		return BENCH_EXIT_SKIP;
	}

	if (uhid_make_uniq(uniq, sizeof(uniq)) < 0)
		goto fail;
	uhid = uhid_device_new(rdev, uniq);
	if (!uhid || hid_sysfs_wait_for_uniq(uniq, WAIT_MS, name, sizeof(name)) < 0)
		goto fail;
	snprintf(dir, sizeof(dir), HID_SYSFS "/%s", name);
	if (hid_sysfs_wait(dir, NULL, NULL, WAIT_MS, &st) < 0 ||
	    hid_sysfs_hidraw_name(dir, hidraw, sizeof(hidraw)) < 0) {
		hid_sysfs_state_clear(&st);
		log_error(name, "never bound with a hidraw node");
		goto fail;
	}
	hid_sysfs_state_clear(&st);
	snprintf(node, sizeof(node), "/dev/%s", hidraw);
	for (char **a = cmd; *a; a++)
		if (!strcmp(*a, "{hidraw}"))
			*a = node;

	unlink(out);
	pid = fork();
	if (pid < 0)
		goto fail;
	if (pid == 0) {
		execvp(cmd[0], cmd);
		fprintf(stderr, "bench-send: %s: %m\n", cmd[0]);
		_exit(127);
	}
	/* the recorder has opened the device when it has written the descriptor */
	for (wait0 = now_ms(); count_lines(out, "R:") < 1; sleep_ms(10)) {
		if (now_ms() - wait0 > WAIT_MS || waitpid(pid, &status, WNOHANG) == pid) {
			log_error(name, "%s never wrote its R: line to %s", cmd[0], out);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			goto fail;
		}
	}

	total = rate * seconds;
	t0 = now_usec();
	while (slot < total) {
		/* slots due by now; sleep to the next one when there is none */
		uint64_t due = (now_usec() - t0) * rate / 1000000 + 1;

		if (due > total)
			due = total;
		if (due > slot && due - slot > most_due)
			most_due = due - slot;
		if (due > slot + max_burst) {
			/* we were late: a device would not have sent these at once */
			skipped += due - slot - max_burst;
			slot = due - max_burst;
		}
		for (; slot < due; slot++, sent++) {
			const struct hid_recording_event *e = ev[slot % n_ev];

			if (uhid_device_send_input(uhid, e->data, e->len) < 0) {
				log_error(name, "UHID_INPUT2: %m");
				goto stop;
			}
		}
		sleep_usec(1000000 / rate);
	}
stop:
	t_end = now_usec();
	sleep_ms(1000);
	kill(pid, SIGINT);
	if (wait4(pid, &status, 0, &ru) < 0)
		goto fail;
	recorded = count_lines(out, "E:");
	{
		double cpu_us = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 +
				ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
		double secs = (t_end - t0) / 1e6;

		printf("%-16s %9lu %9ld %6ld %9.0f %9.2f %9.1f %8ld %8lu %8lu\n", label, sent,
		       recorded, (long)sent - recorded, sent / secs, cpu_us / 1e6,
		       sent ? cpu_us / sent : 0.0, ru.ru_maxrss, most_due, skipped);
	}
	free(ev);
	return recorded == (long)sent ? 0 : 1;

fail:
	free(ev);
	return 1;

usage:
	fprintf(stderr, "Usage: bench-send [--rate N] [--seconds S] [--max-burst N] [--label TEXT] "
			"RECORDING OUT -- COMMAND [ARG...]\n");
	return 2;
}
