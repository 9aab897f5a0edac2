// SPDX-License-Identifier: GPL-3.0-or-later
// The Stage 2 moderation form field by field, its three-way merge, and what Submit asks of it.
//
// A moderation is a second look at an audit already submitted (seed 02, Stage 2): the
// moderator grades the sections the auditor graded and the audit overall, says why wherever
// the two grades differ (the difference is what coaching reconciles, seed 01), and records
// the reflective discussion with the worker and their managers and whether the work has made
// a difference for the child. The form is saved as it is typed, like the audit's draft, and
// merged field by field with another copy's saves (R-N2).

#define G_LOG_DOMAIN "ca-moderation-form"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-audit-draft-merge.h"
#include "ca-date.h"
#include "ca-merge.h"
#include "ca-moderation-form.h"
#include "ca-text.h"

#define SECTION_PREFIX "sections."
#define ACTION_PREFIX  "actions."
#define GRADE_SUFFIX   ".grade"
#define WHY_SUFFIX     ".why"

/* The fixed fields in the form's order. */
static const char * const scalar_fields[] = {
  "overall_grade", "overall_why", "discussion_date", "participants", "further_actions",
  "learning", "difference", "difference_comment",
};

static const CaMergeTextField text_fields[] = {
  { "overall_why", G_STRUCT_OFFSET (CaModerationForm, overall_why) },
  { "discussion_date", G_STRUCT_OFFSET (CaModerationForm, discussion_date) },
  { "participants", G_STRUCT_OFFSET (CaModerationForm, participants) },
  { "further_actions", G_STRUCT_OFFSET (CaModerationForm, further_actions) },
  { "learning", G_STRUCT_OFFSET (CaModerationForm, learning) },
  { "difference_comment", G_STRUCT_OFFSET (CaModerationForm, difference_comment) },
};

CaModerationForm *
ca_moderation_form_new (void)
{
  CaModerationForm *form = g_new0 (CaModerationForm, 1);

  form->grades = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  form->why = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  form->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_draft_action_free);
  return form;
}

CaModerationForm *
ca_moderation_form_copy (const CaModerationForm *form)
{
  CaModerationForm *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (form != NULL, NULL);

  copy = ca_moderation_form_new ();
  g_hash_table_iter_init (&iter, form->grades);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->grades, g_strdup (key), value);
  g_hash_table_iter_init (&iter, form->why);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->why, g_strdup (key), g_strdup (value));
  copy->overall_grade = form->overall_grade;
  copy->difference = form->difference;
  for (gsize i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      char **to = G_STRUCT_MEMBER_P (copy, text_fields[i].offset);
      char * const *from = G_STRUCT_MEMBER_P (form, text_fields[i].offset);

      *to = g_strdup (*from);
    }
  for (guint i = 0; i < form->actions->len; i++)
    g_ptr_array_add (copy->actions, ca_draft_action_copy (g_ptr_array_index (form->actions, i)));
  return copy;
}

