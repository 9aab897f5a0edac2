#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Allocation view end to end on a one-year demo database: a seeded preview whose rows
keep the hard rules (checked against the database, and against `case-audit allocate` when the
command is there), commit through the confirmation dialog, the new audits in the database
with their run, the auditors' e-mails saved into a folder and parsed back, quota progress
with shortfalls in words. Screenshots light and dark, wide and narrow (360 px)."""

import email
import email.policy
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

import dogtail.rawinput as rawinput

from caui import (App, BINARY, View, badly_named_controls, check, click, file_chooser,
                  focused_below, make_demo_database, on_screen, press, preview_rows, row_count,
                  row_nodes, rows_of, set_seed, toast_button, wait_for)

MONTH = "2026-11"
MONTH_LABEL = "November 2026"
SEED = 4242
START = time.monotonic()


def step(what):
    print(f"# {time.monotonic() - START:6.1f} s: {what}", flush=True)


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def find_prefix(app, role, prefix, timeout=30.0):
    def look():
        for node in app.node.findChildren(lambda n: n.roleName == role and
                                          (n.name or "").startswith(prefix)):
            if on_screen(node):
                return node
        return None
    return wait_for(look, f"a visible {role} starting {prefix!r}", timeout)


def person_capacity(view, database, quota):
    """One person on leave: 0 audits a month of their own, then their role's number back."""
    step("a person's own audits a month")
    buttons = [n.name for n in row_nodes(quota)[0].findChildren(
        lambda n: n.roleName == "push button" and ": audits a month" in (n.name or ""))]
    check(buttons, "the first row has an audits-a-month button")
    person = buttons[0].split(": audits a month")[0]
    row_name = row_nodes(quota)[0].name or ""
    check(row_name.startswith(f"{person}, ") and "a month" in row_name,
          f"the quota row is named by its content: {row_name!r}")
    found = query(database, "SELECT s.id, r.monthly_capacity FROM staff s "
                            "JOIN role r ON r.code = s.role_code "
                            "WHERE s.active = 1 AND r.quota IS NOT NULL AND s.name = ?", person)
    check(len(found) == 1, f"one auditor called {person}")
    staff_id, role_capacity = found[0]
    # A menu button has no "click" action of its own in GTK 4.8: the pointer opens it.
    click(view.find("push button", f"{person}: audits a month"))
    spin = view.find("spin button", f"{person}: audits a month")
    spin.queryEditableText().setTextContents("0")
    spin.queryValue().currentValue = 0.0
    press(view.find("push button", "Set"))
    wait_for(lambda: query(database, "SELECT monthly_capacity FROM staff WHERE id = ?",
                           staff_id) == [(0,)], "their own 0 in the database", 10)
    check(query(database, "SELECT old_value, new_value FROM change_history WHERE "
                          "entity = 'staff' AND entity_id = ? AND field = 'monthly_capacity'",
                          staff_id) == [(None, "0")], "one line of history for the change")
    wait_for(lambda: any(r[2] == f"0 (role: {role_capacity})" for r in rows_of(quota)),
             "their row shows their own number beside the role's")
    view.app.screenshot("allocation-quota-own-light")

    click(view.find("push button", f"{person}: audits a month"))
    press(view.find("push button", "Use the Role’s Number"))
    wait_for(lambda: query(database, "SELECT monthly_capacity FROM staff WHERE id = ?",
                           staff_id) == [(None,)], "their own number cleared", 10)
    wait_for(lambda: not any(r[2].startswith("0 (role") for r in rows_of(quota)),
             "their row shows the role's number again")
    step("a person's own audits a month set and cleared")
    return staff_id, person


def open_allocation(app):
    view = View(app)
    view.find("push button", "Preview")
    return view


