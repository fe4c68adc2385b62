#!/bin/sh
# report_cli.sh - jaw export report with the real binary: the demo's
# report holds every finding, quote and annex and follows attribution;
# hostile text does not change the document's structure; an unwritable
# path is refused and leaves nothing behind. With pandoc installed, the
# report is read back by pandoc (no markup from the data, every hostile
# line as written) and turned into docx and, with a LaTeX engine and
# pdftotext, into a PDF whose every page carries the marking line.
# Needs JAW (the binary) and top_srcdir; sqlite3 to write the projects.

: "${top_srcdir:?set top_srcdir to the source tree}"
. "$top_srcdir/tests/tap.sh"

cli_name=report
. "$top_srcdir/tests/e2e/cli_lib.sh"

# skip DESCRIPTION REASON: a check that cannot run here.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# has FILE TEXT: FILE contains TEXT.
has() {
	grep -qF -- "$2" "$1" && return 0
	diag "$1 lacks \"$2\""
	return 1
}

# lacks FILE TEXT: FILE does not contain TEXT.
lacks() {
	grep -qF -- "$2" "$1" || return 0
	diag "$1 contains \"$2\":" "$(grep -nF -- "$2" "$1" | head -n 3)"
	return 1
}

export JAW_TODAY=2026-12-05

# ---- the demo ----------------------------------------------------------------------
"$JAW" init demo.jaw --demo >/dev/null 2>&1 || { echo "Bail out! init --demo failed"; exit 1; }
check "demo: exit 0" expect 0 export report demo.jaw -o report.md
check "demo: nothing on stdout with -o" empty "$out"
check "demo: front matter title" has report.md "title: 'Human Security at the Tactical Level'"
check "demo: front matter date" has report.md "date: '2026-12-05'"
check "demo: the marking as a variable" has report.md "marking: 'UNCLASSIFIED – DEMO DATA – FOR TRAINING ONLY'"
check "demo: the marking in the page style" has report.md '\newcommand{\jawmarking}{`{=latex}UNCLASSIFIED – DEMO DATA – FOR TRAINING ONLY`}'
check "demo: the aim" has report.md "To assess how brigades and battalions implement protection of civilians"
check "demo: the questions left to the analysts" has report.md "**\\[To be written by the analysts: the questions"
for heading in "# Aim and questions" "# Method" "## Sources" "## Interviews by organisation" \
	"## Surveys" "## Coders and agreement" "# Findings" "# Annex A: Codebook" \
	"# Annex B: Timeline" "# Annex C: Stakeholder register"; do
	check "demo: heading $heading" grep -qxF -- "$heading" report.md
done
check "demo: sources by kind" has report.md "| interview | 11 | 7 | 45 |"
check "demo: interviews not named counted together" has report.md "| *Not named (attribution)* | 6 | 6 |"
check "demo: survey size" has report.md "312 respondents; 10 closed (Likert) questions; 3 open questions, with 783 answers."
check "demo: respondent profile" has report.md "| Türkiye | 26 | 8.3 |"
check "demo: pooled agreement of the two coders" grep -q '^| amira and tomas | 7 | [0-9.]* % | [0-9.-]* | [0-9.-]* |$' report.md
# every finding, in ODCR form, and every quote with its provenance
sqlite3 demo.jaw "SELECT title FROM finding ORDER BY position, id" >titles.txt
check "demo: three findings" test "$(wc -l <titles.txt)" -eq 3
n=0
while IFS= read -r title; do
	n=$((n + 1))
	check "demo: finding $n" grep -qxF -- "## Finding $n: $title" report.md
done <titles.txt
check "demo: ODCR headings for each" test "$(grep -c '^### \(Observation\|Discussion\|Conclusion\|Recommendation\|Evidence\)$' report.md)" -eq 15
check "demo: status in words" has report.md "**Status:** action assigned"
check "demo: evidence strength" has report.md "**Evidence strength:** 3 citations from 2 sources"
sqlite3 demo.jaw "SELECT quote FROM finding_evidence ORDER BY id" >quotes.txt
check "demo: nine quotes" test "$(wc -l <quotes.txt)" -eq 9
# the quotes as block quotes, their escapes taken away
sed -n 's/^> //p' report.md | sed 's/\\\(.\)/\1/g' >quoted.txt
while IFS= read -r quote; do
	check "demo: quote \"$quote\"" grep -qxF -- "$quote" quoted.txt
