// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit verify: checks a database whole — integrity, links, the change history's chain
// and protection, who may read it — and reports each problem in words.

#define G_LOG_DOMAIN "ca-verify-command"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-command-line-private.h"
#include "ca-database.h"
#include "ca-verify-command.h"

/* Exit statuses as the other commands use them: 0 all is well, 1 something is wrong (or
 * could not be checked), 2 misuse. */
#define EXIT_FAILED CA_COMMAND_LINE_EXIT_FAILED
#define EXIT_USAGE  CA_COMMAND_LINE_EXIT_USAGE

#define COMMAND "verify"

/* Notices of opening that are problems found, not only news: something was wrong. */
static guint
count_problem_notices (CaDatabase *database)
{
  GPtrArray *notices = ca_database_get_notices (database);
  guint n = 0;

  for (guint i = 0; i < notices->len; i++)
    if (((CaDatabaseNotice *) notices->pdata[i])->kind != CA_DATABASE_NOTICE_HISTORY_WAS_ALTERED)
      n++;
  return n;
}

int
ca_verify_command_run (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = NULL;
  guint n_problems;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &path, N_("The database to check (default: the usual one)"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Checks a database whole and reports each problem found:\n"
                                  "damage to the file, records that point at records that are\n"
                                  "not there, changes made to the change history outside Case\n"
                                  "Audit (every row of its chain, and the triggers that protect\n"
                                  "it), and whether other people using this computer can read\n"
                                  "the file. Opening it first, as every command does, makes the\n"
                                  "file private and puts the history's protection back, and\n"
                                  "says so. The status is 0 when all is well and 1 when\n"
                                  "something is wrong."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("case-audit %s: %s\n", COMMAND, error->message);
      g_printerr (_("Run “case-audit %s --help” to see its options.\n"), COMMAND);
      return EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr (_("case-audit %s: unexpected “%s”; name the database with --database FILE.\n"),
                  COMMAND, argv[1]);
      return EXIT_USAGE;
    }

  /* A mistyped path makes no database. */
  database = ca_command_line_open_database (path, FALSE, &error);
  if (database == NULL)
    {
      g_printerr ("case-audit %s: %s\n", COMMAND, error->message);
      return EXIT_FAILED;
    }

  problems = ca_database_verify (database, &error);
  if (problems == NULL)
    {
      g_printerr ("case-audit %s: %s\n", COMMAND, error->message);
      return EXIT_FAILED;
    }

  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *) problems->pdata[i]);

  n_problems = problems->len + count_problem_notices (database);
  if (n_problems > 0)
    {
      g_print (g_dngettext (NULL, "%s: %u problem found.\n", "%s: %u problems found.\n",
                            n_problems),
               ca_database_get_path (database), n_problems);
      return EXIT_FAILED;
    }

  g_print (_("%s: all is well — the file is whole, every record points at one that exists, "
             "the change history is unbroken and protected, and only its owner can read it.\n"),
           ca_database_get_path (database));
  return 0;
}
