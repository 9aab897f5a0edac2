// SPDX-License-Identifier: GPL-3.0-or-later
// An audit tool's structure as plain data: sections, questions and what each part asks for (R-E1);
// a moderation tool's parts (the Stage 2 form's words, R-H3).

#define G_LOG_DOMAIN "ca-tool-definition"

#include "config.h"

#include "ca-tool-definition.h"
#include "ca-text.h"

/* The codes used in tool files, indexed by CaAnswerType. */
static const char * const answer_type_codes[] = {
  "yes-no-na", "grade", "text", "date",
};

/* The codes of "kind" in tool files, indexed by CaToolKind. */
static const char * const kind_codes[] = { "audit", "moderation" };

/* A moderation tool's parts, in their order: the form's groups after the audit's sections. */
static const char * const moderation_parts[] = {
  CA_TOOL_PART_REGRADING, CA_TOOL_PART_DISCUSSION, CA_TOOL_PART_FURTHER_ACTIONS,
  CA_TOOL_PART_LEARNING, CA_TOOL_PART_DIFFERENCE, NULL
};

CaToolQuestion *
ca_tool_question_new (void)
{
  return g_new0 (CaToolQuestion, 1);
}

void
ca_tool_question_free (CaToolQuestion *question)
{
  if (question == NULL)
    return;

  g_free (question->id);
  g_free (question->text);
  g_free (question->guidance);
  g_free (question);
}

CaToolSection *
ca_tool_section_new (void)
{
  CaToolSection *section = g_new0 (CaToolSection, 1);

  section->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_tool_question_free);
  return section;
}

void
ca_tool_section_free (CaToolSection *section)
{
  if (section == NULL)
    return;

  g_free (section->id);
  g_free (section->title);
  g_free (section->guidance);
  g_ptr_array_unref (section->questions);
  g_free (section);
}

CaToolAnswer *
ca_tool_answer_new (const char *code,
                    const char *label)
{
  CaToolAnswer *answer = g_new0 (CaToolAnswer, 1);

  answer->code = g_strdup (code);
  answer->label = g_strdup (label);
  return answer;
}

void
ca_tool_answer_free (CaToolAnswer *answer)
{
  if (answer == NULL)
    return;

  g_free (answer->code);
  g_free (answer->label);
  g_free (answer);
}

CaToolPart *
ca_tool_part_new (void)
{
  CaToolPart *part = g_new0 (CaToolPart, 1);

  part->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_tool_answer_free);
  return part;
}

void
ca_tool_part_free (CaToolPart *part)
{
  if (part == NULL)
    return;

  g_free (part->id);
  g_free (part->title);
  g_free (part->guidance);
  g_free (part->comment);
  g_ptr_array_unref (part->answers);
  g_free (part);
}

CaToolDefinition *
ca_tool_definition_new (void)
{
  CaToolDefinition *definition = g_new0 (CaToolDefinition, 1);

  definition->kind = CA_TOOL_KIND_AUDIT;
  definition->version = 1;
  definition->period_months = 6;
  definition->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_tool_section_free);
  definition->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_tool_part_free);
  return definition;
}

void
ca_tool_definition_free (CaToolDefinition *definition)
{
  if (definition == NULL)
    return;

  g_free (definition->code);
  g_free (definition->name);
  g_free (definition->description);
  g_ptr_array_unref (definition->sections);
  g_ptr_array_unref (definition->parts);
  g_free (definition);
}

static CaToolQuestion *
copy_question (const CaToolQuestion *question)
{
  CaToolQuestion *copy = ca_tool_question_new ();

  *copy = *question;
  copy->id = g_strdup (question->id);
  copy->text = g_strdup (question->text);
  copy->guidance = g_strdup (question->guidance);
  return copy;
}

static CaToolSection *
copy_section (const CaToolSection *section)
{
  CaToolSection *copy = ca_tool_section_new ();

  copy->id = g_strdup (section->id);
  copy->title = g_strdup (section->title);
  copy->guidance = g_strdup (section->guidance);
  copy->graded = section->graded;
  copy->has_comments = section->has_comments;
  for (guint i = 0; i < section->questions->len; i++)
    g_ptr_array_add (copy->questions, copy_question (g_ptr_array_index (section->questions, i)));
  return copy;
}

