// SPDX-License-Identifier: GPL-3.0-or-later
// Bank holidays in the database: imported years that override the shipped list (R-G1).

#define G_LOG_DOMAIN "ca-holiday-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-bank-holidays.h"
#include "ca-holiday-store.h"
#include "core/ca-date.h"
#include "core/ca-text.h"

/* What bank_holiday_year.source says of a year read from the official JSON, and of one
 * changed by hand in preferences. */
#define SOURCE_JSON "bank-holidays JSON"
#define SOURCE_EDITED "edited"

G_DEFINE_QUARK (ca-holiday-store-error-quark, ca_holiday_store_error)

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

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  calendar = ca_bank_holidays_load_default (error);
  if (calendar == NULL)
    return NULL;

  /* A covered year starts empty, so one whose dates were all removed has none. */
  years = ca_database_prepare (db, "SELECT year FROM bank_holiday_year ORDER BY year", error);
  if (years == NULL)
    return NULL;
  while (ca_statement_next (years))
    {
      gint64 year;

      year = ca_statement_get_int64 (years, 0);
      if (year > 0 && year <= G_MAXUINT16 && g_date_valid_year ((GDateYear) year))
        ca_holiday_calendar_set_year (calendar, (GDateYear) year, NULL, 0);
    }
  if (!ca_statement_check (years, error))
    return NULL;

  dates = ca_database_prepare (db,
                               "SELECT h.holiday_date, h.title FROM bank_holiday h "
                               "JOIN bank_holiday_year y "
                               "ON y.year = CAST (substr (h.holiday_date, 1, 4) AS INTEGER) "
                               "ORDER BY h.holiday_date", error);
  if (dates == NULL)
    return NULL;
  while (ca_statement_next (dates))
    {
      GDate date;

      /* A row that is not a date cannot be a holiday; the file says what it says. */
      if (ca_date_parse (ca_statement_get_text (dates, 0), &date))
        ca_holiday_calendar_add_table_entry (calendar, &date,
                                             g_intern_string (ca_statement_get_text (dates, 1)));
    }
  if (!ca_statement_check (dates, error))
    return NULL;

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
  while (ca_statement_next (dates))
    {
      g_string_append_printf (text, "%s %s\n", ca_statement_get_text (dates, 0),
                              ca_statement_get_text (dates, 1));
      (*n_dates)++;
    }
  if (!ca_statement_check (dates, error))
    return FALSE;
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
              const char  *source,
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

  /* A holiday is noted by its year. */
  ca_database_note_change (db, CA_CHANGE_HOLIDAY, year);
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
  ca_statement_bind_text (cover, 2, source);
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

      if (!replace_year (db, year, holidays, SOURCE_JSON, now, error))
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

/**
 * ca_holiday_store_list_year:
 * @source: (out) (optional): where the year's list comes from
 *
 * The bank holidays this database counts in YEAR, in date order (an array of CaHoliday).
 */
GArray *
ca_holiday_store_list_year (CaDatabase       *db,
                            GDateYear         year,
                            CaHolidaySource  *source,
                            GError          **error)
{
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(CaStatement) cover = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (g_date_valid_year (year), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  calendar = ca_holiday_store_load_calendar (db, error);
  if (calendar == NULL)
    return NULL;

  if (source != NULL)
    {
      cover = ca_database_prepare (db, "SELECT source FROM bank_holiday_year WHERE year = ?",
                                   error);
      if (cover == NULL)
        return NULL;
      ca_statement_bind_int64 (cover, 1, year);
      if (!ca_statement_step (cover, &has_row, error))
        return NULL;
      if (has_row)
        *source = g_strcmp0 (ca_statement_get_text (cover, 0), SOURCE_EDITED) == 0
                    ? CA_HOLIDAY_SOURCE_EDITED : CA_HOLIDAY_SOURCE_IMPORTED;
      else if (ca_holiday_calendar_has_table_year (calendar, year))
        *source = CA_HOLIDAY_SOURCE_SHIPPED;
      else
        *source = CA_HOLIDAY_SOURCE_RULES;
    }

  return ca_holiday_calendar_list_year (calendar, year);
}

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  return g_date_compare (&((const CaHoliday *) a)->date, &((const CaHoliday *) b)->date);
}

/* Stores YEAR as the list it counts now changed by EDIT, in one transaction: a year not yet
 * stored keeps the rest of its days from the shipped list or the rules. */
