// SPDX-License-Identifier: GPL-3.0-or-later
// CaQuotaProgress's constructor, for the store that fills it.
#pragma once

#include "ca-quota-progress.h"

G_BEGIN_DECLS

CaQuotaProgress *ca_quota_progress_new (gint64      staff_id,
                                        const char *staff_ref,
                                        const char *name,
                                        const char *role,
                                        const char *team,
                                        guint       quota,
                                        guint       target,
                                        guint       allocated,
                                        guint       completed);

/* -1 for no number: the role's (none: its people do not audit) and the person's own. */
void ca_quota_progress_set_capacity (CaQuotaProgress *self,
                                     gint             role_capacity,
                                     gint             own_capacity);

G_END_DECLS
