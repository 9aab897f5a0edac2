// SPDX-License-Identifier: GPL-3.0-or-later
// The monthly allocation's data (R-D1–R-D5): settings, inputs and results, and the names
// of its settings and reasons.

#define G_LOG_DOMAIN "ca-allocation"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ca-allocation.h"
#include "ca-allocation-private.h"
#include "ca-date.h"

G_DEFINE_QUARK (ca-allocation-error-quark, ca_allocation_error)

/* ------------------------------------------------------------------------------------------
 * Settings and names
 * ---------------------------------------------------------------------------------------- */

/* Exactly "YYYY-MM" with a real month. */
gboolean
ca_allocation_parse_month (const char *text,
                           GDate      *first_day)
{
  return ca_date_parse_month (text, first_day);
}

CaAllocationSettings *
ca_allocation_settings_new (const char *month)
{
  CaAllocationSettings *settings = g_new0 (CaAllocationSettings, 1);

  settings->month = g_strdup (month);
  g_date_clear (&settings->allocation_date, 1);
  ca_allocation_parse_month (month, &settings->allocation_date);
  settings->closed_within_days = 90;
  settings->recent_audit_months = 3;
  settings->repeat_months = 12;
  settings->restricted = CA_RESTRICTED_EXCLUDE;
  settings->sample_rule = CA_SAMPLE_PERCENT;
  settings->sample_percent = 10;
  settings->fixed_count = 0;
  settings->strata = CA_STRATA_TEAM;
  settings->seed = 1;
  return settings;
}

CaAllocationSettings *
ca_allocation_settings_copy (const CaAllocationSettings *settings)
{
  CaAllocationSettings *copy;

  g_return_val_if_fail (settings != NULL, NULL);

  copy = g_memdup2 (settings, sizeof *settings);
  copy->month = g_strdup (settings->month);
  copy->service_areas = g_strdupv (settings->service_areas);
  return copy;
}

void
ca_allocation_settings_free (CaAllocationSettings *settings)
{
  if (settings == NULL)
    return;

  g_free (settings->month);
  g_strfreev (settings->service_areas);
  g_free (settings);
}

gboolean
ca_allocation_settings_validate (const CaAllocationSettings  *settings,
                                 GError                     **error)
{
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!ca_allocation_parse_month (settings->month, NULL))
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("“%s” is not a month: write it as year and month, for example 2021-03."),
                   settings->month ? settings->month : "");
      return FALSE;
    }
  if (!g_date_valid (&settings->allocation_date))
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("The allocation run for %s has no allocation date."), settings->month);
      return FALSE;
    }
  if (settings->closed_within_days < 0 || settings->closed_within_days > 3660)
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("The number of days since a case closed must be between 0 and 3660."));
      return FALSE;
    }
  if (settings->recent_audit_months < 0 || settings->repeat_months < 0 ||
      settings->recent_audit_months > 120 || settings->repeat_months > 120)
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("The months counted back for earlier audits must be between 0 and 120."));
      return FALSE;
    }
  if (settings->sample_rule == CA_SAMPLE_PERCENT &&
      (settings->sample_percent < 1 || settings->sample_percent > 100))
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("The sample must be between 1 and 100 per cent of each team’s open cases."));
      return FALSE;
    }
  if (settings->sample_rule == CA_SAMPLE_FIXED &&
      (settings->fixed_count < 1 || settings->fixed_count > 100000))
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("The number of cases to sample must be between 1 and 100000."));
      return FALSE;
    }
  return TRUE;
}

