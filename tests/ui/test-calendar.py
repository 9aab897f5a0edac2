#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Calendar view (R-C3) through the accessibility tree: a known day's spoken summary
matches the database, the keyboard moves between days and months, a day's item opens its
audit, the Everyone / My Team / Mine filter changes what is counted, This Week and Hide What Is
Done, the programme editor (2027 made from 2026, a return date changed, the year exported) and
the calendar exported as .ics with that date, and screenshots light
and dark, wide and narrow (where the agenda list takes the grid's place)."""

import datetime
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from zoneinfo import ZoneInfo

import dogtail.rawinput as rawinput

from caui import (BINARY, App, Calendar, activate_menu_item, badly_named_controls, check,
                  click, day_name,
                  file_chooser, last_day, make_demo_database, press, row_nodes, type_into,
                  wait_for)

LONDON = ZoneInfo("Europe/London")


def plural(n, one, many):
    return (one if n == 1 else many).replace("%u", str(n))


# Each kind of item: its table's rows joined to the audit's case, the column with its date,
# and who it waits on.
SOURCES = {
    "returns": ("audit a JOIN case_file c ON c.id = a.case_id", "a.due_date", "a.auditor_id"),
    "responses": ("manager_response t JOIN audit a ON a.id = t.audit_id "
                  "JOIN case_file c ON c.id = a.case_id", "t.due_date", "t.manager_id"),
    "actions": ("action t JOIN audit a ON a.id = t.audit_id JOIN case_file c ON c.id = a.case_id",
                "t.due_date", "t.owner_id"),
    "moderations": ("moderation t JOIN audit a ON a.id = t.audit_id "
                    "JOIN case_file c ON c.id = a.case_id", "t.due_date", "t.moderator_id"),
}


def due_on(db, day, staff_id=None, team_id=None):
    """What falls due on DAY, counted straight from the tables: everyone's, one person's
    (what waits on them) or one team's (its cases, or waiting on one of its staff)."""
    iso = day.isoformat()

    def whose(person):
        if staff_id:
            return f" AND {person} = {int(staff_id)}"
        if team_id:
            return (f" AND (c.team_id = {int(team_id)} OR "
                    f"(SELECT team_id FROM staff WHERE id = {person}) = {int(team_id)})")
        return ""

    counts = {}
    for kind, (tables, column, person) in SOURCES.items():
        counts[kind] = db.execute(f"SELECT count(*) FROM {tables} WHERE {column} = ?" + whose(person),
                                  (iso,)).fetchone()[0]
    # Category deadlines are UTC times; the calendar shows them on their day in England.
    cat1 = others = 0
    low, high = (day - datetime.timedelta(days=1)).isoformat(), (day + datetime.timedelta(days=2)).isoformat()
    for due, category in db.execute("SELECT a.review_due_at, a.category FROM " + SOURCES["returns"][0] +
                                    " WHERE a.review_due_at >= ? AND a.review_due_at < ?" +
                                    whose("a.auditor_id"), (low, high)):
        when = datetime.datetime.fromisoformat(due.replace("Z", "+00:00")).astimezone(LONDON)
        if when.date() == day:
            if category == 1:
                cat1 += 1
            else:
                others += 1
    return (counts["returns"], counts["responses"], counts["actions"], cat1, others,
            counts["moderations"])


def programme_dates(db, days):
    """The programme's own dates and events on DAYS, which the Calendar lists too."""
    isos = tuple(day.isoformat() for day in days)
    marks = ",".join("?" * len(isos))
    n = 0
    for column in ("allocation_date", "return_date", "briefing_date"):
        n += db.execute(f"SELECT count(*) FROM programme_entry WHERE {column} IN ({marks})",
                        isos).fetchone()[0]
    return n + db.execute(f"SELECT count(*) FROM programme_event WHERE event_date IN ({marks})",
                          isos).fetchone()[0]


def spoken_counts(counts):
    returns, responses, actions, cat1, others, moderations = counts
    parts = []
    if returns:
        parts.append(plural(returns, "%u audit return", "%u audit returns"))
    if responses:
        parts.append(plural(responses, "%u manager response", "%u manager responses"))
    if actions:
        parts.append(plural(actions, "%u action due", "%u actions due"))
    if cat1:
        parts.append(plural(cat1, "%u Category 1 deadline", "%u Category 1 deadlines"))
    if others:
        parts.append(plural(others, "%u other category deadline", "%u other category deadlines")
                     if cat1 else plural(others, "%u category deadline", "%u category deadlines"))
    if moderations:
        parts.append(plural(moderations, "%u moderation", "%u moderations"))
    return ", ".join(parts)


def pick_day(db):
    """A day with a Category 1 deadline and other things due, and no programme date, so its
    summary has several parts and its list holds only items that open an audit."""
    programme = set()
    for row in db.execute("SELECT allocation_date, return_date, briefing_date FROM programme_entry"):
        programme.update(d for d in row if d)
    programme.update(d for (d,) in db.execute("SELECT event_date FROM programme_event"))
    best, best_parts = None, 0
    for (due,) in db.execute("SELECT review_due_at FROM audit WHERE category = 1 AND "
                             "review_due_at IS NOT NULL ORDER BY review_due_at DESC LIMIT 40"):
        day = datetime.datetime.fromisoformat(due.replace("Z", "+00:00")).astimezone(LONDON).date()
        if day.isoformat() in programme:
            continue
        parts = sum(1 for n in due_on(db, day) if n)
        if parts > best_parts:
            best, best_parts = day, parts
    check(best is not None, "the demonstration data has Category 1 deadlines")
    return best


def due_cases(db, day):
    """The case references of everything due on DAY (the audits its items open)."""
    iso = day.isoformat()
    refs = set()
    for table, column in (("manager_response", "due_date"), ("action", "due_date"),
                          ("moderation", "due_date")):
        refs.update(r for (r,) in db.execute(
            f"SELECT c.case_ref FROM {table} t JOIN audit a ON a.id = t.audit_id "
            f"JOIN case_file c ON c.id = a.case_id WHERE t.{column} = ?", (iso,)))
    refs.update(r for (r,) in db.execute(
        "SELECT c.case_ref FROM audit a JOIN case_file c ON c.id = a.case_id "
        "WHERE a.due_date = ? OR (a.review_due_at >= ? AND a.review_due_at < ?)",
        (iso, (day - datetime.timedelta(days=1)).isoformat(),
         (day + datetime.timedelta(days=2)).isoformat())))
    return refs


def add_month(day):
    """The same day a month on, or that month's last day when it has fewer (as GDate does)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, min(day.day, last_day(year, month)))


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-calendar-")
    database = make_demo_database(folder)
    db = sqlite3.connect(database)
    target = pick_day(db)
    low = (target - datetime.timedelta(days=1)).isoformat()
    high = (target + datetime.timedelta(days=2)).isoformat()
    auditor_id, auditor_ref, team_id = next(
        (i, r, t) for (i, r, t, due) in db.execute(
            "SELECT s.id, s.staff_ref, s.team_id, a.review_due_at FROM audit a JOIN staff s ON s.id = a.auditor_id "
            "WHERE a.category = 1 AND a.review_due_at >= ? AND a.review_due_at < ?", (low, high))
        if datetime.datetime.fromisoformat(due.replace("Z", "+00:00")).astimezone(LONDON).date() == target)
    everyone = due_on(db, target)
    mine = due_on(db, target, staff_id=auditor_id)
    team = due_on(db, target, team_id=team_id)
    print(f"# target day {target}: everyone {everyone}, staff {auditor_ref} {mine}, "
          f"team {team_id} {team}")
    case_refs = due_cases(db, target)

    app = App(database, settings={"staff-ref": f"'{auditor_ref}'"})
    try:
        calendar = Calendar(app)
        today = datetime.date.today()
        # Today is marked, in words too.
        today_cell = calendar.cell(today)
        check("(today)" in today_cell.name, f"today says so: {today_cell.name!r}")
        app.screenshot("calendar-wide-light")
        click(today_cell)

        # The keyboard: Page Up/Down to the month, arrows to the day.
        calendar.go_to(today, target)
        expected = f"{day_name(target)}: {spoken_counts(everyone)}"
        calendar.summary_of(target, expected)
        calendar.label(f"^{day_name(target)}$")  # the day's list heading follows
        check(everyone[3] > 0, "the chosen day has a Category 1 deadline")
        calendar.label(r"^Cat 1$|^\d+ × Cat 1$")
        # Each of the day's items is named for a screen reader by what it shows, a Category 1
        # item with its warning (read row by row until one is found: each name is a round trip).
        day_list = calendar.find("list", "Items on the selected day")
        rows = wait_for(lambda: row_nodes(day_list, limit=200) or None, "the day's items in the list")
        names = [r.name for r in rows[:5]]
        check(all(n and not n.startswith("Gtk") for n in names), f"the items are named: {names[:3]}")
        check(any((r.name or "").endswith(", Child may be at risk") for r in rows),
              "a Category 1 item says the child may be at risk")
        app.screenshot("calendar-day")

        # Home comes back to today, Page Down to the next month, and back again.
        rawinput.pressKey("Home")
        calendar.label(f"^{today:%B} {today.year}$")
        rawinput.pressKey("Page_Down")
        following = add_month(today)
        calendar.label(f"^{following:%B} {following.year}$")
        calendar.go_to(following, target)
        calendar.summary_of(target, expected)

        # The filter: Mine counts only what waits on the chosen auditor, My Team its team's.
        click(calendar.find("push button", "Mine"))
        calendar.summary_of(target, f"{day_name(target)}: {spoken_counts(mine)}")
        check(0 < sum(mine) < sum(everyone),
              f"Mine shows fewer items ({mine}) than Everyone ({everyone})")
        click(calendar.find("push button", "My Team"))
        calendar.summary_of(target, f"{day_name(target)}: {spoken_counts(team)}")
        click(calendar.find("push button", "Everyone"))
        calendar.summary_of(target, expected)

        # Enter lists the day, Enter again opens the first item's audit.
        click(calendar.cell(target))
        rawinput.pressKey("Return")
        time.sleep(0.5)
        rawinput.pressKey("Return")
        app.find("push button", "Audit Menu")
        shown = app.label_matching("^(" + "|".join(sorted(case_refs)) + ")$")
        check(shown.name in case_refs, f"the audit opened is one due that day: {shown.name}")
        app.screenshot("calendar-opened-audit")
        time.sleep(1)
        rawinput.keyCombo("<Alt>Left")
        time.sleep(1)
        calendar.find("push button", "Next Month")

        # This Week (issue 12 item 5): one choice of the Calendar's menu lists what falls due
        # from Monday to Sunday; Hide What Is Done leaves what still waits.
        monday = today - datetime.timedelta(days=today.weekday())
        week = [monday + datetime.timedelta(days=i) for i in range(7)]
        expected_week = sum(sum(due_on(db, day)) for day in week) + programme_dates(db, week)
        click(calendar.find("push button", "Calendar Menu"))
        activate_menu_item(app, "This Week")
        calendar.label(r"^This Week, ")
        agenda = calendar.find("list", "Agenda")
        listed = wait_for(lambda: [r.name for r in row_nodes(agenda, limit=500)] or None,
                          "this week's items in the list")
        check(len(listed) == expected_week,
              f"This Week lists {len(listed)} items; the tables say {expected_week}")
        done = [n for n in listed if n.endswith("· done")]
        check(done, f"some of this week's items are done: {listed[:4]}")
        app.screenshot("calendar-this-week")
        click(calendar.find("push button", "Calendar Menu"))
        activate_menu_item(app, "Hide What Is Done")
        wait_for(lambda: len(row_nodes(agenda, limit=500)) == len(listed) - len(done),
                 "only what still waits to be listed")
        check(not any((r.name or "").endswith("· done") for r in row_nodes(agenda, limit=500)),
              "nothing done is listed")

        # The programme editor (issue 12 item 4): 2027 made from 2026 in one click, a return
        # date changed in its month, the year exported as a programme file the command line
        # reads back; the .ics below then carries the changed date.
        n_2026 = db.execute("SELECT count(*) FROM programme_entry WHERE month LIKE '2026-%'").fetchone()[0]
        click(calendar.find("push button", "Calendar Menu"))
        activate_menu_item(app, "Edit the Programme…")
        editor = app.window("Audit Programme")
        editor.label("January 2026")  # the calendar's year
        press(editor.find("push button", "Next Year"))
        editor.label("2027 has no programme yet")
        press(editor.find("push button", "Start From 2026"))
        # The toast is the editor's own: looked for there, not through the whole app, whose
        # Calendar behind it can hold more rows than one walk reads in a toast's six seconds.
        editor.toast(rf"^Made 2027’s programme from 2026’s: {n_2026} entries\.$")
        made = db.execute("SELECT count(*) FROM programme_entry WHERE month LIKE '2027-%'").fetchone()[0]
        check(made == n_2026 > 0, f"2027 has {made} entries, as 2026 has {n_2026}")
        january = "Children’s Social Care, January 2027: "
        click(editor.find_where(lambda n: (n.name or "").startswith(january), "January's row"))
        dialog = app.window("Children’s Social Care, January 2027")
        wrong = badly_named_controls(editor.node) + badly_named_controls(dialog.node)
        check(not wrong, f"every control of the editor and its dialog is named once: {wrong}")
        type_into(dialog.find("text", "Return date"), "25/1/2027")
        press(dialog.find("push button", "Save"))
        stored = "SELECT return_date FROM programme_entry WHERE month = '2027-01' AND strand = 'social-care'"
        wait_for(lambda: db.execute(stored).fetchone()[0] == "2027-01-25", "the new return date stored")
        editor.find_where(lambda n: (n.name or "").startswith(january) and
                          "returned by 25 Jan 2027" in n.name, "the row with its new return date")
        app.screenshot("programme-editor")
        programme_file = os.path.join(folder, "programme-2027.json")
        click(editor.find("push button", "Programme Menu"))
        activate_menu_item(app, "Export This Year’s Programme…")
        file_chooser(app, "Export the Programme", programme_file, location=False)
        editor.toast(rf"^Exported 2027’s programme \({n_2026} entries\) to “programme-2027\.json”\.$")
        check(os.stat(programme_file).st_mode & 0o777 == 0o600, "the programme file is its owner's alone")
        again = os.path.join(folder, "again.db")
        out = subprocess.run([BINARY, "import", "programme", programme_file, "--database", again],
                             check=True, capture_output=True, text=True).stdout
        check(f"entries {n_2026} added" in out, f"the exported file imports whole: {out.strip()}")
        check(sqlite3.connect(again).execute(stored).fetchone()[0] == "2027-01-25",
              "the exported file has the new return date")
        press(editor.find("push button", "Close"))

        # The calendar as iCalendar, from the Calendar's menu (issue 12 item 4): the programme
        # and what waits on the person whose staff ID Preferences hold, as the command line
        # exports it, readable by its owner alone.
        ics = os.path.join(folder, "mine.ics")
        click(calendar.find("push button", "Calendar Menu"))
        activate_menu_item(app, "Export My Calendar (.ics)…")
        file_chooser(app, "Export Calendar", ics, location=False)
        app.toast(r"^Exported \d+ dates? to “mine\.ics”\.$")
        cli_ics = os.path.join(folder, "cli.ics")
        subprocess.run([BINARY, "export", "ical", cli_ics, "--staff", auditor_ref,
                        "--database", database], check=True, stdout=subprocess.DEVNULL)
        exported, expected_ics = open(ics).read(), open(cli_ics).read()
        check(exported.startswith("BEGIN:VCALENDAR"), "the export is an iCalendar file")
        check(exported.count("BEGIN:VEVENT") == expected_ics.count("BEGIN:VEVENT") > 0,
              f"{exported.count('BEGIN:VEVENT')} events exported; the command line writes "
              f"{expected_ics.count('BEGIN:VEVENT')}")
        check(os.stat(ics).st_mode & 0o777 == 0o600, "the calendar file is its owner's alone")
        returns = exported.split("DTSTART;VALUE=DATE:20270125")
        check(len(returns) == 2 and "SUMMARY:Audits due back: Children’s Social Care" in returns[1][:200],
              "the calendar carries the return date changed in the programme editor")
    finally:
        app.close()

    # More screenshots: dark, and narrow (where the agenda takes the grid's place).
    for scheme, width in (("dark", 1280), ("light", 360), ("dark", 360)):
        env = {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark" if scheme == "dark" else "prefer-light"}
        app = App(database, env, settings={"window-width": width,
                                           "window-height": 760 if width > 400 else 640})
        try:
            calendar = Calendar(app)
            if width > 400:
                calendar.cell(datetime.date.today())
                app.screenshot(f"calendar-wide-{scheme}")
                continue
            calendar.find("list", "Agenda")
            if scheme == "light":
                # Mine without a staff ID says how to set one.
                click(calendar.find("push button", "Mine"))
                calendar.label("set your staff ID in Preferences")
                calendar.find("push button", "Set Your Staff ID…")
                app.screenshot("calendar-narrow-mine-unset")
                click(calendar.find("push button", "Everyone"))
            app.screenshot(f"calendar-narrow-{scheme}")
        finally:
            app.close()

    print("ok - the calendar's day summaries match the database; keyboard, filter and opening work")
    return 0


if __name__ == "__main__":
    sys.exit(main())
