// SPDX-License-Identifier: GPL-3.0-or-later
// R-H1–R-H4 in a real database file: the month a draw reads, the sample recorded once and
// all or nothing, the queue, and the pairs the agreement figures are made of.

#include "config.h"

#include "ca-holiday-store.h"
#include "ca-moderation-store.h"
#include "ca-test-fixture.h"
#include "core/ca-date.h"

/* March 2021: four audits by Amrit Kaur (S004) and Imran Shah (S002), one Inadequate; one
 * submitted late on 31 March by the clock in UTC, which is already 1 April in England. */
static void
add_march (CaTestFixture *fixture)
{
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
    "  (12, 2, 100, 2, 'closed', '2021-03-01', '2021-03-09', 'requires-improvement', '2021-03-09T10:00:00Z'),"
    "  (13, 1, 100, 2, 'submitted', '2021-03-01', '2021-03-31', 'good', '2021-03-31T23:30:00Z'),"
    "  (14, 2, 100, 2, 'in-progress', '2021-03-01', NULL, NULL, NULL);");
}

static CaModerationSample *
draw (CaDatabase        *database,
      CaModerationMonth *month,
      guint              percent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_store_load_calendar (database, &error);
  CaModerationInput input = {
    .month = month->month, .seed = 1, .percent = percent, .due_working_day = 15,
    .calendar = calendar, .candidates = month->candidates, .moderators = month->moderators,
    .line_managers = month->line_managers, .last_moderated = month->last_moderated,
  };
  CaModerationSample *sample = ca_moderation_sample_draw (&input, &error);

  g_assert_no_error (error);
  return sample;
}

static void
test_load_month (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaModerationMonth) march = NULL;
  g_autoptr(CaModerationMonth) april = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);

  add_march (fixture);
  march = ca_moderation_store_load_month (fixture->database, "2021-03", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (march->percent, ==, 20);
  g_assert_cmpuint (march->due_working_day, ==, 15);
  g_assert_cmpuint (march->drawn, ==, 0);
  /* 10, 11 and 12; not 13 (England's 1 April) nor 14 (not submitted). */
  g_assert_cmpuint (march->candidates->len, ==, 3);
  for (guint i = 0; i < march->candidates->len; i++)
    g_hash_table_add (ids, &((CaModerationCandidate *) march->candidates->pdata[i])->audit_id);
  g_assert_true (g_hash_table_contains (ids, &(gint64) { 10 }));
  g_assert_true (g_hash_table_contains (ids, &(gint64) { 12 }));
  g_assert_cmpint (((CaModerationCandidate *) march->candidates->pdata[0])->worker_id, ==, 3);

  april = ca_moderation_store_load_month (fixture->database, "2021-04", &error);
  g_assert_cmpuint (april->candidates->len, ==, 1);
  g_assert_cmpint (((CaModerationCandidate *) april->candidates->pdata[0])->audit_id, ==, 13);

  /* Hannah Price (head of service, 3 a month), Grace Okafor (service manager, 4) and Tom
   * Hill (lead auditor, 10); not the team managers, the practitioner or Ann Lee, who left.
   * A person's own number wins over their role's. */
  g_assert_cmpuint (march->moderators->len, ==, 3);
  g_assert_cmpstr (((CaModerator *) march->moderators->pdata[0])->ref, ==, "S001");
  g_assert_cmpuint (((CaModerator *) march->moderators->pdata[0])->capacity, ==, 3);
  g_assert_cmpuint (((CaModerator *) march->moderators->pdata[2])->capacity, ==, 10);
  ca_test_exec (fixture->database, "UPDATE staff SET moderation_capacity = 0 WHERE id = 6;"
                                   "INSERT INTO moderation_setting VALUES ('percent', 50);");
  g_clear_pointer (&march, ca_moderation_month_free);
  march = ca_moderation_store_load_month (fixture->database, "2021-03", &error);
  g_assert_cmpuint (((CaModerator *) march->moderators->pdata[2])->capacity, ==, 0);
  g_assert_cmpuint (march->percent, ==, 50);

  /* The chains: Zoe Walker (S003) → Imran Shah → Hannah Price. */
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (march->line_managers, &(gint64) { 3 }), ==, 2);
  /* Amrit Kaur's audit 2 was moderated on 20 June 2021. */
  g_assert_true (g_hash_table_contains (march->last_moderated, &(gint64) { 4 }));
}

