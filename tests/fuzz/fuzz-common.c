// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the fuzz harnesses: warnings made crashes, and the check that text is text.

#include "config.h"

#include "fuzz-common.h"

static void
log_handler (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    fuzz_fail ("%s: %s", domain != NULL ? domain : "", message);
}

/* A warning or a critical is a crash: input from a file must never reach one (the house
 * rule), and libFuzzer only notices what aborts. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_default_handler (log_handler, NULL);
  return 0;
}

/* What a reader hands on must be text: valid UTF-8, whatever the file held. */
void
fuzz_check_text (const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    fuzz_fail ("a reader accepted text that is not UTF-8");
}
