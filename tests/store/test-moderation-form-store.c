// SPDX-License-Identifier: GPL-3.0-or-later
// The Stage 2 moderation form (R-H3) in a real database file: what it shows of the audit,
// saves merged with another copy's (R-N2), and Submit refused until every difference is
// explained, with nothing half-written.

#include "config.h"

#include "ca-action-store.h"
#include "ca-audit-draft-store.h"
#include "ca-moderation-alert.h"
#include "ca-moderation-form-store.h"
#include "ca-moderation-report.h"
#include "ca-deadline-store.h"
#include "ca-holiday-store.h"
#include "ca-tracker-store.h"
#include "ca-test-fixture.h"

/* Audit 2 (Inadequate, by Amrit Kaur of Zoe Walker's case) on the built-in Stage 1 tool,
 * with the auditor's section grades; moderation 2 of it open for Hannah Price; audit 3,
 * still a draft, with moderation 3. */
static void
add_open_moderation (CaTestFixture *fixture)
{
  ca_test_fixture_add_rows (fixture);
  ca_test_exec (fixture->database,
    "UPDATE audit SET tool_version_id = (SELECT v.id FROM audit_tool_version v "
    "  JOIN audit_tool t ON t.id = v.tool_id WHERE t.code = 'stage-1' ORDER BY v.version DESC "
    "  LIMIT 1) WHERE id IN (2, 3);"
    "INSERT INTO audit_section (audit_id, section_id, grade, comments) VALUES"
    "  (2, 'assessment', 'requires-improvement', 'No voice of the child'),"
    "  (2, 'planning', 'inadequate', NULL),"
    "  (2, 'intervention', 'good', NULL),"
    "  (2, 'review', 'good', NULL),"
    "  (2, 'reflection-supervision', 'requires-improvement', NULL);"
    "INSERT INTO moderation (id, audit_id, moderator_id, due_date, reason) VALUES"
    "  (2, 2, 1, '2021-07-21', 'inadequate'), (3, 3, 1, '2021-08-20', 'added');");
}

static CaModerationSheet *
load (CaTestFixture *fixture,
      gint64         id)
{
  g_autoptr(GError) error = NULL;
  CaModerationSheet *sheet = ca_moderation_form_store_load (fixture->database, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sheet);
  return sheet;
}

/* Grades every section as the auditor did, and the audit overall. */
static void
agree_throughout (CaModerationSheet *sheet)
{
  for (guint i = 0; i < sheet->sections->len; i++)
    {
      const CaModeratedSection *section = g_ptr_array_index (sheet->sections, i);

      ca_moderation_form_set_grade (sheet->form, section->id, section->auditor_grade);
    }
  sheet->form->overall_grade = sheet->auditor_overall;
}

static CaFormSaved *
save (CaTestFixture          *fixture,
      const CaModerationForm *base,
      const CaModerationForm *form,
      const char             *session,
      const gint64           *resolved,
      guint                   n_resolved)
{
  g_autoptr(GError) error = NULL;
  const CaFormModel *model = ca_moderation_form_store_get_form_model ();
  CaFormSaved *saved = model->save_since (fixture->database, 2, base, form, session, resolved,
                                          n_resolved, &error);

  g_assert_no_error (error);
  g_assert_nonnull (saved);
  return saved;
}

static void
test_load (CaTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(CaModerationSheet) sheet = NULL;
  const CaModeratedSection *first;
  const CaModerationPerson *person;

  add_open_moderation (fixture);
  sheet = load (fixture, 2);
  g_assert_cmpstr (sheet->case_ref, ==, "CA-000101");
  g_assert_cmpstr (sheet->auditor_name, ==, "Amrit Kaur");
  g_assert_cmpstr (sheet->moderator_name, ==, "Hannah Price");
  g_assert_cmpint (sheet->auditor_overall, ==, CA_GRADE_INADEQUATE);
  g_assert_cmpint (sheet->category, ==, 1);
  g_assert_null (sheet->moderated_on);

  /* The five graded sections of Stage 1, in its order; "Comments and actions" is not graded. */
  g_assert_cmpuint (sheet->sections->len, ==, 5);
  first = g_ptr_array_index (sheet->sections, 0);
  g_assert_cmpstr (first->id, ==, "assessment");
  g_assert_cmpstr (first->title, ==, "Assessment");
  g_assert_cmpint (first->auditor_grade, ==, CA_GRADE_REQUIRES_IMPROVEMENT);
  g_assert_cmpstr (first->auditor_comments, ==, "No voice of the child");

  /* The moderator, then the worker's practice manager and the worker; the group manager
   * above Imran Shah is Hannah Price herself, named once. */
  g_assert_cmpuint (sheet->people->len, ==, 3);
  person = g_ptr_array_index (sheet->people, 1);
  g_assert_cmpstr (person->name, ==, "Imran Shah");
  g_assert_cmpstr (person->part, ==, "Practice manager");
  person = g_ptr_array_index (sheet->people, 2);
  g_assert_cmpstr (person->name, ==, "Zoe Walker");
  g_assert_cmpint (person->id, ==, 3);
}

