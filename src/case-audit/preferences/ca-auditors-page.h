// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences, Auditors: each role's audits a month (R-A3), saved a moment after each change.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDITORS_PAGE (ca_auditors_page_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditorsPage, ca_auditors_page, CA, AUDITORS_PAGE, AdwPreferencesPage)

void ca_auditors_page_set_context (CaAuditorsPage *self,
                                   CaContext       *context);

void  ca_auditors_page_flush        (CaAuditorsPage *self);
char *ca_auditors_page_number_title (CaAuditorsPage *self,
                                     const char     *code);
gboolean ca_auditors_page_describe_choice (CaAuditorsPage  *self,
                                           const char      *code,
                                           int              other,
                                           char           **field,
                                           char           **this_text,
                                           char           **other_text);
void  ca_auditors_page_resolve      (CaAuditorsPage *self,
                                     const char     *code,
                                     int             other,
                                     gboolean        keep_this);

G_END_DECLS
