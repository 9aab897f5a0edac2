#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An audit submitted by keyboard alone (issue 12): no pointer event from start to end. Ctrl+F
searches the Audits view for the case, Tab goes into the list and Return opens the audit; in
the form Tab goes from field to field (a question's answers are one stop), dates and texts are
typed, each grade and the category are chosen with the arrows in their lists, Submit is
reached by Tab and the question before it answered with Return. Every control the walk meets
has a name, and the audit is stored as submitted with what was typed and chosen."""

import datetime
import json
import sqlite3
import sys
import tempfile
import time

import dogtail.rawinput as rawinput
import pyatspi

from caui import App, badly_named_controls, check, make_demo_database, on_screen, wait_for, walk
from editorui import allocated_audit

PEN_PICTURE = "A boy of 12 lives with his grandmother."
DONE_WELL = "His wishes are recorded in his own words."
SECTIONS = ("Assessment", "Planning", "Intervention", "Review", "Reflection and Supervision")
MAX_STOPS = 300


def step(what):
    print(f"# {time.strftime('%H:%M:%S')} {what}", flush=True)


def has_focus(node):
    return node.getState().contains(pyatspi.STATE_FOCUSED)


def focused(app):
    """The control with the keyboard focus: the walk follows only what is showing."""
    return walk(app.node, has_focus, first=True)


def next_focus(app, previous):
    """The control Tab moved the focus to from PREVIOUS: looked for among PREVIOUS's nearest
    relations first (a walk of the whole window is a second of round trips), and waited for,
    since the focus moves after the key is handled."""
    def look():
        node = previous
        for _ in range(5):
            node = node.parent if node is not None else None
            if node is None:
                break
            hit = walk(node, has_focus, first=True, visible=False)
            if hit is not None:
                return hit if hit != previous else None
        hit = focused(app)
        return hit if hit is not None and hit != previous else None
    try:
        return wait_for(look, "the focus to move", timeout=3)
    except Exception:
        return focused(app)


def wait_for_focus(app, test, description, timeout=10):
    return wait_for(lambda: (lambda n: n if n is not None and test(n) else None)(focused(app)),
                    description, timeout)


def choose_by_keys(app, combo, wanted):
    """Opens the focused list with Return and moves down from its first row until the row a
    screen reader hears starts with WANTED; each row on the way must be named."""
    rawinput.pressKey("Return")
    wait_for(lambda: focused(app) is not None and focused(app).name != combo.name,
             f"the list of {combo.name!r} to open", 10)
    rawinput.pressKey("Home")
    heard = []
    for _ in range(8):
        row = wait_for(lambda: focused(app) if focused(app) is not None and
                       focused(app).name not in heard[-1:] else None,
                       f"the next row of {combo.name!r} after {heard}", 5)
        heard.append(row.name)
        check(row.name, f"each row of {combo.name!r} is named: {heard}")
        if row.name.startswith(wanted):
            break
        rawinput.pressKey("Down")
    else:
        check(False, f"{combo.name!r} offers {wanted!r}: heard {heard}")
    rawinput.pressKey("Return")
    wait_for_focus(app, lambda n: n.name == combo.name, f"{combo.name!r} to have the focus again")


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-keyboard-")
    database = make_demo_database(folder)
    audit_id, case_ref = allocated_audit(database)
    with sqlite3.connect(database) as db:
        tool = json.loads(db.execute(
            "SELECT v.definition FROM audit a JOIN audit_tool_version v "
            "ON v.id = a.tool_version_id WHERE a.id = ?", (audit_id,)).fetchone()[0])
    n_questions = sum(len(section.get("questions", [])) for section in tool["sections"])
    today = datetime.date.today()
    start = today - datetime.timedelta(days=90)
    dates = {
        "Audit date": f"{today.day}/{today.month}/{today.year}",
        "Period reviewed from": f"{start.day}/{start.month}/{start.year}",
        "Period reviewed to": f"{today.day}/{today.month}/{today.year}",
    }
    texts = {"Pen picture of the child's journey": PEN_PICTURE,
             "What has been done well": DONE_WELL}
    # Each list's row as a screen reader hears it; Outstanding is heard with why it is not
    # available on the way down to Good.
    choices = {f"{section} grade": "Good" for section in SECTIONS}
    choices["Overall grade"] = "Good"
    choices["Category"] = "Category 4 — "
    # A combo row made in code (ca_form_rows_new_combo_row()): its rows are heard too.
    choices["Done jointly with"] = "Not done jointly"

    app = App(database, settings={"window-height": 900})
    try:
        app.find("list", "Audits")
        # Each control of the window is named once, by what it says: GTK 4.8 named a button
        # with a mnemonic twice ("Today Today") and a drop-down's button by its class.
        wrong = badly_named_controls(app.node)
        check(not wrong, f"every control of the window is named once: wrong {wrong}")
        step("Ctrl+F, the case typed, Tab into the list, Return")
        rawinput.keyCombo("<Control>f")
        wait_for_focus(app, lambda n: n.name == "Search audits", "the search entry to take the keys")
        rawinput.typeText(case_ref)
        time.sleep(0.5)  # the search waits for typing to pause
        row, stops = None, []
        for _ in range(30):
            rawinput.pressKey("Tab")
            node = focused(app)
            stops.append(node and (node.roleName, node.name))
            if node is not None and node.roleName == "list item" and \
                    (node.name or "").startswith(case_ref):
                row = node
                break
        check(row is not None, f"Tab reaches the audit's row in the list: {stops}")
        check(all(name and not name.startswith("Gtk") for _, name in stops),
              f"each control on the way is named: {stops}")
        check(("push button", "Filter by status: All statuses") in stops,
              f"a filter says what it is and what is chosen: {stops[:4]}")
        rawinput.pressKey("Return")
        wait_for_focus(app, lambda n: (n.name or "").startswith("Done jointly with"),
                       "the form's first field to have the focus", timeout=30)

        step("the form, field by field")
        unnamed, unheard, seen, answers = [], 0, set(), 0
        node = focused(app)
        for _ in range(MAX_STOPS):
            name = node.name if node is not None else None
            if node is None:
                # A stop a screen reader cannot follow: GTK 4.8 left the text inside an
                # entry row (the dates) out of the tree until ca_list_name_entry_row().
                unheard += 1
            elif not name:
                unnamed.append(node.roleName)
            elif node.roleName == "push button" and name.startswith("Submit"):
                check(name == "Submit", f"Submit is named once: {name!r}")
                break
            elif node.roleName == "text" and name in texts:
                rawinput.typeText(texts[name])
            elif node.roleName == "text" and name in dates:
                rawinput.keyCombo("<Control>a")
                rawinput.typeText(dates[name])
            elif node.roleName == "combo box" and name in choices:
                choose_by_keys(app, node, choices[name])
            elif node.roleName in ("push button", "toggle button", "radio button") and \
                    name.startswith(("Yes: ", "No: ")):
                # The question's one stop is its first answer until one is chosen: Space
                # chooses it (the arrows would choose another).
                rawinput.pressKey("space")
                answers += 1
            if name:
                seen.add(name)
            previous = focused(app) if node is None else node
            rawinput.pressKey("Tab")
            node = next_focus(app, previous)
        else:
            check(False, f"Tab reached Submit within {MAX_STOPS} stops")
        check(not unnamed, f"every control Tab reaches has a name: unnamed {unnamed}")
        check(not unheard, f"every Tab stop is in the accessibility tree: {unheard} not")
        check(answers == n_questions,
              f"each question is one Tab stop: {answers} stops for {n_questions} questions")
        missing = [n for n in list(dates) + list(texts) + list(choices) if n not in seen]
        check(not missing, f"Tab reaches every field the audit needs: missing {missing}")
        step(f"{len(seen)} controls named; Submit reached")
        wrong = badly_named_controls(app.node)
        check(not wrong, f"every control of the form is named once: wrong {wrong}")

        rawinput.pressKey("Return")
        wait_for(lambda: app.window_named("Submit the Audit?") or
                 next((c for c in app.node.children
                       if c.name != app.frame.name and on_screen(c)), None),
                 "the question before submitting")
        with sqlite3.connect(database) as db:
            asked = db.execute("SELECT status FROM audit WHERE id = ?", (audit_id,)).fetchone()[0]
        check(asked != "submitted", f"nothing is submitted while Submit asks: {asked}")
        rawinput.pressKey("Return")
        app.toast(r"^Submitted\.")
        step("submitted")
    finally:
        app.close()

    with sqlite3.connect(database) as db:
        status, grade, category, pen, done_well, audit_date = db.execute(
            "SELECT status, overall_grade, category, pen_picture, done_well, audit_date "
            "FROM audit WHERE id = ?", (audit_id,)).fetchone()
    check(status == "submitted", f"the audit is submitted: {status}")
    check((grade, category) == ("good", 4), f"graded Good, Category 4: {grade}, {category}")
    check(pen == PEN_PICTURE and done_well == DONE_WELL, "the typed texts are stored")
    check(audit_date == today.isoformat(), f"the audit date typed day first: {audit_date}")
    print("ok - an audit is found, opened, filled in and submitted by keyboard alone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
