// SPDX-License-Identifier: GPL-3.0-or-later
// The audit form's store: round trips, only changes written, history, submission, failures.

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ca-audit-draft-store.h"
#include "ca-demo.h"
#include "ca-holiday-store.h"
#include "ca-settings-store.h"
#include "ca-stores.h"
#include "ca-test-fixture.h"

/* One demo database made once, copied for each test. */
static char *template_folder;
static char *template_path;

typedef struct
{
  char       *folder;
  char       *path;
  CaDatabase *database;
  gint64      audit_id;  /* an allocated Stage 1 audit */
  gint64      staff_a;
  gint64      staff_b;
} Fixture;

static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  CaDemoOptions options;

  template_folder = g_dir_make_tmp ("case-audit-draft-XXXXXX", &error);
  g_assert_no_error (error);
  template_path = g_build_filename (template_folder, "template.db", NULL);
  database = ca_stores_open (template_path, CA_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  ca_demo_options_init (&options);
  options.seed = 1;
  options.years = 1;
  options.until_year = 2021;
  options.until_month = 12;
  ca_demo_generate (database, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Everything into the main file, so that a copy of it is the whole database. */
  ca_test_exec (database, "PRAGMA wal_checkpoint(TRUNCATE)");
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_remove (path);
    }
  g_rmdir (folder);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (template_path);
  g_autoptr(GFile) target = NULL;

  fixture->folder = g_dir_make_tmp ("case-audit-draft-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "test.db", NULL);
  target = g_file_new_for_path (fixture->path);
  g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  fixture->database = ca_stores_open (fixture->path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  fixture->audit_id = ca_test_query_int (fixture->database,
    "SELECT a.id FROM audit a "
    "JOIN audit_tool_version v ON v.id = a.tool_version_id "
    "JOIN audit_tool t ON t.id = v.tool_id "
    "WHERE a.status = 'allocated' AND t.code = 'stage-1' ORDER BY a.id LIMIT 1");
  fixture->staff_a = ca_test_query_int (fixture->database,
                                        "SELECT id FROM staff ORDER BY id LIMIT 1");
  fixture->staff_b = ca_test_query_int (fixture->database,
                                        "SELECT id FROM staff ORDER BY id LIMIT 1 OFFSET 1");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  remove_folder (fixture->folder);
  g_clear_pointer (&fixture->folder, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

static gint64
count_history (CaDatabase *database)
{
  return ca_test_query_int (database, "SELECT count(*) FROM change_history");
}

/* History rows about the fixture's audit that meet CONDITION (fixed SQL). */
static gint64
count_audit_history (Fixture    *fixture,
                     const char *condition)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM change_history "
                                          "WHERE entity = 'audit' AND entity_id = %"
                                          G_GINT64_FORMAT " AND %s",
                                          fixture->audit_id, condition);

  return ca_test_query_int (fixture->database, sql);
}

static gboolean
answers_equal (GHashTable *a,
               GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const CaAnswer *x = value;
      const CaAnswer *y = g_hash_table_lookup (b, key);

      if (y == NULL || g_strcmp0 (x->value, y->value) != 0 ||
          g_strcmp0 (x->reason, y->reason) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
grades_equal (GHashTable *a,
              GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_lookup (b, key) != value)
      return FALSE;
  return TRUE;
}

static gboolean
texts_equal (GHashTable *a,
             GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (b, key) || g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
draft_equal (const CaAuditDraft *a,
             const CaAuditDraft *b)
{
  if (!answers_equal (a->answers, b->answers) ||
      !grades_equal (a->section_grades, b->section_grades) ||
      !texts_equal (a->section_comments, b->section_comments) ||
      g_strcmp0 (a->pen_picture, b->pen_picture) != 0 ||
      g_strcmp0 (a->audit_date, b->audit_date) != 0 ||
      g_strcmp0 (a->period_start, b->period_start) != 0 ||
      g_strcmp0 (a->period_end, b->period_end) != 0 ||
      a->joint_practitioner_id != b->joint_practitioner_id ||
      a->overall_grade != b->overall_grade ||
      a->category != b->category ||
      g_strcmp0 (a->done_well, b->done_well) != 0 ||
      g_strcmp0 (a->comments, b->comments) != 0 ||
      g_strcmp0 (a->feedback_method, b->feedback_method) != 0 ||
      g_strcmp0 (a->feedback_date, b->feedback_date) != 0 ||
      g_strcmp0 (a->feedback_summary, b->feedback_summary) != 0 ||
      a->actions->len != b->actions->len)
    return FALSE;

  for (guint i = 0; i < a->actions->len; i++)
    {
      const CaDraftAction *x = a->actions->pdata[i];
      const CaDraftAction *y = b->actions->pdata[i];

      if (g_strcmp0 (x->description, y->description) != 0 || x->owner_id != y->owner_id ||
          g_strcmp0 (x->due_date, y->due_date) != 0 || g_strcmp0 (x->impact, y->impact) != 0)
        return FALSE;
    }
  return TRUE;
}

static CaAuditForm *
load (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CaAuditForm *form = ca_audit_draft_store_load (fixture->database, fixture->audit_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (form);
  return form;
}

static void
save (Fixture            *fixture,
      const CaAuditDraft *draft)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ca_audit_draft_store_save (fixture->database, fixture->audit_id, draft, &error));
  g_assert_no_error (error);
}

/* Every question answered Yes, every graded section given GRADE, ready to submit but for
 * the overall grade, the category and the actions. */
static CaAuditDraft *
complete_draft (const CaToolDefinition *definition,
                CaGrade                 grade)
{
  CaAuditDraft *draft = ca_audit_draft_new ();

  ca_audit_draft_set_audit_date (draft, "2021-12-01");
  ca_audit_draft_set_period (draft, "2021-06-01", "2021-12-01");
  ca_audit_draft_set_pen_picture (draft, "A seven-year-old living with her mother and brother.");
  ca_audit_draft_set_done_well (draft, "The child's voice runs through the plan.");
  ca_audit_draft_set_comments (draft, "Discussed with the worker.");
  for (guint s = 0; s < definition->sections->len; s++)
    {
      const CaToolSection *section = definition->sections->pdata[s];

      for (guint q = 0; q < section->questions->len; q++)
        {
          const CaToolQuestion *question = section->questions->pdata[q];

          ca_audit_draft_set_answer (draft, question->id, CA_ANSWER_VALUE_YES, NULL);
        }
      if (section->graded)
        ca_audit_draft_set_section_grade (draft, section->id, grade);
      if (section->has_comments)
        ca_audit_draft_set_section_comments (draft, section->id, "Seen and recorded.");
    }
  ca_audit_draft_set_overall_grade (draft, grade);
  return draft;
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAuditForm) missing = NULL;
  g_autoptr(GPtrArray) owners = NULL;

  g_assert_cmpint (form->header->audit_id, ==, fixture->audit_id);
  g_assert_cmpint (form->header->status, ==, CA_AUDIT_STATUS_ALLOCATED);
  g_assert_nonnull (form->header->case_ref);
  g_assert_nonnull (form->header->team);
  g_assert_nonnull (form->header->service_area);
  g_assert_nonnull (form->header->auditor);
  g_assert_nonnull (form->header->allocated_on);
  g_assert_cmpstr (form->definition->code, ==, "stage-1");
  g_assert_cmpint (form->header->tool_version, ==, form->definition->version);
  g_assert_cmpuint (form->definition->sections->len, ==, 6);
  g_assert_cmpuint (g_hash_table_size (form->draft->answers), ==, 0);
  /* No period yet: the tool's six months up to today. */
  g_assert_nonnull (form->draft->period_start);
  g_assert_nonnull (form->draft->period_end);
  g_assert_null (form->draft->audit_date);

  /* Who may join the audit or own an action comes with the form, so that the editor reads
   * nothing on the main thread: the same people as the store's own list of them. */
  owners = ca_audit_draft_store_list_owners (fixture->database, fixture->audit_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (form->owners);
  g_assert_cmpuint (form->owners->len, >, 0);
  g_assert_cmpuint (form->owners->len, ==, owners->len);
  for (guint i = 0; i < owners->len; i++)
    g_assert_cmpint (((CaActionOwner *) form->owners->pdata[i])->id, ==,
                     ((CaActionOwner *) owners->pdata[i])->id);

  missing = ca_audit_draft_store_load (fixture->database, 999999, &error);
  g_assert_error (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditForm) again = NULL;
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_REQUIRES_IMPROVEMENT);

  ca_audit_draft_set_answer (draft, "assessment.child-seen-alone", CA_ANSWER_VALUE_NA,
                             "Under five");
  ca_audit_draft_set_answer (draft, "planning.smart", NULL, "Not sure yet");
  ca_audit_draft_set_section_comments (draft, "comments-actions", "");
  ca_audit_draft_set_joint_practitioner (draft, fixture->staff_b);
  ca_audit_draft_set_category (draft, 3);
  ca_audit_draft_add_action (draft, "Update the plan", fixture->staff_a, "2021-12-29",
                             "A plan that says what will change");
  ca_audit_draft_add_action (draft, "Supervision to consider drift", 0, NULL, NULL);
  save (fixture, draft);

  again = load (fixture);
  g_assert_true (draft_equal (draft, again->draft));
  g_assert_cmpint (again->header->status, ==, CA_AUDIT_STATUS_IN_PROGRESS);
  g_assert_nonnull (again->header->joint_practitioner);
  g_assert_cmpint (count_audit_history (fixture, "field = 'status' AND old_value = 'allocated' "
                                                 "AND new_value = 'in-progress'"), ==, 1);
}

static void
test_save_twice (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_GOOD);
  gint64 before;

  ca_audit_draft_set_category (draft, 3);
  ca_audit_draft_add_action (draft, "Update the plan", fixture->staff_a, "2021-12-29", NULL);
  save (fixture, draft);
  before = count_history (fixture->database);
  g_assert_cmpint (before, >, 0);
  save (fixture, draft);
  g_assert_cmpint (count_history (fixture->database), ==, before);

  /* Typing in a text box is saved without history. */
  ca_audit_draft_set_pen_picture (draft, "A seven-year-old, now at a new school.");
  ca_audit_draft_set_section_comments (draft, "assessment", "Thorough.");
  save (fixture, draft);
  g_assert_cmpint (count_history (fixture->database), ==, before);

  /* One section grade: one row. */
  ca_audit_draft_set_section_grade (draft, "planning", CA_GRADE_REQUIRES_IMPROVEMENT);
  save (fixture, draft);
  g_assert_cmpint (count_history (fixture->database), ==, before + 1);
  g_assert_cmpint (count_audit_history (fixture, "field = 'sections.planning.grade' "
                                                 "AND old_value = 'good' "
                                                 "AND new_value = 'requires-improvement'"), ==, 1);

  /* The category and the overall grade each: one row. */
  ca_audit_draft_set_overall_grade (draft, CA_GRADE_REQUIRES_IMPROVEMENT);
  save (fixture, draft);
  g_assert_cmpint (count_history (fixture->database), ==, before + 2);
}

static char *audit_text (Fixture    *fixture,
                         const char *column);

/* R-F11: feedback is autosaved; its method and date are in the history, its summary not. */
static void
test_feedback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_GOOD);
  gint64 before;

  save (fixture, draft);
  before = count_history (fixture->database);
  ca_audit_draft_set_feedback (draft, CA_FEEDBACK_METHOD_VIDEO_CALL, "2021-11-30",
                               "Says the new worker listens.");
  save (fixture, draft);
  {
    g_autoptr(CaAuditForm) again = load (fixture);
    g_autofree char *method = audit_text (fixture, "feedback_method");

    g_assert_true (draft_equal (draft, again->draft));
    g_assert_cmpstr (method, ==, "video-call");
  }
  g_assert_cmpint (count_history (fixture->database), ==, before + 2);
  g_assert_cmpint (count_audit_history (fixture, "field = 'feedback_method' "
                                                 "AND new_value = 'video-call'"), ==, 1);
  g_assert_cmpint (count_audit_history (fixture, "field = 'feedback_date' "
                                                 "AND new_value = '2021-11-30'"), ==, 1);

  /* Typing the summary writes no history. */
  ca_audit_draft_set_feedback (draft, draft->feedback_method, draft->feedback_date,
                               "Says the new worker listens and comes when she says.");
  save (fixture, draft);
  g_assert_cmpint (count_history (fixture->database), ==, before + 2);

  /* Cleared: all three gone. */
  ca_audit_draft_set_feedback (draft, NULL, NULL, NULL);
  save (fixture, draft);
  {
    g_autoptr(CaAuditForm) again = load (fixture);

    g_assert_null (again->draft->feedback_method);
    g_assert_null (again->draft->feedback_date);
    g_assert_null (again->draft->feedback_summary);
  }
}

