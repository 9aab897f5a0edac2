#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: an allocated Stage 1 audit is opened from the Audits view and filled in through
the accessibility tree; the grading rules explain themselves; the draft survives the
application being killed; submission lists what is missing, then succeeds and locks the form."""

import datetime
import json
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

import dogtail.rawinput as rawinput
import pyatspi

from caui import BINARY, App, check, click, make_demo_database, on_screen, rows_of, table_body, wait_for

PEN_PICTURE = "A girl of 9 lives with her mother and two brothers."
MORE_PEN = " She has moved school twice this year."
ACTION_DUE = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
DEFAULT_DUE = (datetime.date.today() + datetime.timedelta(days=28)).isoformat()  # R-F8


def allocated_audit(database):
    """An allocated Stage 1 audit whose case has no other audit, and the case's reference."""
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT a.id, c.case_ref FROM audit a JOIN case_file c ON c.id = a.case_id "
            "JOIN audit_tool_version v ON v.id = a.tool_version_id "
            "JOIN audit_tool t ON t.id = v.tool_id "
            "WHERE a.status = 'allocated' AND t.code = 'stage-1' AND "
            "(SELECT count(*) FROM audit o WHERE o.case_id = a.case_id) = 1 "
            "ORDER BY a.id LIMIT 1").fetchone()


def audit_row(database, audit_id):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT status, submitted_at, pen_picture, category, overall_grade "
                          "FROM audit WHERE id = ?", (audit_id,)).fetchone()


def action_count(database, audit_id):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT count(*) FROM action WHERE audit_id = ?",
                          (audit_id,)).fetchone()[0]


def action_due(database, audit_id):
    with sqlite3.connect(database) as db:
        row = db.execute("SELECT due_date FROM action WHERE audit_id = ? ORDER BY id",
                         (audit_id,)).fetchone()
        return row[0] if row else None


def wheel(down, x=630, y=420):
    pyatspi.Registry.generateMouseEvent(x, y, "b5c" if down else "b4c")


START = time.monotonic()


def step(what):
    print(f"# {time.monotonic() - START:6.1f} s: {what}", flush=True)


class Form:
    """The editor's controls, looked up in one walk of the tree: a walk of the whole
    application over AT-SPI takes seconds, and the form's widgets stay while it is open."""

    def __init__(self, app):
        roles = ("push button", "combo box", "text", "label")
        self.app = app
        self.bottom = app.frame.size[1] - 30
        self.nodes = app.node.findChildren(lambda n: n.roleName in roles)

    def live(self, role):
        """The nodes of ROLE with their names, leaving out any whose widget has gone (such
        as a combo row's popover items)."""
        found = []
        for node in self.nodes:
            try:
                if node.roleName == role:
                    found.append((node, node.name or ""))
            except Exception:
                pass
        return found

    def get(self, role, name):
        for node, text in self.live(role):
            if text == name or text.startswith(name + " "):
                return node
        raise AssertionError(f"no {role} {name}")

    def all(self, role, prefix):
        return [n for n, text in self.live(role) if text.startswith(prefix)]

    def label(self, pattern, timeout=15):
        regex = re.compile(pattern)
        labels = [n for n, _ in self.live("label")]
        return wait_for(lambda: next((n for n in labels if regex.search(n.name or "")
                                      and on_screen(n)), None),
                        f"a label matching {pattern!r}", timeout)


def reveal(node, top=70, bottom=None):
    """Scrolls the form with the mouse wheel until NODE is on screen: GTK 4.8 cannot
    grab focus through AT-SPI, and reports positions of widgets scrolled out of view."""
    bottom = bottom or FORM.bottom
    for _ in range(300):
        y = node.position[1]
        h = node.size[1]
        if y >= top and y + h <= bottom:
            return node
        wheel(down=y + h > bottom)
        time.sleep(0.04)
    raise AssertionError(f"could not scroll {node.name!r} into view")


def press(button):
    """Activates a button through its accessible action; it needs no position on screen.
    (Straight to AT-SPI: dogtail's own call waits a second after each.)"""
    action = button.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == "click":
            action.doAction(i)
            return
    raise AssertionError(f"{button.name} cannot be clicked")


