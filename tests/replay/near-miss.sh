#!/bin/bash
# near-miss.sh HIDFIX UHID_PLUG OBJECT RECORDING OFFSET...
#
# A fixup's probe accepts only the exact descriptor it knows. The first
# device of RECORDING is plugged in through uhid once as recorded, where
# `hidfix match` must report OBJECT accepted, and then once per near miss,
# where it must report OBJECT rejected by its probe:
#   - for each OFFSET, the descriptor with that byte changed (bit 0
#     flipped; give bytes the fixup checks or rewrites whose change
#     still parses: a changed item size makes the kernel refuse the
#     device before any probe);
#   - the descriptor one byte longer (a 0x00 byte appended).
# hid.ignore_special_drivers is 1 meanwhile (restored on exit), so that a
# native driver cannot bind and change the descriptor the probe is shown.
# match attaches nothing. Exit 0 all as expected, 1 otherwise, 77 without
# root or /dev/uhid.
set -u

hidfix=$1
plug=$2
object=$3
recording=$4
shift 4
param=/sys/module/hid/parameters/ignore_special_drivers
name=$(basename "$object" .bpf.o)
failures=0

if [ "$(id -u)" -ne 0 ] || [ ! -w /dev/uhid ]; then
	echo "near-miss: needs root and /dev/uhid: skipped"
	exit 77
fi
work=$(mktemp -d)
saved=$(cat "$param")
trap 'echo "$saved" >"$param"; rm -rf "$work"' EXIT
echo 1 >"$param"
mkdir -m 700 "$work/fixups"
cp "$object" "$work/fixups/"

# the R: bytes of the first device, one per line
awk '/^R:/ { for (i = 3; i <= NF; i++) print $i; exit }' "$recording" >"$work/rdesc"
size=$(wc -l <"$work/rdesc")

# variant LABEL: a recording with the descriptor in $work/bytes
variant() {
	awk '/^R:/ { exit } /^[NPI]:/ { print }' "$recording" >"$work/$1.hid"
	echo "R: $(wc -l <"$work/bytes") $(tr '\n' ' ' <"$work/bytes")" >>"$work/$1.hid"
}

# check VARIANT TEXT RESULT: match on VARIANT reports OBJECT as RESULT
check() {
	local out=$work/$1.out rc
	# shellcheck disable=SC2016
	"$plug" "$work/$1.hid" /bin/sh -c \
		'exec "$0" --fixup-dir "$1" match "$HIDFIX_TEST_DEVICE"' \
		"$hidfix" "$work/fixups" >"$out" 2>&1
	rc=$?
	[ $rc -eq 77 ] && exit 77
	if [ $rc -eq 0 ] && grep -Eq "^  $name +$3 " "$out"; then
		echo "ok: $2: $(grep -E "^  $name " "$out" | sed 's/  */ /g')"
	else
		echo "FAIL: $2: expected $name $3 (exit $rc):"
		sed 's/^/  | /' "$out"
		failures=$((failures + 1))
	fi
}

cp "$work/rdesc" "$work/bytes"
variant exact
check exact "exact descriptor ($size bytes)" accepted

for off in "$@"; do
	i=0
	while read -r b; do
		[ $i -eq "$off" ] && b=$(printf '%02x' $((0x$b ^ 1)))
		echo "$b"
		i=$((i + 1))
	done <"$work/rdesc" >"$work/bytes"
	variant "byte-$off"
	check "byte-$off" "byte $off $(sed -n "$((off + 1))p" "$work/rdesc") -> $(sed -n "$((off + 1))p" "$work/bytes")" rejected
done

{ cat "$work/rdesc"; echo 00; } >"$work/bytes"
variant longer
check longer "one byte longer ($((size + 1)) bytes)" rejected

[ $failures -eq 0 ] && echo "near-miss $name: probe accepts only the exact descriptor" && exit 0
echo "near-miss $name: $failures check(s) failed"
exit 1
