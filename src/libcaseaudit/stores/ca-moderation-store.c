// SPDX-License-Identifier: GPL-3.0-or-later
// Stage 2 moderation (R-H1–R-H4) as the database holds it: the only place with its SQL.

#define G_LOG_DOMAIN "ca-moderation-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ca-database-changes.h"
#include "ca-holiday-store.h"
#include "ca-tool-store.h"
#include "ca-moderation-settings-store.h"
#include "ca-moderation-store.h"
#include "ca-moderators-private.h"
#include "ca-store-load.h"
#include "ca-store-refuse.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"

G_DEFINE_QUARK (ca-moderation-store-error-quark, ca_moderation_store_error)

/* Every refusal of this store's is CA_MODERATION_STORE_ERROR_REFUSED. */
#define refuse(error, ...) \
  ca_store_refuse ((error), CA_MODERATION_STORE_ERROR, CA_MODERATION_STORE_ERROR_REFUSED, \
                   __VA_ARGS__)

void
ca_moderation_month_free (CaModerationMonth *month)
{
  if (month == NULL)
    return;
  g_free (month->month);
  g_clear_pointer (&month->candidates, g_ptr_array_unref);
  g_clear_pointer (&month->moderators, g_ptr_array_unref);
  g_clear_pointer (&month->line_managers, g_hash_table_unref);
  g_clear_pointer (&month->last_moderated, g_hash_table_unref);
  g_free (month);
}

void
ca_moderation_queue_item_free (CaModerationQueueItem *item)
{
  if (item == NULL)
    return;
  g_free (item->case_ref);
  g_free (item->auditor_ref);
  g_free (item->auditor_name);
  g_free (item->moderator_ref);
  g_free (item->moderator_name);
  g_free (item->service_area);
  g_free (item->team);
  g_free (item);
}

/* The team's share and due day, as Preferences and "moderation settings" store them. */
static gboolean
load_settings (CaDatabase         *database,
               CaModerationMonth  *month,
               GError            **error)
{
  CaModerationSettings settings;

  if (!ca_moderation_settings_store_load (database, &settings, error))
    return FALSE;
  month->percent = settings.percent;
  month->due_working_day = settings.due_working_day;
  return TRUE;
}

/* The audits submitted in the month not yet moderated, and how many were: moments are
 * stored in UTC, so a day either side is read and England's month kept. */
static gboolean
load_candidates (CaDatabase         *database,
                 CaModerationMonth  *month,
                 GError            **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  GDate first, next;

  /* England is never behind UTC and at most an hour ahead: the month's moments start on
   * the UTC day before its first and end before the next month's. */
  ca_date_parse_month (month->month, &first);
  next = first;
  g_date_add_months (&next, 1);
  g_date_subtract_days (&first, 1);
  from = ca_date_format (&first);
  until = ca_date_format (&next);

  stmt = ca_database_prepare (database,
                              "SELECT a.id, c.case_ref, a.auditor_id, s.staff_ref, "
                              "  c.allocated_worker_id, a.overall_grade, a.submitted_at, "
                              "  (SELECT count(*) FROM moderation m WHERE m.audit_id = a.id), "
                              "  (SELECT count(*) FROM moderation m WHERE m.audit_id = a.id "
                              "   AND (m.reason IS NULL OR m.reason <> 'added')) "
                              "FROM audit a "
                              "JOIN case_file c ON c.id = a.case_id "
                              "JOIN staff s ON s.id = a.auditor_id "
                              "WHERE a.status IN ('submitted', 'closed') "
                              "  AND a.submitted_at >= ?1 AND a.submitted_at < ?2 "
                              "ORDER BY a.id", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, from);
  ca_statement_bind_text (stmt, 2, until);
  while (ca_statement_next (stmt))
    {
      g_autofree char *in_month = ca_deadline_local_month (ca_statement_get_text (stmt, 6), NULL);
      CaModerationCandidate *candidate;

      if (g_strcmp0 (in_month, month->month) != 0)
        continue;
      if (ca_statement_get_int64 (stmt, 7) > 0)
        {
          month->drawn++;
          if (ca_statement_get_int64 (stmt, 8) > 0)
            month->drawn_by_sample++;
          continue;
        }
      candidate = g_new0 (CaModerationCandidate, 1);
      candidate->audit_id = ca_statement_get_int64 (stmt, 0);
      candidate->case_ref = ca_statement_dup_text (stmt, 1);
      candidate->auditor_id = ca_statement_get_int64 (stmt, 2);
      candidate->auditor_ref = ca_statement_dup_text (stmt, 3);
      candidate->worker_id = ca_statement_is_null (stmt, 4) ? 0 : ca_statement_get_int64 (stmt, 4);
      candidate->overall_grade = ca_grade_from_string (ca_statement_get_text (stmt, 5));
      g_ptr_array_add (month->candidates, candidate);
    }
  return ca_statement_check (stmt, error);
}

