#!/bin/bash
# axes-check REPLAY_CHECK RECORDING REPORT_ID OFFSET:CODE...
#
# Replays a real recording with hid-generic (hid.ignore_special_drivers=1)
# and checks its absolute axes against the reports themselves, decoded here
# independently of the kernel: for each OFFSET:CODE pair (byte OFFSET of
# every report with REPORT_ID, an 8-bit unsigned axis, evdev code CODE such
# as ABS_Z), the values evdev reports must be exactly the recording's
# values with repeats dropped (evdev only reports changes; every axis
# starts at 0). For recordings too long to review event by event, such as
# the PS3 controller's 299 reports.
set -u
replay_check=$1 rec=$2 id=$3
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$replay_check" --ignore-special-drivers --dump-events "$work/events" "$rec" >"$work/out" 2>&1
rc=$?
[ "$rc" = 77 ] && { cat "$work/out"; exit 77; }
[ "$rc" = 0 ] || { echo "FAIL: replay-check exited $rc: $(cat "$work/out")"; exit 1; }

failures=0
for pair in "$@"; do
	off=${pair%%:*} code=${pair#*:}
	# the recording: E: <time> <len> <bytes...>; byte 0 is field 4
	awk -v id="$id" -v off="$off" '
		function hex(s,   i, n) {
			n = 0
			for (i = 1; i <= length(s); i++)
				n = n * 16 + index("0123456789abcdef", substr(tolower(s), i, 1)) - 1
			return n
		}
		$1 == "E:" && hex($4) == id {
			v = hex($(4 + off))
			if (v != prev) print v
			prev = v
		}' prev=0 "$rec" >"$work/want"
	awk -v code="$code" '$1 == "EV_ABS" && $2 == code { print $3 }' "$work/events" >"$work/got"
	if [ ! -s "$work/want" ]; then
		echo "FAIL: $code: the recording never changes byte $off (a useless check)"
		failures=$((failures + 1))
	elif cmp -s "$work/want" "$work/got"; then
		echo "ok $code (byte $off): $(wc -l <"$work/got") values as in the reports"
	else
		echo "FAIL: $code (byte $off) differs (want, got):"
		diff "$work/want" "$work/got" | head -n 20
		failures=$((failures + 1))
	fi
done
[ "$failures" = 0 ]
