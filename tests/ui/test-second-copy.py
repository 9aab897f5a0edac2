#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Preferences and the Calendar while another copy of Case Audit changes the same file (R-N2):
a deadline number changed elsewhere is not written back, and is shown; a number both changed
is put to the person with both versions (light and dark), and one left for later is asked
about again when Preferences closes; a role's audits a month likewise; a bank holiday or an
event the other copy already removed, or added, is said to be so and the list shows what is
stored; and an event the other copy adds shows in the Calendar without a reload.

The other copy's writes are made to the file directly, as its stores would make them; the
stores' own tests (tests/store) write through two connections."""

import datetime
import re
import sqlite3
import sys
import tempfile
import time

import dogtail.rawinput as rawinput

from caui import (App, Calendar, Preferences, Window, check, click, conflict_dialog, day_name,
                  dialog_button, labels_of, make_demo_database, on_screen, press, set_spin,
                  type_into, wait_for)

START = time.monotonic()


def step(what):
    print(f"# {time.monotonic() - START:6.1f} s: {what}", flush=True)


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def execute(database, sql, *args):
    with sqlite3.connect(database) as db:
        db.execute(sql, args)


def setting(database, name):
    rows = query(database, "SELECT value FROM deadline_setting WHERE name = ?", name)
    return rows[0][0] if rows else None


def deadlines(app, database, scheme):
    prefs = Preferences(app)
    category1 = prefs.find("spin button", "Category 1 hours")
    category2 = prefs.find("spin button", "Category 2 working days")
    category3 = prefs.find("spin button", "Category 3 working days")

    step("another copy changes Category 2; this window changes Category 3")
    execute(database, "INSERT INTO deadline_setting (name, value) "
                      "VALUES ('category2_working_days', 7)")
    set_spin(category3, 12)
    wait_for(lambda: setting(database, "category3_working_days") == 12,
             "Category 3 to be stored", timeout=10)
    check(setting(database, "category2_working_days") == 7,
          f"the other copy's Category 2 is kept: {setting(database, 'category2_working_days')}")
    wait_for(lambda: category2.value == 7, "the window to show the stored Category 2")

    step("both change Category 1, differently: asked")
    execute(database, "INSERT INTO deadline_setting (name, value) VALUES ('category1_hours', 24)")
    set_spin(category1, 36)
    dialog = conflict_dialog(app)
    texts = labels_of(dialog)
    print(f"# the dialog says: {texts}")
    check(any("“Checking a Category 1 audit’s recommendations” was changed in another window"
              in t for t in texts), f"the dialog names the number: {texts}")
    check("36 hours after submission" in texts and "24 hours after submission" in texts,
          f"the dialog shows both numbers: {texts}")
    check(setting(database, "category1_hours") == 24, "the other number stays until the choice")
    app.screenshot(f"preferences-conflict-{scheme}")
    press(dialog_button(dialog, "Keep This Version"))
    wait_for(lambda: setting(database, "category1_hours") == 36,
             "this window's number to be stored once kept", timeout=10)
    check(setting(database, "category2_working_days") == 7, "Category 2 is still the other's")
    return prefs


def later_then_close(app, database, prefs):
    step("decided later: kept in the window, asked again on closing")
    category2 = prefs.find("spin button", "Category 2 working days")
    execute(database, "UPDATE deadline_setting SET value = 5 "
                      "WHERE name = 'category2_working_days'")
    set_spin(category2, 9)
    dialog = conflict_dialog(app)
    press(dialog_button(dialog, "Later"))
    prefs.toast(re.escape("Your number for “Checking a Category 2 audit’s recommendations” "
                          "is not saved yet"), timeout=6)
    check(setting(database, "category2_working_days") == 5, "Later stores nothing")
    check(category2.value == 9, "the window keeps its own number after Later")
    press(prefs.find("push button", "Close"))
    dialog = conflict_dialog(app)
    check(prefs.is_open(), "Preferences stay open while the question is asked")
    press(dialog_button(dialog, "Use the Other Version"))
    wait_for(lambda: not prefs.is_open(), "Preferences to close once chosen", timeout=10)
    check(setting(database, "category2_working_days") == 5, "the other number stays stored")


