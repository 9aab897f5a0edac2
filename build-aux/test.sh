#!/usr/bin/env bash
# Build Case Audit and run every test suite headless (its own Xvfb and session bus for the UI suite).
set -euo pipefail
cd "$(dirname "$0")/.."
. build-aux/deps.sh

ca_install_packages $CA_BUILD_PACKAGES $CA_TEST_PACKAGES $CA_FUZZ_PACKAGES
ca_setup_build _build -Dwerror=true -Db_sanitize=none

# The UI suite starts its own Xvfb and D-Bus session (tests/ui/run-ui-test.sh).
meson test -C _build --print-errorlogs --num-processes 2 "$@"

# A short run of each fuzz harness (tests/fuzz), after a full run only: a clang build of its
# own in _build-fuzz with AddressSanitizer and UBSan, CA_FUZZ_SECONDS (default 30) each, two
# at a time. A crash, a leak or a sanitizer report fails the run; the input is kept in
# _build-fuzz/tests/fuzz/NAME-run/crashes/. CA_FUZZ_SECONDS=0 skips it.
if [ "$#" -eq 0 ] && [ "${CA_FUZZ_SECONDS:-30}" != 0 ]; then
  if [ ! -f _build-fuzz/build.ninja ]; then
    CC=clang meson setup _build-fuzz -Dfuzzing=true -Dui_tests=false
  else
    # Brought up to date first: "meson compile fuzz" looks the alias up before ninja runs.
    meson setup --reconfigure _build-fuzz -Dfuzzing=true -Dui_tests=false >/dev/null
  fi
  meson compile -C _build-fuzz fuzz
  meson test -C _build-fuzz --no-rebuild --print-errorlogs --suite fuzz --num-processes 2
fi
