// SPDX-License-Identifier: GPL-3.0-or-later
// CaImportMapping: the column holding each field, and what the user said values stand for.

#define G_LOG_DOMAIN "ca-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-import-private.h"

G_DEFINE_FINAL_TYPE (CaImportMapping, ca_import_mapping, G_TYPE_OBJECT)

static void
value_entry_free (gpointer data)
{
  CaImportValueEntry *entry = data;

  g_free (entry->field);
  g_free (entry->value);
  g_free (entry->key);
  g_free (entry->code);
  g_free (entry);
}

/* The key a value of FIELD is matched by: a value written any way that folds the same. */
char *
ca_import_value_key (const char *field,
                     const char *value)
{
  g_autofree char *folded = ca_import_fold_value (value);

  return g_strconcat (field, "\x1f", folded, NULL);
}

static void
ca_import_mapping_finalize (GObject *object)
{
  CaImportMapping *self = CA_IMPORT_MAPPING (object);

  g_free (self->columns);
  g_ptr_array_unref (self->values);
  G_OBJECT_CLASS (ca_import_mapping_parent_class)->finalize (object);
}

static void
ca_import_mapping_class_init (CaImportMappingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_import_mapping_finalize;
}

static void
ca_import_mapping_init (CaImportMapping *self)
{
  self->values = g_ptr_array_new_with_free_func (value_entry_free);
}

/**
 * ca_import_mapping_new:
 * @n_columns: how many columns the file has
 *
 * Returns: (transfer full): a mapping with no field in any column yet.
 */
CaImportMapping *
ca_import_mapping_new (CaImportKind   kind,
                       CaImportFormat format,
                       guint          n_columns)
{
  CaImportMapping *self;
  CaImportLayout layout;

  g_return_val_if_fail (ca_import_get_layout (kind, format, &layout), NULL);

  self = g_object_new (CA_TYPE_IMPORT_MAPPING, NULL);
  self->kind = kind;
  self->format = format;
  self->n_columns = n_columns;
  self->layout = layout;
  self->columns = g_new (int, layout.n_fields);
  for (guint i = 0; i < layout.n_fields; i++)
    self->columns[i] = -1;
  return self;
}

/**
 * ca_import_mapping_new_from_header:
 * @header: the file's first record
 *
 * Returns: (transfer full): each field in the column whose name is the format's name for it
 * (case, spaces and punctuation ignored; for a council's own layout also its label or a
 * common other name, see ca_import_find_field_column()), or in none.
 */
CaImportMapping *
ca_import_mapping_new_from_header (CaImportKind        kind,
                                   CaImportFormat      format,
                                   const char * const *header)
{
  CaImportMapping *self;

  g_return_val_if_fail (header != NULL, NULL);

  self = ca_import_mapping_new (kind, format, g_strv_length ((char **) header));
  if (self == NULL)
    return NULL;
  /* A published extract's columns have fixed names; a council's own file is matched more
   * loosely, by the field's name, its label or a common other name. */
  for (guint i = 0; i < self->layout.n_fields; i++)
    self->columns[i] = format == CA_IMPORT_FORMAT_CANONICAL
                       ? ca_import_find_field_column (header, &self->layout.fields[i])
                       : ca_import_find_column (header, self->layout.columns[i]);
  return self;
}

CaImportKind
ca_import_mapping_get_kind (CaImportMapping *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), 0);
  return self->kind;
}

CaImportFormat
ca_import_mapping_get_format (CaImportMapping *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), 0);
  return self->format;
}

guint
ca_import_mapping_get_n_columns (CaImportMapping *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), 0);
  return self->n_columns;
}

/* The position of FIELD in the mapping's layout, or -1 when the layout has no such field. */
int
ca_import_mapping_find_field (CaImportMapping *self,
                              const char      *field)
{
  return ca_import_layout_find_field (&self->layout, field);
}

/* Returns: the column holding @field, or -1 (also for a field the kind does not have). */
int
ca_import_mapping_get_column (CaImportMapping *self,
                              const char      *field)
{
  int index;

  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), -1);
  g_return_val_if_fail (field != NULL, -1);

  index = ca_import_mapping_find_field (self, field);
  return index >= 0 ? self->columns[index] : -1;
}

void
ca_import_mapping_set_column (CaImportMapping *self,
                              const char      *field,
                              int              column)
{
  int index;

  g_return_if_fail (CA_IS_IMPORT_MAPPING (self));
  g_return_if_fail (field != NULL);
  g_return_if_fail (column >= -1 && (column < 0 || (guint) column < self->n_columns));

  index = ca_import_mapping_find_field (self, field);
  g_return_if_fail (index >= 0);
  self->columns[index] = column;
}

/**
 * ca_import_mapping_prefer_columns:
 * @header: the file's first record
 * @chosen: field name → the name of the column a person chose for it before ("" for none)
 *
 * Takes for each field the column chosen before, when the file has a column of that name, in
 * place of what the header suggested: the same file read again keeps the person's choices.
 */