/* The stable name scripts see (JSON keys). */
const char *
ca_exclusion_reason_to_string (CaExclusionReason reason)
{
  switch (reason)
    {
    case CA_EXCLUSION_SERVICE_AREA:
      return "service-area-not-in-run";
    case CA_EXCLUSION_NOT_OPEN_YET:
      return "opened-after-allocation-date";
    case CA_EXCLUSION_CLOSED:
      return "closed-too-long-ago";
    case CA_EXCLUSION_RECENTLY_AUDITED:
      return "audited-recently";
    case CA_EXCLUSION_RESTRICTED:
      return "restricted";
    case CA_EXCLUSION_N:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The name people see. */
const char *
ca_exclusion_reason_to_label (CaExclusionReason reason)
{
  switch (reason)
    {
    case CA_EXCLUSION_SERVICE_AREA:
      return _("Service area not in this run");
    case CA_EXCLUSION_NOT_OPEN_YET:
      return _("Opened after the allocation date");
    case CA_EXCLUSION_CLOSED:
      return _("Closed too long ago");
    case CA_EXCLUSION_RECENTLY_AUDITED:
      return _("Audited in the last three months");
    case CA_EXCLUSION_RESTRICTED:
      return _("Restricted record");
    case CA_EXCLUSION_N:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
ca_restricted_policy_to_string (CaRestrictedPolicy policy)
{
  return policy == CA_RESTRICTED_FLAG ? "flag" : "exclude";
}

gboolean
ca_restricted_policy_from_string (const char         *text,
                                  CaRestrictedPolicy *policy)
{
  if (g_strcmp0 (text, "exclude") == 0)
    *policy = CA_RESTRICTED_EXCLUDE;
  else if (g_strcmp0 (text, "flag") == 0)
    *policy = CA_RESTRICTED_FLAG;
  else
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------
 * Inputs
 * ---------------------------------------------------------------------------------------- */

CaAllocationCase *
ca_allocation_case_new (void)
{
  CaAllocationCase *file = g_new0 (CaAllocationCase, 1);

  g_date_clear (&file->open_date, 1);
  g_date_clear (&file->close_date, 1);
  file->past_audits = g_array_new (FALSE, FALSE, sizeof (CaAllocationPastAudit));
  return file;
}

void
ca_allocation_case_add_audit (CaAllocationCase *file,
                              gint64            auditor_id,
                              const GDate      *date)
{
  CaAllocationPastAudit past = { auditor_id, *date };

  g_return_if_fail (file != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  g_array_append_val (file->past_audits, past);
}

void
ca_allocation_case_free (CaAllocationCase *file)
{
  if (file == NULL)
    return;

  g_free (file->ref);
  g_free (file->team);
  g_free (file->service_area);
  g_free (file->locality);
  g_free (file->ethnicity);
  g_array_unref (file->past_audits);
  g_free (file);
}

CaAllocationAuditor *
ca_allocation_auditor_new (void)
{
  return g_new0 (CaAllocationAuditor, 1);
}

void
ca_allocation_auditor_free (CaAllocationAuditor *auditor)
{
  if (auditor == NULL)
    return;

  g_free (auditor->ref);
  g_free (auditor->name);
  g_free (auditor->email);
  g_free (auditor->team);
  g_free (auditor->locality);
  g_free (auditor);
}

CaAllocationInput *
ca_allocation_input_new (const CaAllocationSettings *settings)
{
  CaAllocationInput *input;

  g_return_val_if_fail (settings != NULL, NULL);

  input = g_new0 (CaAllocationInput, 1);
  input->settings = ca_allocation_settings_copy (settings);
  input->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_allocation_case_free);
  input->auditors = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_allocation_auditor_free);
  input->managers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return input;
}

void
ca_allocation_input_free (CaAllocationInput *input)
{
  if (input == NULL)
    return;

  ca_allocation_settings_free (input->settings);
  g_ptr_array_unref (input->cases);
  g_ptr_array_unref (input->auditors);
  g_hash_table_unref (input->managers);
  g_free (input);
}

void
ca_allocation_input_take_case (CaAllocationInput *input,
                               CaAllocationCase  *file)
{
  g_return_if_fail (input != NULL && file != NULL);
  g_ptr_array_add (input->cases, file);
}

void
ca_allocation_input_take_auditor (CaAllocationInput   *input,
                                  CaAllocationAuditor *auditor)
{
  g_return_if_fail (input != NULL && auditor != NULL);
  g_ptr_array_add (input->auditors, auditor);
}

void
ca_allocation_input_set_manager (CaAllocationInput *input,
                                 gint64             staff_id,
                                 gint64             manager_id)
{
  g_return_if_fail (input != NULL);

  if (manager_id == 0)
    g_hash_table_remove (input->managers, &staff_id);
  else
    g_hash_table_insert (input->managers, g_memdup2 (&staff_id, sizeof staff_id),
                         g_memdup2 (&manager_id, sizeof manager_id));
}


void
ca_allocation_pick_free (CaAllocationPick *pick)
{
  if (pick == NULL)
    return;
  g_free (pick->case_ref);
  g_free (pick->auditor_ref);
  g_free (pick->stratum);
  g_free (pick->reason);
  g_free (pick);
}

void
ca_allocation_unplaced_free (CaAllocationUnplaced *unplaced)
{
  if (unplaced == NULL)
    return;
  g_free (unplaced->case_ref);
  g_free (unplaced->stratum);
  g_free (unplaced->reason);
  g_free (unplaced);
}

void
ca_allocation_stratum_free (CaAllocationStratum *stratum)
{
  if (stratum == NULL)
    return;
  g_free (stratum->label);
  g_free (stratum);
}

void
ca_allocation_result_free (CaAllocationResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->picks);
  g_ptr_array_unref (result->unplaced);
  g_ptr_array_unref (result->strata);
  g_free (result);
}
