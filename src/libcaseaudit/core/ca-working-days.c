// SPDX-License-Identifier: GPL-3.0-or-later
// England and Wales bank holidays (by rule, or from an authoritative table) and working-day sums.

#define G_LOG_DOMAIN "ca-working-days"

#include "config.h"

#include "ca-working-days.h"

/* A holiday as the sums use it: a day number (GDate's Julian day, 1 = Monday 1 January 1)
 * and a title that is either a static string or an interned one. */
typedef struct
{
  guint32     julian;
  const char *title;
} Entry;

struct _CaHolidayCalendar
{
  /* GUINT_TO_POINTER (year) → GArray of Entry, sorted by day, no day twice. */
  GHashTable *table;
};

/* The most holidays the rules give in a year: New Year's Day, Good Friday, Easter Monday,
 * early May, spring, summer, Christmas Day and Boxing Day, each once (substitutes replace). */
#define RULE_MAX 8

/* The official titles, as GOV.UK writes them. */
#define TITLE_NEW_YEAR   "New Year’s Day"
#define TITLE_GOOD_FRI   "Good Friday"
#define TITLE_EASTER_MON "Easter Monday"
#define TITLE_EARLY_MAY  "Early May bank holiday"
#define TITLE_SPRING     "Spring bank holiday"
#define TITLE_SUMMER     "Summer bank holiday"
#define TITLE_CHRISTMAS  "Christmas Day"
#define TITLE_BOXING     "Boxing Day"
#define TITLE_DEFAULT    "Bank holiday"

/* A year's holidays while a lookup or a sum walks through it. */
typedef struct
{
  GDateYear    year;
  guint32      last;   /* Julian day of 31 December */
  const Entry *entries;
  guint        n_entries;
  Entry        buffer[RULE_MAX];
} YearView;

static guint32
julian_of (GDateYear  year,
           GDateMonth month,
           GDateDay   day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

static GDateWeekday
weekday_of (guint32 julian)
{
  /* Julian day 1 was a Monday, as g_date_get_weekday counts. */
  return (GDateWeekday) (((julian - 1) % 7) + 1);
}

static gboolean
is_weekend (guint32 julian)
{
  return weekday_of (julian) >= G_DATE_SATURDAY;
}

/* Monday to Friday from day 1 up to and including day JULIAN. */
static gint64
count_weekdays (guint32 julian)
{
  return 5 * (gint64) (julian / 7) + MIN (julian % 7, 5);
}

static gboolean
entries_contain (const Entry *entries,
                 guint        n_entries,
                 guint32      julian)
{
  for (guint i = 0; i < n_entries; i++)
    if (entries[i].julian == julian)
      return TRUE;
  return FALSE;
}

static void
sort_entries (Entry *entries,
              guint  n_entries)
{
  for (guint i = 1; i < n_entries; i++)
    {
      Entry entry = entries[i];
      guint j = i;

      for (; j > 0 && entries[j - 1].julian > entry.julian; j--)
        entries[j] = entries[j - 1];
      entries[j] = entry;
    }
}

static guint32
first_monday (GDateYear  year,
              GDateMonth month)
{
  guint32 first = julian_of (year, month, 1);

  return first + (8 - weekday_of (first)) % 7;
}

static guint32
last_monday (GDateYear  year,
             GDateMonth month)
{
  guint32 last = julian_of (year, month, g_date_get_days_in_month (month, year));

  return last - (weekday_of (last) - G_DATE_MONDAY);
}

/* The regular holidays of YEAR into ENTRIES (room for RULE_MAX), sorted; returns how many.
 * A fixed-date holiday on a Saturday or Sunday moves to the next weekday that is not already
 * a holiday, taking New Year's Day, then Christmas Day, then Boxing Day: so Christmas on a
 * Saturday gives Monday 27 and Tuesday 28, and Christmas on a Sunday gives Boxing Day on
 * Monday 26 and Christmas's substitute on Tuesday 27. */
static guint
compute_rule_year (GDateYear year,
                   Entry    *entries)
{
  static const struct { GDateMonth month; GDateDay day; const char *title; } fixed[] = {
    { G_DATE_JANUARY, 1, TITLE_NEW_YEAR },
    { G_DATE_DECEMBER, 25, TITLE_CHRISTMAS },
    { G_DATE_DECEMBER, 26, TITLE_BOXING },
  };
  gboolean moved[G_N_ELEMENTS (fixed)] = { FALSE, };
  GDate easter;
  guint32 easter_day;
  guint n = 0;

  ca_easter_sunday (year, &easter);
  easter_day = g_date_get_julian (&easter);

  entries[n++] = (Entry) { easter_day - 2, TITLE_GOOD_FRI };
  entries[n++] = (Entry) { easter_day + 1, TITLE_EASTER_MON };
  entries[n++] = (Entry) { first_monday (year, G_DATE_MAY), TITLE_EARLY_MAY };
  entries[n++] = (Entry) { last_monday (year, G_DATE_MAY), TITLE_SPRING };
  entries[n++] = (Entry) { last_monday (year, G_DATE_AUGUST), TITLE_SUMMER };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      guint32 day = julian_of (year, fixed[i].month, fixed[i].day);

      if (is_weekend (day))
        moved[i] = TRUE;
      else
        entries[n++] = (Entry) { day, fixed[i].title };
    }

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      guint32 day;

      if (!moved[i])
        continue;
      day = julian_of (year, fixed[i].month, fixed[i].day);
      while (is_weekend (day) || entries_contain (entries, n, day))
        day++;
      entries[n++] = (Entry) { day, fixed[i].title };
    }

  g_assert (n <= RULE_MAX);
  sort_entries (entries, n);
  return n;
}

