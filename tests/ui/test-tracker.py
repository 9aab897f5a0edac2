#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Tracker view (R-I1, R-I2), through the accessibility tree: after the command line has
escalated what was overdue, a Head of Service (their staff ID in Preferences) opens the
tracker on their own service areas, sees an escalated Category 2 audit said in words,
records that its recommendations were checked, signs it off, and it leaves the open list;
the database has the check, the sign-off and their history. Light and dark."""

import sqlite3
import subprocess
import sys
import tempfile

from dogtail.config import config

from caui import (BINARY, App, badly_named_controls, check, choose_in_popover, click,
                  dialog_button, insert_text, make_demo_database, show_view, wait_for, walk)

# A Head of Service follows more audits than dogtail's 100 children at a time.
config.childrenLimit = 2000


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-tracker-")
    database = make_demo_database(folder)
    subprocess.run([BINARY, "escalate", "--on", "2026-10-31", "--database", database],
                   check=True, stdout=subprocess.DEVNULL)
    head, head_name, audit_id, case_ref = query(database, """
        SELECT h.staff_ref, h.name, a.id, c.case_ref FROM escalation e
        JOIN staff h ON h.id = e.head_of_service_id JOIN audit a ON a.id = e.audit_id
        JOIN case_file c ON c.id = a.case_id
        WHERE a.category = 2 AND a.overall_grade = 'inadequate'
        ORDER BY a.submitted_at DESC, c.case_ref LIMIT 1""")[0]
    print(f"# {case_ref} (audit {audit_id}) escalated to {head_name} ({head})")

    # Dark first, only to look: the light pass signs the case off.
    for scheme in ("dark", "light"):
        env = {"ADW_DEBUG_COLOR_SCHEME": f"prefer-{scheme}"}
        app = App(database, env, settings={"staff-ref": head, "window-width": 1100,
                                           "window-height": 880})
        try:
            app.find("list", "Audits")
            show_view(app, "Tracker")
            view = app.part("CaTrackerView", timeout=60)
            choose_in_popover(view.find("combo box", "Whose service areas", prefix=True),
                              "My service areas")
            tracked = view.find("list", "Audits followed", timeout=60)

            def row_of_case():
                # The rows are the list's children: no need to walk into each.
                for child in tracked.children:
                    if (child.name or "").startswith(case_ref + ","):
                        return child
                return None

            row = wait_for(row_of_case, f"the row of {case_ref}")
            check("Category 2" in row.name and f"Not checked, escalated to {head_name}" in row.name,
                  f"the row says where it stands: {row.name}")
            app.screenshot(f"tracker-{scheme}")
            if scheme == "dark":
                # The filters and one row, opened: a walk of every row's controls over AT-SPI
                # would take a minute and find the same.
                click(row)
                view.find("push button", f"Recommendations Checked for {case_ref}")
                bad = [name for node in [view.find("combo box", label, prefix=True)
                                         for label in ("Whose service areas",
                                                       "Filter by sign-off", "Which audits")]
                       + [row_of_case()] for name in badly_named_controls(node)]
                check(not bad, f"every control has one name: {bad}")
                continue

            # The recommendations checked, with a note.
            click(row)
            click(view.find("push button", f"Recommendations Checked for {case_ref}"))
            dialog = app.window("Recommendations Checked?")
            insert_text(dialog.find("text", "Note (optional)"), "Plan reviewed with the team")
            app.screenshot("tracker-check-dialog-light")
            click(dialog_button(dialog.node, "Record"))
            wait_for(lambda: "Checked, waiting for sign-off" in (row_of_case().name or ""),
                     f"{case_ref} checked")
            check(query(database, """SELECT recommendations_checked_note FROM audit
                                     WHERE id = ?""", audit_id)[0][0] ==
                  "Plan reviewed with the team", "the check and its note are stored")

            # The sign-off: the case leaves the open list.
            row = row_of_case()
            if not walk(row, lambda n: n.name == f"Sign Off {case_ref}", first=True):
                click(row)
            click(view.find("push button", f"Sign Off {case_ref}"))
            dialog = app.window("Sign Off the Case?")
            click(dialog_button(dialog.node, "Sign Off"))
            wait_for(lambda: row_of_case() is None, f"{case_ref} to leave the open list")
            check(query(database, "SELECT count(*) FROM tracker_signoff WHERE audit_id = ?",
                        audit_id)[0][0] == 1, "the sign-off is stored")
            check(query(database, """SELECT count(*) FROM change_history WHERE entity = 'audit'
                                     AND entity_id = ? AND field = 'signed_off'""",
                        audit_id)[0][0] == 1, "and in the audit's history")
            choose_in_popover(view.find("combo box", "Filter by sign-off", prefix=True),
                              "Signed off")
            row = wait_for(row_of_case, f"{case_ref} among those signed off")
            check("Signed off" in row.name, f"it says so: {row.name}")
        finally:
            app.close()
    print("ok")


if __name__ == "__main__":
    sys.exit(main())
