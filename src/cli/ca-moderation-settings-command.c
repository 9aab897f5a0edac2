// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit moderation settings and moderation capacity (R-H1, R-H2): the team's random share
// and due working day, and each moderator's moderations a month, shown and changed.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ca-capacity-store.h"
#include "ca-command-line-private.h"
#include "ca-json-path.h"
#include "ca-moderation-settings-command.h"
#include "ca-moderation-settings-store.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"
#include "core/ca-moderation-sample.h"

#define COMMAND "moderation"

/* TEXT as a whole number. Its range is the rules' to judge: this only refuses what is no
 * number. */
static gboolean
parse_number (const char *text,
              guint      *value)
{
  guint64 number = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &number, NULL))
    return FALSE;
  *value = (guint) number;
  return TRUE;
}

/* TEXT as the number OPTION takes, or FALSE with the message said. */
static gboolean
parse_option (const char *option,
              const char *text,
              guint      *value)
{
  if (parse_number (text, value))
    return TRUE;
  ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE,
                        _("%s takes a whole number, not “%s”."), option, text);
  return FALSE;
}

static void
print_settings (const CaModerationSettings *settings,
                gboolean                    json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      ca_json_add_int_member (builder, "percent", settings->percent);
      ca_json_add_int_member (builder, "due_working_day", settings->due_working_day);
      json_builder_end_object (builder);
      ca_command_line_print_json (builder);
      return;
    }
  /* Translators: %u%% is the share in per cent, "20%". */
  g_print (_("Random share: %u%% of each month’s audits not graded Inadequate, rounded up\n"),
           settings->percent);
  g_print (_("Due: by working day %u of the month after the audits’ submission\n"),
           settings->due_working_day);
}

int
ca_moderation_settings_command_run (const char *database_path,
                                    const char *percent_text,
                                    const char *due_text,
                                    gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  CaModerationSettings settings;
  guint percent = 0, due = 0;

  /* Both checked by core's rules before either is written. */
  if ((percent_text != NULL && !parse_option ("--percent", percent_text, &percent)) ||
      (due_text != NULL && !parse_option ("--due-working-day", due_text, &due)))
    return CA_COMMAND_LINE_EXIT_USAGE;
  if ((percent_text != NULL && !ca_moderation_check_percent (percent, &error)) ||
      (due_text != NULL && !ca_moderation_check_due_working_day (due, &error)))
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE, "%s", error->message);

  database = ca_command_line_open_database (database_path, FALSE, &error);
  if (database == NULL || !ca_moderation_settings_store_load (database, &settings, &error))
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
  /* Each against what was just read: another program's change in between is refused. */
  if ((percent_text != NULL &&
       !ca_moderation_settings_store_set (database, CA_MODERATION_SETTING_PERCENT,
                                          settings.percent, percent, &settings.percent,
                                          &error)) ||
      (due_text != NULL &&
       !ca_moderation_settings_store_set (database, CA_MODERATION_SETTING_DUE_WORKING_DAY,
                                          settings.due_working_day, due,
                                          &settings.due_working_day, &error)))
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
  print_settings (&settings, json);
  return 0;
}

/* The month whose sample is drawn and moderated now: last month, in England. */
static char *
sample_month (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate month;

  ca_deadline_get_local_date (now, &month);
  g_date_set_day (&month, 1);
  g_date_subtract_months (&month, 1);
  return g_strdup_printf ("%04d-%02d", g_date_get_year (&month), g_date_get_month (&month));
}

