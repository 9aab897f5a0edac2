#!/bin/sh
# "case-audit deadlines": what is due and overdue on a day in a generated year, counted against
# independent queries; JSON for scripts; bad dates refused with status 2.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/demo.db"
on=2026-10-20
dl="$binary deadlines"

expect 0 "^  deadlines " -- "$binary" --help
expect 0 "--on=DATE" -- $dl --help

expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 5 --until 2026-10 --database "$db"

# check_on DATE: the counts, by kind and in all, as the database has them, against the JSON.
# The category deadline is a UTC time; the demonstration's are in the working day, so its UTC
# day is England's day too.
check_on ()
{
  on="$1"
  q () { sqlite3 "$db" "$1"; }
  n_review=$(q "SELECT count(*) FROM audit WHERE review_due_at IS NOT NULL
                AND recommendations_checked_at IS NULL AND substr(review_due_at, 1, 10) <= '$on'")
  n_response=$(q "SELECT count(*) FROM manager_response WHERE due_date IS NOT NULL
                  AND responded_on IS NULL AND due_date <= '$on'")
  n_action=$(q "SELECT count(*) FROM action WHERE due_date IS NOT NULL AND completed_on IS NULL
                AND due_date <= '$on'")
  n_return=$(q "SELECT count(*) FROM audit WHERE due_date IS NOT NULL AND submitted_at IS NULL
                AND status IN ('allocated', 'in-progress') AND due_date <= '$on'")
  n_due=$(q "SELECT (SELECT count(*) FROM audit WHERE review_due_at IS NOT NULL
                     AND recommendations_checked_at IS NULL AND substr(review_due_at, 1, 10) = '$on')
                 + (SELECT count(*) FROM manager_response WHERE responded_on IS NULL AND due_date = '$on')
                 + (SELECT count(*) FROM action WHERE completed_on IS NULL AND due_date = '$on')
                 + (SELECT count(*) FROM audit WHERE submitted_at IS NULL
                    AND status IN ('allocated', 'in-progress') AND due_date = '$on')")
  n_all=$((n_review + n_response + n_action + n_return))
  if [ "$n_all" -gt 0 ] && [ "$n_review" -gt 0 ] && [ "$n_action" -gt 0 ] &&
     { [ "$on" != 2026-11-30 ] || [ "$n_return" -gt 0 ]; }; then
    pass "the demonstration year has deadlines to find on $on ($n_all)"
  else
    fail "the demonstration year has too few deadlines: $n_review $n_response $n_action $n_return"
  fi

  $dl --on $on --json --database "$db" > "$folder/deadlines.json" 2>"$folder/stderr"
  status=$?
  if [ $status -eq 0 ]; then pass "deadlines --json"; else fail "deadlines --json: status $status: $(cat "$folder/stderr")"; fi

  check=$(python3 - "$folder/deadlines.json" "$on" "$n_review" "$n_response" "$n_action" "$n_return" "$n_due" <<'PY'
import json, sys
path, on, n_review, n_response, n_action, n_return, n_due = sys.argv[1:]
with open(path) as f:
    data = json.load(f)
problems = []
if sorted(data) != ["due", "on", "overdue"]:
    problems.append("top-level keys %s" % sorted(data))
if data.get("on") != on:
    problems.append("on is %r" % data.get("on"))
items = data["due"] + data["overdue"]
keys = ["audit_id", "case", "category", "due", "id", "kind", "overdue_working_days", "person"]
for item in items:
    if sorted(item) != keys:
        problems.append("item keys %s" % sorted(item)); break
want = {"category-deadline": int(n_review), "manager-response": int(n_response),
        "action": int(n_action), "audit-return": int(n_return)}
got = {kind: sum(1 for i in items if i["kind"] == kind) for kind in want}
if got != want:
    problems.append("counts %s, wanted %s" % (got, want))
if len(data["due"]) != int(n_due):
    problems.append("%d due on the day, wanted %s" % (len(data["due"]), n_due))
if any(i["due"] != on or i["overdue_working_days"] != 0 for i in data["due"]):
    problems.append("an item due on the day has another date")
if any(i["due"] >= on for i in data["overdue"]):
    problems.append("an overdue item is not yet due")
for name in ("due", "overdue"):
    order = [(i["category"] != 1, -i["overdue_working_days"]) for i in data[name]]
    if order != sorted(order):
        problems.append("%s is not Category 1 first, then most overdue" % name)
print("; ".join(problems) or "ok")
PY
  )
  if [ "$check" = ok ]; then pass "the JSON for $on matches the database"; else fail "the JSON for $on: $check"; fi

  # The text lists the same things, Category 1 marked.
  lines=$($dl --on $on --database "$db" | grep -c '^  ')
  if [ "$lines" -eq "$n_all" ]; then pass "the text lists $n_all items"; else fail "the text lists $lines items, wanted $n_all"; fi
}

check_on 2026-10-20
# A month on, audits allocated in October are due back too.
check_on 2026-11-30
on=2026-10-20
$dl --on $on --json --database "$db" > "$folder/deadlines.json"

# Overdue by working days, counted by the calendar: one item checked against working-days.
first_due=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["overdue"][0]["due"], d["overdue"][0]["overdue_working_days"])' "$folder/deadlines.json")
set -- $first_due
prints 0 "$2" -- "$binary" working-days between "$1" "$on"
set -- "$binary"

expect 0 "Overdue on $on: " -- $dl --on $on --database "$db"
expect 0 "Category 1 (!)" -- $dl --on $on --database "$db"

# Before anything was allocated: nothing due.
prints 0 "Nothing is due or overdue on 2020-01-06." -- $dl --on 2020-01-06 --database "$db"
prints 0 '{
  "on" : "2020-01-06",
  "due" : [],
  "overdue" : []
}' -- $dl --on 2020-01-06 --json --database "$db"

refuses 2 "case-audit deadlines: “2023-02-30” is not a real date; write dates as YYYY-MM-DD." -- $dl --on 2023-02-30 --database "$db"
refuses 2 "“tomorrow” is not a real date" -- $dl --on tomorrow --database "$db"
refuses 2 "unexpected “extra”" -- $dl extra --database "$db"
refuses 1 "There is no database" -- $dl --on $on --database "$folder/absent.db"

finish
