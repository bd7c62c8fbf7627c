#!/bin/bash
# `hidfix decode` on a real kernel (vm suite): the Rapoo M50 recording is
# plugged in through uhid (uhid-plug); decoding its /dev/hidrawN node
# (HIDIOCGRDESC) and its sysfs directory (report_descriptor) prints exactly
# what decoding the recording file prints (no kernel driver rewrites this
# mouse's descriptor).
#
# decode-vm.sh HIDFIX UHID_PLUG RECORDING
set -u
hidfix=$1 plug=$2 rec=$3

if [ "$(id -u)" != 0 ] || [ ! -e /dev/uhid ]; then
	echo "SKIP: needs root and /dev/uhid"
	exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export hidfix work

"$hidfix" decode "$rec" >"$work/rec.txt" || { echo "FAIL: decode $rec"; exit 1; }
# shellcheck disable=SC2016 # expanded by the inner shell
"$plug" "$rec" "$(command -v bash)" -c '
	dev=$HIDFIX_TEST_DEVICE node=
	for _ in $(seq 100); do
		name=$(ls "$dev/hidraw" 2>/dev/null | head -n 1)
		[ -n "$name" ] && [ -c "/dev/$name" ] && node=/dev/$name && break
		sleep 0.1
	done
	[ -n "$node" ] || { echo "FAIL: no hidraw node for $dev"; exit 1; }
	"$hidfix" decode "$node" >"$work/hidraw.txt" || { echo "FAIL: decode $node"; exit 1; }
	"$hidfix" decode "$dev" >"$work/sysfs.txt" || { echo "FAIL: decode $dev"; exit 1; }
	echo "decoded $node and $dev"
' || exit 1
for form in hidraw sysfs; do
	if ! cmp -s "$work/rec.txt" "$work/$form.txt"; then
		echo "FAIL: $form decode differs from the recording's:"
		diff -u "$work/rec.txt" "$work/$form.txt" | head -20
		exit 1
	fi
done
echo "ok: hidraw and sysfs decode = recording decode ($(grep -c '' "$work/rec.txt") lines)"
