#!/bin/sh
# backup_cli.sh - jaw backup (a checked copy, also while others write) and
# jaw log (the audit journal: when, who, what), with their refusals.
: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=backup
. "$top_srcdir/tests/e2e/cli_lib.sh"

"$JAW" init p.jaw --demo >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
count() { sqlite3 "$1" "SELECT (SELECT count(*) FROM source) || '/' || (SELECT count(*) FROM coding)"; }

check "backup: exit 0" expect 0 backup p.jaw copy.jaw
check "backup: says so" out_has "copy.jaw: a checked copy of p.jaw"
check "backup: the copy is sound" expect 0 check copy.jaw
check "backup: the same sources and codings" test "$(count p.jaw)" = "$(count copy.jaw)"
check "backup: no part file left" test ! -e copy.jaw.part
check "backup onto a file that exists: exit 1" expect 1 backup p.jaw copy.jaw
check "backup onto a file that exists: message" err_line "jaw: copy.jaw: exists; jaw backup writes a new file"
check "backup of a missing project: exit 1" expect 1 backup none.jaw other.jaw
check "backup of a missing project: nothing written" test ! -e other.jaw
mkdir ro && chmod 555 ro
if [ "$(id -u)" -ne 0 ]; then
	check "backup into a directory it cannot write: exit 1" expect 1 backup p.jaw ro/c.jaw
else
	check "backup into a directory it cannot write: (root writes anyway)" true
fi

# while analysts code: the copy is of one moment and sound
(
	i=0
	while [ $i -lt 40 ]; do
		"$JAW" code p.jaw --source 3 --start "$i" --end $((i + 5)) --code Training --coder w >/dev/null 2>&1
		i=$((i + 1))
	done
) &
writer=$!
sleep 0.2
check "backup while others write: exit 0" expect 0 backup p.jaw during.jaw
wait "$writer"
check "backup while others write: the copy is sound" expect 0 check during.jaw
check "the writers all got through" equals 40 p.jaw "SELECT count(*) FROM coding WHERE coder = 'w'"

# the audit journal
check "log: exit 0" expect 0 log p.jaw
check "log: the codings made, with who" out_has "  w  coding-apply: "
check "log: one line per change" test "$(grep -c '  w  coding-apply' "$out")" -eq 40
check "log --analyst: only theirs" expect 0 log p.jaw --analyst nobody-here
check "log --analyst: nothing for someone else" empty "$out"
check "log --since tomorrow: nothing" expect 0 log p.jaw --since 2999-01-01
check "log --since tomorrow: empty" empty "$out"
check "log --since a time: exit 0" expect 0 log p.jaw --since 2000-01-01T00:00:00Z
check "log --since a time: everything" test "$(grep -c '  w  coding-apply' "$out")" -eq 40
check "log --since a bad date: exit 2" expect 2 log p.jaw --since 2026-02-30
check "log --since a bad date: says what it takes" err_has "--since takes a date (YYYY-MM-DD) or a time"
check "log of a missing project: exit 1" expect 1 log none.jaw

done_testing