/* Everyone who moderates, with what their capacity leaves this month. */
static gboolean
load_moderators (CaDatabase         *database,
                 CaModerationMonth  *month,
                 GError            **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT s.id, s.staff_ref, s.name, "
                              "  coalesce (s.moderation_capacity, r.moderation_capacity) - "
                              "  " CA_MODERATORS_IN_MONTH " "
                              CA_MODERATORS_FROM_WHERE
                              "ORDER BY s.staff_ref", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, month->month);
  while (ca_statement_next (stmt))
    {
      CaModerator *moderator = g_new0 (CaModerator, 1);

      moderator->id = ca_statement_get_int64 (stmt, 0);
      moderator->ref = ca_statement_dup_text (stmt, 1);
      moderator->name = ca_statement_dup_text (stmt, 2);
      moderator->capacity = (guint) MAX (ca_statement_get_int64 (stmt, 3), 0);
      g_ptr_array_add (month->moderators, moderator);
    }
  return ca_statement_check (stmt, error);
}

/* The line-management chains, and when each auditor was last moderated. */
static gboolean
load_people (CaDatabase         *database,
             CaModerationMonth  *month,
             GError            **error)
{
  g_autoptr(CaStatement) managers = NULL;
  g_autoptr(CaStatement) last = NULL;

  managers = ca_database_prepare (database,
                                  "SELECT id, line_manager_id FROM staff "
                                  "WHERE line_manager_id IS NOT NULL", error);
  if (managers == NULL)
    return FALSE;
  while (ca_statement_next (managers))
    ca_line_managers_add (month->line_managers, ca_statement_get_int64 (managers, 0),
                          ca_statement_get_int64 (managers, 1));
  if (!ca_statement_check (managers, error))
    return FALSE;

  last = ca_database_prepare (database,
                              "SELECT a.auditor_id, "
                              "  max (coalesce (m.moderated_on, m.due_date)) "
                              "FROM moderation m JOIN audit a ON a.id = m.audit_id "
                              "GROUP BY a.auditor_id", error);
  if (last == NULL)
    return FALSE;
  while (ca_statement_next (last))
    {
      gint64 auditor_id = ca_statement_get_int64 (last, 0);
      GDate day;

      if (ca_date_parse (ca_statement_get_text (last, 1), &day))
        g_hash_table_insert (month->last_moderated, g_memdup2 (&auditor_id, sizeof auditor_id),
                             GUINT_TO_POINTER (g_date_get_julian (&day)));
    }
  return ca_statement_check (last, error);
}

/**
 * ca_moderation_store_load_month:
 * @month: "YYYY-MM", checked by the caller
 *
 * Everything a draw of @month's sample needs (R-H1, R-H2): the audits submitted that month
 * not yet moderated, the moderators and their capacity left, the line-management chains,
 * when each auditor was last moderated, and the team's settings.
 *
 * Returns: (transfer full): the month, or %NULL with @error set
 */
CaModerationMonth *
ca_moderation_store_load_month (CaDatabase   *database,
                                const char   *month,
                                GError      **error)
{
  g_autoptr(CaModerationMonth) loaded = g_new0 (CaModerationMonth, 1);

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (month != NULL && strlen (month) == 7, NULL);

  loaded->month = g_strdup (month);
  loaded->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_moderation_candidate_free);
  loaded->moderators = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_moderator_free);
  loaded->line_managers = ca_line_managers_new ();
  loaded->last_moderated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!load_settings (database, loaded, error) ||
      !load_candidates (database, loaded, error) ||
      !load_moderators (database, loaded, error) ||
      !load_people (database, loaded, error))
    return NULL;
  return g_steal_pointer (&loaded);
}

/**
 * ca_moderation_month_check_undrawn:
 *
 * Whether @month's sample may be drawn: not when moderations are recorded for its audits
 * already (drawn before, or history brought in), other than those added by hand.
 */
