// SPDX-License-Identifier: GPL-2.0-only
/*
 * uhid-plug: plug the first device of a recording in through /dev/uhid,
 * run a command while it is present, then unplug it. Nothing else: no
 * replay, no checks, so that udev (and whatever it starts) is the only one
 * acting on the device.
 *
 *   uhid-plug RECORDING PROGRAM [ARG...]
 *
 * PROGRAM runs with HIDFIX_TEST_NAME (the HID name, "0003:24AE:2015.0004")
 * and HIDFIX_TEST_DEVICE (its sysfs path) set; uhid-plug exits with its
 * status, 77 without root or /dev/uhid, 1 when the device does not appear.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/uhid.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "recording.h"

#define HID_SYSFS    "/sys/bus/hid/devices"
#define APPEAR_MS    10000
#define POLL_STEP_MS 20
#define EXIT_SKIP    77

extern char **environ;

DEFINE_TRIVIAL_CLEANUP_FUNC(DIR *, closedir)

static int
uhid_write(int fd, const struct uhid_event *ev)
{
	ssize_t n = write(fd, ev, sizeof(*ev));

	if (n < 0)
		return negative_errno();
	return n == sizeof(*ev) ? 0 : -EIO;
}

/* The HID device whose uevent says HID_UNIQ=uniq: 0, -ENOENT or -errno. */
static int
find_device(const char *uniq, char *name, size_t len)
{
	_cleanup_(closedirp) DIR *d = opendir(HID_SYSFS);
	char want[128];
	struct dirent *de;

	if (!d)
		return negative_errno();
	snprintf(want, sizeof(want), "HID_UNIQ=%s\n", uniq);
	while ((de = readdir(d))) {
		_cleanup_fclose_ FILE *f = NULL;
		char path[600], line[256];

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), HID_SYSFS "/%s/uevent", de->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			if (!strcmp(line, want)) {
				snprintf(name, len, "%s", de->d_name);
				return 0;
			}
		}
	}
	return -ENOENT;
}

/* Answer what the kernel asks the device (nothing needs an answer here). */
static void
drain(int fd)
{
	struct uhid_event ev;

	while (read(fd, &ev, sizeof(ev)) > 0)
		;
}

int
main(int argc, char **argv)
{
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	struct uhid_event ev = { .type = UHID_CREATE2 };
	const struct hid_recording_device *dev;
	_cleanup_close_ int fd = -1;
	char err[256], uniq[64], name[256] = "", syspath[512];
	unsigned char token[8];
	pid_t pid;
	int r, status, waited = 0;

	log_set_program("uhid-plug");
	if (argc < 3) {
		fprintf(stderr, "Usage: uhid-plug RECORDING PROGRAM [ARG...]\n");
		return 2;
	}
	rec = hid_recording_parse_file(argv[1], err, sizeof(err));
	if (!rec) {
		log_error(NULL, "%s", err);
		return 1;
	}
	if (!rec->n_devices) {
		log_error(NULL, "%s: no device", argv[1]);
		return 1;
	}
	dev = &rec->devices[0];
	fd = open("/dev/uhid", O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		log_info(NULL, "/dev/uhid: %s: skipped", strerror(errno));
		return EXIT_SKIP;
	}
	if (getrandom(token, sizeof(token), 0) != sizeof(token)) {
		log_error(NULL, "getrandom: %s", strerror(errno));
		return 1;
	}
	snprintf(uniq, sizeof(uniq), "hidfix-plug-%02x%02x%02x%02x%02x%02x%02x%02x", token[0],
		 token[1], token[2], token[3], token[4], token[5], token[6], token[7]);
	snprintf((char *)ev.u.create2.name, sizeof(ev.u.create2.name), "%s",
		 dev->name ? dev->name : "hidfix uhid-plug device");
	snprintf((char *)ev.u.create2.uniq, sizeof(ev.u.create2.uniq), "%s", uniq);
	ev.u.create2.bus = dev->has_ids ? dev->bus : 3;
	ev.u.create2.vendor = dev->vid;
	ev.u.create2.product = dev->pid;
	if (dev->rdesc_len > sizeof(ev.u.create2.rd_data)) {
		log_error(NULL, "%s: descriptor too long", argv[1]);
		return 1;
	}
	ev.u.create2.rd_size = dev->rdesc_len;
	memcpy(ev.u.create2.rd_data, dev->rdesc, dev->rdesc_len);
	r = uhid_write(fd, &ev);
	if (r < 0) {
		log_error(NULL, "UHID_CREATE2: %s", strerror(-r));
		return 1;
	}

	while ((r = find_device(uniq, name, sizeof(name))) == -ENOENT && waited < APPEAR_MS) {
		drain(fd);
		usleep(POLL_STEP_MS * 1000);
		waited += POLL_STEP_MS;
	}
	if (r < 0) {
		log_error(NULL, "the device %s did not appear in " HID_SYSFS ": %s", uniq,
			  strerror(-r));
		return 1;
	}
	snprintf(syspath, sizeof(syspath), HID_SYSFS "/%s", name);
	log_info(name, "plugged in (%s)", uniq);
	if (setenv("HIDFIX_TEST_NAME", name, 1) < 0 || setenv("HIDFIX_TEST_DEVICE", syspath, 1) < 0)
		return 1;
	r = posix_spawn(&pid, argv[2], NULL, NULL, argv + 2, environ);
	if (r != 0) {
		log_error(NULL, "%s: %s", argv[2], strerror(r));
		status = 1 << 8;
	} else {
		for (;;) {
			struct pollfd p = { .fd = fd, .events = POLLIN };
			pid_t w = waitpid(pid, &status, WNOHANG);

			if (w == pid)
				break;
			if (w < 0 && errno != EINTR) {
				status = 1 << 8;
				break;
			}
			if (poll(&p, 1, POLL_STEP_MS) > 0)
				drain(fd);
		}
	}

	ev = (struct uhid_event){ .type = UHID_DESTROY };
	r = uhid_write(fd, &ev);
	if (r < 0)
		log_error(name, "UHID_DESTROY: %s", strerror(-r));
	else
		log_info(name, "unplugged");
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 1;
}
