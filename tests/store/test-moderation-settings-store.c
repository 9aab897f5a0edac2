// SPDX-License-Identifier: GPL-3.0-or-later
// The team's moderation settings and the moderators' capacity (R-H1, R-H2) in a real database
// file: stored with their history, refused in words, the default kept as no row, a second
// copy's change never overwritten (R-N2), and a draw that follows what is stored.

#include "config.h"

#include <string.h>

#include "ca-capacity-store.h"
#include "ca-holiday-store.h"
#include "ca-moderation-settings-store.h"
#include "ca-moderation-store.h"
#include "ca-test-fixture.h"
#include "core/ca-date.h"

/* Hannah Price (head of service, S001) and the fixture's team managers, with a service
 * manager, a lead auditor and a service manager who has left; March 2021 has five audits,
 * one Inadequate, and one moderation of Tom Hill's in its sample already. */
static void
set_up (CaTestFixture *fixture,
        gconstpointer  data)
{
  ca_test_fixture_set_up (fixture, data);
  ca_test_fixture_add_rows (fixture);
  ca_test_exec (fixture->database,
    "INSERT INTO staff (id, staff_ref, name, role_code, team_id, line_manager_id, active) VALUES"
    "  (5, 'S005', 'Grace Okafor', 'service-manager', 1, 1, 1),"
    "  (6, 'S006', 'Tom Hill', 'lead-auditor', NULL, NULL, 1),"
    "  (7, 'S007', 'Ann Lee', 'service-manager', 3, 1, 0);"
    "INSERT INTO audit (id, case_id, tool_version_id, auditor_id, status, allocated_on,"
    "                   audit_date, overall_grade, submitted_at) VALUES"
    "  (10, 1, 100, 4, 'submitted', '2021-03-01', '2021-03-05', 'inadequate', '2021-03-05T10:00:00Z'),"
    "  (11, 2, 100, 4, 'submitted', '2021-03-01', '2021-03-08', 'good', '2021-03-08T10:00:00Z'),"
    "  (12, 2, 100, 2, 'submitted', '2021-03-01', '2021-03-09', 'good', '2021-03-09T10:00:00Z'),"
    "  (13, 1, 100, 2, 'submitted', '2021-03-01', '2021-03-10', 'good', '2021-03-10T10:00:00Z'),"
    "  (14, 2, 100, 4, 'submitted', '2021-03-01', '2021-03-11', 'good', '2021-03-11T10:00:00Z'),"
    "  (15, 1, 100, 4, 'submitted', '2021-03-01', '2021-03-12', 'good', '2021-03-12T10:00:00Z');"
    "INSERT INTO moderation (id, audit_id, moderator_id, due_date, reason, sample_month) VALUES"
    "  (2, 15, 6, '2021-04-22', 'added', '2021-03');");
}

static gint64
history_rows (CaDatabase *db)
{
  return ca_test_query_int (db, "SELECT count(*) FROM change_history");
}

