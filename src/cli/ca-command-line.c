// SPDX-License-Identifier: GPL-3.0-or-later
// The table of case-audit's commands: their names, summaries, entry points and options.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ca-command-line-private.h"

/* In the order "case-audit --help" lists them. The options are those a command's --help
 * lists, for the advice on one written before the command (ca-command-line-dispatch.c). */
static const CaCommand commands[] = {
  { "action", N_("Mark an audit’s action done, with its evidence, or sign it off as the worker’s line manager"),
    ca_action_command_run, "by on evidence database d" },
  { "agreement", N_("Show how far moderators agree with auditors’ grades: exact, within one, kappa"),
    ca_agreement_command_run, "from to by json database d" },
  { "allocate", N_("Preview, commit or cancel a month’s allocation of cases to auditors"),
    ca_allocate_command_run,
    "seed commit accept-unplaced json fixed percent closed-within service-area restricted "
    "strata emails runs cancel database d" },
  { "deadlines", N_("List what is due and overdue on a day: deadlines, responses, actions"),
    ca_deadlines_command_run, "on json database d" },
  { "demo", N_("Fill an empty database with a generated demonstration authority"),
    ca_demo_command_run, "seed years until database d" },
  { "escalate", N_("Escalate Category 1–3 audits not checked in time to their Head of Service"),
    ca_escalate_command_run, "on dry-run database d" },
  { "event", N_("Add, list or remove programme events: moderation panels, workshops, meetings; a panel’s audits and conclusions"),
    ca_event_command_run, "notes year add remove conclusions json database d" },
  { "export", N_("Write an audit tool or an audit’s PDF from the database to a file"),
    ca_export_command_run, "version pdf eml staff force database d" },
  { "import", N_("Read an audit tool, bank holidays, or a CSV list of teams, staff, cases, audits or moderations into the database"),
    ca_import_command_run, "database d format f map m example" },
  { "moderation", N_("Draw a month’s moderation sample, give each audit a moderator, list what waits; the share, due day and moderators’ capacity"),
    ca_moderation_command_run, "seed percent due-working-day commit moderator json database d" },
  { "tracker", N_("List the Inadequate audits a Head of Service follows, with actions and sign-off, or write them as a PDF"),
    ca_tracker_command_run, "head-of-service on all-categories service-area from to status json pdf force database d" },
  { "verify", N_("Check a database: its integrity, its links, its change history and who may read it"),
    ca_verify_command_run, "database d" },
  { "version", N_("Show the version of Case Audit and of its data"), ca_version_command_run, "" },
  { "working-days", N_("Count working days in England and Wales from a date or between two"),
    ca_working_days_command_run, "database d" },
};

const CaCommand *
ca_command_line_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (commands);
  return commands;
}

const CaCommand *
ca_command_line_find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

gboolean
ca_command_line_is_command (const char *name)
{
  return ca_command_line_find_command (name) != NULL;
}

/* Runs argv[1] with the arguments after it. */
int
ca_command_line_run (int    argc,
                     char **argv)
{
  const CaCommand *command;
  g_autofree char *program = NULL;
  g_autofree char **command_argv = NULL;

  g_return_val_if_fail (argc >= 2, CA_COMMAND_LINE_EXIT_USAGE);

  command = ca_command_line_find_command (argv[1]);
  g_return_val_if_fail (command != NULL, CA_COMMAND_LINE_EXIT_USAGE);

  /* The command's own parser sees "case-audit demo" as the program and then its options;
   * it rearranges this array of borrowed strings, never the caller's. */
  program = g_strdup_printf ("%s %s", argv[0], argv[1]);
  command_argv = g_new0 (char *, argc);
  command_argv[0] = program;
  for (int i = 2; i < argc; i++)
    command_argv[i - 1] = argv[i];

  return command->run (argc - 1, command_argv);
}

/* The list of commands for "case-audit --help". */
char *
ca_command_line_describe_commands (void)
{
  GString *text = g_string_new (_("Commands (they run without opening a window):"));
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));
  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-*s %s\n", width, commands[i].name, _(commands[i].summary));
  g_string_append (text, _("\nRun “case-audit COMMAND --help” for a command's options."));
  return g_string_free (text, FALSE);
}
