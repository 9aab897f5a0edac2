// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit deadlines: what is due and overdue on a day (R-F8, R-F9, R-F5), from the database.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>


#include "ca-command-line-private.h"
#include "ca-date.h"
#include "ca-deadline-store.h"
#include "ca-deadlines.h"
#include "ca-holiday-store.h"
#include "ca-json-path.h"

static JsonNode *
deadline_to_json (const CaDeadlineItem *item)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *due = ca_date_format (&item->due);

  json_builder_begin_object (builder);
  ca_json_add_string_member (builder, "kind", ca_deadline_kind_to_string (item->kind));
  ca_json_add_string_member (builder, "due", due);
  ca_json_add_int_member (builder, "overdue_working_days", item->overdue_days);
  ca_json_add_string_member (builder, "case", item->case_ref);
  json_builder_set_member_name (builder, "category");
  if (item->category > 0)
    json_builder_add_int_value (builder, item->category);
  else
    json_builder_add_null_value (builder);
  ca_json_add_string_member (builder, "person", item->person);
  ca_json_add_int_member (builder, "audit_id", item->audit_id);
  ca_json_add_int_member (builder, "id", item->id);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_deadlines_json (const GDate *on,
                      GPtrArray   *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *on_text = ca_date_format (on);

  json_builder_begin_object (builder);
  ca_json_add_string_member (builder, "on", on_text);
  for (int overdue = 0; overdue <= 1; overdue++)
    {
      json_builder_set_member_name (builder, overdue ? "overdue" : "due");
      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        {
          const CaDeadlineItem *item = items->pdata[i];

          if (item->overdue == overdue)
            json_builder_add_value (builder, deadline_to_json (item));
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  ca_command_line_print_json (builder);
}

static void
print_deadline_line (const CaDeadlineItem *item)
{
  g_autofree char *due = ca_date_format (&item->due);
  g_autofree char *category = NULL;
  g_autofree char *late = NULL;

  if (item->category == 1)
    category = g_strdup (_("Category 1 (!)"));
  else if (item->category > 0)
    category = g_strdup_printf (_("Category %d"), item->category);
  else
    category = g_strdup (_("No category"));

  if (item->overdue)
    late = g_strdup_printf (g_dngettext (NULL, "%d working day overdue",
                                         "%d working days overdue", item->overdue_days),
                            item->overdue_days);
  else
    late = g_strdup (_("due today"));

  g_print ("  %-17s %s  %-25s %-14s %-14s %s\n", ca_deadline_kind_to_label (item->kind), due,
           late, item->case_ref, category, item->person != NULL ? item->person : "—");
}

static void
print_deadlines (const GDate *on,
                 GPtrArray   *items)
{
  g_autofree char *on_text = ca_date_format (on);
  guint n_overdue = 0, n_due;

  for (guint i = 0; i < items->len; i++)
    n_overdue += ((CaDeadlineItem *) items->pdata[i])->overdue;
  n_due = items->len - n_overdue;

  if (items->len == 0)
    {
      g_print (_("Nothing is due or overdue on %s.\n"), on_text);
      return;
    }

  g_print (_("Overdue on %s: %u\n"), on_text, n_overdue);
  for (guint i = 0; i < items->len; i++)
    if (((CaDeadlineItem *) items->pdata[i])->overdue)
      print_deadline_line (items->pdata[i]);
  g_print (_("Due on %s: %u\n"), on_text, n_due);
  for (guint i = 0; i < items->len; i++)
    if (!((CaDeadlineItem *) items->pdata[i])->overdue)
      print_deadline_line (items->pdata[i]);
}

int
ca_deadlines_command_run (int    argc,
                          char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *path = NULL;
  g_autofree char *on_text = NULL;
  gboolean json = FALSE;
  GDate on;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text, N_("The day to look at, YYYY-MM-DD (default: today)"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON for scripts"), NULL },
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("The database to read (default: the usual one)")),
    { NULL }
  };

  if (!ca_command_line_parse ("deadlines", "deadlines",
                              _("Lists what is due on a day and what is overdue by then: category\n"
                                "deadlines whose recommendations are not yet checked, manager\n"
                                "responses not yet given, actions not completed, and audits not yet\n"
                                "returned. Category 1 comes first, then the most overdue; overdue is\n"
                                "counted in working days (England and Wales)."),
                              entries, CA_COMMAND_LINE_NO_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;

  if (!ca_command_line_parse_on ("deadlines", on_text, &on))
    return CA_COMMAND_LINE_EXIT_USAGE;

  database = ca_command_line_open_database (path, FALSE, &error);
  if (database != NULL)
    calendar = ca_holiday_store_load_calendar (database, &error);
  if (calendar != NULL)
    items = ca_deadline_store_list (database, calendar, &on, &error);
  if (items == NULL)
    {
      return ca_command_line_fail ("deadlines", CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
    }

  if (json)
    print_deadlines_json (&on, items);
  else
    print_deadlines (&on, items);
  return 0;
}
