// SPDX-License-Identifier: GPL-3.0-or-later
// The Stage 2 moderation form (R-H3) in a real database file: what it shows of the audit,
// saves merged with another copy's (R-N2), and Submit refused until every difference is
// explained, with nothing half-written.

#include "config.h"

#include "ca-moderation-alert.h"
#include "ca-moderation-form-store.h"
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/moderation-form-store/load", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_load, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/draft-audit-refused", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_draft_audit_refused, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/save-round-trip", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_save_round_trip, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/two-copies", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_two_copies, ca_test_fixture_tear_down);
  g_test_add ("/moderation-form-store/submit", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_submit, ca_test_fixture_tear_down);

  return g_test_run ();
}
