#!/bin/sh
# man.sh - the manual pages format without warnings, and jaw(1) lists
# every action of the action table and of the registry of views.
. "$top_srcdir/tests/tap.sh"

command -v groff >/dev/null 2>&1 || skip_all "groff is not installed"
builddir=$(dirname "$JAW")

for page in "$builddir/man/jaw.1" "$top_srcdir/man/jaw.5" "$top_srcdir/man/jawrc.5"; do
	out=$(groff -man -ww -z "$page" 2>&1)
	check "$(basename "$page") formats without warnings" test -z "$out"
	[ -z "$out" ] || diag "$out"
done

actions=$(sed -n 's/^ACTION([A-Z_]*, *"\([a-z-]*\)".*/\1/p' "$top_srcdir/src/action.def")
# the registry of views adds view-NAME for each view with a place of its own
views=$(sed -n 's/^VIEW([A-Z_]*, *\([a-z]*\), *\(PANE\|FULL\),.*/\1/p' "$top_srcdir/src/views.def")
check "views.def has views" test -n "$views"
for v in $views; do
	actions="$actions view-$v"
done
check "action.def has actions" test -n "$actions"
for a in $actions; do
	pattern=$(printf '%s' "$a" | sed 's/-/\\\\-/g')
	check "jaw(1) documents the action $a" grep -q "(\\\\fB$pattern\\\\fR)" "$builddir/man/jaw.1"
done
# the commands' synopsis and options come from the table of commands
for cmd in $("$JAW" --help | sed -n 's/^       jaw \([a-z][a-z-]*\) .*/\1/p' | grep -v COMMAND); do
	pattern=$(printf '%s' "$cmd" | sed 's/-/\\\\-/g')
	check "jaw(1) shows the synopsis of $cmd" grep -q "^\.B jaw $pattern\$" "$builddir/man/jaw.1"
	for opt in $("$JAW" "$cmd" --help | sed -n 's/^  \(-., \)*--\([a-z-]*\).*/\2/p' | grep -vx help); do
		o=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		check "jaw(1) describes $cmd --$opt" grep -q "^\.BI* \"\(\\\\-., \)*\\\\-\\\\-$o[ \"]" "$builddir/man/jaw.1"
	done
done
check "jaw(1) has its version" grep -q "$(sed -n 's/^AC_INIT(\[jaw\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")" "$builddir/man/jaw.1"

done_testing
