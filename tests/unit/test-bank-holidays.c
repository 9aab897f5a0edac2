// SPDX-License-Identifier: GPL-3.0-or-later
// The official bank-holidays JSON: the shipped list reads, and a bad file is refused by name.

#include "config.h"

#include <gio/gio.h>

#include "ca-bank-holidays.h"
#include "core/ca-date.h"

static void
test_shipped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = ca_bank_holidays_load_default (&error);
  g_autoptr(GArray) years = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint total = 0;
  GDate day;

  g_assert_no_error (error);
  g_assert_nonnull (calendar);

  years = ca_holiday_calendar_get_table_years (calendar);
  g_assert_cmpuint (years->len, ==, 11);
  for (guint i = 0; i < years->len; i++)
    {
      g_autoptr(GArray) holidays = NULL;

      g_assert_cmpuint (g_array_index (years, GDateYear, i), ==, 2017 + i);
      holidays = ca_holiday_calendar_list_year (calendar, g_array_index (years, GDateYear, i));
      total += holidays->len;
    }
  /* Nine years of eight, 2022's ten and 2023's nine. */
  g_assert_cmpuint (total, ==, 9 * 8 + 10 + 9);

  g_assert_true (ca_date_parse ("2023-05-08", &day));
  g_assert_cmpstr (ca_holiday_calendar_lookup (calendar, &day), ==,
                   "Bank holiday for the coronation of King Charles III");
  g_assert_true (ca_date_parse ("2020-05-08", &day));
  g_assert_cmpstr (ca_holiday_calendar_lookup (calendar, &day), ==,
                   "Early May bank holiday (VE day)");
  g_assert_true (ca_date_parse ("2017-01-02", &day));
  g_assert_cmpstr (ca_holiday_calendar_lookup (calendar, &day), ==, "New Year’s Day");

  /* The resource is the file in data/, byte for byte. */
  bytes = g_resources_lookup_data (CA_BANK_HOLIDAYS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
}

/* Reads the data/ file itself, as `case-audit import bank-holidays FILE` would. */
static void
test_shipped_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "bank-holidays-england-and-wales.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  gsize length;
  GDate day;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  calendar = ca_bank_holidays_parse (contents, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_true (ca_date_parse ("2022-06-03", &day));
  g_assert_cmpstr (ca_holiday_calendar_lookup (calendar, &day), ==,
                   "Platinum Jubilee bank holiday");
}

static void
test_minimal_and_other_divisions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  GDate day;
  static const char json[] =
    "{\"scotland\": {\"division\": \"scotland\", \"events\": "
    "  [{\"title\": \"St Andrew’s Day\", \"date\": \"2021-11-30\"}]},"
    " \"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": ["
    "  {\"title\": \"Christmas Day\", \"date\": \"2031-12-25\", \"notes\": \"\", \"bunting\": true},"
    "  {\"date\": \"2031-06-02\"}"
    "]}}";

  calendar = ca_bank_holidays_parse (json, -1, &error);
  g_assert_no_error (error);

  /* 2031 is now the file's alone: no Good Friday, and an untitled day. */
  g_assert_true (ca_holiday_calendar_has_table_year (calendar, 2031));
  g_assert_true (ca_date_parse ("2031-04-11", &day));
  g_assert_false (ca_holiday_calendar_is_holiday (calendar, &day));
  g_assert_true (ca_date_parse ("2031-06-02", &day));
  g_assert_cmpstr (ca_holiday_calendar_lookup (calendar, &day), ==, "Bank holiday");
  /* Scotland's days are none of ours. */
  g_assert_true (ca_date_parse ("2021-11-30", &day));
  g_assert_false (ca_holiday_calendar_is_holiday (calendar, &day));
  g_assert_false (ca_holiday_calendar_has_table_year (calendar, 2021));
}

static void
test_empty_events (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(GArray) years = NULL;

  /* An empty list is a valid file that covers no year: the rules stand. */
  calendar = ca_bank_holidays_parse ("{\"england-and-wales\": {\"events\": []}}", -1, &error);
  g_assert_no_error (error);
  years = ca_holiday_calendar_get_table_years (calendar);
  g_assert_cmpuint (years->len, ==, 0);
}

