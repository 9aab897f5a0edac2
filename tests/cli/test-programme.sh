#!/bin/sh
# "import programme" and "export ical": the shipped 2021 programme in, all or nothing, again
# without change; the calendar out as RFC 5545 read back by an independent parser, with a
# person's deadlines counted against the database, stable UIDs and no child's details.
. "$(dirname "$0")/cli-checks.sh"

example="$(dirname "$0")/../../data/programme-2021.json"
db="$folder/programme.db"
q () { sqlite3 "$1" "$2"; }

expect 0 "programme FILE" -- "$binary" import --help
expect 0 "ical FILE" -- "$binary" export --help

expect 0 "entries 40 added, 0 updated, 0 unchanged; events 0 added" -- \
  "$binary" import programme --example --database "$db"
prints 0 "40" -- q "$db" "SELECT count(*) FROM programme_entry"
prints 0 "12 12 12 4" -- q "$db" "SELECT (SELECT count(*) FROM programme_entry WHERE strand = 'social-care') || ' ' ||
  (SELECT count(*) FROM programme_entry WHERE strand = 'early-help') || ' ' ||
  (SELECT count(*) FROM programme_entry WHERE strand = 'dip-sample') || ' ' ||
  (SELECT count(*) FROM programme_entry WHERE strand = 'send')"
prints 0 "2021-12-01|2021-12-17|2021-12-22" -- q "$db" "SELECT allocation_date, return_date, briefing_date
  FROM programme_entry WHERE month = '2021-12' AND strand = 'social-care'"
expect 0 "entries 0 added, 0 updated, 40 unchanged" -- \
  "$binary" import programme "$example" --database "$db"

# A mistake anywhere imports nothing and says where it is; a new database is not even made.
sed 's/"2021-02-22"/"2021-02-30"/' "$example" > "$folder/bad.json"
refuses 1 'entries\[3\].return_date: “2021-02-30” is not a date' -- \
  "$binary" import programme "$folder/bad.json" --database "$folder/new.db"
if [ -e "$folder/new.db" ]; then fail "a bad file made a database"; else pass "a bad file made no database"; fi
sed 's/"Supervision"/"Supervision and oversight"/; s/"2021-12-22"/"2021-12-32"/' "$example" > "$folder/bad2.json"
refuses 1 "is not a date" -- "$binary" import programme "$folder/bad2.json" --database "$db"
prints 0 "0" -- q "$db" "SELECT count(*) FROM programme_entry WHERE focus = 'Supervision and oversight'"
printf '{"format": "case-audit-programme", "version": 1, "entries": [' > "$folder/cut.json"
refuses 1 "line 1, column" -- "$binary" import programme "$folder/cut.json" --database "$db"
# Files that can hurt: /dev/zero (read until the memory ran out, then an abort), nesting
# 80,000 deep (json-glib ran out of stack), a lone surrogate escape and a title far too long.
refuses 1 "/dev/zero: “zero” is not a file that can be read (it is a device or a socket)" -- \
  "$binary" import programme /dev/zero --database "$db"
python3 -c "print('{\"format\": \"case-audit-programme\", \"version\": 1, \"entries\": ' + '[' * 80000)" > "$folder/deep.json"
refuses 1 "deep.json: line 1, column 316: lists and objects are nested more than 256 deep" -- \
  "$binary" import programme "$folder/deep.json" --database "$db"
printf '{"format": "case-audit-programme", "version": 1, "events": [\n  {"date": "2021-03-10", "kind": "other", "title": "Bad \\ud800 title"}]}' > "$folder/surrogate.json"
refuses 1 "surrogate.json: events\[0\].title: “\\\\ud800” is not a valid character escape (line 2, column 57)" -- \
  "$binary" import programme "$folder/surrogate.json" --database "$db"
python3 -c "print('{\"format\": \"case-audit-programme\", \"version\": 1, \"events\": [{\"date\": \"2021-03-10\", \"kind\": \"other\", \"title\": \"' + 'x' * 201 + '\"}]}')" > "$folder/long.json"
refuses 1 "long.json: events\[0\].title is too long: it has 201 characters, and at most 200 are allowed" -- \
  "$binary" import programme "$folder/long.json" --database "$db"
prints 0 "0" -- q "$db" "SELECT count(*) FROM programme_event"
# A pipe is read once, whole: the programme arrives as from the file.
expect 0 "entries 0 added, 0 updated, 40 unchanged" -- \
  sh -c 'cat "$1" | "$2" import programme /dev/stdin --database "$3"' sh "$example" "$binary" "$db"
refuses 2 "give one programme file" -- "$binary" import programme --database "$db"
refuses 2 "give one programme file" -- "$binary" import programme --example "$example" --database "$db"
refuses 2 "is for “import programme --example”" -- "$binary" import tool --example --database "$db"

