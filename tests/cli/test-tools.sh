#!/bin/sh
# "case-audit import tool" and "export tool": round trips through files, a changed tool as a
# new version (R-E2), and refusals that leave the database as it was (R-E3).
. "$(dirname "$0")/cli-checks.sh"

db="$folder/tools.db"
shipped="${G_TEST_SRCDIR:-$(dirname "$0")/..}/../data/tools"
stage_1="Stage 1 Good Practice audit"

expect 0 "^  import " -- "$binary" --help
expect 0 "^  export " -- "$binary" --help
expect 0 "tool FILE" -- "$binary" import --help
expect 0 "tool CODE FILE" -- "$binary" export --help

# A new database starts with the built-in tools, so a shipped file is already there.
prints 0 "“Closure audit” is unchanged (version 1)." -- "$binary" import tool "$shipped/closure.json" --database "$db"
prints 0 "“$stage_1” is unchanged (version 1)." -- "$binary" import tool "$shipped/stage-1.json" --database "$db"

# Export, and the file reads back as the same tool. A tool is no one's personal data: 0644.
prints 0 "Exported “$stage_1” version 1 to $folder/s1.json." -- "$binary" export tool stage-1 "$folder/s1.json" --database "$db"
mode=$(stat -c %a "$folder/s1.json")
if [ "$mode" = 644 ]; then pass "an exported tool is mode 644"; else fail "an exported tool is mode $mode"; fi
# Never over a file without --force, never into a device, FIFO, folder or link (issue 10).
export_is_safe 644 -- "$binary" export tool stage-1 @PATH@ --database "$db"
prints 0 "“$stage_1” is unchanged (version 1)." -- "$binary" import tool "$folder/s1.json" --database "$db"

# Changed: a new version, numbered by the database whatever the file says; once only.
sed -e 's/"period_months" *: *6/"period_months" : 3/' -e 's/"version" *: *1,/"version" : 7,/' \
  "$folder/s1.json" > "$folder/s1-changed.json"
prints 0 "Imported “$stage_1” as version 2." -- "$binary" import tool "$folder/s1-changed.json" --database "$db"
prints 0 "“$stage_1” is unchanged (version 2)." -- "$binary" import tool "$folder/s1-changed.json" --database "$db"
expect 0 "version 2" -- "$binary" export tool stage-1 "$folder/latest.json" --database "$db"
expect 0 "version 1" -- "$binary" export tool stage-1 "$folder/first.json" --version 1 --database "$db"
if grep -q '"period_months" : 3' "$folder/latest.json" && grep -q '"version" : 2,' "$folder/latest.json" &&
   cmp -s "$folder/first.json" "$folder/s1.json"; then
  pass "each version exports as it was imported"
else
  fail "the exported versions are not the imported ones"
fi

# The Stage 2 moderation is a built-in tool too (R-H3): exported as format 2 with its parts,
# read back unchanged, and a changed wording is version 2.
stage_2="Stage 2 moderation"
prints 0 "“$stage_2” is unchanged (version 1)." -- "$binary" import tool "$shipped/stage-2.json" --database "$db"
prints 0 "Exported “$stage_2” version 1 to $folder/s2.json." -- "$binary" export tool stage-2 "$folder/s2.json" --database "$db"
if grep -q '"format_version" : 2,' "$folder/s2.json" && grep -q '"kind" : "moderation",' "$folder/s2.json" &&
   grep -q '"title" : "Has the Work Made a Difference for the Child?"' "$folder/s2.json" &&
   grep -q '"code" : "not-yet"' "$folder/s2.json" && ! grep -q '"sections"' "$folder/s2.json"; then
  pass "the Stage 2 tool exports as a moderation tool with its parts"
else
  fail "the Stage 2 tool's export is not a moderation tool file"
fi
prints 0 "“$stage_2” is unchanged (version 1)." -- "$binary" import tool "$folder/s2.json" --database "$db"
sed -e 's/"title" : "Learning"/"title" : "Learning for the Team"/' "$folder/s2.json" > "$folder/s2-changed.json"
prints 0 "Imported “$stage_2” as version 2." -- "$binary" import tool "$folder/s2-changed.json" --database "$db"
expect 0 "version 1" -- "$binary" export tool stage-2 "$folder/s2-first.json" --version 1 --database "$db"
if cmp -s "$folder/s2-first.json" "$folder/s2.json"; then pass "Stage 2 version 1 exports as it was"; else fail "Stage 2 version 1 changed"; fi

