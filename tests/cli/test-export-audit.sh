#!/bin/sh
# "case-audit export audit ID --pdf FILE" (R-F10): a submitted demo audit as the PDF for the
# child's file, private to its owner, with its case and grade in words; wrong use refused.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/audits.db"
pdf="$folder/audit.pdf"

expect 0 "audit ID --pdf FILE" -- "$binary" export --help
expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 3 --until 2026-10 --database "$db"

# A submitted audit with actions, its case reference and its overall grade.
row=$(sqlite3 -separator '|' "$db" "SELECT a.id, c.case_ref, a.overall_grade FROM audit a
        JOIN case_file c ON c.id = a.case_id
        WHERE a.status = 'submitted' AND a.overall_grade IS NOT NULL
          AND EXISTS (SELECT 1 FROM action WHERE audit_id = a.id)
        ORDER BY a.id LIMIT 1")
id=${row%%|*}
rest=${row#*|}
case_ref=${rest%%|*}
case ${rest#*|} in
  outstanding) grade="Outstanding" ;;
  good) grade="Good" ;;
  requires-improvement) grade="Requires Improvement" ;;
  inadequate) grade="Inadequate" ;;
  *) grade="unknown grade ${rest#*|}" ;;
esac
if [ -n "$id" ]; then pass "the demo has a submitted audit ($id, $case_ref)"; else fail "the demo has no submitted audit with actions"; fi

prints 0 "Exported audit $id to $pdf." -- "$binary" export audit "$id" --pdf "$pdf" --database "$db"
if head -c 4 "$pdf" | grep -q '%PDF'; then pass "the file is a PDF"; else fail "the file is not a PDF"; fi
mode=$(stat -c %a "$pdf")
if [ "$mode" = 600 ]; then pass "an exported audit is mode 600"; else fail "an exported audit is mode $mode"; fi

if command -v pdftotext >/dev/null 2>&1; then
  text=$(pdftotext -enc UTF-8 "$pdf" -)
  for want in "$case_ref" "Overall grade: $grade" "Pen picture of the child’s journey" \
              "Expected impact for the child" "Case Audit — $case_ref — page 1 of"; do
    if printf '%s' "$text" | grep -q -F -- "$want"; then
      pass "the PDF shows “$want”"
    else
      fail "the PDF does not show “$want”: $text"
    fi
  done
else
  pass "# SKIP pdftotext is not installed"
fi
if command -v pdfinfo >/dev/null 2>&1; then
  if pdfinfo "$pdf" | grep -q '^Tagged: *yes'; then
    pass "the PDF is tagged for screen readers"
  else
    fail "the PDF is not tagged: $(pdfinfo "$pdf")"
  fi
else
  pass "# SKIP pdfinfo is not installed"
fi

# Exporting again is refused unless --force; then the file is replaced and nothing else is
# left in the folder.
before=$(ls -A "$folder" | wc -l)
refuses 1 "already exists" -- "$binary" export audit "$id" --pdf "$pdf" --database "$db"
prints 0 "Exported audit $id to $pdf." -- "$binary" export audit "$id" --pdf "$pdf" --force --database "$db"
if [ "$(ls -A "$folder" | wc -l)" = "$before" ]; then pass "no temporary file is left"; else fail "a temporary file was left: $(ls -A "$folder")"; fi

# Never over a file without --force, never into a device, FIFO, folder or link (issue 10).
export_is_safe 600 -- "$binary" export audit "$id" --pdf @PATH@ --database "$db"

# Failures: status 1 and nothing written; wrong use: status 2.
refuses 1 "There is no audit number 999999" -- "$binary" export audit 999999 --pdf "$folder/none.pdf" --database "$db"
if [ -e "$folder/none.pdf" ]; then fail "a missing audit wrote a file"; else pass "a missing audit writes no file"; fi
refuses 1 "No such file or directory" -- "$binary" export audit "$id" --pdf "$folder/no/such/folder/a.pdf" --database "$db"
refuses 2 "say which file to write with --pdf FILE" -- "$binary" export audit "$id" --database "$db"
refuses 2 "give the audit's number" -- "$binary" export audit --pdf "$pdf" --database "$db"
refuses 2 "“twelve” is not an audit number" -- "$binary" export audit twelve --pdf "$pdf" --database "$db"
refuses 2 "--pdf is for “export audit”" -- "$binary" export tool stage-1 "$folder/t.json" --pdf "$pdf" --database "$db"

finish
