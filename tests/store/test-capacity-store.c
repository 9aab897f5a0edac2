// SPDX-License-Identifier: GPL-3.0-or-later
// Auditors' audits a month in a real database: by role and by person, refusals, the change
// history, an allocation preview that leaves out someone set to 0, and two copies of Case
// Audit changing one number at once (R-N2).

#include "config.h"

#include <string.h>

#include "ca-allocation-store.h"
#include "ca-capacity-store.h"
#include "ca-quota-store.h"
#include "ca-test-fixture.h"

/* One service area, two team managers who audit (in a team with no cases, so nothing stops
 * them auditing any case) and a practitioner who does not. */
static void
set_up (CaTestFixture *fixture,
        gconstpointer  data)
{
  GString *sql = g_string_new (
    "INSERT INTO service_area (id, name) VALUES (1, 'Assessment & Intervention');"
    "INSERT INTO locality (id, name) VALUES (1, 'Dudley');"
    "INSERT INTO team (id, name, service_area_id, locality_id) VALUES (1, 'A&I Team 1', 1, 1),"
    "  (2, 'A&I Team 2', 1, 1);"
    "INSERT INTO staff (id, staff_ref, name, role_code, team_id, active) VALUES"
    "  (2, 'S002', 'Imran Shah', 'team-manager', 2, 1),"
    "  (3, 'S003', 'Zoe Walker', 'practitioner', 1, 1),"
    "  (4, 'S004', 'Amrit Kaur', 'team-manager', 2, 1);"
    "INSERT INTO programme_entry (id, month, strand, focus, allocation_date, return_date)"
    "  VALUES (1, '2021-03', 'social-care', 'Plans', '2021-03-01', '2021-03-22');");

  ca_test_fixture_set_up (fixture, data);
  for (int i = 1; i <= 20; i++)
    g_string_append_printf (sql,
                            "INSERT INTO case_file (id, case_ref, team_id, allocated_worker_id,"
                            " open_date, legal_status) VALUES (%d, 'CA-%04d', 1, 3, "
                            "'2020-01-01', 'child-in-need');", i, i);
  ca_test_exec (fixture->database, sql->str);
  g_string_free (sql, TRUE);
}

