// SPDX-License-Identifier: GPL-2.0-only
/*
 * replay-check: the real-kernel proof of a fixup. It creates the recorded
 * device through /dev/uhid, replays its reports and checks what evdev
 * emits; with --fixup it attaches the fixup through the hidfix loader,
 * checks the kernel's fixed report descriptor and the events again, then
 * removes the fixup and checks that the device is back to the original.
 * With --native MODULE the kernel's own driver binds the device instead of
 * hid-generic (the module is loaded, the binding checked); with
 * --compare-native MODULE the recording is replayed with both, and what
 * differs (descriptor bytes, input nodes, events) is printed.
 *
 * Event output (one line per evdev event, no timestamps):
 *
 *   # report N            before the events of the N-th E: line (1-based)
 *   ## <node name>        which input node the following lines come from
 *   EV_KEY BTN_LEFT 1     type, code and value (numbers when libevdev
 *                         does not know a name)
 *   EV_SYN SYN_REPORT 0
 *
 * After each report the events of all nodes are collected until no event
 * has arrived for --quiet-ms and no frame is open, and printed node by node
 * in a deterministic order: by input device name, then by input number.
 * Empty frames and key repeats (EV_KEY value 2, timer driven) are not
 * printed, and the repeat frames do not count as events for --quiet-ms: a
 * key held across reports keeps the kernel's repeat timer running, and
 * the replay must still move on (see lib/evdev-capture.h). Comparisons ignore empty lines and lines starting with "##".
 *
 * Requests the kernel sends the device (UHID_OUTPUT, UHID_SET_REPORT,
 * UHID_GET_REPORT, one line each as uhid_device_request_lines() writes
 * them) can be checked with --expect-requests: with --fixup those from
 * `hidfix add` until the fixed events are replayed (a fixup's probe or
 * hooks sending reports), without it those of the whole run.
 *
 * Exit: 0 every check passed, 1 a check failed or an error, 2 usage,
 * 77 skipped (no /dev/uhid or not root).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <linux/uhid.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libevdev/libevdev.h>

#include "evdev-capture.h"
#include "hex.h"
#include "log.h"
#include "macros.h"
#include "process.h"
#include "recording.h"
#include "strv.h"
#include "uhid.h"
#include "usb-gadget.h"

#define EXIT_USAGE 2
#define EXIT_SKIP  77

#define TIMEOUT_CREATE_MS  20000
#define TIMEOUT_REPROBE_MS 30000
#define TIMEOUT_LOADER_MS  60000
#define TIMEOUT_FRAME_MS   5000

/* the kernel's MODULE_NAME_LEN on 64-bit, with the NUL */
#define MODULE_NAME_MAX 56

/* ------------------------------------------------------------------ */
/* small helpers */

static int
parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end = NULL;
	unsigned long v;

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || !end || *end != '\0')
		return -EINVAL;
	if (v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

/* Split text into lines: '\r' and trailing blanks removed, empty lines and
 * lines starting with "##" skipped. */
static int
lines_from_text(const char *buf, size_t len, struct strv *out)
{
	size_t pos = 0;

	while (pos < len) {
		const char *l = buf + pos, *nl = memchr(l, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - l) : len - pos;
		int r;

		pos += llen + (nl ? 1 : 0);
		while (llen > 0 &&
		       (l[llen - 1] == '\r' || l[llen - 1] == ' ' || l[llen - 1] == '\t'))
			llen--;
		if (llen == 0 || (llen >= 2 && l[0] == '#' && l[1] == '#'))
			continue;
		r = strv_push(out, strndup(l, llen));
		if (r < 0)
			return r;
	}
	return 0;
}

static int
lines_from_file(const char *path, struct strv *out)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int r;

	r = hid_file_read_all(path, 256u * 1024 * 1024, &buf, &len);
	if (r < 0)
		return r;
	if (memchr(buf, '\0', len))
		return -EINVAL;
	return lines_from_text(buf, len, out);
}

/* The lines of s that take part in a comparison. */
static int
lines_filtered(const struct strv *s, struct strv *out)
{
	for (size_t i = 0; i < s->n; i++) {
		int r = lines_from_text(s->v[i], strlen(s->v[i]), out);

		if (r < 0)
			return r;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* line diff: LCS over the differing middle, printed as unified hunks */

#define DIFF_CONTEXT	3
#define DIFF_MAX_CELLS	(8u * 1024 * 1024)
#define DIFF_MAX_OUTPUT 300

struct diff_op {
	char kind; /* ' ', '-', '+' */
	const char *line;
	size_t a, b; /* 0-based positions in a and b before this op */
};

static int
diff_ops(const struct strv *a, const struct strv *b, struct diff_op **out, size_t *nout)
{
	_cleanup_free_ struct diff_op *ops = NULL;
	_cleanup_free_ uint32_t *lcs = NULL;
	size_t pre = 0, suf = 0, n, m, k = 0, i, j;
	bool full_lcs;

	while (pre < a->n && pre < b->n && strcmp(a->v[pre], b->v[pre]) == 0)
		pre++;
	while (suf < a->n - pre && suf < b->n - pre &&
	       strcmp(a->v[a->n - 1 - suf], b->v[b->n - 1 - suf]) == 0)
		suf++;
	n = a->n - pre - suf;
	m = b->n - pre - suf;

	ops = calloc(a->n + b->n + 1, sizeof(*ops));
	if (!ops)
		return -ENOMEM;

	full_lcs = n > 0 && m > 0 && (n + 1) * (m + 1) <= DIFF_MAX_CELLS;
	if (full_lcs) {
		/* lcs[i][j]: LCS length of a[pre+i..] and b[pre+j..] within the middle */
		lcs = calloc((n + 1) * (m + 1), sizeof(*lcs));
		if (!lcs)
			return -ENOMEM;
		for (i = n; i-- > 0;)
			for (j = m; j-- > 0;)
				lcs[i * (m + 1) + j] =
					strcmp(a->v[pre + i], b->v[pre + j]) == 0
						? lcs[(i + 1) * (m + 1) + j + 1] + 1
					: lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]
						? lcs[(i + 1) * (m + 1) + j]
						: lcs[i * (m + 1) + j + 1];
	}

	for (i = 0; i < pre; i++)
		ops[k++] = (struct diff_op){ ' ', a->v[i], i, i };
	i = 0;
	j = 0;
	while (i < n || j < m) {
		size_t ai = pre + i, bj = pre + j;

		if (full_lcs && i < n && j < m && strcmp(a->v[ai], b->v[bj]) == 0) {
			ops[k++] = (struct diff_op){ ' ', a->v[ai], ai, bj };
			i++;
			j++;
		} else if (i < n && (j == m || !full_lcs ||
				     lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])) {
			ops[k++] = (struct diff_op){ '-', a->v[ai], ai, bj };
			i++;
		} else {
			ops[k++] = (struct diff_op){ '+', b->v[bj], ai, bj };
			j++;
		}
	}
	for (size_t s = 0; s < suf; s++)
		ops[k++] = (struct diff_op){ ' ', a->v[pre + n + s], pre + n + s, pre + m + s };

	*nout = k;
	*out = steal_pointer(&ops);
	return 0;
}

/* Print a unified diff of a (expected) and b (observed); returns the number
 * of differing lines (0: equal). */
static size_t
diff_print(FILE *f, const char *label_a, const struct strv *a, const char *label_b,
	   const struct strv *b)
{
	_cleanup_free_ struct diff_op *ops = NULL;
	size_t nops = 0, changes = 0, printed = 0, i = 0;

	if (diff_ops(a, b, &ops, &nops) < 0) {
		fprintf(f, "(out of memory computing the diff)\n");
		return 1;
	}
	for (size_t x = 0; x < nops; x++)
		if (ops[x].kind != ' ')
			changes++;
	if (changes == 0)
		return 0;

	fprintf(f, "--- %s\n+++ %s\n", label_a, label_b);
	while (i < nops) {
		size_t start, end, na = 0, nb = 0;

		while (i < nops && ops[i].kind == ' ')
			i++;
		if (i == nops)
			break;
		start = i > DIFF_CONTEXT ? i - DIFF_CONTEXT : 0;
		/* extend while the next change is within 2 * context */
		end = i;
		for (;;) {
			size_t next = end;

			while (next < nops && ops[next].kind != ' ')
				next++;
			end = next;
			while (next < nops && ops[next].kind == ' ' &&
			       next - end < 2 * DIFF_CONTEXT)
				next++;
			if (next < nops && ops[next].kind != ' ' && next - end <= 2 * DIFF_CONTEXT)
				end = next;
			else
				break;
		}
		end = end + DIFF_CONTEXT < nops ? end + DIFF_CONTEXT : nops;
		for (size_t x = start; x < end; x++) {
			if (ops[x].kind != '+')
				na++;
			if (ops[x].kind != '-')
				nb++;
		}
		fprintf(f, "@@ -%zu,%zu +%zu,%zu @@\n", ops[start].a + 1, na, ops[start].b + 1, nb);
		for (size_t x = start; x < end; x++) {
			if (printed++ >= DIFF_MAX_OUTPUT) {
				fprintf(f, "... (diff cut after %d lines; %zu lines differ)\n",
					DIFF_MAX_OUTPUT, changes);
				return changes;
			}
			fprintf(f, "%c%s\n", ops[x].kind, ops[x].line);
		}
		i = end;
	}
	return changes;
}

/* ------------------------------------------------------------------ */
/* options and the run */

