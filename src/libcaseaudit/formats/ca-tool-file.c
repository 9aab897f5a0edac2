// SPDX-License-Identifier: GPL-3.0-or-later
// The audit tool file format (JSON): reading with validation, writing, and the built-in tools.
// A file holds an audit tool (sections and questions) or a moderation tool (the Stage 2 form's
// parts); "kind" tells them apart, and a file without it is an audit tool, as all were before.

#define G_LOG_DOMAIN "ca-tool-file"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "ca-input-file.h"
#include "ca-json-path.h"
#include "ca-json-scan.h"
#include "ca-tool-file.h"
#include "core/ca-moderation-form.h"
#include "core/ca-text.h"

/* A longer review is not an audit of recent practice; seed 02 reviews the last 6 months. */
#define MAX_PERIOD_MONTHS 120

/* Codes and ids are used in file names and paths; the longest shipped is 47 characters. */
#define MAX_IDENTIFIER_CHARS 100

/* The members each level may have, in the order ca_tool_file_to_json() writes them.
 * Anything else is refused, so that a misspelt flag is caught rather than read as false. */
static const char * const tool_members[] = {
  "format", "format_version", "kind", "code", "name", "description", "version", "period_months",
  "pen_picture", "overall_grade", "actions", "feedback", "sections", NULL
};
static const char * const moderation_members[] = {
  "format", "format_version", "kind", "code", "name", "description", "version", "parts", NULL
};
/* An audit tool's members that a moderation tool does not have: named as such, rather than
 * as a misspelling. */
static const char * const audit_only_members[] = {
  "period_months", "pen_picture", "overall_grade", "actions", "feedback", "sections", NULL
};
static const char * const part_members[] = {
  "id", "title", "guidance", "comment", "answers", NULL
};
static const char * const answer_members[] = { "code", "label", NULL };
static const char * const section_members[] = {
  "id", "title", "guidance", "graded", "comments", "questions", NULL
};
static const char * const question_members[] = {
  "id", "text", "guidance", "type", "na_allowed", "na_needs_reason", "limiting", "required", NULL
};

/* The ids seen so far: question ids are unique across the whole tool, since answers are
 * stored by question id alone. */
typedef struct
{
  GHashTable *section_ids;
  GHashTable *question_ids;
} Reader;

G_DEFINE_QUARK (ca-tool-file-error-quark, ca_tool_file_error)

/* Errors name the element; the domain is this file's. */
#define set_error_at(error, code, ...) \
  ca_json_set_error_at ((error), CA_TOOL_FILE_ERROR, (code), __VA_ARGS__)

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Lower-case letters, digits and hyphens, and full stops where ALLOW_DOT: safe in file
 * names, paths and the database, and the same whatever the locale. */
static gboolean
is_identifier (const char *text,
               gboolean    allow_dot)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!((*p >= 'a' && *p <= 'z') || g_ascii_isdigit (*p) || *p == '-' ||
          (allow_dot && *p == '.')))
      return FALSE;
  return TRUE;
}

static gboolean
check_members (JsonObject          *object,
               const char          *path,
               const char * const  *known,
               GError             **error)
{
  return ca_json_check_members (object, path, known, CA_TOOL_FILE_ERROR,
                                CA_TOOL_FILE_ERROR_INVALID,
                                _("unknown member; check its spelling"), error);
}

/* A REQUIRED text must be present and not blank; an optional one may be missing or null,
 * which reads as NULL. Either is valid UTF-8 of at most MAX_CHARS characters. */
static gboolean
read_text (JsonObject  *object,
           const char  *path,
           const char  *name,
           gboolean     required,
           gsize        max_chars,
           char       **out,
           GError     **error)
{
  g_autofree char *where = ca_json_member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && required)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where, _("missing"));
      return FALSE;
    }
  if (node == NULL || (!required && JSON_NODE_HOLDS_NULL (node)))
    {
      *out = NULL;
      return TRUE;
    }
  if (!ca_json_holds_type (node, G_TYPE_STRING))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where,
                    required ? _("expected text") : _("expected text or null"));
      return FALSE;
    }
  if (required && is_blank (json_node_get_string (node)))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where, _("empty"));
      return FALSE;
    }
  if (!ca_text_check_full (json_node_get_string (node), max_chars, where, CA_TOOL_FILE_ERROR,
                           CA_TOOL_FILE_ERROR_INVALID, error))
    return FALSE;

  *out = json_node_dup_string (node);
  return TRUE;
}

