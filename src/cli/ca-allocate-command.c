// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit allocate: preview, commit and cancel a month's allocation run (R-D1–R-D5).

#define G_LOG_DOMAIN "ca-allocate-command"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ca-allocation-mail-drafts.h"
#include "ca-allocation-mail-store.h"
#include "ca-allocation-store.h"
#include "ca-command-line-private.h"
#include "ca-database.h"
#include "ca-date.h"

#define COMMAND "allocate"

static gboolean
parse_strata (const char    *text,
              CaStrataFlags *strata)
{
  g_auto(GStrv) words = NULL;

  *strata = CA_STRATA_TEAM;
  if (text == NULL)
    return TRUE;
  words = g_strsplit (text, ",", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = g_strstrip (words[i]);

      if (g_str_equal (word, "ethnicity"))
        *strata |= CA_STRATA_ETHNICITY;
      else if (g_str_equal (word, "locality"))
        *strata |= CA_STRATA_LOCALITY;
      else if (!g_str_equal (word, "team") && !g_str_equal (word, "service-area") &&
               *word != '\0')
        return FALSE;
    }
  return TRUE;
}

static void
print_preview (const CaAllocationPreview *preview)
{
  const CaAllocationSettings *settings = preview->settings;
  const CaAllocationResult *result = preview->result;
  g_autofree char *allocated_on = ca_date_format (&settings->allocation_date);
  g_autofree char *due = g_date_valid (&preview->return_date)
                         ? ca_date_format (&preview->return_date) : g_strdup (_("not set"));

  g_print (_("Allocation for %s: allocated on %s, to return by %s, seed %" G_GUINT64_FORMAT "\n"),
           settings->month, allocated_on, due, settings->seed);
  g_print (_("Cases looked at: %u; eligible: %u; sampled: %u; auditors with capacity: %u "
             "(%u audits)\n"),
           result->n_cases, result->n_eligible, result->n_sampled, result->n_auditors,
           result->total_capacity);

  g_print (_("Left out:\n"));
  for (int r = 0; r < CA_EXCLUSION_N; r++)
    g_print ("  %-40s %u\n", ca_exclusion_reason_to_label (r), result->excluded[r]);

  g_print (g_dngettext (NULL, "Allocated: %u case (%u in the case’s own locality)\n",
                        "Allocated: %u cases (%u in the case’s own locality)\n",
                        result->picks->len),
           result->picks->len, result->n_same_locality);
  for (guint i = 0; i < result->picks->len; i++)
    {
      const CaAllocationPick *pick = result->picks->pdata[i];

      g_print ("  %-16s → %-12s %s%s\n      %s\n", pick->case_ref, pick->auditor_ref,
               pick->stratum, pick->access_request ? _(" (access request needed)") : "",
               pick->reason);
    }

  if (result->unplaced->len > 0)
    {
      g_print (g_dngettext (NULL, "Could not be placed: %u case\n",
                            "Could not be placed: %u cases\n", result->unplaced->len),
               result->unplaced->len);
      for (guint i = 0; i < result->unplaced->len; i++)
        {
          const CaAllocationUnplaced *unplaced = result->unplaced->pdata[i];

          g_print ("  %-16s %s\n      %s\n", unplaced->case_ref, unplaced->stratum,
                   unplaced->reason);
        }
    }
}

static int
cancel_run (CaDatabase *database,
            const char *run_text)
{
  g_autoptr(GError) error = NULL;
  gint64 run_id;

  if (!ca_command_line_parse_id (run_text, &run_id))
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE,
                                   _("“%s” is not a run number."), run_text);
    }
  if (!ca_allocation_store_cancel (database, run_id, &error))
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
    }
  g_print (_("Allocation run %" G_GINT64_FORMAT " is cancelled and its audits removed.\n"),
           run_id);
  return 0;
}