struct options {
	const char *hidfix;
	const char **fixups;
	size_t n_fixups;
	bool auto_match; /* hidfix add DEVICE without objects */
	const char *dump_original_events;
	const char *expect_rdesc;
	const char *expect_events;
	const char *expect_original_events;
	const char *dump_events;
	const char *dump_rdesc;
	const char *expect_requests;
	const char *dump_requests;
	const char *run; /* program run once the device is bound */
	bool no_remove;
	bool no_reprobe;
	bool verbose;
	bool ignore_special;
	const char *native;	/* module of the native driver to bind the device */
	bool compare_native;	/* replay with hid-generic and native, show both */
	bool oracle;		/* native vs hid-generic + fixup, must be equal */
	bool oracle_rdesc_only; /* only the descriptors must be equal */
	unsigned device_index;
	bool has_device_index;
	unsigned quiet_ms;
	int usb_interface; /* >= 0: native runs on a USB gadget, this interface */
	const char *recording;
};

struct ctx {
	struct options opt;
	const struct hid_recording_device *dev;
	struct uhid_device *uhid;
	struct usb_gadget_hid *gadget; /* instead of uhid, for native runs with --usb-interface */
	char uniq[64];
	char sysname[256];
	char hid_dir[PATH_MAX];
	uint8_t *orig_rdesc; /* as the kernel shows it before any fixup */
	size_t orig_rdesc_len;
	uint8_t *expect_rdesc;
	size_t expect_rdesc_len;
	struct strv expect_events;
	struct strv expect_original_events;
	struct strv expect_requests;
	size_t first_request; /* uhid requests before this one are not checked */
	char failed[512];
	char saved_ignore_special[16];
	bool restore_ignore_special;
	char module[MODULE_NAME_MAX]; /* opt.native as in /sys/module */
	bool unload_module;	      /* we loaded it */
	bool native_phase;	      /* this device must bind to the module */
	char driver[256];	      /* bound to the device, from sysfs */
	char driver_module[256];
};

static void
fail(struct ctx *c, const char *check)
{
	size_t len = strlen(c->failed);

	snprintf(c->failed + len, sizeof(c->failed) - len, "%s%s", len ? ", " : "", check);
}

enum wait_goal {
	WAIT_BOUND,    /* bound, nodes exist and are stable */
	WAIT_REPROBED, /* and re-probed: descriptor or node identity changed */
	WAIT_ORIGINAL, /* and the descriptor is the original one again */
};

static bool
rdesc_is_original(const struct ctx *c, const struct hid_sysfs_state *s)
{
	return s->rdesc && s->rdesc_len == c->orig_rdesc_len &&
	       memcmp(s->rdesc, c->orig_rdesc, s->rdesc_len) == 0;
}

static const char *
goal_text(enum wait_goal goal)
{
	switch (goal) {
	case WAIT_BOUND:
		return "to be bound with its input nodes";
	case WAIT_REPROBED:
		return "to be re-probed with the fixup";
	case WAIT_ORIGINAL:
		return "to be re-probed with its original report descriptor";
	}
	return "";
}

struct wait_data {
	const struct ctx *c;
	enum wait_goal goal;
	const char *prev_ident;
};

static bool
wait_accept(const struct hid_sysfs_state *state, void *data)
{
	const struct wait_data *w = data;

	if (w->goal == WAIT_REPROBED)
		return !rdesc_is_original(w->c, state) ||
		       (w->prev_ident && strcmp(w->prev_ident, state->ident) != 0);
	if (w->goal == WAIT_ORIGINAL)
		return rdesc_is_original(w->c, state);
	return true;
}

/*
 * Wait until goal holds and the set of nodes has not changed for the
 * stability period. prev_ident is the node identity before the change
 * (WAIT_REPROBED). On success *state holds the final state.
 */
static int
wait_for_device(struct ctx *c, enum wait_goal goal, const char *prev_ident, unsigned timeout_ms,
		struct hid_sysfs_state *state)
{
	struct wait_data w = { c, goal, prev_ident };
	int r;

	r = hid_sysfs_wait(c->hid_dir, wait_accept, &w, timeout_ms, state);
	if (r == -ETIMEDOUT)
		log_error(c->sysname,
			  "timed out after %u s waiting for the device %s "
			  "(driver: %s, event nodes: %zu, hidraw: %s, report_descriptor: "
			  "%s)%s",
			  timeout_ms / 1000, goal_text(goal), state->bound ? "bound" : "none",
			  state->n_event, state->has_hidraw ? "yes" : "no",
			  !state->rdesc			? "unreadable"
			  : rdesc_is_original(c, state) ? "original"
							: "changed",
			  state->bound	    ? ""
			  : c->native_phase ? "; the native driver did not bind it"
					    : "; a special driver may claim this id: "
					      "try --ignore-special-drivers");
	return r;
}

/* --- capabilities and merged events (the oracle's per-device view) --- */

static int
strv_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort s and drop repeated lines. */
static void
strv_sort_unique(struct strv *s)
{
	size_t k = 0;

	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof(*s->v), strv_cmp);
	for (size_t i = 1; i < s->n; i++) {
		if (strcmp(s->v[k], s->v[i]) == 0) {
			free(s->v[i]);
			continue;
		}
		s->v[++k] = s->v[i];
	}
	s->n = k + 1;
}

/*
 * One line per capability of an event node: "INPUT_PROP_POINTER",
 * "EV_KEY KEY_A", "EV_ABS ABS_X min 0 max 255 fuzz 0 flat 0 res 0" (the
 * axis range is part of the capability). Names are numbers where libevdev
 * knows none; the EV_SYN codes every node has are left out.
 */
static int
caps_lines(struct libevdev *dev, struct strv *out)
{
	int r = 0;

	for (unsigned p = 0; r == 0 && p <= INPUT_PROP_MAX; p++) {
		const char *name = libevdev_property_get_name(p);

		if (!libevdev_has_property(dev, p))
			continue;
		r = name ? strv_push(out, strdup(name)) : strv_pushf(out, "INPUT_PROP_%u", p);
	}
	for (unsigned t = EV_SYN + 1; r == 0 && t <= EV_MAX; t++) {
		const char *tname = libevdev_event_type_get_name(t);
		int max = libevdev_event_type_get_max(t);
		char tbuf[16];

		if (!libevdev_has_event_type(dev, t) || max < 0)
			continue;
		if (!tname) {
			snprintf(tbuf, sizeof(tbuf), "%u", t);
			tname = tbuf;
		}
		for (unsigned code = 0; r == 0 && code <= (unsigned)max; code++) {
			const char *cname = libevdev_event_code_get_name(t, code);
			const struct input_absinfo *abs;
			char cbuf[16];

			if (!libevdev_has_event_code(dev, t, code))
				continue;
			if (!cname) {
				snprintf(cbuf, sizeof(cbuf), "%u", code);
				cname = cbuf;
			}
			abs = t == EV_ABS ? libevdev_get_abs_info(dev, code) : NULL;
			if (abs)
				r = strv_pushf(out, "%s %s min %d max %d fuzz %d flat %d res %d",
					       tname, cname, abs->minimum, abs->maximum, abs->fuzz,
					       abs->flat, abs->resolution);
			else
				r = strv_pushf(out, "%s %s", tname, cname);
		}
	}
	return r;
}

/*
 * The events of one report as one HID device emits them, whichever node
 * they come from: every node's lines except SYN_REPORT, sorted. A driver
 * that puts all applications on one node (most native drivers) and
 * hid-generic (one node per application) then give the same lines; the
 * frame boundaries and the order inside a report are not compared (events
 * of one frame are simultaneous; multitouch slots would need more).
 */
static int
merged_report(const struct evdev_nodes *ns, unsigned report, struct strv *out)
{
	struct strv lines = { 0 };
	int r = 0;

	for (size_t i = 0; r == 0 && i < ns->n; i++)
		for (size_t l = 0; r == 0 && l < ns->v[i].lines.n; l++)
			if (strncmp(ns->v[i].lines.v[l], "EV_SYN SYN_REPORT ", 18) != 0)
				r = strv_push(&lines, strdup(ns->v[i].lines.v[l]));
	if (r == 0) {
		qsort(lines.v, lines.n, sizeof(*lines.v), strv_cmp);
		r = strv_pushf(out, "# report %u", report);
	}
	if (r == 0)
		r = strv_append(out, &lines);
	strv_clear(&lines);
	return r;
}

/*
 * Replay every E: report and record the events into out (node by node).
 * caps, when given, gets the union of the capabilities of all the
 * device's nodes (sorted, unique), merged the events per report over all
 * nodes (merged_report()).
 */
static int
capture_events(struct ctx *c, const char *phase, struct strv *out, struct strv *caps,
	       struct strv *merged)
{
	struct evdev_nodes ns = { 0 };
	bool dropped = false;
	unsigned report = 0;
	int r;

	r = evdev_nodes_open(&ns, c->hid_dir, c->sysname);
	if (r < 0)
		goto out;

	r = strv_pushf(out, "## replay-check %s events: %s, device %u, %zu input node(s)", phase,
		       c->opt.recording, c->dev->index, ns.n);
	for (size_t i = 0; r == 0 && i < ns.n; i++)
		r = strv_pushf(out, "## node %zu: \"%s\"", i, libevdev_get_name(ns.v[i].evdev));
	for (size_t i = 0; caps && r == 0 && i < ns.n; i++)
		r = caps_lines(ns.v[i].evdev, caps);
	if (r < 0)
		goto out;
	if (caps)
		strv_sort_unique(caps);

