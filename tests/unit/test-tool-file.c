// SPDX-License-Identifier: GPL-3.0-or-later
// The tool file format: the shipped tools read, files round-trip, and every mistake is named.

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ca-input-file.h"
#include "ca-moderation-form.h"
#include "ca-text.h"
#include "ca-tool-file.h"

/* stage-1, closure, the six focuses of seed 04's CPP dip sample programme, and the Stage 2
 * moderation. */
static const char * const builtin_codes[] = {
  "closure", "dip-sample-assessment", "dip-sample-exploitation", "dip-sample-iro",
  "dip-sample-mash", "dip-sample-permanency", "dip-sample-plans", "stage-1", "stage-2",
};

static CaToolDefinition *
find_tool (GPtrArray  *tools,
           const char *code)
{
  for (guint i = 0; i < tools->len; i++)
    {
      CaToolDefinition *def = g_ptr_array_index (tools, i);

      if (g_str_equal (def->code, code))
        return def;
    }
  g_error ("no built-in tool %s", code);
}

static const CaToolQuestion *
find_question (const CaToolDefinition *def,
               const char             *id)
{
  const CaToolQuestion *question = ca_tool_definition_find_question (def, id);

  if (question == NULL)
    g_error ("%s has no question %s", def->code, id);
  return question;
}

static void
test_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = ca_tool_file_load_builtin (&error);
  static const char * const stage_1_sections[] = {
    "assessment", "planning", "intervention", "review", "reflection-supervision",
    "comments-actions",
  };
  const CaToolDefinition *stage_1;
  const CaToolQuestion *question;

  g_assert_no_error (error);
  g_assert_nonnull (tools);
  g_assert_cmpuint (tools->len, ==, G_N_ELEMENTS (builtin_codes));
  for (guint i = 0; i < tools->len; i++)
    {
      const CaToolDefinition *def = g_ptr_array_index (tools, i);

      /* In file-name order, each named by its code. */
      g_assert_cmpstr (def->code, ==, builtin_codes[i]);
      g_assert_cmpint (def->version, ==, 1);
      /* Stage 2 is the moderation's tool; it has parts, not sections (see test_stage_2). */
      g_assert_cmpint (def->kind, ==, g_str_equal (def->code, "stage-2")
                                      ? CA_TOOL_KIND_MODERATION : CA_TOOL_KIND_AUDIT);
      if (def->kind == CA_TOOL_KIND_MODERATION)
        continue;
      g_assert_cmpuint (def->parts->len, ==, 0);
      g_assert_cmpuint (def->period_months, ==, 6);
      g_assert_true (def->overall_grade);
      g_assert_true (def->actions);
    }

  /* Stage 1 (seed 02): six sections, five graded, and the limiting judgements. */
  stage_1 = find_tool (tools, "stage-1");
  g_assert_true (stage_1->pen_picture);
  g_assert_true (stage_1->feedback);
  g_assert_cmpuint (stage_1->sections->len, ==, G_N_ELEMENTS (stage_1_sections));
  for (guint i = 0; i < G_N_ELEMENTS (stage_1_sections); i++)
    {
      const CaToolSection *section = g_ptr_array_index (stage_1->sections, i);
      gboolean last = i == G_N_ELEMENTS (stage_1_sections) - 1;

      g_assert_cmpstr (section->id, ==, stage_1_sections[i]);
      g_assert_true (section->has_comments);
      g_assert_nonnull (section->guidance);
      g_assert_cmpint (section->graded, ==, !last);
      g_assert_cmpint (section->questions->len == 0, ==, last);
      for (guint j = 0; j < section->questions->len; j++)
        {
          const CaToolQuestion *q = g_ptr_array_index (section->questions, j);
          g_autofree char *prefix = g_strconcat (section->id, ".", NULL);

          /* Question ids name their section, so answers stay unambiguous. */
          g_assert_true (g_str_has_prefix (q->id, prefix));
          g_assert_cmpint (q->type, ==, CA_ANSWER_YES_NO_NA);
          g_assert_true (q->required);
        }
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *section = i == 0 ? "assessment" : "intervention";
      g_autofree char *seen = g_strconcat (section, ".child-seen", NULL);
      g_autofree char *alone = g_strconcat (section, ".child-seen-alone", NULL);
      g_autofree char *voice = g_strconcat (section, ".childs-voice", NULL);

      question = find_question (stage_1, seen);
      g_assert_true (question->limiting);
      g_assert_false (question->na_allowed);
      question = find_question (stage_1, alone);
      g_assert_true (question->limiting);
      g_assert_true (question->na_allowed);
      g_assert_true (question->na_needs_reason);
      g_assert_nonnull (strstr (question->guidance, "under 5"));
      question = find_question (stage_1, voice);
      g_assert_true (question->limiting);
      g_assert_false (question->na_allowed);
    }
  question = find_question (stage_1, "assessment.developmental-needs");
  g_assert_cmpstr (question->text, ==,
                   "Does the assessment consider each child's developmental needs?");
  g_assert_false (question->limiting);

  /* The dip samples (seed 04): the numbered questions, word for word, as Yes/No/NA. */
  for (guint i = 0; i < G_N_ELEMENTS (builtin_codes); i++)
    {
      const CaToolDefinition *def = find_tool (tools, builtin_codes[i]);

      if (!g_str_has_prefix (def->code, "dip-sample-"))
        continue;
      g_assert_false (def->pen_picture);
      for (guint j = 0; j < def->sections->len; j++)
        {
          const CaToolSection *section = g_ptr_array_index (def->sections, j);

          g_assert_true (section->graded);
          g_assert_cmpuint (section->questions->len, >=, 1);
          for (guint k = 0; k < section->questions->len; k++)
            g_assert_cmpint (((CaToolQuestion *) g_ptr_array_index (section->questions, k))->type,
                             ==, CA_ANSWER_YES_NO_NA);
        }
    }
  question = find_question (find_tool (tools, "dip-sample-mash"), "mash.decision-appropriate");
  g_assert_cmpstr (question->text, ==,
                   "Was the decision made appropriate to the presenting risks and needs of the "
                   "child?");
  question = find_question (find_tool (tools, "dip-sample-exploitation"), "exploitation.missing");
  g_assert_cmpstr (question->text, ==,
                   "In cases where children go missing, is there evidence of effective "
                   "integration between Children’s Services and the Police?");
  g_assert_true (question->na_allowed);
  question = find_question (find_tool (tools, "dip-sample-iro"), "iro.challenge-effective");
  g_assert_cmpstr (question->text, ==, "Is this challenge effective in addressing drift and delay?");

  g_assert_nonnull (ca_tool_definition_find_question (find_tool (tools, "closure"),
                                                      "closure.manager-agreed"));
}

