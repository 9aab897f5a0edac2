#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two copies of Case Audit on one database edit one draft (R-N2): both texts are kept, the
fields only one copy changed are merged, and the copy that met the conflict asks which version
to keep; the version set aside survives a kill and is offered again on the next start."""

import signal
import sqlite3
import sys
import tempfile
import time

from caui import (App, check, conflict_dialog, dialog_button, insert_text, labels_of,
                  make_demo_database, wait_for)
from editorui import Form, allocated_audit, open_editor, press, type_into

A_TEXT = "A boy of 12, as the auditor in window A wrote it."
B_TEXT = "A boy of 12, as the practitioner in window B wrote it."
B_DONE_WELL = "His views are in his own words (window B)."

START = time.monotonic()


def step(what):
    print(f"# {time.monotonic() - START:6.1f} s: {what}", flush=True)


def stored(database, audit_id):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT pen_picture, done_well FROM audit WHERE id = ?",
                          (audit_id,)).fetchone()


def set_aside(database, audit_id):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT field, value FROM audit_draft_set_aside WHERE audit_id = ? "
                          "ORDER BY id", (audit_id,)).fetchall()


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-conflict-")
    database = make_demo_database(folder)
    audit_id, case_ref = allocated_audit(database)

    a = App(database, settings={"window-height": 900})
    b = None
    try:
        form_a = open_editor(a, case_ref)
        pen_a = form_a.get("text", "Pen picture of the child's journey")
        form_a.get("text", "What has been done well")
        step("window A has the draft open")

        # Window B, a second copy of Case Audit (as on a second desktop sharing the file),
        # opens the same draft and types in two fields.
        b = App(database, settings={"window-height": 900}, own_session=True)
        form_b = open_editor(b, case_ref)
        type_into(form_b.get("text", "Pen picture of the child's journey"), B_TEXT)
        type_into(form_b.get("text", "What has been done well"), B_DONE_WELL)
        wait_for(lambda: stored(database, audit_id) == (B_TEXT, B_DONE_WELL),
                 "window B's typing to be saved")
        step("window B saved")

        # Window A, still showing the draft as it opened, types its own pen picture.
        insert_text(pen_a, A_TEXT)
        wait_for(lambda: set_aside(database, audit_id) == [("pen_picture", A_TEXT)],
                 "A's text to be set aside", timeout=60)
        # Told in a bar above the form, not a dialog that would take the keyboard from
        # someone typing; the bar's button asks.
        a.label_matching("^“Pen picture of the child's journey” was changed here and "
                         "elsewhere at once\\. Both versions are kept until you choose one\\.$")
        press(a.find("push button", "Choose Between the Versions"))
        dialog = conflict_dialog(a, timeout=90)
        texts = labels_of(dialog)
        print(f"# the dialog says: {texts}")
        check(any("“Pen picture of the child's journey” was changed in another window" in t
                  for t in texts), f"the dialog names the field: {texts}")
        check(A_TEXT in texts and B_TEXT in texts, f"the dialog shows both versions: {texts}")
        # Both texts are in the database: B's stored, A's set aside.
        check(stored(database, audit_id)[0] == B_TEXT, "the stored text is still B's")
        check(set_aside(database, audit_id) == [("pen_picture", A_TEXT)],
              f"A's text is set aside: {set_aside(database, audit_id)}")
        # What only B changed has come to A's form.
        wait_for(lambda: Form(a).get("text", "What has been done well").text == B_DONE_WELL,
                 "B's words on what was done well to appear in window A")
        step("conflict reported in window A, B's other change taken in")

        # Decided later; then window A is killed. Nothing is lost.
        press(dialog_button(dialog, "Later"))
        a.process.send_signal(signal.SIGKILL)
        a.process.wait(timeout=10)
        b.close()
        b = None
        check(set_aside(database, audit_id) == [("pen_picture", A_TEXT)],
              "A's text is still set aside after the kill")
    finally:
        a.close()
        if b is not None:
            b.close()

    # The next start offers the choice again, for the version kept aside.
    a = App(database, settings={"window-height": 900})
    try:
        open_editor(a, case_ref)
        dialog = conflict_dialog(a, timeout=90)
        texts = labels_of(dialog)
        check(any(t.startswith("“Pen picture of the child's journey” was changed in two places "
                               "at once: here and by ") for t in texts),
              f"the dialog says where the other version came from: {texts}")
        check(A_TEXT in texts and B_TEXT in texts, f"the dialog shows both versions: {texts}")
        a.screenshot("draft-conflict")
        press(dialog_button(dialog, "Use the Other Version"))
        wait_for(lambda: stored(database, audit_id) == (A_TEXT, B_DONE_WELL),
                 "the chosen version to be saved, with B's other change kept")
        wait_for(lambda: set_aside(database, audit_id) == [], "the set-aside version to go")
        form = Form(a)
        wait_for(lambda: form.get("text", "Pen picture of the child's journey").text == A_TEXT,
                 "the form to show the version chosen")
        step("the version kept aside was chosen after a restart")
    finally:
        a.close()

    # The same in dark mode, for the screenshot of the dialog as a user meets it live.
    with sqlite3.connect(database) as db:
        db.execute("UPDATE audit SET pen_picture = ? WHERE id = ?", (B_TEXT, audit_id))
    a = App(database, {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"},
            settings={"window-height": 900, "window-width": 480})
    try:
        form_a = open_editor(a, case_ref)
        with sqlite3.connect(database) as db:
            db.execute("UPDATE audit SET pen_picture = ? WHERE id = ?", (A_TEXT, audit_id))
        type_into(form_a.get("text", "Pen picture of the child's journey"), " Typed here.")
        a.label_matching("was changed here and elsewhere at once")
        a.screenshot("draft-conflict-bar-narrow-dark")
        press(a.find("push button", "Choose Between the Versions"))
        dialog = conflict_dialog(a, timeout=90)
        a.screenshot("draft-conflict-narrow-dark")
        press(dialog_button(dialog, "Keep This Version"))
        wait_for(lambda: stored(database, audit_id)[0] == B_TEXT + " Typed here.",
                 "this window's version to be saved over the other")
        wait_for(lambda: set_aside(database, audit_id) == [], "the set-aside version to go")
    finally:
        a.close()

    print("ok - two copies editing one draft keep both texts and ask which to keep")
    return 0


if __name__ == "__main__":
    sys.exit(main())