# An update: one entry changed, the rest unchanged.
sed '0,/"focus": "Supervision"/s//"focus": "Supervision and oversight"/' "$example" > "$folder/changed.json"
expect 0 "entries 0 added, 1 updated, 39 unchanged" -- \
  "$binary" import programme "$folder/changed.json" --database "$db"

# check_ics FILE MIN_EVENTS: RFC 5545 as a strict reader sees it. Prints "uids dates".
check_ics ()
{
  python3 - "$1" "$2" <<'PY'
import sys
path, minimum = sys.argv[1], int(sys.argv[2])
raw = open(path, 'rb').read()
assert raw.startswith(b'BEGIN:VCALENDAR\r\n'), 'no VCALENDAR'
assert raw.endswith(b'END:VCALENDAR\r\n'), 'not ended'
assert b'\n' not in raw.replace(b'\r\n', b''), 'a bare line feed'
for line in raw.split(b'\r\n'):
    assert len(line) <= 75, 'a line longer than 75 octets'
text = raw.decode('utf-8')  # folding must not split a character
lines = text.replace('\r\n ', '').split('\r\n')
assert 'VERSION:2.0' in lines and any(l.startswith('PRODID:') for l in lines)
events, current = [], None
for line in lines:
    if line == 'BEGIN:VEVENT':
        current = {}
    elif line == 'END:VEVENT':
        events.append(current); current = None
    elif current is not None and ':' in line:
        name, value = line.split(':', 1)
        current[name] = value
assert len(events) >= minimum, '%d events' % len(events)
uids = set()
for e in events:
    for prop in ('UID', 'DTSTAMP', 'DTSTART;VALUE=DATE', 'DTEND;VALUE=DATE', 'SUMMARY'):
        assert prop in e, 'an event without ' + prop + ': ' + repr(e)
    assert e['UID'] not in uids, 'UID twice: ' + e['UID']
    uids.add(e['UID'])
    assert len(e['DTSTAMP']) == 16 and e['DTSTAMP'].endswith('Z')
    start, end = e['DTSTART;VALUE=DATE'], e['DTEND;VALUE=DATE']
    import datetime
    d0 = datetime.datetime.strptime(start, '%Y%m%d').date()
    d1 = datetime.datetime.strptime(end, '%Y%m%d').date()
    assert (d1 - d0).days == 1, 'not one whole day'
def unescape(value):
    out, i = [], 0
    while i < len(value):
        if value[i] == '\\' and i + 1 < len(value):
            out.append({'n': ' ', 'N': ' '}.get(value[i + 1], value[i + 1])); i += 2
        else:
            assert value[i] not in ',;', 'an unescaped , or ; in ' + value
            out.append(value[i]); i += 1
    return ''.join(out)
for e in events:
    print(e['UID'], e['DTSTART;VALUE=DATE'], unescape(e['SUMMARY']).replace(' ', '_'))
PY
}

ics="$folder/programme.ics"
expect 0 "Wrote 48 events to" -- "$binary" export ical "$ics" --database "$db"
mode=$(stat -c %a "$ics")
if [ "$mode" = 600 ]; then pass "the calendar is readable by its owner only"; else fail "the calendar has mode $mode"; fi
if check_ics "$ics" 48 > "$folder/first.txt" 2>"$folder/stderr"; then
  pass "the calendar reads back as RFC 5545 with 48 all-day events"
else
  fail "the calendar does not read back: $(cat "$folder/stderr")"
fi
# The seed's dates: December's return on the 17th, January's dip sample allocated on the 25th.
for want in "20211217 Audits_due_back:_Children’s_Social_Care,_Early_Help,_SEND" \
            "20210125 Audits_allocated:_CPP_dip_sample" \
            "20210129 7_Minute_Briefing:_Children’s_Social_Care,_Early_Help,_CPP_dip_sample"; do
  if grep -q " $want\$" "$folder/first.txt"; then pass "the calendar has $want"; else fail "no $want in the calendar"; fi
done

# Exported again (over the first with --force): the same UIDs, so a calendar program
# updates rather than duplicates.
refuses 1 "already exists" -- "$binary" export ical "$ics" --database "$db"
expect 0 "Wrote 48 events" -- "$binary" export ical "$ics" --force --database "$db"
check_ics "$ics" 48 > "$folder/second.txt" 2>/dev/null
if [ "$(cut -d' ' -f1 "$folder/first.txt" | sort)" = "$(cut -d' ' -f1 "$folder/second.txt" | sort)" ]; then
  pass "a second export has the same UIDs"
else
  fail "the UIDs changed between exports"
fi

# Never over a file without --force, never into a device, FIFO, folder or link (issue 10).
export_is_safe 600 -- "$binary" export ical @PATH@ --database "$db"

