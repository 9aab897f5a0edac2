// SPDX-License-Identifier: GPL-3.0-or-later
// Allocation runs in a real database: preview, one-transaction commit, capacity already used,
// a preview gone stale, unplaced cases, cancelling and its refusals, lists, async preview.

#include "config.h"

#include <string.h>

#include "ca-allocation-store.h"
#include "ca-test-fixture.h"

/* Three teams in two service areas; the worker of every case is a practitioner whose chain
 * runs up to the head of service. Four people audit (one a month each); one is a leaver. */
static void
add_authority (CaDatabase *db)
{
  GString *sql = g_string_new (
    "INSERT INTO service_area (id, name) VALUES (1, 'Assessment & Intervention'), (2, 'Early Help');"
    "INSERT INTO locality (id, name) VALUES (1, 'Dudley'), (2, 'Halesowen');"
    "INSERT INTO team (id, name, service_area_id, locality_id) VALUES"
    "  (1, 'A&I Team 1', 1, 1), (2, 'A&I Team 2', 1, 2), (3, 'Early Help North', 2, 1);"
    "INSERT INTO staff (id, staff_ref, name, email, role_code, team_id, line_manager_id, active)"
    " VALUES"
    "  (1, 'S001', 'Hannah Price', 'hp@example.org', 'head-of-service', NULL, NULL, 1),"
    "  (2, 'S002', 'Imran Shah', 'is@example.org', 'team-manager', 1, 1, 1),"
    "  (3, 'S003', 'Zoe Walker', NULL, 'practitioner', 1, 2, 1),"
    "  (4, 'S004', 'Amrit Kaur', 'ak@example.org', 'team-manager', 3, 1, 1),"
    "  (5, 'S005', 'Owen Reed', 'or@example.org', 'team-manager', 2, 1, 1),"
    "  (6, 'S006', 'Lily Ward', NULL, 'practitioner', 2, 5, 1),"
    "  (7, 'S007', 'Left Already', NULL, 'team-manager', 3, 1, 0);"
    "INSERT INTO programme_entry (id, month, strand, focus, allocation_date, return_date)"
    "  VALUES (1, '2021-03', 'social-care', 'Plans', '2021-03-01', '2021-03-22'),"
    "         (2, '2021-04', 'dip-sample', 'MASH', '2021-04-01', '2021-04-22');");

  for (int i = 1; i <= 20; i++)
    {
      int team = i <= 10 ? 1 : i <= 15 ? 2 : 3;

      g_string_append_printf (sql,
                              "INSERT INTO case_file (id, case_ref, team_id, allocated_worker_id,"
                              " open_date, legal_status) VALUES (%d, 'CA-%04d', %d, %d, "
                              "'2020-01-01', 'child-in-need');", i, i, team, team == 2 ? 6 : 3);
    }
  ca_test_exec (db, sql->str);
  g_string_free (sql, TRUE);
}

static CaAllocationSettings *
march (guint64 seed)
{
  CaAllocationSettings *settings = ca_allocation_settings_new ("2021-03");

  settings->seed = seed;
  return settings;
}

static CaAllocationPreview *
preview_or_fail (CaDatabase *db,
                 guint64     seed)
{
  g_autoptr(CaAllocationSettings) settings = march (seed);
  g_autoptr(GError) error = NULL;
  CaAllocationPreview *preview = ca_allocation_store_preview (db, settings, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (preview);
  return preview;
}

static void
set_up (CaTestFixture *fixture,
        gconstpointer  data)
{
  ca_test_fixture_set_up (fixture, data);
  add_authority (fixture->database);
}

static void
test_no_programme (CaTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(CaAllocationSettings) april = ca_allocation_settings_new ("2021-04");
  g_autoptr(CaAllocationSettings) bad = ca_allocation_settings_new ("March");
  g_autoptr(CaAllocationPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) months = NULL;

  /* April has a dip-sample entry only: no social-care month to allocate. */
  preview = ca_allocation_store_preview (fixture->database, april, NULL, &error);
  g_assert_null (preview);
  g_assert_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_NO_PROGRAMME);
  g_assert_nonnull (strstr (error->message, "2021-04"));
  g_clear_error (&error);

  preview = ca_allocation_store_preview (fixture->database, bad, NULL, &error);
  g_assert_null (preview);
  g_assert_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID);
  g_clear_error (&error);

  months = ca_allocation_store_list_months (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (months), ==, 1);
  g_assert_cmpstr (months[0], ==, "2021-03");
}