/* What step 1 of saving drafts found of an earlier command that was stopped. */
static void
print_recovered (CaAllocationMailDrafts *drafts,
                 const char             *folder)
{
  GPtrArray *recovered = ca_allocation_mail_drafts_get_recovered (drafts);
  guint n_removed = ca_allocation_mail_drafts_get_n_removed (drafts);

  for (guint i = 0; i < recovered->len; i++)
    g_printerr (_("case-audit %s: an earlier command was stopped after committing its run; "
                  "its e-mail drafts are now in %s\n"), COMMAND,
                (const char *) recovered->pdata[i]);
  if (n_removed > 0)
    g_printerr (g_dngettext (NULL,
                             "case-audit %s: removed %u unfinished set of e-mail drafts that an "
                             "earlier command left in %s when it was stopped before committing.\n",
                             "case-audit %s: removed %u unfinished sets of e-mail drafts that "
                             "an earlier command left in %s when it was stopped before "
                             "committing.\n", n_removed),
                COMMAND, n_removed, folder);
}

/* The committed run's drafts, written before the commit, put in place. */
static int
publish_mail (CaAllocationMailDrafts *drafts,
              gint64                  run_id,
              const char             *folder)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *paths;

  if (!ca_allocation_mail_drafts_publish (drafts, &error))
    {
      g_printerr (_("case-audit %s: run %" G_GINT64_FORMAT " is committed and its e-mail "
                    "drafts are written, but they could not be put in place: %s They are "
                    "kept aside, and the next save of drafts into %s puts them there.\n"),
                  COMMAND, run_id, error->message, folder);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }
  paths = ca_allocation_mail_drafts_get_paths (drafts);
  for (guint i = 0; i < paths->len; i++)
    g_print ("%s\n", (const char *) paths->pdata[i]);
  g_printerr (g_dngettext (NULL, "Wrote %u e-mail draft in %s.\n",
                           "Wrote %u e-mail drafts in %s.\n", paths->len),
              paths->len, ca_allocation_mail_drafts_get_path (drafts));
  return 0;
}

static int
list_runs (CaDatabase *database,
           const char *month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = ca_allocation_store_list_runs (database, month, &error);

  if (runs == NULL)
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
    }
  if (runs->len == 0)
    g_print (_("No allocation runs for %s.\n"), month);
  for (guint i = 0; i < runs->len; i++)
    {
      const CaAllocationRun *run = runs->pdata[i];

      g_print (_("Run %" G_GINT64_FORMAT ": %s, seed %" G_GUINT64_FORMAT ", %u audits (%u "
                 "started), made %s by %s%s%s\n"),
               run->id, run->month, run->seed, run->n_audits, run->n_started, run->created_at,
               run->created_by, run->cancelled_at ? _(", cancelled ") : "",
               run->cancelled_at ? run->cancelled_at : "");
    }
  return 0;
}

