// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: ca_bank_holidays_parse() on any bytes; the titles it accepts are text.

#include "config.h"

#include "ca-bank-holidays.h"
#include "ca-text.h"
#include "fuzz-common.h"

/* The calendar interns the titles of a file it takes, by design (CaHoliday's title never
 * needs freeing), and GLib's table of interned strings grows 2,048 at a time, leaving the
 * old array behind on purpose (gquark.c: "This leaks the old quarks array"). After a few
 * thousand new titles LeakSanitizer reported that as a leak of this harness. The table is
 * made large enough here, before the first input, for hours of new titles, so that only a
 * leak of the reader's own is reported. */
void
fuzz_harness_init (void)
{
  for (guint i = 0; i < 65536; i++)
    {
      char name[32];

      g_snprintf (name, sizeof name, "fuzz-presize-%u", i);
      g_intern_string (name);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(GArray) years = NULL;

  if (size > G_MAXSSIZE)
    return 0;
  calendar = ca_bank_holidays_parse (size > 0 ? (const char *) data : "", (gssize) size,
                                     &error);
  if (calendar == NULL)
    {
      if (error == NULL || error->domain != CA_BANK_HOLIDAYS_ERROR)
        fuzz_fail ("a refused bank-holidays file has no bank-holidays error");
      fuzz_check_text (error->message);
      return 0;
    }

  years = ca_holiday_calendar_get_table_years (calendar);
  for (guint i = 0; i < years->len; i++)
    {
      g_autoptr(GArray) days = ca_holiday_calendar_list_year (calendar,
                                                              g_array_index (years, GDateYear, i));

      for (guint j = 0; j < days->len; j++)
        {
          const char *title = g_array_index (days, CaHoliday, j).title;

          fuzz_check_text (title);
          if (title != NULL && g_utf8_strlen (title, -1) > CA_TEXT_MAX_NAME)
            fuzz_fail ("a bank holiday's title is longer than a title may be");
        }
    }
  return 0;
}