/* A flag left out is false. */
static gboolean
read_flag (JsonObject  *object,
           const char  *path,
           const char  *name,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      *out = FALSE;
      return TRUE;
    }
  if (!ca_json_holds_type (node, G_TYPE_BOOLEAN))
    {
      g_autofree char *where = ca_json_member_path (path, name);

      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where, _("expected true or false"));
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A whole number; an optional one left out keeps the value *OUT already has. */
static gboolean
read_number (JsonObject  *object,
             const char  *path,
             const char  *name,
             gboolean     required,
             gint64      *out,
             GError     **error)
{
  g_autofree char *where = ca_json_member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where, _("missing"));
      return FALSE;
    }
  if (!ca_json_holds_type (node, G_TYPE_INT64))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where, _("expected a whole number"));
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

/* A section's or question's id: present, well formed and used once in the tool. */
static gboolean
read_id (JsonObject  *object,
         const char  *path,
         GHashTable  *seen,
         char       **out,
         GError     **error)
{
  g_autofree char *where = ca_json_member_path (path, "id");
  g_autofree char *id = NULL;

  if (!read_text (object, path, "id", TRUE, MAX_IDENTIFIER_CHARS, &id, error))
    return FALSE;
  if (!is_identifier (id, TRUE))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where,
                    _("\"%s\" may contain only lower-case letters, digits, \"-\" and \".\""), id);
      return FALSE;
    }
  if (g_hash_table_contains (seen, id))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where, _("\"%s\" is used twice"), id);
      return FALSE;
    }

  g_hash_table_add (seen, g_strdup (id));
  *out = g_steal_pointer (&id);
  return TRUE;
}

static gboolean
read_answer_type (JsonObject    *object,
                  const char    *path,
                  CaAnswerType  *out,
                  GError       **error)
{
  g_autofree char *where = ca_json_member_path (path, "type");
  JsonNode *node = json_object_get_member (object, "type");

  if (node == NULL)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where, _("missing"));
      return FALSE;
    }
  if (!ca_json_holds_type (node, G_TYPE_STRING))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where,
                    _("expected one of \"yes-no-na\", \"grade\", \"text\" or \"date\""));
      return FALSE;
    }
  if (!ca_answer_type_from_string (json_node_get_string (node), out))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where, _("unknown answer type \"%s\""),
                    json_node_get_string (node));
      return FALSE;
    }
  return TRUE;
}

static CaToolQuestion *
read_question (Reader      *reader,
               JsonNode    *node,
               const char  *path,
               GError     **error)
{
  g_autoptr(CaToolQuestion) question = ca_tool_question_new ();
  JsonObject *object;

  object = ca_json_get_object (node, path, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_INVALID,
                               _("expected a question (a JSON object)"), error);
  if (object == NULL)
    return NULL;

  if (!check_members (object, path, question_members, error) ||
      !read_id (object, path, reader->question_ids, &question->id, error) ||
      !read_text (object, path, "text", TRUE, CA_TEXT_MAX_LINE, &question->text, error) ||
      !read_text (object, path, "guidance", FALSE, CA_TEXT_MAX_NOTES, &question->guidance,
                  error) ||
      !read_answer_type (object, path, &question->type, error) ||
      !read_flag (object, path, "na_allowed", &question->na_allowed, error) ||
      !read_flag (object, path, "na_needs_reason", &question->na_needs_reason, error) ||
      !read_flag (object, path, "limiting", &question->limiting, error) ||
      !read_flag (object, path, "required", &question->required, error))
    return NULL;

  if (question->na_needs_reason && !question->na_allowed)
    {
      g_autofree char *where = ca_json_member_path (path, "na_needs_reason");

      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where,
                    _("NA needs a reason only where NA is allowed: add \"na_allowed\": true"));
      return NULL;
    }
  /* R-F3: a limiting judgement is met by Yes (or NA with a reason): it needs those answers. */
  if (question->limiting && question->type != CA_ANSWER_YES_NO_NA)
    {
      g_autofree char *where = ca_json_member_path (path, "limiting");

      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where,
                    _("only a yes-no-na question can be a limiting judgement, and this one "
                      "is \"%s\""), ca_answer_type_to_string (question->type));
      return NULL;
    }

  return g_steal_pointer (&question);
}

