// SPDX-License-Identifier: GPL-3.0-or-later
// R-F7: who must be told at once of a Category 1–2 audit, and whether someone has marked
// that e-mail as sent. The only place with the notification's SQL.

#define G_LOG_DOMAIN "ca-notification-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-notification-store.h"
#include "core/ca-date.h"

/* Line-management chains are short; the limit only stops a loop in bad data. */
#define MAX_CHAIN 20

G_DEFINE_QUARK (ca-notification-store-error-quark, ca_notification_store_error)

void
ca_notification_recipient_free (CaNotificationRecipient *recipient)
{
  if (recipient == NULL)
    return;
  g_free (recipient->name);
  g_free (recipient->email);
  g_free (recipient);
}

void
ca_notification_status_free (CaNotificationStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->sent_at);
  g_free (status->case_ref);
  g_free (status->team);
  g_clear_pointer (&status->recipients, g_ptr_array_unref);
  g_free (status);
}

gboolean
ca_notification_status_has_role (const CaNotificationStatus *status,
                                 CaNotificationRole          role)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; i < status->recipients->len; i++)
    if (((CaNotificationRecipient *) g_ptr_array_index (status->recipients, i))->role == role)
      return TRUE;
  return FALSE;
}

static gboolean
has_staff (GPtrArray *recipients,
           gint64     staff_id)
{
  for (guint i = 0; i < recipients->len; i++)
    if (((CaNotificationRecipient *) g_ptr_array_index (recipients, i))->staff_id == staff_id)
      return TRUE;
  return FALSE;
}

/* Only a submitted (or since closed) audit in Category 1 or 2 needs the e-mail. */
static gboolean
notification_needed (const char *audit_status,
                     gint64      category)
{
  return (g_strcmp0 (audit_status, "submitted") == 0 ||
          g_strcmp0 (audit_status, "closed") == 0) &&
         (category == 1 || category == 2);
}

/* SQL over the audit table with the audit's id as its one parameter, stepped to the
 * audit's row: NULL with the store's "no such audit" error when there is none. */
static CaStatement *
select_audit (CaDatabase  *database,
              const char  *sql,
              gint64       audit_id,
              GError     **error)
{
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, sql, error);

  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (!ca_statement_step_one (stmt, error, CA_NOTIFICATION_STORE_ERROR,
                              CA_NOTIFICATION_STORE_ERROR_NOT_FOUND,
                              _("There is no audit number %" G_GINT64_FORMAT "."), audit_id))
    return NULL;
  return g_steal_pointer (&stmt);
}

static CaNotificationRecipient *
recipient_from_row (CaStatement        *stmt,
                    CaNotificationRole  role)
{
  CaNotificationRecipient *recipient = g_new0 (CaNotificationRecipient, 1);
  char *email = ca_statement_dup_text (stmt, 2);

  recipient->role = role;
  recipient->staff_id = ca_statement_get_int64 (stmt, 0);
  recipient->name = ca_statement_dup_text (stmt, 1);
  if (email != NULL && *g_strstrip (email) == '\0')
    g_clear_pointer (&email, g_free);
  recipient->email = email;
  return recipient;
}

/* Adds the nearest active Service Manager above STAFF_ID, unless already there. */
static gboolean
add_service_manager_above (CaDatabase  *database,
                           gint64       staff_id,
                           GPtrArray   *recipients,
                           GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database,
                              "WITH RECURSIVE chain (id, depth) AS ("
                              "  SELECT line_manager_id, 1 FROM staff WHERE id = ?"
                              "  UNION ALL"
                              "  SELECT s.line_manager_id, chain.depth + 1"
                              "  FROM staff s JOIN chain ON s.id = chain.id"
                              "  WHERE chain.depth < ?) "
                              "SELECT s.id, s.name, s.email FROM chain "
                              "JOIN staff s ON s.id = chain.id "
                              "WHERE s.role_code = 'service-manager' AND s.active = 1 "
                              "ORDER BY chain.depth LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, staff_id);
  ca_statement_bind_int64 (stmt, 2, MAX_CHAIN);
  if (!ca_statement_step (stmt, &has_row, error))
    return FALSE;
  if (has_row && !has_staff (recipients, ca_statement_get_int64 (stmt, 0)))
    g_ptr_array_add (recipients,
                     recipient_from_row (stmt, CA_NOTIFICATION_ROLE_SERVICE_MANAGER));
  return TRUE;
}

