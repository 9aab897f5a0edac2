// SPDX-License-Identifier: GPL-3.0-or-later
// Bank holidays in the database: imports replace whole years, bad files change nothing.

#include "config.h"

#include <string.h>

#include "ca-bank-holidays.h"
#include "ca-date.h"
#include "ca-holiday-store.h"
#include "ca-test-fixture.h"

/* 2030 by this file: New Year, 3 June as a one-off day, Christmas; no late May holiday.
 * 2031: New Year only. */
static const char file_2030_2031[] =
  "{ \"england-and-wales\": { \"division\": \"england-and-wales\", \"events\": ["
  "  { \"title\": \"New Year’s Day\", \"date\": \"2030-01-01\" },"
  "  { \"title\": \"Extra bank holiday\", \"date\": \"2030-06-03\" },"
  "  { \"title\": \"Christmas Day\", \"date\": \"2030-12-25\" },"
  "  { \"title\": \"New Year’s Day\", \"date\": \"2031-01-01\" } ] } }";

static const char file_2031[] =
  "{ \"england-and-wales\": { \"events\": ["
  "  { \"title\": \"New Year’s Day\", \"date\": \"2031-01-01\" },"
  "  { \"title\": \"Early May bank holiday\", \"date\": \"2031-05-05\" } ] } }";

/* The stored list, whole, to compare before and after. */
static char *
stored_state (CaDatabase *database)
{
  return ca_test_query_text (database,
                             "SELECT coalesce ((SELECT group_concat (holiday_date || ' ' || title, ';') "
                             "FROM (SELECT * FROM bank_holiday ORDER BY holiday_date)), '') || '|' || "
                             "coalesce ((SELECT group_concat (year, ';') FROM "
                             "(SELECT year FROM bank_holiday_year ORDER BY year)), '')");
}

static void
import (CaDatabase *database,
        const char *json,
        guint       want_years)
{
  g_autoptr(GError) error = NULL;
  guint n_years = 0;

  g_assert_true (ca_holiday_store_import_json (database, json, strlen (json), &n_years, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_years, ==, want_years);
}

static void
add_days (const CaHolidayCalendar *calendar,
          const char              *from_text,
          guint                    n,
          const char              *want)
{
  g_autofree char *text = NULL;
  GDate from, result;

  g_assert_true (ca_date_parse (from_text, &from));
  ca_working_days_add (calendar, &from, n, &result);
  text = ca_date_format (&result);
  g_assert_cmpstr (text, ==, want);
}

static void
test_import_replaces_covered_years (CaTestFixture *fixture,
                                    gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autofree char *history = NULL;
  g_autofree char *state = NULL;
  g_autofree char *year_2031 = NULL;

  import (db, file_2030_2031, 2);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM bank_holiday"), ==, 4);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM bank_holiday_year "
                                          "WHERE source <> '' AND imported_at LIKE '____-__-__T%Z'"),
                   ==, 2);

  /* A file of 2031 alone: 2031 becomes exactly its dates, 2030 keeps its own. */
  import (db, file_2031, 1);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM bank_holiday "
                                          "WHERE holiday_date LIKE '2030-%'"), ==, 3);
  year_2031 = ca_test_query_text (db, "SELECT group_concat (holiday_date, ' ') FROM "
                                      "(SELECT holiday_date FROM bank_holiday "
                                      "WHERE holiday_date LIKE '2031-%' ORDER BY holiday_date)");
  g_assert_cmpstr (year_2031, ==, "2031-01-01 2031-05-05");

  /* Each changed year is in the history, old and new as counts. */
  history = ca_test_query_text (db,
                                "SELECT group_concat (entity_id || ':' || coalesce (old_value, '-') "
                                "|| '>' || new_value, ', ') FROM (SELECT * FROM change_history "
                                "WHERE entity = 'bank_holiday_year' AND field = 'dates' ORDER BY id)");
  g_assert_cmpstr (history, ==, "2030:->3 dates, 2031:->1 date, 2031:1 date>2 dates");

  /* The same file again changes nothing, and says nothing. */
  state = stored_state (db);
  import (db, file_2031, 1);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM change_history "
                                          "WHERE entity = 'bank_holiday_year'"), ==, 3);
  g_assert_cmpstr (stored_state (db), ==, state);
}

