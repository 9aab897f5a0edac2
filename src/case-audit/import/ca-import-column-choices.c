// SPDX-License-Identifier: GPL-3.0-or-later
// The columns a person chose by hand in the import window, per kind of file: kept over Start
// Again, and in the settings as "kind/field" → column name (import-columns), so that next
// month's file of the same kind keeps them after a restart. Column names only: nothing from
// the files' rows.

#define G_LOG_DOMAIN "ca-import-column-choices"

#include "config.h"

#include "ca-import-column-choices.h"

#define SETTINGS_KEY "import-columns"

struct _CaImportColumnChoices
{
  GObject     parent_instance;

  GSettings  *settings;                    /* nullable: not kept past the window */
  GHashTable *columns[CA_IMPORT_N_KINDS];  /* field → the column chosen, "" for none */
};

G_DEFINE_FINAL_TYPE (CaImportColumnChoices, ca_import_column_choices, G_TYPE_OBJECT)

static void
ca_import_column_choices_finalize (GObject *object)
{
  CaImportColumnChoices *self = (CaImportColumnChoices *) object;

  g_clear_object (&self->settings);
  for (guint i = 0; i < CA_IMPORT_N_KINDS; i++)
    g_clear_pointer (&self->columns[i], g_hash_table_unref);

  G_OBJECT_CLASS (ca_import_column_choices_parent_class)->finalize (object);
}

static void
ca_import_column_choices_class_init (CaImportColumnChoicesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_import_column_choices_finalize;
}

static void
ca_import_column_choices_init (CaImportColumnChoices *self)
{
  for (guint i = 0; i < CA_IMPORT_N_KINDS; i++)
    self->columns[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CaImportColumnChoices *
ca_import_column_choices_new (void)
{
  return g_object_new (CA_TYPE_IMPORT_COLUMN_CHOICES, NULL);
}

/**
 * ca_import_column_choices_load:
 * @settings: the application's settings, where the choices are kept from now on
 *
 * Takes in the choices kept in @settings; an unknown kind of file is passed over.
 */
void
ca_import_column_choices_load (CaImportColumnChoices *self,
                               GSettings             *settings)
{
  g_autoptr(GVariant) saved = NULL;
  GVariantIter iter;
  const char *key, *column;

  g_return_if_fail (CA_IS_IMPORT_COLUMN_CHOICES (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
  saved = g_settings_get_value (settings, SETTINGS_KEY);
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &column))
    {
      g_auto(GStrv) parts = g_strsplit (key, "/", 2);
      CaImportKind kind;

      if (g_strv_length (parts) == 2 && ca_import_kind_from_string (parts[0], &kind))
        g_hash_table_replace (self->columns[kind], g_strdup (parts[1]), g_strdup (column));
    }
}

static void
save (CaImportColumnChoices *self)
{
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a{ss}"));

  for (guint kind = 0; kind < CA_IMPORT_N_KINDS; kind++)
    {
      GHashTableIter iter;
      gpointer field, column;

      g_hash_table_iter_init (&iter, self->columns[kind]);
      while (g_hash_table_iter_next (&iter, &field, &column))
        {
          g_autofree char *key = g_strdup_printf ("%s/%s", ca_import_kind_to_string (kind),
                                                  (const char *) field);

          g_variant_builder_add (builder, "{ss}", key, column);
        }
    }
  g_settings_set_value (self->settings, SETTINGS_KEY, g_variant_builder_end (builder));
}

/**
 * ca_import_column_choices_set:
 * @field: the field's name in the import's layout
 * @column: the name of the column chosen for it, or "" for "Not in this file"
 */
void
ca_import_column_choices_set (CaImportColumnChoices *self,
                              CaImportKind           kind,
                              const char            *field,
                              const char            *column)
{
  g_return_if_fail (CA_IS_IMPORT_COLUMN_CHOICES (self));
  g_return_if_fail (kind < CA_IMPORT_N_KINDS && field != NULL && column != NULL);

  g_hash_table_replace (self->columns[kind], g_strdup (field), g_strdup (column));
  if (self->settings != NULL)
    save (self);
}

/**
 * ca_import_column_choices_get:
 *
 * Returns: (transfer none): field → the column chosen for it for @kind, as
 *   ca_import_mapping_prefer_columns() takes it
 */
GHashTable *
ca_import_column_choices_get (CaImportColumnChoices *self,
                              CaImportKind           kind)
{
  g_return_val_if_fail (CA_IS_IMPORT_COLUMN_CHOICES (self), NULL);
  g_return_val_if_fail (kind < CA_IMPORT_N_KINDS, NULL);

  return self->columns[kind];
}
