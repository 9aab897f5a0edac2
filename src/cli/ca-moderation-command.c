// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit moderation: draw a month's moderation sample and give each audit a moderator
// (R-H1, R-H2), and list what waits for whom; its settings and the moderators' capacity are
// in ca-moderation-settings-command.c.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ca-command-line-private.h"
#include "ca-holiday-store.h"
#include "ca-json-path.h"
#include "ca-moderation-settings-command.h"
#include "ca-moderation-store.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"

#define COMMAND "moderation"

static void
print_sample_json (const char               *month,
                   guint64                   seed,
                   const CaModerationSample *sample)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *due = ca_date_format (&sample->due);

  json_builder_begin_object (builder);
  ca_json_add_string_member (builder, "month", month);
  ca_json_add_int_member (builder, "seed", (gint64) seed);
  json_builder_set_member_name (builder, "sample");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sample->picks->len; i++)
    {
      const CaModerationPick *pick = sample->picks->pdata[i];

      if (pick->moderator == NULL)
        continue;
      json_builder_begin_object (builder);
      ca_json_add_int_member (builder, "audit_id", pick->candidate->audit_id);
      ca_json_add_string_member (builder, "case_ref", pick->candidate->case_ref);
      ca_json_add_string_member (builder, "auditor_id", pick->candidate->auditor_ref);
      ca_json_add_string_member (builder, "overall_grade",
                          ca_grade_to_string (pick->candidate->overall_grade));
      ca_json_add_string_member (builder, "reason", ca_moderation_reason_to_string (pick->reason));
      ca_json_add_string_member (builder, "moderator_id", pick->moderator->ref);
      ca_json_add_string_member (builder, "due", due);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "unplaced");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sample->unplaced->len; i++)
    {
      const CaModerationUnplaced *unplaced = sample->unplaced->pdata[i];

      json_builder_begin_object (builder);
      ca_json_add_int_member (builder, "audit_id", unplaced->candidate->audit_id);
      ca_json_add_string_member (builder, "case_ref", unplaced->candidate->case_ref);
      ca_json_add_string_member (builder, "reason", unplaced->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ca_command_line_print_json (builder);
}

static void
print_picks (const CaModerationSample *sample,
             CaModerationReason        reason,
             const char               *heading)
{
  guint n = 0;

  for (guint i = 0; i < sample->picks->len; i++)
    n += ((CaModerationPick *) sample->picks->pdata[i])->reason == reason;
  if (n == 0)
    return;
  g_print ("%s (%u)\n", heading, n);
  for (guint i = 0; i < sample->picks->len; i++)
    {
      const CaModerationPick *pick = sample->picks->pdata[i];

      if (pick->reason != reason || pick->moderator == NULL)
        continue;
      /* Translators: a case, its auditor's staff ID, and the moderator given it. */
      g_print (_("  %-12s auditor %-8s → %s (%s)\n"), pick->candidate->case_ref,
               pick->candidate->auditor_ref, pick->moderator->name, pick->moderator->ref);
    }
}

static void
print_sample (const CaModerationMonth  *month,
              guint64                   seed,
              guint                     percent,
              const CaModerationSample *sample,
              gboolean                  committed)
{
  g_autofree char *label = ca_date_format_month (month->month);
  g_autofree char *due = ca_date_strftime (&sample->due, "%-d %B %Y");
  g_autofree char *random_heading = NULL;
  guint n_placed = sample->picks->len - sample->unplaced->len;

  if (sample->picks->len == 0)
    {
      g_print (_("No audits submitted in %s are waiting to be moderated.\n"), label);
      return;
    }
  g_print (g_dngettext (NULL, "Moderation sample for %s (seed %" G_GUINT64_FORMAT "): %u audit, "
                              "due by %s\n",
                        "Moderation sample for %s (seed %" G_GUINT64_FORMAT "): %u audits, "
                        "due by %s\n", n_placed),
           label, seed, n_placed, due);
  print_picks (sample, CA_MODERATION_REASON_INADEQUATE, _("Graded Inadequate"));
  /* Translators: the heading of the audits drawn at random; %u is the share in per cent. */
  random_heading = g_strdup_printf (_("Drawn at random, %u%% of the others"), percent);
  print_picks (sample, CA_MODERATION_REASON_RANDOM, random_heading);
  if (sample->unplaced->len > 0)
    {
      g_print (_("Could not be given a moderator (%u)\n"), sample->unplaced->len);
      for (guint i = 0; i < sample->unplaced->len; i++)
        {
          const CaModerationUnplaced *unplaced = sample->unplaced->pdata[i];

          g_print ("  %-12s %s\n", unplaced->candidate->case_ref, unplaced->reason);
        }
    }
  if (committed)
    g_print (g_dngettext (NULL, "Recorded %u moderation.\n", "Recorded %u moderations.\n",
                          n_placed), n_placed);
  else
    g_print (_("This is a preview; add --commit to record it.\n"));
}

static int
draw_sample (const char *path,
             const char *month_text,
             const char *seed_text,
             const char *percent_text,
             gboolean    commit,
             gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(CaModerationMonth) month = NULL;
  g_autoptr(CaModerationSample) sample = NULL;
  CaModerationInput input = { 0 };
  GDate first_day;
  guint64 seed, percent = 0;

  if (!ca_command_line_parse_month (COMMAND, month_text, &first_day))
    return CA_COMMAND_LINE_EXIT_USAGE;
  if (seed_text != NULL)
    {
      if (!ca_command_line_parse_seed (COMMAND, seed_text, &seed))
        return CA_COMMAND_LINE_EXIT_USAGE;
    }
  else
    seed = ca_moderation_default_seed (month_text);
  if (percent_text != NULL &&
      !g_ascii_string_to_unsigned (percent_text, 10, 0, 100, &percent, NULL))
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE,
                                 _("--percent takes a whole number from 0 to 100, not “%s”."),
                                 percent_text);

  database = ca_command_line_open_database (path, FALSE, &error);
  if (database != NULL)
    calendar = ca_holiday_store_load_calendar (database, &error);
  if (calendar != NULL)
    month = ca_moderation_store_load_month (database, month_text, &error);
  if (month == NULL || !ca_moderation_month_check_undrawn (month, &error))
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);

  ca_moderation_month_fill_input (month, calendar, seed,
                                  percent_text != NULL ? (guint) percent : month->percent,
                                  &input);
  sample = ca_moderation_sample_draw (&input, &error);
  if (sample == NULL || (commit && !ca_moderation_store_save_sample (database, month->month,
                                                                      sample, &error)))
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);

  if (json)
    print_sample_json (month->month, seed, sample);
  else
    print_sample (month, seed, input.percent, sample, commit);
  return 0;
}

