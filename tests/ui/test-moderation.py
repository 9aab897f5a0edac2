#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Moderation view (R-H2, R-H4), through the accessibility tree: after a month's sample is
drawn with the command line, the Queue page lists every moderation waiting by due date, says
which are overdue in words, narrows to "Mine" (the staff ID in Preferences), to the overdue and
to a service area, and a row opens its audit; the Agreement page says what the command line's
`agreement` says, and groups by service area as its JSON does. Every control has one name.
Light and dark."""

import datetime
import json
import sqlite3
import subprocess
import sys
import tempfile

from dogtail.config import config

from editorui import editor_of

from caui import (BINARY, App, badly_named_controls, check, choose_in_popover, click,
                  make_demo_database, show_view, wait_for, walk)


# The queue lists every moderation waiting: more than dogtail's 100 children at a time.
config.childrenLimit = 1000


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def cli(database, *words):
    return subprocess.run([BINARY, *words, "--database", database], check=True,
                          capture_output=True, text=True).stdout


def rows_of(node):
    return [row for row in node.children if row.roleName in ("list item", "row", "panel")
            and row.name]


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-moderation-")
    database = make_demo_database(folder)
    # The generated year has moderations for every month; take September's away and draw
    # its sample as a CPP lead would, with the command line.
    with sqlite3.connect(database) as db:
        db.executescript("""
            DELETE FROM moderation_section WHERE moderation_id IN (SELECT m.id FROM moderation m
              JOIN audit a ON a.id = m.audit_id WHERE substr(a.submitted_at, 1, 7) = '2026-09');
            DELETE FROM moderation WHERE audit_id IN (SELECT id FROM audit
              WHERE substr(submitted_at, 1, 7) = '2026-09');""")
    cli(database, "moderation", "sample", "2026-09", "--commit")
    waiting = query(database, """
        SELECT c.case_ref, mo.staff_ref, sa.name, m.due_date FROM moderation m
        JOIN audit a ON a.id = m.audit_id JOIN case_file c ON c.id = a.case_id
        JOIN team t ON t.id = c.team_id JOIN service_area sa ON sa.id = t.service_area_id
        JOIN staff mo ON mo.id = m.moderator_id
        WHERE m.moderated_on IS NULL ORDER BY m.due_date, c.case_ref, m.id""")
    today = datetime.date.today().isoformat()
    me = query(database, """SELECT s.staff_ref FROM moderation m JOIN staff s
                            ON s.id = m.moderator_id WHERE m.moderated_on IS NULL
                            GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""")[0][0]
    print(f"# {len(waiting)} waiting; me = {me}")

    for scheme in ("light", "dark"):
        env = {"ADW_DEBUG_COLOR_SCHEME": f"prefer-{scheme}"}
        # Tall enough for the grouping's list to open inside the window: under Xvfb, with no
        # window manager, a popover reaching past its window does not take Return.
        app = App(database, env, settings={"staff-ref": me, "window-width": 1100,
                                           "window-height": 880})
        try:
            app.find("list", "Audits")
            show_view(app, "Moderation")
            view = app.part("CaModerationView", timeout=60)
            queue = view.find("list", "Moderations waiting", timeout=60)
            wait_for(lambda: len(rows_of(queue)) == len(waiting),
                     f"{len(waiting)} rows in the queue")
            rows = rows_of(queue)
            check(rows[0].name.startswith(waiting[0][0] + ","),
                  f"the earliest due first: {rows[0].name}")
            late = [w for w in waiting if w[3] < today]
            check(sum("Overdue since" in row.name for row in rows) == len(late),
                  f"{len(late)} said to be overdue in words")
            view.find("label", f"{len(waiting)} waiting, {len(late)} overdue"
                      if late else f"{len(waiting)} waiting")
            app.screenshot(f"moderation-queue-{scheme}")
            if scheme == "dark":
                bad = badly_named_controls(view.node)
                check(not bad, f"every control has one name: {bad}")
                continue

            # Mine: the moderations of the staff ID in Preferences.
            choose_in_popover(view.find("combo box", "Whose moderations", prefix=True), "Mine")
            mine = [w for w in waiting if w[1] == me]
            wait_for(lambda: len(rows_of(queue)) == len(mine), f"{len(mine)} rows for {me}")
            # The overdue alone.
            choose_in_popover(view.find("combo box", "Whose moderations", prefix=True),
                              "Everyone’s")
            choose_in_popover(view.find("combo box", "Filter by status", prefix=True), "Overdue")
            wait_for(lambda: len(rows_of(queue)) == len(late) or
                     (not late and view.find("label", "No moderation waiting matches the filters.")),
                     "the overdue alone")
            choose_in_popover(view.find("combo box", "Filter by status", prefix=True),
                              "All waiting")
            # One service area.
            area = sorted({w[2] for w in waiting})[0]
            choose_in_popover(view.find("combo box", "Filter by service area", prefix=True), area)
            in_area = [w for w in waiting if w[2] == area]
            wait_for(lambda: len(rows_of(queue)) == len(in_area), f"{len(in_area)} rows in {area}")
            first_case = rows_of(queue)[0].name.split(",")[0]

            # The Agreement page says what the command line says.
            click(view.find("page tab", "Agreement"))
            text = cli(database, "agreement")
            sentence = [line.strip() for line in text.splitlines()
                        if line.strip().startswith("Moderators agreed")][0]
            view.find("label", sentence, timeout=60)
            groups = json.loads(cli(database, "agreement", "--by", "service-area", "--json"))["groups"]
            choose_in_popover(view.find("combo box", "Group the figures", prefix=True),
                              "By service area")
            # Rows below the fold count too: each group is a row named by its label.
            wait_for(lambda: [n.name for n in view.node.findChildren(
                lambda n: n.roleName == "list item" and n.name in
                {g["label"] for g in groups})] == [g["label"] for g in groups],
                f"a row for each of the {len(groups)} service areas, in order")
            app.screenshot("moderation-agreement-light")

            # A row opens its audit.
            click(view.find("page tab", "Queue"))
            row = wait_for(lambda: walk(queue, lambda n: (n.name or "").startswith(first_case + ","),
                                        first=True), f"the row of {first_case}")
            click(row)
            editor = editor_of(app)
            wait_for(lambda: walk(editor, lambda n: n.roleName == "label" and
                                  first_case in (n.name or ""), first=True),
                     f"the audit of {first_case} in the editor")
        finally:
            app.close()
    print("ok")


if __name__ == "__main__":
    sys.exit(main())
