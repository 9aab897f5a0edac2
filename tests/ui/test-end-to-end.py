#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""From an empty database to a month's audits on the calendar, through the accessibility tree
alone (R-B2, R-C3, R-C5, R-D1–R-D5): the welcome page's import assistant takes teams, staff
with their line managers and a case list from small generated CSV files; the Calendar loads the
2021 example programme; the Allocation view previews March 2021 and commits it through its
dialog; the database holds the run and its audits, due on the programme's return date, none
with an auditor who is the worker, in the worker's team or above the worker; the Calendar's
return day says how many audit returns fall due and one of them opens an audit of the run."""

import datetime
import os
import re
import sqlite3
import sys
import tempfile
import time

import dogtail.rawinput as rawinput

from caui import (App, Assistant, Calendar, View, check, click, columns_shown, day_name,
                  file_chooser, on_screen, open_popover, popover_closed, press, preview_rows,
                  row_nodes, set_seed, wait_for)

START = time.monotonic()
MONTH, MONTH_LABEL = "2021-03", "March 2021"
RETURN_DAY = datetime.date(2021, 3, 22)  # the 2021 programme's social-care return date
SEED = 2021
TEAMS = [("Assessment North", "Assessment & Intervention", "North", "A"),
         ("Assessment South", "Assessment & Intervention", "South", "A"),
         ("Children in Care", "Children in Care", "Central", "A"),
         ("Reviewing Service", "Safeguarding & Quality", "Central", "B")]
# staff_id, name, role, team, line manager: Team Managers and IROs audit, practitioners do not.
STAFF = [("E2E-D1", "Dana Director", "strategic-director", "", ""),
         ("E2E-H1", "Harry Head", "head-of-service", "", "E2E-D1"),
         ("E2E-H2", "Hana Quality", "head-of-service", "", "E2E-D1"),
         ("E2E-TM1", "Tom North", "team-manager", "Assessment North", "E2E-H1"),
         ("E2E-TM2", "Tess South", "team-manager", "Assessment South", "E2E-H1"),
         ("E2E-TM3", "Theo Care", "team-manager", "Children in Care", "E2E-H1"),
         ("E2E-IRO1", "Ira Review", "iro", "Reviewing Service", "E2E-H2"),
         ("E2E-IRO2", "Ivo Review", "iro", "Reviewing Service", "E2E-H2"),
         ("E2E-IRO3", "Isla Review", "iro", "Reviewing Service", "E2E-H2")]
WORKERS = {"Assessment North": ("E2E-P1", "E2E-P2"), "Assessment South": ("E2E-P3", "E2E-P4"),
           "Children in Care": ("E2E-P5", "E2E-P6")}
CASES_PER_TEAM = 11  # 10% rounded up: two of each team's cases


def step(what):
    print(f"# {time.monotonic() - START:6.1f} s: {what}", flush=True)


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        f.write(header + "\r\n")
        for row in rows:
            f.write(",".join(row) + "\r\n")


def make_files(folder):
    """Teams, staff and cases as a council's extracts would give them."""
    teams = os.path.join(folder, "teams.csv")
    write_csv(teams, "team,service_area,locality,auditor_group", [list(t) for t in TEAMS])
    staff_rows = [[ref, name, f"{ref.lower()}@example.org", role, team, manager, "1"]
                  for ref, name, role, team, manager in STAFF]
    managers = {"Assessment North": "E2E-TM1", "Assessment South": "E2E-TM2",
                "Children in Care": "E2E-TM3"}
    for team, refs in WORKERS.items():
        for ref in refs:
            staff_rows.append([ref, f"Worker {ref[-1]}", f"{ref.lower()}@example.org",
                               "practitioner", team, managers[team], "1"])
    staff = os.path.join(folder, "staff.csv")
    write_csv(staff, "staff_id,name,email,role,team,line_manager_id,active", staff_rows)
    area = {t[0]: (t[1], t[2]) for t in TEAMS}
    statuses = ("child-in-need", "child-protection", "looked-after")
    case_rows = []
    for t, (team, refs) in enumerate(WORKERS.items()):
        for i in range(CASES_PER_TEAM):
            case_rows.append([f"E2E-{t + 1}{i + 1:02}", area[team][0], team, area[team][1],
                              refs[i % 2], f"2020-{i % 12 + 1:02}-1{i % 10}", "",
                              statuses[(t + i) % 3], "WBRI", "2014-05",
                              ("female", "male")[i % 2], "0", "0"])
    cases = os.path.join(folder, "cases.csv")
    write_csv(cases, "case_ref,service_area,team,locality,allocated_worker_id,open_date,"
                     "close_date,legal_status,ethnicity,birth_month,gender,disability,restricted",
              case_rows)
    return teams, staff, cases, len(staff_rows), len(case_rows)


