#!/bin/sh
# e2e_findings.sh - end to end in tmux on the demo: a sentence selected in
# the reader is cited in a new finding through the picker (!), the finding
# shows in the findings view (F) with its evidence and opens on the quote;
# the observation is written in $EDITOR; u in the findings view takes the
# citation back, then the finding.
. "$top_srcdir/tests/tap.sh"

. "$top_srcdir/tests/e2e/tmux_lib.sh"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
project="$work/p.jaw"
# an editor that writes the observation
cat > "$work/editor.sh" <<'EOF'
#!/bin/sh
printf 'Liaison officers met civil actors only after incidents.\n' > "$1"
EOF
chmod +x "$work/editor.sh"

check "the demo project" quiet "$JAW" init "$project" --demo

start "EDITOR='$work/editor.sh' '$JAW' '$project'" 80 24
wait_for " Timeline  " >/dev/null
# the evidence pane, the first source, its second line selected to the
# end of the sentence
t send-keys -t jaw E Enter
check "the reader opens" wait_for "Summary of the tasking letter"
t send-keys -t jaw j v ")" "!"
check "! opens the picker of findings" wait_for "Cite the selection in which finding?"
check "its first row makes a new finding" wait_for "new finding"
t send-keys -t jaw Enter
check "which asks a title" wait_for "Title of the new finding:"
t send-keys -t jaw "Tasking reached the brigades late" Enter
# the demo has three findings: this one is the fourth
check "the status bar says where it was cited" \
	wait_for "Cited in finding 4: Tasking reached the brigades late"
t send-keys -t jaw q F G
check "the findings view lists it with its evidence" \
	wait_for "observation         1 src · 1 org · 1 sh · 0 resp"
t send-keys -t jaw Enter G
check "Enter opens it: the quote and its provenance" wait_for "    ok      “dated 30 June 2026"
t send-keys -t jaw g j j j j Enter
check "Enter on the observation writes it in the editor" wait_for "Observation saved (u undoes)."
check "and the finding shows it" wait_for "   Liaison officers met civil actors only after incidents."
t send-keys -t jaw q u
check "u undoes the observation" wait_for "Undid"
t send-keys -t jaw u
check "u again takes the citation back" wait_for "no evidence yet"
t send-keys -t jaw u
check "u again takes the finding back" wait_for " Findings  3/3"
t send-keys -t jaw q q
check "q q leaves jaw" stopped
check "the project is sound" quiet "$JAW" check "$project"
check "the demo's findings are left" test "$(sqlite3 "$project" 'SELECT count(*) FROM finding')" = 3
done_testing
