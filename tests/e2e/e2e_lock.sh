#!/bin/sh
# e2e_lock.sh - the interface behind a long import, in tmux: a quick code
# applied while another session imports a survey waits, the status line
# says for whose import and that Esc gives up, the screen still redraws
# (Ctrl-L), and the coding is applied when the import ends; Esc gives up
# a second one, saying so, and codes nothing.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
command -v sqlite3 >/dev/null 2>&1 || skip_all "the sqlite3 program is not installed"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
p="$work/p.jaw"
printf 'The patrol met the liaison officer. The checkpoint was closed at night.\n' >"$work/note.txt"
"$JAW" init "$p" >/dev/null 2>&1 && "$JAW" import-notes "$p" "$work/note.txt" >/dev/null 2>&1 ||
	{ echo "Bail out! no project"; exit 1; }
awk 'BEGIN { print "id,unit,comment"; for (i = 1; i <= 400000; i++) printf "%d,Unit %d,\"Answer %d about the patrol\"\n", i, i % 9, i }' >"$work/big.csv"

locked() { ! sqlite3 "$p" "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; }
# import NAME: starts an import in the background and waits until it holds the lock.
import() {
	"$JAW" import-csv "$p" "$work/big.csv" --name "$1" >/dev/null 2>&1 &
	importer=$!
	i=0
	while [ $i -lt 400 ]; do
		[ "$(sqlite3 "$p" "SELECT count(*) FROM activity" 2>/dev/null)" = 1 ] && locked && return 0
		sleep 0.05
		i=$((i + 1))
	done
	diag "the import did not take the lock"
	return 1
}
codings() { sqlite3 "$p" "SELECT count(*) FROM coding"; }

start "'$JAW' '$p'"
wait_for " Evidence  1/1" >/dev/null
t send-keys -t jaw E Enter
check "the note opens in the reader" wait_for "The patrol met"
check "an import by another session holds the project" import first
t send-keys -t jaw 1
check "the status line says whose import it waits for" wait_for "Waiting for an import by $(id -un) (pid $importer, started "
check "and that Esc gives up" wait_for "Esc to give up"
check "nothing is coded while it waits" test "$(codings)" -eq 0
t send-keys -t jaw C-l
check "Ctrl-L redraws the screen meanwhile" wait_for "The patrol met"
wait "$importer"
check "the coding is applied when the import ends" wait_for "Coded 35 characters with Protection of civilians"
check "one coding, kept" test "$(codings)" -eq 1
check "the import is whole" test "$(sqlite3 "$p" "SELECT count(*) FROM respondent")" -eq 400000

check "another import holds the project" import second
t send-keys -t jaw ')' 2
check "a second quick code waits" wait_for "Esc to give up"
t send-keys -t jaw Escape
check "Esc gives up, saying for what" wait_for "you stopped waiting for an import of"
check "nothing more was coded" test "$(codings)" -eq 1
wait "$importer"
t send-keys -t jaw 2
check "once the import is over, the same key codes at once" wait_for "Coded 35 characters with Children and armed conflict"
t send-keys -t jaw q q
check "q q leaves jaw" stopped
check "the project is sound" quiet "$JAW" check "$p"
check "both imports are whole" test "$(sqlite3 "$p" "SELECT count(*) FROM respondent")" -eq 800000
done_testing
