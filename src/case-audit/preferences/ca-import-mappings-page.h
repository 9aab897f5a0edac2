// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences, Import Mappings: the values of import files a user mapped, to see, change or forget.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_IMPORT_MAPPINGS_PAGE (ca_import_mappings_page_get_type ())

G_DECLARE_FINAL_TYPE (CaImportMappingsPage, ca_import_mappings_page, CA, IMPORT_MAPPINGS_PAGE,
                      AdwPreferencesPage)

void ca_import_mappings_page_set_context (CaImportMappingsPage *self,
                                          CaContext             *context);
void ca_import_mappings_page_reload       (CaImportMappingsPage *self);

G_END_DECLS
