// SPDX-License-Identifier: GPL-3.0-or-later
// A draft field by field, and the three-way merge of two copies' changes to one draft.
//
// Two windows (two desktops on one shared file, or the window and a second process) can
// hold the same draft. Each remembers what it last saw stored; when it saves, only the
// fields it changed since then are written, and a field the other copy changed meanwhile
// is taken in rather than overwritten. Only a field both changed, differently, is a
// conflict, and then neither text is dropped: the store keeps the other's and sets this
// copy's aside until someone chooses. Merging by field rather than refusing on a whole-draft
// version means that two people answering different questions never trouble each other.

#define G_LOG_DOMAIN "ca-audit-draft-merge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ca-audit-draft-merge.h"
#include "ca-date.h"
#include "ca-merge.h"

/* The fixed fields in the form's order. */
static const char * const scalar_fields[] = {
  "audit_date", "period_start", "period_end", "joint_practitioner", "pen_picture",
  "overall_grade", "category", "done_well", "comments", "feedback_method", "feedback_date",
  "feedback_summary",
};

#define QUESTION_PREFIX "questions."
#define SECTION_PREFIX  "sections."
#define GRADE_SUFFIX    ".grade"
#define COMMENTS_SUFFIX ".comments"

/* The fixed fields the draft keeps as text (the joint practitioner, grade and category are
 * numbers). */
static const CaMergeTextField text_fields[] = {
  { "audit_date", G_STRUCT_OFFSET (CaAuditDraft, audit_date) },
  { "period_start", G_STRUCT_OFFSET (CaAuditDraft, period_start) },
  { "period_end", G_STRUCT_OFFSET (CaAuditDraft, period_end) },
  { "pen_picture", G_STRUCT_OFFSET (CaAuditDraft, pen_picture) },
  { "done_well", G_STRUCT_OFFSET (CaAuditDraft, done_well) },
  { "comments", G_STRUCT_OFFSET (CaAuditDraft, comments) },
  { "feedback_method", G_STRUCT_OFFSET (CaAuditDraft, feedback_method) },
  { "feedback_date", G_STRUCT_OFFSET (CaAuditDraft, feedback_date) },
  { "feedback_summary", G_STRUCT_OFFSET (CaAuditDraft, feedback_summary) },
};

static char **
scalar_slot (CaAuditDraft *draft,
             const char   *where)
{
  return ca_merge_text_slot (draft, text_fields, G_N_ELEMENTS (text_fields), where);
}

/* "sections.ID.grade" → "ID" with *IS_GRADE TRUE; NULL when WHERE is not a section path. */
static char *
section_id (const char *where,
            gboolean   *is_grade)
{
  char *id;

  if ((id = ca_merge_path_part (where, SECTION_PREFIX, GRADE_SUFFIX)) != NULL)
    *is_grade = TRUE;
  else if ((id = ca_merge_path_part (where, SECTION_PREFIX, COMMENTS_SUFFIX)) != NULL)
    *is_grade = FALSE;
  return id;
}

/* Answers and the actions table are written as GVariant text: exact for any text a person
 * can type, and read back by the same library. */
static char *
print_answer (const CaAnswer *answer)
{
  g_autoptr(GVariant) variant = NULL;

  if (answer == NULL ||
      ((answer->value == NULL || *answer->value == '\0') &&
       (answer->reason == NULL || *answer->reason == '\0')))
    return NULL;
  variant = g_variant_ref_sink (g_variant_new ("(msms)",
                                               answer->value && *answer->value ? answer->value
                                                                               : NULL,
                                               answer->reason && *answer->reason ? answer->reason
                                                                                 : NULL));
  return g_variant_print (variant, FALSE);
}

/* One row of an actions table, as the audit's table holds each row and a moderator's
 * further action (merged row by row) is held alone. */
#define ACTION_TYPE "(msxmsmsb)"

