// SPDX-License-Identifier: GPL-3.0-or-later
// Stage 2 moderation (R-H1–R-H4) as the database holds it: the only place with its SQL.
#pragma once

#include <glib.h>

#include "ca-database.h"
#include "core/ca-agreement.h"

G_BEGIN_DECLS

GPtrArray *ca_moderation_store_list_agreement_pairs (CaDatabase   *database,
                                                     const char   *from_month,
                                                     const char   *to_month,
                                                     GError      **error);

G_END_DECLS
