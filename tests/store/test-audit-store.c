// SPDX-License-Identifier: GPL-3.0-or-later
// The audits list model and the case page's reads, against a real database file.

#include "config.h"

#include "ca-action.h"
#include "ca-audit.h"
#include "ca-audit-store.h"
#include "ca-case-store.h"
#include "ca-moderation.h"
#include "ca-test-fixture.h"

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_emissions)
{
  (*n_emissions)++;
}

static void
reload_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  g_assert_true (ca_audit_store_reload_finish (CA_AUDIT_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_reload_async (CaTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(CaAuditStore) store = ca_audit_store_new (fixture->database);
  g_autoptr(CaAudit) first = NULL;
  g_autoptr(CaAudit) last = NULL;
  guint n_emissions = 0;
  gboolean done = FALSE;

  ca_test_fixture_add_rows (fixture);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &n_emissions);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  ca_audit_store_reload_async (store, NULL, reload_done_cb, &done);
  g_assert_true (ca_audit_store_get_loading (store));
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (ca_audit_store_get_loading (store));
  g_assert_cmpuint (n_emissions, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == CA_TYPE_AUDIT);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), 3));

  /* Newest allocation first, with every column the view shows. */
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpint (ca_audit_get_id (first), ==, 3);
  g_assert_cmpstr (ca_audit_get_case_ref (first), ==, "CA-000102");
  g_assert_cmpstr (ca_audit_get_service_area (first), ==, "Early Help");
  g_assert_cmpstr (ca_audit_get_team (first), ==, "Early Help North");
  g_assert_cmpstr (ca_audit_get_auditor (first), ==, "Imran Shah");
  g_assert_cmpstr (ca_audit_get_tool (first), ==, "Stage 1 Good Practice");
  g_assert_null (ca_audit_get_audit_date (first));
  g_assert_cmpstr (ca_audit_get_due_date (first), ==, "2021-07-22");
  g_assert_cmpint (ca_audit_get_status (first), ==, CA_AUDIT_STATUS_ALLOCATED);
  g_assert_cmpint (ca_audit_get_overall_grade (first), ==, CA_GRADE_NONE);
  g_assert_cmpint (ca_audit_get_category (first), ==, 0);

  last = g_list_model_get_item (G_LIST_MODEL (store), 2);
  g_assert_cmpint (ca_audit_get_id (last), ==, 1);
  g_assert_cmpint (ca_audit_get_status (last), ==, CA_AUDIT_STATUS_SUBMITTED);
  g_assert_cmpint (ca_audit_get_overall_grade (last), ==, CA_GRADE_GOOD);
  g_assert_cmpint (ca_audit_get_category (last), ==, 4);

  /* A reload after a change reports the whole change once. */
  ca_test_exec (fixture->database, "DELETE FROM audit WHERE id = 3");
  g_assert_true (ca_audit_store_reload (store, NULL));
  g_assert_cmpuint (n_emissions, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
}

typedef struct
{
  guint position, removed, added, n_emissions;
} Change;

static void
record_change_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->n_emissions++;
}

