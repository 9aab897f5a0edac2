#!/bin/sh
# "case-audit import teams|staff|cases|audits": good files, re-import as update, the presets,
# and every kind of bad input refused with its line and reason, the database unchanged.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/import.db"
csv="$folder/csv"
mkdir -p "$csv"

expect 0 "teams FILE" -- "$binary" import --help
expect 0 "annex-a-6" -- "$binary" import --help

# The whole database as text (every table an import can touch), and its bytes.
state () {
  sqlite3 "$db" "SELECT * FROM service_area; SELECT * FROM locality; SELECT * FROM auditor_group;
                 SELECT * FROM team; SELECT * FROM staff; SELECT * FROM case_file;
                 SELECT * FROM audit; SELECT count(*) FROM change_history;"
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

# Good files, CRLF and a byte order mark in the first.
printf '\357\273\277team,service_area,locality,auditor_group\r\nNorth 1,Assessment & Intervention,North,A\r\n"South, 2",Family Support,South,B\r\nEH West,Early Help,West,\r\n' > "$csv/teams.csv"
prints 0 "Imported 3 teams (3 new, 0 updated)." -- "$binary" import teams "$csv/teams.csv" --database "$db"
prints 0 "Imported 3 teams (0 new, 3 updated)." -- "$binary" import teams "$csv/teams.csv" --database "$db"

cat > "$csv/staff.csv" <<'CSV'
staff_id,name,email,role,team,line_manager_id,active
S5,Eve Practitioner,eve@example.org,practitioner,North 1,S4,yes
S4,Dee Manager,dee@example.org,Team Manager,North 1,S3,1
S3,Cal Service,,service-manager,,S2,true
S2,Bea Head,,Head of Service,,S1,1
S1,Al Director,,strategic-director,,,1
S6,Fay Worker,,practitioner,"South, 2",S4,no
CSV
prints 0 "Imported 6 staff (6 new, 0 updated)." -- "$binary" import staff "$csv/staff.csv" --database "$db"
depth=$(sqlite3 "$db" "WITH RECURSIVE up(id, d) AS (SELECT line_manager_id, 1 FROM staff WHERE staff_ref = 'S5'
  UNION ALL SELECT s.line_manager_id, d + 1 FROM staff s JOIN up ON s.id = up.id WHERE s.line_manager_id IS NOT NULL)
  SELECT max(d) FROM up")
if [ "$depth" = 4 ]; then pass "a chain of managers is stored"; else fail "manager chain depth $depth"; fi

cat > "$csv/cases.csv" <<'CSV'
case_ref,service_area,team,locality,allocated_worker_id,open_date,close_date,legal_status,ethnicity,birth_month,gender,disability,restricted
C-1,Assessment & Intervention,North 1,,S5,2021-01-04,,child-in-need,WBRI,2015-03,female,0,0
C-2,,"South, 2",,Fay Worker,04/02/2021,30/06/2021,Child Protection,a) MWBC,2012-07-19,M,yes,no
"C-3",,EH West,,,2021-03-01,,early-help,,,,,
CSV
prints 0 "Imported 3 cases (3 new, 0 updated)." -- "$binary" import cases "$csv/cases.csv" --database "$db"
prints 0 "Imported 3 cases (0 new, 3 updated)." -- "$binary" import cases "$csv/cases.csv" --database "$db"
got=$(sqlite3 "$db" "SELECT close_date || ' ' || ethnicity || ' ' || birth_month || ' ' || gender || ' ' || disability FROM case_file WHERE case_ref = 'C-2'")
if [ "$got" = "2021-06-30 MWBC 2012-07 male 1" ]; then pass "a case's values are read"; else fail "C-2 is “$got”"; fi

cat > "$csv/audits.csv" <<'CSV'
case_ref,auditor_id,tool,audit_date,overall_grade,category
C-1,S4,stage-1,2021-02-10,Good,
C-2,Dee Manager,stage-1,2021-03-10,inadequate,1
CSV
prints 0 "Imported 2 audits (2 new, 0 updated)." -- "$binary" import audits "$csv/audits.csv" --database "$db"
closed=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE status = 'closed' AND audit_date IS NOT NULL")
if [ "$closed" = 2 ]; then pass "audit history is stored as closed audits"; else fail "$closed closed audits"; fi

# Presets.
printf 'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Does the Child have a Disability,Child Protection Plan Start Date,Initial Category of Abuse,Latest Category of Abuse,Child Protection Plan End Date,Allocated Team,Allocated Worker\r\nCP-1,b) Female,a) WBRI,03/04/2016,5,a) Yes,01/02/2021,N,N,,North 1,Eve Practitioner\r\n' > "$csv/list7.csv"
prints 0 "Imported 1 case (1 new, 0 updated)." -- "$binary" import cases "$csv/list7.csv" --format annex-a-7 --database "$db"
got=$(sqlite3 "$db" "SELECT legal_status || ' ' || open_date || ' ' || birth_month FROM case_file WHERE case_ref = 'CP-1'")
if [ "$got" = "child-protection 2021-02-01 2016-04" ]; then pass "Annex A List 7 is read"; else fail "CP-1 is “$got”"; fi
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC-3,2,14/02/2013,BAFR,A1,,\n' > "$csv/903.csv"
prints 0 "Imported 1 case (0 new, 1 updated)." -- "$binary" import cases "$csv/903.csv" --format ssda903-header --database "$db"
refuses 2 "describes cases" -- "$binary" import teams "$csv/903.csv" --format ssda903-header --database "$db"
refuses 2 "not a format" -- "$binary" import cases "$csv/903.csv" --format annex-b --database "$db"