CaNotificationStatus *
ca_notification_store_load (CaDatabase  *database,
                            gint64       audit_id,
                            GError     **error)
{
  g_autoptr(CaNotificationStatus) status = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(CaStatement) managers = NULL;
  g_autofree char *audit_status = NULL;
  gint64 team_id, worker_id;
  guint n_team_managers;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = select_audit (database,
                       "SELECT a.status, a.category, a.notification_sent_at, c.team_id, "
                       "t.name, c.allocated_worker_id, c.case_ref FROM audit a "
                       "JOIN case_file c ON c.id = a.case_id "
                       "JOIN team t ON t.id = c.team_id WHERE a.id = ?", audit_id, error);
  if (stmt == NULL)
    return NULL;

  status = g_new0 (CaNotificationStatus, 1);
  status->audit_id = audit_id;
  status->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_notification_recipient_free);
  audit_status = ca_statement_dup_text (stmt, 0);
  status->category = (int) ca_statement_get_int64 (stmt, 1);
  status->needed = notification_needed (audit_status, status->category);
  status->sent_at = ca_statement_dup_text (stmt, 2);
  team_id = ca_statement_get_int64 (stmt, 3);
  status->team = ca_statement_dup_text (stmt, 4);
  worker_id = ca_statement_get_int64 (stmt, 5);
  status->case_ref = ca_statement_dup_text (stmt, 6);

  managers = ca_database_prepare (database,
                                  "SELECT id, name, email FROM staff WHERE team_id = ? "
                                  "AND role_code = 'team-manager' AND active = 1 "
                                  "ORDER BY name, id", error);
  if (managers == NULL)
    return NULL;
  ca_statement_bind_int64 (managers, 1, team_id);
  while (ca_statement_next (managers))
    {
      g_ptr_array_add (status->recipients,
                       recipient_from_row (managers, CA_NOTIFICATION_ROLE_TEAM_MANAGER));
    }
  if (!ca_statement_check (managers, error))
    return NULL;

  n_team_managers = status->recipients->len;
  for (guint i = 0; i < n_team_managers; i++)
    {
      CaNotificationRecipient *manager = g_ptr_array_index (status->recipients, i);

      if (!add_service_manager_above (database, manager->staff_id, status->recipients, error))
        return NULL;
    }
  if (n_team_managers == 0 && worker_id != 0 &&
      !add_service_manager_above (database, worker_id, status->recipients, error))
    return NULL;

  return g_steal_pointer (&status);
}

/* Inside a transaction: fails unless the audit needs the notification; *SENT_AT gets the
 * time it was marked sent, if it was. */
static gboolean
check_needed (CaDatabase  *database,
              gint64       audit_id,
              char       **sent_at,
              GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autofree char *status = NULL;

  stmt = select_audit (database,
                       "SELECT status, category, notification_sent_at FROM audit WHERE id = ?",
                       audit_id, error);
  if (stmt == NULL)
    return FALSE;
  status = ca_statement_dup_text (stmt, 0);
  if (!notification_needed (status, ca_statement_get_int64 (stmt, 1)))
    {
      g_set_error (error, CA_NOTIFICATION_STORE_ERROR, CA_NOTIFICATION_STORE_ERROR_NOT_NEEDED,
                   _("Audit %" G_GINT64_FORMAT " needs no e-mail to the managers: only a "
                     "submitted audit in Category 1 or 2 does."), audit_id);
      return FALSE;
    }
  *sent_at = ca_statement_dup_text (stmt, 2);
  return TRUE;
}

/* In one transaction: sets when the e-mail was sent to STAMP, or to none with NULL, for an
 * audit that needs the e-mail. Marking sent again keeps the time first recorded. */
static gboolean
set_sent_at (CaDatabase  *database,
             gint64       audit_id,
             const char  *stamp,
             GError     **error)
{
  g_autofree char *before = NULL;

  if (!ca_database_begin (database, error))
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_NOTIFICATION, audit_id);
  ca_database_note_change (database, CA_CHANGE_AUDIT, audit_id);
  /* A commit that fails (its change notes refused, the disk full) is rolled back too, or the
   * transaction would stay open and swallow the next write. */
  if (!check_needed (database, audit_id, &before, error) ||
      ((stamp == NULL || before == NULL) &&
       !ca_database_update_tracked (database, "audit", audit_id, "notification_sent_at", stamp,
                                    error)) ||
      !ca_database_commit (database, error))
    {
      ca_database_rollback (database);
      return FALSE;
    }
  return TRUE;
}

gboolean
ca_notification_store_mark_sent (CaDatabase  *database,
                                 gint64       audit_id,
                                 GDateTime   *sent_at,
                                 GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sent_at == NULL)
    sent_at = now = g_date_time_new_now_utc ();
  stamp = ca_timestamp_from_date_time (sent_at);
  return set_sent_at (database, audit_id, stamp, error);
}

gboolean
ca_notification_store_mark_not_sent (CaDatabase  *database,
                                     gint64       audit_id,
                                     GError     **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_sent_at (database, audit_id, NULL, error);
}

GArray *
ca_notification_store_list_unsent (CaDatabase  *database,
                                   GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ca_database_prepare (database,
                              "SELECT id FROM audit WHERE status IN ('submitted', 'closed') "
                              "AND category IN (1, 2) AND notification_sent_at IS NULL "
                              "ORDER BY submitted_at, id", error);
  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (ca_statement_next (stmt))
    {
      gint64 id;

      id = ca_statement_get_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&ids);
}
