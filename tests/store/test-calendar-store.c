// SPDX-License-Identifier: GPL-3.0-or-later
// The calendar's items: programme dates merged per day, events, what falls due on audits,
// local days, the mine / team / all filters, kinds, open only, stable UIDs, the async list.

#include "config.h"

#include <string.h>

#include <libical/ical.h>

#include "ca-calendar-store.h"
#include "ca-ical-export.h"
#include "ca-date.h"
#include "ca-programme-store.h"
#include "ca-test-fixture.h"

static void
set_up (CaTestFixture *fixture,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeFile) file = NULL;
  g_autoptr(CaProgrammeEvent) panel = NULL;

  ca_test_fixture_set_up (fixture, data);
  ca_test_fixture_add_rows (fixture);

  file = ca_programme_file_load_example (&error);
  g_assert_no_error (error);
  g_assert_true (ca_programme_store_import (fixture->database, file, NULL, &error));
  g_assert_no_error (error);
  panel = ca_programme_event_new ("moderation-panel", "2021-07-14", "Moderation panel",
                                  "Audits of June");
  g_assert_cmpint (ca_programme_store_add_event (fixture->database, panel, &error), >, 0);

  /* June: audit 2 (Category 1, auditor Amrit Kaur) has its category deadline on a summer
   * evening in UTC, which is the next day in England; its action (owner Imran Shah) is due
   * on the 17th; its manager response (Hannah Price) on the 24th, already given; its
   * moderation (Hannah Price) due on the 18th and done. July: audit 3 (case of Early Help
   * North, auditor Imran Shah of A&I Team 1) is due back on the 22nd. */
  ca_test_exec (fixture->database,
                "UPDATE audit SET review_due_at = '2021-06-29T23:30:00Z' WHERE id = 2;"
                "INSERT INTO manager_response (id, audit_id, manager_id, due_date, responded_on)"
                "  VALUES (1, 2, 1, '2021-06-24', '2021-06-23');"
                "UPDATE moderation SET due_date = '2021-06-18' WHERE id = 1;");
}

static GPtrArray *
list (CaDatabase             *db,
      const char             *from_text,
      const char             *to_text,
      const CaCalendarFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  GDate from, to;

  g_assert_true (ca_date_parse (from_text, &from));
  g_assert_true (ca_date_parse (to_text, &to));
  items = ca_calendar_store_list (db, &from, &to, filter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

/* The items as "date kind title" lines, to compare whole lists at once. */
static char *
describe (GPtrArray *items)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      CaCalendarItem *item = items->pdata[i];
      g_autofree char *date = ca_calendar_item_dup_iso_date (item);

      g_string_append_printf (text, "%s %s %s%s\n", date,
                              ca_calendar_item_kind_to_string (ca_calendar_item_get_kind (item)),
                              ca_calendar_item_get_title (item),
                              ca_calendar_item_get_done (item) ? " (done)" : "");
    }
  return g_string_free (text, FALSE);
}

static void
test_month (CaTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) july = list (fixture->database, "2021-07-01", "2021-07-31", NULL);
  g_autofree char *text = describe (july);
  CaCalendarItem *item;

  g_assert_cmpstr (text, ==,
                   "2021-07-01 allocation Audits allocated: Children’s Social Care, Early Help, SEND\n"
                   "2021-07-14 event Moderation panel\n"
                   "2021-07-22 allocation Audits allocated: CPP dip sample\n"
                   "2021-07-22 return Audits due back: Children’s Social Care, Early Help, SEND\n"
                   "2021-07-22 audit-return Audit return due: CA-000102\n"
                   "2021-07-30 briefing 7 Minute Briefing: Children’s Social Care, Early Help, SEND, CPP dip sample\n");

  item = july->pdata[4];
  g_assert_cmpint (ca_calendar_item_get_audit_id (item), ==, 3);
  g_assert_cmpint (ca_calendar_item_get_staff_id (item), ==, 2);
  g_assert_cmpint (ca_calendar_item_get_team_id (item), ==, 3);
  g_assert_cmpint (ca_calendar_item_get_category (item), ==, 0);
  g_assert_cmpstr (ca_calendar_item_get_person (item), ==, "Imran Shah");
  g_assert_cmpstr (ca_calendar_item_get_case_ref (item), ==, "CA-000102");

  item = july->pdata[1];
  g_assert_cmpint (ca_calendar_item_get_audit_id (item), ==, 0);
  g_assert_cmpstr (ca_calendar_item_get_description (item), ==, "Moderation panel\nAudits of June");

  item = july->pdata[0];
  g_assert_nonnull (strstr (ca_calendar_item_get_description (item), "Early Help: Early Help "
                                                                      "Family Support Plans"));
}

