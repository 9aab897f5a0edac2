#!/bin/sh
# "event panel" (R-H5): a moderation panel's audits reviewed and conclusions, added, shown as
# text and JSON, and taken off; an audit not submitted, one already listed, an unknown audit
# or event, an event that is not a panel, bad text and a wrong use refused with a plain
# message and the database unchanged.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/panels.db"
q () { sqlite3 "$db" "$1"; }
dump () { sqlite3 "$db" "SELECT event_id, audit_id FROM panel_audit ORDER BY 1, 2;
  SELECT id, coalesce(conclusions, '-') FROM programme_event ORDER BY id;
  SELECT count(*) FROM change_history"; }

expect 0 "panel NUMBER" -- "$binary" event --help
expect 0 "--conclusions" -- "$binary" event --help

"$binary" demo --years 1 --until 2021-06 --database "$db" > /dev/null || fail "demo database"
"$binary" event add moderation-panel 2021-07-15 "July panel" --database "$db" > /dev/null || fail "panel"
"$binary" event add workshop 2021-07-20 "Workshop" --database "$db" > /dev/null || fail "workshop"
panel=$(q "SELECT id FROM programme_event WHERE title = 'July panel'")
workshop=$(q "SELECT id FROM programme_event WHERE title = 'Workshop'")
audit=$(q "SELECT min(id) FROM audit WHERE status = 'submitted'")
case_ref=$(q "SELECT c.case_ref FROM audit a JOIN case_file c ON c.id = a.case_id WHERE a.id = $audit")
auditor=$(q "SELECT s.name FROM audit a JOIN staff s ON s.id = a.auditor_id WHERE a.id = $audit")
grade=$(q "SELECT overall_grade FROM audit WHERE id = $audit")
draft=$(q "SELECT min(id) FROM audit WHERE status IN ('allocated', 'in-progress')")

prints 0 "July panel, 2021-07-15
No audits reviewed yet.
No conclusions recorded yet." -- "$binary" event panel "$panel" --database "$db"

# Added: the link is stored, with a line in the change history, and the panel shows it.
expect 0 "Added audit $audit to the panel" -- "$binary" event panel "$panel" --add "$audit" --database "$db"
expect 0 "^ *$audit  $case_ref *$auditor" -- "$binary" event panel "$panel" --database "$db"
prints 0 "1" -- q "SELECT count(*) FROM panel_audit WHERE event_id = $panel AND audit_id = $audit"
prints 0 "audit $audit ($case_ref)" -- \
  q "SELECT new_value FROM change_history WHERE entity = 'programme_event' AND entity_id = $panel AND field = 'panel_audit'"
expect 0 "Recorded the panel’s conclusions" -- \
  "$binary" event panel "$panel" --conclusions "Plans were clearer; chase chronologies." --database "$db"
prints 0 "Plans were clearer; chase chronologies." -- q "SELECT conclusions FROM programme_event WHERE id = $panel"

json=$("$binary" event panel "$panel" --json --database "$db")
if printf '%s' "$json" | python3 -c "
import json, sys
p = json.load(sys.stdin)
assert p['event'] == $panel and p['title'] == 'July panel' and p['date'] == '2021-07-15'
assert p['conclusions'] == 'Plans were clearer; chase chronologies.'
[a] = p['audits']
assert a['audit'] == $audit and a['case_ref'] == '$case_ref' and a['auditor'] == '''$auditor'''
assert a['overall_grade'] == '$grade' and 'moderated_grade' in a
"; then pass "--json gives the panel, its audit and conclusions"; else fail "--json: $json"; fi

# Refused: each with a plain message, nothing on stdout, and the database as it was.
snapshot=$(dump)
refuses 1 "has not been submitted: a panel reviews audits once their auditors have submitted them" -- \
  "$binary" event panel "$panel" --add "$draft" --database "$db"
refuses 1 "is already on this panel’s list" -- "$binary" event panel "$panel" --add "$audit" --database "$db"
refuses 1 "There is no audit number 999999" -- "$binary" event panel "$panel" --add 999999 --database "$db"
refuses 1 "Audit number 999999 is not on this panel’s list" -- \
  "$binary" event panel "$panel" --remove 999999 --database "$db"
refuses 1 "“Workshop” is not a moderation panel" -- "$binary" event panel "$workshop" --add "$audit" --database "$db"
refuses 1 "“Workshop” is not a moderation panel" -- "$binary" event panel "$workshop" --database "$db"
refuses 1 "There is no event number 999999" -- "$binary" event panel 999999 --database "$db"
refuses 1 "The text of the conclusions is not valid UTF-8 text" -- \
  "$binary" event panel "$panel" --conclusions "$(printf 'Bad \377 text')" --database "$db"
refuses 1 "“x” is not the number of an audit" -- "$binary" event panel "$panel" --add x --database "$db"
refuses 1 "“seven” is not the number of an event" -- "$binary" event panel seven --database "$db"
refuses 2 "do one thing at a time" -- "$binary" event panel "$panel" --add "$audit" --remove "$audit" --database "$db"
refuses 2 "give the number of one moderation panel" -- "$binary" event panel --database "$db"
refuses 2 "are for “event panel NUMBER”" -- "$binary" event list --add "$audit" --database "$db"
if [ "$(dump)" = "$snapshot" ]; then pass "the refusals left the panels as they were"; else
  fail "the refusals changed the panels: $(dump)"; fi

# Taken off: the link goes, the audit stays; an empty text clears the conclusions.
expect 0 "Took audit $audit off the panel’s list" -- "$binary" event panel "$panel" --remove "$audit" --database "$db"
prints 0 "0|1" -- q "SELECT (SELECT count(*) FROM panel_audit), (SELECT count(*) FROM audit WHERE id = $audit)"
expect 0 "No conclusions recorded yet" -- "$binary" event panel "$panel" --conclusions "" --database "$db"
prints 0 "1" -- q "SELECT count(*) FROM programme_event WHERE id = $panel AND conclusions IS NULL"

# Removing the event takes its list with it.
"$binary" event panel "$panel" --add "$audit" --database "$db" > /dev/null || fail "added again"
expect 0 "Removed event $panel" -- "$binary" event remove "$panel" --database "$db"
prints 0 "0" -- q "SELECT count(*) FROM panel_audit"

finish