static void
test_answers_removed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditForm) again = NULL;
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_GOOD);
  g_autofree char *sql = NULL;

  save (fixture, draft);
  ca_audit_draft_set_answer (draft, "assessment.child-seen", NULL, NULL);
  ca_audit_draft_set_answer (draft, "review.on-time", NULL, NULL);
  ca_audit_draft_set_section_grade (draft, "review", CA_GRADE_NONE);
  ca_audit_draft_set_section_comments (draft, "review", NULL);
  save (fixture, draft);

  again = load (fixture);
  g_assert_true (draft_equal (draft, again->draft));
  g_assert_null (ca_audit_draft_get_answer (again->draft, "assessment.child-seen"));
  sql = g_strdup_printf ("SELECT count(*) FROM audit_section WHERE audit_id = %" G_GINT64_FORMAT
                         " AND section_id = 'review'", fixture->audit_id);
  g_assert_cmpint (ca_test_query_int (fixture->database, sql), ==, 0);
}

static void
test_actions_replaced (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditForm) again = NULL;
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_GOOD);
  g_autofree char *sql = NULL;
  gint64 before;

  ca_audit_draft_add_action (draft, "One", fixture->staff_a, "2021-12-20", NULL);
  ca_audit_draft_add_action (draft, "Two", fixture->staff_a, "2021-12-21", NULL);
  ca_audit_draft_add_action (draft, "Three", fixture->staff_b, "2021-12-22", NULL);
  save (fixture, draft);
  before = count_history (fixture->database);

  ca_audit_draft_remove_action (draft, 2);
  ca_audit_draft_remove_action (draft, 0);
  ca_audit_draft_add_action (draft, "Four", fixture->staff_b, "2022-01-05", "Safer at home");
  save (fixture, draft);

  again = load (fixture);
  g_assert_true (draft_equal (draft, again->draft));
  g_assert_cmpuint (ca_audit_draft_get_n_actions (again->draft), ==, 2);
  g_assert_cmpstr (ca_audit_draft_get_action (again->draft, 0)->description, ==, "Two");
  g_assert_cmpstr (ca_audit_draft_get_action (again->draft, 1)->description, ==, "Four");
  sql = g_strdup_printf ("SELECT count(*) FROM action WHERE audit_id = %" G_GINT64_FORMAT,
                         fixture->audit_id);
  g_assert_cmpint (ca_test_query_int (fixture->database, sql), ==, 2);
  /* Rows 1 and 2 changed owner or due date, row 3 went: all recorded against "action". */
  g_assert_cmpint (count_history (fixture->database), >, before);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history "
                                      "WHERE entity = 'action' AND field = 'description' "
                                      "AND old_value = 'Three' AND new_value IS NULL"), ==, 1);
}

