#!/bin/sh
# The database file itself: a full disk, odd paths, who may read it, and a change history
# altered with the sqlite3 program — found on opening and by "case-audit verify".
. "$(dirname "$0")/cli-checks.sh"

# nothing_left FOLDER WHAT: the folder is empty.
nothing_left ()
{
  if [ -z "$(ls -A "$1")" ]; then pass "$2 left nothing behind"; else fail "$2 left $(ls -A "$1")"; fi
}

# no_warning WHAT: the last command logged no GLib warning (a rollback SQLite already did).
no_warning ()
{
  if grep -q -e WARNING -e CRITICAL -e "Rollback failed" "$folder/stderr"; then
    fail "$1 logged: $(cat "$folder/stderr")"
  else
    pass "$1 logged no warning"
  fi
}

mode_of () { stat -c %a "$1"; }

# protected FILE: the history's triggers refuse a DELETE again.
protected ()
{
  if sqlite3 "$1" "DELETE FROM change_history WHERE id = 10" 2>"$folder/stderr"; then
    fail "$1: a row of the history could be deleted"
  elif grep -q "the change history cannot be altered" "$folder/stderr"; then
    pass "$1: the history is protected again"
  else
    fail "$1: $(cat "$folder/stderr")"
  fi
}

# limited BLOCKS command…: runs the command with files limited to BLOCKS (of the shell's
# ulimit -f), as a full disk stops them. SIGXFSZ is ignored, and an ignored signal stays
# ignored across exec, so the program's write fails with EFBIG instead of killing it.
limited ()
{
  sh -c 'blocks=$1; shift; trap "" XFSZ; ulimit -f "$blocks"; exec "$@"' limited "$@"
}

# A full disk: one plain message, no warning, and a new database is not left behind.
mkdir "$folder/full"
refuses 1 "The disk is full.*free some space and try again; nothing was changed" -- \
  limited 4000 "$binary" demo --years 1 --until 2021-06 --database "$folder/full/new.db"
no_warning "a demo stopped by a full disk"
nothing_left "$folder/full" "a demo stopped by a full disk"
refuses 1 "The disk is full" -- \
  limited 100 "$binary" demo --years 1 --until 2021-06 --database "$folder/full/new.db"
no_warning "a database that could not even be made"
nothing_left "$folder/full" "a database that could not even be made"

# Into a database that was there before: it stays, unchanged and whole, with no log left.
expect 0 "Closure audit" -- "$binary" import tool "$(dirname "$0")/../../data/tools/closure.json" \
  --database "$folder/full/old.db"
refuses 1 "The disk is full" -- \
  limited 4000 "$binary" demo --years 1 --until 2021-06 --database "$folder/full/old.db"
no_warning "a demo into an existing database stopped by a full disk"
if [ -s "$folder/full/old.db-wal" ]; then fail "a log was left behind"; else pass "no log was left behind"; fi
prints 0 0 -- sqlite3 "$folder/full/old.db" "SELECT count(*) FROM staff"
expect 0 "all is well" -- "$binary" verify --database "$folder/full/old.db"

# Not a file: a device, a pipe, a folder.
refuses 1 "not a file" -- "$binary" deadlines --database /dev/null
mkfifo "$folder/fifo"
refuses 1 "not a file" -- "$binary" event list --database "$folder/fifo"
refuses 1 "not a file" -- "$binary" demo --database "$folder/fifo"
refuses 1 "is a folder" -- "$binary" verify --database "$folder"

# Made by another program that left it, and its log and index, readable by everyone.
(umask 022
 "$binary" import tool "$(dirname "$0")/../../data/tools/closure.json" --database "$folder/shared.db" >/dev/null
 chmod 644 "$folder/shared.db"
 printf '.filectrl persist_wal 1\nSELECT count(*) FROM audit_tool;\n' | sqlite3 "$folder/shared.db" >/dev/null)
for f in shared.db shared.db-wal shared.db-shm; do
  if [ "$(mode_of "$folder/$f")" = 644 ]; then pass "$f starts as 644"; else fail "$f is $(mode_of "$folder/$f")"; fi
done
expect 0 "readable by you only" -- "$binary" event list --database "$folder/shared.db"
# The log and index go as the last connection closes; any left are private.
for f in shared.db shared.db-wal shared.db-shm; do
  if [ ! -e "$folder/$f" ] || [ "$(mode_of "$folder/$f")" = 600 ]; then
    pass "$f is made 600"
  else
    fail "$f is $(mode_of "$folder/$f")"
  fi
