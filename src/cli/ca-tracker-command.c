// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit tracker and case-audit escalate: the Head of Service tracker (R-I2), listed or
// written as the PDF for their meeting, and the escalation of Category 1–3 audits not
// checked in time (R-I1).

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ca-command-line-private.h"
#include "ca-json-path.h"
#include "ca-tracker-report.h"
#include "ca-tracker-store.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"

static void
print_tracker_json (const GDate *on,
                    GPtrArray   *rows)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *on_text = ca_date_format (on);

  json_builder_begin_object (builder);
  ca_json_add_string_member (builder, "on", on_text);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      const CaTrackerRow *row = rows->pdata[i];

      json_builder_begin_object (builder);
      ca_json_add_int_member (builder, "audit_id", row->audit_id);
      ca_json_add_string_member (builder, "case_ref", row->case_ref);
      ca_json_add_string_member (builder, "month", row->month);
      ca_json_add_string_member (builder, "service_area", row->service_area);
      ca_json_add_string_member (builder, "team", row->team);
      json_builder_set_member_name (builder, "category");
      if (row->category > 0)
        json_builder_add_int_value (builder, row->category);
      else
        json_builder_add_null_value (builder);
      ca_json_add_string_member (builder, "deadline", row->deadline);
      json_builder_set_member_name (builder, "checked");
      json_builder_add_boolean_value (builder, row->checked_at != NULL);
      ca_json_add_string_member (builder, "escalated_to", row->escalated_to);
      ca_json_add_string_member (builder, "manager_response", row->response);
      ca_json_add_int_member (builder, "actions_total", row->actions_total);
      ca_json_add_int_member (builder, "actions_done", row->actions_done);
      ca_json_add_int_member (builder, "actions_overdue", row->actions_overdue);
      ca_json_add_int_member (builder, "actions_signed_off", row->actions_signed_off);
      ca_json_add_string_member (builder, "moderation", ca_grade_to_string (row->moderation_grade));
      json_builder_set_member_name (builder, "signed_off");
      json_builder_add_boolean_value (builder, row->signed_off_on != NULL);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ca_command_line_print_json (builder);
}

static void
print_tracker (GPtrArray *rows)
{
  guint open = 0;

  for (guint i = 0; i < rows->len; i++)
    open += ((CaTrackerRow *) rows->pdata[i])->signed_off_on == NULL;
  if (rows->len == 0)
    {
      g_print (_("No audits to follow.\n"));
      return;
    }
  g_print (g_dngettext (NULL, "%u audit followed, %u still open\n",
                        "%u audits followed, %u still open\n", rows->len), rows->len, open);
  for (guint i = 0; i < rows->len; i++)
    {
      const CaTrackerRow *row = rows->pdata[i];
      g_autofree char *category = row->category > 0
                                    ? g_strdup_printf (_("Category %d"), row->category)
                                    : g_strdup ("—");
      /* Translators: "actions 3/6 done, 2 signed off, 1 overdue" */
      g_autofree char *actions = g_strdup_printf (_("actions %u/%u done, %u signed off, %u "
                                                    "overdue"),
                                                  row->actions_done, row->actions_total,
                                                  row->actions_signed_off, row->actions_overdue);

      g_print ("  %s  %-12s %-12s %-22s %s%s%s%s\n", row->month, row->case_ref, category,
               row->checked_at != NULL ? _("checked") : _("not checked"), actions,
               row->escalated_to != NULL ? _(", escalated to ") : "",
               row->escalated_to != NULL ? row->escalated_to : "",
               row->signed_off_on != NULL ? _(", signed off") : "");
    }
}