/* The Stage 2 moderation (seed 02, "Stage 2 Reflective discussion by Moderator – Have we made
 * a difference for the child/ young person?"): its parts in the form's order, with the titles
 * the form's groups have always had, guidance for each, and the answers Yes / Partly / Not yet
 * stored by the codes moderations keep. */
static void
test_stage_2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = ca_tool_file_load_builtin (&error);
  static const struct
  {
    const char *id;
    const char *title;
    const char *guidance;   /* a phrase of it */
  } parts[] = {
    { "regrading", "Overall Grade", "Where your grade differs from the auditor's, say why" },
    { "discussion", "Reflective Discussion", "the group manager, the practice manager and the "
                                             "social worker" },
    { "further-actions", "Further Actions", "Who will do what, by when" },
    { "learning", "Learning", "What the audit and the discussion teach the team" },
    { "difference", "Has the Work Made a Difference for the Child?", "Have we made a difference "
                                                                    "for the child" },
  };
  static const char * const labels[] = { "Yes", "Partly", "Not yet" };
  const CaToolDefinition *stage_2;
  const CaToolPart *difference;
  g_autofree char *json = NULL;
  g_autofree char *audit_json = NULL;

  g_assert_no_error (error);
  stage_2 = find_tool (tools, "stage-2");
  g_assert_cmpint (stage_2->kind, ==, CA_TOOL_KIND_MODERATION);
  g_assert_cmpstr (stage_2->name, ==, "Stage 2 moderation");
  g_assert_nonnull (strstr (stage_2->description, "Have we made a difference for the child/ "
                                                  "young person?"));
  g_assert_cmpuint (stage_2->sections->len, ==, 0);
  g_assert_cmpuint (stage_2->parts->len, ==, G_N_ELEMENTS (parts));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const CaToolPart *part = g_ptr_array_index (stage_2->parts, i);

      g_assert_cmpstr (part->id, ==, parts[i].id);
      g_assert_cmpstr (part->id, ==, ca_tool_moderation_part_ids ()[i]);
      g_assert_cmpstr (part->title, ==, parts[i].title);
      g_assert_nonnull (strstr (part->guidance, parts[i].guidance));
      g_assert_true (part == ca_tool_definition_find_part (stage_2, parts[i].id));
    }
  g_assert_null (ca_tool_definition_find_part (stage_2, "sections"));

  difference = ca_tool_definition_find_part (stage_2, CA_TOOL_PART_DIFFERENCE);
  g_assert_cmpstr (difference->comment, ==, "How, or what is still needed");
  g_assert_cmpuint (difference->answers->len, ==, G_N_ELEMENTS (labels));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      const CaToolAnswer *answer = g_ptr_array_index (difference->answers, i);

      g_assert_cmpstr (answer->code, ==, ca_difference_to_string ((CaDifference) (i + 1)));
      g_assert_cmpstr (answer->label, ==, labels[i]);
    }
  g_assert_cmpstr (ca_tool_part_get_answer_label (difference, "not-yet"), ==, "Not yet");
  g_assert_null (ca_tool_part_get_answer_label (difference, "no"));

  /* Written as format 2, which an older Case Audit asks to be updated for; an audit tool
   * stays format 1, without "kind", so every version still reads it. */
  json = ca_tool_file_to_json (stage_2);
  g_assert_nonnull (strstr (json, "\"format_version\" : 2,"));
  g_assert_nonnull (strstr (json, "\"kind\" : \"moderation\","));
  g_assert_null (strstr (json, "\"sections\""));
  g_assert_null (strstr (json, "period_months"));
  audit_json = ca_tool_file_to_json (find_tool (tools, "stage-1"));
  g_assert_nonnull (strstr (audit_json, "\"format_version\" : 1,"));
  g_assert_null (strstr (audit_json, "\"kind\""));
  g_assert_null (strstr (audit_json, "\"parts\""));
}

/* The files in data/tools are exactly the ones in the resources, so none is forgotten in
 * the resource list. */
static void
test_builtin_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "..", "data", "tools", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr(GPtrArray) tools = ca_tool_file_load_builtin (&error);
  const char *name;
  guint n_files = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *code = NULL;
      g_autoptr(CaToolDefinition) def = NULL;
      gsize length = 0;

      g_assert_true (g_str_has_suffix (name, ".json"));
      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      def = ca_tool_file_parse (contents, length, &error);
      g_assert_no_error (error);

      code = g_strndup (name, strlen (name) - strlen (".json"));
      g_assert_cmpstr (def->code, ==, code);
      g_assert_true (ca_tool_definition_equal (def, find_tool (tools, code)));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, tools->len);
}

static void
assert_round_trip (const CaToolDefinition *def)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = ca_tool_file_to_json (def);
  g_autofree char *again = NULL;
  g_autoptr(CaToolDefinition) parsed = ca_tool_file_parse (json, strlen (json), &error);

  g_assert_no_error (error);
  g_assert_true (ca_tool_definition_equal (def, parsed));
  again = ca_tool_file_to_json (parsed);
  g_assert_cmpstr (json, ==, again);
  g_assert_true (g_str_has_suffix (json, "}\n"));
}