def check_rows_keep_rules(database, rows):
    """Each shown pick is a real case and an auditor with a quota who is not its worker, not
    in the worker's line-management chain and not in the same team."""
    for row in rows:
        case_ref = row[0].split(" ")[0]
        auditor = row[2]
        found = query(database,
                      "SELECT c.team_id, c.allocated_worker_id FROM case_file c "
                      "WHERE c.case_ref = ?", case_ref)
        check(len(found) == 1, f"{case_ref} is a case in the database")
        team_id, worker_id = found[0]
        staff = query(database,
                      "SELECT s.id, s.team_id FROM staff s JOIN role r ON r.code = s.role_code "
                      "WHERE s.name = ? AND s.active = 1 AND r.quota IS NOT NULL", auditor)
        check(len(staff) >= 1, f"{auditor} is an active auditor")
        ok = False
        for staff_id, staff_team in staff:
            chain = set()
            current = worker_id
            while current is not None and current not in chain:
                chain.add(current)
                current = query(database, "SELECT line_manager_id FROM staff WHERE id = ?",
                                current)[0][0]
            if staff_id not in chain and staff_team != team_id:
                ok = True
        check(ok, f"{auditor} may audit {case_ref} (not the worker, chain or team)")
        check(row[3].strip() != "", f"the pick of {case_ref} is explained")