static void
test_apply_keeps_other_years (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = ca_bank_holidays_load_default (&error);
  GDate day;

  g_assert_no_error (error);
  /* Importing a file for 2022 replaces 2022 only. */
  g_assert_true (ca_bank_holidays_apply_json (calendar,
                                              "{\"england-and-wales\": {\"events\": ["
                                              "{\"title\": \"Only\", \"date\": \"2022-07-01\"}]}}",
                                              -1, &error));
  g_assert_no_error (error);
  g_assert_true (ca_date_parse ("2022-09-19", &day));
  g_assert_false (ca_holiday_calendar_is_holiday (calendar, &day));
  g_assert_true (ca_date_parse ("2022-07-01", &day));
  g_assert_true (ca_holiday_calendar_is_holiday (calendar, &day));
  g_assert_true (ca_date_parse ("2023-05-08", &day));
  g_assert_true (ca_holiday_calendar_is_holiday (calendar, &day));

  /* A bad file changes nothing, even in the years before its mistake. */
  g_assert_false (ca_bank_holidays_apply_json (calendar,
                                               "{\"england-and-wales\": {\"events\": ["
                                               "{\"title\": \"A\", \"date\": \"2024-07-01\"},"
                                               "{\"title\": \"B\", \"date\": \"2025-02-29\"}]}}",
                                               -1, &error));
  g_assert_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_INVALID);
  g_assert_true (ca_date_parse ("2024-07-01", &day));
  g_assert_false (ca_holiday_calendar_is_holiday (calendar, &day));
  g_assert_true (ca_date_parse ("2024-03-29", &day));
  g_assert_true (ca_holiday_calendar_is_holiday (calendar, &day));
}

#define TEN_X "xxxxxxxxxx"