void
ca_moderation_form_free (CaModerationForm *form)
{
  if (form == NULL)
    return;
  g_hash_table_unref (form->grades);
  g_hash_table_unref (form->why);
  g_ptr_array_unref (form->actions);
  for (gsize i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_free (G_STRUCT_MEMBER (char *, form, text_fields[i].offset));
  g_free (form);
}

CaGrade
ca_moderation_form_get_grade (const CaModerationForm *form,
                              const char             *section_id)
{
  g_return_val_if_fail (form != NULL, CA_GRADE_NONE);

  return GPOINTER_TO_INT (g_hash_table_lookup (form->grades, section_id));
}

void
ca_moderation_form_set_grade (CaModerationForm *form,
                              const char       *section_id,
                              CaGrade           grade)
{
  g_return_if_fail (form != NULL && section_id != NULL);

  if (grade == CA_GRADE_NONE)
    g_hash_table_remove (form->grades, section_id);
  else
    g_hash_table_insert (form->grades, g_strdup (section_id), GINT_TO_POINTER (grade));
}

const char *
ca_moderation_form_get_why (const CaModerationForm *form,
                            const char             *section_id)
{
  g_return_val_if_fail (form != NULL, NULL);

  return g_hash_table_lookup (form->why, section_id);
}

void
ca_moderation_form_set_why (CaModerationForm *form,
                            const char       *section_id,
                            const char       *why)
{
  g_return_if_fail (form != NULL && section_id != NULL);

  if (why == NULL || *why == '\0')
    g_hash_table_remove (form->why, section_id);
  else
    g_hash_table_insert (form->why, g_strdup (section_id), g_strdup (why));
}

/**
 * ca_moderation_form_new_action_key:
 *
 * Returns: (transfer full): a key for a further action just added, one of a kind whichever
 *   copy of the form makes it
 */
char *
ca_moderation_form_new_action_key (void)
{
  return g_uuid_string_random ();
}

/* Appends a further action with KEY (copied, as are the strings); returns its index. */
guint
ca_moderation_form_add_action (CaModerationForm *form,
                               const char       *key,
                               const char       *description,
                               gint64            owner_id,
                               const char       *due_date,
                               const char       *impact)
{
  CaDraftAction *action;

  g_return_val_if_fail (form != NULL && key != NULL, 0);

  action = ca_draft_action_new (description, owner_id, due_date, impact);
  action->key = g_strdup (key);
  g_ptr_array_add (form->actions, action);
  return form->actions->len - 1;
}

/* The index of the further action with KEY, or -1. */
int
ca_moderation_form_find_action (const CaModerationForm *form,
                                const char             *key)
{
  g_return_val_if_fail (form != NULL, -1);

  for (guint i = 0; key != NULL && i < form->actions->len; i++)
    if (g_strcmp0 (((CaDraftAction *) g_ptr_array_index (form->actions, i))->key, key) == 0)
      return (int) i;
  return -1;
}

/* "actions.<key>": the key, or NULL when WHERE names no action. */
static const char *
action_key (const char *where)
{
  if (!g_str_has_prefix (where, ACTION_PREFIX) || where[strlen (ACTION_PREFIX)] == '\0')
    return NULL;
  return where + strlen (ACTION_PREFIX);
}

/* Sets the further action KEY to VALUE (ca_draft_action_print()'s text) where it stands, or
 * at the end when it is new; removes it for no value. */
static gboolean
set_action (CaModerationForm *form,
            const char       *key,
            const char       *value)
{
  int index = ca_moderation_form_find_action (form, key);
  CaDraftAction *action;

  if (value == NULL || *value == '\0')
    {
      if (index >= 0)
        g_ptr_array_remove_index (form->actions, index);
      return TRUE;
    }
  if ((action = ca_draft_action_parse (value)) == NULL)
    return FALSE;
  action->key = g_strdup (key);
  if (index < 0)
    {
      g_ptr_array_add (form->actions, action);
      return TRUE;
    }
  ca_draft_action_free (g_ptr_array_index (form->actions, index));
  form->actions->pdata[index] = action;
  return TRUE;
}

/* The section a path "sections.<id>.grade" or "sections.<id>.why" names, or NULL. */
static char *
section_id (const char *where,
            gboolean   *is_grade)
{
  char *id;

  if ((id = ca_merge_path_part (where, SECTION_PREFIX, GRADE_SUFFIX)) != NULL)
    *is_grade = TRUE;
  else if ((id = ca_merge_path_part (where, SECTION_PREFIX, WHY_SUFFIX)) != NULL)
    *is_grade = FALSE;
  return id;
}

char *
ca_moderation_form_dup_field (const CaModerationForm *form,
                              const char             *where)
{
  char **slot;
  g_autofree char *id = NULL;
  gboolean is_grade = FALSE;
  const char *key;

  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (where != NULL, NULL);

  if ((slot = ca_merge_text_slot ((gpointer) form, text_fields, G_N_ELEMENTS (text_fields),
                                  where)) != NULL)
    return ca_merge_dup_value (*slot);
  if ((key = action_key (where)) != NULL)
    {
      int index = ca_moderation_form_find_action (form, key);

      return index >= 0 ? ca_draft_action_print (g_ptr_array_index (form->actions, index))
                        : NULL;
    }
  if (g_str_equal (where, "overall_grade"))
    return ca_grade_dup_value (form->overall_grade);
  if (g_str_equal (where, "difference"))
    return form->difference != CA_DIFFERENCE_NONE
           ? g_strdup (ca_difference_to_string (form->difference)) : NULL;
  if ((id = section_id (where, &is_grade)) != NULL)
    return is_grade ? ca_grade_dup_value (ca_moderation_form_get_grade (form, id))
                    : ca_merge_dup_value (ca_moderation_form_get_why (form, id));
  return NULL;
}

gboolean
ca_moderation_form_set_field (CaModerationForm *form,
                              const char       *where,
                              const char       *value)
{
  char **slot;
  g_autofree char *id = NULL;
  gboolean is_grade = FALSE;
  gboolean empty = value == NULL || *value == '\0';
  const char *key;

  g_return_val_if_fail (form != NULL, FALSE);
  g_return_val_if_fail (where != NULL, FALSE);

  if ((slot = ca_merge_text_slot (form, text_fields, G_N_ELEMENTS (text_fields), where)) != NULL)
    {
      g_free (*slot);
      *slot = ca_merge_dup_value (value);
      return TRUE;
    }
  if ((key = action_key (where)) != NULL)
    return set_action (form, key, value);
  if (g_str_equal (where, "overall_grade"))
    return ca_grade_parse_value (value, &form->overall_grade);
  if (g_str_equal (where, "difference"))
    {
      CaDifference difference = empty ? CA_DIFFERENCE_NONE : ca_difference_from_string (value);

      if (!empty && difference == CA_DIFFERENCE_NONE)
        return FALSE;
      form->difference = difference;
      return TRUE;
    }
  if ((id = section_id (where, &is_grade)) != NULL)
    {
      CaGrade grade;

      if (!is_grade)
        {
          ca_moderation_form_set_why (form, id, value);
          return TRUE;
        }
      if (!ca_grade_parse_value (value, &grade))
        return FALSE;
      ca_moderation_form_set_grade (form, id, grade);
      return TRUE;
    }
  return FALSE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every path any of FORMS (NULL-terminated) has: the fixed ones, then each section's, then
 * each further action's in the order the forms show them (the first form's, then rows only
 * a later one has), so that a merge keeps the stored rows' order and adds new ones after. */
static GPtrArray *
list_fields (const gconstpointer *records)
{
  const CaModerationForm * const *forms = (const CaModerationForm * const *) records;
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) sections = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) actions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (scalar_fields); i++)
    g_ptr_array_add (fields, g_strdup (scalar_fields[i]));
  for (guint f = 0; forms[f] != NULL; f++)
    {
      GHashTable *tables[] = { forms[f]->grades, forms[f]->why };

      for (gsize t = 0; t < G_N_ELEMENTS (tables); t++)
        {
          GHashTableIter iter;
          gpointer key;

          g_hash_table_iter_init (&iter, tables[t]);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (g_hash_table_add (sections, key))
              g_ptr_array_add (ids, key);
        }
    }
  /* In a stable order, so that two runs list conflicts alike. */
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    {
      g_ptr_array_add (fields, g_strconcat (SECTION_PREFIX, ids->pdata[i], GRADE_SUFFIX, NULL));
      g_ptr_array_add (fields, g_strconcat (SECTION_PREFIX, ids->pdata[i], WHY_SUFFIX, NULL));
    }
  for (guint f = 0; forms[f] != NULL; f++)
    for (guint i = 0; i < forms[f]->actions->len; i++)
      {
        const char *key = ((CaDraftAction *) g_ptr_array_index (forms[f]->actions, i))->key;

        if (key != NULL && g_hash_table_add (actions, (gpointer) key))
          g_ptr_array_add (fields, g_strconcat (ACTION_PREFIX, key, NULL));
      }
  return fields;
}