static CaToolSection *
read_section (Reader      *reader,
              JsonNode    *node,
              const char  *path,
              GError     **error)
{
  g_autoptr(CaToolSection) section = ca_tool_section_new ();
  JsonObject *object;
  JsonNode *questions;

  object = ca_json_get_object (node, path, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_INVALID,
                               _("expected a section (a JSON object)"), error);
  if (object == NULL)
    return NULL;

  if (!check_members (object, path, section_members, error) ||
      !read_id (object, path, reader->section_ids, &section->id, error) ||
      !read_text (object, path, "title", TRUE, CA_TEXT_MAX_NAME, &section->title, error) ||
      !read_text (object, path, "guidance", FALSE, CA_TEXT_MAX_NOTES, &section->guidance,
                  error) ||
      !read_flag (object, path, "graded", &section->graded, error) ||
      !read_flag (object, path, "comments", &section->has_comments, error))
    return NULL;

  /* Seed 02's Comments and Actions section has a comments box and no questions. */
  questions = json_object_get_member (object, "questions");
  if (questions != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (questions))
        {
          g_autofree char *where = ca_json_member_path (path, "questions");

          set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where,
                        _("expected a list of questions"));
          return NULL;
        }

      array = json_node_get_array (questions);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *where = g_strdup_printf ("%s.questions[%u]", path, i);
          CaToolQuestion *question = read_question (reader, json_array_get_element (array, i),
                                                    where, error);

          if (question == NULL)
            return NULL;
          g_ptr_array_add (section->questions, question);
        }
    }

  if (section->questions->len == 0 && !section->graded && !section->has_comments)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, path,
                    _("asks for nothing: give it questions, a grade (\"graded\": true) or a "
                      "comments box (\"comments\": true)"));
      return NULL;
    }

  return g_steal_pointer (&section);
}

/* "kind": left out, a tool is an audit tool. */
static gboolean
read_kind (JsonObject  *object,
           CaToolKind  *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, "kind");

  *out = CA_TOOL_KIND_AUDIT;
  if (node == NULL)
    return TRUE;
  if (!ca_json_holds_type (node, G_TYPE_STRING))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "kind",
                    _("expected \"audit\" or \"moderation\""));
      return FALSE;
    }
  if (!ca_tool_kind_from_string (json_node_get_string (node), out))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "kind",
                    _("unknown kind \"%s\"; a tool is an \"audit\" tool (the default) or a "
                      "\"moderation\" tool"), json_node_get_string (node));
      return FALSE;
    }
  return TRUE;
}

/* The difference part's answers: Yes, Partly and Not yet (seed 02), each in the tool's own
 * words but stored by the codes the moderation keeps (schema 0011), in that order. */
