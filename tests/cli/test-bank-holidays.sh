#!/bin/sh
# "case-audit import bank-holidays": the official JSON into a database, whose years then count
# in "working-days --database"; bad files are refused with status 1 and change nothing.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/holidays.db"
data="${G_TEST_SRCDIR:-$(dirname "$0")/..}/../data"
wd="$binary working-days"

expect 0 "bank-holidays FILE" -- "$binary" import --help
expect 0 "--database" -- $wd --help

# The shipped list imports whole: eleven years.
prints 0 "Imported bank holidays for 2017–2027 (11 years)." -- "$binary" import bank-holidays "$data/bank-holidays-england-and-wales.json" --database "$db"
prints 0 11 -- sqlite3 "$db" "SELECT count(*) FROM bank_holiday_year"
prints 0 11 -- sqlite3 "$db" "SELECT count(*) FROM change_history WHERE entity = 'bank_holiday_year'"

# A file of 2030 with a one-off day on 3 June (a Monday) and no late May holiday.
cat > "$folder/2030.json" <<'JSON'
{ "england-and-wales": { "division": "england-and-wales", "events": [
  { "title": "New Year’s Day", "date": "2030-01-01" },
  { "title": "Extra bank holiday", "date": "2030-06-03" },
  { "title": "Christmas Day", "date": "2030-12-25" } ] } }
JSON
prints 0 "2030-06-03" -- $wd add 2030-05-31 1 --database "$db"
prints 0 "Imported bank holidays for 2030 (1 year)." -- "$binary" import bank-holidays "$folder/2030.json" --database "$db"
prints 0 "2030-06-04" -- $wd add 2030-05-31 1 --database "$db"
prints 0 "2030-05-27" -- $wd add 2030-05-24 1 --database "$db"
prints 0 "1" -- $wd between 2030-05-31 2030-06-04 --database "$db"
# Without --database, the shipped list and the rules as before.
prints 0 "2030-06-03" -- $wd add 2030-05-31 1
prints 0 "2030-05-28" -- $wd add 2030-05-24 1
# Years the import did not cover are as they were.
prints 0 2023-05-09 -- $wd add 2023-05-05 1 --database "$db"
prints 0 3 -- sqlite3 "$db" "SELECT count(*) FROM bank_holiday WHERE holiday_date LIKE '2030-%'"

# Bad files: the parser's message, status 1, and the database as it was.
state () { sqlite3 "$db" "SELECT * FROM bank_holiday ORDER BY holiday_date; SELECT * FROM bank_holiday_year;
                          SELECT * FROM change_history;" | sha256sum; }
before=$(state)
sed -e 's/2030-06-03/2030-02-30/' "$folder/2030.json" > "$folder/bad-date.json"
refuses 1 "bad-date.json: england-and-wales.events\[1\].date: \"2030-02-30\" is not a real date" -- "$binary" import bank-holidays "$folder/bad-date.json" --database "$db"
printf '{"england-and-wales": {"events": [' > "$folder/broken.json"
refuses 1 "broken.json: This is not a bank-holidays file: it is not JSON" -- "$binary" import bank-holidays "$folder/broken.json" --database "$db"
refuses 1 "no \"england-and-wales\" division" -- "$binary" import bank-holidays "$data/tools/stage-1.json" --database "$db"
refuses 1 "There is no file “none.json”" -- "$binary" import bank-holidays "$folder/none.json" --database "$db"
# Files that can hurt: a lone surrogate escape in a title (it reached the database as bytes
# that are not UTF-8, and broke the .ics export), nesting 80,000 deep (json-glib ran out of
# stack), and /dev/zero (read until the memory ran out).
printf '{"england-and-wales": {"events": [\n  {"title": "Bad \\ud800 day", "date": "2030-01-01"}]}}' > "$folder/surrogate.json"
refuses 1 "surrogate.json: This bank-holidays file cannot be read: england-and-wales.events\[0\].title: “\\\\ud800” is not a valid character escape (line 2, column 18)." -- "$binary" import bank-holidays "$folder/surrogate.json" --database "$db"
python3 -c "print('{\"england-and-wales\": {\"events\": ' + '[' * 80000)" > "$folder/deep.json"
refuses 1 "deep.json: This bank-holidays file cannot be read: line 1, column 288: lists and objects are nested more than 256 deep" -- "$binary" import bank-holidays "$folder/deep.json" --database "$db"
refuses 1 "“zero” is not a file that can be read" -- "$binary" import bank-holidays /dev/zero --database "$db"
if [ "$(state)" = "$before" ]; then pass "refused files changed nothing"; else fail "a refused file changed the database"; fi
refuses 1 "is not a real date" -- "$binary" import bank-holidays "$folder/bad-date.json" --database "$folder/new.db"
if [ -e "$folder/new.db" ]; then fail "a refused file created a database"; else pass "a refused file created no database"; fi

refuses 2 "give one bank-holidays file" -- "$binary" import bank-holidays --database "$db"
refuses 1 "There is no database" -- $wd add 2030-05-31 1 --database "$folder/absent.db"
refuses 2 "“2023-02-30” is not a real date" -- $wd add 2023-02-30 1 --database "$db"

finish
