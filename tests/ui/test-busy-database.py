#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A write from the window while another program holds the database's write lock: the write
waits on the database's worker, not on the main thread, so the window goes on answering over
the accessibility bus (another Preferences page opens within a second or two) while Add Bank
Holiday is insensitive; once the busy timeout has passed the busy message is shown under the
rows as before, and with the lock released the same day is added and stored."""

import datetime
import sqlite3
import sys
import tempfile
import time

import dogtail.rawinput as rawinput

from caui import App, Preferences, check, make_demo_database, press, type_into, wait_for

START = time.monotonic()
HOLD_S = 7.0      # longer than the database's busy timeout (5 s in db/ca-database.c)
ANSWER_S = 2.5    # how long the window may take to show another page meanwhile


def step(what):
    print(f"# {time.monotonic() - START:6.1f} s: {what}", flush=True)


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-busy-")
    year = datetime.date.today().year
    database = make_demo_database(folder)
    app = App(database)
    try:
        app.find("list", "Audits")
        prefs = Preferences(app)
        try:
            prefs.page("Bank Holidays")
            date_entry = prefs.find("text", "Date (year-month-day)")
            name_entry = prefs.find("text", "Name")
            add = prefs.find("push button", "Add Bank Holiday", prefix=True)
            type_into(name_entry, "Busy day")
            type_into(date_entry, f"{year}-11-12")

            step("another program takes the write lock; the day is added meanwhile")
            locker = sqlite3.connect(database, isolation_level=None)
            try:
                locker.execute("BEGIN IMMEDIATE")
                locked_at = time.monotonic()
                rawinput.pressKey("Return")
                time.sleep(0.5)
                wait_for(lambda: not add.sensitive, "Add Bank Holiday insensitive while it saves",
                         timeout=2)

                step("the window answers while the write waits")
                asked = time.monotonic()
                press(prefs.find("page tab", "Deadlines"))
                prefs.find("spin button", "Category 2 working days", timeout=ANSWER_S)
                answered = time.monotonic() - asked
                step(f"answered in {answered:.2f} s")
                check(answered < ANSWER_S,
                      f"the window answered in {answered:.1f} s, not frozen by the lock")
                press(prefs.find("page tab", "Bank Holidays"))
                check(time.monotonic() - locked_at < 4.5,
                      "the window answered before the busy timeout ran out")

                step("the busy message, once the busy timeout has passed")
                prefs.find("label", "The database", prefix=True, timeout=20)
                wait_for(lambda: add.sensitive, "Add Bank Holiday sensitive again", timeout=10)
                time.sleep(max(0.0, HOLD_S - (time.monotonic() - locked_at)))
            finally:
                locker.execute("ROLLBACK")
                locker.close()
            check(query(database, "SELECT count(*) FROM bank_holiday WHERE holiday_date = ?",
                        f"{year}-11-12") == [(0,)], "nothing stored while the lock was held")

            step("the lock released, the same day is added")
            press(add)
            wait_for(lambda: query(database, "SELECT title FROM bank_holiday "
                                             "WHERE holiday_date = ?", f"{year}-11-12")
                     == [("Busy day",)], "the bank holiday in the database", timeout=15)
        except Exception:
            prefs.dump()
            raise
    finally:
        app.close()

    print("ok - the window answers while another program holds the database")
    return 0


if __name__ == "__main__":
    sys.exit(main())