/* The auditor's answers, section by section, in the tool's order whatever order they were
 * stored in, in the words the audit's form and PDF give them; a question left unanswered is
 * said to be. Only the graded sections are moderated, so only theirs are read. */
static void
test_answers (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(CaModerationSheet) sheet = NULL;
  const CaModeratedSection *assessment, *planning;
  const CaModeratedAnswer *answer;

  add_open_moderation (fixture);
  ca_test_exec (fixture->database,
    "INSERT INTO audit_answer (audit_id, question_id, answer, reason) VALUES"
    "  (2, 'assessment.child-seen-alone', 'na', 'He is two and was seen with his sister'),"
    "  (2, 'assessment.parenting-capacity', 'no', NULL),"
    "  (2, 'assessment.developmental-needs', 'yes', NULL),"
    "  (2, 'planning.smart', 'yes', NULL),"
    "  (3, 'assessment.wider-factors', 'yes', NULL);");
  sheet = load (fixture, 2);
  g_assert_cmpuint (sheet->sections->len, ==, 5);

  assessment = g_ptr_array_index (sheet->sections, 0);
  g_assert_cmpstr (assessment->id, ==, "assessment");
  g_assert_cmpuint (assessment->answers->len, ==, 13);
  answer = g_ptr_array_index (assessment->answers, 0);
  g_assert_cmpstr (answer->question_id, ==, "assessment.developmental-needs");
  g_assert_cmpstr (answer->question, ==,
                   "Does the assessment consider each child's developmental needs?");
  g_assert_cmpstr (answer->answer, ==, "Yes");
  answer = g_ptr_array_index (assessment->answers, 1);
  g_assert_cmpstr (answer->question_id, ==, "assessment.parenting-capacity");
  g_assert_cmpstr (answer->answer, ==, "No");
  /* Another audit's answer is not this one's. */
  answer = g_ptr_array_index (assessment->answers, 2);
  g_assert_cmpstr (answer->question_id, ==, "assessment.wider-factors");
  g_assert_cmpstr (answer->answer, ==, "Not answered");
  answer = g_ptr_array_index (assessment->answers, 6);
  g_assert_cmpstr (answer->question_id, ==, "assessment.child-seen-alone");
  g_assert_cmpstr (answer->question, ==, "Was the child seen alone?");
  g_assert_cmpstr (answer->answer, ==,
                   "Not applicable — He is two and was seen with his sister");

  planning = g_ptr_array_index (sheet->sections, 1);
  g_assert_cmpstr (planning->id, ==, "planning");
  g_assert_cmpuint (planning->answers->len, ==, 7);
  answer = g_ptr_array_index (planning->answers, 0);
  g_assert_cmpstr (answer->question_id, ==, "planning.addresses-need");
  g_assert_cmpstr (answer->answer, ==, "Not answered");
  answer = g_ptr_array_index (planning->answers, 2);
  g_assert_cmpstr (answer->question_id, ==, "planning.smart");
  g_assert_cmpstr (answer->answer, ==, "Yes");

  /* The grades and comments still come with them. */
  g_assert_cmpint (assessment->auditor_grade, ==, CA_GRADE_REQUIRES_IMPROVEMENT);
  g_assert_cmpstr (assessment->auditor_comments, ==, "No voice of the child");
  g_assert_cmpint (planning->auditor_grade, ==, CA_GRADE_INADEQUATE);
  g_assert_null (planning->auditor_comments);
}