	/* Whatever is queued before the first report is not ours. */
	r = evdev_nodes_collect(&ns, c->sysname, c->opt.quiet_ms, TIMEOUT_FRAME_MS, NULL, NULL,
				&dropped);
	if (r < 0)
		goto out;
	dropped = false;

	for (size_t e = 0; e < c->dev->n_events; e++) {
		const struct hid_recording_event *ev = &c->dev->events[e];

		if (ev->before_fixup)
			continue;
		report++;
		r = c->gadget ? usb_gadget_hid_send_input(c->gadget, ev->data, ev->len)
			      : uhid_device_send_input(c->uhid, ev->data, ev->len);
		if (r < 0) {
			log_error(c->sysname, "sending report %u (%zu bytes): %s", report, ev->len,
				  r == -E2BIG ? "longer than UHID_DATA_MAX" : strerror(-r));
			goto out;
		}
		r = evdev_nodes_collect(&ns, c->sysname, c->opt.quiet_ms, TIMEOUT_FRAME_MS,
					evdev_node_record, NULL, &dropped);
		if (r < 0) {
			log_error(c->sysname, "collecting the events of report %u failed", report);
			goto out;
		}
		r = merged ? merged_report(&ns, report, merged) : 0;
		if (r == 0)
			r = strv_pushf(out, "# report %u", report);
		for (size_t i = 0; r == 0 && i < ns.n; i++) {
			if (ns.v[i].lines.n == 0)
				continue;
			r = strv_pushf(out, "## %s", libevdev_get_name(ns.v[i].evdev));
			if (r == 0)
				r = strv_append(out, &ns.v[i].lines);
		}
		if (r < 0)
			goto out;
	}
	log_info(c->sysname, "%s: replayed %u reports on %zu input node(s)", phase, report, ns.n);
	if (dropped) {
		log_error(c->sysname, "%s: the kernel dropped events (SYN_DROPPED)", phase);
		r = -EOVERFLOW;
	}
out:
	evdev_nodes_close(&ns);
	return r;
}

/* --- checks --- */

static bool
check_lines(const char *what, const char *expected_path, const struct strv *expected,
	    const struct strv *observed)
{
	struct strv obs = { 0 };
	size_t changes;

	if (lines_filtered(observed, &obs) < 0) {
		strv_clear(&obs);
		log_error(NULL, "%s: out of memory", what);
		return false;
	}
	changes = diff_print(stderr, expected_path, expected, "observed", &obs);
	strv_clear(&obs);
	if (changes) {
		log_error(NULL, "%s: %zu line(s) differ from %s", what, changes, expected_path);
		return false;
	}
	log_info(NULL, "%s: match %s", what, expected_path);
	return true;
}

static bool
check_rdesc(const char *what, const char *expected_name, const uint8_t *expected, size_t elen,
	    const uint8_t *got, size_t glen)
{
	size_t max = elen > glen ? elen : glen, shown = 0, differ = 0;

	if (elen == glen && memcmp(expected, got, elen) == 0) {
		log_info(NULL, "%s: %zu bytes, match %s", what, glen, expected_name);
		return true;
	}
	log_error(NULL, "%s: differs from %s (expected %zu bytes, got %zu)", what, expected_name,
		  elen, glen);
	for (size_t i = 0; i < max; i++) {
		char e[8] = "(none)", g[8] = "(none)";

		if (i < elen && i < glen && expected[i] == got[i])
			continue;
		differ++;
		if (shown++ >= 64)
			continue;
		if (i < elen)
			snprintf(e, sizeof(e), "0x%02x", expected[i]);
		if (i < glen)
			snprintf(g, sizeof(g), "0x%02x", got[i]);
		fprintf(stderr, "  offset %4zu (0x%03zx): expected %s, got %s\n", i, i, e, g);
	}
	if (shown > 64)
		fprintf(stderr, "  ... %zu differing offsets in all\n", differ);
	return false;
}

/* --- loader --- */

static int
run_loader(struct ctx *c, const char *verb)
{
	_cleanup_free_ const char **argv = NULL;
	size_t argc = 0;

	argv = calloc(c->opt.n_fixups + 4, sizeof(*argv));
	if (!argv)
		return -ENOMEM;
	argv[argc++] = c->opt.hidfix;
	argv[argc++] = verb;
	argv[argc++] = c->hid_dir;
	if (strcmp(verb, "add") == 0)
		for (size_t i = 0; i < c->opt.n_fixups; i++)
			argv[argc++] = c->opt.fixups[i];
	argv[argc] = NULL;

	log_info(c->sysname, "running %s %s %s%s", c->opt.hidfix, verb, c->hid_dir,
		 strcmp(verb, "add") == 0 ? " OBJECT..." : "");
	return process_run(argv, TIMEOUT_LOADER_MS, verb, c->sysname);
}

/* --- dumps --- */

static int
dump_lines(const char *path, const struct strv *lines)
{
	_cleanup_fclose_ FILE *f = fopen(path, "we");

	if (!f)
		return log_error_errno(path, negative_errno(), "cannot write: %m");
	for (size_t i = 0; i < lines->n; i++)
		fprintf(f, "%s\n", lines->v[i]);
	if (fflush(f) != 0 || ferror(f))
		return log_error_errno(path, -EIO, "write error");
	return 0;
}

static int
dump_rdesc(struct ctx *c, const char *path, const uint8_t *data, size_t len, const char *phase)
{
	_cleanup_fclose_ FILE *f = fopen(path, "we");

	if (!f)
		return log_error_errno(path, negative_errno(), "cannot write: %m");
	fprintf(f, "# source: replay-check, report_descriptor %s, recording %s device %u\n", phase,
		c->opt.recording, c->dev->index);
	fprintf(f, "# device: bus %04x %04x:%04x  size: %zu\n", c->dev->bus, c->dev->vid,
		c->dev->pid, len);
	for (size_t i = 0; i < c->opt.n_fixups; i++)
		fprintf(f, "# fixup: %s\n", c->opt.fixups[i]);
	if (hex_write(f, data, len, 16) < 0 || fflush(f) != 0 || ferror(f))
		return log_error_errno(path, -EIO, "write error");
	return 0;
}

/* --- special drivers parameter --- */

#define IGNORE_SPECIAL "/sys/module/hid/parameters/ignore_special_drivers"

static int
write_text(const char *path, const char *text)
{
	_cleanup_close_ int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t len = strlen(text);

	if (fd < 0)
		return negative_errno();
	if (write(fd, text, len) != (ssize_t)len)
		return negative_errno();
	return 0;
}

/* Set the parameter to value ("1": hid-generic binds every id, "0": special
 * drivers bind their ids) for the run; the first call saves the old value. */
static int
set_ignore_special(struct ctx *c, const char *value)
{
	_cleanup_free_ char *old = NULL;
	size_t len;
	int r;

	r = hid_file_read_all(IGNORE_SPECIAL, 64, &old, &len);
	if (r < 0)
		return log_error_errno(IGNORE_SPECIAL, r, "%s", strerror(-r));
	while (len > 0 && (old[len - 1] == '\n' || old[len - 1] == ' '))
		old[--len] = '\0';
	if (!c->restore_ignore_special)
		snprintf(c->saved_ignore_special, sizeof(c->saved_ignore_special), "%s", old);
	r = write_text(IGNORE_SPECIAL, value);
	if (r < 0)
		return log_error_errno(IGNORE_SPECIAL, r, "write: %s", strerror(-r));
	c->restore_ignore_special = true;
	log_debug(NULL, "%s: %s (was %s)", IGNORE_SPECIAL, value, old);
	return 0;
}

static void
restore_ignore_special(struct ctx *c)
{
	int r;

	if (!c->restore_ignore_special)
		return;
	r = write_text(IGNORE_SPECIAL, c->saved_ignore_special);
	if (r < 0)
		log_warn(IGNORE_SPECIAL, "restoring '%s': %s", c->saved_ignore_special,
			 strerror(-r));
	c->restore_ignore_special = false;
}

/* --- native driver --- */

