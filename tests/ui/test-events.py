#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Programme events (R-C2) in the Calendar view, through the accessibility tree: Add Event…
opens a dialog on the selected day whose title follows the kind; an impossible date and an
empty title are refused in the dialog with nothing stored; a moderation panel is added as
offered, is in the database and on its day; its Remove button takes it away again. The dialog light and dark."""

import datetime
import sqlite3
import sys
import tempfile

import dogtail.rawinput as rawinput

from caui import (App, Calendar, check, click, day_name, make_demo_database, on_screen,
                  open_popover, popover_closed, press, toast_button, type_into, wait_for)

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
        remove = calendar.find("push button", f"Remove {TITLE}")
        app.screenshot("events-day-light")

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