static void
test_save_once (CaTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaModerationMonth) first = NULL;
  g_autoptr(CaModerationMonth) second = NULL;
  g_autoptr(CaModerationSample) sample = NULL;
  g_autoptr(CaModerationSample) other = NULL;
  g_autoptr(CaModerationMonth) after = NULL;

  add_march (fixture);
  /* Two copies load the month before either records it. */
  first = ca_moderation_store_load_month (fixture->database, "2021-03", &error);
  second = ca_moderation_store_load_month (fixture->database, "2021-03", &error);
  sample = draw (fixture->database, first, 50);
  other = draw (fixture->database, second, 50);
  /* The Inadequate audit 10 and half the other two, rounded up. */
  g_assert_cmpuint (sample->picks->len, ==, 2);

  g_assert_true (ca_moderation_store_save_sample (fixture->database, "2021-03", sample, &error));
  g_assert_no_error (error);
  /* The 15th working day of April 2021, after Good Friday and Easter Monday. */
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM moderation WHERE sample_month = '2021-03' "
                                      "AND due_date = '2021-04-23' AND moderated_on IS NULL"), ==, 2);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM moderation WHERE audit_id = 10 "
                                      "AND reason = 'inadequate'"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history WHERE entity = 'moderation' "
                                      "AND field = 'created'"), ==, 2);

  /* The second copy's draw is refused, and writes nothing. */
  g_assert_false (ca_moderation_store_save_sample (fixture->database, "2021-03", other, &error));
  g_assert_error (error, CA_MODERATION_STORE_ERROR, CA_MODERATION_STORE_ERROR_DRAWN);
  g_assert_cmpstr (error->message, ==, "The sample for March 2021 was drawn already: 2 audits are "
                                       "in it. Add or remove audits by hand instead.");
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM moderation "
                                                         "WHERE sample_month = '2021-03'"), ==, 2);

  after = ca_moderation_store_load_month (fixture->database, "2021-03", &error);
  g_assert_cmpuint (after->drawn_by_sample, ==, 2);
  g_assert_false (ca_moderation_month_check_undrawn (after, &error));
  g_assert_error (error, CA_MODERATION_STORE_ERROR, CA_MODERATION_STORE_ERROR_DRAWN);
  /* What is in the sample is no longer a candidate, and has used its moderator's capacity. */
  g_assert_cmpuint (after->candidates->len, ==, 1);
}

/* One added by hand does not count as the month drawn. */
static void
test_added_by_hand (CaTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaModerationMonth) march = NULL;

  add_march (fixture);
  ca_test_exec (fixture->database,
                "INSERT INTO moderation (audit_id, moderator_id, reason, sample_month) "
                "VALUES (11, 6, 'added', '2021-03')");
  march = ca_moderation_store_load_month (fixture->database, "2021-03", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (march->drawn, ==, 1);
  g_assert_cmpuint (march->drawn_by_sample, ==, 0);
  g_assert_true (ca_moderation_month_check_undrawn (march, &error));
  g_assert_cmpuint (march->candidates->len, ==, 2);
  /* Tom Hill has one fewer to give this month. */
  g_assert_cmpuint (((CaModerator *) march->moderators->pdata[2])->capacity, ==, 9);
}

/* R-H1: a moderator adds a submitted audit by hand, for an independent moderator, and takes
 * out one added by hand and not begun; everything else is refused in words. */