gboolean
ca_moderation_month_check_undrawn (const CaModerationMonth  *month,
                                   GError                  **error)
{
  g_autofree char *label = NULL;

  if (month->drawn_by_sample == 0)
    return TRUE;
  label = ca_date_format_month (month->month);
  g_set_error (error, CA_MODERATION_STORE_ERROR, CA_MODERATION_STORE_ERROR_DRAWN,
               g_dngettext (GETTEXT_PACKAGE,
                            "The sample for %s was drawn already: %u audit is in it. Add or "
                            "remove audits by hand instead.",
                            "The sample for %s was drawn already: %u audits are in it. Add or "
                            "remove audits by hand instead.", month->drawn_by_sample),
               label, month->drawn_by_sample);
  return FALSE;
}

/* The latest Stage 2 tool version, which a moderation made now keeps (R-E2: each moderation
 * keeps the version it is made with), for the sample's draw and one added by hand alike; 0
 * with ERROR set when the database has none. */
static gint64
stage_2_version_now (CaDatabase  *database,
                     GError     **error)
{
  return ca_tool_store_find_version_of_kind (database, CA_TOOL_STAGE_2, CA_TOOL_KIND_MODERATION,
                                             0, NULL, error);
}

/* The one insert of a new moderation, drawn or added by hand: AUDIT_ID for MODERATOR_ID, due
 * DUE ("YYYY-MM-DD"), for REASON, in the sample of MONTH, keeping TOOL_VERSION_ID. The caller
 * records it in the history, as it was made. Returns its id, or 0 with ERROR set. */
