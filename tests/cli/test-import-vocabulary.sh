#!/bin/sh
# "case-audit import" with a council's own files: HR job titles, tool names, dates as Excel
# writes them, Windows-1252 text, --map for what still does not match, remembered mappings,
# and over-long values refused with their line.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/vocabulary.db"
csv="$folder/csv"
mkdir -p "$csv"

reports () {
  for reason in "$@"; do
    if grep -q -- "$reason" "$folder/stderr"; then
      pass "reports $reason"
    else
      fail "no “$reason” in $(cat "$folder/stderr")"
    fi
  done
}
query () { sqlite3 "$db" "$1"; }
is () {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: “$2”, wanted “$3”"; fi
}

printf 'team,service_area,locality\nNorth 1,Assessment & Intervention,North\nLeaving Care,Leaving Care,South\n' > "$csv/teams.csv"
prints 0 "Imported 2 teams (2 new, 0 updated)." -- "$binary" import teams "$csv/teams.csv" --database "$db"

# Job titles as an HR extract writes them, in any case and spacing.
cat > "$csv/staff.csv" <<'CSV'
staff_id,name,email,role,team,line_manager_id,active
H1,Ann Head,,Head of Service,,,Y
H2,Bob Service,,service manager,,H1,y
H3,Cat Group,,Group Manager,,H2,TRUE
H4,Dan Team,,Team Manager,North 1,H3,True
H5,Eve Deputy,,Assistant Team Manager,North 1,H4,1
H6,Fay Deputy,,Deputy Team Manager,North 1,H4,yes
H7,Gus Senior,,Senior  Social  Worker,North 1,H5,YES
H8,Hal Worker,,Social Worker,North 1,H5,n
H9,Ida New,,Newly Qualified / ASYE Social Worker,North 1,H5,No
H10,Jon ASYE,,ASYE Social Worker,North 1,H5,FALSE
H11,Kim Support,,family support worker,North 1,H5,0
H12,Lee Adviser,,Personal Adviser,Leaving Care,H4,1
H13,Mo Principal,,Principal Social Worker,,H1,1
H14,Ned Supervisor,,Practice Supervisor,North 1,H4,1
H15,Oz IRO,,IRO,,H2,1
H16,Pat Advanced,,Advanced-Practitioner,North 1,H4,1
H17,Quin Reviewing,,independent reviewing officer,,H2,1
CSV
prints 0 "Imported 17 staff (17 new, 0 updated)." -- "$binary" import staff "$csv/staff.csv" --database "$db"
is "job titles map to roles" \
   "$(query "SELECT group_concat (staff_ref || '=' || role_code, ' ') FROM (SELECT staff_ref, role_code FROM staff ORDER BY id)")" \
   "H1=head-of-service H2=service-manager H3=group-manager H4=team-manager H5=practice-manager H6=practice-manager H7=practitioner H8=practitioner H9=practitioner H10=practitioner H11=practitioner H12=practitioner H13=lead-professional H14=practice-manager H15=iro H16=advanced-practitioner H17=iro"
is "yes/no flags in any case" "$(query "SELECT group_concat (active, '') FROM (SELECT active FROM staff ORDER BY id)")" \
   "11111110000111111"

# A title that still does not match: its line, the value, the roles it could be, and --map.
printf 'staff_id,name,role,team\nW1,Wyn Wizard,Chief Wizard,North 1\nW2,Xan Wizard,Chief  wizard,North 1\nW3,Yan Nobody,Social Worker,North 1\n' > "$csv/wizards.csv"
refuses 1 "line 2: unknown role “Chief Wizard”" -- "$binary" import staff "$csv/wizards.csv" --database "$db"
reports "line 3: unknown role “Chief  wizard”" "service-manager (Service Manager)" \
        "practitioner (Social Worker / Practitioner)" "--map 'role:Chief Wizard=" \
        "2 rows have problems, so nothing was imported"
is "nothing was imported" "$(query "SELECT count (*) FROM staff WHERE staff_ref LIKE 'W%'")" 0
prints 0 "Imported 3 staff (3 new, 0 updated)." -- "$binary" import staff "$csv/wizards.csv" --map 'role:Chief Wizard=service-manager' --database "$db"
is "--map names the role" "$(query "SELECT group_concat (role_code, ' ') FROM (SELECT role_code FROM staff WHERE staff_ref LIKE 'W%' ORDER BY id)")" \
   "service-manager service-manager practitioner"
# A role's name works as well as its code, and --map may be given more than once.
printf 'staff_id,name,role\nW4,Zed Wizard,Grand Wizard\nW5,Abe Sorcerer,Sorcerer\n' > "$csv/wizards-2.csv"
prints 0 "Imported 2 staff (2 new, 0 updated)." -- "$binary" import staff "$csv/wizards-2.csv" --map 'role:grand wizard=Team Manager' --map 'role:Sorcerer=iro' --database "$db"
is "two --map" "$(query "SELECT group_concat (role_code, ' ') FROM (SELECT role_code FROM staff WHERE staff_ref IN ('W4', 'W5') ORDER BY id)")" \
   "team-manager iro"

