#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Moderation view (R-H2, R-H4), through the accessibility tree: after a month's sample is
drawn with the command line, the Queue page lists every moderation waiting by due date, says
which are overdue in words, narrows to "Mine" (the staff ID in Preferences), to the overdue and
to a service area; the Agreement page says what the command line's `agreement` says, and groups
by service area as its JSON does. A row opens its Stage 2 form (R-H3): each section shows the
auditor's answers, folded away until asked for; Tab goes through the form once a control (each
person who took part one stop, ticked with Space; the discussion date's calendar button a stop;
no read-only row one); a moderation that grades one section differently is refused until the
moderator says why, then accepted, read-only, and the Agreement page counts it. Every control
has one name. Light and dark."""

import datetime
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

from dogtail.config import config

import dogtail.rawinput as rawinput
import pyatspi

from editorui import editor_of, open_editor, press, wheel

from caui import (BINARY, App, Part, activate_menu_item, badly_named_controls, check,
                  choose_in_popover, click, dialog_button, file_chooser, make_demo_database,
                  on_screen, show_view, wait_for, walk)


# The queue lists every moderation waiting: more than dogtail's 100 children at a time.
config.childrenLimit = 1000


def query(database, sql, *args):
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchall()


def cli(database, *words):
    return subprocess.run([BINARY, *words, "--database", database], check=True,
                          capture_output=True, text=True).stdout


def rows_of(node):
    return [row for row in node.children if row.roleName in ("list item", "row", "panel")
            and row.name]


GRADES = {"outstanding": "Outstanding", "good": "Good",
          "requires-improvement": "Requires Improvement", "inadequate": "Inadequate"}


def reveal(app, node):
    """Scrolls the form with the wheel until NODE is on screen (GTK 4.8 cannot move the
    focus through AT-SPI)."""
    bottom = app.frame.size[1] - 30
    for _ in range(200):
        y, h = node.position[1], node.size[1]
        if y >= 70 and y + h <= bottom:
            return node
        wheel(down=y + h > bottom)
    raise AssertionError(f"could not scroll {node.name!r} into view")


# An answer of the audit moderated, given before its form opens: an NA with its reason is said
# in words no other row of the form has.
NA_REASON = "Seen at nursery with his sister: he is three"


def give_answer(database, case_ref):
    """Answers the first question of the first section of CASE_REF's audit waiting for
    moderation NA with NA_REASON, and returns the question's text, the answer as the form
    says it, and the texts of every question of the audit's graded sections."""
    (audit_id, definition), = query(database, """
        SELECT a.id, v.definition FROM moderation m JOIN audit a ON a.id = m.audit_id
        JOIN case_file c ON c.id = a.case_id JOIN audit_tool_version v
        ON v.id = a.tool_version_id WHERE c.case_ref = ? AND m.moderated_on IS NULL""",
        case_ref)
    sections = [s for s in json.loads(definition)["sections"]
                if s.get("graded") and s.get("questions")]
    question = sections[0]["questions"][0]
    with sqlite3.connect(database) as db:
        db.execute("""INSERT INTO audit_answer (audit_id, question_id, answer, reason)
                      VALUES (?, ?, 'na', ?) ON CONFLICT (audit_id, question_id)
                      DO UPDATE SET answer = 'na', reason = excluded.reason""",
                   (audit_id, question["id"], NA_REASON))
    return (question["text"], f"Not applicable — {NA_REASON}",
            {q["text"] for s in sections for q in s["questions"]})


def has_focus(node):
    return node.getState().contains(pyatspi.STATE_FOCUSED)


def next_focus(form, previous):
    """The control Tab moved the focus to from PREVIOUS, within FORM: looked for among
    PREVIOUS's nearest relations first (a walk of the whole form is seconds of round trips),
    and waited for a moment, since the focus moves after the key is handled; None when it
    is outside FORM."""
    for _ in range(10):
        node = previous
        for _ in range(4):
            node = node.parent if node is not None else None
            if node is None:
                break
            hit = walk(node, has_focus, first=True, visible=False)
            if hit is not None and hit != previous:
                return hit
        hit = walk(form, has_focus, first=True, visible=False)
        if hit is not None and hit != previous:
            return hit
        time.sleep(0.2)
    return None


