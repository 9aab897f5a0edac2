# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the real Case Audit window through the accessibility tree, as a screen reader would."""

import datetime
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

if os.environ.get("CASE_AUDIT_UI_STATS"):  # where the time goes: see uistats.py
    import uistats
    uistats.install()
else:
    uistats = None

# GTK 4 apps are reached over AT-SPI; dogtail's check of GNOME's setting does not apply here.
from dogtail.config import config  # noqa: E402

config.checkForA11y = False
config.searchShowingOnly = False
config.logDebugToFile = False
# dogtail pauses after everything it does: 1 s after each click and action (actionDelay),
# 0.1 s after each key typed, 0.5 s after a key combination or a double click. The tests
# wait for what they need to see instead (wait_for), so its pauses are kept short: long
# enough for the X server to pass the event on, not for the app to have acted on it. What
# that second used to hide is waited for instead: click() waits for its widget to stay put (a
# page may still be sliding in) and keeps two clicks apart (never a double click), and a
# click that opens a popover is followed by a wait for the popover (open_popover).
config.defaultDelay = 0.05
config.actionDelay = 0.05
config.typingDelay = 0.01
config.searchBackoffDuration = 0.1
import dogtail.rawinput as rawinput  # noqa: E402
import dogtail.tree as tree  # noqa: E402
import pyatspi  # noqa: E402

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


# The least time a lookup of a toast waits (see Scope.toast).
TOAST_WAIT = 40.0


def wait_for(what, description, timeout=30.0):
    """Polls `what` until it returns something true; fails with `description` otherwise.
    The first polls come quickly (most things are there at once or nearly), later ones
    every quarter second, so that a long wait does not keep the app busy answering."""
    deadline = time.monotonic() + timeout
    last_error = None
    pause = 0.02
    while True:
        try:
            value = what()
            if value:
                return value
        except Exception as error:  # the tree changes under us while the app works
            last_error = error
        if time.monotonic() >= deadline:
            break
        time.sleep(pause)
        pause = min(pause * 2, 0.25)
    raise Failure(f"timed out waiting for {description} (last error: {last_error})")


# What a lookup of anything but rows need not walk: the column views' tables and the Audits
# list (see walk()).
BIG_LISTS = ("tree table", "list:Audits")


def walk(root, predicate, first=False, visible=True, skip=(), last_first=False):
    """The nodes below ROOT that satisfy PREDICATE and, with VISIBLE, are on screen, in the
    order dogtail's findChildren gives them (depth first). With FIRST, only the first,
    returned as soon as it is seen, or None: most lookups want one node, and over AT-SPI every
    node looked at is a round trip to the app. A view or page of ours that is hidden (its
    node, named after its class, CaCalendarView and so on, has no size) is not walked:
    nothing in it can be on screen. Nor are nodes of the roles in SKIP, or the lists named
    in it as "list:NAME" (BIG_LISTS, for a lookup of what no table or long list holds: the
    Audits list alone is hundreds of nodes). With LAST_FIRST, each node's children are looked at from the last: a toast is
    its overlay's last child, after the whole of the view it is shown over."""
    def children(node):
        nodes = list(node)
        return iter(nodes[::-1] if last_first else nodes)

    found = []
    seen = [0]
    try:
        return _walk(root, predicate, first, visible, skip, children, found, seen)
    finally:
        if uistats:
            uistats.count_walk(root, seen[0])


