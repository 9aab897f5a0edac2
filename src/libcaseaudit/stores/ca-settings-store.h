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

/* The names of the deadline numbers, NULL-terminated, in the order preferences shows them:
 * "category1_hours", "category2_working_days", "category3_working_days",
 * "manager_response_working_days", "urgent_action_working_days", "action_days". */
const char * const *ca_settings_store_deadline_names (void);
guint    ca_settings_store_get_deadline         (const CaDeadlineRules  *rules,
                                                 const char             *name);
void     ca_settings_store_set_deadline         (CaDeadlineRules        *rules,
                                                 const char             *name,
                                                 guint                   value);

/* Stores the numbers RULES changed since BASE (the numbers as this copy last saw them
 * stored), so that two copies of Case Audit never write each other's numbers back (R-N2).
 * In one transaction, number by number (the rule of core/ca-merge.h): a number RULES left
 * as in BASE keeps what is stored, so another copy's change stays; a number RULES changed is
 * written, unless the stored one was changed too, differently: then the stored one stays and
 * the number's name is added to CONFLICTS (NULL-terminated, never NULL itself), for the
 * person to choose. STORED (nullable) gets every number as stored after the save. A number
 * no deadline could use writes nothing and says which. */
gboolean ca_settings_store_save_deadline_rules_since (CaDatabase             *db,
                                                      const CaDeadlineRules  *base,
                                                      const CaDeadlineRules  *rules,
                                                      CaDeadlineRules        *stored,
                                                      GStrv                  *conflicts,
                                                      GError                **error);

G_END_DECLS