static gboolean
read_answers (JsonObject  *object,
              const char  *path,
              CaToolPart  *part,
              GError     **error)
{
  g_autofree char *where = ca_json_member_path (path, "answers");
  JsonNode *node = json_object_get_member (object, "answers");
  JsonArray *array;
  guint n;

  if (node == NULL)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where,
                    _("missing; give the answers \"yes\", \"partly\" and \"not-yet\", each "
                      "with its label"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where, _("expected a list of answers"));
      return FALSE;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n || i < CA_DIFFERENCE_NOT_YET; i++)
    {
      g_autofree char *at = g_strdup_printf ("%s[%u]", where, i);
      const char *expected = i < CA_DIFFERENCE_NOT_YET
                             ? ca_difference_to_string ((CaDifference) (i + 1)) : NULL;
      g_autofree char *code = NULL;
      g_autofree char *label = NULL;
      g_autofree char *code_at = NULL;
      JsonObject *answer;

      if (i >= n)
        {
          set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where,
                        _("the answer \"%s\" is missing; the answers are \"yes\", "
                          "\"partly\" and \"not-yet\", in that order"), expected);
          return FALSE;
        }
      if (expected == NULL)
        {
          set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, at,
                        _("one answer too many; the answers are \"yes\", \"partly\" and "
                          "\"not-yet\""));
          return FALSE;
        }
      answer = ca_json_get_object (json_array_get_element (array, i), at, CA_TOOL_FILE_ERROR,
                                   CA_TOOL_FILE_ERROR_INVALID,
                                   _("expected an answer (a JSON object with its code and label)"),
                                   error);
      if (answer == NULL ||
          !check_members (answer, at, answer_members, error) ||
          !read_text (answer, at, "code", TRUE, MAX_IDENTIFIER_CHARS, &code, error))
        return FALSE;
      if (!g_str_equal (code, expected))
        {
          code_at = ca_json_member_path (at, "code");
          set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, code_at,
                        _("expected \"%s\" here, not \"%s\"; the answers are \"yes\", "
                          "\"partly\" and \"not-yet\", in that order, and only their labels "
                          "may change"), expected, code);
          return FALSE;
        }
      if (!read_text (answer, at, "label", TRUE, CA_TEXT_MAX_NAME, &label, error))
        return FALSE;
      g_ptr_array_add (part->answers, ca_tool_answer_new (code, label));
    }
  return TRUE;
}

/* Part I of a moderation tool: the part EXPECTED, with a title and its guidance; the
 * difference part also has its answers and the title of its comment box. */
static CaToolPart *
read_part (JsonNode    *node,
           const char  *path,
           const char  *expected,
           GError     **error)
{
  g_autoptr(CaToolPart) part = ca_tool_part_new ();
  gboolean difference = g_str_equal (expected, CA_TOOL_PART_DIFFERENCE);
  g_autofree char *where = NULL;
  JsonObject *object;

  object = ca_json_get_object (node, path, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_INVALID,
                               _("expected a part (a JSON object)"), error);
  if (object == NULL ||
      !check_members (object, path, part_members, error) ||
      !read_text (object, path, "id", TRUE, MAX_IDENTIFIER_CHARS, &part->id, error))
    return NULL;
  if (!g_str_equal (part->id, expected))
    {
      where = ca_json_member_path (path, "id");
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where,
                    _("expected the part \"%s\" here, not \"%s\"; the parts of a moderation "
                      "tool are \"regrading\", \"discussion\", \"further-actions\", "
                      "\"learning\" and \"difference\", in that order"), expected, part->id);
      return NULL;
    }
  if (!read_text (object, path, "title", TRUE, CA_TEXT_MAX_NAME, &part->title, error) ||
      !read_text (object, path, "guidance", FALSE, CA_TEXT_MAX_NOTES, &part->guidance, error))
    return NULL;

  if (!difference)
    {
      const char *extra = json_object_has_member (object, "answers") ? "answers"
                          : json_object_has_member (object, "comment") ? "comment" : NULL;

      if (extra == NULL)
        return g_steal_pointer (&part);
      where = ca_json_member_path (path, extra);
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where,
                    _("only the part \"difference\" has answers and a comment box"));
      return NULL;
    }
  if (!read_text (object, path, "comment", TRUE, CA_TEXT_MAX_NAME, &part->comment, error) ||
      !read_answers (object, path, part, error))
    return NULL;
  return g_steal_pointer (&part);
}

