#!/bin/sh
# Benchmark (reports figures, asserts no timing): the ten-year demonstration data set
# (R-N1), its generation time and size, then the real window on it under Xvfb: time to
# the first painted frame, to the audits list loaded and shown, to sort by each column
# and set each filter, and RSS; then the audit editor: open to first keystroke, and the
# cost of a keystroke and its autosave; then a submitted audit and a moderation opened.
#
# Start-up is set beside two yardsticks, run in turn with the window under the same Xvfb,
# renderer and settings: a minimal libadwaita window (bench-floor, the least any such app
# costs) and Debian's GNOME Text Editor. Both the window and the floor print their first
# frame from inside; first-map.sh times all three from outside, launch to window mapped.
# The summary gives medians of three runs and the ratios.
set -eu
binary="$1"
bench_editor="${2:-}"
bench_calendar="${3:-}"
bench_open="${4:-}"
bench_floor="${5:-}"
bench_moderation="${6:-}"
here=$(cd "$(dirname "$0")" && pwd)
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
database="$folder/ten-years.db"
log="$folder/log"

# GNOME Text Editor and xdotool serve this benchmark alone, so they are installed here
# rather than with the packages the tests need.
if [ -n "$bench_floor" ]; then
  . "$here/../../build-aux/deps.sh"
  ca_install_packages gnome-text-editor xdotool >&2 || bench_floor=""
fi

# Runs COMMAND… under a fresh Xvfb and D-Bus session, with the cairo renderer and settings
# in memory, and the program's first window timed from outside.
under_xvfb ()
{
  GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
    XDG_DATA_HOME="$folder/data" XDG_CONFIG_HOME="$folder/config" \
    XDG_STATE_HOME="$folder/state" XDG_CACHE_HOME="$folder/cache" \
    xvfb-run --auto-servernum --server-args="-screen 0 1400x900x24" \
    dbus-run-session -- "$here/first-map.sh" "$@" 2>/dev/null
}

echo "# case-audit benchmark: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores"
# CA_BENCH_DATABASE names a ten-year data set made earlier, to compare builds on one file.
if [ -n "${CA_BENCH_DATABASE:-}" ]; then
  cp "$CA_BENCH_DATABASE" "$database"
  echo "generate-10-years	skipped: a copy of $CA_BENCH_DATABASE"
else
  start=$(date +%s%N)
  "$binary" demo --years 10 --seed 1 --until 2026-11 --database "$database" >/dev/null
  end=$(date +%s%N)
  echo "generate-10-years	$(( (end - start) / 1000000 )) ms	$(du -h "$database" | cut -f1)"
fi
for table in case_file staff audit action moderation change_history; do
  echo "rows	$table	$(sqlite3 "$database" "SELECT count(*) FROM $table")"
done

if [ -n "$bench_open" ]; then
  echo "# opening (with the checks of every open) and verify"
  "$bench_open" "$database"
fi

if [ -n "$bench_moderation" ]; then
  echo "# moderation and tracker (escalations recorded first, as of 1 December 2026)"
  "$binary" escalate --on 2026-12-01 --database "$database" | head -1
  "$bench_moderation" "$database"
fi

if [ -n "$bench_calendar" ]; then
  echo "# calendar: one month of items (October 2026)"
  "$bench_calendar" "$database" 2026-10
fi

for run in 1 2 3; do
  if [ -n "$bench_floor" ]; then
    echo "# floor run $run"
    under_xvfb "$bench_floor" | sed 's/^/floor	/' | tee -a "$log"
    echo "# text editor run $run"
    FIRST_MAP_STOP=1 under_xvfb gnome-text-editor --standalone \
      | sed 's/^/text-editor	/' | tee -a "$log"
  fi
  echo "# window run $run"
  CASE_AUDIT_BENCHMARK=1 under_xvfb "$binary" --database "$database" \
    | sed 's/^/window	/' | tee -a "$log"
done

# The median of three runs of one figure: PROGRAM, FIGURE (the line's second field), and
# the field holding the number.
median ()
{
  grep "^$1	$2	" "$log" | cut -f"$3" | sed 's/ .*//' | sort -n | sed -n 2p
}

ratio ()
{
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}

echo "# summary: medians of three runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
window_frame=$(median window first-frame 3)
window_map=$(median window first-map 3)
echo "window	first-frame	$window_frame ms since start	first-map	$window_map ms since launch"
echo "window	list-shown	$(median window list-shown 3) ms since start (the ten years' list loaded and faded in)"
# The window reports its memory when loaded and again after the sorts and filters.
for field in VmHWM VmRSS; do
  for when in 1 0; do
    value=$(grep "^window	memory	$field:" "$log" | awk '{ print $4 }' \
              | awk -v w="$when" 'NR % 2 == w' | sort -n | sed -n 2p)
    echo "window	$field	$value kB ($(( ${value:-0} / 1024 )) MiB)	$([ "$when" = 1 ] && echo "when loaded" || echo "after sorting and filtering")"
  done
done
if [ -n "$bench_floor" ]; then
  floor_frame=$(median floor first-frame 3)
  floor_map=$(median floor first-map 3)
  editor_map=$(median text-editor first-map 3)
  echo "floor	first-frame	$floor_frame ms since start	first-map	$floor_map ms since launch"
  echo "text-editor	first-map	$editor_map ms since launch"
  echo "ratio	first-frame window/floor	$(ratio "$window_frame" "$floor_frame")"
  echo "ratio	first-map window/floor	$(ratio "$window_map" "$floor_map")"
  echo "ratio	first-map window/text-editor	$(ratio "$window_map" "$editor_map")"
fi

if [ -n "$bench_editor" ]; then
  for status in allocated submitted moderation; do
    for run in 1 2 3; do
      echo "# editor run $run ($status)"
      GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
        xvfb-run --auto-servernum --server-args="-screen 0 1400x900x24" \
        dbus-run-session -- "$bench_editor" "$database" "$status" 2>/dev/null
    done
  done
fi