static void
test_inconsistent_category (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditForm) again = NULL;
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_INADEQUATE);

  ca_audit_draft_set_category (draft, 1);
  save (fixture, draft);
  /* The grade moves on before the category does: the autosave must not fail. */
  ca_audit_draft_set_overall_grade (draft, CA_GRADE_GOOD);
  save (fixture, draft);
  again = load (fixture);
  g_assert_cmpint (again->draft->overall_grade, ==, CA_GRADE_GOOD);
  g_assert_cmpint (again->draft->category, ==, CA_CATEGORY_NONE);
  /* And back. */
  ca_audit_draft_set_overall_grade (draft, CA_GRADE_INADEQUATE);
  ca_audit_draft_set_category (draft, 2);
  save (fixture, draft);
  g_clear_pointer (&again, ca_audit_form_free);
  again = load (fixture);
  g_assert_true (draft_equal (draft, again->draft));
}

static gboolean
submit (Fixture             *fixture,
        const CaAuditDraft  *draft,
        const char          *when,
        GPtrArray          **problems,
        GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_store_load_calendar (fixture->database,
                                                                         &local_error);
  g_autoptr(GDateTime) moment = g_date_time_new_from_iso8601 (when, NULL);
  CaDeadlineRules rules;

  g_assert_no_error (local_error);
  g_assert_nonnull (moment);
  /* As the editor does: the numbers the team set in preferences. */
  g_assert_true (ca_settings_store_load_deadline_rules (fixture->database, &rules, &local_error));
  g_assert_no_error (local_error);
  return ca_audit_draft_store_submit (fixture->database, fixture->audit_id, NULL, draft,
                                      moment, calendar, &rules, problems, error);
}

