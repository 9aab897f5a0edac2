#!/bin/sh
# "case-audit escalate" and "case-audit tracker" (R-I1, R-I2) on a generated year: what is
# escalated counted by an independent query, once only, each to a Head of Service above the
# case's worker (a recursive query); the tracker's rows and filters against the database;
# its PDF (A4 landscape, written safely); bad input.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/demo.db"
q () { sqlite3 "$db" "$1"; }

expect 0 "^  escalate " -- "$binary" --help
expect 0 "^  tracker " -- "$binary" --help
expect 0 "--dry-run" -- "$binary" escalate --help
expect 0 "--head-of-service=ID" -- "$binary" tracker --help
expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 5 --until 2026-10 --database "$db"

# The demo escalated what was overdue before its own "today" (15 October 2026), when each
# deadline passed, to the Head of Service of the day: the command finds nothing more by then.
n_demo=$(q "SELECT count(*) FROM escalation")
if [ "$n_demo" -gt 10 ]; then pass "the demo escalated $n_demo audits"; else fail "the demo escalated only $n_demo"; fi
prints 0 "Nothing new to escalate." -- "$binary" escalate --on 2026-10-14 --dry-run --database "$db"
prints 0 "$n_demo" -- q "SELECT count(*) FROM change_history WHERE entity = 'audit'
                        AND field = 'escalated_to'"
prints 0 0 -- q "SELECT count(*) FROM escalation e JOIN audit a ON a.id = e.audit_id
                 LEFT JOIN staff h ON h.id = e.head_of_service_id
                 WHERE h.role_code IS NOT 'head-of-service' OR e.deadline <> a.review_due_at
                 OR e.escalated_at <= e.deadline OR e.escalated_at >= '2026-10-15'
                 OR a.recommendations_checked_at <= e.deadline
                 OR e.reason NOT LIKE 'The recommendations of this Category ' || a.category || ' audit%'"

