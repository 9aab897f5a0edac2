// SPDX-License-Identifier: GPL-3.0-or-later
// The deadline numbers a team has changed in preferences (R-F8), over Case Audit's defaults.

#define G_LOG_DOMAIN "ca-settings-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-settings-store.h"
#include "core/ca-date.h"
#include "core/ca-merge.h"

G_DEFINE_QUARK (ca-settings-store-error-quark, ca_settings_store_error)

/* The most any number may be: the table's own limit. */
#define MAX_VALUE 1000

typedef struct
{
  const char *name;     /* deadline_setting.name */
  gsize       offset;   /* of the guint in CaDeadlineRules */
  const char *too_few;  /* why 0 cannot be */
} Setting;

static const Setting settings[] = {
  { "category1_hours", G_STRUCT_OFFSET (CaDeadlineRules, category1_hours),
    N_("A Category 1 audit needs at least 1 hour to check its recommendations.") },
  { "category2_working_days", G_STRUCT_OFFSET (CaDeadlineRules, category2_working_days),
    N_("A Category 2 audit needs at least 1 working day to check its recommendations.") },
  { "category3_working_days", G_STRUCT_OFFSET (CaDeadlineRules, category3_working_days),
    N_("A Category 3 audit needs at least 1 working day to check its recommendations.") },
  { "manager_response_working_days",
    G_STRUCT_OFFSET (CaDeadlineRules, manager_response_working_days),
    N_("The manager’s response needs at least 1 working day.") },
  { "urgent_action_working_days", G_STRUCT_OFFSET (CaDeadlineRules, urgent_action_working_days),
    N_("Urgent actions need at least 1 working day.") },
  { "action_days", G_STRUCT_OFFSET (CaDeadlineRules, action_days),
    N_("Other actions need at least 1 day.") },
};

static guint *
field_of (CaDeadlineRules *rules,
          const Setting   *setting)
{
  return G_STRUCT_MEMBER_P (rules, setting->offset);
}

static guint
value_of (const CaDeadlineRules *rules,
          const Setting         *setting)
{
  return G_STRUCT_MEMBER (guint, rules, setting->offset);
}

/**
 * ca_settings_store_check_deadline_rules:
 *
 * Whether every number of RULES can be a deadline: at least 1 and at most 1000.
 */
