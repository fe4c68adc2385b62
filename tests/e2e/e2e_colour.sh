#!/bin/sh
# e2e_colour.sh - end to end in tmux: coded text is readable on colour
# terminals. Opens the demo with TERM=tmux-256color and with TERM=linux,
# reads a coded source, and checks the escape sequences that
# `tmux capture-pane -e` shows for one of the demo's coded passages, for a
# passage coded there and then with a quick key, and for their labels in
# the margin: a foreground and a background of their own (the code's
# colour), and not the same (black on black was the bug).
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
unset NO_COLOR

# colours_at TEXT WHERE: reads `capture-pane -e` and prints the foreground
# and background in force where TEXT first starts on the screen in the
# margin (WHERE "margin": at the start of a line) or in the text (after the
# margin) of the reader ("default", "N" for colour N, or "R,G,B"), then
# the escape sequences of its line.
colours_at() {
	t capture-pane -e -p -t jaw | awk -v needle="$1" -v where="$2" '
	function reset() { fg = "default"; bg = "default" }
	function sgr(params,    n, p, i, v) {
		n = split(params, p, ";")
		if (n == 0 || params == "") { reset(); return }
		for (i = 1; i <= n; i++) {
			v = p[i] + 0
			if (v == 0) reset()
			else if (v >= 30 && v <= 37) fg = v - 30
			else if (v >= 90 && v <= 97) fg = v - 82
			else if (v == 39) fg = "default"
			else if (v >= 40 && v <= 47) bg = v - 40
			else if (v >= 100 && v <= 107) bg = v - 92
			else if (v == 49) bg = "default"
			else if ((v == 38 || v == 48) && p[i + 1] == 5) {
				if (v == 38) fg = p[i + 2]; else bg = p[i + 2]
				i += 2
			} else if ((v == 38 || v == 48) && p[i + 1] == 2) {
				c = p[i + 2] "," p[i + 3] "," p[i + 4]
				if (v == 38) fg = c; else bg = c
				i += 4
			}
		}
	}
	BEGIN { reset() }
	{
		line = $0; plain = ""; n = 0
		while (length(line) > 0) {
			if (substr(line, 1, 2) == "\033[" && match(line, /^\033\[[0-9;]*m/)) {
				sgr(substr(line, 3, RLENGTH - 3))
				line = substr(line, RLENGTH + 1)
				continue
			}
			plain = plain substr(line, 1, 1); n++
			fgs[n] = fg; bgs[n] = bg
			line = substr(line, 2)
		}
		at = index(plain, needle)
		if (at > 0 && (where == "margin" ? at == 1 : at > 17)) {
			raw = $0
			gsub(/\033/, "ESC", raw)
			print fgs[at], bgs[at], raw
			found = 1
			exit
		}
	}
	END { if (!found) print "missing missing" }'
}

# readable TEXT WHERE: TEXT is on the screen (see colours_at) in a
# foreground and a background that jaw set itself (not the terminal's own)
# and that differ.
readable() {
	out=$(colours_at "$1" "$2")
	fg=${out%% *}
	rest=${out#* }
	bg=${rest%% *}
	if [ "$fg" = missing ]; then
		diag "\"$1\" is not on the screen:"
		t capture-pane -p -t jaw | while IFS= read -r l; do diag "  $l"; done
		return 1
	fi
	if [ "$fg" = default ] || [ "$bg" = default ] || [ "$fg" = "$bg" ]; then
		diag "\"$1\" is colour $fg on colour $bg, in the line:" "  ${rest#* }"
		return 1
	fi
	return 0
}

# demo_coding FIELD [CODE]: a field of the demo's first coding (of CODE,
# at the start of a source), as export codings has it: 2 the code, 6 the
# coded text, 8 the source's title (of a source named in exports, whose
# title is not replaced by its attribution label, and whose fields hold no
# quotes).
demo_coding() {
	demo="$XDG_DATA_HOME/jaw/demo.jaw"
	"$JAW" export codings "$demo" | awk -F'"' -v f="$1" -v code="$2" '
		NR > 1 && $9 == "," && $10 ~ /^(interview|observation|document)$/ && $8 !~ /^an? / && (code == "" || ($2 == code && $5 ~ /^,0,/)) { print $f; exit }'
}

for term in tmux-256color linux; do
	rm -rf "$XDG_DATA_HOME"
	start "env TERM=$term '$JAW' --demo" 100 30
	check "$term: the demo opens" wait_for " Evidence  1/16"
	title=$(demo_coding 8)
	code=$(demo_coding 2)
	# from the second letter (the first has the cursor), a few words
	needle=$(demo_coding 6 | cut -c 2-14)
	check "$term: the demo has codings" test -n "$title" -a -n "$code" -a -n "$needle"
	t send-keys -t jaw E / "$title" Enter Enter
	check "$term: Enter opens a coded source in the reader" wait_for "$title  ("
	t send-keys -t jaw ']'
	check "$term: ] goes to its first coded passage" wait_for "$code ["
	check "$term: the demo's coded passage is readable" readable "$needle" text
	label=$(printf '%s' "$code" | cut -c 1-7)
	check "$term: its label in the margin is readable" readable "$label" margin
	t send-keys -t jaw g 2
	check "$term: 2 codes the first sentence" wait_for "with Children and armed conflict"
	new=$(demo_coding 6 "Children and armed conflict" | cut -c 2-14)
	check "$term: the new coding is in the project" test -n "$new"
	check "$term: the new coded passage is readable" readable "$new" text
	check "$term: its label in the margin is readable" readable "Childre" margin
	t send-keys -t jaw q q
	check "$term: q q leaves jaw" stopped
done
done_testing
