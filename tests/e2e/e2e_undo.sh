#!/bin/sh
# e2e_undo.sh - end to end in tmux: delete a timeline item, u brings it
# back with its evidence and the status bar says so, the cursor on it;
# u in another pane does not touch it; in the codebook, o then Esc
# cancels the move and says so, and a move that takes codings asks first.
. "$top_srcdir/tests/tap.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

. "$top_srcdir/tests/e2e/tmux_lib.sh"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" JAW_TODAY=2026-11-25
mkdir -p "$HOME"
project="$work/study.jaw"
"$JAW" init "$project" --demo >/dev/null || { echo "Bail out! cannot make the demo"; exit 1; }

q() { sqlite3 "$project" "$1"; }
linked="SELECT count(*) FROM source s JOIN timeline_item t ON t.id = s.timeline_item_id WHERE t.title = 'Mission visit to MINUVE'"
before=$(q "$linked")

# --- delete a timeline item, then u -------------------------------------------------
start "'$JAW' '$project'"
wait_for " Timeline  1/24" >/dev/null
t send-keys -t jaw : "goto 2026-11-02" Enter
check ":goto selects the item" wait_for "Mission visit to MINUVE (event, done)"
t send-keys -t jaw d
check "d asks first" wait_for "Delete event \"Mission visit to MINUVE\"?"
t send-keys -t jaw y
check "y deletes it" wait_for "Deleted \"Mission visit to MINUVE\" (u undoes)."
check "the item is gone from the project" test "$(q "SELECT count(*) FROM timeline_item")" = 23
t send-keys -t jaw S u
check "u in the stakeholders has nothing of its own to undo" wait_for "Nothing to undo in the stakeholder register."
t send-keys -t jaw T g u
check "u in the timeline says what it undid" wait_for "Undid: deleted event “Mission visit to MINUVE”"
check "the item is back" test "$(q "SELECT count(*) FROM timeline_item WHERE title = 'Mission visit to MINUVE'")" = 1
check "with the links of its evidence" test "$(q "$linked")" = "$before"
t send-keys -t jaw j k
check "the cursor is on the item that came back" wait_for "Mission visit to MINUVE (event, done)"
t send-keys -t jaw u
check "a second u says there is nothing more" wait_for "Nothing to undo in the timeline."

# --- the codebook: o then Esc, and a move that asks -----------------------------------
parent="SELECT coalesce(parent_id, 0) FROM code WHERE name = 'Protection of civilians'"
t send-keys -t jaw C g o
check "o opens the move picker" wait_for "Move \"Protection of civilians\" under which code?"
t send-keys -t jaw Escape
check "Esc cancels the move and says so" wait_for "Move cancelled: \"Protection of civilians\" stays as it was."
check "the code did not move" test "$(q "$parent")" = 0
codings=$(q "WITH RECURSIVE t(id) AS (SELECT id FROM code WHERE name = 'Protection of civilians' UNION ALL SELECT c.id FROM code c JOIN t ON c.parent_id = t.id) SELECT count(*) FROM coding WHERE code_id IN t")
t send-keys -t jaw o Training Enter
check "a move that takes codings asks first, saying how many" wait_for "Move \"Protection of civilians\" and its $codings codings under \"Training\"? (y/n)"
t send-keys -t jaw n
check "n cancels it" wait_for "Move cancelled: \"Protection of civilians\" stays as it was."
check "the code still did not move" test "$(q "$parent")" = 0
t send-keys -t jaw q q
check "q q quits" stopped
done_testing
