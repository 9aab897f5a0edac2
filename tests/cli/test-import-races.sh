#!/bin/sh
# "case-audit import" reads its file once (a pipe, /dev/stdin, a FIFO), gives up on a FIFO
# nobody writes to, never duplicates when two imports run at once, and is all or nothing
# when killed.
. "$(dirname "$0")/cli-checks.sh"

csv="$folder/csv"
mkdir -p "$csv"
is () {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: “$2”, wanted “$3”"; fi
}

# A small authority: 2 teams, 20 staff, 1,000 cases, and 2,000 past audits of them.
awk 'BEGIN { print "team,service_area,locality"; print "North 1,Assessment & Intervention,North"; print "South 1,Family Support,South" }' > "$csv/teams.csv"
awk 'BEGIN {
  print "staff_id,name,role,team"
  for (s = 1; s <= 20; s++) printf "S%d,Person %d,%s,%s\n", s, s, (s <= 4 ? "team-manager" : "practitioner"), (s % 2 ? "North 1" : "South 1")
}' > "$csv/staff.csv"
awk 'BEGIN {
  print "case_ref,team,open_date,legal_status"
  for (c = 1; c <= 1000; c++) printf "C-%05d,%s,2020-01-%02d,child-in-need\n", c, (c % 2 ? "North 1" : "South 1"), c % 28 + 1
}' > "$csv/cases.csv"
awk 'BEGIN {
  print "case_ref,auditor_id,tool,audit_date,overall_grade,category"
  for (a = 1; a <= 2000; a++) printf "C-%05d,S%d,stage-1,%02d/%02d/2021,good,4\n", (a - 1) % 1000 + 1, (a % 4) + 1, a % 28 + 1, (a > 1000) + 1
}' > "$csv/audits.csv"

setup () {
  rm -f "$1" "$1-wal" "$1-shm"
  "$binary" import teams "$csv/teams.csv" --database "$1" > /dev/null &&
  "$binary" import staff "$csv/staff.csv" --database "$1" > /dev/null &&
  { [ "${2:-}" != cases ] || "$binary" import cases "$csv/cases.csv" --database "$1" > /dev/null; }
}

# Read once: a pipe and /dev/stdin bring every row.
db="$folder/pipe.db"
setup "$db" cases
output=$(cat "$csv/audits.csv" | "$binary" import audits /dev/stdin --database "$db" 2>&1)
is "cat FILE | import audits /dev/stdin" "$output" "Imported 2000 audits (2000 new, 0 updated)."
is "every piped row is stored" "$(sqlite3 "$db" "SELECT count (*) FROM audit WHERE status = 'closed'")" 2000
output=$("$binary" import audits /dev/stdin --database "$db" < "$csv/audits.csv" 2>&1)
is "import audits /dev/stdin < FILE" "$output" "Imported 2000 audits (0 new, 2000 updated)."

# A FIFO: read when something writes to it; refused, not waited on for ever, when nothing does.
mkfifo "$folder/fifo"
cat "$csv/cases.csv" > "$folder/fifo" &
output=$(timeout 120 "$binary" import cases "$folder/fifo" --database "$db" 2>&1)
is "a FIFO with a writer" "$output" "Imported 1000 cases (0 new, 1000 updated)."
wait
output=$(timeout 120 "$binary" import cases "$folder/fifo" --database "$db" 2>&1); status=$?
if [ "$status" -eq 1 ] && printf '%s' "$output" | grep -q "Nothing arrived from “fifo”"; then
  pass "a FIFO nobody writes to is given up on"
else
  fail "a FIFO with no writer: status $status (124 is the guard's timeout), output: $output"
fi

# Two imports of one file at once: each succeeds or says another import is running, and
# every audit is stored exactly once. A few tries, as the two may or may not overlap.
for try in 1 2 3; do
  db="$folder/race-$try.db"
  setup "$db" cases
  "$binary" import audits "$csv/audits.csv" --database "$db" > "$folder/a.out" 2>&1 &
  first=$!
  "$binary" import audits "$csv/audits.csv" --database "$db" > "$folder/b.out" 2>&1 &
  second=$!
  wait $first; status_a=$?
  wait $second; status_b=$?
  for out in a b; do
    text=$(cat "$folder/$out.out")
    if printf '%s' "$text" | grep -q -e "^Imported 2000 audits" -e "Another import is writing to"; then
      pass "try $try, import $out: $text"
    else
      fail "try $try, import $out (status $status_a/$status_b): $text"
    fi
    if printf '%s' "$text" | grep -q -i -e "line [0-9]" -e "UNIQUE"; then
      fail "try $try, import $out blames the file: $text"
    fi
  done
  is "try $try: each audit once" "$(sqlite3 "$db" "SELECT count (*) FROM audit")" 2000
  is "try $try: no audit twice" "$(sqlite3 "$db" "SELECT count (*) FROM (SELECT 1 FROM audit GROUP BY case_id, auditor_id, tool_version_id, audit_date HAVING count (*) > 1)")" 0
  if grep -q "^Imported" "$folder/a.out" && grep -q "^Imported" "$folder/b.out"; then
    is "try $try: one import added them, the other updated them" \
       "$(cat "$folder/a.out" "$folder/b.out" | grep -o '([0-9]* new' | sort | tr '\n' ' ')" "(0 new (2000 new "
  fi
