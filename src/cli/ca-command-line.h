// SPDX-License-Identifier: GPL-3.0-or-later
// The subcommands of case-audit that run without a window: demo, version, and more to come.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  ca_command_line_is_command         (const char *name);
int       ca_command_line_run                (int         argc,
                                              char      **argv);
char     *ca_command_line_describe_commands  (void);

/* ca-command-line-dispatch.c */
gboolean  ca_command_line_dispatch           (char      **argv,
                                              int        *exit_status);

G_END_DECLS