/* On one day, a Category 1 audit's deadline comes before another audit's return, though
 * returns come first of the kinds: Category 1 first everywhere (issue 12 item 5). The
 * programme's own dates still come first. */
static void
test_category1_first (CaTestFixture *fixture,
                      gconstpointer  data)
{
  CaCalendarFilter filter = CA_CALENDAR_FILTER_INIT;
  g_autoptr(GPtrArray) day = NULL;
  g_autofree char *text = NULL;

  ca_test_exec (fixture->database,
                "UPDATE audit SET review_due_at = '2021-07-22T10:00:00Z' WHERE id = 2");
  filter.kinds = CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_AUDIT_RETURN) |
                 CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_CATEGORY_DEADLINE);
  day = list (fixture->database, "2021-07-22", "2021-07-22", &filter);
  text = describe (day);
  g_assert_cmpstr (text, ==,
                   "2021-07-22 category-deadline Category 1 deadline: CA-000101\n"
                   "2021-07-22 audit-return Audit return due: CA-000102\n");
}

static void
test_due_kinds (CaTestFixture *fixture,
                gconstpointer  data)
{
  CaCalendarFilter filter = CA_CALENDAR_FILTER_INIT;
  g_autoptr(GPtrArray) june = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) summer = NULL;
  g_autofree char *text = NULL;
  g_autofree char *open_text = NULL;

  filter.kinds = ~(CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_ALLOCATION) |
                   CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_RETURN) |
                   CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_BRIEFING) |
                   CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_EVENT));
  june = list (fixture->database, "2021-06-01", "2021-06-30", &filter);
  text = describe (june);
  /* The category deadline at 23:30 UTC on the 29th is the 30th in England (summer time). The
   * action's own words never show: they may name a child. */
  g_assert_cmpstr (text, ==,
                   "2021-06-17 action Action due: CA-000101\n"
                   "2021-06-18 moderation Moderation due: CA-000101 (done)\n"
                   "2021-06-22 audit-return Audit return due: CA-000101 (done)\n"
                   "2021-06-24 manager-response Manager response due: CA-000101 (done)\n"
                   "2021-06-30 category-deadline Category 1 deadline: CA-000101\n");

  filter.open_only = TRUE;
  open = list (fixture->database, "2021-06-01", "2021-06-30", &filter);
  open_text = describe (open);
  g_assert_cmpstr (open_text, ==,
                   "2021-06-17 action Action due: CA-000101\n"
                   "2021-06-30 category-deadline Category 1 deadline: CA-000101\n");
  g_assert_cmpint (ca_calendar_item_get_category (open->pdata[1]), ==, 1);

  /* A range ending on the 29th leaves the deadline out; one starting on the 30th has it. */
  g_clear_pointer (&open, g_ptr_array_unref);
  open = list (fixture->database, "2021-06-01", "2021-06-29", &filter);
  g_assert_cmpuint (open->len, ==, 1);
  summer = list (fixture->database, "2021-06-30", "2021-07-01", &filter);
  g_assert_cmpuint (summer->len, ==, 1);
  g_assert_cmpint (ca_calendar_item_get_kind (summer->pdata[0]), ==,
                   CA_CALENDAR_ITEM_CATEGORY_DEADLINE);
}

static guint
count_due (GPtrArray *items)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    n += !ca_calendar_item_kind_is_programme (ca_calendar_item_get_kind (items->pdata[i]));
  return n;
}

