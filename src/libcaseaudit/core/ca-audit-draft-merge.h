// SPDX-License-Identifier: GPL-3.0-or-later
// A draft field by field: each field's value as text, and the three-way merge that lets two
// copies of Case Audit edit one draft without either losing what it typed (R-N2).
#pragma once

#include <glib.h>

#include "ca-audit-rules.h"
#include "ca-tool-definition.h"

G_BEGIN_DECLS

/* A draft is compared and merged field by field. A field is named by the paths that
 * CaRuleProblem uses, so the form can point at it:
 *   "audit_date", "period_start", "period_end", "joint_practitioner", "pen_picture",
 *   "overall_grade", "category", "done_well", "comments", "feedback_method",
 *   "feedback_date", "feedback_summary",
 *   "questions.QUESTION-ID" (the answer and its reason together),
 *   "sections.SECTION-ID.grade", "sections.SECTION-ID.comments",
 *   "actions" (the whole table: rows are matched by position, so two copies that each
 *              change the table are one conflict, not a silent mix of rows).
 * A field's value is text that ca_audit_draft_set_field() reads back exactly; NULL is no
 * value, and an empty text counts as none. */

char      *ca_audit_draft_dup_field   (const CaAuditDraft *draft,
                                       const char         *where);
gboolean   ca_audit_draft_set_field   (CaAuditDraft       *draft,
                                       const char         *where,
                                       const char         *value);

/* One action as text, exactly (the audit's "actions" field is a list of these), and back:
 * for a table merged row by row, as a moderator's further actions are. The key is not part
 * of the text; parse returns NULL for text that is not an action. */
char          *ca_draft_action_print  (const CaDraftAction *action);
CaDraftAction *ca_draft_action_parse  (const char          *value);

/* The fields in which A and B differ, as a NULL-terminated array of paths in a stable
 * order (the form's order for the fixed fields, then questions, sections, actions). */
GStrv      ca_audit_draft_diff        (const CaAuditDraft *a,
                                       const CaAuditDraft *b);

/* The three-way merge. BASE is what a copy last saw stored, MINE what it holds now, THEIRS
 * what is stored now. For each field: unchanged in MINE → THEIRS; changed in MINE only, or
 * both the same way → MINE; changed differently in both → a conflict: THEIRS stays in the
 * result and the path is added to CONFLICTS (NULL-terminated, never NULL itself). */
CaAuditDraft *ca_audit_draft_merge    (const CaAuditDraft *base,
                                       const CaAuditDraft *mine,
                                       const CaAuditDraft *theirs,
                                       GStrv              *conflicts);

/* In words, for a person choosing between two versions of a field, or reading a report: */

/* An answer as the PDF and the form's choices show it: "Yes", "Not applicable — reason",
 * a grade's name, a date in full, or "Not answered". */
char         *ca_answer_describe       (const CaToolQuestion   *question,
                                        const CaAnswer         *answer);
/* The field's name: "Pen picture of the child's journey", "Planning grade", the question's
 * own text. */
char         *ca_audit_draft_describe_field (const CaToolDefinition *definition,
                                             const char             *where);
/* VALUE of the field in words; STAFF_NAMES (gint64 * → name, nullable) names the joint
 * practitioner and the owners of actions. */
char         *ca_audit_draft_describe_value (const CaToolDefinition *definition,
                                             const char             *where,
                                             const char             *value,
                                             GHashTable             *staff_names);

G_END_DECLS