static gint64
insert_moderation (CaDatabase  *database,
                   gint64       audit_id,
                   gint64       moderator_id,
                   const char  *due,
                   const char  *reason,
                   const char  *month,
                   gint64       tool_version_id,
                   GError     **error)
{
  g_autoptr(CaStatement) insert = NULL;
  gboolean has_row = FALSE;

  insert = ca_database_prepare (database,
                                "INSERT INTO moderation (audit_id, moderator_id, due_date, "
                                "  reason, sample_month, tool_version_id) "
                                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", error);
  if (insert == NULL)
    return 0;
  ca_statement_bind_int64 (insert, 1, audit_id);
  ca_statement_bind_int64 (insert, 2, moderator_id);
  ca_statement_bind_text (insert, 3, due);
  ca_statement_bind_text (insert, 4, reason);
  ca_statement_bind_text (insert, 5, month);
  ca_statement_bind_int64 (insert, 6, tool_version_id);
  if (!ca_statement_step (insert, &has_row, error))
    return 0;
  return ca_statement_get_int64 (insert, 0);
}

typedef struct
{
  const char               *month;
  const CaModerationSample *sample;
} SaveSample;

static gboolean
save_sample_in_transaction (CaDatabase  *database,
                            gpointer     user_data,
                            GError     **error)
{
  SaveSample *save = user_data;
  g_autoptr(CaModerationMonth) now = NULL;
  g_autofree char *due = ca_date_format (&save->sample->due);
  gint64 tool_version_id;

  /* Read again inside the transaction: another copy may have drawn the month meanwhile. */
  now = ca_moderation_store_load_month (database, save->month, error);
  if (now == NULL)
    return FALSE;
  if (!ca_moderation_month_check_undrawn (now, error))
    return FALSE;

  tool_version_id = stage_2_version_now (database, error);
  if (tool_version_id == 0)
    return FALSE;
  for (guint i = 0; i < save->sample->picks->len; i++)
    {
      const CaModerationPick *pick = save->sample->picks->pdata[i];
      gint64 id;

      if (pick->moderator == NULL)
        continue;
      id = insert_moderation (database, pick->candidate->audit_id, pick->moderator->id, due,
                              ca_moderation_reason_to_string (pick->reason), save->month,
                              tool_version_id, error);
      if (id == 0)
        return FALSE;
      if (!ca_database_record_change (database, NULL, "moderation", id, "created", NULL,
                                      ca_moderation_reason_to_string (pick->reason), error))
        return FALSE;
      ca_database_note_change (database, CA_CHANGE_MODERATION, id);
    }
  return TRUE;
}

/* What the draw of MONTH needs (core's CaModerationInput), borrowed from MONTH and
 * CALENDAR, with SEED and PERCENT of the others drawn at random. */
void
ca_moderation_month_fill_input (const CaModerationMonth  *month,
                                const CaHolidayCalendar  *calendar,
                                guint64                   seed,
                                guint                     percent,
                                CaModerationInput        *input)
{
  g_return_if_fail (month != NULL && input != NULL);

  *input = (CaModerationInput) {
    .month = month->month, .seed = seed, .percent = percent,
    .due_working_day = month->due_working_day, .calendar = calendar,
    .candidates = month->candidates, .moderators = month->moderators,
    .line_managers = month->line_managers, .last_moderated = month->last_moderated,
  };
}

/**
 * ca_moderation_store_save_sample:
 * @month: "YYYY-MM"
 * @sample: a draw of @month made from ca_moderation_store_load_month()
 *
 * Records every placed audit of @sample as a moderation waiting for its moderator, with
 * its reason, due day and the change history, all or nothing. Refused with
 * %CA_MODERATION_STORE_ERROR_DRAWN when the month was drawn already.
 */
gboolean
ca_moderation_store_save_sample (CaDatabase                *database,
                                 const char                *month,
                                 const CaModerationSample  *sample,
                                 GError                   **error)
{
  SaveSample save = { month, sample };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (month != NULL && sample != NULL, FALSE);

  return ca_database_transaction (database, save_sample_in_transaction, &save, error);
}

typedef struct
{
  gint64      audit_id;
  const char *moderator_ref;
  gint64      id;
} AddByHand;

/* The moderator MODERATOR_REF, if they moderate (Service Manager and above, the CPP) and
 * stand outside CANDIDATE's auditing and line management. */
static gboolean
find_moderator (CaDatabase             *database,
                CaModerationMonth      *month,
                CaModerationCandidate  *candidate,
                const char             *moderator_ref,
                CaModerator            *moderator,
                GError                **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  CaModerationInput input = { .line_managers = month->line_managers };

  stmt = ca_database_prepare (database,
                              "SELECT s.id, s.name, s.active, "
                              "  coalesce (s.moderation_capacity, r.moderation_capacity) "
                              "FROM staff s JOIN role r ON r.code = s.role_code "
                              "WHERE s.staff_ref = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, moderator_ref);
  if (!ca_statement_step_one (stmt, error, CA_MODERATION_STORE_ERROR,
                              CA_MODERATION_STORE_ERROR_REFUSED,
                              _("No one has the staff ID “%s”."), moderator_ref))
    return FALSE;
  moderator->id = ca_statement_get_int64 (stmt, 0);
  moderator->name = ca_statement_dup_text (stmt, 1);
  if (ca_statement_get_int64 (stmt, 2) == 0)
    return refuse (error, _("%s has left and cannot moderate."), moderator->name);
  if (ca_statement_is_null (stmt, 3))
    return refuse (error, _("%s does not moderate: moderators are Service Managers and above, "
                            "and the Centre for Professional Practice."), moderator->name);
  if (!ca_moderation_is_independent (&input, candidate, moderator))
    return refuse (error, _("%s cannot moderate the audit of case %s: they audited it, hold "
                            "the case, or manage its worker, and the second look must be "
                            "independent."), moderator->name, candidate->case_ref);
  return TRUE;
}

/* The moderation's due day: as its month's sample would have it, or, if that has passed,
 * as this month's sample will. */
static gboolean
due_by_hand (CaDatabase         *database,
             CaModerationMonth  *month,
             GDate              *due,
             GError            **error)
{
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_store_load_calendar (database, error);
  g_autofree char *this_month = NULL;
  GDate today;

  if (calendar == NULL ||
      !ca_moderation_due_date (calendar, month->month, month->due_working_day, due, error))
    return FALSE;
  ca_date_set_today (&today);
  if (g_date_compare (due, &today) >= 0)
    return TRUE;
  this_month = g_strdup_printf ("%04d-%02d", g_date_get_year (&today), g_date_get_month (&today));
  return ca_moderation_due_date (calendar, this_month, month->due_working_day, due, error);
}

static gboolean
add_by_hand_in_transaction (CaDatabase  *database,
                            gpointer     user_data,
                            GError     **error)
{
  AddByHand *add = user_data;
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(CaModerationMonth) month = g_new0 (CaModerationMonth, 1);
  g_autoptr(CaModerator) moderator = g_new0 (CaModerator, 1);
  CaModerationCandidate candidate = { 0, };
  g_autofree char *case_ref = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *now = ca_timestamp_now ();
  const char *status;
  gint64 tool_version_id;
  GDate due;

  stmt = ca_database_prepare (database,
                              "SELECT a.status, a.submitted_at, c.case_ref, a.auditor_id, "
                              "  c.allocated_worker_id, "
                              "  (SELECT count(*) FROM moderation m WHERE m.audit_id = a.id "
                              "   AND m.moderated_on IS NULL) "
                              "FROM audit a JOIN case_file c ON c.id = a.case_id "
                              "WHERE a.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, add->audit_id);
  if (!ca_statement_step_one (stmt, error, CA_MODERATION_STORE_ERROR,
                              CA_MODERATION_STORE_ERROR_REFUSED,
                              _("There is no audit number %" G_GINT64_FORMAT "."), add->audit_id))
    return FALSE;
  case_ref = ca_statement_dup_text (stmt, 2);
  status = ca_statement_get_text (stmt, 0);
  if (g_strcmp0 (status, "submitted") != 0 && g_strcmp0 (status, "closed") != 0)
    return refuse (error, _("The audit of case %s is still being written. It can be added to "
                            "the moderation sample once its auditor has submitted it."),
                   case_ref);
  if (ca_statement_get_int64 (stmt, 5) > 0)
    return refuse (error, _("The audit of case %s is already waiting for moderation."),
                   case_ref);

  candidate.audit_id = add->audit_id;
  candidate.case_ref = case_ref;
  candidate.auditor_id = ca_statement_get_int64 (stmt, 3);
  candidate.worker_id = ca_statement_is_null (stmt, 4) ? 0 : ca_statement_get_int64 (stmt, 4);
  month->month = ca_deadline_local_month (ca_statement_get_text (stmt, 1), NULL);
  month->line_managers = ca_line_managers_new ();
  month->last_moderated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (month->month == NULL)
    return refuse (error, _("The audit of case %s has no date of submission."), case_ref);

  if (!load_settings (database, month, error) || !load_people (database, month, error) ||
      !find_moderator (database, month, &candidate, add->moderator_ref, moderator, error) ||
      !due_by_hand (database, month, &due, error))
    return FALSE;

  due_text = ca_date_format (&due);
  tool_version_id = stage_2_version_now (database, error);
  if (tool_version_id == 0)
    return FALSE;
  add->id = insert_moderation (database, add->audit_id, moderator->id, due_text, "added",
                               month->month, tool_version_id, error);
  if (add->id == 0)
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_MODERATION, add->id);
  return ca_database_record_change (database, now, "moderation", add->id, "reason", NULL,
                                    "added", error);
}

/**
 * ca_moderation_store_add_by_hand:
 * @moderator_ref: the staff ID of who moderates it
 *
 * Adds audit @audit_id to the moderation sample by hand (R-H1), for @moderator_ref, due as
 * its month's sample is (or as this month's, if that day has passed). Refused with
 * %CA_MODERATION_STORE_ERROR_REFUSED and a message for the person when the audit is still a
 * draft or already waits for moderation, or the moderator does not moderate or is not
 * independent of it.
 *
 * Returns: the new moderation's id, or 0 with @error set
 */
gint64
ca_moderation_store_add_by_hand (CaDatabase  *database,
                                 gint64       audit_id,
                                 const char  *moderator_ref,
                                 GError     **error)
{
  AddByHand add = { audit_id, moderator_ref, 0 };

  g_return_val_if_fail (CA_IS_DATABASE (database), 0);
  g_return_val_if_fail (moderator_ref != NULL, 0);

  if (!ca_database_transaction (database, add_by_hand_in_transaction, &add, error))
    return 0;
  return add.id;
}

static gboolean
remove_by_hand_in_transaction (CaDatabase  *database,
                               gpointer     user_data,
                               GError     **error)
{
  gint64 id = *(gint64 *) user_data;
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(CaStatement) remove = NULL;
  g_autofree char *now = ca_timestamp_now ();
  const char *case_ref;

  stmt = ca_database_prepare (database,
                              "SELECT m.reason, m.moderated_on, c.case_ref, "
                              "  m.overall_grade IS NOT NULL OR m.learning IS NOT NULL OR "
                              "  m.further_actions IS NOT NULL OR m.differences IS NOT NULL OR "
                              "  EXISTS (SELECT 1 FROM moderation_section s "
                              "          WHERE s.moderation_id = m.id) OR "
                              "  EXISTS (SELECT 1 FROM action x WHERE x.moderation_id = m.id) "
                              "FROM moderation m JOIN audit a ON a.id = m.audit_id "
                              "JOIN case_file c ON c.id = a.case_id WHERE m.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, id);
  if (!ca_statement_step_one (stmt, error, CA_MODERATION_STORE_ERROR,
                              CA_MODERATION_STORE_ERROR_REFUSED,
                              _("There is no moderation number %" G_GINT64_FORMAT "."), id))
    return FALSE;
  case_ref = ca_statement_get_text (stmt, 2);
  if (!ca_statement_is_null (stmt, 1))
    return refuse (error, _("The moderation of case %s has been done and stays on record."),
                   case_ref);
  if (g_strcmp0 (ca_statement_get_text (stmt, 0), "added") != 0)
    return refuse (error, _("The audit of case %s was drawn for the sample, not added by hand, "
                            "and stays in it."), case_ref);
  /* What a moderator has written is never thrown away by taking the audit out. */
  if (ca_statement_get_int64 (stmt, 3) != 0)
    return refuse (error, _("The moderation of case %s has been started. Its moderator can "
                            "finish it; it cannot be taken out of the sample."), case_ref);

  remove = ca_database_prepare (database, "DELETE FROM moderation WHERE id = ?", error);
  if (remove == NULL)
    return FALSE;
  ca_statement_bind_int64 (remove, 1, id);
  if (!ca_statement_run (remove, error))
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_MODERATION, id);
  return ca_database_record_change (database, now, "moderation", id, "reason", "added", NULL,
                                    error);
}

/**
 * ca_moderation_store_remove_by_hand:
 *
 * Takes moderation @moderation_id, added by hand and not yet started, out of the sample.
 * Refused with %CA_MODERATION_STORE_ERROR_REFUSED for one drawn for the sample, one done,
 * or one a moderator has begun to write.
 */
gboolean
ca_moderation_store_remove_by_hand (CaDatabase  *database,
                                    gint64       moderation_id,
                                    GError     **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);

  return ca_database_transaction (database, remove_by_hand_in_transaction, &moderation_id,
                                  error);
}

/**
 * ca_moderation_store_list_queue:
 * @moderator_ref: (nullable): a moderator's staff ID, or %NULL for everyone's
 *
 * The moderations waiting (R-H2), by due day and then case reference.
 *
 * Returns: (transfer full) (element-type CaModerationQueueItem): the queue, or %NULL with
 *   @error set
 */
GPtrArray *
ca_moderation_store_list_queue (CaDatabase   *database,
                                const char   *moderator_ref,
                                GError      **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  stmt = ca_database_prepare (database,
                              "SELECT m.id, a.id, c.case_ref, s.staff_ref, s.name, "
                              "  mo.staff_ref, mo.name, sa.name, t.name, a.overall_grade, "
                              "  m.reason, m.due_date "
                              "FROM moderation m "
                              "JOIN audit a ON a.id = m.audit_id "
                              "JOIN case_file c ON c.id = a.case_id "
                              "JOIN team t ON t.id = c.team_id "
                              "JOIN service_area sa ON sa.id = t.service_area_id "
                              "JOIN staff s ON s.id = a.auditor_id "
                              "JOIN staff mo ON mo.id = m.moderator_id "
                              "WHERE m.moderated_on IS NULL "
                              "  AND (?1 IS NULL OR mo.staff_ref = ?1) "
                              "ORDER BY m.due_date IS NULL, m.due_date, c.case_ref, m.id", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_text (stmt, 1, moderator_ref);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_moderation_queue_item_free);
  while (ca_statement_next (stmt))
    {
      CaModerationQueueItem *item = g_new0 (CaModerationQueueItem, 1);

      item->id = ca_statement_get_int64 (stmt, 0);
      item->audit_id = ca_statement_get_int64 (stmt, 1);
      item->case_ref = ca_statement_dup_text (stmt, 2);
      item->auditor_ref = ca_statement_dup_text (stmt, 3);
      item->auditor_name = ca_statement_dup_text (stmt, 4);
      item->moderator_ref = ca_statement_dup_text (stmt, 5);
      item->moderator_name = ca_statement_dup_text (stmt, 6);
      item->service_area = ca_statement_dup_text (stmt, 7);
      item->team = ca_statement_dup_text (stmt, 8);
      item->overall_grade = ca_grade_from_string (ca_statement_get_text (stmt, 9));
      item->has_reason = ca_moderation_reason_from_string (ca_statement_get_text (stmt, 10),
                                                           &item->reason);
      g_date_clear (&item->due, 1);
      ca_date_parse (ca_statement_get_text (stmt, 11), &item->due);
      g_ptr_array_add (items, item);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&items);
}

/* SQL: the columns both agreement reads begin with (0 and 1: when the audit was submitted and
 * done, for its month; 2 to 4: the auditor's staff ID and name, the service area), each
 * followed by the auditor's grade and the moderator's (5 and 6), as agreement_pair_new()
 * reads them. */
#define AGREEMENT_COLUMNS "SELECT a.submitted_at, a.audit_date, s.staff_ref, s.name, sa.name, "

/* SQL: the joins from the audit, a, to its auditor, s, and its service area, sa. */
#define AGREEMENT_JOINS                                                                        \
  "JOIN staff s ON s.id = a.auditor_id "                                                       \
  "JOIN case_file c ON c.id = a.case_id "                                                      \
  "JOIN team t ON t.id = c.team_id "                                                           \
  "JOIN service_area sa ON sa.id = t.service_area_id "

/* The pair of grades in the columns both agreement reads begin with (2 to 6: the auditor's
 * staff ID and name, the service area, the auditor's grade and the moderator's) for an audit
 * submitted in MONTH; NULL when MONTH is not known or is outside FROM_MONTH to TO_MONTH. */
static CaAgreementPair *
agreement_pair_new (CaStatement *stmt,
                    const char  *month,
                    const char  *from_month,
                    const char  *to_month)
{
  CaAgreementPair *pair;

  if (month == NULL ||
      (from_month != NULL && strcmp (month, from_month) < 0) ||
      (to_month != NULL && strcmp (month, to_month) > 0))
    return NULL;
  pair = g_new0 (CaAgreementPair, 1);
  pair->month = g_strdup (month);
  pair->auditor_ref = ca_statement_dup_text (stmt, 2);
  pair->auditor_name = ca_statement_dup_text (stmt, 3);
  pair->service_area = ca_statement_dup_text (stmt, 4);
  pair->auditor_grade = ca_grade_from_string (ca_statement_get_text (stmt, 5));
  pair->moderator_grade = ca_grade_from_string (ca_statement_get_text (stmt, 6));
  return pair;
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
                              AGREEMENT_COLUMNS "a.overall_grade, m.overall_grade "
                              "FROM moderation m "
                              "JOIN audit a ON a.id = m.audit_id "
                              AGREEMENT_JOINS
                              "WHERE m.moderated_on IS NOT NULL AND m.overall_grade IS NOT NULL "
                              "  AND a.overall_grade IS NOT NULL "
                              "ORDER BY m.id", error);
  if (stmt == NULL)
    return NULL;

  pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_agreement_pair_free);
  while (ca_statement_next (stmt))
    {
      g_autofree char *month = ca_deadline_local_month (ca_statement_get_text (stmt, 0),
                                                 ca_statement_get_text (stmt, 1));
      CaAgreementPair *pair = agreement_pair_new (stmt, month, from_month, to_month);

      if (pair != NULL)
        g_ptr_array_add (pairs, pair);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&pairs);
}

