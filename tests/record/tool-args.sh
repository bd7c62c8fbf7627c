#!/bin/bash
# hid-replay --auto/--fixup and B: recordings, hid-record --before-fixups:
# what is decided before any device is touched (host, no privileges).
#  - --auto with --fixup (either order): usage error, exit 2, one line;
#  - --auto with a loader that cannot run: exit 1, one line naming it;
#  - --check of a recording with B: lines counts the B: reports and says
#    they are replayed; without B: lines it counts the E: reports;
#  - the "# R (after fixups):" comment hid-record --before-fixups writes
#    after R: (here 6 bytes, R: 4) is skipped: --check says 4 bytes;
#  - hid-record --help describes --before-fixups; with a node that does
#    not exist it fails with one line, exit 1.
#
# tool-args.sh HID_REPLAY HID_RECORD
set -u
replay=$1 record=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../expect.sh"

rdesc='R: 4 05 01 09 02'
printf '%s\nI: 3 0001 0002\nE: 0.000000 2 01 02\nE: 0.010000 2 01 03\nE: 0.020000 2 01 04\n' \
	"$rdesc" >"$work/plain.hid"
cat >"$work/before.hid" <<EOF
$rdesc
# R (after fixups): 6 05 01 09 02 09 01
I: 3 0001 0002
B: 0.000000 2 01 3c
E: 0.000100 2 01 02
B: 0.010000 2 01 78
EOF

expect auto-with-fixup 2 '^hid-replay: --auto and --fixup exclude each other' \
	"$replay" --auto --fixup "$work/x.bpf.o" "$work/plain.hid"
expect fixup-with-auto 2 '^hid-replay: --auto and --fixup exclude each other' \
	"$replay" --fixup "$work/x.bpf.o" --auto "$work/plain.hid"
expect auto-no-loader 1 "^hid-replay: $work/none: cannot run the hidfix loader" \
	"$replay" --auto --hidfix "$work/none" "$work/plain.hid"

if "$replay" --check "$work/before.hid" >"$work/out" 2>"$work/err" &&
	grep -q 'descriptor 4 bytes, 2 report(s) before the fixups (B: lines are replayed)$' \
		"$work/out"; then
	echo "ok: --check with B: lines: $(cat "$work/out")"
else
	fail "--check with B: lines: $(cat "$work/out" "$work/err")"
fi
if "$replay" --check "$work/plain.hid" >"$work/out" 2>"$work/err" &&
	grep -q ', 3 report(s)$' "$work/out"; then
	echo "ok: --check without B: lines: $(cat "$work/out")"
else
	fail "--check without B: lines: $(cat "$work/out" "$work/err")"
fi
if "$replay" --help | grep -q 'B: lines, the reports as the device sent them'; then
	echo "ok: hid-replay --help says B: lines are replayed"
else
	fail "hid-replay --help does not describe B: lines"
fi

if "$record" --help | grep -q -- '--before-fixups'; then
	echo "ok: hid-record --help describes --before-fixups"
else
	fail "hid-record --help does not describe --before-fixups"
fi
expect before-fixups-no-node 1 "^hid-record: $work/hidraw99: cannot open" \
	"$record" --before-fixups "$work/hidraw99"

[ "$failures" = 0 ] || exit 1