done

# Two case lists at once: the same, and never a "line 2: UNIQUE constraint failed".
for try in 1 2 3; do
  db="$folder/cases-race-$try.db"
  setup "$db"
  "$binary" import cases "$csv/cases.csv" --database "$db" > "$folder/a.out" 2>&1 &
  first=$!
  "$binary" import cases "$csv/cases.csv" --database "$db" > "$folder/b.out" 2>&1 &
  second=$!
  wait $first
  wait $second
  for out in a b; do
    text=$(cat "$folder/$out.out")
    if printf '%s' "$text" | grep -q -e "^Imported 1000 cases" -e "Another import is writing to"; then
      pass "cases try $try, import $out: $text"
    else
      fail "cases try $try, import $out: $text"
    fi
  done
  is "cases try $try: each case once" "$(sqlite3 "$db" "SELECT count (*) FROM case_file")" 1000
done

# Something else holding the database's write lock for longer than an import waits: the
# import says so and stores nothing; the file is not blamed. (The lock is held until the
# import has finished, so this does not depend on how long either takes.)
db="$folder/busy.db"
setup "$db" cases
rm -f "$folder/done"
# The holder waits for the lock (the probe below may hold it for an instant); the probe
# gives up after a minute rather than spin for ever.
{ echo ".timeout 10000"; echo "BEGIN IMMEDIATE;"; while [ ! -e "$folder/done" ]; do sleep 0.2; done; echo "ROLLBACK;"; } | sqlite3 "$db" &
holder=$!
tries=0
until ! sqlite3 -cmd ".timeout 0" "$db" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null; do
  tries=$((tries + 1))
  [ "$tries" -lt 600 ] || { fail "the database could not be held busy"; break; }
  sleep 0.1
done
output=$("$binary" import audits "$csv/audits.csv" --database "$db" 2>&1); status=$?
touch "$folder/done"
wait $holder
if [ "$status" -eq 1 ] && printf '%s' "$output" | grep -q "Another import is writing to this database" &&
   ! printf '%s' "$output" | grep -q -i "line [0-9]"; then
  pass "a database kept busy: $output"
else
  fail "a database kept busy: status $status, $output"
fi
is "nothing was imported while it was busy" "$(sqlite3 "$db" "SELECT count (*) FROM audit")" 0

# The schema itself refuses a second copy of an audit (case, auditor, tool, date), whatever
# writes it, while an allocated audit with no date yet is no copy of anything.
db="$folder/pipe.db"
output=$(sqlite3 "$db" "INSERT INTO audit (case_id, tool_version_id, auditor_id, status, allocated_on, audit_date) SELECT case_id, tool_version_id, auditor_id, 'closed', allocated_on, audit_date FROM audit LIMIT 1" 2>&1)
if printf '%s' "$output" | grep -q "UNIQUE constraint failed"; then
  pass "a second copy of an audit is refused by the schema"
else
  fail "a second copy of an audit: $output"
fi
newer=$(sqlite3 "$db" "SELECT v.id FROM audit_tool_version v JOIN audit_tool t ON t.id = v.tool_id WHERE t.code = 'stage-1' ORDER BY v.version DESC LIMIT 1")
output=$(sqlite3 "$db" "INSERT INTO audit (case_id, tool_version_id, auditor_id, status, allocated_on) SELECT case_id, tool_version_id, auditor_id, 'allocated', allocated_on FROM audit LIMIT 1; INSERT INTO audit (case_id, tool_version_id, auditor_id, status, allocated_on) SELECT case_id, tool_version_id, auditor_id, 'allocated', allocated_on FROM audit LIMIT 1; SELECT count (*) FROM audit WHERE audit_date IS NULL" 2>&1)
is "audits not yet done are not copies" "$output" 2

# Killed at any moment, a large import leaves all of it or none of it, and a sound file.
awk 'BEGIN {
  print "case_ref,team,open_date,legal_status"
  for (c = 1; c <= 150000; c++) printf "K-%06d,%s,2020-01-%02d,child-in-need\n", c, (c % 2 ? "North 1" : "South 1"), c % 28 + 1
}' > "$csv/many-cases.csv"
db="$folder/kill.db"
setup "$db"
for delay in 0.5 2 4 6 8; do
  "$binary" import cases "$csv/many-cases.csv" --database "$db" > /dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  count=$(sqlite3 "$db" "SELECT count (*) FROM case_file")
  check=$(sqlite3 "$db" "PRAGMA integrity_check")
  if { [ "$count" = 0 ] || [ "$count" = 150000 ]; } && [ "$check" = ok ]; then
    pass "killed after ${delay}s: $count cases, $check"
  else
    fail "killed after ${delay}s: $count cases, integrity $check"
  fi
done
output=$("$binary" import cases "$csv/many-cases.csv" --database "$db" 2>&1)
if printf '%s' "$output" | grep -q "^Imported 150000 cases"; then pass "and then it imports: $output"; else fail "after the kills: $output"; fi
is "all the cases" "$(sqlite3 "$db" "SELECT count (*) FROM case_file")" 150000

finish
