// SPDX-License-Identifier: GPL-3.0-or-later
// The audit form's actions (R-F5): what must be done for the child, by whom and by when.
#pragma once

#include <adwaita.h>

#include "ca-audit-draft-store.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_ACTIONS_GROUP (ca_audit_actions_group_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditActionsGroup, ca_audit_actions_group, CA, AUDIT_ACTIONS_GROUP,
                      AdwPreferencesGroup)

GtkWidget *ca_audit_actions_group_new           (void);
void       ca_audit_actions_group_set_draft     (CaAuditActionsGroup *self,
                                                 CaAuditDraft        *draft,
                                                 GPtrArray           *owners);
void       ca_audit_actions_group_set_actions   (CaAuditActionsGroup *self,
                                                 GPtrArray           *actions,
                                                 GPtrArray           *owners);
void       ca_audit_actions_group_set_read_only (CaAuditActionsGroup *self,
                                                 gboolean             read_only);
GtkWidget *ca_audit_actions_group_get_target    (CaAuditActionsGroup *self,
                                                 const char          *where);
const char *ca_audit_actions_group_find_path    (CaAuditActionsGroup *self,
                                                 GtkWidget           *widget);
void       ca_audit_actions_group_set_deadlines (CaAuditActionsGroup *self,
                                                 CaHolidayCalendar   *calendar,
                                                 const CaDeadlineRules *rules);
void       ca_audit_actions_group_explain_deadlines (CaAuditActionsGroup *self);

G_END_DECLS