static void
test_draft_audit_refused (CaTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaModerationSheet) sheet = NULL;

  add_open_moderation (fixture);
  sheet = ca_moderation_form_store_load (fixture->database, 3, &error);
  g_assert_error (error, CA_MODERATION_FORM_STORE_ERROR,
                  CA_MODERATION_FORM_STORE_ERROR_NOT_SUBMITTED);
  g_assert_null (sheet);
  g_assert_nonnull (strstr (error->message, "still being written"));
}

static void
test_save_round_trip (CaTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(CaModerationSheet) sheet = NULL;
  g_autoptr(CaModerationSheet) again = NULL;
  g_autoptr(CaFormSaved) saved = NULL;

  add_open_moderation (fixture);
  sheet = load (fixture, 2);
  ca_moderation_form_set_grade (sheet->form, "assessment", CA_GRADE_INADEQUATE);
  ca_moderation_form_set_why (sheet->form, "assessment", "The child was not seen alone");
  sheet->form->discussion_date = g_strdup ("2021-07-02");
  sheet->form->participants = g_strdup ("1,2,3");
  sheet->form->difference = CA_DIFFERENCE_PARTLY;
  saved = save (fixture, sheet->stored, sheet->form, "one", NULL, 0);
  g_assert_cmpuint (saved->conflicts->len, ==, 0);

  again = load (fixture, 2);
  g_assert_cmpint (ca_moderation_form_get_grade (again->form, "assessment"), ==,
                   CA_GRADE_INADEQUATE);
  g_assert_cmpstr (ca_moderation_form_get_why (again->form, "assessment"), ==,
                   "The child was not seen alone");
  g_assert_cmpstr (again->form->participants, ==, "1,2,3");
  g_assert_cmpint (again->form->difference, ==, CA_DIFFERENCE_PARTLY);
  g_assert_null (again->moderated_on);
}

/* Two moderators save the same moderation at once: different fields both land; one field
 * changed differently keeps the first and sets the second aside, and Submit waits for the
 * choice. */
