// SPDX-License-Identifier: GPL-3.0-or-later
// Reads one case with its audits, actions and moderations (R-B3).
#pragma once

#include <gio/gio.h>

#include "ca-case.h"
#include "ca-database.h"

G_BEGIN_DECLS

CaCase  *ca_case_store_load          (CaDatabase          *database,
                                      gint64               case_id,
                                      GError             **error);
void     ca_case_store_load_async    (CaDatabase          *database,
                                      gint64               case_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
CaCase  *ca_case_store_load_finish   (GAsyncResult        *result,
                                      GError             **error);
gboolean ca_case_store_has_cases     (CaDatabase          *database,
                                      gboolean            *has_cases,
                                      GError             **error);

G_END_DECLS
