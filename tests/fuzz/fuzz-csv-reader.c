// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: the CSV reader's public API on any bytes, record by record to the end.

#include "config.h"

#include "ca-csv-reader.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(CaCsvReader) reader = NULL;
  guint line = 0;

  /* The bytes are not copied, and no zero byte follows them. */
  stream = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
  reader = ca_csv_reader_new (stream);
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) record = ca_csv_reader_read_record (reader, NULL, &error);

      if (record == NULL)
        {
          if (error != NULL)
            fuzz_check_text (error->message);
          break;
        }
      /* Every field handed on is UTF-8 text, and lines only go forward. */
      for (guint i = 0; record[i] != NULL; i++)
        fuzz_check_text (record[i]);
      if (ca_csv_reader_get_line (reader) < line)
        fuzz_fail ("the CSV reader's line went back");
      line = ca_csv_reader_get_line (reader);
    }
  return 0;
}
