// SPDX-License-Identifier: GPL-3.0-or-later
// An audit tool's structure as plain data: sections, questions and what each part asks for (R-E1).

#define G_LOG_DOMAIN "ca-tool-definition"

#include "config.h"

#include "ca-tool-definition.h"

/* The codes used in tool files, indexed by CaAnswerType. */
static const char * const answer_type_codes[] = {
  "yes-no-na", "grade", "text", "date",
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

CaToolDefinition *
ca_tool_definition_new (void)
{
  CaToolDefinition *definition = g_new0 (CaToolDefinition, 1);

  definition->version = 1;
  definition->period_months = 6;
  definition->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_tool_section_free);
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

/* A deep copy: the store changes a copy's version without touching the caller's. */
CaToolDefinition *
ca_tool_definition_copy (const CaToolDefinition *definition)
{
  CaToolDefinition *copy;

  g_return_val_if_fail (definition != NULL, NULL);

  copy = ca_tool_definition_new ();
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

/* Whether two definitions say exactly the same, version included. */
gboolean
ca_tool_definition_equal (const CaToolDefinition *a,
                          const CaToolDefinition *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (g_strcmp0 (a->code, b->code) != 0 ||
      g_strcmp0 (a->name, b->name) != 0 ||
      g_strcmp0 (a->description, b->description) != 0 ||
      a->version != b->version ||
      a->period_months != b->period_months ||
      !SAME_FLAG (a->pen_picture, b->pen_picture) ||
      !SAME_FLAG (a->overall_grade, b->overall_grade) ||
      !SAME_FLAG (a->actions, b->actions) ||
      !SAME_FLAG (a->feedback, b->feedback) ||
      a->sections->len != b->sections->len)
    return FALSE;

  for (guint i = 0; i < a->sections->len; i++)
    if (!sections_equal (g_ptr_array_index (a->sections, i),
                         g_ptr_array_index (b->sections, i)))
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
  for (guint i = 0; i < G_N_ELEMENTS (answer_type_codes); i++)
    if (g_strcmp0 (code, answer_type_codes[i]) == 0)
      {
        *type = (CaAnswerType) i;
        return TRUE;
      }
  return FALSE;
}
