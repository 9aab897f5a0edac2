// SPDX-License-Identifier: GPL-3.0-or-later
// One row of an allocation preview: a sampled case with its auditor, or one left unplaced.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CA_TYPE_ALLOCATION_ITEM (ca_allocation_item_get_type ())

G_DECLARE_FINAL_TYPE (CaAllocationItem, ca_allocation_item, CA, ALLOCATION_ITEM, GObject)

/* AUDITOR is NULL for a case that could not be placed; REASON says why it was picked and
 * why this auditor, or what blocked it. */
CaAllocationItem *ca_allocation_item_new          (const char       *case_ref,
                                                   const char       *stratum,
                                                   const char       *auditor,
                                                   const char       *reason,
                                                   gboolean          access_request);
const char       *ca_allocation_item_get_case_ref (CaAllocationItem *self);
const char       *ca_allocation_item_get_auditor  (CaAllocationItem *self);
const char       *ca_allocation_item_get_reason   (CaAllocationItem *self);

G_END_DECLS
