// SPDX-License-Identifier: GPL-3.0-or-later
// Bank holidays in the database: imported years that override the shipped list (R-G1).

#define G_LOG_DOMAIN "ca-holiday-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-bank-holidays.h"
#include "ca-holiday-store.h"
#include "core/ca-date.h"

/* What bank_holiday_year.source says of a year read from the official JSON. */
#define SOURCE_JSON "bank-holidays JSON"

/**
 * ca_holiday_store_load_calendar:
 *
 * The calendar this database counts working days with: the list Case Audit ships over the
 * rules, with every year the database has stored replaced by the stored dates.
 */
CaHolidayCalendar *
ca_holiday_store_load_calendar (CaDatabase  *db,
                                GError     **error)
{
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(CaStatement) years = NULL;
  g_autoptr(CaStatement) dates = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  calendar = ca_bank_holidays_load_default (error);
  if (calendar == NULL)
    return NULL;

  /* A covered year starts empty, so one whose dates were all removed has none. */
  years = ca_database_prepare (db, "SELECT year FROM bank_holiday_year ORDER BY year", error);
  if (years == NULL)
    return NULL;
  for (;;)
    {
      gint64 year;

      if (!ca_statement_step (years, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      year = ca_statement_get_int64 (years, 0);
      if (year > 0 && year <= G_MAXUINT16 && g_date_valid_year ((GDateYear) year))
        ca_holiday_calendar_set_year (calendar, (GDateYear) year, NULL, 0);
    }

  dates = ca_database_prepare (db,
                               "SELECT h.holiday_date, h.title FROM bank_holiday h "
                               "JOIN bank_holiday_year y "
                               "ON y.year = CAST (substr (h.holiday_date, 1, 4) AS INTEGER) "
                               "ORDER BY h.holiday_date", error);
  if (dates == NULL)
    return NULL;
  for (;;)
    {
      GDate date;

      if (!ca_statement_step (dates, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      /* A row that is not a date cannot be a holiday; the file says what it says. */
      if (ca_date_parse (ca_statement_get_text (dates, 0), &date))
        ca_holiday_calendar_add_table_entry (calendar, &date,
                                             g_intern_string (ca_statement_get_text (dates, 1)));
    }

  return g_steal_pointer (&calendar);
}

/* The stored dates of YEAR as one line of text each ("YYYY-MM-DD title"), and whether the
 * year is covered at all. */
static gboolean
read_stored_year (CaDatabase  *db,
                  GDateYear    year,
                  gboolean    *covered,
                  guint       *n_dates,
                  GString     *text,
                  GError     **error)
{
  g_autoptr(CaStatement) cover = NULL;
  g_autoptr(CaStatement) dates = NULL;
  g_autofree char *first = g_strdup_printf ("%04u-01-01", (guint) year);
  g_autofree char *last = g_strdup_printf ("%04u-12-31", (guint) year);
  gboolean has_row = FALSE;

  cover = ca_database_prepare (db, "SELECT count(*) FROM bank_holiday_year WHERE year = ?", error);
  if (cover == NULL)
    return FALSE;
  ca_statement_bind_int64 (cover, 1, year);
  if (!ca_statement_step (cover, &has_row, error))
    return FALSE;
  *covered = has_row && ca_statement_get_int64 (cover, 0) > 0;

  *n_dates = 0;
  dates = ca_database_prepare (db,
                               "SELECT holiday_date, title FROM bank_holiday "
                               "WHERE holiday_date BETWEEN ? AND ? ORDER BY holiday_date", error);
  if (dates == NULL)
    return FALSE;
  ca_statement_bind_text (dates, 1, first);
  ca_statement_bind_text (dates, 2, last);
  for (;;)
    {
      if (!ca_statement_step (dates, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      g_string_append_printf (text, "%s %s\n", ca_statement_get_text (dates, 0),
                              ca_statement_get_text (dates, 1));
      (*n_dates)++;
    }
  return TRUE;
}

static char *
summarise (guint n_dates)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u date", "%u dates", n_dates), n_dates);
}

/* Makes the stored YEAR hold exactly HOLIDAYS, and says so in the change history; a year
 * already stored with the same dates and titles is left alone. */
static gboolean
replace_year (CaDatabase  *db,
              GDateYear    year,
              GArray      *holidays,
              const char  *now,
              GError     **error)
{
  g_autoptr(GString) old_text = g_string_new (NULL);
  g_autoptr(GString) new_text = g_string_new (NULL);
  g_autoptr(CaStatement) delete = NULL;
  g_autoptr(CaStatement) insert = NULL;
  g_autoptr(CaStatement) cover = NULL;
  g_autofree char *first = g_strdup_printf ("%04u-01-01", (guint) year);
  g_autofree char *last = g_strdup_printf ("%04u-12-31", (guint) year);
  g_autofree char *old_summary = NULL;
  g_autofree char *new_summary = NULL;
  gboolean covered = FALSE;
  guint n_old = 0;

  if (!read_stored_year (db, year, &covered, &n_old, old_text, error))
    return FALSE;

  for (guint i = 0; i < holidays->len; i++)
    {
      const CaHoliday *holiday = &g_array_index (holidays, CaHoliday, i);
      g_autofree char *date = ca_date_format (&holiday->date);

      g_string_append_printf (new_text, "%s %s\n", date, holiday->title);
    }
  if (covered && g_str_equal (old_text->str, new_text->str))
    return TRUE;

  delete = ca_database_prepare (db, "DELETE FROM bank_holiday WHERE holiday_date BETWEEN ? AND ?",
                                error);
  if (delete == NULL)
    return FALSE;
  ca_statement_bind_text (delete, 1, first);
  ca_statement_bind_text (delete, 2, last);
  if (!ca_statement_run (delete, error))
    return FALSE;

  insert = ca_database_prepare (db, "INSERT INTO bank_holiday (holiday_date, title) VALUES (?, ?)",
                                error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < holidays->len; i++)
    {
      const CaHoliday *holiday = &g_array_index (holidays, CaHoliday, i);
      g_autofree char *date = ca_date_format (&holiday->date);

      ca_statement_reset (insert);
      ca_statement_bind_text (insert, 1, date);
      ca_statement_bind_text (insert, 2, holiday->title);
      if (!ca_statement_run (insert, error))
        return FALSE;
    }

  cover = ca_database_prepare (db,
                               "INSERT INTO bank_holiday_year (year, source, imported_at) "
                               "VALUES (?, ?, ?) ON CONFLICT (year) DO UPDATE SET "
                               "source = excluded.source, imported_at = excluded.imported_at",
                               error);
  if (cover == NULL)
    return FALSE;
  ca_statement_bind_int64 (cover, 1, year);
  ca_statement_bind_text (cover, 2, SOURCE_JSON);
  ca_statement_bind_text (cover, 3, now);
  if (!ca_statement_run (cover, error))
    return FALSE;

  old_summary = covered ? summarise (n_old) : NULL;
  new_summary = summarise (holidays->len);
  return ca_database_record_change (db, now, "bank_holiday_year", year, "dates",
                                    old_summary, new_summary, error);
}

/**
 * ca_holiday_store_import_json:
 * @json: the official bank-holidays JSON (as published on GOV.UK)
 * @n_years: (out) (optional): how many years the file covers
 *
 * Replaces every year the file has events in with exactly the file's dates for it, in one
 * transaction, and notes each changed year in the change history. Years the file does not
 * cover keep what they had. A file with any mistake writes nothing and says where it is
 * (the messages of ca_bank_holidays_parse()).
 */
gboolean
ca_holiday_store_import_json (CaDatabase  *db,
                              const char  *json,
                              gsize        length,
                              guint       *n_years,
                              GError     **error)
{
  g_autoptr(CaHolidayCalendar) file = NULL;
  g_autoptr(GArray) years = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = ca_bank_holidays_parse (json, (gssize) length, error);
  if (file == NULL)
    return FALSE;
  years = ca_holiday_calendar_get_table_years (file);

  now = ca_timestamp_now ();
  if (!ca_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < years->len; i++)
    {
      GDateYear year = g_array_index (years, GDateYear, i);
      g_autoptr(GArray) holidays = ca_holiday_calendar_list_year (file, year);

      if (!replace_year (db, year, holidays, now, error))
        {
          ca_database_rollback (db);
          return FALSE;
        }
    }
  if (!ca_database_commit (db, error))
    {
      ca_database_rollback (db);
      return FALSE;
    }

  if (n_years != NULL)
    *n_years = years->len;
  return TRUE;
}
