#!/bin/bash
# canary-uhid.sh: vm test checking that the guest can run HID-BPF fixups at
# all: /dev/uhid exists, /sys/fs/bpf is a bpffs, and the kernel is built with
# HID-BPF (the hid_bpf_ops struct_ops type is in its BTF). Prints each check.
set -euo pipefail

if [ "${HIDFIX_IN_VM:-}" != 1 ]; then
	echo "not inside the vm-run guest (HIDFIX_IN_VM unset)"
	exit 77
fi

bad=0
ok() { echo "ok: $*"; }
no() { echo "FAILED: $*"; bad=1; }

echo "kernel: $(uname -r)"

if [ -c /dev/uhid ]; then
	ok "/dev/uhid is a character device ($((16#$(stat -c %t /dev/uhid))):$((16#$(stat -c %T /dev/uhid))))"
else
	no "/dev/uhid missing (uhid module not loaded?)"
fi

fstype=$(stat -f -c %T /sys/fs/bpf 2>/dev/null || echo none)
if [ "$fstype" = bpf_fs ]; then
	ok "/sys/fs/bpf is bpffs"
else
	no "/sys/fs/bpf is '$fstype', not bpffs"
fi

btf=/sys/kernel/btf/vmlinux
if [ -r "$btf" ]; then
	ok "$btf present (CONFIG_DEBUG_INFO_BTF)"
	# fast check: the type name in the BTF string table (a full bpftool
	# dump takes ~5 s under TCG, so it only runs with HIDFIX_VM_VERBOSE)
	if grep -aq 'hid_bpf_ops' "$btf"; then
		ok "'hid_bpf_ops' in the BTF string table of $btf"
	else
		no "no 'hid_bpf_ops' in $btf: CONFIG_HID_BPF is off"
	fi
	if [ -n "${HIDFIX_VM_VERBOSE:-}" ] && command -v bpftool >/dev/null; then
		if bpftool btf dump file "$btf" 2>/dev/null | grep "STRUCT 'hid_bpf_ops'"; then
			ok "bpftool finds STRUCT hid_bpf_ops in $btf"
		else
			no "bpftool finds no STRUCT hid_bpf_ops in $btf"
		fi
	fi
else
	no "$btf missing (kernel without BTF)"
fi

# HID-BPF code in the running kernel (drivers/hid/bpf is built in when on)
nsyms=$(grep -c ' hid_bpf_' /proc/kallsyms || true)
if [ "$nsyms" -gt 0 ]; then
	ok "$nsyms hid_bpf_* symbols in /proc/kallsyms: CONFIG_HID_BPF=y"
else
	no "no hid_bpf_* symbols in /proc/kallsyms: CONFIG_HID_BPF is off"
fi

exit $bad
