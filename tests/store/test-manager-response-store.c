// SPDX-License-Identifier: GPL-3.0-or-later
// The manager response's store (R-F9): load, refusals, a recorded response with its history,
// overdue, the deadlines list once responded, and two copies recording one response (R-N2).

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ca-audit-draft-store.h"
#include "ca-deadline-store.h"
#include "ca-demo.h"
#include "ca-holiday-store.h"
#include "ca-manager-response-store.h"
#include "ca-stores.h"
#include "ca-test-fixture.h"
#include "core/ca-date.h"

/* One demo database made once, copied for each test. */
static char *template_folder;
static char *template_path;

typedef struct
{
  char       *folder;
  char       *path;
  CaDatabase *database;
  gint64      audit_id;  /* an allocated Stage 1 audit, submitted by submit_with_actions() */
  gint64      manager;
  gint64      owner;
} Fixture;

static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  CaDemoOptions options;

  template_folder = g_dir_make_tmp ("case-audit-response-XXXXXX", &error);
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

  fixture->folder = g_dir_make_tmp ("case-audit-response-XXXXXX", &error);
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
  fixture->manager = ca_test_query_int (fixture->database,
                                        "SELECT id FROM staff ORDER BY id LIMIT 1");
  fixture->owner = ca_test_query_int (fixture->database,
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
query_int (Fixture    *fixture,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static gint64
query_int (Fixture    *fixture,
           const char *format,
           ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return ca_test_query_int (fixture->database, sql);
}

/* Submits the fixture's audit as Good, Category 3, with two actions, on 1 December 2021. */
static void
submit_with_actions (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CaAuditForm) form = ca_audit_draft_store_load (fixture->database, fixture->audit_id,
                                                           &error);
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(GDateTime) moment = g_date_time_new_from_iso8601 ("2021-12-01T10:00:00Z", NULL);
  CaAuditDraft *draft;
  CaDeadlineRules rules;

  g_assert_no_error (error);
  draft = form->draft;
  ca_audit_draft_set_audit_date (draft, "2021-12-01");
  ca_audit_draft_set_period (draft, "2021-06-01", "2021-12-01");
  ca_audit_draft_set_pen_picture (draft, "A seven-year-old living with her mother.");
  ca_audit_draft_set_done_well (draft, "The child's voice runs through the plan.");
  for (guint s = 0; s < form->definition->sections->len; s++)
    {
      const CaToolSection *section = form->definition->sections->pdata[s];

      for (guint q = 0; q < section->questions->len; q++)
        {
          const CaToolQuestion *question = section->questions->pdata[q];

          ca_audit_draft_set_answer (draft, question->id, CA_ANSWER_VALUE_YES, NULL);
        }
      if (section->graded)
        ca_audit_draft_set_section_grade (draft, section->id, CA_GRADE_GOOD);
    }
  ca_audit_draft_set_overall_grade (draft, CA_GRADE_GOOD);
  ca_audit_draft_set_category (draft, 3);
  ca_audit_draft_add_action (draft, "Update the plan", fixture->owner, "2021-12-29",
                             "A plan that says what will change");
  ca_audit_draft_add_action (draft, "Hold a core group", fixture->owner, "2021-12-20",
                             "One picture of the child");

  calendar = ca_holiday_store_load_calendar (fixture->database, &error);
  g_assert_no_error (error);
  ca_deadline_rules_init_defaults (&rules);
  ca_audit_draft_store_submit (fixture->database, fixture->audit_id, NULL, draft, moment,
                               calendar, &rules, &problems, &error);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_test_message ("%s: %s", ((CaRuleProblem *) problems->pdata[i])->where,
                    ((CaRuleProblem *) problems->pdata[i])->message);
  g_assert_no_error (error);
}

static void
parse (const char *text,
       GDate      *date)
{
  g_assert_true (ca_date_parse (text, date));
}

static CaManagerResponse *
load_on (Fixture    *fixture,
         const char *day)
{
  g_autoptr(GError) error = NULL;
  CaManagerResponse *response;
  GDate today;

  parse (day, &today);
  response = ca_manager_response_store_load (fixture->database, fixture->audit_id, &today,
                                             &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

static void
fill (Fixture           *fixture,
      CaManagerResponse *response)
{
  response->manager_id = fixture->manager;
  response->stretch_target = g_strdup ("Plan reviewed with the child by February.");
  response->decision = g_strdup ("Agreed all actions; to supervision on 14 December.");
  response->responded_on = g_strdup ("2021-12-06");
  for (guint i = 0; i < response->actions->len; i++)
    {
      CaResponseAction *action = response->actions->pdata[i];

      action->plan = g_strdup_printf ("Supervision session %u", i + 1);
      action->by_when = g_strdup ("2021-12-17");
    }
}

static gboolean
save_on (Fixture            *fixture,
         CaManagerResponse  *response,
         const char         *day,
         GPtrArray         **problems,
         GError            **error)
{
  GDate today;

  parse (day, &today);
  return ca_manager_response_store_save (fixture->database, response, &today, problems, error);
}

static gboolean
response_listed (Fixture    *fixture,
                 const char *day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_store_load_calendar (fixture->database,
                                                                         &error);
  g_autoptr(GPtrArray) items = NULL;
  GDate on;

  g_assert_no_error (error);
  parse (day, &on);
  items = ca_deadline_store_list (fixture->database, calendar, &on, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      const CaDeadlineItem *item = items->pdata[i];

      if (item->kind == CA_DEADLINE_KIND_MANAGER_RESPONSE && item->audit_id == fixture->audit_id)
        return TRUE;
    }
  return FALSE;
}

static void
test_not_submitted (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CaManagerResponse) response = load_on (fixture, "2021-12-01");
  g_autoptr(CaManagerResponse) missing = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gint64 history = ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history");

  g_assert_null (response->due_date);
  g_assert_null (response->responded_on);
  g_assert_false (response->overdue);
  g_assert_cmpuint (response->actions->len, ==, 0);

  fill (fixture, response);
  g_assert_false (save_on (fixture, response, "2021-12-06", &problems, &error));
  g_assert_error (error, CA_MANAGER_RESPONSE_STORE_ERROR,
                  CA_MANAGER_RESPONSE_STORE_ERROR_NOT_SUBMITTED);
  g_assert_null (problems);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM manager_response WHERE audit_id = %"
                              G_GINT64_FORMAT, fixture->audit_id), ==, 0);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history"),
                   ==, history);
  g_clear_error (&error);

  missing = ca_manager_response_store_load (fixture->database, 999999, NULL, &error);
  g_assert_error (error, CA_MANAGER_RESPONSE_STORE_ERROR,
                  CA_MANAGER_RESPONSE_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

static void
test_record (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CaManagerResponse) response = NULL;
  g_autoptr(CaManagerResponse) again = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gint64 history;

  submit_with_actions (fixture);
  response = load_on (fixture, "2021-12-02");
  /* Five working days after Wednesday 1 December. */
  g_assert_cmpstr (response->due_date, ==, "2021-12-08");
  g_assert_false (response->overdue);
  g_assert_cmpuint (response->actions->len, ==, 2);
  {
    const CaResponseAction *first = response->actions->pdata[0];

    g_assert_cmpstr (first->description, ==, "Update the plan");
    g_assert_cmpint (first->owner_id, ==, fixture->owner);
    g_assert_nonnull (first->owner);
    g_assert_cmpstr (first->due_date, ==, "2021-12-29");
    g_assert_null (first->plan);
  }
  {
    g_autoptr(CaManagerResponse) late = load_on (fixture, "2021-12-09");

    g_assert_true (late->overdue);
  }
  g_assert_true (response_listed (fixture, "2021-12-09"));

  /* A missing by-when is refused, and nothing is written. */
  fill (fixture, response);
  g_clear_pointer (&((CaResponseAction *) response->actions->pdata[1])->by_when, g_free);
  history = ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history");
  g_assert_false (save_on (fixture, response, "2021-12-06", &problems, &error));
  g_assert_error (error, CA_MANAGER_RESPONSE_STORE_ERROR, CA_MANAGER_RESPONSE_STORE_ERROR_INVALID);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((CaRuleProblem *) problems->pdata[0])->where, ==, "actions[1].by_when");
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history"),
                   ==, history);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM manager_response WHERE audit_id = %"
                              G_GINT64_FORMAT " AND responded_on IS NOT NULL",
                              fixture->audit_id), ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A response dated after the day it is recorded is refused. */
  ((CaResponseAction *) response->actions->pdata[1])->by_when = g_strdup ("2021-12-17");
  g_assert_false (save_on (fixture, response, "2021-12-05", &problems, &error));
  g_assert_error (error, CA_MANAGER_RESPONSE_STORE_ERROR, CA_MANAGER_RESPONSE_STORE_ERROR_INVALID);
  g_assert_cmpstr (((CaRuleProblem *) problems->pdata[0])->where, ==, "responded_on");
  g_clear_error (&error);
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_assert_true (save_on (fixture, response, "2021-12-06", &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);

  again = load_on (fixture, "2021-12-20");
  g_assert_cmpint (again->manager_id, ==, fixture->manager);
  g_assert_cmpstr (again->stretch_target, ==, "Plan reviewed with the child by February.");
  g_assert_cmpstr (again->decision, ==, response->decision);
  g_assert_cmpstr (again->responded_on, ==, "2021-12-06");
  g_assert_cmpstr (again->due_date, ==, "2021-12-08");
  g_assert_null (again->response);
  g_assert_false (again->overdue);
  g_assert_cmpstr (((CaResponseAction *) again->actions->pdata[0])->plan, ==,
                   "Supervision session 1");
  g_assert_cmpstr (((CaResponseAction *) again->actions->pdata[1])->by_when, ==, "2021-12-17");

  /* The history: the response's fields and each action's plan and by-when. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM change_history h "
                              "JOIN manager_response m ON m.id = h.entity_id "
                              "WHERE h.entity = 'manager_response' AND m.audit_id = %"
                              G_GINT64_FORMAT " AND h.field IN ('manager_id', 'stretch_target', "
                              "'decision', 'responded_on')", fixture->audit_id), ==, 4);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM change_history h "
                              "JOIN action x ON x.id = h.entity_id "
                              "WHERE h.entity = 'action' AND x.audit_id = %" G_GINT64_FORMAT
                              " AND h.field IN ('response_plan', 'response_by')",
                              fixture->audit_id), ==, 4);

  /* Saved again unchanged: no history. Changed: one row. */
  history = ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history");
  g_assert_true (save_on (fixture, again, "2021-12-20", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history"),
                   ==, history);
  g_free (((CaResponseAction *) again->actions->pdata[0])->plan);
  ((CaResponseAction *) again->actions->pdata[0])->plan = g_strdup ("Team meeting");
  g_assert_true (save_on (fixture, again, "2021-12-20", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history"),
                   ==, history + 1);

  /* Responded: no longer due in the deadlines list, even long after its due date. */
  g_assert_false (response_listed (fixture, "2021-12-09"));
  g_assert_false (response_listed (fixture, "2022-03-01"));
}

/* An audit submitted without actions has no response row; recording one makes it. */
static void
test_without_actions (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CaManagerResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  ca_test_exec (fixture->database, "UPDATE audit SET status = 'submitted' WHERE id IN "
                                   "(SELECT id FROM audit WHERE status = 'allocated' "
                                   " ORDER BY id LIMIT 1)");
  response = load_on (fixture, "2021-12-02");
  g_assert_cmpuint (response->actions->len, ==, 0);
  g_assert_null (response->due_date);
  fill (fixture, response);
  g_assert_true (save_on (fixture, response, "2021-12-06", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM manager_response WHERE audit_id = %"
                              G_GINT64_FORMAT " AND decision IS NOT NULL AND due_date IS NULL",
                              fixture->audit_id), ==, 1);
}

/* Two copies of Case Audit on one file ------------------------------------------------- */

static CaManagerResponse *
load_from (CaDatabase *database,
           gint64      audit_id)
{
  g_autoptr(GError) error = NULL;
  CaManagerResponse *response;
  GDate today;

  parse ("2021-12-06", &today);
  response = ca_manager_response_store_load (database, audit_id, &today, &error);
  g_assert_no_error (error);
  return response;
}

/* Records MINE, changed since BASE, through DATABASE on 6 December 2021. */
static CaManagerResponse *
save_since (CaDatabase               *database,
            const CaManagerResponse  *base,
            const CaManagerResponse  *mine,
            GStrv                    *conflicts,
            GError                  **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  GDate today;

  parse ("2021-12-06", &today);
  return ca_manager_response_store_save_since (database, base, mine, &today, &problems,
                                               conflicts, error);
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static CaResponseAction *
action_of (CaManagerResponse *response,
           guint              index)
{
  return g_ptr_array_index (response->actions, index);
}

/* A records the response, leaving the stretch target empty; B, which opened it before, adds
 * only a stretch target and a further comment and records. Today's main wrote B's whole
 * form: A's manager, decision and plans went back to the empty ones B had loaded. Now B's
 * save keeps A's fields and writes its own; A, still showing what it recorded, changes a
 * plan, and B's two fields stay and come back for A's form to show. */
static void
test_two_copies_different_fields (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(CaDatabase) second = NULL;
  g_autoptr(CaManagerResponse) a = NULL;
  g_autoptr(CaManagerResponse) a_base = NULL;
  g_autoptr(CaManagerResponse) b = NULL;
  g_autoptr(CaManagerResponse) b_base = NULL;
  g_autoptr(CaManagerResponse) saved_a = NULL;
  g_autoptr(CaManagerResponse) saved_b = NULL;
  g_autoptr(CaManagerResponse) after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) conflicts = NULL;

  submit_with_actions (fixture);
  second = ca_test_open_second (fixture->path);
  a_base = load_from (fixture->database, fixture->audit_id);
  b_base = load_from (second, fixture->audit_id);
  a = ca_manager_response_copy (a_base);
  b = ca_manager_response_copy (b_base);

  fill (fixture, a);
  set_text (&a->stretch_target, NULL);
  saved_a = save_since (fixture->database, a_base, a, &conflicts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved_a);
  g_clear_pointer (&conflicts, g_strfreev);

  set_text (&b->stretch_target, "The child chairs her next review.");
  set_text (&b->response, "Discussed with the service manager.");
  saved_b = save_since (second, b_base, b, &conflicts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved_b);
  g_assert_null (conflicts);
  /* What B's form is to show after its save: A's response beside its own fields. */
  g_assert_cmpint (saved_b->manager_id, ==, fixture->manager);
  g_assert_cmpstr (saved_b->decision, ==, a->decision);
  g_assert_cmpstr (saved_b->responded_on, ==, "2021-12-06");
  g_assert_cmpstr (action_of (saved_b, 1)->plan, ==, "Supervision session 2");
  g_assert_cmpstr (saved_b->stretch_target, ==, "The child chairs her next review.");

  /* A, still showing what it recorded, changes a plan. */
  g_clear_pointer (&a_base, ca_manager_response_free);
  a_base = g_steal_pointer (&saved_a);
  set_text (&action_of (a, 1)->plan, "Core group on Monday");
  saved_a = save_since (fixture->database, a_base, a, &conflicts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved_a);
  g_assert_null (conflicts);
  g_assert_cmpstr (saved_a->stretch_target, ==, "The child chairs her next review.");
  g_assert_cmpstr (saved_a->response, ==, "Discussed with the service manager.");

  after = load_from (fixture->database, fixture->audit_id);
  g_assert_cmpint (after->manager_id, ==, fixture->manager);
  g_assert_cmpstr (after->decision, ==, a->decision);
  g_assert_cmpstr (action_of (after, 0)->plan, ==, "Supervision session 1");
  g_assert_cmpstr (action_of (after, 1)->plan, ==, "Core group on Monday");
  g_assert_cmpstr (after->stretch_target, ==, "The child chairs her next review.");
  g_assert_cmpstr (after->response, ==, "Discussed with the service manager.");
}

/* A and B both record the response, with a different decision, stretch target and first
 * by-when. Today's main kept only B's, silently. Now B's save is refused with those fields
 * named, nothing of B's is written, and A's stay; once B's person has chosen (B's base now
 * what is stored), B's save goes through. */
static void
test_two_copies_same_field (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CaDatabase) second = NULL;
  g_autoptr(CaManagerResponse) a = NULL;
  g_autoptr(CaManagerResponse) a_base = NULL;
  g_autoptr(CaManagerResponse) b = NULL;
  g_autoptr(CaManagerResponse) b_base = NULL;
  g_autoptr(CaManagerResponse) saved_a = NULL;
  g_autoptr(CaManagerResponse) refused = NULL;
  g_autoptr(CaManagerResponse) theirs = NULL;
  g_autoptr(CaManagerResponse) chosen = NULL;
  g_autoptr(CaManagerResponse) after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) conflicts = NULL;
  const char * const expected[] = { "actions[0].by_when", "stretch_target", "decision", NULL };
  gint64 history;

  submit_with_actions (fixture);
  second = ca_test_open_second (fixture->path);
  a_base = load_from (fixture->database, fixture->audit_id);
  b_base = load_from (second, fixture->audit_id);
  a = ca_manager_response_copy (a_base);
  b = ca_manager_response_copy (b_base);

  fill (fixture, a);
  set_text (&a->decision, "A: agreed, to supervision.");
  set_text (&action_of (a, 0)->by_when, "2021-12-10");
  saved_a = save_since (fixture->database, a_base, a, &conflicts, &error);
  g_assert_no_error (error);
  g_clear_pointer (&conflicts, g_strfreev);

  fill (fixture, b);
  set_text (&b->decision, "B: agreed, with a stretch target.");
  set_text (&b->stretch_target, "B's stretch target");
  history = ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history");
  refused = save_since (second, b_base, b, &conflicts, &error);
  g_assert_null (refused);
  g_assert_error (error, CA_MANAGER_RESPONSE_STORE_ERROR, CA_MANAGER_RESPONSE_STORE_ERROR_CHANGED);
  g_assert_nonnull (conflicts);
  g_assert_cmpstrv (conflicts, expected);
  g_clear_error (&error);

  /* Nothing of B's is written. */
  after = load_from (fixture->database, fixture->audit_id);
  g_assert_cmpstr (after->decision, ==, "A: agreed, to supervision.");
  g_assert_cmpstr (action_of (after, 0)->by_when, ==, "2021-12-10");
  g_assert_cmpstr (after->stretch_target, ==, "Plan reviewed with the child by February.");
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history"),
                   ==, history);

  /* B's person keeps B's decision and stretch target and takes A's by-when: B's base is
   * what is stored now, B's form holds its own two fields and A's date. */
  theirs = load_from (second, fixture->audit_id);
  set_text (&action_of (b, 0)->by_when, action_of (theirs, 0)->by_when);
  g_clear_pointer (&conflicts, g_strfreev);
  chosen = save_since (second, theirs, b, &conflicts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chosen);
  g_clear_pointer (&after, ca_manager_response_free);
  after = load_from (fixture->database, fixture->audit_id);
  g_assert_cmpstr (after->decision, ==, "B: agreed, with a stretch target.");
  g_assert_cmpstr (after->stretch_target, ==, "B's stretch target");
  g_assert_cmpstr (action_of (after, 0)->by_when, ==, "2021-12-10");
}

