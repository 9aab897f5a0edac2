// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: ca_allocation_settings_from_json(), which reads allocation_run.settings
// back from a database file that may have come from anyone; what it reads writes back alike.

#include "config.h"

#include "ca-allocation-store.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAllocationSettings) settings = NULL;
  g_autoptr(CaAllocationSettings) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  /* The column is text: the reader takes a string that ends with a zero byte. */
  g_autofree char *text = g_strndup (size > 0 ? (const char *) data : "", size);

  settings = ca_allocation_settings_from_json (text, &error);
  if (settings == NULL)
    {
      if (error == NULL)
        fuzz_fail ("refused settings have no error");
      return 0;
    }

  json = ca_allocation_settings_to_json (settings);
  fuzz_check_text (json);
  again = ca_allocation_settings_from_json (json, &error);
  if (again == NULL)
    fuzz_fail ("settings read back do not read again: %s", error->message);
  json_again = ca_allocation_settings_to_json (again);
  if (g_strcmp0 (json, json_again) != 0)
    fuzz_fail ("settings read back differ:\n%s\n%s", json, json_again);
  return 0;
}
