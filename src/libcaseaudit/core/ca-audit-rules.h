// SPDX-License-Identifier: GPL-3.0-or-later
// The grading and submission rules of a Stage 1 audit (R-F3, R-F4, R-F5, R-F7), each with an
// explanation the form can show; the draft in ca-draft-rules.c, the rules in
// ca-grading-rules.c and ca-submission-rules.c.
#pragma once

#include <glib.h>

#include "ca-deadlines.h"
#include "ca-grade.h"
#include "ca-tool-definition.h"

G_BEGIN_DECLS

/* The stored answers to a yes-no-na question. Matched exactly: "Yes" is not an answer. */
#define CA_ANSWER_VALUE_YES "yes"
#define CA_ANSWER_VALUE_NO  "no"
#define CA_ANSWER_VALUE_NA  "na"

/* One answer. VALUE is by the question's type: CA_ANSWER_VALUE_YES, _NO or _NA; a grade
 * code ("good", see ca_grade_to_string); free text; or an ISO date ("2024-03-15"). A grade or
 * date question that allows NA may also be answered CA_ANSWER_VALUE_NA; for a text question
 * "na" is just text. REASON is why NA was chosen (nullable). A NULL or empty VALUE is no
 * answer at all. */
typedef struct
{
  char *value;
  char *reason;
} CaAnswer;

/* One row of the actions table (R-F5). Called a draft action so as not to be confused with
 * the stored CaAction. */
typedef struct
{
  char   *description;
  gint64  owner_id;   /* the staff member who owns it; 0 while nobody is named */
  char   *due_date;   /* ISO date; nullable */
  char   *impact;     /* the impact expected for the child; nullable */
  gboolean safeguarding; /* meets a safeguarding concern: on an Inadequate audit it must be
                          * due within the urgent limit of R-F8 */
  char   *key;        /* a moderator's further action (R-H3): the row's key, by which two
                       * copies' rows are merged one by one; NULL in the audit's own table,
                       * which is merged whole, by position */
} CaDraftAction;

/* An audit being filled in, as plain data for the rules to judge. Read the fields directly;
 * change them through the setters, which copy what they are given. Strings are nullable:
 * the rules treat NULL, empty and all-white-space text alike, as missing. */
typedef struct
{
  GHashTable *answers;          /* question id → CaAnswer */
  GHashTable *section_grades;   /* section id → GINT_TO_POINTER (CaGrade); absent: not graded */
  GHashTable *section_comments; /* section id → char * */
  char       *pen_picture;
  char       *audit_date;       /* ISO dates */
  char       *period_start;
  char       *period_end;
  gint64      joint_practitioner_id; /* 0: not done jointly, or not said */
  CaGrade     overall_grade;
  int         category;         /* 1–4, or CA_CATEGORY_NONE */
  char       *done_well;
  char       *comments;
  GPtrArray  *actions;          /* of CaDraftAction, in the order of the table */
  /* R-F11, all optional: how the child or family gave feedback (a CA_FEEDBACK_METHOD_ code),
   * when (ISO date) and what they said. */
  char       *feedback_method;
  char       *feedback_date;
  char       *feedback_summary;
} CaAuditDraft;

/* How feedback from the child or family was given (R-F11): the stable codes stored. */
#define CA_FEEDBACK_METHOD_FACE_TO_FACE "face-to-face"
#define CA_FEEDBACK_METHOD_TELEPHONE    "telephone"
#define CA_FEEDBACK_METHOD_VIDEO_CALL   "video-call"
#define CA_FEEDBACK_METHOD_WRITTEN      "written"
#define CA_FEEDBACK_METHOD_OTHER        "other"

/* Something that stops an audit being submitted. WHERE is a stable path to the field the
 * form should point at; MESSAGE says what is wrong, in words for the auditor. The paths:
 *   "audit_date", "period_start", "period_end", "pen_picture",
 *   "questions.QUESTION-ID" (the question id already names its section:
 *                            "questions.assessment.child-seen"),
 *   "sections.SECTION-ID.grade", "overall_grade", "category", "done_well",
 *   "actions[N].description", "actions[N].owner", "actions[N].due_date",
 *   "actions[N].impact"  (N counts from 0; the message counts from 1),
 *   "feedback_method", "feedback_date", "feedback_summary". */
