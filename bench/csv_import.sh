#!/bin/sh
# csv_import.sh - the survey import benchmark (make bench, never make check):
# generates a 200,000-row survey (about 100 MB) and times, in the same run,
# jaw import-csv into a new project and sqlite3 .import of the same file;
# prints both times, their ratio and jaw's peak RSS. With CSV, imports that
# file instead of generating one (bench/scale.sh passes its survey).
# usage: csv_import.sh JAW GENSURVEY [ROWS [CSV]]
set -eu
jaw=$1
gen=$2
rows=${3:-200000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/jaw-bench-XXXXXX")
trap 'rm -rf "$dir"' EXIT
if [ -n "${4:-}" ]; then
	ln -s "$(cd "$(dirname "$4")" && pwd)/$(basename "$4")" "$dir/survey.csv"
else
	"$gen" "$rows" >"$dir/survey.csv"
fi
echo "survey: $rows rows, $(($(wc -c <"$dir/survey.csv") / 1000000)) MB"
"$jaw" init "$dir/new.jaw" --codebook empty >/dev/null
now() { date +%s.%N; }
# the peer first: jaw's checkpoint goes on in the background after it
# reports the import (jaw checkpoint), and would slow the peer down
t2=$(now)
sqlite3 "$dir/new.db" ".import --csv $dir/survey.csv t"
t3=$(now)
if [ -x /usr/bin/time ]; then
	t0=$(now)
	/usr/bin/time -f "%M" -o "$dir/rss" "$jaw" import-csv "$dir/new.jaw" "$dir/survey.csv" >/dev/null
	t1=$(now)
	rss="$(cat "$dir/rss") KB"
else
	t0=$(now)
	"$jaw" import-csv "$dir/new.jaw" "$dir/survey.csv" >/dev/null
	t1=$(now)
	rss="unknown (install the Debian package time)"
fi
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v rss="$rss" 'BEGIN {
	j = b - a; s = d - c
	printf "jaw import-csv: %.2f s\nsqlite3 .import: %.2f s\nratio: %.2f\njaw peak RSS: %s\n", j, s, j / s, rss }'
"$jaw" check "$dir/new.jaw"
