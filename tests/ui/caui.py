# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the real Case Audit window through the accessibility tree, as a screen reader would."""

import os
import re
import shutil
import subprocess
import tempfile
import time

# GTK 4 apps are reached over AT-SPI; dogtail's check of GNOME's setting does not apply here.
from dogtail.config import config

config.checkForA11y = False
config.searchShowingOnly = False
config.logDebugToFile = False
config.defaultDelay = 0.2
import dogtail.rawinput as rawinput  # noqa: E402
import dogtail.tree as tree  # noqa: E402

BINARY = os.environ["CASE_AUDIT_BINARY"]
SCREENSHOT_DIR = os.environ["CASE_AUDIT_SCREENSHOTS"]


class Failure(AssertionError):
    pass


def on_screen(node):
    """GTK 4.8 sets no SHOWING state and lists hidden widgets too; a widget that is not
    on screen has no size."""
    try:
        width, height = node.size
        return node.visible and width > 0 and height > 0
    except Exception:
        return False


def check(condition, message):
    if not condition:
        raise Failure(message)


def wait_for(what, description, timeout=30.0):
    """Polls `what` until it returns something true; fails with `description` otherwise."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = what()
            if value:
                return value
        except Exception as error:  # the tree changes under us while the app works
            last_error = error
        time.sleep(0.25)
    raise Failure(f"timed out waiting for {description} (last error: {last_error})")


class App:
    """One running case-audit process on a database, and its accessible tree."""

    def __init__(self, database, extra_env=None, settings=None):
        """`database` None opens the default one, made on first use; `settings` are
        GSettings keys to start with, such as the window's size."""
        self.folder = tempfile.mkdtemp(prefix="case-audit-ui-")
        keyfile = os.path.join(self.folder, "config", "glib-2.0", "settings", "keyfile")
        os.makedirs(os.path.dirname(keyfile))
        with open(keyfile, "w") as f:
            f.write("[io/github/caseaudit/CaseAudit]\n")
            for key, value in (settings or {}).items():
                f.write(f"{key}={value}\n")
        env = dict(os.environ)
        env.update({
            "GSETTINGS_BACKEND": "keyfile",
            "GSK_RENDERER": "cairo",
            "GTK_A11Y": "atspi",
            "XDG_DATA_HOME": os.path.join(self.folder, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.folder, "config"),
        })
        env.pop("NO_AT_BRIDGE", None)
        env.update(extra_env or {})
        arguments = [BINARY] + (["--database", database] if database else [])
        self.env = env
        self.process = subprocess.Popen(arguments, env=env)
        self.node = wait_for(self._find, "the application on the accessibility bus")
        self.frame = wait_for(lambda: self.node.child(roleName="frame", retry=False),
                              "the main window")

    def _find(self):
        for app in tree.root.applications():
            if app.name == "case-audit" and app.get_process_id() == self.process.pid:
                return app
        return None

    def find(self, role, name=None, timeout=30.0):
        # GTK 4.8 appends a button's label to its accessible name ("Open Open"), so a
        # name matches as itself or as the start of such a name.
        def named(node):
            return name is None or node.name == name or node.name.startswith(name + " ")

        def look():
            for node in self.node.findChildren(lambda n: n.roleName == role and named(n)):
                if on_screen(node):
                    return node
            return None
        return wait_for(look, f"a visible {role} {name or ''}".strip(), timeout)

    def label_matching(self, pattern, timeout=30.0):
        regex = re.compile(pattern)

        def look():
            for node in self.node.findChildren(lambda n: n.roleName == "label" and
                                               bool(regex.search(n.name or ""))):
                if on_screen(node):
                    return node
            return None
        return wait_for(look, f"a label matching {pattern!r}", timeout)

    def screenshot(self, name):
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        path = os.path.join(SCREENSHOT_DIR, name + ".png")
        time.sleep(0.6)  # let the last frame paint
        subprocess.run(["import", "-window", "root", path], check=True)
        print(f"# screenshot: {path}")
        return path

    def close(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def make_demo_database(folder, years=1, seed=5, until="2026-10"):
    path = os.path.join(folder, "demo.db")
    subprocess.run([BINARY, "demo", "--years", str(years), "--seed", str(seed),
                    "--until", until, "--database", path], check=True,
                   stdout=subprocess.DEVNULL)
    return path


def rows_of(table):
    """The table's first rows, as lists of cell texts."""
    rows = []
    for row in row_nodes(table):
        cells = []
        for cell in row.children:
            texts = [n.name for n in cell.findChildren(lambda n: n.roleName == "label")]
            cells.append(" ".join(t for t in texts if t))
        rows.append(cells)
    return rows


def table_body(table):
    return table.child(roleName="list", retry=False)


def row_nodes(table, limit=40):
    """The first data rows of a GtkColumnView, in the order shown. GTK 4.8 reports no
    useful extents for list rows, but keeps its row widgets in the model's order."""
    rows = [r for r in table_body(table).children if r.roleName == "table row"]
    return rows[:limit]


def header_cells(table):
    """The column headers of a GtkColumnView: the row above its list of rows."""
    for row in table.findChildren(lambda n: n.roleName == "table row"):
        if row.parent.roleName != "list" and on_screen(row):
            return row.children
    raise Failure("the table has no header row")


def click(node, button=1, double=False):
    x, y = node.position
    w, h = node.size
    if double:
        rawinput.doubleClick(x + w // 2, y + h // 2, button)
    else:
        rawinput.click(x + w // 2, y + h // 2, button)


def activate_menu_item(app, name):
    """Chooses NAME in the open popover menu. A popover is its own surface and GTK 4.8 gives
    its items positions relative to it, so a pointer click would land elsewhere: use the
    item's own "click" action, as a screen reader does."""
    app.find("menu item", name).doActionNamed("click")