static void
test_settings (CaTestFixture *fixture,
               gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(GError) error = NULL;
  CaModerationSettings settings;
  guint stored = 0;

  /* Seed 01's 20% and seed 03's fifteenth working day, with no row. */
  g_assert_true (ca_moderation_settings_store_load (db, &settings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (settings.percent, ==, 20);
  g_assert_cmpuint (settings.due_working_day, ==, 15);

  g_assert_true (ca_moderation_settings_store_set (db, CA_MODERATION_SETTING_PERCENT, 20, 35,
                                                   &stored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stored, ==, 35);
  g_assert_cmpint (ca_test_query_int (db, "SELECT value FROM moderation_setting "
                                          "WHERE name = 'percent'"), ==, 35);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM change_history WHERE "
                                          "entity = 'moderation_setting' AND field = 'percent' "
                                          "AND old_value = '20' AND new_value = '35'"), ==, 1);
  g_assert_true (ca_moderation_settings_store_set (db, CA_MODERATION_SETTING_DUE_WORKING_DAY,
                                                   15, 10, NULL, &error));
  g_assert_true (ca_moderation_settings_store_load (db, &settings, &error));
  g_assert_cmpuint (settings.percent, ==, 35);
  g_assert_cmpuint (settings.due_working_day, ==, 10);

  /* The same number again writes nothing. */
  g_assert_true (ca_moderation_settings_store_set (db, CA_MODERATION_SETTING_PERCENT, 35, 35,
                                                   NULL, &error));
  g_assert_cmpint (history_rows (db), ==, 2);

  /* Refused by core's rules, in words, and nothing written. */
  g_assert_false (ca_moderation_settings_store_set (db, CA_MODERATION_SETTING_PERCENT, 35, 101,
                                                    NULL, &error));
  g_assert_error (error, CA_MODERATION_SAMPLE_ERROR, CA_MODERATION_SAMPLE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "from 0 to 100"));
  g_clear_error (&error);
  g_assert_false (ca_moderation_settings_store_set (db, CA_MODERATION_SETTING_DUE_WORKING_DAY,
                                                    10, 0, NULL, &error));
  g_assert_error (error, CA_MODERATION_SAMPLE_ERROR, CA_MODERATION_SAMPLE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ca_moderation_settings_store_set (db, CA_MODERATION_SETTING_DUE_WORKING_DAY,
                                                    10, 20, NULL, &error));
  g_assert_error (error, CA_MODERATION_SAMPLE_ERROR, CA_MODERATION_SAMPLE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "19th"));
  g_clear_error (&error);
  g_assert_false (ca_moderation_settings_store_set (db, "share", 35, 30, NULL, &error));
  g_assert_error (error, CA_MODERATION_SETTINGS_STORE_ERROR,
                  CA_MODERATION_SETTINGS_STORE_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM moderation_setting"), ==, 2);
  g_assert_cmpint (history_rows (db), ==, 2);

  /* Back to the default: the row goes, so a later default would reach this team. */
  g_assert_true (ca_moderation_settings_store_set (db, CA_MODERATION_SETTING_PERCENT, 35, 20,
                                                   NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM moderation_setting "
                                          "WHERE name = 'percent'"), ==, 0);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM change_history WHERE "
                                          "field = 'percent' AND old_value = '35' AND "
                                          "new_value = '20'"), ==, 1);

  /* A number no rule allows, put in the file by hand, is passed over. */
  ca_test_exec (db, "UPDATE moderation_setting SET value = 40 WHERE name = 'due-working-day'");
  g_assert_true (ca_moderation_settings_store_load (db, &settings, &error));
  g_assert_cmpuint (settings.due_working_day, ==, 15);
}

/* Two Preferences windows show 20%. B stores 30; A, still showing 20, stores 25: refused,
 * naming 30, nothing written. A's person keeping 25 (shown now 30) writes it. */