/* "hid-kye" -> "hid_kye" (the name under /sys/module). 0 or -EINVAL. */
static int
module_name_normalize(const char *name, char *out, size_t outlen)
{
	size_t len = strlen(name);

	if (len == 0 || len >= MODULE_NAME_MAX || len >= outlen)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		char ch = name[i];

		if (!(ch == '-' || ch == '_' || (ch >= '0' && ch <= '9') ||
		      (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
			return -EINVAL;
		out[i] = ch == '-' ? '_' : ch;
	}
	out[len] = '\0';
	return 0;
}

static bool
module_is_loaded(const char *module)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/module/%s", module);
	return access(path, F_OK) == 0;
}

static const char *
find_modprobe(void)
{
	static const char *const paths[] = {
		"/usr/sbin/modprobe",
		"/sbin/modprobe",
		"/usr/bin/modprobe",
		"/bin/modprobe",
	};

	for (size_t i = 0; i < ARRAY_SIZE(paths); i++)
		if (access(paths[i], X_OK) == 0)
			return paths[i];
	errno = ENOENT;
	return NULL;
}

/* modprobe [-r] module; logs on failure. */
static int
run_modprobe(const char *module, bool remove)
{
	const char *modprobe = find_modprobe();
	const char *argv[4];
	size_t argc = 0;

	if (!modprobe)
		return log_error_errno(module, -ENOENT, "modprobe not found");
	argv[argc++] = modprobe;
	if (remove)
		argv[argc++] = "-r";
	argv[argc++] = module;
	argv[argc] = NULL;
	return process_run(argv, TIMEOUT_LOADER_MS, remove ? "modprobe -r" : "modprobe", module);
}

/* The virtual USB controller, the gadget framework and the USB HID host
 * driver, for --usb-interface; loaded once, left loaded. */
static int
gadget_modules_load(void)
{
	static const char *const modules[] = { "dummy_hcd", "libcomposite", "usb_f_hid", "usbhid" };

	for (size_t i = 0; i < ARRAY_SIZE(modules); i++) {
		if (module_is_loaded(modules[i]))
			continue;
		if (run_modprobe(modules[i], false) < 0 || !module_is_loaded(modules[i]))
			return log_error_errno(
				modules[i], -ENOENT,
				"cannot load the module (needed by --usb-interface)");
	}
	return 0;
}

/* Load the native module unless it is loaded already (then it stays). */
static int
native_load(struct ctx *c)
{
	int r;

	if (module_is_loaded(c->module)) {
		log_info(c->module, "already loaded");
		return 0;
	}
	r = run_modprobe(c->module, false);
	if (r < 0 || !module_is_loaded(c->module))
		return log_error_errno(c->module, r < 0 ? r : -ENOENT,
				       "cannot load the module (is it built for this kernel?)");
	c->unload_module = true;
	log_info(c->module, "loaded");
	return 0;
}

static void
native_unload(struct ctx *c)
{
	if (!c->unload_module)
		return;
	if (run_modprobe(c->module, true) < 0)
		log_warn(c->module, "could not unload the module");
	c->unload_module = false;
}

/* The last path component of the target of the symlink dir/link. */
static int
read_link_name(const char *dir, const char *link, char *out, size_t outlen)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *slash, *name;
	ssize_t n;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", dir, link);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return negative_errno();
	target[n] = '\0';
	slash = strrchr(target, '/');
	name = slash ? slash + 1 : target;
	len = strlen(name);
	if (len >= outlen)
		return -ENAMETOOLONG;
	memcpy(out, name, len + 1);
	return 0;
}

/* Record which driver is bound to the device and the module it comes
 * from ("(built in)" when the driver has no module link). */
static int
read_driver(struct ctx *c)
{
	int r;

	r = read_link_name(c->hid_dir, "driver", c->driver, sizeof(c->driver));
	if (r < 0) {
		snprintf(c->driver, sizeof(c->driver), "(none)");
		snprintf(c->driver_module, sizeof(c->driver_module), "(none)");
		return r;
	}
	r = read_link_name(c->hid_dir, "driver/module", c->driver_module, sizeof(c->driver_module));
	if (r < 0)
		snprintf(c->driver_module, sizeof(c->driver_module), "(built in)");
	return 0;
}

static bool
check_native_driver(struct ctx *c)
{
	if (read_driver(c) < 0) {
		log_error(c->sysname, "no driver is bound to the device, expected %s", c->module);
		return false;
	}
	if (strcmp(c->driver_module, c->module) != 0) {
		log_error(c->sysname, "bound to driver %s (module %s), not to one of module %s",
			  c->driver, c->driver_module, c->module);
		return false;
	}
	log_info(c->sysname, "bound to driver %s of module %s", c->driver, c->module);
	return true;
}

/* Say which bytes the native driver changed (the check is --expect-rdesc). */
static void
log_rdesc_change(const struct ctx *c, const char *who)
{
	const uint8_t *a = c->dev->rdesc, *b = c->orig_rdesc;
	size_t alen = c->dev->rdesc_len, blen = c->orig_rdesc_len, differ = 0;

	if (alen != blen)
		log_info(c->sysname, "%s changed the descriptor size: %zu -> %zu bytes", who, alen,
			 blen);
	for (size_t i = 0; i < alen && i < blen; i++) {
		if (a[i] == b[i])
			continue;
		if (differ++ < 16)
			log_info(c->sysname, "%s changed byte %zu (0x%03zx): 0x%02x -> 0x%02x", who,
				 i, i, a[i], b[i]);
	}
	if (differ > 16)
		log_info(c->sysname, "%s changed %zu bytes in all", who, differ);
	if (differ == 0 && alen == blen)
		log_info(c->sysname, "%s left the descriptor as recorded (%zu bytes)", who, blen);
}

/* --- the run --- */

/* Create the device through uhid and wait until a driver has bound it;
 * c->orig_rdesc is then the descriptor the kernel shows, c->driver the
 * driver. */
static int
device_start(struct ctx *c)
{
	struct hid_sysfs_state state = { 0 };
	int r;

	free(c->orig_rdesc);
	c->orig_rdesc = NULL;
	c->orig_rdesc_len = 0;

	r = uhid_make_uniq(c->uniq, sizeof(c->uniq));
	if (r < 0)
		return r;
	snprintf(c->sysname, sizeof(c->sysname), "%s", c->uniq);

	if (c->native_phase && c->opt.usb_interface >= 0) {
		r = gadget_modules_load();
		if (r < 0)
			return r;
		c->gadget = usb_gadget_hid_new(c->dev, c->opt.usb_interface, c->uniq);
		if (!c->gadget)
			return negative_errno();
		r = usb_gadget_hid_wait(c->gadget, TIMEOUT_CREATE_MS, c->sysname,
					sizeof(c->sysname));
		if (r < 0)
			return r;
		snprintf(c->hid_dir, sizeof(c->hid_dir), HID_SYSFS "/%s", c->sysname);
		log_info(c->sysname, "created as USB interface %d on dummy_hcd (%s)",
			 c->opt.usb_interface, c->uniq);
	} else {
		c->uhid = uhid_device_new(c->dev, c->uniq);
		if (!c->uhid)
			return negative_errno();

		r = hid_sysfs_wait_for_uniq(c->uniq, TIMEOUT_CREATE_MS, c->sysname,
					    sizeof(c->sysname));
		if (r < 0)
			return r;
		snprintf(c->hid_dir, sizeof(c->hid_dir), HID_SYSFS "/%s", c->sysname);
		log_info(c->sysname, "created through uhid (%s)", c->uniq);
	}

	r = wait_for_device(c, WAIT_BOUND, NULL, TIMEOUT_CREATE_MS, &state);
	if (r == 0) {
		read_driver(c);
		log_info(c->sysname, "bound to %s: %zu event node(s)%s", c->driver, state.n_event,
			 state.has_hidraw ? ", hidraw" : "");
		c->orig_rdesc = steal_pointer(&state.rdesc);
		c->orig_rdesc_len = state.rdesc_len;
	}
	hid_sysfs_state_clear(&state);
	return r;
}

/* --expect-requests and --dump-requests: the requests since first_request. */
static void
check_requests(struct ctx *c)
{
	struct strv got = { 0 };

	if (!c->opt.expect_requests && !c->opt.dump_requests)
		return;
	if (uhid_device_request_lines(c->uhid, c->first_request, &got) < 0) {
		log_error(c->sysname, "requests: out of memory");
		fail(c, "requests");
	} else {
		if (c->opt.expect_requests &&
		    !check_lines("device requests", c->opt.expect_requests, &c->expect_requests,
				 &got))
			fail(c, "requests");
		if (c->opt.dump_requests && dump_lines(c->opt.dump_requests, &got) < 0)
			fail(c, "dump");
	}
	strv_clear(&got);
}

/*
 * A run without a fixup: --expect-rdesc and --expect-events apply to the
 * device as it is (with hid-generic, or with the native driver), and so do
 * --dump-rdesc and --dump-events.
 */
static void
check_as_is(struct ctx *c, bool native, const struct strv *events)
{
	if (c->opt.expect_rdesc &&
	    !check_rdesc(native ? "native report_descriptor" : "report_descriptor",
			 c->opt.expect_rdesc, c->expect_rdesc, c->expect_rdesc_len, c->orig_rdesc,
			 c->orig_rdesc_len))
		fail(c, native ? "native-rdesc" : "rdesc");
	if (c->opt.expect_events && !check_lines(native ? "native events" : "events",
						 c->opt.expect_events, &c->expect_events, events))
		fail(c, native ? "native-events" : "events");
	if (c->opt.dump_events && dump_lines(c->opt.dump_events, events) < 0)
		fail(c, "dump");
	check_requests(c);
	if (c->opt.dump_rdesc && dump_rdesc(c, c->opt.dump_rdesc, c->orig_rdesc, c->orig_rdesc_len,
					    native ? "with the native driver" : "original") < 0)
		fail(c, "dump");
}

/* Destroy the uhid device: the kernel removes the HID device. */
static void
device_stop(struct ctx *c)
{
	uhid_device_free(c->uhid);
	c->uhid = NULL;
	usb_gadget_hid_free(c->gadget);
	c->gadget = NULL;
}

/* hidfix add: attach the fixups and wait until the kernel has re-probed
 * the device with them (only bound, with --no-reprobe); *state is then the
 * device with the fixups. Failures are recorded with fail(). */