void
ca_import_mapping_prefer_columns (CaImportMapping    *self,
                                  const char * const *header,
                                  GHashTable         *chosen)
{
  g_return_if_fail (CA_IS_IMPORT_MAPPING (self));
  g_return_if_fail (header != NULL && chosen != NULL);

  for (guint i = 0; i < self->layout.n_fields; i++)
    {
      const char *name = g_hash_table_lookup (chosen, self->layout.fields[i].name);

      if (name != NULL && *name == '\0')
        self->columns[i] = -1;
      for (int c = 0; name != NULL && *name != '\0' && header[c] != NULL; c++)
        if (g_str_equal (header[c], name))
          self->columns[i] = c;
    }
}

gboolean
ca_import_mapping_check (CaImportMapping  *self,
                         GError          **error)
{
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), FALSE);

  for (guint i = 0; i < self->layout.n_fields; i++)
    if (self->layout.fields[i].required && self->columns[i] < 0)
      {
        g_set_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_MISSING_COLUMN,
                     _("No column holds the %s (the “%s” column). Add it to the file or "
                       "choose the column that holds it."),
                     ca_import_field_get_label (&self->layout.fields[i]),
                     self->layout.columns[i]);
        return FALSE;
      }
  return TRUE;
}

/* The coded fields this mapping's layout has, joined for a sentence. */
static char *
join_coded_fields (CaImportMapping *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < self->layout.n_fields; i++)
    if (ca_import_field_is_coded (self->layout.fields[i].name))
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                              self->layout.fields[i].name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/**
 * ca_import_mapping_add_value_text:
 * @text: FIELD:VALUE=CODE, as --map takes it
 *
 * Refuses a text that is no mapping, and a field this kind and layout do not have (with
 * the fields it has); the code is checked against the database when the import runs.
 */
gboolean
ca_import_mapping_add_value_text (CaImportMapping  *self,
                                  const char       *text,
                                  GError          **error)
{
  g_autofree char *field = NULL;
  g_autofree char *value = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!ca_import_parse_value_mapping (text, &field, &value, &code, error))
    return FALSE;
  if (ca_import_mapping_find_field (self, field) < 0)
    {
      g_autofree char *fields = join_coded_fields (self);

      if (*fields == '\0')
        g_set_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BAD_MAPPING,
                     _("%s is not a field of %s, which has no values to map."), field,
                     ca_import_kind_in_sentence (self->kind));
      else
        g_set_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BAD_MAPPING,
                     _("%s is not a field of %s; the fields whose values can be mapped are "
                       "%s."), field, ca_import_kind_in_sentence (self->kind), fields);
      return FALSE;
    }
  ca_import_mapping_set_value (self, field, value, code);
  return TRUE;
}

/**
 * ca_import_mapping_set_value:
 * @code: (nullable): what @value stands for; %NULL forgets it
 *
 * Says what @value of @field stands for in this run (replacing what was said for any value
 * that folds the same).
 */
void
ca_import_mapping_set_value (CaImportMapping *self,
                             const char      *field,
                             const char      *value,
                             const char      *code)
{
  g_autofree char *key = NULL;
  CaImportValueEntry *entry;

  g_return_if_fail (CA_IS_IMPORT_MAPPING (self));
  g_return_if_fail (field != NULL && ca_import_field_is_coded (field) && value != NULL);

  key = ca_import_value_key (field, value);
  for (guint i = 0; i < self->values->len; i++)
    if (g_str_equal (((CaImportValueEntry *) self->values->pdata[i])->key, key))
      {
        g_ptr_array_remove_index (self->values, i);
        break;
      }
  if (code == NULL)
    return;

  entry = g_new0 (CaImportValueEntry, 1);
  entry->field = g_strdup (field);
  entry->value = g_strdup (value);
  entry->key = g_steal_pointer (&key);
  entry->code = g_strdup (code);
  g_ptr_array_add (self->values, entry);
}

/* Returns: (nullable): what @value of @field was said to stand for, as given */
const char *
ca_import_mapping_get_value (CaImportMapping *self,
                             const char      *field,
                             const char      *value)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), NULL);
  g_return_val_if_fail (field != NULL && value != NULL, NULL);

  key = ca_import_value_key (field, value);
  for (guint i = 0; i < self->values->len; i++)
    {
      CaImportValueEntry *entry = self->values->pdata[i];

      if (g_str_equal (entry->key, key))
        return entry->code;
    }
  return NULL;
}

guint
ca_import_mapping_get_n_values (CaImportMapping *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), 0);
  return self->values->len;
}

void
ca_import_mapping_set_remember_values (CaImportMapping *self,
                                       gboolean         remember)
{
  g_return_if_fail (CA_IS_IMPORT_MAPPING (self));
  self->remember_values = remember;
}