# --map mistakes are the command's: status 2 and the form it takes, nothing imported.
refuses 2 "FIELD:VALUE=CODE" -- "$binary" import staff "$csv/wizards.csv" --map 'role=service-manager' --database "$db"
refuses 2 "FIELD:VALUE=CODE" -- "$binary" import staff "$csv/wizards.csv" --map 'role:Chief Wizard' --database "$db"
refuses 2 "FIELD:VALUE=CODE" -- "$binary" import staff "$csv/wizards.csv" --map 'role:=service-manager' --database "$db"
refuses 2 "“colour” is not a field" -- "$binary" import staff "$csv/wizards.csv" --map 'colour:Red=blue' --database "$db"
refuses 2 "legal_status is not a field of a staff list" -- "$binary" import staff "$csv/wizards.csv" --map 'legal_status:CP=child-protection' --database "$db"
refuses 2 "“wizard” is not a role" -- "$binary" import staff "$csv/wizards.csv" --map 'role:Chief Wizard=wizard' --database "$db"

# Mappings remembered from the window are used, and said so; --map wins for its run.
query "INSERT INTO import_value_mapping (kind, field, value_key, value, code, updated_at) VALUES ('staff', 'role', 'headwizard', 'Head Wizard', 'team-manager', '2024-01-01T00:00:00Z')"
printf 'staff_id,name,role\nR1,Rae Wizard,HEAD WIZARD\n' > "$csv/remembered.csv"
expect 0 "remembered mapping.*Head Wizard" -- "$binary" import staff "$csv/remembered.csv" --database "$db"
is "a remembered mapping is used" "$(query "SELECT role_code FROM staff WHERE staff_ref = 'R1'")" "team-manager"
prints 0 "Imported 1 member of staff (0 new, 1 updated)." -- "$binary" import staff "$csv/remembered.csv" --map 'role:Head Wizard=group-manager' --database "$db"
is "--map wins over a remembered mapping" "$(query "SELECT role_code FROM staff WHERE staff_ref = 'R1'")" "group-manager"
is "--map is not remembered" "$(query "SELECT code FROM import_value_mapping WHERE value_key = 'headwizard'")" "team-manager"

# Dates as Excel writes them in a UK council; an impossible or ambiguous date is refused
# with its line and the forms that work.
cat > "$csv/cases.csv" <<'CSV'
case_ref,team,open_date,close_date,legal_status,birth_month,gender,disability,restricted
D-1,North 1,04/01/2021,,Child in Need,03/2015,Female,Y,N
D-2,North 1,4/1/2021,31/12/2021,CP,2015-03,m,no,no
D-3,North 1,2021-01-04,,looked after child,,,TRUE,false
D-4,North 1,04-Jan-2021,,Care Leaver,,,,
D-5,North 1,4 January 2021,,early help,,,,
D-6,North 1,04/01/2021 00:00,,SEND,,,,
CSV
prints 0 "Imported 6 cases (6 new, 0 updated)." -- "$binary" import cases "$csv/cases.csv" --database "$db"
is "every form reads as 4 January 2021" "$(query "SELECT group_concat (DISTINCT open_date) FROM case_file WHERE case_ref LIKE 'D-%'")" "2021-01-04"
is "legal statuses, genders and flags" \
   "$(query "SELECT group_concat (x, ' ') FROM (SELECT legal_status || '/' || coalesce (gender, '-') || '/' || disability || restricted AS x FROM case_file WHERE case_ref LIKE 'D-%' ORDER BY case_ref)")" \
   "child-in-need/female/10 child-protection/male/00 looked-after/-/10 care-leaver/-/00 early-help/-/00 send/-/00"
cat > "$csv/bad-dates.csv" <<'CSV'
case_ref,team,open_date,legal_status
E-1,North 1,31/02/2021,child-in-need
E-2,North 1,2021-13-01,child-in-need
E-3,North 1,04/01/21,child-in-need
E-4,North 1,January the fourth,child-in-need
CSV
refuses 1 "line 2: “31/02/2021” is not a real date" -- "$binary" import cases "$csv/bad-dates.csv" --database "$db"
reports "line 3: “2021-13-01” is not a real date" "line 4: “04/01/21” has a two-digit year" \
        "line 5: “January the fourth” is not a date" "DD/MM/YYYY"

# Other coded values that do not match, and their --map.
printf 'case_ref,team,open_date,legal_status,gender,disability\nF-1,North 1,2021-01-04,Adopted,Boy,Unknown\n' > "$csv/unmatched.csv"
refuses 1 "line 2: unknown legal status “Adopted”" -- "$binary" import cases "$csv/unmatched.csv" --database "$db"
reports "line 2: “Unknown” is not a yes or no" "--map 'legal_status:Adopted=" "--map 'disability:Unknown=" \
        "child-in-need (Child in Need)" "yes (Yes), no (No)"
prints 0 "Imported 1 case (1 new, 0 updated)." -- "$binary" import cases "$csv/unmatched.csv" --map 'legal_status:Adopted=other' --map 'disability:Unknown=no' --database "$db"
is "mapped legal status and flag" "$(query "SELECT legal_status || gender || disability FROM case_file WHERE case_ref = 'F-1'")" "othermale0"

