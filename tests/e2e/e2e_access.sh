#!/bin/sh
# e2e_access.sh - end to end in tmux: a user who may only read a project
# opens it in the interface read-only, marked so, with the reason in the
# status bar; a key that would change it is refused up front, and nothing
# is created beside the project. Needs root (to act as the user nobody).
. "$top_srcdir/tests/tap.sh"

[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 ||
	skip_all "needs root and setpriv to act as another user"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

. "$top_srcdir/tests/e2e/tmux_lib.sh"
chmod 755 "$work"
mkdir -m 755 "$work/ro"
project="$work/ro/p.jaw"
"$JAW" init "$project" --demo >/dev/null || { echo "Bail out! cannot make the demo"; exit 1; }
chmod 644 "$project"
codings=$(sqlite3 "$project" "SELECT count(*) FROM coding")

start "env HOME=/nonexistent JAW_TODAY=2026-11-25 setpriv --reuid=65534 --regid=65534 --clear-groups '$JAW' '$project'"
check "a reader opens it in the interface" wait_for " Timeline  1/24"
check "the title says read only" wait_for "[read only]"
check "the status bar says why" wait_for "Read only: $project is read only for you"
t send-keys -t jaw d
check "d is refused up front" wait_for "Read only: $project is read only"
t send-keys -t jaw E Enter
check "the reader opens a source" wait_for "v select  c code"
t send-keys -t jaw v 1
check "a quick code in the reader is refused" wait_for "Read only:"
check "nothing was coded" test "$(sqlite3 "$project" "SELECT count(*) FROM coding")" -eq "$codings"
check "nothing was created beside the project" test ! -e "$project-wal" -a ! -e "$project-shm"
t send-keys -t jaw Escape q q
check "it quits cleanly" stopped

done_testing
