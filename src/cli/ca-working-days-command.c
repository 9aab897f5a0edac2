// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit working-days: counts working days in England and Wales from a date or between two.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-bank-holidays.h"
#include "ca-command-line-private.h"
#include "ca-date.h"
#include "ca-holiday-store.h"

/* The most working days "working-days add" takes: about four centuries. */
#define MAX_WORKING_DAYS 100000

/* The bank holidays of the database at PATH (the shipped list over the rules, with the years
 * it has stored on top), or the shipped ones when PATH is NULL. */
static CaHolidayCalendar *
load_calendar (const char  *path,
               GError     **error)
{
  g_autoptr(CaDatabase) database = NULL;

  if (path == NULL)
    return ca_bank_holidays_load_default (error);

  database = ca_command_line_open_database (path, FALSE, error);
  if (database == NULL)
    return NULL;
  return ca_holiday_store_load_calendar (database, error);
}

int
ca_working_days_command_run (int    argc,
                             char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autofree char *path = NULL;
  GOptionEntry entries[] = {
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("Count with the bank holidays stored in this database (default: the list Case Audit ships)")),
    { NULL }
  };
  const char *action;
  GDate from, to;
  guint64 n = 0;

  if (!ca_command_line_parse ("working-days",
                              _("working-days add DATE N | between DATE1 DATE2"),
                              _("Counts working days in England and Wales: Monday to Friday\n"
                                "except bank holidays (the official list for 2017–2027, the\n"
                                "usual rules for other years; with --database, the bank\n"
                                "holidays imported into it as well). Dates are written\n"
                                "YYYY-MM-DD.\n\n"
                                "  add DATE N           prints the date N working days after DATE\n"
                                "  between DATE1 DATE2  prints the number of working days after\n"
                                "                       DATE1 up to and including DATE2\n"
                                "                       (negative when DATE2 is earlier)"),
                              entries, CA_COMMAND_LINE_ANY_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;

  action = argc > 1 ? argv[1] : NULL;
  if (g_strcmp0 (action, "add") == 0)
    {
      if (argc != 4)
        {
          return ca_command_line_fail ("working-days add", CA_COMMAND_LINE_EXIT_USAGE,
                                       _("give a date and a number of working days, "
                                         "e.g. “add 2021-12-23 3”."));
        }
      if (!ca_command_line_parse_date ("working-days", argv[2], &from))
        return CA_COMMAND_LINE_EXIT_USAGE;
      if (!g_ascii_string_to_unsigned (argv[3], 10, 0, MAX_WORKING_DAYS, &n, NULL))
        {
          return ca_command_line_fail ("working-days", CA_COMMAND_LINE_EXIT_USAGE,
                                       _("“%s” is not a number of working days; give a "
                                         "whole number from 0 to %d."), argv[3], MAX_WORKING_DAYS);
        }
    }
  else if (g_strcmp0 (action, "between") == 0)
    {
      if (argc != 4)
        {
          return ca_command_line_fail ("working-days between", CA_COMMAND_LINE_EXIT_USAGE,
                                       _("give two dates, "
                                         "e.g. “between 2021-12-23 2022-01-04”."));
        }
      if (!ca_command_line_parse_date ("working-days", argv[2], &from) ||
          !ca_command_line_parse_date ("working-days", argv[3], &to))
        return CA_COMMAND_LINE_EXIT_USAGE;
    }
  else
    {
      if (action == NULL)
        g_printerr (_("case-audit working-days: say what to count: “add DATE N” or "
                      "“between DATE1 DATE2”.\n"));
      else
        g_printerr (_("case-audit working-days: “%s” is not something it can do; say “add DATE N” "
                      "or “between DATE1 DATE2”.\n"), action);
      ca_command_line_usage_hint ("working-days");
      return CA_COMMAND_LINE_EXIT_USAGE;
    }

  calendar = load_calendar (path, &error);
  if (calendar == NULL)
    {
      return ca_command_line_fail ("working-days", CA_COMMAND_LINE_EXIT_FAILED,
                                   "%s", error->message);
    }

  if (g_strcmp0 (action, "add") == 0)
    {
      g_autofree char *text = NULL;
      GDate result;

      ca_working_days_add (calendar, &from, (guint) n, &result);
      text = ca_date_format (&result);
      g_print ("%s\n", text);
    }
  else
    {
      g_print ("%d\n", ca_working_days_between (calendar, &from, &to));
    }
  return 0;
}