static void
test_two_copies (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(CaModerationSheet) one = NULL;
  g_autoptr(CaModerationSheet) two = NULL;
  g_autoptr(CaModerationSheet) after = NULL;
  g_autoptr(CaFormSaved) first = NULL;
  g_autoptr(CaFormSaved) second = NULL;
  g_autoptr(CaFormSaved) chosen = NULL;
  g_autoptr(GError) error = NULL;
  const CaFormConflict *conflict;

  add_open_moderation (fixture);
  one = load (fixture, 2);
  two = load (fixture, 2);
  one->form->learning = g_strdup ("Fathers must be seen");
  one->form->further_actions = g_strdup ("Genogram by Friday");
  two->form->learning = g_strdup ("Supervision should be recorded");
  two->form->difference = CA_DIFFERENCE_YES;

  first = save (fixture, one->stored, one->form, "one", NULL, 0);
  second = save (fixture, two->stored, two->form, "two", NULL, 0);
  g_assert_cmpuint (second->conflicts->len, ==, 1);
  conflict = g_ptr_array_index (second->conflicts, 0);
  g_assert_cmpstr (conflict->where, ==, "learning");

  after = load (fixture, 2);
  g_assert_cmpstr (after->form->learning, ==, "Fathers must be seen");
  g_assert_cmpstr (after->form->further_actions, ==, "Genogram by Friday");
  g_assert_cmpint (after->form->difference, ==, CA_DIFFERENCE_YES);
  g_assert_cmpuint (after->set_aside->len, ==, 1);

  agree_throughout (after);
  after->form->difference = CA_DIFFERENCE_YES;
  g_assert_false (ca_moderation_form_store_submit (fixture->database, 2, after->form, &error));
  g_assert_error (error, CA_MODERATION_FORM_STORE_ERROR, CA_MODERATION_FORM_STORE_ERROR_UNDECIDED);
  g_clear_error (&error);

  /* The second moderator keeps the first's text: the version set aside goes. */
  chosen = save (fixture, after->stored, after->stored, "two", &conflict->id, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM moderation_set_aside"), ==, 0);
  g_assert_true (ca_moderation_form_store_submit (fixture->database, 2, after->form, &error));
  g_assert_no_error (error);
}

static void
test_submit (CaTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(CaModerationSheet) sheet = NULL;
  g_autoptr(CaModerationSheet) after = NULL;
  g_autoptr(GError) error = NULL;
  const CaFormModel *model = ca_moderation_form_store_get_form_model ();
  CaFormSaved *refused;

  add_open_moderation (fixture);
  sheet = load (fixture, 2);
  agree_throughout (sheet);
  ca_moderation_form_set_grade (sheet->form, "planning", CA_GRADE_REQUIRES_IMPROVEMENT);
  sheet->form->difference = CA_DIFFERENCE_NOT_YET;

  /* A grade that differs with no "why": refused, and nothing written. */
  g_assert_false (ca_moderation_form_store_submit (fixture->database, 2, sheet->form, &error));
  g_assert_error (error, CA_MODERATION_FORM_STORE_ERROR, CA_MODERATION_FORM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Say why your grade for Planning (Requires Improvement) differs from the "
                   "auditor’s (Inadequate).");
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM moderation_section "
                                      "WHERE moderation_id = 2"), ==, 0);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT moderated_on IS NULL FROM moderation "
                                      "WHERE id = 2"), ==, 1);

  ca_moderation_form_set_why (sheet->form, "planning", "The plan has dates and owners");
  g_assert_true (ca_moderation_form_store_submit (fixture->database, 2, sheet->form, &error));
  g_assert_no_error (error);

  after = load (fixture, 2);
  g_assert_nonnull (after->moderated_on);
  g_assert_cmpint (ca_moderation_form_get_grade (after->form, "planning"), ==,
                   CA_GRADE_REQUIRES_IMPROVEMENT);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history WHERE "
                                      "entity = 'moderation' AND entity_id = 2 AND "
                                      "field = 'moderated_on'"), ==, 1);

  /* The case audit alert: to the practice and group managers who have an address, with
   * the audit and its moderation as a PDF, and the difference explained. */
  ca_test_exec (fixture->database,
                "UPDATE staff SET email = 'imran.shah@example.gov.uk' WHERE id = 2");
  {
    g_autoptr(CaMailMessage) alert = ca_moderation_alert_new (fixture->database, 2, &error);
    g_autoptr(CaModerationSheet) shown = load (fixture, 2);
    g_autofree char *body = ca_moderation_alert_get_body (shown);

    g_assert_no_error (error);
    g_assert_cmpstr (ca_mail_message_get_subject (alert), ==,
                     "Case audit alert: moderation of CA-000101 completed");
    g_assert_cmpuint (ca_mail_message_get_n_to (alert), ==, 1);
    g_assert_cmpstr (ca_mail_message_get_to_address (alert, 0), ==, "imran.shah@example.gov.uk");
    g_assert_cmpuint (ca_mail_message_get_n_attachments (alert), ==, 1);
    g_assert_nonnull (strstr (body, "- Planning: Requires Improvement (the auditor’s: "
                                    "Inadequate). The plan has dates and owners"));
    g_assert_nonnull (strstr (body, "made a difference for the child? Not yet."));
  }

  /* Submitted: read-only to a save and to a second submit. */
  refused = model->save_since (fixture->database, 2, after->stored, after->form, "one", NULL, 0,
                               &error);
  g_assert_null (refused);
  g_assert_error (error, CA_MODERATION_FORM_STORE_ERROR, CA_MODERATION_FORM_STORE_ERROR_SUBMITTED);
  g_clear_error (&error);
  g_assert_false (ca_moderation_form_store_submit (fixture->database, 2, after->form, &error));
  g_assert_error (error, CA_MODERATION_FORM_STORE_ERROR, CA_MODERATION_FORM_STORE_ERROR_SUBMITTED);
}

/* Further actions (R-H3, schema 0013) ---------------------------------------------------- */

static const CaDraftAction *
find_action (const CaModerationForm *form,
             const char             *key)
{
  int index = ca_moderation_form_find_action (form, key);

  g_assert_cmpint (index, >=, 0);
  return g_ptr_array_index (form->actions, index);
}

/* Saved as rows of the audit's actions with the moderation named; read back in order; a
 * change keeps the row's id, a removal deletes it, and the audit's own action is untouched. */
