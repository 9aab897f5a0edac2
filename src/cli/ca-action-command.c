// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit action: an audit's action marked done or signed off (R-I2, seed 02). The options,
// the action's number and the days of both are parsed here, once, and the database opened;
// "done" and "sign-off" are a file each.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-command-line-private.h"

#define COMMAND "action"

/* TEXT as an action's number (from 1), or FALSE with the message said. */
static gboolean
parse_id (const char *command,
          const char *text,
          gint64     *action_id)
{
  if (ca_command_line_parse_id (text, action_id))
    return TRUE;
  ca_command_line_fail (command, CA_COMMAND_LINE_EXIT_USAGE,
                        _("“%s” is not an action number: give the number of one of an "
                          "audit’s actions, as “deadlines --json” shows them (its “id”)."),
                        text != NULL ? text : "");
  ca_command_line_usage_hint (command);
  return FALSE;
}

int
ca_action_command_run (int    argc,
                       char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *by = NULL;
  g_autofree char *on = NULL;
  g_autofree char *evidence = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  CaActionRequest request = { NULL, };
  const char *what;
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who marks it done, or signs it off (a staff ID)"), N_("ID") },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("The day it was done or signed off, YYYY-MM-DD (default: today)"), N_("DATE") },
    { "evidence", 0, 0, G_OPTION_ARG_STRING, &evidence, N_("done: what shows the action is done (required)"), N_("TEXT") },
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("The database to use (default: the usual one)")),
    { NULL }
  };

  if (!ca_command_line_parse (COMMAND, _("done ACTION_ID | sign-off ACTION_ID"),
                              _("Records the progress of one of an audit’s actions.\n\n"
                                "  done ACTION_ID      marks it done on --on (today when not\n"
                                "                      given) by --by ID, with --evidence TEXT:\n"
                                "                      not before the audit was submitted, and\n"
                                "                      not after today\n"
                                "  sign-off ACTION_ID  signs it off, once done, by --by ID: only\n"
                                "                      the line manager of the case’s allocated\n"
                                "                      social worker can\n\n"
                                "Each is kept in the action’s change history."),
                              entries, CA_COMMAND_LINE_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;

  what = argc > 1 ? argv[1] : NULL;

  if (g_strcmp0 (what, "done") == 0 || g_strcmp0 (what, "sign-off") == 0)
    {
      gboolean done = g_str_equal (what, "done");
      g_autofree char *command = g_strdup_printf ("%s %s", COMMAND, what);

      if (argc != 3)
        {
          g_printerr (done ? _("case-audit %s: give one action number, e.g. “action done 1234 "
                               "--by S0012 --evidence \"Visited, child seen alone\"”.\n")
                           : _("case-audit %s: give one action number, e.g. “action sign-off "
                               "1234 --by S0012”.\n"), command);
          ca_command_line_usage_hint (COMMAND);
          return CA_COMMAND_LINE_EXIT_USAGE;
        }
      if (by == NULL)
        return ca_command_line_fail (command, CA_COMMAND_LINE_EXIT_USAGE,
                                     done ? _("say who marks it done: --by STAFF_ID.")
                                          : _("say who signs it off: --by STAFF_ID."));
      if (done && evidence == NULL)
        return ca_command_line_fail (command, CA_COMMAND_LINE_EXIT_USAGE,
                                     _("say what shows it is done: --evidence TEXT."));
      if (!done && evidence != NULL)
        return ca_command_line_fail (command, CA_COMMAND_LINE_EXIT_USAGE,
                                     _("a sign-off takes no --evidence: the evidence is given "
                                       "when the action is marked done."));
      if (!parse_id (command, argv[2], &request.action_id) ||
          !ca_command_line_parse_on (command, on, &request.on) ||
          !ca_command_line_parse_on (command, NULL, &request.today))
        return CA_COMMAND_LINE_EXIT_USAGE;

      database = ca_command_line_open_database (path, FALSE, &error);
      if (database == NULL)
        return ca_command_line_fail (command, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
      request.database = database;
      request.by_ref = by;
      request.evidence = evidence;
      return done ? ca_action_done_command_run (&request)
                  : ca_action_sign_off_command_run (&request);
    }

  if (what == NULL)
    g_printerr (_("case-audit %s: say what to do: “done” or “sign-off”.\n"), COMMAND);
  else
    g_printerr (_("case-audit %s: “%s” is not something it does; it does “done” or "
                  "“sign-off”.\n"), COMMAND, what);
  ca_command_line_usage_hint (COMMAND);
  return CA_COMMAND_LINE_EXIT_USAGE;
}