/* A moderation tool's parts: each of them once, in the form's order. */
static gboolean
read_parts (JsonObject        *object,
            CaToolDefinition  *def,
            GError           **error)
{
  const char * const *ids = ca_tool_moderation_part_ids ();
  JsonNode *parts = json_object_get_member (object, "parts");
  JsonArray *array;
  guint n, n_ids = g_strv_length ((char **) ids);

  if (parts == NULL)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "parts", _("missing"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (parts))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "parts", _("expected a list of parts"));
      return FALSE;
    }
  array = json_node_get_array (parts);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf ("parts[%u]", i);
      CaToolPart *part;

      if (i >= n_ids)
        {
          set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, where,
                        _("one part too many; the parts of a moderation tool are \"regrading\", "
                          "\"discussion\", \"further-actions\", \"learning\" and "
                          "\"difference\""));
          return FALSE;
        }
      part = read_part (json_array_get_element (array, i), where, ids[i], error);
      if (part == NULL)
        return FALSE;
      g_ptr_array_add (def->parts, part);
    }
  if (n < n_ids)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "parts",
                    _("the part \"%s\" is missing; the parts of a moderation tool are "
                      "\"regrading\", \"discussion\", \"further-actions\", \"learning\" and "
                      "\"difference\", in that order"), ids[n]);
      return FALSE;
    }
  return TRUE;
}

/* The members of one kind of tool, with the other kind's named as what they are. */
static gboolean
check_kind_members (JsonObject  *object,
                    CaToolKind   kind,
                    GError     **error)
{
  if (kind == CA_TOOL_KIND_AUDIT)
    {
      if (json_object_has_member (object, "parts"))
        {
          set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "parts",
                        _("only a moderation tool has parts; say \"kind\": \"moderation\", or "
                          "give the \"sections\" of an audit tool"));
          return FALSE;
        }
      return check_members (object, "", tool_members, error);
    }

  for (guint i = 0; audit_only_members[i] != NULL; i++)
    if (json_object_has_member (object, audit_only_members[i]))
      {
        set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, audit_only_members[i],
                      _("only an audit tool has this; a moderation tool (\"kind\": "
                        "\"moderation\") has its \"parts\" instead"));
        return FALSE;
      }
  return check_members (object, "", moderation_members, error);
}

/* "format" and "format_version" first: another kind of file, or a newer format whose
 * members this version does not know, is told apart from a tool with a mistake in it. */
