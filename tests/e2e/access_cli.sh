#!/bin/sh
# access_cli.sh - a project shared on a server: a user who may only read it
# can check and export it without creating or taking over the -wal and -shm
# files; an edit is refused with what to change. Needs root (to act as the
# user nobody with setpriv); skipped otherwise.
: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 ||
	skip_all "needs root and setpriv to act as another user"
cli_name=access
. "$top_srcdir/tests/e2e/cli_lib.sh"
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
nobody_jaw() {
	as_nobody "$JAW" "$@" </dev/null >"$out" 2>"$err"
	st=$?
}
nobody_expect() {
	want=$1
	shift
	nobody_jaw "$@"
	[ "$st" -eq "$want" ] && return 0
	diag "exit status $st, expected $want; stderr:" "$(cat "$err")"
	return 1
}
no_side_files() { [ ! -e "$1-wal" ] && [ ! -e "$1-shm" ]; }

chmod 755 "$work"
mkdir -m 755 "$work/ro"
"$JAW" init "$work/ro/p.jaw" --demo >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
chmod 644 "$work/ro/p.jaw"

# a read-only file in a read-only directory
check "a reader checks it: exit 0" nobody_expect 0 check "$work/ro/p.jaw"
check "a reader checks it: says what was skipped" out_has "read only for you: the checks of the full-text indexes"
check "a reader checks it: creates nothing" no_side_files "$work/ro/p.jaw"
check "a reader exports it: exit 0" nobody_expect 0 export codings "$work/ro/p.jaw"
check "a reader exports it: the codings" out_has "Rules of engagement"
check "a reader cannot code: exit 1" nobody_expect 1 code "$work/ro/p.jaw" --source 3 --start 0 --end 3 --code Training
check "a reader cannot code: says why and what to change" err_has "p.jaw is read only for you (mode 644, owner root, group root); to edit it, ask its owner to make it writable by a group you are in"
check "a reader cannot code: nothing changed" equals 0 "$work/ro/p.jaw" "SELECT count(*) FROM coding WHERE start_cp = 0 AND end_cp = 3"

# a directory anyone may write in (like /tmp): still nothing created
mkdir -m 1777 "$work/open"
cp "$work/ro/p.jaw" "$work/open/p.jaw"
chmod 644 "$work/open/p.jaw"
check "a reader in a writable directory: exit 0" nobody_expect 0 check "$work/open/p.jaw"
check "a reader in a writable directory: creates no -wal or -shm" no_side_files "$work/open/p.jaw"
check "the owner still codes after the reader: exit 0" expect 0 code "$work/open/p.jaw" --source 3 --start 0 --end 3 --code Training

# the owner has it open (its -shm exists): a reader shares it, takes nothing over
{ echo "SELECT count(*) FROM code;"; sleep 3; } | sqlite3 "$work/open/p.jaw" >/dev/null &
holder=$!
sleep 0.5
check "while the owner has it open, a reader checks it: exit 0" nobody_expect 0 check "$work/open/p.jaw"
check "the -shm stays the owner's" test "$(stat -c %u "$work/open/p.jaw-shm" 2>/dev/null || echo 0)" -eq 0
wait "$holder"
check "the owner codes after that: exit 0" expect 0 code "$work/open/p.jaw" --source 3 --start 3 --end 6 --code Training

# a writable file in a directory the user may not write: the directory is named
chmod 666 "$work/ro/p.jaw"
check "a writer in a read-only directory: exit 1" nobody_expect 1 code "$work/ro/p.jaw" --source 3 --start 0 --end 3 --code Training
check "a writer in a read-only directory: names the directory" err_has "the directory $work/ro is not writable for you (mode 755, owner root, group root)"
check "a writer in a read-only directory: creates nothing" no_side_files "$work/ro/p.jaw"

done_testing
