// SPDX-License-Identifier: GPL-3.0-or-later
// Who may audit whom in the monthly allocation: the hard rules of R-D3, each with its
// reason.

#define G_LOG_DOMAIN "ca-allocation"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ca-allocation.h"
#include "ca-allocation-private.h"
#include "ca-date.h"

/* ------------------------------------------------------------------------------------------
 * The hard rules (R-D3)
 * ---------------------------------------------------------------------------------------- */

static gint64
manager_of (const CaAllocationInput *input,
            gint64                   staff_id)
{
  gint64 *manager = g_hash_table_lookup (input->managers, &staff_id);

  return manager != NULL ? *manager : 0;
}

/* Whether AUDITOR manages WORKER at any depth: the manager, the manager's manager, …
 * A cycle in the data (the import refuses them, but a database can be edited) ends the walk
 * after as many steps as there are links, instead of going round for ever. */
gboolean
ca_allocation_in_management_chain (const CaAllocationInput *input,
                                   gint64                   worker_id,
                                   gint64                   auditor_id)
{
  guint steps;
  gint64 current;

  g_return_val_if_fail (input != NULL, FALSE);

  if (worker_id == 0 || auditor_id == 0)
    return FALSE;

  steps = g_hash_table_size (input->managers);
  current = manager_of (input, worker_id);
  while (current != 0 && steps-- > 0)
    {
      if (current == auditor_id)
        return TRUE;
      current = manager_of (input, current);
    }
  return FALSE;
}

void
ca_allocation_date_minus_months (const GDate *date,
                                 int          months,
                                 GDate       *out)
{
  *out = *date;
  g_date_subtract_months (out, (guint) months);
}

static gboolean
audited_by_within (const CaAllocationInput *input,
                   const CaAllocationCase  *file,
                   gint64                   auditor_id)
{
  GDate since;

  ca_allocation_date_minus_months (&input->settings->allocation_date,
                                   input->settings->repeat_months, &since);
  for (guint i = 0; i < file->past_audits->len; i++)
    {
      const CaAllocationPastAudit *past = &g_array_index (file->past_audits,
                                                           CaAllocationPastAudit, i);

      if (past->auditor_id == auditor_id && g_date_compare (&past->date, &since) > 0)
        return TRUE;
    }
  return FALSE;
}

/* The first hard rule that stops AUDITOR taking FILE, or −1 when none does. */
int
ca_allocation_check_rules (const CaAllocationInput   *input,
                           const CaAllocationCase    *file,
                           const CaAllocationAuditor *auditor,
                           gboolean                   with_capacity)
{
  if (file->worker_id != 0 && file->worker_id == auditor->id)
    return CA_ALLOCATION_RULE_WORKER;
  if (ca_allocation_in_management_chain (input, file->worker_id, auditor->id))
    return CA_ALLOCATION_RULE_CHAIN;
  if (auditor->team_id != 0 && auditor->team_id == file->team_id)
    return CA_ALLOCATION_RULE_TEAM;
  if (audited_by_within (input, file, auditor->id))
    return CA_ALLOCATION_RULE_REPEAT;
  if (with_capacity && auditor->capacity <= 0)
    return CA_ALLOCATION_RULE_CAPACITY;
  return -1;
}

static const char *
rule_text (int rule)
{
  switch (rule)
    {
    case CA_ALLOCATION_RULE_WORKER:
      return _("is the case’s allocated worker");
    case CA_ALLOCATION_RULE_CHAIN:
      return _("is in the worker’s line-management chain");
    case CA_ALLOCATION_RULE_TEAM:
      return _("works in the case’s team");
    case CA_ALLOCATION_RULE_REPEAT:
      return _("audited this case in the last 12 months");
    case CA_ALLOCATION_RULE_CAPACITY:
      return _("has no capacity left this month");
    default:
      return NULL;
    }
}

/**
 * ca_allocation_may_audit:
 * @rule_out: (out) (optional): the first rule broken, for people, or %NULL when none is
 *
 * Whether @auditor may take @file under every hard rule of R-D3, capacity included.
 */
gboolean
ca_allocation_may_audit (const CaAllocationInput    *input,
                         const CaAllocationCase     *file,
                         const CaAllocationAuditor  *auditor,
                         const char                **rule_out)
{
  int rule;

  g_return_val_if_fail (input != NULL && file != NULL && auditor != NULL, FALSE);

  rule = ca_allocation_check_rules (input, file, auditor, TRUE);
  if (rule_out != NULL)
    *rule_out = rule_text (rule);
  return rule < 0;
}