/* A conflict is reported before the form's own problems: the person chooses first, and the
 * problems are those of what would be recorded. */
static void
test_two_copies_conflict_before_problems (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(CaDatabase) second = NULL;
  g_autoptr(CaManagerResponse) a_base = NULL;
  g_autoptr(CaManagerResponse) a = NULL;
  g_autoptr(CaManagerResponse) b_base = NULL;
  g_autoptr(CaManagerResponse) b = NULL;
  g_autoptr(CaManagerResponse) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) conflicts = NULL;

  submit_with_actions (fixture);
  second = ca_test_open_second (fixture->path);
  a_base = load_from (fixture->database, fixture->audit_id);
  b_base = load_from (second, fixture->audit_id);
  a = ca_manager_response_copy (a_base);
  b = ca_manager_response_copy (b_base);
  fill (fixture, a);
  saved = save_since (fixture->database, a_base, a, &conflicts, &error);
  g_assert_no_error (error);
  g_clear_pointer (&conflicts, g_strfreev);
  g_clear_pointer (&saved, ca_manager_response_free);

  /* B has no by-when for action 1 (a problem) and another decision (a conflict). */
  fill (fixture, b);
  set_text (&action_of (b, 0)->by_when, NULL);
  set_text (&b->decision, "B's decision");
  saved = save_since (second, b_base, b, &conflicts, &error);
  g_assert_null (saved);
  g_assert_error (error, CA_MANAGER_RESPONSE_STORE_ERROR, CA_MANAGER_RESPONSE_STORE_ERROR_CHANGED);
  g_assert_nonnull (conflicts);
  g_assert_cmpstr (conflicts[0], ==, "decision");
  g_assert_null (conflicts[1]);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);
  make_template ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/manager-response-store/not-submitted", test_not_submitted);
  ADD ("/manager-response-store/record", test_record);
  ADD ("/manager-response-store/without-actions", test_without_actions);
  ADD ("/manager-response-store/two-copies-different-fields", test_two_copies_different_fields);
  ADD ("/manager-response-store/two-copies-same-field", test_two_copies_same_field);
  ADD ("/manager-response-store/two-copies-conflict-before-problems",
       test_two_copies_conflict_before_problems);

#undef ADD

  result = g_test_run ();
  remove_folder (template_folder);
  g_clear_pointer (&template_folder, g_free);
  g_clear_pointer (&template_path, g_free);
  return result;
}