static void
print_moderators (const char *month,
                  GPtrArray  *moderators,
                  gboolean    json)
{
  g_autofree char *label = NULL;

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      ca_json_add_string_member (builder, "month", month);
      json_builder_set_member_name (builder, "moderators");
      json_builder_begin_array (builder);
      for (guint i = 0; i < moderators->len; i++)
        {
          const CaModeratorCapacity *moderator = moderators->pdata[i];

          json_builder_begin_object (builder);
          ca_json_add_string_member (builder, "staff_id", moderator->staff_ref);
          ca_json_add_string_member (builder, "name", moderator->name);
          ca_json_add_string_member (builder, "role", moderator->role_name);
          json_builder_set_member_name (builder, "role_capacity");
          if (moderator->role_capacity == CA_CAPACITY_NONE)
            json_builder_add_null_value (builder);
          else
            json_builder_add_int_value (builder, moderator->role_capacity);
          json_builder_set_member_name (builder, "own_capacity");
          if (moderator->own_capacity == CA_CAPACITY_NONE)
            json_builder_add_null_value (builder);
          else
            json_builder_add_int_value (builder, moderator->own_capacity);
          ca_json_add_int_member (builder, "capacity",
                                  ca_moderator_capacity_get_capacity (moderator));
          ca_json_add_int_member (builder, "in_sample", moderator->in_month);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      ca_command_line_print_json (builder);
      return;
    }

  if (moderators->len == 0)
    {
      g_print (_("Nobody moderates: no active member of staff has a role that moderates.\n"));
      return;
    }
  label = ca_date_format_month (month);
  /* Translators: the heading of the moderators' list; %s is a month, "September 2026". */
  g_print (_("Moderations a month, and how many each has in the sample for %s\n"), label);
  for (guint i = 0; i < moderators->len; i++)
    {
      const CaModeratorCapacity *moderator = moderators->pdata[i];
      guint capacity = ca_moderator_capacity_get_capacity (moderator);
      g_autofree char *whose = moderator->own_capacity != CA_CAPACITY_NONE
        /* Translators: after a person's own number, their role's, "their own; role: 4" */
        ? g_strdup_printf (_("their own; role: %d"), moderator->role_capacity)
        : g_strdup (_("their role’s"));

      /* Translators: a moderator's staff ID, name, role, moderations a month, whose number
       * that is, and how many of the month's sample they have. */
      g_print (_("  %-8s %-24s %-34s %3u a month (%s); %u in the sample\n"),
               moderator->staff_ref, moderator->name, moderator->role_name, capacity, whose,
               moderator->in_month);
    }
}

static int
list_moderators (CaDatabase *database,
                 gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) moderators = NULL;
  g_autofree char *month = sample_month ();

  moderators = ca_moderation_settings_store_list_moderators (database, month, &error);
  if (moderators == NULL)
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
  print_moderators (month, moderators, json);
  return 0;
}

int
ca_moderation_capacity_command_run (const char *database_path,
                                    const char *staff_ref,
                                    const char *number,
                                    gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  gboolean use_role = g_strcmp0 (number, "default") == 0;
  guint capacity = 0;
  gint own = CA_CAPACITY_NONE, stored = CA_CAPACITY_NONE;
  gint64 staff_id;

  if (staff_ref != NULL && !use_role && !parse_number (number, &capacity))
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE,
                                 _("Give a number of moderations a month, or “default” for "
                                   "the person’s role’s number, not “%s”."), number);
  database = ca_command_line_open_database (database_path, FALSE, &error);
  if (database == NULL)
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
  if (staff_ref == NULL)
    return list_moderators (database, json);

  staff_id = ca_moderation_settings_store_find_staff (database, staff_ref, &own, &error);
  if (staff_id == 0 ||
      !(use_role ? ca_capacity_store_clear_moderation (database, staff_id, own, &stored, &error)
                 : ca_capacity_store_set_moderation (database, staff_id, own, capacity, &stored,
                                                     &error)))
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
  if (stored == CA_CAPACITY_NONE)
    g_print (_("%s now takes their role’s number of moderations a month.\n"), staff_ref);
  else
    g_print (g_dngettext (NULL, "%s now takes %d moderation a month.\n",
                          "%s now takes %d moderations a month.\n", stored),
             staff_ref, stored);
  return 0;
}