static GArray *
lookup_table_year (const CaHolidayCalendar *self,
                   GDateYear                year)
{
  return g_hash_table_lookup (self->table, GUINT_TO_POINTER ((guint) year));
}

static void
view_year (const CaHolidayCalendar *self,
           GDateYear                year,
           YearView                *view)
{
  GArray *table_year = lookup_table_year (self, year);

  view->year = year;
  view->last = julian_of (year, G_DATE_DECEMBER, 31);
  if (table_year != NULL)
    {
      view->entries = (const Entry *) table_year->data;
      view->n_entries = table_year->len;
    }
  else
    {
      view->n_entries = compute_rule_year (year, view->buffer);
      view->entries = view->buffer;
    }
}

static GArray *
holidays_from_entries (const Entry *entries,
                       guint        n_entries)
{
  GArray *holidays = g_array_sized_new (FALSE, TRUE, sizeof (CaHoliday), n_entries);

  for (guint i = 0; i < n_entries; i++)
    {
      CaHoliday holiday;

      g_date_clear (&holiday.date, 1);
      g_date_set_julian (&holiday.date, entries[i].julian);
      holiday.title = entries[i].title;
      g_array_append_val (holidays, holiday);
    }
  return holidays;
}

static GArray *
table_year_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (Entry));
}

/* Puts DATE in the sorted TABLE_YEAR, or renames it if it is there already. */
static void
table_year_insert (GArray      *table_year,
                   const GDate *date,
                   const char  *title)
{
  guint32 julian = g_date_get_julian (date);
  Entry entry = { julian, g_intern_string (title != NULL && *title != '\0' ? title
                                                                            : TITLE_DEFAULT) };
  guint i = 0;

  while (i < table_year->len && g_array_index (table_year, Entry, i).julian < julian)
    i++;
  if (i < table_year->len && g_array_index (table_year, Entry, i).julian == julian)
    g_array_index (table_year, Entry, i).title = entry.title;
  else
    g_array_insert_val (table_year, i, entry);
}

static void
calendar_clear (gpointer data)
{
  CaHolidayCalendar *self = data;

  g_clear_pointer (&self->table, g_hash_table_unref);
}

/* A calendar with no table: every year by rule. */
CaHolidayCalendar *
ca_holiday_calendar_new (void)
{
  CaHolidayCalendar *self = g_atomic_rc_box_new0 (CaHolidayCalendar);

  self->table = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) g_array_unref);
  return self;
}

/* A new calendar with the same table, to change without touching SELF. */
CaHolidayCalendar *
ca_holiday_calendar_copy (const CaHolidayCalendar *self)
{
  CaHolidayCalendar *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (self != NULL, NULL);

  copy = ca_holiday_calendar_new ();
  g_hash_table_iter_init (&iter, self->table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->table, key, g_array_copy (value));
  return copy;
}

