#!/bin/bash
# test-completion.sh COMPLETION HIDFIX HID-RECORD HID-REPLAY: the bash
# completion offers every verb of `hidfix help` and every long option of
# the three programs' --help, the db sub-verbs, the recorder's backends,
# and fixup objects for inspect.
set -uo pipefail

# shellcheck source=/dev/null
source "$1"
hidfix=$2 record=$3 replay=$4
fail=0
bad() { echo "not ok: $*"; fail=1; }

complete_line() { # FUNC WORD... (the last word is the one completed)
	local fn=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	"$fn"
	printf '%s\n' "${COMPREPLY[@]}"
}
expect() { # FUNC "WORDS" WANTED...
	local fn=$1 words=$2 got w
	shift 2
	# shellcheck disable=SC2086 # split the words on purpose
	got=$(complete_line "$fn" $words '')
	for w in "$@"; do
		grep -qxF -- "$w" <<<"$got" || bad "'$words <TAB>' does not offer $w (got: $(echo $got))"
	done
}

mapfile -t verbs < <("$hidfix" help | sed -n '/^Verbs:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
[ ${#verbs[@]} -ge 8 ] || bad "hidfix help lists ${#verbs[@]} verbs"
expect _hidfix "hidfix" "${verbs[@]}"
echo "ok: 'hidfix <TAB>' offers the ${#verbs[@]} verbs"

for p in hidfix:"$hidfix":_hidfix hid-record:"$record":_hid_record hid-replay:"$replay":_hid_replay; do
	IFS=: read -r name bin fn <<<"$p"
	mapfile -t longs < <("$bin" --help 2>&1 | grep -oE -- '^ +(-[a-zA-Z], )?--[a-z][a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+' | sort -u)
	COMP_WORDS=("$name" --)
	COMP_CWORD=1
	COMPREPLY=()
	"$fn"
	for o in "${longs[@]}"; do
		# a here-string, not a pipe: grep -q may exit before printf is done
		grep -qxF -- "$o" <<<"$(printf '%s\n' "${COMPREPLY[@]}")" ||
			bad "'$name --<TAB>' does not offer $o"
	done
	echo "ok: '$name --<TAB>' offers the ${#longs[@]} long options of --help"
done

expect _hidfix "hidfix db" list search validate
expect _hid_record "hid-record --backend" hidraw hidapi
echo "ok: db sub-verbs, recorder backends"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
touch "$tmp/0010-A__B.bpf.o" "$tmp/notes.txt"
got=$(complete_line _hidfix hidfix inspect "$tmp/")
grep -qxF "$tmp/0010-A__B.bpf.o" <<<"$got" || bad "'hidfix inspect DIR/<TAB>' does not offer the object"
! grep -qxF "$tmp/notes.txt" <<<"$got" || bad "'hidfix inspect DIR/<TAB>' offers a non-object"
echo "ok: 'hidfix inspect DIR/<TAB>' offers .bpf.o files only"
exit $fail