/* A section of a tool version: its title and its place in the tool, counting from 1. */
typedef struct
{
  char  *title;
  guint  order;
} SectionPlace;

static void
section_place_free (SectionPlace *place)
{
  g_free (place->title);
  g_free (place);
}

/* The sections of tool version VERSION_ID by id (→ SectionPlace), read once per version. */
static GHashTable *
section_places (CaDatabase  *database,
                GHashTable  *by_version,
                gint64       version_id,
                GError     **error)
{
  GHashTable *places = g_hash_table_lookup (by_version, &version_id);
  g_autoptr(CaToolDefinition) definition = NULL;

  if (places != NULL)
    return places;
  definition = ca_tool_store_load_version (database, version_id, error);
  if (definition == NULL)
    return NULL;
  places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) section_place_free);
  for (guint i = 0; i < definition->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (definition->sections, i);
      SectionPlace *place = g_new0 (SectionPlace, 1);

      place->title = g_strdup (section->title);
      place->order = i + 1;
      g_hash_table_insert (places, g_strdup (section->id), place);
    }
  g_hash_table_insert (by_version, g_memdup2 (&version_id, sizeof version_id), places);
  return places;
}

/**
 * ca_moderation_store_list_section_pairs:
 *
 * As ca_moderation_store_list_agreement_pairs(), for the sections' grades: a pair for each
 * section of a moderated audit that both its auditor and its moderator graded, with the
 * section's title and place in its tool (R-H4, "on each section where both graded").
 *
 * Returns: (transfer full) (element-type CaAgreementPair): the pairs, or %NULL with @error set
 */
