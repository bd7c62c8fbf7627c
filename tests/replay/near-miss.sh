#!/bin/bash
# near-miss.sh HIDFIX HID-REPLAY SRCDIR DIR=OBJECT[@OFF,...]...: every
# fixup's probe accepts only the descriptor it knows. For each replay test DIR
# (tests/replay/DIR: device.hid, fixed.rdesc.hex) and its object, two near
# misses of the recorded descriptor are created through /dev/uhid, and
# `hidfix add DEVICE OBJECT` must answer "probe rejected the device",
# exit 1, for both:
#   one byte different: each byte at OFF given, else the first byte the
#     fixup changes (recorded vs fixed descriptor), or the middle byte for
#     a fixup that changes no descriptor byte; XOR 0x01;
#   one byte longer: the recorded descriptor plus a 0x00 byte.
# All devices are created at once by one `hid-replay --wait` (a process
# costs ~100 ms in the VM), bound to hid-generic (ignore_special_drivers,
# so no native driver rewrites a descriptor first). Runs in the VM (root,
# /dev/uhid); exits 77 elsewhere.
set -u
hidfix=$1 hid_replay=$2 src=$3
shift 3
[ "$(id -u)" -eq 0 ] && [ -e /dev/uhid ] || { echo "SKIP: needs root and /dev/uhid"; exit 77; }
work=$(mktemp -d)
param=/sys/module/hid/parameters/ignore_special_drivers
old_param=$(cat "$param")
pid=''
cleanup() {
	exec 3>&- 2>/dev/null
	[ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
	echo "$old_param" >"$param"
	rm -rf "$work"
}
trap cleanup EXIT
failures=0

hexdata() { grep -v '^#' "$1" | tr -s ' \t\n' '\n\n\n' | grep .; }

# one recording with a device per near miss
declare -a objs whats dirs
k=0
for pair in "$@"; do
	dir=${pair%%=*} obj=${pair#*=} offs=''
	if [[ $obj == *@* ]]; then offs=${obj#*@} obj=${obj%@*}; fi
	rec=$src/tests/replay/$dir/device.hid
	mapfile -t orig < <(sed -n 's/^R: [0-9]* //p' "$rec" | head -1 | tr ' ' '\n' | grep .)
	mapfile -t fixed < <(hexdata "$src/tests/replay/$dir/fixed.rdesc.hex")
	len=${#orig[@]}
	at=-1
	for ((i = 0; i < len; i++)); do
		if [ "${orig[$i]}" != "${fixed[$i]:-}" ]; then at=$i; break; fi
	done
	[ $at -ge 0 ] || at=$((len / 2))
	# flip a data byte, not an item's prefix: a changed prefix makes a
	# different item, and usually a descriptor the kernel does not parse
	echo "${orig[*]}" >"$work/orig.hex"
	want=$at
	while read -r off size; do
		[ $((off + size)) -gt "$want" ] || continue
		if [ "$size" -gt 1 ]; then
			# the byte itself if it is data, else this item's first data byte
			if [ "$want" -gt "$off" ]; then at=$want; else at=$((off + 1)); fi
			break
		fi
		want=$((off + size)) # a one-byte item: the next item's data
	done < <("$hidfix" decode --no-summary "$work/orig.hex" 2>/dev/null |
		awk '$1 ~ /^[0-9]+:$/ { n = 0; for (i = 2; i <= NF && $i ~ /^[0-9a-f][0-9a-f]$/; i++) n++; sub(":", "", $1); print $1, n }')
	kinds=(byte)
	[ -z "$offs" ] || IFS=, read -r -a kinds <<<"$offs"
	for kind in "${kinds[@]}" longer; do
		bytes=("${orig[@]}")
		[ "$kind" = byte ] || [ "$kind" = longer ] || at=$kind
		if [ $kind != longer ]; then
			bytes[at]=$(printf '%02x' $((0x${bytes[at]} ^ 1)))
			whats[k]="byte $at ${orig[$at]} -> ${bytes[$at]}"
		else
			bytes+=(00)
			whats[k]="$((len + 1)) bytes"
		fi
		objs[k]=$obj dirs[k]=$dir
		{
			echo "D: $k"
			echo "R: ${#bytes[@]} ${bytes[*]}"
			echo "N: hidfix near-miss $k"
			grep -m1 '^I:' "$rec"
		} >>"$work/all.hid"
		k=$((k + 1))
	done
done

echo 1 >"$param"
mkfifo "$work/enter"
"$hid_replay" --wait "$work/all.hid" <"$work/enter" >"$work/replay.log" 2>&1 &
pid=$!
exec 3>"$work/enter"
declare -a sys
found=0
for ((t = 0; t < 600 && found < k; t++)); do
	sleep 0.5
	kill -0 "$pid" 2>/dev/null || break
	found=0
	# one grep for all devices: a process costs ~100 ms in the VM
	while read -r line; do
		name=${line##*:HID_NAME=hidfix near-miss }
		u=${line%%/uevent:HID_NAME=*}
		sys[name]=${u##*/}
		found=$((found + 1))
	done < <(grep -H '^HID_NAME=hidfix near-miss ' /sys/bus/hid/devices/*/uevent 2>/dev/null)
done
if [ $found -lt $k ]; then
	echo "not ok 1 only $found of $k near-miss devices appeared"
	sed 's/^/# /' "$work/replay.log"
	exit 1
fi

for ((i = 0; i < k; i++)); do
	dev=${sys[$i]}
	rc=0
	"$hidfix" add --force "$dev" "${objs[$i]}" >"$work/out" 2>&1 || rc=$?
	name=${objs[$i]##*/}
	name=${name%.bpf.o}
	if [ $rc -eq 1 ] && grep -q 'probe rejected the device' "$work/out"; then
		echo "ok $((i + 1)) ${dirs[$i]}: $name rejects ${whats[$i]}"
	else
		echo "not ok $((i + 1)) ${dirs[$i]}: $name on ${whats[$i]}: exit $rc: $(tr '\n' ' ' <"$work/out")"
		failures=$((failures + 1))
		"$hidfix" remove "$dev" >/dev/null 2>&1
	fi
done
echo >&3
exec 3>&-
wait "$pid" || { echo "not ok: hid-replay failed"; sed 's/^/# /' "$work/replay.log"; failures=$((failures + 1)); }
pid=''
echo "1..$k"
[ $failures -eq 0 ]