# A person's deadlines: a generated year, its busiest person's open items, counted apart.
demo="$folder/demo.db"
expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 3 --until 2026-10 --database "$demo"
open_items="
  SELECT auditor_id AS who FROM audit WHERE due_date IS NOT NULL AND submitted_at IS NULL
    AND status IN ('allocated', 'in-progress')
  UNION ALL SELECT manager_id FROM manager_response WHERE due_date IS NOT NULL AND responded_on IS NULL
  UNION ALL SELECT owner_id FROM action WHERE due_date IS NOT NULL AND completed_on IS NULL
  UNION ALL SELECT auditor_id FROM audit WHERE review_due_at IS NOT NULL AND recommendations_checked_at IS NULL
  UNION ALL SELECT moderator_id FROM moderation WHERE due_date IS NOT NULL AND moderated_on IS NULL"
staff=$(q "$demo" "SELECT s.staff_ref FROM ($open_items) JOIN staff s ON s.id = who GROUP BY who ORDER BY count(*) DESC, who LIMIT 1")
n_mine=$(q "$demo" "SELECT count(*) FROM ($open_items) JOIN staff s ON s.id = who WHERE s.staff_ref = '$staff'")
n_programme=$(check_ics "$ics" 0 | wc -l)
"$binary" export ical "$folder/demo-programme.ics" --database "$demo" > /dev/null
n_demo_programme=$(check_ics "$folder/demo-programme.ics" 1 | wc -l)
expect 0 "Wrote $((n_demo_programme + n_mine)) events" -- \
  "$binary" export ical "$folder/mine.ics" --staff "$staff" --database "$demo"
if [ "$n_mine" -gt 0 ] && check_ics "$folder/mine.ics" $((n_demo_programme + n_mine)) > "$folder/mine.txt" 2>"$folder/stderr"; then
  pass "$staff's calendar has the programme and their $n_mine open items"
else
  fail "$staff's calendar: $n_mine items wanted: $(cat "$folder/stderr")"
fi
if grep -q "Audit_return_due:\|Action_due:\|Manager_response_due:\|deadline:" "$folder/mine.txt"; then
  pass "the person's items are titled by kind and case reference"
else
  fail "no deadline titles in the person's calendar"
fi
# No child's details: an action's own words, which may name a child, never appear.
q "$demo" "SELECT DISTINCT description FROM action x JOIN staff s ON s.id = x.owner_id
           WHERE s.staff_ref = '$staff'" > "$folder/descriptions.txt"
leaks=$(python3 - "$folder/mine.ics" "$folder/descriptions.txt" <<'PY'
import sys
text = open(sys.argv[1], encoding='utf-8').read().replace('\r\n ', '').replace('\\', '')
words = [l.strip() for l in open(sys.argv[2], encoding='utf-8') if l.strip()]
print(sum(1 for w in words if w in text) if words else -1)
PY
)
if [ "$leaks" = 0 ]; then pass "no action's own words in the calendar"; else fail "$leaks action descriptions in the calendar (-1: none to look for)"; fi
[ "$n_programme" -eq 48 ] && pass "the 2021 programme has 48 dates" || fail "the 2021 programme has $n_programme dates"

refuses 1 "No member of staff has the reference “NOBODY”" -- \
  "$binary" export ical "$folder/x.ics" --staff NOBODY --database "$demo"
if [ -e "$folder/x.ics" ]; then fail "a refused export wrote a file"; else pass "a refused export wrote no file"; fi
refuses 2 "give the calendar file to write" -- "$binary" export ical --database "$demo"
refuses 2 "is for another kind of export" -- "$binary" export ical "$folder/x.ics" --pdf y.pdf --database "$demo"


# export programme: a year out as the file import programme reads, owner-only, and back into
# a new database unchanged; a year with no programme, or a file already there, writes nothing.
expect 0 "programme YEAR FILE" -- "$binary" export --help
expect 0 "Wrote the 2021 programme (40 entries, 0 events)" -- \
  "$binary" export programme 2021 "$folder/out-2021.json" --database "$db"
export_is_safe 600 -- "$binary" export programme 2021 @PATH@ --database "$db"
expect 0 "entries 40 added, 0 updated, 0 unchanged" -- \
  "$binary" import programme "$folder/out-2021.json" --database "$folder/again.db"
prints 0 "2021-12-01|2021-12-17|2021-12-22" -- q "$folder/again.db" "SELECT allocation_date, return_date,
  briefing_date FROM programme_entry WHERE month = '2021-12' AND strand = 'social-care'"
refuses 1 "has no programme for 2030" -- \
  "$binary" export programme 2030 "$folder/none.json" --database "$db"
if [ -e "$folder/none.json" ]; then fail "an empty year wrote a file"; else pass "an empty year wrote no file"; fi
refuses 1 "already exists and was left as it is" -- \
  "$binary" export programme 2021 "$folder/out-2021.json" --database "$db"
refuses 2 "give the year and the file to write" -- \
  "$binary" export programme "$folder/x.json" --database "$db"

finish
