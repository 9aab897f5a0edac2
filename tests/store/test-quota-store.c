// SPDX-License-Identifier: GPL-3.0-or-later
// R-A3: each active auditor's year against their role's quota: who is listed, what counts,
// and who is flagged short.

#include "config.h"

#include "ca-quota-store.h"
#include "ca-test-fixture.h"

/* The fixture's authority, plus an Advanced Practitioner (7 a cycle), a Team Manager who has
 * left, and an allocation run that was cancelled. */
static void
set_up (CaTestFixture *fixture,
        gconstpointer  data)
{
  ca_test_fixture_set_up (fixture, data);
  ca_test_fixture_add_rows (fixture);
  ca_test_exec (fixture->database,
    "INSERT INTO staff (id, staff_ref, name, role_code, team_id, line_manager_id, active) VALUES"
    "  (5, 'S005', 'Beth Okafor', 'advanced-practitioner', NULL, 1, 1),"
    "  (6, 'S006', 'Carl Dunn', 'team-manager', 2, 1, 0);"
    "INSERT INTO allocation_run (id, month, seed, settings, created_at, created_by, cancelled_at)"
    "  VALUES (1, '2021-05', 7, '{}', '2021-05-01T09:00:00Z', 'cpp', '2021-05-02T09:00:00Z');"
    "INSERT INTO audit (id, case_id, tool_version_id, auditor_id, status, allocated_on,"
    "                   allocation_run_id) VALUES"
    /* Cancelled with its run: does not count. */
    "  (10, 2, 100, 2, 'allocated', '2021-05-04', 1),"
    /* Done for the Advanced Practitioner, one in 2021 and one the year before. */
    "  (11, 1, 100, 5, 'closed', '2021-03-01', NULL),"
    "  (12, 2, 100, 5, 'submitted', '2020-12-01', NULL),"
    "  (13, 2, 100, 5, 'in-progress', '2021-06-01', NULL),"
    /* The Team Manager who left. */
    "  (14, 2, 100, 6, 'submitted', '2021-02-01', NULL);");
}

static CaQuotaProgress *
find (GListModel *list,
      const char *staff_ref)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CaQuotaProgress) progress = g_list_model_get_item (list, i);

      if (g_strcmp0 (ca_quota_progress_get_staff_ref (progress), staff_ref) == 0)
        return progress;
    }
  return NULL;
}