static void
test_actions_round_trip (CaTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(CaModerationSheet) sheet = NULL;
  g_autoptr(CaModerationSheet) again = NULL;
  g_autoptr(CaModerationSheet) last = NULL;
  g_autoptr(CaFormSaved) saved = NULL;
  g_autoptr(CaFormSaved) changed = NULL;
  const CaDraftAction *action;
  CaDraftAction *row;
  gint64 kept_id;

  add_open_moderation (fixture);
  sheet = load (fixture, 2);
  g_assert_cmpuint (sheet->form->actions->len, ==, 0);
  /* Owned as the audit's actions are: Zoe Walker (3) is of the case's team. */
  g_assert_nonnull (sheet->owners);
  g_assert_cmpuint (sheet->owners->len, >, 0);
  ca_moderation_form_add_action (sheet->form, "a", "Genogram with the father", 3, "2021-07-30",
                                 "His family is known to the plan");
  ca_moderation_form_add_action (sheet->form, "b", "Supervision recorded", 2, "2021-07-23",
                                 "Decisions are reflected on");
  saved = save (fixture, sheet->stored, sheet->form, "one", NULL, 0);
  g_assert_cmpuint (saved->conflicts->len, ==, 0);

  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM action WHERE audit_id = 2 "
                                      "AND moderation_id = 2"), ==, 2);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM action WHERE id = 1 "
                                      "AND moderation_id IS NULL"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history WHERE "
                                      "entity = 'action' AND field = 'description' AND "
                                      "new_value = 'Genogram with the father'"), ==, 1);

  again = load (fixture, 2);
  g_assert_cmpuint (again->form->actions->len, ==, 2);
  action = g_ptr_array_index (again->form->actions, 0);
  g_assert_cmpstr (action->key, ==, "a");
  g_assert_cmpstr (action->description, ==, "Genogram with the father");
  g_assert_cmpint (action->owner_id, ==, 3);
  g_assert_cmpstr (action->due_date, ==, "2021-07-30");
  g_assert_cmpstr (action->impact, ==, "His family is known to the plan");
  g_assert_cmpstr (((CaDraftAction *) again->form->actions->pdata[1])->key, ==, "b");

  kept_id = ca_test_query_int (fixture->database,
                               "SELECT id FROM action WHERE moderation_key = 'a'");
  row = (CaDraftAction *) find_action (again->form, "a");
  g_free (row->due_date);
  row->due_date = g_strdup ("2021-08-06");
  g_ptr_array_remove_index (again->form->actions, ca_moderation_form_find_action (again->form,
                                                                                    "b"));
  changed = save (fixture, again->stored, again->form, "one", NULL, 0);
  g_assert_cmpuint (changed->conflicts->len, ==, 0);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT id FROM action WHERE moderation_id = 2"), ==,
                   kept_id);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history WHERE "
                                      "entity = 'action' AND field = 'due_date' AND "
                                      "new_value = '2021-08-06'"), ==, 1);
  last = load (fixture, 2);
  g_assert_cmpuint (last->form->actions->len, ==, 1);
  g_assert_cmpstr (find_action (last->form, "a")->due_date, ==, "2021-08-06");
}

/* Two moderators each add an action at the same time: both land, with no choice to make. */
static void
test_actions_two_copies (CaTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(CaModerationSheet) one = NULL;
  g_autoptr(CaModerationSheet) two = NULL;
  g_autoptr(CaModerationSheet) after = NULL;
  g_autoptr(CaFormSaved) first = NULL;
  g_autoptr(CaFormSaved) second = NULL;

  add_open_moderation (fixture);
  one = load (fixture, 2);
  two = load (fixture, 2);
  ca_moderation_form_add_action (one->form, "one", "Genogram", 3, "2021-07-30", "Father known");
  ca_moderation_form_add_action (two->form, "two", "Chronology", 2, "2021-07-23", "History seen");

  first = save (fixture, one->stored, one->form, "one", NULL, 0);
  second = save (fixture, two->stored, two->form, "two", NULL, 0);
  g_assert_cmpuint (first->conflicts->len, ==, 0);
  g_assert_cmpuint (second->conflicts->len, ==, 0);
  /* What the second copy is told is stored now: both rows, the first copy's first. */
  g_assert_cmpuint (((CaModerationForm *) second->stored)->actions->len, ==, 2);

  after = load (fixture, 2);
  g_assert_cmpuint (after->form->actions->len, ==, 2);
  g_assert_cmpstr (((CaDraftAction *) after->form->actions->pdata[0])->key, ==, "one");
  g_assert_cmpstr (((CaDraftAction *) after->form->actions->pdata[1])->key, ==, "two");
  g_assert_cmpuint (after->set_aside->len, ==, 0);
}

