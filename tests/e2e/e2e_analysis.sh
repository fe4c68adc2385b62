#!/bin/sh
# e2e_analysis.sh - end to end in tmux on the demo: a full-text search in
# the analysis view, coding all its hits as one change, and undoing it,
# with the code's frequency read before, after and after the undo; then
# the same figure from jaw stats.
. "$top_srcdir/tests/tap.sh"

. "$top_srcdir/tests/e2e/tmux_lib.sh"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
project="$work/p.jaw"

check "the demo project" quiet "$JAW" init "$project" --demo

start "'$JAW' '$project'" 110 40
wait_for " Timeline  " >/dev/null
t send-keys -t jaw ":find liaison" Enter
check ":find searches the evidence, best first" wait_for " Analysis: search  1/36  liaison, best first"
# the frequencies: Liaison is the fourth code from the end
t send-keys -t jaw 2 G k k k
check "Liaison's frequency before" wait_for "Cross-cutting/Liaison: 1 segment in 1 source"
t send-keys -t jaw 7 c L i a i s o n
check "c picks a code for every hit" wait_for "Cross-cutting/Liaison"
t send-keys -t jaw Enter
check "and asks first, saying how many" wait_for "Code 40 hits (40 hits in 36 sources) with Liaison?"
t send-keys -t jaw y
check "y codes them all" wait_for "Coded 40 hits of \"liaison\" with Liaison (u undoes them all)."
t send-keys -t jaw 2
check "Liaison's frequency after" wait_for "Cross-cutting/Liaison: 41 segments in 36 sources"
check "jaw stats agrees" test "$("$JAW" stats "$project" --codes --csv | grep '^"Liaison"' | cut -d, -f5)" = 41
t send-keys -t jaw u
check "u undoes the whole change" wait_for "Undid: apply \"Liaison\" to 40 hits of \"liaison\""
t send-keys -t jaw j k
check "Liaison's frequency after the undo" wait_for "Cross-cutting/Liaison: 1 segment in 1 source"
t send-keys -t jaw q q
check "q q leaves jaw" stopped
check "the project is sound" quiet "$JAW" check "$project"
done_testing