def capacities(app, database, prefs):
    step("a role's audits a month: both change it")
    prefs.page("Auditors")
    spin = prefs.find("spin button", "Team Manager: audits a month")
    check(spin.value == 1, f"Team Manager starts at 1, not {spin.value!r}")
    execute(database, "UPDATE role SET monthly_capacity = 3 WHERE code = 'team-manager'")
    set_spin(spin, 2)
    dialog = conflict_dialog(app)
    texts = labels_of(dialog)
    check(any("“Team Manager: audits a month” was changed in another window" in t
              for t in texts), f"the dialog names the role: {texts}")
    check("2 a month" in texts and "3 a month" in texts, f"both numbers: {texts}")
    press(dialog_button(dialog, "Use the Other Version"))
    wait_for(lambda: spin.value == 3, "the window to show the other number")
    # (Checked again once Preferences have closed, which stores whatever waits to be.)
    check(query(database, "SELECT monthly_capacity FROM role WHERE code = 'team-manager'") ==
          [(3,)], "the other number stays stored")


def holidays(app, database, prefs, year):
    step("bank holidays another copy already removed, or already added")
    prefs.page("Bank Holidays")
    type_into(prefs.find("text", "Date (year-month-day)"), f"{year}-11-11")
    type_into(prefs.find("text", "Name"), "Test day")
    rawinput.pressKey("Return")
    wait_for(lambda: query(database, "SELECT count(*) FROM bank_holiday WHERE holiday_date = ?",
                           f"{year}-11-11") == [(1,)], "the year to be stored", timeout=10)
    # The add runs on the database's worker: the list this window shows is read again once
    # it is done. Only then is the next day added underneath, by "another copy".
    prefs.find("push button", f"Remove {day_name(datetime.date(year, 11, 11))}")
    # The year's first December holiday (Christmas Day, or its substitute).
    christmas = datetime.date.fromisoformat(query(
        database, "SELECT min(holiday_date) FROM bank_holiday WHERE holiday_date LIKE ?",
        f"{year}-12-%")[0][0])
    extra = datetime.date(year, 7, 2)

    execute(database, "INSERT INTO bank_holiday (holiday_date, title) VALUES (?, 'Extra')",
            extra.isoformat())
    type_into(prefs.find("text", "Date (year-month-day)"), extra.isoformat())
    type_into(prefs.find("text", "Name"), "Extra")
    rawinput.pressKey("Return")
    # Toasts queue: each waits for the one before it to go (six seconds).
    prefs.toast(re.escape(f"{day_name(extra)} had already been made a bank holiday, perhaps "
                          "in another window."), timeout=15)
    prefs.find("push button", f"Remove {day_name(extra)}")
    check(query(database, "SELECT count(*) FROM bank_holiday WHERE holiday_date = ?",
                extra.isoformat()) == [(1,)], "one row for the day")

    remove = prefs.find("push button", f"Remove {day_name(christmas)}")
    execute(database, "DELETE FROM bank_holiday WHERE holiday_date = ?", christmas.isoformat())
    press(remove)
    prefs.toast(re.escape(f"{day_name(christmas)} had already been removed, perhaps in "
                          "another window."), timeout=15)
    wait_for(lambda: not any(on_screen(n) for n in prefs.node.findChildren(
        lambda n: n.roleName == "push button" and
        (n.name or "").startswith(f"Remove {day_name(christmas)}"))),
        "the removed day to leave the list")


def pick_day(database):
    """A weekday this month, not today, with no event yet (the view opens on this month)."""
    today = datetime.date.today()
    taken = {d for (d,) in query(database, "SELECT event_date FROM programme_event")}
    for n in (12, 13, 14, 15, 16, 19, 20, 21):
        day = today.replace(day=n)
        if day != today and day.weekday() < 5 and day.isoformat() not in taken:
            return day
    raise AssertionError("no free weekday this month")