static void
test_settings_two_copies (CaTestFixture *fixture,
                          gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(CaDatabase) second = ca_test_open_second (fixture->path);
  g_autoptr(GError) error = NULL;
  guint stored = 0;

  g_assert_true (ca_moderation_settings_store_set (second, CA_MODERATION_SETTING_PERCENT, 20,
                                                   30, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ca_moderation_settings_store_set (db, CA_MODERATION_SETTING_PERCENT, 20, 25,
                                                    &stored, &error));
  g_assert_error (error, CA_MODERATION_SETTINGS_STORE_ERROR,
                  CA_MODERATION_SETTINGS_STORE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "it is now 30"));
  g_assert_cmpuint (stored, ==, 30);
  g_assert_cmpint (ca_test_query_int (db, "SELECT value FROM moderation_setting"), ==, 30);
  g_assert_cmpint (history_rows (db), ==, 1);
  g_clear_error (&error);

  /* Asking for what is stored already is no conflict. */
  g_assert_true (ca_moderation_settings_store_set (db, CA_MODERATION_SETTING_PERCENT, 20, 30,
                                                   &stored, &error));
  g_assert_true (ca_moderation_settings_store_set (db, CA_MODERATION_SETTING_PERCENT, 30, 25,
                                                   &stored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stored, ==, 25);
  g_assert_cmpint (ca_test_query_int (db, "SELECT value FROM moderation_setting"), ==, 25);
}

static const CaModeratorCapacity *
find_moderator (GPtrArray  *moderators,
                const char *ref)
{
  for (guint i = 0; i < moderators->len; i++)
    {
      const CaModeratorCapacity *moderator = moderators->pdata[i];

      if (g_str_equal (moderator->staff_ref, ref))
        return moderator;
    }
  return NULL;
}

static void
test_moderators (CaTestFixture *fixture,
                 gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) moderators = NULL;
  const CaModeratorCapacity *tom, *grace;
  gint stored = 0;

  /* Hannah (head of service), then Grace (service manager), then Tom (lead auditor); not the
   * team managers, the practitioner or Ann, who left. */
  moderators = ca_moderation_settings_store_list_moderators (db, "2021-03", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (moderators->len, ==, 3);
  g_assert_cmpstr (((CaModeratorCapacity *) moderators->pdata[0])->staff_ref, ==, "S001");
  g_assert_cmpstr (((CaModeratorCapacity *) moderators->pdata[1])->staff_ref, ==, "S005");
  g_assert_cmpstr (((CaModeratorCapacity *) moderators->pdata[2])->staff_ref, ==, "S006");
  tom = find_moderator (moderators, "S006");
  g_assert_cmpstr (tom->role_name, ==, "Lead Auditor");
  g_assert_cmpint (tom->role_capacity, ==, 10);
  g_assert_cmpint (tom->own_capacity, ==, CA_CAPACITY_NONE);
  g_assert_cmpuint (tom->in_month, ==, 1);
  g_assert_cmpuint (ca_moderator_capacity_get_capacity (tom), ==, 10);
  g_clear_pointer (&moderators, g_ptr_array_unref);

  /* Grace part-time: 2 a month of her own, with its history. */
  g_assert_true (ca_capacity_store_set_moderation (db, 5, CA_CAPACITY_NONE, 2, &stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored, ==, 2);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM change_history WHERE "
                                          "entity = 'staff' AND entity_id = 5 AND "
                                          "field = 'moderation_capacity' AND old_value IS NULL "
                                          "AND new_value = '2'"), ==, 1);
  /* Her audits a month are another number, left alone. */
  g_assert_cmpint (ca_test_query_int (db, "SELECT monthly_capacity IS NULL FROM staff "
                                          "WHERE id = 5"), ==, 1);
  moderators = ca_moderation_settings_store_list_moderators (db, "2021-04", &error);
  grace = find_moderator (moderators, "S005");
  g_assert_cmpint (grace->own_capacity, ==, 2);
  g_assert_cmpint (grace->role_capacity, ==, 4);
  g_assert_cmpuint (ca_moderator_capacity_get_capacity (grace), ==, 2);
  g_assert_cmpuint (find_moderator (moderators, "S006")->in_month, ==, 0);
  g_clear_pointer (&moderators, g_ptr_array_unref);

  /* Refused: a team manager does not moderate, nobody takes 1001, Ann's id is not there. */
  g_assert_false (ca_capacity_store_set_moderation (db, 2, CA_CAPACITY_NONE, 1, NULL, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_NOT_AUDITOR);
  g_assert_nonnull (strstr (error->message, "does not moderate"));
  g_clear_error (&error);
  g_assert_false (ca_capacity_store_set_moderation (db, 5, 2, 1001, NULL, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "moderations a month"));
  g_clear_error (&error);
  g_assert_false (ca_capacity_store_set_moderation (db, 99, CA_CAPACITY_NONE, 1, NULL, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM staff "
                                          "WHERE moderation_capacity IS NOT NULL"), ==, 1);
  g_assert_cmpint (history_rows (db), ==, 1);

  /* A second copy set her to 0 meanwhile: this copy's 3, over the 2 it showed, is refused. */
  {
    g_autoptr(CaDatabase) second = ca_test_open_second (fixture->path);

    g_assert_true (ca_capacity_store_set_moderation (second, 5, 2, 0, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_false (ca_capacity_store_set_moderation (db, 5, 2, 3, &stored, &error));
  g_assert_error (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_CHANGED);
  g_assert_cmpint (stored, ==, 0);
  g_clear_error (&error);

  /* Back to the role's number. */
  g_assert_true (ca_capacity_store_clear_moderation (db, 5, 0, &stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored, ==, CA_CAPACITY_NONE);
  g_assert_cmpint (ca_test_query_int (db, "SELECT moderation_capacity IS NULL FROM staff "
                                          "WHERE id = 5"), ==, 1);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM change_history WHERE "
                                          "entity_id = 5 AND field = 'moderation_capacity' "
                                          "AND old_value = '0' AND new_value IS NULL"), ==, 1);
}

/* A changed share and due day change what a month's draw picks and when it is due; a
 * moderator's own number of 0 leaves them out. */
static void
test_draw_follows_settings (CaTestFixture *fixture,
                            gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_store_load_calendar (db, &error);
  guint n_random[2] = { 0, 0 };
  char *due[2] = { NULL, NULL };
  gboolean tom_picked[2] = { FALSE, FALSE };

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(CaModerationMonth) month = NULL;
      g_autoptr(CaModerationSample) sample = NULL;
      CaModerationInput input;

      month = ca_moderation_store_load_month (db, "2021-03", &error);
      g_assert_no_error (error);
      ca_moderation_month_fill_input (month, calendar, 1, month->percent, &input);
      sample = ca_moderation_sample_draw (&input, &error);
      g_assert_no_error (error);
      due[round] = ca_date_format (&sample->due);
      for (guint i = 0; i < sample->picks->len; i++)
        {
          const CaModerationPick *pick = sample->picks->pdata[i];

          n_random[round] += pick->reason == CA_MODERATION_REASON_RANDOM;
          if (pick->moderator != NULL && g_str_equal (pick->moderator->ref, "S006"))
            tom_picked[round] = TRUE;
        }

      /* Then: all the others, due on the 2nd working day, Tom on leave. */
      g_assert_true (ca_moderation_settings_store_set (db, CA_MODERATION_SETTING_PERCENT, 20,
                                                       100, NULL, &error));
      g_assert_true (ca_moderation_settings_store_set (db, CA_MODERATION_SETTING_DUE_WORKING_DAY,
                                                       15, 2, NULL, &error));
      g_assert_true (ca_capacity_store_set_moderation (db, 6, CA_CAPACITY_NONE, 0, NULL, &error));
      g_assert_no_error (error);
    }

  /* Four others (15 was added by hand): 20% is 1, rounded up; 100% is all four. */
  g_assert_cmpuint (n_random[0], ==, 1);
  g_assert_cmpuint (n_random[1], ==, 4);
  /* April 2021: Good Friday 2 April and Easter Monday 5 April are not working days. */
  g_assert_cmpstr (due[0], ==, "2021-04-23");
  g_assert_cmpstr (due[1], ==, "2021-04-06");
  g_assert_true (tom_picked[0]);
  g_assert_false (tom_picked[1]);
  g_free (due[0]);
  g_free (due[1]);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CaModerationSetup **setup = user_data;
  g_autoptr(GError) error = NULL;

  *setup = ca_moderation_settings_store_read_finish (CA_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

/* What Preferences reads, on the worker. */
static void
test_read_async (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(CaModerationSetup) setup = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ca_moderation_settings_store_set (fixture->database,
                                                   CA_MODERATION_SETTING_DUE_WORKING_DAY, 15, 12,
                                                   NULL, &error));
  ca_moderation_settings_store_read_async (fixture->database, "2021-03", NULL, read_cb, &setup);
  while (setup == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (setup->month, ==, "2021-03");
  g_assert_cmpuint (setup->settings.percent, ==, 20);
  g_assert_cmpuint (setup->settings.due_working_day, ==, 12);
  g_assert_cmpuint (setup->moderators->len, ==, 3);
  g_assert_cmpuint (find_moderator (setup->moderators, "S006")->in_month, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/moderation-settings-store/" path, CaTestFixture, NULL, set_up, func, \
              ca_test_fixture_tear_down)
  ADD ("settings", test_settings);
  ADD ("settings-two-copies", test_settings_two_copies);
  ADD ("moderators", test_moderators);
  ADD ("draw-follows-settings", test_draw_follows_settings);
  ADD ("read-async", test_read_async);
#undef ADD

  return g_test_run ();
}