static void
test_preview_and_commit (CaTestFixture *fixture,
                         gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(CaAllocationPreview) preview = preview_or_fail (db, 5);
  g_autoptr(CaAllocationPreview) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) audits = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  gint64 run_id;

  /* 10% of 10, 5 and 5 open cases, rounded up: one each. Four auditors (the leaver is not
   * one); the practitioners do not audit. */
  g_assert_cmpuint (preview->result->n_eligible, ==, 20);
  g_assert_cmpuint (preview->result->n_sampled, ==, 3);
  g_assert_cmpuint (preview->result->n_auditors, ==, 4);
  g_assert_cmpuint (preview->result->picks->len, ==, 3);
  g_assert_cmpuint (preview->result->unplaced->len, ==, 0);
  g_assert_nonnull (ca_allocation_preview_find_auditor (preview, 2));
  g_assert_null (ca_allocation_preview_find_auditor (preview, 7));
  /* Nothing written by a preview. */
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM audit"), ==, 0);

  /* The same database and seed: the same JSON, byte for byte. */
  again = preview_or_fail (db, 5);
  json = ca_allocation_preview_to_json (preview);
  json_again = ca_allocation_preview_to_json (again);
  g_assert_cmpstr (json, ==, json_again);
  g_assert_nonnull (strstr (json, "\"month\" : \"2021-03\""));

  run_id = ca_allocation_store_commit (db, preview, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);

  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM audit WHERE status = 'allocated' "
                                          "AND allocated_on = '2021-03-01' AND due_date = "
                                          "'2021-03-22' AND programme_entry_id = 1 AND "
                                          "stratum IS NOT NULL AND allocation_reason IS NOT NULL "
                                          "AND access_request = 0"), ==, 3);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM audit a JOIN audit_tool_version v"
                                          " ON v.id = a.tool_version_id JOIN audit_tool t ON "
                                          "t.id = v.tool_id WHERE t.code = 'stage-1'"), ==, 3);
  g_assert_cmpint (ca_test_query_int (db, "SELECT seed FROM allocation_run"), ==, 5);
  settings = ca_test_query_text (db, "SELECT settings FROM allocation_run");
  g_assert_nonnull (strstr (settings, "\"closed_within_days\":90"));
  {
    /* The stored settings repeat the run exactly. */
    g_autoptr(CaAllocationSettings) stored = ca_allocation_settings_from_json (settings, &error);
    g_autofree char *written = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (stored->seed, ==, 5);
    g_assert_cmpstr (stored->month, ==, "2021-03");
    written = ca_allocation_settings_to_json (stored);
    g_assert_cmpstr (written, ==, settings);
    g_assert_null (ca_allocation_settings_from_json ("{\"month\": \"2021-3\"}", &error));
    g_assert_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_DAMAGED);
    g_clear_error (&error);
    /* A fixed sample without its size was read as a sample of 0 cases, which no run has and
     * which did not read back once written (the fuzzer found it); and nothing is read at
     * all from an empty column. */
    g_assert_null (ca_allocation_settings_from_json ("{\"month\": \"2021-03\", \"sample\": "
                                                     "{\"rule\": \"fixed\"}}", &error));
    g_assert_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_DAMAGED);
    g_clear_error (&error);
    g_assert_null (ca_allocation_settings_from_json ("", &error));
    g_assert_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_DAMAGED);
    g_clear_error (&error);
    /* A list where text belongs gave a critical warning (the fuzzer again). */
    g_assert_null (ca_allocation_settings_from_json ("{\"month\": [\"2021-03\"]}", &error));
    g_assert_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_DAMAGED);
    g_clear_error (&error);
    g_assert_null (ca_allocation_settings_from_json ("{\"month\": \"2021-03\", \"sample\": "
                                                     "{\"rule\": {}}}", &error));
    g_assert_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_DAMAGED);
    g_clear_error (&error);
    {
      g_autoptr(CaAllocationSettings) odd = NULL;

      odd = ca_allocation_settings_from_json ("{\"month\": \"2021-03\", \"strata\": "
                                              "[[\"ethnicity\"], {}, 7, \"locality\"]}", &error);
      g_assert_no_error (error);
      g_assert_cmpint (odd->strata, ==, CA_STRATA_LOCALITY);
    }
  }
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM change_history WHERE "
                                          "entity = 'audit' AND field = 'created'"), ==, 3);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM change_history WHERE "
                                          "entity = 'allocation_run'"), ==, 1);
  /* No auditor has their own case, their own team's, or one in their chain. */
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM audit a JOIN case_file c ON "
                                          "c.id = a.case_id JOIN staff s ON s.id = a.auditor_id "
                                          "WHERE s.team_id = c.team_id OR s.id = "
                                          "c.allocated_worker_id"), ==, 0);

  runs = ca_allocation_store_list_runs (db, "2021-03", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (((CaAllocationRun *) runs->pdata[0])->n_audits, ==, 3);
  g_assert_cmpint (((CaAllocationRun *) runs->pdata[0])->n_started, ==, 0);
  g_assert_null (((CaAllocationRun *) runs->pdata[0])->cancelled_at);
  audits = ca_allocation_store_list_run_audits (db, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audits->len, ==, 3);
  g_assert_cmpstr (((CaAllocationRunAudit *) audits->pdata[0])->status, ==, "allocated");
  g_assert_cmpstr (((CaAllocationRunAudit *) audits->pdata[0])->due_date, ==, "2021-03-22");
  g_assert_nonnull (((CaAllocationRunAudit *) audits->pdata[0])->auditor_email);

  /* The month's capacity is now mostly used, and the three cases were just allocated. */
  g_clear_pointer (&again, ca_allocation_preview_free);
  again = preview_or_fail (db, 5);
  g_assert_cmpuint (again->result->n_auditors, ==, 1);
  g_assert_cmpuint (again->result->excluded[CA_EXCLUSION_RECENTLY_AUDITED], ==, 3);
}