static void
test_filters (CaTestFixture *fixture,
              gconstpointer  data)
{
  CaCalendarFilter filter = CA_CALENDAR_FILTER_INIT;
  g_autoptr(GPtrArray) all = list (fixture->database, "2021-06-01", "2021-07-31", &filter);
  g_autoptr(GPtrArray) imran = NULL;
  g_autoptr(GPtrArray) hannah = NULL;
  g_autoptr(GPtrArray) zoe = NULL;
  g_autoptr(GPtrArray) team1 = NULL;
  g_autoptr(GPtrArray) team2 = NULL;
  g_autoptr(GPtrArray) team3 = NULL;
  g_autoptr(GPtrArray) nobody = NULL;
  guint n_programme = all->len - count_due (all);

  g_assert_cmpuint (count_due (all), ==, 6);

  /* Mine: what waits on the person, whatever the role. Imran Shah: the action he owns and the
   * audit he is to return. Hannah Price: the response and the moderation. */
  filter.scope = CA_CALENDAR_SCOPE_MINE;
  filter.staff_id = 2;
  imran = list (fixture->database, "2021-06-01", "2021-07-31", &filter);
  g_assert_cmpuint (count_due (imran), ==, 2);
  g_assert_cmpuint (imran->len - count_due (imran), ==, n_programme);
  for (guint i = 0; i < imran->len; i++)
    if (!ca_calendar_item_kind_is_programme (ca_calendar_item_get_kind (imran->pdata[i])))
      g_assert_cmpint (ca_calendar_item_get_staff_id (imran->pdata[i]), ==, 2);

  filter.staff_id = 1;
  hannah = list (fixture->database, "2021-06-01", "2021-07-31", &filter);
  g_assert_cmpuint (count_due (hannah), ==, 2);

  filter.staff_id = 3;
  zoe = list (fixture->database, "2021-06-01", "2021-07-31", &filter);
  g_assert_cmpuint (count_due (zoe), ==, 0);
  g_assert_cmpuint (zoe->len, ==, n_programme);

  /* A team: its cases, and what waits on its staff. Team 1 has case CA-000101 (five items)
   * and Imran Shah, who is to return audit 3 of Early Help North's case. */
  filter.scope = CA_CALENDAR_SCOPE_TEAM;
  filter.team_id = 1;
  team1 = list (fixture->database, "2021-06-01", "2021-07-31", &filter);
  g_assert_cmpuint (count_due (team1), ==, 6);
  filter.team_id = 2;
  team2 = list (fixture->database, "2021-06-01", "2021-07-31", &filter);
  g_assert_cmpuint (count_due (team2), ==, 0);
  filter.team_id = 3;
  team3 = list (fixture->database, "2021-06-01", "2021-07-31", &filter);
  g_assert_cmpuint (count_due (team3), ==, 3);  /* audit 3, and Amrit Kaur's deadline and return */

  /* "Mine" with no staff record is the programme only, never everybody's work. */
  filter.scope = CA_CALENDAR_SCOPE_MINE;
  filter.staff_id = 0;
  nobody = list (fixture->database, "2021-06-01", "2021-07-31", &filter);
  g_assert_cmpuint (count_due (nobody), ==, 0);
}

static void
test_uids (CaTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) first = list (fixture->database, "2021-01-01", "2021-12-31", NULL);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *panel_uid = NULL;
  g_autoptr(CaProgrammeEvent) panel = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < first->len; i++)
    {
      char *uid = ca_calendar_item_dup_uid (first->pdata[i]);

      g_assert_false (g_hash_table_contains (seen, uid));
      g_assert_true (g_str_has_suffix (uid, "@caseaudit.github.io"));
      if (ca_calendar_item_get_kind (first->pdata[i]) == CA_CALENDAR_ITEM_EVENT)
        panel_uid = g_strdup (uid);
      g_hash_table_add (seen, uid);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, first->len);

  /* The event removed and added again as a new row keeps its UID. */
  ca_test_exec (fixture->database,
                "DELETE FROM programme_event;"
                "INSERT INTO programme_event (id, kind, title, event_date) "
                "VALUES (1, 'other', 'Elsewhere', '2020-01-01');");
  panel = ca_programme_event_new ("moderation-panel", "2021-07-14", "Moderation panel", NULL);
  g_assert_cmpint (ca_programme_store_add_event (fixture->database, panel, &error), >, 1);
  g_assert_cmpint (ca_programme_event_get_id (panel), ==, 2);
  second = list (fixture->database, "2021-01-01", "2021-12-31", NULL);
  g_assert_cmpuint (second->len, ==, first->len);
  for (guint i = 0; i < second->len; i++)
    {
      g_autofree char *uid = ca_calendar_item_dup_uid (second->pdata[i]);

      g_assert_true (g_hash_table_contains (seen, uid));
      if (ca_calendar_item_get_kind (second->pdata[i]) == CA_CALENDAR_ITEM_EVENT)
        g_assert_cmpstr (uid, ==, panel_uid);
    }
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ca_calendar_store_list_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (CaTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) sync = list (fixture->database, "2021-07-01", "2021-07-31", NULL);
  g_autoptr(GPtrArray) async = NULL;
  g_autofree char *sync_text = describe (sync);
  g_autofree char *async_text = NULL;
  GDate from, to;

  g_assert_true (ca_date_parse ("2021-07-01", &from));
  g_assert_true (ca_date_parse ("2021-07-31", &to));
  ca_calendar_store_list_async (fixture->database, &from, &to, NULL, NULL, listed_cb, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  async_text = describe (async);
  g_assert_cmpstr (async_text, ==, sync_text);
}

