// SPDX-License-Identifier: GPL-3.0-or-later
// The import window's first rows of a file, as a table.
#pragma once

#include <gtk/gtk.h>

#include "ca-import.h"

G_BEGIN_DECLS

char *ca_import_preview_table_column_title (CaImportPreview *preview,
                                            guint            column);
void  ca_import_preview_table_show         (GtkColumnView   *view,
                                            CaImportPreview *preview);

G_END_DECLS
