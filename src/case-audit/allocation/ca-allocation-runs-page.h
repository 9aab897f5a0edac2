// SPDX-License-Identifier: GPL-3.0-or-later
// The Allocation view's Runs page: the committed runs, each with its auditors' e-mails.
#pragma once

#include <adwaita.h>

#include "ca-database.h"

G_BEGIN_DECLS

#define CA_TYPE_ALLOCATION_RUNS_PAGE (ca_allocation_runs_page_get_type ())

G_DECLARE_FINAL_TYPE (CaAllocationRunsPage, ca_allocation_runs_page, CA, ALLOCATION_RUNS_PAGE,
                      GtkBox)

void ca_allocation_runs_page_set_database (CaAllocationRunsPage *self,
                                          CaDatabase           *database);
void ca_allocation_runs_page_reload       (CaAllocationRunsPage *self);

G_END_DECLS
