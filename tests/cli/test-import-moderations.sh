#!/bin/sh
# "case-audit import moderations" (R-H4): past moderations of a generated year's audits
# counted by "agreement" afterwards, a second import that adds nothing and a changed one that
# updates, and every kind of bad row refused with its line, the database unchanged.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/demo.db"
csv="$folder/csv"
mkdir -p "$csv"

expect 0 "moderations FILE" -- "$binary" import --help
expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 5 --until 2026-10 --database "$db"

q () { sqlite3 "$db" "$1"; }

# Everything a moderation import can touch, and the file's bytes.
state () {
  q "SELECT * FROM moderation ORDER BY id; SELECT * FROM moderation_section
     ORDER BY moderation_id, section_id; SELECT count(*) FROM change_history;"
}
snapshot () { before=$(state); sum=$(sha256sum < "$db"); }
unchanged () {
  if [ "$(state)" = "$before" ] && [ "$(sha256sum < "$db")" = "$sum" ]; then
    pass "$1 leaves the database as it was"
  else
    fail "$1 changed the database"
  fi
}
reports () {
  for reason in "$@"; do
    if grep -q -- "$reason" "$folder/stderr"; then
      pass "reports $reason"
    else
      fail "no “$reason” in $(cat "$folder/stderr")"
    fi
  done
}

# The number of pairs "agreement --json" counts over every month.
pairs () {
  "$binary" agreement --json --database "$db" |
    python3 -c 'import json, sys; print(sum(g["pairs"] for g in json.load(sys.stdin)["groups"]))'
}

# Three submitted Stage 1 audits nobody has moderated, by their identity, and two people to
# moderate them who did not audit them.
audits=$(q "SELECT c.case_ref || ',' || s.staff_ref || ',' || a.audit_date
            FROM audit a JOIN case_file c ON c.id = a.case_id JOIN staff s ON s.id = a.auditor_id
            JOIN audit_tool t ON t.id = a.tool_id
            WHERE t.code = 'stage-1' AND a.submitted_at IS NOT NULL AND a.overall_grade IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM moderation m WHERE m.audit_id = a.id)
            ORDER BY a.id LIMIT 3")
