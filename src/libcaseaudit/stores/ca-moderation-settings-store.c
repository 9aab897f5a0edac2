// SPDX-License-Identifier: GPL-3.0-or-later
// The team's moderation settings (R-H1: the random share, the due working day) and who
// moderates with their monthly capacity (R-H2), as Preferences and the command line change them.
//
// A person's own moderation capacity is written by ca-capacity-store.c, with the auditors'
// numbers, so that both follow the same rule for two copies of Case Audit (R-N2).

#define G_LOG_DOMAIN "ca-moderation-settings-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-capacity-store.h"
#include "ca-database-changes.h"
#include "ca-database-worker.h"
#include "ca-moderation-settings-store.h"
#include "ca-moderators-private.h"
#include "core/ca-date.h"
#include "core/ca-moderation-sample.h"

G_DEFINE_QUARK (ca-moderation-settings-store-error-quark, ca_moderation_settings_store_error)

void
ca_moderation_settings_init_defaults (CaModerationSettings *settings)
{
  g_return_if_fail (settings != NULL);

  settings->percent = CA_MODERATION_DEFAULT_PERCENT;
  settings->due_working_day = CA_MODERATION_DEFAULT_DUE_WORKING_DAY;
}

static guint *
setting_field (CaModerationSettings *settings,
               const char           *name)
{
  if (g_strcmp0 (name, CA_MODERATION_SETTING_PERCENT) == 0)
    return &settings->percent;
  if (g_strcmp0 (name, CA_MODERATION_SETTING_DUE_WORKING_DAY) == 0)
    return &settings->due_working_day;
  return NULL;
}

gboolean
ca_moderation_settings_get (const CaModerationSettings *settings,
                            const char                 *name,
                            guint                      *value)
{
  CaModerationSettings copy;
  guint *field;

  g_return_val_if_fail (settings != NULL && value != NULL, FALSE);

  copy = *settings;
  if ((field = setting_field (&copy, name)) == NULL)
    return FALSE;
  *value = *field;
  return TRUE;
}

/* Whether VALUE can be the setting NAME, by core's rules. */
static gboolean
check_setting (const char  *name,
               guint        value,
               GError     **error)
{
  if (g_strcmp0 (name, CA_MODERATION_SETTING_PERCENT) == 0)
    return ca_moderation_check_percent (value, error);
  if (g_strcmp0 (name, CA_MODERATION_SETTING_DUE_WORKING_DAY) == 0)
    return ca_moderation_check_due_working_day (value, error);
  g_set_error (error, CA_MODERATION_SETTINGS_STORE_ERROR,
               CA_MODERATION_SETTINGS_STORE_ERROR_UNKNOWN,
               _("There is no moderation setting “%s”: there are “%s” and “%s”."),
               name != NULL ? name : "", CA_MODERATION_SETTING_PERCENT,
               CA_MODERATION_SETTING_DUE_WORKING_DAY);
  return FALSE;
}

/**
 * ca_moderation_settings_store_load:
 * @settings: (out caller-allocates): the settings to use
 *
 * Case Audit's defaults, with every number the team has changed in its place. A stored
 * number the rules refuse (possible only by editing the file) is passed over, so the default
 * stands, as for the deadline numbers.
 */
gboolean
ca_moderation_settings_store_load (CaDatabase            *db,
                                   CaModerationSettings  *settings,
                                   GError               **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  CaModerationSettings loaded;

  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ca_moderation_settings_init_defaults (&loaded);
  stmt = ca_database_prepare (db, "SELECT name, value FROM moderation_setting", error);
  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      const char *name = ca_statement_get_text (stmt, 0);
      gint64 value = ca_statement_get_int64 (stmt, 1);
      guint *field = setting_field (&loaded, name);

      if (field != NULL && value >= 0 && check_setting (name, (guint) value, NULL))
        *field = (guint) value;
    }
  if (!ca_statement_check (stmt, error))
    return FALSE;
  *settings = loaded;
  return TRUE;
}

typedef struct
{
  const char *name;
  guint       shown;
  guint       value;
  guint      *stored;
} SettingChange;