static const CaMergeKind merge_kind = {
  (CaMergeGetFunc) ca_moderation_form_dup_field,
  (CaMergeSetFunc) ca_moderation_form_set_field,
  (gpointer (*) (gconstpointer)) ca_moderation_form_copy,
  list_fields,
};

GStrv
ca_moderation_form_diff (const CaModerationForm *a,
                         const CaModerationForm *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  return ca_merge_diff_records (&merge_kind, a, b);
}

CaModerationForm *
ca_moderation_form_merge (const CaModerationForm *base,
                          const CaModerationForm *mine,
                          const CaModerationForm *theirs,
                          GStrv                  *conflicts)
{
  g_return_val_if_fail (base != NULL && mine != NULL && theirs != NULL, NULL);

  return ca_merge_records (&merge_kind, base, mine, theirs, conflicts);
}

/* The moderator's grade GRADE against the auditor's AUDITOR: where they differ, the
 * difference must be explained (R-H3), so that coaching can reconcile it (seed 01). */
static void
check_grade (GPtrArray  *problems,
             const char *grade_path,
             const char *why_path,
             const char *label,
             CaGrade     grade,
             CaGrade     auditor,
             const char *why)
{
  if (grade == CA_GRADE_NONE)
    {
      g_autofree char *message =
        /* Translators: %s is a part of the audit, e.g. "Assessment" or "the audit overall" */
        g_strdup_printf (_("Give your grade for %s."), label);

      g_ptr_array_add (problems, ca_rule_problem_new (grade_path, message));
    }
  else if (auditor != CA_GRADE_NONE && grade != auditor && ca_rule_text_is_blank (why))
    {
      g_autofree char *message =
        /* Translators: the first %s is a part of the audit, e.g. "Assessment"; the second
         * and third are grades, e.g. "Good" and "Requires Improvement" */
        g_strdup_printf (_("Say why your grade for %s (%s) differs from the auditor’s (%s)."),
                         label, ca_grade_get_label (grade), ca_grade_get_label (auditor));

      g_ptr_array_add (problems, ca_rule_problem_new (why_path, message));
    }
}

