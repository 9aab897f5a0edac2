#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: feedback from the child or family typed into a draft is autosaved (R-F11); on a
submitted audit with actions, the manager's response (R-F9) is refused with a visible problem
while a by-when is missing, then recorded, and the database holds it."""

import datetime
import os
import sqlite3
import sys
import tempfile
import time

import dogtail.rawinput as rawinput

from caui import App, check, click, make_demo_database, on_screen, wait_for
from editorui import back_to_audits

# Reused from the editor's test: opening an audit, the form's controls, scrolling, pressing.
sys.path.insert(0, __file__.rsplit("/", 1)[0])
editor = __import__("test-audit-editor")

SUMMARY = "Mum says the weekly visits help and she knows who to call."


def single_audit_case(database, status, with_actions):
    """A Stage 1 audit in STATUS whose case has no other audit, and its case reference."""
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT a.id, c.case_ref FROM audit a JOIN case_file c ON c.id = a.case_id "
            "JOIN audit_tool_version v ON v.id = a.tool_version_id "
            "JOIN audit_tool t ON t.id = v.tool_id "
            "WHERE a.status = ? AND t.code = 'stage-1' AND "
            "(SELECT count(*) FROM audit o WHERE o.case_id = a.case_id) = 1 AND "
            "(SELECT count(*) FROM action x WHERE x.audit_id = a.id) " +
            (">= 2" if with_actions else ">= 0") +
            " ORDER BY a.id LIMIT 1 OFFSET ?", (status, 0)).fetchone()


def make_unanswered(database, audit_id, due):
    """The audit's response as it stands just after submission: due, nothing recorded."""
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM manager_response WHERE audit_id = ?", (audit_id,))
        db.execute("INSERT INTO manager_response (audit_id, due_date) VALUES (?, ?)",
                   (audit_id, due))
        db.execute("UPDATE action SET response_plan = NULL, response_by = NULL "
                   "WHERE audit_id = ?", (audit_id,))


def type_into(app, node, text):
    """As the editor's test types, but down to the window's edge: the form's last box ends
    there once scrolled to the bottom."""
    click(editor.reveal(node, bottom=app.frame.size[1]))
    rawinput.keyCombo("<Control>End")
    rawinput.typeText(text)


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def fill_feedback(database, app):
    audit_id, case_ref = single_audit_case(database, "allocated", False)
    form = editor.open_editor(app, case_ref)
    editor.step("draft open")
    editor.choose(form, "How it was given", 2)   # Telephone
    type_into(app, form.get("text", "Date of the feedback"), "2024-02-31")
    app.label_matching("“2024-02-31” is not a real date")
    rawinput.keyCombo("<Control>a")
    rawinput.typeText("2024-03-18")
    type_into(app, form.get("text", "Summary of the feedback"), SUMMARY)
    wait_for(lambda: query(database, "SELECT feedback_method, feedback_date, feedback_summary "
                           "FROM audit WHERE id = ?", audit_id)[0]
             == ("telephone", "2024-03-18", SUMMARY), "the feedback to be autosaved", 15)
    app.screenshot("manager-response-feedback")
    editor.step("feedback autosaved")


