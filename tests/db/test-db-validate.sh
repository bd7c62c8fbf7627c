#!/bin/bash
# `hidfix db validate` and hidfix-dbgen on broken copies of the database:
# each must fail and name the problem (with file:line for fixups.db).
set -u
hidfix=$1 dbgen=$2 db=$3 objdir=$4 testobjdir=$5 srcroot=$6 testnames=$7
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

# broken SED (into $work/stable, the status folder of the objects): the objects and a copy of fixups.db edited by sed
broken() {
	rm -rf "$work/stable"
	mkdir "$work/stable"
	cp "$objdir"/*.bpf.o "$work/stable/"
	stable_only <"$db" | sed "$1" >"$work/stable/fixups.db"
}

# fixups.db without the sections of other statuses: the copies hold only
# the stable objects (the status must match the objects' folder)
stable_only() {
	awk '/^\[/ { flush(); insec = 1 }
	     insec { buf = buf $0 "\n"; if ($0 ~ /^status = / && $0 != "status = stable") drop = 1; next }
	     { print }
	     function flush() { if (!drop) printf "%s", buf; buf = ""; drop = 0 }
	     END { flush() }'
}

broken 's/^min-kernel = 6.11$/min-kernal = 6.11/'
expect_fail unknown-key "fixups.db:[0-9]+: unknown key 'min-kernal'" "$hidfix" db validate "$work/stable"
expect_fail dbgen-unknown-key "fixups.db:[0-9]+: unknown key 'min-kernal'" \
	"$dbgen" --db "$work/stable/fixups.db" --hwdb "$work/hwdb" --index "$work/index" "$work/stable"/*.bpf.o
[ -e "$work/hwdb" ] && { echo "FAIL: dbgen left an output behind"; failures=$((failures + 1)); }

broken '0,/^test = .*/s///'
expect_fail no-test "fixups.db:[0-9]+: \[0010-FR-TEC__Raptor-Mach-2\]: no test" "$hidfix" db validate "$work/stable"

broken 's/^vendor = Mistel$//'
expect_fail missing-key "fixups.db:[0-9]+: \[0010-Mistel__MD770\]: missing key 'vendor'" \
	"$hidfix" db validate "$work/stable"

broken 's/^status = stable$/status = unstable/'
expect_fail bad-status "fixups.db:[0-9]+: status 'unstable'" "$hidfix" db validate "$work/stable"

broken 's/^\[0010-Mistel__MD770\]$/[Mistel]/'
expect_fail bad-name "fixups.db:[0-9]+: 'Mistel' is not an object name" "$hidfix" db validate "$work/stable"

broken 's/^vendor = Rapoo$/vendor Rapoo/'
expect_fail malformed "fixups.db:[0-9]+: expected 'key = value'" "$hidfix" db validate "$work/stable"

# an object without an entry, an entry without an object
broken 's/^\[0010-Mistel__MD770\]$/[0010-Mistel__MD771]/'
expect_fail no-entry "0010-Mistel__MD770.bpf.o: no \[0010-Mistel__MD770\] entry" \
	"$hidfix" db validate "$work/stable"
broken 's/x/x/'
rm "$work/stable/0010-Mistel__MD770.bpf.o"
expect_fail no-object "fixups.db:[0-9]+: \[0010-Mistel__MD770\]: no such object" \
	"$hidfix" db validate "$work/stable"

# an object that is not a fixup (no metadata)
broken 's/x/x/'
head -c 300 "$objdir/0010-Mistel__MD770.bpf.o" >"$work/stable/0010-Mistel__MD770.bpf.o"
expect_fail truncated "0010-Mistel__MD770.bpf.o: " "$hidfix" db validate "$work/stable"

# two fixups for the same device and one has no probe to tell them apart
broken 's/x/x/'
cp "$testobjdir/0010-Test__Verifier-Reject.bpf.o" "$work/stable/"
printf '[0010-Test__Verifier-Reject]\nvendor = Test\nproduct = Verifier Reject\nfixes = nothing\nstatus = testing\ntest = loader\n' >>"$work/stable/fixups.db"
expect_fail overlap "0010-Rapoo__M50-Plus-Silent and 0010-Test__Verifier-Reject both match bus 0x0003 group 0x0001 24AE:2015 and one has no probe" \
	"$hidfix" db validate "$work/stable"

# an index that does not list what the objects declare
broken 's/x/x/'
printf '# an index\n0003 0001 000024AE 00002015 0010-Rapoo__M50-Plus-Silent\n' >"$work/stable/hidfix.index"
expect_fail stale-index "hidfix.index: the index does not list what the objects declare" \
	"$hidfix" db validate "$work/stable"

# build-time checks against the source tree: recordings and test names
dbgen_sources() {
	"$dbgen" --db "$work/stable/fixups.db" --source-root "$srcroot" --tests "$testnames" \
		"$work/stable"/*.bpf.o
}
broken '/^recording = tests\/replay\/mistel/d'
expect_fail no-recording "fixups.db:[0-9]+: \[0010-Mistel__MD770\]: no recording" dbgen_sources
broken 's|^recording = tests/replay/mistel-md770/device.hid|recording = tests/replay/rapoo-m50-plus-silent/device.hid|'
expect_fail wrong-recording "fixups.db:[0-9]+: \[0010-Mistel__MD770\]: recording tests/replay/rapoo-m50-plus-silent/device.hid has no device the object matches" \
	dbgen_sources
broken 's|^recording = tests/replay/mistel-md770/device.hid|recording = tests/replay/mistel-md770/missing.hid|'
expect_fail missing-recording "fixups.db:[0-9]+: \[0010-Mistel__MD770\]: recording: .*missing.hid: No such file" \
	dbgen_sources
broken 's|^recording = tests/replay/mistel-md770/device.hid|recording = ../mistel-md770/device.hid|'
expect_fail outside-recording "fixups.db:[0-9]+: \[0010-Mistel__MD770\]: recording '../mistel-md770/device.hid' must be a path inside" \
	dbgen_sources
broken 's|^test = fixup-mistel-md770|test = fixup-mistel-md771|'
expect_fail unknown-test "fixups.db:[0-9]+: \[0010-Mistel__MD770\]: test 'fixup-mistel-md771' is not a registered test" \
	dbgen_sources
broken 's|^test = fixup-mistel-md770|&\nnative = hid-mistel\nparity = yes\noracle-test = oracle-mistel|'
expect_fail unknown-oracle-test "fixups.db:[0-9]+: \[0010-Mistel__MD770\]: oracle-test 'oracle-mistel' is not a registered test" \
	dbgen_sources
broken 's/x/x/'
if dbgen_sources >"$work/out" 2>&1; then
	echo "ok valid copy against the sources"
else
	echo "FAIL valid copy against the sources: $(cat "$work/out")"
	failures=$((failures + 1))
fi

# the tree itself is valid
broken 's/x/x/'
if "$hidfix" db validate "$work/stable" >"$work/out" 2>&1; then
	echo "ok valid copy: $(cat "$work/out")"
else
	echo "FAIL valid copy: $(cat "$work/out")"
	failures=$((failures + 1))
fi
[ "$failures" = 0 ]
