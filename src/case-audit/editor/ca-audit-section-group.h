// SPDX-License-Identifier: GPL-3.0-or-later
// One section of the audit form: its questions, comments, and grade with the rules' explanation.
#pragma once

#include <adwaita.h>

#include "core/ca-audit-rules.h"
#include "core/ca-tool-definition.h"

G_BEGIN_DECLS

/* What a section group shows and changes, for one section of the tool: a table of functions
 * over the form's VALUES. The audit's draft is the first (ca_audit_section_group_new()); a
 * second form (the moderation) gives its own table and values to
 * ca_audit_section_group_new_for_model(), and gets the same rows, paths and explanations. */
typedef struct
{
  const CaAnswer *(*get_answer)    (gconstpointer         values,
                                    const char           *question_id);
  void            (*set_answer)    (gpointer              values,
                                    const char           *question_id,
                                    const char           *value,
                                    const char           *reason);
  const char     *(*get_comments)  (gconstpointer         values,
                                    const char           *section_id);
  void            (*set_comments)  (gpointer              values,
                                    const char           *section_id,
                                    const char           *comments);
  CaGrade         (*get_grade)     (gconstpointer         values,
                                    const char           *section_id);
  void            (*set_grade)     (gpointer              values,
                                    const char           *section_id,
                                    CaGrade               grade);
  /* The rules for the section's grade (core/ca-audit-rules.h). */
  CaGrade         (*best_grade)    (const CaToolSection  *section,
                                    gconstpointer         values,
                                    char                **reason);
  gboolean        (*grade_allowed) (const CaToolSection  *section,
                                    gconstpointer         values,
                                    CaGrade               grade,
                                    char                **why_not);
} CaSectionModel;

#define CA_TYPE_AUDIT_SECTION_GROUP (ca_audit_section_group_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditSectionGroup, ca_audit_section_group, CA, AUDIT_SECTION_GROUP,
                      AdwPreferencesGroup)

GtkWidget *ca_audit_section_group_new                (const CaToolSection *section,
                                                      CaAuditDraft        *draft);
GtkWidget *ca_audit_section_group_new_for_model      (const CaToolSection  *section,
                                                      const CaSectionModel *model,
                                                      gpointer              values);
void       ca_audit_section_group_update_explanation (CaAuditSectionGroup *self);
void       ca_audit_section_group_set_read_only      (CaAuditSectionGroup *self,
                                                      gboolean             read_only);
const char *ca_audit_section_group_find_path         (CaAuditSectionGroup *self,
                                                      GtkWidget           *widget);
GtkWidget *ca_audit_section_group_get_target         (CaAuditSectionGroup *self,
                                                      const char          *where);

G_END_DECLS