static void
test_mid_year (CaTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (15, G_DATE_JULY, 2021);
  CaQuotaProgress *progress;

  list = ca_quota_store_list (fixture->database, 2021, today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_true (g_list_model_get_item_type (list) == CA_TYPE_QUOTA_PROGRESS);

  /* Practitioners have no quota; the Team Manager who left is not listed. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  g_assert_null (find (list, "S003"));
  g_assert_null (find (list, "S006"));

  /* Team Manager, one a month: six due by mid-July; the cancelled run's audit is not his. */
  progress = find (list, "S002");
  g_assert_nonnull (progress);
  g_assert_cmpstr (ca_quota_progress_get_name (progress), ==, "Imran Shah");
  g_assert_cmpstr (ca_quota_progress_get_role (progress), ==, "Team Manager");
  g_assert_cmpstr (ca_quota_progress_get_team (progress), ==, "A&I Team 1");
  g_assert_cmpuint (ca_quota_progress_get_quota (progress), ==, 12);
  g_assert_cmpuint (ca_quota_progress_get_target (progress), ==, 6);
  g_assert_cmpuint (ca_quota_progress_get_allocated (progress), ==, 1);
  g_assert_cmpuint (ca_quota_progress_get_completed (progress), ==, 0);
  g_assert_cmpuint (ca_quota_progress_get_shortfall (progress), ==, 6);
  g_assert_true (ca_quota_progress_is_short (progress));
  g_assert_cmpstr (ca_quota_progress_get_summary (progress), ==,
                   "0 of 12 done, 1 given; 6 due by now — 6 short");
  g_assert_cmpstr (ca_quota_progress_get_status (progress), ==, "Behind by 6");

  progress = find (list, "S004");
  g_assert_cmpuint (ca_quota_progress_get_allocated (progress), ==, 2);
  g_assert_cmpuint (ca_quota_progress_get_completed (progress), ==, 2);
  g_assert_cmpuint (ca_quota_progress_get_shortfall (progress), ==, 4);

  /* Head of Service, six a year: three due by July. */
  progress = find (list, "S001");
  g_assert_cmpuint (ca_quota_progress_get_quota (progress), ==, 6);
  g_assert_cmpuint (ca_quota_progress_get_target (progress), ==, 3);
  g_assert_null (ca_quota_progress_get_team (progress));

  /* Advanced Practitioner, seven a cycle of a quarter: 28 a year, 14 by July. Only 2021's
   * audits count, and only the closed one is done. */
  progress = find (list, "S005");
  g_assert_cmpuint (ca_quota_progress_get_quota (progress), ==, 28);
  g_assert_cmpuint (ca_quota_progress_get_target (progress), ==, 14);
  g_assert_cmpuint (ca_quota_progress_get_allocated (progress), ==, 2);
  g_assert_cmpuint (ca_quota_progress_get_completed (progress), ==, 1);
  g_assert_cmpuint (ca_quota_progress_get_shortfall (progress), ==, 13);

  /* Furthest behind first. */
  {
    g_autoptr(CaQuotaProgress) first = g_list_model_get_item (list, 0);
    g_autoptr(CaQuotaProgress) last = g_list_model_get_item (list, 3);

    g_assert_cmpstr (ca_quota_progress_get_staff_ref (first), ==, "S005");
    g_assert_cmpstr (ca_quota_progress_get_staff_ref (last), ==, "S001");
  }
}

static void
test_on_track (CaTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (20, G_DATE_FEBRUARY, 2021);
  CaQuotaProgress *progress;
  g_autofree char *summary = NULL;

  /* In February one audit is due from a Team Manager, and Amrit Kaur has done two. */
  list = ca_quota_store_list (fixture->database, 2021, today, &error);
  g_assert_no_error (error);
  progress = find (list, "S004");
  g_assert_cmpuint (ca_quota_progress_get_target (progress), ==, 1);
  g_assert_false (ca_quota_progress_is_short (progress));
  g_object_get (progress, "summary", &summary, NULL);
  g_assert_cmpstr (summary, ==, "2 of 12 done, 2 given; 1 due by now");
  g_assert_cmpstr (ca_quota_progress_get_status (progress), ==, "On track");
}

static void
test_other_years (CaTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) past = NULL;
  g_autoptr(GListModel) future = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (15, G_DATE_JULY, 2021);
  CaQuotaProgress *progress;

  /* A past year is judged on the whole quota. */
  past = ca_quota_store_list (fixture->database, 2020, today, &error);
  g_assert_no_error (error);
  progress = find (past, "S005");
  g_assert_cmpuint (ca_quota_progress_get_target (progress), ==, 28);
  g_assert_cmpuint (ca_quota_progress_get_completed (progress), ==, 1);
  g_assert_cmpuint (ca_quota_progress_get_shortfall (progress), ==, 27);

  /* Next year nobody is short yet. */
  future = ca_quota_store_list (fixture->database, 2022, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (future), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(CaQuotaProgress) item = g_list_model_get_item (future, i);

      g_assert_false (ca_quota_progress_is_short (item));
      g_assert_cmpuint (ca_quota_progress_get_allocated (item), ==, 0);
    }
}

/* A role's quota is editable (R-A3): the list follows the table. */
static void
test_edited_quota (CaTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (15, G_DATE_JULY, 2021);

  ca_test_exec (fixture->database,
                "UPDATE role SET quota = 2, quota_period = 'cycle' WHERE code = 'head-of-service';"
                "UPDATE role SET quota = NULL, quota_period = NULL "
                "WHERE code = 'advanced-practitioner';");
  list = ca_quota_store_list (fixture->database, 2021, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  g_assert_null (find (list, "S005"));
  g_assert_cmpuint (ca_quota_progress_get_quota (find (list, "S001")), ==, 8);
  g_assert_cmpuint (ca_quota_progress_get_target (find (list, "S001")), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CaTestFixture, NULL, set_up, func, ca_test_fixture_tear_down)
  ADD ("/quota-store/mid-year", test_mid_year);
  ADD ("/quota-store/on-track", test_on_track);
  ADD ("/quota-store/other-years", test_other_years);
  ADD ("/quota-store/edited-quota", test_edited_quota);
#undef ADD

  return g_test_run ();
}
