// SPDX-License-Identifier: GPL-3.0-or-later
// Sorts the audits list by one column, with the order the model layer defines.
#pragma once

#include <gtk/gtk.h>

#include "ca-audit.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_SORTER (ca_audit_sorter_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditSorter, ca_audit_sorter, CA, AUDIT_SORTER, GtkSorter)

gboolean ca_audit_sorter_get_primary (GtkSorter    *column_view_sorter,
                                      CaAuditField *field,
                                      gboolean     *descending);

G_END_DECLS
