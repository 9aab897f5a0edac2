#!/bin/sh
# "case-audit action done" and "case-audit action sign-off" (R-I2, seed 02) on a generated
# year: an action marked done by a named person with evidence, then signed off by the line
# manager of the case's allocated worker, each with its change history and counted by the
# tracker; every refusal said in words, with the database byte for byte as it was.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/demo.db"
q () { sqlite3 "$db" "$1"; }
# The actions and their history, to compare before and after a refusal.
dump () { sqlite3 "$db" "SELECT * FROM action ORDER BY id; SELECT * FROM change_history ORDER BY id;" | sha256sum; }

expect 0 "^  action " -- "$binary" --help
expect 0 "--evidence=TEXT" -- "$binary" action --help
expect 0 "sign-off ACTION_ID" -- "$binary" action --help
expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 5 --until 2026-10 --database "$db"

# An action not done of the last audit submitted, whose case's worker has a line manager;
# the Head of Service above them, who is not that line manager. A draft's action, to refuse.
row=$(q "SELECT x.id, a.id, c.case_ref, substr(a.submitted_at, 1, 10), w.id, w.staff_ref,
                w.name, lm.id, lm.staff_ref, lm.name
         FROM action x JOIN audit a ON a.id = x.audit_id JOIN case_file c ON c.id = a.case_id
         JOIN staff w ON w.id = c.allocated_worker_id JOIN staff lm ON lm.id = w.line_manager_id
         WHERE x.completed_on IS NULL AND a.status = 'submitted' AND lm.active = 1
         ORDER BY a.submitted_at DESC, x.id LIMIT 1")
IFS='|' read -r action audit case_ref submitted worker_id worker_ref worker lm_id lm_ref lm_name <<EOF
$row
EOF
head=$(q "SELECT staff_ref FROM staff WHERE role_code = 'head-of-service' AND active = 1
          AND staff_ref <> '$lm_ref' ORDER BY id LIMIT 1")
draft_audit=$(q "SELECT id FROM audit WHERE status NOT IN ('submitted', 'closed') LIMIT 1")
q "INSERT INTO action (id, audit_id, description, owner_id, due_date)
   VALUES (999001, $draft_audit, 'Not submitted yet', $worker_id, '2026-12-01')"
if [ -n "$action" ] && [ -n "$head" ] && [ -n "$draft_audit" ]; then
  pass "action $action of $case_ref (submitted $submitted): $worker ($worker_ref), managed by $lm_name ($lm_ref)"
else
  fail "no action to mark done: “$row”, head “$head”, draft “$draft_audit”"
fi
# The day before the submission, and tomorrow in England.
before_submitted=$(date -u -d "$submitted - 1 day" +%F)
tomorrow=$(TZ=Europe/London date -d tomorrow +%F)

# Refused, each changing nothing: used wrongly (2), or refused by the rules (1).
before=$(dump)
refuses 2 "say who marks it done: --by STAFF_ID" -- "$binary" action done "$action" --evidence "Seen" --database "$db"
refuses 2 "say what shows it is done: --evidence TEXT" -- "$binary" action done "$action" --by "$worker_ref" --database "$db"
refuses 1 "the evidence note is required" -- "$binary" action done "$action" --by "$worker_ref" --evidence "   " --database "$db"
refuses 1 "the audit was submitted on" -- "$binary" action done "$action" --by "$worker_ref" --on "$before_submitted" --evidence "Seen" --database "$db"
refuses 1 "that is after today" -- "$binary" action done "$action" --by "$worker_ref" --on "$tomorrow" --evidence "Seen" --database "$db"
refuses 1 "No one in this database has the staff ID “NOBODY”." -- "$binary" action done "$action" --by NOBODY --evidence "Seen" --database "$db"
refuses 1 "There is no action number 99999999." -- "$binary" action done 99999999 --by "$worker_ref" --evidence "Seen" --database "$db"
refuses 1 "The audit has not been submitted yet" -- "$binary" action done 999001 --by "$worker_ref" --evidence "Seen" --database "$db"
refuses 2 "“abc” is not an action number" -- "$binary" action done abc --by "$worker_ref" --evidence "Seen" --database "$db"
refuses 2 "“2026-02-30” is not a real date" -- "$binary" action done "$action" --by "$worker_ref" --on 2026-02-30 --evidence "Seen" --database "$db"
refuses 2 "give one action number" -- "$binary" action done --by "$worker_ref" --evidence "Seen" --database "$db"
refuses 2 "say what to do: “done” or “sign-off”" -- "$binary" action --database "$db"
refuses 2 "“finish” is not something it does" -- "$binary" action finish "$action" --database "$db"
refuses 1 "is not done yet" -- "$binary" action sign-off "$action" --by "$lm_ref" --database "$db"
refuses 2 "a sign-off takes no --evidence" -- "$binary" action sign-off "$action" --by "$lm_ref" --evidence "Seen" --database "$db"
refuses 2 "--by is an option of “action”" -- "$binary" --by "$lm_ref" action sign-off "$action" --database "$db"
if [ "$(dump)" = "$before" ]; then pass "the refusals changed nothing"; else fail "a refusal changed the database"; fi

# Marked done on the day of submission by the worker, with evidence and its history.
done_on=$submitted
expect 0 "Action $action (number [0-9]* of the audit of $case_ref) marked done on .* by $worker ($worker_ref)." -- \
  "$binary" action done "$action" --by "$worker_ref" --on "$done_on" --evidence "Visited; child seen alone" --database "$db"
prints 0 "$done_on|$worker_id|Visited; child seen alone||" -- \
  q "SELECT completed_on, completed_by, evidence, signed_off_by, signed_off_on FROM action WHERE id = $action"
prints 0 3 -- q "SELECT count(*) FROM change_history WHERE entity = 'action' AND entity_id = $action
                 AND field IN ('completed_on', 'completed_by', 'evidence') AND old_value IS NULL"

# Signed off: not twice done, not by the Head of Service, not before the day it was done,
# then by the worker's line manager, once.
before=$(dump)
refuses 1 "This action was marked done already" -- "$binary" action done "$action" --by "$worker_ref" --evidence "Again" --database "$db"
refuses 1 "Only the social worker’s line manager can sign off an action. $worker’s line manager is $lm_name ($lm_ref), not " -- \
  "$binary" action sign-off "$action" --by "$head" --database "$db"
refuses 1 "not $worker ($worker_ref)." -- "$binary" action sign-off "$action" --by "$worker_ref" --database "$db"
refuses 1 "the action was done on" -- "$binary" action sign-off "$action" --by "$lm_ref" --on "$before_submitted" --database "$db"
if [ "$(dump)" = "$before" ]; then pass "the refused sign-offs changed nothing"; else fail "a refused sign-off changed the database"; fi
expect 0 "signed off on .* by $lm_name ($lm_ref), $worker’s line manager." -- \
  "$binary" action sign-off "$action" --by "$lm_ref" --on "$done_on" --database "$db"
prints 0 "$lm_id|$done_on" -- q "SELECT signed_off_by, signed_off_on FROM action WHERE id = $action"
prints 0 2 -- q "SELECT count(*) FROM change_history WHERE entity = 'action' AND entity_id = $action
                 AND field IN ('signed_off_by', 'signed_off_on')"
refuses 1 "This action was signed off already" -- "$binary" action sign-off "$action" --by "$lm_ref" --database "$db"

# The tracker counts the actions signed off, row by row as the database has them.
"$binary" tracker --all-categories --json --database "$db" > "$folder/tracker.json"
check=$(python3 - "$folder/tracker.json" "$db" "$audit" <<'PY'
import json, sqlite3, sys
rows = json.load(open(sys.argv[1]))["rows"]
db = sqlite3.connect(sys.argv[2])
want = dict(db.execute("SELECT audit_id, count(*) FROM action WHERE signed_off_on IS NOT NULL "
                       "GROUP BY audit_id").fetchall())
problems = [r["case_ref"] for r in rows if r["actions_signed_off"] != want.get(r["audit_id"], 0)]
ours = [r for r in rows if r["audit_id"] == int(sys.argv[3])]
if ours and ours[0]["actions_signed_off"] < 1:
    problems.append("the audit signed off has none")
print("ok" if not problems else "rows differ: %s" % problems[:5])
PY
)
if [ "$check" = ok ]; then pass "tracker --json: actions_signed_off as the database has them"; else fail "$check"; fi
expect 0 "signed off, " -- "$binary" tracker --all-categories --database "$db"
expect 0 "all is well" -- "$binary" verify --database "$db"

finish
