#!/bin/sh
# lock_cli.sh - writers behind a long import: jaw code waits for an import
# that holds the project, says for whom on one line of stderr, and gets
# through when it ends; readers are not held up meanwhile; the row of an
# import killed with SIGKILL neither makes anyone wait nor names anyone;
# a program that holds the lock without saying who is waited for 10 s,
# then named as such, never as "database is locked".
: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=lock
. "$top_srcdir/tests/e2e/cli_lib.sh"

"$JAW" init p.jaw >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
printf 'The patrol met the liaison officer at the checkpoint.\n' >note.txt
"$JAW" import-notes p.jaw note.txt >/dev/null 2>&1 || { echo "Bail out! import-notes failed"; exit 1; }
awk 'BEGIN { print "id,unit,comment"; for (i = 1; i <= 300000; i++) printf "%d,Unit %d,\"Answer %d about the patrol\"\n", i, i % 9, i }' >big.csv

# locked FILE: someone holds FILE's write lock now.
locked() { ! sqlite3 "$1" "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; }
# wait_locked FILE: waits up to 20 s for an announced import to hold the lock.
wait_locked() {
	i=0
	while [ $i -lt 400 ]; do
		[ "$(sqlite3 "$1" "SELECT count(*) FROM activity" 2>/dev/null)" = 1 ] && locked "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	diag "no import took the lock of $1"
	return 1
}
held() { [ "$(sqlite3 p.jaw "SELECT count(*) FROM activity")" = 1 ]; }

"$JAW" import-csv p.jaw big.csv >import.out 2>import.err &
importer=$!
check "a long import holds the project" wait_locked p.jaw
started=$(sqlite3 p.jaw "SELECT started FROM activity")
check "a reader is not held up: export codings" expect 0 export codings p.jaw
check "a reader is not held up: stats" expect 0 stats p.jaw --codes
check "a reader is not held up: search" expect 0 search p.jaw patrol
check "a reader is not held up: retrieve" expect 0 retrieve p.jaw --code Training
check "the readers were done before the import" held
check "a reader says nothing of waiting" empty "$err"
check "jaw code waits and gets through: exit 0" expect 0 code p.jaw --source 1 --start 4 --end 10 --code Training --coder amira
check "jaw code: says what it coded" out_has 'coding 1: source 1 [4, 10) "Training" by amira: patrol'
check "jaw code: one line on stderr naming the import and who runs it" \
	err_line "jaw: p.jaw: waiting for an import of big.csv by $(id -un) (pid $importer, started $(date -d "$started" +%H:%M:%S)) to end..."
check "jaw code: only that line" test "$(wc -l <"$err")" -eq 1
wait "$importer"
check "the import succeeded" test "$(cat import.err)" = ""
check "the import is whole" equals 300000 p.jaw "SELECT count(*) FROM respondent"
check "the coding is kept" equals "amira|4|10" p.jaw "SELECT coder, start_cp, end_cp FROM coding"
check "the import's row is gone" equals 0 p.jaw "SELECT count(*) FROM activity"
check "check passes" expect 0 check p.jaw

# An import killed with SIGKILL leaves its row; it does not hold anyone up.
"$JAW" import-csv p.jaw big.csv --name killed >/dev/null 2>&1 &
importer=$!
wait_locked p.jaw
kill -9 "$importer"
wait "$importer" 2>/dev/null
check "the killed import left its row" equals 1 p.jaw "SELECT count(*) FROM activity"
check "the killed import left nothing else" equals 1 p.jaw "SELECT count(*) FROM survey"
check "after it, jaw code gets through at once" expect 0 code p.jaw --source 1 --start 11 --end 15 --code Liaison --coder amira
check "after it, nothing said of waiting" empty "$err"
# a program holding the lock that says nothing: the stale row names no one
# (it holds the lock until told to let go, once jaw said it waits: no
# timing decides what the test sees, under a sanitizer or a loaded machine)
rm -f release
{ echo "BEGIN IMMEDIATE; INSERT INTO code (name) VALUES ('shell');"
  while [ ! -e release ]; do sleep 0.05; done; echo "COMMIT;"; } | sqlite3 p.jaw &
shell=$!
i=0; while ! locked p.jaw && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
expect 0 code p.jaw --source 1 --start 16 --end 19 --code Reporting --coder amira &
waiter=$!
i=0; while ! grep -q "waiting" "$err" 2>/dev/null && [ $i -lt 160 ]; do sleep 0.05; i=$((i + 1)); done
touch release
check "behind a silent holder: exit 0" wait "$waiter"
check "behind a silent holder: the dead import is not named" test "$(grep -c "an import" "$err")" -eq 0
check "behind a silent holder: says it waits" err_line "jaw: p.jaw: waiting for another session's change to end..."
wait "$shell"
printf 'A second note.\n' >note2.txt
check "the next import sweeps the stale row away" expect 0 import-notes p.jaw note2.txt
check "no row is left" equals 0 p.jaw "SELECT count(*) FROM activity"

# A holder that never says who it is: 10 s, then a message that says so.
rm -f release
{ echo "BEGIN IMMEDIATE; INSERT INTO code (name) VALUES ('long shell');"
  while [ ! -e release ]; do sleep 0.05; done; echo "ROLLBACK;"; } | sqlite3 p.jaw &
shell=$!
i=0; while ! locked p.jaw && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
check "a silent holder for over 10 s: exit 1" expect 1 code p.jaw --source 1 --start 20 --end 24 --code Training --coder amira
check "a silent holder: never \"database is locked\"" test "$(grep -c "database is locked" "$err")" -eq 0
check "a silent holder: says what kept it" err_has "jaw: p.jaw: the project is busy: another program kept it locked for 10 s without saying who it is"
check "a silent holder: nothing was changed" err_has "nothing was changed"
touch release
wait "$shell"
check "check passes at the end" expect 0 check p.jaw
done_testing