static void
test_refusals (void)
{
  static const struct { const char *json; int code; const char *message; } cases[] = {
    { "", CA_BANK_HOLIDAYS_ERROR_NOT_JSON, "This is not a bank-holidays file: it is empty." },
    { "<html>Bank holidays</html>", CA_BANK_HOLIDAYS_ERROR_NOT_JSON,
      "This is not a bank-holidays file: it is not JSON (" },
    { "{\"england-and-wales\": {\"events\": [", CA_BANK_HOLIDAYS_ERROR_NOT_JSON,
      "This is not a bank-holidays file: it is not JSON (" },
    { "[1, 2, 3]", CA_BANK_HOLIDAYS_ERROR_NO_DIVISION,
      "This is not a bank-holidays file: it should be a JSON object with an "
      "\"england-and-wales\" division." },
    { "{\"scotland\": {\"events\": []}}", CA_BANK_HOLIDAYS_ERROR_NO_DIVISION,
      "This bank-holidays file has no \"england-and-wales\" division: Case Audit counts "
      "working days in England and Wales." },
    { "{\"england-and-wales\": []}", CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales: expected an object with a list of events" },
    { "{\"england-and-wales\": {\"division\": \"england-and-wales\"}}",
      CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events: missing; the division needs a list of events" },
    { "{\"england-and-wales\": {\"events\": {}}}", CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events: expected a list of events" },
    { "{\"england-and-wales\": {\"events\": [\"2021-01-01\"]}}", CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events[0]: expected an event with a title and a date" },
    { "{\"england-and-wales\": {\"events\": [{\"title\": \"Good Friday\"}]}}",
      CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events[0].date: missing; every event needs a date" },
    { "{\"england-and-wales\": {\"events\": [{\"date\": 20210101}]}}",
      CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events[0].date: expected a date as text, written YYYY-MM-DD" },
    { "{\"england-and-wales\": {\"events\": [{\"date\": \"2023-01-02\"}, {\"date\": \"2023-04-07\"},"
      " {\"date\": \"2023-04-10\"}, {\"title\": \"Oops\", \"date\": \"2023-02-30\"}]}}",
      CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events[3].date: \"2023-02-30\" is not a real date" },
    { "{\"england-and-wales\": {\"events\": [{\"date\": \"02/01/2023\"}]}}",
      CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events[0].date: \"02/01/2023\" is not a date; write it as YYYY-MM-DD" },
    { "{\"england-and-wales\": {\"events\": [{\"date\": \"2023-1-2\"}]}}",
      CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events[0].date: \"2023-1-2\" is not a date; write it as YYYY-MM-DD" },
    { "{\"england-and-wales\": {\"events\": [{\"date\": \"2023-01-02T00:00:00Z\"}]}}",
      CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events[0].date: \"2023-01-02T00:00:00Z\" is not a date; write it as "
      "YYYY-MM-DD" },
    { "{\"england-and-wales\": {\"events\": [{\"date\": \"2023-13-01\"}]}}",
      CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events[0].date: \"2023-13-01\" is not a real date" },
    { "{\"england-and-wales\": {\"events\": [{\"title\": 7, \"date\": \"2023-01-02\"}]}}",
      CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events[0].title: expected the holiday's name as text" },
    { "{\"england-and-wales\": {\"events\": [{\"date\": \"2023-01-02\"}, {\"date\": \"2023-01-02\"}]}}",
      CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events[1].date: \"2023-01-02\" is listed twice" },
    /* A lone surrogate escape used to reach the database as bytes that are not UTF-8. */
    { "{\"england-and-wales\": {\"events\": [{\"date\": \"2023-01-02\"}, "
      "{\"title\": \"Bad \\ud800 day\", \"date\": \"2030-01-01\"}]}}",
      CA_BANK_HOLIDAYS_ERROR_NOT_JSON,
      "This bank-holidays file cannot be read: england-and-wales.events[1].title: “\\ud800” is "
      "not a valid character escape (line 1, column 74)." },
    { "{\"england-and-wales\": {\"events\": [{\"title\": \"Caf\xe9\", \"date\": \"2030-01-01\"}]}}",
      CA_BANK_HOLIDAYS_ERROR_NOT_JSON,
      "This bank-holidays file cannot be read: line 1, column 49: not UTF-8 text; save the file "
      "as UTF-8." },
    { "{\"england-and-wales\": {\"events\": [{\"date\": \"2023-01-02\", \"title\": \""
      TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X
      TEN_X TEN_X TEN_X TEN_X TEN_X "!\"}]}}",
      CA_BANK_HOLIDAYS_ERROR_INVALID,
      "england-and-wales.events[0].title is too long: it has 201 characters, and at most 200 "
      "are allowed." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CaHolidayCalendar) calendar = ca_bank_holidays_parse (cases[i].json, -1, &error);

      g_test_message ("case %u", i);
      g_assert_null (calendar);
      g_assert_error (error, CA_BANK_HOLIDAYS_ERROR, cases[i].code);
      if (g_str_has_suffix (cases[i].message, "("))
        g_assert_true (g_str_has_prefix (error->message, cases[i].message));
      else
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* The titles of a refused file are not kept: interned strings are never freed, so a
 * refused file must leave none behind (the fuzzer's leak check found them piling up). */
static void
test_refused_titles_not_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;

  calendar = ca_bank_holidays_parse ("{\"england-and-wales\": {\"events\": ["
                                     "{\"title\": \"A title only a refused file has\", "
                                     "\"date\": \"2031-01-01\"}, {\"date\": \"2031-02-30\"}]}}",
                                     -1, &error);
  g_assert_null (calendar);
  g_assert_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_INVALID);
  g_assert_cmpuint (g_quark_try_string ("A title only a refused file has"), ==, 0);
  g_clear_error (&error);

  calendar = ca_bank_holidays_parse ("{\"england-and-wales\": {\"events\": ["
                                     "{\"title\": \"A title an accepted file has\", "
                                     "\"date\": \"2031-01-01\"}]}}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_quark_try_string ("A title an accepted file has"), !=, 0);
}

/* Nested 80,000 deep, json-glib ran off the end of the stack. */
static void
test_deep (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  GString *deep = g_string_new ("{\"england-and-wales\": {\"events\": ");

  for (guint i = 0; i < 80000; i++)
    g_string_append_c (deep, '[');
  calendar = ca_bank_holidays_parse (deep->str, (gssize) deep->len, &error);
  g_string_free (deep, TRUE);
  g_assert_null (calendar);
  g_assert_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_NOT_JSON);
  g_assert_cmpstr (error->message, ==, "This bank-holidays file cannot be read: line 1, column "
                   "288: lists and objects are nested more than 256 deep, which no file Case "
                   "Audit reads needs.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bank-holidays/shipped", test_shipped);
  g_test_add_func ("/bank-holidays/shipped-file", test_shipped_file);
  g_test_add_func ("/bank-holidays/minimal", test_minimal_and_other_divisions);
  g_test_add_func ("/bank-holidays/empty-events", test_empty_events);
  g_test_add_func ("/bank-holidays/apply-keeps-other-years", test_apply_keeps_other_years);
  g_test_add_func ("/bank-holidays/refusals", test_refusals);
  g_test_add_func ("/bank-holidays/deep", test_deep);
  g_test_add_func ("/bank-holidays/refused-titles-not-kept", test_refused_titles_not_kept);

  return g_test_run ();
}
