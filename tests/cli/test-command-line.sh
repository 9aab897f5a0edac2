#!/bin/sh
# The command line, as a script would use it: every command runs without a display,
# mistakes go to stderr with a non-zero status, and demo data is reproducible.
set -u
binary="$1"
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
unset DISPLAY WAYLAND_DISPLAY
failures=0
n=0

# expect STATUS PATTERN(stdout+stderr) -- command…
expect ()
{
  want_status="$1"; pattern="$2"; shift 3
  n=$((n + 1))
  output=$("$@" 2>"$folder/stderr"); status=$?
  all="$output $(cat "$folder/stderr")"
  if [ "$status" -ne "$want_status" ] || ! printf '%s' "$all" | grep -q -- "$pattern"; then
    echo "not ok $n - $*: status $status (wanted $want_status), output: $all"
    failures=$((failures + 1))
  else
    echo "ok $n - $*"
  fi
}

expect 0 "demo" -- "$binary" --help
expect 0 "version" -- "$binary" --help
expect 0 "Case Audit .* (data version 1)" -- "$binary" version
expect 0 "--years" -- "$binary" demo --help
expect 2 "is not a command" -- "$binary" demoo
expect 1 "Unknown option" -- "$binary" --no-such-option
expect 2 "is not a month" -- "$binary" demo --until 2021-13 --database "$folder/a.db"
expect 2 "from 1 to" -- "$binary" demo --years 0 --database "$folder/a.db"
expect 2 "unexpected" -- "$binary" demo extra-word --database "$folder/a.db"
expect 1 "does not exist" -- "$binary" demo --database "$folder/no/such/folder/a.db"
[ ! -e "$folder/no" ] || { echo "not ok - a missing folder was created"; failures=$((failures + 1)); }

expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 9 --until 2021-06 --database "$folder/one.db"
expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 9 --until 2021-06 --database "$folder/two.db"
expect 1 "already holds data" -- "$binary" demo --years 1 --database "$folder/one.db"

# Private to its owner (R-M5), and the same seed gives the same data.
n=$((n + 1))
mode=$(stat -c %a "$folder/one.db")
if [ "$mode" = 600 ]; then echo "ok $n - the database is mode 600"
else echo "not ok $n - the database is mode $mode"; failures=$((failures + 1)); fi

n=$((n + 1))
dump () { sqlite3 "$1" "SELECT * FROM audit ORDER BY id; SELECT * FROM action ORDER BY id;
                       SELECT * FROM change_history ORDER BY id;" | sha256sum; }
if [ "$(dump "$folder/one.db")" = "$(dump "$folder/two.db")" ]; then
  echo "ok $n - the same seed gives the same audits, actions and history"
else
  echo "not ok $n - two runs with the same seed differ"; failures=$((failures + 1))
fi

echo "1..$n"
[ "$failures" -eq 0 ]
