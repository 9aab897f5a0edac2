// SPDX-License-Identifier: GPL-3.0-or-later
// An audit tool's structure as plain data: sections, questions and what each part asks for (R-E1);
// a moderation tool's parts (the Stage 2 form's words, R-H3).
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CA_ANSWER_YES_NO_NA,  /* Yes / No, and NA where the question allows it */
  CA_ANSWER_GRADE,      /* one of the four grades */
  CA_ANSWER_TEXT,
  CA_ANSWER_DATE,
} CaAnswerType;

typedef struct
{
  char         *id;          /* unique within the tool, e.g. "assessment.child-seen" */
  char         *text;
  char         *guidance;    /* nullable: shown beside the question */
  CaAnswerType  type;
  gboolean      na_allowed;
  /* NA counts only with a reason (seed 02: a child under 5 or with a profound disability
   * need not be seen alone). */
  gboolean      na_needs_reason;
  /* A limiting judgement: the section may be graded Good or Outstanding only when it is
   * met, that is answered Yes, or NA with a reason where NA is allowed (R-F3). */
  gboolean      limiting;
  gboolean      required;
} CaToolQuestion;

typedef struct
{
  char      *id;
  char      *title;
  char      *guidance;     /* nullable: the grading guide for the section */
  GPtrArray *questions;    /* of CaToolQuestion */
  gboolean   graded;       /* has a section grade */
  gboolean   has_comments; /* has a comments box */
} CaToolSection;

/* What a tool is used for. An audit tool (Stage 1, the dip samples) has sections and questions
 * and is chosen for an audit; a moderation tool (Stage 2) holds the words of the moderation
 * form, whose fields are fixed (core/ca-moderation-form.h), and is never an audit's tool. */
typedef enum
{
  CA_TOOL_KIND_AUDIT,
  CA_TOOL_KIND_MODERATION,
} CaToolKind;

/* The parts of a moderation tool, in the order its file gives them and the form shows them. */
#define CA_TOOL_PART_REGRADING       "regrading"        /* the moderator's grades and why */
#define CA_TOOL_PART_DISCUSSION      "discussion"       /* the reflective discussion */
#define CA_TOOL_PART_FURTHER_ACTIONS "further-actions"
#define CA_TOOL_PART_LEARNING        "learning"
#define CA_TOOL_PART_DIFFERENCE      "difference"       /* has the work made a difference? */

/* One answer of a part's question: the code stored, and the words shown. */
typedef struct
{
  char *code;
  char *label;
} CaToolAnswer;

/* A part of a moderation tool: one group of the form. */
typedef struct
{
  char      *id;        /* one of CA_TOOL_PART_… */
  char      *title;
  char      *guidance;  /* nullable: shown under the title */
  char      *comment;   /* the difference part's comment box, else NULL */
  GPtrArray *answers;   /* of CaToolAnswer: the difference part's answers, else empty */
} CaToolPart;

typedef struct
{
  CaToolKind kind;
  char      *code;          /* stable across versions, e.g. "stage-1" */
  char      *name;
  char      *description;   /* nullable */
  int        version;       /* 1, 2, …: a changed tool is a new version (R-E2) */
  guint      period_months; /* the period reviewed by default, e.g. 6 */
  gboolean   pen_picture;   /* starts with a pen picture of the child's journey */
  gboolean   overall_grade; /* has an overall grade and category */
  gboolean   actions;       /* has an actions table */
  gboolean   feedback;      /* has optional child or family feedback */
  GPtrArray *sections;      /* of CaToolSection: an audit tool's, else empty */
  GPtrArray *parts;         /* of CaToolPart: a moderation tool's, else empty */
} CaToolDefinition;

CaToolQuestion   *ca_tool_question_new          (void);
void              ca_tool_question_free         (CaToolQuestion         *question);
CaToolSection    *ca_tool_section_new           (void);
void              ca_tool_section_free          (CaToolSection          *section);
CaToolAnswer     *ca_tool_answer_new            (const char             *code,
                                                 const char             *label);
void              ca_tool_answer_free           (CaToolAnswer           *answer);
CaToolPart       *ca_tool_part_new              (void);
void              ca_tool_part_free             (CaToolPart             *part);
CaToolDefinition *ca_tool_definition_new        (void);
void              ca_tool_definition_free       (CaToolDefinition       *definition);
CaToolDefinition *ca_tool_definition_copy       (const CaToolDefinition *definition);
gboolean          ca_tool_definition_equal      (const CaToolDefinition *a,
                                                 const CaToolDefinition *b);

const CaToolSection  *ca_tool_definition_find_section  (const CaToolDefinition *definition,
                                                        const char             *section_id);
const CaToolQuestion *ca_tool_definition_find_question (const CaToolDefinition *definition,
                                                        const char             *question_id);
const CaToolPart     *ca_tool_definition_find_part     (const CaToolDefinition *definition,
                                                        const char             *part_id);
const char           *ca_tool_part_get_answer_label    (const CaToolPart       *part,
                                                        const char             *code);

const char * const   *ca_tool_moderation_part_ids      (void);
const char           *ca_tool_kind_to_string           (CaToolKind              kind);
gboolean              ca_tool_kind_from_string         (const char             *code,
                                                        CaToolKind             *kind);

const char       *ca_answer_type_to_string      (CaAnswerType            type);
gboolean          ca_answer_type_from_string    (const char             *code,
                                                 CaAnswerType           *type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaToolQuestion, ca_tool_question_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaToolSection, ca_tool_section_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaToolAnswer, ca_tool_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaToolPart, ca_tool_part_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaToolDefinition, ca_tool_definition_free)

G_END_DECLS
