#!/usr/bin/env bash
# Build Case Audit and open it on a demo database (made on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
. build-aux/deps.sh

ca_install_packages $CA_BUILD_PACKAGES
ca_setup_build _build

# Run from the build tree: schemas and resources are found there.
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
db="${CASE_AUDIT_DATABASE:-$PWD/_build/demo.db}"
if [ ! -f "$db" ]; then
  echo "Generating the demo authority in $db…"
  _build/src/case-audit/case-audit demo --database "$db"
fi
exec _build/src/case-audit/case-audit --database "$db" "$@"