def answers_and_keyboard(app, form, answer, database, moderation_id):
    """The first section's answers, opened from their folded row; then the whole form by Tab
    from there: each person who took part one stop (the row, not its check as well), ticked
    with Space; the discussion date's calendar button a stop; no read-only row a stop (the
    audit's facts, the auditor's comments and answers)."""
    question, said, questions = answer
    expander = wait_for(lambda: walk(form, lambda n: (n.name or "").startswith(
        "The auditor’s answers") and n.roleName != "label", first=True, visible=False),
        "the first section's answers, folded")
    check(not walk(form, lambda n: n.roleName == "label" and n.name == said, first=True),
          "the answers are folded away until asked for")
    click(reveal(app, expander))
    shown = wait_for(lambda: walk(form, lambda n: n.roleName == "label" and n.name == said,
                                  first=True), f"the answer {said!r} once opened")
    check(walk(form, lambda n: n.roleName == "label" and n.name == question, first=True),
          f"its question beside it: {question!r}")
    check(shown.size[0] < app.frame.size[0], "the answer wraps within the form")
    app.screenshot("moderation-answers-light")

    people = [n.name for n in walk(form, lambda n: n.roleName == "check box" and
                                   (n.name or "").endswith(", took part"), visible=False)]
    check(people, "the people who may take part are listed")
    read_only = questions | {"Auditor’s overall grade", "Moderation due", "Auditor’s comments"}
    wait_for(lambda: has_focus(expander), "the focus on the answers' row after the click")
    stops = [(expander.roleName, expander.name)]
    previous = expander
    for _ in range(80):
        rawinput.pressKey("Tab")
        time.sleep(0.15)
        node = next_focus(form, previous)
        print(f"# Tab: {node and (node.roleName, node.name)}", flush=True)
        if node is None:  # outside the form, in the window around it
            stops.append((None, None))
            continue
        previous = node
        stops.append((node.roleName, node.name))
        if node.name == "Back":
            break
        if node.name == people[0] and stops.count((node.roleName, node.name)) == 1:
            # Space ticks the person on the row that has the focus.
            rawinput.pressKey("space")
            wait_for(lambda: walk(form, lambda n: n.roleName == "check box" and
                                  n.name == people[0] and
                                  n.getState().contains(pyatspi.STATE_CHECKED), first=True,
                                  visible=False), f"Space to tick {people[0]!r}")
    else:
        check(False, f"Tab goes round the form within 80 stops: {stops}")
    names = [name for _, name in stops]
    for person in people:
        check(names.count(person) == 1, f"{person!r} is one Tab stop: {stops}")
    check(not any(role == "check box" for role, _ in stops),
          f"a person's check is no stop of its own: {stops}")
    check("Choose a Date: Date of the discussion" in names,
          f"Tab reaches the discussion date's calendar button: {stops}")
    wrong = [name for name in names if name in read_only]
    check(not wrong, f"no read-only row is a Tab stop: {wrong} in {stops}")
    wait_for(lambda: query(database, "SELECT participants FROM moderation WHERE id = ?",
                           moderation_id)[0][0], "the person ticked by keyboard saved")


