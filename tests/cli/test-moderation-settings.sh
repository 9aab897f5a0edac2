#!/bin/sh
# "case-audit moderation settings" and "moderation capacity" (R-H1, R-H2): the team's random
# share and due working day, and each moderator's moderations a month, shown, changed with
# their history, refused in words with the database left as it was, and followed by a draw
# of the month's sample that is given no --percent.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/demo.db"
mod="$binary moderation"
q () { sqlite3 "$db" "$1"; }
dump () { sqlite3 "$db" "SELECT * FROM moderation_setting ORDER BY name;
  SELECT id, moderation_capacity FROM staff ORDER BY id; SELECT id, moderation_capacity FROM role;
  SELECT * FROM change_history ORDER BY id;" | sha256sum; }

expect 0 "settings" -- $mod --help
expect 0 "--due-working-day=N" -- $mod --help
expect 0 "capacity STAFF_ID N|default" -- $mod --help

expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 5 --until 2026-10 --database "$db"

# Case Audit's own: seed 01's 20% and seed 03's fifteenth working day.
prints 0 '{
  "percent" : 20,
  "due_working_day" : 15
}' -- $mod settings --json --database "$db"
expect 0 "Random share: 20%" -- $mod settings --database "$db"

# Refused, in words, each leaving the database as it was.
before=$(dump)
refuses 2 "percentage from 0 to 100, not 101" -- $mod settings --percent 101 --database "$db"
refuses 2 "from the 1st to the 19th, not the 0" -- $mod settings --due-working-day 0 --database "$db"
refuses 2 "not the 20" -- $mod settings --percent 30 --due-working-day 20 --database "$db"
refuses 2 "takes a whole number, not “ten”" -- $mod settings --due-working-day ten --database "$db"
refuses 2 "takes no words" -- $mod settings 30 --database "$db"
refuses 2 "takes no words" -- $mod settings --percent 30 --commit --database "$db"
refuses 2 "list: takes no words" -- $mod list --due-working-day 3 --database "$db"
team_manager=$(q "SELECT staff_ref FROM staff WHERE role_code = 'team-manager' AND active = 1
                  ORDER BY staff_ref LIMIT 1")
head=$(q "SELECT staff_ref FROM staff WHERE role_code = 'head-of-service' AND active = 1
          ORDER BY staff_ref LIMIT 1")
refuses 1 "role does not moderate" -- $mod capacity "$team_manager" 2 --database "$db"
refuses 1 "no one with staff ID “NOBODY”" -- $mod capacity NOBODY 2 --database "$db"
refuses 1 "more than 1000 moderations a month" -- $mod capacity "$head" 1001 --database "$db"
refuses 2 "or “default”" -- $mod capacity "$head" lots --database "$db"
refuses 2 "give nothing" -- $mod capacity "$head" --database "$db"
refuses 2 "give nothing" -- $mod capacity "$head" 2 --json --database "$db"
refuses 2 "give nothing" -- $mod capacity --percent 3 --database "$db"
if [ "$(dump)" = "$before" ]; then pass "the refusals changed nothing"; else fail "a refusal changed the database"; fi

# Changed, each with its line of history; the default is no row.
expect 0 "Random share: 30%" -- $mod settings --percent 30 --due-working-day 10 --database "$db"
prints 0 "percent|30
due-working-day|10" -- q "SELECT name, value FROM moderation_setting ORDER BY name DESC"
prints 0 "percent|20|30
due-working-day|15|10" -- q "SELECT field, old_value, new_value FROM change_history
                             WHERE entity = 'moderation_setting' ORDER BY field DESC"
expect 0 "Due: by working day 10" -- $mod settings --database "$db"

# The moderators: Service Managers and above and the CPP, active; a head of service's own
# number, then their role's again.
n_moderators=$(q "SELECT count(*) FROM staff s JOIN role r ON r.code = s.role_code
                  WHERE s.active = 1 AND r.moderation_capacity IS NOT NULL")
listed=$($mod capacity --json --database "$db" | python3 -c '
import json, sys
print(len(json.load(sys.stdin)["moderators"]))')
if [ "$listed" = "$n_moderators" ] && [ "$n_moderators" -gt 5 ]; then
  pass "capacity lists the $n_moderators moderators"
else
  fail "capacity lists $listed moderators, not $n_moderators"
fi
expect 0 "$head now takes 1 moderation a month." -- $mod capacity "$head" 1 --database "$db"
prints 0 "1" -- q "SELECT moderation_capacity FROM staff WHERE staff_ref = '$head'"
theirs=$($mod capacity --json --database "$db" | python3 -c '
import json, sys
m = [m for m in json.load(sys.stdin)["moderators"] if m["staff_id"] == sys.argv[1]][0]
print(m["own_capacity"], m["role_capacity"], m["capacity"])' "$head")
if [ "$theirs" = "1 3 1" ]; then pass "the list shows their own 1 over the role's 3"; else fail "the list shows $theirs"; fi
expect 0 "$head now takes their role’s number" -- $mod capacity "$head" default --database "$db"
prints 0 "|1
1|" -- q "SELECT old_value, new_value FROM change_history h JOIN staff s ON s.id = h.entity_id
          WHERE h.entity = 'staff' AND s.staff_ref = '$head' AND h.field = 'moderation_capacity'
          ORDER BY h.id"

# A draw given no --percent follows the stored share and due day. September's moderations
# are taken away first, as for a council that has yet to draw it.
q "DELETE FROM moderation_section WHERE moderation_id IN (SELECT m.id FROM moderation m
   JOIN audit a ON a.id = m.audit_id WHERE substr(a.submitted_at, 1, 7) = '2026-09');
   DELETE FROM moderation WHERE audit_id IN (SELECT id FROM audit
   WHERE substr(submitted_at, 1, 7) = '2026-09');"
n_others=$(q "SELECT count(*) FROM audit a WHERE a.status IN ('submitted', 'closed')
              AND substr(a.submitted_at, 1, 7) = '2026-09' AND a.overall_grade IS NOT NULL
              AND a.overall_grade <> 'inadequate'")
# Each draw as "random unplaced due-days", for the share and the due day to be judged.
share () { python3 -c '
import json, sys
data = json.load(sys.stdin)
random = [p for p in data["sample"] if p["reason"] == "random"]
print(len(random), len(data["unplaced"]), ",".join(sorted(set(p["due"] for p in data["sample"]))))'; }
# 30% of the others, rounded up (the unplaced may be some of them), due on the 10th working
# day of October 2026 (the 1st is a Thursday): the 14th.
n_random=$(( (n_others * 30 + 99) / 100 ))
$mod sample 2026-09 --json --database "$db" | share > "$folder/share"
read -r n_picked n_unplaced due < "$folder/share"
if [ "$n_others" -gt 50 ] && [ $((n_picked + n_unplaced)) -ge "$n_random" ] && [ "$n_picked" -le "$n_random" ] &&
   [ "$n_picked" -gt $(( (n_others * 20 + 99) / 100 )) ]; then
  pass "the stored 30% of $n_others draws $n_random at random ($n_picked placed)"
else
  fail "the stored 30% of $n_others drew $n_picked (+$n_unplaced unplaced), not $n_random"
fi
if [ "$due" = "2026-10-14" ]; then
  pass "the sample is due on the stored 10th working day: 14 October 2026"
else
  fail "the sample is due on $due, not 2026-10-14"
fi
expect 0 "Drawn at random, 30% of the others" -- $mod sample 2026-09 --database "$db"
# --percent still wins for one preview, and the default back again is the default's draw.
expect 0 "Drawn at random, 5% of the others" -- $mod sample 2026-09 --percent 5 --database "$db"
expect 0 "Random share: 20%" -- $mod settings --percent 20 --due-working-day 15 --database "$db"
prints 0 "0" -- q "SELECT count(*) FROM moderation_setting"
$mod sample 2026-09 --json --database "$db" | share > "$folder/share"
read -r n_picked n_unplaced due < "$folder/share"
if [ "$due" = "2026-10-21" ] && [ "$n_picked" -le $(( (n_others * 20 + 99) / 100 )) ]; then
  pass "back to 20%, due on the 15th working day: 21 October 2026"
else
  fail "back to the defaults: $n_picked at random, due $due"
fi
expect 0 "all is well" -- "$binary" verify --database "$db"

finish
