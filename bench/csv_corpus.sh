#!/bin/sh
# csv_corpus.sh - the corpus part of the survey import benchmark (make
# bench): jaw import-csv --dry-run, then the import, of every CSV and TSV
# file of the shared corpus of public files; prints the files, how many
# were imported or refused and the total time of each step.
# usage: csv_corpus.sh JAW [CORPUS]
set -u
jaw=$1
corpus=${2:-}
if [ -z "$corpus" ]; then
	for dir in "$(dirname "$0")/../../shared/corpora" /work/shared/corpora; do
		[ -f "$dir/SOURCES.md" ] && corpus=$dir && break
	done
fi
if [ -z "$corpus" ] || [ ! -d "$corpus" ]; then
	echo "no corpus at ../shared/corpora: skipped"
	exit 0
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/jaw-bench-XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
find "$corpus" -type f \( -name '*.csv' -o -name '*.tsv' -o -name '*.csv.txt' \) | sort >"$dir/files"
now() { date +%s.%N; }
files=0 imported=0 refused=0 dry=0 imp=0
while IFS= read -r f; do
	files=$((files + 1))
	rm -f "$dir/p.jaw"
	"$jaw" init "$dir/p.jaw" --codebook empty >/dev/null || exit 1
	t0=$(now)
	"$jaw" import-csv "$dir/p.jaw" "$f" --dry-run >/dev/null 2>&1
	t1=$(now)
	if "$jaw" import-csv "$dir/p.jaw" "$f" >/dev/null 2>&1; then
		imported=$((imported + 1))
	else
		refused=$((refused + 1))
	fi
	t2=$(now)
	dry=$(awk -v s="$dry" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", s + b - a }')
	imp=$(awk -v s="$imp" -v a="$t1" -v b="$t2" 'BEGIN { printf "%.6f", s + b - a }')
done <"$dir/files"
awk -v n="$files" -v i="$imported" -v r="$refused" -v d="$dry" -v m="$imp" 'BEGIN {
	printf "corpus: %d files (%d imported, %d refused)\n", n, i, r
	printf "dry runs: %.2f s\nimports: %.2f s\ntotal: %.2f s\n", d, m, d + m }'