done <quotes.txt
check "demo: provenance by role" has report.md "> — a legal adviser (LEGAD) (interview, 2026-09-15)"
check "demo: provenance named" has report.md "> — Łukasz Wróbel, Protection of civilians adviser (interview, 2026-09-29)"
check "demo: provenance anonymous" has report.md "> — an interviewee (interview, 2026-11-05)"
check "demo: codebook with roll-ups" has report.md "| Cross-cutting | Parent for issues that cut across all themes. Prefer one of its children; apply the parent only when none fits. | 0 | 0 | 16 | 6 |"
check "demo: timeline" has report.md "| event | Human security seminar | 2026-12-04 | 2026-12-08 | İzmir | planned | 0 |"
check "demo: register named" has report.md "| Łukasz Wróbel | person | Land Component Command Kraków | Protection of civilians adviser |"
check "demo: register by role" has report.md "| a legal adviser (LEGAD) | person | 3 | 4 | supportive | 1 |"
check "demo: register not named" has report.md "people and 1 organisation in the register may not be named"
# no name of a stakeholder who is not named: anonymous (set or by
# default) or by role only; nor an anonymous organisation's
sqlite3 demo.jaw "SELECT name FROM stakeholder WHERE coalesce(attribution,
	CASE kind WHEN 'organisation' THEN 'named' ELSE 'anonymous' END) <> 'named'" >hidden.txt
check "demo: some stakeholders are not named" test "$(wc -l <hidden.txt)" -ge 5
while IFS= read -r name; do
	check "demo: no \"$name\"" lacks report.md "$name"
done <hidden.txt
check "demo: the marking closes the report" test "$(tail -n 1 report.md)" = "**UNCLASSIFIED – DEMO DATA – FOR TRAINING ONLY**"
check "demo: to stdout, the same report" expect 0 export report demo.jaw
check "demo: stdout is the file" same "$out" report.md

# ---- refusals ------------------------------------------------------------------------
echo "not a directory" >plain.txt
check "unwritable path: exit 1" expect 1 export report demo.jaw -o plain.txt/report.md
check "unwritable path: the message" err_line "jaw: plain.txt/report.md: cannot write: Not a directory"
check "unwritable path: nothing written" absent plain.txt/report.md
check "missing directory: exit 1" expect 1 export report demo.jaw -o no/such/report.md
check "missing directory: the message" err_line "jaw: no/such/report.md: cannot write: No such file or directory"
check "no temporary file left" test "$(ls | grep -c 'report\.md\.')" -eq 0
check "--excel is refused" expect 2 export report demo.jaw --excel
check "--excel: the message" err_has "--excel is for CSV exports, not for report"

# ---- hostile text ----------------------------------------------------------------------
# each line of hostile.txt is markup of some kind; the project holds it in
# every kind of text the report prints
cat >hostile.txt <<'EOF'
*bold* _it_ **x** # hash | pipe <b>tag</b> &amp; [l](u) ![i](u) $m$ @c ^s^ ~t~ {.c} back\slash
> not a quote
- not a list
1. not a list
# not a heading
"straight" 'quotes' -- --- ... Dr. Who e.g. this
<!-- not a comment -->
```not code```
| a | b |
:::
\begin{document} \emph{x}
<http://example.com> [^1] ^[note]
Ünïcödé – “x” — Σ İzmir
---
EOF
"$JAW" init h.jaw >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
sqlite3 h.jaw "
UPDATE project SET title = '# Title | with *stars*', aim = CAST(readfile('hostile.txt') AS TEXT),
 marking = 'SECRET // <REL> | *x*';
INSERT INTO stakeholder (id, kind, name, role, attribution) VALUES
 (1, 'organisation', 'Org | *one*', '<role>', 'named');
INSERT INTO source (id, kind, title, text, source_date, stakeholder_id) VALUES
 (1, 'interview', 'Talk', CAST(readfile('hostile.txt') AS TEXT), '2026-09-15', 1);
INSERT INTO timeline_item (kind, title, start_date, location) VALUES
 ('event', 'Trip | *x* <y>', '2026-09-14', '> there');
UPDATE code SET description = '| cell | breaker' WHERE name = 'Training';
INSERT INTO finding (id, title, observation, discussion, conclusion, recommendation, status,
 action_body, owner, position) VALUES
 (1, '*Hostile* | finding # 1', CAST(readfile('hostile.txt') AS TEXT),
  CAST(readfile('hostile.txt') AS TEXT), CAST(readfile('hostile.txt') AS TEXT),
  CAST(readfile('hostile.txt') AS TEXT), 'identified', '<G3> | *x*', 'ana', 1);