static gboolean
check_format (JsonObject  *object,
              GError     **error)
{
  JsonNode *format = json_object_get_member (object, "format");
  gint64 format_version = 0;

  if (format == NULL)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_NOT_TOOL, "format",
                    _("missing; a Case Audit tool file says \"format\": \"%s\""),
                    CA_TOOL_FILE_FORMAT);
      return FALSE;
    }
  if (!ca_json_holds_type (format, G_TYPE_STRING) ||
      g_strcmp0 (json_node_get_string (format), CA_TOOL_FILE_FORMAT) != 0)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_NOT_TOOL, "format",
                    _("not a Case Audit tool file (expected \"%s\")"), CA_TOOL_FILE_FORMAT);
      return FALSE;
    }

  if (!read_number (object, "", "format_version", TRUE, &format_version, error))
    return FALSE;
  if (format_version > CA_TOOL_FILE_FORMAT_VERSION)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_TOO_NEW, "format_version",
                    _("%" G_GINT64_FORMAT " is newer than this version of Case Audit can read "
                      "(%d); update Case Audit to use this tool"),
                    format_version, CA_TOOL_FILE_FORMAT_VERSION);
      return FALSE;
    }
  if (format_version < 1)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "format_version",
                    _("%" G_GINT64_FORMAT " is not a format version; the first is 1"),
                    format_version);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_tool (Reader            *reader,
           JsonObject        *object,
           CaToolDefinition  *def,
           GError           **error)
{
  gint64 version = 0;
  gint64 period_months = def->period_months;
  JsonNode *sections;
  JsonArray *array;

  if (!check_format (object, error) ||
      !read_kind (object, &def->kind, error) ||
      !check_kind_members (object, def->kind, error) ||
      !read_text (object, "", "code", TRUE, MAX_IDENTIFIER_CHARS, &def->code, error))
    return FALSE;
  if (!is_identifier (def->code, FALSE))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "code",
                    _("\"%s\" may contain only lower-case letters, digits and \"-\""), def->code);
      return FALSE;
    }

  if (!read_text (object, "", "name", TRUE, CA_TEXT_MAX_NAME, &def->name, error) ||
      !read_text (object, "", "description", FALSE, CA_TEXT_MAX_NOTES, &def->description,
                  error) ||
      !read_number (object, "", "version", TRUE, &version, error))
    return FALSE;
  if (version < 1 || version > G_MAXINT32)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "version",
                    _("%" G_GINT64_FORMAT " is not a version; versions are numbered from 1"),
                    version);
      return FALSE;
    }
  def->version = (int) version;
  if (def->kind == CA_TOOL_KIND_MODERATION)
    return read_parts (object, def, error);

  if (!read_number (object, "", "period_months", FALSE, &period_months, error))
    return FALSE;
  if (period_months < 1 || period_months > MAX_PERIOD_MONTHS)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "period_months",
                    _("%" G_GINT64_FORMAT " is not a period to review; give a number of months "
                      "from 1 to %d"), period_months, MAX_PERIOD_MONTHS);
      return FALSE;
    }
  def->period_months = (guint) period_months;

  if (!read_flag (object, "", "pen_picture", &def->pen_picture, error) ||
      !read_flag (object, "", "overall_grade", &def->overall_grade, error) ||
      !read_flag (object, "", "actions", &def->actions, error) ||
      !read_flag (object, "", "feedback", &def->feedback, error))
    return FALSE;

  sections = json_object_get_member (object, "sections");
  if (sections == NULL)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "sections", _("missing"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (sections))
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "sections",
                    _("expected a list of sections"));
      return FALSE;
    }
  array = json_node_get_array (sections);
  if (json_array_get_length (array) == 0)
    {
      set_error_at (error, CA_TOOL_FILE_ERROR_INVALID, "sections",
                    _("empty; a tool needs at least one section"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("sections[%u]", i);
      CaToolSection *section = read_section (reader, json_array_get_element (array, i), where,
                                             error);

      if (section == NULL)
        return FALSE;
      g_ptr_array_add (def->sections, section);
    }
  return TRUE;
}

/**
 * ca_tool_file_parse:
 * @json: the file's contents
 * @length: the length of @json in bytes
 *
 * Reads an audit tool file and checks all of it. A file with any mistake is refused with a
 * message that names the path of the bad element, such as
 * `sections[2].questions[4].type: unknown answer type "maybe"`.
 *
 * Returns: (transfer full): the tool, or %NULL with @error set in %CA_TOOL_FILE_ERROR
 */
CaToolDefinition *
ca_tool_file_parse (const char  *json,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(CaToolDefinition) def = NULL;
  Reader reader;
  JsonNode *root;
  gboolean ok;

  g_return_val_if_fail (json != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > G_MAXSSIZE)
    {
      g_set_error_literal (error, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_NOT_JSON,
                           _("not a tool file: it is far too large"));
      return NULL;
    }
  /* Not UTF-8, nested too deep or with an escape that is no character: refused, with the
   * place, before json-glib sees it. */
  parser = json_parser_new ();
  if (!ca_json_load (parser, json, (gssize) length, &parse_error))
    {
      ca_json_set_parse_error (error, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_NOT_JSON,
                               parse_error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_NOT_JSON,
                           _("not a tool file: it is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_NOT_TOOL,
                   _("not a Case Audit tool file: it should be a JSON object with "
                     "\"format\": \"%s\""), CA_TOOL_FILE_FORMAT);
      return NULL;
    }

  def = ca_tool_definition_new ();
  reader.section_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.question_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ok = read_tool (&reader, json_node_get_object (root), def, error);
  g_hash_table_unref (reader.section_ids);
  g_hash_table_unref (reader.question_ids);

  return ok ? g_steal_pointer (&def) : NULL;
}

static void
add_flag (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value != FALSE);
}

static void
add_question (JsonBuilder          *builder,
              const CaToolQuestion *question)
{
  /* An out-of-range type (only code can make one) is written as null, which the reader
   * refuses with the question's path. */
  const char *type = (guint) question->type <= CA_ANSWER_DATE
                     ? ca_answer_type_to_string (question->type) : NULL;

  json_builder_begin_object (builder);
  ca_json_add_string_member (builder, "id", question->id);
  ca_json_add_string_member (builder, "text", question->text);
  ca_json_add_string_member (builder, "guidance", question->guidance);
  ca_json_add_string_member (builder, "type", type);
  add_flag (builder, "na_allowed", question->na_allowed);
  add_flag (builder, "na_needs_reason", question->na_needs_reason);
  add_flag (builder, "limiting", question->limiting);
  add_flag (builder, "required", question->required);
  json_builder_end_object (builder);
}

static void
add_section (JsonBuilder         *builder,
             const CaToolSection *section)
{
  json_builder_begin_object (builder);
  ca_json_add_string_member (builder, "id", section->id);
  ca_json_add_string_member (builder, "title", section->title);
  ca_json_add_string_member (builder, "guidance", section->guidance);
  add_flag (builder, "graded", section->graded);
  add_flag (builder, "comments", section->has_comments);
  json_builder_set_member_name (builder, "questions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < section->questions->len; i++)
    add_question (builder, g_ptr_array_index (section->questions, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_part (JsonBuilder      *builder,
          const CaToolPart *part)
{
  json_builder_begin_object (builder);
  ca_json_add_string_member (builder, "id", part->id);
  ca_json_add_string_member (builder, "title", part->title);
  ca_json_add_string_member (builder, "guidance", part->guidance);
  /* Only the difference part has a comment box and answers; the reader refuses them
   * elsewhere, even as null. */
  if (part->comment != NULL || part->answers->len > 0)
    {
      ca_json_add_string_member (builder, "comment", part->comment);
      json_builder_set_member_name (builder, "answers");
      json_builder_begin_array (builder);
      for (guint i = 0; i < part->answers->len; i++)
        {
          const CaToolAnswer *answer = g_ptr_array_index (part->answers, i);

          json_builder_begin_object (builder);
          ca_json_add_string_member (builder, "code", answer->code);
          ca_json_add_string_member (builder, "label", answer->label);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

/* A moderation tool: its parts, and none of an audit tool's members. */
static void
add_moderation_tool (JsonBuilder            *builder,
                     const CaToolDefinition *def)
{
  ca_json_add_string_member (builder, "format", CA_TOOL_FILE_FORMAT);
  ca_json_add_int_member (builder, "format_version", CA_TOOL_FILE_FORMAT_VERSION);
  ca_json_add_string_member (builder, "kind", ca_tool_kind_to_string (CA_TOOL_KIND_MODERATION));
  ca_json_add_string_member (builder, "code", def->code);
  ca_json_add_string_member (builder, "name", def->name);
  ca_json_add_string_member (builder, "description", def->description);
  ca_json_add_int_member (builder, "version", def->version);
  json_builder_set_member_name (builder, "parts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < def->parts->len; i++)
    add_part (builder, g_ptr_array_index (def->parts, i));
  json_builder_end_array (builder);
}

/**
 * ca_tool_file_to_json:
 * @def: a tool
 *
 * Writes @def as a tool file: indented, every member written (null or false included) in
 * a fixed order, so that equal tools give equal text and a file diffs well.
 * ca_tool_file_parse() reads it back to an equal definition.
 *
 * Returns: (transfer full): the JSON text, ending with a newline
 */
char *
ca_tool_file_to_json (const CaToolDefinition *def)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = NULL;

  g_return_val_if_fail (def != NULL, NULL);

  json_builder_begin_object (builder);
  if (def->kind == CA_TOOL_KIND_MODERATION)
    {
      add_moderation_tool (builder, def);
      json_builder_end_object (builder);
      text = ca_json_to_text (builder, TRUE);
      return g_strconcat (text, "\n", NULL);
    }

  /* An audit tool is written as before moderation tools came, without "kind": format 1,
   * which every version of Case Audit reads. */
  ca_json_add_string_member (builder, "format", CA_TOOL_FILE_FORMAT);
  ca_json_add_int_member (builder, "format_version", CA_TOOL_FILE_FORMAT_VERSION_AUDIT);
  ca_json_add_string_member (builder, "code", def->code);
  ca_json_add_string_member (builder, "name", def->name);
  ca_json_add_string_member (builder, "description", def->description);
  ca_json_add_int_member (builder, "version", def->version);
  ca_json_add_int_member (builder, "period_months", def->period_months);
  add_flag (builder, "pen_picture", def->pen_picture);
  add_flag (builder, "overall_grade", def->overall_grade);
  add_flag (builder, "actions", def->actions);
  add_flag (builder, "feedback", def->feedback);
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; def->sections != NULL && i < def->sections->len; i++)
    add_section (builder, g_ptr_array_index (def->sections, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  text = ca_json_to_text (builder, TRUE);
  return g_strconcat (text, "\n", NULL);
}

/**
 * ca_tool_file_validate:
 * @def: a tool built in code or read from elsewhere
 *
 * Checks @def by the same rules as a file, with the same messages: what the store keeps
 * can always be exported and read back.
 */
gboolean
ca_tool_file_validate (const CaToolDefinition  *def,
                       GError                 **error)
{
  g_autofree char *json = NULL;
  g_autoptr(CaToolDefinition) parsed = NULL;

  g_return_val_if_fail (def != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json = ca_tool_file_to_json (def);
  parsed = ca_tool_file_parse (json, strlen (json), error);
  return parsed != NULL;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/**
 * ca_tool_file_load_builtin:
 *
 * The tools Case Audit ships (data/tools), read from the library's resources, ordered by
 * file name so that every database installs them in the same order.
 *
 * Returns: (transfer full) (element-type CaToolDefinition): the tools
 */
GPtrArray *
ca_tool_file_load_builtin (GError **error)
{
  g_autoptr(GPtrArray) tools = NULL;
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  names = g_resources_enumerate_children (CA_TOOL_FILE_BUILTIN_PATH,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return NULL;
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  tools = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_tool_definition_free);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *resource = g_strconcat (CA_TOOL_FILE_BUILTIN_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      CaToolDefinition *def;
      gsize length = 0;
      const char *data;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return NULL;
      data = g_bytes_get_data (bytes, &length);
      def = ca_tool_file_parse (data, length, error);
      if (def == NULL)
        {
          g_prefix_error (error, _("The built-in tool %s is damaged: "), names[i]);
          return NULL;
        }
      g_ptr_array_add (tools, def);
    }
  return g_steal_pointer (&tools);
}

/**
 * ca_tool_file_read:
 * @path: a tool file (JSON)
 *
 * Reads and checks the tool file at PATH. The message of a file that is not a valid tool
 * starts with PATH, then says what is wrong and where (ca_tool_file_parse()), keeping the
 * error's code.
 */
CaToolDefinition *
ca_tool_file_read (const char  *path,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CaToolDefinition) def = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) contents = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Read once and bounded while reading (a device or a huge file is refused before it fills
   * the memory); the message already names the file. */
  file = g_file_new_for_path (path);
  contents = ca_input_file_read (file, CA_TOOL_FILE_MAX_SIZE, CA_INPUT_FILE_WAIT_SECONDS, NULL,
                                 error);
  if (contents == NULL)
    return NULL;
  data = g_bytes_get_data (contents, &length);
  def = ca_tool_file_parse (data, length, &local_error);
  if (def == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", path,
                   local_error->message);
      return NULL;
    }
  return g_steal_pointer (&def);
}

/**
 * ca_tool_file_write:
 *
 * Writes DEF as a tool file at PATH, whole or not at all; an existing file is replaced only
 * with %CA_OUTPUT_FILE_REPLACE in FLAGS (see ca-output-file.h).
 */
gboolean
ca_tool_file_write (const CaToolDefinition  *def,
                    const char              *path,
                    CaOutputFileFlags        flags,
                    GError                 **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (def != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Mode 0644, not the database's 0600: a tool is a blank form with no one's personal data
   * in it, written to be shared with colleagues and other councils. */
  json = ca_tool_file_to_json (def);
  return ca_output_file_set_contents (path, json, -1, flags, 0644, error);
}
