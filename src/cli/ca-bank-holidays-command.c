// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit import bank-holidays: the official GOV.UK list, a year at a time.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-bank-holidays.h"
#include "ca-command-line-private.h"
#include "ca-holiday-store.h"
#include "ca-input-file.h"

int
ca_bank_holidays_command_import (const CaKindOptions  *options,
                                 int                   n_words,
                                 char                **words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaHolidayCalendar) file = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *contents = NULL;
  gsize length = 0;
  guint n_years = 0;
  GDateYear first, last;

  if (n_words != 1)
    {
      return ca_command_line_fail ("import bank-holidays", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("give one bank-holidays file, e.g. "
                                     "“import bank-holidays bank-holidays.json”."));
    }

  /* Read once, bounded, and checked before the database is opened: a bad file changes
   * nothing. */
  input = g_file_new_for_commandline_arg (words[0]);
  bytes = ca_input_file_read (input, CA_BANK_HOLIDAYS_MAX_FILE_SIZE, CA_INPUT_FILE_WAIT_SECONDS,
                              NULL, &error);
  if (bytes == NULL)
    {
      return ca_command_line_fail ("import bank-holidays", CA_COMMAND_LINE_EXIT_FAILED,
                                   "%s", error->message);
    }
  contents = g_bytes_get_data (bytes, &length);
  if (contents == NULL)
    contents = "";
  file = ca_bank_holidays_parse (contents, (gssize) length, &error);
  if (file == NULL)
    {
      g_printerr ("case-audit import bank-holidays: %s: %s\n", words[0], error->message);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }
  years = ca_holiday_calendar_get_table_years (file);
  if (years->len == 0)
    {
      return ca_command_line_fail ("import bank-holidays", CA_COMMAND_LINE_EXIT_FAILED,
                                   _("%s: the file lists no bank holidays, so "
                                     "there is nothing to import."), words[0]);
    }

  database = ca_command_line_open_database (options->database_path, TRUE, &error);
  if (database == NULL ||
      !ca_holiday_store_import_json (database, contents, length, &n_years, &error))
    {
      ca_database_discard_if_new (&database);
      return ca_command_line_fail ("import bank-holidays", CA_COMMAND_LINE_EXIT_FAILED,
                                   "%s", error->message);
    }

  first = g_array_index (years, GDateYear, 0);
  last = g_array_index (years, GDateYear, years->len - 1);
  if (first == last)
    g_print (_("Imported bank holidays for %u (1 year).\n"), (guint) first);
  else
    g_print (g_dngettext (NULL, "Imported bank holidays for %u–%u (%u year).\n",
                          "Imported bank holidays for %u–%u (%u years).\n", n_years),
             (guint) first, (guint) last, n_years);
  return 0;
}