# Bad input: each refused with status 1, the reason, and nothing written.
snapshot

printf 'team,service_area,locality\nA,B,C\nD,"E,F\nG,H,I\n' > "$csv/quote.csv"
refuses 1 "Line 3: a quoted value starts here but its closing quote is missing" -- "$binary" import teams "$csv/quote.csv" --database "$db"
unchanged "an unbalanced quote"

printf 'team,service_area,locality\nA,B,C\nD,E\n' > "$csv/columns.csv"
refuses 1 "line 3: the row has 2 values but the header has 3 columns" -- "$binary" import teams "$csv/columns.csv" --database "$db"
unchanged "a wrong column count"

printf 'team,service_area,locality\nA,B,C\nCaf\201,E,F\n' > "$csv/not-text.csv"
refuses 1 "Line 3 is neither UTF-8 nor Windows-1252 text" -- "$binary" import teams "$csv/not-text.csv" --database "$db"
unchanged "text that is neither UTF-8 nor Windows-1252"

: > "$csv/empty.csv"
refuses 1 "The file is empty" -- "$binary" import cases "$csv/empty.csv" --database "$db"
unchanged "an empty file"

# 200 MB long but sparse, so it costs nothing to make; refused by its size alone.
truncate -s 200MB "$csv/huge.csv"
start=$(date +%s%N)
refuses 1 "“huge.csv” is larger than 100.0.MB" -- "$binary" import cases "$csv/huge.csv" --database "$db"
end=$(date +%s%N)
unchanged "a 200 MB file"
ms=$(( (end - start) / 1000000 ))
if [ "$ms" -lt 5000 ]; then pass "a huge file is refused at once ($ms ms)"; else fail "a huge file took $ms ms"; fi

cat > "$csv/bad-cases.csv" <<'CSV'
case_ref,service_area,team,locality,allocated_worker_id,open_date,close_date,legal_status,ethnicity,birth_month,gender,disability,restricted
C-10,,North 1,,,2021-02-30,,child-in-need,,,,,
C-11,,North 1,,,2021-03-01,2021-01-01,child-in-need,,,,,
C-12,,North 9,,S99,2021-03-01,,child-in-need,XXXX,,,,
C-1,,North 1,,,2021-03-01,,adopted,,,,,
C-1,,North 1,,,2021-03-01,,child-in-need,,,,,
CSV
refuses 1 "line 2: “2021-02-30” is not a real date" -- "$binary" import cases "$csv/bad-cases.csv" --database "$db"
reports "line 3: the close date 2021-01-01 is before the open date 2021-03-01" \
        "line 4: unknown team “North 9”" "line 4: unknown worker “S99”" \
        "line 4: unknown ethnicity “XXXX”" "line 5: unknown legal status “adopted”" \
        "line 6: “C-1” is in the file twice (first on line 5)" \
        "5 rows have problems, so nothing was imported"
unchanged "bad case rows"

cat > "$csv/bad-staff.csv" <<'CSV'
staff_id,name,email,role,team,line_manager_id,active
S1,Al Director,,strategic-director,,S5,1
S7,Gus,,Wizard,Nowhere,S99,1
CSV
refuses 1 "line 2: line management goes round in a circle: S1 → S5 → S4 → S3 → S2 → S1" -- "$binary" import staff "$csv/bad-staff.csv" --database "$db"
reports "line 3: unknown role “Wizard”" "line 3: unknown team “Nowhere”"
unchanged "a line-management cycle and unknown references"

printf 'staff_id,name,role,line_manager_id\nS8,Hal,practitioner,S99\n' > "$csv/bad-manager.csv"
refuses 1 "line 2: unknown line manager “S99”" -- "$binary" import staff "$csv/bad-manager.csv" --database "$db"
unchanged "an unknown line manager"

printf 'case_ref,auditor_id,tool,audit_date,overall_grade,category\nC-1,S4,stage-1,2021-04-31,superb,\nC-99,S4,no-tool,2021-04-01,good,\n' > "$csv/bad-audits.csv"
refuses 1 "line 2: unknown grade “superb”" -- "$binary" import audits "$csv/bad-audits.csv" --database "$db"
reports "line 2: “2021-04-31” is not a real date" "line 3: unknown case “C-99”" \
        "line 3: unknown audit tool “no-tool”"
unchanged "bad audit rows"

printf 'team,locality\nA,B\n' > "$csv/missing.csv"
refuses 1 "service_area" -- "$binary" import teams "$csv/missing.csv" --database "$db"
unchanged "a missing column"

refuses 1 "no-such-file.csv" -- "$binary" import teams "$csv/no-such-file.csv" --database "$db"
refuses 2 "give one CSV file" -- "$binary" import teams --database "$db"

# A refused file given a new database path leaves no database behind; a good one makes it.
fresh="$folder/fresh.db"
refuses 1 "line 2: unknown line manager “S99”" -- "$binary" import staff "$csv/bad-manager.csv" --database "$fresh"
if [ ! -e "$fresh" ] && [ ! -e "$fresh-wal" ] && [ ! -e "$fresh-shm" ]; then
  pass "a refused first import leaves no database file"
else
  fail "a refused first import left $(ls "$folder" | grep fresh | tr '\n' ' ')"
fi
prints 0 "Imported 3 teams (3 new, 0 updated)." -- "$binary" import teams "$csv/teams.csv" --database "$fresh"
if [ -e "$fresh" ]; then pass "a good first import makes the database"; else fail "no $fresh"; fi

# The older kinds still work.
expect 0 "unchanged" -- "$binary" import tool "${G_TEST_SRCDIR:-$(dirname "$0")/..}/../data/tools/closure.json" --database "$db"

finish
