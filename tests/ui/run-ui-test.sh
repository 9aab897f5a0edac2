#!/bin/sh
# Runs one UI test in a private X server and D-Bus session (with the accessibility bus),
# so that tests never touch the developer's desktop and can run side by side.
set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/case-audit-xvfb-XXXXXX")
xvfb=
cleanup ()
{
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Xvfb chooses a free display itself and writes its number once it takes connections
# (-displayfd). xvfb-run --auto-servernum looks for a free number and then starts the
# server, so two tests starting together could both choose the same one.
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$dir/display" 2>"$dir/xvfb.log" &
xvfb=$!
tries=0
while [ ! -s "$dir/display" ]; do
  if ! kill -0 "$xvfb" 2>/dev/null || [ "$tries" -ge 600 ]; then
    echo "Xvfb did not start:" >&2
    cat "$dir/xvfb.log" >&2
    exit 1
  fi
  tries=$((tries + 1))
  sleep 0.1
done
DISPLAY=":$(cat "$dir/display")"
export DISPLAY

status=0
dbus-run-session -- "$@" || status=$?
exit "$status"
