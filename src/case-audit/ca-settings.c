// SPDX-License-Identifier: GPL-3.0-or-later
// The application's GSettings, wherever Case Audit runs from: installed, in its build tree, or
// with no schema installed at all.
//
// g_settings_new() aborts the whole program when the schema is not installed, and a schema
// installed by an older version that lacks a key aborts it at the first read of that key. So
// the schema is looked for in turn, and each one found is taken only if it has every key of
// the schema this binary was built with (a copy of which is compiled in, see
// ca-settings.gresource.xml), with the same types:
//
// 1. where GSettings looks by default: GSETTINGS_SCHEMA_DIR and the installed schemas;
// 2. the build tree's data folder, when this binary is the one built there (build-aux/run.sh
//    and the tests set GSETTINGS_SCHEMA_DIR to it, but a developer may not);
// 3. the compiled-in copy, with settings held in memory for this session only, and one
//    warning on stderr. Case Audit then starts with the default settings instead of
//    aborting.

#define G_LOG_DOMAIN "ca-settings"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "ca-settings.h"

#define BUNDLED_SCHEMA RESOURCE_BASE "/settings/gschemas.compiled"

typedef struct
{
  GSettingsSchema  *schema;
  GSettingsBackend *backend;   /* NULL: GSettings' default */
} Choice;

/* The schema this binary was built with, from the copy compiled into it. GSettings reads
 * schemas only from a folder, so the copy is written to a private one, loaded (GLib maps
 * the file into memory) and removed again at once. */
static GSettingsSchema *
load_bundled_schema (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (BUNDLED_SCHEMA, 0, NULL);
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *file = NULL;

  if (bytes == NULL)
    return NULL;
  folder = g_build_filename (g_get_user_runtime_dir (), "case-audit-schema-XXXXXX", NULL);
  if (g_mkdtemp_full (folder, 0700) == NULL)
    {
      g_clear_pointer (&folder, g_free);
      folder = g_dir_make_tmp ("case-audit-schema-XXXXXX", NULL);
      if (folder == NULL)
        return NULL;
    }
  file = g_build_filename (folder, "gschemas.compiled", NULL);
  if (g_file_set_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           NULL))
    source = g_settings_schema_source_new_from_directory (folder, NULL, TRUE, NULL);
  g_unlink (file);
  g_rmdir (folder);
  return source != NULL ? g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE)
                        : NULL;
}

/* Whether SCHEMA has every key of REFERENCE, each of the same type. */
static gboolean
is_compatible (GSettingsSchema *schema,
               GSettingsSchema *reference)
{
  g_auto(GStrv) keys = NULL;

  if (schema == NULL)
    return FALSE;
  if (reference == NULL)
    return TRUE;
  keys = g_settings_schema_list_keys (reference);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) want = NULL;
      g_autoptr(GSettingsSchemaKey) have = NULL;

      if (!g_settings_schema_has_key (schema, keys[i]))
        return FALSE;
      want = g_settings_schema_get_key (reference, keys[i]);
      have = g_settings_schema_get_key (schema, keys[i]);
      if (!g_variant_type_equal (g_settings_schema_key_get_value_type (want),
                                 g_settings_schema_key_get_value_type (have)))
        return FALSE;
    }
  return TRUE;
}

/* Whether this program is the one in the build tree it was built in. */
static gboolean
runs_from_build_tree (void)
{
#ifdef CA_BUILD_ROOT
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, CA_BUILD_ROOT G_DIR_SEPARATOR_S);
#else
  return FALSE;
#endif
}

static gpointer
choose_schema (gpointer data)
{
  Choice *choice = g_new0 (Choice, 1);
  g_autoptr(GSettingsSchema) reference = load_bundled_schema ();
  GSettingsSchemaSource *default_source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema = NULL;

  /* 1. Installed, or where GSETTINGS_SCHEMA_DIR points. */
  if (default_source != NULL)
    schema = g_settings_schema_source_lookup (default_source, APPLICATION_ID, TRUE);

  /* 2. The build tree's, for the binary built there. */
#ifdef CA_BUILD_SCHEMA_DIR
  if (!is_compatible (schema, reference) && runs_from_build_tree ())
    {
      g_autofree char *compiled = g_build_filename (CA_BUILD_SCHEMA_DIR, "gschemas.compiled",
                                                    NULL);

      if (g_file_test (compiled, G_FILE_TEST_IS_REGULAR))
        {
          g_autoptr(GSettingsSchemaSource) source = NULL;

          source = g_settings_schema_source_new_from_directory (CA_BUILD_SCHEMA_DIR, NULL,
                                                                FALSE, NULL);
          if (source != NULL)
            {
              g_clear_pointer (&schema, g_settings_schema_unref);
              schema = g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE);
            }
        }
    }
#endif

  if (is_compatible (schema, reference))
    {
      choice->schema = schema;
      return choice;
    }
  g_clear_pointer (&schema, g_settings_schema_unref);

  /* 3. The copy built in, kept in memory: defaults now, nothing kept after. */
  g_printerr (_("case-audit: the settings schema %s is not installed (or is out of date), so "
                "Case Audit starts with its default settings and will not keep changes to "
                "them. Install Case Audit, or start it with build-aux/run.sh.\n"),
              APPLICATION_ID);
  choice->schema = g_steal_pointer (&reference);
  choice->backend = g_memory_settings_backend_new ();
  return choice;
}

/**
 * ca_settings_new:
 *
 * The application's settings (io.github.caseaudit.CaseAudit). Never aborts for want of a
 * schema: see the top of this file. All settings made in one process share one store.
 *
 * Returns: (transfer full): a new #GSettings
 */
GSettings *
ca_settings_new (void)
{
  static GOnce once = G_ONCE_INIT;
  const Choice *choice = g_once (&once, choose_schema, NULL);

  /* The compiled-in copy always loads; this only guards against a resource left out of
   * the build, and then GSettings' own message is the clearest one. */
  if (choice->schema == NULL)
    return g_settings_new (APPLICATION_ID);
  return g_settings_new_full (choice->schema, choice->backend, NULL);
}