static int
fixup_attach(struct ctx *c, struct hid_sysfs_state *state)
{
	char prev_ident[sizeof(state->ident)];
	int r;

	hid_sysfs_state_read(c->hid_dir, state);
	snprintf(prev_ident, sizeof(prev_ident), "%s", state->ident);
	c->first_request = uhid_device_n_requests(c->uhid);
	r = run_loader(c, "add");
	if (r < 0) {
		fail(c, "loader-add");
		return r;
	}
	/* An event-only fixup does not make the kernel re-probe the device. */
	r = wait_for_device(c, c->opt.no_reprobe ? WAIT_BOUND : WAIT_REPROBED, prev_ident,
			    TIMEOUT_REPROBE_MS, state);
	if (r < 0) {
		fail(c, "reprobe");
		return r;
	}
	if (c->opt.no_reprobe && strcmp(prev_ident, state->ident) != 0)
		log_warn(c->sysname, "--no-reprobe given, but the device was re-probed");
	log_info(c->sysname, "%s the fixup: %zu event node(s), descriptor %zu bytes",
		 c->opt.no_reprobe ? "attached" : "re-probed with", state->n_event,
		 state->rdesc_len);
	return 0;
}

/* hidfix remove, and wait for the original descriptor to come back. */
static int
fixup_detach(struct ctx *c, struct hid_sysfs_state *state)
{
	int r;

	r = run_loader(c, "remove");
	if (r < 0) {
		fail(c, "loader-remove");
		return r;
	}
	r = wait_for_device(c, WAIT_ORIGINAL, NULL, TIMEOUT_REPROBE_MS, state);
	if (r < 0) {
		fail(c, "restore");
		return r;
	}
	log_info(c->sysname, "fixup removed: original descriptor back, %zu event node(s)",
		 state->n_event);
	return 0;
}

static int
run(struct ctx *c)
{
	struct hid_sysfs_state state = { 0 };
	struct strv original = { 0 }, fixed = { 0 };
	int r;

	r = device_start(c);
	if (r < 0) {
		if (c->native_phase)
			fail(c, "native-driver");
		goto out;
	}
	if (c->native_phase) {
		if (!check_native_driver(c)) {
			fail(c, "native-driver");
			goto out;
		}
		log_rdesc_change(c, c->driver);
		/* when nothing else is said, the driver must leave it as recorded */
		if (!c->opt.expect_rdesc && !c->opt.dump_rdesc &&
		    !check_rdesc("native report_descriptor", "the recording", c->dev->rdesc,
				 c->dev->rdesc_len, c->orig_rdesc, c->orig_rdesc_len))
			fail(c, "native-rdesc");
	} else if (!check_rdesc("original report_descriptor", "the recording", c->dev->rdesc,
				c->dev->rdesc_len, c->orig_rdesc, c->orig_rdesc_len)) {
		fail(c, "original-rdesc");
	}

	r = capture_events(c, c->native_phase ? "native" : "original", &original, NULL, NULL);
	if (r < 0) {
		fail(c, "original-replay");
		goto out;
	}
	if (c->opt.expect_original_events &&
	    !check_lines("original events", c->opt.expect_original_events,
			 &c->expect_original_events, &original))
		fail(c, "original-events");
	if (c->opt.dump_original_events && dump_lines(c->opt.dump_original_events, &original) < 0)
		fail(c, "dump");

	if (c->opt.run) {
		const char *argv[] = { c->opt.run, NULL };

		/* the script finds the device in the environment */
		if (setenv("HIDFIX_TEST_DEVICE", c->hid_dir, 1) < 0 ||
		    setenv("HIDFIX_TEST_NAME", c->sysname, 1) < 0) {
			r = log_error_errno(NULL, negative_errno(), "setenv: %m");
			goto out;
		}
		log_info(c->sysname, "running %s", c->opt.run);
		if (process_run(argv, TIMEOUT_LOADER_MS, c->opt.run, c->sysname) < 0)
			fail(c, "run");
	}

	if (c->opt.n_fixups == 0 && !c->opt.auto_match) {
		check_as_is(c, c->native_phase, &original);
		r = 0;
		goto out;
	}

	r = fixup_attach(c, &state);
	if (r < 0)
		goto out;

	if (c->opt.expect_rdesc &&
	    !check_rdesc("fixed report_descriptor", c->opt.expect_rdesc, c->expect_rdesc,
			 c->expect_rdesc_len, state.rdesc, state.rdesc_len))
		fail(c, "fixed-rdesc");
	if (c->opt.dump_rdesc &&
	    dump_rdesc(c, c->opt.dump_rdesc, state.rdesc, state.rdesc_len, "with the fixup") < 0)
		fail(c, "dump");

	r = capture_events(c, "fixed", &fixed, NULL, NULL);
	if (r < 0) {
		fail(c, "fixed-replay");
	} else {
		if (c->opt.expect_events &&
		    !check_lines("fixed events", c->opt.expect_events, &c->expect_events, &fixed))
			fail(c, "fixed-events");
		if (c->opt.dump_events && dump_lines(c->opt.dump_events, &fixed) < 0)
			fail(c, "dump");
	}
	check_requests(c);

	if (!c->opt.no_remove) {
		r = fixup_detach(c, &state);
		if (r < 0)
			goto out;
	}
	r = 0;
out:
	if (r < 0 && !c->failed[0])
		fail(c, "setup");
	hid_sysfs_state_clear(&state);
	strv_clear(&original);
	strv_clear(&fixed);
	return r;
}

/* --- hid-generic and the native driver side by side --- */

/* The "## node N: ..." lines of a capture, without the "## ". */
static void
print_nodes(FILE *f, const char *who, const struct strv *events)
{
	size_t n = 0;

	for (size_t i = 0; i < events->n; i++) {
		if (strncmp(events->v[i], "## node ", 8) != 0)
			continue;
		fprintf(f, "  %-12s %s\n", n++ == 0 ? who : "", events->v[i] + 3);
	}
	if (n == 0)
		fprintf(f, "  %-12s (no input node)\n", who);
}

static void
print_comparison(FILE *f, const struct ctx *c, const char *gen_driver, const uint8_t *gen_rdesc,
		 size_t gen_len, const struct strv *gen, const struct strv *nat)
{
	const uint8_t *nat_rdesc = c->orig_rdesc;
	size_t nat_len = c->orig_rdesc_len, max = gen_len > nat_len ? gen_len : nat_len;
	size_t differ = 0, changes;
	struct strv a = { 0 }, b = { 0 };

	fprintf(f, "== %s: hid-generic (driver %s) | native %s (driver %s)\n", c->opt.recording,
		gen_driver, c->module, c->driver);

	for (size_t i = 0; i < max; i++)
		if (i >= gen_len || i >= nat_len || gen_rdesc[i] != nat_rdesc[i])
			differ++;
	if (differ == 0) {
		fprintf(f, "descriptor: %zu bytes, identical\n", gen_len);
	} else {
		size_t shown = 0;

		fprintf(f,
			"descriptor: hid-generic %zu bytes, native %zu bytes, %zu byte(s) differ\n",
			gen_len, nat_len, differ);
		for (size_t i = 0; i < max && shown < 64; i++) {
			char g[8] = "(none)", n[8] = "(none)";

			if (i < gen_len && i < nat_len && gen_rdesc[i] == nat_rdesc[i])
				continue;
			if (i < gen_len)
				snprintf(g, sizeof(g), "0x%02x", gen_rdesc[i]);
			if (i < nat_len)
				snprintf(n, sizeof(n), "0x%02x", nat_rdesc[i]);
			fprintf(f, "  offset %4zu (0x%03zx): hid-generic %s | native %s\n", i, i, g,
				n);
			shown++;
		}
		if (differ > shown)
			fprintf(f, "  ... %zu differing offsets in all\n", differ);
	}

	fprintf(f, "input nodes:\n");
	print_nodes(f, "hid-generic", gen);
	print_nodes(f, "native", nat);

	if (lines_filtered(gen, &a) < 0 || lines_filtered(nat, &b) < 0) {
		fprintf(f, "events: (out of memory)\n");
	} else {
		changes = diff_print(f, "hid-generic", &a, "native", &b);
		if (changes)
			fprintf(f, "events: %zu line(s) differ (node names and ## lines ignored)\n",
				changes);
		else
			fprintf(f,
				"events: %zu lines, identical (node names and ## lines ignored)\n",
				a.n);
	}
	strv_clear(&a);
	strv_clear(&b);
}

/*
 * Load the native module, create the device with special drivers allowed,
 * check that the module's driver bound it and replay the recording into
 * out (caps and merged as for capture_events()); the device is destroyed
 * again, c->orig_rdesc and c->driver stay. Failures are recorded.
 */
static int
native_replay(struct ctx *c, struct strv *out, struct strv *caps, struct strv *merged)
{
	int r;

	r = native_load(c);
	if (r < 0) {
		fail(c, "native-load");
		return r;
	}
	r = set_ignore_special(c, "0");
	if (r < 0)
		return r;
	c->native_phase = true;
	r = device_start(c);
	if (r == 0) {
		if (check_native_driver(c)) {
			log_rdesc_change(c, c->driver);
			r = capture_events(c, "native", out, caps, merged);
		} else {
			fail(c, "native-driver");
		}
	}
	device_stop(c);
	if (r < 0)
		fail(c, "native-replay");
	return r;
}

/*
 * Replay the recording twice: with hid-generic (hid.ignore_special_drivers=1)
 * and with the native driver's module loaded, print what differs, and check
 * the expectations: --expect-original-events against the hid-generic run,
 * --expect-rdesc and --expect-events against the native one.
 */