GPtrArray *
ca_moderation_store_list_section_pairs (CaDatabase   *database,
                                        const char   *from_month,
                                        const char   *to_month,
                                        GError      **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GHashTable) by_version = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                            (GDestroyNotify) g_hash_table_unref);
  g_autofree char *last_month = NULL;
  gint64 last_audit_id = 0;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  stmt = ca_database_prepare (database,
                              AGREEMENT_COLUMNS "aus.grade, ms.grade, ms.section_id, "
                              "  a.tool_version_id, a.id "
                              "FROM moderation m "
                              "JOIN moderation_section ms ON ms.moderation_id = m.id "
                              "JOIN audit_section aus ON aus.audit_id = m.audit_id "
                              "  AND aus.section_id = ms.section_id "
                              "JOIN audit a ON a.id = m.audit_id "
                              AGREEMENT_JOINS
                              "WHERE m.moderated_on IS NOT NULL AND ms.grade IS NOT NULL "
                              "  AND aus.grade IS NOT NULL "
                              "ORDER BY m.id, ms.section_id", error);
  if (stmt == NULL)
    return NULL;

  pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_agreement_pair_free);
  while (ca_statement_next (stmt))
    {
      gint64 audit_id = ca_statement_get_int64 (stmt, 9);
      const char *section = ca_statement_get_text (stmt, 7);
      const SectionPlace *place;
      GHashTable *places;
      CaAgreementPair *pair;

      /* An audit's sections come together: its month, in England's time, is worked out
       * once rather than for each section. */
      if (audit_id != last_audit_id)
        {
          g_free (last_month);
          last_audit_id = audit_id;
          last_month = ca_deadline_local_month (ca_statement_get_text (stmt, 0),
                                                ca_statement_get_text (stmt, 1));
        }
      pair = agreement_pair_new (stmt, last_month, from_month, to_month);
      if (pair == NULL)
        continue;
      places = section_places (database, by_version, ca_statement_get_int64 (stmt, 8), error);
      if (places == NULL)
        {
          ca_agreement_pair_free (pair);
          return NULL;
        }
      place = g_hash_table_lookup (places, section);
      pair->section = g_strdup (section);
      /* A section its tool no longer has comes last, by its id. */
      pair->section_title = g_strdup (place != NULL ? place->title : section);
      pair->section_order = place != NULL ? place->order : G_MAXUINT;
      g_ptr_array_add (pairs, pair);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&pairs);
}

