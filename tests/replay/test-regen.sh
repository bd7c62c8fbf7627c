#!/bin/bash
# test-regen.sh REGEN: the diff and --accept logic of tests/replay/regen,
# without the VM: a hand-made test list and dumps given with --from-dir.
# Checks that nothing is written without --accept, that --accept writes
# only what differs and keeps the hand-written header, that a new file is
# shown whole, and the refusals (notes among the data, failed tests,
# missing dumps, tests that disagree).
set -euo pipefail

regen=${1:?usage: test-regen.sh REGEN}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-regen.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# run_regen EXPECTED-STATUS ARGS...: output in $tmp/out
run_regen() {
	local want=$1 rc=0
	shift
	"$regen" --list "$tmp/list" --from-dir "$tmp/dumps" "$@" >"$tmp/out" 2>&1 || rc=$?
	if [ "$rc" != "$want" ]; then
		fail "regen $* exited $rc, expected $want; its output:"
		sed 's/^/  | /' "$tmp/out"
	fi
}
expect_out() { # what pattern
	grep -qE -- "$2" "$tmp/out" || { fail "$1: no line matching '$2' in:"; sed 's/^/  | /' "$tmp/out"; }
}
same() { # what file1 file2
	cmp -s "$2" "$3" || { fail "$1: $2 differs from $3"; diff -u "$3" "$2" | sed 's/^/  | /'; }
}

mkdir -p "$tmp/exp" "$tmp/dumps/t1"
exp=$tmp/exp
printf 't1\t/x/replay-check --ignore-special-drivers --expect-original-events %s --expect-rdesc %s %s\n' \
	"$exp/events.txt" "$exp/fixed.rdesc.hex" "$tmp/dev.hid" >"$tmp/list"

cat >"$exp/events.txt" <<'EOF'
## Reviewed by hand: report 1 presses BTN_LEFT, report 2 releases it.
## replay-check original events: old/path.hid, device 0, 1 input node(s)
## node 0: "Mouse"
# report 1
## Mouse
EV_KEY BTN_LEFT 1
EV_SYN SYN_REPORT 0
# report 2
## Mouse
EV_KEY BTN_LEFT 0
EV_SYN SYN_REPORT 0
EOF
cat >"$exp/fixed.rdesc.hex" <<'EOF'
# Reviewed: byte 17 changed 03 -> 05.
05 01 09 02 A1 01 85 01
09 01 A1 00 05 09 19 01
29 05
EOF
cp "$exp/events.txt" "$tmp/events.orig"
cp "$exp/fixed.rdesc.hex" "$tmp/rdesc.orig"

# 1. the same data, other comments and layout: nothing differs
cat >"$tmp/dumps/t1/original-events" <<'EOF'
## replay-check original events: new/path.hid, device 0, 1 input node(s)
## node 0: "Mouse"
# report 1
## Mouse
EV_KEY BTN_LEFT 1
EV_SYN SYN_REPORT 0
# report 2
## Mouse
EV_KEY BTN_LEFT 0
EV_SYN SYN_REPORT 0
EOF
cat >"$tmp/dumps/t1/rdesc" <<'EOF'
# source: replay-check, report_descriptor original
05 01 09 02 a1 01 85 01 09 01 a1 00 05 09 19 01
29 05
EOF
run_regen 0 "$exp"
expect_out "same data" 'events.txt: unchanged'
expect_out "same bytes, other layout" 'fixed.rdesc.hex: unchanged'
run_regen 0 --accept "$exp"
same "accept without a difference" "$exp/events.txt" "$tmp/events.orig"
same "accept without a difference" "$exp/fixed.rdesc.hex" "$tmp/rdesc.orig"

# 2. changed events: a diff, exit 1, nothing written
sed -i 's/BTN_LEFT 0/BTN_LEFT 0\nEV_KEY BTN_RIGHT 1/' "$tmp/dumps/t1/original-events"
run_regen 1 "$exp"
expect_out "diff shown" '^\+EV_KEY BTN_RIGHT 1$'
expect_out "diff labels" '^--- .*events.txt \(data lines\)$'
same "no --accept" "$exp/events.txt" "$tmp/events.orig"
same "no --accept" "$exp/fixed.rdesc.hex" "$tmp/rdesc.orig"

# 3. --accept: only the events file is written, with its header kept
run_regen 0 --accept "$exp"
expect_out "accept" "^wrote .*events.txt$"
grep -q 'wrote .*fixed.rdesc.hex' "$tmp/out" && fail "accept wrote the unchanged descriptor"
same "unchanged file left alone" "$exp/fixed.rdesc.hex" "$tmp/rdesc.orig"
head -n 1 "$exp/events.txt" | grep -qx '## Reviewed by hand: report 1 presses BTN_LEFT, report 2 releases it.' ||
	fail "accept lost the review header"
