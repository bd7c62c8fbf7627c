#!/bin/bash
# test-new.sh HIDFIX SRCDIR: `hidfix new` on copies of the three list files
# of the source tree (no build, no VM): what it writes for the Rapoo M50
# recording, checked against the recording (ids 0003 24ae:2015, 186 bytes,
# byte 16-17 29 03); the edits land sorted in the fixup list, at the end of
# replay_fixups and in alphabetical position in fixups.db; and each bad
# input gives one line, a non-zero exit and leaves the tree as it was.
set -u
hidfix=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
rec=$src/tests/replay/rapoo-m50-plus-silent/device.hid

mktree() { # a minimal source tree: the files hidfix new reads and edits
	local t=$work/$1
	rm -rf "$t"
	mkdir -p "$t/fixups/testing" "$t/fixups/stable" "$t/tests/replay" "$t/db"
	cp "$src/fixups/testing/meson.build" "$t/fixups/testing/"
	cp "$src/tests/replay/meson.build" "$t/tests/replay/"
	cp "$src/db/fixups.db" "$t/db/"
	touch "$t/fixups/stable/0010-Rapoo__M50-Plus-Silent.patch"
	echo "$t"
}
snapshot() { (cd "$1" && find . -type f | sort | xargs sha256sum); }

# bad CASE EXPECTED-RC MESSAGE-PART ARGS...: one line, that exit, tree unchanged
bad() {
	local name=$1 want=$2 text=$3 t rc lines
	shift 3
	t=$(mktree "bad-$name")
	snapshot "$t" >"$work/before"
	rc=0
	"$hidfix" new --source-root "$t" "$@" >"$work/out" 2>"$work/err" || rc=$?
	lines=$(wc -l <"$work/err")
	[ "$rc" -eq "$want" ] || fail "$name: exit $rc, want $want"
	[ "$lines" -eq 1 ] || fail "$name: $lines lines on stderr: $(cat "$work/err")"
	grep -qF -- "$text" "$work/err" || fail "$name: stderr lacks '$text': $(cat "$work/err")"
	snapshot "$t" | cmp -s - "$work/before" || fail "$name: the tree changed"
	echo "ok: $name -> exit $rc: $(cat "$work/err")"
}

# ---- the good case
t=$(mktree good)
before=$failures
if ! "$hidfix" new --source-root "$t" Rapoo "M50 Test" --from "$rec" >"$work/out" 2>&1; then
	fail "good: $(cat "$work/out")"
fi
f=$t/fixups/testing/0010-Rapoo__M50-Test.bpf.c
d=$t/tests/replay/rapoo-m50-test
[ -f "$f" ] && [ -f "$d/device.hid" ] && [ -f "$d/original.rdesc.hex" ] || fail "good: files missing"
grep -q '^#define VENDOR_ID  0x24AE$' "$f" || fail "good: vendor id"
grep -q '^#define PRODUCT_ID 0x2015$' "$f" || fail "good: product id"
grep -q '^#define RDESC_SIZE 186$' "$f" || fail "good: descriptor size"
grep -q 'HID_BPF_CONFIG(HID_DEVICE(BUS_USB, HID_GROUP_ANY, VENDOR_ID, PRODUCT_ID));' "$f" || fail "good: match data"
grep -q '^// SPDX-License-Identifier: GPL-2.0-only$' "$f" || fail "good: SPDX line"
grep -q 'char _license\[\] SEC("license") = "GPL";' "$f" || fail "good: license"
grep -q 'rdesc_is_original(ctx->rdesc, ctx->rdesc_size) ? 0 : -EINVAL' "$f" || fail "good: probe"
# the byte array is the recorded descriptor
bytes=$(sed -n '/^static const __u8 original_rdesc/,/^};/p' "$f" | grep -oE '0x[0-9a-f]{2}' | sed 's/0x//' | tr '\n' ' ')
want=$(sed -n 's/^R: 186 //p' "$rec" | tr -s ' \r' ' ')
[ "${bytes% }" = "${want% }" ] || fail "good: original_rdesc differs from the recording's R: line"
grep -qE '^ \* +16: 29 03 +Usage Maximum \(3\)$' "$f" || fail "good: the annotated descriptor has offset 16 (29 03, Usage Maximum)"
[ "$(grep -cE '^ \* +[0-9]+: ' "$f")" -ge 80 ] || fail "good: fewer than 80 annotated items"
# the copied recording parses to the same device
grep -q '^I: 3 24ae 2015$' "$d/device.hid" || fail "good: device.hid I: line"
grep -q "^R: 186 $want" "$d/device.hid" || fail "good: device.hid R: line"
[ "$(grep -c '^E:' "$d/device.hid")" -eq "$(grep -c '^E:' "$rec")" ] || fail "good: device.hid E: lines"
# the list edits
diff "$src/fixups/testing/meson.build" "$t/fixups/testing/meson.build" >"$work/d1"
[ "$(grep -c '^>' "$work/d1")" -eq 1 ] && grep -q "^> 		'0010-Rapoo__M50-Test.bpf.c',$" "$work/d1" ||
	fail "good: fixups/testing/meson.build edit: $(cat "$work/d1")"
