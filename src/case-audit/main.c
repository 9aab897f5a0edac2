// SPDX-License-Identifier: GPL-3.0-or-later
// Starts Case Audit: the window, or a subcommand without one.

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ca-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CaApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = ca_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
