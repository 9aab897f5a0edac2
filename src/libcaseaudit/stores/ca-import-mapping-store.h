// SPDX-License-Identifier: GPL-3.0-or-later
// Remembered import value mappings: what a value of a file stands for, per kind of import.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "ca-import.h"

G_BEGIN_DECLS

/* One remembered mapping: VALUE (as first written in a file) of FIELD in a KIND of import
 * stands for CODE. */
typedef struct
{
  CaImportKind  kind;
  char         *field;
  char         *value;
  char         *value_key;
  char         *code;
  char         *updated_at;
} CaImportRememberedValue;

void       ca_import_remembered_value_free (CaImportRememberedValue  *value);

GPtrArray *ca_import_mapping_store_list    (CaDatabase               *database,
                                            int                       kind,
                                            GError                  **error);
gboolean   ca_import_mapping_store_save    (CaDatabase               *database,
                                            CaImportKind              kind,
                                            const char               *field,
                                            const char               *value,
                                            const char               *code,
                                            GError                  **error);
gboolean   ca_import_mapping_store_remove  (CaDatabase               *database,
                                            CaImportKind              kind,
                                            const char               *field,
                                            const char               *value_key,
                                            GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaImportRememberedValue, ca_import_remembered_value_free)

G_END_DECLS
