#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: an allocated Stage 1 audit is opened from the Audits view and filled in through
the accessibility tree; the grading rules explain themselves; the draft survives the
application being killed; submission lists what is missing, then succeeds and locks the form."""

import datetime
import json
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

import dogtail.rawinput as rawinput
import pyatspi

from caui import (BINARY, App, Calendar, check, click, dialog_button, labels_of,
                  make_demo_database, on_screen, rows_of, show_view, wait_for, walk)
from editorui import Form, allocated_audit, choose, open_editor, press, reveal, type_into

PEN_PICTURE = "A girl of 9 lives with her mother and two brothers."
MORE_PEN = " She has moved school twice this year."
ACTION_DUE = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
DEFAULT_DUE = (datetime.date.today() + datetime.timedelta(days=28)).isoformat()  # R-F8


def audit_row(database, audit_id):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT status, submitted_at, pen_picture, category, overall_grade "
                          "FROM audit WHERE id = ?", (audit_id,)).fetchone()


def audit_date(database, audit_id):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT audit_date FROM audit WHERE id = ?", (audit_id,)).fetchone()[0]


def action_count(database, audit_id):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT count(*) FROM action WHERE audit_id = ?",
                          (audit_id,)).fetchone()[0]


def action_due(database, audit_id):
    with sqlite3.connect(database) as db:
        row = db.execute("SELECT due_date FROM action WHERE audit_id = ? ORDER BY id",
                         (audit_id,)).fetchone()
        return row[0] if row else None


START = time.monotonic()


def step(what):
    print(f"# {time.monotonic() - START:6.1f} s: {what}", flush=True)


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-editor-")
    database = make_demo_database(folder)
    audit_id, case_ref = allocated_audit(database)
    other_ref = allocated_audit(database, after=audit_id)[1]
    today = datetime.date.today()

    app = App(database, settings={"window-height": 900})
    try:
        form = open_editor(app, case_ref)
        step("editor open")
        pen = form.get("text", "Pen picture of the child's journey")
        form.label("^" + case_ref + "$")
        form.label(r"^Stage 1 Good Practice audit, version \d+$")
        # Typing starts in the form, not on the Submit button (issue 12 item 9).
        focused = wait_for(lambda: walk(app.node, lambda n: n.focused, first=True),
                           "a control with the focus")
        check(focused.roleName == "combo box" and focused.name.startswith("Done jointly with"),
              f"the form's first field has the focus: {focused.roleName} {focused.name!r}")
        check(not form.get("push button", "Submit").focused, "Submit does not start focused")

        # Submitting an empty form lists what is missing, and keeps the form: no question.
        press(form.get("push button", "Submit"))
        problems = app.find("list", "Problems to fix before submitting")
        messages = wait_for(lambda: [n.name for n in problems.children
                                     if n.roleName == "list item"], "the problems")
        check(any(m.startswith("Enter the date of the audit.") for m in messages),
              f"the problems say the audit date is missing: {messages[:3]}")
        check(len(messages) > 5, f"the problems are listed: {messages[:3]}")
        app.screenshot("audit-editor-problems")
        check(audit_row(database, audit_id)[1] is None, "a refused audit is not submitted")
        step("problems listed")

        # The audit date: a date that does not exist is shown as wrong and not saved.
        type_into(form.get("text", "Audit date"), "2023-02-30")
        app.label_matching("“2023-02-30” is not a real date")
        rawinput.keyCombo("<Control>a")
        rawinput.typeText(f"{today.day}/{today.month}/{today.year}")  # as a UK reader writes it
        # The list follows the form: the date put right leaves it.
        wait_for(lambda: not any((n.name or "").startswith("Enter the date of the audit.")
                                 for n in problems.children if n.roleName == "list item"),
                 "the missing date to leave the problems once typed")
        type_into(pen, PEN_PICTURE)
        wait_for(lambda: audit_date(database, audit_id) == today.isoformat(),
                 "the date typed day first to be saved as a date")
        step("date and pen picture typed")

        # A limiting judgement answered No caps the section at Requires Improvement.
        seen = "Has the child been seen during the assessment?"
        press(form.get("push button", "No: " + seen))
        explanation = form.label(r"^Best grade available: Requires Improvement\. .*during the "
                                 r"assessment\?” is answered No")
        check(seen in explanation.name, f"the explanation names the question: {explanation.name}")
        choose(form, "Assessment grade", 2)
        refusal = app.label_matching(r"^Good is not available\.")  # in a toast: refused
        check(seen in refusal.name, f"the refusal names the question: {refusal.name}")
        shown = labels_of(form.get("combo box", "Assessment grade"))
        check("Good" not in shown, f"an unavailable grade is not taken (issue 12 item 2): {shown}")
        wait_for(lambda: not on_screen(refusal), "the refusal's toast to go", 30)
        step("Good refused")

        # Answer every question Yes, grade every section Good.
        for button in form.all("push button", "Yes: "):
            press(button)
        wait_for(lambda: not any(on_screen(n) for n in form.all("label", "Good is not available")),
                 "Good to be allowed once the child has been seen")
        step("answered")
        # Good was refused for Assessment above, so it is graded now, with the others.
        for section in ("Assessment", "Planning", "Intervention", "Review",
                        "Reflection and Supervision"):
            choose(form, section + " grade", 2)
        choose(form, "Overall grade", 2)
        form.label(r"^Choose Category 4\.$")  # the hint follows the grade
        choose(form, "Category", 4)
        form.label("^Case in good order$")

        # An action row can be added, filled and removed again.
        press(form.get("push button", "Add Action"))
        type_into(app.find("text", "Action 1"), "Book a visit to see the child alone")
        app.find("combo box", "Owner of action 1")
        app.screenshot("audit-editor-action")
        remove = app.find("push button", "Remove action 1")
        wait_for(lambda: action_count(database, audit_id) == 1, "the action to be autosaved")
        press(remove)
        wait_for(lambda: action_count(database, audit_id) == 0, "the removal to be autosaved")
        step("action added and removed")
        type_into(form.get("text", "What has been done well"),
                  "The child's views are recorded in her own words.")
        form.label("^Saved$")
        wait_for(lambda: audit_row(database, audit_id)[0] == "in-progress",
                 "the autosave to move the audit to in progress")
        check(audit_row(database, audit_id)[4] == "good", "the overall grade is saved")
        reveal(pen)
        app.screenshot("audit-editor")
        step("filled")

        # Killed mid-edit: what was autosaved is there on the next start.
        type_into(pen, MORE_PEN)
        wait_for(lambda: audit_row(database, audit_id)[2] == PEN_PICTURE + MORE_PEN,
                 "the autosave of the pen picture", 10)
        app.process.send_signal(signal.SIGKILL)
        app.process.wait(timeout=10)
    finally:
        print(f"# the application's exit status: {app.process.poll()}")
        app.close()

    check(audit_row(database, audit_id)[2] == PEN_PICTURE + MORE_PEN,
          f"the pen picture was saved before the kill: {audit_row(database, audit_id)[2]!r}")

    # The second start is in dark mode, for the screenshot of the submitted form.
    app = App(database, {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"},
              settings={"window-height": 900})
    try:
        form = open_editor(app, case_ref)
        pen = form.get("text", "Pen picture of the child's journey")
        wait_for(lambda: pen.text == PEN_PICTURE + MORE_PEN, "the pen picture after a restart")
        step("restarted")

        # By keyboard (issue 12 item 2): a question's answers are one Tab stop, at the answer
        # chosen; the arrows choose another.
        def focused():
            return walk(app.node, lambda n: n.focused, first=True)

        def is_on(node):
            state = node.getState()
            return state.contains(pyatspi.STATE_PRESSED) or state.contains(pyatspi.STATE_CHECKED)

        stops = []
        for _ in range(40):
            rawinput.pressKey("Tab")
            node = focused()
            stops.append(node.name if node is not None else None)
            if node is not None and (node.name or "").startswith("Yes: "):
                break
        check(not any((name or "").startswith("Choose a Date") for name in stops),
              f"a date's calendar button is no Tab stop: {stops}")
        first = wait_for(lambda: (focused().name or "").startswith("Yes: ") and focused().name,
                         "Tab to reach the first question's chosen answer")
        rawinput.pressKey("Tab")
        second = wait_for(lambda: (focused().name or "").startswith("Yes: ") and
                          focused().name != first and focused().name,
                          "one Tab to reach the next question's answer")
        question = second[len("Yes: "):]
        rawinput.pressKey("Right")
        wait_for(lambda: focused().name == "No: " + question and
                 is_on(focused()),
                 "Right to choose No")
        rawinput.pressKey("Left")
        wait_for(lambda: focused().name == "Yes: " + question and
                 is_on(focused()),
                 "Left to choose Yes again")
        step("answers by keyboard")

        # Inadequate overall and Category 2 (action required), which needs an action: one
        # with its owner, due date and impact. A Category 1–3 submit once freed the shared
        # time zone its deadlines are kept in, and the window crashed on the next deadline.
        choose(form, "Overall grade", 4)
        # Category 2 needs an action: until there is one it cannot be chosen.
        choose(form, "Category", 2)
        app.label_matching(r"^Category 2 needs at least one action")
        press(form.get("push button", "Add Action"))
        type_into(app.find("text", "Action 1"), "Book a visit to see the child alone")
        choose(Form(app), "Owner of action 1", 1)  # a new row: read the form again
        due = app.find("text", "Due date of action 1")
        wait_for(lambda: action_due(database, audit_id) == DEFAULT_DUE,
                 f"a new action to be due in four weeks, on {DEFAULT_DUE}", 10)
        type_into(due, "")
        rawinput.keyCombo("<Control>a")
        rawinput.typeText(ACTION_DUE)
        type_into(app.find("text", "Expected impact for the child of action 1"),
                  "She can say what she wants from her plan")
        wait_for(lambda: action_count(database, audit_id) == 1, "the action to be autosaved")
        choose(Form(app), "Category", 2)
        wait_for(lambda: audit_row(database, audit_id)[3] == 2, "Category 2 to be saved")
        step("category 2 with an action")

        # Submit asks first, naming what will happen; nothing is submitted until it is confirmed.
        press(form.get("push button", "Submit"))
        dialog = wait_for(lambda: next((c for c in app.node.children
                                        if c.name != app.frame.name and on_screen(c)), None),
                          "the question before submitting")
        said = " ".join(labels_of(dialog))
        for words in ("Submit the Audit?", "can no longer be changed",
                      "Category 2: the recommendations are to be checked by",
                      "response to the actions is due by", "e-mail to the Service Manager"):
            check(words in said, f"the question says “{words}”: {said!r}")
        app.screenshot("audit-editor-submit-question-dark")
        check(audit_row(database, audit_id)[1] is None, "nothing is submitted while it asks")
        press(wait_for(lambda: dialog_button(dialog, "Submit"), "the question's Submit button"))
        # The day for Category 2 (it ends with a working day); the minute only for Category 1.
        toast = app.toast(r"^Submitted\. Category 2: recommendations to be checked by "
                          r"\d+ \w+ \d{4}\.$")
        print(f"# toast: {toast.name}")
        yes = form.all("push button", "Yes: ")
        check(yes and not any(b.sensitive for b in yes), "a submitted form is read-only")
        form.label("^Submitted$")
        app.screenshot("audit-editor-submitted-dark")
        step("submitted")

        # Back in the list, the audit's row shows what was just done.
        rawinput.keyCombo("<Alt>Left")
        table = app.find("list", "Audits")
        wait_for(lambda: any(r[0] == case_ref and "Submitted" in r and "Inadequate" in r
                             for r in rows_of(table)),
                 "the Audits view to show the audit submitted and graded Inadequate")
        step("listed as submitted")

        # The Calendar computes deadlines in the same time zone: the window stays.
        Calendar(app)
        check(app.process.poll() is None, "the window is still there after the Calendar")
        step("calendar shown")

        # And another audit opens.
        show_view(app, "Audits")
        click(app.find("entry", "Search audits"))
        rawinput.keyCombo("<Control>a")
        rawinput.pressKey("BackSpace")
        open_editor(app, other_ref)
        check(app.process.poll() is None, "the window is still there after another audit")
        step("another audit opened")
    finally:
        print(f"# the application's exit status: {app.process.poll()}")
        app.close()

    status, submitted_at, _, category, grade = audit_row(database, audit_id)
    check(status == "submitted" and submitted_at, f"the audit is submitted: {status} {submitted_at}")
    check(category == 2 and grade == "inadequate", f"category {category}, grade {grade}")

    # The deadlines the submission set are listed on the day the category deadline falls.
    with sqlite3.connect(database) as db:
        review_due, response_due = db.execute(
            "SELECT a.review_due_at, r.due_date FROM audit a "
            "JOIN manager_response r ON r.audit_id = a.id WHERE a.id = ?", (audit_id,)).fetchone()
    check(review_due and response_due, f"deadlines set: {review_due}, {response_due}")
    on = review_due[:10]
    listed = json.loads(subprocess.run([BINARY, "deadlines", "--json", "--on", on,
                                        "--database", database], check=True,
                                       capture_output=True, text=True).stdout)
    kinds = {entry["kind"] for entry in listed["due"] + listed.get("overdue", [])
             if entry.get("audit_id") == audit_id}
    check({"category-deadline", "manager-response", "action"} <= kinds,
          f"case-audit deadlines lists the audit's deadlines on {on}: {kinds}")
    print("ok - the audit editor fills, explains, autosaves, survives a kill and submits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