static void
test_commit_one_transaction (CaTestFixture *fixture,
                             gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(CaAllocationPreview) preview = preview_or_fail (db, 5);
  g_autoptr(GError) error = NULL;
  gint64 history = ca_test_query_int (db, "SELECT COUNT(*) FROM change_history");

  /* The third audit of the run fails to insert: the first two and the run must go too. */
  ca_test_exec (db, "CREATE TRIGGER fail_third BEFORE INSERT ON audit "
                    "WHEN (SELECT COUNT(*) FROM audit) >= 2 "
                    "BEGIN SELECT RAISE (ABORT, 'disk trouble'); END;");
  g_assert_cmpint (ca_allocation_store_commit (db, preview, FALSE, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM audit"), ==, 0);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM allocation_run"), ==, 0);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM change_history"), ==, history);

  /* And with the trouble gone, it commits. */
  g_clear_error (&error);
  ca_test_exec (db, "DROP TRIGGER fail_third");
  g_assert_cmpint (ca_allocation_store_commit (db, preview, FALSE, &error), >, 0);
  g_assert_no_error (error);
}

/* Work done before the commit (the e-mail drafts) sees the run being written, and when it
 * fails the run is not committed. */
static gboolean
before_commit_cb (CaDatabase  *db,
                  gint64       run_id,
                  gpointer     user_data,
                  GError     **error)
{
  gint64 *seen = user_data;

  *seen = ca_test_query_int (db, "SELECT COUNT(*) FROM audit WHERE allocation_run_id = "
                                 "(SELECT MAX(id) FROM allocation_run)");
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "No space left on device");
  return FALSE;
}

static void
test_commit_before_commit_fails (CaTestFixture *fixture,
                                 gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(CaAllocationPreview) preview = preview_or_fail (db, 5);
  g_autoptr(GError) error = NULL;
  gint64 seen = 0;

  g_assert_cmpint (ca_allocation_store_commit_full (db, preview, FALSE, before_commit_cb, &seen,
                                                    &error), ==, 0);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  g_assert_cmpint (seen, ==, 3);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM audit"), ==, 0);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM allocation_run"), ==, 0);
}

static void
test_stale_preview (CaTestFixture *fixture,
                    gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(CaAllocationPreview) preview = preview_or_fail (db, 5);
  g_autoptr(GError) error = NULL;

  /* Everybody but the head of service goes on leave after the preview. */
  ca_test_exec (db, "UPDATE staff SET monthly_capacity = 0 WHERE id <> 1");
  g_assert_cmpint (ca_allocation_store_commit (db, preview, FALSE, &error), ==, 0);
  g_assert_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_CHANGED);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM audit"), ==, 0);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM allocation_run"), ==, 0);
}

