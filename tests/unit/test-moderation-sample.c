// SPDX-License-Identifier: GPL-3.0-or-later
// R-H1 and R-H2: the month's moderation sample and its moderators.

#include "config.h"

#include <string.h>

#include "core/ca-moderation-sample.h"

typedef struct
{
  CaModerationInput  input;
  GPtrArray         *candidates;
  GPtrArray         *moderators;
  GHashTable        *line_managers;
  GHashTable        *last_moderated;
  CaHolidayCalendar *calendar;
} Fixture;

static void
fixture_init (Fixture *f)
{
  f->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_moderation_candidate_free);
  f->moderators = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_moderator_free);
  f->line_managers = ca_line_managers_new ();
  f->last_moderated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  f->calendar = ca_holiday_calendar_new ();
  f->input = (CaModerationInput) {
    .month = "2026-10", .seed = 7, .percent = 20, .due_working_day = 15,
    .calendar = f->calendar, .candidates = f->candidates, .moderators = f->moderators,
    .line_managers = f->line_managers, .last_moderated = f->last_moderated,
  };
}

static void
fixture_clear (Fixture *f)
{
  g_ptr_array_unref (f->candidates);
  g_ptr_array_unref (f->moderators);
  g_hash_table_unref (f->line_managers);
  g_hash_table_unref (f->last_moderated);
  ca_holiday_calendar_unref (f->calendar);
}

static CaModerationCandidate *
add_candidate (Fixture *f,
               gint64   audit_id,
               gint64   auditor_id,
               gint64   worker_id,
               CaGrade  grade)
{
  CaModerationCandidate *candidate = g_new0 (CaModerationCandidate, 1);

  candidate->audit_id = audit_id;
  candidate->case_ref = g_strdup_printf ("CA-%05" G_GINT64_FORMAT, audit_id);
  candidate->auditor_id = auditor_id;
  candidate->auditor_ref = g_strdup_printf ("S%03" G_GINT64_FORMAT, auditor_id);
  candidate->worker_id = worker_id;
  candidate->overall_grade = grade;
  g_ptr_array_add (f->candidates, candidate);
  return candidate;
}

static void
add_moderator (Fixture *f,
               gint64   id,
               guint    capacity)
{
  CaModerator *moderator = g_new0 (CaModerator, 1);

  moderator->id = id;
  moderator->ref = g_strdup_printf ("M%03" G_GINT64_FORMAT, id);
  moderator->name = g_strdup_printf ("Moderator %" G_GINT64_FORMAT, id);
  moderator->capacity = capacity;
  g_ptr_array_add (f->moderators, moderator);
}

static guint
count_reason (const CaModerationSample *sample,
              CaModerationReason        reason)
{
  guint n = 0;

  for (guint i = 0; i < sample->picks->len; i++)
    n += ((CaModerationPick *) sample->picks->pdata[i])->reason == reason;
  return n;
}

/* Five auditors (ids 1–5) with six audits each, one Inadequate apiece for the first two. */
static void
add_month (Fixture *f)
{
  gint64 audit = 1;

  for (gint64 auditor = 1; auditor <= 5; auditor++)
    for (guint k = 0; k < 6; k++)
      add_candidate (f, audit++, auditor, 500 + auditor,
                     k == 0 && auditor <= 2 ? CA_GRADE_INADEQUATE
                                            : (k % 2 ? CA_GRADE_GOOD : CA_GRADE_REQUIRES_IMPROVEMENT));
  for (gint64 m = 100; m < 104; m++)
    add_moderator (f, m, 10);
}