def import_file(assistant, kind, path, outcome, first=False):
    if not first:
        click(assistant.find("push button", "Import Another File"))
    click(assistant.find("check box", kind))
    click(assistant.find("push button", "Choose CSV File…"))
    file_chooser(assistant.app, "Choose a CSV File", path)
    columns_shown(assistant)
    check(not assistant.find_all("label", "Required: choose the column that holds it"),
          f"the {kind} file's canonical header maps every field")
    # The first rows are named for a screen reader by their cells under their headers.
    preview = assistant.find("tree table", "First rows of the file")
    header = open(path, encoding="utf-8").readline().strip().split(",")
    named = row_nodes(preview, 1)[0].name or ""
    check(named.startswith(f"{header[0]}: "), f"the first row is named by its cells: {named!r}")
    click(assistant.find("push button", "Import"))
    assistant.label("Import Complete", timeout=60)
    assistant.label(outcome, prefix=True)


def choose_month(view, database, month):
    """Opens the programme month's list and moves to MONTH with the keyboard: the list is in
    a popover, whose items a pointer cannot reach under GTK 4.8's coordinates."""
    months = [m for (m,) in query(database, "SELECT DISTINCT month FROM programme_entry "
                                            "WHERE strand = 'social-care' ORDER BY month")]
    row = wait_for(lambda: next((n for n in view.node.findChildren(
        lambda n: (n.name or "").startswith("Programme month") and n.roleName != "label")
        if on_screen(n)), None), "the programme month's row")
    open_popover(row)
    rawinput.pressKey("Home")
    for _ in range(months.index(month)):
        rawinput.pressKey("Down")
    rawinput.pressKey("Return")
    popover_closed(row)


def chain_of(database, staff_id):
    """The worker and everyone above them."""
    chain = []
    current = staff_id
    while current is not None and current not in chain:
        chain.append(current)
        current = query(database, "SELECT line_manager_id FROM staff WHERE id = ?", current)[0][0]
    return chain


def check_committed(database, n_placed):
    runs = query(database, "SELECT id, month, seed FROM allocation_run")
    check(len(runs) == 1, f"one allocation run stored: {runs}")
    run_id, month, seed = runs[0]
    check(month == MONTH and seed == SEED, f"the run's month and seed: {month} {seed}")
    audits = query(database,
                   "SELECT a.id, a.status, a.due_date, c.case_ref, a.auditor_id, "
                   "       c.allocated_worker_id, c.team_id, "
                   "       (SELECT team_id FROM staff WHERE id = a.auditor_id), "
                   "       (SELECT team_id FROM staff WHERE id = c.allocated_worker_id) "
                   "FROM audit a JOIN case_file c ON c.id = a.case_id "
                   "WHERE a.allocation_run_id = ?", run_id)
    check(len(audits) == n_placed, f"{n_placed} audits in the run, found {len(audits)}")
    check(query(database, "SELECT count(*) FROM audit WHERE allocation_run_id IS NULL") == [(0,)],
          "every audit belongs to the run")
    for audit_id, status, due, ref, auditor, worker, case_team, auditor_team, worker_team in audits:
        check(status == "allocated", f"{ref}: status {status}")
        check(due == RETURN_DAY.isoformat(), f"{ref}: due {due}, not the return date")
        check(auditor not in chain_of(database, worker),
              f"{ref}: the auditor is the worker or above them")
        check(auditor_team is None or auditor_team not in (case_team, worker_team),
              f"{ref}: the auditor works in the case's team")
    return run_id, {a[3] for a in audits}


