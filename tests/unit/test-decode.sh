#!/bin/bash
# `hidfix decode` on the host (no kernel):
#  - every descriptor in the repo's test data decodes without an error:
#    tests/replay/*/*.rdesc.hex, every recording (*.hid, *.rec) under tests/
#    (each device of a multi-device recording) and tests/unit/data;
#  - the same descriptor as a hex file, a recording, a binary file and a
#    sysfs-like directory (report_descriptor inside) decodes identically;
#  - --diff of the Rapoo M50 pair shows exactly one change: Usage Maximum
#    (3) -> (5) at offset 16 (bytes 29 03 -> 29 05), checked by hand
#    against the two hex files;
#  - malformed files: exit 1, the items before the error on stdout, one
#    line "hidfix: FILE: malformed descriptor at offset N: reason";
#  - bad arguments: exit 2 (usage) or 1 (unreadable), one line each.
#
# test-decode.sh HIDFIX SOURCE_ROOT
set -u
hidfix=$1 top=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../expect.sh"

# (a) the repo's descriptors
n=0
while IFS= read -r f; do
	n=$((n + 1))
	if ! "$hidfix" decode "$f" >"$work/out" 2>"$work/err"; then
		fail "decode $f: $(cat "$work/err")"
	elif [ -s "$work/err" ] || ! grep -q 'Report summary' "$work/out"; then
		fail "decode $f: unexpected output: $(head -c 300 "$work/err")"
	fi
done < <(cd "$top" && find tests/replay tests/unit/data -name '*.rdesc.hex' -o -name '*.hex' | sort -u | sed "s|^|$top/|"
	 cd "$top" && find tests \( -name '*.hid' -o -name '*.rec' \) | sort | sed "s|^|$top/|")
[ "$n" -ge 30 ] || fail "only $n descriptor files found"
echo "ok: $n descriptor files decode without an error"

# a recording with two devices decodes both
"$hidfix" decode "$top/tests/record/two-devices.hid" >"$work/out" 2>&1 || fail "two-devices.hid"
[ "$(grep -c '^# .*two-devices.hid: device' "$work/out")" = 2 ] ||
	fail "two-devices.hid: expected two device headers"

# one descriptor, every file form
rapoo=$top/tests/replay/rapoo-m50-plus-silent
"$hidfix" decode "$rapoo/original.rdesc.hex" >"$work/hex.txt" || fail "rapoo hex"
"$hidfix" decode "$rapoo/device.hid" >"$work/rec.txt" || fail "rapoo recording"
grep -v '^#' "$rapoo/original.rdesc.hex" | xxd -r -p >"$work/rapoo.bin"
"$hidfix" decode "$work/rapoo.bin" >"$work/bin.txt" || fail "rapoo binary"
mkdir "$work/hiddev" && cp "$work/rapoo.bin" "$work/hiddev/report_descriptor"
"$hidfix" decode "$work/hiddev" >"$work/dir.txt" || fail "rapoo sysfs-like directory"
for form in rec bin dir; do
	cmp -s "$work/hex.txt" "$work/$form.txt" || fail "rapoo: $form output differs from hex"
done
# 92 items (counted from the prefix bytes' sizes), then the summary: a
# title, 6 reports and 10 fields
[ "$(grep -c '' "$work/hex.txt")" = 109 ] || fail "rapoo: expected 92 items + 17 summary lines"
echo "ok: hex, recording, binary and directory forms decode the same"
"$hidfix" --json decode "$rapoo/original.rdesc.hex" >"$work/json" || fail "--json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d[0]["items"]) == 92' \
	"$work/json" 2>/dev/null || fail "--json: not JSON with 92 items"

# (d) --diff
"$hidfix" decode --diff "$rapoo/original.rdesc.hex" "$rapoo/fixed.rdesc.hex" >"$work/diff" ||
	fail "--diff rapoo: exit $?"