static void
test_add_and_remove_by_hand (CaTestFixture *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  g_autofree char *due = NULL;
  const struct
  {
    gint64      audit_id;
    const char *moderator;
    const char *message;
  } refused[] = {
    { 11, "S006", "The audit of case CA-000102 is already waiting for moderation." },
    { 14, "S006", "The audit of case CA-000102 is still being written." },
    { 10, "S001", "Hannah Price cannot moderate the audit of case CA-000101" },
    { 12, "S003", "Zoe Walker does not moderate" },
    { 12, "S007", "Ann Lee has left" },
    { 12, "S999", "No one has the staff ID “S999”." },
    { 99, "S006", "There is no audit number 99." },
  };
  gint64 id, drawn;
  GDate day;

  add_march (fixture);
  id = ca_moderation_store_add_by_hand (fixture->database, 11, "S006", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM moderation WHERE audit_id = 11 AND "
                                      "moderator_id = 6 AND reason = 'added' AND "
                                      "sample_month = '2021-03' AND moderated_on IS NULL"), ==, 1);
  /* March 2021's moderations were due in April 2021: one added now is due as this month's. */
  ca_date_set_today (&day);
  today = ca_date_format (&day);
  due = ca_test_query_text (fixture->database,
                            "SELECT due_date FROM moderation WHERE reason = 'added'");
  g_assert_cmpstr (due, >, today);

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_cmpint (ca_moderation_store_add_by_hand (fixture->database, refused[i].audit_id,
                                                        refused[i].moderator, &error), ==, 0);
      g_assert_error (error, CA_MODERATION_STORE_ERROR, CA_MODERATION_STORE_ERROR_REFUSED);
      g_assert_true (g_str_has_prefix (error->message, refused[i].message));
      g_clear_error (&error);
    }

  /* Drawn for the sample: it stays. Begun: it stays. Added and not begun: taken out. */
  ca_test_exec (fixture->database,
                "INSERT INTO moderation (id, audit_id, moderator_id, reason, sample_month) "
                "VALUES (30, 12, 6, 'random', '2021-03')");
  drawn = 30;
  g_assert_false (ca_moderation_store_remove_by_hand (fixture->database, drawn, &error));
  g_assert_error (error, CA_MODERATION_STORE_ERROR, CA_MODERATION_STORE_ERROR_REFUSED);
  g_clear_error (&error);
  ca_test_exec (fixture->database, "UPDATE moderation SET learning = 'x' WHERE reason = 'added'");
  g_assert_false (ca_moderation_store_remove_by_hand (fixture->database, id, &error));
  g_assert_true (g_str_has_prefix (error->message, "The moderation of case CA-000102 has been "
                                                   "started."));
  g_clear_error (&error);
  ca_test_exec (fixture->database, "UPDATE moderation SET learning = NULL WHERE reason = 'added'");
  /* A further action written is a start too (schema 0013): taking the moderation out would
   * take the action with it. */
  ca_test_exec (fixture->database,
                "INSERT INTO action (id, audit_id, moderation_id, moderation_key, description) "
                "SELECT 90, audit_id, id, 'k', 'Genogram' FROM moderation WHERE reason = 'added'");
  g_assert_false (ca_moderation_store_remove_by_hand (fixture->database, id, &error));
  g_assert_true (g_str_has_prefix (error->message, "The moderation of case CA-000102 has been "
                                                   "started."));
  g_clear_error (&error);
  ca_test_exec (fixture->database, "DELETE FROM action WHERE id = 90");
  g_assert_true (ca_moderation_store_remove_by_hand (fixture->database, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM moderation WHERE reason = 'added'"),
                   ==, 0);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history WHERE "
                                      "entity = 'moderation' AND field = 'reason'"), ==, 2);
}

