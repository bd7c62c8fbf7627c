#!/bin/bash
# run-fuzz.sh TARGET SECONDS REGRESSIONS SEED... : one fuzz test.
#   1. TARGET runs once over every input in REGRESSIONS (crashes found
#      earlier, kept in the repo) and over the seeds: none may crash;
#   2. then it fuzzes for SECONDS from the seeds (a scratch corpus: the
#      seed folders are never written). A crash fails the test; its input
#      is kept in the build folder (printed) to be added to REGRESSIONS
#      once fixed.
set -u
target=$1 seconds=$2 regressions=$3
shift 3
name=$(basename "$target")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TMPDIR=$work # the targets' scratch files go there too
keep=$(dirname "$target")/crashes-$name
mkdir -p "$keep" "$work/corpus"

inputs=()
[ -d "$regressions" ] && inputs+=("$regressions"/*)
for seed in "$@"; do
	[ -d "$seed" ] && inputs+=("$seed"/*) || inputs+=("$seed")
done
existing=()
for f in "${inputs[@]}"; do
	[ -f "$f" ] && existing+=("$f")
done
echo "$name: ${#existing[@]} regression and seed inputs"
if ! "$target" -runs=1 "${existing[@]}" >"$work/replay.log" 2>&1; then
	echo "FAIL: a regression or seed input crashes $name:"
	grep -E 'ERROR|Running:|SUMMARY' "$work/replay.log" | tail -n 20
	exit 1
fi

"$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -close_fd_mask=3 \
	-artifact_prefix="$keep/" "$work/corpus" "$@" >"$work/fuzz.log" 2>&1
rc=$?
stats=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$work/fuzz.log" | tail -n 1)
if [ "$rc" != 0 ]; then
	echo "FAIL: $name crashed after fuzzing; inputs kept in $keep:"
	ls "$keep"
	grep -E 'ERROR|SUMMARY|#[0-9]+ ' "$work/fuzz.log" | tail -n 20
	exit 1
fi
echo "ok $name: ${seconds}s without a crash: $stats"