CaHolidayCalendar *
ca_holiday_calendar_ref (CaHolidayCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
ca_holiday_calendar_unref (CaHolidayCalendar *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, calendar_clear);
}

/* Makes the table cover YEAR with exactly these holidays (none at all when N_HOLIDAYS is 0:
 * the year then has no bank holidays, whatever the rules say). Each date must be in YEAR;
 * a NULL or empty title reads "Bank holiday"; a day given twice keeps its last title. */
void
ca_holiday_calendar_set_year (CaHolidayCalendar *self,
                              GDateYear          year,
                              const CaHoliday   *holidays,
                              guint              n_holidays)
{
  GArray *table_year;

  g_return_if_fail (self != NULL);
  g_return_if_fail (g_date_valid_year (year));
  g_return_if_fail (holidays != NULL || n_holidays == 0);
  for (guint i = 0; i < n_holidays; i++)
    {
      g_return_if_fail (g_date_valid (&holidays[i].date));
      g_return_if_fail (g_date_get_year (&holidays[i].date) == year);
    }

  table_year = table_year_new ();
  for (guint i = 0; i < n_holidays; i++)
    table_year_insert (table_year, &holidays[i].date, holidays[i].title);
  g_hash_table_replace (self->table, GUINT_TO_POINTER ((guint) year), table_year);
}

/* Adds DATE to the table. From then on the table covers DATE's year, so a year's table must
 * be complete: the rules no longer count for it. */
void
ca_holiday_calendar_add_table_entry (CaHolidayCalendar *self,
                                     const GDate       *date,
                                     const char        *title)
{
  GDateYear year;
  GArray *table_year;

  g_return_if_fail (self != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  year = g_date_get_year (date);
  table_year = lookup_table_year (self, year);
  if (table_year == NULL)
    {
      table_year = table_year_new ();
      g_hash_table_insert (self->table, GUINT_TO_POINTER ((guint) year), table_year);
    }
  table_year_insert (table_year, date, title);
}

/* Forgets the table's dates for YEAR: it goes back to the rules. */
void
ca_holiday_calendar_clear_year (CaHolidayCalendar *self,
                                GDateYear          year)
{
  g_return_if_fail (self != NULL);

  g_hash_table_remove (self->table, GUINT_TO_POINTER ((guint) year));
}

gboolean
ca_holiday_calendar_has_table_year (const CaHolidayCalendar *self,
                                    GDateYear                year)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return lookup_table_year (self, year) != NULL;
}

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  return (int) *(const GDateYear *) a - (int) *(const GDateYear *) b;
}

/* The years the table covers, in order, as a GArray of GDateYear. */
GArray *
ca_holiday_calendar_get_table_years (const CaHolidayCalendar *self)
{
  GArray *years;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  years = g_array_sized_new (FALSE, FALSE, sizeof (GDateYear), g_hash_table_size (self->table));
  g_hash_table_iter_init (&iter, self->table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GDateYear year = (GDateYear) GPOINTER_TO_UINT (key);

      g_array_append_val (years, year);
    }
  g_array_sort (years, compare_years);
  return years;
}

/* The bank holidays of YEAR in date order, as a GArray of CaHoliday: the table's when it
 * covers the year, otherwise the rules'. */
GArray *
ca_holiday_calendar_list_year (const CaHolidayCalendar *self,
                               GDateYear                year)
{
  YearView view;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (g_date_valid_year (year), NULL);

  view_year (self, year, &view);
  return holidays_from_entries (view.entries, view.n_entries);
}

/* The title of the bank holiday on DATE, or NULL when DATE is not one. */
const char *
ca_holiday_calendar_lookup (const CaHolidayCalendar *self,
                            const GDate             *date)
{
  YearView view;
  guint32 julian;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  julian = g_date_get_julian (date);
  view_year (self, g_date_get_year (date), &view);
  for (guint i = 0; i < view.n_entries; i++)
    if (view.entries[i].julian == julian)
      return view.entries[i].title;
  return NULL;
}

gboolean
ca_holiday_calendar_is_holiday (const CaHolidayCalendar *self,
                                const GDate             *date)
{
  return ca_holiday_calendar_lookup (self, date) != NULL;
}

