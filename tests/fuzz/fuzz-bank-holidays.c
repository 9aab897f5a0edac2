// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: ca_bank_holidays_parse() on any bytes; the titles it accepts are text.

#include "config.h"

#include "ca-bank-holidays.h"
#include "ca-text.h"
#include "fuzz-common.h"

/* The calendar interns the titles of a file it takes, by design (CaHoliday's title never
 * needs freeing), and GLib's table of interned strings grows 2,048 entries at a time,
 * leaving the old array behind on purpose (gquark.c: "This leaks the old quarks array").
 * After a few thousand new titles LeakSanitizer reported that as a leak of this harness.
 * Those arrays are allocated under ca_holiday_calendar_add_table_entry() or, the first, in
 * GLib's constructor: leaks there are not reported, and only the reader's own are. The
 * stacks are unwound in full, as GLib is built without frame pointers. */
const char *__asan_default_options (void);
const char *__lsan_default_suppressions (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions (void)
{
  return "leak:ca_holiday_calendar_add_table_entry\nleak:_dl_init\n";
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
