#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A manager's response recorded in two places at once (R-F9, R-N2): another copy of Case Audit
records a decision and a comment while this window has the response open. This window's
Record does not write over them: it takes in the comment, asks which decision to keep with
both shown, and records what the person chose. "Later" records nothing and says so. The
dialog light and dark.

The other copy's writes are made to the file directly, as its store would make them: the
store's own test (tests/store/test-manager-response-store.c) records through two
connections."""

import datetime
import sqlite3
import sys
import tempfile
import time

from caui import (App, check, conflict_dialog, conflict_dialog_closed, dialog_button,
                  insert_text, labels_of, make_demo_database, wait_for)
from editorui import Form, open_editor, press

THIS_DECISION = "All actions agreed in supervision (this window)."
OTHER_DECISION = "Agreed, with a review in January (the other copy)."
OTHER_COMMENT = "Discussed with the service manager (the other copy)."

START = time.monotonic()


def step(what):
    print(f"# {time.monotonic() - START:6.1f} s: {what}", flush=True)


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def execute(database, sql, *args):
    with sqlite3.connect(database) as db:
        db.execute(sql, args)


def submitted_audit(database):
    """A submitted Stage 1 audit with actions, alone on its case, and its case reference."""
    return query(database,
                 "SELECT a.id, c.case_ref FROM audit a JOIN case_file c ON c.id = a.case_id "
                 "JOIN audit_tool_version v ON v.id = a.tool_version_id "
                 "JOIN audit_tool t ON t.id = v.tool_id "
                 "WHERE a.status = 'submitted' AND t.code = 'stage-1' AND "
                 "(SELECT count(*) FROM audit o WHERE o.case_id = a.case_id) = 1 AND "
                 "(SELECT count(*) FROM action x WHERE x.audit_id = a.id) >= 1 "
                 "ORDER BY a.id LIMIT 1")[0]


def prepare(database, audit_id):
    """The response as a manager left it half done: manager chosen and each action planned,
    no decision, nothing recorded. (Entry rows cannot be typed into over AT-SPI in GTK 4.8;
    the decision, a text box, can.)"""
    auditor = query(database, "SELECT auditor_id FROM audit WHERE id = ?", audit_id)[0][0]
    due = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    execute(database, "DELETE FROM manager_response WHERE audit_id = ?", audit_id)
    execute(database, "INSERT INTO manager_response (audit_id, due_date, manager_id) "
                      "VALUES (?, ?, ?)", audit_id, due, auditor)
    execute(database, "UPDATE action SET response_plan = 'In supervision', "
                      "response_by = ? WHERE audit_id = ?", due, audit_id)


def stored(database, audit_id):
    return query(database, "SELECT decision, response, responded_on FROM manager_response "
                           "WHERE audit_id = ?", audit_id)[0]


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-response-conflict-")
    database = make_demo_database(folder)
    audit_id, case_ref = submitted_audit(database)
    prepare(database, audit_id)
    today = datetime.date.today().isoformat()

    app = App(database, settings={"window-height": 900})
    try:
        open_editor(app, case_ref)
        form = Form(app)
        decision = form.get("text", "Record of the decision made")
        comments = form.get("text", "Further comments")
        record = form.get("push button", "Record Response")
        step("the response is open")

        # This window writes a decision; meanwhile another copy records its own decision and a
        # comment.
        insert_text(decision, THIS_DECISION)
        execute(database, "UPDATE manager_response SET decision = ?, response = ? "
                          "WHERE audit_id = ?", OTHER_DECISION, OTHER_COMMENT, audit_id)
        press(record)
        dialog = conflict_dialog(app)
        texts = labels_of(dialog)
        print(f"# the dialog says: {texts}")
        check(any("“Record of the decision made” was changed in another window" in t
                  for t in texts), f"the dialog names the field: {texts}")
        check(THIS_DECISION in texts and OTHER_DECISION in texts,
              f"the dialog shows both versions: {texts}")
        check(stored(database, audit_id) == (OTHER_DECISION, OTHER_COMMENT, None),
              f"nothing recorded before the choice: {stored(database, audit_id)}")
        app.screenshot("response-conflict-light")
        step("asked which decision to keep")

        press(dialog_button(dialog, "Keep This Version"))
        wait_for(lambda: stored(database, audit_id) == (THIS_DECISION, OTHER_COMMENT, today),
                 "this window's decision recorded beside the other copy's comment")
        wait_for(lambda: comments.text == OTHER_COMMENT,
                 "the other copy's comment to appear in the form")
        # (The editor's toasts are deep in its own overlay: a shallow walk does not reach them.)
        app.toast(r"^Manager response recorded$")
        step("recorded as chosen, with the other copy's comment")
    finally:
        app.close()

    # Dark and narrow: decided later first (nothing recorded, and it says so), then the other
    # version taken.
    app = App(database, {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"},
              settings={"window-height": 900, "window-width": 480})
    try:
        open_editor(app, case_ref)
        form = Form(app)
        decision = form.get("text", "Record of the decision made")
        record = form.get("push button", "Record Response")
        execute(database, "UPDATE manager_response SET decision = ? WHERE audit_id = ?",
                OTHER_DECISION, audit_id)
        insert_text(decision, " Checked again.")
        press(record)
        dialog = conflict_dialog(app)
        app.screenshot("response-conflict-narrow-dark")
        press(dialog_button(dialog, "Later"))
        app.toast(r"^Nothing was recorded: the other version stays recorded")
        check(stored(database, audit_id)[0] == OTHER_DECISION, "Later records nothing")
        check(decision.text == THIS_DECISION + " Checked again.",
              "this window keeps its own text after Later")

        wait_for(lambda: conflict_dialog_closed(app), "the dialog to close")
        press(record)
        dialog = conflict_dialog(app)
        press(dialog_button(dialog, "Use the Other Version"))
        wait_for(lambda: decision.text == OTHER_DECISION, "the form to show the other version")
        app.toast(r"^Manager response recorded$")
        check(stored(database, audit_id) == (OTHER_DECISION, OTHER_COMMENT, today),
              f"the other version stays recorded: {stored(database, audit_id)}")
        step("Later, then the other version")
    finally:
        app.close()

    print("ok - a response recorded in two places keeps both until the person chooses")
    return 0


if __name__ == "__main__":
    sys.exit(main())