def respond(database, app, audit_id, case_ref, n_actions):
    form = editor.open_editor(app, case_ref)
    editor.step("submitted audit open")
    due = app.label_matching(r" — overdue$")
    record = form.get("push button", "Record Response")
    check(record.sensitive, "the response can be recorded on a submitted audit")
    yes = form.all("push button", "Yes: ")
    check(yes and not any(b.sensitive for b in yes), "the rest of the form is read-only")

    editor.choose(form, "Manager", 1)
    for i in range(1, n_actions + 1):
        type_into(app, form.get("text", f"How action {i} will be met"),
                         f"Discussed in supervision, step {i}")
        if i != 2:
            type_into(app, form.get("text", f"Action {i} to be met by"),
                             "2026-12-18")
    type_into(app, form.get("text", "Stretch target (optional)"),
                     "The child helps write the next plan.")
    type_into(app, form.get("text", "Record of the decision made"),
                     "All actions agreed; reviewed at the next supervision.")
    editor.reveal(record, bottom=app.frame.size[1])
    # (The date of response is left as the form fills it in: today, checked in the file.)
    app.screenshot("manager-response-form")
    editor.press(record)
    problem = app.label_matching(r"^Say by when action 2 will be met\.$")
    editor.reveal(problem, bottom=app.frame.size[1])
    app.screenshot("manager-response-refused")
    check(query(database, "SELECT responded_on FROM manager_response WHERE audit_id = ?",
                audit_id)[0][0] is None, "a refused response is not recorded")
    editor.step("refused without a by-when")

    type_into(app, form.get("text", "Action 2 to be met by"), "11/12/2026")  # day first
    editor.press(record)
    app.toast(r"^Manager response recorded$")
    wait_for(lambda: not on_screen(problem), "the problem to go once fixed")
    wait_for(lambda: " — responded on " in due.name, "the due date to say it is answered")
    check("overdue" not in due.name, f"no longer shown as overdue: {due.name}")
    editor.reveal(form.get("combo box", "Manager"))
    app.screenshot("manager-response-recorded")
    editor.step("recorded")


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-response-")
    database = make_demo_database(folder)
    today = datetime.date.today()
    audit_id, case_ref = single_audit_case(database, "submitted", True)
    make_unanswered(database, audit_id, (today - datetime.timedelta(days=3)).isoformat())
    n_actions = query(database, "SELECT count(*) FROM action WHERE audit_id = ?", audit_id)[0][0]
    other_id, other_ref = query(
        database,
        "SELECT a.id, c.case_ref FROM audit a JOIN case_file c ON c.id = a.case_id "
        "JOIN audit_tool_version v ON v.id = a.tool_version_id "
        "JOIN audit_tool t ON t.id = v.tool_id "
        "WHERE a.status = 'submitted' AND t.code = 'stage-1' AND a.id != ? AND "
        "(SELECT count(*) FROM audit o WHERE o.case_id = a.case_id) = 1 AND "
        "(SELECT count(*) FROM action x WHERE x.audit_id = a.id) >= 1 "
        "ORDER BY a.id LIMIT 1", audit_id)[0]
    make_unanswered(database, other_id, (today - datetime.timedelta(days=1)).isoformat())

    # One start for both: the feedback, then back to the list for the response.
    app = App(database, settings={"window-height": 900})
    try:
        if not os.environ.get("SKIP_FEEDBACK"):
            fill_feedback(database, app)
            back_to_audits(app)
        respond(database, app, audit_id, case_ref, n_actions)
    finally:
        app.close()

    manager, decision, stretch, responded = query(
        database, "SELECT manager_id, decision, stretch_target, responded_on "
        "FROM manager_response WHERE audit_id = ?", audit_id)[0]
    check(manager is not None, "the manager is recorded")
    check(decision == "All actions agreed; reviewed at the next supervision.",
          f"the decision is recorded: {decision!r}")
    check(stretch == "The child helps write the next plan.", f"the stretch target: {stretch!r}")
    check(responded == today.isoformat(), f"responded today: {responded!r}")
    plans = query(database, "SELECT response_plan, response_by FROM action WHERE audit_id = ? "
                  "ORDER BY id", audit_id)
    check(len(plans) == n_actions, f"{n_actions} actions")
    for i, (plan, by) in enumerate(plans, 1):
        check(plan == f"Discussed in supervision, step {i}", f"action {i}'s plan: {plan!r}")
        check(by == ("2026-12-11" if i == 2 else "2026-12-18"), f"action {i} by {by!r}")
    history = query(database, "SELECT count(*) FROM change_history WHERE entity = 'action' "
                    "AND field = 'response_plan' AND entity_id IN "
                    "(SELECT id FROM action WHERE audit_id = ?)", audit_id)[0][0]
    check(history == n_actions, f"each plan is in the history: {history}")

    # Dark: another audit whose response is overdue, for the screenshot.
    app = App(database, {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"},
              settings={"window-height": 900})
    try:
        form = editor.open_editor(app, other_ref)
        app.label_matching(r" — overdue$")
        editor.reveal(form.get("text", "How action 1 will be met"))
        time.sleep(0.3)
        app.screenshot("manager-response-overdue-dark")
    finally:
        app.close()

    print("ok - feedback autosaves; the manager response is refused, then recorded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