# Overdue by the end of 31 October 2026 (GMT by then: the UTC day is England's), and not
# escalated by the demo.
n_due=$(q "SELECT count(*) FROM audit a WHERE category BETWEEN 1 AND 3 AND review_due_at IS NOT NULL
           AND recommendations_checked_at IS NULL AND status IN ('submitted', 'closed')
           AND review_due_at < '2026-11-01T00:00:00Z'
           AND NOT EXISTS (SELECT 1 FROM escalation e WHERE e.audit_id = a.id)")
if [ "$n_due" -gt 10 ]; then pass "the year has $n_due audits to escalate"; else fail "only $n_due to escalate"; fi

expect 0 "Would escalate $n_due audits:" -- "$binary" escalate --on 2026-10-31 --dry-run --database "$db"
prints 0 "$n_demo" -- q "SELECT count(*) FROM escalation"
expect 0 "Escalated $n_due audits:" -- "$binary" escalate --on 2026-10-31 --database "$db"
prints 0 "Nothing new to escalate." -- "$binary" escalate --on 2026-10-31 --database "$db"
prints 0 "$((n_demo + n_due))" -- q "SELECT count(*) FROM escalation"
prints 0 "$((n_demo + n_due))" -- q "SELECT count(*) FROM change_history WHERE entity = 'audit'
                                    AND field = 'escalated_to'"

# What the command escalated goes by today's line management (the demo's went to whoever
# held the post then, who may have left since).
found=$(q "SELECT count(*) FROM escalation e JOIN staff h ON h.id = e.head_of_service_id
           WHERE e.id > $n_demo AND (h.role_code <> 'head-of-service' OR h.active = 0)")
if [ "$found" = 0 ]; then pass "every escalation goes to an active Head of Service"; else fail "$found go elsewhere"; fi
found=$(q "WITH RECURSIVE up (audit_id, id) AS (
             SELECT a.id, c.allocated_worker_id FROM escalation e JOIN audit a ON a.id = e.audit_id
             JOIN case_file c ON c.id = a.case_id WHERE c.allocated_worker_id IS NOT NULL
             AND e.id > $n_demo
             UNION SELECT up.audit_id, s.line_manager_id FROM up JOIN staff s ON s.id = up.id
             WHERE s.line_manager_id IS NOT NULL)
           SELECT count(*) FROM escalation e JOIN audit a ON a.id = e.audit_id
           JOIN case_file c ON c.id = a.case_id
           WHERE c.allocated_worker_id IS NOT NULL AND e.head_of_service_id IS NOT NULL
           AND e.id > $n_demo
           AND NOT EXISTS (SELECT 1 FROM up WHERE up.audit_id = e.audit_id
                           AND up.id = e.head_of_service_id)")
if [ "$found" = 0 ]; then pass "each Head of Service is above the case's worker"; else fail "$found are not"; fi

# The tracker: every Inadequate audit, with its escalation and actions as the database has them.
"$binary" tracker --on 2026-10-31 --json --database "$db" > "$folder/tracker.json"
n_inadequate=$(q "SELECT count(*) FROM audit WHERE overall_grade = 'inadequate'
                  AND status IN ('submitted', 'closed')")
n_escalated=$(q "SELECT count(*) FROM escalation e JOIN audit a ON a.id = e.audit_id
                 WHERE a.overall_grade = 'inadequate'")
n_overdue=$(q "SELECT count(*) FROM action x JOIN audit a ON a.id = x.audit_id
               WHERE a.overall_grade = 'inadequate' AND a.status IN ('submitted', 'closed')
               AND x.completed_on IS NULL AND x.due_date < '2026-10-31'")
check=$(python3 - "$folder/tracker.json" "$n_inadequate" "$n_escalated" "$n_overdue" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
n_inadequate, n_escalated, n_overdue = map(int, sys.argv[2:])
problems = []
if sorted(data) != ["on", "rows"] or data["on"] != "2026-10-31":
    problems.append("top level %s" % sorted(data))
rows = data["rows"]
keys = ["actions_done", "actions_overdue", "actions_signed_off", "actions_total", "audit_id",
        "case_ref", "category",
        "checked", "deadline", "escalated_to", "manager_response", "moderation", "month",
        "service_area", "signed_off", "team"]
if rows and sorted(rows[0]) != keys:
    problems.append("members %s" % sorted(rows[0]))
if len(rows) != n_inadequate:
    problems.append("%d rows, %d Inadequate audits" % (len(rows), n_inadequate))
if sum(r["escalated_to"] is not None for r in rows) != n_escalated:
    problems.append("escalated rows differ")
if sum(r["actions_overdue"] for r in rows) != n_overdue:
    problems.append("%d overdue actions, the database has %d" % (sum(r["actions_overdue"] for r in rows), n_overdue))
if any(r["actions_done"] + r["actions_overdue"] > r["actions_total"] for r in rows):
    problems.append("more done and overdue than actions")
months = [r["month"] for r in rows]
if months != sorted(months, reverse=True):
    problems.append("not newest first")
print("; ".join(problems) if problems else "ok")
PY
)
if [ "$check" = ok ]; then pass "the tracker's rows against the database"; else fail "$check"; fi

# One Head of Service: a part of the whole, each row in a service area below them.
head=$(q "SELECT h.staff_ref FROM escalation e JOIN staff h ON h.id = e.head_of_service_id
          WHERE h.active = 1 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
n_theirs=$("$binary" tracker --head-of-service "$head" --on 2026-10-31 --json --database "$db" |
           python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rows"]))')
if [ "$n_theirs" -gt 0 ] && [ "$n_theirs" -lt "$n_inadequate" ]; then
  pass "tracker --head-of-service $head: $n_theirs of $n_inadequate"
else
  fail "tracker --head-of-service $head: $n_theirs of $n_inadequate"
fi
expect 0 "audits followed, " -- "$binary" tracker --on 2026-10-31 --database "$db"
n_all=$("$binary" tracker --all-categories --json --database "$db" |
        python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rows"]))')
n_all_db=$(q "SELECT count(*) FROM audit WHERE category BETWEEN 1 AND 3 AND status IN ('submitted', 'closed')")
if [ "$n_all" = "$n_all_db" ]; then pass "--all-categories: every Category 1–3 audit"; else fail "--all-categories: $n_all, not $n_all_db"; fi

# The filters: a service area, the months of submission (in England), open or signed off,
# each against the database.
count_rows () { python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rows"]))'; }
area=$(q "SELECT sa.name FROM audit a JOIN case_file c ON c.id = a.case_id JOIN team t ON t.id = c.team_id
          JOIN service_area sa ON sa.id = t.service_area_id
          WHERE a.overall_grade = 'inadequate' AND a.status IN ('submitted', 'closed')
          GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
n_area=$("$binary" tracker --service-area "$area" --json --database "$db" | count_rows)
n_area_db=$(q "SELECT count(*) FROM audit a JOIN case_file c ON c.id = a.case_id JOIN team t ON t.id = c.team_id
               JOIN service_area sa ON sa.id = t.service_area_id
               WHERE a.overall_grade = 'inadequate' AND a.status IN ('submitted', 'closed')
               AND sa.name = '$area'")
if [ "$n_area" = "$n_area_db" ] && [ "$n_area" -lt "$n_inadequate" ]; then
  pass "--service-area “$area”: $n_area of $n_inadequate"
else
  fail "--service-area “$area”: $n_area, the database has $n_area_db of $n_inadequate"
fi
n_months=$("$binary" tracker --from 2026-05 --to 2026-07 --json --database "$db" | count_rows)
n_months_db=$(q "SELECT coalesce (submitted_at, audit_date) FROM audit WHERE overall_grade = 'inadequate'
                 AND status IN ('submitted', 'closed')" | python3 -c '
import sys, datetime, zoneinfo
london = zoneinfo.ZoneInfo("Europe/London")
def month(text):
    if "T" not in text:
        return text[:7]
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.astimezone(london).strftime("%Y-%m")
print(sum("2026-05" <= month(line.strip()) <= "2026-07" for line in sys.stdin if line.strip()))')
if [ "$n_months" = "$n_months_db" ] && [ "$n_months" -gt 0 ]; then
  pass "--from 2026-05 --to 2026-07: $n_months, by the month in England"
else
  fail "--from 2026-05 --to 2026-07: $n_months, the database has $n_months_db"
fi
n_open=$("$binary" tracker --status open --json --database "$db" | count_rows)
n_signed=$("$binary" tracker --status signed-off --json --database "$db" | count_rows)
n_signed_db=$(q "SELECT count(*) FROM tracker_signoff s JOIN audit a ON a.id = s.audit_id
                 WHERE a.overall_grade = 'inadequate'")
if [ "$n_signed" = "$n_signed_db" ] && [ $((n_open + n_signed)) = "$n_inadequate" ]; then
  pass "--status: $n_open open and $n_signed signed off"
else
  fail "--status: $n_open open and $n_signed signed off of $n_inadequate ($n_signed_db in the database)"
fi
refuses 2 "“2026-13” is not a month" -- "$binary" tracker --from 2026-13 --database "$db"
refuses 2 "--status is open, signed-off or all" -- "$binary" tracker --status closed --database "$db"

# The PDF for the Head of Service's meeting: A4 landscape, their name and the day, every row.
pdf="$folder/tracker.pdf"
head_name=$(q "SELECT name FROM staff WHERE staff_ref = '$head'")
prints 0 "Wrote the tracker to $pdf." -- "$binary" tracker --head-of-service "$head" --on 2026-10-31 --pdf "$pdf" --database "$db"
if head -c 4 "$pdf" | grep -q '%PDF'; then pass "the file is a PDF"; else fail "the file is not a PDF"; fi
if command -v pdftotext >/dev/null 2>&1; then
  text=$(pdftotext -enc UTF-8 "$pdf" -)
  case_ref=$("$binary" tracker --head-of-service "$head" --on 2026-10-31 --json --database "$db" |
             python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"][-1]["case_ref"])')
  for want in "Head of Service Tracker: $head_name" "31 October 2026" "Recommendations" \
              "$n_theirs audits:" "$case_ref" "Case Audit — Tracker, $head_name, 31 October 2026 — page 1 of"; do
    if printf '%s' "$text" | grep -q -F -- "$want"; then
      pass "the PDF shows “$want”"
    else
      fail "the PDF does not show “$want”: $(printf '%s' "$text" | head -20)"
    fi
  done
else
  pass "# SKIP pdftotext is not installed"
fi
if command -v pdfinfo >/dev/null 2>&1; then
  if pdfinfo "$pdf" | grep -q '^Page size: *842 x 595 pts'; then
    pass "the PDF is A4 landscape"
  else
    fail "the PDF is not A4 landscape: $(pdfinfo "$pdf" | grep 'Page size')"
  fi
else
  pass "# SKIP pdfinfo is not installed"
fi
refuses 2 "choose either --pdf FILE or --json" -- "$binary" tracker --json --pdf "$folder/both.pdf" --database "$db"
export_is_safe 600 -- "$binary" tracker --pdf @PATH@ --database "$db"

refuses 1 "No one in this database has the staff ID “NOBODY”." -- "$binary" tracker --head-of-service NOBODY --database "$db"
refuses 2 "“2026-02-30” is not a real date" -- "$binary" tracker --on 2026-02-30 --database "$db"
refuses 2 "“tomorrow” is not a real date" -- "$binary" escalate --on tomorrow --database "$db"
refuses 2 "unexpected “extra”" -- "$binary" escalate extra --database "$db"
refuses 1 "There is no database" -- "$binary" tracker --database "$folder/absent.db"

finish