static gboolean
edit_year (CaDatabase   *db,
           GDateYear     year,
           gboolean    (*edit) (GArray *holidays, gpointer data, GError **error),
           gpointer      data,
           GError      **error)
{
  g_autoptr(GArray) holidays = NULL;
  g_autofree char *now = ca_timestamp_now ();

  if (!ca_database_begin (db, error))
    return FALSE;
  holidays = ca_holiday_store_list_year (db, year, NULL, error);
  if (holidays == NULL || !edit (holidays, data, error) ||
      !replace_year (db, year, holidays, SOURCE_EDITED, now, error) ||
      !ca_database_commit (db, error))
    {
      ca_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GDate       date;
  const char *title;
} Edit;

static gboolean
add_to_year (GArray    *holidays,
             gpointer   data,
             GError   **error)
{
  Edit *add = data;
  CaHoliday holiday;

  for (guint i = 0; i < holidays->len; i++)
    {
      const CaHoliday *existing = &g_array_index (holidays, CaHoliday, i);

      if (g_date_compare (&existing->date, &add->date) == 0)
        {
          g_autofree char *text = ca_date_format (&add->date);

          g_set_error (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_EXISTS,
                       _("%s is already a bank holiday (%s)."), text, existing->title);
          return FALSE;
        }
    }
  holiday.date = add->date;
  holiday.title = g_intern_string (add->title);
  g_array_append_val (holidays, holiday);
  g_array_sort (holidays, compare_holidays);
  return TRUE;
}

static gboolean
remove_from_year (GArray    *holidays,
                  gpointer   data,
                  GError   **error)
{
  Edit *remove = data;

  for (guint i = 0; i < holidays->len; i++)
    if (g_date_compare (&g_array_index (holidays, CaHoliday, i).date, &remove->date) == 0)
      {
        g_array_remove_index (holidays, i);
        return TRUE;
      }

  {
    g_autofree char *text = ca_date_format (&remove->date);

    g_set_error (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_NOT_FOUND,
                 _("%s is not a bank holiday, so there is nothing to remove."), text);
  }
  return FALSE;
}

/**
 * ca_holiday_store_add_day:
 * @date_text: the day, as YYYY-MM-DD
 * @title: what the day is called, such as “Extra bank holiday”
 *
 * Adds a bank holiday to its year (R-G1). A year the database has not stored yet is first
 * stored as the list it counts now, so its other days stay; all in one transaction.
 * A day that is not a real date, has no title or is already a bank holiday writes nothing.
 * A weekend day is allowed: it changes no working-day sum, but the list shows it.
 */
gboolean
ca_holiday_store_add_day (CaDatabase  *db,
                          const char  *date_text,
                          const char  *title,
                          GError     **error)
{
  g_autofree char *clean_title = NULL;
  Edit add;

  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ca_holiday_store_parse_day (date_text, &add.date, error))
    return FALSE;
  clean_title = g_strstrip (g_strdup (title != NULL ? title : ""));
  if (clean_title[0] == '\0')
    {
      g_set_error_literal (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_INVALID,
                           _("Give the bank holiday a name, such as “Extra bank holiday”."));
      return FALSE;
    }
  /* Stored and shown in the calendar, as a title from the official file is. */
  if (!ca_text_check_full (clean_title, CA_TEXT_MAX_NAME, _("The name"),
                           CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_INVALID, error))
    return FALSE;
  add.title = clean_title;
  return edit_year (db, g_date_get_year (&add.date), add_to_year, &add, error);
}

/**
 * ca_holiday_store_remove_day:
 *
 * Removes a bank holiday from its year, storing the year first when the database has not
 * (as ca_holiday_store_add_day() does).
 */
gboolean
ca_holiday_store_remove_day (CaDatabase   *db,
                             const GDate  *date,
                             GError      **error)
{
  Edit remove = { .title = NULL };

  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  remove.date = *date;
  return edit_year (db, g_date_get_year (date), remove_from_year, &remove, error);
}

/**
 * ca_holiday_store_parse_day:
 *
 * Reads a day typed as YYYY-MM-DD, with a message a person understands when it is not a
 * real date (such as 2023-02-30).
 */
gboolean
ca_holiday_store_parse_day (const char  *text,
                            GDate       *date,
                            GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_val_if_fail (date != NULL, FALSE);

  if (clean[0] == '\0')
    {
      g_set_error_literal (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_INVALID,
                           _("Give the date as year-month-day, such as 2026-05-08."));
      return FALSE;
    }
  if (!ca_date_parse (clean, date) || g_date_get_year (date) > 9999)
    {
      g_set_error (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_INVALID,
                   _("“%s” is not a date in the calendar. Give it as year-month-day, "
                     "such as 2026-05-08."), clean);
      return FALSE;
    }
  return TRUE;
}