grep '^[-+] ' "$work/diff" >"$work/changes"
printf '%s\n' '-   16: 29 03               Usage Maximum (3)' \
	'+   16: 29 05               Usage Maximum (5)' >"$work/want"
if cmp -s "$work/changes" "$work/want"; then
	echo "ok: --diff rapoo: $(tr '\n' '|' <"$work/changes")"
else
	fail "--diff rapoo: $(cat "$work/changes")"
fi
[ "$(grep -c '^  ' "$work/diff")" = 91 ] || fail "--diff rapoo: expected 91 unchanged items"

# (c) malformed files
printf '05 01 09 02 a1 01 85 01 09 01 a1 00 05 09 19\n' >"$work/cut.hex"
expect "truncated item" 1 'cut.hex: malformed descriptor at offset 14: item truncated' \
	"$hidfix" decode "$work/cut.hex"
grep -q '^  12: 05 09 ' "$work/out" || fail "truncated item: items before the error not printed"
printf '05 01 fe 10 01 02 03\n' >"$work/long.hex"
expect "long item overrun" 1 'offset 2: long item runs past the end' \
	"$hidfix" decode "$work/long.hex"
printf '05 01 b4 09 02\n' >"$work/pop.hex"
expect "Pop without Push" 1 'offset 2: Pop without Push' "$hidfix" decode "$work/pop.hex"
grep -q '^   3: 09 02 ' "$work/out" || fail "Pop without Push: decoding did not go on"
printf '09 01 c0 c0\n' >"$work/endcol.hex"
expect "End Collection without Collection" 1 'offset 2: End Collection without Collection' \
	"$hidfix" decode "$work/endcol.hex"
printf 'a1 01 a1 00 c0\n' >"$work/open.hex"
expect "unclosed Collection" 1 'offset 5: 1 Collection(s) not closed' \
	"$hidfix" decode "$work/open.hex"
printf '75 ff 95 01 81 02\n' >"$work/size.hex"
"$hidfix" decode "$work/size.hex" >/dev/null 2>&1 || fail "Report Size 255: rejected"
printf '76 00 10 95 01 81 02\n' >"$work/size.hex"
expect "absurd Report Size" 1 'offset 0: Report Size above 256 bits' \
	"$hidfix" decode "$work/size.hex"
expect "--diff with a malformed side" 1 'long.hex: malformed descriptor at offset 2' \
	"$hidfix" decode --diff "$rapoo/original.rdesc.hex" "$work/long.hex"

# (e) bad arguments and unreadable sources
expect "no SOURCE" 2 'decode: expected exactly one SOURCE' "$hidfix" decode
expect "two SOURCEs" 2 'decode: expected exactly one SOURCE' "$hidfix" decode a b
expect "--diff with one SOURCE" 2 'decode --diff: expected two SOURCEs' \
	"$hidfix" decode --diff "$rapoo/original.rdesc.hex"
expect "--diff --json" 2 'exclude each other' "$hidfix" --json decode --diff a b
"$hidfix" decode --frob x >/dev/null 2>&1
[ $? = 2 ] || fail "unknown option: expected exit 2"
expect "missing file" 1 '/nonexistent: No such file or directory' "$hidfix" decode /nonexistent
: >"$work/empty"
expect "empty file" 1 'empty file, no descriptor' "$hidfix" decode "$work/empty"
printf 'hello world\n' >"$work/text"
expect "text that is not hex" 1 'text' "$hidfix" decode "$work/text"
expect "directory without report_descriptor" 1 'not a HID device directory' \
	"$hidfix" decode "$work"
head -c 5000 /dev/zero >"$work/big.bin"
expect "binary file larger than a descriptor" 1 'more than a descriptor can be' \
	"$hidfix" decode "$work/big.bin"
expect "--diff of a two-device recording" 1 'has 2 descriptors, expected one' \
	"$hidfix" decode --diff "$top/tests/record/two-devices.hid" "$rapoo/device.hid"

if [ "$failures" != 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "all decode checks passed"
