#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""R-F7 end to end: a submitted Category 1 audit shows the banner asking for the e-mail to
the case's Team Manager and Service Manager, after a restart too; Save E-mail… writes a draft
with the PDF through the file chooser; Mark as Sent records the time (with Undo) and the
banner does not come back. Screenshots of the banner, light and dark."""

import email
import email.policy
import os
import re
import sqlite3
import sys
import tempfile
import time

import dogtail.rawinput as rawinput

from caui import (App, check, click, file_chooser, make_demo_database, row_count, table_body,
                  wait_for, walk)
from editorui import editor_of, only_case

TITLE = "Category 1: the Service Manager and Team Manager must be told at once"


def prepare_audit(database):
    """An allocated Stage 1 audit on a case with no other audit, made a submitted
    Category 1 audit; its id, case reference and the two managers' names and addresses."""
    with sqlite3.connect(database) as db:
        audit_id, case_ref, team_id = db.execute(
            "SELECT a.id, c.case_ref, c.team_id FROM audit a "
            "JOIN case_file c ON c.id = a.case_id "
            "JOIN audit_tool_version v ON v.id = a.tool_version_id "
            "JOIN audit_tool t ON t.id = v.tool_id "
            "JOIN staff tm ON tm.team_id = c.team_id AND tm.role_code = 'team-manager' "
            "  AND tm.active = 1 "
            "WHERE a.status = 'allocated' AND t.code = 'stage-1' AND "
            "(SELECT count(*) FROM audit o WHERE o.case_id = a.case_id) = 1 "
            "ORDER BY a.id LIMIT 1").fetchone()
        db.execute("UPDATE audit SET status = 'submitted', audit_date = '2026-10-14', "
                   "overall_grade = 'inadequate', category = 1, done_well = 'Visits on time.', "
                   "submitted_at = '2026-10-14T09:00:00Z', "
                   "review_due_at = '2026-10-16T09:00:00Z' WHERE id = ?", (audit_id,))
        managers = db.execute(
            "SELECT tm.name, tm.email, sm.name, sm.email FROM staff tm "
            "JOIN staff sm ON sm.id = tm.line_manager_id AND sm.role_code = 'service-manager' "
            "WHERE tm.team_id = ? AND tm.role_code = 'team-manager' AND tm.active = 1",
            (team_id,)).fetchone()
    return audit_id, case_ref, managers


def sent_at(database, audit_id):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT notification_sent_at FROM audit WHERE id = ?",
                          (audit_id,)).fetchone()[0]


def open_audit(app, case_ref):
    table = app.find("list", "Audits")
    wait_for(lambda: row_count(table) > 5, "rows in the Audits view")
    click(app.find("entry", "Search audits"))
    rawinput.typeText(case_ref)
    wait_for(lambda: only_case(table, case_ref), f"only {case_ref} in the Audits view")
    body = table_body(table)
    rawinput.doubleClick(body.position[0] + 40, body.position[1] + 10)
    app.label_matching("^" + re.escape(case_ref) + "$")
    rawinput.absoluteMotion(1300, 880)  # no tooltip over the screenshots


def press(button):
    action = button.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == "click":
            action.doAction(i)
            return
    raise AssertionError(f"{button.name} cannot be clicked")


def banner_shown(app):
    return walk(editor_of(app), lambda n: n.roleName == "label" and n.name == TITLE,
                first=True) is not None


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-notify-")
    database = make_demo_database(folder)
    audit_id, case_ref, managers = prepare_audit(database)
    tm_name, tm_email, sm_name, sm_email = managers
    eml_path = os.path.join(folder, "to-the-managers.eml")
    print(f"# audit {audit_id}, case {case_ref}, {tm_name} <{tm_email}>, {sm_name} <{sm_email}>")

    # Light: the banner, with who is to be told; the e-mail saved through the file chooser.
    app = App(database, {"ADW_DEBUG_COLOR_SCHEME": "prefer-light"},
              settings={"window-height": 900})
    try:
        open_audit(app, case_ref)
        app.label_matching("^" + re.escape(TITLE) + "$")
        detail = app.label_matching(r"^E-mail .* with the audit’s PDF, then mark it as sent\.")
        check(f"{tm_name} (Team Manager)" in detail.name and
              f"{sm_name} (Service Manager)" in detail.name,
              f"the banner names both managers: {detail.name}")
        app.screenshot("notification-banner-light")

        press(app.find("push button", "Save E-mail…"))
        file_chooser(app, "Save E-mail", eml_path, location=False)
        wait_for(lambda: os.path.exists(eml_path), "the e-mail file", 20)
        app.toast("^E-mail saved")
        check(oct(os.stat(eml_path).st_mode & 0o777) == "0o600", "the e-mail is private")
        with open(eml_path, "rb") as f:
            message = email.message_from_bytes(f.read(), policy=email.policy.default)
        addresses = sorted(a.addr_spec for a in message["To"].addresses)
        check(addresses == sorted([tm_email, sm_email]), f"the e-mail's recipients: {addresses}")
        check(message["Subject"] == f"Category 1 case audit: {case_ref} – for your immediate "
              "attention", f"the subject: {message['Subject']}")
        check(message["X-Unsent"] == "1", "the e-mail opens as a draft")
        text = message.get_body(preferencelist=("plain",)).get_content()
        check("the practitioner must act within 24 hours" in text, "the body says what it means")
        pdfs = [p.get_payload(decode=True) for p in message.iter_attachments()]
        check(len(pdfs) == 1 and pdfs[0].startswith(b"%PDF"), "the audit's PDF is attached")
        check(sent_at(database, audit_id) is None, "saving the e-mail does not mark it sent")
    finally:
        app.close()

    # Dark, after a restart: still asking; Mark as Sent, Undo, and Mark as Sent again.
    app = App(database, {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"},
              settings={"window-height": 900})
    try:
        open_audit(app, case_ref)
        app.label_matching("^" + re.escape(TITLE) + "$")
        app.screenshot("notification-banner-dark")
        press(app.find("push button", "Mark as Sent"))
        # The toast lasts ten seconds: Undo comes first, before anything slow on a busy machine.
        # GTK 4.8 names the toast's mnemonic button by its raw label.
        press(app.toast_button("Undo"))
        wait_for(lambda: sent_at(database, audit_id) is None and banner_shown(app),
                 "Undo to clear the time and bring the banner back")
        press(app.find("push button", "Mark as Sent"))
        wait_for(lambda: sent_at(database, audit_id), "the time it was sent, in the database")
        app.toast("^Marked as sent$")  # first, again: the toast goes after ten seconds
        wait_for(lambda: not banner_shown(app), "the banner to go")
        app.screenshot("notification-marked-sent-dark")
    finally:
        app.close()
    stamp = sent_at(database, audit_id)
    check(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", stamp or ""), f"a UTC time: {stamp}")

    # Reopened: the banner stays away.
    app = App(database, settings={"window-height": 900})
    try:
        open_audit(app, case_ref)
        app.label_matching("^Submitted$")
        time.sleep(1.0)
        check(not banner_shown(app), "no banner once the e-mail is marked sent")
    finally:
        app.close()

    print("ok - the Category 1 banner asks for the e-mail, saves it, and is marked sent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
