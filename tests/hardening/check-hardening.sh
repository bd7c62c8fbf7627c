#!/bin/bash
# check-hardening BINARY...: each binary hidfix installs must be built
# hardened: position independent (ELF type DYN with an interpreter), full
# RELRO (a GNU_RELRO segment and BIND_NOW), the stack protector
# (__stack_chk_fail imported) and fortified libc calls (some *_chk import).
# A build with -Db_sanitize has no FORTIFY (ASan replaces those calls):
# pass --no-fortify there.
set -u
fortify=1
if [ "${1:-}" = --no-fortify ]; then
	fortify=
	shift
fi
failures=0
for bin in "$@"; do
	name=$(basename "$bin")
	problems=()
	header=$(readelf -h "$bin" 2>&1) || { echo "FAIL $name: not an ELF file: $header"; failures=$((failures + 1)); continue; }
	grep -Eq 'Type:[[:space:]]+DYN' <<<"$header" || problems+=("not PIE")
	segments=$(readelf -lW "$bin")
	grep -q 'INTERP' <<<"$segments" || problems+=("no interpreter (not an executable)")
	grep -q 'GNU_RELRO' <<<"$segments" || problems+=("no GNU_RELRO")
	grep -Eq 'BIND_NOW|FLAGS_1.*NOW' <<<"$(readelf -dW "$bin")" || problems+=("no BIND_NOW")
	imports=$(readelf -W --dyn-syms "$bin" | awk '$7 == "UND" { print $8 }')
	grep -q '^__stack_chk_fail' <<<"$imports" || problems+=("no stack protector")
	if [ -n "$fortify" ]; then
		grep -Eq '^__[a-z_]+_chk(@|$)' <<<"$imports" || problems+=("no fortified calls")
	fi
	if [ ${#problems[@]} = 0 ]; then
		echo "ok $name: PIE, RELRO, BIND_NOW, stack protector${fortify:+, fortify ($(grep -Ec '^__[a-z_]+_chk' <<<"$imports") checked calls)}"
	else
		echo "FAIL $name: $(IFS=,; echo "${problems[*]}")"
		failures=$((failures + 1))
	fi
done
[ "$failures" = 0 ]
