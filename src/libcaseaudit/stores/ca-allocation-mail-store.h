// SPDX-License-Identifier: GPL-3.0-or-later
// R-D6: what the auditors' e-mails of a committed allocation run say, read from the database.
#pragma once

#include <gio/gio.h>

#include "ca-allocation-mail.h"
#include "ca-database.h"

G_BEGIN_DECLS

/* Everything the drafts of run RUN_ID say. Refuses a cancelled run or one with no audits. */
CaAllocationMailRun *ca_allocation_mail_store_load (CaDatabase  *database,
                                                    gint64       run_id,
                                                    GError     **error);

G_END_DECLS
