// SPDX-License-Identifier: GPL-3.0-or-later
// Finds the command in "case-audit [--database FILE] COMMAND …", wherever the global options
// are, and names a mistyped command or a misplaced option as such.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ca-command-line-private.h"

/* The options that belong to case-audit itself and to every command that opens a
 * database: they may come before the command or after it. */
static gboolean
is_global_option (const char  *arg,
                  gboolean    *takes_next)
{
  *takes_next = FALSE;
  if (g_str_equal (arg, "--database") || g_str_equal (arg, "-d"))
    {
      *takes_next = TRUE;
      return TRUE;
    }
  return g_str_has_prefix (arg, "--database=") || (g_str_has_prefix (arg, "-d") && arg[2] != '\0');
}

static gboolean
is_option (const char *arg)
{
  return arg[0] == '-' && arg[1] != '\0';
}

/* "seed" for "--seed" and "--seed=3", "f" for "-f" and "-fannex-a-6". */
static char *
option_name (const char *arg)
{
  if (g_str_has_prefix (arg, "--"))
    return g_strndup (arg + 2, strcspn (arg + 2, "="));
  return g_strndup (arg + 1, 1);
}

/* Whether NAME is one of COMMAND's options, as the table of commands lists them. */
static gboolean
command_has_option (const CaCommand *command,
                    const char      *name)
{
  g_auto(GStrv) names = g_strsplit (command->options, " ", -1);

  return name[0] != '\0' && g_strv_contains ((const char * const *) names, name);
}

/* An option written before COMMAND that is not a global one: say where it belongs. */
static void
report_misplaced (const char *arg,
                  const char *command)
{
  g_autofree char *name = option_name (arg);
  g_autofree char *shown = g_strdup (arg);
  const CaCommand *commands;
  guint n_commands;

  /* "--seed=3" is shown as "--seed": the value is the user's, not part of the advice. */
  shown[strcspn (shown, "=")] = '\0';
  if (g_str_equal (name, "help") || g_str_equal (name, "h"))
    return;
  if (command_has_option (ca_command_line_find_command (command), name))
    {
      g_printerr (_("case-audit: %s is an option of “%s”: write it after the command, as in "
                    "“case-audit %s %s …”.\n"), shown, command, command, shown);
      return;
    }
  g_printerr (_("case-audit: %s is not an option of “%s”. Run “case-audit %s --help” to see "
                "its options.\n"), shown, command, command);
  commands = ca_command_line_get_commands (&n_commands);
  for (guint i = 0; i < n_commands; i++)
    if (command_has_option (&commands[i], name))
      {
        g_printerr (_("(%s is an option of “%s”.)\n"), shown, commands[i].name);
        break;
      }
}

/**
 * ca_command_line_dispatch:
 * @argv: the program's arguments
 * @exit_status: (out): the status to exit with when this returns %TRUE
 *
 * Runs the command named in @argv, with the global options (--database FILE, -d FILE)
 * written before it handed to it: "case-audit --database F import teams t.csv" runs as
 * "case-audit import --database F teams t.csv". An option before the command that is not a
 * global one, and a first word that is no command, are reported.
 *
 * Returns: %FALSE when @argv names no command, so the window is to be opened (with
 * --database, if given); %TRUE when a command ran or a mistake was reported.
 */
gboolean
ca_command_line_dispatch (char **argv,
                          int   *exit_status)
{
  g_autoptr(GPtrArray) globals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) command_argv = NULL;
  const char *misplaced = NULL;
  gboolean wants_help = FALSE;
  int argc, word = -1, command = -1;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, FALSE);
  g_return_val_if_fail (exit_status != NULL, FALSE);

  argc = (int) g_strv_length (argv);

  /* The global options and their values are passed over; the first other option is
   * remembered, and the first word is where the command should be. */
  for (int i = 1; i < argc && word < 0; i++)
    {
      gboolean takes_next;

      if (g_str_equal (argv[i], "--"))
        break;
      if (is_global_option (argv[i], &takes_next))
        {
          /* "-dFILE" as "-d FILE": the commands' parser takes a letter's value apart. */
          if (!takes_next && argv[i][1] == 'd')
            {
              g_ptr_array_add (globals, g_strdup ("-d"));
              g_ptr_array_add (globals, g_strdup (argv[i] + 2));
            }
          else
            g_ptr_array_add (globals, g_strdup (argv[i]));
          if (takes_next && i + 1 < argc)
            g_ptr_array_add (globals, g_strdup (argv[++i]));
        }
      else if (is_option (argv[i]))
        {
          if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
            wants_help = TRUE;
          else if (misplaced == NULL)
            misplaced = argv[i];
        }
      else
        word = i;
    }

  if (word < 0)
    return FALSE;

  if (ca_command_line_is_command (argv[word]))
    command = word;
  else if (misplaced != NULL)
    {
      /* "--seed 3 demo": the first word is the option's value; the command comes later. */
      for (int i = word + 1; i < argc && command < 0; i++)
        if (ca_command_line_is_command (argv[i]))
          command = i;
      if (command < 0)
        return FALSE;  /* the window's own parser names the unknown option */
    }
  else
    {
      g_printerr (_("case-audit: “%s” is not a command. Run “case-audit --help” to see the "
                    "commands.\n"), argv[word]);
      *exit_status = CA_COMMAND_LINE_EXIT_USAGE;
      return TRUE;
    }

  if (misplaced != NULL)
    {
      report_misplaced (misplaced, argv[command]);
      *exit_status = CA_COMMAND_LINE_EXIT_USAGE;
      return TRUE;
    }

  /* case-audit COMMAND GLOBALS… [--help] WORDS-AFTER-THE-COMMAND… */
  command_argv = g_ptr_array_new ();
  g_ptr_array_add (command_argv, argv[0]);
  g_ptr_array_add (command_argv, argv[command]);
  for (guint i = 0; i < globals->len; i++)
    g_ptr_array_add (command_argv, globals->pdata[i]);
  if (wants_help)
    g_ptr_array_add (command_argv, (char *) "--help");
  for (int i = command + 1; i < argc; i++)
    g_ptr_array_add (command_argv, argv[i]);
  g_ptr_array_add (command_argv, NULL);

  *exit_status = ca_command_line_run ((int) command_argv->len - 1,
                                      (char **) command_argv->pdata);
  return TRUE;
}