static void
test_bad_file_changes_nothing (CaTestFixture *fixture,
                               gconstpointer  data)
{
  static const char * const bad_files[] = {
    "not json at all",
    "{ \"scotland\": { \"events\": [] } }",
    "{ \"england-and-wales\": { \"events\": ["
    "  { \"title\": \"New Year’s Day\", \"date\": \"2031-01-01\" },"
    "  { \"title\": \"No such day\", \"date\": \"2031-02-30\" } ] } }",
    "{ \"england-and-wales\": { \"events\": ["
    "  { \"title\": \"New Year’s Day\", \"date\": \"2031-01-01\" },"
    "  { \"title\": \"Twice\", \"date\": \"2031-01-01\" } ] } }",
  };
  CaDatabase *db = fixture->database;
  g_autofree char *before = NULL;
  gint64 n_history;

  import (db, file_2030_2031, 2);
  before = stored_state (db);
  n_history = ca_test_query_int (db, "SELECT count(*) FROM change_history");

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(CaHolidayCalendar) parsed = NULL;
      g_autofree char *after = NULL;
      guint n_years = 99;

      g_assert_false (ca_holiday_store_import_json (db, bad_files[i], strlen (bad_files[i]),
                                                    &n_years, &error));
      g_assert_nonnull (error);
      g_assert_cmpuint (n_years, ==, 99);

      /* The parser's own message, naming the place of the mistake. */
      parsed = ca_bank_holidays_parse (bad_files[i], -1, &parse_error);
      g_assert_null (parsed);
      g_assert_error (error, CA_BANK_HOLIDAYS_ERROR, parse_error->code);
      g_assert_cmpstr (error->message, ==, parse_error->message);

      after = stored_state (db);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM change_history"), ==,
                       n_history);
    }
}

static void
test_calendar_uses_stored_years (CaTestFixture *fixture,
                                 gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(CaHolidayCalendar) before = NULL;
  g_autoptr(CaHolidayCalendar) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list_2027 = NULL;
  static const char file_2027[] =
    "{ \"england-and-wales\": { \"events\": ["
    "  { \"title\": \"New Year’s Day\", \"date\": \"2027-01-01\" } ] } }";
  GDate day;

  /* Nothing stored: the shipped list and, past it, the rules (late May 2030 is the 27th). */
  before = ca_holiday_store_load_calendar (db, &error);
  g_assert_no_error (error);
  add_days (before, "2030-05-31", 1, "2030-06-03");
  add_days (before, "2030-05-24", 1, "2030-05-28");
  add_days (before, "2027-05-28", 1, "2027-06-01");

  import (db, file_2030_2031, 2);
  import (db, file_2027, 1);
  after = ca_holiday_store_load_calendar (db, &error);
  g_assert_no_error (error);

  /* 2030 is the file's: 3 June is a holiday, 27 May no longer is. */
  add_days (after, "2030-05-31", 1, "2030-06-04");
  add_days (after, "2030-05-24", 1, "2030-05-27");
  g_assert_true (ca_date_parse ("2030-06-03", &day));
  g_assert_cmpstr (ca_holiday_calendar_lookup (after, &day), ==, "Extra bank holiday");
  /* A shipped year the database overrides: 2027 has only New Year's Day now. */
  add_days (after, "2027-05-28", 1, "2027-05-31");
  list_2027 = ca_holiday_calendar_list_year (after, 2027);
  g_assert_cmpuint (list_2027->len, ==, 1);
  /* A year the database does not cover is as shipped (the one-off day of 2023). */
  add_days (after, "2023-05-05", 1, "2023-05-09");
  /* And by rule past every list: Christmas 2032 falls on a Saturday. */
  add_days (after, "2032-12-24", 1, "2032-12-29");
}


