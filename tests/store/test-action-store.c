// SPDX-License-Identifier: GPL-3.0-or-later
// An audit's actions marked done and signed off (R-I2, seed 02) in a real database file: the
// round trip with its change history and the change heard by open views, every refusal
// writing nothing, the list read on the worker, and the tracker's count of actions signed off.

#include "config.h"

#include "ca-action-store.h"
#include "ca-database-changes.h"
#include "ca-test-fixture.h"
#include "ca-tracker-store.h"

/* The fixture's audit 2 (Inadequate, Category 1, dated 10 June 2021; case CA-000101 of Zoe
 * Walker, whose line manager is Imran Shah, S002) has action 1, due 17 June; a second action
 * is added to it, and one to audit 3, still allocated. */
static void
add_rows (CaTestFixture *fixture)
{
  ca_test_fixture_add_rows (fixture);
  ca_test_exec (fixture->database,
    "INSERT INTO action (id, audit_id, description, owner_id, due_date) VALUES"
    "  (2, 2, 'Update the chronology', 3, '2021-07-08'),"
    "  (3, 3, 'Not yet', 3, '2021-08-01');");
}

static GDate
day (int year, int month, int day_of_month)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day_of_month, (GDateMonth) month, (GDateYear) year);
  return date;
}

/* The action's row and its history, to compare before and after a refusal. */
static char *
snapshot (CaDatabase *database)
{
  return ca_test_query_text (database,
                             "SELECT (SELECT group_concat (coalesce (completed_on, '-') || '|' || "
                             "  coalesce (completed_by, '-') || '|' || coalesce (evidence, '-') "
                             "  || '|' || coalesce (signed_off_by, '-') || '|' || "
                             "  coalesce (signed_off_on, '-'), ';') FROM action) || '#' || "
                             "  (SELECT count(*) FROM change_history)");
}

static void
test_list (CaTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  GDate today = day (2021, 6, 20);
  CaActionProgress *first, *second;

  add_rows (fixture);
  actions = ca_action_store_list_for_audit (fixture->database, 2, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 2);
  first = actions->pdata[0];
  second = actions->pdata[1];
  g_assert_cmpint (first->id, ==, 1);
  g_assert_cmpuint (first->number, ==, 1);
  g_assert_cmpuint (second->number, ==, 2);
  g_assert_cmpstr (first->case_ref, ==, "CA-000101");
  g_assert_cmpstr (first->description, ==, "Visit the child and see them alone");
  g_assert_cmpstr (first->owner, ==, "Imran Shah");
  g_assert_cmpstr (second->owner, ==, "Zoe Walker");
  g_assert_true (first->overdue);
  g_assert_false (second->overdue);
  g_assert_cmpstr (first->submitted_on, ==, "2021-06-10");
  g_assert_cmpstr (first->worker, ==, "Zoe Walker");
  g_assert_cmpstr (first->line_manager_ref, ==, "S002");
  g_assert_cmpstr (first->line_manager, ==, "Imran Shah");
  g_assert_false (first->line_manager_left);
  g_assert_null (first->completed_on);
  g_clear_pointer (&actions, g_ptr_array_unref);

  /* A draft's actions are not submitted; no audit, no actions. */
  actions = ca_action_store_list_for_audit (fixture->database, 3, &today, &error);
  g_assert_cmpuint (actions->len, ==, 1);
  g_assert_null (((CaActionProgress *) actions->pdata[0])->submitted_on);
  g_clear_pointer (&actions, g_ptr_array_unref);
  actions = ca_action_store_list_for_audit (fixture->database, 99, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 0);
}

