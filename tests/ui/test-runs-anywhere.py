#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Case Audit started outside build-aux/run.sh, with no settings schema to be found where
GSettings looks (GSETTINGS_SCHEMA_DIR unset, XDG_DATA_DIRS an empty folder): the binary in the
build tree finds the build's compiled schema and says nothing; a copy of it elsewhere, which
has no schema at all, starts with its default settings and one warning on stderr, as it does
when the schema installed is an older one without a key it reads. Each opens its window and
keeps running, and --help and version work without the schema (issue 10)."""

import os
import shutil
import subprocess
import sys
import tempfile
import time

from caui import BINARY, Failure, check, tree, wait_for

WARNING = "settings schema io.github.caseaudit.CaseAudit is not installed"


def environment(folder):
    env = dict(os.environ)
    for name in ("GSETTINGS_SCHEMA_DIR", "GSETTINGS_BACKEND", "NO_AT_BRIDGE", "G_DEBUG"):
        env.pop(name, None)
    empty = os.path.join(folder, "empty")
    os.makedirs(empty, exist_ok=True)
    env.update({
        "XDG_DATA_DIRS": empty,
        "XDG_DATA_HOME": os.path.join(folder, "data"),
        "XDG_CONFIG_HOME": os.path.join(folder, "config"),
        "GTK_A11Y": "atspi",
        "GSK_RENDERER": "cairo",
    })
    return env


def opens_window(binary, folder):
    """Starts BINARY on its default database and waits for its window on the accessibility
    bus; fails at once if it dies first. Returns what it wrote on stderr."""
    env = environment(folder)
    stderr_path = os.path.join(folder, "stderr")
    with open(stderr_path, "w") as stderr:
        process = subprocess.Popen([binary], env=env, stderr=stderr)
    try:
        def window():
            if process.poll() is not None:
                return "stopped"
            for app in tree.root.applications():
                if app.get_process_id() == process.pid:
                    return app.child(roleName="frame", retry=False)
            return None

        def still_running():
            if process.poll() is not None:
                raise Failure(f"{binary} stopped with status {process.returncode}")
            return True

        # The window is there; a few seconds on, the program is still running. (No timing
        # can make this pass wrongly: a program that aborts is seen dead whenever it is.)
        if wait_for(window, f"the window of {binary}", timeout=60) == "stopped":
            raise Failure(f"{binary} stopped with status {process.returncode}: "
                          f"{open(stderr_path).read()}")
        time.sleep(3)
        still_running()
        print(f"ok - {binary} opened its window and keeps running")
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    with open(stderr_path) as f:
        return f.read()


def commands_work(binary, folder):
    env = environment(folder)
    for arguments, want in ((["--help"], "Commands"), (["version"], "Case Audit"),
                            (["--version"], "Case Audit")):
        result = subprocess.run([binary] + arguments, env=env, capture_output=True, text=True,
                                timeout=60)
        check(result.returncode == 0 and want in result.stdout,
              f"{binary} {' '.join(arguments)}: status {result.returncode}, "
              f"stdout {result.stdout!r}, stderr {result.stderr!r}")
        print(f"ok - {binary} {' '.join(arguments)} works without the schema")


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-anywhere-")
    try:
        # The build tree's binary: its own compiled schema, no warning.
        stderr = opens_window(BINARY, os.path.join(folder, "build-tree"))
        check(WARNING not in stderr, f"the build tree's binary warned: {stderr}")
        print("ok - the build tree's binary found the build's schema")
        commands_work(BINARY, os.path.join(folder, "build-tree"))

        # A copy outside the build tree: no schema anywhere, so the built-in one, once.
        copy = os.path.join(folder, "elsewhere", "case-audit")
        os.makedirs(os.path.dirname(copy))
        shutil.copy2(BINARY, copy)
        stderr = opens_window(copy, os.path.join(folder, "elsewhere"))
        check(stderr.count(WARNING) == 1, f"wanted one warning about the schema: {stderr}")
        print("ok - with no schema at all it starts with defaults and one warning")
        commands_work(copy, os.path.join(folder, "elsewhere"))

        # An older version's schema installed, without a key this one reads: not used (it
        # would abort at the first read of that key); the built-in one is, with a warning.
        stale = os.path.join(folder, "stale")
        schemas = os.path.join(stale, "empty", "glib-2.0", "schemas")
        os.makedirs(schemas)
        source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data",
                              "io.github.caseaudit.CaseAudit.gschema.xml")
        with open(source) as f:
            text = f.read()
        start = text.index('<key name="staff-ref"')
        end = text.index("</key>", start) + len("</key>")
        with open(os.path.join(schemas, "io.github.caseaudit.CaseAudit.gschema.xml"), "w") as f:
            f.write(text[:start] + text[end:])
        subprocess.run(["glib-compile-schemas", schemas], check=True)
        stderr = opens_window(copy, stale)
        check(stderr.count(WARNING) == 1, f"wanted one warning about the old schema: {stderr}")
        print("ok - an out-of-date installed schema is passed over for the built-in one")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        print(f"not ok - {failure}")
        sys.exit(1)
