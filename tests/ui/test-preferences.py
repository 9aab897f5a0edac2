#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Preferences by keyboard and through the accessibility tree: Ctrl+comma opens them on a real
demo database; a changed deadline number and an added bank holiday reach the database; an
impossible date is refused with a message under the rows; a role's audits a month reach the
database with their history; the moderation sample's random share and a moderator's own
moderations a month (and their role's again) reach the database with their history; every
page saved light and dark."""

import datetime
import os
import re
import sqlite3
import sys
import tempfile
import time

import dogtail.rawinput as rawinput

from caui import (App, Preferences, badly_named_controls, check, click, file_chooser,
                  make_demo_database, on_screen, press, set_spin, shallow, type_into, wait_for)

START = time.monotonic()


def step(what):
    print(f"# {time.monotonic() - START:6.1f} s: {what}", flush=True)


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


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


def auditors(prefs, database):
    step("Auditors: Team Managers take 2 audits a month")
    prefs.page("Auditors")
    spin = prefs.find("spin button", "Team Manager: audits a month")
    check(spin.value == 1, f"Team Manager starts at 1 (seed 04), not {spin.value!r}")
    check(prefs.find("spin button", "Independent Reviewing Officer: audits a month"),
          "IROs have a row")
    names = [n.name for n in prefs.node.findChildren(
        lambda n: n.roleName == "spin button" and (n.name or "").endswith(": audits a month"))]
    check(not any(n.startswith("Social Worker") for n in names),
          f"practitioners, who do not audit, have no row: {names}")
    set_spin(spin, 2)
    wait_for(lambda: query(database, "SELECT monthly_capacity FROM role "
                                     "WHERE code = 'team-manager'") == [(2,)],
             "the Team Manager's number in the database", timeout=10)
    check(query(database, "SELECT old_value, new_value FROM change_history WHERE "
                          "entity = 'role' AND field = 'monthly_capacity:team-manager'") ==
          [("1", "2")], "one line of history for the change")


def moderator_name(database):
    """A Head of Service whose name nobody else has, to find their row by it."""
    return query(database, "SELECT s.name FROM staff s WHERE s.role_code = 'head-of-service' "
                           "AND s.active = 1 AND (SELECT count(*) FROM staff t "
                           "WHERE t.name = s.name) = 1 ORDER BY s.staff_ref LIMIT 1")[0][0]


def moderation(prefs, database):
    step("Moderation: the random share from 20% to 30%")
    prefs.page("Moderation")
    share = prefs.find("spin button", "Random share, per cent")
    # Read on the worker: the stored number arrives a moment after the page.
    wait_for(lambda: share.value == 20 and share.sensitive, "the stored 20% shown", timeout=10)
    due = prefs.find("spin button", "Moderations due by, working day of the next month")
    check(due.value == 15, f"moderations due by the 15th working day, not {due.value!r}")
    set_spin(share, 30)
    wait_for(lambda: query(database, "SELECT value FROM moderation_setting "
                                     "WHERE name = 'percent'") == [(30,)],
             "the share of 30 in the database", timeout=10)
    check(query(database, "SELECT old_value, new_value FROM change_history WHERE "
                          "entity = 'moderation_setting' AND field = 'percent'") ==
          [("20", "30")], "one line of history for the share")

    step("another program holds the database: the due day is not saved, and says why")
    locker = sqlite3.connect(database, isolation_level=None)
    try:
        locker.execute("BEGIN IMMEDIATE")
        set_spin(due, 10)
        wait_for(lambda: shallow(prefs.node, lambda n: n.roleName == "label" and
                                 (n.name or "").startswith("The moderation setting was not "
                                                           "saved: The database")),
                 "a toast saying the due day was not saved", timeout=20)
        wait_for(lambda: due.value == 15, "the due day back at the stored 15", timeout=10)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    check(query(database, "SELECT count(*) FROM moderation_setting "
                          "WHERE name = 'due-working-day'") == [(0,)],
          "nothing stored for the due day")

    name = moderator_name(database)
    step(f"{name}, a Head of Service, takes 1 moderation a month, then the role's 3 again")
    spin = prefs.find("spin button", f"{name}: moderations a month")
    check(spin.value == 3, f"a Head of Service starts at the role's 3, not {spin.value!r}")
    names = [n.name for n in prefs.node.findChildren(
        lambda n: n.roleName == "spin button" and ": moderations a month" in (n.name or ""))]
    n_moderators = query(database, "SELECT count(*) FROM staff s JOIN role r ON r.code = "
                                   "s.role_code WHERE s.active = 1 AND r.moderation_capacity "
                                   "IS NOT NULL")[0][0]
    check(len(names) == n_moderators, f"a row for each of the {n_moderators} moderators: {names}")
    use_role = prefs.find("push button", f"{name}: use the role’s number")
    check(not use_role.sensitive, "no way back to the role's number while it is the role's")
    wrong = [w for group in ("Monthly Sample", "Moderators")
             for w in badly_named_controls(prefs.find("list", group))]
    check(not wrong, f"every control on the Moderation page has a name of its own: {wrong}")
    set_spin(spin, 1)
    mine = ("SELECT s.moderation_capacity FROM staff s WHERE s.name = ?")
    wait_for(lambda: query(database, mine, name) == [(1,)],
             f"{name}'s own 1 a month in the database", timeout=10)
    wait_for(lambda: use_role.sensitive, "the way back to the role's number offered")
    press(use_role)
    wait_for(lambda: query(database, mine, name) == [(None,)],
             f"{name} back to the role's number in the database", timeout=10)
    wait_for(lambda: spin.value == 3, "the role's 3 shown again")
    check(query(database, "SELECT h.old_value, h.new_value FROM change_history h JOIN staff s "
                          "ON s.id = h.entity_id WHERE h.entity = 'staff' AND "
                          "h.field = 'moderation_capacity' AND s.name = ? ORDER BY h.id", name)
          == [(None, "1"), ("1", None)], "a line of history for each change")


def close_saves(prefs, database):
    step("a number typed just before Escape is stored as the window closes")
    prefs.page("Deadlines")
    type_into(prefs.find("spin button", "Category 3 working days"), "15")
    rawinput.pressKey("Tab")
    rawinput.pressKey("Escape")
    wait_for(lambda: not on_screen(prefs.node), "the preferences to close", timeout=10)
    check(query(database, "SELECT value FROM deadline_setting "
                          "WHERE name = 'category3_working_days'") == [(15,)],
          "Category 3 stored when the window closed")


def refused_when_busy(prefs, database):
    step("another program holds the database: an error toast, and the stored number shown")
    spin = prefs.find("spin button", "Category 1 hours")
    locker = sqlite3.connect(database, isolation_level=None)
    try:
        locker.execute("BEGIN IMMEDIATE")
        type_into(spin, "24")
        rawinput.pressKey("Tab")
        # Looked for near the top of the window, where the toast overlay is: the window
        # answers while the save waits on the worker, so a walk of every page (seconds under
        # load) could begin before the toast and end after it has gone.
        wait_for(lambda: shallow(prefs.node, lambda n: n.roleName == "label" and
                                 (n.name or "").startswith("The database")),
                 "a toast matching '^The database' in Preferences", timeout=20)
        wait_for(lambda: spin.value == 48, "Category 1 back at the stored 48", timeout=10)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    check(query(database, "SELECT count(*) FROM deadline_setting WHERE name = 'category1_hours'")
          == [(0,)], "nothing stored for Category 1")


def tools(prefs, database, folder):
    step("Audit Tools: export Stage 1 through the file chooser")
    prefs.page("Audit Tools")
    prefs.find("label", "stage-1 · version 1")
    # The Stage 2 moderation is listed as a tool too, to export and import (R-H3).
    prefs.find("label", "stage-2 · version 1")
    prefs.find("push button", "Export Stage 2 moderation")
    exported = os.path.join(folder, "stage-1-exported.json")
    click(prefs.find("push button", "Export Stage 1 Good Practice audit"))
    file_chooser(prefs.app, "Export Audit Tool", exported)
    wait_for(lambda: os.path.exists(exported), "the exported tool file", timeout=10)
    with open(exported) as f:
        text = f.read()
    check('"code" : "stage-1"' in text, "the file is the Stage 1 tool")
    prefs.toast("^" + re.escape("Exported “Stage 1 Good Practice audit” version 1.") + "$")

    step("a file with a mistake is refused, naming the place of the mistake")
    bad = os.path.join(folder, "bad-tool.json")
    with open(bad, "w") as f:
        f.write(text.replace('"type" : "yes-no-na"', '"type" : "maybe"', 1))
    click(prefs.find("push button", "Import Tool", prefix=True))
    file_chooser(prefs.app, "Import Audit Tool", bad)
    # In a message dialog of its own.
    prefs.app.dialog_label_matching("^" + re.escape(f"{bad}: sections[0].questions[0].type: "
                                                    "unknown answer type"))
    prefs.app.screenshot(f"preferences-tool-refused-{prefs.scheme}")
    rawinput.pressKey("Escape")
    time.sleep(0.5)
    check(query(database, "SELECT count(*) FROM audit_tool_version v JOIN audit_tool t "
                          "ON t.id = v.tool_id WHERE t.code = 'stage-1'") == [(1,)],
          "the refused file made no version")

    step("a changed file becomes version 2")
    changed = os.path.join(folder, "changed-tool.json")
    with open(changed, "w") as f:
        f.write(text.replace('"period_months" : 6', '"period_months" : 3', 1))
    click(prefs.find("push button", "Import Tool", prefix=True))
    file_chooser(prefs.app, "Import Audit Tool", changed)
    prefs.toast("^" + re.escape("Imported “Stage 1 Good Practice audit” as version 2.") + "$")
    prefs.find("label", "stage-1 · version 2")
    check(query(database, "SELECT max(v.version) FROM audit_tool_version v JOIN audit_tool t "
                          "ON t.id = v.tool_id WHERE t.code = 'stage-1'") == [(2,)],
          "version 2 is in the database")


def holidays(prefs, database, folder, year):
    step("Bank Holidays: where this year's list comes from")
    prefs.page("Bank Holidays")
    prefs.find("label", f"Bank Holidays in {year}")
    # This year is in the shipped list or, past it, worked out by rule.
    wait_for(lambda: any(on_screen(n) for n in prefs.node.findChildren(
        lambda n: n.roleName == "label" and (n.name.startswith("From the official list") or
                                             n.name.startswith("Worked out by the usual")))),
             "where the list comes from")
    prefs.find("label", "Christmas Day")
    # The year's spin is named once, by its row ("Year", not "Year Year").
    year_spin = prefs.find("spin button", "Year")
    wrong = badly_named_controls(year_spin.parent)
    check(not wrong, f"every control beside the year has a name of its own: {wrong}")
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

    step("the official file: a bad one is refused with the reason, a good one imported")
    bad = os.path.join(folder, "bad-holidays.json")
    with open(bad, "w") as f:
        f.write('{"england-and-wales": {"events": [{"title": "No such day", '
                '"date": "2031-02-30"}]}}')
    click(prefs.find("push button", "Import bank holidays file"))
    file_chooser(prefs.app, "Import Bank Holidays", bad)
    prefs.app.dialog_label_matching("^bad-holidays.json: .*2031-02-30")
    rawinput.pressKey("Escape")
    time.sleep(0.5)
    check(query(database, "SELECT count(*) FROM bank_holiday_year WHERE year = 2031") == [(0,)],
          "the refused file stored nothing")
    good = os.path.join(folder, "holidays.json")
    with open(good, "w") as f:
        f.write('{"england-and-wales": {"events": [{"title": "New Year’s Day", '
                '"date": "2031-01-01"}]}}')
    click(prefs.find("push button", "Import bank holidays file"))
    file_chooser(prefs.app, "Import Bank Holidays", good)
    prefs.toast("^" + re.escape("Imported bank holidays for 2031.") + "$")
    stored = query(database, "SELECT source FROM bank_holiday_year WHERE year = 2031")
    check(stored == [("bank-holidays JSON",)], f"2031 is stored from the file: {stored}")


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-prefs-")
    year = datetime.date.today().year
    database = make_demo_database(folder)
    for scheme in ("light", "dark"):
        env = {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark" if scheme == "dark" else "prefer-light"}
        app = App(database, env)
        try:
            app.find("list", "Audits")
            step(f"{scheme}: Ctrl+comma opens the preferences")
            prefs = Preferences(app)
            prefs.scheme = scheme
            try:
                if scheme == "light":
                    change_deadline(prefs, database)
                    refused_when_busy(prefs, database)
                else:
                    spin = prefs.find("spin button", "Category 2 working days")
                    check(spin.value == 3, f"the stored 3 is shown, not {spin.value!r}")
                app.screenshot(f"preferences-deadlines-{scheme}")
                if scheme == "light":
                    holidays(prefs, database, folder, year)
                else:
                    prefs.page("Bank Holidays")
                    prefs.find("label", f"Saturday 11 November {year}"
                               if datetime.date(year, 11, 11).weekday() == 5
                               else "Test day", prefix=True)
                app.screenshot(f"preferences-holidays-{scheme}")
                if scheme == "light":
                    tools(prefs, database, folder)
                else:
                    prefs.page("Audit Tools")
                    prefs.find("label", "stage-1 · version 2")
                app.screenshot(f"preferences-tools-{scheme}")
                if scheme == "light":
                    auditors(prefs, database)
                else:
                    prefs.page("Auditors")
                    spin = prefs.find("spin button", "Team Manager: audits a month")
                    check(spin.value == 2, f"the stored 2 is shown, not {spin.value!r}")
                app.screenshot(f"preferences-auditors-{scheme}")
                if scheme == "light":
                    moderation(prefs, database)
                else:
                    prefs.page("Moderation")
                    share = prefs.find("spin button", "Random share, per cent")
                    wait_for(lambda: share.value == 30, "the stored 30% shown", timeout=10)
                app.screenshot(f"preferences-moderation-{scheme}")
                if scheme == "dark":
                    close_saves(prefs, database)
            except Exception:
                prefs.dump()
                raise
        finally:
            app.close()

    print("ok - preferences change deadlines and bank holidays in the database")
    return 0


if __name__ == "__main__":
    sys.exit(main())
