// SPDX-License-Identifier: GPL-3.0-or-later
// One section of the audit form: its questions, comments, and grade with the rules' explanation.
#pragma once

#include <adwaita.h>

#include "ca-audit-draft-store.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_SECTION_GROUP (ca_audit_section_group_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditSectionGroup, ca_audit_section_group, CA, AUDIT_SECTION_GROUP,
                      AdwPreferencesGroup)

GtkWidget *ca_audit_section_group_new                (const CaToolSection *section,
                                                      CaAuditDraft        *draft);
void       ca_audit_section_group_update_explanation (CaAuditSectionGroup *self);
void       ca_audit_section_group_set_read_only      (CaAuditSectionGroup *self,
                                                      gboolean             read_only);
const char *ca_audit_section_group_find_path         (CaAuditSectionGroup *self,
                                                      GtkWidget           *widget);
GtkWidget *ca_audit_section_group_get_target         (CaAuditSectionGroup *self,
                                                      const char          *where);

G_END_DECLS
