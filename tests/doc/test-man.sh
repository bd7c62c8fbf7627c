#!/bin/bash
# test-man.sh MANDIR HIDFIX HID-RECORD HID-REPLAY: the man pages format
# without a warning (groff -ww), and they keep up with the programs: every
# verb of `hidfix help` is documented in hidfix.1, and every long option
# that a program's --help lists appears in its page.
set -euo pipefail

mandir=$1
declare -A prog=([hidfix]=$2 [hid-record]=$3 [hid-replay]=$4)
fail=0
bad() { echo "not ok: $*"; fail=1; }

for page in hidfix hid-record hid-replay; do
	f=$mandir/$page.1
	[ -f "$f" ] || { bad "$f missing"; continue; }
	warn=$(groff -man -ww -z "$f" 2>&1) || true
	[ -z "$warn" ] || bad "$page.1: groff warns: $warn"
	help=$("${prog[$page]}" --help 2>&1) || true
	mapfile -t longs < <(grep -oE -- '^ +(-[a-zA-Z], )?--[a-z][a-z0-9-]+' <<<"$help" | grep -oE -- '--[a-z0-9-]+' | sort -u)
	[ ${#longs[@]} -gt 2 ] || bad "$page --help lists no options"
	for o in "${longs[@]}"; do
		# in roff each - is \-
		grep -qF -- "${o//-/\\-}" "$f" || bad "$page.1 does not document $o"
	done
	echo "ok: $page.1 formats cleanly and documents ${#longs[@]} options"
done

mapfile -t verbs < <("${prog[hidfix]}" help | sed -n '/^Verbs:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
[ ${#verbs[@]} -ge 8 ] || bad "hidfix help lists ${#verbs[@]} verbs"
for v in "${verbs[@]}"; do
	grep -qE "^\.B[IR]? \"?$v\b" "$mandir/hidfix.1" || bad "hidfix.1 has no entry for the verb $v"
done
echo "ok: hidfix.1 documents the ${#verbs[@]} verbs of hidfix help"
exit $fail
