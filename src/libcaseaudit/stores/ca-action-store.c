// SPDX-License-Identifier: GPL-3.0-or-later
// An audit's actions after submission (R-I2, seed 02): each marked done (the day, by whom,
// the evidence) and signed off by the allocated worker's line manager, as the database holds
// them: the only place with their SQL. The rules are core's (ca-action-rules.c), asked inside
// the write's transaction, so what they judge is what is written; each field changed goes
// into the action's change history.

#define G_LOG_DOMAIN "ca-action-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-action-rows.h"
#include "ca-action-store.h"
#include "ca-store-staff.h"
#include "ca-database-changes.h"
#include "ca-database-worker.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"

G_DEFINE_QUARK (ca-action-store-error-quark, ca_action_store_error)

void
ca_action_progress_free (CaActionProgress *progress)
{
  if (progress == NULL)
    return;
  g_free (progress->case_ref);
  g_free (progress->description);
  g_free (progress->owner);
  g_free (progress->due_date);
  g_free (progress->completed_on);
  g_free (progress->completed_by_ref);
  g_free (progress->completed_by);
  g_free (progress->evidence);
  g_free (progress->signed_off_on);
  g_free (progress->signed_off_by_ref);
  g_free (progress->signed_off_by);
  g_free (progress->submitted_on);
  g_free (progress->worker);
  g_free (progress->line_manager_ref);
  g_free (progress->line_manager);
  g_free (progress);
}

void
ca_action_progress_get_facts (const CaActionProgress *progress,
                              CaActionFacts          *facts)
{
  g_return_if_fail (progress != NULL && facts != NULL);

  *facts = (CaActionFacts) {
    .submitted_on = progress->submitted_on,
    .due_date = progress->due_date,
    .completed_on = progress->completed_on,
    .signed_off_on = progress->signed_off_on,
    .worker = progress->worker,
    .line_manager_ref = progress->line_manager_ref,
    .line_manager = progress->line_manager,
    .line_manager_left = progress->line_manager_left,
  };
}

/* An action with its audit, case, people and place among its audit's actions; the WHERE
 * clause follows. */
#define SELECT_PROGRESS                                                                      \
  "SELECT x.id, x.audit_id, c.case_ref, "                                                    \
  "  (SELECT count(*) FROM action y WHERE y.audit_id = x.audit_id AND y.id <= x.id "          \
  "   AND " CA_ACTION_ROWS_LIVE ("y") "), "                                                    \
  "  x.description, o.name, x.due_date, x.safeguarding, "                                    \
  "  x.completed_on, cb.staff_ref, cb.name, x.evidence, "                                    \
  "  x.signed_off_on, sb.staff_ref, sb.name, "                                               \
  "  a.status IN ('submitted', 'closed'), coalesce (a.submitted_at, a.audit_date), "         \
  "  w.name, lm.staff_ref, lm.name, lm.active "                                              \
  "FROM action x "                                                                           \
  "JOIN audit a ON a.id = x.audit_id "                                                       \
  "JOIN case_file c ON c.id = a.case_id "                                                    \
  "LEFT JOIN staff o ON o.id = x.owner_id "                                                  \
  "LEFT JOIN staff cb ON cb.id = x.completed_by "                                            \
  "LEFT JOIN staff sb ON sb.id = x.signed_off_by "                                           \
  "LEFT JOIN staff w ON w.id = c.allocated_worker_id "                                       \
  "LEFT JOIN staff lm ON lm.id = w.line_manager_id "

static CaActionProgress *
read_progress (CaStatement *stmt,
               const GDate *today)
{
  CaActionProgress *progress = g_new0 (CaActionProgress, 1);
  CaActionFacts facts;
  GDate day;

  progress->id = ca_statement_get_int64 (stmt, 0);
  progress->audit_id = ca_statement_get_int64 (stmt, 1);
  progress->case_ref = ca_statement_dup_text (stmt, 2);
  progress->number = (guint) ca_statement_get_int64 (stmt, 3);
  progress->description = ca_statement_dup_text (stmt, 4);
  progress->owner = ca_statement_dup_text (stmt, 5);
  progress->due_date = ca_statement_dup_text (stmt, 6);
  progress->safeguarding = ca_statement_get_int64 (stmt, 7) != 0;
  progress->completed_on = ca_statement_dup_text (stmt, 8);
  progress->completed_by_ref = ca_statement_dup_text (stmt, 9);
  progress->completed_by = ca_statement_dup_text (stmt, 10);
  progress->evidence = ca_statement_dup_text (stmt, 11);
  progress->signed_off_on = ca_statement_dup_text (stmt, 12);
  progress->signed_off_by_ref = ca_statement_dup_text (stmt, 13);
  progress->signed_off_by = ca_statement_dup_text (stmt, 14);
  /* Submitted (or closed): its day in England, from the moment or the audit's date. */
  if (ca_statement_get_int64 (stmt, 15) != 0 &&
      ca_deadline_parse_day (ca_statement_get_text (stmt, 16), &day))
    progress->submitted_on = ca_date_format (&day);
  progress->worker = ca_statement_dup_text (stmt, 17);
  progress->line_manager_ref = ca_statement_dup_text (stmt, 18);
  progress->line_manager = ca_statement_dup_text (stmt, 19);
  progress->line_manager_left = !ca_statement_is_null (stmt, 20) &&
                                ca_statement_get_int64 (stmt, 20) == 0;

  ca_action_progress_get_facts (progress, &facts);
  progress->overdue = ca_action_rules_is_overdue (&facts, today);
  return progress;
}

