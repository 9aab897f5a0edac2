// SPDX-License-Identifier: GPL-3.0-or-later
// R-F7: the e-mail that tells a case's Team Manager and Service Manager at once of a
// Category 1–2 audit, with the audit's PDF attached. Identifies the case by its reference only.
#pragma once

#include <gio/gio.h>

#include "ca-audit-draft-store.h"
#include "ca-mail-message.h"
#include "ca-notification-store.h"

G_BEGIN_DECLS

/* "Audit CA-000101.pdf": the attachment's name. */
char          *ca_audit_notification_get_pdf_name   (const char                 *case_ref);

char          *ca_audit_notification_get_subject    (const CaAuditForm          *form);

/* What Category 1 or 2 means for the child and the practitioner, in a sentence. */
const char    *ca_audit_notification_get_meaning    (int                         category);

/* The plain-text body: the category and its meaning, the deadline in England's time, the
 * case reference, team, auditor and allocated worker, and who could not be addressed. */
char          *ca_audit_notification_get_body       (const CaAuditForm          *form,
                                                     const CaNotificationStatus *status);

/* A sentence for the window naming who the e-mail cannot reach (no one recorded, or no
 * e-mail address), or NULL when both managers have an address. */
char          *ca_audit_notification_describe_gaps  (const CaNotificationStatus *status);

/* The message to the managers who have an e-mail address, with PDF (nullable) attached. */
CaMailMessage *ca_audit_notification_build          (const CaAuditForm          *form,
                                                     const CaNotificationStatus *status,
                                                     GBytes                     *pdf);

/* Loads audit AUDIT_ID and builds its message, with the PDF when WITH_PDF. Fails with
 * CA_NOTIFICATION_STORE_ERROR_NOT_NEEDED for an audit that needs no notification. */
CaMailMessage *ca_audit_notification_new_for_audit  (CaDatabase                 *database,
                                                     gint64                      audit_id,
                                                     gboolean                    with_pdf,
                                                     GError                    **error);

/* The same message as a mailto: link for the mail program (no PDF: a link cannot carry
 * one, so the body ends by naming the file to attach). */
char          *ca_audit_notification_get_mailto_uri (CaDatabase                 *database,
                                                     gint64                      audit_id,
                                                     GError                    **error);

G_END_DECLS