# Tools by code or by name (any version's name), in any case.
cat > "$csv/audits.csv" <<'CSV'
case_ref,auditor_id,tool,audit_date,overall_grade,category
D-1,H4,Stage 1 Good Practice audit,05/02/2021,Good,4
D-2,H4,stage 1 good practice AUDIT,2021-02-06,Requires Improvement,3
D-3,H4,stage-1,6 Feb 2021,,
CSV
prints 0 "Imported 3 audits (3 new, 0 updated)." -- "$binary" import audits "$csv/audits.csv" --database "$db"
is "the tool by its name" "$(query "SELECT count (*) FROM audit a JOIN audit_tool_version v ON v.id = a.tool_version_id JOIN audit_tool t ON t.id = v.tool_id WHERE t.code = 'stage-1' AND a.status = 'closed'")" 3
printf 'case_ref,auditor_id,tool,audit_date\nD-1,H4,Stage 9 audit,2021-03-01\n' > "$csv/bad-tool.csv"
refuses 1 "line 2: unknown audit tool “Stage 9 audit”" -- "$binary" import audits "$csv/bad-tool.csv" --database "$db"
reports "stage-1 (Stage 1 Good Practice audit)" "--map 'tool:Stage 9 audit="

# Windows-1252 (what Excel's plain "CSV" writes on a UK PC): read as such, and said so.
printf 'team,service_area,locality\nCaf\351 Team,Children\222s Services,\243 Pilot\n' > "$csv/teams-1252.csv"
prints 0 "Imported 1 team (1 new, 0 updated).
The file was read as Windows-1252, as it is not UTF-8 text." -- "$binary" import teams "$csv/teams-1252.csv" --database "$db"
is "é, ’ and £ arrive intact" "$(query "SELECT t.name || '|' || s.name || '|' || l.name FROM team t JOIN service_area s ON s.id = t.service_area_id JOIN locality l ON l.id = t.locality_id WHERE t.name LIKE 'Caf%'")" \
   "Café Team|Children’s Services|£ Pilot"
printf 'staff_id,name,role,team\nQ1,Ren\351e O\222Brien,Social Worker,Caf\351 Team\n' > "$csv/staff-1252.csv"
expect 0 "read as Windows-1252" -- "$binary" import staff "$csv/staff-1252.csv" --database "$db"
is "a Windows-1252 name" "$(query "SELECT name FROM staff WHERE staff_ref = 'Q1'")" "Renée O’Brien"
# UTF-8 with a byte order mark says nothing about encodings.
printf '\357\273\277team,service_area,locality\nCaf\303\251 Team,Children\342\200\231s Services,\302\243 Pilot\n' > "$csv/teams-utf8.csv"
prints 0 "Imported 1 team (0 new, 1 updated)." -- "$binary" import teams "$csv/teams-utf8.csv" --database "$db"
# Neither UTF-8 nor Windows-1252 (0x81 is not a Windows-1252 character), or not text at all.
printf 'team,service_area,locality\nA,B,C\nD\201,E,F\n' > "$csv/binary.csv"
refuses 1 "Line 3 is neither UTF-8 nor Windows-1252 text" -- "$binary" import teams "$csv/binary.csv" --database "$db"
printf 'team,service_area,locality\nA,B\000,C\n' > "$csv/nul.csv"
refuses 1 "not a text file" -- "$binary" import teams "$csv/nul.csv" --database "$db"
# UTF-8 with one bad line is not guessed at: the bad line is named.
printf 'team,service_area,locality\nCaf\303\251,B,C\nD\351,E,F\n' > "$csv/mixed.csv"
refuses 1 "Line 3 is not valid UTF-8" -- "$binary" import teams "$csv/mixed.csv" --database "$db"

# Over-long values are refused with their line: a reference, an id, a name.
long=$(head -c 300 /dev/zero | tr '\0' 'A')
printf 'case_ref,team,open_date,legal_status\n%s,North 1,2021-01-04,child-in-need\n' "$long" > "$csv/long-ref.csv"
refuses 1 "line 2: the case reference is 300 characters long; it may have at most 255" -- "$binary" import cases "$csv/long-ref.csv" --database "$db"
printf 'staff_id,name,role\nL1,%s,practitioner\n%s,Short Name,practitioner\n' "$long" "$long" > "$csv/long-staff.csv"
refuses 1 "line 2: the name is 300 characters long" -- "$binary" import staff "$csv/long-staff.csv" --database "$db"
reports "line 3: the staff ID is 300 characters long"
# 50 MB in one cell: refused, never stored.
{ printf 'case_ref,team,open_date,legal_status\n'; head -c 50000000 /dev/zero | tr '\0' 'B'; printf ',North 1,2021-01-04,child-in-need\n'; } > "$csv/huge-ref.csv"
refuses 1 "line 2: the case reference is 50000000 characters long" -- "$binary" import cases "$csv/huge-ref.csv" --database "$db"
is "no long reference stored" "$(query "SELECT count (*) FROM case_file WHERE length (case_ref) > 255")" 0

finish