done
# And those made from now on, by any program, take the file's mode.
(umask 022; printf '.filectrl persist_wal 1\nSELECT count(*) FROM audit_tool;\n' | sqlite3 "$folder/shared.db" >/dev/null)
for f in shared.db-wal shared.db-shm; do
  if [ "$(mode_of "$folder/$f")" = 600 ]; then pass "a new $f is 600"; else fail "a new $f is $(mode_of "$folder/$f")"; fi
done
prints 0 "No events." -- "$binary" event list --database "$folder/shared.db"
if [ -s "$folder/stderr" ]; then fail "said again: $(cat "$folder/stderr")"; else pass "said once"; fi

# The file of another account, which anyone may write: not ours to make private. Needs a
# second account; as root (as CI runs) the command runs as nobody.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  mkdir "$folder/theirs"
  "$binary" import tool "$(dirname "$0")/../../data/tools/closure.json" --database "$folder/theirs/x.db" >/dev/null
  chmod 666 "$folder/theirs/x.db"
  chmod 777 "$folder/theirs"
  chmod 755 "$folder"
  refuses 1 "cannot make it private.*chmod 600" -- \
    setpriv --reuid=65534 --regid=65534 --clear-groups "$binary" event list --database "$folder/theirs/x.db"
  chmod 700 "$folder"
else
  pass "another account's file # SKIP needs root"
fi

# verify on a sound file.
expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 5 --until 2021-06 --database "$folder/t.db"
prints 0 "$folder/t.db: all is well — the file is whole, every record points at one that exists, the change history is unbroken and protected, and only its owner can read it." -- \
  "$binary" verify --database "$folder/t.db"
expect 2 "unexpected" -- "$binary" verify "$folder/t.db"
refuses 1 "There is no database" -- "$binary" verify --database "$folder/none.db"
if [ -e "$folder/none.db" ]; then fail "verify made a database"; else pass "verify made no database"; fi

# The issue's case: the trigger dropped, then a row deleted, with the sqlite3 program.
cp "$folder/t.db" "$folder/u.db"
cp "$folder/t.db" "$folder/v.db"
sqlite3 "$folder/t.db" "DROP TRIGGER change_history_no_delete; DELETE FROM change_history WHERE id = 1234;"
expect 1 "Row 1234 of the change history has been deleted" -- "$binary" verify --database "$folder/t.db"
expect 1 "problems found" -- "$binary" verify --database "$folder/t.db"
# And every later open says so; the data is still there to work with.
expect 0 "Overdue on 2021-06-01" -- "$binary" deadlines --on 2021-06-01 --database "$folder/t.db"
if grep -q "was altered outside Case Audit" "$folder/stderr"; then pass "opening reminds"; else fail "opening did not remind: $(cat "$folder/stderr")"; fi
protected "$folder/t.db"

# Opened first by any command, not verify: told plainly, and the protection is back.
sqlite3 "$folder/u.db" "DROP TRIGGER change_history_no_delete; DELETE FROM change_history WHERE id = (SELECT max (id) - 5 FROM change_history);"
expect 0 "No events." -- "$binary" event list --database "$folder/u.db"
if grep -q "has been altered outside Case Audit" "$folder/stderr" &&
   grep -q "change_history_no_delete" "$folder/stderr" && grep -q "has been deleted" "$folder/stderr"; then
  pass "opening says the history was altered"
else
  fail "opening did not say: $(cat "$folder/stderr")"
fi
protected "$folder/u.db"
expect 1 "has been deleted" -- "$binary" verify --database "$folder/u.db"

# The newest rows deleted, with the trigger put back as it was: the chain that is left still
# links up, but its head says more was there.
sqlite3 "$folder/v.db" "DROP TRIGGER change_history_no_delete;
  DELETE FROM change_history WHERE id > (SELECT max (id) - 3 FROM change_history);
  CREATE TRIGGER change_history_no_delete BEFORE DELETE ON change_history
  BEGIN
    SELECT RAISE (ABORT, 'the change history cannot be altered');
  END;"
expect 0 "No events." -- "$binary" event list --database "$folder/v.db"
if grep -q "newest rows of the change history have been deleted" "$folder/stderr"; then
  pass "opening notices the newest rows gone"
else
  fail "opening did not notice: $(cat "$folder/stderr")"
fi
expect 1 "newest rows of the change history have been deleted" -- "$binary" verify --database "$folder/v.db"

# Rows that point at nothing.
sqlite3 "$folder/v.db" "PRAGMA foreign_keys = OFF; DELETE FROM audit WHERE id = (SELECT audit_id FROM action ORDER BY id LIMIT 1);"
expect 1 "of “action” point.* at .*“audit” that do.* not exist" -- "$binary" verify --database "$folder/v.db"

# And the file readable by others.
chmod 644 "$folder/v.db"
expect 1 "readable by you only" -- "$binary" verify --database "$folder/v.db"

finish