typedef struct
{
  char *where;
  char *message;
} CaRuleProblem;

CaAnswer            *ca_answer_new                         (const char             *value,
                                                            const char             *reason);
CaAnswer            *ca_answer_copy                        (const CaAnswer         *answer);
void                 ca_answer_free                        (CaAnswer               *answer);

CaDraftAction       *ca_draft_action_new                   (const char             *description,
                                                            gint64                  owner_id,
                                                            const char             *due_date,
                                                            const char             *impact);
CaDraftAction       *ca_draft_action_copy                  (const CaDraftAction    *action);
void                 ca_draft_action_free                  (CaDraftAction          *action);

CaAuditDraft        *ca_audit_draft_new                    (void);
CaAuditDraft        *ca_audit_draft_copy                   (const CaAuditDraft     *draft);
void                 ca_audit_draft_free                   (CaAuditDraft           *draft);

void                 ca_audit_draft_set_answer             (CaAuditDraft           *draft,
                                                            const char             *question_id,
                                                            const char             *value,
                                                            const char             *reason);
const CaAnswer      *ca_audit_draft_get_answer             (const CaAuditDraft     *draft,
                                                            const char             *question_id);
void                 ca_audit_draft_set_section_grade      (CaAuditDraft           *draft,
                                                            const char             *section_id,
                                                            CaGrade                 grade);
CaGrade              ca_audit_draft_get_section_grade      (const CaAuditDraft     *draft,
                                                            const char             *section_id);
void                 ca_audit_draft_set_section_comments   (CaAuditDraft           *draft,
                                                            const char             *section_id,
                                                            const char             *comments);
const char          *ca_audit_draft_get_section_comments   (const CaAuditDraft     *draft,
                                                            const char             *section_id);
void                 ca_audit_draft_set_pen_picture        (CaAuditDraft           *draft,
                                                            const char             *text);
void                 ca_audit_draft_set_audit_date         (CaAuditDraft           *draft,
                                                            const char             *iso_date);
void                 ca_audit_draft_set_period             (CaAuditDraft           *draft,
                                                            const char             *iso_start,
                                                            const char             *iso_end);
void                 ca_audit_draft_set_joint_practitioner (CaAuditDraft           *draft,
                                                            gint64                  staff_id);
void                 ca_audit_draft_set_overall_grade      (CaAuditDraft           *draft,
                                                            CaGrade                 grade);
void                 ca_audit_draft_set_category           (CaAuditDraft           *draft,
                                                            int                     category);
void                 ca_audit_draft_set_done_well          (CaAuditDraft           *draft,
                                                            const char             *text);
void                 ca_audit_draft_set_comments           (CaAuditDraft           *draft,
                                                            const char             *text);
void                 ca_audit_draft_set_feedback           (CaAuditDraft           *draft,
                                                            const char             *method,
                                                            const char             *iso_date,
                                                            const char             *summary);

const char * const  *ca_feedback_method_list               (void);
const char          *ca_feedback_method_get_label          (const char             *method);
guint                ca_audit_draft_add_action             (CaAuditDraft           *draft,
                                                            const char             *description,
                                                            gint64                  owner_id,
                                                            const char             *due_date,
                                                            const char             *impact);
void                 ca_audit_draft_remove_action          (CaAuditDraft           *draft,
                                                            guint                   index);
void                 ca_audit_draft_set_action_safeguarding (CaAuditDraft          *draft,
                                                            guint                   index,
                                                            gboolean                safeguarding);
guint                ca_audit_draft_get_n_actions          (const CaAuditDraft     *draft);
const CaDraftAction *ca_audit_draft_get_action             (const CaAuditDraft     *draft,
                                                            guint                   index);

CaRuleProblem       *ca_rule_problem_new                   (const char             *where,
                                                            const char             *message);