def moderate(app, database, case_ref, answer):
    """Completes the Stage 2 moderation of CASE_REF's audit, disagreeing on its first section:
    Submit is refused until the difference is explained, then accepted."""
    (moderation_id, audit_id, overall), = query(database, """
        SELECT m.id, a.id, a.overall_grade FROM moderation m JOIN audit a ON a.id = m.audit_id
        JOIN case_file c ON c.id = a.case_id
        WHERE c.case_ref = ? AND m.moderated_on IS NULL""", case_ref)
    sections = query(database, """SELECT s.section_id, s.grade FROM audit_section s
                                  WHERE s.audit_id = ? AND s.grade IS NOT NULL""", audit_id)
    titles = {"assessment": "Assessment", "planning": "Planning",
              "intervention": "Intervention", "review": "Review",
              "reflection-supervision": "Reflection and Supervision"}
    form = wait_for(lambda: walk(app.frame, lambda n: n.name == "CaModerationEditor",
                                 first=True), "the moderation form")
    wait_for(lambda: walk(form, lambda n: n.roleName == "label" and case_ref in (n.name or ""),
                          first=True), f"the moderation of {case_ref}")
    answers_and_keyboard(app, form, answer, database, moderation_id)

    def control(role, name):
        return wait_for(lambda: walk(form, lambda n: n.roleName == role and n.name == name,
                                     first=True, visible=False), f"the {role} {name!r}")

    first, first_grade = next((s, g) for s, g in sections if s in titles)
    other = "good" if first_grade != "good" else "requires-improvement"
    for section, grade in sections:
        if section in titles:
            choose_in_popover(reveal(app, control("combo box", f"Your grade for {titles[section]}")),
                              GRADES[other if section == first else grade])
    choose_in_popover(reveal(app, control("combo box", "Your grade for the audit overall")),
                      GRADES[overall])
    choose_in_popover(reveal(app, control("combo box", "Made a difference")), "Partly")

    # A further action (R-H3), added as a row with its owner (the auditor, one of those who
    # may own the audit's actions), due date and impact; its description is left for Submit.
    (owner,), = query(database, """SELECT s.name FROM audit a JOIN staff s
                                   ON s.id = a.auditor_id WHERE a.id = ?""", audit_id)
    press(reveal(app, control("push button", "Add Action")))
    choose_in_popover(reveal(app, control("combo box", "Owner of action 1")), owner)
    click(reveal(app, control("text", "Due date of action 1")))
    rawinput.keyCombo("<Control>a")
    rawinput.typeText("30/6/2031")
    click(reveal(app, control("text", "Expected impact for the child of action 1")))
    rawinput.typeText("Her father is part of her plan")
    app.screenshot("moderation-form-light")

    # Refused without a "why", and nothing stored as submitted.
    click(control("push button", "Submit"))
    refusal = (f"Say why your grade for {titles[first]} ({GRADES[other]}) differs from the "
               f"auditor’s ({GRADES[first_grade]}).")
    wait_for(lambda: walk(form, lambda n: n.roleName == "label" and refusal in (n.name or ""),
                          first=True), "Submit refused without a why")
    undescribed = "Action 1 needs a description of what is to be done."
    wait_for(lambda: walk(form, lambda n: n.roleName == "label" and undescribed in (n.name or ""),
                          first=True), "Submit refused for the action without a description")
    check(query(database, "SELECT moderated_on FROM moderation WHERE id = ?",
                moderation_id)[0][0] is None, "nothing submitted")
    app.screenshot("moderation-form-refused-light")

    why = reveal(app, control("text", f"Why your grade for {titles[first]} differs"))
    click(why)
    rawinput.typeText("The plan was reviewed with the family")
    click(reveal(app, control("text", "Action 1")))
    rawinput.typeText("Genogram with the father")
    click(control("push button", "Submit"))
    Part(form, app).toast("Moderation submitted")
    wait_for(lambda: query(database, "SELECT moderated_on FROM moderation WHERE id = ?",
                           moderation_id)[0][0], "the moderation dated")
    stored = dict(query(database, """SELECT section_id, grade FROM moderation_section
                                     WHERE moderation_id = ?""", moderation_id))
    check(stored[first] == other, f"the differing grade stored: {stored}")
    check(query(database, "SELECT why FROM moderation_section WHERE moderation_id = ? AND "
                "section_id = ?", moderation_id, first)[0][0] ==
          "The plan was reviewed with the family", "the why stored")
    actions = query(database, """SELECT x.description, s.name, x.due_date, x.impact, x.audit_id
                                 FROM action x JOIN staff s ON s.id = x.owner_id
                                 WHERE x.moderation_id = ?""", moderation_id)
    check(actions == [("Genogram with the father", owner, "2031-06-30",
                       "Her father is part of her plan", audit_id)],
          f"the further action stored as an action of the audit: {actions}")
    check(not control("push button", "Add Action").sensitive, "no action added once submitted")
    wait_for(lambda: walk(form, lambda n: n.roleName == "label" and
                          (n.name or "").startswith(case_ref + ", submitted"), first=True),
             "the form says it was submitted")

    # The case audit alert to the practice and group managers, with the audit's PDF.
    app.screenshot("moderation-submitted-light")
    press(control("push button", "Save Alert E-mail"))
    eml = os.path.join(tempfile.mkdtemp(prefix="case-audit-alert-"), "alert.eml")
    file_chooser(app, "Save E-mail", eml)
    Part(form, app).toast("E-mail saved")
    with open(eml, encoding="utf-8", errors="replace") as f:
        text = f.read()
    check(f"Case audit alert: moderation of {case_ref} completed" in text, "the alert's subject")
    check("application/pdf" in text, "the audit's PDF attached")
    check(oct(os.stat(eml).st_mode & 0o777) == "0o600", "the e-mail readable by its owner only")


