// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences, Moderation: the month's random share and due working day (R-H1), and each
// moderator's moderations a month (R-H2), saved a moment after each change.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_MODERATION_PAGE (ca_moderation_page_get_type ())

G_DECLARE_FINAL_TYPE (CaModerationPage, ca_moderation_page, CA, MODERATION_PAGE, AdwPreferencesPage)

void ca_moderation_page_set_context (CaModerationPage *self,
                                     CaContext        *context);
void ca_moderation_page_flush       (CaModerationPage *self);

G_END_DECLS
