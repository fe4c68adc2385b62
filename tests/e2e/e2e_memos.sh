#!/bin/sh
# e2e_memos.sh - end to end in tmux: m on a source in the evidence pane
# writes a memo in $VISUAL, the row gets its mark, M lists it, Enter reads
# it; :export writes a file and asks before replacing one; :marking shows
# in the title bar.
. "$top_srcdir/tests/tap.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

. "$top_srcdir/tests/e2e/tmux_lib.sh"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" JAW_TODAY=2026-11-25
mkdir -p "$HOME" "$XDG_CONFIG_HOME/jaw"
project="$work/study.jaw"
"$JAW" init "$project" --demo >/dev/null || { echo "Bail out! cannot make the demo"; exit 1; }
q() { sqlite3 "$project" "$1"; }

cat >"$work/editor" <<'SH'
#!/bin/sh
printf 'Ask the J9 for the CIMIC annex.\n' >"$1"
SH
chmod +x "$work/editor"

start "cd '$work' && VISUAL='$work/editor' '$JAW' '$project'"
wait_for " Timeline  1/24" >/dev/null
t send-keys -t jaw E m
check "m on a source writes a memo" wait_for "Memo written on \"Summary of the tasking letter\""
check "the source's row has the memo mark" wait_for "✎ Summary of the tasking letter"
check "the memo is in the project" test "$(q "SELECT count(*) FROM memo WHERE target_kind = 'source' AND text LIKE 'Ask the J9 for the CIMIC annex.%'")" = 1
t send-keys -t jaw M
check "M lists it in the memos view" wait_for "source: Summary of the task… Ask the J9 for the CIMIC ann…"
t send-keys -t jaw Enter
check "Enter reads it" wait_for "Enter goes to it:"
t send-keys -t jaw Escape q

# --- :export ------------------------------------------------------------------------
t send-keys -t jaw : "export memos memos.csv" Enter
check ":export writes the file" wait_for "Exported memos to \"memos.csv\"."
check "with the memo in it" grep -q "Ask the J9 for the CIMIC annex." "$work/memos.csv"
t send-keys -t jaw : "export codings memos.csv" Enter
check ":export asks before replacing a file" wait_for "\"memos.csv\" exists: replace it"
t send-keys -t jaw n
check "n keeps it" wait_for "Nothing exported: \"memos.csv\" stays as it was."
check "the file is as it was" grep -q "^memo,target_kind" "$work/memos.csv"
t send-keys -t jaw : "export pdf x.pdf" Enter
check "a bad format is refused" wait_for "export: no format \"pdf\""

# --- :marking -----------------------------------------------------------------------
t send-keys -t jaw : "marking NATO UNCLASSIFIED" Enter
check ":marking shows in the title bar" wait_for "Tactical Level                   NATO UNCLASSIFIED"
check "and is stored in the project" test "$(q "SELECT marking FROM project")" = "NATO UNCLASSIFIED"
t send-keys -t jaw q
check "q quits" stopped
done_testing