static void
print_queue_json (GPtrArray *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "queue");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      const CaModerationQueueItem *item = items->pdata[i];
      g_autofree char *due = g_date_valid (&item->due) ? ca_date_format (&item->due) : NULL;

      json_builder_begin_object (builder);
      ca_json_add_int_member (builder, "moderation_id", item->id);
      ca_json_add_int_member (builder, "audit_id", item->audit_id);
      ca_json_add_string_member (builder, "case_ref", item->case_ref);
      ca_json_add_string_member (builder, "auditor_id", item->auditor_ref);
      ca_json_add_string_member (builder, "overall_grade", ca_grade_to_string (item->overall_grade));
      ca_json_add_string_member (builder, "reason",
                          item->has_reason ? ca_moderation_reason_to_string (item->reason) : NULL);
      ca_json_add_string_member (builder, "moderator_id", item->moderator_ref);
      ca_json_add_string_member (builder, "service_area", item->service_area);
      ca_json_add_string_member (builder, "due", due);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ca_command_line_print_json (builder);
}

static void
print_queue (GPtrArray *items)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate today;

  if (items->len == 0)
    {
      g_print (_("No moderations are waiting.\n"));
      return;
    }
  ca_deadline_get_local_date (now, &today);
  g_print (g_dngettext (NULL, "%u moderation waiting\n", "%u moderations waiting\n", items->len),
           items->len);
  for (guint i = 0; i < items->len; i++)
    {
      const CaModerationQueueItem *item = items->pdata[i];
      g_autofree char *due = g_date_valid (&item->due) ? ca_date_format (&item->due)
                                                        : g_strdup ("—");
      const char *grade = item->overall_grade != CA_GRADE_NONE
                            ? ca_grade_get_label (item->overall_grade) : "—";

      g_print ("  %s  %-12s %-22s %s (%s)%s\n", due, item->case_ref, grade,
               item->moderator_name, item->moderator_ref,
               g_date_valid (&item->due) && g_date_compare (&item->due, &today) < 0
                 ? _(" — overdue") : "");
    }
}