/**
 * ca_action_store_load:
 * @today: the day the action is overdue or not on
 *
 * One action and where it stands.
 *
 * Returns: (transfer full): the action, or %NULL with @error set
 */
CaActionProgress *
ca_action_store_load (CaDatabase   *database,
                      gint64        action_id,
                      const GDate  *today,
                      GError      **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  stmt = ca_database_prepare (database, SELECT_PROGRESS "WHERE x.id = ?", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, action_id);
  if (!ca_statement_step_one (stmt, error, CA_ACTION_STORE_ERROR,
                              CA_ACTION_STORE_ERROR_NOT_FOUND,
                              _("There is no action number %" G_GINT64_FORMAT "."), action_id))
    return NULL;
  return read_progress (stmt, today);
}

/**
 * ca_action_store_list_for_audit:
 * @today: the day actions are overdue or not on
 *
 * The actions of @audit_id, in the audit's order, and where each stands.
 *
 * Returns: (transfer full) (element-type CaActionProgress): the actions (none for an audit
 *   that has none, or no such audit), or %NULL with @error set
 */
GPtrArray *
ca_action_store_list_for_audit (CaDatabase   *database,
                                gint64        audit_id,
                                const GDate  *today,
                                GError      **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) actions = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  stmt = ca_database_prepare (database, SELECT_PROGRESS "WHERE x.audit_id = ? AND "
                              CA_ACTION_ROWS_LIVE ("x") " ORDER BY x.id",
                              error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  actions = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_action_progress_free);
  while (ca_statement_next (stmt))
    g_ptr_array_add (actions, read_progress (stmt, today));
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&actions);
}

/* A staff ID as given, without the blanks around it; NULL for none. */
static char *
tidy (const char *text)
{
  char *tidied = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*tidied == '\0')
    g_clear_pointer (&tidied, g_free);
  return tidied;
}

typedef struct
{
  gint64       action_id;
  const char  *by_ref;
  const GDate *on;
  const char  *evidence;   /* NULL: a sign-off */
  const GDate *today;
} Record;

/* What both steps (done, signed off) start from, inside their transaction: the action
 * RECORD names as it is now, with its FACTS for core's rules, and who records the step
 * (STAFF_ID, and BY_NAME when asked for), left 0 and NULL when BY_REF is NULL, which the
 * rules refuse. NULL with ERROR set when the action or the staff ID is not in the database. */
static CaActionProgress *
load_step (CaDatabase     *database,
           const Record   *record,
           const char     *by_ref,
           gint64         *staff_id,
           char          **by_name,
           CaActionFacts  *facts,
           GError        **error)
{
  g_autoptr(CaActionProgress) progress = NULL;

  progress = ca_action_store_load (database, record->action_id, record->today, error);
  if (progress == NULL)
    return NULL;
  if (by_ref != NULL &&
      (*staff_id = ca_store_find_staff (database, by_ref, by_name, CA_ACTION_STORE_ERROR,
                                        CA_ACTION_STORE_ERROR_NOT_FOUND, error)) == 0)
    return NULL;
  ca_action_progress_get_facts (progress, facts);
  return g_steal_pointer (&progress);
}

/* Writes a step's day ON and who (STAFF_ID) into the action's columns ON_COLUMN and
 * BY_COLUMN, each with its line in the change history. */
static gboolean
write_step (CaDatabase              *database,
            const CaActionProgress  *progress,
            const char              *on_column,
            const GDate             *on,
            const char              *by_column,
            gint64                   staff_id,
            GError                 **error)
{
  g_autofree char *day = ca_date_format (on);
  g_autofree char *by_id = g_strdup_printf ("%" G_GINT64_FORMAT, staff_id);

  return ca_database_update_tracked (database, "action", progress->id, on_column, day,
                                     error) &&
         ca_database_update_tracked (database, "action", progress->id, by_column, by_id,
                                     error);
}

