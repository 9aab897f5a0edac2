// SPDX-License-Identifier: GPL-3.0-or-later
// R-A3 / R-D3: auditors' audits a month, by role and by person (leave, part-time, vacancies); R-H2: moderators' own moderations a month.

#define G_LOG_DOMAIN "ca-capacity-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-capacity-store.h"
#include "ca-role-capacity-private.h"
#include "core/ca-date.h"

G_DEFINE_QUARK (ca-capacity-store-error-quark, ca_capacity_store_error)

static gboolean
check_capacity (guint    capacity,
                GError **error)
{
  if (capacity <= CA_CAPACITY_MAX)
    return TRUE;
  g_set_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_INVALID,
               _("%u is too many: nobody can take more than %u audits a month."),
               capacity, (guint) CA_CAPACITY_MAX);
  return FALSE;
}

/* The one-number form of the merge rule of core/ca-merge.h: STORED_TEXT (what is stored now)
 * may be overwritten with NEW_TEXT when it is still SHOWN, the number the caller showed, or
 * already NEW_TEXT; otherwise another copy changed it meanwhile, and the person chooses. */
static gboolean
check_unchanged (const char  *stored_text,
                 gint         shown,
                 const char  *new_text,
                 gint        *stored,
                 GError     **error)
{
  g_autofree char *shown_text = shown >= 0 ? g_strdup_printf ("%d", shown) : NULL;
  gint64 now = stored_text != NULL ? g_ascii_strtoll (stored_text, NULL, 10) : CA_CAPACITY_NONE;

  if (stored != NULL)
    *stored = (gint) now;
  if (g_strcmp0 (stored_text, shown_text) == 0 || g_strcmp0 (stored_text, new_text) == 0)
    return TRUE;
  if (now == CA_CAPACITY_NONE)
    g_set_error_literal (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_CHANGED,
                         _("This number was changed in another window, or another copy of "
                           "Case Audit, while you were changing it here: it now follows the "
                           "role’s number."));
  else
    g_set_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_CHANGED,
                 _("This number was changed in another window, or another copy of Case Audit, "
                   "while you were changing it here: it is now %" G_GINT64_FORMAT "."), now);
  return FALSE;
}

/* NULL for no number, so the history shows "none" as a missing value. */
static char *
number_or_null (CaStatement *stmt,
                int          column)
{
  if (ca_statement_is_null (stmt, column))
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT, ca_statement_get_int64 (stmt, column));
}

/**
 * ca_capacity_store_list_roles:
 *
 * Every role with a quota and its audits a month. A role with a quota but no number (only
 * possible by editing the file) shows 0: nobody in it takes an audit.
 */
GListModel *
ca_capacity_store_list_roles (CaDatabase  *db,
                              GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GListStore) list = NULL;
  gboolean has_row = FALSE;
  gboolean ok;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ca_database_prepare (db,
                              "SELECT code, name, COALESCE (monthly_capacity, 0) FROM role "
                              "WHERE quota IS NOT NULL ORDER BY rank, name", error);
  if (stmt == NULL)
    return NULL;
  list = g_list_store_new (CA_TYPE_ROLE_CAPACITY);
  while ((ok = ca_statement_step (stmt, &has_row, error)) && has_row)
    {
      g_autoptr(CaRoleCapacity) role = NULL;

      role = ca_role_capacity_new (ca_statement_get_text (stmt, 0),
                                   ca_statement_get_text (stmt, 1),
                                   (guint) CLAMP (ca_statement_get_int64 (stmt, 2), 0,
                                                  CA_CAPACITY_MAX));
      g_list_store_append (list, role);
    }
  if (!ok)
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* One number to change: a role's or a person's. The two are read, checked, written and put
 * in the history the same way; what differs is which row, and the messages. */
typedef struct
{
  const char *select_sql;     /* the row's quota and monthly_capacity, by its key */
  const char *update_sql;     /* sets its monthly_capacity (first parameter) by its key */
  const char *key_text;       /* the key, when it is text (a role's code) */
  gint64      key_id;         /* otherwise the key as a number (a person's id) */
  const char *not_found;      /* the message when the row is gone */
  const char *not_auditor;    /* the message when the row's role has no quota */
  gboolean    none_is_zero;   /* no number stored counts, and is shown, as 0 */
  gint64      changed_id;     /* for ca_database_note_change() */
  const char *entity;         /* the history's entity, id and field */
  gint64      entity_id;
  const char *field;
  gint        shown;
  gboolean    has_capacity;   /* FALSE: take the number away */
  guint       capacity;
  gint       *stored;
} CapacityChange;

