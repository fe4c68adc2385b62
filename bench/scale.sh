#!/bin/sh
# scale.sh - the full-scale benchmark of issue 15 (make bench-scale, never
# make check). Builds, or takes from CACHE, a project of ROWS (200,000)
# survey respondents imported by the real `jaw import-csv` (three open
# answers each), 500 notes of up to 1 MB, 200 codes, 1,000,000 codings by
# three coders, 100 stakeholders, 100 timeline items and 200 findings
# (bench/genproject.c); then, in one run:
#   - the interface on a copy of it (bench/bench_ui: every key timed, the
#     bytes written to an 80x24 terminal counted, peak RSS);
#   - the peers: sqlite3 .import of the same survey (the import ratio),
#     sqlite3 running the crosstab on a flat table (the analysis ratio),
#     VisiData loading the survey (vd -b, time and peak RSS);
#   - the report export, when jaw has one;
# and writes OUT (BENCH.md): the machine, its load, the figures, the ratios
# and the targets met or missed. The cache is kept while the generator's
# version, the survey generator's output and jaw's schema version stay the
# same; delete CACHE to build it again.
# usage: scale.sh JAW GENSURVEY GENPROJECT BENCH_UI SRCDIR OUT CACHE [ROWS]
set -eu
jaw=$1
gensurvey=$2
genproject=$3
bench_ui=$4
srcdir=$5
out=$6
cache=$7
rows=${8:-200000}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
note() { printf '%s\n' "$*" >&2; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
work=$(mktemp -d "${TMPDIR:-/tmp}/jaw-scale-XXXXXX")
trap 'rm -rf "$work" "$cache/run.jaw" "$cache/run.jaw-wal" "$cache/run.jaw-shm"' EXIT

# ---- the project, from the cache or generated ----------------------------------
key="genproject $("$genproject" --version); $("$jaw" --version); rows $rows;"
key="$key survey $("$gensurvey" 1000 0 | cksum | cut -d' ' -f1)"
if [ -f "$cache/key" ] && [ "$(cat "$cache/key")" = "$key" ] && [ -f "$cache/project.jaw" ]; then
	reused=yes
	note "== scale: the project from the cache ($cache), made in $(cat "$cache/seconds")"
else
	reused=no
	note "== scale: generating the project into $cache (takes minutes; kept for later runs)"
	rm -rf "$cache"
	mkdir -p "$cache"
	t0=$(now)
	"$gensurvey" "$rows" 0 >"$cache/survey.csv"
	"$jaw" init "$cache/project.jaw" --codebook empty --title "Scale benchmark" >/dev/null
	t1=$(now)
	"$jaw" import-csv "$cache/project.jaw" "$cache/survey.csv" >&2
	t2=$(now)
	"$genproject" "$cache/project.jaw" "$cache/flat.db" >&2
	t3=$(now)
	printf '%s s (the survey %s s, jaw import-csv %s s, bench/genproject %s s)\n' "$(secs "$t0" "$t3")" \
		"$(secs "$t0" "$t1")" "$(secs "$t1" "$t2")" "$(secs "$t2" "$t3")" >"$cache/seconds"
	printf '%s\n' "$key" >"$cache/key"
fi
counts=$(sqlite3 "$cache/project.jaw" "SELECT (SELECT count(*) FROM respondent) || ' respondents, '
	|| (SELECT count(*) FROM source) || ' sources ('
	|| (SELECT count(*) FROM source WHERE kind = 'survey_answer') || ' survey answers, '
	|| (SELECT count(*) FROM source WHERE kind <> 'survey_answer') || ' notes of up to '
	|| (SELECT max(length(text)) / 1000 FROM source) || ' KB), '
	|| (SELECT count(*) FROM coding) || ' codings by '
	|| (SELECT count(DISTINCT coder) FROM coding) || ' coders, '
	|| (SELECT count(*) FROM code) || ' codes, '
	|| (SELECT count(*) FROM stakeholder) || ' stakeholders, '
	|| (SELECT count(*) FROM timeline_item) || ' timeline items, '
	|| (SELECT count(*) FROM finding) || ' findings citing '
	|| (SELECT count(*) FROM finding_evidence) || ' segments'")
size_mb=$(($(wc -c <"$cache/project.jaw") / 1000000))
csv_mb=$(($(wc -c <"$cache/survey.csv") / 1000000))

# ---- the import ratio: jaw import-csv against sqlite3 .import ------------------
note "== scale: survey import, jaw against sqlite3 .import"
$SHELL "$srcdir/bench/csv_import.sh" "$jaw" "$gensurvey" "$rows" "$cache/survey.csv" \
	>"$work/import.txt"
field() { sed -n "s/^$1: //p" "$work/import.txt"; }
import_jaw=$(field "jaw import-csv")
import_sqlite=$(field "sqlite3 .import")
import_ratio=$(field "ratio")
import_rss=$(field "jaw peak RSS" | awk '$2 == "KB" { printf "%.0f MB", $1 / 1024; next } { print }')

# ---- the interface ------------------------------------------------------------
note "== scale: the interface at 80x24 on a copy of the project"
need=$(($(wc -c <"$cache/project.jaw") / 1024 + 102400))
free=$(df -Pk "$cache" | awk 'NR == 2 { print $4 }')
if [ "$free" -lt "$need" ]; then
	note "scale.sh: $cache has $((free / 1024)) MB free; the run needs $((need / 1024)) MB for a"
	note "copy of the project to code in: free some space, or set BENCH_CACHE to a larger disk"
	exit 1
fi
cp "$cache/project.jaw" "$cache/run.jaw"
: >"$work/targets.md"
"$bench_ui" "$cache/run.jaw" "$work/targets.md" >"$work/ui.md"

# ---- the exports of findings: the report, the findings, the citations -------------
report=""
for what in report findings citations; do
	if "$jaw" export "$what" "$cache/run.jaw" -o "$work/$what.out" >"$work/$what.err" 2>&1; then
		t0=$(now)
		"$jaw" export "$what" "$cache/run.jaw" -o "$work/$what.timed" >/dev/null 2>&1
		t1=$(now)
		line="- \`jaw export $what\`: $(secs "$t0" "$t1") s, $(($(wc -c <"$work/$what.timed") / 1000)) KB."
	else
		line="- \`jaw export $what\`: skipped, it failed: $(head -n 1 "$work/$what.err")"
	fi
	report="$report${report:+
}$line"
done
rm -f "$cache/run.jaw" "$cache/run.jaw-wal" "$cache/run.jaw-shm"

# ---- the analysis peer: the crosstab on a flat table ---------------------------------
note "== scale: sqlite3 running the crosstab on a flat table"
peer_sql="SELECT code, nation, count(*) FROM coding_flat GROUP BY code, nation;"
best=""
for i in 1 2 3; do
	t0=$(now)
	sqlite3 "$cache/flat.db" "$peer_sql" >/dev/null
	t1=$(now)
	s=$(secs "$t0" "$t1")
	best=$(awk -v a="$s" -v b="${best:-$s}" 'BEGIN { print (a < b ? a : b) }')
done
peer_ms=$(awk -v s="$best" 'BEGIN { printf "%.1f", s * 1000 }')
jaw_xt=$(sed -n 's/^| crosstab by Nation, segments | [0-9]* | \([0-9.]*\) |.*/\1/p' "$work/ui.md")
xt_ratio=$(awk -v a="${jaw_xt:-0}" -v b="$peer_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')

# ---- VisiData loading the survey ----------------------------------------------------
if command -v vd >/dev/null 2>&1 && [ -x /usr/bin/time ]; then
	note "== scale: VisiData loading the survey (vd -b)"
	/usr/bin/time -v vd -b "$cache/survey.csv" -o "$work/vd.tsv" >/dev/null 2>"$work/vd.txt" || true
	vd_wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/vd.txt" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
	vd_rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/vd.txt")
	vd="- VisiData $(vd --version 2>/dev/null | sed -n 's/.*VisiData v\{0,1\}\([0-9.]*\).*/\1/p' |
		head -n 1) (\`vd -b survey.csv -o vd.tsv\`: load, then write TSV):\
 ${vd_wall} s, peak RSS $((vd_rss / 1024)) MB; jaw import-csv of the same file: ${import_jaw},\
 peak RSS ${import_rss}."
else
	vd="- VisiData: skipped, \`vd\` or /usr/bin/time is missing (apt-get install visidata time)."
fi

# ---- BENCH.md --------------------------------------------------------------------------------
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
import_met=$(awk -v r="$import_ratio" 'BEGIN { print (r <= 1.5 ? "met" : "**MISSED**") }')
commit=$(git -C "$srcdir" rev-parse --short HEAD 2>/dev/null || echo unknown)
{
	cat <<EOF
# BENCH.md: jaw at full scale

Written by \`make bench-scale\` (bench/scale.sh; \`make bench\` runs it last); do not edit by hand.
Figures from a loaded machine are provisional: compare runs on a quiet one.

- Date: $started; jaw $("$jaw" --version | sed 's/^jaw //'), commit $commit.
- Machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)),\
 $(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -srm).
- Load average (1, 5, 15 min): $load_before at the start, $load_after at the end.
- The project: $counts; ${size_mb} MB. Survey: $rows rows, ${csv_mb} MB of CSV.
- Generating it: $(cat "$cache/seconds")$( [ "$reused" = yes ] && echo ", in an earlier run (this run took it from the cache)").

## Targets (issue 15)

| target | measured | wanted | |
| --- | --- | --- | --- |
EOF
	cat "$work/targets.md"
	echo "| survey import against \`sqlite3 .import\` | ratio $import_ratio ($import_jaw against $import_sqlite) | <= 1.5 | $import_met |"
	cat <<EOF

## Peers

- Survey import, best of 3 rounds after an untimed one: jaw import-csv $import_jaw (peak RSS $import_rss), \`sqlite3 .import\`\
 $import_sqlite: **ratio $import_ratio**. Every round: jaw $(field "jaw import-csv runs") s;\
 sqlite3 $(field "sqlite3 .import runs") s.
- Crosstab of 200 codes by Nation (segments): jaw ${jaw_xt:-?} ms (the interface's key,\
 drawing included), \`sqlite3\` on a flat table of the same codings ${peer_ms} ms (best of 3, process\
 start included; \`$peer_sql\`): **ratio $xt_ratio**.
$vd
$report

## The interface

EOF
	cat "$work/ui.md"
	cat <<EOF

Navigation keys are the moves in lists and in the reader (PgDn, PgUp, j, k, g, G, h, l, w, b,
( ), { }, [ ]); the scroll keys, held to 2 KB, are PgDn, PgUp, j and k in lists and in the
reader. Opening a table, a search, a filter and coding are timed but have no target here (the
analysis tables have theirs in the analysis issue). Times are from the key to the screen written,
in one process with the project's pages in the page cache (the first open included).
A line scroll past the edge of a page costs about 300 bytes, not a page: ncurses (6.4) already
moves the rows with a scrolling region (\`ESC [ top;bottom r\`, then a line feed) and draws only
the new row; \`idlok(TRUE)\` on the list windows changed no byte. A page key (PgDn) writes the
whole page: about 80 bytes a row plus the attribute changes.

## Running it

\`make bench-scale\` runs this alone (about three minutes, plus about a minute the first time to
build the project, kept in \`bench/cache/\`, about 600 MB and 450 MB more for the copy the run
codes in, until bench/genproject.c's version, the survey generator's output or jaw's schema
version changes); \`make bench\` runs it after the
other benchmarks. \`make bench-scale BENCH_CACHE=DIR\` keeps the project elsewhere. To look
closer at the interface: \`JAW_BENCH_ONLY=codebook bench/bench_ui PROJECT TARGETS.md\` runs one
part (panes, reader, analysis, survey, codebook, findings), for \`perf record\`;
\`JAW_BENCH_TRACE=FILE\` writes every byte sent to the terminal, under each key's name.
EOF
} >"$out"
note "== scale: written to $out"
cat "$out"
