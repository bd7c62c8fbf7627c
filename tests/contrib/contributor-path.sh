#!/bin/bash
# contributor-path.sh SRCDIR: the contributor path of doc/walkthrough.md,
# step by step with the same commands, on a copy of the source tree:
# recording in, `hidfix new`, build, load and probe as generated (the
# expectations then equal the recording's own descriptor and events), the
# fix written, regen shows exactly that change, the expectations checked
# and accepted, the database line written, the unit checks and the new vm
# test pass. Needs qemu (tests/vm/vm-run); exits 77 without it.
#
# What is checked against the device's documented defect (the Rapoo M50
# Plus Silent, shared/devices: 5 button bits, Usage Maximum 3 at offset
# 16-17, the side buttons are bits 3 and 4): the generated fixup's header
# annotates offset 16 as Usage Maximum; as generated the fixed descriptor is
# the recorded one and the events are the same; with the fix the descriptor
# differs in byte 17 only (03 -> 05) and the side-button reports give
# BTN_SIDE and BTN_EXTRA, which the original events lack.
set -euo pipefail

src=$(cd "${1:?usage: contributor-path.sh SRCDIR}" && pwd)
command -v qemu-system-x86_64 >/dev/null || { echo "SKIP: no qemu-system-x86_64"; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/hidfix-contrib.XXXXXX")
trap 'rm -rf "$work"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
fail() { echo "not ok $((n + 1)) $*"; exit 1; }
run() { # run a step, its output kept in $work/out; fail with it shown
	if ! "$@" >"$work/out" 2>&1; then
		sed 's/^/# /' "$work/out"
		fail "$*"
	fi
}

# ---- 0. a fresh tree, built (walkthrough: git clone + tools/setup)
tree=$work/hidfix
mkdir "$tree"
(cd "$src" && git ls-files --cached --others --exclude-standard -z 2>/dev/null |
	cpio -0pdm --quiet "$tree") || fail "copy the source tree"
[ -f "$tree/meson.build" ] || fail "copy the source tree (not a git checkout?)"
cd "$tree"
run meson setup build
run ninja -C build
ok "a copy of the source tree builds"

# ---- 1. the recording (walkthrough: hid-record; here the repo's one)
cp "$src/tests/replay/rapoo-m50-plus-silent/device.hid" ../my-mouse.hid
run build/loader/hidfix decode ../my-mouse.hid
grep -Eq '^ *16: 29 03 +Usage Maximum \(3\)$' "$work/out" ||
	{ sed 's/^/# /' "$work/out"; fail "decode shows the Usage Maximum (3) at offset 16"; }
ok "hidfix decode shows the defect: offset 16, 29 03, Usage Maximum (3)"

# ---- 2. scaffold
name=0010-Rapoo__M50-Walkthrough
dir=tests/replay/rapoo-m50-walkthrough
f=fixups/testing/$name.bpf.c
run build/loader/hidfix new Rapoo "M50 Walkthrough" --from ../my-mouse.hid
for p in "$f" "$dir/device.hid" "$dir/original.rdesc.hex"; do
	[ -f "$p" ] || fail "hidfix new created $p"
done
grep -q "'$name.bpf.c'," fixups/testing/meson.build || fail "fixup registered in fixups/testing/meson.build"
grep -q "\['rapoo-m50-walkthrough', '$name'" tests/replay/meson.build || fail "test registered"
grep -q "^\[$name\]$" db/fixups.db || fail "db/fixups.db section"
grep -Eq '^ \* +16: 29 03 +Usage Maximum \(3\)$' "$f" || fail "annotated descriptor in $f"
# a second run refuses: nothing is overwritten
if build/loader/hidfix new Rapoo "M50 Walkthrough" --from ../my-mouse.hid >"$work/out" 2>&1; then
	fail "a second hidfix new is refused"
fi
ok "hidfix new: fixup, test directory, db section, both meson lists; a second run refused"

# ---- 3. as generated: it builds, loads, its probe accepts, nothing changes
run ninja -C build
run tests/replay/regen --accept "$dir"
for e in events.original.txt fixed.rdesc.hex events.fixed.txt; do
	[ -f "$dir/$e" ] || fail "regen wrote $dir/$e"
done
data() { grep -v '^#' "$1" | grep -v '^$' || true; }
cmp -s <(data "$dir/original.rdesc.hex" | tr -s ' \n' '\n\n') \
	<(data "$dir/fixed.rdesc.hex" | tr -s ' \n' '\n\n') ||
	fail "as generated, the fixed descriptor is the recorded one"
cmp -s <(data "$dir/events.original.txt") <(data "$dir/events.fixed.txt") ||
	fail "as generated, the events with the fixup are the original ones"
ok "as generated: built, attached after its probe accepted, descriptor and events unchanged"

# ---- 4. the fix (walkthrough: the same three edits)
sed -i 's|^#define RDESC_SIZE.*|&\n#define USAGE_MAXIMUM_BYTE 17 /* 29 03: Usage Maximum (3) */\n#define BUTTONS 5|' "$f"
sed -i 's|^\t/\* TODO the fix.*|\tdata[USAGE_MAXIMUM_BYTE] = BUTTONS;|' "$f"
sed -i 's|^fixes = TODO.*|fixes = buttons Usage Maximum 3 -> 5: the side buttons work|' db/fixups.db
grep -q 'data\[USAGE_MAXIMUM_BYTE\] = BUTTONS;' "$f" || fail "the fix edit applies to the generated file"
run ninja -C build
rc=0
tests/replay/regen "$dir" >"$work/out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { sed 's/^/# /' "$work/out"; fail "regen shows differences (exit 1, got $rc)"; }
grep -q '^-29 03 15 00' "$work/out" && grep -q '^+29 05 15 00' "$work/out" ||
	{ sed 's/^/# /' "$work/out"; fail "regen shows the descriptor change 29 03 -> 29 05"; }
grep -q '^+EV_KEY BTN_SIDE 1' "$work/out" ||
	{ sed 's/^/# /' "$work/out"; fail "regen shows the new BTN_SIDE events"; }
ok "regen shows the fix: 29 03 -> 29 05 and new BTN_SIDE events"

# ---- 5. accept, review by hand (here: by the facts above), mark reviewed
run tests/replay/regen --accept "$dir"
want=$(data "$dir/original.rdesc.hex" | tr -s ' \n' '\n\n' | grep . | sed '18s/^03$/05/')
got=$(data "$dir/fixed.rdesc.hex" | tr -s ' \n' '\n\n' | grep .)
[ "$want" = "$got" ] || fail "the fixed descriptor is the recorded one with byte 17 = 05"
for k in BTN_SIDE BTN_EXTRA; do
	grep -q "^EV_KEY $k 1$" "$dir/events.fixed.txt" || fail "fixed events have $k 1"
	grep -q "^EV_KEY $k 0$" "$dir/events.fixed.txt" || fail "fixed events have $k 0"
	! grep -q "$k" "$dir/events.original.txt" || fail "original events lack $k"
done
rc=0
tests/replay/regen --check-reviewed "$dir" >"$work/out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "--check-reviewed flags the new files (exit 1, got $rc)"
for e in events.original.txt fixed.rdesc.hex events.fixed.txt; do
	sed -i '/NOT REVIEWED/d' "$dir/$e"
	sed -i "1i # checked by tests/contrib/contributor-path.sh: byte 17 03 -> 05, BTN_SIDE and BTN_EXTRA from bits 3-4" "$dir/$e"
done
sed -i '1s/^# /## /' "$dir/events.original.txt" "$dir/events.fixed.txt"
run tests/replay/regen --check-reviewed "$dir"
ok "accepted: byte 17 is 05 and nothing else changed, BTN_SIDE/BTN_EXTRA 1 and 0 only with the fix; reviewed"

# ---- 6. the device table, the unit checks, the new vm test
run ninja -C build
cp build/db/devices.md doc/devices.md
grep -q 'Rapoo.*M50 Walkthrough' doc/devices.md || fail "doc/devices.md lists the new fixup"
run meson test -C build doc-devices-current db-tests-registered replay-expectations-reviewed
ok "unit checks pass: device table current, test registered, expectations reviewed"
run tests/vm/run-named fixup-rapoo-m50-walkthrough
grep -q '^ok 1 - fixup-rapoo-m50-walkthrough' "$work/out" || fail "the new vm test passes"
ok "the new vm test fixup-rapoo-m50-walkthrough passes"
echo "1..$n"
