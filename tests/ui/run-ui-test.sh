#!/bin/sh
# Runs one UI test in a private X server and D-Bus session (with the accessibility bus),
# so that tests never touch the developer's desktop and can run side by side.
set -eu
exec xvfb-run --auto-servernum --server-args="-screen 0 1400x900x24" \
  dbus-run-session -- "$@"
