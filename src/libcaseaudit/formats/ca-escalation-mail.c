// SPDX-License-Identifier: GPL-3.0-or-later
// The e-mail that tells a Head of Service of an audit escalated to them (R-I1; seed 01:
// categories "escalated to the Head of Service" at 48 hours, 10 or 20 working days). Case
// Audit never sends mail: it prepares the draft for the sender's own mail program, and names
// the case by its reference only.

#define G_LOG_DOMAIN "ca-escalation-mail"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-escalation-mail.h"
#include "core/ca-deadlines.h"

/* A stored UTC moment as England reads it: "21 Oct 2026, 17:00". */
static char *
format_moment (const char *timestamp)
{
  g_autoptr(GDateTime) utc = timestamp != NULL ? g_date_time_new_from_iso8601 (timestamp, NULL)
                                               : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (_("not recorded"));
  local = g_date_time_to_timezone (utc, ca_deadline_get_time_zone ());
  return g_date_time_format (local, "%-d %b %Y, %H:%M");
}

char *
ca_escalation_mail_get_subject (const CaEscalation *escalation)
{
  g_return_val_if_fail (escalation != NULL, NULL);

  /* Translators: the e-mail's subject: "Escalated: Category 2 audit CA-000101, recommendations
   * not checked in time" */
  return g_strdup_printf (_("Escalated: Category %d audit %s, recommendations not checked in "
                            "time"), escalation->category, escalation->case_ref);
}

char *
ca_escalation_mail_get_body (const CaEscalation *escalation)
{
  g_autofree char *deadline = NULL;
  g_autofree char *escalated = NULL;

  g_return_val_if_fail (escalation != NULL, NULL);

  deadline = format_moment (escalation->deadline);
  escalated = format_moment (escalation->escalated_at);
  return g_strdup_printf (_("The recommendations of the Category %d audit of case %s were not "
                            "checked by their deadline, %s, and the audit was escalated to you "
                            "on %s.\n\n%s\n\nPlease make sure the recommendations are checked "
                            "and recorded in Case Audit (the Tracker view, Recommendations "
                            "Checked…), so that the child's plan is followed without drift or "
                            "delay.\n"),
                          escalation->category, escalation->case_ref, deadline, escalated,
                          escalation->reason != NULL ? escalation->reason : "");
}

CaMailMessage *
ca_escalation_mail_build (const CaEscalation *escalation)
{
  g_autoptr(CaMailMessage) message = ca_mail_message_new ();
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (escalation != NULL, NULL);

  if (escalation->head_email != NULL && *escalation->head_email != '\0')
    ca_mail_message_add_to (message, escalation->head_name, escalation->head_email);
  subject = ca_escalation_mail_get_subject (escalation);
  body = ca_escalation_mail_get_body (escalation);
  ca_mail_message_set_subject (message, subject);
  ca_mail_message_set_body (message, body);
  return g_steal_pointer (&message);
}
