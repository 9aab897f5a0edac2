#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The import assistant's values step through the accessibility tree (R-A2, R-B2): a staff
list saved as Windows-1252 with job titles Case Audit does not know is imported; the step
lists each unknown title with a drop-down of the roles, chosen by keyboard; the staff are in
the database with the chosen roles and their names intact, and the outcome says the file was
read as Windows-1252. The next staff list remembers those titles and asks only about a new
one. Preferences, Import Mappings, shows them; one is changed and one forgotten. The step is
saved light and dark."""

import os
import sqlite3
import sys
import tempfile
import time

import dogtail.rawinput as rawinput

from caui import (App, Assistant, check, click, columns_shown, file_chooser,
                  make_demo_database, on_screen, press, wait_for)

START = time.monotonic()


def step(what):
    print(f"# {time.monotonic() - START:6.1f} s: {what}", flush=True)


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def write_staff_1252(path, team, rows):
    """A staff list as Excel's plain "CSV" writes it on a UK PC: Windows-1252, CRLF."""
    text = "staff_id,name,role,team\r\n" + "".join(
        f"{ref},{name},{role},{team}\r\n" for ref, name, role in rows)
    with open(path, "wb") as f:
        f.write(text.encode("cp1252"))


def choose_staff_file(assistant, path):
    click(assistant.find("check box", "Staff"))
    click(assistant.find("push button", "Choose CSV File…"))
    file_chooser(assistant.app, "Choose a CSV File", path)
    columns_shown(assistant)


def values_shown(assistant):
    assistant.label("Step 2 of 3: Values to Match", timeout=60)
    time.sleep(0.5)


def choose(assistant, combo_name, steps):
    """Opens the value's drop-down and moves STEPS down from its first item, by keyboard."""
    click(assistant.find("combo box", combo_name))
    time.sleep(0.5)
    rawinput.pressKey("Home")
    for _ in range(steps):
        rawinput.pressKey("Down")
    rawinput.pressKey("Return")
    time.sleep(0.3)


