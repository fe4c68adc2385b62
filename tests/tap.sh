# tap.sh - a few TAP helpers for the shell tests (sourced).
# ok CONDITION-COMMAND... DESCRIPTION is spelled: check "description" command args...
tap_n=0
tap_failed=0

# check DESCRIPTION COMMAND...: runs COMMAND; ok if it succeeds.
check() {
	desc=$1
	shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $desc"
	else
		echo "not ok $tap_n - $desc"
		tap_failed=$((tap_failed + 1))
	fi
}

# diag TEXT: a TAP diagnostic line.
diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

# skip_all REASON: the whole script is skipped.
skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

# done_testing: prints the plan; exit status says whether all passed.
done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# quiet COMMAND...: runs COMMAND with its output thrown away.
quiet() {
	"$@" >/dev/null 2>&1
}