prev=$(grep -B1 "'0010-Rapoo__M50-Test.bpf.c'," "$t/fixups/testing/meson.build" | head -1)
next=$(grep -A1 "'0010-Rapoo__M50-Test.bpf.c'," "$t/fixups/testing/meson.build" | tail -1)
[[ $prev == *"foreach src : ["* || $prev < $'\t\t'"'0010-Rapoo__M50-Test.bpf.c'," ]] || fail "good: not sorted after '$prev'"
[[ $next == *"]"* || $next > $'\t\t'"'0010-Rapoo__M50-Test.bpf.c'," ]] || fail "good: not sorted before '$next'"
diff "$src/tests/replay/meson.build" "$t/tests/replay/meson.build" >"$work/d2"
grep -q "^> 	\['rapoo-m50-test', '0010-Rapoo__M50-Test', {'peer': false}\],$" "$work/d2" ||
	fail "good: replay_fixups edit: $(cat "$work/d2")"
awk '/^replay_fixups = \[/ { on = 1 } on && /^\]/ { print prev; exit } { prev = $0 }' "$t/tests/replay/meson.build" |
	grep -q "rapoo-m50-test" || fail "good: the test is not the last entry of replay_fixups"
diff "$src/db/fixups.db" "$t/db/fixups.db" >"$work/d3"
for l in '\[0010-Rapoo__M50-Test\]' 'vendor = Rapoo' 'product = M50 Test' 'status = testing' \
	'min-kernel = 6.11' 'test = fixup-rapoo-m50-test' \
	'recording = tests/replay/rapoo-m50-test/device.hid'; do
	grep -q "^> $l$" "$work/d3" || fail "good: fixups.db lacks '$l'"
done
# inserted before the first section that sorts after it (byte order)
next=$(grep -o '^\[[^]]*\]' "$t/db/fixups.db" | grep -A1 -xF '[0010-Rapoo__M50-Test]' | sed -n 2p)
first_after=$(grep -o '^\[[^]]*\]' "$src/db/fixups.db" |
	LC_ALL=C awk '$0 > "[0010-Rapoo__M50-Test]" { print; exit }')
[ "$next" = "$first_after" ] || fail "good: fixups.db section before '$next', want before '$first_after'"
[ $failures -eq "$before" ] && echo "ok: good case: ids, size, bytes, annotation, copied recording, three sorted edits"

# a second run refuses and changes nothing
snapshot "$t" >"$work/before"
rc=0
"$hidfix" new --source-root "$t" Rapoo "M50 Test" --from "$rec" >/dev/null 2>"$work/err" || rc=$?
[ $rc -eq 1 ] && grep -q 'exists already' "$work/err" || fail "second run: exit $rc: $(cat "$work/err")"
snapshot "$t" | cmp -s - "$work/before" || fail "second run: the tree changed"
echo "ok: a second run: $(cat "$work/err")"

# ---- bad input
printf 'R: 3 05 01 09\nE: 0.000000 1 00\n' >"$work/no-ids.hid"
printf 'D: 0\nR: 2 05 01\nI: 3 1 2\nD: 1\nR: 2 05 01\nI: 3 1 3\n' >"$work/two.hid"
printf 'R: 3 05 01\n' >"$work/broken.hid"
bad no-from 2 'usage: hidfix new' Rapoo X
bad one-name 2 'usage: hidfix new' Rapoo --from "$rec"
bad bad-vendor 2 "character '/' not allowed" 'Ra/poo' X --from "$rec"
bad underscores 2 "character '_' not allowed" Rapoo 'M50__X' --from "$rec"
bad double-space 2 "no doubled or trailing" Rapoo 'M50  X' --from "$rec"
bad empty-product 2 "give 1-64 characters" Rapoo '' --from "$rec"
bad long-name 2 "give 1-64 characters" Rapoo "$(printf 'x%.0s' {1..65})" --from "$rec"
bad no-recording 1 "No such file" Rapoo X --from "$work/nope.hid"
bad broken-recording 1 "broken.hid:1:" Rapoo X --from "$work/broken.hid"
bad no-ids 1 "no I: line" Rapoo X --from "$work/no-ids.hid"
bad two-devices 1 "2 devices recorded: choose one with --device N" Rapoo X --from "$work/two.hid"
bad no-such-device 1 "no device 5" Rapoo X --from "$work/two.hid" --device 5
bad bad-device 2 "--device 'x'" Rapoo X --from "$work/two.hid" --device x
bad existing-family 1 "0010-Rapoo__M50-Plus-Silent.patch exists already" Rapoo 'M50 Plus Silent' --from "$rec"
# not a source tree
rc=0
"$hidfix" new --source-root "$work" Rapoo X --from "$rec" >/dev/null 2>"$work/err" || rc=$?
[ $rc -eq 1 ] && grep -q 'not the top of a hidfix source tree' "$work/err" || fail "not a tree: $rc $(cat "$work/err")"
echo "ok: not a source tree: $(cat "$work/err")"
# a list without its anchor: refused before anything is written
t=$(mktree no-anchor)
sed -i 's/^replay_fixups = \[/replay_fixups_renamed = [/' "$t/tests/replay/meson.build"
snapshot "$t" >"$work/before"
rc=0
"$hidfix" new --source-root "$t" Rapoo X --from "$rec" >/dev/null 2>"$work/err" || rc=$?
[ $rc -eq 1 ] && grep -q "no line 'replay_fixups = \['" "$work/err" || fail "no anchor: $rc $(cat "$work/err")"
snapshot "$t" | cmp -s - "$work/before" || fail "no anchor: the tree changed"
echo "ok: missing list: $(cat "$work/err")"
# the second device of a two-device recording
t=$(mktree device1)
"$hidfix" new --source-root "$t" Test Two --from "$work/two.hid" --device 1 >/dev/null 2>&1 || fail "--device 1"
grep -q '^#define PRODUCT_ID 0x0003$' "$t/fixups/testing/0010-Test__Two.bpf.c" || fail "--device 1 took the wrong device"
echo "ok: --device 1 takes the second device"

[ $failures -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
