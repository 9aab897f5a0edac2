#!/bin/sh
# "case-audit moderation" (R-H1, R-H2): a month's sample drawn from a generated year and
# checked against independent queries (every Inadequate, the exact random share, moderators
# independent of the audit and within capacity, the due day), the same seed giving the same
# bytes, a commit recorded once with its history, the queue, and bad input refused.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/demo.db"
mod="$binary moderation"

expect 0 "^  moderation " -- "$binary" --help
expect 0 "--percent=P" -- $mod --help

expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 5 --until 2026-10 --database "$db"
q () { sqlite3 "$db" "$1"; }

# The generated year records moderations for every month it covers; take September's away,
# as for a council that has yet to draw it.
expect 1 "The sample for September 2026 was drawn already" -- $mod sample 2026-09 --database "$db"
q "DELETE FROM moderation_section WHERE moderation_id IN (SELECT m.id FROM moderation m
   JOIN audit a ON a.id = m.audit_id WHERE substr(a.submitted_at, 1, 7) = '2026-09');
   DELETE FROM moderation WHERE audit_id IN (SELECT id FROM audit
   WHERE substr(submitted_at, 1, 7) = '2026-09');"

# September's audits, as the database has them (submitted in working hours: the UTC month is
# England's).
september="a.status IN ('submitted', 'closed') AND substr(a.submitted_at, 1, 7) = '2026-09'"
n_inadequate=$(q "SELECT count(*) FROM audit a WHERE $september AND a.overall_grade = 'inadequate'")
n_others=$(q "SELECT count(*) FROM audit a WHERE $september AND a.overall_grade IS NOT NULL
              AND a.overall_grade <> 'inadequate'")
n_random=$(( (n_others * 20 + 99) / 100 ))
if [ "$n_inadequate" -gt 5 ] && [ "$n_others" -gt 50 ]; then
  pass "September has audits to sample ($n_inadequate Inadequate, $n_others others)"
else
  fail "September has too few audits: $n_inadequate, $n_others"
fi

$mod sample 2026-09 --json --database "$db" > "$folder/sample.json" 2>"$folder/stderr"
if [ $? -eq 0 ]; then pass "sample --json"; else fail "sample --json: $(cat "$folder/stderr")"; fi
$mod sample 2026-09 --json --database "$db" > "$folder/again.json"
if cmp -s "$folder/sample.json" "$folder/again.json"; then
  pass "the same database and seed give the same bytes"
else
  fail "two previews with the same seed differ"
fi
$mod sample 2026-09 --seed 99 --json --database "$db" > "$folder/other.json"
if cmp -s "$folder/sample.json" "$folder/other.json"; then
  fail "another seed drew the same sample"
else
  pass "another seed draws another sample"
fi

# Each pick as "audit moderator reason", for the database to judge.
python3 - "$folder/sample.json" > "$folder/picks" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
for p in data["sample"]:
    print(p["audit_id"], p["moderator_id"], p["reason"], p["due"], p["overall_grade"])
PY
q "CREATE TABLE pick (audit_id INTEGER, moderator_ref TEXT, reason TEXT, due TEXT, grade TEXT)"
while read -r audit moderator reason due grade; do
  q "INSERT INTO pick VALUES ($audit, '$moderator', '$reason', '$due', '$grade')"
done < "$folder/picks"

check_none ()
{
  found=$(q "$2")
  if [ "$found" = 0 ]; then pass "$1"; else fail "$1: $found found"; fi
}
check_none "every Inadequate audit of September is in the sample" \
  "SELECT count(*) FROM audit a WHERE $september AND a.overall_grade = 'inadequate'
   AND a.id NOT IN (SELECT audit_id FROM pick WHERE reason = 'inadequate')"
n_picked_random=$(q "SELECT count(*) FROM pick WHERE reason = 'random'")
n_unplaced=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["unplaced"]))' "$folder/sample.json")
if [ $((n_picked_random + n_unplaced)) -ge "$n_random" ] && [ "$n_picked_random" -le "$n_random" ]; then
  pass "the random share is 20% of $n_others, rounded up: $n_random ($n_unplaced unplaced)"
else
  fail "the random share is $n_picked_random (+$n_unplaced unplaced), not $n_random"
fi
check_none "a random pick is never Inadequate, never ungraded, always September's" \
  "SELECT count(*) FROM pick p JOIN audit a ON a.id = p.audit_id
   WHERE p.reason = 'random' AND (a.overall_grade IS NULL OR a.overall_grade = 'inadequate'
   OR NOT ($september))"
