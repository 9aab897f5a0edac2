// SPDX-License-Identifier: GPL-3.0-or-later
// The application: one window per database, the command line's subcommands, about and shortcuts.

#define G_LOG_DOMAIN "ca-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ca-application.h"
#include "ca-command-line.h"
#include "ca-database.h"
#include "ca-settings.h"
#include "ca-window.h"

struct _CaApplication
{
  AdwApplication parent_instance;

  gint64         start_time;
  GSettings     *settings;   /* the process's one GSettings, made when first asked for */
};

G_DEFINE_FINAL_TYPE (CaApplication, ca_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database in FILE instead of the last one used"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, NULL },
  { NULL }
};

static CaWindow *
find_window (CaApplication *self,
             const char    *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CA_IS_WINDOW (l->data) && g_strcmp0 (ca_window_get_path (l->data), path) == 0)
      return l->data;
  return NULL;
}

static void
open_window (CaApplication *self,
             const char    *requested_path)
{
  g_autofree char *last = g_settings_get_string (ca_application_get_settings (self),
                                                 "last-database");
  g_autofree char *default_path = NULL;
  const char *path = requested_path;
  gboolean create = FALSE;
  CaWindow *window;

  /* No path given: the last database used, if it is still there; else the default,
   * which is created on first use. */
  if (path == NULL && last[0] != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
    path = last;
  if (path == NULL)
    {
      path = default_path = ca_database_prepare_default_path ();
      create = TRUE;
    }

  window = find_window (self, path);
  if (window == NULL)
    {
      window = ca_window_new (GTK_APPLICATION (self));
      ca_window_open_database (window, path, create);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CaApplication *self = user_data;
  const char *developers[] = { _("The Case Audit developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Case Audit"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Plan, carry out and learn from the audit of children's "
                                       "case files."),
                         "developer-name", _("The Case Audit developers"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/caseaudit/case-audit",
                         "issue-url", "https://github.com/caseaudit/case-audit/issues",
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *application = user_data;

  /* Closing each window saves its size before the application goes. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_entries[] = {
  { "about", about_action },
  { "quit", quit_action },
};

/* Subcommands run here, in the process that was started, without a display; the global
 * options may come before the command or after it. */
static gboolean
ca_application_local_command_line (GApplication   *application,
                                   char         ***arguments,
                                   int            *exit_status)
{
  if (ca_command_line_dispatch (*arguments, exit_status))
    return TRUE;

  return G_APPLICATION_CLASS (ca_application_parent_class)->local_command_line (application,
                                                                                arguments,
                                                                                exit_status);
}

static int
ca_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  g_autofree const char **remaining = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Case Audit"), PACKAGE_VERSION);
      return 0;
    }

  /* A word that is not a command is most likely a mistyped one: say so, do not guess. */
  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &remaining) &&
      remaining[0] != NULL)
    {
      g_printerr (_("case-audit: “%s” is not a command. Run “case-audit --help” to see the "
                    "commands.\n"), remaining[0]);
      return 2;
    }

  return -1;
}

static int
ca_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  CaApplication *self = CA_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *database = NULL;
  g_autofree char *absolute = NULL;

  /* The path is the caller's: resolve it against the caller's folder, not ours. */
  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                              database);
      absolute = g_file_get_path (file);
    }

  open_window (self, absolute);
  return 0;
}

static void
ca_application_activate (GApplication *application)
{
  open_window (CA_APPLICATION (application), NULL);
}

static void
ca_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (ca_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_entries,
                                   G_N_ELEMENTS (app_entries), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay",
                                         shortcuts_accels);
}

static void
ca_application_dispose (GObject *object)
{
  CaApplication *self = (CaApplication *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ca_application_parent_class)->dispose (object);
}

static void
ca_application_class_init (CaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ca_application_dispose;

  app_class->local_command_line = ca_application_local_command_line;
  app_class->handle_local_options = ca_application_handle_local_options;
  app_class->command_line = ca_application_command_line;
  app_class->activate = ca_application_activate;
  app_class->startup = ca_application_startup;
}

static void
ca_application_init (CaApplication *self)
{
  g_autofree char *description = ca_command_line_describe_commands ();

  self->start_time = g_get_monotonic_time ();

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[COMMAND [OPTION…]]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan, carry out and learn from the audit of "
                                              "children's case files."));
  g_application_set_option_context_description (G_APPLICATION (self), description);
}

CaApplication *
ca_application_new (void)
{
  return g_object_new (CA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/* Time since the application object was made, for the benchmark's start-up figures. */
double
ca_application_get_elapsed_ms (CaApplication *self)
{
  g_return_val_if_fail (CA_IS_APPLICATION (self), 0);

  return (g_get_monotonic_time () - self->start_time) / 1000.0;
}

/**
 * ca_application_get_settings:
 *
 * The one GSettings of the process: the last database's path, read before any window
 * exists, and then each window's size and each window's #CaContext. Made when first asked
 * for, so that a subcommand, which runs without a window, never makes it.
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
ca_application_get_settings (CaApplication *self)
{
  g_return_val_if_fail (CA_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = ca_settings_new ();
  return self->settings;
}
