#!/bin/sh
# e2e_draft.sh - an edit in $VISUAL when the session ends: SIGHUP (a dropped
# SSH connection) reaches the editor too instead of keeping jaw alive, what
# the editor saved is kept as a draft, and the next start says where; Ctrl-C
# in the editor is the editor's, and does not end the session.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export JAW_TODAY=2026-11-25
mkdir -p "$HOME"
project="$work/p.jaw"
"$JAW" init "$project" --demo >/dev/null || { echo "Bail out! cannot make the demo"; exit 1; }

# an editor that saves a draft at once, then waits for the user
cat >"$work/slow-editor" <<'ED'
#!/bin/sh
printf 'Draft notes typed before the connection dropped.\n' >"$1"
echo "$$" >"$(dirname "$0")/editor.pid"
trap 'echo int >>"$(dirname "$0")/editor.log"' INT
i=0
while [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
ED
chmod +x "$work/slow-editor"

start "VISUAL='$work/slow-editor' '$JAW' '$project'"
check "jaw starts" wait_for " Timeline  1/24"
t send-keys -t jaw e
check "the edit form opens" wait_for "Edit timeline item"
t send-keys -t jaw Up C-x
i=0
while [ ! -s "$work/editor.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "the editor runs" test -s "$work/editor.pid"
editor=$(cat "$work/editor.pid")

# Ctrl-C is the editor's: jaw goes on after the editor ends
t send-keys -t jaw C-c
sleep 0.5
check "Ctrl-C in the editor reaches the editor" grep -q int "$work/editor.log"
kill "$editor"
check "after the editor, jaw is still there" wait_for "Edit timeline item"
sleep 0.5
jaw_pid=$(pgrep -f "$JAW $project" | head -n 1)
check "Ctrl-C in the editor did not end jaw" test -n "$jaw_pid"

# again, and the connection drops while the editor runs
rm -f "$work/editor.pid"
t send-keys -t jaw C-x
i=0
while [ ! -s "$work/editor.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
editor=$(cat "$work/editor.pid")

# the connection drops: SIGHUP to jaw
kill -HUP "$jaw_pid"
i=0
while kill -0 "$jaw_pid" 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
check "SIGHUP ends jaw within 3 s, editor and all" test $i -lt 30
check "the editor got the signal too" sh -c "! kill -0 $editor 2>/dev/null"
check "the project is sound" quiet "$JAW" check "$project"
draft=$(ls "$work/data/jaw/drafts/" 2>/dev/null | head -n 1)
check "a draft was kept" test -n "$draft"
check "the draft holds what the editor saved" grep -q "Draft notes typed before" "$work/data/jaw/drafts/$draft"

start "'$JAW' '$project'"
check "the next start says where the draft is" wait_for "1 draft of interrupted edits"
t send-keys -t jaw q
check "q quits" stopped

done_testing