static void
test_every_inadequate_and_exact_share (void)
{
  Fixture f;
  g_autoptr(CaModerationSample) sample = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;

  fixture_init (&f);
  add_month (&f);
  /* Ungraded audits are neither Inadequate nor in the random share. */
  add_candidate (&f, 99, 1, 501, CA_GRADE_NONE);

  sample = ca_moderation_sample_draw (&f.input, &error);
  g_assert_no_error (error);
  /* 2 Inadequate; 20% of the 28 others is 5.6, rounded up to 6. */
  g_assert_cmpuint (count_reason (sample, CA_MODERATION_REASON_INADEQUATE), ==, 2);
  g_assert_cmpuint (count_reason (sample, CA_MODERATION_REASON_RANDOM), ==, 6);
  g_assert_cmpuint (sample->picks->len, ==, 8);
  /* Inadequate first. */
  g_assert_cmpint (((CaModerationPick *) sample->picks->pdata[0])->candidate->audit_id, ==, 1);
  g_assert_cmpint (((CaModerationPick *) sample->picks->pdata[1])->candidate->audit_id, ==, 7);
  for (guint i = 0; i < sample->picks->len; i++)
    {
      CaModerationPick *pick = sample->picks->pdata[i];

      g_assert_cmpint (pick->candidate->overall_grade, !=, CA_GRADE_NONE);
      g_assert_nonnull (pick->moderator);
    }
  g_assert_cmpuint (sample->unplaced->len, ==, 0);

  /* The 15th working day of November 2026 (the 2nd is a Monday). */
  due = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&sample->due),
                         g_date_get_month (&sample->due), g_date_get_day (&sample->due));
  g_assert_cmpstr (due, ==, "2026-11-20");

  /* 0% takes only the Inadequate; 100% takes every graded audit. */
  g_clear_pointer (&sample, ca_moderation_sample_free);
  f.input.percent = 0;
  sample = ca_moderation_sample_draw (&f.input, &error);
  g_assert_cmpuint (sample->picks->len, ==, 2);
  g_clear_pointer (&sample, ca_moderation_sample_free);
  f.input.percent = 100;
  sample = ca_moderation_sample_draw (&f.input, &error);
  g_assert_cmpuint (sample->picks->len, ==, 30);
  fixture_clear (&f);
}

static GString *
describe (const CaModerationSample *sample)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < sample->picks->len; i++)
    {
      CaModerationPick *pick = sample->picks->pdata[i];

      g_string_append_printf (text, "%" G_GINT64_FORMAT ":%s:%s ", pick->candidate->audit_id,
                              ca_moderation_reason_to_string (pick->reason),
                              pick->moderator != NULL ? pick->moderator->ref : "-");
    }
  return text;
}

static void
test_seed_reproduces (void)
{
  Fixture f;
  g_autoptr(CaModerationSample) first = NULL;
  g_autoptr(CaModerationSample) again = NULL;
  g_autoptr(GString) a = NULL;
  g_autoptr(GString) b = NULL;
  gboolean differs = FALSE;

  fixture_init (&f);
  add_month (&f);
  first = ca_moderation_sample_draw (&f.input, NULL);
  /* The same candidates in another order: the same sample. */
  for (guint i = 0; i < f.candidates->len / 2; i++)
    {
      gpointer swap = f.candidates->pdata[i];

      f.candidates->pdata[i] = f.candidates->pdata[f.candidates->len - 1 - i];
      f.candidates->pdata[f.candidates->len - 1 - i] = swap;
    }
  again = ca_moderation_sample_draw (&f.input, NULL);
  a = describe (first);
  b = describe (again);
  g_assert_cmpstr (a->str, ==, b->str);

  /* Another seed draws another share (some seed among a few does). */
  for (guint64 seed = 8; seed < 14 && !differs; seed++)
    {
      g_autoptr(CaModerationSample) other = NULL;
      g_autoptr(GString) c = NULL;

      f.input.seed = seed;
      other = ca_moderation_sample_draw (&f.input, NULL);
      c = describe (other);
      differs = g_strcmp0 (a->str, c->str) != 0;
    }
  g_assert_true (differs);
  fixture_clear (&f);
}

/* The random share goes round the auditors one audit each, least recently moderated first;
 * an auditor already in the sample for an Inadequate audit waits their turn. */
static void
test_spread_across_auditors (void)
{
  Fixture f;
  g_autoptr(CaModerationSample) sample = NULL;
  g_autoptr(GHashTable) auditors = g_hash_table_new (g_int64_hash, g_int64_equal);
  GDate long_ago, lately;
  gint64 key;

  fixture_init (&f);
  add_month (&f);
  /* Auditor 3 was moderated last week, auditor 4 two years ago, auditor 5 never. */
  g_date_clear (&long_ago, 1);
  g_date_set_dmy (&long_ago, 1, 10, 2024);
  g_date_clear (&lately, 1);
  g_date_set_dmy (&lately, 24, 10, 2026);
  key = 3;
  g_hash_table_insert (f.last_moderated, g_memdup2 (&key, sizeof key),
                       GUINT_TO_POINTER (g_date_get_julian (&lately)));
  key = 4;
  g_hash_table_insert (f.last_moderated, g_memdup2 (&key, sizeof key),
                       GUINT_TO_POINTER (g_date_get_julian (&long_ago)));
  f.input.percent = 10;   /* 10% of 28, rounded up: 3 */

  sample = ca_moderation_sample_draw (&f.input, NULL);
  g_assert_cmpuint (count_reason (sample, CA_MODERATION_REASON_RANDOM), ==, 3);
  for (guint i = 0; i < sample->picks->len; i++)
    {
      CaModerationPick *pick = sample->picks->pdata[i];

      if (pick->reason == CA_MODERATION_REASON_RANDOM)
        g_hash_table_add (auditors, (gpointer) &pick->candidate->auditor_id);
    }
  /* 5 (never), 4 (two years ago), then 3 (last week) before 1 and 2, who are in the
   * sample already for their Inadequate audits. */
  key = 5;
  g_assert_true (g_hash_table_contains (auditors, &key));
  key = 4;
  g_assert_true (g_hash_table_contains (auditors, &key));
  key = 3;
  g_assert_true (g_hash_table_contains (auditors, &key));
  g_assert_cmpuint (g_hash_table_size (auditors), ==, 3);
  fixture_clear (&f);
}

