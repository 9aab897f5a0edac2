// SPDX-License-Identifier: GPL-3.0-or-later
// The deadline numbers a team has changed in preferences (R-F8), over Case Audit's defaults.
#pragma once

#include <glib.h>

#include "ca-database.h"
#include "core/ca-deadlines.h"

G_BEGIN_DECLS

#define CA_SETTINGS_STORE_ERROR (ca_settings_store_error_quark ())

typedef enum
{
  CA_SETTINGS_STORE_ERROR_INVALID,  /* a number no deadline could use */
} CaSettingsStoreError;

GQuark   ca_settings_store_error_quark        (void);
gboolean ca_settings_store_check_deadline_rules (const CaDeadlineRules  *rules,
                                                 GError                **error);
gboolean ca_settings_store_load_deadline_rules  (CaDatabase             *db,
                                                 CaDeadlineRules        *rules,
                                                 GError                **error);
gboolean ca_settings_store_save_deadline_rules  (CaDatabase             *db,
                                                 const CaDeadlineRules  *rules,
                                                 GError                **error);

G_END_DECLS