static CaToolQuestion *
make_question (const char   *id,
               CaAnswerType  type)
{
  CaToolQuestion *question = ca_tool_question_new ();

  question->id = g_strdup (id);
  question->text = g_strdup ("Is it so?");
  question->type = type;
  return question;
}

/* A tool built in code, with every kind of question and the awkward characters. */
static CaToolDefinition *
make_tool (void)
{
  CaToolDefinition *def = ca_tool_definition_new ();
  CaToolSection *section = ca_tool_section_new ();
  CaToolQuestion *question;

  def->code = g_strdup ("multi-agency");
  def->name = g_strdup ("Multi-agency “themed” audit – Ünïcødé, \"quotes\", \\ and \t tab");
  def->version = 7;
  def->period_months = 12;
  def->pen_picture = TRUE;
  def->feedback = TRUE;

  section->id = g_strdup ("health.v2");
  section->title = g_strdup ("Health\nand wellbeing");
  section->graded = TRUE;
  question = make_question ("health.seen", CA_ANSWER_YES_NO_NA);
  question->na_allowed = TRUE;
  question->na_needs_reason = TRUE;
  question->limiting = TRUE;
  question->required = TRUE;
  question->guidance = g_strdup ("");
  g_ptr_array_add (section->questions, question);
  g_ptr_array_add (section->questions, make_question ("health.grade", CA_ANSWER_GRADE));
  g_ptr_array_add (section->questions, make_question ("health.notes", CA_ANSWER_TEXT));
  g_ptr_array_add (section->questions, make_question ("health.date", CA_ANSWER_DATE));
  g_ptr_array_add (def->sections, section);

  section = ca_tool_section_new ();
  section->id = g_strdup ("comments");
  section->title = g_strdup ("Comments");
  section->has_comments = TRUE;
  g_ptr_array_add (def->sections, section);
  return def;
}

/* A moderation tool built in code, with the awkward characters in its words. */
static CaToolDefinition *
make_moderation_tool (void)
{
  CaToolDefinition *def = ca_tool_definition_new ();
  const char * const *ids = ca_tool_moderation_part_ids ();

  def->kind = CA_TOOL_KIND_MODERATION;
  def->code = g_strdup ("stage-2-panel");
  def->name = g_strdup ("Panel “moderation” – Ünïcødé, \"quotes\" and \\");
  def->version = 3;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      CaToolPart *part = ca_tool_part_new ();

      part->id = g_strdup (ids[i]);
      part->title = g_strdup_printf ("Part\n%u", i);
      part->guidance = i % 2 == 0 ? g_strdup ("Say why.") : NULL;
      if (g_str_equal (ids[i], CA_TOOL_PART_DIFFERENCE))
        {
          part->comment = g_strdup ("What next?");
          g_ptr_array_add (part->answers, ca_tool_answer_new ("yes", "Oui"));
          g_ptr_array_add (part->answers, ca_tool_answer_new ("partly", "En partie"));
          g_ptr_array_add (part->answers, ca_tool_answer_new ("not-yet", "Pas encore"));
        }
      g_ptr_array_add (def->parts, part);
    }
  return def;
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = ca_tool_file_load_builtin (&error);
  g_autoptr(CaToolDefinition) made = make_tool ();
  g_autoptr(CaToolDefinition) moderation = make_moderation_tool ();
  g_autoptr(CaToolDefinition) copy = NULL;
  CaToolQuestion *question;
  CaToolAnswer *answer;

  g_assert_no_error (error);
  for (guint i = 0; i < tools->len; i++)
    assert_round_trip (g_ptr_array_index (tools, i));
  assert_round_trip (made);
  assert_round_trip (moderation);

  /* A moderation tool's copy is equal until an answer's words, or its kind, change. */
  copy = ca_tool_definition_copy (moderation);
  g_assert_true (ca_tool_definition_equal (moderation, copy));
  answer = g_ptr_array_index (((CaToolPart *) g_ptr_array_index (copy->parts, 4))->answers, 2);
  g_free (answer->label);
  answer->label = g_strdup ("Not yet");
  g_assert_false (ca_tool_definition_equal (moderation, copy));
  g_clear_pointer (&copy, ca_tool_definition_free);
  copy = ca_tool_definition_copy (moderation);
  copy->kind = CA_TOOL_KIND_AUDIT;
  g_assert_false (ca_tool_definition_equal (moderation, copy));
  g_clear_pointer (&copy, ca_tool_definition_free);

  /* Equality sees every field; a copy is equal until it is changed. */
  copy = ca_tool_definition_copy (made);
  g_assert_true (ca_tool_definition_equal (made, copy));
  question = g_ptr_array_index (((CaToolSection *) g_ptr_array_index (copy->sections, 0))->questions,
                                1);
  question->na_allowed = TRUE;
  g_assert_false (ca_tool_definition_equal (made, copy));
  question->na_allowed = FALSE;
  g_clear_pointer (&question->guidance, g_free);
  question->guidance = g_strdup ("");
  g_assert_false (ca_tool_definition_equal (made, copy));
  g_clear_pointer (&question->guidance, g_free);
  copy->version++;
  g_assert_false (ca_tool_definition_equal (made, copy));
}

/* Pages of guidance are text like any other, up to CA_TEXT_MAX_NOTES characters; a
 * megabyte pasted in is refused with its place, rather than stored and shown. */