static char *
audit_text (Fixture    *fixture,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM audit WHERE id = %" G_GINT64_FORMAT,
                                          column, fixture->audit_id);

  return ca_test_query_text (fixture->database, sql);
}

static char *
response_due (Fixture *fixture)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM manager_response "
                                          "WHERE audit_id = %" G_GINT64_FORMAT,
                                          fixture->audit_id);

  if (ca_test_query_int (fixture->database, sql) == 0)
    return NULL;
  g_free (sql);
  sql = g_strdup_printf ("SELECT due_date FROM manager_response WHERE audit_id = %"
                         G_GINT64_FORMAT, fixture->audit_id);
  return ca_test_query_text (fixture->database, sql);
}

static void
test_submit_problems (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_GOOD);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  gint64 before;

  save (fixture, draft);
  before = count_history (fixture->database);
  ca_audit_draft_set_answer (draft, "review.on-time", NULL, NULL);
  ca_audit_draft_set_pen_picture (draft, "Changed, but not to be saved by a refused submit.");
  /* No category. */
  g_assert_false (submit (fixture, draft, "2021-12-01T10:00:00Z", &problems, &error));
  g_assert_error (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_INVALID);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >=, 2);
  g_assert_nonnull (strstr (error->message, "things need attention"));

  g_assert_cmpint (count_history (fixture->database), ==, before);
  status = audit_text (fixture, "status");
  g_assert_cmpstr (status, ==, "in-progress");
  {
    g_autoptr(CaAuditForm) again = load (fixture);

    g_assert_nonnull (ca_audit_draft_get_answer (again->draft, "review.on-time"));
    g_assert_cmpstr (again->draft->pen_picture, !=, draft->pen_picture);
  }
}

static void
check_submitted (Fixture    *fixture,
                 const char *submitted_at,
                 const char *review_due_at,
                 const char *response_due_date)
{
  g_autofree char *status = audit_text (fixture, "status");
  g_autofree char *submitted = audit_text (fixture, "submitted_at");
  g_autofree char *review = audit_text (fixture, "review_due_at");
  g_autofree char *response = response_due (fixture);
  g_autoptr(CaAuditForm) form = load (fixture);

  g_assert_cmpstr (status, ==, "submitted");
  g_assert_cmpstr (submitted, ==, submitted_at);
  g_assert_cmpstr (review, ==, review_due_at);
  g_assert_cmpstr (response, ==, response_due_date);
  g_assert_cmpint (form->header->status, ==, CA_AUDIT_STATUS_SUBMITTED);
  g_assert_cmpstr (form->header->submitted_at, ==, submitted_at);
  g_assert_cmpstr (form->header->review_due_at, ==, review_due_at);
  g_assert_cmpstr (form->header->response_due_date, ==, response_due_date);
  g_assert_cmpint (count_audit_history (fixture, "field = 'status' AND new_value = 'submitted'"),
                   ==, 1);
  g_assert_cmpint (count_audit_history (fixture, "field = 'submitted_at'"), ==, 1);
}

static void
submit_ok (Fixture            *fixture,
           const CaAuditDraft *draft,
           const char         *when)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = submit (fixture, draft, when, &problems, &error);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const CaRuleProblem *problem = problems->pdata[i];

      g_test_message ("%s: %s", problem->where, problem->message);
    }
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_null (problems);
}

static void
test_submit_category_1 (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_INADEQUATE);

  ca_audit_draft_set_category (draft, 1);
  ca_audit_draft_add_action (draft, "See the child alone this week", fixture->staff_a,
                             "2021-12-03", "The child is safe and heard");
  /* 1 December 2021, a Wednesday: 48 clock hours; 5 working days for the response. */
  submit_ok (fixture, draft, "2021-12-01T10:00:00Z");
  check_submitted (fixture, "2021-12-01T10:00:00Z", "2021-12-03T10:00:00Z", "2021-12-08");
}

static void
test_submit_category_2 (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_INADEQUATE);
  g_autoptr(GError) error = NULL;

  ca_audit_draft_set_category (draft, 2);
  ca_audit_draft_add_action (draft, "Strategy discussion", fixture->staff_a, "2021-12-08",
                             "Risks understood");
  /* Given with an offset, stored in UTC. Ten working days: the end of 15 December, GMT. */
  submit_ok (fixture, draft, "2021-12-01T10:00:00+00:00");
  check_submitted (fixture, "2021-12-01T10:00:00Z", "2021-12-15T23:59:59Z", "2021-12-08");

  /* Once submitted, the form cannot change, and says when it was submitted. */
  ca_audit_draft_set_pen_picture (draft, "Too late");
  g_assert_false (ca_audit_draft_store_save (fixture->database, fixture->audit_id, draft,
                                             &error));
  g_assert_error (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_SUBMITTED);
  g_assert_cmpstr (error->message, ==,
                   "This audit was submitted on 1 Dec 2021; its form can no longer change.");
  g_clear_error (&error);
  g_assert_false (submit (fixture, draft, "2021-12-02T10:00:00Z", NULL, &error));
  g_assert_error (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_SUBMITTED);
}

/* R-F8: on an Inadequate audit, an action meeting a safeguarding concern is due within five
 * working days of the audit; the flag is saved, reloaded and kept in the history. */
