// SPDX-License-Identifier: GPL-3.0-or-later
// R-A3: each active auditor's audits in a year against their role's quota. The only place
// with the quota's SQL.

#define G_LOG_DOMAIN "ca-quota-store"

#include "config.h"

#include "ca-quota-progress-private.h"
#include "ca-quota-store.h"
#include "core/ca-deadlines.h"
#include "core/ca-quota.h"

static int
compare_progress (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  CaQuotaProgress *left = (CaQuotaProgress *) a;
  CaQuotaProgress *right = (CaQuotaProgress *) b;
  guint left_short = ca_quota_progress_get_shortfall (left);
  guint right_short = ca_quota_progress_get_shortfall (right);
  int by_name;

  if (left_short != right_short)
    return left_short > right_short ? -1 : 1;
  by_name = g_utf8_collate (ca_quota_progress_get_name (left), ca_quota_progress_get_name (right));
  if (by_name != 0)
    return by_name;
  return g_strcmp0 (ca_quota_progress_get_staff_ref (left),
                    ca_quota_progress_get_staff_ref (right));
}

GListModel *
ca_quota_store_list (CaDatabase   *database,
                     int           year,
                     const GDate  *today,
                     GError      **error)
{
  g_autoptr(GListStore) list = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  GDate now;
  gboolean has_row = FALSE;
  gboolean ok;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (year > 0 && year < 9999, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (today == NULL)
    {
      g_autoptr(GDateTime) moment = g_date_time_new_now_utc ();

      ca_deadline_get_local_date (moment, &now);
      today = &now;
    }

  stmt = ca_database_prepare (database,
                              "SELECT s.id, s.staff_ref, s.name, r.name, t.name, r.quota, "
                              "  r.quota_period, "
                              "  count(a.id), "
                              "  coalesce(sum(CASE WHEN a.status IN ('submitted', 'closed') "
                              "                    THEN 1 ELSE 0 END), 0), "
                              "  r.monthly_capacity, s.monthly_capacity "
                              "FROM staff s "
                              "JOIN role r ON r.code = s.role_code "
                              "LEFT JOIN team t ON t.id = s.team_id "
                              "LEFT JOIN audit a ON a.auditor_id = s.id "
                              "  AND a.allocated_on >= ? AND a.allocated_on < ? "
                              "  AND NOT EXISTS (SELECT 1 FROM allocation_run ar "
                              "                  WHERE ar.id = a.allocation_run_id "
                              "                  AND ar.cancelled_at IS NOT NULL) "
                              "WHERE s.active = 1 AND r.quota IS NOT NULL "
                              "GROUP BY s.id, s.staff_ref, s.name, r.name, t.name, r.quota, "
                              "  r.quota_period, r.monthly_capacity, s.monthly_capacity", error);
  if (stmt == NULL)
    return NULL;
  from = g_strdup_printf ("%04d-01-01", year);
  until = g_strdup_printf ("%04d-01-01", year + 1);
  ca_statement_bind_text (stmt, 1, from);
  ca_statement_bind_text (stmt, 2, until);

  list = g_list_store_new (CA_TYPE_QUOTA_PROGRESS);
  while ((ok = ca_statement_step (stmt, &has_row, error)) && has_row)
    {
      g_autoptr(CaQuotaProgress) progress = NULL;
      CaQuotaPeriod period = CA_QUOTA_PERIOD_YEAR;
      guint per_year;

      /* The table's CHECK allows only the three periods; anything else counts as a year's. */
      ca_quota_period_parse (ca_statement_get_text (stmt, 6), &period);
      per_year = ca_quota_per_year ((guint) MAX (ca_statement_get_int64 (stmt, 5), 0), period);
      progress = ca_quota_progress_new (ca_statement_get_int64 (stmt, 0),
                                        ca_statement_get_text (stmt, 1),
                                        ca_statement_get_text (stmt, 2),
                                        ca_statement_get_text (stmt, 3),
                                        ca_statement_get_text (stmt, 4),
                                        per_year,
                                        ca_quota_target_to_date (per_year, year, today),
                                        (guint) ca_statement_get_int64 (stmt, 7),
                                        (guint) ca_statement_get_int64 (stmt, 8));
      ca_quota_progress_set_capacity (progress,
                                      ca_statement_is_null (stmt, 9)
                                        ? -1 : (gint) ca_statement_get_int64 (stmt, 9),
                                      ca_statement_is_null (stmt, 10)
                                        ? -1 : (gint) ca_statement_get_int64 (stmt, 10));
      g_list_store_append (list, progress);
    }
  if (!ok)
    return NULL;
  g_list_store_sort (list, compare_progress, NULL);
  return G_LIST_MODEL (g_steal_pointer (&list));
}
