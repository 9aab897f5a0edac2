// SPDX-License-Identifier: GPL-3.0-or-later
// Stage 2 moderation (R-H1–R-H4) as the database holds it: the only place with its SQL.

#define G_LOG_DOMAIN "ca-moderation-store"

#include "config.h"

#include <string.h>

#include "ca-moderation-store.h"
#include "core/ca-deadlines.h"

/* The month, YYYY-MM in England's local time, in which an audit was submitted; for an audit
 * brought in from a spreadsheet without the moment, the month of its audit date. */
static char *
submission_month (const char *submitted_at,
                  const char *audit_date)
{
  g_autoptr(GDateTime) moment = NULL;
  GDate local;

  if (submitted_at != NULL)
    moment = g_date_time_new_from_iso8601 (submitted_at, NULL);
  if (moment == NULL)
    return audit_date != NULL && strlen (audit_date) >= 7 ? g_strndup (audit_date, 7) : NULL;
  ca_deadline_get_local_date (moment, &local);
  return g_strdup_printf ("%04d-%02d", g_date_get_year (&local), g_date_get_month (&local));
}

/**
 * ca_moderation_store_list_agreement_pairs:
 * @from_month: (nullable): "YYYY-MM", the first month of submission to count
 * @to_month: (nullable): "YYYY-MM", the last
 *
 * Every moderated audit that both its auditor and its moderator graded overall, submitted
 * from @from_month to @to_month: what R-H4's agreement figures are made of.
 *
 * Returns: (transfer full) (element-type CaAgreementPair): the pairs in the order the
 *   moderations were recorded, or %NULL with @error set
 */
GPtrArray *
ca_moderation_store_list_agreement_pairs (CaDatabase   *database,
                                          const char   *from_month,
                                          const char   *to_month,
                                          GError      **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) pairs = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  stmt = ca_database_prepare (database,
                              "SELECT a.submitted_at, a.audit_date, s.staff_ref, s.name, "
                              "  sa.name, a.overall_grade, m.overall_grade "
                              "FROM moderation m "
                              "JOIN audit a ON a.id = m.audit_id "
                              "JOIN staff s ON s.id = a.auditor_id "
                              "JOIN case_file c ON c.id = a.case_id "
                              "JOIN team t ON t.id = c.team_id "
                              "JOIN service_area sa ON sa.id = t.service_area_id "
                              "WHERE m.moderated_on IS NOT NULL AND m.overall_grade IS NOT NULL "
                              "  AND a.overall_grade IS NOT NULL "
                              "ORDER BY m.id", error);
  if (stmt == NULL)
    return NULL;

  pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_agreement_pair_free);
  while (ca_statement_next (stmt))
    {
      g_autofree char *month = submission_month (ca_statement_get_text (stmt, 0),
                                                 ca_statement_get_text (stmt, 1));
      CaAgreementPair *pair;

      if (month == NULL ||
          (from_month != NULL && strcmp (month, from_month) < 0) ||
          (to_month != NULL && strcmp (month, to_month) > 0))
        continue;
      pair = g_new0 (CaAgreementPair, 1);
      pair->month = g_steal_pointer (&month);
      pair->auditor_ref = ca_statement_dup_text (stmt, 2);
      pair->auditor_name = ca_statement_dup_text (stmt, 3);
      pair->service_area = ca_statement_dup_text (stmt, 4);
      pair->auditor_grade = ca_grade_from_string (ca_statement_get_text (stmt, 5));
      pair->moderator_grade = ca_grade_from_string (ca_statement_get_text (stmt, 6));
      g_ptr_array_add (pairs, pair);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&pairs);
}