static void
test_safeguarding_action (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_INADEQUATE);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const CaRuleProblem *problem;

  ca_audit_draft_set_category (draft, 2);
  ca_audit_draft_add_action (draft, "Visit with the police", fixture->staff_a, "2021-12-20",
                             "The child is safe at home");
  ca_audit_draft_set_action_safeguarding (draft, 0, TRUE);
  g_assert_true (ca_audit_draft_store_save (fixture->database, fixture->audit_id, draft, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CaAuditForm) again = load (fixture);

    g_assert_true (ca_audit_draft_get_action (again->draft, 0)->safeguarding);
  }

  /* Audit on Wednesday 1 December 2021: five working days end on Wednesday 8 December. */
  g_assert_false (submit (fixture, draft, "2021-12-01T15:00:00Z", &problems, &error));
  g_assert_error (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = problems->pdata[0];
  g_assert_cmpstr (problem->where, ==, "actions[0].due_date");
  g_assert_cmpstr (problem->message, ==,
                   "Action 1 meets a safeguarding concern on an Inadequate audit, so it must be "
                   "done within 5 working days: by 8 Dec 2021, not 20 Dec 2021.");
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Not a safeguarding concern: four weeks is only a default, so a later date stands. */
  ca_audit_draft_set_action_safeguarding (draft, 0, FALSE);
  g_assert_true (ca_audit_draft_store_save (fixture->database, fixture->audit_id, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history WHERE "
                                      "entity = 'action' AND field = 'safeguarding' AND "
                                      "old_value = '1' AND new_value = '0'"), ==, 1);

  /* Due on the last day allowed. */
  ca_audit_draft_remove_action (draft, 0);
  ca_audit_draft_add_action (draft, "Visit with the police", fixture->staff_a, "2021-12-08",
                             "The child is safe at home");
  ca_audit_draft_set_action_safeguarding (draft, 0, TRUE);
  submit_ok (fixture, draft, "2021-12-01T15:00:00Z");
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT safeguarding FROM action ORDER BY id DESC LIMIT 1"),
                   ==, 1);
}

/* R-F8: a team that gives Category 2 three working days and managers two gets those. */
static void
test_submit_changed_rules (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_INADEQUATE);
  g_autoptr(GError) error = NULL;
  CaDeadlineRules rules;

  ca_deadline_rules_init_defaults (&rules);
  rules.category2_working_days = 3;
  rules.manager_response_working_days = 2;
  g_assert_true (ca_settings_store_save_deadline_rules (fixture->database, &rules, &error));
  g_assert_no_error (error);

  ca_audit_draft_set_category (draft, 2);
  ca_audit_draft_add_action (draft, "Strategy discussion", fixture->staff_a, "2021-12-08",
                             "Risks understood");
  /* Wednesday 1 December 2021: three working days is Monday 6th, two is Friday 3rd. */
  submit_ok (fixture, draft, "2021-12-01T10:00:00Z");
  check_submitted (fixture, "2021-12-01T10:00:00Z", "2021-12-06T23:59:59Z", "2021-12-03");
}

static void
test_submit_category_4 (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_GOOD);
  g_autofree char *sql = NULL;

  ca_audit_draft_set_category (draft, 4);
  /* In British Summer Time the local day is what counts; no deadline for Category 4. */
  ca_audit_draft_set_audit_date (draft, "2021-07-01");
  ca_audit_draft_set_period (draft, "2021-01-01", "2021-07-01");
  submit_ok (fixture, draft, "2021-07-01T14:30:00+01:00");

  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE id = %" G_GINT64_FORMAT
                         " AND status = 'submitted' AND review_due_at IS NULL"
                         " AND submitted_at = '2021-07-01T13:30:00Z'", fixture->audit_id);
  g_assert_cmpint (ca_test_query_int (fixture->database, sql), ==, 1);
  g_assert_null (response_due (fixture));
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The window's submit, on the database's worker: the same refusal with its problems, then
 * the submission, with the audit as stored afterwards. */
static void
test_submit_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_GOOD);
  g_autoptr(GDateTime) moment = g_date_time_new_from_iso8601 ("2021-07-01T14:30:00+01:00", NULL);
  g_autofree char *before = audit_text (fixture, "status");

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(CaAuditForm) stored = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *status = NULL;
      gboolean ok;

      /* First without a category, then with one. */
      if (round == 1)
        ca_audit_draft_set_category (draft, 4);
      ca_audit_draft_set_audit_date (draft, "2021-07-01");
      ca_audit_draft_set_period (draft, "2021-01-01", "2021-07-01");
      ca_audit_draft_store_submit_async (fixture->database, fixture->audit_id, NULL, draft,
                                         moment, result_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      ok = ca_audit_draft_store_submit_finish (result, &problems, &stored, &error);
      status = audit_text (fixture, "status");
      if (round == 0)
        {
          g_assert_false (ok);
          g_assert_error (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_INVALID);
          g_assert_nonnull (problems);
          g_assert_cmpuint (problems->len, >=, 1);
          g_assert_null (stored);
          g_assert_cmpstr (status, ==, before);  /* nothing written */
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_null (problems);
          g_assert_nonnull (stored);
          g_assert_cmpint (stored->header->status, ==, CA_AUDIT_STATUS_SUBMITTED);
          g_assert_cmpstr (stored->header->submitted_at, ==, "2021-07-01T13:30:00Z");
          g_assert_cmpstr (status, ==, "submitted");
        }
    }
}

static void
test_atomic (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditForm) after = NULL;
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_GOOD);
  g_autoptr(CaAuditDraft) changed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  ca_audit_draft_add_action (draft, "One", fixture->staff_a, "2021-12-20", NULL);
  save (fixture, draft);
  before = count_history (fixture->database);

  changed = ca_audit_draft_copy (draft);
  ca_audit_draft_set_pen_picture (changed, "Something new");
  ca_audit_draft_set_section_grade (changed, "planning", CA_GRADE_INADEQUATE);
  ca_audit_draft_set_answer (changed, "planning.smart", CA_ANSWER_VALUE_NO, NULL);
  ca_audit_draft_set_answer (changed, "review.on-time", NULL, NULL);
  ca_audit_draft_set_overall_grade (changed, CA_GRADE_REQUIRES_IMPROVEMENT);
  ca_audit_draft_add_action (changed, "Owned by nobody there is", 987654321, NULL, NULL);
  g_assert_false (ca_audit_draft_store_save (fixture->database, fixture->audit_id, changed,
                                             &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);

  after = load (fixture);
  g_assert_true (draft_equal (draft, after->draft));
  g_assert_cmpint (count_history (fixture->database), ==, before);
}

