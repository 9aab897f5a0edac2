#!/bin/sh
# Benchmark (reports figures, asserts no timing): an allocation run on the ten-year
# demonstration data set. The demo fills every month it generates with its own audits, so the
# month after it gets a fresh programme entry: the whole authority's capacity is free.
set -eu
binary="$1"
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
database="$folder/ten-years.db"
ms () { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

echo "# case-audit allocation benchmark: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores"
"$binary" demo --years 10 --seed 1 --until 2026-11 --database "$database" >/dev/null
sqlite3 "$database" "INSERT INTO programme_entry (month, strand, focus, allocation_date,
                     return_date) VALUES ('2026-12', 'social-care', 'Benchmark',
                     '2026-12-01', '2026-12-22')"
echo "rows	case_file	$(sqlite3 "$database" "SELECT count(*) FROM case_file")"
echo "rows	audit	$(sqlite3 "$database" "SELECT count(*) FROM audit")"

for run in 1 2 3; do
  start=$(date +%s%N)
  "$binary" allocate 2026-12 --seed "$run" --database "$database" >"$folder/preview.txt" 2>&1 || true
  took=$(ms "$start")
  counts=$(sed -n 2p "$folder/preview.txt")
  placed=$(grep -c "^  CA-.* → " "$folder/preview.txt" || true)
  echo "allocate-preview	run $run	$took ms	$counts; placed: $placed"
done

for percent in 10 100; do
  start=$(date +%s%N)
  "$binary" allocate 2026-12 --percent "$percent" --database "$database" >"$folder/preview.txt" 2>&1 || true
  took=$(ms "$start")
  echo "allocate-preview	${percent}%	$took ms	$(sed -n 2p "$folder/preview.txt"); placed: $(grep -c "^  CA-.* → " "$folder/preview.txt" || true)"
done

start=$(date +%s%N)
"$binary" allocate 2026-12 --seed 1 --commit --accept-unplaced --database "$database" >/dev/null 2>"$folder/commit.txt"
echo "allocate-commit	$(ms "$start") ms	$(tail -1 "$folder/commit.txt")"
