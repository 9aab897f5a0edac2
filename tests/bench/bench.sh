#!/bin/sh
# Benchmark (reports figures, asserts no timing): the ten-year demonstration data set
# (R-N1), its generation time and size, then the real window on it under Xvfb: time to
# the first painted frame, to the audits list filled, to sort by each column, and RSS; then
# the audit editor: open to first keystroke, and the cost of a keystroke and its autosave.
set -eu
binary="$1"
bench_editor="${2:-}"
bench_calendar="${3:-}"
bench_open="${4:-}"
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
database="$folder/ten-years.db"

echo "# case-audit benchmark: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores"
start=$(date +%s%N)
"$binary" demo --years 10 --seed 1 --until 2026-11 --database "$database" >/dev/null
end=$(date +%s%N)
echo "generate-10-years	$(( (end - start) / 1000000 )) ms	$(du -h "$database" | cut -f1)"
for table in case_file staff audit action moderation change_history; do
  echo "rows	$table	$(sqlite3 "$database" "SELECT count(*) FROM $table")"
done

if [ -n "$bench_open" ]; then
  echo "# opening (with the checks of every open) and verify"
  "$bench_open" "$database"
fi

if [ -n "$bench_calendar" ]; then
  echo "# calendar: one month of items (October 2026)"
  "$bench_calendar" "$database" 2026-10
fi

for run in 1 2 3; do
  echo "# window run $run"
  CASE_AUDIT_BENCHMARK=1 GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
    XDG_DATA_HOME="$folder/data" \
    xvfb-run --auto-servernum --server-args="-screen 0 1400x900x24" \
    dbus-run-session -- "$binary" --database "$database" 2>/dev/null
done

if [ -n "$bench_editor" ]; then
  for run in 1 2 3; do
    echo "# editor run $run"
    GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
      xvfb-run --auto-servernum --server-args="-screen 0 1400x900x24" \
      dbus-run-session -- "$bench_editor" "$database" 2>/dev/null
  done
fi
