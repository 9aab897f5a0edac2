# SPDX-License-Identifier: GPL-3.0-or-later
"""The audit editor of a running app, through the accessibility tree: finding its controls,
scrolling them into view, typing and choosing, as a user or a screen reader would."""

import re
import sqlite3
import time

import dogtail.rawinput as rawinput
import pyatspi

from caui import BIG_LISTS, click, on_screen, open_popover, popover_closed, row_count, rows_of, table_body, wait_for, walk


def allocated_audit(database, after=0):
    """An allocated Stage 1 audit whose case has no other audit (the first after audit
    AFTER), and the case's reference."""
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT a.id, c.case_ref FROM audit a JOIN case_file c ON c.id = a.case_id "
            "JOIN audit_tool_version v ON v.id = a.tool_version_id "
            "JOIN audit_tool t ON t.id = v.tool_id "
            "WHERE a.status = 'allocated' AND t.code = 'stage-1' AND a.id > ? AND "
            "(SELECT count(*) FROM audit o WHERE o.case_id = a.case_id) = 1 "
            "ORDER BY a.id LIMIT 1", (after,)).fetchone()


def only_case(table, case_ref):
    """The rows of the Audits view if they are all CASE_REF's (and there are some)."""
    rows = rows_of(table)
    return rows if rows and all(r[0] == case_ref for r in rows) else None


def wheel(down, x=630, y=420):
    pyatspi.Registry.generateMouseEvent(x, y, "b5c" if down else "b4c")


def editor_of(app):
    """The audit editor on screen: the node named after its class, found without walking the
    Audits view's table."""
    return wait_for(lambda: walk(app.frame, lambda n: n.name == "CaAuditEditor", first=True,
                                 skip=BIG_LISTS), "the audit editor")


class Form:
    """The editor's controls, looked up in one walk of the editor's part of the tree: a walk
    of the whole application over AT-SPI takes seconds, and the form's widgets stay while it
    is open."""

    def __init__(self, app):
        roles = ("push button", "combo box", "text", "label")
        self.app = app
        self.bottom = app.frame.size[1] - 30
        self.node = editor_of(app)
        self.nodes = walk(self.node, lambda n: n.roleName in roles, visible=False)

    def live(self, role):
        """The nodes of ROLE with their names, leaving out any whose widget has gone (such
        as a combo row's popover items)."""
        found = []
        for node in self.nodes:
            try:
                if node.roleName == role:
                    found.append((node, node.name or ""))
            except Exception:
                pass
        return found

    def get(self, role, name):
        for node, text in self.live(role):
            if text == name or text.startswith(name + " "):
                return node
        raise AssertionError(f"no {role} {name}")

    def all(self, role, prefix):
        return [n for n, text in self.live(role) if text.startswith(prefix)]

    def label(self, pattern, timeout=15):
        regex = re.compile(pattern)
        labels = [n for n, _ in self.live("label")]
        return wait_for(lambda: next((n for n in labels if regex.search(n.name or "")
                                      and on_screen(n)), None),
                        f"a label matching {pattern!r}", timeout)


FORM = None


def reveal(node, top=70, bottom=None):
    """Scrolls the form with the mouse wheel until NODE is on screen: GTK 4.8 cannot
    grab focus through AT-SPI, and reports positions of widgets scrolled out of view."""
    bottom = bottom or FORM.bottom
    for _ in range(300):
        y = node.position[1]
        h = node.size[1]
        if y >= top and y + h <= bottom:
            return node
        wheel(down=y + h > bottom)
        time.sleep(0.04)
    raise AssertionError(f"could not scroll {node.name!r} into view")


def press(button):
    """Activates a button through its accessible action; it needs no position on screen.
    (Straight to AT-SPI: dogtail's own call waits a second after each.)"""
    action = button.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == "click":
            action.doAction(i)
            return
    raise AssertionError(f"{button.name} cannot be clicked")


def choose(form, combo_name, steps):
    """Opens a combo row and moves STEPS down from the first item."""
    combo = reveal(form.get("combo box", combo_name))
    open_popover(combo)
    rawinput.pressKey("Home")
    for _ in range(steps):
        rawinput.pressKey("Down")
    rawinput.pressKey("Return")
    popover_closed(combo)


def open_editor(app, case_ref):
    """Searches the Audits view for CASE_REF and opens its only audit."""
    table = app.find("list", "Audits")
    wait_for(lambda: row_count(table) > 5, "rows in the Audits view")
    click(app.find("entry", "Search audits"))
    rawinput.typeText(case_ref)
    wait_for(lambda: only_case(table, case_ref), f"only {case_ref} in the Audits view")
    body = table_body(table)
    rawinput.doubleClick(body.position[0] + 40, body.position[1] + 10)
    app.find("text", "Pen picture of the child's journey")
    # What is below the first screenful is built once that is painted; the feedback box, the
    # form's last part, is there once the whole form is. Looked for from the end of the tree.
    editor = editor_of(app)
    wait_for(lambda: walk(editor, lambda n: n.roleName == "text"
                          and n.name == "Summary of the feedback", first=True, visible=False,
                          last_first=True), "the whole audit form")
    global FORM
    FORM = Form(app)
    return FORM


def back_to_audits(app):
    """From an open audit back to the Audits view (Alt+Left), its search emptied, ready for
    open_editor to open another."""
    rawinput.keyCombo("<Alt>Left")
    table = app.find("list", "Audits")
    wait_for(lambda: on_screen(table), "the Audits view")
    click(app.find("entry", "Search audits"))
    rawinput.keyCombo("<Control>a")
    rawinput.pressKey("BackSpace")
    wait_for(lambda: row_count(table) > 5, "every audit listed again")


def type_into(node, text):
    click(reveal(node))
    rawinput.keyCombo("<Control>End")
    rawinput.typeText(text)