/* Never the auditor, the case's worker or the worker's line managers; what cannot be placed
 * is said, and why. */
static void
test_moderator_independence (void)
{
  Fixture f;
  g_autoptr(CaModerationSample) sample = NULL;
  CaModerationCandidate *candidate;
  CaModerator auditor = { .id = 1 }, worker = { .id = 50 }, manager = { .id = 60 },
              head = { .id = 70 }, outsider = { .id = 80 };

  fixture_init (&f);
  candidate = add_candidate (&f, 1, 1, 50, CA_GRADE_INADEQUATE);
  ca_line_managers_add (f.line_managers, 50, 60);
  ca_line_managers_add (f.line_managers, 60, 70);
  /* A loop in the data ends the walk rather than hanging it. */
  ca_line_managers_add (f.line_managers, 70, 60);

  g_assert_false (ca_moderation_is_independent (&f.input, candidate, &auditor));
  g_assert_false (ca_moderation_is_independent (&f.input, candidate, &worker));
  g_assert_false (ca_moderation_is_independent (&f.input, candidate, &manager));
  g_assert_false (ca_moderation_is_independent (&f.input, candidate, &head));
  g_assert_true (ca_moderation_is_independent (&f.input, candidate, &outsider));

  /* Only the chain can moderate it: unplaced, for independence. */
  add_moderator (&f, 60, 5);
  add_moderator (&f, 70, 5);
  sample = ca_moderation_sample_draw (&f.input, NULL);
  g_assert_cmpuint (sample->unplaced->len, ==, 1);
  g_assert_nonnull (strstr (((CaModerationUnplaced *) sample->unplaced->pdata[0])->reason,
                            "No moderator stands outside this audit"));
  g_clear_pointer (&sample, ca_moderation_sample_free);

  /* An outsider with no capacity: unplaced, for capacity. */
  add_moderator (&f, 80, 0);
  sample = ca_moderation_sample_draw (&f.input, NULL);
  g_assert_cmpuint (sample->unplaced->len, ==, 1);
  g_assert_cmpstr (((CaModerationUnplaced *) sample->unplaced->pdata[0])->reason, ==,
                   "The 1 moderator free to take it has no capacity left this month.");
  g_clear_pointer (&sample, ca_moderation_sample_free);

  ((CaModerator *) f.moderators->pdata[2])->capacity = 1;
  sample = ca_moderation_sample_draw (&f.input, NULL);
  g_assert_cmpuint (sample->unplaced->len, ==, 0);
  g_assert_cmpint (((CaModerationPick *) sample->picks->pdata[0])->moderator->id, ==, 80);
  fixture_clear (&f);
}

/* With too little capacity, the Inadequate audits keep their moderators; the load is spread
 * evenly. */
static void
test_capacity_and_spread (void)
{
  Fixture f;
  g_autoptr(CaModerationSample) sample = NULL;
  guint load[4] = { 0, };

  fixture_init (&f);
  add_month (&f);
  g_ptr_array_set_size (f.moderators, 0);
  add_moderator (&f, 100, 1);
  add_moderator (&f, 101, 1);
  sample = ca_moderation_sample_draw (&f.input, NULL);
  g_assert_cmpuint (sample->picks->len, ==, 8);
  g_assert_cmpuint (sample->unplaced->len, ==, 6);
  for (guint i = 0; i < sample->picks->len; i++)
    {
      CaModerationPick *pick = sample->picks->pdata[i];

      g_assert_true ((pick->reason == CA_MODERATION_REASON_INADEQUATE) == (pick->moderator != NULL));
    }
  g_clear_pointer (&sample, ca_moderation_sample_free);

  /* Four moderators with room for all: two each. */
  g_ptr_array_set_size (f.moderators, 0);
  for (gint64 m = 100; m < 104; m++)
    add_moderator (&f, m, 10);
  sample = ca_moderation_sample_draw (&f.input, NULL);
  for (guint i = 0; i < sample->picks->len; i++)
    load[((CaModerationPick *) sample->picks->pdata[i])->moderator->id - 100]++;
  for (guint m = 0; m < 4; m++)
    g_assert_cmpuint (load[m], ==, 2);
  fixture_clear (&f);
}