gboolean
ca_settings_store_check_deadline_rules (const CaDeadlineRules  *rules,
                                        GError                **error)
{
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      guint value = value_of (rules, &settings[i]);

      if (value == 0)
        {
          g_set_error_literal (error, CA_SETTINGS_STORE_ERROR, CA_SETTINGS_STORE_ERROR_INVALID,
                               g_dgettext (GETTEXT_PACKAGE, settings[i].too_few));
          return FALSE;
        }
      if (value > MAX_VALUE)
        {
          g_set_error (error, CA_SETTINGS_STORE_ERROR, CA_SETTINGS_STORE_ERROR_INVALID,
                       _("%u is too many: a deadline can be at most %u days or hours away."),
                       value, (guint) MAX_VALUE);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * ca_settings_store_load_deadline_rules:
 * @rules: (out caller-allocates): the rules to use
 *
 * Case Audit's defaults, with every number the team has changed in its place. A stored
 * number no deadline could use (0) is passed over, so the default stands.
 */
gboolean
ca_settings_store_load_deadline_rules (CaDatabase       *db,
                                       CaDeadlineRules  *rules,
                                       GError          **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  CaDeadlineRules loaded;

  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ca_deadline_rules_init_defaults (&loaded);
  stmt = ca_database_prepare (db, "SELECT name, value FROM deadline_setting", error);
  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      const char *name;
      gint64 value;

      name = ca_statement_get_text (stmt, 0);
      value = ca_statement_get_int64 (stmt, 1);
      if (value < 1 || value > MAX_VALUE)
        continue;
      /* A name from a later release means nothing to this one. */
      for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
        if (g_strcmp0 (name, settings[i].name) == 0)
          *field_of (&loaded, &settings[i]) = (guint) value;
    }
  if (!ca_statement_check (stmt, error))
    return FALSE;

  *rules = loaded;
  return TRUE;
}

static gboolean
save_in_transaction (CaDatabase            *db,
                     const CaDeadlineRules *rules,
                     GError               **error)
{
  g_autoptr(CaStatement) old = NULL;
  g_autoptr(CaStatement) put = NULL;
  g_autoptr(CaStatement) delete = NULL;
  g_autofree char *now = ca_timestamp_now ();
  CaDeadlineRules defaults;

  ca_deadline_rules_init_defaults (&defaults);
  old = ca_database_prepare (db, "SELECT value FROM deadline_setting WHERE name = ?", error);
  put = old == NULL ? NULL
                    : ca_database_prepare (db,
                                           "INSERT INTO deadline_setting (name, value) "
                                           "VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
                                           "SET value = excluded.value", error);
  delete = put == NULL ? NULL
                       : ca_database_prepare (db, "DELETE FROM deadline_setting WHERE name = ?",
                                              error);
  if (delete == NULL)
    return FALSE;
  ca_database_note_change (db, CA_CHANGE_SETTINGS, CA_CHANGE_ALL_IDS);

  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const Setting *setting = &settings[i];
      guint value = value_of (rules, setting);
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      gboolean has_row = FALSE;

      ca_statement_reset (old);
      ca_statement_bind_text (old, 1, setting->name);
      if (!ca_statement_step (old, &has_row, error))
        return FALSE;
      old_text = g_strdup_printf ("%u", has_row ? (guint) ca_statement_get_int64 (old, 0)
                                                : value_of (&defaults, setting));
      new_text = g_strdup_printf ("%u", value);

      if (value == value_of (&defaults, setting))
        {
          /* The default has no row, so a later release's new default reaches this team. */
          ca_statement_reset (delete);
          ca_statement_bind_text (delete, 1, setting->name);
          if (!ca_statement_run (delete, error))
            return FALSE;
        }
      else
        {
          ca_statement_reset (put);
          ca_statement_bind_text (put, 1, setting->name);
          ca_statement_bind_int64 (put, 2, value);
          if (!ca_statement_run (put, error))
            return FALSE;
        }

      if (!g_str_equal (old_text, new_text) &&
          !ca_database_record_change (db, now, "deadline_setting", 0, setting->name,
                                      old_text, new_text, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * ca_settings_store_save_deadline_rules:
 *
 * Stores RULES in one transaction: a number that differs from Case Audit's default gets a
 * row, a default one has none (so putting a number back to its default removes the row).
 * Rules with a number no deadline could use write nothing and say which.
 */
gboolean
ca_settings_store_save_deadline_rules (CaDatabase             *db,
                                       const CaDeadlineRules  *rules,
                                       GError                **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ca_settings_store_check_deadline_rules (rules, error))
    return FALSE;

  if (!ca_database_begin (db, error))
    return FALSE;
  if (!save_in_transaction (db, rules, error) || !ca_database_commit (db, error))
    {
      ca_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

static const Setting *
find_setting (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    if (g_strcmp0 (name, settings[i].name) == 0)
      return &settings[i];
  return NULL;
}

const char * const *
ca_settings_store_deadline_names (void)
{
  static const char *names[G_N_ELEMENTS (settings) + 1];

  if (names[0] == NULL)
    for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
      names[i] = settings[i].name;
  return names;
}

/**
 * ca_settings_store_get_deadline:
 * @name: one of ca_settings_store_deadline_names()
 *
 * Returns: the number NAME in RULES; 0 for a name that is none of them
 */
guint
ca_settings_store_get_deadline (const CaDeadlineRules *rules,
                                const char            *name)
{
  const Setting *setting = find_setting (name);

  g_return_val_if_fail (rules != NULL, 0);

  return setting != NULL ? value_of (rules, setting) : 0;
}

/**
 * ca_settings_store_set_deadline:
 * @name: one of ca_settings_store_deadline_names(); any other changes nothing
 */
void
ca_settings_store_set_deadline (CaDeadlineRules *rules,
                                const char      *name,
                                guint            value)
{
  const Setting *setting = find_setting (name);

  g_return_if_fail (rules != NULL);

  if (setting != NULL)
    *field_of (rules, setting) = value;
}

static char *
get_number (gconstpointer  rules,
            const char    *name)
{
  return g_strdup_printf ("%u", ca_settings_store_get_deadline (rules, name));
}

static gboolean
set_number (gpointer    rules,
            const char *name,
            const char *value)
{
  guint64 number;

  if (find_setting (name) == NULL ||
      !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &number, NULL))
    return FALSE;
  ca_settings_store_set_deadline (rules, name, (guint) number);
  return TRUE;
}

/**
 * ca_settings_store_save_deadline_rules_since:
 * @stored: (out caller-allocates) (optional): the numbers as stored after the save
 * @conflicts: (out) (transfer full): the numbers both copies changed differently
 */
gboolean
ca_settings_store_save_deadline_rules_since (CaDatabase             *db,
                                             const CaDeadlineRules  *base,
                                             const CaDeadlineRules  *rules,
                                             CaDeadlineRules        *stored,
                                             GStrv                  *conflicts,
                                             GError                **error)
{
  g_auto(GStrv) conflicting = NULL;
  CaDeadlineRules theirs, merged;

  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (base != NULL && rules != NULL, FALSE);
  g_return_val_if_fail (conflicts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *conflicts = NULL;
  /* Refused before anything is read: the person's own number is the one to put right. */
  if (!ca_settings_store_check_deadline_rules (rules, error))
    return FALSE;

  /* Read inside the write lock, so that what is merged with is what is overwritten. */
  if (!ca_database_begin (db, error))
    return FALSE;
  if (!ca_settings_store_load_deadline_rules (db, &theirs, error))
    goto failed;
  merged = theirs;
  conflicting = ca_merge_fields (ca_settings_store_deadline_names (), base, rules, &theirs,
                                 &merged, get_number, set_number);
  if (!save_in_transaction (db, &merged, error) || !ca_database_commit (db, error))
    goto failed;

  if (stored != NULL)
    *stored = merged;
  *conflicts = g_steal_pointer (&conflicting);
  return TRUE;

failed:
  ca_database_rollback (db);
  return FALSE;
}