static void
test_queue (CaTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) toms = NULL;
  CaModerationQueueItem *item;

  add_march (fixture);
  ca_test_exec (fixture->database,
                "INSERT INTO moderation (id, audit_id, moderator_id, due_date, reason, sample_month) "
                "VALUES (20, 11, 6, '2021-04-22', 'random', '2021-03'),"
                "       (21, 10, 5, '2021-04-22', 'inadequate', '2021-03'),"
                "       (22, 12, 6, '2021-04-01', 'added', '2021-03');");
  all = ca_moderation_store_list_queue (fixture->database, NULL, &error);
  g_assert_no_error (error);
  /* Waiting only (not the fixture's moderation, done in June), by due day then case. */
  g_assert_cmpuint (all->len, ==, 3);
  item = all->pdata[0];
  g_assert_cmpint (item->id, ==, 22);
  g_assert_true (item->has_reason);
  g_assert_cmpint (item->reason, ==, CA_MODERATION_REASON_ADDED);
  g_assert_cmpstr (item->moderator_name, ==, "Tom Hill");
  g_assert_cmpstr (item->service_area, ==, "Early Help");
  item = all->pdata[1];
  g_assert_cmpstr (item->case_ref, ==, "CA-000101");
  g_assert_cmpint (item->overall_grade, ==, CA_GRADE_INADEQUATE);

  toms = ca_moderation_store_list_queue (fixture->database, "S006", &error);
  g_assert_cmpuint (toms->len, ==, 2);
}

static void
test_agreement_pairs (CaTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  CaAgreementPair *pair;

  add_march (fixture);
  ca_test_exec (fixture->database,
                "INSERT INTO moderation (audit_id, moderator_id, moderated_on, overall_grade) "
                "VALUES (11, 6, '2021-04-02', 'requires-improvement'),"
                "       (12, 5, NULL, NULL),"               /* not done yet */
                "       (13, 5, '2021-04-12', 'good');");
  pairs = ca_moderation_store_list_agreement_pairs (fixture->database, NULL, NULL, &error);
  g_assert_no_error (error);
  /* The fixture's June audit (by its audit date, having no moment of submission), 11, 13. */
  g_assert_cmpuint (pairs->len, ==, 3);
  pair = pairs->pdata[0];
  g_assert_cmpstr (pair->month, ==, "2021-06");
  g_assert_cmpint (pair->auditor_grade, ==, CA_GRADE_INADEQUATE);
  pair = pairs->pdata[1];
  g_assert_cmpstr (pair->month, ==, "2021-03");
  g_assert_cmpstr (pair->auditor_ref, ==, "S004");
  g_assert_cmpstr (pair->auditor_name, ==, "Amrit Kaur");
  g_assert_cmpstr (pair->service_area, ==, "Early Help");
  g_assert_cmpint (pair->auditor_grade, ==, CA_GRADE_GOOD);
  g_assert_cmpint (pair->moderator_grade, ==, CA_GRADE_REQUIRES_IMPROVEMENT);
  g_assert_cmpstr (((CaAgreementPair *) pairs->pdata[2])->month, ==, "2021-04");
  g_clear_pointer (&pairs, g_ptr_array_unref);

  pairs = ca_moderation_store_list_agreement_pairs (fixture->database, "2021-04", "2021-05", &error);
  g_assert_cmpuint (pairs->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/moderation-store/load-month", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_load_month, ca_test_fixture_tear_down);
  g_test_add ("/moderation-store/save-once", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_save_once, ca_test_fixture_tear_down);
  g_test_add ("/moderation-store/added-by-hand", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_added_by_hand, ca_test_fixture_tear_down);
  g_test_add ("/moderation-store/add-and-remove-by-hand", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_add_and_remove_by_hand, ca_test_fixture_tear_down);
  g_test_add ("/moderation-store/queue", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_queue, ca_test_fixture_tear_down);
  g_test_add ("/moderation-store/agreement-pairs", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_agreement_pairs, ca_test_fixture_tear_down);

  return g_test_run ();
}
