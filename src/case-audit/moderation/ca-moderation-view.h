// SPDX-License-Identifier: GPL-3.0-or-later
// The Moderation view (R-H1–R-H4): what waits for which moderator, and how far moderators
// agree with auditors.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_MODERATION_VIEW (ca_moderation_view_get_type ())

G_DECLARE_FINAL_TYPE (CaModerationView, ca_moderation_view, CA, MODERATION_VIEW, AdwBin)

/* The view works on CONTEXT's database; the changes heard from it keep both pages current. */
void ca_moderation_view_set_context (CaModerationView *self,
                                     CaContext        *context);

G_END_DECLS