def independent_audit(database, me, skip=0):
    """A submitted audit, alone on its case and not waiting for moderation, that ME neither
    audited nor holds nor manages the worker of: one ME may add to the sample by hand (after
    SKIP others that are)."""
    managers = dict(query(database, "SELECT id, line_manager_id FROM staff"))
    (my_id,), = query(database, "SELECT id FROM staff WHERE staff_ref = ?", me)
    for audit_id, case_ref, auditor, worker in query(database, """
            SELECT a.id, c.case_ref, a.auditor_id, c.allocated_worker_id FROM audit a
            JOIN case_file c ON c.id = a.case_id WHERE a.status = 'submitted'
            AND (SELECT count(*) FROM audit o WHERE o.case_id = a.case_id) = 1
            AND NOT EXISTS (SELECT 1 FROM moderation m WHERE m.audit_id = a.id)
            ORDER BY a.id"""):
        chain, person = set(), worker
        while person is not None and person not in chain:
            chain.add(person)
            person = managers.get(person)
        if my_id != auditor and my_id not in chain:
            if skip == 0:
                return case_ref
            skip -= 1
    raise AssertionError(f"no audit {me} may moderate")


def focus_queue_row(queue, case_ref):
    """Moves the keyboard focus from the filters into the queue with Tab, then down its rows
    to CASE_REF's (GTK 4.8 cannot move the focus through AT-SPI)."""
    for _ in range(15):
        rawinput.pressKey("Tab")
        time.sleep(0.3)
        if any(row.focused for row in rows_of(queue)):
            break
    else:
        raise AssertionError("Tab never reached the queue")
    for _ in range(len(rows_of(queue)) + 1):
        focused = [row for row in rows_of(queue) if row.focused]
        if focused and focused[0].name.startswith(case_ref + ","):
            return
        rawinput.pressKey("Down")
        time.sleep(0.2)
    raise AssertionError(f"the row of {case_ref} never had the focus")


def add_and_remove_by_hand(app, database, me):
    """R-H1: a moderator adds a submitted audit to the sample from its menu, finds it in the
    queue, and takes it out again with its Remove button; another, added with the command
    line, goes with Delete on its row, the keyboard's way."""
    case_ref = independent_audit(database, me)
    other_ref = independent_audit(database, me, skip=1)
    (other_id,), = query(database, """SELECT a.id FROM audit a JOIN case_file c
                                      ON c.id = a.case_id WHERE c.case_ref = ?""", other_ref)
    cli(database, "moderation", "add", str(other_id), "--moderator", me)
    show_view(app, "Audits")
    open_editor(app, case_ref)
    click(app.find("push button", "Audit Menu"))
    activate_menu_item(app, "Add to Moderation Sample")
    # Looked for in the editor alone: the window's whole tree, with the Audits list and the
    # moderation form, takes longer to walk than a toast stays.
    Part(editor_of(app), app).toast(f"The audit of case {case_ref} is in your moderation queue.")
    check(query(database, """SELECT count(*) FROM moderation m JOIN audit a ON a.id = m.audit_id
                             JOIN case_file c ON c.id = a.case_id JOIN staff s
                             ON s.id = m.moderator_id WHERE c.case_ref = ? AND
                             m.reason = 'added' AND s.staff_ref = ?""", case_ref, me)[0][0] == 1,
          "recorded as added by hand, for me")
    rawinput.keyCombo("<Alt>Left")
    show_view(app, "Moderation")
    view = app.part("CaModerationView")
    click(view.find("page tab", "Queue"))
    choose_in_popover(view.find("combo box", "Filter by service area", prefix=True),
                      "All service areas")
    remove = view.find("push button", f"Remove {case_ref} from the sample", timeout=60)
    app.screenshot("moderation-added-by-hand-light")
    press(remove)
    wait_for(lambda: not query(database, """SELECT 1 FROM moderation m JOIN audit a
                                            ON a.id = m.audit_id JOIN case_file c
                                            ON c.id = a.case_id WHERE c.case_ref = ?""",
                               case_ref), "the moderation taken out")
    wait_for(lambda: not walk(view.node, lambda n: n.roleName == "push button" and
                              n.name == f"Remove {case_ref} from the sample", first=True),
             "its row gone from the queue")

    # Delete on the other's row. The filters are chosen again so that the focus starts there.
    queue = view.find("list", "Moderations waiting")
    choose_in_popover(view.find("combo box", "Filter by service area", prefix=True),
                      "All service areas")
    view.find("push button", f"Remove {other_ref} from the sample", timeout=60)
    focus_queue_row(queue, other_ref)
    rawinput.pressKey("Delete")
    wait_for(lambda: not query(database, """SELECT 1 FROM moderation m JOIN audit a
                                            ON a.id = m.audit_id WHERE a.id = ?""", other_id),
             "the moderation taken out with Delete")


