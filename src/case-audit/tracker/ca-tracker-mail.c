// SPDX-License-Identifier: GPL-3.0-or-later
// The Tracker's e-mail to the Head of Service an audit was escalated to (R-I1): "an e-mail
// draft to that Head of Service is offered". The file chooser asks where; the escalation is
// read and the .eml written (mode 0600) on the database's worker (ca_mail_draft_save()).

#define G_LOG_DOMAIN "ca-tracker-mail"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-escalation-mail.h"
#include "ca-mail-draft.h"
#include "ca-tracker-mail.h"

/* On the worker. */
static CaMailMessage *
build_escalation_mail (CaDatabase  *connection,
                       gint64       audit_id,
                       GError     **error)
{
  CaEscalation *escalation = ca_tracker_store_load_escalation (connection, audit_id, error);
  CaMailMessage *message;

  if (escalation == NULL)
    return NULL;
  message = ca_escalation_mail_build (escalation);
  ca_escalation_free (escalation);
  return message;
}

/**
 * ca_tracker_mail_escalation:
 * @owner: the view the write belongs to, and where its toast shows
 *
 * Asks where to save the e-mail to the Head of Service audit @audit_id was escalated to,
 * then writes it.
 */
void
ca_tracker_mail_escalation (GtkWidget  *owner,
                            CaContext  *context,
                            gint64      audit_id,
                            const char *case_ref)
{
  g_autofree char *name = NULL;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (CA_IS_CONTEXT (context));

  /* Translators: the suggested file name of the e-mail, with the case reference */
  name = g_strdup_printf (_("Escalation of %s.eml"), case_ref);
  ca_mail_draft_save (owner, owner, ca_context_get_database (context), name,
                      build_escalation_mail, audit_id, NULL);
}
