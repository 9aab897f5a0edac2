// SPDX-License-Identifier: GPL-3.0-or-later
// What is due and overdue on a day: the four kinds, local days, working days, the order.

#include "config.h"

#include "ca-date.h"
#include "ca-deadline-store.h"
#include "ca-holiday-store.h"
#include "ca-test-fixture.h"

static GPtrArray *
list_on (CaDatabase *db,
         const char *on_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_store_load_calendar (db, &error);
  GPtrArray *items;
  GDate on;

  g_assert_no_error (error);
  g_assert_true (ca_date_parse (on_text, &on));
  items = ca_deadline_store_list (db, calendar, &on, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static void
check_item (GPtrArray      *items,
            guint           index,
            CaDeadlineKind  kind,
            const char     *due,
            int             overdue_days,
            int             category,
            const char     *person)
{
  const CaDeadlineItem *item;
  g_autofree char *due_text = NULL;

  g_assert_cmpuint (index, <, items->len);
  item = items->pdata[index];
  due_text = ca_date_format (&item->due);
  g_assert_cmpstr (ca_deadline_kind_to_string (item->kind), ==, ca_deadline_kind_to_string (kind));
  g_assert_cmpstr (due_text, ==, due);
  g_assert_cmpint (item->overdue_days, ==, overdue_days);
  g_assert_cmpint (item->category, ==, category);
  g_assert_cmpstr (item->person, ==, person);
  g_assert_cmpstr (item->case_ref, !=, NULL);
}

static void
test_deadlines (CaTestFixture *fixture,
                gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) on_the_day = NULL;
  g_autoptr(GPtrArray) later = NULL;

  ca_test_fixture_add_rows (fixture);
  ca_test_exec (db,
    /* 23:30 UTC on 3 June is 00:30 on 4 June in England (BST). */
    "UPDATE audit SET submitted_at = '2021-06-01T23:30:00Z', "
    "  review_due_at = '2021-06-03T23:30:00Z' WHERE id = 2;"
    "UPDATE audit SET submitted_at = '2021-01-20T10:00:00Z', "
    "  review_due_at = '2021-01-20T10:00:00Z', recommendations_checked_at = '2021-01-21T10:00:00Z' "
    "  WHERE id = 1;"
    "INSERT INTO manager_response (audit_id, manager_id, due_date) VALUES (1, 1, '2021-06-10');"
    "INSERT INTO action (audit_id, description, owner_id, due_date, completed_on) VALUES"
    "  (2, 'Done already', 2, '2021-06-08', '2021-06-07');");

  before = list_on (db, "2021-06-03");
  g_assert_cmpuint (before->len, ==, 0);

  on_the_day = list_on (db, "2021-06-04");
  g_assert_cmpuint (on_the_day->len, ==, 1);
  check_item (on_the_day, 0, CA_DEADLINE_KIND_REVIEW, "2021-06-04", 0, 1, "Amrit Kaur");
  g_assert_false (((CaDeadlineItem *) on_the_day->pdata[0])->overdue);

  /* Category 1 first, most overdue first; the return falls due on the day. */
  later = list_on (db, "2021-07-22");
  g_assert_cmpuint (later->len, ==, 4);
  check_item (later, 0, CA_DEADLINE_KIND_REVIEW, "2021-06-04", 34, 1, "Amrit Kaur");
  check_item (later, 1, CA_DEADLINE_KIND_ACTION, "2021-06-17", 25, 1, "Imran Shah");
  check_item (later, 2, CA_DEADLINE_KIND_MANAGER_RESPONSE, "2021-06-10", 30, 4, "Hannah Price");
  check_item (later, 3, CA_DEADLINE_KIND_AUDIT_RETURN, "2021-07-22", 0, 0, "Imran Shah");
  g_assert_true (((CaDeadlineItem *) later->pdata[2])->overdue);
  g_assert_false (((CaDeadlineItem *) later->pdata[3])->overdue);
}

/* R-I3: what waits on one person, their moderations included, and nobody else's. */
static void
test_one_person (CaTestFixture *fixture,
                 gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(GPtrArray) imrans = NULL;
  g_autoptr(GPtrArray) hannahs = NULL;
  GDate on;

  ca_test_fixture_add_rows (fixture);
  ca_test_exec (db,
    "INSERT INTO manager_response (audit_id, manager_id, due_date) VALUES (1, 1, '2021-06-10');"
    "INSERT INTO moderation (audit_id, moderator_id, due_date) VALUES (1, 1, '2021-07-01');");
  calendar = ca_holiday_store_load_calendar (db, &error);
  g_assert_true (ca_date_parse ("2021-07-22", &on));

  /* Imran Shah (2): the action he owns and the audit he is to return. */
  imrans = ca_deadline_store_list_for (db, calendar, &on, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imrans->len, ==, 2);
  check_item (imrans, 0, CA_DEADLINE_KIND_ACTION, "2021-06-17", 25, 1, "Imran Shah");
  check_item (imrans, 1, CA_DEADLINE_KIND_AUDIT_RETURN, "2021-07-22", 0, 0, "Imran Shah");

  /* Hannah Price (1): the manager's response, and the moderation the whole list leaves to
   * the calendar. */
  hannahs = ca_deadline_store_list_for (db, calendar, &on, 1, &error);
  g_assert_cmpuint (hannahs->len, ==, 2);
  check_item (hannahs, 0, CA_DEADLINE_KIND_MANAGER_RESPONSE, "2021-06-10", 30, 4, "Hannah Price");
  check_item (hannahs, 1, CA_DEADLINE_KIND_MODERATION, "2021-07-01", 15, 4, "Hannah Price");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/deadline-store/deadlines", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_deadlines, ca_test_fixture_tear_down);
  g_test_add ("/deadline-store/one-person", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_one_person, ca_test_fixture_tear_down);

  return g_test_run ();
}
