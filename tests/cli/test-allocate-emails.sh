#!/bin/sh
# "allocate --commit --emails FOLDER" (R-D6, issue 10): the drafts' folder is tried before
# anything is committed, and a folder that cannot take them refuses the whole command; long
# names are shortened to the file system's limit; and a kill -9 at any moment of a commit
# with e-mails leaves each run committed with its whole set of drafts or not committed with
# none, never part of a set, and (after the next save into the folder) no temporary file.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/demo.db"
al="$binary allocate"
q () { sqlite3 "$db" "$1"; }
runs () { q "SELECT count(*) FROM allocation_run"; }

expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 5 --until 2021-12 --database "$db"

# Folders that cannot take the drafts: refused before the commit, nothing committed, nothing
# made. A path under a file and a 300-character name fail for root too.
printf 'a file\n' >"$folder/a-file"
refuses 1 "cannot be saved in .*Not a directory. Nothing was committed" -- $al 2021-12 --fixed 2 --commit --emails "$folder/a-file/drafts" -d "$db"
refuses 1 "Nothing was committed" -- $al 2021-12 --fixed 2 --commit --emails "$folder/a-file" -d "$db"
long=$(printf '%0300d' 0 | tr 0 x)
refuses 1 "File name too long. Nothing was committed" -- $al 2021-12 --fixed 2 --commit --emails "$folder/$long" -d "$db"
if [ "$(id -u)" != 0 ]; then
  mkdir -m 500 "$folder/read-only"
  refuses 1 "Permission denied. Nothing was committed" -- $al 2021-12 --fixed 2 --commit --emails "$folder/read-only" -d "$db"
  only_names "$folder/read-only" ""
else
  pass "# SKIP a folder of mode 0500 does not stop root; the cases above fail for root too"
fi
prints 0 0 -- runs
prints 0 0 -- q "SELECT count(*) FROM audit WHERE allocation_run_id IS NOT NULL"
if [ -e "$folder/$long" ]; then fail "a folder was made"; else pass "no folder was made"; fi

# A folder that is not there yet is made; the drafts are one folder for the run, private.
expect 0 "Committed as allocation run 1" -- $al 2021-12 --fixed 3 --commit --emails "$folder/new/mail" -d "$db"
set="$folder/new/mail/Audit allocation 2021-12 (run 1)"
drafts=$(ls "$set"/*.eml 2>/dev/null | wc -l)
auditors=$(q "SELECT count(DISTINCT auditor_id) FROM audit WHERE allocation_run_id = 1")
if [ "$drafts" = "$auditors" ] && [ "$drafts" -ge 1 ]; then pass "one draft per auditor ($drafts)"; else fail "$drafts drafts for $auditors auditors"; fi
modes=$(stat -c %a "$folder/new/mail" "$set" "$set"/*.eml | sort -u | tr '\n' ' ')
if [ "$modes" = "600 700 " ]; then pass "the folders are 0700 and the drafts 0600"; else fail "modes $modes"; fi
only_names "$folder/new/mail" "Audit allocation 2021-12 (run 1)"

# Names of 300 characters, as an import may hold: shortened within the limit, kept apart.
long_name="Ánne-Marie $(printf '%0300d' 0 | tr 0 y)"
q "UPDATE staff SET name = '$long_name' WHERE id IN (SELECT auditor_id FROM audit)"
mkdir -m 700 "$folder/long"
expect 0 "Committed as allocation run 2" -- $al 2021-11 --fixed 3 --commit --emails "$folder/long" -d "$db"
set="$folder/long/Audit allocation 2021-11 (run 2)"
auditors=$(q "SELECT count(DISTINCT auditor_id) FROM audit WHERE allocation_run_id = 2")
if [ "$(ls "$set" | wc -l)" = "$auditors" ]; then pass "one draft per auditor, none lost to a clash"; else fail "$(ls "$set" | wc -l) drafts for $auditors auditors"; fi
# awk counts bytes in the C locale.
longest=$(ls "$set" | LC_ALL=C awk '{ if (length($0) > n) n = length($0) } END { print n }')
if [ "$longest" -le 255 ] && ls "$set" | grep -q '…'; then pass "the names are shortened to at most 255 bytes ($longest)"; else fail "a name of $longest bytes"; fi
if ls "$set" | grep -qv '([A-Z0-9]*)\.eml$'; then fail "a name lost its staff id: $(ls "$set")"; else pass "each name keeps its staff id and .eml"; fi

# kill -9 at random moments of "allocate --commit --emails", a month at a time. Each next
# command is also the one that finishes what the killed one left (ca-allocation-mail-drafts.c).
mail="$folder/killed"
# Every set in the folder is whole and belongs to a committed run: never part of a set.
sets_are_whole ()
{
  for set in "$mail"/Audit*; do
    [ -d "$set" ] || continue
    run=$(printf '%s' "$set" | sed -n 's/.*(run \([0-9]*\))\( ([0-9]*)\)\{0,1\}$/\1/p')
    want=$(q "SELECT count(DISTINCT auditor_id) FROM audit WHERE allocation_run_id = '$run'")
    got=$(ls "$set" | wc -l)
    if [ -z "$run" ] || [ "$want" = 0 ] || [ "$got" != "$want" ]; then
      echo "$set: $got drafts, run ${run:-?} has $want auditors"
      return 1
    fi
  done
}
i=0
for month in 01 02 03 04 05 06 07 08 09 10; do
  i=$((i + 1))
  $al 2021-$month --fixed 4 --seed $i --accept-unplaced --commit --emails "$mail" -d "$db" \
    >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v seed="$$$i" 'BEGIN { srand(seed); printf "%.2f", rand() * 1.0 }')"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if problem=$(sets_are_whole); then
    pass "after kill $i: every set of drafts is whole and its run committed"
  else
    fail "after kill $i: $problem"
  fi
done
# The next save into the folder finishes or removes what the kills left.
expect 0 "Committed as allocation run" -- $al 2021-12 --fixed 2 --seed 99 --accept-unplaced --commit --emails "$mail" -d "$db"
if problem=$(sets_are_whole); then pass "every set of drafts is whole"; else fail "$problem"; fi
hidden=$(ls -A "$mail" | grep '^\.' | tr '\n' ' ')
if [ -z "$hidden" ]; then pass "no temporary file or folder is left"; else fail "left behind: $hidden"; fi
# Each committed run of the loop has its set: none was lost between commit and rename.
missing=""
for run in $(q "SELECT id FROM allocation_run WHERE id > 2"); do
  ls -d "$mail"/*"(run $run)" >/dev/null 2>&1 || missing="$missing $run"
done
if [ -z "$missing" ]; then pass "every committed run has its drafts"; else fail "runs without drafts:$missing"; fi
prints 0 ok -- q "PRAGMA integrity_check"
prints 0 0 -- q "SELECT count(*) FROM allocation_run r WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.allocation_run_id = r.id)"

finish