static gboolean
set_in_transaction (CaDatabase  *db,
                    gpointer     user_data,
                    GError     **error)
{
  const SettingChange *change = user_data;
  g_autoptr(CaStatement) put = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *now = NULL;
  CaModerationSettings stored, defaults;
  guint old = 0, default_value = 0;

  /* Read inside the write lock, so that what is checked is what is overwritten. */
  if (!ca_moderation_settings_store_load (db, &stored, error))
    return FALSE;
  ca_moderation_settings_get (&stored, change->name, &old);
  if (change->stored != NULL)
    *change->stored = old;
  if (old != change->shown && old != change->value)
    {
      g_set_error (error, CA_MODERATION_SETTINGS_STORE_ERROR,
                   CA_MODERATION_SETTINGS_STORE_ERROR_CHANGED,
                   _("This number was changed in another window, or another copy of Case "
                     "Audit, while you were changing it here: it is now %u."), old);
      return FALSE;
    }
  if (old == change->value)
    return TRUE;

  ca_moderation_settings_init_defaults (&defaults);
  ca_moderation_settings_get (&defaults, change->name, &default_value);
  if (change->value == default_value)
    put = ca_database_prepare (db, "DELETE FROM moderation_setting WHERE name = ?1", error);
  else
    put = ca_database_prepare (db,
                               "INSERT INTO moderation_setting (name, value) VALUES (?1, ?2) "
                               "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                               error);
  if (put == NULL)
    return FALSE;
  ca_statement_bind_text (put, 1, change->name);
  if (change->value != default_value)
    ca_statement_bind_int64 (put, 2, change->value);
  if (!ca_statement_run (put, error))
    return FALSE;

  ca_database_note_change (db, CA_CHANGE_SETTINGS, CA_CHANGE_ALL_IDS);
  if (change->stored != NULL)
    *change->stored = change->value;
  now = ca_timestamp_now ();
  old_text = g_strdup_printf ("%u", old);
  new_text = g_strdup_printf ("%u", change->value);
  return ca_database_record_change (db, now, "moderation_setting", 0, change->name, old_text,
                                    new_text, error);
}

/**
 * ca_moderation_settings_store_set:
 * @name: %CA_MODERATION_SETTING_PERCENT or %CA_MODERATION_SETTING_DUE_WORKING_DAY
 * @shown: the number the caller showed, as last seen stored
 * @stored: (out) (optional): the number stored after, or the other copy's number with
 *   %CA_MODERATION_SETTINGS_STORE_ERROR_CHANGED
 */
gboolean
ca_moderation_settings_store_set (CaDatabase  *db,
                                  const char  *name,
                                  guint        shown,
                                  guint        value,
                                  guint       *stored,
                                  GError     **error)
{
  SettingChange change = { name, shown, value, stored };

  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Refused before anything is read: the person's own number is the one to put right. */
  if (!check_setting (name, value, error))
    return FALSE;
  return ca_database_transaction (db, set_in_transaction, &change, error);
}

void
ca_moderator_capacity_free (CaModeratorCapacity *moderator)
{
  if (moderator == NULL)
    return;
  g_free (moderator->staff_ref);
  g_free (moderator->name);
  g_free (moderator->role_name);
  g_free (moderator);
}

guint
ca_moderator_capacity_get_capacity (const CaModeratorCapacity *moderator)
{
  g_return_val_if_fail (moderator != NULL, 0);

  if (moderator->own_capacity != CA_CAPACITY_NONE)
    return (guint) moderator->own_capacity;
  return moderator->role_capacity != CA_CAPACITY_NONE ? (guint) moderator->role_capacity : 0;
}

static gint
number_or_none (CaStatement *stmt,
                int          column)
{
  if (ca_statement_is_null (stmt, column))
    return CA_CAPACITY_NONE;
  return (gint) CLAMP (ca_statement_get_int64 (stmt, column), 0, CA_CAPACITY_MAX);
}

/**
 * ca_moderation_settings_store_list_moderators:
 * @month: "YYYY-MM": the sample whose moderations are counted
 *
 * The people a month's draw gives moderations to (as ca_moderation_store_load_month() reads
 * them): active, with a moderation capacity of their own or from their role.
 *
 * Returns: (transfer full) (element-type CaModeratorCapacity): the moderators, or %NULL with
 *   @error set
 */
GPtrArray *
ca_moderation_settings_store_list_moderators (CaDatabase  *db,
                                              const char  *month,
                                              GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) moderators = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (month != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ca_database_prepare (db,
                              "SELECT s.id, s.staff_ref, s.name, r.name, "
                              "  r.moderation_capacity, s.moderation_capacity, "
                              "  " CA_MODERATORS_IN_MONTH " "
                              CA_MODERATORS_FROM_WHERE
                              "ORDER BY r.rank, r.name, s.name, s.staff_ref", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_text (stmt, 1, month);
  moderators = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_moderator_capacity_free);
  while (ca_statement_next (stmt))
    {
      CaModeratorCapacity *moderator = g_new0 (CaModeratorCapacity, 1);

      moderator->staff_id = ca_statement_get_int64 (stmt, 0);
      moderator->staff_ref = ca_statement_dup_text (stmt, 1);
      moderator->name = ca_statement_dup_text (stmt, 2);
      moderator->role_name = ca_statement_dup_text (stmt, 3);
      moderator->role_capacity = number_or_none (stmt, 4);
      moderator->own_capacity = number_or_none (stmt, 5);
      moderator->in_month = (guint) MAX (ca_statement_get_int64 (stmt, 6), 0);
      g_ptr_array_add (moderators, moderator);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&moderators);
}

gint64
ca_moderation_settings_store_find_staff (CaDatabase  *db,
                                         const char  *staff_ref,
                                         gint        *own_capacity,
                                         GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (db), 0);
  g_return_val_if_fail (staff_ref != NULL && own_capacity != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  stmt = ca_database_prepare (db, "SELECT id, moderation_capacity FROM staff "
                                  "WHERE staff_ref = ?", error);
  if (stmt == NULL)
    return 0;
  ca_statement_bind_text (stmt, 1, staff_ref);
  if (!ca_statement_step_one (stmt, error, CA_MODERATION_SETTINGS_STORE_ERROR,
                              CA_MODERATION_SETTINGS_STORE_ERROR_NOT_FOUND,
                              _("There is no one with staff ID “%s” in the staff list."),
                              staff_ref))
    return 0;
  *own_capacity = number_or_none (stmt, 1);
  return ca_statement_get_int64 (stmt, 0);
}

void
ca_moderation_setup_free (CaModerationSetup *setup)
{
  if (setup == NULL)
    return;
  g_free (setup->month);
  g_clear_pointer (&setup->moderators, g_ptr_array_unref);
  g_free (setup);
}

static gboolean
read_job (CaDatabase    *connection,
          gpointer       data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(CaModerationSetup) setup = g_new0 (CaModerationSetup, 1);

  setup->month = g_strdup (data);
  if (!ca_moderation_settings_store_load (connection, &setup->settings, error))
    return FALSE;
  setup->moderators = ca_moderation_settings_store_list_moderators (connection, setup->month,
                                                                    error);
  if (setup->moderators == NULL)
    return FALSE;
  *result = g_steal_pointer (&setup);
  return TRUE;
}

/**
 * ca_moderation_settings_store_read_async:
 * @month: "YYYY-MM": the sample whose moderations are counted
 *
 * Reads the settings and the moderators on the database's worker, so that a database
 * another program holds never freezes the window.
 */
void
ca_moderation_settings_store_read_async (CaDatabase          *db,
                                         const char          *month,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CA_IS_DATABASE (db));
  g_return_if_fail (month != NULL);

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_moderation_settings_store_read_async);
  ca_database_run_in_task (db, task, read_job, g_strdup (month), g_free,
                           (GDestroyNotify) ca_moderation_setup_free);
}

/* Returns: (transfer full): what was read, or %NULL with @error set */
CaModerationSetup *
ca_moderation_settings_store_read_finish (CaDatabase    *db,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
