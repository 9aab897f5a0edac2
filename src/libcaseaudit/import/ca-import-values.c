// SPDX-License-Identifier: GPL-3.0-or-later
// What a coded value stands for in a run: the mapping given, remembered ones, built-in aliases.

#define G_LOG_DOMAIN "ca-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-import-private.h"

/* The code a value stands for by Case Audit's own words: a code, a name, another word for
 * it (a job title for a role, any version's name for a tool). */
static const char *
builtin_code (CaImportLookup *lookup,
              const char     *field,
              const char     *text)
{
  if (g_str_equal (field, "role"))
    {
      g_autofree char *key = ca_import_fold_value (text);
      const char *code = g_hash_table_lookup (lookup->roles, key);
      const char *alias;

      /* A job title stands for a role only while the database has that role. */
      if (code == NULL && (alias = ca_import_match_role_alias (text)) != NULL)
        {
          g_autofree char *alias_key = ca_import_fold_value (alias);

          code = g_hash_table_lookup (lookup->roles, alias_key);
        }
      return code;
    }
  if (g_str_equal (field, "tool"))
    {
      const CaImportTool *tool = ca_import_lookup_find_tool (lookup, text);

      return tool != NULL ? tool->code : NULL;
    }
  return ca_import_match_code (field, text);
}

/* What a value of a coded field stands for: what the user said for this run, then what
 * they said before (remembered), then Case Audit's own words. A value none of these match
 * is kept for the report, with the rows that have it. */
const char *
ca_import_resolve_code (CaImportReading *reading,
                        const char      *field,
                        const char      *text)
{
  g_autofree char *key = ca_import_value_key (field, text);
  CaImportRememberedValue *remembered;
  CaImportUnmatchedEntry *entry;
  const char *code;

  if ((code = g_hash_table_lookup (reading->given, key)) != NULL)
    return code;
  if ((remembered = g_hash_table_lookup (reading->remembered, key)) != NULL)
    {
      g_hash_table_add (reading->used, remembered);
      return remembered->code;
    }
  if ((code = builtin_code (reading->lookup, field, text)) != NULL)
    return code;

  if ((entry = g_hash_table_lookup (reading->unmatched, key)) != NULL)
    entry->unmatched.n_rows++;
  else
    {
      entry = g_new0 (CaImportUnmatchedEntry, 1);
      entry->field = g_strdup (field);
      entry->value = g_strdup (text);
      entry->unmatched.field = entry->field;
      entry->unmatched.value = entry->value;
      entry->unmatched.line = reading->line;
      entry->unmatched.n_rows = 1;
      g_ptr_array_add (reading->report->unmatched, entry);
      g_hash_table_insert (reading->unmatched, g_steal_pointer (&key), entry);
    }
  return NULL;
}

/* Article and noun for "“wizard” is not a role". */
static const char *
code_noun (const char *field)
{
  if (g_str_equal (field, "role"))
    return _("a role");
  if (g_str_equal (field, "tool"))
    return _("an audit tool");
  if (g_str_equal (field, "legal_status"))
    return _("a legal status");
  if (g_str_equal (field, "gender"))
    return _("a gender");
  if (g_str_equal (field, "ethnicity"))
    return _("an ethnicity");
  if (g_str_equal (field, "overall_grade"))
    return _("a grade");
  if (g_str_equal (field, "category"))
    return _("a category");
  return _("yes or no");
}

/* The values the user mapped, each to a code the database has (a role's name will do for
 * its code); a mapping to no code stops the run before anything is read. */
gboolean
ca_import_check_given (CaDatabase       *database,
                       CaImportMapping  *mapping,
                       CaImportLookup   *lookup,
                       GHashTable       *given,
                       GError          **error)
{
  for (guint i = 0; i < mapping->values->len; i++)
    {
      CaImportValueEntry *entry = mapping->values->pdata[i];
      const char *code;

      /* A value of a field this layout has not (chosen for another layout of the same
       * kind) has nothing to match here, and is neither checked nor remembered. */
      if (ca_import_mapping_find_field (mapping, entry->field) < 0)
        continue;
      if ((code = builtin_code (lookup, entry->field, entry->code)) == NULL)
        {
          g_autoptr(GPtrArray) choices = ca_import_store_list_choices (database, entry->field,
                                                                        NULL);
          g_autofree char *list = ca_import_join_choices (choices);

          g_set_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BAD_MAPPING,
                       _("“%s” (%s) cannot be mapped to “%s”: “%s” is not %s. It could be: "
                         "%s."), entry->value, entry->field, entry->code, entry->code,
                       code_noun (entry->field), list);
          return FALSE;
        }
      g_hash_table_replace (given, g_strdup (entry->key), (gpointer) code);
    }
  return TRUE;
}

/* The mappings remembered for this kind of file whose codes the database still has; one
 * whose code has gone (a role taken away) is as if never made, so the user is asked again. */
gboolean
ca_import_load_remembered (CaDatabase       *database,
                           CaImportMapping  *mapping,
                           CaImportLookup   *lookup,
                           GHashTable       *remembered,
                           GError          **error)
{
  g_autoptr(GPtrArray) values = ca_import_mapping_store_list (database, (int) mapping->kind,
                                                              error);

  if (values == NULL)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    {
      CaImportRememberedValue *value = values->pdata[i];
      const char *code;

      if (ca_import_mapping_find_field (mapping, value->field) < 0 ||
          (code = builtin_code (lookup, value->field, value->code)) == NULL)
        continue;
      g_free (value->code);
      value->code = g_strdup (code);
      g_hash_table_replace (remembered, ca_import_value_key (value->field, value->value),
                            g_steal_pointer (&values->pdata[i]));
    }
  return TRUE;
}

/* After a run that succeeded: what the user chose in the window is remembered with the
 * import that used it (only values checked at the start, in @given). */
gboolean
ca_import_remember_given (CaDatabase       *database,
                          CaImportMapping  *mapping,
                          GHashTable       *given,
                          GError          **error)
{
  for (guint i = 0; mapping->remember_values && i < mapping->values->len; i++)
    {
      CaImportValueEntry *entry = mapping->values->pdata[i];
      const char *code = g_hash_table_lookup (given, entry->key);

      if (code != NULL &&
          !ca_import_mapping_store_save (database, mapping->kind, entry->field, entry->value,
                                         code, error))
        return FALSE;
    }
  return TRUE;
}
