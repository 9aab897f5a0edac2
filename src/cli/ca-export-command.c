// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit export: writes something from the database to a file, KIND saying what; and
// "export audit", the audit's PDF and its e-mail to the managers.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-notification.h"
#include "ca-audit-report.h"
#include "ca-command-line-private.h"

static const CaKind export_kinds[] = {
  { "tool", ca_tool_command_export },
  { "audit", ca_audit_command_export },
  { "ical", ca_programme_command_export_ical },
  { "programme", ca_programme_command_export },
};

int
ca_export_command_run (int    argc,
                       char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *eml_path = NULL;
  g_autofree char *staff_ref = NULL;
  CaKindOptions options = { 0 };
  gboolean force = FALSE;
  int version = -1;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("The version to write (default: the latest)"), N_("N") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("The PDF file to write an audit to"), N_("FILE") },
    { "eml", 0, 0, G_OPTION_ARG_FILENAME, &eml_path, N_("The e-mail draft (.eml) to the managers of a Category 1 or 2 audit"), N_("FILE") },
    { "staff", 0, 0, G_OPTION_ARG_STRING, &staff_ref, N_("export ical: add what waits on this member of staff"), N_("STAFF_ID") },
    CA_COMMAND_LINE_FORCE_OPTION (&force),
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("The database to export from (default: the usual one)")),
    { NULL }
  };

  if (!ca_command_line_parse ("export", _("export KIND …"),
                              _("Writes something from the database to a file. KIND says what:\n\n"
                                "  tool CODE FILE   an audit tool (JSON), such as “stage-1”, or the\n"
                                "                   Stage 2 moderation’s, “stage-2”: its latest\n"
                                "                   version, or the one --version names\n"
                                "  audit ID --pdf FILE\n"
                                "                   audit number ID as the PDF to upload to the\n"
                                "                   child’s file, readable by its owner only\n"
                                "  audit ID --eml FILE\n"
                                "                   for a submitted Category 1 or 2 audit, the\n"
                                "                   e-mail to the case’s Team Manager and Service\n"
                                "                   Manager with the PDF attached, as a draft to\n"
                                "                   open in a mail program and send\n"
                                "  ical FILE [--staff STAFF_ID]\n"
                                "                   the programme’s dates and events as an\n"
                                "                   iCalendar file for Outlook or GNOME Calendar,\n"
                                "                   with what still waits on STAFF_ID\n"
                                "  programme YEAR FILE\n"
                                "                   the year’s programme as a file that “import\n"
                                "                   programme” reads: to keep, or to edit and\n"
                                "                   load into another database\n\n"
                                "A file that is already there is left as it is unless --force\n"
                                "is given. The new file is written whole or not at all."),
                              entries, CA_COMMAND_LINE_ANY_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;

  if (version == 0 || version < -1)
    {
      return ca_command_line_fail ("export", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("the version must be 1 or more."));
    }

  options.database_path = path;
  options.version = MAX (version, 0);
  options.pdf_path = pdf_path;
  options.eml_path = eml_path;
  options.staff_ref = staff_ref;
  options.force = force;
  return ca_command_line_run_kind ("export", export_kinds, G_N_ELEMENTS (export_kinds), &options,
                                   argc, argv);
}

/* export audit ID --pdf FILE [--eml FILE]: the audit's PDF, and the e-mail to the managers. */
int
ca_audit_command_export (const CaKindOptions  *options,
                         int                   n_words,
                         char                **words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaAuditReport) report = NULL;
  gint64 audit_id = 0;

  if (n_words != 1)
    {
      return ca_command_line_fail ("export audit", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("give the audit's number and the file to write, "
                                     "e.g. “export audit 12 --pdf audit-12.pdf”."));
    }
  if (!ca_command_line_parse_id (words[0], &audit_id))
    {
      return ca_command_line_fail ("export audit", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("“%s” is not an audit number; give a whole "
                                     "number such as 12."), words[0]);
    }
  if ((options->pdf_path == NULL || options->pdf_path[0] == '\0') &&
      (options->eml_path == NULL || options->eml_path[0] == '\0'))
    {
      return ca_command_line_fail ("export audit", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("say which file to write with --pdf FILE, "
                                     "e.g. “export audit %s --pdf audit-%s.pdf”, or --eml FILE for the "
                                     "e-mail to the managers."), words[0], words[0]);
    }

  /* Both files are looked at before either is written: one refused writes neither. */
  if ((options->eml_path != NULL &&
       !ca_output_file_check (options->eml_path, ca_command_line_output_flags (options->force),
                              &error)) ||
      (options->pdf_path != NULL &&
       !ca_output_file_check (options->pdf_path, ca_command_line_output_flags (options->force),
                              &error)))
    {
      ca_command_line_print_write_error ("export audit", error);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  database = ca_command_line_open_database (options->database_path, FALSE, &error);
  if (database == NULL)
    {
      return ca_command_line_fail ("export audit", CA_COMMAND_LINE_EXIT_FAILED,
                                   "%s", error->message);
    }

  /* The e-mail first: an audit that needs none writes no PDF either. */
  if (options->eml_path != NULL)
    {
      g_autoptr(CaMailMessage) message = NULL;

      message = ca_audit_notification_new_for_audit (database, audit_id, TRUE, &error);
      if (message == NULL ||
          !ca_mail_message_save_eml (message, options->eml_path,
                                     ca_command_line_output_flags (options->force), &error))
        {
          ca_command_line_print_write_error ("export audit", error);
          return CA_COMMAND_LINE_EXIT_FAILED;
        }
    }

  if (options->pdf_path != NULL)
    {
      report = ca_audit_report_new_for_audit (database, audit_id, &error);
      if (report == NULL ||
          !ca_audit_report_save_pdf_full (report, options->pdf_path,
                                          ca_command_line_output_flags (options->force),
                                          &error))
        {
          ca_command_line_print_write_error ("export audit", error);
          return CA_COMMAND_LINE_EXIT_FAILED;
        }
      g_print (_("Exported audit %s to %s.\n"), words[0], options->pdf_path);
    }
  if (options->eml_path != NULL)
    g_print (_("Wrote the e-mail to the managers about audit %s to %s. Open it in your mail "
               "program to send it, then mark it as sent in Case Audit.\n"),
             words[0], options->eml_path);
  return 0;
}
