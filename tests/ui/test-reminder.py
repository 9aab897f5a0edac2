#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desktop reminder (R-I3): when a database opens, the person whose staff ID is in
Preferences is told what is due today or overdue for them, counted as the database has it,
Category 1 first and the notification then urgent; with no staff ID, nothing is sent. A fake
notification server on the session bus (fake-notifications.py) records what arrives."""

import datetime
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

from caui import App, check, make_demo_database, wait_for

HERE = os.path.dirname(os.path.abspath(__file__))


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def waiting_on(database, staff_id, today):
    """What waits on STAFF_ID on TODAY, and how much of it is overdue, counted here."""
    now_end = (datetime.date.fromisoformat(today) + datetime.timedelta(days=1)).isoformat()
    rows = query(database, """
        SELECT substr(review_due_at, 1, 10) FROM audit WHERE auditor_id = :s
          AND category BETWEEN 1 AND 3 AND review_due_at IS NOT NULL
          AND recommendations_checked_at IS NULL AND review_due_at < :end
        UNION ALL SELECT due_date FROM manager_response WHERE manager_id = :s
          AND responded_on IS NULL AND due_date <= :today
        UNION ALL SELECT due_date FROM action WHERE owner_id = :s
          AND completed_on IS NULL AND due_date <= :today
        UNION ALL SELECT due_date FROM audit WHERE auditor_id = :s AND submitted_at IS NULL
          AND status IN ('allocated', 'in-progress') AND due_date <= :today
        UNION ALL SELECT due_date FROM moderation WHERE moderator_id = :s
          AND moderated_on IS NULL AND due_date <= :today""".replace(":s", str(staff_id))
                 .replace(":today", f"'{today}'").replace(":end", f"'{now_end}'"))
    return len(rows), sum(1 for (due,) in rows if due < today)


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-reminder-")
    database = make_demo_database(folder)
    log = os.path.join(folder, "notifications.jsonl")
    server = subprocess.Popen([sys.executable, os.path.join(HERE, "fake-notifications.py"), log])
    try:
        wait_for(lambda: os.path.exists(log + ".ready"), "the fake notification server")
        today = datetime.date.today().isoformat()
        # Someone who owns an overdue action of a Category 1 audit.
        staff_id, staff_ref = query(database, """
            SELECT s.id, s.staff_ref FROM action x JOIN audit a ON a.id = x.audit_id
            JOIN staff s ON s.id = x.owner_id
            WHERE a.category = 1 AND x.completed_on IS NULL AND x.due_date < ?
            GROUP BY s.id ORDER BY count(*) DESC, s.staff_ref LIMIT 1""", today)[0]
        total, overdue = waiting_on(database, staff_id, today)
        print(f"# {staff_ref}: {total} waiting, {overdue} overdue")

        # No staff ID: nothing is sent.
        app = App(database)
        try:
            app.find("list", "Audits")
            time.sleep(2)
            check(not os.path.exists(log), "nothing is sent without a staff ID")
        finally:
            app.close()

        app = App(database, settings={"staff-ref": staff_ref})
        try:
            app.find("list", "Audits")
            wait_for(lambda: os.path.exists(log) and open(log).read().strip(),
                     "the reminder to arrive")
        finally:
            app.close()
        sent = [json.loads(line) for line in open(log)]
        check(len(sent) == 1, f"one reminder: {sent}")
        note = sent[0]
        wanted = (f"{total} things wait on you, {overdue} overdue" if overdue
                  else f"{total} things are due today")
        check(note["summary"] == wanted, f"the title counts as the database does: {note} "
              f"(wanted {wanted!r})")
        check(note["body"].splitlines()[0].startswith("Category 1 · "),
              f"Category 1 first: {note['body']!r}")
        check(note["urgency"] == 2, f"and urgent: {note}")
    finally:
        server.terminate()
    print("ok")


if __name__ == "__main__":
    sys.exit(main())
