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