static void
test_roles (CaTestFixture *fixture,
            gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(GListModel) roles = NULL;
  g_autoptr(GError) error = NULL;
  guint n_team_managers = 0;

  roles = ca_capacity_store_list_roles (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (roles), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(CaRoleCapacity) role = g_list_model_get_item (roles, i);

      /* Seed 04: one a month for every role with a quota; practitioners have none. */
      g_assert_cmpuint (ca_role_capacity_get_capacity (role), ==, 1);
      g_assert_cmpstr (ca_role_capacity_get_code (role), !=, "practitioner");
      if (g_str_equal (ca_role_capacity_get_code (role), "team-manager"))
        n_team_managers++;
    }
  g_assert_cmpuint (n_team_managers, ==, 1);

  g_assert_true (ca_capacity_store_set_role (db, "team-manager", 1, 3, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (db, "SELECT monthly_capacity FROM role "
                                          "WHERE code = 'team-manager'"), ==, 3);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM change_history WHERE "
                                          "entity = 'role' AND field = "
                                          "'monthly_capacity:team-manager' AND "
                                          "old_value = '1' AND new_value = '3'"), ==, 1);
  /* The same number again writes no history. */
  g_assert_true (ca_capacity_store_set_role (db, "team-manager", 3, 3, NULL, &error));
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM change_history"), ==, 1);

  g_assert_false (ca_capacity_store_set_role (db, "team-manager", 3, 1001, NULL, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ca_capacity_store_set_role (db, "practitioner", 0, 1, NULL, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_NOT_AUDITOR);
  g_clear_error (&error);
  g_assert_false (ca_capacity_store_set_role (db, "no-such-role", 0, 1, NULL, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Nothing half-written by a refusal. */
  g_assert_cmpint (ca_test_query_int (db, "SELECT monthly_capacity FROM role "
                                          "WHERE code = 'team-manager'"), ==, 3);
  g_assert_cmpint (ca_test_query_int (db, "SELECT monthly_capacity IS NULL FROM role "
                                          "WHERE code = 'practitioner'"), ==, 1);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM change_history"), ==, 1);
}

static void
test_staff (CaTestFixture *fixture,
            gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(GListModel) quotas = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ca_capacity_store_set_staff (db, 2, CA_CAPACITY_NONE, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (db, "SELECT monthly_capacity FROM staff WHERE id = 2"),
                   ==, 0);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM change_history WHERE "
                                          "entity = 'staff' AND entity_id = 2 AND "
                                          "field = 'monthly_capacity' AND old_value IS NULL "
                                          "AND new_value = '0'"), ==, 1);

  /* The Quotas page shows the person's own number beside their role's. */
  quotas = ca_quota_store_list (db, 2021, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (quotas); i++)
    {
      g_autoptr(CaQuotaProgress) progress = g_list_model_get_item (quotas, i);
      gboolean imran = ca_quota_progress_get_staff_id (progress) == 2;

      g_assert_cmpuint (ca_quota_progress_get_capacity (progress), ==, imran ? 0 : 1);
      g_assert_cmpint (ca_quota_progress_get_own_capacity (progress), ==, imran ? 0 : -1);
      g_assert_cmpuint (ca_quota_progress_get_role_capacity (progress), ==, 1);
      g_assert_true (ca_quota_progress_has_own_capacity (progress) == imran);
    }

  g_assert_false (ca_capacity_store_set_staff (db, 2, 0, 1001, NULL, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ca_capacity_store_set_staff (db, 3, CA_CAPACITY_NONE, 1, NULL, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_NOT_AUDITOR);
  g_clear_error (&error);
  g_assert_false (ca_capacity_store_set_staff (db, 99, CA_CAPACITY_NONE, 1, NULL, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (db, "SELECT monthly_capacity FROM staff WHERE id = 2"),
                   ==, 0);
  g_assert_cmpint (ca_test_query_int (db, "SELECT monthly_capacity IS NULL FROM staff "
                                          "WHERE id = 3"), ==, 1);

  g_assert_true (ca_capacity_store_clear_staff (db, 2, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (db, "SELECT monthly_capacity IS NULL FROM staff "
                                          "WHERE id = 2"), ==, 1);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM change_history WHERE "
                                          "entity = 'staff' AND entity_id = 2 AND "
                                          "old_value = '0' AND new_value IS NULL"), ==, 1);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM change_history"), ==, 2);
}

static void
test_preview_honours_zero (CaTestFixture *fixture,
                           gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(CaAllocationSettings) settings = ca_allocation_settings_new ("2021-03");
  g_autoptr(CaAllocationPreview) before = NULL;
  g_autoptr(CaAllocationPreview) after = NULL;
  g_autoptr(GError) error = NULL;

  settings->seed = 7;
  before = ca_allocation_store_preview (db, settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ca_allocation_preview_find_auditor (before, 2));
  g_assert_cmpuint (before->result->n_auditors, ==, 2);

  /* Imran on leave: nobody gives him a case, so Amrit takes what he can. */
  g_assert_true (ca_capacity_store_set_staff (db, 2, CA_CAPACITY_NONE, 0, NULL, &error));
  after = ca_allocation_store_preview (db, settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (ca_allocation_preview_find_auditor (after, 2));
  g_assert_nonnull (ca_allocation_preview_find_auditor (after, 4));
  g_assert_cmpuint (after->result->n_auditors, ==, 1);
  g_assert_cmpuint (after->result->picks->len, >, 0);
  for (guint i = 0; i < after->result->picks->len; i++)
    {
      const CaAllocationPick *pick = g_ptr_array_index (after->result->picks, i);

      g_assert_cmpint (pick->auditor_id, ==, 4);
    }
}

/* Two preferences windows show the team managers' 1 a month. B stores 2; A, still showing 1,
 * stores 3. Today's main wrote A's 3 over B's 2 without a word; now A's is refused, names the
 * stored number, and writes nothing; A's person keeping 3 (shown now 2) writes it. The same
 * for a person's own number, from the Allocation view. */
static void
test_two_copies (CaTestFixture *fixture,
                 gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(CaDatabase) second = ca_test_open_second (fixture->path);
  g_autoptr(GError) error = NULL;
  gint64 history;
  gint stored = -5;

  g_assert_true (ca_capacity_store_set_role (second, "team-manager", 1, 2, &stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored, ==, 2);
  history = ca_test_query_int (db, "SELECT COUNT(*) FROM change_history");

  g_assert_false (ca_capacity_store_set_role (db, "team-manager", 1, 3, &stored, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "it is now 2"));
  g_assert_cmpint (stored, ==, 2);
  g_assert_cmpint (ca_test_query_int (db, "SELECT monthly_capacity FROM role "
                                          "WHERE code = 'team-manager'"), ==, 2);
  g_assert_cmpint (ca_test_query_int (db, "SELECT COUNT(*) FROM change_history"), ==, history);
  g_clear_error (&error);

  /* Both asking for the same number is no conflict. */
  g_assert_true (ca_capacity_store_set_role (db, "team-manager", 1, 2, &stored, &error));
  g_assert_no_error (error);
  /* Chosen: A keeps its own number, over the 2 it has now been shown. */
  g_assert_true (ca_capacity_store_set_role (db, "team-manager", 2, 3, &stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored, ==, 3);
  g_assert_cmpint (ca_test_query_int (db, "SELECT monthly_capacity FROM role "
                                          "WHERE code = 'team-manager'"), ==, 3);

  /* Imran: B gives him 0 (on leave); A, showing his role's number, gives him 2. */
  g_assert_true (ca_capacity_store_set_staff (second, 2, CA_CAPACITY_NONE, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ca_capacity_store_set_staff (db, 2, CA_CAPACITY_NONE, 2, &stored, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_CHANGED);
  g_assert_cmpint (stored, ==, 0);
  g_clear_error (&error);
  /* B puts the role's number back; A, still showing 0, gives him 1: refused the same way. */
  g_assert_true (ca_capacity_store_clear_staff (second, 2, 0, &stored, &error));
  g_assert_cmpint (stored, ==, CA_CAPACITY_NONE);
  g_assert_false (ca_capacity_store_set_staff (db, 2, 0, 1, &stored, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_CHANGED);
  g_assert_cmpint (stored, ==, CA_CAPACITY_NONE);
  g_assert_nonnull (strstr (error->message, "role’s number"));
  g_clear_error (&error);
  /* Clearing what another copy has already cleared is no conflict. */
  g_assert_true (ca_capacity_store_clear_staff (db, 2, 5, &stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (db, "SELECT monthly_capacity IS NULL FROM staff "
                                          "WHERE id = 2"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/capacity-store/" path, CaTestFixture, NULL, set_up, func, \
              ca_test_fixture_tear_down)
  ADD ("roles", test_roles);
  ADD ("staff", test_staff);
  ADD ("preview-honours-zero", test_preview_honours_zero);
  ADD ("two-copies", test_two_copies);
#undef ADD

  return g_test_run ();
}