int
ca_allocate_command_run (int    argc,
                         char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaAllocationSettings) settings = NULL;
  g_autoptr(CaAllocationPreview) preview = NULL;
  g_autoptr(CaAllocationMailDrafts) drafts = NULL;
  g_autofree char *path = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *restricted_text = NULL;
  g_autofree char *strata_text = NULL;
  g_autofree char *cancel_text = NULL;
  g_autofree char *mail_folder = NULL;
  g_auto(GStrv) service_areas = NULL;
  gboolean commit = FALSE, json = FALSE, accept_unplaced = FALSE, runs = FALSE;
  int fixed = 0, percent = 10, closed_within = 90;
  const char *month;
  GDate first_day;
  guint64 seed;
  CaRestrictedPolicy restricted = CA_RESTRICTED_EXCLUDE;
  CaStrataFlags strata;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("The random seed (default: the month as YYYYMM); the same seed gives the same run"), N_("N") },
    { "commit", 0, 0, G_OPTION_ARG_NONE, &commit, N_("Create the audits, in one transaction (without it nothing is written)"), NULL },
    { "accept-unplaced", 0, 0, G_OPTION_ARG_NONE, &accept_unplaced, N_("Commit even though some sampled cases could not be placed"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON for scripts"), NULL },
    { "fixed", 0, 0, G_OPTION_ARG_INT, &fixed, N_("Sample this many cases in all instead of a percentage of each team"), N_("N") },
    { "percent", 0, 0, G_OPTION_ARG_INT, &percent, N_("Sample at least this percentage of each team’s eligible open cases, rounded up (default 10)"), N_("N") },
    { "closed-within", 0, 0, G_OPTION_ARG_INT, &closed_within, N_("Closed cases are eligible for this many days after closing (default 90)"), N_("DAYS") },
    { "service-area", 0, 0, G_OPTION_ARG_STRING_ARRAY, &service_areas, N_("Take cases from this service area only; repeat for more (default: all)"), N_("NAME") },
    { "restricted", 0, 0, G_OPTION_ARG_STRING, &restricted_text, N_("Restricted records: “exclude” (default) or “flag” as needing an access request"), N_("POLICY") },
    { "strata", 0, 0, G_OPTION_ARG_STRING, &strata_text, N_("Strata beyond service area and team: “ethnicity”, “locality” or both, comma-separated"), N_("LIST") },
    { "emails", 0, 0, G_OPTION_ARG_FILENAME, &mail_folder, N_("With --commit, write one e-mail draft (.eml) per auditor, as one folder for the run inside FOLDER; the run is committed only if they can be written"), N_("FOLDER") },
    { "runs", 0, 0, G_OPTION_ARG_NONE, &runs, N_("List the month’s allocation runs instead"), NULL },
    { "cancel", 0, 0, G_OPTION_ARG_STRING, &cancel_text, N_("Cancel a committed run whose audits have not started"), N_("RUN") },
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("The database to use (default: the usual one)")),
    { NULL }
  };

  if (!ca_command_line_parse (COMMAND, _("MONTH"),
                              _("Previews the allocation of a programme month (YYYY-MM): the\n"
                                "eligible cases, a stratified random sample of them and an\n"
                                "auditor for each that keeps every rule (not the worker, not\n"
                                "in the worker’s team or line-management chain, not the same\n"
                                "case within 12 months, capacity), preferring the same\n"
                                "locality. With --commit the audits are created."),
                              entries, CA_COMMAND_LINE_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;

  if (cancel_text != NULL)
    {
      if (argc > 1)
        {
          return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE,
                                       _("--cancel takes a run number and no month."));
        }
      if (path == NULL)
        path = ca_database_get_default_path ();
      database = ca_command_line_open_database (path, FALSE, &error);
      if (database == NULL)
        {
          return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
        }
      return cancel_run (database, cancel_text);
    }

  if (argc != 2)
    {
      g_printerr (argc < 2 ? _("case-audit %s: which month? Give it as YYYY-MM.\n")
                           : _("case-audit %s: give one month only.\n"), COMMAND);
      ca_command_line_usage_hint (COMMAND);
      return CA_COMMAND_LINE_EXIT_USAGE;
    }
  month = argv[1];
  if (!ca_command_line_parse_month (COMMAND, month, &first_day))
    return CA_COMMAND_LINE_EXIT_USAGE;

  if (seed_text != NULL)
    {
      if (!ca_command_line_parse_seed (COMMAND, seed_text, &seed))
        return CA_COMMAND_LINE_EXIT_USAGE;
    }
  else
    seed = (guint64) g_date_get_year (&first_day) * 100 + g_date_get_month (&first_day);

  if (restricted_text != NULL && !ca_restricted_policy_from_string (restricted_text, &restricted))
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE,
                                   _("--restricted takes “exclude” or “flag”, not “%s”."),
                                   restricted_text);
    }
  if (!parse_strata (strata_text, &strata))
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE,
                                   _("--strata takes “ethnicity”, “locality” or both, not "
                                     "“%s”."), strata_text);
    }

  if (mail_folder != NULL && !commit)
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE,
                                   _("--emails writes the drafts of the run being committed: "
                                     "add --commit."));
    }

  if (fixed != 0 && percent != 10)
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE,
                                   _("give either --fixed or --percent, not both."));
    }

  settings = ca_allocation_settings_new (month);
  settings->seed = seed;
  settings->restricted = restricted;
  settings->strata = strata;
  settings->closed_within_days = closed_within;
  settings->sample_percent = percent;
  if (fixed != 0)
    {
      settings->sample_rule = CA_SAMPLE_FIXED;
      settings->fixed_count = fixed;
    }
  if (service_areas != NULL)
    settings->service_areas = g_strdupv (service_areas);
  if (!ca_allocation_settings_validate (settings, &error))
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_USAGE, "%s", error->message);
    }

  if (path == NULL)
    path = ca_database_get_default_path ();
  database = ca_command_line_open_database (path, FALSE, &error);
  if (database == NULL)
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
    }

  if (runs)
    return list_runs (database, month);

  /* The drafts' folder is made and tried first, before anything is committed, and the drafts
   * are written inside the commit's transaction: a folder or disk that refuses them
   * refuses the run too (see ca-allocation-mail-drafts.c). */
  if (mail_folder != NULL)
    {
      drafts = ca_allocation_mail_drafts_new (database, mail_folder, &error);
      if (drafts == NULL)
        {
          return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED,
                                       _("%s Nothing was committed."), error->message);
        }
      print_recovered (drafts, mail_folder);
    }

  preview = ca_allocation_store_preview (database, settings, NULL, &error);
  if (preview == NULL)
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);
    }

  if (json)
    {
      g_autofree char *text = ca_allocation_preview_to_json (preview);

      g_print ("%s\n", text);
    }
  else
    print_preview (preview);

  if (preview->result->n_eligible == 0)
    {
      return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED,
                                   _("no case is eligible for %s: every case was left out for "
                                     "one of the reasons listed."), month);
    }
  if (preview->result->unplaced->len > 0)
    g_printerr (g_dngettext (NULL,
                             "case-audit %s: %u sampled case could not be placed: more cases "
                             "than the rules and capacity allow (see the reasons).\n",
                             "case-audit %s: %u sampled cases could not be placed: more cases "
                             "than the rules and capacity allow (see the reasons).\n",
                             preview->result->unplaced->len),
                COMMAND, preview->result->unplaced->len);

  if (!commit)
    {
      if (!json)
        g_print (_("This is a preview: nothing was written. Add --commit to create the "
                   "audits.\n"));
      return 0;
    }

  {
    gint64 run_id;

    run_id = ca_allocation_store_commit_full (database, preview, accept_unplaced,
                                              drafts != NULL
                                                ? ca_allocation_mail_drafts_stage_before_commit
                                                : NULL,
                                              drafts, &error);
    if (run_id == 0)
      {
        /* The store's own errors say what was committed; a draft's error does not. */
        if (error->domain != CA_ALLOCATION_STORE_ERROR)
          g_printerr (_("case-audit %s: %s Nothing was committed.\n"), COMMAND,
                      error->message);
        else
          g_printerr ("case-audit %s: %s\n", COMMAND, error->message);
        if (g_error_matches (error, CA_ALLOCATION_STORE_ERROR,
                             CA_ALLOCATION_STORE_ERROR_UNPLACED))
          g_printerr (_("Add --accept-unplaced to commit the cases that were placed.\n"));
        return CA_COMMAND_LINE_EXIT_FAILED;
      }
    g_printerr (g_dngettext (NULL,
                             "Committed as allocation run %" G_GINT64_FORMAT ": %u audit "
                             "created.\n",
                             "Committed as allocation run %" G_GINT64_FORMAT ": %u audits "
                             "created.\n",
                             preview->result->picks->len),
                run_id, preview->result->picks->len);
    if (drafts != NULL)
      return publish_mail (drafts, run_id, mail_folder);
  }
  return 0;
}
