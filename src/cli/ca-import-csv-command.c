// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit import teams, staff, cases, audits and moderations: the CSV lists, read once and
// checked whole, then written whole or not at all.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-command-line-private.h"
#include "ca-import.h"

/* After the rows that have one: each value that matched no code, what it could be, and the
 * --map that would say what it stands for. */
static void
print_unmatched (CaImportReport *report)
{
  for (guint i = 0; i < ca_import_report_get_n_unmatched (report); i++)
    {
      const CaImportUnmatched *unmatched = ca_import_report_get_unmatched (report, i);
      g_autofree char *description = ca_import_report_describe_unmatched (report, i);
      g_autofree char *mapping = g_strdup_printf ("%s:%s=CODE", unmatched->field,
                                                  unmatched->value);
      g_autofree char *quoted = g_shell_quote (mapping);

      g_printerr ("%s\n", description);
      /* Translators: %s is a shell-quoted FIELD:VALUE=CODE for the --map option. */
      g_printerr (_("  To import it as one of them, add --map %s to the command.\n"), quoted);
    }
}

static void
print_notes (CaImportReport *report,
             gboolean        to_stderr)
{
  for (const char * const *note = ca_import_report_get_notes (report); *note != NULL; note++)
    if (to_stderr)
      g_printerr ("%s\n", *note);
    else
      g_print ("%s\n", *note);
}

/* A CSV list: read once (a pipe or a FIFO too), checked whole, then written whole or not
 * at all. */
int
ca_csv_command_import (const CaKindOptions  *options,
                       int                   n_words,
                       char                **words,
                       CaImportKind          kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CaImportPreview) preview = NULL;
  g_autoptr(CaImportMapping) mapping = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaImportReport) report = NULL;
  g_autofree char *summary = NULL;
  const char *name = ca_import_kind_to_string (kind);
  CaImportFormat format = CA_IMPORT_FORMAT_CANONICAL;

  if (options->format != NULL && !ca_import_format_from_string (options->format, &format))
    {
      g_printerr (_("case-audit import %s: “%s” is not a format it knows; use annex-a-6, "
                    "annex-a-7, annex-a-8 or ssda903-header.\n"), name, options->format);
      return CA_COMMAND_LINE_EXIT_USAGE;
    }
  if (!ca_import_format_supports_kind (format, kind))
    {
      g_printerr (_("case-audit import %s: --format %s describes cases; use it with "
                    "“import cases”.\n"), name, options->format);
      return CA_COMMAND_LINE_EXIT_USAGE;
    }
  if (n_words != 1)
    {
      g_printerr (_("case-audit import %s: give one CSV file, e.g. “import %s %s.csv”.\n"),
                  name, name, name);
      return CA_COMMAND_LINE_EXIT_USAGE;
    }

  /* Read whole before the database is opened: an unreadable, empty or huge file is turned
   * away without touching it, and a pipe is read once, here, for good. */
  file = g_file_new_for_commandline_arg (words[0]);
  preview = ca_import_preview_read (file, 0, NULL, &error);
  if (preview == NULL)
    {
      g_printerr ("case-audit import %s: %s: %s\n", name, words[0], error->message);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }
  mapping = ca_import_mapping_new_from_header (kind, format,
                                               ca_import_preview_get_header (preview));
  if (!ca_import_mapping_check (mapping, &error))
    {
      g_printerr ("case-audit import %s: %s: %s\n", name, words[0], error->message);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }
  for (guint i = 0; options->maps != NULL && options->maps[i] != NULL; i++)
    if (!ca_import_mapping_add_value_text (mapping, options->maps[i], &error))
      {
        g_printerr ("case-audit import %s: --map %s: %s\n", name, options->maps[i],
                    error->message);
        return CA_COMMAND_LINE_EXIT_USAGE;
      }

  database = ca_command_line_open_database (options->database_path, TRUE, &error);
  if (database == NULL)
    {
      g_printerr ("case-audit import %s: %s\n", name, error->message);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  /* The rows are checked against the database, so a refused file may only be known once
   * it is open: a database this command made is then removed again. */
  report = ca_import_run (database, mapping, preview, NULL, &error);
  if (report == NULL)
    {
      ca_database_discard_if_new (&database);
      if (g_error_matches (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BAD_MAPPING))
        {
          g_printerr ("case-audit import %s: --map: %s\n", name, error->message);
          return CA_COMMAND_LINE_EXIT_USAGE;
        }
      g_printerr ("case-audit import %s: %s: %s\n", name, words[0], error->message);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  summary = ca_import_report_describe (report);
  if (!ca_import_report_get_succeeded (report))
    {
      ca_database_discard_if_new (&database);
      for (guint i = 0; i < ca_import_report_get_n_errors (report); i++)
        g_printerr (_("line %u: %s\n"), ca_import_report_get_error_line (report, i),
                    ca_import_report_get_error_message (report, i));
      print_unmatched (report);
      print_notes (report, TRUE);
      g_printerr ("case-audit import %s: %s: %s\n", name, words[0], summary);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  g_print ("%s\n", summary);
  print_notes (report, FALSE);
  return 0;
}