grep -qx 'EV_KEY BTN_RIGHT 1' "$exp/events.txt" || fail "accept did not write the new data"
[ "$(grep -c '^## node 0:' "$exp/events.txt")" = 1 ] || fail "generated node lines doubled"
grep -q 'old/path.hid' "$exp/events.txt" && fail "stale generated line kept"
run_regen 0 "$exp"
expect_out "after accept" 'events.txt: unchanged'

# 4. a changed descriptor byte: diff in 16-byte lines, accept keeps the header
cp "$exp/events.txt" "$tmp/events.accepted"
sed -i 's/^29 05$/29 07/' "$tmp/dumps/t1/rdesc"
run_regen 1 "$exp"
expect_out "rdesc diff" '^-29 05$'
expect_out "rdesc diff" '^\+29 07$'
same "no --accept" "$exp/fixed.rdesc.hex" "$tmp/rdesc.orig"
run_regen 0 --accept "$exp"
printf '%s\n' '# Reviewed: byte 17 changed 03 -> 05.' \
	'05 01 09 02 a1 01 85 01 09 01 a1 00 05 09 19 01' '29 07' >"$tmp/rdesc.want"
same "rdesc accept" "$exp/fixed.rdesc.hex" "$tmp/rdesc.want"
same "events untouched" "$exp/events.txt" "$tmp/events.accepted"

# 5. a note among the data would be lost: refused, the file stays
sed -i 's/^# report 2$/# report 2\n## note: the release comes 100 ms later/' "$exp/events.txt"
cp "$exp/events.txt" "$tmp/events.noted"
sed -i 's/BTN_RIGHT 1/BTN_RIGHT 1\nEV_SYN SYN_REPORT 0/' "$tmp/dumps/t1/original-events"
run_regen 2 --accept "$exp"
expect_out "note kept" 'would be lost'
expect_out "note named" '## note: the release comes 100 ms later'
same "refused accept" "$exp/events.txt" "$tmp/events.noted"

# 6. a new expectation file: shown whole, written only with --accept, marked
printf 't2\t/x/replay-check --native hid-kye --expect-events %s %s\n' \
	"$exp/new.events" "$tmp/dev.hid" >>"$tmp/list"
mkdir -p "$tmp/dumps/t2"
printf '%s\n' '## node 0: "Kbd"' '# report 1' '## Kbd' 'EV_KEY KEY_A 1' 'EV_SYN SYN_REPORT 0' \
	>"$tmp/dumps/t2/events"
run_regen 1 "$exp/new.events"
expect_out "new file" 'new.events: new file'
expect_out "shown whole" '^\+## NOT REVIEWED: '
expect_out "shown whole" '^\+## Kbd$'
[ ! -e "$exp/new.events" ] || fail "new file written without --accept"
run_regen 0 --accept "$exp/new.events"
[ -f "$exp/new.events" ] || fail "new file not written with --accept"
"$regen" --check-reviewed "$exp" >"$tmp/out" 2>&1 && fail "--check-reviewed missed the new file"
expect_out "check-reviewed" 'new.events: still marked NOT REVIEWED'
sed -i '/NOT REVIEWED/c ## Reviewed: KEY_A.' "$exp/new.events"
"$regen" --check-reviewed "$exp" >/dev/null || fail "--check-reviewed after the review"

# 7. errors: a failed test, a missing dump, a target no test uses, tests
# that disagree on one file
echo 1 >"$tmp/dumps/t2/status"
echo "replay-check: FAIL: dev.hid (native-driver)" >"$tmp/dumps/t2/log"
run_regen 2 "$exp/new.events"
expect_out "failed test" 'test t2 failed in the VM \(exit 1\)'
expect_out "its log" 'native-driver'
rm "$tmp/dumps/t2/status" "$tmp/dumps/t2/events"
run_regen 2 "$exp/new.events"
expect_out "missing dump" 'test t2: no events dump'
run_regen 2 "$tmp/nothing-here"
expect_out "unused target" 'no replay-check test with expectations'
printf 't3\t/x/replay-check --expect-events %s %s\n' "$exp/new.events" "$tmp/dev.hid" >>"$tmp/list"
mkdir -p "$tmp/dumps/t3"
printf '%s\n' '# report 1' 'EV_KEY KEY_A 1' 'EV_SYN SYN_REPORT 0' >"$tmp/dumps/t2/events"
printf '%s\n' '# report 1' 'EV_KEY KEY_B 1' 'EV_SYN SYN_REPORT 0' >"$tmp/dumps/t3/events"
run_regen 2 --accept "$exp/new.events"
expect_out "disagree" 'tests disagree'

# usage errors
"$regen" >/dev/null 2>&1 && fail "no target accepted"
"$regen" --bogus x >/dev/null 2>&1 && fail "unknown option accepted"

if [ "$failures" -ne 0 ]; then
	echo "test-regen: $failures check(s) failed"
	exit 1
fi
echo "test-regen: all checks passed"