/* The tracker as its PDF (A4 landscape), dated by --on (the end of that day) or now. */
static int
write_pdf (CaDatabase            *database,
           const CaTrackerQuery  *query,
           gboolean               dated,
           const char            *pdf_path,
           gboolean               force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = dated ? ca_deadline_end_of_day (&query->on)
                                   : g_date_time_new_now_utc ();
  g_autoptr(CaDocument) document = ca_tracker_report_new_for_query (database, query, now,
                                                                    &error);

  if (document == NULL)
    return ca_command_line_fail ("tracker", CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
  if (!ca_document_save_pdf (document, pdf_path, ca_command_line_output_flags (force), &error))
    {
      ca_command_line_print_write_error ("tracker", error);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }
  g_print (_("Wrote the tracker to %s.\n"), pdf_path);
  return 0;
}

int
ca_tracker_command_run (int    argc,
                        char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CaTrackerQuery) query = NULL;
  g_autofree char *path = NULL;
  g_autofree char *head = NULL;
  g_autofree char *on_text = NULL;
  g_autofree char *area = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *status = NULL;
  g_autofree char *pdf_path = NULL;
  gboolean json = FALSE, all = FALSE, force = FALSE;
  CaTrackerStatus wanted = CA_TRACKER_STATUS_ALL;
  GDate on;
  GOptionEntry entries[] = {
    { "head-of-service", 0, 0, G_OPTION_ARG_STRING, &head, N_("Only this Head of Service’s service areas (a staff ID)"), N_("ID") },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text, N_("The day actions are counted overdue against, YYYY-MM-DD (default: today)"), N_("DATE") },
    { "all-categories", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every Category 1–3 audit, not only those graded Inadequate"), NULL },
    { "service-area", 0, 0, G_OPTION_ARG_STRING, &area, N_("Only this service area, by name"), N_("NAME") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Only audits submitted in this month or later, YYYY-MM"), N_("MONTH") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Only audits submitted in this month or earlier, YYYY-MM"), N_("MONTH") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("open, signed-off or all (default: all)"), N_("STATUS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON for scripts"), NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("Write the tracker as a PDF for the Head of Service’s meeting (A4 landscape)"), N_("FILE") },
    CA_COMMAND_LINE_FORCE_OPTION (&force),
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("The database to read (default: the usual one)")),
    { NULL }
  };

  if (!ca_command_line_parse ("tracker", "tracker",
                              _("Lists every audit graded Inadequate (or, with --all-categories,\n"
                                "every Category 1–3 audit), newest first: its category and\n"
                                "deadline, whether its recommendations are checked, its actions\n"
                                "done, signed off and overdue, its moderation, any escalation,\n"
                                "and the Head of Service’s sign-off that closes it. With --pdf,\n"
                                "writes the same rows as a table for the Head of Service’s\n"
                                "meeting."),
                              entries, CA_COMMAND_LINE_NO_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;
  if (!ca_command_line_parse_on ("tracker", on_text, &on))
    return CA_COMMAND_LINE_EXIT_USAGE;
  if ((from != NULL && !ca_command_line_parse_month ("tracker", from, NULL)) ||
      (to != NULL && !ca_command_line_parse_month ("tracker", to, NULL)))
    return CA_COMMAND_LINE_EXIT_USAGE;
  if (g_strcmp0 (status, "open") == 0)
    wanted = CA_TRACKER_STATUS_OPEN;
  else if (g_strcmp0 (status, "signed-off") == 0)
    wanted = CA_TRACKER_STATUS_SIGNED_OFF;
  else if (status != NULL && g_strcmp0 (status, "all") != 0)
    return ca_command_line_fail ("tracker", CA_COMMAND_LINE_EXIT_USAGE,
                                 _("--status is open, signed-off or all, not “%s”."), status);
  if (pdf_path != NULL && json)
    return ca_command_line_fail ("tracker", CA_COMMAND_LINE_EXIT_USAGE,
                                 _("choose either --pdf FILE or --json, not both."));
  /* Where the PDF goes is looked at before anything is read. */
  if (pdf_path != NULL &&
      !ca_output_file_check (pdf_path, ca_command_line_output_flags (force), &error))
    {
      ca_command_line_print_write_error ("tracker", error);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  query = ca_tracker_query_new (head, &on, all);
  query->status = wanted;
  query->service_area = g_steal_pointer (&area);
  query->from_month = g_steal_pointer (&from);
  query->to_month = g_steal_pointer (&to);

  database = ca_command_line_open_database (path, FALSE, &error);
  if (database == NULL)
    return ca_command_line_fail ("tracker", CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
  if (pdf_path != NULL)
    return write_pdf (database, query, on_text != NULL, pdf_path, force);
  rows = ca_tracker_store_query (database, query, &error);
  if (rows == NULL)
    return ca_command_line_fail ("tracker", CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
  if (json)
    print_tracker_json (&on, rows);
  else
    print_tracker (rows);
  return 0;
}

int
ca_escalate_command_run (int    argc,
                         char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *path = NULL;
  g_autofree char *on_text = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text, N_("Escalate what is overdue by the end of this day, YYYY-MM-DD (default: now)"), N_("DATE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Say what would be escalated, and record nothing"), NULL },
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("The database to use (default: the usual one)")),
    { NULL }
  };

  if (!ca_command_line_parse ("escalate", "escalate",
                              _("Escalates every Category 1–3 audit whose recommendations were not\n"
                                "checked by its deadline (48 hours, 10 or 20 working days) to the\n"
                                "Head of Service above its case’s team, once, with the change in\n"
                                "the audit’s history. Running it again records nothing new."),
                              entries, CA_COMMAND_LINE_NO_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;

  if (on_text != NULL)
    {
      GDate on;
      g_autoptr(GDateTime) midnight = NULL;

      if (!ca_command_line_parse_date ("escalate", on_text, &on))
        return CA_COMMAND_LINE_EXIT_USAGE;
      /* The end of the day in England: what is overdue by then. */
      midnight = g_date_time_new (ca_deadline_get_time_zone (), g_date_get_year (&on),
                                  g_date_get_month (&on), g_date_get_day (&on), 0, 0, 0);
      now = g_date_time_add_days (midnight, 1);
    }
  else
    now = g_date_time_new_now_utc ();

  database = ca_command_line_open_database (path, FALSE, &error);
  if (database != NULL)
    made = ca_tracker_store_escalate (database, now, dry_run, &error);
  if (made == NULL)
    return ca_command_line_fail ("escalate", CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);

  if (made->len == 0)
    {
      g_print (_("Nothing new to escalate.\n"));
      return 0;
    }
  g_print (dry_run ? g_dngettext (NULL, "Would escalate %u audit:\n", "Would escalate %u audits:\n",
                                  made->len)
                   : g_dngettext (NULL, "Escalated %u audit:\n", "Escalated %u audits:\n",
                                  made->len), made->len);
  for (guint i = 0; i < made->len; i++)
    {
      const CaEscalation *escalation = made->pdata[i];

      if (escalation->head_ref != NULL)
        /* Translators: "CA-000101 → Hannah Price (S001): The recommendations … " */
        g_print (_("  %s → %s (%s): %s\n"), escalation->case_ref, escalation->head_name,
                 escalation->head_ref, escalation->reason);
      else
        g_print (_("  %s → no Head of Service above its team: %s\n"), escalation->case_ref,
                 escalation->reason);
    }
  return 0;
}
