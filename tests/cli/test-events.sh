#!/bin/sh
# "event add", "event list" and "event remove" (R-C2): a moderation panel added, listed by
# year and removed; an impossible date, an unknown kind, an empty title, a duplicate and an
# unknown number refused with status 1, a plain message and the database unchanged.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/events.db"
q () { sqlite3 "$db" "$1"; }
dump () { sqlite3 "$db" "SELECT id, kind, event_date, title, coalesce(notes, '-') FROM programme_event ORDER BY id"; }

expect 0 "event" -- "$binary" --help
expect 0 "add KIND DATE TITLE" -- "$binary" event --help
expect 0 "moderation-panel, workshop, triangulation or other" -- "$binary" event --help

"$binary" demo --years 1 --until 2021-06 --database "$db" > /dev/null || fail "demo database"
before=$(q "SELECT count(*) FROM programme_event")

# Added: the number printed is the row's id, with the kind, day, title and notes given.
expect 0 "Added event [0-9]*: Moderation panel on 2021-03-15, “March moderation panel”" -- \
  "$binary" event add moderation-panel 2021-03-15 "March moderation panel" --notes "Room 4" --database "$db"
id=$(printf '%s' "$output" | sed -n 's/^Added event \([0-9]*\):.*/\1/p')
prints 0 "moderation-panel|2021-03-15|March moderation panel|Room 4" -- \
  q "SELECT kind, event_date, title, notes FROM programme_event WHERE id = ${id:-0}"
expect 0 "Added event [0-9]*: Manager audit workshop on 2022-01-10" -- \
  "$binary" event add workshop 2022-01-10 "Workshop for new managers" --database "$db"
prints 0 "$((before + 2))" -- q "SELECT count(*) FROM programme_event"

# Listed: one line each, number, date, kind label and title; --year keeps to one year.
expect 0 "^ *${id}  2021-03-15  Moderation panel  *March moderation panel$" -- \
  "$binary" event list --database "$db"
expect 0 "Workshop for new managers" -- "$binary" event list --database "$db"
prints 0 "$(printf '%6s  2022-01-10  %-24s %s' "$((id + 1))" "Manager audit workshop" "Workshop for new managers")" -- \
  "$binary" event list --year 2022 --database "$db"
prints 0 "No events in 2019." -- "$binary" event list --year 2019 --database "$db"
refuses 2 "is not a year" -- "$binary" event list --year 21x --database "$db"

# Refused: each with a plain message, nothing on stdout, and the database as it was.
snapshot=$(dump)
refuses 1 "“2021-02-30” is not a real date; write dates as YYYY-MM-DD" -- \
  "$binary" event add moderation-panel 2021-02-30 "February panel" --database "$db"
refuses 1 "“panel” is not a kind of event; use moderation-panel, workshop, triangulation or other" -- \
  "$binary" event add panel 2021-03-16 "Panel" --database "$db"
refuses 1 "An event needs a title" -- "$binary" event add triangulation 2021-03-16 "  " --database "$db"
refuses 1 "There is already a “March moderation panel” of this kind on 2021-03-15: it may have been added in another window" -- \
  "$binary" event add moderation-panel 2021-03-15 "March moderation panel" --database "$db"
refuses 1 "There is no event number 99999" -- "$binary" event remove 99999 --database "$db"
# Words are stored as typed: text that is not UTF-8 (it reached the database and broke the
# .ics export) or far too long for its field is refused, naming which.
refuses 1 "The title is not valid UTF-8 text: it cannot be read after “Bad ”" -- \
  "$binary" event add workshop 2021-03-16 "$(printf 'Bad \377 title')" --database "$db"
refuses 1 "The note is not valid UTF-8 text: it cannot be read after “Room”" -- \
  "$binary" event add workshop 2021-03-16 "Workshop" --notes "$(printf 'Room\376 4')" --database "$db"
refuses 1 "The title is too long: it has 201 characters, and at most 200 are allowed" -- \
  "$binary" event add workshop 2021-03-16 "$(printf '%0201d' 0)" --database "$db"
refuses 1 "“seven” is not an event number" -- "$binary" event remove seven --database "$db"
refuses 2 "give a kind, a date and a title" -- "$binary" event add moderation-panel 2021-03-16 --database "$db"
refuses 2 "give the number of one event" -- "$binary" event remove --database "$db"
refuses 2 "is not something it can do" -- "$binary" event rename 1 --database "$db"
refuses 2 "say what to do" -- "$binary" event --database "$db"
refuses 2 "Unknown option --colour" -- "$binary" event list --colour --database "$db"
if [ "$(dump)" = "$snapshot" ]; then pass "the refusals left the events as they were"; else
  fail "the refusals changed the events: $(dump)"; fi
refuses 1 "" -- "$binary" event list --database "$folder/none.db"
if [ -e "$folder/none.db" ]; then fail "listing made a database"; else pass "listing a missing database made none"; fi

# A database from an earlier version may already hold such bytes: the .ics file is UTF-8
# all the same, with U+FFFD for each bad byte and the rest of the text kept.
sqlite3 "$db" "INSERT INTO programme_event (kind, title, event_date, notes)
  VALUES ('other', CAST(X'4F6C6420FF207469746C65' AS TEXT), '2021-05-05', NULL)"
expect 0 "Wrote" -- "$binary" export ical "$folder/events.ics" --database "$db"
if python3 -c "import sys; t = open(sys.argv[1], 'rb').read().decode('utf-8'); assert 'SUMMARY:Old \ufffd title' in t" "$folder/events.ics"; then
  pass "the .ics file is UTF-8, a bad byte written as U+FFFD"
else
  fail "the .ics file is not UTF-8, or lost the title"
fi
sqlite3 "$db" "DELETE FROM programme_event WHERE event_date = '2021-05-05'"

# The same title on another day, or of another kind, is a different event.
expect 0 "Added event" -- "$binary" event add other 2021-03-15 "March moderation panel" --database "$db"

# Removed: the row is gone, and a second removal (as from another window that still showed
# it) is refused with a message that says it had already been removed.
prints 0 "Removed event $id." -- "$binary" event remove "$id" --database "$db"
prints 0 "0" -- q "SELECT count(*) FROM programme_event WHERE id = $id"
prints 0 "$((before + 2))" -- q "SELECT count(*) FROM programme_event"
refuses 1 "This event had already been removed, perhaps in another window." -- "$binary" event remove "$id" --database "$db"

finish
