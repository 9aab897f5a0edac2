// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit action sign-off ACTION_ID --by ID [--on DATE]: one of an audit's actions, once
// done, signed off by the allocated worker's line manager (R-I2, seed 02), with the change
// history.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-action-store.h"
#include "ca-command-line-private.h"
#include "core/ca-date.h"

#define COMMAND "action sign-off"

int
ca_action_sign_off_command_run (const CaActionRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaActionProgress) progress = NULL;
  g_autofree char *shown = NULL;

  if (!ca_action_store_sign_off (request->database, request->action_id, request->by_ref,
                                 &request->on, &request->today, &error) ||
      (progress = ca_action_store_load (request->database, request->action_id, &request->today,
                                        &error)) == NULL)
    return ca_command_line_fail (COMMAND, CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);

  shown = ca_date_format_display (progress->signed_off_on);
  /* Translators: "Action 8500 (number 3 of the audit of CA-149960) signed off on 21 Oct
   * 2026 by Imran Shah (S00234), Zoe Walker’s line manager." */
  g_print (_("Action %" G_GINT64_FORMAT " (number %u of the audit of %s) signed off on %s by "
             "%s (%s), %s’s line manager.\n"),
           progress->id, progress->number, progress->case_ref, shown, progress->signed_off_by,
           progress->signed_off_by_ref, progress->worker);
  return 0;
}
