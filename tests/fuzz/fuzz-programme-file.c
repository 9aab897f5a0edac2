// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: ca_programme_file_parse() on any bytes; what it accepts is text.

#include "config.h"

#include "ca-programme-entry-private.h"
#include "ca-programme-event-private.h"
#include "ca-programme-file.h"
#include "fuzz-common.h"

static void
check_list (char **items)
{
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    fuzz_check_text (items[i]);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeFile) file = NULL;

  if (size > G_MAXSSIZE)
    return 0;
  /* The length is given, so the bytes need no zero byte at their end: none is added, and
   * AddressSanitizer catches a read past them. */
  file = ca_programme_file_parse (size > 0 ? (const char *) data : "", (gssize) size, &error);
  if (file == NULL)
    {
      if (error == NULL)
        fuzz_fail ("a refused programme file has no error");
      fuzz_check_text (error->message);
      return 0;
    }

  fuzz_check_text (file->title);
  for (guint i = 0; i < file->entries->len; i++)
    {
      CaProgrammeEntry *entry = file->entries->pdata[i];

      fuzz_check_text (entry->month);
      fuzz_check_text (entry->strand);
      fuzz_check_text (entry->focus);
      check_list (entry->questions);
      check_list (entry->training);
    }
  for (guint i = 0; i < file->events->len; i++)
    {
      CaProgrammeEvent *event = file->events->pdata[i];

      fuzz_check_text (event->title);
      fuzz_check_text (event->notes);
    }
  return 0;
}