/**
 * ca_moderation_form_check:
 * @form: the moderator's form
 * @sections: (element-type CaModeratedSection): the sections the auditor graded
 * @auditor_overall: the auditor's overall grade
 *
 * What stands in the way of submitting @form: a grade missing for a section the auditor
 * graded or for the audit overall, a grade that differs from the auditor's with no "why", a
 * discussion date that is not a date or is still to come, a further action short of what an
 * audit's action needs (R-F5: a description, an owner, a real due date and the impact for
 * the child; "actions[N].…", as the audit's own actions), and the question whether the work
 * made a difference left unanswered.
 *
 * Returns: (transfer full) (element-type CaRuleProblem): the problems in the form's order,
 *   empty when it may be submitted
 */
GPtrArray *
ca_moderation_form_check (const CaModerationForm *form,
                          GPtrArray              *sections,
                          CaGrade                 auditor_overall)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_rule_problem_free);
  GDate date, today;

  g_return_val_if_fail (form != NULL, problems);
  g_return_val_if_fail (sections != NULL, problems);

  for (guint i = 0; i < sections->len; i++)
    {
      const CaModeratedSection *section = g_ptr_array_index (sections, i);
      g_autofree char *grade_path = g_strconcat (SECTION_PREFIX, section->id, GRADE_SUFFIX,
                                                 NULL);
      g_autofree char *why_path = g_strconcat (SECTION_PREFIX, section->id, WHY_SUFFIX, NULL);

      check_grade (problems, grade_path, why_path,
                   section->title != NULL ? section->title : section->id,
                   ca_moderation_form_get_grade (form, section->id), section->auditor_grade,
                   ca_moderation_form_get_why (form, section->id));
    }
  check_grade (problems, "overall_grade", "overall_why", _("the audit overall"),
               form->overall_grade, auditor_overall, form->overall_why);

  if (form->discussion_date != NULL)
    {
      ca_date_set_today (&today);
      if (!ca_date_parse (form->discussion_date, &date))
        g_ptr_array_add (problems,
                         ca_rule_problem_new ("discussion_date",
                                              _("The date of the discussion is not a date. "
                                                "Write it as day, month and year.")));
      else if (g_date_compare (&date, &today) > 0)
        g_ptr_array_add (problems,
                         ca_rule_problem_new ("discussion_date",
                                              _("The discussion cannot be dated after today.")));
    }
  /* Set at the discussion, after the audit: no limit from the audit's date. */
  ca_audit_rules_check_actions (form->actions, NULL, problems);
  if (form->difference == CA_DIFFERENCE_NONE)
    g_ptr_array_add (problems,
                     ca_rule_problem_new ("difference",
                                          _("Say whether the work has made a difference for "
                                            "the child.")));
  return problems;
}

