// SPDX-License-Identifier: GPL-3.0-or-later
// Fills an empty database with a deterministic, realistic council: staff, cases, programme, audits.

#define G_LOG_DOMAIN "ca-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-demo-private.h"
#include "core/ca-date.h"

G_DEFINE_QUARK (ca-demo-error-quark, ca_demo_error)

/* Setup and teardown */

static void
clear_post (gpointer data)
{
  Post *post = data;

  g_clear_pointer (&post->tenures, g_array_unref);
}

static void
clear_staff (gpointer data)
{
  Staff *staff = data;

  g_clear_pointer (&staff->name, g_free);
  g_clear_pointer (&staff->email, g_free);
}

static void
clear_team (gpointer data)
{
  Team *team = data;

  g_clear_pointer (&team->name, g_free);
  g_clear_pointer (&team->practice_manager_posts, g_array_unref);
  g_clear_pointer (&team->worker_posts, g_array_unref);
}

static void
generator_free (Generator *g)
{
  g_clear_pointer (&g->store, ca_bulk_store_free);
  ca_demo_tracking_free (g);
  g_clear_pointer (&g->rand, g_rand_free);
  g_clear_pointer (&g->calendar, ca_holiday_calendar_unref);
  g_clear_pointer (&g->programme, g_free);
  g_clear_pointer (&g->teams, g_array_unref);
  g_clear_pointer (&g->posts, g_array_unref);
  g_clear_pointer (&g->staff, g_array_unref);
  g_clear_pointer (&g->cases, g_array_unref);
  g_clear_pointer (&g->cpp_posts, g_array_unref);
  g_clear_pointer (&g->emails, g_hash_table_unref);
  for (guint i = 0; i < N_DIP_SAMPLES; i++)
    {
      g_clear_pointer (&g->dip_sample_focus[i], g_free);
      g_clear_pointer (&g->dip_sample_questions[i], g_free);
      g_clear_pointer (&g->dip_sample_definitions[i], ca_tool_definition_free);
    }
  for (guint i = 0; i < N_TOOLS; i++)
    g_clear_pointer (&g->definitions[i], ca_tool_definition_free);
  g_clear_object (&g->database);
  g_clear_object (&g->cancellable);
  g_free (g);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Generator, generator_free)

/* The data's own "today": the middle of its last month, or today when that month is this
 * month and the middle is still to come, so that nothing is dated after today. */
static guint32
as_of_day (int until_year,
           int until_month)
{
  guint32 middle = ca_demo_make_day (until_year, until_month, AS_OF_DAY_OF_MONTH);
  GDate today;

  ca_date_set_today (&today);
  if ((int) g_date_get_year (&today) == until_year &&
      (int) g_date_get_month (&today) == until_month)
    return MIN (middle, g_date_get_julian (&today));
  return middle;
}

static Generator *
generator_new (CaDatabase          *database,
               const CaDemoOptions *options,
               CaDemoProgressFunc   progress,
               gpointer             user_data,
               GCancellable        *cancellable)
{
  Generator *g = g_new0 (Generator, 1);
  int first = options->until_year * 12 + options->until_month - 1 - (int) options->years * 12 + 1;

  g->database = g_object_ref (database);
  g->store = ca_bulk_store_new (database);
  g->options = options;
  g->progress = progress;
  g->user_data = user_data;
  g->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g->rand = g_rand_new_with_seed (options->seed);

  g->first_year = first / 12;
  g->first_month = first % 12 + 1;
  g->n_months = (int) options->years * 12;
  g->first_day = ca_demo_month_start (g, 0);
  g->as_of_day = as_of_day (options->until_year, options->until_month);

  g->teams = g_array_new (FALSE, TRUE, sizeof (Team));
  g_array_set_clear_func (g->teams, clear_team);
  g->posts = g_array_new (FALSE, TRUE, sizeof (Post));
  g_array_set_clear_func (g->posts, clear_post);
  g->staff = g_array_new (FALSE, TRUE, sizeof (Staff));
  g_array_set_clear_func (g->staff, clear_staff);
  g->cases = g_array_new (FALSE, TRUE, sizeof (Case));
  g->cpp_posts = g_array_new (FALSE, FALSE, sizeof (guint));
  g->emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->programme = g_new0 (ProgrammeMonth, g->n_months);

  return g;
}