static int
list_queue (const char *path,
            const char *moderator,
            gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(GPtrArray) items = NULL;

  database = ca_command_line_open_database (path, FALSE, &error);
  if (database != NULL)
    items = ca_moderation_store_list_queue (database, moderator, &error);
  if (items == NULL)
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
  if (json)
    print_queue_json (items);
  else
    print_queue (items);
  return 0;
}

static int
add_by_hand (const char *path,
             const char *audit,
             const char *moderator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  gint64 audit_id = 0, id = 0;

  if (!ca_command_line_parse_id (audit, &audit_id))
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE,
                                 _("“%s” is not an audit number."), audit);
  database = ca_command_line_open_database (path, FALSE, &error);
  if (database != NULL)
    id = ca_moderation_store_add_by_hand (database, audit_id, moderator, &error);
  if (id == 0)
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
  g_print (_("Audit %" G_GINT64_FORMAT " added to the moderation sample for %s (moderation %"
             G_GINT64_FORMAT ").\n"), audit_id, moderator, id);
  return 0;
}

static int
remove_by_hand (const char *path,
                const char *moderation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  gint64 id = 0;

  if (!ca_command_line_parse_id (moderation, &id))
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE,
                                 _("“%s” is not a moderation number."), moderation);
  database = ca_command_line_open_database (path, FALSE, &error);
  if (database == NULL || !ca_moderation_store_remove_by_hand (database, id, &error))
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
  g_print (_("Moderation %" G_GINT64_FORMAT " taken out of the sample.\n"), id);
  return 0;
}

