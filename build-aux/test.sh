#!/usr/bin/env bash
# Build Case Audit and run every test suite headless (its own Xvfb and session bus for the UI suite).
set -euo pipefail
cd "$(dirname "$0")/.."
. build-aux/deps.sh

ca_install_packages $CA_BUILD_PACKAGES $CA_TEST_PACKAGES
ca_setup_build _build -Dwerror=true -Db_sanitize=none

# The UI suite starts its own Xvfb and D-Bus session (tests/ui/run-ui-test.sh).
meson test -C _build --print-errorlogs --num-processes 2 "$@"