class Preferences:
    def __init__(self, app):
        self.app = app
        rawinput.keyCombo("<Control>comma")
        self.node = wait_for(self._window, "the Preferences window")

    def _window(self):
        for child in self.app.node.children:
            if child.name == "Preferences" and on_screen(child):
                return child
        return None

    def find(self, role, name, timeout=20.0):
        def look():
            for node in self.node.findChildren(lambda n: n.roleName == role and
                                               ((n.name or "") == name or
                                                (n.name or "").startswith(name + " "))):
                if on_screen(node):
                    return node
            return None
        return wait_for(look, f"a visible {role} {name}", timeout)


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-import-values-")
    database = make_demo_database(folder)
    team = query(database, "SELECT name FROM team ORDER BY id LIMIT 1")[0][0]
    roles = [name for (name,) in query(database, "SELECT name FROM role ORDER BY rank, name")]
    codes = dict(query(database, "SELECT name, code FROM role"))

    def steps_to(role):
        return roles.index(role) + 1  # after "Choose…"

    first = os.path.join(folder, "staff-1252.csv")
    write_staff_1252(first, team, [("UV1", "Renée O’Brien", "Chief Wizard"),
                                   ("UV2", "Siân Hughes", "Budget Holder (£)"),
                                   ("UV3", "Tom Ward", "Social Worker"),
                                   ("UV4", "Ann Lee", "chief  wizard")])
    second = os.path.join(folder, "more-staff-1252.csv")
    write_staff_1252(second, team, [("UV5", "Zoë Ellis", "Chief Wizard"),
                                    ("UV6", "Bea Khan", "Arch Mage")])

    for scheme in ("light", "dark"):
        env = {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark" if scheme == "dark" else "prefer-light"}
        app = App(database, env)
        assistant = None
        try:
            app.find("list", "Audits")
            assistant = Assistant(app)
            if scheme == "light":
                step("a Windows-1252 staff list with unknown job titles: the values step")
                choose_staff_file(assistant, first)
                click(assistant.find("push button", "Import"))
                values_shown(assistant)
                assistant.label("Values to Match")
                chief = assistant.find("combo box", "Chief Wizard")
                assistant.find("combo box", "Budget Holder (£)")
                check(not assistant.find_all("combo box", "Social Worker"),
                      "a known job title is not asked about")
                check("Line 2 and 1 more row" in (chief.description or ""),
                      f"where the title is: {chief.description!r}")
                check(query(database, "SELECT count(*) FROM staff WHERE staff_ref LIKE 'UV%'")
                      == [(0,)], "nothing is stored before the values are chosen")
                app.screenshot(f"import-values-{scheme}")
                step("each title mapped by keyboard through its drop-down")
                choose(assistant, "Chief Wizard", steps_to("Group Manager"))
                choose(assistant, "Budget Holder (£)", steps_to("Service Manager"))
                app.screenshot(f"import-values-chosen-{scheme}")
                click(assistant.find("push button", "Import"))
                assistant.label("Import Complete", timeout=60)
                outcome = assistant.label("Imported 4 members of staff (4 new, 0 updated).",
                                          prefix=True)
                check("read as Windows-1252" in outcome.name, f"the outcome: {outcome.name!r}")
                app.screenshot(f"import-values-done-{scheme}")
                rows = query(database, "SELECT staff_ref, name, role_code FROM staff "
                                       "WHERE staff_ref LIKE 'UV%' ORDER BY staff_ref")
                check(rows == [("UV1", "Renée O’Brien", codes["Group Manager"]),
                               ("UV2", "Siân Hughes", codes["Service Manager"]),
                               ("UV3", "Tom Ward", "practitioner"),
                               ("UV4", "Ann Lee", codes["Group Manager"])],
                      f"the staff with the chosen roles: {rows}")
            else:
                step("the next staff list: remembered titles are not asked again")
                choose_staff_file(assistant, second)
                click(assistant.find("push button", "Import"))
                values_shown(assistant)
                assistant.find("combo box", "Arch Mage")
                check(not assistant.find_all("combo box", "Chief Wizard"),
                      "a remembered title is not asked about")
                app.screenshot(f"import-values-{scheme}")
                choose(assistant, "Arch Mage", steps_to("Advanced Practitioner"))
                click(assistant.find("push button", "Import"))
                assistant.label("Import Complete", timeout=60)
                outcome = assistant.label("Imported 2 members of staff (2 new, 0 updated).",
                                          prefix=True)
                check("remembered mapping of role “Chief Wizard”" in outcome.name,
                      f"the outcome says a remembered mapping was used: {outcome.name!r}")
                app.screenshot(f"import-values-done-{scheme}")
                rows = query(database, "SELECT staff_ref, name, role_code FROM staff "
                                       "WHERE staff_ref IN ('UV5', 'UV6') ORDER BY staff_ref")
                check(rows == [("UV5", "Zoë Ellis", codes["Group Manager"]),
                               ("UV6", "Bea Khan", codes["Advanced Practitioner"])],
                      f"remembered and new mappings: {rows}")
                click(assistant.find("push button", "Done"))
                wait_for(lambda: not on_screen(assistant.node), "the assistant to close")

                step("Preferences, Import Mappings: seen, changed, forgotten")
                prefs = Preferences(app)
                # The tab's own action: see test-preferences.py on the two view switchers.
                press(prefs.find("page tab", "Import Mappings"))
                time.sleep(0.5)
                prefs.find("label", "Staff Lists")
                prefs.find("combo box", "Chief Wizard")
                prefs.find("combo box", "Arch Mage")
                app.screenshot(f"import-mappings-preferences-{scheme}")
                click(prefs.find("combo box", "Budget Holder (£)"))
                time.sleep(0.5)
                rawinput.pressKey("Home")
                for _ in range(roles.index("Head of Service")):
                    rawinput.pressKey("Down")
                rawinput.pressKey("Return")
                wait_for(lambda: query(database, "SELECT code FROM import_value_mapping "
                                                 "WHERE value_key = 'budgetholder'")
                         == [(codes["Head of Service"],)], "the changed mapping to be stored")
                press(prefs.find("push button", "Forget “Arch Mage”"))
                wait_for(lambda: query(database, "SELECT count(*) FROM import_value_mapping "
                                                 "WHERE value_key = 'archmage'") == [(0,)],
                         "the forgotten mapping to be removed")
                wait_for(lambda: not any(on_screen(n) for n in prefs.node.findChildren(
                    lambda n: n.roleName == "combo box" and n.name == "Arch Mage")),
                    "the forgotten mapping to leave the page")
        except Exception:
            if assistant is not None:
                assistant.dump()
            raise
        finally:
            app.close()

    print("ok - unknown titles of a Windows-1252 staff list are mapped, remembered and managed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