def month_shown(calendar):
    heading = calendar.label(r"^(January|February|March|April|May|June|July|August|September|"
                             r"October|November|December) \d{4}$")
    return datetime.datetime.strptime(heading.name, "%B %Y").date()


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-e2e-")
    teams, staff, cases, n_staff, n_cases = make_files(folder)

    # A first start: the default database, made empty on first use.
    app = App(None, {"ADW_DEBUG_COLOR_SCHEME": "prefer-light"},
              settings={"window-width": 1280, "window-height": 900})
    database = os.path.join(app.folder, "data", "case-audit", "case-audit.db")
    assistant = None
    try:
        step("an empty database welcomes, and its button opens the import assistant")
        app.label_matching("^Welcome to Case Audit$")
        click(app.find("push button", "Import from CSV Files…"))
        assistant = Assistant(app, open_with_keys=False)
        import_file(assistant, "Teams", teams,
                    f"Imported {len(TEAMS)} teams ({len(TEAMS)} new, 0 updated).", first=True)
        import_file(assistant, "Staff", staff,
                    f"Imported {n_staff} members of staff ({n_staff} new, 0 updated).")
        import_file(assistant, "Case List", cases,
                    f"Imported {n_cases} case files ({n_cases} new, 0 updated).")
        app.screenshot("end-to-end-imported")
        check(query(database, "SELECT count(*) FROM staff s JOIN staff m "
                              "ON m.id = s.line_manager_id") == [(n_staff - 1,)],
              "every member of staff but the director has a line manager")
        check(query(database, "SELECT count(*) FROM case_file") == [(n_cases,)], "the cases")
        click(assistant.find("push button", "Done"))
        wait_for(lambda: not on_screen(assistant.node), "the assistant to close")
        assistant = None

        step("the case list is in: the views replace the welcome, and the calendar offers "
             "the example programme")
        calendar = Calendar(app)
        press(calendar.find("push button", "Load the 2021 Example Programme"))
        wait_for(lambda: query(database, "SELECT count(*) FROM programme_entry WHERE month = ? "
                                         "AND strand = 'social-care' AND return_date = ?",
                               MONTH, RETURN_DAY.isoformat()) == [(1,)],
                 "the 2021 programme in the database")
        calendar.label("^January 2021$")

        step("the Allocation view: March 2021, seeded, previewed")
        view = View(app)
        view.find("push button", "Preview")
        choose_month(view, database, MONTH)
        view.label_matching("^" + MONTH_LABEL + "$")
        set_seed(view, SEED)
        press(view.find("push button", "Preview"))
        table, rows = preview_rows(view)
        summary = view.label_matching(r"^March 2021: \d+ cases? sampled from \d+ eligible")
        sampled = int(re.search(r": (\d+) cases? sampled", summary.name).group(1))
        placed = int(re.search(r"(\d+) placed with", summary.name).group(1))
        step(f"preview: {summary.name}")
        check(sampled == 2 * len(WORKERS), f"two of each team's 11 open cases: {summary.name}")
        check(placed == sampled, f"every sampled case is placed: {summary.name}")
        check(len(rows) == placed, f"{placed} rows in the preview, {len(rows)} shown")
        auditors = {name: ref for ref, name, *_ in STAFF}
        for row in rows:
            ref = row[0].split(" ")[0]
            check(re.fullmatch(r"E2E-\d{3}", ref) is not None, f"a case of ours: {row}")
            check(row[2] in auditors, f"{ref}: an auditing manager or IRO, {row[2]!r}")
            check(row[3].strip() != "", f"{ref}: the pick is explained")
        app.screenshot("end-to-end-preview")

        step("commit through the dialog")
        press(view.find("push button", "Commit…"))
        dialog = wait_for(lambda: next((c for c in app.node.children
                                        if c.name != app.frame.name and on_screen(c)), None),
                          "the confirmation dialog")
        press(wait_for(lambda: next((b for b in dialog.findChildren(
            lambda n: n.roleName == "push button" and n.name == "Commit")),
            None), "the dialog's Commit button"))
        wait_for(lambda: query(database, "SELECT count(*) FROM allocation_run")[0][0] == 1,
                 "the run in the database", 60)
        run_id, run_refs = check_committed(database, placed)
        check(run_refs == {r[0].split(" ")[0] for r in rows}, "the previewed cases were committed")
        step(f"run {run_id} committed: {sorted(run_refs)}")

        step("the Calendar: the return day counts the run's audit returns")
        n_due = query(database, "SELECT count(*) FROM audit WHERE due_date = ?",
                      RETURN_DAY.isoformat())[0][0]
        check(n_due == placed, f"{placed} audits due on the return day, {n_due} found")
        calendar = Calendar(app)
        shown = month_shown(calendar)
        click(calendar.cell(shown))  # the first of the month shown, to take the keyboard
        calendar.go_to(shown, RETURN_DAY)
        spoken = re.compile(rf"^{day_name(RETURN_DAY)}: .*\b{n_due} audit returns\b")
        last = [None]

        def summary_says():
            last[0] = calendar.cell(RETURN_DAY).name
            return spoken.search(last[0])
        try:
            wait_for(summary_says, "the return day's summary", 30)
        except AssertionError:
            raise AssertionError(f"the return day says {last[0]!r}")
        check("programme return date" in last[0], f"the programme's date is said: {last[0]!r}")
        calendar.label(f"^{day_name(RETURN_DAY)}$")
        calendar.label(r"^Audit return due: E2E-\d{3}$")
        app.screenshot("end-to-end-calendar")

        step("Enter lists the day; its first audit return opens an audit of the run")
        click(calendar.cell(RETURN_DAY))
        rawinput.pressKey("Return")
        time.sleep(0.5)
        # The programme's dates are listed first, in the order the summary says them.
        n_programme = sum(1 for part in last[0].split(": ", 1)[1].split(", ")
                          if not part[0].isdigit())
        for _ in range(n_programme):
            rawinput.pressKey("Down")
            time.sleep(0.3)
        rawinput.pressKey("Return")
        app.find("push button", "Audit Menu")
        # Audit returns are listed by case reference: the first is the run's lowest.
        first = min(run_refs)
        opened = app.label_matching("^(" + "|".join(sorted(run_refs)) + ")$")
        check(opened.name == first, f"the audit opened is the first listed, {first}: "
                                    f"{opened.name}")
        app.screenshot("end-to-end-opened-audit")
    except Exception:
        if assistant is not None:
            assistant.dump()
        raise
    finally:
        app.close()

    print("ok - imported, allocated, committed and found on the calendar through the UI")
    return 0


if __name__ == "__main__":
    sys.exit(main())
