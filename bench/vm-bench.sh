#!/bin/bash
# The bench suite's VM part: says which host this is (the guest only sees
# qemu's emulated CPU), then boots the VM once for build/bench/run-vm.sh.
#   bench/vm-bench.sh BUILDDIR [vm-run options]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: vm-bench.sh BUILDDIR}
shift
echo "# host: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(uname -r)"
exec "$top/tests/vm/vm-run" "$@" -- "$build/bench/run-vm.sh"
