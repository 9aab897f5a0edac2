#!/bin/sh
# "case-audit export audit ID --eml FILE" (R-F7): the e-mail to the case's Team Manager and
# Service Manager about a Category 1–2 audit, read back with Python's email package: who it
# goes to, what it says, the PDF attached; audits that need no e-mail are refused.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/audits.db"
eml="$folder/notify.eml"

expect 0 "audit ID --eml FILE" -- "$binary" export --help
expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 3 --until 2026-10 --database "$db"

# A recent Category 1–2 audit not yet marked sent, and whom the rule says it goes to: the
# active Team Manager of the case's team and the Service Manager above them.
row=$(sqlite3 -separator '|' "$db" "SELECT a.id, c.case_ref, a.category FROM audit a
        JOIN case_file c ON c.id = a.case_id
        WHERE a.status = 'submitted' AND a.category IN (1, 2)
          AND a.notification_sent_at IS NULL ORDER BY a.id LIMIT 1")
id=${row%%|*}
rest=${row#*|}
case_ref=${rest%%|*}
category=${rest#*|}
if [ -n "$id" ]; then pass "the demo has an audit to notify ($id, $case_ref, category $category)"; else fail "the demo has no Category 1–2 audit waiting"; fi
want_to=$(sqlite3 "$db" "SELECT tm.email || ' ' || sm.email FROM audit a
        JOIN case_file c ON c.id = a.case_id
        JOIN staff tm ON tm.team_id = c.team_id AND tm.role_code = 'team-manager' AND tm.active = 1
        JOIN staff sm ON sm.id = tm.line_manager_id AND sm.role_code = 'service-manager'
        WHERE a.id = $id")
pen=$(sqlite3 "$db" "SELECT substr(pen_picture, 1, 30) FROM audit WHERE id = $id")

expect 0 "Wrote the e-mail to the managers about audit $id" -- "$binary" export audit "$id" --eml "$eml" --database "$db"
mode=$(stat -c %a "$eml")
if [ "$mode" = 600 ]; then pass "the e-mail is mode 600"; else fail "the e-mail is mode $mode"; fi

cat > "$folder/read.py" <<'PY'
import email
import email.policy
import sys

with open(sys.argv[1], "rb") as f:
    message = email.message_from_bytes(f.read(), policy=email.policy.default)
print("to:", " ".join(a.addr_spec for a in message["To"].addresses))
print("subject:", message["Subject"])
print("unsent:", message["X-Unsent"])
print("date:", "yes" if message["Date"] else "no")
print("mime:", message.get_content_type())
body = message.get_body(preferencelist=("plain",))
print("charset:", body.get_content_charset())
print("body:", body.get_content().replace("\r\n", "\n").replace("\n", " | "))
for part in message.iter_attachments():
    data = part.get_payload(decode=True)
    print("attachment:", part.get_filename(), part.get_content_type(), data[:5].decode("latin-1"),
          len(data))
PY
parsed=$(python3 "$folder/read.py" "$eml")
check_line ()
{
  if printf '%s\n' "$parsed" | grep -q -F -x -- "$1"; then pass "the e-mail has “$1”"; else fail "the e-mail lacks “$1”: $parsed"; fi
}
check_text ()
{
  if printf '%s\n' "$parsed" | grep -q -F -- "$1"; then pass "the e-mail says “$1”"; else fail "the e-mail does not say “$1”: $parsed"; fi
}
check_line "to: $want_to"
check_line "subject: Category $category case audit: $case_ref – for your immediate attention"
check_line "unsent: 1"
check_line "date: yes"
check_line "mime: multipart/mixed"
check_line "charset: utf-8"
case $category in
  1) check_text "Category 1 Inadequate – critical: the child may be at risk; the practitioner must act within 24 hours." ;;
  *) check_text "Category 2 Inadequate – action required" ;;
esac
check_text "Case reference: $case_ref |"
check_text "Recommendations to be checked by: "
check_text "council’s secure systems"
if printf '%s\n' "$parsed" | grep -q "^attachment: Audit $case_ref.pdf application/pdf %PDF-"; then
  pass "the audit's PDF is attached and decodes"
else
  fail "no PDF attachment: $parsed"
fi
if [ -n "$pen" ] && printf '%s' "$parsed" | grep -q -F -- "$pen"; then fail "the e-mail quotes the pen picture"; else pass "the e-mail does not quote the pen picture"; fi

# Both files at once; the .eml replaced in place with --force, nothing left behind.
before=$(ls -A "$folder" | wc -l)
expect 0 "Exported audit $id to $folder/a.pdf" -- "$binary" export audit "$id" --eml "$eml" --pdf "$folder/a.pdf" --force --database "$db"
if head -c 4 "$folder/a.pdf" | grep -q '%PDF'; then pass "the PDF was written too"; else fail "no PDF"; fi
if [ "$(ls -A "$folder" | wc -l)" = "$((before + 1))" ]; then pass "no temporary file is left"; else fail "files left: $(ls -A "$folder")"; fi

# An existing PDF refuses both files before either is written: the new .eml is not made.
refuses 1 "already exists" -- "$binary" export audit "$id" --eml "$folder/both.eml" --pdf "$folder/a.pdf" --database "$db"
if [ -e "$folder/both.eml" ]; then fail "the .eml was written although the PDF was refused"; else pass "neither file was written"; fi

# Never over a file without --force, never into a device, FIFO, folder or link (issue 10).
export_is_safe 600 -- "$binary" export audit "$id" --eml @PATH@ --database "$db"

# Audits that need no e-mail: a Category 3–4 audit, one not submitted. Nothing is written.
other=$(sqlite3 "$db" "SELECT id FROM audit WHERE status = 'submitted' AND category = 4 LIMIT 1")
refuses 1 "needs no e-mail to the managers: only a submitted audit in Category 1 or 2 does" -- "$binary" export audit "$other" --eml "$folder/no.eml" --database "$db"
draft=$(sqlite3 "$db" "SELECT id FROM audit WHERE status = 'allocated' LIMIT 1")
refuses 1 "needs no e-mail to the managers" -- "$binary" export audit "$draft" --eml "$folder/no.eml" --pdf "$folder/no.pdf" --database "$db"
if [ -e "$folder/no.eml" ] || [ -e "$folder/no.pdf" ]; then fail "a refused audit wrote a file"; else pass "a refused audit writes nothing"; fi
refuses 1 "There is no audit number 999999" -- "$binary" export audit 999999 --eml "$folder/no.eml" --database "$db"
refuses 1 "No such file or directory" -- "$binary" export audit "$id" --eml "$folder/no/such/folder/a.eml" --database "$db"
refuses 2 "--eml is for “export audit”" -- "$binary" export tool stage-1 "$folder/t.json" --eml "$eml" --database "$db"

finish