def choose(form, combo_name, steps):
    """Opens a combo row and moves STEPS down from the first item."""
    combo = reveal(form.get("combo box", combo_name))
    click(combo)
    time.sleep(0.5)
    rawinput.pressKey("Home")
    for _ in range(steps):
        rawinput.pressKey("Down")
    rawinput.pressKey("Return")
    time.sleep(0.3)


def open_editor(app, case_ref):
    table = app.find("tree table", "Audits")
    wait_for(lambda: len(rows_of(table)) > 5, "rows in the Audits view")
    click(app.find("entry", "Search audits"))
    rawinput.typeText(case_ref)
    wait_for(lambda: rows_of(table) and all(r[0] == case_ref for r in rows_of(table)),
             f"only {case_ref} in the Audits view")
    body = table_body(table)
    rawinput.doubleClick(body.position[0] + 40, body.position[1] + 10)
    app.find("text", "Pen picture of the child's journey")
    global FORM
    FORM = Form(app)
    return FORM


FORM = None


def type_into(node, text):
    click(reveal(node))
    rawinput.keyCombo("<Control>End")
    rawinput.typeText(text)


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-editor-")
    database = make_demo_database(folder)
    audit_id, case_ref = allocated_audit(database)
    today = datetime.date.today().isoformat()

    app = App(database, settings={"window-height": 900})
    try:
        form = open_editor(app, case_ref)
        step("editor open")
        pen = form.get("text", "Pen picture of the child's journey")
        form.label("^" + case_ref + "$")
        form.label(r"^Stage 1 Good Practice audit, version \d+$")

        # Submitting an empty form lists what is missing, and keeps the form.
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
        rawinput.typeText(today)
        type_into(pen, PEN_PICTURE)
        step("date and pen picture typed")

        # A limiting judgement answered No caps the section at Requires Improvement.
        seen = "Has the child been seen during the assessment?"
        press(form.get("push button", "No: " + seen))
        explanation = form.label(r"^Best grade available: Requires Improvement\. .*during the "
                                 r"assessment\?” is answered No")
        check(seen in explanation.name, f"the explanation names the question: {explanation.name}")
        choose(form, "Assessment grade", 2)
        refusal = form.label(r"^Good is not available\.")
        check(seen in refusal.name, f"the refusal names the question: {refusal.name}")
        step("Good refused")

        # Answer every question Yes, grade every section Good.
        for button in form.all("push button", "Yes: "):
            press(button)
        wait_for(lambda: not any(on_screen(n) for n in form.all("label", "Good is not available")),
                 "Good to be allowed once the child has been seen")
        step("answered")
        for section in ("Planning", "Intervention", "Review", "Reflection and Supervision"):
            choose(form, section + " grade", 2)
        choose(form, "Overall grade", 2)
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

        # Category 3 needs an action: one with its owner, due date and impact.
        choose(form, "Category", 3)
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
        step("category 3 with an action")

        press(form.get("push button", "Submit"))
        toast = app.label_matching(r"^Submitted\. Category 3: recommendations to be checked by ")
        print(f"# toast: {toast.name}")
        yes = form.all("push button", "Yes: ")
        check(yes and not any(b.sensitive for b in yes), "a submitted form is read-only")
        form.label("^Submitted$")
        app.screenshot("audit-editor-submitted-dark")
        step("submitted")

        # Back in the list, the audit's row shows what was just done.
        rawinput.keyCombo("<Alt>Left")
        table = app.find("tree table", "Audits")
        wait_for(lambda: any(r[0] == case_ref and "Submitted" in r and "Good" in r
                             for r in rows_of(table)),
                 "the Audits view to show the audit submitted and graded Good")
        step("listed as submitted")
    finally:
        print(f"# the application's exit status: {app.process.poll()}")
        app.close()

    status, submitted_at, _, category, grade = audit_row(database, audit_id)
    check(status == "submitted" and submitted_at, f"the audit is submitted: {status} {submitted_at}")
    check(category == 3 and grade == "good", f"category {category}, grade {grade}")

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
