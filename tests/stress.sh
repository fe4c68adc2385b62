#!/bin/sh
# stress.sh - make stress (never make check): the fault tests of
# tests/e2e/fault_cli.sh at full size, then their figures as a table:
# 8 writers x 100 codings, 20 kill -9 runs during coding and 20 during a
# 200,000-row import, 5 runs each of SIGHUP and SIGTERM during coding, and
# the WAL's peak size while coding.
# usage: stress.sh JAW GENSURVEY (top_srcdir set)
: "${top_srcdir:?set top_srcdir to the source tree}"
JAW=$1
FAULT_GENSURVEY=$2
case $FAULT_GENSURVEY in /*) ;; *) FAULT_GENSURVEY=$(pwd)/$FAULT_GENSURVEY ;; esac
FAULT_FIGURES=$(mktemp "${TMPDIR:-/tmp}/jaw-stress-XXXXXX")
trap 'rm -f "$FAULT_FIGURES"' EXIT
export JAW FAULT_GENSURVEY FAULT_FIGURES
export FAULT_WRITERS=${FAULT_WRITERS:-8} FAULT_CODINGS=${FAULT_CODINGS:-100}
export FAULT_KILLS=${FAULT_KILLS:-20} FAULT_ROWS=${FAULT_ROWS:-200000}
export FAULT_SIGNALS=${FAULT_SIGNALS:-5} LC_ALL=C.UTF-8
start=$(date +%s)
$SHELL "$top_srcdir/tests/e2e/fault_cli.sh" >"$FAULT_FIGURES.tap" 2>&1
status=$?
cat "$FAULT_FIGURES.tap"
rm -f "$FAULT_FIGURES.tap"
echo
echo "== stress figures ($(($(date +%s) - start)) s)"
awk -F '\t' '{ printf "%-42s %s\n", $1, $2 }' "$FAULT_FIGURES"
exit $status