static CaToolPart *
copy_part (const CaToolPart *part)
{
  CaToolPart *copy = ca_tool_part_new ();

  copy->id = g_strdup (part->id);
  copy->title = g_strdup (part->title);
  copy->guidance = g_strdup (part->guidance);
  copy->comment = g_strdup (part->comment);
  for (guint i = 0; i < part->answers->len; i++)
    {
      const CaToolAnswer *answer = g_ptr_array_index (part->answers, i);

      g_ptr_array_add (copy->answers, ca_tool_answer_new (answer->code, answer->label));
    }
  return copy;
}

/* A deep copy: the store changes a copy's version without touching the caller's. */
CaToolDefinition *
ca_tool_definition_copy (const CaToolDefinition *definition)
{
  CaToolDefinition *copy;

  g_return_val_if_fail (definition != NULL, NULL);

  copy = ca_tool_definition_new ();
  copy->kind = definition->kind;
  copy->code = g_strdup (definition->code);
  copy->name = g_strdup (definition->name);
  copy->description = g_strdup (definition->description);
  copy->version = definition->version;
  copy->period_months = definition->period_months;
  copy->pen_picture = definition->pen_picture;
  copy->overall_grade = definition->overall_grade;
  copy->actions = definition->actions;
  copy->feedback = definition->feedback;
  for (guint i = 0; i < definition->sections->len; i++)
    g_ptr_array_add (copy->sections, copy_section (g_ptr_array_index (definition->sections, i)));
  for (guint i = 0; i < definition->parts->len; i++)
    g_ptr_array_add (copy->parts, copy_part (g_ptr_array_index (definition->parts, i)));
  return copy;
}

/* Flags compare as truth values, so TRUE and 2 are the same answer. */
#define SAME_FLAG(x, y) (!(x) == !(y))

static gboolean
questions_equal (const CaToolQuestion *a,
                 const CaToolQuestion *b)
{
  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->guidance, b->guidance) == 0 &&
         a->type == b->type &&
         SAME_FLAG (a->na_allowed, b->na_allowed) &&
         SAME_FLAG (a->na_needs_reason, b->na_needs_reason) &&
         SAME_FLAG (a->limiting, b->limiting) &&
         SAME_FLAG (a->required, b->required);
}

static gboolean
sections_equal (const CaToolSection *a,
                const CaToolSection *b)
{
  if (g_strcmp0 (a->id, b->id) != 0 ||
      g_strcmp0 (a->title, b->title) != 0 ||
      g_strcmp0 (a->guidance, b->guidance) != 0 ||
      !SAME_FLAG (a->graded, b->graded) ||
      !SAME_FLAG (a->has_comments, b->has_comments) ||
      a->questions->len != b->questions->len)
    return FALSE;

  for (guint i = 0; i < a->questions->len; i++)
    if (!questions_equal (g_ptr_array_index (a->questions, i),
                          g_ptr_array_index (b->questions, i)))
      return FALSE;
  return TRUE;
}

