// SPDX-License-Identifier: GPL-3.0-or-later
// The "case audit alert" (seed 02): the e-mail that tells the practice manager and the group
// manager a moderation is done, with the audit and its moderation attached as a PDF.
#pragma once

#include "ca-mail-message.h"
#include "ca-moderation-form-store.h"

G_BEGIN_DECLS

char          *ca_moderation_alert_get_subject (const CaModerationSheet  *sheet);
char          *ca_moderation_alert_get_body    (const CaModerationSheet  *sheet);
/* The message to the practice and group managers who have an e-mail address, with PDF
 * (nullable) attached. */
CaMailMessage *ca_moderation_alert_build       (const CaModerationSheet  *sheet,
                                                GBytes                   *pdf);
/* Loads moderation MODERATION_ID, submitted, and builds its alert with the audit's PDF. */
CaMailMessage *ca_moderation_alert_new         (CaDatabase               *database,
                                                gint64                    moderation_id,
                                                GError                  **error);

G_END_DECLS
