// SPDX-License-Identifier: GPL-3.0-or-later
// The manager's response to a submitted audit (R-F9): a part of the audit editor that stays
// open once the rest of the form is read-only.
#pragma once

#include <adwaita.h>

#include "ca-database.h"

G_BEGIN_DECLS

#define CA_TYPE_MANAGER_RESPONSE_GROUP (ca_manager_response_group_get_type ())

G_DECLARE_FINAL_TYPE (CaManagerResponseGroup, ca_manager_response_group, CA,
                      MANAGER_RESPONSE_GROUP, GtkWidget)

GtkWidget *ca_manager_response_group_new  (void);
gboolean   ca_manager_response_group_load (CaManagerResponseGroup *self,
                                           CaDatabase             *database,
                                           gint64                  audit_id,
                                           GError                **error);

G_END_DECLS
