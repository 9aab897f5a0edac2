# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the real Case Audit window through the accessibility tree, as a screen reader would."""

import datetime
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


def accessibility_bus():
    """The address of this session's accessibility bus."""
    reply = subprocess.run(["gdbus", "call", "--session", "--dest", "org.a11y.Bus",
                            "--object-path", "/org/a11y/bus",
                            "--method", "org.a11y.Bus.GetAddress"],
                           check=True, capture_output=True, text=True).stdout
    return re.search(r"'([^']*)'", reply).group(1)


def parent_of(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("PPid:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class App:
    """One running case-audit process on a database, and its accessible tree."""

    def __init__(self, database, extra_env=None, settings=None, own_session=False):
        """`database` None opens the default one, made on first use; `settings` are
        GSettings keys to start with, such as the window's size. With `own_session` the
        app runs in a D-Bus session of its own, as on a second desktop: a second copy of
        Case Audit rather than a second window of the first (GApplication hands a start in
        the same session to the copy already running). It still joins this session's
        accessibility bus, so the test reaches both."""
        self.folder = tempfile.mkdtemp(prefix="case-audit-ui-")
        keyfile = os.path.join(self.folder, "config", "glib-2.0", "settings", "keyfile")
        os.makedirs(os.path.dirname(keyfile))
        with open(keyfile, "w") as f:
            f.write("[io/github/caseaudit/CaseAudit]\n")
            for key, value in (settings or {}).items():
                f.write(f"{key}={value}\n")
        # GNOME's own window buttons (appmenu:close), not Xvfb's default of minimize,
        # maximize and close, which alone makes the header need 390 px: narrow windows
        # and screenshots are then what a GNOME user sees.
        gtk_settings = os.path.join(self.folder, "config", "gtk-4.0", "settings.ini")
        os.makedirs(os.path.dirname(gtk_settings))
        with open(gtk_settings, "w") as f:
            f.write("[Settings]\ngtk-decoration-layout=appmenu:close\n")
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
        if own_session:
            env["AT_SPI_BUS_ADDRESS"] = accessibility_bus()
            arguments = ["dbus-run-session", "--"] + arguments
        self.env = env
        self.process = subprocess.Popen(arguments, env=env)
        self.node = wait_for(self._find, "the application on the accessibility bus")
        self.frame = wait_for(lambda: self.node.child(roleName="frame", retry=False),
                              "the main window")

    def _find(self):
        for app in tree.root.applications():
            if app.name == "case-audit" and self.process.pid in (app.get_process_id(),
                                                                 parent_of(app.get_process_id())):
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
    """A demo database in a folder of its own inside FOLDER.

    The files a test hands to the file chooser stay out of the database's folder: GTK's
    chooser, running in the app's process, opens and closes each file it lists to sniff its
    type, and closing any descriptor on a file drops every POSIX lock the process holds on
    it (SQLite's "How To Corrupt" §2.2). Another connection that closes then believes it is
    the last one, checkpoints and deletes the write-ahead log, and the app's next commit is
    lost. A user who keeps a file to import next to the database meets the same hazard; it
    is recorded as a known risk rather than hidden by this arrangement."""
    database_folder = os.path.join(folder, "database")
    os.makedirs(database_folder, mode=0o700, exist_ok=True)
    path = os.path.join(database_folder, "demo.db")
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


class Assistant:
    """The import window of a running app, and lookups inside it alone."""

    def __init__(self, app, open_with_keys=True):
        self.app = app
        if open_with_keys:
            rawinput.keyCombo("<Control>i")
        self.node = wait_for(self._window, "the Import window")

    def _window(self):
        for child in self.app.node.children:
            if child.name == "Import" and on_screen(child):
                return child
        return None

    def find_all(self, role, name=None, prefix=False):
        def named(node):
            if name is None:
                return True
            text = node.name or ""
            return text == name or text.startswith(name + " ") or (prefix and
                                                                   text.startswith(name))
        return [n for n in self.node.findChildren(lambda n: n.roleName == role and named(n))
                if on_screen(n)]

    def find(self, role, name=None, prefix=False, timeout=20.0):
        return wait_for(lambda: (self.find_all(role, name, prefix) or [None])[0],
                        f"a visible {role} {name or ''}".strip(), timeout)

    def label(self, text, prefix=False, timeout=20.0):
        return self.find("label", text, prefix, timeout)

    def dump(self):
        def walk(node, depth=0):
            try:
                if on_screen(node) and node.roleName not in ("filler", "panel"):
                    print("#", "  " * min(depth, 10), node.roleName, repr(node.name))
            except Exception:
                pass
            for child in node.children:
                walk(child, depth + 1)
        walk(self.node)


def file_chooser(app, title, path):
    """Types PATH into GTK's own file chooser (no portal under Xvfb) and accepts it."""
    wait_for(lambda: any(c.name == title and on_screen(c) for c in app.node.children),
             f"the “{title}” file chooser")
    time.sleep(0.5)
    rawinput.keyCombo("<Control>l")
    time.sleep(0.3)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(path)
    time.sleep(0.3)
    rawinput.pressKey("Return")
    wait_for(lambda: not any(c.name == title and on_screen(c) for c in app.node.children),
             f"the “{title}” file chooser to close")


def columns_shown(assistant):
    # Pages that slid away keep their sizes in GTK 4.8's tree: the window's subtitle is
    # the one sure sign of the page shown.
    assistant.label("Step 2 of 3: Columns", timeout=30)
    time.sleep(0.5)


def press(node):
    """A button's own "click" action: what a screen reader does, and safe in a scrolled page."""
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == "click":
            action.doAction(i)
            return
    raise AssertionError(f"{node.name} cannot be clicked")


class View:
    """The Allocation view inside the window: lookups stay in its own part of the
    accessibility tree, which is much quicker than walking the Audits view too."""

    def __init__(self, app):
        self.app = app
        app.find("page tab", "Allocation")
        # A narrow window shows the switcher bar at the bottom instead of the header's.
        tabs = [n for n in app.node.findChildren(lambda n: n.roleName == "page tab" and
                                                 n.name == "Allocation") if on_screen(n)]
        click(max(tabs, key=lambda n: n.position[1]))
        self.node = wait_for(lambda: next((n for n in app.node.findChildren(
            lambda n: n.name == "CaAllocationView") if on_screen(n)), None), "the view")

    def find(self, role, name, prefix=False, timeout=60.0):
        def named(node):
            text = node.name or ""
            return text == name or text.startswith(name + " ") or (prefix and
                                                                   text.startswith(name))

        def look():
            for node in self.node.findChildren(lambda n: n.roleName == role and named(n)):
                if on_screen(node):
                    return node
            return None
        return wait_for(look, f"a visible {role} {name}", timeout)

    def label_matching(self, pattern, timeout=60.0):
        regex = re.compile(pattern)

        def look():
            for node in self.node.findChildren(lambda n: n.roleName == "label" and
                                               bool(regex.search(n.name or ""))):
                if on_screen(node):
                    return node
            return None
        return wait_for(look, f"a label matching {pattern!r}", timeout)


def set_seed(view, seed):
    spin = view.find("spin button", "Seed")
    spin.queryEditableText().setTextContents(str(seed))
    spin.queryValue().currentValue = float(seed)
    wait_for(lambda: int(spin.queryValue().currentValue) == seed, "the seed to be set")


def preview_rows(view):
    table = view.find("tree table", "Allocation preview", timeout=120)
    wait_for(lambda: len(rows_of(table)) > 0, "rows in the preview", 120)
    return table, rows_of(table)


def day_name(day):
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def last_day(year, month):
    return (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day


class Calendar:
    """The Calendar view of a running app. Lookups stay inside the view (the whole window's
    tree holds thousands of list rows, and walking it on every poll is slow)."""

    def __init__(self, app):
        self.app = app

        show_view(app, "Calendar")
        self.view = wait_for(lambda: next((n for n in app.node.findChildren(
            lambda n: n.name == "CaCalendarView") if on_screen(n)), None), "the Calendar view")
        self.find("push button", "Next Month")

    def find(self, role, name):
        def look():
            for node in self.view.findChildren(lambda n: n.roleName == role and
                                               (n.name or "").startswith(name)):
                if on_screen(node):
                    return node
            return None
        return wait_for(look, f"a visible {role} {name} in the Calendar")

    def label(self, pattern):
        regex = re.compile(pattern)
        return self.find_where(lambda n: n.roleName == "label" and bool(regex.search(n.name or "")),
                               f"a label matching {pattern!r}")

    def find_where(self, predicate, description):
        return wait_for(lambda: next((n for n in self.view.findChildren(predicate)
                                      if on_screen(n)), None), description)

    def cell(self, day):
        """The day's button in the month grid, by the start of its accessible name."""
        name = day_name(day)
        grid = self.find("panel", "Month")

        def look():
            for node in grid.children:
                if (node.name or "").startswith(name) and on_screen(node):
                    return node
            return None
        return wait_for(look, f"the day {name} in the grid")

    def summary_of(self, day, expected):
        """Waits until the day's accessible name is EXPECTED (the month loads off the main
        thread)."""
        last = [None]

        def matches():
            last[0] = self.cell(day).name
            return last[0] == expected or last[0].startswith(expected + " ")
        try:
            wait_for(matches, f"the summary {expected!r}", timeout=30)
        except AssertionError:
            raise AssertionError(f"day summary: wanted {expected!r}, got {last[0]!r}")

    def go_to(self, start, target):
        """Moves the selection from START to TARGET with Page Up/Down and the arrow keys."""
        months = (target.year - start.year) * 12 + target.month - start.month
        key = "Page_Down" if months > 0 else "Page_Up"
        for _ in range(abs(months)):
            rawinput.pressKey(key)
            time.sleep(0.15)
        selected = datetime.date(target.year, target.month,
                                 min(start.day, last_day(target.year, target.month)))
        self.label(f"^{target:%B} {target.year}$")
        days = (target - selected).days
        for _ in range(abs(days) // 7):
            rawinput.pressKey("Down" if days > 0 else "Up")
            time.sleep(0.1)
        for _ in range(abs(days) % 7):
            rawinput.pressKey("Right" if days > 0 else "Left")
            time.sleep(0.1)


def show_view(app, name):
    """Switches the window to the view NAME with its switcher: the header's, or the bottom
    bar's in a narrow window (where GTK 4.8 still gives the header's hidden switcher a
    size), so the lowest one."""
    def switcher():
        tabs = [n for n in app.node.findChildren(lambda n: n.roleName == "page tab" and
                                                 n.name == name) if on_screen(n)]
        return max(tabs, key=lambda n: n.position[1]) if tabs else None
    click(wait_for(switcher, f"the {name} view's switcher button"))


def toast_label(app, text, root=None, depth=8):
    """A toast's text, found by the same shallow walk as toast_button() from the main window
    or ROOT (another window): a search of a whole window (thousands of rows) can take longer
    than the toast stays."""
    level = [root if root is not None else app.frame]
    for _ in range(depth):
        below = []
        for node in level:
            for child in node.children:
                if (child.roleName == "label" and (child.name or "").startswith(text) and
                        on_screen(child)):
                    return child
                below.append(child)
        level = below
    return None


def toast_button(app, name, depth=6):
    """A button in a toast: toasts sit near the top of the window's tree, so a shallow walk
    finds them long before a full search of the views would."""
    level = [app.frame]
    for _ in range(depth):
        below = []
        for node in level:
            for child in node.children:
                # GTK 4.8 names a button by its label twice ("_Undo Undo").
                if (child.roleName == "push button" and (child.name or "").startswith(name) and
                        on_screen(child)):
                    return child
                below.append(child)
        level = below
    return None


# Two versions of a field (R-N2) ------------------------------------------------------------

CONFLICT_HEADING = "Two Versions to Choose From"


def conflict_dialog(app, timeout=60):
    """The app's dialog that asks which of two versions to keep: a window of its own."""
    def look():
        for window in app.node.children:
            if (window.roleName == "dialog" and window.name == CONFLICT_HEADING and
                    on_screen(window)):
                return window
        return None
    return wait_for(look, "the dialog that asks which version to keep", timeout=timeout)


def conflict_dialog_closed(app):
    return not any(w.roleName == "dialog" and w.name == CONFLICT_HEADING and on_screen(w)
                   for w in app.node.children)


def labels_of(node):
    return [n.name for n in node.findChildren(lambda n: n.roleName == "label")]


def dialog_button(node, name):
    """A dialog's response button by its label, without the mnemonic's underline."""
    return node.findChild(lambda n: n.roleName == "push button" and
                          (n.name or "").replace("_", "").startswith(name), retry=False)


def insert_text(node, text):
    """Types TEXT at the end of NODE through AT-SPI's editable text, as an on-screen keyboard
    or a screen reader would: the window need not be on top, nor the box scrolled to."""
    editable = node.queryEditableText()
    editable.insertText(node.queryText().characterCount, text, len(text.encode()))


class Window:
    """A top-level window of the app other than the main one (Preferences, Add Event), by
    its title, and lookups inside it alone."""

    def __init__(self, app, title):
        self.app = app
        self.title = title
        self.node = wait_for(self._window, f"the {title} window")

    def _window(self):
        for child in self.app.node.children:
            if child.name == self.title and on_screen(child):
                return child
        return None

    def is_open(self):
        return self._window() is not None

    def find(self, role, name=None, prefix=False, timeout=20.0):
        def named(node):
            if name is None:
                return True
            text = node.name or ""
            return text == name or text.startswith(name + " ") or (prefix and
                                                                   text.startswith(name))

        def look():
            for node in self.node.findChildren(lambda n: n.roleName == role and named(n)):
                if on_screen(node):
                    return node
            return None
        return wait_for(look, f"a visible {role} {name or ''} in {self.title}".strip(), timeout)

    def page(self, title):
        click(self.find("page tab", title))
        time.sleep(0.5)