static void
test_unplaced (CaTestFixture *fixture,
               gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(CaAllocationPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  /* S004 on leave: the Early Help case and an A&I Team 1 case both need S005 (S001 manages
   * every worker), so one of three cannot be placed. */
  ca_test_exec (db, "UPDATE staff SET monthly_capacity = 0 WHERE id = 4");
  preview = preview_or_fail (db, 5);
  g_assert_cmpuint (preview->result->picks->len, ==, 2);
  g_assert_cmpuint (preview->result->unplaced->len, ==, 1);
  g_assert_nonnull (((CaAllocationUnplaced *) preview->result->unplaced->pdata[0])->reason);

  g_assert_cmpint (ca_allocation_store_commit (db, preview, FALSE, &error), ==, 0);
  g_assert_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_UNPLACED);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM audit"), ==, 0);
  g_clear_error (&error);

  g_assert_cmpint (ca_allocation_store_commit (db, preview, TRUE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM audit"), ==, 2);
}

static void
test_cancel (CaTestFixture *fixture,
             gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(CaAllocationPreview) preview = preview_or_fail (db, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  gint64 run_id = ca_allocation_store_commit (db, preview, FALSE, &error);

  g_assert_no_error (error);
  g_assert_true (ca_allocation_store_cancel (db, run_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM audit"), ==, 0);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM allocation_run "
                                          "WHERE cancelled_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM change_history WHERE "
                                          "entity = 'audit' AND field = 'deleted'"), ==, 3);
  runs = ca_allocation_store_list_runs (db, NULL, &error);
  g_assert_nonnull (((CaAllocationRun *) runs->pdata[0])->cancelled_at);

  g_assert_false (ca_allocation_store_cancel (db, run_id, &error));
  g_assert_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (ca_allocation_store_cancel (db, 999, &error));
  g_assert_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_NOT_FOUND);
}

static void
test_cancel_refused (CaTestFixture *fixture,
                     gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(CaAllocationPreview) preview = preview_or_fail (db, 5);
  g_autoptr(GError) error = NULL;
  gint64 run_id = ca_allocation_store_commit (db, preview, FALSE, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);

  /* One audit has an answer, though still 'allocated'. */
  sql = g_strdup_printf ("INSERT INTO audit_answer (audit_id, question_id, answer) "
                         "SELECT MIN(id), 'q1', 'yes' FROM audit WHERE allocation_run_id = %"
                         G_GINT64_FORMAT, run_id);
  ca_test_exec (db, sql);
  g_assert_false (ca_allocation_store_cancel (db, run_id, &error));
  g_assert_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_STARTED);
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM audit"), ==, 3);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM allocation_run "
                                          "WHERE cancelled_at IS NULL"), ==, 1);

  /* One audit in progress. */
  ca_test_exec (db, "DELETE FROM audit_answer");
  ca_test_exec (db, "UPDATE audit SET status = 'in-progress' WHERE id = (SELECT MAX(id) FROM audit)");
  g_assert_false (ca_allocation_store_cancel (db, run_id, &error));
  g_assert_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_STARTED);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM audit"), ==, 3);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static CaAllocationPreview *
preview_async (CaDatabase    *db,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(CaAllocationSettings) settings = march (5);
  g_autoptr(GAsyncResult) result = NULL;

  ca_allocation_store_preview_async (db, settings, cancellable, preview_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return ca_allocation_store_preview_finish (db, result, error);
}

static void
test_preview_async (CaTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(CaAllocationPreview) sync = preview_or_fail (fixture->database, 5);
  g_autoptr(CaAllocationPreview) preview = NULL;
  g_autoptr(CaAllocationPreview) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  preview = preview_async (fixture->database, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  a = ca_allocation_preview_to_json (sync);
  b = ca_allocation_preview_to_json (preview);
  g_assert_cmpstr (a, ==, b);

  g_cancellable_cancel (cancellable);
  cancelled = preview_async (fixture->database, cancellable, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/allocation-store/" path, CaTestFixture, NULL, set_up, func, \
              ca_test_fixture_tear_down)
  ADD ("no-programme", test_no_programme);
  ADD ("preview-and-commit", test_preview_and_commit);
  ADD ("commit-one-transaction", test_commit_one_transaction);
  ADD ("before-commit-fails", test_commit_before_commit_fails);
  ADD ("stale-preview", test_stale_preview);
  ADD ("unplaced", test_unplaced);
  ADD ("cancel", test_cancel);
  ADD ("cancel-refused", test_cancel_refused);
  ADD ("preview-async", test_preview_async);
#undef ADD

  return g_test_run ();
}