/* A working day is Monday to Friday and not a bank holiday (R-G1). */
gboolean
ca_holiday_calendar_is_working_day (const CaHolidayCalendar *self,
                                    const GDate             *date)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return !is_weekend (g_date_get_julian (date)) && !ca_holiday_calendar_is_holiday (self, date);
}

/* The regular holidays of YEAR by rule alone, whatever any table says, as a GArray of
 * CaHoliday in date order. */
GArray *
ca_holidays_by_rule (GDateYear year)
{
  Entry entries[RULE_MAX];
  guint n_entries;

  g_return_val_if_fail (g_date_valid_year (year), NULL);

  n_entries = compute_rule_year (year, entries);
  return holidays_from_entries (entries, n_entries);
}

/* Easter Sunday of YEAR in the Gregorian calendar, by the anonymous computus
 * (Meeus/Jones/Butcher). */
void
ca_easter_sunday (GDateYear  year,
                  GDate     *result)
{
  guint a, b, c, d, e, f, g, h, i, k, l, m, n;

  g_return_if_fail (g_date_valid_year (year));
  g_return_if_fail (result != NULL);

  a = year % 19;
  b = year / 100;
  c = year % 100;
  d = b / 4;
  e = b % 4;
  f = (b + 8) / 25;
  g = (b - f + 1) / 3;
  h = (19 * a + b - d - g + 15) % 30;
  i = c / 4;
  k = c % 4;
  /* The textbook (32 + 2e + 2i − h − k) mod 7, plus 210 (≡ 0 mod 7) to stay unsigned. */
  l = (32 + 2 * e + 2 * i + 210 - h - k) % 7;
  m = (a + 11 * h + 22 * l) / 451;
  n = h + l - 7 * m + 114;

  g_date_clear (result, 1);
  g_date_set_dmy (result, (GDateDay) (n % 31 + 1), (GDateMonth) (n / 31), year);
}

/* Sets RESULT to the day N working days after FROM: the Nth working day strictly after FROM,
 * so with N = 0 it is FROM itself, working day or not. RESULT may be FROM. */
void
ca_working_days_add (const CaHolidayCalendar *calendar,
                     const GDate             *from,
                     guint                    n,
                     GDate                   *result)
{
  YearView view;
  guint32 julian;

  g_return_if_fail (calendar != NULL);
  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (result != NULL);

  julian = g_date_get_julian (from);
  view_year (calendar, g_date_get_year (from), &view);

  while (n > 0)
    {
      julian++;
      if (julian > view.last)
        {
          if (view.year == G_MAXUINT16)
            {
              g_critical ("%s: the sum runs past the year %u", G_STRFUNC, G_MAXUINT16);
              g_date_clear (result, 1);
              return;
            }
          view_year (calendar, view.year + 1, &view);
        }
      if (!is_weekend (julian) && !entries_contain (view.entries, view.n_entries, julian))
        n--;
    }

  g_date_clear (result, 1);
  g_date_set_julian (result, julian);
}

/* The number of working days after FROM up to and including TO: 0 when TO is FROM, and
 * when TO is before FROM the same count the other way round, negated, so that
 * between (a, b) == -between (b, a) and between (d, add (d, n)) == n. */
int
ca_working_days_between (const CaHolidayCalendar *calendar,
                         const GDate             *from,
                         const GDate             *to)
{
  guint32 start, end;
  gint64 count;

  g_return_val_if_fail (calendar != NULL, 0);
  g_return_val_if_fail (from != NULL && g_date_valid (from), 0);
  g_return_val_if_fail (to != NULL && g_date_valid (to), 0);

  if (g_date_compare (to, from) < 0)
    return -ca_working_days_between (calendar, to, from);

  start = g_date_get_julian (from);
  end = g_date_get_julian (to);
  count = count_weekdays (end) - count_weekdays (start);

  /* Take off the bank holidays that fall on a weekday in between: the weekend ones were
   * never counted (a table may list one; the rules never do). */
  for (guint year = g_date_get_year (from); year <= g_date_get_year (to); year++)
    {
      YearView view;

      view_year (calendar, (GDateYear) year, &view);
      for (guint i = 0; i < view.n_entries; i++)
        {
          guint32 day = view.entries[i].julian;

          if (day > start && day <= end && !is_weekend (day))
            count--;
        }
    }

  return (int) count;
}
