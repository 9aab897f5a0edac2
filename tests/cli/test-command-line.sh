#!/bin/sh
# The command line, as a script would use it: every command runs without a display,
# mistakes go to stderr with a non-zero status, and demo data is reproducible.
. "$(dirname "$0")/cli-checks.sh"

expect 0 "demo" -- "$binary" --help
expect 0 "version" -- "$binary" --help
expect 0 "Case Audit .* (data version 3)" -- "$binary" version
expect 0 "--years" -- "$binary" demo --help
expect 2 "is not a command" -- "$binary" demoo
expect 1 "Unknown option" -- "$binary" --no-such-option
expect 2 "is not a month" -- "$binary" demo --until 2021-13 --database "$folder/a.db"
expect 2 "from 1 to" -- "$binary" demo --years 0 --database "$folder/a.db"
expect 2 "unexpected" -- "$binary" demo extra-word --database "$folder/a.db"
expect 1 "does not exist" -- "$binary" demo --database "$folder/no/such/folder/a.db"
if [ -e "$folder/no" ]; then fail "a missing folder was created"; else pass "no folder was created"; fi

expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 9 --until 2021-06 --database "$folder/one.db"
expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 9 --until 2021-06 --database "$folder/two.db"
expect 1 "already holds data" -- "$binary" demo --years 1 --database "$folder/one.db"

# Private to its owner (R-M5), and the same seed gives the same data.
mode=$(stat -c %a "$folder/one.db")
if [ "$mode" = 600 ]; then pass "the database is mode 600"; else fail "the database is mode $mode"; fi

dump () { sqlite3 "$1" "SELECT * FROM audit ORDER BY id; SELECT * FROM action ORDER BY id;
                       SELECT * FROM change_history ORDER BY id;" | sha256sum; }
if [ "$(dump "$folder/one.db")" = "$(dump "$folder/two.db")" ]; then
  pass "the same seed gives the same audits, actions and history"
else
  fail "two runs with the same seed differ"
fi

finish
