#!/bin/bash
# Recordings hid-replay must refuse before it creates any device: one line
# on stderr naming the file and the line, exit 1, no crash. Runs on the
# host without privileges (the recording is read before anything else).
#
# malformed.sh HID_REPLAY
set -u
replay=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
rdesc='R: 4 05 01 09 02'

# case NAME LINE: hid-replay on $work/NAME must fail at line LINE
case_() {
	local name=$1 line=$2 file=$work/$1 rc lines
	"$replay" "$file" >"$work/out" 2>"$work/err"
	rc=$?
	lines=$(wc -l <"$work/err")
	if [ "$rc" != 1 ]; then
		echo "FAIL: $name: exit $rc, expected 1: $(head -c 300 "$work/err")"
		failures=$((failures + 1))
	elif [ "$lines" != 1 ]; then
		echo "FAIL: $name: expected one line on stderr, got $lines"
		failures=$((failures + 1))
	elif ! grep -q "^hid-replay: $file:$line: " "$work/err"; then
		echo "FAIL: $name: no '$file:$line:' in: $(cat "$work/err")"
		failures=$((failures + 1))
	else
		echo "ok: $name: $(cat "$work/err")"
	fi
}

printf '%s\nN: x\nI: 3 0001 0002\nE: 0.000000 3 01 02 03\nE: 0.0100' "$rdesc" >"$work/truncated-line"
case_ truncated-line 5

printf '%s\nE: 0.000000 2 01 0\n' "$rdesc" >"$work/truncated-byte"
case_ truncated-byte 2

printf '%s\nI: 3 0001 0002\nE: 0.000000 3 01 zz 03\n' "$rdesc" >"$work/bad-hex"
case_ bad-hex 3

printf 'R: 5 05 01 09 02\n' >"$work/rdesc-length-mismatch"
case_ rdesc-length-mismatch 1

printf '%s\n# comment\nE: 0.000000 4 01 02 03\n' "$rdesc" >"$work/event-length-mismatch"
case_ event-length-mismatch 3

printf 'N: x\nE: 0.000000 1 01\n%s\n' "$rdesc" >"$work/event-before-rdesc"
case_ event-before-rdesc 2

{
	printf '%s\nE: 0.000000 1 01\nE: 0.000100 ' "$rdesc"
	head -c 5000000 /dev/zero | tr '\0' 'a'
	printf '\n'
} >"$work/five-mb-line"
case_ five-mb-line 3

{
	printf '%s\n' "$rdesc"
	printf '\x7fELF\x02\x01\x01\x00\x00\x00\xff\xfe\x01\n\x00\x00\x13\x37garbage\n'
} >"$work/binary-garbage"
case_ binary-garbage 2

printf 'X: what\n' >"$work/unknown-line"
case_ unknown-line 1

if [ "$failures" != 0 ]; then
	echo "$failures case(s) failed"
	exit 1
fi