check_none "the grades in the JSON are the audits'" \
  "SELECT count(*) FROM pick p JOIN audit a ON a.id = p.audit_id WHERE p.grade <> a.overall_grade"
check_none "every moderator is a Service Manager or above, or the CPP, and active" \
  "SELECT count(*) FROM pick p JOIN staff s ON s.staff_ref = p.moderator_ref
   WHERE s.active = 0 OR s.role_code NOT IN ('strategic-director', 'assistant-director',
   'head-of-service', 'service-manager', 'lead-professional', 'lead-auditor')"
check_none "no moderator is the audit's auditor or its case's worker" \
  "SELECT count(*) FROM pick p JOIN staff s ON s.staff_ref = p.moderator_ref
   JOIN audit a ON a.id = p.audit_id JOIN case_file c ON c.id = a.case_id
   WHERE s.id = a.auditor_id OR s.id = c.allocated_worker_id"
check_none "no moderator is in the worker's line-management chain" \
  "WITH RECURSIVE chain (audit_id, manager_id) AS (
     SELECT p.audit_id, w.line_manager_id FROM pick p JOIN audit a ON a.id = p.audit_id
     JOIN case_file c ON c.id = a.case_id JOIN staff w ON w.id = c.allocated_worker_id
     UNION SELECT chain.audit_id, s.line_manager_id FROM chain JOIN staff s ON s.id = chain.manager_id
     WHERE s.line_manager_id IS NOT NULL)
   SELECT count(*) FROM pick p JOIN staff m ON m.staff_ref = p.moderator_ref
   JOIN chain ON chain.audit_id = p.audit_id AND chain.manager_id = m.id"
check_none "no moderator is given more than their capacity" \
  "SELECT count(*) FROM (SELECT p.moderator_ref, count(*) AS n FROM pick p GROUP BY 1) x
   JOIN staff s ON s.staff_ref = x.moderator_ref JOIN role r ON r.code = s.role_code
   WHERE x.n > coalesce (s.moderation_capacity, r.moderation_capacity)"
# The 15th working day of October 2026: the 1st is a Thursday.
check_none "every moderation is due on 21 October 2026" "SELECT count(*) FROM pick WHERE due <> '2026-10-21'"
q "DROP TABLE pick"

expect 0 "Moderation sample for September 2026 (seed 202609)" -- $mod sample 2026-09 --database "$db"
expect 0 "This is a preview; add --commit to record it." -- $mod sample 2026-09 --database "$db"
prints 0 "$n_inadequate" -- sh -c "$mod sample 2026-09 --percent 0 --json --database '$db' |
  python3 -c 'import json,sys; print(len(json.load(sys.stdin)[\"sample\"]))'"

n_sample=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["sample"]))' "$folder/sample.json")
expect 0 "Recorded $n_sample moderations." -- $mod sample 2026-09 --commit --database "$db"
prints 0 "$n_sample" -- q "SELECT count(*) FROM moderation WHERE sample_month = '2026-09'
                          AND reason IN ('inadequate', 'random') AND moderated_on IS NULL
                          AND due_date = '2026-10-21'"
prints 0 "$n_sample" -- q "SELECT count(*) FROM change_history h JOIN moderation m
                          ON h.entity = 'moderation' AND h.entity_id = m.id
                          WHERE m.sample_month = '2026-09' AND h.field = 'created'"
refuses 1 "The sample for September 2026 was drawn already: $n_sample audits are in it." -- $mod sample 2026-09 --commit --database "$db"
refuses 1 "drawn already" -- $mod sample 2026-09 --database "$db"
expect 0 "all is well" -- "$binary" verify --database "$db"

