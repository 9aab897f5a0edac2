// SPDX-License-Identifier: GPL-3.0-or-later
// The Stage 2 moderation form (R-H3) as plain data: the moderator's grades against the auditor's,
// why they differ, the reflective discussion and its outcome; its merge paths and its rules.
#pragma once

#include <glib.h>

#include "ca-audit-rules.h"
#include "ca-grade.h"

G_BEGIN_DECLS

/* "Has the work made a difference for the child?" (seed 02, Stage 2). */
typedef enum
{
  CA_DIFFERENCE_NONE,
  CA_DIFFERENCE_YES,
  CA_DIFFERENCE_PARTLY,
  CA_DIFFERENCE_NOT_YET,
} CaDifference;

/* What the moderator writes. Fields are named by paths, as the audit's draft names them
 * (core/ca-audit-draft-merge.h), so that the autosave can merge two copies' saves:
 * "sections.<id>.grade", "sections.<id>.why", "overall_grade", "overall_why",
 * "discussion_date", "participants", "further_actions", "learning", "difference",
 * "difference_comment", and "actions.<key>" for each further action, one by one, so that
 * two copies adding an action each keep both (a row's value is ca_draft_action_print()'s).
 * further_actions is the free text older moderations recorded; new ones use the rows. */
typedef struct
{
  GHashTable   *grades;              /* section id → GINT_TO_POINTER (CaGrade) */
  GHashTable   *why;                 /* section id → why the grade differs (char *) */
  CaGrade       overall_grade;
  char         *overall_why;
  char         *discussion_date;     /* YYYY-MM-DD, or NULL */
  char         *participants;        /* staff ids, comma separated, in the order chosen */
  char         *further_actions;
  char         *learning;
  CaDifference  difference;
  char         *difference_comment;
  GPtrArray    *actions;             /* of CaDraftAction, each with its key, in the order shown */
} CaModerationForm;

/* A question of a section and the auditor's answer to it, in words ("Yes", "Not applicable
 * — reason", "Not answered"): what the moderator reads beside their own grade. */
typedef struct
{
  char *question_id;
  char *question;
  char *answer;
} CaModeratedAnswer;

/* A section of the audit as the auditor graded it: what the moderator grades against. */
typedef struct
{
  char      *id;
  char      *title;
  CaGrade    auditor_grade;
  char      *auditor_comments;
  GPtrArray *answers;           /* of CaModeratedAnswer, in the tool's order */
} CaModeratedSection;

CaModerationForm   *ca_moderation_form_new             (void);
CaModerationForm   *ca_moderation_form_copy            (const CaModerationForm  *form);
void                ca_moderation_form_free            (CaModerationForm        *form);

CaGrade             ca_moderation_form_get_grade       (const CaModerationForm  *form,
                                                        const char              *section_id);
void                ca_moderation_form_set_grade       (CaModerationForm        *form,
                                                        const char              *section_id,
                                                        CaGrade                  grade);
const char         *ca_moderation_form_get_why         (const CaModerationForm  *form,
                                                        const char              *section_id);
void                ca_moderation_form_set_why         (CaModerationForm        *form,
                                                        const char              *section_id,
                                                        const char              *why);

char               *ca_moderation_form_new_action_key  (void);
guint               ca_moderation_form_add_action      (CaModerationForm        *form,
                                                        const char              *key,
                                                        const char              *description,
                                                        gint64                   owner_id,
                                                        const char              *due_date,
                                                        const char              *impact);
int                 ca_moderation_form_find_action     (const CaModerationForm  *form,
                                                        const char              *key);

char               *ca_moderation_form_dup_field       (const CaModerationForm  *form,
                                                        const char              *where);
gboolean            ca_moderation_form_set_field       (CaModerationForm        *form,
                                                        const char              *where,
                                                        const char              *value);
GStrv               ca_moderation_form_diff            (const CaModerationForm  *a,
                                                        const CaModerationForm  *b);
CaModerationForm   *ca_moderation_form_merge           (const CaModerationForm  *base,
                                                        const CaModerationForm  *mine,
                                                        const CaModerationForm  *theirs,
                                                        GStrv                   *conflicts);

GPtrArray          *ca_moderation_form_check           (const CaModerationForm  *form,
                                                        GPtrArray               *sections,
                                                        CaGrade                  auditor_overall);

const char         *ca_difference_to_string            (CaDifference             difference);
CaDifference        ca_difference_from_string          (const char              *code);
const char         *ca_difference_get_label            (CaDifference             difference);

CaModeratedSection *ca_moderated_section_new           (const char              *id,
                                                        const char              *title,
                                                        CaGrade                  auditor_grade,
                                                        const char              *comments);
void                ca_moderated_section_add_answer    (CaModeratedSection      *section,
                                                        const char              *question_id,
                                                        const char              *question,
                                                        const char              *answer);
void                ca_moderated_section_free          (CaModeratedSection      *section);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaModerationForm, ca_moderation_form_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaModeratedSection, ca_moderated_section_free)

G_END_DECLS
