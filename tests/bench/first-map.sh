#!/bin/sh
# Starts COMMAND… on the current X display and prints how long until its first window is
# mapped and viewable, seen from outside (xdotool, polled every few milliseconds): the one
# start-up figure that can be taken the same way for any program, GNOME Text Editor
# included. With FIRST_MAP_STOP=1 the program is stopped a second after; otherwise it is
# left to finish by itself.
set -eu
start=$(date +%s%N)
"$@" &
pid=$!
until xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "first-map	never: $1 ended first"
    exit 1
  fi
  sleep 0.002
done
end=$(date +%s%N)
echo "first-map	$(( (end - start) / 1000000 )) ms since launch	$(basename "$1")"
if [ "${FIRST_MAP_STOP:-0}" = 1 ]; then
  sleep 1
  grep -E '^Vm(HWM|RSS):' "/proc/$pid/status" | sed 's/^/memory	/' || true
  kill "$pid" 2>/dev/null || true
fi
wait "$pid" || true
