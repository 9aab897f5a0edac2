#!/bin/sh
# run-fuzz.sh HARNESS WORK SEED…: a short libFuzzer run of HARNESS (CA_FUZZ_SECONDS, default
# 30) from its seeds, with its corpus and any crash kept in the folder WORK. A crash, a leak,
# a sanitizer report or a timeout fails the run; the input that caused it is saved in
# WORK/crashes/ to add to tests/fuzz/regressions/NAME/ once the reader is fixed.
set -eu
harness="$1"; work="$2"; shift 2
seconds="${CA_FUZZ_SECONDS:-30}"

mkdir -p "$work/corpus" "$work/crashes"
# The seeds go into the corpus: libFuzzer takes folders only, and data/ holds other files.
for seed in "$@"; do
  if [ -d "$seed" ]; then
    find "$seed" -maxdepth 1 -type f -exec cp {} "$work/corpus/" \;
  elif [ -f "$seed" ]; then
    cp "$seed" "$work/corpus/"
  fi
done

# -timeout: one input taking more than 10 s is a hang; -rss_limit_mb: more than 2 GB is a
# runaway. Every reader bounds its input far below either. The exit codes are 1 because
# libFuzzer's own, 77, means "skipped" to meson test, which would pass a crash.
exec "$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -print_final_stats=1 -artifact_prefix="$work/crashes/" "$work/corpus"
