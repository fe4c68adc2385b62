#!/bin/sh
# e2e_coding.sh - end to end in tmux: import a note with non-ASCII text,
# open it in the reader, move by sentences, select with v, code with c and
# the picker, apply a quick code, undo it, quit; then jaw export codings
# shows exactly the coded text and its offsets in code points.
. "$top_srcdir/tests/tap.sh"


. "$top_srcdir/tests/e2e/tmux_lib.sh"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
project="$work/p.jaw"
note="$work/kraków.txt"
printf 'Interview in Kraków on 3 March.\nThe commander said civilians were at risk. Żaneta noted the checkpoint delays.\n' >"$note"


check "a new project" quiet "$JAW" init "$project"
check "import-notes stores the note" test "$("$JAW" import-notes "$project" "$note")" = "1	Interview in Kraków on 3 March."

start "'$JAW' '$project'" 100 30
wait_for " Evidence  1/1" >/dev/null
t send-keys -t jaw E Enter
check "Enter opens the note in the reader" wait_for " 0/111  Interview in Kraków on 3 March."
t send-keys -t jaw ')'
check ") moves to the next sentence" wait_for " 32/111"
t send-keys -t jaw v ')'
check "v ) selects it" wait_for " 75/111 selecting"
t send-keys -t jaw c t r a i n
check "c opens the picker, filtered as you type" wait_for "7 Cross-cutting/Training"
t send-keys -t jaw Enter
check "Enter codes the selection" wait_for "Coded 42 characters with Cross-cutting/Training"
check "the stripe names the code" wait_for "Trainin"
t send-keys -t jaw 1
check "1 applies the quick code to the sentence" wait_for "Coded 35 characters with Protection of civilians"
t send-keys -t jaw u
check "u undoes it" wait_for "Undid: apply \"Protection of civilians\""
t send-keys -t jaw q q
check "q q leaves jaw" stopped

"$JAW" export codings "$project" -o "$work/codings.csv"
check "export codings writes one coding" test "$(wc -l <"$work/codings.csv")" -eq 2
coder=$(id -un 2>/dev/null || echo analyst)
check "with exactly the coded text and its offsets in code points" \
	grep -qF "1,\"Training\",\"$coder\",32,74,\"The commander said civilians were at risk.\"" "$work/codings.csv"
check "the project is sound" quiet "$JAW" check "$project"
done_testing