# The queue: September's moderations among what waits, by due day; one moderator's alone.
n_waiting=$(q "SELECT count(*) FROM moderation WHERE moderated_on IS NULL")
expect 0 "$n_waiting moderations waiting" -- $mod list --database "$db"
first_moderator=$(q "SELECT s.staff_ref FROM moderation m JOIN staff s ON s.id = m.moderator_id
                     WHERE m.sample_month = '2026-09' ORDER BY s.staff_ref LIMIT 1")
n_theirs=$(q "SELECT count(*) FROM moderation m JOIN staff s ON s.id = m.moderator_id
              WHERE m.moderated_on IS NULL AND s.staff_ref = '$first_moderator'")
check=$($mod list --moderator "$first_moderator" --json --database "$db" | python3 -c '
import json, sys
queue = json.load(sys.stdin)["queue"]
dues = [item["due"] for item in queue]
ok = dues == sorted(dues) and all(item["moderator_id"] == sys.argv[1] for item in queue)
print(len(queue) if ok else "out of order, or not theirs alone: %s" % queue)' "$first_moderator")
if [ "$check" = "$n_theirs" ]; then
  pass "list --moderator $first_moderator: their $n_theirs, by due day"
else
  fail "list --moderator $first_moderator: $check (wanted $n_theirs)"
fi
prints 0 "No moderations are waiting." -- $mod list --moderator NOBODY --database "$db"

# By hand (R-H1): a submitted audit not waiting, added for a lead auditor outside its line
# management; not twice; taken out again; one drawn for the sample stays.
lead=$(q "SELECT staff_ref FROM staff WHERE role_code = 'lead-auditor' AND active = 1
          ORDER BY staff_ref LIMIT 1")
audit=$(q "SELECT a.id FROM audit a JOIN case_file c ON c.id = a.case_id
           WHERE a.status = 'submitted' AND a.auditor_id <> (SELECT id FROM staff
             WHERE staff_ref = '$lead') AND c.allocated_worker_id <> (SELECT id FROM staff
             WHERE staff_ref = '$lead')
           AND NOT EXISTS (SELECT 1 FROM moderation m WHERE m.audit_id = a.id)
           ORDER BY a.id LIMIT 1")
expect 0 "Audit $audit added to the moderation sample for $lead" -- $mod add "$audit" --moderator "$lead" --database "$db"
prints 0 "1" -- q "SELECT count(*) FROM moderation WHERE audit_id = $audit AND reason = 'added'
                  AND moderated_on IS NULL AND due_date >= date('now')"
refuses 1 "is already waiting for moderation" -- $mod add "$audit" --moderator "$lead" --database "$db"
added=$(q "SELECT id FROM moderation WHERE audit_id = $audit")
drawn=$(q "SELECT id FROM moderation WHERE reason = 'random' AND moderated_on IS NULL LIMIT 1")
refuses 1 "was drawn for the sample, not added by hand" -- $mod remove "$drawn" --database "$db"
prints 0 "Moderation $added taken out of the sample." -- $mod remove "$added" --database "$db"
prints 0 "0" -- q "SELECT count(*) FROM moderation WHERE audit_id = $audit"
refuses 2 "give one audit number and who moderates it" -- $mod add "$audit" --database "$db"
refuses 2 "“abc” is not an audit number" -- $mod add abc --moderator "$lead" --database "$db"
refuses 2 "give one moderation number" -- $mod remove --database "$db"

# The audit's PDF carries its moderation once there is one (seed 02: stage 1 and stage 2).
moderated=$(q "SELECT m.audit_id FROM moderation m JOIN moderation_section s
               ON s.moderation_id = m.id WHERE m.moderated_on IS NOT NULL
               AND s.why IS NOT NULL ORDER BY m.audit_id LIMIT 1")
expect 0 "Exported audit $moderated" -- "$binary" export audit "$moderated" --pdf "$folder/moderated.pdf" --database "$db"
expect 0 "Moderation (Stage 2)" -- pdftotext "$folder/moderated.pdf" -
expect 0 "Why the moderator differs" -- pdftotext "$folder/moderated.pdf" -

# A month with nothing submitted: said, not an error.
prints 0 "No audits submitted in January 2020 are waiting to be moderated." -- $mod sample 2020-01 --database "$db"

refuses 2 "“2026-13” is not a month" -- $mod sample 2026-13 --database "$db"
refuses 2 "--percent takes a whole number from 0 to 100, not “101”" -- $mod sample 2026-08 --percent 101 --database "$db"
refuses 2 "the seed must be a whole number" -- $mod sample 2026-08 --seed -1 --database "$db"
refuses 2 "give one month" -- $mod sample --database "$db"
refuses 2 "say what to do" -- $mod --database "$db"
refuses 2 "“draw” is not something it can do" -- $mod draw 2026-08 --database "$db"
refuses 2 "takes no words" -- $mod list --commit --database "$db"
refuses 1 "There is no database" -- $mod list --database "$folder/absent.db"

finish
