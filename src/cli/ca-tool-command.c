// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit import tool and export tool: audit tools in and out as JSON.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-command-line-private.h"
#include "ca-tool-file.h"
#include "ca-tool-store.h"

/* import tool FILE */
int
ca_tool_command_import (const CaKindOptions  *options,
                        int                   n_words,
                        char                **words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaToolDefinition) def = NULL;
  gboolean changed = FALSE;
  int imported = 0;

  if (n_words != 1)
    {
      return ca_command_line_fail ("import tool", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("give one tool file, e.g. "
                                     "“import tool stage-1.json”."));
    }

  /* The file is read and checked before the database is opened: a bad file changes
   * nothing, and does not even create a database. */
  def = ca_tool_file_read (words[0], &error);
  if (def == NULL)
    {
      return ca_command_line_fail ("import tool", CA_COMMAND_LINE_EXIT_FAILED,
                                   "%s", error->message);
    }

  database = ca_command_line_open_database (options->database_path, TRUE, &error);
  if (database == NULL)
    {
      return ca_command_line_fail ("import tool", CA_COMMAND_LINE_EXIT_FAILED,
                                   "%s", error->message);
    }

  if (ca_tool_store_import_read (database, def, words[0], &imported, &changed, &error) == 0)
    {
      ca_database_discard_if_new (&database);
      return ca_command_line_fail ("import tool", CA_COMMAND_LINE_EXIT_FAILED,
                                   "%s", error->message);
    }

  if (!changed)
    g_print (_("“%s” is unchanged (version %d).\n"), def->name, imported);
  else
    g_print (_("Imported “%s” as version %d.\n"), def->name, imported);
  return 0;
}

/* export tool CODE FILE [--version N] */
int
ca_tool_command_export (const CaKindOptions  *options,
                        int                   n_words,
                        char                **words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaToolDefinition) def = NULL;

  if (n_words != 2)
    {
      return ca_command_line_fail ("export tool", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("give the tool's code and a file to write, e.g. "
                                     "“export tool stage-1 stage-1.json”."));
    }
  if (options->pdf_path != NULL || options->eml_path != NULL)
    {
      return ca_command_line_fail ("export tool", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("%s is for “export audit”; a tool is written "
                                     "as JSON."), options->pdf_path != NULL ? "--pdf" : "--eml");
    }

  database = ca_command_line_open_database (options->database_path, FALSE, &error);
  if (database != NULL)
    def = ca_tool_store_export (database, words[0], options->version, words[1],
                                ca_command_line_output_flags (options->force), &error);
  if (def == NULL)
    {
      ca_command_line_print_write_error ("export tool", error);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  g_print (_("Exported “%s” version %d to %s.\n"), def->name, def->version, words[1]);
  return 0;
}