static void
test_large_pen_picture (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditForm) again = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  while (text->len < 1024 * 1024)
    g_string_append (text, "Mum says the visits help. “Ça va” — ");
  ca_audit_draft_set_pen_picture (form->draft, text->str);
  save (fixture, form->draft);
  again = load (fixture);
  g_assert_cmpuint (strlen (again->draft->pen_picture), ==, text->len);
  g_assert_true (draft_equal (form->draft, again->draft));
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CaAuditForm) form = load (fixture);
  g_autoptr(CaAuditForm) after = NULL;
  g_autoptr(CaAuditDraft) draft = complete_draft (form->definition, CA_GRADE_GOOD);
  g_autoptr(CaAuditDraft) changed = NULL;
  g_autoptr(CaDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  save (fixture, draft);
  before = count_history (fixture->database);

  other = ca_database_open_another (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_true (ca_database_begin (other, &error));
  g_assert_no_error (error);

  changed = ca_audit_draft_copy (draft);
  ca_audit_draft_set_pen_picture (changed, "Typed while the database was busy");
  ca_audit_draft_set_section_grade (changed, "planning", CA_GRADE_INADEQUATE);
  g_assert_false (ca_audit_draft_store_save (fixture->database, fixture->audit_id, changed,
                                             &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_LOCKED);
  ca_database_rollback (other);

  after = load (fixture);
  g_assert_true (draft_equal (draft, after->draft));
  g_assert_cmpint (count_history (fixture->database), ==, before);

  /* The draft the form still holds saves once the lock is gone. */
  save (fixture, changed);
}

/* Two copies of Case Audit (two connections) editing one draft (R-N2). */

static CaAuditDraftSaved *
save_since (CaDatabase         *database,
            gint64              audit_id,
            const CaAuditDraft *base,
            const CaAuditDraft *draft,
            const char         *session,
            gint64              resolved)
{
  g_autoptr(GError) error = NULL;
  CaAuditDraftSaved *saved = ca_audit_draft_store_save_since (database, audit_id, base, draft,
                                                              session, &resolved,
                                                              resolved ? 1 : 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (saved);
  return saved;
}

static void
assert_audit_text (Fixture    *fixture,
                   const char *column,
                   const char *expected)
{
  g_autofree char *text = audit_text (fixture, column);

  g_assert_cmpstr (text, ==, expected);
}

static CaDatabase *
open_second (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CaDatabase *database = ca_stores_open (fixture->path, CA_DATABASE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return database;
}

/* A types in the pen picture, B (opened before A saved) in what was done well: each save
 * keeps the other's text, and B's save brings A's text to B. */
static void
test_two_copies_different_fields (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(CaDatabase) second = open_second (fixture);
  g_autoptr(CaAuditForm) a = load (fixture);
  g_autoptr(CaAuditForm) b = ca_audit_draft_store_load (second, fixture->audit_id, NULL);
  g_autoptr(CaAuditDraftSaved) saved_a = NULL;
  g_autoptr(CaAuditDraftSaved) saved_b = NULL;
  g_autoptr(CaAuditForm) after = NULL;

  ca_audit_draft_set_pen_picture (a->draft, "Typed in A.");
  saved_a = save_since (fixture->database, fixture->audit_id, a->stored, a->draft, "A", 0);
  g_assert_cmpuint (saved_a->conflicts->len, ==, 0);

  ca_audit_draft_set_done_well (b->draft, "Typed in B.");
  ca_audit_draft_set_answer (b->draft, "assessment.child-seen", CA_ANSWER_VALUE_YES, NULL);
  saved_b = save_since (second, fixture->audit_id, b->stored, b->draft, "B", 0);
  g_assert_cmpuint (saved_b->conflicts->len, ==, 0);
  g_assert_cmpstr (saved_b->stored->pen_picture, ==, "Typed in A.");
  g_assert_cmpstr (saved_b->stored->done_well, ==, "Typed in B.");

  after = load (fixture);
  g_assert_cmpstr (after->stored->pen_picture, ==, "Typed in A.");
  g_assert_cmpstr (after->stored->done_well, ==, "Typed in B.");
  g_assert_cmpstr (ca_audit_draft_get_answer (after->stored, "assessment.child-seen")->value, ==,
                   CA_ANSWER_VALUE_YES);
  g_assert_cmpuint (after->set_aside->len, ==, 0);
}

/* Both type in the pen picture. Today's main kept only B's, silently. Now the stored text
 * stays A's, B's is set aside and reported; both survive B being closed, and B's choice
 * writes its own text and clears what was set aside, in one save. */
static void
test_two_copies_same_field (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CaDatabase) second = open_second (fixture);
  g_autoptr(CaAuditForm) a = load (fixture);
  g_autoptr(CaAuditForm) b = ca_audit_draft_store_load (second, fixture->audit_id, NULL);
  g_autoptr(CaAuditDraftSaved) saved_a = NULL;
  g_autoptr(CaAuditDraftSaved) saved_b = NULL;
  g_autoptr(CaAuditDraftSaved) again = NULL;
  g_autoptr(CaAuditDraftSaved) chosen = NULL;
  g_autoptr(CaAuditForm) reopened = NULL;
  g_autoptr(CaAuditForm) after = NULL;
  g_autoptr(CaAuditDraft) base = NULL;
  const CaDraftSetAside *row;

  ca_audit_draft_set_pen_picture (a->draft, "A girl of 9, in A's words.");
  saved_a = save_since (fixture->database, fixture->audit_id, a->stored, a->draft, "A", 0);

  ca_audit_draft_set_pen_picture (b->draft, "A girl of 9, in B's words.");
  saved_b = save_since (second, fixture->audit_id, b->stored, b->draft, "B", 0);
  g_assert_cmpuint (saved_b->conflicts->len, ==, 1);
  row = g_ptr_array_index (saved_b->conflicts, 0);
  g_assert_cmpstr (row->where, ==, "pen_picture");
  g_assert_cmpstr (row->value, ==, "A girl of 9, in B's words.");
  g_assert_cmpstr (saved_b->stored->pen_picture, ==, "A girl of 9, in A's words.");
  assert_audit_text (fixture, "pen_picture", "A girl of 9, in A's words.");

  /* B saving again, still undecided, updates its own set-aside row rather than adding one. */
  ca_audit_draft_set_pen_picture (b->draft, "A girl of 9, in B's words, longer.");
  again = save_since (second, fixture->audit_id, b->stored, b->draft, "B", 0);
  g_assert_cmpuint (again->conflicts->len, ==, 1);
  g_assert_cmpint (((CaDraftSetAside *) g_ptr_array_index (again->conflicts, 0))->id, ==, row->id);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM audit_draft_set_aside"), ==, 1);

  /* B is closed without choosing: the next time the audit opens, both versions are there. */
  reopened = load (fixture);
  g_assert_cmpstr (reopened->draft->pen_picture, ==, "A girl of 9, in A's words.");
  g_assert_cmpuint (reopened->set_aside->len, ==, 1);
  g_assert_cmpstr (((CaDraftSetAside *) g_ptr_array_index (reopened->set_aside, 0))->value, ==,
                   "A girl of 9, in B's words, longer.");

  /* B keeps its own: measured from what is stored now, it is written, and the set-aside row
   * goes in the same save. */
  base = ca_audit_draft_copy (b->stored);
  ca_form_model_copy_field (ca_audit_draft_store_get_form_model (), base, again->stored,
                            "pen_picture");
  chosen = save_since (second, fixture->audit_id, base, b->draft, "B", row->id);
  g_assert_cmpuint (chosen->conflicts->len, ==, 0);
  after = load (fixture);
  g_assert_cmpstr (after->stored->pen_picture, ==, "A girl of 9, in B's words, longer.");
  g_assert_cmpuint (after->set_aside->len, ==, 0);
}

/* Submitting what the person no longer sees is refused: the draft changed in another copy
 * since this one last saw it, or a version set aside waits for a choice. */
static void
test_submit_changed_elsewhere (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CaDatabase) second = open_second (fixture);
  g_autoptr(CaAuditForm) a = load (fixture);
  g_autoptr(CaAuditForm) b = ca_audit_draft_store_load (second, fixture->audit_id, NULL);
  g_autoptr(CaAuditDraft) complete = complete_draft (a->definition, CA_GRADE_GOOD);
  g_autoptr(CaAuditDraftSaved) saved_a = NULL;
  g_autoptr(CaAuditDraftSaved) saved_b = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(GDateTime) moment = g_date_time_new_utc (2021, 12, 6, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAuditDraft) b_draft = ca_audit_draft_copy (b->stored);
  CaDeadlineRules rules;

  ca_deadline_rules_init_defaults (&rules);
  calendar = ca_holiday_store_load_calendar (fixture->database, &error);
  g_assert_no_error (error);
  ca_audit_draft_set_category (complete, 4);
  saved_a = save_since (fixture->database, fixture->audit_id, a->stored, complete, "A", 0);

  /* B said who the audit was done with, after A's last save: A's submission is refused.
   * (B's draft is what it loaded, without the form's default period, which is not what this
   * is about.) */
  ca_audit_draft_set_joint_practitioner (b_draft, fixture->staff_b);
  saved_b = save_since (second, fixture->audit_id, b->stored, b_draft, "B", 0);
  g_assert_cmpuint (saved_b->conflicts->len, ==, 0);
  g_assert_false (ca_audit_draft_store_submit (fixture->database, fixture->audit_id,
                                               saved_a->stored, complete, moment, calendar,
                                               &rules, NULL, &error));
  g_assert_error (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_CHANGED);
  g_clear_error (&error);
  assert_audit_text (fixture, "status", "in-progress");

  /* Once A has taken B's change in, it submits. */
  ca_audit_draft_set_joint_practitioner (complete, fixture->staff_b);
  ca_audit_draft_store_submit (fixture->database, fixture->audit_id, saved_b->stored, complete,
                               moment, calendar, &rules, NULL, &error);
  g_assert_no_error (error);
  assert_audit_text (fixture, "status", "submitted");
}

/* A version set aside must be chosen before the audit is submitted. */
static void
test_submit_waits_for_choice (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(CaDatabase) second = open_second (fixture);
  g_autoptr(CaAuditForm) a = load (fixture);
  g_autoptr(CaAuditForm) b = ca_audit_draft_store_load (second, fixture->audit_id, NULL);
  g_autoptr(CaAuditDraft) complete = complete_draft (a->definition, CA_GRADE_GOOD);
  g_autoptr(CaAuditDraftSaved) saved_a = NULL;
  g_autoptr(CaAuditDraftSaved) saved_b = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(GDateTime) moment = g_date_time_new_utc (2021, 12, 6, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAuditDraft) b_draft = ca_audit_draft_copy (b->stored);
  CaDeadlineRules rules;

  ca_deadline_rules_init_defaults (&rules);
  calendar = ca_holiday_store_load_calendar (fixture->database, &error);
  g_assert_no_error (error);
  ca_audit_draft_set_category (complete, 4);
  saved_a = save_since (fixture->database, fixture->audit_id, a->stored, complete, "A", 0);
  ca_audit_draft_set_done_well (b_draft, "B's view of what went well.");
  saved_b = save_since (second, fixture->audit_id, b->stored, b_draft, "B", 0);
  g_assert_cmpuint (saved_b->conflicts->len, ==, 1);

  g_assert_false (ca_audit_draft_store_submit (fixture->database, fixture->audit_id,
                                               saved_a->stored, complete, moment, calendar,
                                               &rules, NULL, &error));
  g_assert_error (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_CHANGED);
  assert_audit_text (fixture, "status", "in-progress");
}

/* Not a test: with CA_BENCH_DATABASE naming a (large) database, times an autosave of a
 * Stage 1 draft with one answer changed, on a copy of it. */
static void
bench_save (void)
{
  const char *source_path = g_getenv ("CA_BENCH_DATABASE");
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaAuditForm) form = NULL;
  g_autoptr(CaAuditDraft) draft = NULL;
  g_autoptr(GTimer) timer = NULL;
  gint64 audit_id;
  const guint rounds = 200;

  database = ca_stores_open (source_path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  audit_id = ca_test_query_int (database,
    "SELECT a.id FROM audit a "
    "JOIN audit_tool_version v ON v.id = a.tool_version_id "
    "JOIN audit_tool t ON t.id = v.tool_id "
    "WHERE a.status = 'allocated' AND t.code = 'stage-1' ORDER BY a.id LIMIT 1");
  form = ca_audit_draft_store_load (database, audit_id, &error);
  g_assert_no_error (error);
  draft = complete_draft (form->definition, CA_GRADE_GOOD);
  ca_audit_draft_set_category (draft, 3);
  ca_audit_draft_add_action (draft, "Update the plan", 1, "2026-12-01", "Clear plan");
  ca_audit_draft_store_save (database, audit_id, draft, &error);
  g_assert_no_error (error);

  timer = g_timer_new ();
  for (guint i = 0; i < rounds; i++)
    {
      ca_audit_draft_set_answer (draft, "planning.smart",
                                 i % 2 ? CA_ANSWER_VALUE_YES : CA_ANSWER_VALUE_NO, NULL);
      ca_audit_draft_store_save (database, audit_id, draft, &error);
      g_assert_no_error (error);
    }
  g_print ("# one save, one answer changed: %.3f ms (audit %" G_GINT64_FORMAT ", %u rounds)\n",
           g_timer_elapsed (timer, NULL) * 1000.0 / rounds, audit_id, rounds);
  g_timer_start (timer);
  for (guint i = 0; i < rounds; i++)
    {
      ca_audit_draft_store_save (database, audit_id, draft, &error);
      g_assert_no_error (error);
    }
  g_print ("# one save, nothing changed: %.3f ms\n",
           g_timer_elapsed (timer, NULL) * 1000.0 / rounds);

  /* As the autosave saves: since what this copy last saw, merged with what is stored. */
  g_timer_start (timer);
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(CaAuditDraft) base = ca_audit_draft_copy (draft);
      g_autoptr(CaAuditDraftSaved) saved = NULL;

      ca_audit_draft_set_answer (draft, "planning.smart",
                                 i % 2 ? CA_ANSWER_VALUE_YES : CA_ANSWER_VALUE_NO, NULL);
      saved = ca_audit_draft_store_save_since (database, audit_id, base, draft, "bench", NULL, 0,
                                               &error);
      g_assert_no_error (error);
    }
  g_print ("# one save since the last, one answer changed (the autosave's): %.3f ms\n",
           g_timer_elapsed (timer, NULL) * 1000.0 / rounds);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("CA_BENCH_DATABASE") != NULL)
    {
      bench_save ();
      return 0;
    }

  make_template ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/audit-draft-store/load", test_load);
  ADD ("/audit-draft-store/round-trip", test_round_trip);
  ADD ("/audit-draft-store/save-twice", test_save_twice);
  ADD ("/audit-draft-store/feedback", test_feedback);
  ADD ("/audit-draft-store/answers-removed", test_answers_removed);
  ADD ("/audit-draft-store/actions-replaced", test_actions_replaced);
  ADD ("/audit-draft-store/inconsistent-category", test_inconsistent_category);
  ADD ("/audit-draft-store/submit-problems", test_submit_problems);
  ADD ("/audit-draft-store/submit-category-1", test_submit_category_1);
  ADD ("/audit-draft-store/submit-category-2", test_submit_category_2);
  ADD ("/audit-draft-store/submit-category-4", test_submit_category_4);
  ADD ("/audit-draft-store/submit-changed-rules", test_submit_changed_rules);
  ADD ("/audit-draft-store/safeguarding-action", test_safeguarding_action);
  ADD ("/audit-draft-store/submit-async", test_submit_async);
  ADD ("/audit-draft-store/atomic", test_atomic);
  ADD ("/audit-draft-store/large-pen-picture", test_large_pen_picture);
  ADD ("/audit-draft-store/locked", test_locked);
  ADD ("/audit-draft-store/two-copies-different-fields", test_two_copies_different_fields);
  ADD ("/audit-draft-store/two-copies-same-field", test_two_copies_same_field);
  ADD ("/audit-draft-store/submit-changed-elsewhere", test_submit_changed_elsewhere);
  ADD ("/audit-draft-store/submit-waits-for-choice", test_submit_waits_for_choice);

#undef ADD

  result = g_test_run ();
  remove_folder (template_folder);
  g_clear_pointer (&template_folder, g_free);
  g_clear_pointer (&template_path, g_free);
  return result;
}