/* One audit read again after the editor changed it: replaced in place, one change. */
static void
test_refresh_audit (CaTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(CaAuditStore) store = ca_audit_store_new (fixture->database);
  g_autoptr(CaAudit) refreshed = NULL;
  g_autoptr(GError) error = NULL;
  Change change = { 0 };

  ca_test_fixture_add_rows (fixture);
  g_assert_true (ca_audit_store_reload (store, NULL));
  g_signal_connect (store, "items-changed", G_CALLBACK (record_change_cb), &change);

  ca_test_exec (fixture->database, "UPDATE audit SET status = 'submitted', "
                "overall_grade = 'inadequate', category = 2 WHERE id = 3");
  g_assert_true (ca_audit_store_refresh_audit (store, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (change.n_emissions, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
  refreshed = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpint (ca_audit_get_id (refreshed), ==, 3);
  g_assert_cmpint (ca_audit_get_status (refreshed), ==, CA_AUDIT_STATUS_SUBMITTED);
  g_assert_cmpint (ca_audit_get_overall_grade (refreshed), ==, CA_GRADE_INADEQUATE);
  g_assert_cmpint (ca_audit_get_category (refreshed), ==, 2);
  g_assert_cmpstr (ca_audit_get_case_ref (refreshed), ==, "CA-000102");

  /* An audit the list does not hold waits for the next reload. */
  g_assert_true (ca_audit_store_refresh_audit (store, 999, &error));
  g_assert_cmpuint (change.n_emissions, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ca_audit_store_refresh_audits_finish (CA_AUDIT_STORE (source), result,
                                                       &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The same on the worker, for several audits, one of them not in the list: read there,
 * put in place on the main thread when the rows are in, one change for each row held. */
static void
test_refresh_audits_async (CaTestFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(CaAuditStore) store = ca_audit_store_new (fixture->database);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CaAudit) refreshed = NULL;
  gint64 wanted[] = { 999, 3 };
  gboolean done = FALSE;
  Change change = { 0 };

  ca_test_fixture_add_rows (fixture);
  g_assert_true (ca_audit_store_reload (store, NULL));
  g_signal_connect (store, "items-changed", G_CALLBACK (record_change_cb), &change);

  ca_test_exec (fixture->database, "UPDATE audit SET status = 'submitted', "
                "overall_grade = 'good', category = 3 WHERE id = 3");
  g_array_append_vals (ids, wanted, G_N_ELEMENTS (wanted));
  ca_audit_store_refresh_audits_async (store, ids, NULL, refreshed_cb, &done);
  /* Nothing changes until the rows are in. */
  g_assert_cmpuint (change.n_emissions, ==, 0);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (change.n_emissions, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  refreshed = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpint (ca_audit_get_id (refreshed), ==, 3);
  g_assert_cmpint (ca_audit_get_overall_grade (refreshed), ==, CA_GRADE_GOOD);
  g_assert_cmpint (ca_audit_get_category (refreshed), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
}

static void
areas_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(GStrv *) user_data = ca_audit_store_list_service_areas_finish (result, &error);
  g_assert_no_error (error);
}

/* The service areas read on the worker, as the Allocation view asks for them: the same as
 * on the calling thread. */
static void
test_service_areas_async (CaTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) here = NULL;
  g_auto(GStrv) there = NULL;

  ca_test_fixture_add_rows (fixture);
  here = ca_audit_store_list_service_areas (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (here), >, 0);
  ca_audit_store_list_service_areas_async (fixture->database, NULL, areas_listed_cb, &there);
  while (there == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_strv_equal ((const char * const *) here, (const char * const *) there));
}

static void
test_search (CaTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(CaAuditStore) store = ca_audit_store_new (fixture->database);
  g_autoptr(CaAudit) audit = NULL;

  ca_test_fixture_add_rows (fixture);
  g_assert_true (ca_audit_store_reload (store, NULL));
  audit = g_list_model_get_item (G_LIST_MODEL (store), 0);

  g_assert_true (ca_audit_matches (audit, ""));
  g_assert_true (ca_audit_matches (audit, NULL));
  g_assert_true (ca_audit_matches (audit, "ca-000102"));
  g_assert_true (ca_audit_matches (audit, "imran"));
  g_assert_true (ca_audit_matches (audit, "early help north"));
  g_assert_false (ca_audit_matches (audit, "ca-000101"));
  g_assert_false (ca_audit_matches (audit, "hannah"));
}

static void
test_compare (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(CaAuditStore) store = ca_audit_store_new (fixture->database);
  g_autoptr(CaAudit) allocated = NULL;   /* id 3: CA-000102, Early Help, no grade or date */
  g_autoptr(CaAudit) inadequate = NULL;  /* id 2: CA-000101, A&I, Inadequate, category 1 */
  g_autoptr(CaAudit) good = NULL;        /* id 1: CA-000101, A&I, Good, category 4 */

  ca_test_fixture_add_rows (fixture);
  g_assert_true (ca_audit_store_reload (store, NULL));
  allocated = g_list_model_get_item (G_LIST_MODEL (store), 0);
  inadequate = g_list_model_get_item (G_LIST_MODEL (store), 1);
  good = g_list_model_get_item (G_LIST_MODEL (store), 2);

  g_assert_cmpint (ca_audit_compare (good, allocated, CA_AUDIT_FIELD_CASE_REF), <, 0);
  /* "Assessment & Intervention" before "Early Help", whatever the case of letters. */
  g_assert_cmpint (ca_audit_compare (good, allocated, CA_AUDIT_FIELD_SERVICE_AREA), <, 0);
  g_assert_cmpint (ca_audit_compare (allocated, good, CA_AUDIT_FIELD_SERVICE_AREA), >, 0);
  g_assert_cmpint (ca_audit_compare (inadequate, allocated, CA_AUDIT_FIELD_AUDITOR), <, 0);
  /* Best grade first, ungraded last; category 1 first, none last. */
  g_assert_cmpint (ca_audit_compare (good, inadequate, CA_AUDIT_FIELD_GRADE), <, 0);
  g_assert_cmpint (ca_audit_compare (inadequate, allocated, CA_AUDIT_FIELD_GRADE), <, 0);
  g_assert_cmpint (ca_audit_compare (inadequate, good, CA_AUDIT_FIELD_CATEGORY), <, 0);
  g_assert_cmpint (ca_audit_compare (good, allocated, CA_AUDIT_FIELD_CATEGORY), <, 0);
  /* Dates oldest first; an audit not yet done sorts after every date. */
  g_assert_cmpint (ca_audit_compare (good, inadequate, CA_AUDIT_FIELD_AUDIT_DATE), <, 0);
  g_assert_cmpint (ca_audit_compare (inadequate, allocated, CA_AUDIT_FIELD_AUDIT_DATE), <, 0);
  g_assert_cmpint (ca_audit_compare (allocated, good, CA_AUDIT_FIELD_STATUS), <, 0);
  /* Equal values fall back to the newest audit first, so no two audits tie. */
  g_assert_cmpint (ca_audit_compare (inadequate, good, CA_AUDIT_FIELD_TOOL), <, 0);
  g_assert_cmpint (ca_audit_compare (good, good, CA_AUDIT_FIELD_TOOL), ==, 0);
}

static void
test_case (CaTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaCase) loaded = NULL;
  g_autoptr(CaAction) action = NULL;
  g_autoptr(CaModeration) moderation = NULL;
  g_autoptr(CaAudit) audit = NULL;

  ca_test_fixture_add_rows (fixture);
  loaded = ca_case_store_load (fixture->database, 1, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (ca_case_get_case_ref (loaded), ==, "CA-000101");
  g_assert_cmpstr (ca_case_get_service_area (loaded), ==, "Assessment & Intervention");
  g_assert_cmpstr (ca_case_get_team (loaded), ==, "A&I Team 1");
  g_assert_cmpstr (ca_case_get_locality (loaded), ==, "Dudley");
  g_assert_cmpstr (ca_case_get_allocated_worker (loaded), ==, "Zoe Walker");
  g_assert_cmpstr (ca_case_get_open_date (loaded), ==, "2020-05-01");
  g_assert_null (ca_case_get_close_date (loaded));
  g_assert_cmpstr (ca_legal_status_get_label (ca_case_get_legal_status (loaded)), ==,
                   "Child Protection");
  g_assert_cmpstr (ca_case_get_last_audited (loaded), ==, "2021-06-10");

  g_assert_cmpuint (g_list_model_get_n_items (ca_case_get_audits (loaded)), ==, 2);
  audit = g_list_model_get_item (ca_case_get_audits (loaded), 0);
  g_assert_cmpint (ca_audit_get_category (audit), ==, 1);

  g_assert_cmpuint (g_list_model_get_n_items (ca_case_get_actions (loaded)), ==, 1);
  action = g_list_model_get_item (ca_case_get_actions (loaded), 0);
  g_assert_cmpstr (ca_action_get_owner (action), ==, "Imran Shah");
  g_assert_cmpstr (ca_action_get_due_date (action), ==, "2021-06-17");
  g_assert_null (ca_action_get_completed_on (action));

  g_assert_cmpuint (g_list_model_get_n_items (ca_case_get_moderations (loaded)), ==, 1);
  moderation = g_list_model_get_item (ca_case_get_moderations (loaded), 0);
  g_assert_cmpstr (ca_moderation_get_moderator (moderation), ==, "Hannah Price");
  g_assert_cmpint (ca_moderation_get_auditor_grade (moderation), ==, CA_GRADE_INADEQUATE);
  g_assert_cmpint (ca_moderation_get_overall_grade (moderation), ==, CA_GRADE_INADEQUATE);
}

static void
case_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(CaCase) loaded = ca_case_store_load_finish (result, error);

  g_assert_null (loaded);
}

static void
test_case_missing (CaTestFixture *fixture,
                   gconstpointer  data)
{
  GError *error = NULL;

  ca_case_store_load_async (fixture->database, 42, NULL, case_loaded_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

/* The window welcomes only a database without a case list. */
static void
test_has_cases (CaTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean has_cases = TRUE;

  g_assert_true (ca_case_store_has_cases (fixture->database, &has_cases, &error));
  g_assert_no_error (error);
  g_assert_false (has_cases);

  ca_test_fixture_add_rows (fixture);
  g_assert_true (ca_case_store_has_cases (fixture->database, &has_cases, &error));
  g_assert_no_error (error);
  g_assert_true (has_cases);
}

static CaAudit *
reload_audit (CaAuditStore *store,
              gint64        id)
{
  g_assert_true (ca_audit_store_reload (store, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(CaAudit) audit = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (ca_audit_get_id (audit) == id)
        return g_steal_pointer (&audit);
    }
  g_assert_not_reached ();
}

/* The Due column (issue 12 item 6): a submitted audit is due the check of its
 * recommendations (a moment, read as England's day), then its manager's response; an
 * allocated one its return. */
static void
test_next_due (CaTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(CaAuditStore) store = ca_audit_store_new (fixture->database);
  g_autoptr(CaAudit) allocated = NULL;
  g_autoptr(CaAudit) submitted = NULL;
  g_autoptr(CaAudit) checked = NULL;
  g_autoptr(CaAudit) responded = NULL;

  ca_test_fixture_add_rows (fixture);
  ca_test_exec (fixture->database,
                "UPDATE audit SET review_due_at = '2021-06-11T22:59:59Z' WHERE id = 2;"
                "INSERT INTO manager_response (audit_id, manager_id, due_date)"
                "  VALUES (2, 2, '2021-06-17');");

  allocated = reload_audit (store, 3);
  g_assert_cmpint (ca_audit_get_due_kind (allocated), ==, CA_AUDIT_DUE_RETURN);
  g_assert_cmpstr (ca_audit_get_due_date (allocated), ==, "2021-07-22");

  submitted = reload_audit (store, 2);
  g_assert_cmpint (ca_audit_get_due_kind (submitted), ==, CA_AUDIT_DUE_REVIEW);
  g_assert_cmpstr (ca_audit_get_due_date (submitted), ==, "2021-06-11");

  ca_test_exec (fixture->database, "UPDATE audit SET recommendations_checked_at = "
                                   "'2021-06-11T10:00:00Z' WHERE id = 2");
  checked = reload_audit (store, 2);
  g_assert_cmpint (ca_audit_get_due_kind (checked), ==, CA_AUDIT_DUE_MANAGER_RESPONSE);
  g_assert_cmpstr (ca_audit_get_due_date (checked), ==, "2021-06-17");

  ca_test_exec (fixture->database, "UPDATE manager_response SET responded_on = '2021-06-16'");
  responded = reload_audit (store, 2);
  g_assert_cmpint (ca_audit_get_due_kind (responded), ==, CA_AUDIT_DUE_NONE);
  g_assert_null (ca_audit_get_due_date (responded));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CaTestFixture, NULL, ca_test_fixture_set_up, func, ca_test_fixture_tear_down)

  ADD ("/audit-store/reload-async", test_reload_async);
  ADD ("/audit-store/refresh-audit", test_refresh_audit);
  ADD ("/audit-store/refresh-audits-async", test_refresh_audits_async);
  ADD ("/audit-store/service-areas-async", test_service_areas_async);
  ADD ("/audit-store/search", test_search);
  ADD ("/audit-store/compare", test_compare);
  ADD ("/audit-store/next-due", test_next_due);
  ADD ("/case-store/load", test_case);
  ADD ("/case-store/missing", test_case_missing);
  ADD ("/case-store/has-cases", test_has_cases);

  return g_test_run ();
}