static CaHolidaySource
year_source (CaDatabase *db,
             GDateYear   year,
             guint      *n_days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = NULL;
  CaHolidaySource source = 99;

  days = ca_holiday_store_list_year (db, year, &source, &error);
  g_assert_no_error (error);
  g_assert_nonnull (days);
  *n_days = days->len;
  return source;
}

static void
test_edit_shipped_year (CaTestFixture *fixture,
                        gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autofree char *history = NULL;
  g_autofree char *title = NULL;
  guint n_days = 0;

  /* 2023 as shipped: nine days, with the coronation's 8 May. */
  g_assert_cmpint (year_source (db, 2023, &n_days), ==, CA_HOLIDAY_SOURCE_SHIPPED);
  g_assert_cmpuint (n_days, ==, 9);

  g_assert_true (ca_holiday_store_add_day (db, " 2023-12-27 ", "  Extra day  ", &error));
  g_assert_no_error (error);
  /* The whole year is stored, the rest of it kept. */
  g_assert_cmpint (year_source (db, 2023, &n_days), ==, CA_HOLIDAY_SOURCE_EDITED);
  g_assert_cmpuint (n_days, ==, 10);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM bank_holiday "
                                          "WHERE holiday_date LIKE '2023-%'"), ==, 10);
  title = ca_test_query_text (db, "SELECT title FROM bank_holiday "
                                  "WHERE holiday_date = '2023-12-27'");
  g_assert_cmpstr (title, ==, "Extra day");
  calendar = ca_holiday_store_load_calendar (db, &error);
  g_assert_no_error (error);
  add_days (calendar, "2023-05-05", 1, "2023-05-09");
  add_days (calendar, "2023-12-22", 1, "2023-12-28");

  /* A weekend day may be listed; other years stay as shipped. */
  g_assert_true (ca_holiday_store_add_day (db, "2023-12-30", "Saturday party", &error));
  g_assert_no_error (error);

  /* A name is a title like the official file's: text, and one line's worth. */
  {
    g_autofree char *long_name = g_strnfill (201, 'x');

    g_assert_false (ca_holiday_store_add_day (db, "2023-12-29", long_name, &error));
    g_assert_error (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "The name is too long: it has 201 characters, and at "
                     "most 200 are allowed.");
    g_clear_error (&error);
    g_assert_false (ca_holiday_store_add_day (db, "2023-12-29", "Bad \xff day", &error));
    g_assert_error (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM bank_holiday "
                                            "WHERE holiday_date = '2023-12-29'"), ==, 0);
  }
  g_assert_cmpint (year_source (db, 2024, &n_days), ==, CA_HOLIDAY_SOURCE_SHIPPED);

  history = ca_test_query_text (db,
                                "SELECT group_concat (coalesce (old_value, '-') || '>' || "
                                "new_value, ', ') FROM (SELECT * FROM change_history "
                                "WHERE entity = 'bank_holiday_year' AND entity_id = 2023 "
                                "ORDER BY id)");
  g_assert_cmpstr (history, ==, "->10 dates, 10 dates>11 dates");
}

static void
test_remove_rule_year (CaTestFixture *fixture,
                       gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  guint n_days = 0;
  GDate christmas;

  g_assert_cmpint (year_source (db, 2040, &n_days), ==, CA_HOLIDAY_SOURCE_RULES);
  g_assert_cmpuint (n_days, ==, 8);
  g_assert_true (ca_date_parse ("2040-12-25", &christmas));
  g_assert_true (ca_holiday_store_remove_day (db, &christmas, &error));
  g_assert_no_error (error);
  g_assert_cmpint (year_source (db, 2040, &n_days), ==, CA_HOLIDAY_SOURCE_EDITED);
  g_assert_cmpuint (n_days, ==, 7);
  calendar = ca_holiday_store_load_calendar (db, &error);
  g_assert_no_error (error);
  g_assert_true (ca_holiday_calendar_is_working_day (calendar, &christmas));

  /* An imported year says so until it is changed by hand. */
  import (db, file_2031, 1);
  g_assert_cmpint (year_source (db, 2031, &n_days), ==, CA_HOLIDAY_SOURCE_IMPORTED);
  g_assert_true (ca_holiday_store_add_day (db, "2031-07-01", "Extra", &error));
  g_assert_no_error (error);
  g_assert_cmpint (year_source (db, 2031, &n_days), ==, CA_HOLIDAY_SOURCE_EDITED);
  g_assert_cmpuint (n_days, ==, 3);
}

