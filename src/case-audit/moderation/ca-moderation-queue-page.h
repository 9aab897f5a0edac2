// SPDX-License-Identifier: GPL-3.0-or-later
// The Moderation view's Queue page (R-H2): the moderations waiting, for whom, by due date.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_MODERATION_QUEUE_PAGE (ca_moderation_queue_page_get_type ())

G_DECLARE_FINAL_TYPE (CaModerationQueuePage, ca_moderation_queue_page, CA, MODERATION_QUEUE_PAGE,
                      AdwBin)

void ca_moderation_queue_page_set_context (CaModerationQueuePage *self,
                                           CaContext             *context);
void ca_moderation_queue_page_reload      (CaModerationQueuePage *self);

G_END_DECLS
