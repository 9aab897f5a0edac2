#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the window says on opening a database that was tampered with outside Case Audit: a
change history altered with the sqlite3 program is told in a dialog the user has to close,
with the data open behind it; a file others could read is made private, with a toast; the
next time, no dialog but a toast that stays until dismissed, whose Details button gives the
whole text."""

import os
import subprocess
import sys
import tempfile
import time

import dogtail.rawinput as rawinput

from caui import (App, check, make_demo_database, press, row_count, toast_button, wait_for,
                  walk)


def step(what):
    print(f"# {what}", flush=True)


def dialog_open(app, heading="The Change History Has Been Altered"):
    """Whether a dialog with HEADING is on screen: dialogs are windows of their own, so the
    main window (with its thousands of list rows) is not walked."""
    return any(walk(window, lambda n: n.roleName == "label" and n.name == heading,
                    first=True) is not None
               for window in app.node.children if window.roleName != "frame")


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-db-")
    database = make_demo_database(folder)
    subprocess.run(["sqlite3", database, "DROP TRIGGER change_history_no_delete; "
                    "DELETE FROM change_history WHERE id = (SELECT max (id) - 2 FROM "
                    "change_history);"], check=True)
    os.chmod(database, 0o644)

    step("the first open: a dialog, a toast, and the data behind them")
    app = App(database)
    try:
        dialog = app.window("The Change History Has Been Altered")
        dialog.label_matching("^The Change History Has Been Altered$")
        body = dialog.label_matching(r"has been altered outside Case Audit")
        check("change_history_no_delete" in body.name and "has been deleted" in body.name,
              f"the dialog says what was done: {body.name}")
        check("carry on working and export it" in body.name, "the dialog says the data is usable")
        app.screenshot("database-history-altered")
        rawinput.pressKey("Escape")
        wait_for(lambda: not dialog_open(app), "the dialog to close")
        app.toast("^Others could read this database: it is now private to you$")
        check(os.stat(database).st_mode & 0o777 == 0o600, "the file was made private")
        table = app.find("list", "Audits")
        wait_for(lambda: row_count(table) >= 10, "the Audits view to list rows")
    finally:
        app.close()

    step("the next open: a reminder, no dialog")
    app = App(database)
    try:
        app.toast("^This database’s change history was once altered outside Case Audit$")
        time.sleep(1.0)
        check(not dialog_open(app), "no dialog the second time")
        app.screenshot("database-history-reminder")
        press(wait_for(lambda: toast_button(app, "Details"),
                       "the toast's Details button"))
        app.window("The Change History Was Altered").label_matching(
            r"was altered outside Case Audit \(first noticed on \d{4}-\d\d-\d\d\)")
        check(dialog_open(app, "The Change History Was Altered"), "Details opens the whole text")
        app.screenshot("database-history-reminder-details")
    finally:
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