set -- $audits
a1="$1"; a2="$2"; a3="$3"
set -- "$binary"
auditors=$(printf '%s\n%s\n%s\n' "$a1" "$a2" "$a3" | cut -d, -f2 | sed "s/.*/'&'/" | paste -sd, -)
moderators=$(q "SELECT staff_ref FROM staff WHERE role_code = 'service-manager'
                AND staff_ref NOT IN ($auditors) ORDER BY staff_ref LIMIT 2")
m1=$(echo "$moderators" | sed -n 1p); m2=$(echo "$moderators" | sed -n 2p)
if [ -n "$a3" ] && [ -n "$m2" ]; then
  pass "the demonstration year has audits to moderate ($a1; $a2; $a3) and moderators ($m1, $m2)"
else
  fail "no audits or moderators to import: “$audits”, “$moderators”"
fi
# field N of an audit: 1 the case, 2 the auditor, 3 the audit date
field () { echo "$1" | cut -d, -f"$2"; }
day_first () { echo "$1" | awk -F- '{ print $3 "/" $2 "/" $1 }'; }

pairs_before=$(pairs)
moderations_before=$(q "SELECT count(*) FROM moderation")

# The tool by code and by name, a date day first, section columns by id and by title, a
# section left empty.
{
  echo "case_ref,auditor_id,tool,audit_date,moderator_id,moderation_date,overall_grade,assessment_grade,Planning Grade,reflection-supervision_grade"
  echo "$(field "$a1" 1),$(field "$a1" 2),stage-1,$(field "$a1" 3),$m1,$(field "$a1" 3),Good,good,requires improvement,"
  echo "$(field "$a2" 1),$(field "$a2" 2),Stage 1 Good Practice audit,$(day_first "$(field "$a2" 3)"),$m1,$(field "$a2" 3),requires-improvement,,,Inadequate"
  echo "$(field "$a3" 1),$(field "$a3" 2),stage-1,$(field "$a3" 3),$m2,$(field "$a3" 3),outstanding,,,"
} > "$csv/good.csv"

prints 0 "Imported 3 moderations (3 new, 0 updated, 0 already recorded as in the file)." -- \
  "$binary" import moderations "$csv/good.csv" --database "$db"

now=$(q "SELECT count(*) FROM moderation")
if [ "$now" -eq $((moderations_before + 3)) ]; then pass "three moderations were added"; else fail "$now moderations, was $moderations_before"; fi
imported=$(q "SELECT count(*) FROM moderation m JOIN change_history h ON h.entity = 'moderation'
              AND h.entity_id = m.id AND h.field = 'created' AND h.new_value = 'imported'
              WHERE m.moderated_on IS NOT NULL AND m.overall_grade IS NOT NULL
                AND m.reason IS NULL AND m.sample_month IS NULL AND m.due_date IS NULL")
if [ "$imported" = 3 ]; then pass "each is done, graded, drawn in no sample, and in the change history"; else fail "$imported imported moderations as expected"; fi
sections=$(q "SELECT group_concat(ms.section_id || '=' || ms.grade, ' ') FROM (SELECT ms.* FROM moderation_section ms
              JOIN change_history h ON h.entity = 'moderation' AND h.entity_id = ms.moderation_id
              AND h.field = 'created' AND h.new_value = 'imported'
              ORDER BY ms.moderation_id, ms.section_id) ms")
if [ "$sections" = "assessment=good planning=requires-improvement reflection-supervision=inadequate" ]; then
  pass "the sections graded are stored, the empty one is not"
else
  fail "sections stored: $sections"
fi

pairs_after=$(pairs)
if [ "$pairs_after" -eq $((pairs_before + 3)) ]; then
  pass "agreement --json counts the three ($pairs_before pairs, now $pairs_after)"
else
  fail "agreement --json: $pairs_before pairs before, $pairs_after after"
fi
month=$(field "$a3" 3 | cut -c1-7)
got=$("$binary" agreement --from "$month" --to "$month" --json --database "$db" |
      python3 -c 'import json, sys; g = json.load(sys.stdin)["groups"]; print(g[0]["table"][0][0] if g else "none")')
want=$(q "SELECT count(*) FROM moderation m JOIN audit a ON a.id = m.audit_id
          WHERE m.moderated_on IS NOT NULL AND a.overall_grade = 'outstanding'
            AND m.overall_grade = 'outstanding' AND substr(a.submitted_at, 1, 7) = '$month'")
if [ "$got" = "$want" ]; then pass "the month's table agrees with the database on Outstanding by both ($got)"; else fail "table cell $got, wanted $want"; fi

# The same file again: nothing new, nothing changed, no history written.
snapshot
prints 0 "Imported 3 moderations (0 new, 0 updated, 3 already recorded as in the file)." -- \
  "$binary" import moderations "$csv/good.csv" --database "$db"
if [ "$(state)" = "$before" ]; then pass "importing again adds nothing and writes no history"; else fail "importing again changed the moderations"; fi
if [ "$(pairs)" = "$pairs_after" ]; then pass "the agreement pairs are as they were"; else fail "the pairs changed on importing again"; fi

# A changed grade updates that moderation, through the change history.
sed '4s/,outstanding,,,$/,good,good,,/' "$csv/good.csv" > "$csv/changed.csv"
history_before=$(q "SELECT count(*) FROM change_history")
prints 0 "Imported 3 moderations (0 new, 1 updated, 2 already recorded as in the file)." -- \
  "$binary" import moderations "$csv/changed.csv" --database "$db"
changes=$(q "SELECT field || ':' || coalesce(old_value, '') || '>' || new_value FROM change_history
             WHERE id > (SELECT max(id) - 2 FROM change_history) ORDER BY id")
if [ "$(q "SELECT count(*) FROM change_history")" -eq $((history_before + 2)) ] &&
   [ "$changes" = "overall_grade:outstanding>good
sections.assessment.grade:>good" ]; then
  pass "the update is in the change history"
else
  fail "the update's history: $changes"
fi
if [ "$(q "SELECT count(*) FROM moderation")" -eq $((moderations_before + 3)) ]; then pass "still three moderations more"; else fail "the update added a moderation"; fi

# One bad row among good ones: nothing written, the line named.
snapshot
{
  sed -n 1,2p "$csv/good.csv"
  echo "$(field "$a2" 1),$(field "$a2" 2),stage-1,$(field "$a2" 3),S-NOBODY,$(field "$a2" 3),good,,,"
  sed -n 4p "$csv/good.csv"
} > "$csv/one-bad.csv"
sed -i '2s/,Good,good,/,Inadequate,good,/' "$csv/one-bad.csv"
refuses 1 "line 3: unknown moderator “S-NOBODY”" -- "$binary" import moderations "$csv/one-bad.csv" --database "$db"
reports "1 row has a problem, so nothing was imported."
unchanged "a file with one bad row"

# Every kind of bad row, each with its line and reason.
ungraded=$(q "SELECT c.case_ref || ',' || s.staff_ref || ',' || t.code || ',' || a.audit_date
              FROM audit a JOIN case_file c ON c.id = a.case_id JOIN staff s ON s.id = a.auditor_id
              JOIN audit_tool t ON t.id = a.tool_id
              WHERE a.submitted_at IS NULL AND a.audit_date IS NOT NULL ORDER BY a.id LIMIT 1")
c1=$(field "$a1" 1); s1=$(field "$a1" 2); d1=$(field "$a1" 3)
{
  echo "case_ref,auditor_id,tool,audit_date,moderator_id,moderation_date,overall_grade,assessment_grade,comments-actions_grade,wellbeing_grade"
  echo "CA-NO-SUCH-CASE,$s1,stage-1,$d1,$m2,$d1,good,,,"
  echo "$c1,$s1,stage-1,1999-01-04,$m2,2025-01-04,good,,,"
  echo "$c1,$s1,stage-1,$d1,$m2,31/02/2026,good,,,"
  echo "$c1,$s1,stage-1,$d1,$m2,$d1,brilliant,,,"
  echo "$c1,$s1,stage-1,$d1,$m2,$d1,good,,,good"
  echo "$c1,$s1,stage-1,$d1,$s1,$d1,good,,,"
  echo "$c1,$s1,stage-1,$d1,$m2,$d1,good,,good,"
  echo "$c1,$s1,stage-1,$d1,$m2,1999-01-04,good,,,"
  echo "$c1,$s1,stage-1,$d1,$m2,$d1,good,fab,,"
  echo "$ungraded,$m2,2026-10-30,good,,,"
  echo "$c1,$s1,stage-1,$d1,$m1,$d1,good,,,"
  echo "$c1,$s1,stage-1,$(day_first "$d1"),$m1,$d1,good,,,"
} > "$csv/bad.csv"
snapshot
refuses 1 "11 rows have problems" -- "$binary" import moderations "$csv/bad.csv" --database "$db"
reports "line 2: unknown case “CA-NO-SUCH-CASE”" \
        "line 3: there is no audit of case “$c1” by “$s1” with the audit tool “stage-1” on 1999-01-04" \
        "line 4: “31/02/2026” is not a real date" \
        "line 5: unknown grade “brilliant”" \
        "line 6: the column “wellbeing_grade” does not name a section of the audit tool" \
        "line 7: the moderator “$s1” is the auditor who did this audit" \
        "line 8: the section “comments-actions” of the audit tool .* has no grade" \
        "line 9: the moderation date 1999-01-04 is before the audit date $d1" \
        "line 10: unknown grade “fab” in the column “assessment_grade”" \
        "line 11: the audit of case .* has not been submitted yet" \
        "line 13: the moderation of case “$c1” by “$m1” on $d1 is in the file twice (first on line 12)" \
        "--map 'overall_grade:brilliant=CODE'"
unchanged "a file of bad rows"

# A file without a column the import needs is refused before any row is read.
printf 'case_ref,auditor_id,tool,audit_date,moderation_date,overall_grade\n%s,%s,stage-1,%s,%s,good\n' \
  "$c1" "$s1" "$d1" "$d1" > "$csv/no-moderator.csv"
refuses 1 "No column holds the Moderator's staff ID" -- "$binary" import moderations "$csv/no-moderator.csv" --database "$db"
unchanged "a file without the moderator's column"
refuses 2 "describes cases" -- "$binary" import moderations "$csv/good.csv" --format annex-a-6 --database "$db"

expect 0 "all is well" -- "$binary" verify --database "$db"

finish
