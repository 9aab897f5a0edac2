// SPDX-License-Identifier: GPL-3.0-or-later
// The Moderation view's Agreement page (R-H4): how far moderators agree with auditors.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_AGREEMENT_PAGE (ca_agreement_page_get_type ())

G_DECLARE_FINAL_TYPE (CaAgreementPage, ca_agreement_page, CA, AGREEMENT_PAGE, AdwBin)

void ca_agreement_page_set_context (CaAgreementPage *self,
                                    CaContext       *context);
void ca_agreement_page_reload      (CaAgreementPage *self);

G_END_DECLS
