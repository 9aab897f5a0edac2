#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Programme events (R-C2) in the Calendar view, through the accessibility tree: Add Event…
opens a dialog on the selected day whose title follows the kind; an impossible date and an
empty title are refused in the dialog with nothing stored; a moderation panel is added as
offered, is in the database and on its day; opened, the panel (R-H5) takes a submitted audit
by case reference, refuses a case with none in words, takes an audit off again and saves its
conclusions, all by accessible names and into the database; its Remove button takes it away
again. The dialog light and dark."""

import datetime
import sqlite3
import sys
import tempfile

import dogtail.rawinput as rawinput

from caui import (App, Calendar, Window, badly_named_controls, check, click, day_name,
                  make_demo_database, on_screen, open_popover, popover_closed, press,
                  toast_button, type_into, wait_for)

TITLE = "Moderation panel"  # the first kind's label, as the dialog offers it


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


class Dialog:
    """The Add Event dialog of a running app, and lookups inside it alone."""

    def __init__(self, app):
        self.app = app
        self.node = wait_for(self._window, "the Add Event dialog")

    def _window(self):
        for child in self.app.node.children:
            if child.name == "Add Event" and on_screen(child):
                return child
        return None

    def is_open(self):
        return self._window() is not None

    def find(self, role, name, prefix=False, timeout=20.0):
        def named(node):
            text = node.name or ""
            return text == name or text.startswith(name + " ") or (prefix and
                                                                   text.startswith(name))

        def look():
            for node in self.node.findChildren(lambda n: n.roleName == role and named(n)):
                if on_screen(node):
                    return node
            return None
        return wait_for(look, f"a visible {role} {name} in the dialog", timeout)


def choose_kind(dialog, steps):
    """Opens the kind row and moves STEPS down from the first kind."""
    combo = dialog.find("combo box", "Kind")
    open_popover(combo)
    rawinput.pressKey("Home")
    for _ in range(steps):
        rawinput.pressKey("Down")
    rawinput.pressKey("Return")
    popover_closed(combo)


def open_dialog(calendar, day):
    click(calendar.cell(day))
    calendar.label(f"^{day_name(day)}$")  # the day's list heading: the day is selected
    click(calendar.find("push button", "Add Event…"))
    return Dialog(calendar.app)


def pick_day(database):
    """A weekday this month, not today, with no event yet (the view opens on this month)."""
    today = datetime.date.today()
    taken = {d for (d,) in query(database, "SELECT event_date FROM programme_event")}
    for n in (12, 13, 14, 15, 16, 19, 20, 21):
        day = today.replace(day=n)
        if day != today and day.weekday() < 5 and day.isoformat() not in taken:
            return day
    raise AssertionError("no free weekday this month")


def panel_audits(database, event_id):
    return query(database, "SELECT c.case_ref FROM panel_audit p JOIN audit a ON a.id = p.audit_id "
                           "JOIN case_file c ON c.id = a.case_id WHERE p.event_id = ? "
                           "ORDER BY 1", event_id)


def check_panel(app, calendar, database, event_id):
    """Opens the moderation panel EVENT_ID from its day and fills it in by accessible names."""
    (case_ref,), (other_ref,) = query(
        database, "SELECT c.case_ref FROM case_file c WHERE EXISTS (SELECT 1 FROM audit a "
                  "WHERE a.case_id = c.id AND a.status = 'submitted') ORDER BY c.id LIMIT 2")
    draft_ref = query(database, "SELECT c.case_ref FROM case_file c WHERE EXISTS (SELECT 1 "
                                "FROM audit a WHERE a.case_id = c.id) AND NOT EXISTS (SELECT 1 "
                                "FROM audit a WHERE a.case_id = c.id AND a.status IN "
                                "('submitted', 'closed')) ORDER BY c.id LIMIT 1")[0][0]
    # The day's list is right of the month, whose cell names the event too.
    click(max((n for n in calendar.find_all("label", TITLE) if on_screen(n)),
              key=lambda n: n.position[0]))
    panel = Window(app, TITLE)
    panel.label("Audits Reviewed")
    panel.label("No audits reviewed yet")
    entry = panel.find("text", "Case reference")
    wrong = badly_named_controls(panel.node)
    check(not wrong, f"every control of the panel is named once: {wrong}")

    # A case with no submitted audit: refused in words, nothing stored.
    type_into(entry, draft_ref)
    press(panel.find("push button", "Add Audit"))
    panel.label_matching(f"^Case {draft_ref} has no submitted audit yet")
    check(panel_audits(database, event_id) == [], "nothing stored for an unsubmitted audit")

    # Two submitted audits by case reference (Enter adds as the button does); one taken off.
    type_into(entry, case_ref)
    press(panel.find("push button", "Add Audit"))
    wait_for(lambda: panel_audits(database, event_id) == [(case_ref,)], "the audit stored")
    panel.label(case_ref)
    type_into(panel.find("text", "Case reference"), other_ref)
    rawinput.pressKey("Return")
    wait_for(lambda: len(panel_audits(database, event_id)) == 2, "the second audit stored")
    press(panel.find("push button", f"Remove {other_ref}"))
    wait_for(lambda: panel_audits(database, event_id) == [(case_ref,)],
             "the second audit taken off again")

    # The conclusions, saved by their button.
    type_into(panel.find("text", "Conclusions"), "Plans were clearer.")
    rawinput.pressKey("Return")
    rawinput.typeText("Chase chronologies.")
    app.screenshot("events-panel-light")
    press(panel.find("push button", "Save Conclusions"))
    wait_for(lambda: query(database, "SELECT conclusions FROM programme_event WHERE id = ?",
                           event_id) == [("Plans were clearer.\nChase chronologies.",)],
             "the conclusions stored", timeout=10)
    rawinput.pressKey("Escape")
    wait_for(lambda: not panel.is_open(), "Escape to close the panel")


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-events-")
    database = make_demo_database(folder, until=datetime.date.today().strftime("%Y-%m"))
    target = pick_day(database)
    n_events = query(database, "SELECT count(*) FROM programme_event")[0][0]
    print(f"# target day {target}; {n_events} events before")

    app = App(database)
    try:
        calendar = Calendar(app)
        dialog = open_dialog(calendar, target)
        date_entry = dialog.find("text", "Date (year-month-day)")
        title_entry = dialog.find("text", "Title")
        dialog.find("text", "Notes (optional)")
        dialog.find("push button", "Cancel")

        # An impossible date: the store's message under the rows, the dialog still open.
        type_into(date_entry, "2021-02-30")
        click(dialog.find("push button", "Add"))
        message = dialog.find("label", "“2021-02-30” is not a date.", prefix=True)
        check("year-month-day" in message.name, f"the message says how to write it: {message.name}")
        check(message.position[1] > dialog.find("text", "Notes (optional)").position[1],
              "the message is under the rows")
        check(dialog.is_open(), "the dialog stays open")
        check(query(database, "SELECT count(*) FROM programme_event")[0][0] == n_events,
              "nothing stored for an impossible date")
        app.screenshot("events-dialog-refused-light")

        # An empty title.
        type_into(date_entry, target.isoformat())
        type_into(title_entry, "")
        click(dialog.find("push button", "Add"))
        dialog.find("label", "An event needs a title.")
        check(dialog.is_open(), "the dialog stays open without a title")
        check(query(database, "SELECT count(*) FROM programme_event")[0][0] == n_events,
              "nothing stored without a title")
        rawinput.pressKey("Escape")
        wait_for(lambda: not dialog.is_open(), "Escape to close the dialog")

        # Added as offered: the selected day, and the title following the kind (to the
        # workshop's and back) since nobody wrote one. (GTK 4.8 does not read an entry
        # row's text out over AT-SPI, so the database says what the rows held.)
        dialog = open_dialog(calendar, target)
        choose_kind(dialog, 1)
        choose_kind(dialog, 0)
        type_into(dialog.find("text", "Notes (optional)"), "Room 4")
        app.screenshot("events-dialog-light")
        rawinput.pressKey("Return")
        wait_for(lambda: not dialog.is_open(), "the dialog to close")
        rows = query(database, "SELECT id, kind, event_date, title, notes FROM programme_event "
                               "WHERE event_date = ?", target.isoformat())
        check(len(rows) == 1 and rows[0][1:] == ("moderation-panel", target.isoformat(), TITLE,
                                                 "Room 4"),
              f"one moderation panel stored on {target} as offered: {rows}")
        wait_for(lambda: TITLE in calendar.cell(target).name,
                 f"the day's summary to name the event: {calendar.cell(target).name!r}")
        calendar.label(f"^{TITLE}$")
        calendar.find("push button", f"Remove {TITLE}")
        app.screenshot("events-day-light")
        check_panel(app, calendar, database, rows[0][0])
        remove = calendar.find("push button", f"Remove {TITLE}")

        # Removed by its own button, and back with the toast's Undo (pressed first: the toast
        # lasts ten seconds, and a busy machine is slow to walk the tree).
        press(remove)
        press(wait_for(lambda: toast_button(app, "Undo"), "the toast's Undo button", timeout=15))
        wait_for(lambda: query(database, "SELECT kind, event_date, title, notes FROM programme_event "
                                         "WHERE event_date = ?", target.isoformat()) ==
                 [("moderation-panel", target.isoformat(), TITLE, "Room 4")],
                 "Undo to add the event back as it was", timeout=10)
        wait_for(lambda: TITLE in calendar.cell(target).name, "the event back on its day")

        # Removed again, for good: the row gone, and the day without it.
        press(calendar.find("push button", f"Remove {TITLE}"))
        wait_for(lambda: query(database, "SELECT count(*) FROM programme_event WHERE title = ?",
                               TITLE) == [(0,)], "the event's row to be removed", timeout=10)
        wait_for(lambda: TITLE not in calendar.cell(target).name, "the event to leave the day")
        check(query(database, "SELECT count(*) FROM programme_event")[0][0] == n_events,
              "only that event was removed")
    finally:
        app.close()

    # Dark: the dialog with its message.
    app = App(database, {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"})
    try:
        calendar = Calendar(app)
        dialog = open_dialog(calendar, target)
        type_into(dialog.find("text", "Date (year-month-day)"), "2021-02-30")
        click(dialog.find("push button", "Add"))
        dialog.find("label", "“2021-02-30” is not a date.", prefix=True)
        app.screenshot("events-dialog-refused-dark")
        rawinput.pressKey("Escape")
        wait_for(lambda: not dialog.is_open(), "Escape to close the dialog")
        check(query(database, "SELECT count(*) FROM programme_event")[0][0] == n_events,
              "nothing stored by the dark run")
    finally:
        app.close()

    print("ok - events are added through the dialog, refused with a message, and removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
