#!/bin/bash
# `hidfix db validate` and hidfix-dbgen on broken copies of the database:
# each must fail and name the problem (with file:line for fixups.db).
set -u
hidfix=$1 dbgen=$2 db=$3 objdir=$4 testobjdir=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# expect_fail NAME PATTERN CMD...: CMD exits 1 and says PATTERN on stderr
expect_fail() {
	local name=$1 pattern=$2 rc
	shift 2
	"$@" >"$work/out" 2>"$work/err"
	rc=$?
	if [ "$rc" != 1 ]; then
		echo "FAIL $name: exit $rc, expected 1: $(cat "$work/out" "$work/err")"
		failures=$((failures + 1))
	elif ! grep -Eq -- "$pattern" "$work/err"; then
		echo "FAIL $name: stderr does not match '$pattern': $(cat "$work/err")"
		failures=$((failures + 1))
	else
		echo "ok $name: $(head -n 1 "$work/err")"
	fi
}

# broken DIR: the objects and a copy of fixups.db edited by sed
broken() {
	rm -rf "$work/dir"
	mkdir "$work/dir"
	cp "$objdir"/*.bpf.o "$work/dir/"
	sed "$1" "$db" >"$work/dir/fixups.db"
}

broken 's/^min-kernel = 6.11$/min-kernal = 6.11/'
expect_fail unknown-key "fixups.db:[0-9]+: unknown key 'min-kernal'" "$hidfix" db validate "$work/dir"
expect_fail dbgen-unknown-key "fixups.db:[0-9]+: unknown key 'min-kernal'" \
	"$dbgen" --db "$work/dir/fixups.db" --hwdb "$work/hwdb" --index "$work/index" "$work/dir"/*.bpf.o
[ -e "$work/hwdb" ] && { echo "FAIL: dbgen left an output behind"; failures=$((failures + 1)); }

broken '0,/^test = .*/s///'
expect_fail no-test "fixups.db:[0-9]+: \[0010-FR-TEC__Raptor-Mach-2\]: no test" "$hidfix" db validate "$work/dir"

broken 's/^vendor = Mistel$//'
expect_fail missing-key "fixups.db:[0-9]+: \[0010-Mistel__MD770\]: missing key 'vendor'" \
	"$hidfix" db validate "$work/dir"

broken 's/^status = stable$/status = unstable/'
expect_fail bad-status "fixups.db:[0-9]+: status 'unstable'" "$hidfix" db validate "$work/dir"

broken 's/^\[0010-Mistel__MD770\]$/[Mistel]/'
expect_fail bad-name "fixups.db:[0-9]+: 'Mistel' is not an object name" "$hidfix" db validate "$work/dir"

broken 's/^vendor = Rapoo$/vendor Rapoo/'
expect_fail malformed "fixups.db:[0-9]+: expected 'key = value'" "$hidfix" db validate "$work/dir"

# an object without an entry, an entry without an object
broken 's/^\[0010-Mistel__MD770\]$/[0010-Mistel__MD771]/'
expect_fail no-entry "0010-Mistel__MD770.bpf.o: no \[0010-Mistel__MD770\] entry" \
	"$hidfix" db validate "$work/dir"
broken 's/x/x/'
rm "$work/dir/0010-Mistel__MD770.bpf.o"
expect_fail no-object "fixups.db:[0-9]+: \[0010-Mistel__MD770\]: no such object" \
	"$hidfix" db validate "$work/dir"

# an object that is not a fixup (no metadata)
broken 's/x/x/'
head -c 300 "$objdir/0010-Mistel__MD770.bpf.o" >"$work/dir/0010-Mistel__MD770.bpf.o"
expect_fail truncated "0010-Mistel__MD770.bpf.o: " "$hidfix" db validate "$work/dir"

# two fixups for the same device and one has no probe to tell them apart
broken 's/x/x/'
cp "$testobjdir/0010-Test__Verifier-Reject.bpf.o" "$work/dir/"
printf '[0010-Test__Verifier-Reject]\nvendor = Test\nproduct = Verifier Reject\nfixes = nothing\nstatus = testing\ntest = loader\n' >>"$work/dir/fixups.db"
expect_fail overlap "0010-Rapoo__M50-Plus-Silent and 0010-Test__Verifier-Reject both match bus 0x0003 group 0x0001 24AE:2015 and one has no probe" \
	"$hidfix" db validate "$work/dir"

# the tree itself is valid
broken 's/x/x/'
if "$hidfix" db validate "$work/dir" >"$work/out" 2>&1; then
	echo "ok valid copy: $(cat "$work/out")"
else
	echo "FAIL valid copy: $(cat "$work/out")"
	failures=$((failures + 1))
fi
[ "$failures" = 0 ]
