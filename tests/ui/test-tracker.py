#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Tracker view (R-I1, R-I2), through the accessibility tree: after the command line has
escalated what was overdue, a Head of Service (their staff ID in Preferences) opens the
tracker on their own service areas, sees an escalated Category 2 audit said in words,
marks one of its actions done (the day and the evidence), is refused the action's sign-off
in words (the worker's line manager signs it off), and once Preferences holds that line
manager's staff ID, the action is signed off; then records that the recommendations were
checked, signs the case off, and it leaves the open list; the database has the action's,
the check's and the sign-off's history. The filters (a service area,
the months of submission) change the rows to what the command line lists for the same
filters; the menu exports the rows shown as a PDF (A4 landscape, the owner's alone) and
opens the print dialog. Light and dark."""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

from dogtail import rawinput
from dogtail.config import config

from caui import (BINARY, App, Preferences, activate_menu_item, badly_named_controls, check,
                  choose_in_popover, click, dialog_button, file_chooser, focused_below,
                  insert_text, make_demo_database, on_screen, press, show_view, type_into,
                  wait_for, walk)

# A Head of Service follows more audits than dogtail's 100 children at a time.
config.childrenLimit = 2000


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def open_rows(database, head):
    """The command line's rows of HEAD's open Inadequate audits: their months (in England)
    and service areas."""
    out = subprocess.run([BINARY, "tracker", "--head-of-service", head, "--status", "open",
                          "--json", "--database", database],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    return [(row["month"], row["service_area"]) for row in json.loads(out)["rows"]]


def shown(view):
    """The count the view says it shows ("12 shown, 9 still open"), or None."""
    label = walk(view.node, lambda n: n.roleName == "label" and
                 (n.name or "").endswith(" still open") and " shown, " in (n.name or ""),
                 first=True)
    return int(label.name.split()[0]) if label is not None else None


def wait_shown(view, want, what):
    wait_for(lambda: shown(view) == want, f"{what}: {want} rows (the view says {shown(view)})")
    print(f"# {what}: {want} rows")


def month_label(month):
    return datetime.date(int(month[:4]), int(month[5:]), 1).strftime("%B %Y")


def default_from():
    """The first month the view shows at first: the last twelve, this one included."""
    today = datetime.date.today()
    first = today.year * 12 + today.month - 1 - 11
    return f"{first // 12:04d}-{first % 12 + 1:02d}"


def check_filters(app, view, database, folder, head, head_name, since):
    """The service area and the months narrow the list to the command line's rows for the
    same filters (SINCE: the first month shown now, or None for every month); the menu
    exports the rows shown and opens the print dialog."""
    rows = open_rows(database, head)

    def count(area=None, first=None, last=None):
        return sum((area is None or a == area) and (first is None or m >= first) and
                   (last is None or m <= last) for m, a in rows)

    total = count(first=since)
    wait_shown(view, total, f"from {since or 'the first month'}")
    areas = sorted({a for m, a in rows if since is None or m >= since})
    area = min(areas, key=lambda a: count(a, since))
    check(len(areas) > 1 and count(area, since) < total,
          f"“{area}” has fewer rows ({count(area, since)}) than all ({total})")
    choose_in_popover(view.find("combo box", "Filter by service area", prefix=True), area)
    wait_shown(view, count(area, since), f"“{area}” alone")

    newest = max(m for m, a in rows if a == area)
    choose_in_popover(view.find("combo box", "Submitted to", prefix=True), month_label(newest))
    choose_in_popover(view.find("combo box", "Submitted from", prefix=True), month_label(newest))
    want = count(area, newest, newest)
    wait_shown(view, want, f"“{area}”, {newest} alone")

    # The rows shown as a PDF, from the view's menu.
    pdf = os.path.join(folder, "tracker.pdf")
    click(view.find("push button", "Tracker Menu"))
    activate_menu_item(app, "Export as PDF…")
    file_chooser(app, "Export the Tracker as PDF", pdf, location=False)
    app.toast(r"^PDF exported$")
    check(os.stat(pdf).st_mode & 0o777 == 0o600, "the PDF is its owner's alone")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", pdf], check=True, stdout=subprocess.PIPE,
                              text=True).stdout
        check("842 x 595 pts" in info, f"the PDF is A4 landscape: {info}")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], check=True,
                              stdout=subprocess.PIPE, text=True).stdout
        check(f"Head of Service Tracker: {head_name}" in text, "the PDF names the Head of Service")
        check(f"{want} audit" in text and month_label(newest) in text and area in text,
              f"the PDF has the {want} rows shown, of {area} in {month_label(newest)}")

    # Print…: the print dialog opens with the document read; Escape closes it.
    click(view.find("push button", "Tracker Menu"))
    activate_menu_item(app, "Print…")
    wait_for(lambda: app.window_named("Print"), "the print dialog")
    rawinput.pressKey("Escape")
    wait_for(lambda: not app.window_named("Print"), "the print dialog to close")


def set_staff_id(app, staff_ref, row_of_case):
    """The staff ID in Preferences, typed and applied as a person would; the Tracker reads
    its rows again, the case's among them (a line manager's service areas hold their
    worker's case)."""
    old_row = row_of_case()
    prefs = Preferences(app)
    prefs.page("Deadlines")
    type_into(prefs.find("text", "Your staff ID"), staff_ref)
    rawinput.pressKey("Return")
    rawinput.pressKey("Escape")
    wait_for(lambda: not prefs.is_open(), "the preferences to close", timeout=10)
    wait_for(lambda: not on_screen(old_row) and row_of_case() is not None,
             f"the tracker read again for {staff_ref}")


def check_action(app, view, database, case_ref, audit_id, head, head_name, row_of_case):
    """An action of the case opened: marked done by the Head of Service, their sign-off
    refused in words, then signed off by the worker's line manager. Buttons are pressed
    through their own action: an opened row may reach below the window's edge."""
    action_id, number, description, lm_ref, lm_name, worker = query(database, """
        SELECT x.id, (SELECT count(*) FROM action y WHERE y.audit_id = x.audit_id
                      AND y.id <= x.id), x.description, lm.staff_ref, lm.name, w.name
        FROM action x JOIN audit a ON a.id = x.audit_id JOIN case_file c ON c.id = a.case_id
        JOIN staff w ON w.id = c.allocated_worker_id JOIN staff lm ON lm.id = w.line_manager_id
        WHERE x.audit_id = ? AND x.completed_on IS NULL ORDER BY x.id LIMIT 1""", audit_id)[0]
    print(f"# action {number} ({action_id}) of {case_ref}: {worker}, managed by {lm_name}")

    def action_row(state):
        name = f"Action {number}, {state}: {description}"
        return wait_for(lambda: walk(view.node, lambda n: n.name == name, first=True),
                        f"the action's row saying “{state}”")

    action_row("Overdue" if query(database, "SELECT due_date < date('now') FROM action "
                                            "WHERE id = ?", action_id)[0][0]
               else "Not done yet")
    # By the keyboard, as Tab leaves the list: down the opened row to the action, and Enter.
    view.find("push button", f"Mark Done: {case_ref} action {number}")
    for _ in range(15):
        focused = focused_below(view.node)
        if focused is not None and (focused.name or "").startswith(f"Action {number}, "):
            break
        rawinput.pressKey("Down")
        time.sleep(0.2)
    else:
        check(False, f"the arrows reach action {number}")
    rawinput.pressKey("Return")
    dialog = app.window("Mark the Action Done?")
    done = dialog_button(dialog.node, "Mark Done")
    check(not done.sensitive, "Mark Done waits for the evidence")
    insert_text(dialog.find("text", "Evidence (required)"), "Discussed in supervision on Tuesday")
    wait_for(lambda: done.sensitive, "Mark Done to be allowed")
    app.screenshot("tracker-action-done-dialog-light")
    click(done)
    app.toast(rf"^{case_ref}: action {number} marked done$")
    row = action_row("Done, to sign off")
    check(query(database, """SELECT s.staff_ref, x.evidence FROM action x
                             JOIN staff s ON s.id = x.completed_by WHERE x.id = ?""",
                action_id) == [(head, "Discussed in supervision on Tuesday")],
          "the action is done, by the staff ID in Preferences, with its evidence")
    check(f"by {head_name}: Discussed in supervision" in (row.description or ""),
          f"the row says by whom and the evidence: {row.description}")

    # The Head of Service is not the worker's line manager: refused in words, nothing asked.
    press(view.find("push button", f"Sign Off: {case_ref} action {number}"))
    notice = app.window("Only the Line Manager Signs Off")
    app.dialog_label_matching(rf"^Only the social worker’s line manager can sign off an "
                              rf"action\. {worker}’s line manager is {lm_name} \({lm_ref}\), "
                              rf"not you \({head}\)\.$")
    check(app.window_named("Sign Off the Action?") is None, "no dialog for the wrong person")
    app.screenshot("tracker-action-refused-light")
    click(dialog_button(notice.node, "Close"))
    wait_for(lambda: not app.window_named("Only the Line Manager Signs Off"),
             "the message to close")

    set_staff_id(app, lm_ref, row_of_case)
    press(view.find("push button", f"Sign Off: {case_ref} action {number}"))
    dialog = app.window("Sign Off the Action?")
    app.screenshot("tracker-action-sign-off-dialog-light")
    # By the keyboard: the date row has the focus, and Enter signs it off.
    rawinput.pressKey("Return")
    app.toast(rf"^{case_ref}: action {number} signed off$")
    action_row("Signed off")
    check(query(database, """SELECT s.staff_ref, x.signed_off_on = x.completed_on FROM action x
                             JOIN staff s ON s.id = x.signed_off_by WHERE x.id = ?""",
                action_id) == [(lm_ref, 1)], "signed off by the line manager, today")
    check(query(database, """SELECT count(*) FROM change_history WHERE entity = 'action'
                             AND entity_id = ? AND field IN ('completed_on', 'completed_by',
                             'evidence', 'signed_off_on', 'signed_off_by')""",
                action_id)[0][0] == 5, "and in the action's history")
    app.screenshot("tracker-actions-light")
    set_staff_id(app, head, row_of_case)


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-tracker-")
    database = make_demo_database(folder)
    subprocess.run([BINARY, "escalate", "--on", "2026-10-31", "--database", database],
                   check=True, stdout=subprocess.DEVNULL)
    head, head_name, audit_id, case_ref, submitted = query(database, """
        SELECT h.staff_ref, h.name, a.id, c.case_ref, a.submitted_at FROM escalation e
        JOIN staff h ON h.id = e.head_of_service_id JOIN audit a ON a.id = e.audit_id
        JOIN case_file c ON c.id = a.case_id
        WHERE a.category = 2 AND a.overall_grade = 'inadequate'
          AND a.recommendations_checked_at IS NULL AND h.active = 1
        ORDER BY a.submitted_at DESC, c.case_ref LIMIT 1""")[0]
    print(f"# {case_ref} (audit {audit_id}) escalated to {head_name} ({head})")
    # Two more of its actions, from the command line: one done and signed off by the
    # worker's line manager, one done, so that every state shows.
    (worker_ref, lm_ref), = query(database, """
        SELECT w.staff_ref, lm.staff_ref FROM audit a JOIN case_file c ON c.id = a.case_id
        JOIN staff w ON w.id = c.allocated_worker_id JOIN staff lm ON lm.id = w.line_manager_id
        WHERE a.id = ?""", audit_id)
    # (id, its number on the audit) of the first three not done
    first, signed, done = [(action, number) for number, (action, completed) in enumerate(
        query(database, "SELECT id, completed_on FROM action WHERE audit_id = ? ORDER BY id",
              audit_id), start=1) if completed is None][:3]
    for action, _ in (signed, done):
        subprocess.run([BINARY, "action", "done", str(action), "--by", worker_ref, "--evidence",
                        "Recorded on the child's file", "--database", database],
                       check=True, stdout=subprocess.DEVNULL)
    subprocess.run([BINARY, "action", "sign-off", str(signed[0]), "--by", lm_ref,
                    "--database", database], check=True, stdout=subprocess.DEVNULL)

    # The view shows the last twelve months at first: every month if the case is older.
    since = default_from() if submitted[:7] >= default_from() else None

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
            if since is None:
                choose_in_popover(view.find("combo box", "Submitted from", prefix=True),
                                  "Earliest")
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
                # Its actions, read on the worker, each with its state and a button.
                view.find("push button", f"Mark Done: {case_ref} action {first[1]}")
                view.find("push button", f"Sign Off: {case_ref} action {done[1]}")
                view.find_where(lambda n: (n.name or "").startswith(
                                    f"Action {signed[1]}, Signed off: "),
                                f"action {signed[1]} signed off")
                app.screenshot("tracker-actions-dark")
                # The e-mail to the Head of Service it was escalated to (R-I1).
                press(view.find("push button", f"E-mail {head_name} about {case_ref}"))
                eml = os.path.join(folder, "escalation.eml")
                file_chooser(app, "Save E-mail", eml)
                wait_for(lambda: os.path.exists(eml), "the escalation e-mail saved")
                with open(eml, encoding="utf-8", errors="replace") as f:
                    text = f.read().replace("\n ", " ")  # headers unfolded
                check(f"audit {case_ref}, recommendations not checked in time" in text,
                      f"the escalation e-mail's subject: {text[:300]}")
                check(oct(os.stat(eml).st_mode & 0o777) == "0o600",
                      "the e-mail readable by its owner only")
                bad = [name for node in [view.find("combo box", label, prefix=True)
                                         for label in ("Whose service areas",
                                                       "Filter by service area",
                                                       "Filter by sign-off", "Which audits",
                                                       "Submitted from", "Submitted to")]
                       + [view.find("push button", "Tracker Menu"), row_of_case()]
                       for name in badly_named_controls(node)]
                check(not bad, f"every control has one name: {bad}")
                check_filters(app, view, database, folder, head, head_name, since)
                app.screenshot("tracker-filtered-dark")
                continue

            # One of its actions done and signed off. The row stays open when the tracker
            # is read again (after each write, and the staff ID changed in Preferences).
            click(row)
            check_action(app, view, database, case_ref, audit_id, head, head_name, row_of_case)

            # The recommendations checked, with a note; the row stays open.
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
