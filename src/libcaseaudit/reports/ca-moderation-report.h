// SPDX-License-Identifier: GPL-3.0-or-later
// A submitted Stage 2 moderation (R-H3) as a section of a council document: the audit's PDF
// includes it once there is one, and the case audit alert carries it.
#pragma once

#include "ca-document.h"
#include "ca-moderation-form-store.h"

G_BEGIN_DECLS

void  ca_moderation_report_add            (CaDocument              *document,
                                          const CaModerationSheet *sheet);
char *ca_moderation_report_describe_owner (const CaModerationSheet *sheet,
                                          gint64                   owner_id);
char *ca_moderation_report_describe_action (const CaModerationSheet *sheet,
                                           const CaDraftAction     *action);

G_END_DECLS
