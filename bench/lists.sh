#!/bin/sh
# lists.sh - the list benchmark (make bench, never make check): generates a
# survey of ROWS respondents with bench/gensurvey, imports it into a new
# project, and runs bench_lists ROWS on it (paging and searching the
# timeline, stakeholders and evidence, and searching the survey's lists).
# usage: lists.sh JAW GENSURVEY BENCH_LISTS [ROWS]
set -eu
jaw=$1
gen=$2
bench=$3
rows=${4:-200000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/jaw-bench-XXXXXX")
trap 'rm -rf "$dir"' EXIT
"$gen" "$rows" >"$dir/survey.csv"
"$jaw" init "$dir/survey.jaw" --codebook empty >/dev/null
"$jaw" import-csv "$dir/survey.jaw" "$dir/survey.csv" >/dev/null
rm "$dir/survey.csv"
"$bench" "$rows" "$dir/survey.jaw"