def draw_in_window(app, database):
    """R-H1 from the window: Draw Sample… for August records what the command line's preview
    of August says, and a second draw of it records nothing."""
    preview = json.loads(cli(database, "moderation", "sample", "2026-08", "--json"))
    placed = sum(1 for pick in preview["sample"] if pick["moderator_id"] is not None)
    view = app.part("CaModerationView")
    for attempt in range(2):
        press(view.find("push button", "Draw Sample…"))
        dialog = app.window("Draw a Moderation Sample?")
        choose_in_popover(dialog.find("combo box", "Month of submission", prefix=True),
                          "August 2026")
        if attempt == 0:
            app.screenshot("moderation-draw-light")
        click(dialog_button(dialog.node, "Draw"))
        if attempt == 0:
            wait_for(lambda: query(database, "SELECT count(*) FROM moderation WHERE "
                                   "sample_month = '2026-08'")[0][0] == placed,
                     f"August's {placed} moderations recorded")
    # The refusal's words are the store's (tests/store, tests/cli); here, nothing drawn twice.
    time.sleep(1)
    check(query(database, "SELECT count(*) FROM moderation WHERE sample_month = '2026-08'")[0][0]
          == placed, "nothing drawn twice")


def main():
    folder = tempfile.mkdtemp(prefix="case-audit-ui-moderation-")
    database = make_demo_database(folder)
    # The generated year has moderations for every month; take September's and August's away,
    # and draw September's as a CPP lead would with the command line (August's, later, with
    # the window).
    with sqlite3.connect(database) as db:
        db.executescript("""
            DELETE FROM moderation_section WHERE moderation_id IN (SELECT m.id FROM moderation m
              JOIN audit a ON a.id = m.audit_id WHERE substr(a.submitted_at, 1, 7) = '2026-09');
            DELETE FROM moderation WHERE audit_id IN (SELECT id FROM audit
              WHERE substr(submitted_at, 1, 7) = '2026-09');
            DELETE FROM moderation_section WHERE moderation_id IN (SELECT m.id FROM moderation m
              JOIN audit a ON a.id = m.audit_id WHERE substr(a.submitted_at, 1, 7) = '2026-08');
            DELETE FROM moderation WHERE audit_id IN (SELECT id FROM audit
              WHERE substr(submitted_at, 1, 7) = '2026-08');""")
    cli(database, "moderation", "sample", "2026-09", "--commit")
    waiting = query(database, """
        SELECT c.case_ref, mo.staff_ref, sa.name, m.due_date FROM moderation m
        JOIN audit a ON a.id = m.audit_id JOIN case_file c ON c.id = a.case_id
        JOIN team t ON t.id = c.team_id JOIN service_area sa ON sa.id = t.service_area_id
        JOIN staff mo ON mo.id = m.moderator_id
        WHERE m.moderated_on IS NULL ORDER BY m.due_date, c.case_ref, m.id""")
    today = datetime.date.today().isoformat()
    me = query(database, """SELECT s.staff_ref FROM moderation m JOIN staff s
                            ON s.id = m.moderator_id WHERE m.moderated_on IS NULL
                            GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""")[0][0]
    print(f"# {len(waiting)} waiting; me = {me}")

    # Dark first: the light run submits a moderation, and the queue is one shorter after it.
    for scheme in ("dark", "light"):
        env = {"ADW_DEBUG_COLOR_SCHEME": f"prefer-{scheme}"}
        # Tall enough for the grouping's list to open inside the window: under Xvfb, with no
        # window manager, a popover reaching past its window does not take Return.
        app = App(database, env, settings={"staff-ref": me, "window-width": 1100,
                                           "window-height": 880})
        try:
            app.find("list", "Audits")
            show_view(app, "Moderation")
            view = app.part("CaModerationView", timeout=60)
            queue = view.find("list", "Moderations waiting", timeout=60)
            wait_for(lambda: len(rows_of(queue)) == len(waiting),
                     f"{len(waiting)} rows in the queue")
            rows = rows_of(queue)
            check(rows[0].name.startswith(waiting[0][0] + ","),
                  f"the earliest due first: {rows[0].name}")
            late = [w for w in waiting if w[3] < today]
            check(sum("Overdue since" in row.name for row in rows) == len(late),
                  f"{len(late)} said to be overdue in words")
            view.find("label", f"{len(waiting)} waiting, {len(late)} overdue"
                      if late else f"{len(waiting)} waiting")
            app.screenshot(f"moderation-queue-{scheme}")
            if scheme == "dark":
                bad = badly_named_controls(view.node)
                check(not bad, f"every control has one name: {bad}")
                continue

            # Mine: the moderations of the staff ID in Preferences.
            choose_in_popover(view.find("combo box", "Whose moderations", prefix=True), "Mine")
            mine = [w for w in waiting if w[1] == me]
            wait_for(lambda: len(rows_of(queue)) == len(mine), f"{len(mine)} rows for {me}")
            # The overdue alone.
            choose_in_popover(view.find("combo box", "Whose moderations", prefix=True),
                              "Everyone’s")
            choose_in_popover(view.find("combo box", "Filter by status", prefix=True), "Overdue")
            wait_for(lambda: len(rows_of(queue)) == len(late) or
                     (not late and view.find("label", "No moderation waiting matches the filters.")),
                     "the overdue alone")
            choose_in_popover(view.find("combo box", "Filter by status", prefix=True),
                              "All waiting")
            # One service area.
            area = sorted({w[2] for w in waiting})[0]
            choose_in_popover(view.find("combo box", "Filter by service area", prefix=True), area)
            in_area = [w for w in waiting if w[2] == area]
            wait_for(lambda: len(rows_of(queue)) == len(in_area), f"{len(in_area)} rows in {area}")
            first_case = rows_of(queue)[0].name.split(",")[0]

            # The Agreement page says what the command line says.
            click(view.find("page tab", "Agreement"))
            text = cli(database, "agreement")
            sentence = [line.strip() for line in text.splitlines()
                        if line.strip().startswith("Moderators agreed")][0]
            view.find("label", sentence, timeout=60)
            groups = json.loads(cli(database, "agreement", "--by", "service-area", "--json"))["groups"]
            choose_in_popover(view.find("combo box", "Group the figures", prefix=True),
                              "By service area")
            # Rows below the fold count too: each group is a row named by its label.
            wait_for(lambda: [n.name for n in view.node.findChildren(
                lambda n: n.roleName == "list item" and n.name in
                {g["label"] for g in groups})] == [g["label"] for g in groups],
                f"a row for each of the {len(groups)} service areas, in order")
            app.screenshot("moderation-agreement-light")
            # And each section that both graded, in the tool's order (R-H4).
            sections = json.loads(cli(database, "agreement", "--by", "section",
                                      "--json"))["groups"]
            choose_in_popover(view.find("combo box", "Group the figures", prefix=True),
                              "By section")
            wait_for(lambda: [n.name for n in view.node.findChildren(
                lambda n: n.roleName == "list item" and n.name in
                {g["label"] for g in sections})] == [g["label"] for g in sections],
                f"a row for each of the {len(sections)} sections, in order")

            # A row opens its Stage 2 form.
            click(view.find("page tab", "Queue"))
            row = wait_for(lambda: walk(queue, lambda n: (n.name or "").startswith(first_case + ","),
                                        first=True), f"the row of {first_case}")
            answer = give_answer(database, first_case)
            click(row)
            moderate(app, database, first_case, answer)

            # The Agreement page counts the moderation just submitted.
            rawinput.keyCombo("<Alt>Left")
            click(wait_for(lambda: walk(view.node, lambda n: n.roleName == "page tab" and
                                        n.name == "Agreement", first=True), "the Agreement tab"))
            after = [line.strip() for line in cli(database, "agreement").splitlines()
                     if line.strip().startswith("Moderators agreed")][0]
            check(after != sentence, f"the figures change: {after}")
            view.find("label", after, timeout=60)

            add_and_remove_by_hand(app, database, me)
            draw_in_window(app, database)
        finally:
            app.close()
    print("ok")


if __name__ == "__main__":
    sys.exit(main())
