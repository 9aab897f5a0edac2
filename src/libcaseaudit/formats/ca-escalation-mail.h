// SPDX-License-Identifier: GPL-3.0-or-later
// The e-mail that tells a Head of Service of an audit escalated to them (R-I1): its
// recommendations were not checked by their deadline.
#pragma once

#include "ca-mail-message.h"
#include "ca-tracker-store.h"

G_BEGIN_DECLS

char          *ca_escalation_mail_get_subject (const CaEscalation *escalation);
char          *ca_escalation_mail_get_body    (const CaEscalation *escalation);
/* The message to the Head of Service, addressed when they have an e-mail address. */
CaMailMessage *ca_escalation_mail_build       (const CaEscalation *escalation);

G_END_DECLS
