// SPDX-License-Identifier: GPL-3.0-or-later
// The columns a person chose by hand in the import window, per kind of file, kept in the settings.
#pragma once

#include <gio/gio.h>

#include "ca-import.h"

G_BEGIN_DECLS

#define CA_TYPE_IMPORT_COLUMN_CHOICES (ca_import_column_choices_get_type ())

G_DECLARE_FINAL_TYPE (CaImportColumnChoices, ca_import_column_choices, CA, IMPORT_COLUMN_CHOICES,
                      GObject)

CaImportColumnChoices *ca_import_column_choices_new  (void);
void                   ca_import_column_choices_load (CaImportColumnChoices *self,
                                                      GSettings             *settings);
void                   ca_import_column_choices_set  (CaImportColumnChoices *self,
                                                      CaImportKind           kind,
                                                      const char            *field,
                                                      const char            *column);
GHashTable            *ca_import_column_choices_get  (CaImportColumnChoices *self,
                                                      CaImportKind           kind);

G_END_DECLS
