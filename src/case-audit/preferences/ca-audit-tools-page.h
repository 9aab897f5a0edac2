// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences, Audit Tools: the tools in use (R-E3), to export or import.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_TOOLS_PAGE (ca_audit_tools_page_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditToolsPage, ca_audit_tools_page, CA, AUDIT_TOOLS_PAGE, AdwPreferencesPage)

void ca_audit_tools_page_set_context (CaAuditToolsPage *self,
                                      CaContext         *context);

G_END_DECLS