static gpointer
list_every_section_pair (CaDatabase  *database,
                         GError     **error)
{
  return ca_moderation_store_list_section_pairs (database, NULL, NULL, error);
}

/* Every section's pair, read on the database's worker: for the window. */
void
ca_moderation_store_list_section_pairs_async (CaDatabase          *database,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  ca_store_list_async (database, list_every_section_pair,
                       (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

static GPtrArray *
list_everyones_queue (CaDatabase  *database,
                      GError     **error)
{
  return ca_moderation_store_list_queue (database, NULL, error);
}

/* Everyone's queue, read on the database's worker: for the window. */
void
ca_moderation_store_list_queue_async (CaDatabase          *database,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  ca_store_list_async (database, (CaStoreListFunc) list_everyones_queue,
                       (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/* Returns: (transfer full) (element-type CaModerationQueueItem): the queue, or %NULL with
 *   @error set */
GPtrArray *
ca_moderation_store_list_queue_finish (GAsyncResult  *result,
                                       GError       **error)
{
  return ca_store_load_finish (result, error);
}

static GPtrArray *
list_every_pair (CaDatabase  *database,
                 GError     **error)
{
  return ca_moderation_store_list_agreement_pairs (database, NULL, NULL, error);
}

/* Every agreement pair, read on the database's worker: for the window. */
void
ca_moderation_store_list_agreement_pairs_async (CaDatabase          *database,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  ca_store_list_async (database, (CaStoreListFunc) list_every_pair,
                       (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/* Returns: (transfer full) (element-type CaAgreementPair): the pairs, or %NULL with @error
 *   set */
GPtrArray *
ca_moderation_store_list_agreement_pairs_finish (GAsyncResult  *result,
                                                 GError       **error)
{
  return ca_store_load_finish (result, error);
}