static GVariant *
action_to_variant (const CaDraftAction *action)
{
  return g_variant_new (ACTION_TYPE,
                        action->description && *action->description ? action->description : NULL,
                        action->owner_id,
                        action->due_date && *action->due_date ? action->due_date : NULL,
                        action->impact && *action->impact ? action->impact : NULL,
                        action->safeguarding);
}

static CaDraftAction *
action_from_variant (GVariant *row)
{
  const char *description, *due_date, *impact;
  gint64 owner_id;
  gboolean safeguarding;
  CaDraftAction *action;

  g_variant_get (row, "(m&sxm&sm&sb)", &description, &owner_id, &due_date, &impact,
                 &safeguarding);
  action = ca_draft_action_new (description, owner_id, due_date, impact);
  action->safeguarding = safeguarding;
  return action;
}

static char *
print_actions (const CaAuditDraft *draft)
{
  g_autoptr(GVariant) variant = NULL;
  GVariantBuilder builder;

  if (draft->actions->len == 0)
    return NULL;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a" ACTION_TYPE));
  for (guint i = 0; i < draft->actions->len; i++)
    g_variant_builder_add_value (&builder,
                                 action_to_variant (g_ptr_array_index (draft->actions, i)));
  variant = g_variant_ref_sink (g_variant_builder_end (&builder));
  return g_variant_print (variant, FALSE);
}

static GVariant *
parse_variant (const char *type,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *variant = g_variant_parse (G_VARIANT_TYPE (type), text, NULL, NULL, &error);

  return variant != NULL ? g_variant_ref_sink (variant) : NULL;
}

/**
 * ca_audit_draft_dup_field:
 * @where: a field's path (see the header)
 *
 * Returns: (transfer full) (nullable): the field's value as text, %NULL when it has none
 */
char *
ca_audit_draft_dup_field (const CaAuditDraft *draft,
                          const char         *where)
{
  char **slot;
  g_autofree char *id = NULL;
  gboolean is_grade = FALSE;

  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (where != NULL, NULL);

  if ((slot = scalar_slot ((CaAuditDraft *) draft, where)) != NULL)
    return ca_merge_dup_value (*slot);
  if (g_str_equal (where, "joint_practitioner"))
    return draft->joint_practitioner_id > 0
           ? g_strdup_printf ("%" G_GINT64_FORMAT, draft->joint_practitioner_id) : NULL;
  if (g_str_equal (where, "overall_grade"))
    return ca_grade_dup_value (draft->overall_grade);
  if (g_str_equal (where, "category"))
    return draft->category != CA_CATEGORY_NONE ? g_strdup_printf ("%d", draft->category) : NULL;
  if (g_str_equal (where, "actions"))
    return print_actions (draft);
  if (g_str_has_prefix (where, QUESTION_PREFIX))
    return print_answer (ca_audit_draft_get_answer (draft, where + strlen (QUESTION_PREFIX)));
  if ((id = section_id (where, &is_grade)) != NULL)
    return is_grade ? ca_grade_dup_value (ca_audit_draft_get_section_grade (draft, id))
                    : ca_merge_dup_value (ca_audit_draft_get_section_comments (draft, id));
  return NULL;
}

static gboolean
parse_id (const char *value,
          gint64     *id)
{
  char *end = NULL;
  gint64 parsed;

  if (value == NULL || *value == '\0')
    {
      *id = 0;
      return TRUE;
    }
  parsed = g_ascii_strtoll (value, &end, 10);
  if (end == value || *end != '\0' || parsed < 0)
    return FALSE;
  *id = parsed;
  return TRUE;
}