/* The alert and the audit's PDF list moderation 2's further action with its owner, due date
 * and impact. */
static void
check_actions_reported (CaTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaModerationSheet) sheet = load (fixture, 2);
  g_autofree char *body = ca_moderation_alert_get_body (sheet);
  g_autoptr(CaDocument) document = ca_document_new ("Audit", NULL);
  g_autofree char *pdf = g_build_filename (fixture->folder, "moderation.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *converter = g_find_program_in_path ("pdftotext");
  int status = 0;

  g_assert_nonnull (strstr (body, "Further actions:\n1. Genogram — Zoe Walker, by 30 Jul 2021. "
                                  "Impact for the child: Father known\n"));

  ca_moderation_report_add (document, sheet);
  g_assert_true (ca_document_save_pdf (document, pdf, CA_OUTPUT_FILE_REPLACE, &error));
  g_assert_no_error (error);
  if (converter == NULL)
    {
      g_test_message ("no pdftotext: the PDF's words are not read back");
      return;
    }
  {
    const char *argv[] = { converter, "-enc", "UTF-8", pdf, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                  &error);
    g_assert_no_error (error);
  }
  /* Under the part's title in the Stage 2 tool (data/tools/stage-2.json). */
  g_assert_nonnull (strstr (out, "Further Actions"));
  g_assert_nonnull (strstr (out, "Genogram"));
  g_assert_nonnull (strstr (out, "Zoe Walker"));
  g_assert_nonnull (strstr (out, "30 Jul 2021"));
  g_assert_nonnull (strstr (out, "Father known"));
}

/* Submit refuses an action without a description, naming it, and writes nothing. */
static void
test_actions_submit_refused (CaTestFixture *fixture,
                             gconstpointer  data)
{
  g_autoptr(CaModerationSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;

  add_open_moderation (fixture);
  sheet = load (fixture, 2);
  agree_throughout (sheet);
  sheet->form->difference = CA_DIFFERENCE_YES;
  ca_moderation_form_add_action (sheet->form, "k", NULL, 3, "2021-07-30", "Father known");

  g_assert_false (ca_moderation_form_store_submit (fixture->database, 2, sheet->form, &error));
  g_assert_error (error, CA_MODERATION_FORM_STORE_ERROR, CA_MODERATION_FORM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Action 1 needs a description of what is to be done.");
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM action WHERE moderation_id = 2"), ==,
                   0);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM moderation_section "
                                      "WHERE moderation_id = 2"), ==, 0);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT moderated_on IS NULL FROM moderation "
                                      "WHERE id = 2"), ==, 1);

  /* Described, it is submitted with the moderation. */
  ((CaDraftAction *) sheet->form->actions->pdata[0])->description = g_strdup ("Genogram");
  g_assert_true (ca_moderation_form_store_submit (fixture->database, 2, sheet->form, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM action WHERE moderation_id = 2 "
                                      "AND description = 'Genogram'"), ==, 1);
  check_actions_reported (fixture);
}

/* The audit's own form, saved while it is a draft, neither shows nor deletes a moderator's
 * action, even when its own table is emptied. */