INSERT INTO finding_evidence (finding_id, source_id, start_cp, end_cp, quote, cited_source,
 note) VALUES (1, 1, 0, length(CAST(readfile('hostile.txt') AS TEXT)) - 1,
 rtrim(CAST(readfile('hostile.txt') AS TEXT), char(10)), 1, '# note | *x*');" ||
	{ echo "Bail out! sqlite3 failed"; exit 1; }
check "hostile: exit 0" expect 0 export report h.jaw -o h.md
check "hostile: the title escaped" has h.md "title: '\\# Title \\| with \\*stars\\*'"
check "hostile: the finding's heading escaped" grep -qxF '## Finding 1: \*Hostile\* \| finding \# 1' h.md
check "hostile: the headings are only the report's" test "$(grep -c '^#' h.md)" -eq 21
check "hostile: the block quote is only the quote" test "$(grep -c '^>' h.md)" -eq "$(($(wc -l <hostile.txt) + 4))"
awk 'f >= 2 { print } /^---$/ { f++ }' h.md >h.body
check "hostile: no line begins a list" test "$(grep -c '^\(- \|1\. \|[*+] \)' h.body)" -eq 0
# every table row has as many cells as its header
check "hostile: table rows keep their cells" awk '
	/^\|/ { line = $0; gsub(/\\\\/, "", line); gsub(/\\\|/, "", line); n = gsub(/\|/, "", line)
		if (!intable) { cols = n; intable = 1 } else if (n != cols) { print "row: " $0; bad = 1 } next }
	{ intable = 0 } END { exit bad }' h.md

if command -v pandoc >/dev/null 2>&1; then
	pandoc -f markdown -t native h.md >h.native 2>h.err
	check "pandoc: reads the report" test -s h.native
	# the document's shapes, without the text of its strings
	sed 's/"\([^"\\]\|\\.\)*"/""/g' h.native >h.shapes
	for c in CodeBlock OrderedList BulletList DefinitionList LineBlock RawBlock HorizontalRule \
		Link Image Math Cite RawInline Note Strikeout Superscript Subscript Div Span; do
		check "pandoc: no $c from the data" test "$(grep -cw "$c" h.shapes)" -eq 0
	done
	# curly quotes are read as quotes, and written as they were (below);
	# straight ones are not
	check "pandoc: no straight quotes read as quotes" test "$(grep -c 'Quoted SingleQuote' h.shapes)" -eq 0
	check "pandoc: no inline code from the data" test "$(grep -cw 'Code' h.shapes)" -eq 0
	check "pandoc: one block quote" test "$(grep -c 'BlockQuote' h.native)" -eq 1
	pandoc -f markdown -t plain --wrap=none h.md >h.txt 2>>h.err
	while IFS= read -r line; do
		check "pandoc: as written: $line" has h.txt "$line"
	done <hostile.txt
	check "pandoc: the table cell as written" has h.txt "| cell | breaker"
	check "pandoc: docx from the demo" quiet pandoc report.md -o report.docx
	engine=""
	for e in xelatex lualatex pdflatex; do
		command -v $e >/dev/null 2>&1 && { engine=$e; break; }
	done
	if [ -n "$engine" ] && command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
		check "pandoc: a PDF with $engine" quiet pandoc report.md --pdf-engine=$engine -o report.pdf
		pages=$(pdfinfo report.pdf 2>/dev/null | sed -n 's/^Pages: *//p')
		check "pdf: several pages" test "${pages:-0}" -gt 3
		missing=""
		i=1
		while [ "$i" -le "${pages:-0}" ]; do
			n=$(pdftotext -f $i -l $i report.pdf - | grep -cF "UNCLASSIFIED – DEMO DATA – FOR TRAINING ONLY")
			[ "$n" -ge 2 ] || missing="$missing $i"
			i=$((i + 1))
		done
		[ -z "$missing" ] || diag "pages without the marking at head and foot:$missing"
		check "pdf: the marking at the head and foot of every page" test -z "$missing"
	else
		skip "pdf: the marking on every page" "no LaTeX engine, pdftotext or pdfinfo"
	fi
else
	skip "pandoc: reads the report" "pandoc is not installed"
fi

done_testing
