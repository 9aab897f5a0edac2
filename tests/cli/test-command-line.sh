#!/bin/sh
# The command line, as a script would use it: every command runs without a display,
# mistakes go to stderr with a non-zero status, and demo data is reproducible.
. "$(dirname "$0")/cli-checks.sh"

expect 0 "demo" -- "$binary" --help
expect 0 "version" -- "$binary" --help
# The data version is the number of schema migrations shipped.
migrations=$(ls "$(dirname "$0")/../../src/libcaseaudit/db/schema/"*.sql | wc -l)
expect 0 "Case Audit .* (data version $migrations)" -- "$binary" version
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

# Global options before or after the command (issue 10): --database FILE, -d FILE,
# --database=FILE and -dFILE all reach the command, wherever they are written.
printf 'team,service_area,locality,auditor_group\nNorth Team,Early Help,North,1\n' \
  >"$folder/teams.csv"
expect 0 "Imported 1 team (1 new" -- "$binary" --database "$folder/g.db" import teams "$folder/teams.csv"
expect 0 "Imported 1 team (0 new, 1 updated)" -- "$binary" import teams "$folder/teams.csv" --database "$folder/g.db"
expect 0 "Imported 1 team (0 new, 1 updated)" -- "$binary" -d "$folder/g.db" import teams "$folder/teams.csv"
expect 0 "Nothing is due or overdue on 2021-01-04" -- "$binary" -d "$folder/g.db" deadlines --on 2021-01-04
expect 0 "Nothing is due or overdue" -- "$binary" --database="$folder/g.db" deadlines
expect 0 "Nothing is due or overdue" -- "$binary" -d"$folder/g.db" deadlines
prints 0 "North Team" -- sqlite3 "$folder/g.db" "SELECT name FROM team"
# A global option before the command goes to that command, not to another database.
expect 1 "no database" -- "$binary" --database "$folder/none.db" deadlines
if [ -e "$folder/none.db" ]; then fail "deadlines made a database"; else pass "no database was made"; fi
# Alone, --database still opens the window: with no display that is GTK's complaint.
expect 1 "cannot open display" -- env -u G_DEBUG "$binary" --database "$folder/g.db"
expect 0 "--years" -- "$binary" --help demo

# A mistyped command is named as one, wherever the options are.
refuses 2 "“imprt” is not a command" -- "$binary" imprt teams "$folder/teams.csv"
refuses 2 "“imprt” is not a command" -- "$binary" --database "$folder/g.db" imprt teams "$folder/teams.csv"
# An option of a command written before it is pointed to its place; one no command has
# is named as not an option; neither runs anything.
refuses 2 "--seed is an option of “demo”: write it after the command" -- "$binary" --seed 3 demo --database "$folder/s.db"
refuses 2 "--seed is an option of “demo”" -- "$binary" --database "$folder/s.db" --seed=3 demo
refuses 2 "--frob is not an option of “demo”" -- "$binary" --frob demo --database "$folder/s.db"
refuses 2 "--version is an option of “export”" -- "$binary" --version 2 export tool stage-1 x.json
refuses 2 "--format is an option of “import”" -- "$binary" --format annex-a-6 demo --database "$folder/s.db"
if [ -e "$folder/s.db" ]; then fail "a refused command made a database"; else pass "nothing was made"; fi

# Every option each command lists in its --help is known to be that command's, so the
# advice above is right for all of them (--database, a global option, goes anywhere). A
# failure here means a new option or command is missing from the options column of the
# table of commands in src/cli/ca-command-line.c.
commands=$("$binary" --help | sed -n '/^Commands/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
for command in $commands; do
  options=$("$binary" "$command" --help 2>&1 | grep -oE '^ +(-[a-z], )?--[a-z-]+' \
            | grep -oE -- '--[a-z-]+' | grep -vE -- '^--(help|database)$')
  for option in $options; do
    refuses 2 "$option is an option of “$command”" -- "$binary" "$option" "$command"
  done
done

finish
