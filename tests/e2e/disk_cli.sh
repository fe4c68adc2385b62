#!/bin/sh
# disk_cli.sh - a full disk: jaw init leaves nothing behind (no half-made
# project, no WAL), and the message says which disk is full with what is
# free; an import that fills it leaves the project as it was. Mounts a
# small tmpfs of its own (needs root and mount; skipped
# otherwise).
: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=disk
. "$top_srcdir/tests/e2e/cli_lib.sh"

mkdir small
mount -t tmpfs -o size=400k tmpfs small 2>/dev/null || skip_all "cannot mount a tmpfs here"
trap 'umount "$work/small" 2>/dev/null; rm -rf "$work"' EXIT

check "init on a full disk: exit 1" expect 1 init small/full.jaw --demo
check "init on a full disk: says which disk, and what is free" err_has "the disk is full: the project's directory $work/small has "
check "init on a full disk: nothing left behind" test -z "$(ls -A small)"
check "init of an empty project there: exit 1 too" expect 1 init small/e.jaw --codebook empty
check "and nothing left behind either" test -z "$(ls -A small)"
umount small
mount -t tmpfs -o size=2m tmpfs small || { echo "Bail out! remount"; exit 1; }
check "init with room: exit 0" expect 0 init small/e.jaw --codebook empty
check "init with room: no WAL left beside it" test ! -e small/e.jaw-wal
check "init with room: sound" expect 0 check small/e.jaw

# a survey larger than the import's page cache (16 MiB) fills the disk
# while its rows are written, not only at the commit
awk 'BEGIN { print "id,unit,comment"
	for (i = 1; i <= 120000; i++)
		printf "r%d,unit %d,an open answer long enough to fill a small disk (number %d)\n", i, i % 7, i }' >big.csv
check "import-csv on a full disk: exit 1" expect 1 import-csv small/e.jaw big.csv
check "import-csv on a full disk: says which disk" err_has "the disk is full: the project's directory $work/small has "
check "import-csv on a full disk: no survey, no respondent" equals "0 0" small/e.jaw "SELECT (SELECT count(*) FROM survey) || ' ' || (SELECT count(*) FROM respondent)"
check "import-csv on a full disk: the project is sound" expect 0 check small/e.jaw

done_testing
