// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit event: add, list and remove the programme's dated events (R-C2): moderation
// panels, manager audit workshops, triangulation meetings; and a panel's audits and
// conclusions (R-H5, ca-event-panel-command.c).

#define G_LOG_DOMAIN "ca-event-command"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-command-line-private.h"
#include "ca-database.h"
#include "ca-date.h"
#include "ca-programme-store.h"

#define COMMAND "event"

/* "moderation-panel, workshop, triangulation or other", for messages. */
static char *
describe_kinds (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *kind;
  guint n = 0;

  while (ca_programme_event_kind_nth (n) != NULL)
    n++;
  for (guint i = 0; (kind = ca_programme_event_kind_nth (i)) != NULL; i++)
    {
      if (i > 0)
        /* TRANSLATORS: between the kinds of event in a list, and before the last of them. */
        g_string_append (text, i + 1 < n ? ", " : _(" or "));
      g_string_append (text, kind);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static CaDatabase *
open_database (const char  *path,
               GError     **error)
{
  /* Events belong to a database that is already there: a mistyped path makes none. */
  return ca_command_line_open_database (path, FALSE, error);
}

static int
add_event (const char  *database_path,
           char       **words,
           const char  *notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaProgrammeEvent) event = NULL;
  gint64 id = 0;
  GDate date;

  /* The kind is checked here too, so the message can list the kinds there are. */
  if (!ca_programme_event_kind_is_valid (words[0]))
    {
      g_autofree char *kinds = describe_kinds ();

      return ca_command_line_fail (COMMAND " add", CA_COMMAND_LINE_EXIT_FAILED,
                                   _("“%s” is not a kind of event; use %s."), words[0], kinds);
    }

  if (!ca_date_parse (words[1], &date))
    {
      return ca_command_line_fail (COMMAND " add", CA_COMMAND_LINE_EXIT_FAILED,
                                   _("“%s” is not a real date; write dates as YYYY-MM-DD, "
                                     "e.g. 2021-03-15."), words[1]);
    }

  database = open_database (database_path, &error);
  if (database != NULL)
    {
      event = ca_programme_event_new (words[0], words[1], words[2],
                                      notes != NULL && *notes != '\0' ? notes : NULL);
      id = ca_programme_store_add_event (database, event, &error);
    }
  if (database == NULL || id == 0)
    {
      g_printerr ("case-audit %s add: %s\n", COMMAND, error->message);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  /* TRANSLATORS: the event's number, its kind, its date (YYYY-MM-DD) and its title. */
  g_print (_("Added event %" G_GINT64_FORMAT ": %s on %s, “%s”.\n"), id,
           ca_programme_event_kind_to_label (ca_programme_event_get_kind (event)),
           ca_programme_event_get_date (event), ca_programme_event_get_title (event));
  return 0;
}

static int
list_events (const char *database_path,
             const char *year_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(GPtrArray) events = NULL;
  guint64 year = 0;
  GDate from, to;

  if (year_text != NULL &&
      !g_ascii_string_to_unsigned (year_text, 10, 1, 9999, &year, NULL))
    {
      return ca_command_line_fail (COMMAND " list", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("“%s” is not a year; write it as YYYY, e.g. 2021."),
                                   year_text);
    }
  if (year > 0)
    {
      g_date_clear (&from, 1);
      g_date_clear (&to, 1);
      g_date_set_dmy (&from, 1, G_DATE_JANUARY, (GDateYear) year);
      g_date_set_dmy (&to, 31, G_DATE_DECEMBER, (GDateYear) year);
    }

  database = open_database (database_path, &error);
  if (database != NULL)
    events = ca_programme_store_list_events (database, year > 0 ? &from : NULL,
                                             year > 0 ? &to : NULL, &error);
  if (events == NULL)
    {
      g_printerr ("case-audit %s list: %s\n", COMMAND, error->message);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  if (events->len == 0)
    {
      if (year > 0)
        g_print (_("No events in %u.\n"), (guint) year);
      else
        g_print (_("No events.\n"));
      return 0;
    }
  for (guint i = 0; i < events->len; i++)
    {
      CaProgrammeEvent *event = events->pdata[i];

      g_print ("%6" G_GINT64_FORMAT "  %s  %-24s %s\n", ca_programme_event_get_id (event),
               ca_programme_event_get_date (event),
               ca_programme_event_kind_to_label (ca_programme_event_get_kind (event)),
               ca_programme_event_get_title (event));
    }
  return 0;
}

static int
remove_event (const char *database_path,
              const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  gint64 id;

  if (!ca_command_line_parse_id (number, &id))
    {
      return ca_command_line_fail (COMMAND " remove", CA_COMMAND_LINE_EXIT_FAILED,
                                   _("“%s” is not an event number; “case-audit event "
                                     "list” shows them."), number);
    }

  database = open_database (database_path, &error);
  if (database == NULL || !ca_programme_store_remove_event (database, id, NULL, NULL, NULL,
                                                                 &error))
    {
      g_printerr ("case-audit %s remove: %s\n", COMMAND, error->message);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }
  g_print (_("Removed event %" G_GINT64_FORMAT ".\n"), id);
  return 0;
}

int
ca_event_command_run (int    argc,
                      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *year = NULL;
  g_autofree char *panel_add = NULL;
  g_autofree char *panel_remove = NULL;
  g_autofree char *conclusions = NULL;
  gboolean json = FALSE;
  g_autofree char *kinds = describe_kinds ();
  g_autofree char *summary = NULL;
  const char *action;
  GOptionEntry entries[] = {
    /* As typed, like the title: the store checks both, and names the one that is not UTF-8
     * (GOption's own check would only say "Invalid byte sequence"). */
    { "notes", 0, 0, G_OPTION_ARG_FILENAME, &notes, N_("event add: a note to keep with the event"), N_("TEXT") },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year, N_("event list: only the events of this year"), N_("YYYY") },
    { "add", 0, 0, G_OPTION_ARG_STRING, &panel_add, N_("event panel: add this submitted audit to the panel’s list"), N_("AUDIT") },
    { "remove", 0, 0, G_OPTION_ARG_STRING, &panel_remove, N_("event panel: take this audit off the panel’s list"), N_("AUDIT") },
    { "conclusions", 0, 0, G_OPTION_ARG_FILENAME, &conclusions, N_("event panel: the panel’s conclusions (empty clears them)"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("event panel: show the panel as JSON"), NULL },
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("The database to use (default: the usual one)")),
    { NULL }
  };

  summary = g_strdup_printf (_("Adds, lists and removes the programme’s dated events: moderation\n"
                               "panels, manager audit workshops, triangulation meetings.\n\n"
                               "  add KIND DATE TITLE  adds an event and prints its number;\n"
                               "                       DATE is YYYY-MM-DD, KIND one of\n"
                               "                       %s\n"
                               "  list                 lists the events: number, date, kind, title\n"
                               "  remove NUMBER        removes the event with that number\n"
                               "  panel NUMBER         shows a moderation panel: the audits it\n"
                               "                       reviewed and its conclusions; with --add\n"
                               "                       AUDIT, --remove AUDIT or --conclusions\n"
                               "                       TEXT, changes them"),
                             kinds);
  if (!ca_command_line_parse (COMMAND, _("add KIND DATE TITLE | list | remove NUMBER | panel NUMBER"), summary,
                              entries, CA_COMMAND_LINE_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;

  action = argc > 1 ? argv[1] : NULL;
  if (g_strcmp0 (action, "panel") != 0 &&
      (panel_add != NULL || panel_remove != NULL || conclusions != NULL || json))
    {
      g_printerr (_("case-audit %s: --add, --remove, --conclusions and --json are for “event "
                    "panel NUMBER”.\n"), COMMAND);
      ca_command_line_usage_hint (COMMAND);
      return CA_COMMAND_LINE_EXIT_USAGE;
    }
  if (g_strcmp0 (action, "panel") == 0)
    {
      if (argc != 3 || notes != NULL || year != NULL)
        {
          g_printerr (_("case-audit %s panel: give the number of one moderation panel, e.g. "
                        "“event panel 12 --add 345”.\n"), COMMAND);
          ca_command_line_usage_hint (COMMAND);
          return CA_COMMAND_LINE_EXIT_USAGE;
        }
      return ca_event_panel_command_run (path, argv[2], panel_add, panel_remove, conclusions,
                                         json);
    }
  if (g_strcmp0 (action, "add") == 0)
    {
      if (argc != 5 || year != NULL)
        {
          g_printerr (_("case-audit %s add: give a kind, a date and a title, e.g. “event add "
                        "moderation-panel 2021-03-15 'March moderation panel'”.\n"), COMMAND);
          ca_command_line_usage_hint (COMMAND);
          return CA_COMMAND_LINE_EXIT_USAGE;
        }
      return add_event (path, argv + 2, notes);
    }
  if (g_strcmp0 (action, "list") == 0)
    {
      if (argc != 2 || notes != NULL)
        {
          g_printerr (_("case-audit %s list: takes no words, only --year YYYY.\n"), COMMAND);
          ca_command_line_usage_hint (COMMAND);
          return CA_COMMAND_LINE_EXIT_USAGE;
        }
      return list_events (path, year);
    }
  if (g_strcmp0 (action, "remove") == 0)
    {
      if (argc != 3 || notes != NULL || year != NULL)
        {
          g_printerr (_("case-audit %s remove: give the number of one event, e.g. “event "
                        "remove 12”.\n"), COMMAND);
          ca_command_line_usage_hint (COMMAND);
          return CA_COMMAND_LINE_EXIT_USAGE;
        }
      return remove_event (path, argv[2]);
    }

  if (action == NULL)
    g_printerr (_("case-audit %s: say what to do: “add KIND DATE TITLE”, “list”, "
                  "“remove NUMBER” or “panel NUMBER”.\n"), COMMAND);
  else
    g_printerr (_("case-audit %s: “%s” is not something it can do; say “add”, “list”, "
                  "“remove” or “panel”.\n"), COMMAND, action);
  ca_command_line_usage_hint (COMMAND);
  return CA_COMMAND_LINE_EXIT_USAGE;
}
