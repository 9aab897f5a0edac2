// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit import programme, export programme and export ical: the audit programme in and
// out, and the calendar out.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-calendar-store.h"
#include "ca-command-line-private.h"
#include "ca-ical-export.h"
#include "ca-programme-store.h"

/* import programme FILE | --example (R-C1, R-C2, R-C5) */
int
ca_programme_command_import (const CaKindOptions  *options,
                             int                   n_words,
                             char                **words)
{
  gboolean example = options->example;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaProgrammeFile) file = NULL;
  CaProgrammeImportResult result = { 0 };
  const char *name;

  if ((example && n_words != 0) || (!example && n_words != 1))
    {
      return ca_command_line_fail ("import programme", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("give one programme file, e.g. "
                                     "“import programme programme-2021.json”, or --example for the 2021 "
                                     "programme that comes with Case Audit."));
    }

  /* Read and checked in full before the database is opened: a bad file changes nothing. */
  name = example ? _("the example programme") : words[0];
  file = example ? ca_programme_file_load_example (&error)
                 : ca_programme_file_read (words[0], &error);
  if (file == NULL)
    {
      g_printerr ("case-audit import programme: %s: %s\n", name, error->message);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  database = ca_command_line_open_database (options->database_path, TRUE, &error);
  if (database == NULL || !ca_programme_store_import (database, file, &result, &error))
    {
      ca_database_discard_if_new (&database);
      return ca_command_line_fail ("import programme", CA_COMMAND_LINE_EXIT_FAILED,
                                   "%s", error->message);
    }

  /* TRANSLATORS: the file, then counts of programme entries added, updated and unchanged. */
  g_print (_("Imported the programme from %s: entries %u added, %u updated, %u unchanged; "
             "events %u added, %u updated, %u unchanged.\n"),
           name, result.entries_added, result.entries_updated, result.entries_unchanged,
           result.events_added, result.events_updated, result.events_unchanged);
  return 0;
}

/* export ical FILE [--staff STAFF_REF] (R-C4) */
int
ca_programme_command_export_ical (const CaKindOptions  *options,
                                  int                   n_words,
                                  char                **words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  gint64 staff_id = 0;
  guint n_events = 0;

  if (options->pdf_path != NULL || options->eml_path != NULL || options->version > 0)
    {
      return ca_command_line_fail ("export ical", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("%s is for another kind of export; a calendar "
                                     "takes only --staff."),
                                   options->pdf_path != NULL ? "--pdf"
                                   : options->eml_path != NULL ? "--eml" : "--version");
    }
  if (n_words != 1)
    {
      return ca_command_line_fail ("export ical", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("give the calendar file to write, e.g. "
                                     "“export ical programme.ics”, with --staff STAFF_ID to add that "
                                     "person’s deadlines."));
    }

  database = ca_command_line_open_database (options->database_path, FALSE, &error);
  if (database != NULL && options->staff_ref != NULL)
    staff_id = ca_calendar_store_find_staff (database, options->staff_ref, NULL, &error);
  if (database == NULL || (options->staff_ref != NULL && staff_id == 0))
    {
      return ca_command_line_fail ("export ical", CA_COMMAND_LINE_EXIT_FAILED,
                                   "%s", error->message);
    }
  if (!ca_ical_export_save (database, staff_id, words[0],
                            ca_command_line_output_flags (options->force), &n_events, &error))
    {
      ca_command_line_print_write_error ("export ical", error);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  g_print (g_dngettext (NULL, "Wrote %u event to %s.\n", "Wrote %u events to %s.\n", n_events),
           n_events, words[0]);
  return 0;
}

/* export programme YEAR FILE (R-C1): a year's programme as the file import programme reads. */
int
ca_programme_command_export (const CaKindOptions  *options,
                             int                   n_words,
                             char                **words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaProgrammeFile) file = NULL;
  guint64 year = 0;

  if (options->pdf_path != NULL || options->eml_path != NULL || options->version > 0 ||
      options->staff_ref != NULL)
    {
      return ca_command_line_fail ("export programme", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("a programme takes only the year and the file, and "
                                     "--force."));
    }
  if (n_words != 2 || !g_ascii_string_to_unsigned (words[0], 10, 1900, 9999, &year, NULL))
    {
      return ca_command_line_fail ("export programme", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("give the year and the file to write, e.g. "
                                     "“export programme 2027 programme-2027.json”."));
    }

  database = ca_command_line_open_database (options->database_path, FALSE, &error);
  if (database != NULL)
    file = ca_programme_store_read_year (database, (int) year, &error);
  if (file == NULL)
    {
      return ca_command_line_fail ("export programme", CA_COMMAND_LINE_EXIT_FAILED,
                                   "%s", error->message);
    }
  if (file->entries->len == 0 && file->events->len == 0)
    {
      return ca_command_line_fail ("export programme", CA_COMMAND_LINE_EXIT_FAILED,
                                   _("%s has no programme for %u."),
                                   options->database_path != NULL ? options->database_path
                                                                  : _("the database"),
                                   (guint) year);
    }
  if (!ca_programme_file_write (file, words[1], ca_command_line_output_flags (options->force),
                                &error))
    {
      ca_command_line_print_write_error ("export programme", error);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  /* TRANSLATORS: counts of programme entries and events, the year, then the file. */
  g_print (_("Wrote the %u programme (%u entries, %u events) to %s.\n"), (guint) year,
           file->entries->len, file->events->len, words[1]);
  return 0;
}
