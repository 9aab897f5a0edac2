// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit version: the version of Case Audit and of its data.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-command-line-private.h"

int
ca_version_command_run (int    argc,
                        char **argv)
{
  GOptionEntry entries[] = { { NULL } };

  if (!ca_command_line_parse ("version", "version",
                              _("Shows the version of Case Audit and of its data."),
                              entries, CA_COMMAND_LINE_NO_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;

  g_print (_("Case Audit %s (data version %d)\n"), PACKAGE_VERSION,
           ca_database_get_latest_version ());
  return 0;
}
