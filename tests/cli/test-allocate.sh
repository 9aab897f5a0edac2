#!/bin/sh
# "case-audit allocate" on a generated year: a preview writes nothing, the same seed gives
# byte-identical JSON and another seed another sample, --commit creates the audits in one run
# that --cancel takes back; a month outside the programme, a bad month, no eligible case and
# more cases than capacity each get a clear message.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/demo.db"
al="$binary allocate"
q () { sqlite3 "$db" "$1"; }

expect 0 "^  allocate " -- "$binary" --help
expect 0 "--commit" -- $al --help

expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 5 --until 2021-12 --database "$db"
audits_before=$(q "SELECT count(*) FROM audit")

# Previews: byte-identical for one seed, different for another; nothing written.
$al 2021-12 --fixed 3 --seed 7 --json -d "$db" >"$folder/a.json" 2>/dev/null
$al 2021-12 --fixed 3 --seed 7 --json -d "$db" >"$folder/b.json" 2>/dev/null
$al 2021-12 --fixed 3 --seed 8 --json -d "$db" >"$folder/c.json" 2>/dev/null
if [ -s "$folder/a.json" ] && cmp -s "$folder/a.json" "$folder/b.json"; then
  pass "the same seed gives byte-identical JSON"
else
  fail "the same seed gave different JSON: $(diff "$folder/a.json" "$folder/b.json" | head -5)"
fi
if cmp -s "$folder/a.json" "$folder/c.json"; then
  fail "seeds 7 and 8 gave the same sample"
else
  pass "another seed gives another sample"
fi
prints 0 "$audits_before" -- q "SELECT count(*) FROM audit"

# The JSON has the shape the issue gives, and three allocations to real staff and cases.
check_json ()
{
  python3 - "$folder/a.json" "$db" <<'PY'
import json, sqlite3, sys
data = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
assert set(data) == {"month", "seed", "allocations", "excluded", "unplaced"}, data.keys()
assert data["month"] == "2021-12" and data["seed"] == 7
assert len(data["allocations"]) == 3, data["allocations"]
for a in data["allocations"]:
    assert set(a) == {"case_ref", "auditor_id", "stratum", "reason"}, a
    worker, team = db.execute("SELECT allocated_worker_id, team_id FROM case_file WHERE case_ref = ?",
                              (a["case_ref"],)).fetchone()
    auditor, auditor_team = db.execute("SELECT id, team_id FROM staff WHERE staff_ref = ?",
                                       (a["auditor_id"],)).fetchone()
    assert auditor != worker and auditor_team != team, a
    assert a["reason"], a
assert all(isinstance(v, int) for v in data["excluded"].values()), data["excluded"]
assert "audited-recently" in data["excluded"]
assert data["unplaced"] == []
PY
}
if check_json 2>"$folder/py.err"; then pass "the JSON's shape and picks"; else fail "the JSON: $(cat "$folder/py.err")"; fi

# Commit: one run, three allocated audits due on the programme's return date.
expect 0 "Committed as allocation run 1: 3 audits" -- $al 2021-12 --fixed 3 --seed 7 --commit -d "$db"
prints 0 3 -- q "SELECT count(*) FROM audit WHERE allocation_run_id = 1 AND status = 'allocated'
                 AND due_date = (SELECT return_date FROM programme_entry WHERE month = '2021-12'
                 AND strand = 'social-care')"
prints 0 1 -- q "SELECT count(*) FROM allocation_run WHERE month = '2021-12' AND seed = 7"
expect 0 "Run 1: 2021-12, seed 7, 3 audits (0 started)" -- $al 2021-12 --runs -d "$db"

# Cancel it; then cancelling again, and a started run, are refused.
expect 0 "cancelled" -- $al --cancel 1 -d "$db"
prints 0 "$audits_before" -- q "SELECT count(*) FROM audit"
refuses 1 "already cancelled" -- $al --cancel 1 -d "$db"
refuses 1 "no allocation run number 99" -- $al --cancel 99 -d "$db"
refuses 2 "add --commit" -- $al 2021-12 --fixed 2 --emails "$folder" -d "$db"
printf 'a file\n' >"$folder/a-file"
refuses 1 "Not a directory. Nothing was committed" -- $al 2021-12 --fixed 2 --commit --emails "$folder/a-file/mail" -d "$db"
prints 0 1 -- q "SELECT count(*) FROM allocation_run"
mkdir -m 700 "$folder/mail"
expect 0 "Committed as allocation run 2" -- $al 2021-12 --fixed 2 --commit --emails "$folder/mail" -d "$db"
# One private draft per auditor, naming each of the run's cases and nothing of another run,
# in the run's own folder.
drafts=$(ls "$folder/mail/Audit allocation 2021-12 (run 2)"/*.eml | wc -l)
auditors=$(q "SELECT count(DISTINCT auditor_id) FROM audit WHERE allocation_run_id = 2")
if [ "$drafts" = "$auditors" ] && [ "$drafts" -ge 1 ]; then
  pass "one draft per auditor ($drafts)"
else
  fail "$drafts drafts for $auditors auditors"
fi
for ref in $(q "SELECT c.case_ref FROM audit a JOIN case_file c ON c.id = a.case_id
                WHERE a.allocation_run_id = 2"); do
  if grep -l -- "$ref" "$folder/mail"/*/*.eml > /dev/null; then
    pass "a draft names $ref"
  else
    fail "no draft names $ref"
  fi
done
modes=$(stat -c %a "$folder/mail"/*/*.eml | sort -u)
if [ "$modes" = 600 ]; then pass "the drafts are private (0600)"; else fail "draft modes $modes"; fi
q "UPDATE audit SET status = 'in-progress' WHERE id = (SELECT max(id) FROM audit WHERE allocation_run_id = 2)"
refuses 1 "already started" -- $al --cancel 2 -d "$db"
prints 0 2 -- q "SELECT count(*) FROM audit WHERE allocation_run_id = 2"

# More cases than capacity: reported, and not committed unless asked for.
expect 0 "could not be placed" -- $al 2021-12 -d "$db"
expect 1 "could not be given an auditor" -- $al 2021-12 --commit -d "$db"
prints 0 1 -- q "SELECT count(*) FROM allocation_run WHERE cancelled_at IS NULL"

# Bad input.
refuses 1 "no social-care entry for 2030-01" -- $al 2030-01 -d "$db"
refuses 2 "not a month" -- $al 2021-13 -d "$db"
refuses 2 "not a month" -- $al March -d "$db"
refuses 2 "which month" -- $al -d "$db"
refuses 2 "seed must be a whole number" -- $al 2021-12 --seed -4 -d "$db"
refuses 2 "exclude" -- $al 2021-12 --restricted maybe -d "$db"
expect 1 "no case is eligible" -- $al 2021-12 --service-area Nowhere -d "$db"
prints 0 1 -- q "SELECT count(*) FROM allocation_run WHERE cancelled_at IS NULL"

finish
