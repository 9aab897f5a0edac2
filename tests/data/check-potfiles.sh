#!/bin/sh
# Check po/POTFILES.in against the tree: every file with translatable strings is listed,
# and every listed file exists.
# Usage: check-potfiles.sh SOURCE_ROOT
set -u

srcdir="${1:-.}"
cd "$srcdir" || exit 1

potfiles=po/POTFILES.in
skipfiles=po/POTFILES.skip
if [ ! -f "$potfiles" ]; then
  echo "FAIL: $potfiles does not exist."
  exit 1
fi

# The listed paths, without comments, blank lines or [encoding: …] headers.
strip_list ()
{
  [ -f "$1" ] || return 0
  sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$1" | grep -v -e '^$' -e '^\['
}

listed=$(strip_list "$potfiles")
skipped=$(strip_list "$skipfiles")
status=0

# 1. Listed files that do not exist: xgettext fails on them, so the POT cannot be made.
missing=""
for f in $listed; do
  [ -f "$f" ] || missing="$missing $f"
done
if [ -n "$missing" ]; then
  status=1
  echo "FAIL: $potfiles lists files that do not exist (xgettext cannot make the template):"
  for f in $missing; do echo "  $f"; done
  echo "  Create each file, or remove its line from $potfiles if it was renamed or removed."
  echo
fi

# 2. Files with gettext markers that are not listed: their strings would never be translated.
# C: _() N_() C_() NC_() Q_() and the ngettext family. GtkBuilder: translatable="yes".
c_markers='(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_|g_dngettext|ngettext)[[:space:]]*\('
ui_markers='translatable=["'\''](yes|true|1)["'\'']'
unlisted=""
for dir in src ui; do
  [ -d "$dir" ] || continue
  for f in $(find "$dir" -type f \( -name '*.c' -o -name '*.h' \) -print | LC_ALL=C sort); do
    grep -Eq "$c_markers" "$f" || continue
    printf '%s\n%s\n' "$listed" "$skipped" | grep -Fxq "$f" || unlisted="$unlisted $f"
  done
  for f in $(find "$dir" -type f -name '*.ui' -print | LC_ALL=C sort); do
    grep -Eq "$ui_markers" "$f" || continue
    printf '%s\n%s\n' "$listed" "$skipped" | grep -Fxq "$f" || unlisted="$unlisted $f"
  done
done
for f in $(find data -maxdepth 1 -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' \) -print 2>/dev/null | LC_ALL=C sort); do
  printf '%s\n%s\n' "$listed" "$skipped" | grep -Fxq "$f" || unlisted="$unlisted $f"
done
if [ -n "$unlisted" ]; then
  status=1
  echo "FAIL: these files have translatable strings but are not in $potfiles:"
  for f in $unlisted; do echo "  $f"; done
  echo "  Add each path to $potfiles (or, if its strings must not be translated, to $skipfiles)."
  echo
fi

if [ "$status" -eq 0 ]; then
  echo "OK: $potfiles lists $(printf '%s\n' "$listed" | grep -c .) files, all present, and every file with translatable strings."
fi
exit "$status"