# A bad file: the validator's message, status 1, and the database as it was.
state () { sqlite3 "$db" "SELECT * FROM audit_tool; SELECT * FROM audit_tool_version;
                          SELECT * FROM change_history;" | sha256sum; }
before=$(state)
sed -e '0,/"type" : "yes-no-na"/s//"type" : "maybe"/' "$folder/s1.json" > "$folder/bad.json"
refuses 1 "bad.json: sections\[0\].questions\[0\].type: unknown answer type \"maybe\"$" -- "$binary" import tool "$folder/bad.json" --database "$db"
printf '{"format": "case-audit-tool",\n "code" "x"}' > "$folder/broken.json"
refuses 1 "broken.json: line 2, column .*: not valid JSON" -- "$binary" import tool "$folder/broken.json" --database "$db"
refuses 1 "format: missing" -- "$binary" import tool "$shipped/../bank-holidays-england-and-wales.json" --database "$db"
refuses 1 "There is no file “none.json”" -- "$binary" import tool "$folder/none.json" --database "$db"
# Files that can hurt: nested 80,000 deep (json-glib ran out of stack), a lone surrogate
# escape (refused as "not UTF-8 text", or not at all), a device, and a sparse gigabyte that
# was read whole into memory (400 MB of address space is far more than a tool needs).
python3 -c "print('[' * 80000 + ']' * 80000)" > "$folder/deep.json"
refuses 1 "deep.json: line 1, column 257: lists and objects are nested more than 256 deep" -- "$binary" import tool "$folder/deep.json" --database "$db"
sed -e 's/"name" : "Stage 1 /"name" : "Stage \\ud800 /' "$folder/s1.json" > "$folder/surrogate.json"
refuses 1 "surrogate.json: name: “\\\\ud800” is not a valid character escape (line 5, column 19)$" -- "$binary" import tool "$folder/surrogate.json" --database "$db"
refuses 1 "“zero” is not a file that can be read" -- "$binary" import tool /dev/zero --database "$db"
truncate -s 1G "$folder/huge.json"
refuses 1 "“huge.json” is larger than 10.0.MB" -- sh -c 'ulimit -v 400000 && exec "$@"' sh "$binary" import tool "$folder/huge.json" --database "$db"
rm -f "$folder/huge.json"
# A moderation tool with a mistake, and an audit tool under the moderation's code.
sed -e 's/"code" : "partly"/"code" : "no"/' "$folder/s2.json" > "$folder/s2-bad.json"
refuses 1 "s2-bad.json: parts\[4\].answers\[1\].code: expected \"partly\" here, not \"no\"" -- "$binary" import tool "$folder/s2-bad.json" --database "$db"
sed -e 's/"code" : "stage-1"/"code" : "stage-2"/' "$folder/s1.json" > "$folder/s1-as-s2.json"
refuses 1 "“stage-2” is a moderation tool in this database, and this file is an audit tool with the same code" -- "$binary" import tool "$folder/s1-as-s2.json" --database "$db"
if [ "$(state)" = "$before" ]; then pass "refused files changed nothing"; else fail "a refused file changed the database"; fi
refuses 1 "unknown answer type" -- "$binary" import tool "$folder/bad.json" --database "$folder/new.db"
if [ -e "$folder/new.db" ]; then fail "a refused file created a database"; else pass "a refused file created no database"; fi

# Wrong use: status 2 and a hint; unknown tools and versions: status 1.
refuses 2 "“widgets” is not something it can import; it can import “tool”" -- "$binary" import widgets "$folder/widgets.csv" --database "$db"
refuses 2 "“teams” is not something it can export; it can export “tool”, “audit”" -- "$binary" export teams "$folder/teams.csv" --database "$db"
refuses 2 "say what kind of thing to import" -- "$binary" import --database "$db"
refuses 2 "give one tool file" -- "$binary" import tool --database "$db"
refuses 2 "give one tool file" -- "$binary" import tool "$folder/s1.json" "$folder/s1.json" --database "$db"
refuses 2 "unknown option “--databse”" -- "$binary" import tool "$folder/s1.json" --databse "$db"
refuses 2 "give the tool's code and a file" -- "$binary" export tool stage-1 --database "$db"
refuses 2 "the version must be 1 or more" -- "$binary" export tool stage-1 "$folder/x.json" --version 0 --database "$db"
refuses 1 "There is no audit tool “stage-9”" -- "$binary" export tool stage-9 "$folder/x.json" --database "$db"
refuses 1 "has no version 3; its latest is version 2" -- "$binary" export tool stage-1 "$folder/x.json" --version 3 --database "$db"
refuses 1 "There is no database" -- "$binary" export tool stage-1 "$folder/x.json" --database "$folder/absent.db"
if [ -e "$folder/x.json" ]; then fail "a refused export wrote a file"; else pass "a refused export wrote no file"; fi

finish