static gboolean
done_in_transaction (CaDatabase  *database,
                     gpointer     user_data,
                     GError     **error)
{
  Record *record = user_data;
  g_autoptr(CaActionProgress) progress = NULL;
  g_autofree char *by_ref = tidy (record->by_ref);
  g_autofree char *evidence = g_strstrip (g_strdup (record->evidence));
  CaActionFacts facts;
  gint64 staff_id = 0;

  progress = load_step (database, record, by_ref, &staff_id, NULL, &facts, error);
  if (progress == NULL ||
      !ca_action_rules_check_done (&facts, by_ref, record->on, evidence, record->today, error))
    return FALSE;
  if (!write_step (database, progress, "completed_on", record->on, "completed_by", staff_id,
                   error) ||
      !ca_database_update_tracked (database, "action", progress->id, "evidence", evidence,
                                   error))
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_AUDIT, progress->audit_id);
  return TRUE;
}

/**
 * ca_action_store_mark_done:
 * @by_ref: the staff ID of the person who marks it done
 * @on: the day it was done
 * @evidence: what shows it is done
 * @today: the day it is now, in England
 *
 * Marks @action_id done (seed 02), with the change history: refused, with nothing written,
 * as core's ca_action_rules_check_done() says (a %CA_ACTION_RULES_ERROR), or for a staff ID
 * or an action the database does not have.
 */
gboolean
ca_action_store_mark_done (CaDatabase   *database,
                           gint64        action_id,
                           const char   *by_ref,
                           const GDate  *on,
                           const char   *evidence,
                           const GDate  *today,
                           GError      **error)
{
  Record record = { action_id, by_ref, on, evidence != NULL ? evidence : "", today };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  return ca_database_transaction (database, done_in_transaction, &record, error);
}

static gboolean
sign_off_in_transaction (CaDatabase  *database,
                         gpointer     user_data,
                         GError     **error)
{
  Record *record = user_data;
  g_autoptr(CaActionProgress) progress = NULL;
  g_autofree char *by_ref = tidy (record->by_ref);
  g_autofree char *by_name = NULL;
  CaActionFacts facts;
  gint64 staff_id = 0;

  progress = load_step (database, record, by_ref, &staff_id, &by_name, &facts, error);
  if (progress == NULL ||
      !ca_action_rules_check_sign_off (&facts, by_ref, by_name, record->on, record->today,
                                       error))
    return FALSE;
  if (!write_step (database, progress, "signed_off_on", record->on, "signed_off_by", staff_id,
                   error))
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_AUDIT, progress->audit_id);
  return TRUE;
}

/**
 * ca_action_store_sign_off:
 * @by_ref: the staff ID of the person signing it off
 * @on: the day of the sign-off
 * @today: the day it is now, in England
 *
 * Signs off @action_id (seed 02), with the change history: refused, with nothing written,
 * as core's ca_action_rules_check_sign_off() says (a %CA_ACTION_RULES_ERROR: not done, not
 * the allocated worker's line manager, a day out of bounds, twice), or for a staff ID or an
 * action the database does not have.
 */
gboolean
ca_action_store_sign_off (CaDatabase   *database,
                          gint64        action_id,
                          const char   *by_ref,
                          const GDate  *on,
                          const GDate  *today,
                          GError      **error)
{
  Record record = { action_id, by_ref, on, NULL, today };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  return ca_database_transaction (database, sign_off_in_transaction, &record, error);
}

/* The window's read, on the database's worker; its writes go through ca_view_write(). */

typedef struct
{
  gint64 audit_id;
  GDate  today;
} ListFor;

static gboolean
list_job (CaDatabase    *connection,
          gpointer       data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  ListFor *list_for = data;

  *result = ca_action_store_list_for_audit (connection, list_for->audit_id, &list_for->today,
                                            error);
  return *result != NULL;
}

/* ca_action_store_list_for_audit() on the database's worker. */
void
ca_action_store_list_for_audit_async (CaDatabase          *database,
                                      gint64               audit_id,
                                      const GDate         *today,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  ListFor *list_for;

  g_return_if_fail (today != NULL && g_date_valid (today));

  list_for = g_new0 (ListFor, 1);
  list_for->audit_id = audit_id;
  list_for->today = *today;
  ca_database_run_async (database, list_job, list_for, g_free,
                         (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/* Returns: (transfer full) (element-type CaActionProgress): the actions, or %NULL with
 * @error set */
GPtrArray *
ca_action_store_list_for_audit_finish (GAsyncResult  *result,
                                       GError       **error)
{
  gpointer actions = NULL;

  if (!ca_database_run_finish (result, &actions, error))
    return NULL;
  return actions;
}
