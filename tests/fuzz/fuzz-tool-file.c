// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: ca_tool_file_parse() on any bytes, and a tool it accepts round-trips; an
// audit tool or a moderation tool.

#include "config.h"

#include <string.h>

#include "ca-text.h"
#include "ca-tool-file.h"
#include "fuzz-common.h"

static void
check_length (const char *text,
              gsize       max_chars)
{
  fuzz_check_text (text);
  if (text != NULL && (gsize) g_utf8_strlen (text, -1) > max_chars)
    fuzz_fail ("a tool file's text is longer than its field takes");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaToolDefinition) def = NULL;
  g_autoptr(CaToolDefinition) again = NULL;
  g_autofree char *json = NULL;

  def = ca_tool_file_parse ((const char *) data, size, &error);
  if (def == NULL)
    {
      if (error == NULL || error->domain != CA_TOOL_FILE_ERROR)
        fuzz_fail ("a refused tool file has no tool file error");
      fuzz_check_text (error->message);
      return 0;
    }

  /* Everything accepted is text that fits, and what is written reads back the same. */
  check_length (def->name, CA_TEXT_MAX_NAME);
  check_length (def->description, CA_TEXT_MAX_NOTES);
  for (guint i = 0; i < def->sections->len; i++)
    {
      CaToolSection *section = def->sections->pdata[i];

      check_length (section->title, CA_TEXT_MAX_NAME);
      check_length (section->guidance, CA_TEXT_MAX_NOTES);
      for (guint j = 0; j < section->questions->len; j++)
        {
          CaToolQuestion *question = section->questions->pdata[j];

          check_length (question->text, CA_TEXT_MAX_LINE);
          check_length (question->guidance, CA_TEXT_MAX_NOTES);
        }
    }
  /* A moderation tool: the five parts, in their order, and the difference part's answers. */
  if (def->kind == CA_TOOL_KIND_MODERATION &&
      (def->sections->len != 0 ||
       def->parts->len != g_strv_length ((char **) ca_tool_moderation_part_ids ())))
    fuzz_fail ("a moderation tool was read with sections, or without all its parts");
  if (def->kind == CA_TOOL_KIND_AUDIT && def->parts->len != 0)
    fuzz_fail ("an audit tool was read with parts");
  for (guint i = 0; i < def->parts->len; i++)
    {
      CaToolPart *part = def->parts->pdata[i];

      check_length (part->title, CA_TEXT_MAX_NAME);
      check_length (part->guidance, CA_TEXT_MAX_NOTES);
      check_length (part->comment, CA_TEXT_MAX_NAME);
      if (g_strcmp0 (part->id, ca_tool_moderation_part_ids ()[i]) != 0)
        fuzz_fail ("a moderation tool's parts were read out of order");
      for (guint j = 0; j < part->answers->len; j++)
        check_length (((CaToolAnswer *) part->answers->pdata[j])->label, CA_TEXT_MAX_NAME);
    }
  json = ca_tool_file_to_json (def);
  again = ca_tool_file_parse (json, strlen (json), &error);
  if (again == NULL)
    fuzz_fail ("a tool read from a file does not read back: %s", error->message);
  if (!ca_tool_definition_equal (def, again))
    fuzz_fail ("a tool read from a file reads back different");
  return 0;
}