static void
test_huge_guidance (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaToolDefinition) def = make_tool ();
  g_autoptr(CaToolDefinition) parsed = NULL;
  CaToolQuestion *question = g_ptr_array_index (((CaToolSection *) def->sections->pdata[0])->questions,
                                                0);
  g_autofree char *json = NULL;
  GString *huge = g_string_new (NULL);

  /* 40 characters (the ’ is one), 500 times: exactly the limit. */
  while (g_utf8_strlen (huge->str, -1) < CA_TEXT_MAX_NOTES)
    g_string_append (huge, "The child’s voice and lived experience. ");
  g_assert_cmpint (g_utf8_strlen (huge->str, -1), ==, CA_TEXT_MAX_NOTES);
  g_free (question->guidance);
  question->guidance = g_strdup (huge->str);

  json = ca_tool_file_to_json (def);
  parsed = ca_tool_file_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_true (ca_tool_definition_equal (def, parsed));
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&parsed, ca_tool_definition_free);

  while (huge->len < (1 << 20))
    g_string_append (huge, "The child’s voice and lived experience. ");
  g_free (question->guidance);
  question->guidance = g_string_free (huge, FALSE);
  json = ca_tool_file_to_json (def);
  parsed = ca_tool_file_parse (json, strlen (json), &error);
  g_assert_null (parsed);
  g_assert_error (error, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "sections[0].questions[0].guidance is too "
                                                   "long: it has "));
  g_assert_true (g_str_has_suffix (error->message, " characters, and at most 20000 are "
                                                   "allowed."));
}

static void
test_byte_order_mark (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaToolDefinition) made = make_tool ();
  g_autofree char *json = ca_tool_file_to_json (made);
  g_autofree char *marked = g_strconcat ("\xEF\xBB\xBF", json, NULL);
  g_autoptr(CaToolDefinition) parsed = ca_tool_file_parse (marked, strlen (marked), &error);

  g_assert_no_error (error);
  g_assert_true (ca_tool_definition_equal (made, parsed));
}

/* A small valid tool's opening members; the cases add the rest. Single quotes stand for
 * double quotes in the table, to keep it readable. */
#define HEAD "'format': 'case-audit-tool', 'format_version': 1, 'code': 't', 'name': 'T', " \
             "'version': 1"
#define SECTION(id) "{'id': '" id "', 'title': 'A', 'graded': true}"
#define QUESTION(id, more) "{'id': '" id "', 'text': 'Q?', 'type': 'yes-no-na'" more "}"
#define WITH_QUESTIONS(id, questions) \
  "{'id': '" id "', 'title': 'A', 'graded': true, 'questions': [" questions "]}"
#define TOOL(sections) "{" HEAD ", 'sections': [" sections "]}"
#define ONE_QUESTION(more) TOOL (WITH_QUESTIONS ("a", QUESTION ("q", more)))
#define TEN_X "xxxxxxxxxx"
/* The same for a moderation tool: its head, parts and the difference part's answers. */
#define MHEAD "'format': 'case-audit-tool', 'format_version': 2, 'kind': 'moderation', " \
              "'code': 'm', 'name': 'M', 'version': 1"
#define MODERATION(parts) "{" MHEAD ", 'parts': [" parts "]}"
#define PART(id) "{'id': '" id "', 'title': 'T'}"
#define FOUR_PARTS PART ("regrading") ", " PART ("discussion") ", " PART ("further-actions") \
                   ", " PART ("learning")
#define ANSWER(code, label) "{'code': '" code "', 'label': '" label "'}"
#define ANSWERS ANSWER ("yes", "Yes") ", " ANSWER ("partly", "Partly") ", " \
                ANSWER ("not-yet", "Not yet")
#define DIFFERENCE(answers) \
  "{'id': 'difference', 'title': 'D', 'comment': 'C', 'answers': " answers "}"