int
ca_moderation_command_run (int    argc,
                           char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *moderator = NULL;
  g_autofree char *due = NULL;
  gboolean commit = FALSE, json = FALSE;
  const char *action;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("sample: the random seed (default: the month as YYYYMM); the same seed gives the same sample"), N_("N") },
    { "percent", 0, 0, G_OPTION_ARG_STRING, &percent, N_("sample: the share of the other audits drawn at random (default: the team’s, 20); settings: change the team’s"), N_("P") },
    { "due-working-day", 0, 0, G_OPTION_ARG_STRING, &due, N_("settings: change the working day of the next month moderations are due by (1–19; Case Audit’s is 15)"), N_("N") },
    { "commit", 0, 0, G_OPTION_ARG_NONE, &commit, N_("sample: record the sample rather than preview it"), NULL },
    { "moderator", 0, 0, G_OPTION_ARG_STRING, &moderator, N_("list: only this moderator’s; add: who moderates it (a staff ID)"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON for scripts"), NULL },
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("The database to use (default: the usual one)")),
    { NULL }
  };

  if (!ca_command_line_parse (COMMAND, _("sample MONTH | list | add AUDIT | remove MODERATION | "
                                         "settings | capacity [STAFF_ID N|default]"),
                              _("Draws a month’s moderation sample and lists what waits.\n\n"
                                "  sample MONTH  every audit submitted in MONTH (YYYY-MM) graded\n"
                                "                Inadequate, and a random share of the others\n"
                                "                spread across auditors, each given a moderator\n"
                                "                who is not its auditor, its worker or in the\n"
                                "                worker’s line management; a preview unless\n"
                                "                --commit is given\n"
                                "  list          the moderations waiting, by due date\n"
                                "  add AUDIT     adds a submitted audit (its number, as list\n"
                                "                --json gives it) by hand, for --moderator ID\n"
                                "  remove MODERATION\n"
                                "                takes out one added by hand and not begun\n"
                                "  settings      the team’s random share and due working day;\n"
                                "                --percent P and --due-working-day N change them\n"
                                "  capacity      who moderates, with their moderations a month\n"
                                "  capacity STAFF_ID N|default\n"
                                "                gives one moderator N a month of their own, or\n"
                                "                their role’s number again"),
                              entries, CA_COMMAND_LINE_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;

  action = argc > 1 ? argv[1] : NULL;
  if (g_strcmp0 (action, "sample") == 0)
    {
      if (argc != 3 || moderator != NULL || due != NULL)
        {
          g_printerr (_("case-audit %s sample: give one month, e.g. “moderation sample "
                        "2026-10”.\n"), COMMAND);
          ca_command_line_usage_hint (COMMAND);
          return CA_COMMAND_LINE_EXIT_USAGE;
        }
      return draw_sample (path, argv[2], seed, percent, commit, json);
    }
  if (g_strcmp0 (action, "list") == 0)
    {
      if (argc != 2 || seed != NULL || percent != NULL || due != NULL || commit)
        {
          g_printerr (_("case-audit %s list: takes no words, only --moderator ID and "
                        "--json.\n"), COMMAND);
          ca_command_line_usage_hint (COMMAND);
          return CA_COMMAND_LINE_EXIT_USAGE;
        }
      return list_queue (path, moderator, json);
    }

  if (g_strcmp0 (action, "add") == 0)
    {
      if (argc != 3 || moderator == NULL || seed != NULL || percent != NULL || due != NULL ||
          commit || json)
        {
          g_printerr (_("case-audit %s add: give one audit number and who moderates it, e.g. "
                        "“moderation add 1234 --moderator S0012”.\n"), COMMAND);
          ca_command_line_usage_hint (COMMAND);
          return CA_COMMAND_LINE_EXIT_USAGE;
        }
      return add_by_hand (path, argv[2], moderator);
    }
  if (g_strcmp0 (action, "remove") == 0)
    {
      if (argc != 3 || moderator != NULL || seed != NULL || percent != NULL || due != NULL ||
          commit || json)
        {
          g_printerr (_("case-audit %s remove: give one moderation number, e.g. “moderation "
                        "remove 567”.\n"), COMMAND);
          ca_command_line_usage_hint (COMMAND);
          return CA_COMMAND_LINE_EXIT_USAGE;
        }
      return remove_by_hand (path, argv[2]);
    }
  if (g_strcmp0 (action, "settings") == 0)
    {
      if (argc != 2 || moderator != NULL || seed != NULL || commit)
        {
          g_printerr (_("case-audit %s settings: takes no words, only --percent P, "
                        "--due-working-day N and --json.\n"), COMMAND);
          ca_command_line_usage_hint (COMMAND);
          return CA_COMMAND_LINE_EXIT_USAGE;
        }
      return ca_moderation_settings_command_run (path, percent, due, json);
    }
  if (g_strcmp0 (action, "capacity") == 0)
    {
      if ((argc != 2 && argc != 4) || (argc == 4 && json) || moderator != NULL ||
          seed != NULL || percent != NULL || due != NULL || commit)
        {
          g_printerr (_("case-audit %s capacity: give nothing (or --json) to list the "
                        "moderators, or a staff ID and a number, e.g. “moderation capacity "
                        "S0012 6”, or “default” for their role’s.\n"), COMMAND);
          ca_command_line_usage_hint (COMMAND);
          return CA_COMMAND_LINE_EXIT_USAGE;
        }
      return ca_moderation_capacity_command_run (path, argc == 4 ? argv[2] : NULL,
                                                 argc == 4 ? argv[3] : NULL, json);
    }

  if (action == NULL)
    g_printerr (_("case-audit %s: say what to do: “sample MONTH”, “list”, “add AUDIT”, "
                  "“remove MODERATION”, “settings” or “capacity”.\n"), COMMAND);
  else
    g_printerr (_("case-audit %s: “%s” is not something it can do; say “sample”, “list”, "
                  "“add”, “remove”, “settings” or “capacity”.\n"), COMMAND, action);
  ca_command_line_usage_hint (COMMAND);
  return CA_COMMAND_LINE_EXIT_USAGE;
}
