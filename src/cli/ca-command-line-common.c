// SPDX-License-Identifier: GPL-3.0-or-later
// What every command does the same way: parse its options, report a mistake, open the
// database (with what opening found), write a file, read a date.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>

#include "ca-command-line-private.h"
#include "ca-date.h"
#include "ca-deadlines.h"
#include "ca-json-path.h"
#include "ca-stores.h"

/**
 * ca_command_line_parse:
 * @command: the command's name, for messages
 * @parameter: (nullable): what follows the options in --help's "Usage:" line
 * @summary: the description --help gives
 * @entries: the command's options, with its --database among them where --help lists it
 * @words: what may follow the options
 *
 * Parses a command's options, --help included; on a mistake prints it with a hint.
 *
 * Returns: %FALSE on a mistake (the command exits with %CA_COMMAND_LINE_EXIT_USAGE)
 */
gboolean
ca_command_line_parse (const char          *command,
                       const char          *parameter,
                       const char          *summary,
                       GOptionEntry        *entries,
                       CaCommandLineWords   words,
                       int                 *argc,
                       char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_ignore_unknown_options (context, words == CA_COMMAND_LINE_ANY_WORDS);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("case-audit %s: %s\n", command, error->message);
      ca_command_line_usage_hint (command);
      return FALSE;
    }
  if (words == CA_COMMAND_LINE_NO_WORDS && *argc > 1)
    {
      g_printerr (_("case-audit %s: unexpected “%s”.\n"), command, (*argv)[1]);
      ca_command_line_usage_hint (command);
      return FALSE;
    }
  return TRUE;
}

/* After a mistake in how a command was used: where to look. */
void
ca_command_line_usage_hint (const char *command)
{
  g_printerr (_("Run “case-audit %s --help” to see its options.\n"), command);
}

/**
 * ca_command_line_fail:
 * @command: the command, with its kind or action if any ("import tool")
 * @status: the exit status to return
 * @format: the message, printf-style, ending as it should be read (no newline)
 *
 * Prints "case-audit COMMAND: message" on stderr.
 *
 * Returns: @status, for "return ca_command_line_fail (…);"
 */
int
ca_command_line_fail (const char         *command,
                      CaCommandLineExit   status,
                      const char         *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("case-audit %s: %s\n", command, message);
  return status;
}

/* What opening found and did (the file made private, the history found altered), on
 * stderr: once per process, however often a command opens the file. */
void
ca_command_line_print_notices (CaDatabase *database)
{
  static GHashTable *printed;
  GPtrArray *notices = ca_database_get_notices (database);

  if (printed == NULL)
    printed = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < notices->len; i++)
    {
      const CaDatabaseNotice *notice = notices->pdata[i];

      if (g_hash_table_contains (printed, notice->message))
        continue;
      g_hash_table_add (printed, g_strdup (notice->message));
      g_printerr ("case-audit: %s\n", notice->message);
    }
}

/* The usual database unless PATH names one; its folder is made when CREATE allows a new
 * database there. Every command opens its database here, so none misses the notices. */
CaDatabase *
ca_command_line_open_database (const char  *path,
                               gboolean     create,
                               GError     **error)
{
  g_autofree char *default_path = NULL;
  CaDatabase *database;

  if (path == NULL)
    path = default_path = create ? ca_database_prepare_default_path ()
                                 : ca_database_get_default_path ();
  database = ca_stores_open (path,
                             create ? CA_DATABASE_OPEN_CREATE : CA_DATABASE_OPEN_DEFAULT,
                             error);
  if (database != NULL)
    ca_command_line_print_notices (database);
  return database;
}

/* What --force means to the file writers. */
CaOutputFileFlags
ca_command_line_output_flags (gboolean force)
{
  return force ? CA_OUTPUT_FILE_REPLACE : CA_OUTPUT_FILE_NEW_ONLY;
}

/* A file that could not be written; when it was only because one is there, how to
 * replace it. */