static const struct
{
  const char *json;
  int         code;
  const char *message;   /* exact, or the start when it ends in "…" */
} refusals[] = {
  /* Not JSON, or not a tool. */
  { "", CA_TOOL_FILE_ERROR_NOT_JSON, "not a tool file: it is empty" },
  { " \n ", CA_TOOL_FILE_ERROR_NOT_JSON, "not a tool file: it is empty" },
  { "{'format':\n  'case-audit-tool',\n  'code' 't'}", CA_TOOL_FILE_ERROR_NOT_JSON,
    "line 3, column 8: not valid JSON (…" },
  { "\xff\xfe{}", CA_TOOL_FILE_ERROR_NOT_JSON,
    "line 1, column 1: not UTF-8 text; save the file as UTF-8" },
  { "{'format': 'case-audit-tool',\n 'name': 'Caf\xe9'}", CA_TOOL_FILE_ERROR_NOT_JSON,
    "line 2, column 14: not UTF-8 text; save the file as UTF-8" },
  /* A lone surrogate escape is no character: named as such, with its place (it was refused
   * as "not UTF-8 text", or not at all, depending on what followed it). */
  { "{" HEAD ", 'sections': [{'id': 'a', 'title': 'Bad \\ud800', 'graded': true}]}",
    CA_TOOL_FILE_ERROR_NOT_JSON,
    "sections[0].title: “\\ud800” is not a valid character escape (line 1, column 131)" },
  { "{'format': 'case-audit-tool', 'name': '\\udc00 x'}", CA_TOOL_FILE_ERROR_NOT_JSON,
    "name: “\\udc00” is not a valid character escape (line 1, column 40)" },
  { "['format', 'case-audit-tool']", CA_TOOL_FILE_ERROR_NOT_TOOL,
    "not a Case Audit tool file: it should be a JSON object with 'format': 'case-audit-tool'" },
  { "{}", CA_TOOL_FILE_ERROR_NOT_TOOL,
    "format: missing; a Case Audit tool file says 'format': 'case-audit-tool'" },
  { "{'england-and-wales': {'events': []}}", CA_TOOL_FILE_ERROR_NOT_TOOL,
    "format: missing; a Case Audit tool file says 'format': 'case-audit-tool'" },
  { "{'format': 'case-audit-programme', 'format_version': 1}", CA_TOOL_FILE_ERROR_NOT_TOOL,
    "format: not a Case Audit tool file (expected 'case-audit-tool')" },
  { "{'format': 1}", CA_TOOL_FILE_ERROR_NOT_TOOL,
    "format: not a Case Audit tool file (expected 'case-audit-tool')" },

  /* The format's version: a newer one is told apart from a mistake. */
  { "{'format': 'case-audit-tool'}", CA_TOOL_FILE_ERROR_INVALID, "format_version: missing" },
  { "{'format': 'case-audit-tool', 'format_version': '1'}", CA_TOOL_FILE_ERROR_INVALID,
    "format_version: expected a whole number" },
  { "{'format': 'case-audit-tool', 'format_version': 3, 'stages': []}",
    CA_TOOL_FILE_ERROR_TOO_NEW,
    "format_version: 3 is newer than this version of Case Audit can read (2); update Case "
    "Audit to use this tool" },
  { "{'format': 'case-audit-tool', 'format_version': 0}", CA_TOOL_FILE_ERROR_INVALID,
    "format_version: 0 is not a format version; the first is 1" },

  /* The tool's own members. */
  { "{" HEAD ", 'colour': 'blue', 'sections': [" SECTION ("a") "]}", CA_TOOL_FILE_ERROR_INVALID,
    "colour: unknown member; check its spelling" },
  { "{'format': 'case-audit-tool', 'format_version': 1, 'name': 'T', 'version': 1, "
    "'sections': [" SECTION ("a") "]}", CA_TOOL_FILE_ERROR_INVALID, "code: missing" },
  { "{'format': 'case-audit-tool', 'format_version': 1, 'code': 5}", CA_TOOL_FILE_ERROR_INVALID,
    "code: expected text" },
  { "{'format': 'case-audit-tool', 'format_version': 1, 'code': ''}", CA_TOOL_FILE_ERROR_INVALID,
    "code: empty" },
  { "{'format': 'case-audit-tool', 'format_version': 1, 'code': 'Stage 1'}",
    CA_TOOL_FILE_ERROR_INVALID,
    "code: 'Stage 1' may contain only lower-case letters, digits and '-'" },
  { "{'format': 'case-audit-tool', 'format_version': 1, 'code': 'stage.1'}",
    CA_TOOL_FILE_ERROR_INVALID,
    "code: 'stage.1' may contain only lower-case letters, digits and '-'" },
  { "{'format': 'case-audit-tool', 'format_version': 1, 'code': 't', 'version': 1}",
    CA_TOOL_FILE_ERROR_INVALID, "name: missing" },
  { "{'format': 'case-audit-tool', 'format_version': 1, 'code': 't', 'name': '  '}",
    CA_TOOL_FILE_ERROR_INVALID, "name: empty" },
  /* Every text has a length that fits its field: a name is one line. */
  { "{'format': 'case-audit-tool', 'format_version': 1, 'code': 't', 'name': '"
    TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X
    TEN_X TEN_X TEN_X TEN_X TEN_X "x'}",
    CA_TOOL_FILE_ERROR_INVALID,
    "name is too long: it has 201 characters, and at most 200 are allowed." },
  { "{'format': 'case-audit-tool', 'format_version': 1, 'code': '"
    TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X "x'}",
    CA_TOOL_FILE_ERROR_INVALID,
    "code is too long: it has 101 characters, and at most 100 are allowed." },
  { "{" HEAD ", 'description': ['x'], 'sections': [" SECTION ("a") "]}",
    CA_TOOL_FILE_ERROR_INVALID, "description: expected text or null" },
  { "{'format': 'case-audit-tool', 'format_version': 1, 'code': 't', 'name': 'T'}",
    CA_TOOL_FILE_ERROR_INVALID, "version: missing" },
  { "{'format': 'case-audit-tool', 'format_version': 1, 'code': 't', 'name': 'T', 'version': 0}",
    CA_TOOL_FILE_ERROR_INVALID, "version: 0 is not a version; versions are numbered from 1" },
  { "{'format': 'case-audit-tool', 'format_version': 1, 'code': 't', 'name': 'T', "
    "'version': -3}",
    CA_TOOL_FILE_ERROR_INVALID, "version: -3 is not a version; versions are numbered from 1" },
  { "{'format': 'case-audit-tool', 'format_version': 1, 'code': 't', 'name': 'T', "
    "'version': 1.5}", CA_TOOL_FILE_ERROR_INVALID, "version: expected a whole number" },
  { "{" HEAD ", 'period_months': 0, 'sections': [" SECTION ("a") "]}",
    CA_TOOL_FILE_ERROR_INVALID,
    "period_months: 0 is not a period to review; give a number of months from 1 to 120" },
  { "{" HEAD ", 'pen_picture': 'yes', 'sections': [" SECTION ("a") "]}",
    CA_TOOL_FILE_ERROR_INVALID, "pen_picture: expected true or false" },
  { "{" HEAD ", 'overall_grade': 1, 'sections': [" SECTION ("a") "]}",
    CA_TOOL_FILE_ERROR_INVALID, "overall_grade: expected true or false" },
  { "{" HEAD "}", CA_TOOL_FILE_ERROR_INVALID, "sections: missing" },
  { "{" HEAD ", 'sections': {}}", CA_TOOL_FILE_ERROR_INVALID,
    "sections: expected a list of sections" },
  { TOOL (""), CA_TOOL_FILE_ERROR_INVALID, "sections: empty; a tool needs at least one section" },

  /* Sections. */
  { TOOL ("'assessment'"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0]: expected a section (a JSON object)" },
  { TOOL ("{'id': 'a', 'graded': true}"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].title: missing" },
  { TOOL ("{'title': 'A', 'graded': true}"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].id: missing" },
  { TOOL ("{'id': '', 'title': 'A'}"), CA_TOOL_FILE_ERROR_INVALID, "sections[0].id: empty" },
  { TOOL ("{'id': 'Assessment', 'title': 'A'}"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].id: 'Assessment' may contain only lower-case letters, digits, '-' and '.'" },
  { TOOL ("{'id': 'a_b', 'title': 'A'}"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].id: 'a_b' may contain only lower-case letters, digits, '-' and '.'" },
  { TOOL (SECTION ("a") ", {'id': 'b', 'title': 'B', 'graded': 'true'}"),
    CA_TOOL_FILE_ERROR_INVALID, "sections[1].graded: expected true or false" },
  { TOOL (SECTION ("a") ", " SECTION ("b") ", " SECTION ("a")), CA_TOOL_FILE_ERROR_INVALID,
    "sections[2].id: 'a' is used twice" },
  { TOOL ("{'id': 'a', 'title': 'A', 'grade': true}"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].grade: unknown member; check its spelling" },
  { TOOL ("{'id': 'a', 'title': 7}"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].title: expected text" },
  { TOOL ("{'id': 'a', 'title': 'A', 'guidance': false}"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].guidance: expected text or null" },
  { TOOL ("{'id': 'a', 'title': 'A', 'graded': true, 'questions': 'none'}"),
    CA_TOOL_FILE_ERROR_INVALID, "sections[0].questions: expected a list of questions" },
  { TOOL ("{'id': 'a', 'title': '" TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X
          TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X "!'}"),
    CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].title is too long: it has 201 characters, and at most 200 are allowed." },
  { TOOL (SECTION ("a") ", {'id': 'b', 'title': 'B', 'questions': []}"),
    CA_TOOL_FILE_ERROR_INVALID,
    "sections[1]: asks for nothing: give it questions, a grade ('graded': true) or a comments "
    "box ('comments': true)" },

  /* Questions. */
  { TOOL (WITH_QUESTIONS ("a", "'Q?'")), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0]: expected a question (a JSON object)" },
  { TOOL (SECTION ("a") ", " SECTION ("b") ", "
          WITH_QUESTIONS ("c", QUESTION ("c.1", "") ", " QUESTION ("c.2", "") ", "
                               QUESTION ("c.3", "") ", " QUESTION ("c.4", "") ", "
                               "{'id': 'c.5', 'text': 'Q?', 'type': 'maybe'}")),
    CA_TOOL_FILE_ERROR_INVALID, "sections[2].questions[4].type: unknown answer type 'maybe'" },
  { ONE_QUESTION (", 'type': ''"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].type: unknown answer type ''" },
  { TOOL (WITH_QUESTIONS ("a", "{'id': 'q', 'text': 'Q?'}")), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].type: missing" },
  { TOOL (WITH_QUESTIONS ("a", "{'id': 'q', 'text': 'Q?', 'type': 1}")),
    CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].type: expected one of 'yes-no-na', 'grade', 'text' or 'date'" },
  { TOOL (WITH_QUESTIONS ("a", "{'id': 'q', 'type': 'text'}")), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].text: missing" },
  { TOOL (WITH_QUESTIONS ("a", "{'text': 'Q?', 'type': 'text'}")), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].id: missing" },
  { TOOL (WITH_QUESTIONS ("a", "{'id': 'Child seen', 'text': 'Q?', 'type': 'text'}")),
    CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].id: 'Child seen' may contain only lower-case letters, digits, "
    "'-' and '.'" },
  { TOOL (WITH_QUESTIONS ("a", QUESTION ("q", "") ", " QUESTION ("q", ""))),
    CA_TOOL_FILE_ERROR_INVALID, "sections[0].questions[1].id: 'q' is used twice" },
  /* Unique across the whole tool: answers are stored by question id alone. */
  { TOOL (WITH_QUESTIONS ("a", QUESTION ("child-seen", "")) ", " SECTION ("b") ", "
          SECTION ("c") ", " WITH_QUESTIONS ("d", QUESTION ("child-seen", ""))),
    CA_TOOL_FILE_ERROR_INVALID, "sections[3].questions[0].id: 'child-seen' is used twice" },
  { ONE_QUESTION (", 'limitting': true"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].limitting: unknown member; check its spelling" },
  { ONE_QUESTION (", 'guidance': 3"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].guidance: expected text or null" },
  { ONE_QUESTION (", 'na_allowed': 'yes'"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].na_allowed: expected true or false" },
  { ONE_QUESTION (", 'required': null"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].required: expected true or false" },
  { ONE_QUESTION (", 'na_needs_reason': true"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].na_needs_reason: NA needs a reason only where NA is allowed: add "
    "'na_allowed': true" },
  { ONE_QUESTION (", 'na_needs_reason': true, 'na_allowed': false"), CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].na_needs_reason: NA needs a reason only where NA is allowed: add "
    "'na_allowed': true" },
  { TOOL (WITH_QUESTIONS ("a", "{'id': 'q', 'text': 'Q?', 'type': 'text', 'limiting': true}")),
    CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].limiting: only a yes-no-na question can be a limiting judgement, "
    "and this one is 'text'" },
  { TOOL (WITH_QUESTIONS ("a", "{'id': 'q', 'text': 'Q?', 'type': 'grade', 'limiting': true}")),
    CA_TOOL_FILE_ERROR_INVALID,
    "sections[0].questions[0].limiting: only a yes-no-na question can be a limiting judgement, "
    "and this one is 'grade'" },

  /* The kind of tool. */
  { "{" HEAD ", 'kind': 5, 'sections': [" SECTION ("a") "]}", CA_TOOL_FILE_ERROR_INVALID,
    "kind: expected 'audit' or 'moderation'" },
  { "{" HEAD ", 'kind': 'panel', 'sections': [" SECTION ("a") "]}", CA_TOOL_FILE_ERROR_INVALID,
    "kind: unknown kind 'panel'; a tool is an 'audit' tool (the default) or a 'moderation' "
    "tool" },
  { "{" HEAD ", 'parts': [], 'sections': [" SECTION ("a") "]}", CA_TOOL_FILE_ERROR_INVALID,
    "parts: only a moderation tool has parts; say 'kind': 'moderation', or give the "
    "'sections' of an audit tool" },
  { "{" MHEAD ", 'sections': [" SECTION ("a") "]}", CA_TOOL_FILE_ERROR_INVALID,
    "sections: only an audit tool has this; a moderation tool ('kind': 'moderation') has its "
    "'parts' instead" },
  { "{" MHEAD ", 'period_months': 6, 'parts': []}", CA_TOOL_FILE_ERROR_INVALID,
    "period_months: only an audit tool has this; a moderation tool ('kind': 'moderation') has "
    "its 'parts' instead" },
  { "{" MHEAD ", 'colour': 'blue', 'parts': []}", CA_TOOL_FILE_ERROR_INVALID,
    "colour: unknown member; check its spelling" },
  { "{'format': 'case-audit-tool', 'format_version': 3, 'kind': 'moderation'}",
    CA_TOOL_FILE_ERROR_TOO_NEW,
    "format_version: 3 is newer than this version of Case Audit can read (2); update Case "
    "Audit to use this tool" },

  /* A moderation tool's parts: the five of the Stage 2 form, in its order. */
  { "{" MHEAD "}", CA_TOOL_FILE_ERROR_INVALID, "parts: missing" },
  { "{" MHEAD ", 'parts': {}}", CA_TOOL_FILE_ERROR_INVALID, "parts: expected a list of parts" },
  { MODERATION (""), CA_TOOL_FILE_ERROR_INVALID,
    "parts: the part 'regrading' is missing; the parts of a moderation tool are 'regrading', "
    "'discussion', 'further-actions', 'learning' and 'difference', in that order" },
  { MODERATION ("'regrading'"), CA_TOOL_FILE_ERROR_INVALID,
    "parts[0]: expected a part (a JSON object)" },
  { MODERATION (PART ("discussion")), CA_TOOL_FILE_ERROR_INVALID,
    "parts[0].id: expected the part 'regrading' here, not 'discussion'; the parts of a "
    "moderation tool are 'regrading', 'discussion', 'further-actions', 'learning' and "
    "'difference', in that order" },
  { MODERATION ("{'title': 'T'}"), CA_TOOL_FILE_ERROR_INVALID, "parts[0].id: missing" },
  { MODERATION ("{'id': 'regrading'}"), CA_TOOL_FILE_ERROR_INVALID, "parts[0].title: missing" },
  { MODERATION ("{'id': 'regrading', 'title': ' '}"), CA_TOOL_FILE_ERROR_INVALID,
    "parts[0].title: empty" },
  { MODERATION ("{'id': 'regrading', 'title': 'T', 'guidance': 2}"), CA_TOOL_FILE_ERROR_INVALID,
    "parts[0].guidance: expected text or null" },
  { MODERATION ("{'id': 'regrading', 'title': 'T', 'questions': []}"),
    CA_TOOL_FILE_ERROR_INVALID, "parts[0].questions: unknown member; check its spelling" },
  { MODERATION ("{'id': 'regrading', 'title': 'T', 'answers': []}"), CA_TOOL_FILE_ERROR_INVALID,
    "parts[0].answers: only the part 'difference' has answers and a comment box" },
  { MODERATION (PART ("regrading") ", {'id': 'discussion', 'title': 'T', 'comment': 'C'}"),
    CA_TOOL_FILE_ERROR_INVALID,
    "parts[1].comment: only the part 'difference' has answers and a comment box" },
  { MODERATION (FOUR_PARTS), CA_TOOL_FILE_ERROR_INVALID,
    "parts: the part 'difference' is missing; the parts of a moderation tool are 'regrading', "
    "'discussion', 'further-actions', 'learning' and 'difference', in that order" },
  { MODERATION (FOUR_PARTS ", " DIFFERENCE ("[" ANSWERS "]") ", " PART ("learning")),
    CA_TOOL_FILE_ERROR_INVALID,
    "parts[5]: one part too many; the parts of a moderation tool are 'regrading', "
    "'discussion', 'further-actions', 'learning' and 'difference'" },

  /* The difference part: its comment box and the three answers. */
  { MODERATION (FOUR_PARTS ", {'id': 'difference', 'title': 'D', 'answers': [" ANSWERS "]}"),
    CA_TOOL_FILE_ERROR_INVALID, "parts[4].comment: missing" },
  { MODERATION (FOUR_PARTS ", {'id': 'difference', 'title': 'D', 'comment': 'C'}"),
    CA_TOOL_FILE_ERROR_INVALID,
    "parts[4].answers: missing; give the answers 'yes', 'partly' and 'not-yet', each with its "
    "label" },
  { MODERATION (FOUR_PARTS ", " DIFFERENCE ("'yes'")), CA_TOOL_FILE_ERROR_INVALID,
    "parts[4].answers: expected a list of answers" },
  { MODERATION (FOUR_PARTS ", " DIFFERENCE ("['yes']")), CA_TOOL_FILE_ERROR_INVALID,
    "parts[4].answers[0]: expected an answer (a JSON object with its code and label)" },
  { MODERATION (FOUR_PARTS ", " DIFFERENCE ("[" ANSWER ("yes", "Yes") ", "
                                            ANSWER ("partly", "Partly") "]")),
    CA_TOOL_FILE_ERROR_INVALID,
    "parts[4].answers: the answer 'not-yet' is missing; the answers are 'yes', 'partly' and "
    "'not-yet', in that order" },
  { MODERATION (FOUR_PARTS ", " DIFFERENCE ("[" ANSWER ("yes", "Yes") ", "
                                            ANSWER ("no", "No") ", "
                                            ANSWER ("not-yet", "Not yet") "]")),
    CA_TOOL_FILE_ERROR_INVALID,
    "parts[4].answers[1].code: expected 'partly' here, not 'no'; the answers are 'yes', "
    "'partly' and 'not-yet', in that order, and only their labels may change" },
  { MODERATION (FOUR_PARTS ", " DIFFERENCE ("[" ANSWERS ", " ANSWER ("maybe", "Maybe") "]")),
    CA_TOOL_FILE_ERROR_INVALID,
    "parts[4].answers[3]: one answer too many; the answers are 'yes', 'partly' and 'not-yet'" },
  { MODERATION (FOUR_PARTS ", " DIFFERENCE ("[{'code': 'yes'}]")), CA_TOOL_FILE_ERROR_INVALID,
    "parts[4].answers[0].label: missing" },
  { MODERATION (FOUR_PARTS ", " DIFFERENCE ("[{'code': 'yes', 'label': 'Yes', 'score': 1}]")),
    CA_TOOL_FILE_ERROR_INVALID, "parts[4].answers[0].score: unknown member; check its spelling" },
};

static char *
unquote (const char *text)
{
  char *copy = g_strdup (text);

  g_strdelimit (copy, "'", '"');
  return copy;
}

static void
test_refusals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CaToolDefinition) def = NULL;
      g_autofree char *json = unquote (refusals[i].json);
      g_autofree char *message = unquote (refusals[i].message);

      def = ca_tool_file_parse (json, strlen (json), &error);
      if (def != NULL)
        g_error ("case %u was accepted: %s", i, json);
      g_assert_error (error, CA_TOOL_FILE_ERROR, refusals[i].code);
      if (g_str_has_suffix (message, "…"))
        {
          message[strlen (message) - strlen ("…")] = '\0';
          if (!g_str_has_prefix (error->message, message))
            g_error ("case %u: \"%s\" does not start \"%s\"", i, error->message, message);
        }
      else if (!g_str_equal (error->message, message))
        {
          g_error ("case %u: \"%s\", expected \"%s\"", i, error->message, message);
        }
    }
}

/* The same rules hold for a tool built in code, and nothing it holds can crash the check. */
static void
test_validate (void)
{
  g_autoptr(CaToolDefinition) def = make_tool ();
  g_autoptr(CaToolDefinition) empty = ca_tool_definition_new ();
  g_autoptr(GError) error = NULL;
  CaToolSection *section = g_ptr_array_index (def->sections, 0);
  CaToolQuestion *question = g_ptr_array_index (section->questions, 2);

  g_assert_true (ca_tool_file_validate (def, &error));
  g_assert_no_error (error);

  question->limiting = TRUE;
  g_assert_false (ca_tool_file_validate (def, &error));
  g_assert_error (error, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "sections[0].questions[2].limiting: only a yes-no-na question can be a "
                   "limiting judgement, and this one is \"text\"");
  g_clear_error (&error);
  question->limiting = FALSE;

  question->type = (CaAnswerType) 42;
  g_assert_false (ca_tool_file_validate (def, &error));
  g_assert_cmpstr (error->message, ==,
                   "sections[0].questions[2].type: expected one of \"yes-no-na\", \"grade\", "
                   "\"text\" or \"date\"");
  g_clear_error (&error);

  g_assert_false (ca_tool_file_validate (empty, &error));
  g_assert_cmpstr (error->message, ==, "code: expected text");
  g_clear_error (&error);

  /* A moderation tool built in code, with its answers out of order, or a part missing. */
  {
    g_autoptr(CaToolDefinition) moderation = make_moderation_tool ();
    CaToolPart *difference = g_ptr_array_index (moderation->parts, 4);

    g_assert_true (ca_tool_file_validate (moderation, &error));
    g_assert_no_error (error);
    g_ptr_array_remove_index (difference->answers, 0);
    g_assert_false (ca_tool_file_validate (moderation, &error));
    g_assert_cmpstr (error->message, ==,
                     "parts[4].answers[0].code: expected \"yes\" here, not \"partly\"; the "
                     "answers are \"yes\", \"partly\" and \"not-yet\", in that order, and only "
                     "their labels may change");
    g_clear_error (&error);
    g_ptr_array_remove_index (moderation->parts, 1);
    g_assert_false (ca_tool_file_validate (moderation, &error));
    g_assert_true (g_str_has_prefix (error->message, "parts[1].id: expected the part "
                                                     "\"discussion\" here, not "
                                                     "\"further-actions\""));
  }
}

/* A file nested 80,000 deep crashed json-glib (it recurses); a device, or a 1 GB file, was
 * read whole into memory before it was refused. Each is refused now, before it is read or
 * parsed, and says why. */
static void
test_bounded_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaToolDefinition) def = NULL;
  g_autofree char *folder = g_dir_make_tmp ("ca-tool-file-XXXXXX", &error);
  g_autofree char *path = NULL;
  GString *deep = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < 80000; i++)
    g_string_append (deep, "{\"sections\": [");
  def = ca_tool_file_parse (deep->str, deep->len, &error);
  g_string_free (deep, TRUE);
  g_assert_null (def);
  g_assert_error (error, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_NOT_JSON);
  g_assert_cmpstr (error->message, ==, "line 1, column 1793: lists and objects are nested more "
                   "than 256 deep, which no file Case Audit reads needs");
  g_clear_error (&error);

  def = ca_tool_file_read ("/dev/zero", &error);
  g_assert_null (def);
  g_assert_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_NOT_A_FILE);
  g_clear_error (&error);

  /* A sparse gigabyte: no disk space used, and refused without a byte of it read. */
  path = g_build_filename (folder, "huge.json", NULL);
  g_assert_true (g_file_set_contents (path, "{", -1, &error));
  g_assert_cmpint (truncate (path, (off_t) 1 << 30), ==, 0);
  def = ca_tool_file_read (path, &error);
  g_assert_null (def);
  g_assert_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "“huge.json” is larger than 10.0\u00a0MB"));
  g_unlink (path);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tool-file/builtin/read", test_builtin);
  g_test_add_func ("/tool-file/builtin/files", test_builtin_files);
  g_test_add_func ("/tool-file/builtin/stage-2", test_stage_2);
  g_test_add_func ("/tool-file/round-trip", test_round_trip);
  g_test_add_func ("/tool-file/huge-guidance", test_huge_guidance);
  g_test_add_func ("/tool-file/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/tool-file/refusals", test_refusals);
  g_test_add_func ("/tool-file/bounded-input", test_bounded_input);
  g_test_add_func ("/tool-file/validate", test_validate);

  return g_test_run ();
}