def events(app, database):
    day = pick_day(database)
    title = "Moderation panel"
    step(f"an event the other copy removes, on {day}")
    execute(database, "INSERT INTO programme_event (kind, title, event_date) "
                      "VALUES ('moderation-panel', ?, ?)", title, day.isoformat())
    n_events = query(database, "SELECT count(*) FROM programme_event")[0][0]
    calendar = Calendar(app)
    click(calendar.cell(day))
    calendar.label(f"^{day_name(day)}$")
    remove = calendar.find("push button", f"Remove {title}")
    execute(database, "DELETE FROM programme_event WHERE event_date = ? AND title = ?",
            day.isoformat(), title)
    press(remove)
    # The removal runs on the database's worker, so its toast comes a moment after the
    # click: a walk begun before it could pass the overlay and outlast the toast.
    time.sleep(1)
    app.toast(re.escape("This event had already been removed, perhaps in another window."),
              timeout=6)
    wait_for(lambda: title not in calendar.cell(day).name, "the event to leave the day")
    check(query(database, "SELECT count(*) FROM programme_event")[0][0] == n_events - 1,
          "nothing else removed")

    step("an event the other copy adds while the dialog is open")
    click(calendar.find("push button", "Add Event…"))
    dialog = Window(app, "Add Event")
    execute(database, "INSERT INTO programme_event (kind, title, event_date) "
                      "VALUES ('moderation-panel', ?, ?)", title, day.isoformat())
    click(dialog.find("push button", "Add"))
    dialog.find("label", f"There is already a “{title}” of this kind on {day.isoformat()}: it "
                         "may have been added in another window", prefix=True)
    rawinput.pressKey("Escape")
    wait_for(lambda: not dialog.is_open(), "the dialog to close")
    wait_for(lambda: title in calendar.cell(day).name, "the day to show the other's event")
    check(query(database, "SELECT count(*) FROM programme_event WHERE event_date = ?",
                day.isoformat()) == [(1,)], "one event on the day")


def shown_by_itself(app, database):
    """Nothing is pressed: no reload, no write of this window's own. The window looks for the
    other copy's commits (here every half second; every two in use)."""
    day = pick_day(database)
    step(f"an event the other copy adds is shown by itself, on {day}")
    calendar = Calendar(app)
    calendar.cell(day)
    execute(database, "INSERT INTO programme_event (kind, title, event_date) "
                      "VALUES ('moderation-panel', ?, ?)", "Practice forum", day.isoformat())
    wait_for(lambda: "Practice forum" in calendar.cell(day).name,
             "the other copy's event to show without a reload", timeout=15)


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-second-copy-")
    database = make_demo_database(folder, until=datetime.date.today().strftime("%Y-%m"))
    year = datetime.date.today().year

    app = App(database)
    try:
        app.find("list", "Audits")
        prefs = deadlines(app, database, "light")
        capacities(app, database, prefs)
        holidays(app, database, prefs, year)
        # (Escape in the holiday's name row is the row's own.)
        press(prefs.find("push button", "Close"))
        wait_for(lambda: not prefs.is_open(), "Preferences to close", timeout=10)
        check(query(database, "SELECT monthly_capacity FROM role WHERE code = 'team-manager'")
              == [(3,)], "the other copy's audits a month are still stored")
        check(setting(database, "category1_hours") == 36, "the number kept is still stored")
        events(app, database)
    finally:
        app.close()

    execute(database, "DELETE FROM deadline_setting")
    # This copy looks for the other's changes, as in use; Preferences do not listen to them,
    # so the steps that race the other copy's writes are the same.
    app = App(database, {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark", "CASE_AUDIT_WATCH_MS": "500"})
    try:
        app.find("list", "Audits")
        prefs = deadlines(app, database, "dark")
        later_then_close(app, database, prefs)
        shown_by_itself(app, database)
    finally:
        app.close()

    print("ok - Preferences and the Calendar keep another copy's changes and ask about both")
    return 0


if __name__ == "__main__":
    sys.exit(main())