/* Helpers the rule modules share: whether TEXT is nothing written (NULL, empty or white
 * space), TEXT quoted back in a message, cut to 40 characters, and a section's name in a
 * message. */
gboolean             ca_rule_text_is_blank                 (const char             *text);
char                *ca_rule_quote                         (const char             *text);
const char          *ca_rule_section_label                 (const CaToolSection    *section);
void                 ca_rule_problem_free                  (CaRuleProblem          *problem);

/* The rules. Every REASON is an out parameter that may be NULL: when given, it is set to a
 * newly allocated explanation when the verdict is a refusal or a cap, and to NULL
 * otherwise. */

gboolean             ca_audit_rules_answer_valid           (const CaToolQuestion   *question,
                                                            const CaAnswer         *answer,
                                                            char                  **reason);
gboolean             ca_audit_rules_judgement_met          (const CaToolQuestion   *question,
                                                            const CaAnswer         *answer,
                                                            char                  **reason);

CaGrade              ca_audit_rules_best_allowed_section_grade (const CaToolSection    *section,
                                                                const CaAuditDraft     *draft,
                                                                char                  **reason);
gboolean             ca_audit_rules_section_grade_allowed  (const CaToolSection    *section,
                                                            const CaAuditDraft     *draft,
                                                            CaGrade                 grade,
                                                            char                  **reason);

CaGrade              ca_audit_rules_best_allowed_overall_grade (const CaToolDefinition *definition,
                                                                const CaAuditDraft     *draft,
                                                                char                  **reason);
gboolean             ca_audit_rules_overall_grade_allowed  (const CaToolDefinition *definition,
                                                            const CaAuditDraft     *draft,
                                                            CaGrade                 grade,
                                                            char                  **reason);

/* The bit for CATEGORY (1–4) in ca_audit_rules_allowed_categories()'s mask. */
#define CA_AUDIT_RULES_CATEGORY_BIT(category) (1u << (category))

gboolean             ca_audit_rules_category_allowed       (CaGrade                 overall_grade,
                                                            int                     category,
                                                            guint                   n_actions,
                                                            char                  **reason);
guint                ca_audit_rules_allowed_categories     (CaGrade                 overall_grade,
                                                            guint                   n_actions);
char                *ca_audit_rules_category_hint          (CaGrade                 overall_grade,
                                                            guint                   n_actions);

GPtrArray           *ca_audit_rules_check_submission       (const CaToolDefinition *definition,
                                                            const CaAuditDraft     *draft,
                                                            const GDate            *today);

/* R-F5 for any table of actions (GPtrArray of CaDraftAction): each with a description, an
 * owner, a due date that is a real date, not before SET_ON (an ISO date, nullable: no such
 * limit) and the impact expected for the child. Problems are appended to PROBLEMS, at
 * "actions[N].description|owner|due_date|impact"; the message names the row ("Action 2"). */
void                 ca_audit_rules_check_actions          (GPtrArray              *actions,
                                                            const char             *set_on,
                                                            GPtrArray              *problems);

/* R-F8: the actions' due dates against the deadlines, which need the working-day calendar,
 * so apart from ca_audit_rules_check_submission(). FROM is the day the actions are set (the
 * audit date, or the day of submission). On an Inadequate audit a safeguarding action must
 * be due within rules->urgent_action_working_days working days of FROM. A GPtrArray of
 * CaRuleProblem, "actions[N].due_date"; empty when all is well. */
GPtrArray           *ca_audit_rules_check_action_deadlines (const CaAuditDraft     *draft,
                                                            const CaHolidayCalendar *calendar,
                                                            const CaDeadlineRules  *rules,
                                                            const GDate            *from);

GPtrArray           *ca_audit_rules_check_all              (const CaToolDefinition *definition,
                                                            const CaAuditDraft     *draft,
                                                            const CaHolidayCalendar *calendar,
                                                            const CaDeadlineRules  *rules,
                                                            const GDate            *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAnswer, ca_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaDraftAction, ca_draft_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAuditDraft, ca_audit_draft_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaRuleProblem, ca_rule_problem_free)

G_END_DECLS
