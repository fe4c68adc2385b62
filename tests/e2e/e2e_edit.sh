#!/bin/sh
# e2e_edit.sh - end to end in tmux: add a timeline event and a stakeholder
# entirely from the keyboard, quit, reopen and find them; notes in $VISUAL;
# a key rebound in jawrc; a bad jawrc line reported; NO_COLOR with
# TERM=vt100; another process's change shown in the open interface.
. "$top_srcdir/tests/tap.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

. "$top_srcdir/tests/e2e/tmux_lib.sh"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" JAW_TODAY=2026-11-25
mkdir -p "$HOME" "$XDG_CONFIG_HOME/jaw"
project="$work/study.jaw"
"$JAW" init "$project" --demo >/dev/null || { echo "Bail out! cannot make the demo"; exit 1; }

q() { sqlite3 "$project" "$1"; }

# --- add a timeline event from the keyboard ------------------------------------
start "'$JAW' '$project'"
wait_for " Timeline  1/24" >/dev/null
t send-keys -t jaw a
check "a opens the add form" wait_for "Add a timeline item"
t send-keys -t jaw Tab "Workshop in Tromsø" Tab C-u "2026-12-10" Tab "2026-12-11" Tab "Tromsø" Enter
check "the new event is in the list" wait_for "Workshop in Trom…"
check "and the status bar says it is saved" wait_for "Saved."

# --- add a stakeholder ------------------------------------------------------------
t send-keys -t jaw S a
check "a in stakeholders opens its form" wait_for "Add a stakeholder"
t send-keys -t jaw Tab "Kari Nordmann" Tab "Northern Peace Support Training Centre" Tab "Course director" Tab Space Space Space Tab Space Space Space Space Enter
check "the new person is under the organisation" wait_for "Kari Nordmann"
t send-keys -t jaw q
check "q quits" stopped

# --- reopen and find both -----------------------------------------------------------
start "'$JAW' '$project'"
check "after reopening, the timeline has the event" wait_for " Timeline  1/25"
t send-keys -t jaw / "workshop in" Enter
check "search finds the event" wait_for "Workshop in Tromsø (event, planned) 2026-12-10 to"
check "the database has the event" test "$(q "SELECT count(*) FROM timeline_item WHERE title = 'Workshop in Tromsø' AND start_date = '2026-12-10' AND location = 'Tromsø'")" = 1
check "the database has the person in the organisation" test "$(q "SELECT p.name || '|' || s.power || '|' || s.interest FROM stakeholder s JOIN stakeholder p ON p.id = s.parent_id WHERE s.name = 'Kari Nordmann'")" = "Northern Peace Support Training Centre|3|4"

# --- notes in the editor ------------------------------------------------------------
cat >"$work/editor" <<'SH'
#!/bin/sh
printf 'Venue booked; 30 places.\nBring interpreters.\n' >"$1"
SH
chmod +x "$work/editor"
t send-keys -t jaw q
stopped
start "VISUAL='$work/editor' '$JAW' '$project'"
wait_for " Timeline  1/25" >/dev/null
t send-keys -t jaw / "workshop in" Enter C-e
check "Ctrl-E saves notes written in \$VISUAL" wait_for "Notes saved (u undoes)."
check "the notes are in the database" test "$(q "SELECT notes FROM timeline_item WHERE title = 'Workshop in Tromsø'")" = "Venue booked; 30 places.
Bring interpreters."

# --- another session's change shows within a second or two --------------------------
q "INSERT INTO timeline_item (kind, title, start_date, status) VALUES ('milestone', 'Added by a colleague', '2026-07-02', 'done')"
check "a change by another process appears" wait_for "/26 "
t send-keys -t jaw g
check "its row is drawn" wait_for "Added by a colle"
t send-keys -t jaw q
stopped

# --- a key rebound in jawrc, and a bad line reported ---------------------------------
printf 'bind generic x quit\nbind generic <Nope> quit\n' >"$XDG_CONFIG_HOME/jaw/jawrc"
start "'$JAW' '$project'"
check "a bad jawrc line is reported with file and line" wait_for "config/jaw/jawrc line 2: \"<Nope>\""
t send-keys -t jaw x
check "the rebound key quits" stopped
rm -f "$XDG_CONFIG_HOME/jaw/jawrc"

# --- NO_COLOR on a vt100 ---------------------------------------------------------------
start "NO_COLOR=1 TERM=vt100 '$JAW' '$project'"
check "TERM=vt100 with NO_COLOR shows the panes" wait_for " Evidence  1/16"
t send-keys -t jaw E G
check "and moves" wait_for " Evidence  16/16"
t send-keys -t jaw q
check "and quits" stopped

# --- the Linux console's terminal description ----------------------------------------
start "TERM=linux '$JAW' '$project'"
check "TERM=linux shows the panes" wait_for " Stakeholders  1/30"
t send-keys -t jaw q
check "and quits" stopped

check "the project is sound at the end" quiet "$JAW" check "$project"
done_testing