static void
capacity_change_bind_key (const CapacityChange *change,
                          CaStatement          *stmt,
                          int                   index)
{
  if (change->key_text != NULL)
    ca_statement_bind_text (stmt, index, change->key_text);
  else
    ca_statement_bind_int64 (stmt, index, change->key_id);
}

static gboolean
set_capacity_in_transaction (CaDatabase  *db,
                             gpointer     user_data,
                             GError     **error)
{
  const CapacityChange *change = user_data;
  g_autoptr(CaStatement) old = NULL;
  g_autoptr(CaStatement) put = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *now = NULL;

  old = ca_database_prepare (db, change->select_sql, error);
  if (old == NULL)
    return FALSE;
  capacity_change_bind_key (change, old, 1);
  if (!ca_statement_step_one (old, error, CA_CAPACITY_STORE_ERROR,
                              CA_CAPACITY_STORE_ERROR_NOT_FOUND, "%s", change->not_found))
    return FALSE;
  /* A number would make someone audit whose role does not. */
  if (change->has_capacity && ca_statement_is_null (old, 0))
    {
      g_set_error_literal (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_NOT_AUDITOR,
                           change->not_auditor);
      return FALSE;
    }
  old_text = number_or_null (old, 1);
  new_text = change->has_capacity ? g_strdup_printf ("%u", change->capacity) : NULL;
  if (!check_unchanged (old_text == NULL && change->none_is_zero ? "0" : old_text,
                        change->shown, new_text, change->stored, error))
    return FALSE;
  if (g_strcmp0 (old_text, new_text) == 0)
    return TRUE;
  if (change->stored != NULL)
    *change->stored = change->has_capacity ? (gint) change->capacity : CA_CAPACITY_NONE;

  ca_database_note_change (db, CA_CHANGE_CAPACITY, change->changed_id);
  put = ca_database_prepare (db, change->update_sql, error);
  if (put == NULL)
    return FALSE;
  if (change->has_capacity)
    ca_statement_bind_int64 (put, 1, change->capacity);
  else
    ca_statement_bind_null (put, 1);
  capacity_change_bind_key (change, put, 2);
  if (!ca_statement_run (put, error))
    return FALSE;

  now = ca_timestamp_now ();
  return ca_database_record_change (db, now, change->entity, change->entity_id, change->field,
                                    old_text, new_text, error);
}

/* Changes CHANGE's number to CAPACITY (to none without HAS_CAPACITY) if it is still SHOWN,
 * in one transaction; see check_unchanged() for SHOWN and STORED. */
static gboolean
set_capacity (CaDatabase      *db,
              CapacityChange  *change,
              gint             shown,
              gboolean         has_capacity,
              guint            capacity,
              gint            *stored,
              GError         **error)
{
  change->shown = shown;
  change->has_capacity = has_capacity;
  change->capacity = capacity;
  change->stored = stored;
  return ca_database_transaction (db, set_capacity_in_transaction, change, error);
}

/**
 * ca_capacity_store_set_role:
 * @shown: the number the caller showed for the role
 * @stored: (out) (optional): the number stored after, or the other copy's number with
 *   %CA_CAPACITY_STORE_ERROR_CHANGED
 *
 * Gives every person of ROLE_CODE without their own number CAPACITY audits a month, in one
 * transaction with its line in the change history. Only a role with a quota can have one.
 */
gboolean
ca_capacity_store_set_role (CaDatabase  *db,
                            const char  *role_code,
                            gint         shown,
                            guint        capacity,
                            gint        *stored,
                            GError     **error)
{
  g_autofree char *not_found = NULL;
  g_autofree char *field = NULL;
  CapacityChange change = {
    .select_sql = "SELECT quota, monthly_capacity FROM role WHERE code = ?",
    .update_sql = "UPDATE role SET monthly_capacity = ? WHERE code = ?",
    .key_text = role_code,
    .not_auditor = _("This role has no audit quota, so its people do not audit."),
    /* A role with a quota but no number counts, and is shown, as 0. */
    .none_is_zero = TRUE,
    .changed_id = CA_CHANGE_ALL_IDS,
    .entity = "role",
  };

  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (role_code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_capacity (capacity, error))
    return FALSE;
  change.not_found = not_found = g_strdup_printf (_("There is no role “%s”."), role_code);
  /* A role's key is its code, not a number: the code goes in the field's name. */
  change.field = field = g_strdup_printf ("monthly_capacity:%s", role_code);
  return set_capacity (db, &change, shown, TRUE, capacity, stored, error);
}