static int
run_compare(struct ctx *c)
{
	_cleanup_free_ uint8_t *gen_rdesc = NULL;
	struct strv gen = { 0 }, nat = { 0 };
	char gen_driver[sizeof(c->driver)] = "(none)";
	size_t gen_len = 0;
	int r;

	log_info(NULL, "run 1 of 2: hid-generic (hid.ignore_special_drivers=1)");
	r = set_ignore_special(c, "1");
	if (r < 0)
		goto out;
	c->native_phase = false;
	r = device_start(c);
	if (r == 0) {
		snprintf(gen_driver, sizeof(gen_driver), "%s", c->driver);
		if (!check_rdesc("hid-generic report_descriptor", "the recording", c->dev->rdesc,
				 c->dev->rdesc_len, c->orig_rdesc, c->orig_rdesc_len))
			fail(c, "generic-rdesc");
		r = capture_events(c, "hid-generic", &gen, NULL, NULL);
	}
	device_stop(c);
	if (r < 0) {
		fail(c, "generic-replay");
		goto out;
	}
	gen_rdesc = steal_pointer(&c->orig_rdesc);
	gen_len = c->orig_rdesc_len;

	log_info(NULL, "run 2 of 2: the native driver of module %s", c->module);
	r = native_replay(c, &nat, NULL, NULL);
	if (r < 0 || c->failed[0])
		goto out;

	print_comparison(stdout, c, gen_driver, gen_rdesc, gen_len, &gen, &nat);
	fflush(stdout);

	if (c->opt.expect_original_events &&
	    !check_lines("hid-generic events", c->opt.expect_original_events,
			 &c->expect_original_events, &gen))
		fail(c, "generic-events");
	if (c->opt.dump_original_events && dump_lines(c->opt.dump_original_events, &gen) < 0)
		fail(c, "dump");
	check_as_is(c, true, &nat);
	r = 0;
out:
	if (r < 0 && !c->failed[0])
		fail(c, "setup");
	strv_clear(&gen);
	strv_clear(&nat);
	return r;
}

/* --- the oracle: native driver == hid-generic + fixup --- */

/* What one run of the oracle keeps. */
struct oracle_side {
	char driver[256];
	uint8_t *rdesc;
	size_t rdesc_len;
	struct strv nodes;  /* the capture with its "## node" lines */
	struct strv caps;   /* union over the nodes, sorted */
	struct strv events; /* merged per report */
};

static void
oracle_side_clear(struct oracle_side *s)
{
	free(s->rdesc);
	s->rdesc = NULL;
	strv_clear(&s->nodes);
	strv_clear(&s->caps);
	strv_clear(&s->events);
}

/* Print the differences between the two runs; true when they are equal. */
static bool
oracle_compare(FILE *f, const struct ctx *c, const char *fixups, const struct oracle_side *nat,
	       const struct oracle_side *fix)
{
	/* with --oracle-rdesc-only the evdev side is shown, not required */
	const char *shown_only =
		c->opt.oracle_rdesc_only ? " (shown only: --oracle-rdesc-only)" : "";
	bool events_must_match = !c->opt.oracle_rdesc_only;
	size_t max = nat->rdesc_len > fix->rdesc_len ? nat->rdesc_len : fix->rdesc_len;
	size_t differ = 0, shown = 0, changes;
	bool equal = true;
	char label[256];

	snprintf(label, sizeof(label), "hid-generic + %s", fixups);
	fprintf(f, "== oracle %s: native %s (driver %s) | %s (driver %s)\n", c->opt.recording,
		c->module, nat->driver, label, fix->driver);

	for (size_t i = 0; i < max; i++)
		if (i >= nat->rdesc_len || i >= fix->rdesc_len || nat->rdesc[i] != fix->rdesc[i])
			differ++;
	if (differ == 0) {
		fprintf(f, "descriptor: %zu bytes, identical\n", nat->rdesc_len);
	} else {
		equal = false;
		fprintf(f,
			"descriptor: native %zu bytes, with the fixup %zu bytes, %zu byte(s) "
			"differ\n",
			nat->rdesc_len, fix->rdesc_len, differ);
		for (size_t i = 0; i < max && shown < 64; i++) {
			char n[8] = "(none)", x[8] = "(none)";

			if (i < nat->rdesc_len && i < fix->rdesc_len &&
			    nat->rdesc[i] == fix->rdesc[i])
				continue;
			if (i < nat->rdesc_len)
				snprintf(n, sizeof(n), "0x%02x", nat->rdesc[i]);
			if (i < fix->rdesc_len)
				snprintf(x, sizeof(x), "0x%02x", fix->rdesc[i]);
			fprintf(f, "  offset %4zu (0x%03zx): native %s | fixup %s\n", i, i, n, x);
			shown++;
		}
		if (differ > shown)
			fprintf(f, "  ... %zu differing offsets in all\n", differ);
	}

	fprintf(f, "input nodes (not compared: drivers group applications differently):\n");
	print_nodes(f, "native", &nat->nodes);
	print_nodes(f, "fixup", &fix->nodes);

	changes =
		diff_print(f, "native capabilities", &nat->caps, "fixup capabilities", &fix->caps);
	if (changes) {
		equal = equal && !events_must_match;
		fprintf(f, "capabilities: %zu line(s) differ (union over the input nodes)%s\n",
			changes, shown_only);
	} else {
		fprintf(f, "capabilities: %zu, identical (union over the input nodes)\n",
			nat->caps.n);
	}

	changes = diff_print(f, "native events", &nat->events, "fixup events", &fix->events);
	if (changes) {
		equal = equal && !events_must_match;
		fprintf(f, "events: %zu line(s) differ (merged over the nodes per report)%s\n",
			changes, shown_only);
	} else {
		fprintf(f, "events: %zu lines, identical (merged over the nodes per report)\n",
			nat->events.n);
	}
	return equal;
}

/* Keep the descriptor and driver of the device as it is now. */
static void
oracle_side_take(struct oracle_side *s, struct ctx *c, uint8_t **rdesc, size_t rdesc_len)
{
	snprintf(s->driver, sizeof(s->driver), "%s", c->driver);
	s->rdesc = steal_pointer(rdesc);
	s->rdesc_len = rdesc_len;
}

/*
 * The kernel as oracle, in one invocation: replay the recording with the
 * native driver of MODULE bound, then with hid-generic
 * (hid.ignore_special_drivers=1) and the fixups attached through hidfix,
 * and require the same descriptor bytes, the same union of evdev
 * capabilities and the same merged events. --expect-rdesc, when given,
 * must be the native driver's descriptor too. With --oracle-rdesc-only
 * only the descriptors must be equal (the native driver also maps keys or
 * rewrites events, which a BPF fixup cannot do): the evdev differences
 * are printed, and --expect-events checks the fixup run's events.
 */
static int
run_oracle(struct ctx *c)
{
	_cleanup_free_ char *fixups = NULL;
	struct oracle_side nat = { 0 }, fix = { 0 };
	struct hid_sysfs_state state = { 0 };
	size_t len = 1;
	int r;

	for (size_t i = 0; i < c->opt.n_fixups; i++) {
		const char *slash = strrchr(c->opt.fixups[i], '/');

		len += strlen(slash ? slash + 1 : c->opt.fixups[i]) + 1;
	}
	fixups = calloc(1, len);
	if (!fixups)
		return -ENOMEM;
	for (size_t i = 0; i < c->opt.n_fixups; i++) {
		const char *slash = strrchr(c->opt.fixups[i], '/');

		if (i)
			strcat(fixups, " ");
		strcat(fixups, slash ? slash + 1 : c->opt.fixups[i]);
	}

	log_info(NULL, "oracle run 1 of 2: the native driver of module %s", c->module);
	r = native_replay(c, &nat.nodes, &nat.caps, &nat.events);
	oracle_side_take(&nat, c, &c->orig_rdesc, c->orig_rdesc_len);
	if (r < 0 || c->failed[0])
		goto out;
	/* hid-generic must bind alone: the native module goes (if we loaded
	 * it), and the parameter keeps special drivers away in any case */
	native_unload(c);

	log_info(NULL, "oracle run 2 of 2: hid-generic (hid.ignore_special_drivers=1) + %s",
		 fixups);
	r = set_ignore_special(c, "1");
	if (r < 0)
		goto out;
	c->native_phase = false;
	r = device_start(c);
	if (r == 0 && strcmp(c->driver, "hid-generic") != 0) {
		log_error(c->sysname, "bound to driver %s, expected hid-generic", c->driver);
		fail(c, "generic-driver");
		r = -EBUSY;
	}
	if (r == 0 && !check_rdesc("original report_descriptor", "the recording", c->dev->rdesc,
				   c->dev->rdesc_len, c->orig_rdesc, c->orig_rdesc_len)) {
		fail(c, "original-rdesc");
		r = -EINVAL;
	}
	if (r == 0)
		r = fixup_attach(c, &state);
	if (r == 0) {
		oracle_side_take(&fix, c, &state.rdesc, state.rdesc_len);
		r = capture_events(c, "fixed", &fix.nodes, &fix.caps, &fix.events);
		if (r < 0) {
			fail(c, "fixed-replay");
		} else {
			/* --oracle-rdesc-only: the reviewed events of the fixup run */
			if (c->opt.expect_events &&
			    !check_lines("fixed events", c->opt.expect_events, &c->expect_events,
					 &fix.nodes))
				fail(c, "fixed-events");
			r = fixup_detach(c, &state);
		}
	}
	device_stop(c);
	if (r < 0)
		goto out;

	if (!oracle_compare(stdout, c, fixups, &nat, &fix))
		fail(c, "oracle");
	fflush(stdout);
	if (c->opt.expect_rdesc &&
	    !check_rdesc("native report_descriptor", c->opt.expect_rdesc, c->expect_rdesc,
			 c->expect_rdesc_len, nat.rdesc, nat.rdesc_len))
		fail(c, "native-rdesc");
	if (c->opt.dump_rdesc && dump_rdesc(c, c->opt.dump_rdesc, nat.rdesc, nat.rdesc_len,
					    "with the native driver") < 0)
		fail(c, "dump");
	if (c->opt.dump_events && dump_lines(c->opt.dump_events, &nat.events) < 0)
		fail(c, "dump");
	r = 0;
out:
	if (r < 0 && !c->failed[0])
		fail(c, "setup");
	hid_sysfs_state_clear(&state);
	oracle_side_clear(&nat);
	oracle_side_clear(&fix);
	return r;
}

