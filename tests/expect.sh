# Shared by the command-line test scripts (source it after setting $work,
# a scratch directory): fail() counts a failure in $failures, expect()
# runs a command that must exit with a given status and print exactly one
# line on stderr matching a pattern.
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# expect NAME RC PATTERN CMD...: exit RC, one line on stderr matching PATTERN
expect() {
	local name=$1 want=$2 pattern=$3 rc
	shift 3
	"$@" >"$work/out" 2>"$work/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		fail "$name: exit $rc, expected $want: $(head -c 300 "$work/err")"
	elif [ "$(wc -l <"$work/err")" != 1 ]; then
		fail "$name: expected one line on stderr, got: $(cat "$work/err")"
	elif ! grep -q -e "$pattern" "$work/err"; then
		fail "$name: no '$pattern' in: $(cat "$work/err")"
	else
		echo "ok: $name: $(cat "$work/err")"
	fi
}
