#!/bin/sh
# Benchmark (reports figures, asserts no timing): importing 20,000 generated cases from CSV,
# into an empty register and again as updates, after their 60 teams and 600 staff.
set -eu
binary="$1"
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
database="$folder/import.db"

awk 'BEGIN {
  print "team,service_area,locality,auditor_group"
  for (t = 1; t <= 60; t++)
    printf "Team %d,Service Area %d,Locality %d,%s\n", t, (t - 1) % 10 + 1, (t - 1) % 6 + 1, substr("ABC", t % 3 + 1, 1)
}' > "$folder/teams.csv"
awk 'BEGIN {
  print "staff_id,name,email,role,team,line_manager_id,active"
  print "M0,Director,,strategic-director,,,1"
  for (s = 1; s <= 600; s++) {
    team = (s - 1) % 60 + 1
    if (s <= 60) printf "S%d,Manager %d,m%d@example.org,team-manager,Team %d,M0,1\n", s, s, s, team
    else printf "S%d,Worker %d,w%d@example.org,practitioner,Team %d,S%d,1\n", s, s, s, team, team
  }
}' > "$folder/staff.csv"
awk 'BEGIN {
  split("child-in-need child-protection looked-after early-help care-leaver", status, " ")
  split("WBRI WIRI MWBC AIND APKN BCRB BAFR CHNE OOTH NOBT", eth, " ")
  print "case_ref,service_area,team,locality,allocated_worker_id,open_date,close_date,legal_status,ethnicity,birth_month,gender,disability,restricted"
  for (c = 1; c <= 20000; c++) {
    team = (c - 1) % 60 + 1
    worker = 61 + (c - 1) % 540
    open = sprintf("20%02d-%02d-%02d", 15 + c % 7, c % 12 + 1, c % 28 + 1)
    ended = (c % 3 == 0) ? sprintf("2022-%02d-%02d", c % 12 + 1, c % 28 + 1) : ""
    printf "CA-%06d,,Team %d,,S%d,%s,%s,%s,%s,20%02d-%02d,%s,%d,%d\n", c, team, worker, open, ended,
           status[c % 5 + 1], eth[c % 10 + 1], 5 + c % 12, c % 12 + 1, (c % 2) ? "male" : "female",
           c % 9 == 0, c % 50 == 0
  }
}' > "$folder/cases.csv"

echo "# case-audit import benchmark: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores"
echo "file	cases.csv	$(du -h "$folder/cases.csv" | cut -f1)	$(( $(wc -l < "$folder/cases.csv") - 1 )) rows"
"$binary" import teams "$folder/teams.csv" --database "$database" >/dev/null
"$binary" import staff "$folder/staff.csv" --database "$database" >/dev/null

start=$(date +%s%N)
"$binary" import cases "$folder/cases.csv" --database "$database"
end=$(date +%s%N)
echo "import-20000-cases-new	$(( (end - start) / 1000000 )) ms"

start=$(date +%s%N)
"$binary" import cases "$folder/cases.csv" --database "$database"
end=$(date +%s%N)
echo "import-20000-cases-update	$(( (end - start) / 1000000 )) ms"

# A bad last row: every row checked, nothing written.
sed '$ s/,Team [0-9]*,/,No Such Team,/' "$folder/cases.csv" > "$folder/bad.csv"
start=$(date +%s%N)
"$binary" import cases "$folder/bad.csv" --database "$database" 2>&1 | tail -1 || true
end=$(date +%s%N)
echo "import-20000-cases-refused	$(( (end - start) / 1000000 )) ms"
echo "rows	case_file	$(sqlite3 "$database" "SELECT count(*) FROM case_file")"