static void
test_edit_refused (CaTestFixture *fixture,
                   gconstpointer  data)
{
  CaDatabase *db = fixture->database;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 n_history;
  GDate day;
  struct
  {
    const char *date, *title;
    int code;
    const char *message;
  } bad[] = {
    { "2023-02-30", "Extra", CA_HOLIDAY_STORE_ERROR_INVALID,
      "“2023-02-30” is not a date in the calendar. Give it as year-month-day, "
      "such as 2026-05-08." },
    { "30/01/2023", "Extra", CA_HOLIDAY_STORE_ERROR_INVALID, NULL },
    { "", "Extra", CA_HOLIDAY_STORE_ERROR_INVALID, NULL },
    { "2023-03-01", "   ", CA_HOLIDAY_STORE_ERROR_INVALID, NULL },
    { "2023-05-08", "Twice", CA_HOLIDAY_STORE_ERROR_EXISTS,
      "2023-05-08 is already a bank holiday (Bank holiday for the coronation of King "
      "Charles III)." },
  };

  before = stored_state (db);
  n_history = ca_test_query_int (db, "SELECT count(*) FROM change_history");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (ca_holiday_store_add_day (db, bad[i].date, bad[i].title, &error));
      g_assert_error (error, CA_HOLIDAY_STORE_ERROR, bad[i].code);
      if (bad[i].message != NULL)
        g_assert_cmpstr (error->message, ==, bad[i].message);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (ca_date_parse ("2023-03-01", &day));
    g_assert_false (ca_holiday_store_remove_day (db, &day, &error));
    g_assert_error (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_NOT_FOUND);
  }
  after = stored_state (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM change_history"), ==, n_history);
}

/* Two preferences windows on one file: A's list of 2040 was read before B added a day and
 * removed Christmas. A adding the same day, and removing Christmas, are refused with the
 * store's plain errors (EXISTS, NOT_FOUND) rather than a database message, and change
 * nothing; the window words them for a day it listed or did not (tests/ui). This held on
 * the code before: a guard, not a fix. */
static void
test_two_copies (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) second = ca_test_open_second (fixture->path);
  g_autoptr(GArray) shown = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GDate christmas;

  shown = ca_holiday_store_list_year (fixture->database, 2040, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ca_date_parse ("2040-12-25", &christmas));

  g_assert_true (ca_holiday_store_add_day (second, "2040-07-02", "Extra", &error));
  g_assert_true (ca_holiday_store_remove_day (second, &christmas, &error));
  g_assert_no_error (error);
  before = stored_state (fixture->database);

  g_assert_false (ca_holiday_store_add_day (fixture->database, "2040-07-02", "Extra", &error));
  g_assert_error (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "2040-07-02 is already a bank holiday (Extra).");
  g_clear_error (&error);
  g_assert_false (ca_holiday_store_remove_day (fixture->database, &christmas, &error));
  g_assert_error (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = stored_state (fixture->database);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CaTestFixture, NULL, ca_test_fixture_set_up, func, ca_test_fixture_tear_down)

  ADD ("/holiday-store/import-replaces-covered-years", test_import_replaces_covered_years);
  ADD ("/holiday-store/edit-shipped-year", test_edit_shipped_year);
  ADD ("/holiday-store/remove-rule-year", test_remove_rule_year);
  ADD ("/holiday-store/edit-refused", test_edit_refused);
  ADD ("/holiday-store/two-copies", test_two_copies);
  ADD ("/holiday-store/bad-file-changes-nothing", test_bad_file_changes_nothing);
  ADD ("/holiday-store/calendar-uses-stored-years", test_calendar_uses_stored_years);

  return g_test_run ();
}