static gboolean
set_actions (CaAuditDraft *draft,
             const char   *value)
{
  g_autoptr(GVariant) rows = NULL;
  GVariantIter iter;
  GVariant *row;

  if (value != NULL && *value != '\0')
    {
      rows = parse_variant ("a" ACTION_TYPE, value);
      if (rows == NULL)
        return FALSE;
    }
  g_ptr_array_set_size (draft->actions, 0);
  if (rows == NULL)
    return TRUE;
  g_variant_iter_init (&iter, rows);
  while ((row = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_ptr_array_add (draft->actions, action_from_variant (row));
      g_variant_unref (row);
    }
  return TRUE;
}

/**
 * ca_draft_action_print:
 *
 * Returns: (transfer full): @action as text, as one row of the "actions" field; its key is
 *   not part of it
 */
char *
ca_draft_action_print (const CaDraftAction *action)
{
  g_autoptr(GVariant) variant = NULL;

  g_return_val_if_fail (action != NULL, NULL);

  variant = g_variant_ref_sink (action_to_variant (action));
  return g_variant_print (variant, FALSE);
}

/**
 * ca_draft_action_parse:
 * @value: as ca_draft_action_print() gives it
 *
 * Returns: (transfer full) (nullable): the action, without a key; %NULL when @value is not one
 */
CaDraftAction *
ca_draft_action_parse (const char *value)
{
  g_autoptr(GVariant) row = NULL;

  if (value == NULL || *value == '\0' || (row = parse_variant (ACTION_TYPE, value)) == NULL)
    return NULL;
  return action_from_variant (row);
}

/**
 * ca_audit_draft_set_field:
 * @value: (nullable): as ca_audit_draft_dup_field() gives it; %NULL or "" clears the field
 *
 * Returns: %FALSE, changing nothing, when @where names no field or @value is not one of
 *   its values
 */
gboolean
ca_audit_draft_set_field (CaAuditDraft *draft,
                          const char   *where,
                          const char   *value)
{
  char **slot;
  g_autofree char *id = NULL;
  gboolean is_grade = FALSE;
  gboolean empty = value == NULL || *value == '\0';

  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (where != NULL, FALSE);

  if ((slot = scalar_slot (draft, where)) != NULL)
    {
      g_free (*slot);
      *slot = ca_merge_dup_value (value);
      return TRUE;
    }
  if (g_str_equal (where, "joint_practitioner"))
    return parse_id (value, &draft->joint_practitioner_id);
  if (g_str_equal (where, "overall_grade"))
    return ca_grade_parse_value (value, &draft->overall_grade);
  if (g_str_equal (where, "category"))
    {
      gint64 category = 0;

      if (!parse_id (value, &category) || category > CA_CATEGORY_MAX)
        return FALSE;
      draft->category = (int) category;
      return TRUE;
    }
  if (g_str_equal (where, "actions"))
    return set_actions (draft, value);
  if (g_str_has_prefix (where, QUESTION_PREFIX) && where[strlen (QUESTION_PREFIX)] != '\0')
    {
      const char *question = where + strlen (QUESTION_PREFIX);
      g_autoptr(GVariant) answer = NULL;
      const char *answer_value = NULL, *reason = NULL;

      if (!empty)
        {
          answer = parse_variant ("(msms)", value);
          if (answer == NULL)
            return FALSE;
          g_variant_get (answer, "(m&sm&s)", &answer_value, &reason);
        }
      ca_audit_draft_set_answer (draft, question, answer_value, reason);
      return TRUE;
    }
  if ((id = section_id (where, &is_grade)) != NULL)
    {
      CaGrade grade;

      if (!is_grade)
        {
          ca_audit_draft_set_section_comments (draft, id, empty ? NULL : value);
          return TRUE;
        }
      if (!ca_grade_parse_value (value, &grade))
        return FALSE;
      ca_audit_draft_set_section_grade (draft, id, grade);
      return TRUE;
    }
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_keys (GHashTable  *seen,
          GHashTable  *table,
          const char  *prefix,
          const char  *suffix)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (seen, g_strconcat (prefix, key, suffix, NULL));
}

/* Every field any of DRAFTS (NULL-terminated) has or could have, in a stable order. */
static GPtrArray *
list_fields (const gconstpointer *records)
{
  const CaAuditDraft * const *drafts = (const CaAuditDraft * const *) records;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  for (guint i = 0; i < G_N_ELEMENTS (scalar_fields); i++)
    g_ptr_array_add (fields, g_strdup (scalar_fields[i]));

  for (guint i = 0; drafts[i] != NULL; i++)
    {
      add_keys (seen, drafts[i]->answers, QUESTION_PREFIX, "");
      add_keys (seen, drafts[i]->section_grades, SECTION_PREFIX, GRADE_SUFFIX);
      add_keys (seen, drafts[i]->section_comments, SECTION_PREFIX, COMMENTS_SUFFIX);
    }
  keys = g_hash_table_get_keys_as_array (seen, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_keys; i++)
    g_ptr_array_add (fields, g_strdup (keys[i]));

  g_ptr_array_add (fields, g_strdup ("actions"));
  return fields;
}

static const CaMergeKind merge_kind = {
  (CaMergeGetFunc) ca_audit_draft_dup_field,
  (CaMergeSetFunc) ca_audit_draft_set_field,
  (gpointer (*) (gconstpointer)) ca_audit_draft_copy,
  list_fields,
};

GStrv
ca_audit_draft_diff (const CaAuditDraft *a,
                     const CaAuditDraft *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  return ca_merge_diff_records (&merge_kind, a, b);
}

CaAuditDraft *
ca_audit_draft_merge (const CaAuditDraft *base,
                      const CaAuditDraft *mine,
                      const CaAuditDraft *theirs,
                      GStrv              *conflicts)
{
  g_return_val_if_fail (base != NULL && mine != NULL && theirs != NULL, NULL);

  return ca_merge_records (&merge_kind, base, mine, theirs, conflicts);
}

/* ---------------------------------------------------------------------------------------- *
 * In words
 * ---------------------------------------------------------------------------------------- */

char *
ca_answer_describe (const CaToolQuestion *question,
                    const CaAnswer       *answer)
{
  g_return_val_if_fail (question != NULL, NULL);

  if (answer == NULL || ca_rule_text_is_blank (answer->value))
    return g_strdup (_("Not answered"));

  if (g_str_equal (answer->value, CA_ANSWER_VALUE_NA) && question->type != CA_ANSWER_TEXT)
    {
      if (ca_rule_text_is_blank (answer->reason))
        return g_strdup (_("Not applicable"));
      /* TRANSLATORS: an answer of NA with the reason given for it */
      return g_strdup_printf (_("Not applicable — %s"), answer->reason);
    }

  switch (question->type)
    {
    case CA_ANSWER_YES_NO_NA:
      if (g_str_equal (answer->value, CA_ANSWER_VALUE_YES))
        return g_strdup (_("Yes"));
      if (g_str_equal (answer->value, CA_ANSWER_VALUE_NO))
        return g_strdup (_("No"));
      return g_strdup (answer->value);
    case CA_ANSWER_GRADE:
      {
        CaGrade grade = ca_grade_from_string (answer->value);

        if (grade == CA_GRADE_NONE)
          return g_strdup (answer->value);
        return g_strdup (ca_grade_get_label (grade));
      }
    case CA_ANSWER_DATE:
      return ca_date_format_display (answer->value);
    case CA_ANSWER_TEXT:
    default:
      return g_strdup (answer->value);
    }
}

static const struct
{
  const char *where;
  const char *label;
} field_labels[] = {
  { "audit_date", N_("Audit date") },
  { "period_start", N_("Period reviewed from") },
  { "period_end", N_("Period reviewed to") },
  { "joint_practitioner", N_("Done jointly with") },
  { "pen_picture", N_("Pen picture of the child's journey") },
  { "overall_grade", N_("Overall grade") },
  { "category", N_("Category") },
  { "done_well", N_("What has been done well") },
  { "comments", N_("Overall comments") },
  { "feedback_method", N_("How the feedback was given") },
  { "feedback_date", N_("Date of the feedback") },
  { "feedback_summary", N_("Summary of the feedback") },
  { "actions", N_("Actions") },
};

char *
ca_audit_draft_describe_field (const CaToolDefinition *definition,
                               const char             *where)
{
  g_autofree char *id = NULL;
  gboolean is_grade = FALSE;

  g_return_val_if_fail (definition != NULL, NULL);
  g_return_val_if_fail (where != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (where, field_labels[i].where))
      return g_strdup (_(field_labels[i].label));

  if (g_str_has_prefix (where, QUESTION_PREFIX))
    {
      const CaToolQuestion *question =
        ca_tool_definition_find_question (definition, where + strlen (QUESTION_PREFIX));

      if (question != NULL)
        return g_strdup (question->text);
    }
  else if ((id = section_id (where, &is_grade)) != NULL)
    {
      const CaToolSection *section = ca_tool_definition_find_section (definition, id);
      const char *title = section != NULL ? section->title : id;

      /* Translators: "Planning grade", "Planning comments" */
      return is_grade ? g_strdup_printf (_("%s grade"), title)
                      : g_strdup_printf (_("%s comments"), title);
    }
  return g_strdup (where);
}

static const char *
lookup_name (GHashTable *staff_names,
             gint64      staff_id)
{
  const char *name = staff_names != NULL ? g_hash_table_lookup (staff_names, &staff_id) : NULL;

  return name != NULL ? name : _("someone no longer listed");
}

char *
ca_audit_draft_describe_value (const CaToolDefinition *definition,
                               const char             *where,
                               const char             *value,
                               GHashTable             *staff_names)
{
  g_autoptr(CaAuditDraft) draft = ca_audit_draft_new ();
  g_autofree char *id = NULL;
  gboolean is_grade = FALSE;

  g_return_val_if_fail (definition != NULL, NULL);
  g_return_val_if_fail (where != NULL, NULL);

  if (!ca_audit_draft_set_field (draft, where, value))
    return g_strdup (value);

  if (g_str_has_prefix (where, QUESTION_PREFIX))
    {
      const char *question_id = where + strlen (QUESTION_PREFIX);
      const CaToolQuestion *question = ca_tool_definition_find_question (definition, question_id);
      const CaAnswer *answer = ca_audit_draft_get_answer (draft, question_id);

      if (question != NULL)
        return ca_answer_describe (question, answer);
      return g_strdup (answer != NULL && answer->value != NULL ? answer->value : _("Not answered"));
    }
  if (value == NULL || *value == '\0')
    return g_strdup (_("Empty"));
  if (g_str_equal (where, "overall_grade"))
    return g_strdup (ca_grade_get_label (draft->overall_grade));
  if (g_str_equal (where, "category"))
    return g_strdup (ca_category_get_label (draft->category));
  if (g_str_equal (where, "joint_practitioner"))
    return g_strdup (lookup_name (staff_names, draft->joint_practitioner_id));
  if (g_str_equal (where, "feedback_method"))
    {
      const char *label = ca_feedback_method_get_label (draft->feedback_method);

      return g_strdup (label != NULL ? label : draft->feedback_method);
    }
  if (g_str_has_suffix (where, "_date") || g_str_has_prefix (where, "period_"))
    return ca_date_format_display (value);
  if ((id = section_id (where, &is_grade)) != NULL && is_grade)
    return g_strdup (ca_grade_get_label (ca_audit_draft_get_section_grade (draft, id)));
  if (g_str_equal (where, "actions"))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < draft->actions->len; i++)
        {
          const CaDraftAction *action = g_ptr_array_index (draft->actions, i);
          g_autofree char *due = action->due_date ? ca_date_format_display (action->due_date)
                                                  : g_strdup (_("no due date"));

          if (i > 0)
            g_string_append_c (text, '\n');
          /* Translators: one action of a list: "1. Visit the child — Zoe Walker, by 4 Dec 2026" */
          g_string_append_printf (text, _("%u. %s — %s, by %s"), i + 1,
                                  action->description ? action->description : _("(not described)"),
                                  action->owner_id ? lookup_name (staff_names, action->owner_id)
                                                   : _("no owner"),
                                  due);
        }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  return g_strdup (value);
}