static void
test_round_trip (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaActionProgress) progress = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GDate today = day (2021, 6, 20), done = day (2021, 6, 15), signed_on = day (2021, 6, 18);
  CaTrackerRow *row = NULL;

  add_rows (fixture);
  g_assert_true (ca_action_store_mark_done (fixture->database, 1, " S003 ", &done,
                                            "  Visited on 15 June, seen alone.  ", &today,
                                            &error));
  g_assert_no_error (error);
  progress = ca_action_store_load (fixture->database, 1, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (progress->completed_on, ==, "2021-06-15");
  g_assert_cmpstr (progress->completed_by_ref, ==, "S003");
  g_assert_cmpstr (progress->completed_by, ==, "Zoe Walker");
  g_assert_cmpstr (progress->evidence, ==, "Visited on 15 June, seen alone.");
  g_assert_false (progress->overdue);
  g_clear_pointer (&progress, ca_action_progress_free);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history WHERE entity = 'action' "
                                      "AND entity_id = 1 AND old_value IS NULL AND "
                                      "((field = 'completed_on' AND new_value = '2021-06-15') OR "
                                      " (field = 'completed_by' AND new_value = '3') OR "
                                      " (field = 'evidence' AND new_value = "
                                      "  'Visited on 15 June, seen alone.'))"), ==, 3);

  g_assert_true (ca_action_store_sign_off (fixture->database, 1, "S002", &signed_on, &today,
                                           &error));
  g_assert_no_error (error);
  progress = ca_action_store_load (fixture->database, 1, &today, &error);
  g_assert_cmpstr (progress->signed_off_on, ==, "2021-06-18");
  g_assert_cmpstr (progress->signed_off_by_ref, ==, "S002");
  g_assert_cmpstr (progress->signed_off_by, ==, "Imran Shah");
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history WHERE entity = 'action' "
                                      "AND entity_id = 1 AND "
                                      "((field = 'signed_off_on' AND new_value = '2021-06-18') OR "
                                      " (field = 'signed_off_by' AND new_value = '2'))"), ==, 2);
  /* The history's chain, and every link to a person, still hold. */
  problems = ca_database_verify (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* The tracker counts it, done and signed off. */
  rows = ca_tracker_store_list (fixture->database, NULL, &today, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (((CaTrackerRow *) rows->pdata[i])->audit_id == 2)
      row = rows->pdata[i];
  g_assert_nonnull (row);
  g_assert_cmpuint (row->actions_total, ==, 2);
  g_assert_cmpuint (row->actions_done, ==, 1);
  g_assert_cmpuint (row->actions_signed_off, ==, 1);
  g_assert_cmpuint (row->actions_overdue, ==, 0);
}

static void
test_refusals (CaTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GDate today = day (2021, 6, 20), done = day (2021, 6, 15);
  GDate early = day (2021, 6, 9), tomorrow = day (2021, 6, 21), too_soon = day (2021, 6, 14);

  add_rows (fixture);
  before = snapshot (fixture->database);

  /* Marked done: on a day after today or before the submission, without evidence, by
   * nobody known, on a draft, an action that is not there. */
  g_assert_false (ca_action_store_mark_done (fixture->database, 1, "S003", &tomorrow, "x",
                                             &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE);
  g_clear_error (&error);
  g_assert_false (ca_action_store_mark_done (fixture->database, 1, "S003", &early, "x",
                                             &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE);
  g_assert_cmpstr (error->message, ==, "The action cannot be marked done on 9 Jun 2021: the "
                                       "audit was submitted on 10 Jun 2021, and its actions "
                                       "are done on that day or later.");
  g_clear_error (&error);
  g_assert_false (ca_action_store_mark_done (fixture->database, 1, "S003", &done, "   ",
                                             &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_EVIDENCE);
  g_clear_error (&error);
  g_assert_false (ca_action_store_mark_done (fixture->database, 1, "S999", &done, "x",
                                             &today, &error));
  g_assert_error (error, CA_ACTION_STORE_ERROR, CA_ACTION_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No one in this database has the staff ID “S999”.");
  g_clear_error (&error);
  g_assert_false (ca_action_store_mark_done (fixture->database, 1, NULL, &done, "x",
                                             &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_PERSON);
  g_clear_error (&error);
  g_assert_false (ca_action_store_mark_done (fixture->database, 3, "S003", &done, "x",
                                             &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NOT_SUBMITTED);
  g_clear_error (&error);
  g_assert_false (ca_action_store_mark_done (fixture->database, 42, "S003", &done, "x",
                                             &today, &error));
  g_assert_error (error, CA_ACTION_STORE_ERROR, CA_ACTION_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no action number 42.");
  g_clear_error (&error);

  /* Signed off before it is done. */
  g_assert_false (ca_action_store_sign_off (fixture->database, 1, "S002", &done, &today,
                                            &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NOT_DONE);
  g_clear_error (&error);
  after = snapshot (fixture->database);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  g_assert_true (ca_action_store_mark_done (fixture->database, 1, "S003", &done, "Seen alone",
                                            &today, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = snapshot (fixture->database);

  /* Twice; signed off by the Head of Service or the worker, before it was done, after
   * today, by nobody known. */
  g_assert_false (ca_action_store_mark_done (fixture->database, 1, "S003", &done, "Again",
                                             &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DONE_ALREADY);
  g_clear_error (&error);
  g_assert_false (ca_action_store_sign_off (fixture->database, 1, "S001", &done, &today,
                                            &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NOT_LINE_MANAGER);
  g_assert_cmpstr (error->message, ==, "Only the social worker’s line manager can sign off an "
                                       "action. Zoe Walker’s line manager is Imran Shah (S002), "
                                       "not Hannah Price (S001).");
  g_clear_error (&error);
  g_assert_false (ca_action_store_sign_off (fixture->database, 1, "S003", &done, &today,
                                            &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NOT_LINE_MANAGER);
  g_clear_error (&error);
  g_assert_false (ca_action_store_sign_off (fixture->database, 1, "S002", &too_soon, &today,
                                            &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE);
  g_clear_error (&error);
  g_assert_false (ca_action_store_sign_off (fixture->database, 1, "S002", &tomorrow, &today,
                                            &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE);
  g_clear_error (&error);
  g_assert_false (ca_action_store_sign_off (fixture->database, 1, "S998", &done, &today,
                                            &error));
  g_assert_error (error, CA_ACTION_STORE_ERROR, CA_ACTION_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A line manager who has left, and a case with no worker: nobody can. */
  ca_test_exec (fixture->database, "UPDATE staff SET active = 0 WHERE id = 2");
  g_assert_false (ca_action_store_sign_off (fixture->database, 1, "S002", &done, &today,
                                            &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_LINE_MANAGER);
  g_clear_error (&error);
  ca_test_exec (fixture->database, "UPDATE staff SET active = 1 WHERE id = 2;"
                                   "UPDATE case_file SET allocated_worker_id = NULL WHERE id = 1");
  g_assert_false (ca_action_store_sign_off (fixture->database, 1, "S002", &done, &today,
                                            &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_LINE_MANAGER);
  g_clear_error (&error);
  ca_test_exec (fixture->database, "UPDATE case_file SET allocated_worker_id = 3 WHERE id = 1");
  after = snapshot (fixture->database);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* Signed off once. */
  g_assert_true (ca_action_store_sign_off (fixture->database, 1, "S002", &done, &today,
                                           &error));
  g_assert_no_error (error);
  g_assert_false (ca_action_store_sign_off (fixture->database, 1, "S002", &today, &today,
                                            &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_SIGNED_OFF_ALREADY);
}

static void
changed_cb (CaDatabase *database,
            int         kind,
            GArray     *ids,
            gboolean   *heard)
{
  if (kind == CA_CHANGE_AUDIT && ca_change_ids_contain (ids, 2))
    *heard = TRUE;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Open views hear of it (the audit changed), and the window's read on the worker answers
 * what the database holds. */
static void
test_heard_and_async (CaTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  GDate today = day (2021, 6, 20), done = day (2021, 6, 15);
  gboolean heard = FALSE;

  add_rows (fixture);
  drain ();
  g_signal_connect (fixture->database, "changed", G_CALLBACK (changed_cb), &heard);
  g_assert_true (ca_action_store_mark_done (fixture->database, 2, "S002", &done, "Updated",
                                            &today, &error));
  drain ();
  g_assert_true (heard);
  heard = FALSE;
  g_assert_true (ca_action_store_sign_off (fixture->database, 2, "S002", &today, &today,
                                           &error));
  drain ();
  g_assert_true (heard);
  /* A refusal is not heard. */
  heard = FALSE;
  g_assert_false (ca_action_store_sign_off (fixture->database, 2, "S002", &today, &today,
                                            &error));
  g_clear_error (&error);
  drain ();
  g_assert_false (heard);
  g_signal_handlers_disconnect_by_data (fixture->database, &heard);

  ca_action_store_list_for_audit_async (fixture->database, 2, &today, NULL, list_done_cb,
                                        &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  actions = ca_action_store_list_for_audit_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 2);
  g_assert_cmpstr (((CaActionProgress *) actions->pdata[1])->signed_off_by, ==, "Imran Shah");
  g_assert_cmpstr (((CaActionProgress *) actions->pdata[1])->completed_by, ==, "Imran Shah");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/action-store/list", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_list, ca_test_fixture_tear_down);
  g_test_add ("/action-store/round-trip", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_round_trip, ca_test_fixture_tear_down);
  g_test_add ("/action-store/refusals", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_refusals, ca_test_fixture_tear_down);
  g_test_add ("/action-store/heard-and-async", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_heard_and_async, ca_test_fixture_tear_down);

  return g_test_run ();
}
