#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the house rules of HACKING.md that a machine can check, over src/:

- only db/ names sqlite3_, and only db/ and stores/ hold SQL text;
- core/ includes GLib, the C library and core/ alone;
- db/ includes nothing of the layers above it (records, stores, formats, …);
- the model layer (src/libcaseaudit) and the command line (src/cli) include no GTK or
  libadwaita, and no header of the front end; the model layer none of the command line;
- no .c file is longer than 1,200 lines;
- only db/ calls g_task_run_in_thread.

Where the tree does not keep a rule yet, the place is listed in KNOWN below, with what is
left to do: a new breach fails, and so does a listed one that is gone (so the list only
shrinks, and stays true)."""

import os
import re
import sys

MAX_LINES = 1200

# rule -> {file (relative to src/): why it is still so}
KNOWN = {
    "sql": {},
    "db-includes": {},
    "long-file": {},
    "thread": {},
}

# SQL as it is written in a C string: a statement's first words.
SQL = re.compile(r'"\s*(SELECT\s|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|'
                 r'CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)|DROP\s|PRAGMA\s|BEGIN\b|COMMIT\b|'
                 r'ROLLBACK\b|SAVEPOINT\s|WITH\s+\w+\s+AS)')
INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]', re.M)
MODEL_FOLDERS = ("core", "db", "records", "stores", "formats", "import", "reports", "demo")


def folder_of(name, headers):
    """The folder below src/ (such as libcaseaudit/stores) of the header NAME, or None."""
    return headers.get(os.path.basename(name))


def main(src):
    files = []
    for root, _, names in os.walk(src):
        for name in names:
            if name.endswith((".c", ".h")):
                files.append(os.path.relpath(os.path.join(root, name), src))
    headers = {os.path.basename(f): os.path.dirname(f) for f in files if f.endswith(".h")}

    found = {rule: {} for rule in KNOWN}
    found.update({"sqlite": {}, "core-includes": {}, "gtk": {}, "upward": {}})

    for path in sorted(files):
        text = open(os.path.join(src, path), encoding="utf-8").read()
        folder = os.path.dirname(path)
        part = folder.split("/")[1] if folder.startswith("libcaseaudit/") else None
        includes = INCLUDE.findall(text)

        if "sqlite3_" in text and part != "db":
            found["sqlite"][path] = "names sqlite3_"
        if part not in ("db", "stores") and SQL.search(text):
            found["sql"][path] = "holds SQL"
        if part == "core":
            for kind, name in includes:
                allowed = (name.startswith("glib") or "/" not in name and kind == "<" or
                           folder_of(name, headers) == "libcaseaudit/core" or
                           name in ("config.h",))
                if not allowed:
                    found["core-includes"][path] = f"includes {name}"
        if part == "db":
            for kind, name in includes:
                where = folder_of(name, headers) if kind == '"' else None
                if where and where != "libcaseaudit/db" and where != "libcaseaudit/core":
                    found["db-includes"][path] = f"includes {name}"
        if folder.startswith(("libcaseaudit", "cli")):
            for kind, name in includes:
                if name.startswith(("gtk/", "adwaita", "gdk/")):
                    found["gtk"][path] = f"includes {name}"
                where = folder_of(name, headers) if kind == '"' else None
                if where and where.startswith("case-audit"):
                    found["upward"][path] = f"includes the front end's {name}"
                if where and where.startswith("cli") and folder.startswith("libcaseaudit"):
                    found["upward"][path] = f"includes the command line's {name}"
        if path.endswith(".c"):
            lines = text.count("\n")
            if lines > MAX_LINES:
                found["long-file"][path] = f"{lines} lines"
        if "g_task_run_in_thread" in text and part != "db":
            found["thread"][path] = "calls g_task_run_in_thread"

    failures = 0
    for rule, breaches in found.items():
        known = KNOWN.get(rule, {})
        for path, what in sorted(breaches.items()):
            if path in known:
                print(f"# not yet ({rule}): {path} {what}: {known[path]}")
            else:
                print(f"not ok - {path} {what} ({rule}: see HACKING.md)")
                failures += 1
        for path in sorted(set(known) - set(breaches)):
            print(f"not ok - {path} keeps the {rule} rule now: take it off KNOWN in {__file__}")
            failures += 1
    if failures:
        return 1
    print(f"ok - {len(files)} files keep the house rules, "
          f"{sum(len(k) for k in KNOWN.values())} known places not yet")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else
                  os.path.join(os.path.dirname(__file__), "..", "..", "src")))