static const char * const difference_codes[] = { NULL, "yes", "partly", "not-yet" };

const char *
ca_difference_to_string (CaDifference difference)
{
  g_return_val_if_fail (difference < G_N_ELEMENTS (difference_codes), NULL);

  return difference_codes[difference];
}

CaDifference
ca_difference_from_string (const char *code)
{
  int i = ca_text_find_code (difference_codes, G_N_ELEMENTS (difference_codes), code);

  return i < 0 ? CA_DIFFERENCE_NONE : (CaDifference) i;
}

const char *
ca_difference_get_label (CaDifference difference)
{
  switch (difference)
    {
    case CA_DIFFERENCE_YES:
      return _("Yes");
    case CA_DIFFERENCE_PARTLY:
      return _("Partly");
    case CA_DIFFERENCE_NOT_YET:
      return _("Not yet");
    case CA_DIFFERENCE_NONE:
    default:
      return _("Not answered");
    }
}

static void
moderated_answer_free (CaModeratedAnswer *answer)
{
  g_free (answer->question_id);
  g_free (answer->question);
  g_free (answer->answer);
  g_free (answer);
}

CaModeratedSection *
ca_moderated_section_new (const char *id,
                          const char *title,
                          CaGrade     auditor_grade,
                          const char *comments)
{
  CaModeratedSection *section = g_new0 (CaModeratedSection, 1);

  section->id = g_strdup (id);
  section->title = g_strdup (title);
  section->auditor_grade = auditor_grade;
  section->auditor_comments = g_strdup (comments);
  section->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) moderated_answer_free);
  return section;
}

/* Adds QUESTION (QUESTION_ID) and the auditor's ANSWER to it, in words, after those added. */
void
ca_moderated_section_add_answer (CaModeratedSection *section,
                                 const char         *question_id,
                                 const char         *question,
                                 const char         *answer)
{
  CaModeratedAnswer *added = g_new0 (CaModeratedAnswer, 1);

  g_return_if_fail (section != NULL);

  added->question_id = g_strdup (question_id);
  added->question = g_strdup (question);
  added->answer = g_strdup (answer);
  g_ptr_array_add (section->answers, added);
}

void
ca_moderated_section_free (CaModeratedSection *section)
{
  if (section == NULL)
    return;
  g_free (section->id);
  g_free (section->title);
  g_free (section->auditor_comments);
  g_ptr_array_unref (section->answers);
  g_free (section);
}
