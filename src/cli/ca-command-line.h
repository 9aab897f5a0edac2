// SPDX-License-Identifier: GPL-3.0-or-later
// The subcommands of case-audit that run without a window: demo, import, export and more.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a command's exit status tells the script that ran it. Every command returns one of
 * these and no other number, so scripts (and tests/cli/) can rely on them. */
typedef enum
{
  CA_COMMAND_LINE_EXIT_OK = 0,      /* done; verify: all is well */
  CA_COMMAND_LINE_EXIT_FAILED = 1,  /* the work failed (a bad file, a missing database…) or
                                     * verify found a problem; what is written stays whole */
  CA_COMMAND_LINE_EXIT_USAGE = 2,   /* the command was used wrongly: nothing was done */
} CaCommandLineExit;

gboolean  ca_command_line_is_command         (const char *name);
int       ca_command_line_run                (int         argc,
                                              char      **argv);
char     *ca_command_line_describe_commands  (void);

/* ca-command-line-dispatch.c */
gboolean  ca_command_line_dispatch           (char      **argv,
                                              int        *exit_status);

G_END_DECLS