static gboolean
check_options (const CaDemoOptions  *options,
               GError              **error)
{
  if (options->years == 0 || options->years > CA_DEMO_MAX_YEARS)
    {
      g_set_error (error, CA_DEMO_ERROR, CA_DEMO_ERROR_INVALID_OPTIONS,
                   _("Demo data can cover from 1 to %d years, not %u."),
                   CA_DEMO_MAX_YEARS, options->years);
      return FALSE;
    }
  if (options->until_month < 1 || options->until_month > 12 ||
      options->until_year < 1970 || options->until_year > 9000)
    {
      g_set_error (error, CA_DEMO_ERROR, CA_DEMO_ERROR_INVALID_OPTIONS,
                   _("The last month of demo data must be a month from 1970 to 9000, such as "
                     "2021-12 (not %d-%02d)."), options->until_year, options->until_month);
      return FALSE;
    }
  return TRUE;
}

/* Demo data mixed with real records would be misleading and could be mistaken for them. */
static gboolean
check_empty (Generator  *g,
             GError    **error)
{
  gboolean empty = FALSE;

  if (!ca_bulk_store_is_empty (g->store, &empty, error))
    return FALSE;

  if (!empty)
    {
      g_set_error_literal (error, CA_DEMO_ERROR, CA_DEMO_ERROR_NOT_EMPTY,
                           _("The database already holds data: demo data can only be added "
                             "to an empty database."));
      return FALSE;
    }
  return TRUE;
}

/* R-F7: the managers were told of every Category 1–2 audit but those of the last two days, so
 * the demonstration asks for the e-mails a team would still have to send, not for years of
 * e-mails sent long ago. */
static gboolean
mark_notifications_sent (Generator  *g,
                         GError    **error)
{
  StampText recent;

  ca_demo_format_stamp (g->as_of_day - 2, 0, recent);
  return ca_bulk_store_mark_notified_before (g->store, recent, error);
}

static gboolean
generate_all (Generator  *g,
              GError    **error)
{
  ca_demo_plan_organisation (g);

  return ca_demo_write_lists (g, error) &&
         ca_demo_write_teams (g, error) &&
         ca_demo_write_staff (g, error) &&
         ca_demo_write_line_managers (g, error) &&
         ca_demo_report_progress (g, SETUP_SHARE / 2, error) &&
         ca_demo_write_cases (g, error) &&
         ca_demo_write_tools (g, error) &&
         ca_demo_write_programme (g, error) &&
         ca_demo_report_progress (g, SETUP_SHARE, error) &&
         ca_demo_generate_audits (g, error) &&
         mark_notifications_sent (g, error);
}

/**
 * ca_demo_options_init:
 * @options: the options to fill
 *
 * Seed 1, three years of data, ending with the current month (local time).
 */
void
ca_demo_options_init (CaDemoOptions *options)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (options != NULL);

  options->seed = 1;
  options->years = 3;
  options->until_year = g_date_time_get_year (now);
  options->until_month = g_date_time_get_month (now);
}

/**
 * ca_demo_generate:
 * @database: an empty database
 * @options: what to generate
 * @progress: (nullable) (scope call): called between months with the share done
 * @cancellable: (nullable): checked after each progress report
 *
 * Fills @database with a council of about 600 staff, 2,000 open cases and 300 audits a
 * month, with their actions, responses, moderations, the checks of their recommendations,
 * escalations, the Head of Service's sign-offs and history, in one transaction.
 * The same options always give the same content; nothing depends on the clock.
 * A database that already holds staff, teams or cases is refused, and on any error or
 * cancellation nothing is written.
 */
gboolean
ca_demo_generate (CaDatabase           *database,
                  const CaDemoOptions  *options,
                  CaDemoProgressFunc    progress,
                  gpointer              user_data,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr(Generator) g = NULL;
  g_autofree char *user = NULL;
  gboolean ok;

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_options (options, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g = generator_new (database, options, progress, user_data, cancellable);
  g->calendar = ca_bank_holidays_load_default (error);
  if (g->calendar == NULL || !ca_database_begin (database, error))
    return FALSE;

  /* The history says the demonstration made these rows, not whoever ran it. */
  user = g_strdup (ca_database_get_user (database));
  ca_database_set_user (database, DEMO_USER);
  ok = check_empty (g, error) && generate_all (g, error);
  ca_database_set_user (database, user);
  /* Its statements are finished before the transaction ends either way. */
  g_clear_pointer (&g->store, ca_bulk_store_free);

  if (!ok)
    {
      ca_database_rollback (database);
      return FALSE;
    }

  ca_database_note_change (database, CA_CHANGE_ANY, CA_CHANGE_ALL_IDS);
  if (!ca_database_commit (database, error))
    {
      ca_database_rollback (database);
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}