/* ------------------------------------------------------------------ */

static void
usage(FILE *f)
{
	fprintf(f,
		"Usage: replay-check [OPTIONS] RECORDING\n"
		"       replay-check --compare-events EXPECTED OBSERVED\n"
		"\n"
		"Create the recorded HID device through /dev/uhid, replay its E: reports and\n"
		"check the evdev events; with --fixup, attach the fixup through hidfix, check\n"
		"the fixed descriptor and events, then remove it again. Needs root and uhid;\n"
		"exits 77 (skip) without them.\n"
		"\n"
		"  --hidfix PATH                 the hidfix loader (required with --fixup)\n"
		"  --fixup OBJECT                fixup object to attach (repeatable)\n"
		"  --expect-rdesc HEXFILE        descriptor expected after the fixup\n"
		"  --expect-events FILE          events expected after the fixup\n"
		"  --expect-original-events FILE events expected without the fixup\n"
		"                                (without --fixup, --expect-rdesc and\n"
		"                                --expect-events apply to the device as is)\n"
		"  --dump-events FILE            write the observed events (fixed if --fixup)\n"
		"  --dump-original-events FILE   write the events seen before the fixup\n"
		"  --auto                        run 'hidfix add DEVICE' without objects: the\n"
		"                                loader picks the fixups that match\n"
		"  --run PROGRAM                 run PROGRAM once the device is bound, with\n"
		"                                HIDFIX_TEST_DEVICE (sysfs path) and "
		"HIDFIX_TEST_NAME\n"
		"                                set; it must exit 0\n"
		"  --dump-rdesc FILE             write the observed descriptor (same)\n"
		"  --expect-requests FILE        the OUTPUT, SET_REPORT and GET_REPORT requests\n"
		"                                the device must receive, one line each (with\n"
		"                                --fixup: from 'hidfix add' until the fixed\n"
		"                                events are replayed; else the whole run)\n"
		"  --dump-requests FILE          write the requests received (same)\n"
		"  --no-remove                   leave the fixup attached at the end\n"
		"  --no-reprobe                  the fixup has no descriptor hook: do not\n"
		"                                wait for the kernel to re-probe the device\n"
		"  --device INDEX                replay the device with this D: index\n"
		"                                (default: the first device)\n"
		"  --quiet-ms MS                 a report's events are complete after MS\n"
		"                                without an event (default 150)\n"
		"  --ignore-special-drivers      set hid.ignore_special_drivers=1 for the run\n"
		"                                so hid-generic binds ids with a native driver\n"
		"  --native MODULE               load MODULE (modprobe) and replay with its\n"
		"                                driver: the device must bind to it; the\n"
		"                                expectations apply to the device as it is\n"
		"                                (without --expect-rdesc or --dump-rdesc the\n"
		"                                descriptor must be the recorded one)\n"
		"  --compare-native MODULE       replay twice, with hid-generic and with\n"
		"                                MODULE's driver, and print the descriptor and\n"
		"                                event differences; --expect-original-events\n"
		"                                and --dump-original-events are for the\n"
		"                                hid-generic run, the other --expect-* and\n"
		"                                --dump-* for the native one\n"
		"  --oracle MODULE               the kernel as oracle (needs --fixup): replay\n"
		"                                with MODULE's driver, then with hid-generic\n"
		"                                (hid.ignore_special_drivers=1) and the fixups;\n"
		"                                fail unless the descriptors are byte-identical\n"
		"                                and the union of the evdev capabilities and\n"
		"                                the events merged over the input nodes are\n"
		"                                equal (per HID device, not per node);\n"
		"                                --expect-rdesc and --dump-* apply to the\n"
		"                                native run (--dump-events: merged events)\n"
		"  --usb-interface N             with --native, --compare-native or --oracle:\n"
		"                                the native driver's device is a USB device\n"
		"                                (a gadget on dummy_hcd) with the recording as\n"
		"                                its interface N (0-7), for drivers that refuse\n"
		"                                uhid devices\n"
		"  --oracle-rdesc-only           with --oracle: only the descriptors must be\n"
		"                                identical; the capability and event\n"
		"                                differences are printed, and\n"
		"                                --expect-events checks the events of the\n"
		"                                hid-generic + fixup run (for native drivers\n"
		"                                that also remap keys or rewrite events)\n"
		"  --compare-events EXP OBS      only compare two event files (no device)\n"
		"  --verbose                     debug messages (uhid requests, nodes)\n"
		"  --help                        this text\n"
		"\n"
		"Exit: 0 all checks passed, 1 a check failed, 2 usage error, 77 skipped.\n");
}

static int
compare_files(const char *expected, const char *observed)
{
	struct strv a = { 0 }, b = { 0 };
	int r, ret;

	r = lines_from_file(expected, &a);
	if (r < 0) {
		log_error(expected, "cannot read: %s", strerror(-r));
		strv_clear(&a);
		return 1;
	}
	r = lines_from_file(observed, &b);
	if (r < 0) {
		log_error(observed, "cannot read: %s", strerror(-r));
		strv_clear(&a);
		strv_clear(&b);
		return 1;
	}
	ret = diff_print(stderr, expected, &a, observed, &b) ? 1 : 0;
	if (ret)
		log_error(NULL, "%s and %s differ", expected, observed);
	strv_clear(&a);
	strv_clear(&b);
	return ret;
}

