// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit action done ACTION_ID --by ID [--on DATE] --evidence TEXT: one of an audit's
// actions marked done (R-I2, seed 02), with the change history.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-action-store.h"
#include "ca-command-line-private.h"
#include "core/ca-date.h"

#define COMMAND "action done"

int
ca_action_done_command_run (const CaActionRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaActionProgress) progress = NULL;
  g_autofree char *shown = NULL;

  if (!ca_action_store_mark_done (request->database, request->action_id, request->by_ref,
                                  &request->on, request->evidence, &request->today, &error) ||
      (progress = ca_action_store_load (request->database, request->action_id, &request->today,
                                        &error)) == NULL)
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);

  shown = ca_date_format_display (progress->completed_on);
  /* Translators: "Action 8500 (number 3 of the audit of CA-149960) marked done on 20 Oct
   * 2026 by Isla Jackson (S00123)." */
  g_print (_("Action %" G_GINT64_FORMAT " (number %u of the audit of %s) marked done on %s "
             "by %s (%s).\n"),
           progress->id, progress->number, progress->case_ref, shown, progress->completed_by,
           progress->completed_by_ref);
  if (progress->line_manager != NULL)
    /* Translators: "Imran Shah (S00234), Zoe Walker’s line manager, signs it off." */
    g_print (_("%s (%s), %s’s line manager, signs it off.\n"), progress->line_manager,
             progress->line_manager_ref, progress->worker);
  return 0;
}
