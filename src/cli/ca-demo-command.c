// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit demo: fills an empty database with a generated demonstration authority.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>


#include "ca-command-line-private.h"
#include "ca-demo.h"

static void
print_progress (double   fraction,
                gpointer user_data)
{
  if (isatty (fileno (stderr)))
    g_printerr ("\r%3.0f%%", fraction * 100);
}

int
ca_demo_command_run (int    argc,
                     char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autofree char *path = NULL;
  g_autofree char *until = NULL;
  CaDemoOptions options;
  int seed = 1, years = 3;
  gint64 start;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed of the random choices (default 1)"), N_("N") },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("Years of history (default 3; 10 for the full scale)"), N_("N") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Last month of the data (default: this month)"), N_("YYYY-MM") },
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("The database to fill (default: the usual one)")),
    { NULL }
  };

  if (!ca_command_line_parse ("demo", "demo",
                              _("Fills an empty database with a realistic, made-up authority: "
                                "teams, staff, case files, audits, actions and moderations. "
                                "The same seed always gives the same data."),
                              entries, CA_COMMAND_LINE_NO_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;

  ca_demo_options_init (&options);
  if (seed < 0 || years < 1 || years > CA_DEMO_MAX_YEARS)
    {
      return ca_command_line_fail ("demo", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("the seed must be 0 or more and the years from 1 to %d."),
                                   CA_DEMO_MAX_YEARS);
    }
  if (until != NULL)
    {
      GDate first_day;

      if (!ca_command_line_parse_month ("demo", until, &first_day))
        return CA_COMMAND_LINE_EXIT_USAGE;
      options.until_year = g_date_get_year (&first_day);
      options.until_month = g_date_get_month (&first_day);
    }
  options.seed = (guint32) seed;
  options.years = (guint) years;

  if (path == NULL)
    path = ca_database_prepare_default_path ();

  start = g_get_monotonic_time ();
  database = ca_command_line_open_database (path, TRUE, &error);
  if (database == NULL ||
      !ca_demo_generate (database, &options, print_progress, NULL, NULL, &error))
    {
      /* A database this command made goes again, with its log: a full disk leaves the
       * disk as it was. */
      ca_database_discard_if_new (&database);
      if (isatty (fileno (stderr)))
        g_printerr ("\r");
      return ca_command_line_fail ("demo", CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
    }

  if (isatty (fileno (stderr)))
    g_printerr ("\r");
  g_print (g_dngettext (NULL, "Generated %u year of demonstration data (seed %u) in %s in %.1f s.\n",
                        "Generated %u years of demonstration data (seed %u) in %s in %.1f s.\n",
                        options.years),
           options.years, options.seed, path, (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
