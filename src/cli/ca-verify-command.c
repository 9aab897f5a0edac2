// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit verify: checks a database whole — integrity, links, the change history's chain
// and protection, who may read it — and reports each problem in words.

#define G_LOG_DOMAIN "ca-verify-command"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-command-line-private.h"
#include "ca-database.h"

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
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = NULL;
  guint n_problems;
  GOptionEntry entries[] = {
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("The database to check (default: the usual one)")),
    { NULL }
  };

  if (!ca_command_line_parse (COMMAND, NULL,
                              _("Checks a database whole and reports each problem found:\n"
                                "damage to the file, records that point at records that are\n"
                                "not there, changes made to the change history outside Case\n"
                                "Audit (every row of its chain, and the triggers that protect\n"
                                "it), and whether other people using this computer can read\n"
                                "the file. Opening it first, as every command does, makes the\n"
                                "file private and puts the history's protection back, and\n"
                                "says so. The status is 0 when all is well and 1 when\n"
                                "something is wrong."),
                              entries, CA_COMMAND_LINE_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;
  if (argc > 1)
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE,
                                   _("unexpected “%s”; name the database with --database FILE."),
                                   argv[1]);
    }

  /* A mistyped path makes no database. */
  database = ca_command_line_open_database (path, FALSE, &error);
  if (database == NULL)
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
    }

  problems = ca_database_verify (database, &error);
  if (problems == NULL)
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
    }

  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *) problems->pdata[i]);

  n_problems = problems->len + count_problem_notices (database);
  if (n_problems > 0)
    {
      g_print (g_dngettext (NULL, "%s: %u problem found.\n", "%s: %u problems found.\n",
                            n_problems),
               ca_database_get_path (database), n_problems);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  g_print (_("%s: all is well — the file is whole, every record points at one that exists, "
             "the change history is unbroken and protected, and only its owner can read it.\n"),
           ca_database_get_path (database));
  return 0;
}