void
ca_command_line_print_write_error (const char   *command,
                                   const GError *error)
{
  g_printerr ("case-audit %s: %s\n", command, error->message);
  if (g_error_matches (error, CA_OUTPUT_FILE_ERROR, CA_OUTPUT_FILE_ERROR_EXISTS))
    g_printerr (_("Give another file name, or add --force to replace it.\n"));
}

/* What BUILDER built, printed for --json: two spaces an indent, as every command writes it. */
void
ca_command_line_print_json (JsonBuilder *builder)
{
  g_autofree char *text = ca_json_to_text (builder, TRUE);

  g_print ("%s\n", text);
}

/* A date given to COMMAND; when it is none, says so. */
gboolean
ca_command_line_parse_date (const char *command,
                            const char *text,
                            GDate      *date)
{
  if (text != NULL && ca_date_parse (text, date))
    return TRUE;
  g_printerr (_("case-audit %s: “%s” is not a real date; write dates as YYYY-MM-DD.\n"),
              command, text != NULL ? text : "");
  return FALSE;
}

/* --on: TEXT as a date, or today in England when it is NULL; FALSE with the message said. */
gboolean
ca_command_line_parse_on (const char *command,
                          const char *text,
                          GDate      *day)
{
  g_autoptr(GDateTime) now = NULL;

  if (text != NULL)
    return ca_command_line_parse_date (command, text, day);
  now = g_date_time_new_now_utc ();
  ca_deadline_get_local_date (now, day);
  return TRUE;
}

/* TEXT as "YYYY-MM" (FIRST_DAY, nullable, its first day), or FALSE with the message said. */
gboolean
ca_command_line_parse_month (const char *command,
                             const char *text,
                             GDate      *first_day)
{
  if (ca_date_parse_month (text, first_day))
    return TRUE;
  ca_command_line_fail (command, CA_COMMAND_LINE_EXIT_USAGE,
                        _("“%s” is not a month; write it as YYYY-MM, for example 2021-03."),
                        text != NULL ? text : "");
  return FALSE;
}

/* A seed from 0 to 2^63 − 1, so that one stored in the database reads back as the same
 * number; or FALSE with the message said. */
gboolean
ca_command_line_parse_seed (const char *command,
                            const char *text,
                            guint64    *seed)
{
  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, seed, NULL))
    return TRUE;
  g_printerr (_("case-audit %s: the seed must be a whole number from 0 to %" G_GINT64_FORMAT
                ", not “%s”.\n"), command, G_MAXINT64, text != NULL ? text : "");
  return FALSE;
}

/* TEXT as a row's number (an audit's, an event's, a run's…): a whole number from 1 to
 * 2^63 − 1, as SQLite numbers rows. FALSE, with nothing said, when it is not one (or NULL):
 * the caller's message names what the number was to be. */
gboolean
ca_command_line_parse_id (const char *text,
                          gint64     *id)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* Finds the KIND in (*argv)[1] and runs it with the words after it. */
int
ca_command_line_run_kind (const char           *command,
                          const CaKind         *kinds,
                          guint                 n_kinds,
                          const CaKindOptions  *options,
                          int                   argc,
                          char                **argv)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const char *kind = argc > 1 ? argv[1] : NULL;

  /* The words were parsed with unknown options left in, so a misspelt one is still here. */
  for (int i = 1; i < argc; i++)
    if (argv[i][0] == '-' && argv[i][1] != '\0')
      {
        g_printerr (_("case-audit %s: unknown option “%s”.\n"), command, argv[i]);
        ca_command_line_usage_hint (command);
        return CA_COMMAND_LINE_EXIT_USAGE;
      }

  for (guint i = 0; i < n_kinds; i++)
    {
      if (g_strcmp0 (kinds[i].name, kind) == 0)
        return kinds[i].run (options, argc - 2, argv + 2);
      g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", kinds[i].name);
    }

  if (kind == NULL)
    g_printerr (_("case-audit %s: say what kind of thing to %s: %s.\n"), command, command,
                names->str);
  else
    g_printerr (_("case-audit %s: “%s” is not something it can %s; it can %s %s.\n"),
                command, kind, command, command, names->str);
  ca_command_line_usage_hint (command);
  return CA_COMMAND_LINE_EXIT_USAGE;
}
