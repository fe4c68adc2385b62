#!/bin/sh
# valgrind.sh BIN TEST... - runs command-line tests (tests/e2e/*.sh) with
# every jaw they run under valgrind (tests/valgrind-jaw.sh), BIN being a
# jaw built without sanitizers. Prints each test's TAP lines, prefixed
# with its name, then one TAP line per test for valgrind's reports (a
# memory error or a definite or indirect leak in any run fails it), and
# exits 1 if anything failed. Needs top_srcdir (default: this script's
# directory's parent).
set -u
[ $# -ge 2 ] || { echo "usage: valgrind.sh BIN TEST..." >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$(dirname "$here")}
bin=$1
shift
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
command -v valgrind >/dev/null 2>&1 || { echo "valgrind.sh: valgrind is not installed" >&2; exit 77; }
[ -x "$bin" ] || { echo "valgrind.sh: $bin is not a program" >&2; exit 2; }
logs=$(mktemp -d "${TMPDIR:-/tmp}/jaw-valgrind-XXXXXX") || exit 1
trap 'rm -rf "$logs"' EXIT
export top_srcdir
failed=0
for t in "$@"; do
	name=$(basename "$t" .sh)
	mkdir "$logs/$name"
	out=$(JAW="$here/valgrind-jaw.sh" JAW_VALGRIND_BIN="$bin" JAW_VALGRIND_LOGS="$logs/$name" \
		LC_ALL=C.UTF-8 sh "$t" 2>&1)
	st=$?
	printf '%s\n' "$out" | sed "s/^/$name: /"
	printf '%s\n' "$out" | grep -q '^not ok' && failed=1
	[ "$st" -eq 0 ] || failed=1
	runs=$(find "$logs/$name" -name '*.log' | wc -l)
	bad=$(find "$logs/$name" -name '*.log' -size +0 | wc -l)
	if [ "$bad" -eq 0 ]; then
		echo "ok - valgrind $name: $runs runs of jaw, no error and no leak"
	else
		failed=1
		echo "not ok - valgrind $name: $bad of $runs runs of jaw with errors or leaks"
		find "$logs/$name" -name '*.log' -size +0 | head -n 3 | while read -r f; do
			sed 's/^/# /' "$f" | head -n 40
		done
	fi
done
exit $failed