/* libical's own reader takes the file without a complaint, and every event is a whole day
 * with a UID and a DTSTAMP (RFC 5545 3.6.1). */
static void
test_ical (CaTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  icalcomponent *calendar, *event;
  guint n_events = 0, n_seen = 0, n_return = 0;

  text = ca_ical_export_to_string (fixture->database, 2, &n_events, &error);
  g_assert_no_error (error);
  /* 48 programme dates, the panel, and Imran Shah's open action and audit return. */
  g_assert_cmpuint (n_events, ==, 48 + 1 + 2);

  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      struct icaltimetype start = icalcomponent_get_dtstart (event);
      struct icaltimetype end = icalcomponent_get_dtend (event);

      g_assert_null (icalcomponent_get_first_property (event, ICAL_XLICERROR_PROPERTY));
      g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_DTSTAMP_PROPERTY));
      g_assert_true (start.is_date);
      g_assert_true (end.is_date);
      icaltime_adjust (&start, 1, 0, 0, 0);
      g_assert_cmpint (icaltime_compare_date_only (start, end), ==, 0);
      icaltime_adjust (&start, -1, 0, 0, 0);
      g_assert_nonnull (icalcomponent_get_uid (event));
      if (g_strcmp0 (icalcomponent_get_summary (event), "Audit return due: CA-000102") == 0)
        {
          g_assert_cmpint (start.year, ==, 2021);
          g_assert_cmpint (start.month, ==, 7);
          g_assert_cmpint (start.day, ==, 22);
          n_return++;
        }
      n_seen++;
    }
  g_assert_cmpuint (n_seen, ==, n_events);
  g_assert_cmpuint (n_return, ==, 1);
  icalcomponent_free (calendar);
}

/* A database written by an earlier version may hold an event whose title and notes are not
 * UTF-8 (the command line stored its words as typed). The .ics file is UTF-8 all the same:
 * each bad byte becomes U+FFFD, and the rest of the text and of the calendar is kept. */
static void
test_ical_invalid_text (CaTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_events = 0;

  ca_test_exec (fixture->database,
                "INSERT INTO programme_event (kind, title, event_date, notes) "
                "VALUES ('other', CAST(X'4261642066FF207469746C65' AS TEXT), '2021-07-20', "
                "CAST(X'526F6F6DFE2034' AS TEXT))");
  text = ca_ical_export_to_string (fixture->database, 0, &n_events, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_events, ==, 48 + 2);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "SUMMARY:Bad f\uFFFD title"));
  g_assert_nonnull (strstr (text, "Room\uFFFD 4"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/calendar-store/month", CaTestFixture, NULL, set_up, test_month,
              ca_test_fixture_tear_down);
  g_test_add ("/calendar-store/category1-first", CaTestFixture, NULL, set_up,
              test_category1_first, ca_test_fixture_tear_down);
  g_test_add ("/calendar-store/due-kinds", CaTestFixture, NULL, set_up, test_due_kinds,
              ca_test_fixture_tear_down);
  g_test_add ("/calendar-store/filters", CaTestFixture, NULL, set_up, test_filters,
              ca_test_fixture_tear_down);
  g_test_add ("/calendar-store/uids", CaTestFixture, NULL, set_up, test_uids,
              ca_test_fixture_tear_down);
  g_test_add ("/calendar-store/ical", CaTestFixture, NULL, set_up, test_ical,
              ca_test_fixture_tear_down);
  g_test_add ("/calendar-store/ical-invalid-text", CaTestFixture, NULL, set_up,
              test_ical_invalid_text, ca_test_fixture_tear_down);
  g_test_add ("/calendar-store/async", CaTestFixture, NULL, set_up, test_async,
              ca_test_fixture_tear_down);

  return g_test_run ();
}