enum {
	OPT_HIDFIX = 256,
	OPT_FIXUP,
	OPT_EXPECT_RDESC,
	OPT_EXPECT_EVENTS,
	OPT_EXPECT_ORIGINAL,
	OPT_DUMP_EVENTS,
	OPT_DUMP_RDESC,
	OPT_NO_REMOVE,
	OPT_AUTO,
	OPT_DUMP_ORIGINAL,
	OPT_NO_REPROBE,
	OPT_DEVICE,
	OPT_QUIET_MS,
	OPT_IGNORE_SPECIAL,
	OPT_COMPARE,
	OPT_RUN,
	OPT_NATIVE,
	OPT_COMPARE_NATIVE,
	OPT_ORACLE,
	OPT_USB_INTERFACE,
	OPT_ORACLE_RDESC_ONLY,
	OPT_EXPECT_REQUESTS,
	OPT_DUMP_REQUESTS,
};

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "hidfix", required_argument, NULL, OPT_HIDFIX },
		{ "fixup", required_argument, NULL, OPT_FIXUP },
		{ "expect-rdesc", required_argument, NULL, OPT_EXPECT_RDESC },
		{ "expect-events", required_argument, NULL, OPT_EXPECT_EVENTS },
		{ "expect-original-events", required_argument, NULL, OPT_EXPECT_ORIGINAL },
		{ "dump-events", required_argument, NULL, OPT_DUMP_EVENTS },
		{ "dump-rdesc", required_argument, NULL, OPT_DUMP_RDESC },
		{ "no-remove", no_argument, NULL, OPT_NO_REMOVE },
		{ "auto", no_argument, NULL, OPT_AUTO },
		{ "dump-original-events", required_argument, NULL, OPT_DUMP_ORIGINAL },
		{ "no-reprobe", no_argument, NULL, OPT_NO_REPROBE },
		{ "device", required_argument, NULL, OPT_DEVICE },
		{ "quiet-ms", required_argument, NULL, OPT_QUIET_MS },
		{ "ignore-special-drivers", no_argument, NULL, OPT_IGNORE_SPECIAL },
		{ "compare-events", no_argument, NULL, OPT_COMPARE },
		{ "run", required_argument, NULL, OPT_RUN },
		{ "native", required_argument, NULL, OPT_NATIVE },
		{ "compare-native", required_argument, NULL, OPT_COMPARE_NATIVE },
		{ "oracle", required_argument, NULL, OPT_ORACLE },
		{ "usb-interface", required_argument, NULL, OPT_USB_INTERFACE },
		{ "oracle-rdesc-only", no_argument, NULL, OPT_ORACLE_RDESC_ONLY },
		{ "expect-requests", required_argument, NULL, OPT_EXPECT_REQUESTS },
		{ "dump-requests", required_argument, NULL, OPT_DUMP_REQUESTS },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	_cleanup_(hid_recording_freep) struct hid_recording *rec = NULL;
	_cleanup_free_ const char **fixups = NULL;
	struct ctx c = { 0 };
	bool compare = false;
	char err[1024];
	unsigned long v;
	int opt, r;

	log_set_program("replay-check");
	c.opt.quiet_ms = 150;
	c.opt.usb_interface = -1;
	fixups = calloc((size_t)argc + 1, sizeof(*fixups));
	if (!fixups)
		return 1;
	c.opt.fixups = fixups;

	while ((opt = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_HIDFIX:
			c.opt.hidfix = optarg;
			break;
		case OPT_FIXUP:
			fixups[c.opt.n_fixups++] = optarg;
			break;
		case OPT_EXPECT_RDESC:
			c.opt.expect_rdesc = optarg;
			break;
		case OPT_EXPECT_EVENTS:
			c.opt.expect_events = optarg;
			break;
		case OPT_EXPECT_ORIGINAL:
			c.opt.expect_original_events = optarg;
			break;
		case OPT_DUMP_EVENTS:
			c.opt.dump_events = optarg;
			break;
		case OPT_DUMP_RDESC:
			c.opt.dump_rdesc = optarg;
			break;
		case OPT_AUTO:
			c.opt.auto_match = true;
			break;
		case OPT_DUMP_ORIGINAL:
			c.opt.dump_original_events = optarg;
			break;
		case OPT_NO_REMOVE:
			c.opt.no_remove = true;
			break;
		case OPT_NO_REPROBE:
			c.opt.no_reprobe = true;
			break;
		case OPT_DEVICE:
			if (parse_uint(optarg, HID_RECORDING_MAX_INDEX, &v) < 0) {
				log_error(NULL, "--device: invalid index '%s'", optarg);
				return EXIT_USAGE;
			}
			c.opt.device_index = (unsigned)v;
			c.opt.has_device_index = true;
			break;
		case OPT_QUIET_MS:
			if (parse_uint(optarg, 10000, &v) < 0 || v < 10) {
				log_error(NULL, "--quiet-ms: expected 10 to 10000, got '%s'",
					  optarg);
				return EXIT_USAGE;
			}
			c.opt.quiet_ms = (unsigned)v;
			break;
		case OPT_IGNORE_SPECIAL:
			c.opt.ignore_special = true;
			break;
		case OPT_RUN:
			c.opt.run = optarg;
			break;
		case OPT_EXPECT_REQUESTS:
			c.opt.expect_requests = optarg;
			break;
		case OPT_DUMP_REQUESTS:
			c.opt.dump_requests = optarg;
			break;
		case OPT_NATIVE:
		case OPT_COMPARE_NATIVE:
		case OPT_ORACLE:
			if (c.opt.native) {
				log_error(NULL, "--native, --compare-native and --oracle are "
						"given once, and only one of them");
				return EXIT_USAGE;
			}
			if (module_name_normalize(optarg, c.module, sizeof(c.module)) < 0) {
				log_error(NULL, "%s: invalid module name '%s'",
					  opt == OPT_NATIVE	      ? "--native"
					  : opt == OPT_COMPARE_NATIVE ? "--compare-native"
								      : "--oracle",
					  optarg);
				return EXIT_USAGE;
			}
			c.opt.native = optarg;
			c.opt.compare_native = opt == OPT_COMPARE_NATIVE;
			c.opt.oracle = opt == OPT_ORACLE;
			break;
		case OPT_USB_INTERFACE:
			if (parse_uint(optarg, USB_GADGET_MAX_INTERFACE, &v) < 0) {
				log_error(NULL, "--usb-interface: expected 0 to %d, got '%s'",
					  USB_GADGET_MAX_INTERFACE, optarg);
				return EXIT_USAGE;
			}
			c.opt.usb_interface = (int)v;
			break;
		case OPT_ORACLE_RDESC_ONLY:
			c.opt.oracle_rdesc_only = true;
			break;
		case OPT_COMPARE:
			compare = true;
			break;
		case 'v':
			c.opt.verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (c.opt.verbose)
		log_set_level(LOG_LEVEL_DEBUG);

	if (compare) {
		if (argc - optind != 2) {
			log_error(NULL, "--compare-events takes two files");
			return EXIT_USAGE;
		}
		return compare_files(argv[optind], argv[optind + 1]);
	}
	if (argc - optind != 1) {
		log_error(NULL, "expected one RECORDING argument");
		usage(stderr);
		return EXIT_USAGE;
	}
	c.opt.recording = argv[optind];
	if ((c.opt.n_fixups || c.opt.auto_match) && !c.opt.hidfix) {
		log_error(NULL, "--fixup and --auto need --hidfix PATH");
		return EXIT_USAGE;
	}
	if (c.opt.oracle_rdesc_only && !c.opt.oracle) {
		log_error(NULL, "--oracle-rdesc-only needs --oracle");
		return EXIT_USAGE;
	}
	if (c.opt.oracle) {
		if (!c.opt.n_fixups || c.opt.auto_match || c.opt.ignore_special || c.opt.run ||
		    c.opt.no_remove || (c.opt.expect_events && !c.opt.oracle_rdesc_only) ||
		    c.opt.expect_original_events || c.opt.dump_original_events) {
			log_error(NULL, "--oracle needs --fixup (and --hidfix) and takes neither "
					"--auto, --ignore-special-drivers, --run, --no-remove nor "
					"--expect-original-events, nor --expect-events without "
					"--oracle-rdesc-only");
			return EXIT_USAGE;
		}
	} else if (c.opt.native && (c.opt.n_fixups || c.opt.auto_match || c.opt.ignore_special)) {
		log_error(NULL, "--native and --compare-native cannot be combined with --fixup, "
				"--auto or --ignore-special-drivers");
		return EXIT_USAGE;
	}
	if ((c.opt.expect_requests || c.opt.dump_requests) &&
	    (c.opt.oracle || c.opt.compare_native)) {
		log_error(NULL, "--expect-requests and --dump-requests cannot be combined with "
				"--oracle or --compare-native");
		return EXIT_USAGE;
	}
	if (c.opt.compare_native && c.opt.run) {
		log_error(NULL, "--compare-native cannot be combined with --run");
		return EXIT_USAGE;
	}
	if (c.opt.usb_interface >= 0 && !c.opt.native) {
		log_error(NULL, "--usb-interface needs --native, --compare-native or --oracle");
		return EXIT_USAGE;
	}
	if (!c.opt.n_fixups && !c.opt.auto_match && c.opt.no_remove)
		log_warn(NULL, "--no-remove has no effect without --fixup");

	/* Read every input first: a bad file fails even where we would skip. */
	rec = hid_recording_parse_file(c.opt.recording, err, sizeof(err));
	if (!rec) {
		log_error(NULL, "%s", err);
		return 1;
	}
	if (c.opt.has_device_index) {
		c.dev = hid_recording_get_device(rec, c.opt.device_index);
		if (!c.dev) {
			log_error(c.opt.recording, "no device with index %u", c.opt.device_index);
			return 1;
		}
	} else {
		c.dev = &rec->devices[0];
	}
	for (size_t i = 0; i < c.dev->n_events; i++) {
		if (c.dev->events[i].len > UHID_DATA_MAX) {
			log_error(c.opt.recording,
				  "a report of %zu bytes is longer than uhid takes (%d)",
				  c.dev->events[i].len, UHID_DATA_MAX);
			return 1;
		}
	}
	if (c.opt.expect_rdesc) {
		r = hid_hex_parse_file(c.opt.expect_rdesc, &c.expect_rdesc, &c.expect_rdesc_len,
				       err, sizeof(err));
		if (r < 0) {
			log_error(NULL, "%s", err);
			return 1;
		}
	}
	if (c.opt.expect_events) {
		r = lines_from_file(c.opt.expect_events, &c.expect_events);
		if (r < 0) {
			log_error(c.opt.expect_events, "cannot read: %s", strerror(-r));
			return 1;
		}
	}
	if (c.opt.expect_original_events) {
		r = lines_from_file(c.opt.expect_original_events, &c.expect_original_events);
		if (r < 0) {
			log_error(c.opt.expect_original_events, "cannot read: %s", strerror(-r));
			return 1;
		}
	}
	if (c.opt.expect_requests) {
		r = lines_from_file(c.opt.expect_requests, &c.expect_requests);
		if (r < 0) {
			log_error(c.opt.expect_requests, "cannot read: %s", strerror(-r));
			return 1;
		}
	}
	if (c.opt.hidfix && access(c.opt.hidfix, X_OK) < 0) {
		log_error(c.opt.hidfix, "not executable: %m");
		return 1;
	}

	if (geteuid() != 0) {
		printf("replay-check: SKIP: needs root\n");
		return EXIT_SKIP;
	}
	if (access("/dev/uhid", F_OK) < 0) {
		printf("replay-check: SKIP: /dev/uhid not available\n");
		return EXIT_SKIP;
	}

	r = 0;
	if (c.opt.oracle) {
		run_oracle(&c);
	} else if (c.opt.compare_native) {
		run_compare(&c);
	} else {
		if (c.opt.ignore_special) {
			r = set_ignore_special(&c, "1");
		} else if (c.opt.native) {
			c.native_phase = true;
			r = set_ignore_special(&c, "0");
			if (r == 0 && native_load(&c) < 0) {
				fail(&c, "native-load");
				r = -ENOENT;
			}
		}
		if (r == 0)
			run(&c);
		else if (!c.failed[0])
			fail(&c, "setup");
	}

	device_stop(&c);
	restore_ignore_special(&c);
	native_unload(&c);

	free(c.orig_rdesc);
	free(c.expect_rdesc);
	strv_clear(&c.expect_events);
	strv_clear(&c.expect_original_events);
	strv_clear(&c.expect_requests);

	if (c.failed[0]) {
		printf("replay-check: FAIL: %s (%s)\n", c.opt.recording, c.failed);
		return 1;
	}
	printf("replay-check: PASS: %s\n", c.opt.recording);
	return 0;
}