def cli_allocation(database):
    """`case-audit allocate MONTH --seed N --json`, or None when the command is not built in."""
    result = subprocess.run([BINARY, "allocate", MONTH, "--seed", str(SEED), "--json",
                             "--database", database], capture_output=True, text=True)
    if result.returncode != 0:
        print(f"# no allocate command to compare with: {result.stderr.strip()[:200]}")
        return None
    return json.loads(result.stdout)


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-alloc-")
    database = make_demo_database(folder)
    # The demo's last month is allocated already; the next one is what the CPP would run.
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO programme_entry (month, strand, focus, allocation_date, "
                   "return_date) VALUES (?, 'social-care', 'Planning', '2026-11-02', "
                   "'2026-11-23')", (MONTH,))
    mail_folder = os.path.join(folder, "e-mails")
    os.mkdir(mail_folder)
    runs_before = query(database, "SELECT count(*) FROM allocation_run")[0][0]
    check(runs_before == 0, "the demo database starts without allocation runs")

    app = App(database, {"ADW_DEBUG_COLOR_SCHEME": "prefer-light"},
              settings={"window-width": 1280, "window-height": 900})
    try:
        step("open the Allocation view")
        view = open_allocation(app)
        view.label_matching("^" + MONTH_LABEL + "$")
        set_seed(view, SEED)
        app.screenshot("allocation-settings-light")

        step("preview")
        press(view.find("push button", "Preview"))
        table, rows = preview_rows(view)
        step(f"{len(rows)} preview rows shown")
        check_rows_keep_rules(database, rows)
        summary = view.label_matching(r"^November 2026: \d+ cases? sampled from \d+ eligible")
        sampled = int(re.search(r": (\d+) cases? sampled", summary.name).group(1))
        placed = int(re.search(r"(\d+) placed with", summary.name).group(1))
        check(placed > 0 and placed <= sampled, f"the summary adds up: {summary.name}")
        view.label_matching(r"^Excluded")
        app.screenshot("allocation-preview-light")

        # Each row is named for a screen reader by all it shows (GTK 4.8 names a table row by
        # nothing): the case, its stratum, the auditor and why.
        first_rows = row_nodes(table, 5)
        for node, cells in zip(first_rows, rows):
            case_ref = cells[0].split(" ")[0]
            check((node.name or "").startswith(f"{case_ref}, {cells[1]}, to {cells[2]}: "),
                  f"the preview row is named by its content: {node.name!r}")

        # Tab leaves the preview from a row, rather than going on to the next of its rows.
        click(first_rows[0])
        wait_for(lambda: any(r.focused for r in row_nodes(table, 5)), "a preview row to take the focus")
        rawinput.pressKey("Tab")
        wait_for(lambda: not any(r.focused for r in row_nodes(table, 5)), "Tab to leave the preview")

        expected = cli_allocation(database)
        if expected is not None:
            shown = [r[0].split(" ")[0] for r in rows]
            cli_refs = [a["case_ref"] for a in expected["allocations"]]
            check(shown == cli_refs[:len(shown)],
                  f"the view shows the command line's run: {shown[:5]} vs {cli_refs[:5]}")
            check(len(expected["allocations"]) == placed,
                  "as many picks as the command line finds")
            for row, pick in zip(rows, expected["allocations"]):
                name = query(database, "SELECT name FROM staff WHERE staff_ref = ?",
                             pick["auditor_id"])[0][0]
                check(row[2] == name, f"{pick['case_ref']}: {row[2]} as on the command line "
                      f"({name})")
            step("the preview matches case-audit allocate --json")

        step("commit")
        press(view.find("push button", "Commit…"))
        dialog = wait_for(lambda: next((c for c in app.node.children
                                        if c.name != app.frame.name and on_screen(c)), None),
                          "the confirmation dialog")
        dialog_button = wait_for(lambda: next((b for b in dialog.findChildren(
            lambda n: n.roleName == "push button" and n.name == "Commit")),
            None), "the dialog's Commit button")
        app.screenshot("allocation-commit-dialog-light")
        press(dialog_button)
        wait_for(lambda: query(database, "SELECT count(*) FROM allocation_run")[0][0] == 1,
                 "the run in the database", 60)
        # The toast's own Save E-mails… button can be pressed (it was once greyed: the view's
        # actions are not found from the window's overlay).
        toast_save = wait_for(lambda: toast_button(app, "Save E-mails…"),
                              "the toast's Save E-mails… button", 15)
        check(toast_save.sensitive, "the toast's Save E-mails… button is enabled")
        run_id, run_month, seed = query(database,
                                        "SELECT id, month, seed FROM allocation_run")[0]
        check(run_month == MONTH and seed == SEED, f"the run's month and seed: {run_month} {seed}")
        audits = query(database, "SELECT a.status, a.due_date, c.case_ref FROM audit a "
                       "JOIN case_file c ON c.id = a.case_id WHERE a.allocation_run_id = ?",
                       run_id)
        check(len(audits) == placed, f"{placed} audits created, found {len(audits)}")
        check(all(status == "allocated" for status, _, _ in audits), "the audits are allocated")
        committed_refs = {ref for _, _, ref in audits}
        check({r[0].split(" ")[0] for r in rows} <= committed_refs,
              "the previewed cases are the committed ones")
        step("committed")

        step("save the e-mails")
        save = view.find("push button", "Save E-mails for November 2026", prefix=True)
        app.screenshot("allocation-runs-light")
        press(save)
        file_chooser(app, "Save E-mails in a Folder", mail_folder + "/", folder=True)
        n_auditors = query(database, "SELECT count(DISTINCT auditor_id) FROM audit "
                           "WHERE allocation_run_id = ?", run_id)[0][0]
        # One folder for the run, appearing whole: the same drafts as "allocate --emails".
        set_folder = os.path.join(mail_folder, f"Audit allocation 2026-11 (run {run_id})")
        wait_for(lambda: os.path.isdir(set_folder) and len(os.listdir(set_folder)) == n_auditors,
                 f"{n_auditors} e-mails in the run's folder", 30)
        check(os.listdir(mail_folder) == [os.path.basename(set_folder)],
              f"the run's folder and nothing else: {os.listdir(mail_folder)}")
        names = sorted(os.listdir(set_folder))
        check(all(n.startswith("Audit allocation 2026-11 – ") and n.endswith(".eml")
                  for n in names), f"the e-mails' names: {names[:3]}")
        path = os.path.join(set_folder, names[0])
        check(oct(os.stat(path).st_mode & 0o777) == "0o600", "each e-mail is private")
        with open(path, "rb") as f:
            message = email.message_from_bytes(f.read(), policy=email.policy.default)
        check(message["X-Unsent"] == "1", "the e-mail opens as a draft")
        check(message["Subject"].startswith("Case file audit"), f"subject: {message['Subject']}")
        text = message.get_body(preferencelist=("plain",)).get_content()
        auditor_name = re.search(r"^Dear (.+),", text).group(1)
        mine = query(database, "SELECT c.case_ref, a.due_date FROM audit a "
                     "JOIN case_file c ON c.id = a.case_id JOIN staff s ON s.id = a.auditor_id "
                     "WHERE a.allocation_run_id = ? AND s.name = ?", run_id, auditor_name)
        check(mine, f"{auditor_name} has audits in the run")
        for case_ref, _ in mine:
            check(f"Case reference: {case_ref}" in text, f"{case_ref} is in the e-mail")
        check("Confirm the allocated worker" in text and "Arrange the audit" in text,
              "the first steps are in the e-mail")
        check("Allocated worker:" in text and "Return by:" in text, "worker and return date")
        step("e-mails saved and read back")

        step("quota progress")
        click(view.find("page tab", "Quotas"))
        quota = view.find("tree table", "Quota progress")
        wait_for(lambda: row_count(quota) > 3, "rows of quota progress")
        statuses = [r[1] for r in rows_of(quota)]
        check(any(s.startswith("Behind by") for s in statuses) or
              all(s.startswith("On track") for s in statuses),
              f"statuses in words: {statuses[:5]}")
        view.label_matching(r"^\d+ of \d+ auditors? (is|are) behind their quota to date$")
        on_leave, on_leave_name = person_capacity(view, database, quota)
        app.screenshot("allocation-quota-light")

        step("keyboard and names on the quota page")
        # Tab goes from a row to its audits-a-month button and then out of the table; it
        # once went on to the same button in every row below.
        first = row_nodes(quota)[0]
        person = (first.name or "").split(",")[0]
        click(first)
        wait_for(lambda: focused_below(quota) is not None, "the first row to have the focus")
        rawinput.pressKey("Tab")
        wait_for(lambda: getattr(focused_below(quota), "name", None) ==
                 f"{person}: audits a month", f"Tab to reach {person}'s audits a month")
        rawinput.pressKey("Tab")
        wait_for(lambda: focused_below(quota) is None, "Tab to leave the quota table")
        wrong = badly_named_controls(app.node)
        check(not wrong, f"every control of the view is named once: wrong {wrong}")
    finally:
        app.close()

    # Dark, and the narrowest window: the settings and the runs still fit.
    app = App(database, {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"},
              settings={"window-width": 1280, "window-height": 900})
    try:
        view = open_allocation(app)
        set_seed(view, SEED + 1)
        press(view.find("push button", "Preview"))
        preview_rows(view)
        app.screenshot("allocation-preview-dark")
        click(view.find("page tab", "Runs"))
        view.find("push button", "Save E-mails for November 2026", prefix=True)
        app.screenshot("allocation-runs-dark")
        click(view.find("page tab", "Quotas"))
        view.find("tree table", "Quota progress")
        app.screenshot("allocation-quota-dark")
    finally:
        app.close()

    # Someone on leave, so the narrow table shows a person's own number beside their role's.
    query(database, "UPDATE staff SET monthly_capacity = 0 WHERE id = ?", on_leave)
    app = App(database, settings={"window-width": 360, "window-height": 700})
    try:
        view = open_allocation(app)
        preview = view.find("push button", "Preview")
        check(preview.position[0] + preview.size[0] <= 360, "Preview fits a narrow window")
        app.screenshot("allocation-settings-narrow")
        press(preview)
        preview_rows(view)
        app.screenshot("allocation-preview-narrow")
        click(view.find("page tab", "Quotas"))
        quota = view.find("tree table", "Quota progress")
        button = view.find("push button", f"{on_leave_name}: audits a month")
        role = view.find("label", "(role: 1)")
        right = quota.position[0] + quota.size[0]
        check(right <= app.frame.size[0] and button.position[0] + button.size[0] <= right and
              role.position[0] + role.size[0] <= right,
              "the audits-a-month column fits a narrow window's table")
        app.screenshot("allocation-quota-narrow")
    finally:
        app.close()

    print("ok - preview, commit, e-mails and quota progress in the Allocation view")
    return 0


if __name__ == "__main__":
    sys.exit(main())
