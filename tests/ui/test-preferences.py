#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Preferences by keyboard and through the accessibility tree: Ctrl+comma opens them on a real
demo database; a changed deadline number and an added bank holiday reach the database; an
impossible date is refused with a message under the rows; every page saved light and dark."""

import datetime
import sqlite3
import sys
import tempfile
import time

import dogtail.rawinput as rawinput

from caui import App, check, click, make_demo_database, on_screen, wait_for

START = time.monotonic()


def step(what):
    print(f"# {time.monotonic() - START:6.1f} s: {what}", flush=True)


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


class Preferences:
    """The preferences window of a running app, and lookups inside it alone."""

    def __init__(self, app):
        self.app = app
        rawinput.keyCombo("<Control>comma")
        self.node = wait_for(lambda: self._window(), "the Preferences window")

    def _window(self):
        for child in self.app.node.children:
            if child.name == "Preferences" and on_screen(child):
                return child
        return None

    def find(self, role, name=None, prefix=False, timeout=20.0):
        def named(node):
            if name is None:
                return True
            text = node.name or ""
            return text == name or text.startswith(name + " ") or (prefix and
                                                                   text.startswith(name))

        def look():
            for node in self.node.findChildren(lambda n: n.roleName == role and named(n)):
                if on_screen(node):
                    return node
            return None
        return wait_for(look, f"a visible {role} {name or ''}".strip(), timeout)

    def page(self, title):
        click(self.find("page tab", title))
        time.sleep(0.5)

    def dump(self):
        def walk(node, depth=0):
            try:
                if on_screen(node) and node.roleName not in ("filler", "panel"):
                    print("#", "  " * min(depth, 10), node.roleName, repr(node.name))
            except Exception:
                pass
            for child in node.children:
                walk(child, depth + 1)
        walk(self.node)


def type_into(node, text):
    click(node)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(text)


def change_deadline(prefs, database):
    step("Category 2: 10 working days to 3")
    spin = prefs.find("spin button", "Category 2 working days")
    check(spin.value == 10, f"Category 2 starts at 10, not {spin.value!r}")
    type_into(spin, "3")
    rawinput.pressKey("Tab")
    wait_for(lambda: query(database, "SELECT value FROM deadline_setting "
                                     "WHERE name = 'category2_working_days'") == [(3,)],
             "the deadline_setting row for Category 2", timeout=10)
    check(query(database, "SELECT count(*) FROM deadline_setting") == [(1,)],
          "only the changed number has a row")

    step("back to the default: the row goes")
    type_into(spin, "10")
    rawinput.pressKey("Tab")
    wait_for(lambda: query(database, "SELECT count(*) FROM deadline_setting") == [(0,)],
             "no row once Category 2 is back to 10", timeout=10)

    type_into(spin, "3")
    rawinput.pressKey("Tab")
    wait_for(lambda: query(database, "SELECT value FROM deadline_setting "
                                     "WHERE name = 'category2_working_days'") == [(3,)],
             "Category 2 at 3 again", timeout=10)


def holidays(prefs, database, year):
    step("Bank Holidays: where this year's list comes from")
    prefs.page("Bank Holidays")
    prefs.find("label", f"Bank Holidays in {year}")
    # This year is in the shipped list or, past it, worked out by rule.
    wait_for(lambda: any(on_screen(n) for n in prefs.node.findChildren(
        lambda n: n.roleName == "label" and (n.name.startswith("From the official list") or
                                             n.name.startswith("Worked out by the usual")))),
             "where the list comes from")
    prefs.find("label", "Christmas Day")
    days = prefs.find("list", "Bank holidays")
    n_days = len([row for row in days.children if row.roleName == "list item"])
    check(n_days >= 8, f"this year has its bank holidays listed: {n_days}")

    step("an impossible date is refused under the rows")
    date_entry = prefs.find("text", "Date (year-month-day)")
    name_entry = prefs.find("text", "Name")
    type_into(date_entry, f"{year}-02-30")
    type_into(name_entry, "Test day")
    click(prefs.find("push button", "Add Bank Holiday", prefix=True))
    message = prefs.find("label", f"“{year}-02-30” is not a date in the calendar", prefix=True)
    check(message.position[1] > date_entry.position[1], "the message is under the date")
    check(query(database, "SELECT count(*) FROM bank_holiday") == [(0,)],
          "nothing stored for an impossible date")
    prefs.app.screenshot(f"preferences-holiday-refused-{prefs.scheme}")

    step("a one-off day is added and stored with the rest of the year")
    type_into(date_entry, f"{year}-11-11")
    rawinput.pressKey("Return")
    wait_for(lambda: query(database, "SELECT title FROM bank_holiday WHERE holiday_date = ?",
                           f"{year}-11-11") == [("Test day",)],
             "the new bank holiday in the database", timeout=10)
    check(query(database, "SELECT source FROM bank_holiday_year WHERE year = ?", year) ==
          [("edited",)], "the year is stored as edited")
    check(query(database, "SELECT count(*) FROM bank_holiday WHERE holiday_date LIKE ?",
                f"{year}-%")[0][0] == n_days + 1, "the year's other days are kept")
    prefs.find("label", "Changed by hand in this database.")
    check(not on_screen(message), "the refusal message is gone once the day is added")


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-prefs-")
    year = datetime.date.today().year
    database = make_demo_database(folder)
    for scheme in ("light", "dark"):
        env = {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark" if scheme == "dark" else "prefer-light"}
        app = App(database, env)
        try:
            app.find("tree table", "Audits")
            step(f"{scheme}: Ctrl+comma opens the preferences")
            prefs = Preferences(app)
            prefs.scheme = scheme
            try:
                if scheme == "light":
                    change_deadline(prefs, database)
                else:
                    spin = prefs.find("spin button", "Category 2 working days")
                    check(spin.value == 3, f"the stored 3 is shown, not {spin.value!r}")
                app.screenshot(f"preferences-deadlines-{scheme}")
                if scheme == "light":
                    holidays(prefs, database, year)
                else:
                    prefs.page("Bank Holidays")
                    prefs.find("label", f"Saturday 11 November {year}"
                               if datetime.date(year, 11, 11).weekday() == 5
                               else "Test day", prefix=True)
                app.screenshot(f"preferences-holidays-{scheme}")
                prefs.page("Audit Tools")
                prefs.find("label", "stage-1 · version 1")
                prefs.find("push button", "Export Stage 1 Good Practice audit")
                prefs.find("push button", "Import Tool", prefix=True)
                app.screenshot(f"preferences-tools-{scheme}")
            except Exception:
                prefs.dump()
                raise
        finally:
            app.close()

    print("ok - preferences change deadlines and bank holidays in the database")
    return 0


if __name__ == "__main__":
    sys.exit(main())
