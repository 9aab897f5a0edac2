# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts where a UI test spends its time, in numbers that do not depend on the machine's load:
application starts, seconds asked of time.sleep (by who asked), and accessibility-tree walks with
the nodes they looked at. Off unless CASE_AUDIT_UI_STATS names a folder; then each test writes
NAME.json there on exit and prints a "# stats:" line."""

import atexit
import json
import os
import subprocess
import sys
import time
import types

STATS = {
    "wall_s": 0.0,
    "app_starts": 0,
    "demo_databases": 0,
    "cli_runs": 0,
    "sleep_s": {},        # who asked -> seconds asked for
    "walks": 0,           # findChildren / findChild calls
    "app_walks": 0,       # ... of them from the application's root (or its main window)
    "nodes": 0,           # nodes a walk's predicate looked at
    "app_nodes": 0,       # ... in walks from the application's root
}
_START = time.monotonic()
_real_sleep = time.sleep
_installed = False


def _who_sleeps():
    """Names the code that asked for a sleep: dogtail's own delays by the dogtail function
    that asked, the tests' polling (wait_for) apart from their fixed pauses."""
    frame = sys._getframe(2)  # the caller of time.sleep
    names = []
    while frame is not None and len(names) < 4:
        names.append((frame.f_code.co_filename, frame.f_code.co_name))
        frame = frame.f_back
    path, function = names[0]
    if "/dogtail/" in path:
        if function == "doDelay" and len(names) > 1:
            # utils.doDelay, asked by rawinput.click, tree.doActionNamed, rawinput.pressKey...
            caller = names[2] if names[1][1] == "doTypingDelay" else names[1]
            return f"dogtail:{os.path.basename(caller[0])[:-3]}.{caller[1]}"
        return f"dogtail:{os.path.basename(path)[:-3]}.{function}"
    if os.path.basename(path) == "subprocess.py":
        return "subprocess:wait"
    if function == "wait_for":
        return "poll:wait_for"
    return f"fixed:{os.path.basename(path)}:{function}"


def _sleep(seconds):
    who = _who_sleeps()
    STATS["sleep_s"][who] = STATS["sleep_s"].get(who, 0.0) + seconds
    _real_sleep(seconds)


def _is_gui_start(args):
    if isinstance(args, (str, bytes)):
        return False, False
    args = [str(a) for a in args]
    if args[:2] == ["dbus-run-session", "--"]:
        args = args[2:]
    if not args or os.path.basename(args[0]) != "case-audit":
        return False, False
    rest = args[1:]
    if "demo" in rest:
        return False, True
    gui = not rest or (rest[0] == "--database" and len(rest) == 2)
    return gui, False


_real_popen_init = subprocess.Popen.__init__


def _popen_init(self, args, *rest, **kwargs):
    gui, demo = _is_gui_start(args)
    if gui:
        STATS["app_starts"] += 1
    elif demo:
        STATS["demo_databases"] += 1
    elif not isinstance(args, (str, bytes)) and args and \
            os.path.basename(str(args[0])) == "case-audit":
        STATS["cli_runs"] += 1
    _real_popen_init(self, args, *rest, **kwargs)


def _counting(pred, from_app):
    """PRED as a lambda that counts the nodes it is asked about (dogtail takes a lambda or a
    Predicate; both are asked the same)."""
    if not isinstance(pred, types.LambdaType):
        pred = pred.satisfiedByNode

    def counted(node):
        STATS["nodes"] += 1
        if from_app:
            STATS["app_nodes"] += 1
        return pred(node)
    return counted


def _patch_dogtail():
    from dogtail.config import config
    config.checkForA11y = False  # as caui sets it, before dogtail.tree looks
    import dogtail.tree as tree
    real_find_children = tree.Node.findChildren
    real_find_child = tree.Node.findChild

    def from_app(node):
        try:
            return node.roleName == "application"
        except Exception:
            return False

    def find_children(self, pred, recursive=True, *args, **kwargs):
        app = recursive and from_app(self)
        pred = _counting(pred, app)
        STATS["walks"] += 1
        STATS["app_walks"] += int(app)
        return real_find_children(self, pred, recursive, *args, **kwargs)

    def find_child(self, pred, recursive=True, *args, **kwargs):
        app = recursive and from_app(self)
        pred = _counting(pred, app)
        STATS["walks"] += 1
        STATS["app_walks"] += int(app)
        return real_find_child(self, pred, recursive, *args, **kwargs)

    tree.Node.findChildren = find_children
    tree.Node.findChild = find_child


def count_walk(root, nodes):
    """A walk of caui's own (caui.walk), from ROOT, that looked at NODES nodes."""
    try:
        whole = root.roleName in ("application", "frame")
    except Exception:
        whole = False
    STATS["walks"] += 1
    STATS["app_walks"] += int(whole)
    STATS["nodes"] += nodes
    if whole:
        STATS["app_nodes"] += nodes


def _report():
    STATS["wall_s"] = round(time.monotonic() - _START, 1)
    STATS["sleep_s"] = {k: round(v, 2) for k, v in sorted(STATS["sleep_s"].items())}
    name = os.path.basename(sys.argv[0]).replace(".py", "")
    folder = os.environ["CASE_AUDIT_UI_STATS"]
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name + ".json"), "w") as f:
        json.dump(STATS, f, indent=1)
    print(f"# stats: {json.dumps(STATS)}", flush=True)


def install():
    """Starts counting, once, before dogtail is imported (dogtail keeps its own reference to
    time.sleep)."""
    global _installed
    if _installed or not os.environ.get("CASE_AUDIT_UI_STATS"):
        return
    _installed = True
    time.sleep = _sleep
    subprocess.Popen.__init__ = _popen_init
    _patch_dogtail()
    atexit.register(_report)

