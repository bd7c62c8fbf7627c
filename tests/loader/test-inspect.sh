#!/bin/bash
# `hidfix inspect` on the built fixups prints the devices each declares
# (ids checked against the devices' USB ids), its hooks and its probe;
# bad objects give one-line errors and exit 1; usage errors exit 2.
set -u
hidfix=$1
stable=$2
testobj=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# check OBJECT LINE...: every LINE must appear in the human output
check() {
	local obj=$1 line
	shift
	if ! "$hidfix" inspect "$obj" >"$work/out" 2>&1; then
		fail "inspect $obj exited non-zero: $(cat "$work/out")"
		return
	fi
	for line in "$@"; do
		grep -qxF -- "$line" "$work/out" || fail "$(basename "$obj"): missing '$line' in: $(cat "$work/out")"
	done
	echo "ok $(basename "$obj")"
}

check "$stable/0010-Rapoo__M50-Plus-Silent.bpf.o" \
	"  device: bus 0x0003 (USB) group 0x0001 24AE:2015" \
	"  hook: rapoo_m50.hid_rdesc_fixup -> rapoo_m50_fix_rdesc" \
	"  license: GPL" "  probe: yes"
check "$stable/0010-Mistel__MD770.bpf.o" \
	"  device: bus 0x0003 (USB) group 0x0001 04D9:0339" \
	"  hook: mistel_md770.hid_rdesc_fixup -> mistel_md770_fix_rdesc" "  probe: yes"
check "$stable/0010-FR-TEC__Raptor-Mach-2.bpf.o" \
	"  device: bus 0x0003 (USB) group 0x0001 11C0:5606" \
	"  hook: raptor_mach2.hid_rdesc_fixup -> raptor_mach2_fix_rdesc" \
	"  hook: raptor_mach2.hid_device_event -> raptor_mach2_fix_hat" "  probe: yes"
check "$testobj/0020-Rapoo__M50-Plus-Silent.bpf.o" \
	"  name: 0020-Rapoo__M50-Plus-Silent (family Rapoo__M50-Plus-Silent, version 0020)"

# --json: one object per input, ids as numbers (0x24AE = 9390, 0x2015 = 8213)
"$hidfix" inspect --json "$stable/0010-Rapoo__M50-Plus-Silent.bpf.o" >"$work/json" 2>&1 ||
	fail "inspect --json failed"
grep -q '"devices": \[{"bus": 3, "group": 1, "vid": 9390, "pid": 8213}\]' "$work/json" ||
	fail "inspect --json devices: $(cat "$work/json")"
grep -q '"family": "Rapoo__M50-Plus-Silent", "version": 10' "$work/json" ||
	fail "inspect --json name: $(cat "$work/json")"

# bad objects: exit 1 and one line each
bad() {
	local pattern=$1 rc
	shift
	"$hidfix" inspect "$@" >"$work/out" 2>"$work/err"
	rc=$?
	if [ $rc != 1 ] || ! grep -q -- "$pattern" "$work/err" || [ "$(grep -c . "$work/err")" != 1 ]; then
		fail "inspect $*: exit $rc, stderr: $(cat "$work/err") (wanted '$pattern')"
	else
		echo "ok $(cat "$work/err")"
	fi
}
bad "cannot open: No such file" "$work/none.bpf.o"
bad "not an ELF file" /etc/hostname
bad "not a BPF object" /bin/sh
bad "not a regular file" /tmp
head -c 200 "$stable/0010-Rapoo__M50-Plus-Silent.bpf.o" >"$work/trunc.bpf.o"
bad "trunc.bpf.o: " "$work/trunc.bpf.o"
: >"$work/empty.bpf.o"
bad "not an ELF file" "$work/empty.bpf.o"
# found by fuzz-fixup-object: a .BTF section of type NOBITS made libbpf
# copy from NULL; kept as a regression input of the fuzz suite
bad "malformed object: .BTF is not a PROGBITS section" \
	"$(dirname "$0")/../fuzz/regressions/fuzz-fixup-object/btf-nobits.bpf.o"

"$hidfix" inspect >/dev/null 2>&1
[ $? = 2 ] || fail "inspect without OBJECT should exit 2"
"$hidfix" --bogus >/dev/null 2>&1
[ $? = 2 ] || fail "unknown option should exit 2"
"$hidfix" help add | grep -q "Usage: hidfix add DEVICE" || fail "help add"

echo "$failures failed"
[ $failures = 0 ]