static void
test_due_dates (void)
{
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_calendar_new ();
  g_autoptr(GError) error = NULL;
  static const struct { const char *month; guint day; const char *due; } cases[] = {
    { "2026-10", 15, "2026-11-20" },
    { "2026-04", 15, "2026-05-22" },   /* the early May bank holiday, 4 May */
    { "2026-12", 15, "2027-01-22" },   /* New Year's Day */
    { "2026-12", 1, "2027-01-04" },
  };
  GDate due;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      g_assert_true (ca_moderation_due_date (calendar, cases[i].month, cases[i].day, &due, &error));
      g_assert_no_error (error);
      text = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&due), g_date_get_month (&due),
                              g_date_get_day (&due));
      g_assert_cmpstr (text, ==, cases[i].due);
    }

  g_assert_false (ca_moderation_due_date (calendar, "2026-13", 15, &due, &error));
  g_assert_error (error, CA_MODERATION_SAMPLE_ERROR, CA_MODERATION_SAMPLE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ca_moderation_due_date (calendar, "2026-10", 0, &due, &error));
  g_assert_error (error, CA_MODERATION_SAMPLE_ERROR, CA_MODERATION_SAMPLE_ERROR_INVALID);
}

/* The team's settings as Preferences and the command line check them: the edges kept. */
static void
test_settings_bounds (void)
{
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_calendar_new ();
  g_autoptr(GError) error = NULL;
  GDate due;

  g_assert_true (ca_moderation_check_percent (0, &error));
  g_assert_true (ca_moderation_check_percent (100, &error));
  g_assert_no_error (error);
  g_assert_false (ca_moderation_check_percent (101, &error));
  g_assert_error (error, CA_MODERATION_SAMPLE_ERROR, CA_MODERATION_SAMPLE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ca_moderation_check_due_working_day (1, &error));
  g_assert_true (ca_moderation_check_due_working_day (CA_MODERATION_MAX_DUE_WORKING_DAY,
                                                      &error));
  g_assert_no_error (error);
  g_assert_false (ca_moderation_check_due_working_day (0, &error));
  g_assert_error (error, CA_MODERATION_SAMPLE_ERROR, CA_MODERATION_SAMPLE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ca_moderation_check_due_working_day (CA_MODERATION_MAX_DUE_WORKING_DAY + 1,
                                                       &error));
  g_assert_error (error, CA_MODERATION_SAMPLE_ERROR, CA_MODERATION_SAMPLE_ERROR_INVALID);
  g_clear_error (&error);

  /* The last day allowed is a working day of every month: February 2026 has 20, and
   * December 2026's 19th working day comes after Christmas. */
  g_assert_true (ca_moderation_due_date (calendar, "2026-01", 19, &due, &error));
  g_assert_cmpint (g_date_get_month (&due), ==, G_DATE_FEBRUARY);
  g_assert_true (ca_moderation_due_date (calendar, "2026-11", 19, &due, &error));
  g_assert_cmpint (g_date_get_month (&due), ==, G_DATE_DECEMBER);
  g_assert_no_error (error);
}

/* A month with nothing submitted: an empty sample, not an error. */
static void
test_empty_month (void)
{
  Fixture f;
  g_autoptr(CaModerationSample) sample = NULL;
  g_autoptr(GError) error = NULL;

  fixture_init (&f);
  sample = ca_moderation_sample_draw (&f.input, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sample->picks->len, ==, 0);
  g_assert_cmpuint (sample->unplaced->len, ==, 0);
  g_clear_pointer (&sample, ca_moderation_sample_free);

  f.input.percent = 101;
  sample = ca_moderation_sample_draw (&f.input, &error);
  g_assert_null (sample);
  g_assert_error (error, CA_MODERATION_SAMPLE_ERROR, CA_MODERATION_SAMPLE_ERROR_INVALID);
  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moderation-sample/inadequate-and-share", test_every_inadequate_and_exact_share);
  g_test_add_func ("/moderation-sample/seed", test_seed_reproduces);
  g_test_add_func ("/moderation-sample/spread", test_spread_across_auditors);
  g_test_add_func ("/moderation-sample/independence", test_moderator_independence);
  g_test_add_func ("/moderation-sample/capacity", test_capacity_and_spread);
  g_test_add_func ("/moderation-sample/due", test_due_dates);
  g_test_add_func ("/moderation-sample/empty", test_empty_month);
  g_test_add_func ("/moderation-sample/settings-bounds", test_settings_bounds);

  return g_test_run ();
}