static gboolean
parts_equal (const CaToolPart *a,
             const CaToolPart *b)
{
  if (g_strcmp0 (a->id, b->id) != 0 ||
      g_strcmp0 (a->title, b->title) != 0 ||
      g_strcmp0 (a->guidance, b->guidance) != 0 ||
      g_strcmp0 (a->comment, b->comment) != 0 ||
      a->answers->len != b->answers->len)
    return FALSE;

  for (guint i = 0; i < a->answers->len; i++)
    {
      const CaToolAnswer *x = g_ptr_array_index (a->answers, i);
      const CaToolAnswer *y = g_ptr_array_index (b->answers, i);

      if (g_strcmp0 (x->code, y->code) != 0 || g_strcmp0 (x->label, y->label) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Whether two definitions say exactly the same, version included. */
gboolean
ca_tool_definition_equal (const CaToolDefinition *a,
                          const CaToolDefinition *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->kind != b->kind ||
      g_strcmp0 (a->code, b->code) != 0 ||
      g_strcmp0 (a->name, b->name) != 0 ||
      g_strcmp0 (a->description, b->description) != 0 ||
      a->version != b->version ||
      a->period_months != b->period_months ||
      !SAME_FLAG (a->pen_picture, b->pen_picture) ||
      !SAME_FLAG (a->overall_grade, b->overall_grade) ||
      !SAME_FLAG (a->actions, b->actions) ||
      !SAME_FLAG (a->feedback, b->feedback) ||
      a->sections->len != b->sections->len ||
      a->parts->len != b->parts->len)
    return FALSE;

  for (guint i = 0; i < a->sections->len; i++)
    if (!sections_equal (g_ptr_array_index (a->sections, i),
                         g_ptr_array_index (b->sections, i)))
      return FALSE;
  for (guint i = 0; i < a->parts->len; i++)
    if (!parts_equal (g_ptr_array_index (a->parts, i), g_ptr_array_index (b->parts, i)))
      return FALSE;
  return TRUE;
}

const CaToolSection *
ca_tool_definition_find_section (const CaToolDefinition *definition,
                                 const char             *section_id)
{
  g_return_val_if_fail (definition != NULL, NULL);

  for (guint i = 0; i < definition->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (definition->sections, i);

      if (g_strcmp0 (section->id, section_id) == 0)
        return section;
    }
  return NULL;
}

const CaToolQuestion *
ca_tool_definition_find_question (const CaToolDefinition *definition,
                                  const char             *question_id)
{
  g_return_val_if_fail (definition != NULL, NULL);

  for (guint i = 0; i < definition->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (definition->sections, i);

      for (guint j = 0; j < section->questions->len; j++)
        {
          const CaToolQuestion *question = g_ptr_array_index (section->questions, j);

          if (g_strcmp0 (question->id, question_id) == 0)
            return question;
        }
    }
  return NULL;
}

/* The part PART_ID of a moderation tool, or NULL. */
const CaToolPart *
ca_tool_definition_find_part (const CaToolDefinition *definition,
                              const char             *part_id)
{
  g_return_val_if_fail (definition != NULL, NULL);

  for (guint i = 0; i < definition->parts->len; i++)
    {
      const CaToolPart *part = g_ptr_array_index (definition->parts, i);

      if (g_strcmp0 (part->id, part_id) == 0)
        return part;
    }
  return NULL;
}

/* The words PART shows for the answer stored as CODE, or NULL. */
const char *
ca_tool_part_get_answer_label (const CaToolPart *part,
                               const char       *code)
{
  g_return_val_if_fail (part != NULL, NULL);

  for (guint i = 0; code != NULL && i < part->answers->len; i++)
    {
      const CaToolAnswer *answer = g_ptr_array_index (part->answers, i);

      if (g_str_equal (answer->code, code))
        return answer->label;
    }
  return NULL;
}

/* The ids of a moderation tool's parts, in the order a file must give them; NULL-terminated. */
const char * const *
ca_tool_moderation_part_ids (void)
{
  return moderation_parts;
}

const char *
ca_tool_kind_to_string (CaToolKind kind)
{
  g_return_val_if_fail (kind <= CA_TOOL_KIND_MODERATION, NULL);

  return kind_codes[kind];
}

gboolean
ca_tool_kind_from_string (const char *code,
                          CaToolKind *kind)
{
  int i = ca_text_find_code (kind_codes, G_N_ELEMENTS (kind_codes), code);

  if (i < 0)
    return FALSE;
  *kind = (CaToolKind) i;
  return TRUE;
}

const char *
ca_answer_type_to_string (CaAnswerType type)
{
  g_return_val_if_fail (type <= CA_ANSWER_DATE, NULL);

  return answer_type_codes[type];
}

gboolean
ca_answer_type_from_string (const char   *code,
                            CaAnswerType *type)
{
  int i = ca_text_find_code (answer_type_codes, G_N_ELEMENTS (answer_type_codes), code);

  if (i < 0)
    return FALSE;
  *type = (CaAnswerType) i;
  return TRUE;
}