static gboolean
set_staff (CaDatabase  *db,
           gint64       staff_id,
           gint         shown,
           gboolean     has_capacity,
           guint        capacity,
           gint        *stored,
           GError     **error)
{
  CapacityChange change = {
    .select_sql = "SELECT r.quota, s.monthly_capacity FROM staff s "
                  "JOIN role r ON r.code = s.role_code WHERE s.id = ?",
    .update_sql = "UPDATE staff SET monthly_capacity = ? WHERE id = ?",
    .key_id = staff_id,
    .not_found = _("This person is no longer in the staff list."),
    .not_auditor = _("This person’s role has no audit quota, so they do not audit."),
    .changed_id = staff_id,
    .entity = "staff",
    .entity_id = staff_id,
    .field = "monthly_capacity",
  };

  return set_capacity (db, &change, shown, has_capacity, capacity, stored, error);
}

/**
 * ca_capacity_store_set_staff:
 * @shown: the person's own number as the caller showed it, %CA_CAPACITY_NONE for none
 * @stored: (out) (optional): as for ca_capacity_store_set_role()
 *
 * Gives STAFF_ID their own CAPACITY audits a month (0 while on leave), over their role's
 * number, in one transaction with its line in the change history.
 */
gboolean
ca_capacity_store_set_staff (CaDatabase  *db,
                             gint64       staff_id,
                             gint         shown,
                             guint        capacity,
                             gint        *stored,
                             GError     **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_capacity (capacity, error))
    return FALSE;
  return set_staff (db, staff_id, shown, TRUE, capacity, stored, error);
}

/**
 * ca_capacity_store_clear_staff:
 * @shown: the person's own number as the caller showed it, %CA_CAPACITY_NONE for none
 * @stored: (out) (optional): as for ca_capacity_store_set_role()
 *
 * Takes STAFF_ID's own number away, so their role's applies again.
 */
gboolean
ca_capacity_store_clear_staff (CaDatabase  *db,
                               gint64       staff_id,
                               gint         shown,
                               gint        *stored,
                               GError     **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_staff (db, staff_id, shown, FALSE, 0, stored, error);
}

/* Moderators (R-H2) ------------------------------------------------------------------- */

static gboolean
set_moderation (CaDatabase  *db,
                gint64       staff_id,
                gint         shown,
                gboolean     has_capacity,
                guint        capacity,
                gint        *stored,
                GError     **error)
{
  /* The role's moderation capacity plays the quota's part: none, and they do not moderate. */
  CapacityChange change = {
    .select_sql = "SELECT r.moderation_capacity, s.moderation_capacity FROM staff s "
                  "JOIN role r ON r.code = s.role_code WHERE s.id = ?",
    .update_sql = "UPDATE staff SET moderation_capacity = ? WHERE id = ?",
    .key_id = staff_id,
    .not_found = _("This person is no longer in the staff list."),
    .not_auditor = _("This person’s role does not moderate: moderators are Service Managers "
                     "and above, the Lead for Professional Practice and Lead Auditors."),
    .changed_id = staff_id,
    .entity = "staff",
    .entity_id = staff_id,
    .field = "moderation_capacity",
  };

  return set_capacity (db, &change, shown, has_capacity, capacity, stored, error);
}

/**
 * ca_capacity_store_set_moderation:
 * @shown: the person's own number as the caller showed it, %CA_CAPACITY_NONE for none
 * @stored: (out) (optional): as for ca_capacity_store_set_role()
 *
 * Gives STAFF_ID their own CAPACITY moderations a month (0 while on leave), over their role's
 * number, in one transaction with its line in the change history. Only someone whose role
 * moderates can have one.
 */
gboolean
ca_capacity_store_set_moderation (CaDatabase  *db,
                                  gint64       staff_id,
                                  gint         shown,
                                  guint        capacity,
                                  gint        *stored,
                                  GError     **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (capacity > CA_CAPACITY_MAX)
    {
      g_set_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_INVALID,
                   _("%u is too many: nobody can take more than %u moderations a month."),
                   capacity, (guint) CA_CAPACITY_MAX);
      return FALSE;
    }
  return set_moderation (db, staff_id, shown, TRUE, capacity, stored, error);
}

/**
 * ca_capacity_store_clear_moderation:
 * @shown: the person's own number as the caller showed it, %CA_CAPACITY_NONE for none
 * @stored: (out) (optional): as for ca_capacity_store_set_role()
 *
 * Takes STAFF_ID's own moderations a month away, so their role's applies again.
 */
gboolean
ca_capacity_store_clear_moderation (CaDatabase  *db,
                                    gint64       staff_id,
                                    gint         shown,
                                    gint        *stored,
                                    GError     **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_moderation (db, staff_id, shown, FALSE, 0, stored, error);
}