def _walk(root, predicate, first, visible, skip, children, found, seen):
    stack = [children(root)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        seen[0] += 1
        try:
            role = node.roleName
        except Exception:  # a node that went away while we looked
            continue
        try:
            hit = predicate(node) and (not visible or on_screen(node))
        except Exception:
            hit = False
        if hit:
            if first:
                return node
            found.append(node)
        if role in skip or (role == "list" and f"list:{node.name}" in skip) or \
                (visible and role == "filler" and (node.name or "").startswith("Ca")
                 and not on_screen(node)):
            continue
        try:
            stack.append(children(node))
        except Exception:
            continue
    return None if first else found


def shallow(root, predicate, depth=6):
    """The first on-screen node within DEPTH levels below ROOT that satisfies PREDICATE,
    looked for level by level: toasts, dialogs' headings and header bars sit near the top
    of a window, and are found here long before a walk of every view would reach them (a
    toast goes after some seconds)."""
    level = [root]
    for _ in range(depth):
        below = []
        for node in level:
            try:
                children = list(node)
            except Exception:
                continue
            for child in children:
                try:
                    if predicate(child) and on_screen(child):
                        return child
                except Exception:
                    continue
                below.append(child)
        level = below
    return None


def named(name, prefix=False):
    """A test of a node's accessible name. GTK 4.8 appends a button's label to its
    accessible name ("Open Open"), so a name matches as itself or as the start of such a
    name; with PREFIX, as the start of any name."""
    def test(node):
        if name is None:
            return True
        text = node.name or ""
        return text == name or text.startswith(name + " ") or (prefix and text.startswith(name))
    return test


class Scope:
    """Lookups inside one part of the accessibility tree (a window, a dialog, a view): the
    smaller the part, the quicker each lookup, and a view's lookups cannot land on another
    view's widget with the same name."""

    node = None
    timeout = 30.0
    where = ""

    def find_all(self, role, name=None, prefix=False):
        test = named(name, prefix)
        return walk(self.node, lambda n: n.roleName == role and test(n))

    def find(self, role, name=None, prefix=False, timeout=None):
        test = named(name, prefix)
        return self.find_where(lambda n: n.roleName == role and test(n),
                               f"a visible {role} {name or ''}".strip(), timeout)

    def label(self, text, prefix=False, timeout=None):
        return self.find("label", text, prefix, timeout)

    def label_matching(self, pattern, timeout=None):
        regex = re.compile(pattern)
        return self.find_where(lambda n: n.roleName == "label" and bool(regex.search(n.name or "")),
                               f"a label matching {pattern!r}", timeout)

    def find_where(self, predicate, description, timeout=None):
        return wait_for(lambda: walk(self.node, predicate, first=True),
                        description + self.where, timeout or self.timeout)

    def toast(self, pattern, timeout=None):
        """A toast's label: toasts go after some seconds, so they are looked for from the
        end of each node's children, where an overlay keeps them. Toasts queue: one may wait
        for two or three before it (each up to ten seconds) and then shows for six, so the
        wait is never shorter than TOAST_WAIT, whatever the caller asked; asking for less
        only made a test fail when the machine was busy."""
        timeout = max(timeout or self.timeout, TOAST_WAIT)
        regex = re.compile(pattern)
        return wait_for(lambda: walk(self.node, lambda n: n.roleName == "label" and
                                     bool(regex.search(n.name or "")), first=True,
                                     skip=BIG_LISTS, last_first=True),
                        f"a toast matching {pattern!r}{self.where}", timeout or self.timeout)

    def toast_button(self, name, timeout=None):
        """A toast's button named NAME exactly, looked for as toasts are."""
        return wait_for(lambda: toast_button(self, name), f"the toast's {name} button",
                        timeout or self.timeout)

    def part(self, name, timeout=None):
        """The on-screen node named NAME (a composite widget with no label of its own is named
        after its class, such as CaCalendarView), as a Scope of its own."""
        return Part(wait_for(lambda: walk(self.node, lambda n: n.name == name, first=True,
                                          skip=BIG_LISTS),
                             f"the {name}{self.where}", timeout or self.timeout), self.app)

    def window(self, name, timeout=None):
        """The app's window NAME (a dialog, the preferences, a file chooser) as a Scope."""
        return Part(wait_for(lambda: self.app.window_named(name),
                             f"the window “{name}”", timeout or self.timeout), self.app)

    def dump(self):
        def show(node, depth=0):
            try:
                if on_screen(node) and node.roleName not in ("filler", "panel"):
                    print("#", "  " * min(depth, 10), node.roleName, repr(node.name))
            except Exception:
                pass
            for child in node.children:
                show(child, depth + 1)
        show(self.node)


class Part(Scope):
    def __init__(self, node, app, timeout=30.0):
        self.node = node
        self.app = app
        self.timeout = timeout
        self.where = f" in {node.name}" if node.name else ""


def set_xft_dpi(dpi):
    """The X server's Xft.dpi resource, the text size GTK starts with under Xvfb."""
    subprocess.run(["xrdb", "-merge"], input=f"Xft.dpi: {dpi}\n", text=True, check=True)


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


class App(Scope):
    """One running case-audit process on a database, and its accessible tree."""

    def __init__(self, database, extra_env=None, settings=None, own_session=False,
                 text_scale=None):
        """`database` None opens the default one, made on first use; `settings` are
        GSettings keys to start with, such as the window's size. With `own_session` the
        app runs in a D-Bus session of its own, as on a second desktop: a second copy of
        Case Audit rather than a second window of the first (GApplication hands a start in
        the same session to the copy already running). It still joins this session's
        accessibility bus, so the test reaches both. `text_scale` (1.5, 2) enlarges the text as
        GNOME's text scaling does: through the X server's Xft.dpi resource, which GTK reads
        when no settings daemon runs (each UI test has an X server of its own), put back to 96
        by close()."""
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
        self.text_scale = text_scale
        if text_scale:
            set_xft_dpi(round(96 * text_scale))
        env = dict(os.environ)
        env.update({
            "GSETTINGS_BACKEND": "keyfile",
            "GSK_RENDERER": "cairo",
            "GTK_A11Y": "atspi",
            "XDG_DATA_HOME": os.path.join(self.folder, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.folder, "config"),
            # No look for another copy's changes (every 2 s in use): a test that writes to
            # the file behind the window, then acts on what the window still shows, must
            # not race it. A test that wants it passes CASE_AUDIT_WATCH_MS itself.
            "CASE_AUDIT_WATCH_MS": "0",
        })
        env.pop("NO_AT_BRIDGE", None)
        env.update(extra_env or {})
        arguments = [BINARY] + (["--database", database] if database else [])
        if own_session:
            env["AT_SPI_BUS_ADDRESS"] = accessibility_bus()
            arguments = ["dbus-run-session", "--"] + arguments
        self.env = env
        # A copy in a session of its own runs under dbus-run-session, beside that session's
        # bus: all three in a process group of their own, which close() ends together. (Ending
        # dbus-run-session alone left its bus running, holding the test's output open, and
        # meson waited for it until the test timed out.)
        self.own_session = own_session
        self.process = subprocess.Popen(arguments, env=env, start_new_session=own_session)
        self.app = self
        self.node = wait_for(self._find, "the application on the accessibility bus")
        self.frame = wait_for(lambda: self.node.child(roleName="frame", retry=False),
                              "the main window")

    def _find(self):
        for app in tree.root.applications():
            if app.name == "case-audit" and self.process.pid in (app.get_process_id(),
                                                                 parent_of(app.get_process_id())):
                return app
        return None

    def window_named(self, name, roles=None):
        """The app's on-screen top-level window NAME (its frame, a dialog, a file chooser), or
        None: the windows are the application's children, so no walk is needed."""
        for child in self.node.children:
            if child.name == name and (roles is None or child.roleName in roles) and \
                    on_screen(child):
                return child
        return None

    def dialog_label_matching(self, pattern, timeout=None):
        """A label matching PATTERN in one of the app's windows other than the main one (a
        message dialog is a window of its own): the main window, with its thousands of list
        rows, is not walked."""
        regex = re.compile(pattern)

        def look():
            for window in self.node.children:
                if window.roleName == "frame" and window.name == self.frame.name:
                    continue
                found = walk(window, lambda n: n.roleName == "label" and
                             bool(regex.search(n.name or "")), first=True)
                if found is not None:
                    return found
            return None
        return wait_for(look, f"a label matching {pattern!r} in a dialog",
                        timeout or self.timeout)

    def screenshot(self, name):
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        path = os.path.join(SCREENSHOT_DIR, name + ".png")
        time.sleep(0.6)  # let the last frame paint
        subprocess.run(["import", "-window", "root", path], check=True)
        print(f"# screenshot: {path}")
        return path

    def close(self):
        if self.own_session:
            self._end_group()
        elif self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.text_scale:
            set_xft_dpi(96)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _end_group(self):
        """Ends the process group of a copy in its own session: SIGTERM, then SIGKILL for
        whatever is still there after ten seconds."""
        group = self.process.pid
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(group, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                self.process.poll()
                try:
                    os.killpg(group, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
            else:
                continue
            break
        self.process.poll()


def make_demo_database(folder, years=1, seed=5, until="2026-10"):
    """A demo database in a folder of its own inside FOLDER.

    The files a test hands to the file chooser stay out of the database's folder: GTK's
    chooser, running in the app's process, opens and closes each file it lists to sniff its
    type, and closing any descriptor on a file drops every POSIX lock the process holds on
    it (SQLite's "How To Corrupt" §2.2). Another connection that closes then believes it is
    the last one, checkpoints and deletes the write-ahead log, and the app's next commit is
    lost. A user who keeps a file to import next to the database meets the same hazard; it
    is recorded as a known risk rather than hidden by this arrangement.

    With CASE_AUDIT_DEMO_CACHE set (the build does), each kind of demo database is made once
    per binary and day, and each test takes a copy of it: the tests do not spend their time
    making the same data again."""
    database_folder = os.path.join(folder, "database")
    os.makedirs(database_folder, mode=0o700, exist_ok=True)
    path = os.path.join(database_folder, "demo.db")
    arguments = ["demo", "--years", str(years), "--seed", str(seed), "--until", until]
    cache = os.environ.get("CASE_AUDIT_DEMO_CACHE")
    if not cache:
        subprocess.run([BINARY] + arguments + ["--database", path], check=True,
                       stdout=subprocess.DEVNULL)
        return path
    binary = os.stat(BINARY)
    key = hashlib.sha256(repr((arguments, binary.st_mtime_ns, binary.st_size,
                               datetime.date.today().isoformat())).encode()).hexdigest()[:16]
    cached = os.path.join(cache, f"demo-{key}.db")
    if not os.path.exists(cached):
        # Made beside the cache under a name of its own, then renamed into place: two tests
        # that start at once each make one, and neither sees the other's half-made file.
        os.makedirs(cache, mode=0o700, exist_ok=True)
        making = tempfile.mkdtemp(prefix="making-", dir=cache)
        made = os.path.join(making, "demo.db")
        subprocess.run([BINARY] + arguments + ["--database", made], check=True,
                       stdout=subprocess.DEVNULL)
        check(not os.path.exists(made + "-wal"), "the demo database was closed whole")
        os.replace(made, cached)
        shutil.rmtree(making, ignore_errors=True)
    shutil.copy2(cached, path)  # with its mode: the app makes a file others can read private
    return path


def rows_of(table, limit=40):
    """The table's first rows (LIMIT at most), as lists of cell texts. A row of the Audits
    list (a "list") is one node, named by the sentence a screen reader says: its fields in
    the columns' order, separated by commas."""
    rows = []
    for row in row_nodes(table, limit):
        if table.roleName == "list":
            rows.append((row.name or "").split(", "))
            continue
        cells = []
        for cell in row.children:
            texts = [n.name for n in cell.findChildren(lambda n: n.roleName == "label")]
            cells.append(" ".join(t for t in texts if t))
        rows.append(cells)
    return rows


def row_count(table):
    """How many rows rows_of(table) would give, without reading their cells: a row's cells
    are a dozen round trips to the app, and the Audits view shows forty rows."""
    return len(row_nodes(table))


def table_body(table):
    """The part of a table that holds its rows: a column view's list, or the list itself."""
    if table.roleName == "list":
        return table
    return table.child(roleName="list", retry=False)


def row_nodes(table, limit=40):
    """The first data rows of a GtkColumnView or GtkListView, in the order shown. GTK 4.8
    reports no useful extents for list rows, but keeps its row widgets in the model's order."""
    role = "list item" if table.roleName == "list" else "table row"
    rows = [r for r in table_body(table).children if r.roleName == role]
    return rows[:limit]


def header_cells(table):
    """The column headers of a GtkColumnView: the row above its list of rows; of the Audits
    list, the titles above its scrolled window."""
    if table.roleName == "list":
        titles = [n for n in table.parent.parent.children[0].children if n.roleName == "push button"]
        if titles:
            return titles
    for row in table.findChildren(lambda n: n.roleName == "table row"):
        if row.parent.roleName != "list" and on_screen(row):
            return row.children
    raise Failure("the table has no header row")


_last_click = [0.0]


def settled(node):
    """NODE's place (x, y, width, height) once it stays put, its middle inside the window, for
    a fifth of a second: a page that slides in (the import window's steps, a pushed page) moves its
    widgets for a moment, and a click then lands beside them. dogtail's second after every
    click used to cover this."""
    places = []

    def still():
        x, y = node.position
        w, h = node.size
        places.append((x, y, w, h))
        if len(places) >= 3 and len(set(places[-3:])) == 1 and min(x + w // 2, y + h // 2) >= 0:
            return places[-1]
        time.sleep(0.1)
        return None
    return wait_for(still, f"{node.name!r} to stay in one place", 15)


def click(node, button=1, double=False):
    x, y, w, h = settled(node)
    # Two clicks closer together than GTK's double-click time (400 ms) would be one double
    # click; dogtail's second after each click used to keep them apart.
    since = time.monotonic() - _last_click[0]
    if since < 0.45:
        time.sleep(0.45 - since)
    _last_click[0] = time.monotonic()
    if double:
        rawinput.doubleClick(x + w // 2, y + h // 2, button)
    else:
        rawinput.click(x + w // 2, y + h // 2, button)


def activate_menu_item(app, name):
    """Chooses NAME in the open popover menu. A popover is its own surface and GTK 4.8 gives
    its items positions relative to it, so a pointer click would land elsewhere: use the
    item's own "click" action, as a screen reader does."""
    press(app.find("menu item", name))


def focused_below(node):
    """The node with the keyboard focus below NODE, or None."""
    return walk(node, lambda n: n.getState().contains(pyatspi.STATE_FOCUSED), first=True,
                visible=False)


def open_popover(node, timeout=30.0):
    """Clicks NODE (a drop-down or a combo row) and waits until its popover has the keyboard
    focus (GTK keeps a popover below its widget in the accessibility tree, and focuses its
    selected item), so that keys pressed next go to the popover rather than the window."""
    click(node)
    return wait_for(lambda: focused_below(node), f"the list of {node.name!r} to open", timeout)


CONTROL_ROLES = ("push button", "toggle button", "check box", "radio button", "combo box",
                 "spin button", "text", "page tab", "menu item", "slider")


def badly_named_controls(root):
    """The controls below ROOT a screen reader would read wrongly: unnamed, named by a raw
    label ("_Undo") or a class ("GtkToggleButton"), or named twice ("Year Year", GTK 4.8's
    way with a control named both in its .ui and by a mnemonic label)."""
    def wrong(name):
        words = name.split()
        half = len(words) // 2
        return (not name or name.startswith(("_", "Gtk")) or
                (len(words) % 2 == 0 and words[:half] == words[half:]))
    def where(node):
        """The nearest named ancestor, to say where a wrong name is."""
        node = node.parent
        while node is not None and not node.name:
            node = node.parent
        return node.name if node is not None else None
    return [(n.roleName, n.name, where(n)) for n in walk(root, lambda n: n.roleName in
                                                         CONTROL_ROLES, skip=BIG_LISTS)
            if wrong(n.name or "")]


def choose_in_popover(node, name):
    """Opens NODE's list and chooses the row a screen reader names NAME, by keyboard: Home,
    then Down until the focused row is NAME, then Return. Every row passed on the way must
    have a name (GTK 4.8's own rows had none)."""
    open_popover(node)
    rawinput.pressKey("Home")
    passed = []
    for _ in range(30):
        row = wait_for(lambda: focused_below(node), f"a focused row in {node.name!r}", 10)
        passed.append(row.name)
        check(row.name, f"each row of {node.name!r} is named: {passed}")
        if row.name == name:
            rawinput.pressKey("Return")
            wait_for(lambda: (getattr(focused_below(node), "roleName", None) != "list item"),
                     f"the list of {node.name!r} to close", 10)
            return
        rawinput.pressKey("Down")
        wait_for(lambda: (focused_below(node) or row).name != passed[-1],
                 f"the next row of {node.name!r} after {passed}", 5)
    check(False, f"{node.name!r} offers {name!r}: rows {passed}")


def popover_closed(node, timeout=10.0):
    """Waits until NODE's popover has gone (after Return or Escape)."""
    wait_for(lambda: not focused_below(node), f"the list of {node.name!r} to close", timeout)


class Assistant(Part):
    """The import window of a running app, and lookups inside it alone."""

    def __init__(self, app, open_with_keys=True):
        if open_with_keys:
            rawinput.keyCombo("<Control>i")
        super().__init__(wait_for(lambda: app.window_named("Import"), "the Import window"),
                         app, timeout=20.0)


def file_chooser(app, title, path, location=True, folder=False):
    """Types PATH into GTK's own file chooser TITLE (no portal under Xvfb) and accepts it:
    into its location entry (Ctrl+L), or with LOCATION false into the name a save dialog
    offers. A FOLDER chooser may take Return as "go into the folder": its Save button then
    accepts it."""
    chooser = wait_for(lambda: app.window_named(title), f"the “{title}” file chooser")
    # The chooser takes the keys once one of its widgets has the focus; Ctrl+L then shows
    # its location entry, which takes the focus. (GTK 4.8 does not say which window is
    # active.)
    wait_for(lambda: focused_below(chooser), f"the “{title}” file chooser to take the keyboard",
             timeout=15)
    if location:
        rawinput.keyCombo("<Control>l")
    wait_for(lambda: walk(chooser, lambda n: n.roleName == "text" and
                          n.getState().contains(pyatspi.STATE_FOCUSED), first=True),
             f"the entry of the “{title}” file chooser to take the keyboard", timeout=15)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(path)
    time.sleep(0.3)  # the entry completes names as they are typed; let it settle
    rawinput.pressKey("Return")
    if folder:
        time.sleep(1.0)  # Return either accepted the folder or went into it
        if app.window_named(title):
            button = walk(chooser, lambda n: n.roleName == "push button" and
                          (n.name or "").startswith("Save"), first=True)
            if button is not None:
                press(button)
    wait_for(lambda: not app.window_named(title), f"the “{title}” file chooser to close")


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


class View(Part):
    """The Allocation view inside the window: lookups stay in its own part of the
    accessibility tree, which is much quicker than walking the Audits view too."""

    def __init__(self, app):
        show_view(app, "Allocation")
        super().__init__(app.part("CaAllocationView").node, app, timeout=60.0)


def set_seed(view, seed):
    spin = view.find("spin button", "Seed")
    spin.queryEditableText().setTextContents(str(seed))
    spin.queryValue().currentValue = float(seed)
    wait_for(lambda: int(spin.queryValue().currentValue) == seed, "the seed to be set")


def preview_rows(view):
    table = view.find("tree table", "Allocation preview", timeout=120)
    wait_for(lambda: row_count(table) > 0, "rows in the preview", 120)
    return table, rows_of(table)


def day_name(day):
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def last_day(year, month):
    return (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day


class Calendar(Part):
    """The Calendar view of a running app. Lookups stay inside the view (the whole window's
    tree holds thousands of list rows, and walking it on every poll is slow)."""

    def __init__(self, app):
        show_view(app, "Calendar")
        super().__init__(app.part("CaCalendarView").node, app)
        self.view = self.node
        self.find("push button", "Next Month")

    def find(self, role, name, prefix=True, timeout=None):
        """By the start of the name (a day's button is named by its whole summary)."""
        return super().find(role, name, prefix, timeout)

    def label(self, pattern, timeout=None):
        """A label matching the regular expression PATTERN."""
        return self.label_matching(pattern, timeout)

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
        tabs = walk(app.frame, lambda n: n.roleName == "page tab" and n.name == name,
                    skip=BIG_LISTS)
        return max(tabs, key=lambda n: n.position[1]) if tabs else None
    click(wait_for(switcher, f"the {name} view's switcher button"))


def toast_button(scope, name, depth=None):
    """A button in a toast, or None: looked for from the end of each node's children, where
    an overlay keeps its toasts, long before a walk of the views would reach them. (DEPTH is
    no longer needed.) The name must be NAME exactly: GTK 4.8 named a toast's button by its
    raw label and then its label ("_Undo Undo") until ca_toast_add() named it once."""
    root = scope.frame if isinstance(scope, App) else scope.node
    return walk(root, lambda n: n.roleName == "push button" and n.name == name,
                first=True, skip=BIG_LISTS, last_first=True)


class Window(Part):
    """A top-level window of the app other than the main one (Preferences, Add Event), by
    its title, and lookups inside it alone."""

    def __init__(self, app, title, timeout=20.0):
        self.title = title
        super().__init__(wait_for(lambda: app.window_named(title), f"the {title} window"),
                         app, timeout=timeout)

    def is_open(self):
        return self.app.window_named(self.title) is not None


class Preferences(Window):
    """The preferences window, opened with Ctrl+comma."""

    def __init__(self, app):
        rawinput.keyCombo("<Control>comma")
        super().__init__(app, "Preferences")

    def page(self, title):
        # With five pages the wide view switcher does not fit and the narrow one shows, but
        # GTK 4.8 still gives the wide one's tabs positions: activate the tab through its
        # accessible action, which needs none, as a screen reader does.
        press(self.find("page tab", title))
        time.sleep(0.5)


def type_into(node, text):
    """Replaces NODE's text by typing, as a person would (nothing: clears it)."""
    click(node)
    rawinput.keyCombo("<Control>a")
    if text:
        rawinput.typeText(text)
    else:
        rawinput.pressKey("BackSpace")


def set_spin(spin, value):
    """Sets a spin button through its own value, as a screen reader does: the row may be
    scrolled out of the page, where a click would miss."""
    spin.queryEditableText().setTextContents(str(value))
    spin.queryValue().currentValue = float(value)
    wait_for(lambda: int(spin.queryValue().currentValue) == value, f"the spin button at {value}")


# Two versions of a field (R-N2) ------------------------------------------------------------

CONFLICT_HEADING = "Two Versions to Choose From"


def conflict_dialog(app, timeout=60):
    """The app's dialog that asks which of two versions to keep: a window of its own."""
    return wait_for(lambda: app.window_named(CONFLICT_HEADING, roles=("dialog",)),
                    "the dialog that asks which version to keep", timeout=timeout)


def conflict_dialog_closed(app):
    return app.window_named(CONFLICT_HEADING, roles=("dialog",)) is None


def labels_of(node):
    return [n.name for n in node.findChildren(lambda n: n.roleName == "label")]


def dialog_button(node, name):
    """A dialog's response button named NAME, exactly: once, and without the mnemonic's
    underline (GTK 4.8 said "_Later Later")."""
    return node.findChild(lambda n: n.roleName == "push button" and n.name == name,
                          retry=False)


def insert_text(node, text):
    """Types TEXT at the end of NODE through AT-SPI's editable text, as an on-screen keyboard
    or a screen reader would: the window need not be on top, nor the box scrolled to."""
    editable = node.queryEditableText()
    editable.insertText(node.queryText().characterCount, text, len(text.encode()))