static void
test_actions_left_by_draft (CaTestFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAuditForm) form = NULL;
  g_autoptr(CaAuditForm) again = NULL;

  add_open_moderation (fixture);
  ca_test_exec (fixture->database,
                "INSERT INTO action (id, audit_id, moderation_id, moderation_key, description) "
                "VALUES (50, 3, 3, 'k', 'Set by the moderator');");
  form = ca_audit_draft_store_load (fixture->database, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ca_audit_draft_get_n_actions (form->draft), ==, 0);

  ca_audit_draft_add_action (form->draft, "The auditor's own", 3, "2021-08-01", "Seen");
  g_assert_true (ca_audit_draft_store_save (fixture->database, 3, form->draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM action WHERE audit_id = 3"), ==, 2);

  again = ca_audit_draft_store_load (fixture->database, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ca_audit_draft_get_n_actions (again->draft), ==, 1);
  g_ptr_array_set_size (again->draft->actions, 0);
  g_assert_true (ca_audit_draft_store_save (fixture->database, 3, again->draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM action WHERE audit_id = 3"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM action WHERE id = 50 "
                                      "AND description = 'Set by the moderator'"), ==, 1);
}

/* The actions on the deadline list on ON. */
static guint
count_deadlines (CaTestFixture *fixture,
                 const GDate   *on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_store_load_calendar (fixture->database,
                                                                          &error);
  g_autoptr(GPtrArray) items = NULL;
  guint n = 0;

  g_assert_no_error (error);
  items = ca_deadline_store_list (fixture->database, calendar, on, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    n += ((CaDeadlineItem *) items->pdata[i])->kind == CA_DEADLINE_KIND_ACTION;
  return n;
}

/* A further action is one of the audit's actions to the tracker once the moderation is
 * submitted (a draft's are the moderator's alone): counted, overdue once past its day, on the
 * deadlines, and done through the action store. */
static void
test_actions_tracked (CaTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(CaModerationSheet) sheet = NULL;
  g_autoptr(CaFormSaved) saved = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) on = g_date_new_dmy (31, 7, 2021);
  const CaTrackerRow *row;
  GDate done;
  gint64 id;

  add_open_moderation (fixture);
  ca_test_exec (fixture->database,
                "UPDATE audit SET submitted_at = '2021-06-10T12:00:00Z' WHERE id = 2");
  rows = ca_tracker_store_list (fixture->database, NULL, on, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpuint (row->actions_total, ==, 1);
  g_assert_cmpuint (row->actions_overdue, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  sheet = load (fixture, 2);
  ca_moderation_form_add_action (sheet->form, "late", "Genogram", 3, "2021-07-01", "Father known");
  ca_moderation_form_add_action (sheet->form, "later", "Chronology", 3, "2021-09-01", "History");
  saved = save (fixture, sheet->stored, sheet->form, "one", NULL, 0);

  /* Saved in the draft: not on the tracker, the deadlines or the audit's list yet. */
  rows = ca_tracker_store_list (fixture->database, NULL, on, FALSE, &error);
  g_assert_no_error (error);
  row = rows->pdata[0];
  g_assert_cmpuint (row->actions_total, ==, 1);
  g_assert_cmpuint (row->actions_overdue, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  actions = ca_action_store_list_for_audit (fixture->database, 2, on, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 1);
  g_clear_pointer (&actions, g_ptr_array_unref);
  g_assert_cmpuint (count_deadlines (fixture, on), ==, 1);

  agree_throughout (sheet);
  sheet->form->difference = CA_DIFFERENCE_YES;
  g_assert_true (ca_moderation_form_store_submit (fixture->database, 2, sheet->form, &error));
  g_assert_no_error (error);
  actions = ca_action_store_list_for_audit (fixture->database, 2, on, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 3);
  /* The one due in July joins the list; September's is not due yet. */
  g_assert_cmpuint (count_deadlines (fixture, on), ==, 2);

  rows = ca_tracker_store_list (fixture->database, NULL, on, FALSE, &error);
  g_assert_no_error (error);
  row = rows->pdata[0];
  g_assert_cmpuint (row->actions_total, ==, 3);
  g_assert_cmpuint (row->actions_overdue, ==, 2);
  g_assert_cmpuint (row->actions_done, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  id = ca_test_query_int (fixture->database, "SELECT id FROM action WHERE moderation_key = 'late'");
  g_date_clear (&done, 1);
  g_date_set_dmy (&done, 20, 7, 2021);
  g_assert_true (ca_action_store_mark_done (fixture->database, id, "S003", &done,
                                            "Genogram on file", on, &error));
  g_assert_no_error (error);
  rows = ca_tracker_store_list (fixture->database, NULL, on, FALSE, &error);
  row = rows->pdata[0];
  g_assert_cmpuint (row->actions_total, ==, 3);
  g_assert_cmpuint (row->actions_done, ==, 1);
  g_assert_cmpuint (row->actions_overdue, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/moderation-form-store/load", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_load, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/answers", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_answers, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/draft-audit-refused", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_draft_audit_refused, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/save-round-trip", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_save_round_trip, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/two-copies", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_two_copies, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/submit", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_submit, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/actions-round-trip", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_actions_round_trip, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/actions-two-copies", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_actions_two_copies, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/actions-submit-refused", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_actions_submit_refused, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/actions-left-by-draft", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_actions_left_by_draft, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/actions-tracked", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_actions_tracked, ca_test_fixture_tear_down);

  return g_test_run ();
}
