// SPDX-License-Identifier: GPL-3.0-or-later
// The manager's response to a submitted audit (R-F9) as plain data, and its rules.

#define G_LOG_DOMAIN "ca-manager-response"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "ca-date.h"
#include "ca-manager-response.h"
#include "ca-merge.h"

CaResponseAction *
ca_response_action_new (gint64      action_id,
                        const char *description,
                        const char *due_date)
{
  CaResponseAction *action = g_new0 (CaResponseAction, 1);

  action->action_id = action_id;
  action->description = g_strdup (description);
  action->due_date = g_strdup (due_date);
  return action;
}

CaResponseAction *
ca_response_action_copy (const CaResponseAction *action)
{
  CaResponseAction *copy;

  g_return_val_if_fail (action != NULL, NULL);

  copy = ca_response_action_new (action->action_id, action->description, action->due_date);
  copy->owner_id = action->owner_id;
  copy->owner = g_strdup (action->owner);
  copy->plan = g_strdup (action->plan);
  copy->by_when = g_strdup (action->by_when);
  return copy;
}

void
ca_response_action_free (CaResponseAction *action)
{
  if (action == NULL)
    return;

  g_free (action->description);
  g_free (action->owner);
  g_free (action->due_date);
  g_free (action->plan);
  g_free (action->by_when);
  g_free (action);
}

CaManagerResponse *
ca_manager_response_new (gint64 audit_id)
{
  CaManagerResponse *response = g_new0 (CaManagerResponse, 1);

  response->audit_id = audit_id;
  response->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_response_action_free);
  return response;
}

/* A deep copy, for instance to hand a snapshot to a thread. */
CaManagerResponse *
ca_manager_response_copy (const CaManagerResponse *response)
{
  CaManagerResponse *copy;

  g_return_val_if_fail (response != NULL, NULL);

  copy = ca_manager_response_new (response->audit_id);
  copy->manager_id = response->manager_id;
  copy->response = g_strdup (response->response);
  copy->stretch_target = g_strdup (response->stretch_target);
  copy->decision = g_strdup (response->decision);
  copy->responded_on = g_strdup (response->responded_on);
  copy->due_date = g_strdup (response->due_date);
  copy->overdue = response->overdue;
  for (guint i = 0; i < response->actions->len; i++)
    g_ptr_array_add (copy->actions,
                     ca_response_action_copy (g_ptr_array_index (response->actions, i)));
  return copy;
}

void
ca_manager_response_free (CaManagerResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->response);
  g_free (response->stretch_target);
  g_free (response->decision);
  g_free (response->responded_on);
  g_free (response->due_date);
  g_ptr_array_unref (response->actions);
  g_free (response);
}

/* Overdue: not yet recorded, and TODAY (in England) is after the due date. A response with no
 * due date (an audit submitted without actions) is never overdue. */
gboolean
ca_manager_response_is_overdue (const CaManagerResponse *response,
                                const GDate             *today)
{
  GDate due;

  g_return_val_if_fail (response != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (response->responded_on != NULL && *response->responded_on != '\0')
    return FALSE;
  if (response->due_date == NULL || !ca_date_parse (response->due_date, &due))
    return FALSE;
  return g_date_compare (today, &due) > 0;
}

static void
add_problem (GPtrArray  *problems,
             const char *where,
             char       *message)
{
  g_ptr_array_add (problems, ca_rule_problem_new (where, message));
  g_free (message);
}

/**
 * ca_manager_response_check:
 *
 * A recorded response names the manager; says for each action how it will be met and by a
 * real date; records the decision made; and has a real response date that is not after
 * TODAY. The stretch target and any further response are optional.
 *
 * Returns: (transfer full) (element-type CaRuleProblem): the problems, in the order of the form
 */
GPtrArray *
ca_manager_response_check (const CaManagerResponse *response,
                           const GDate             *today)
{
  GPtrArray *problems;
  GDate date;

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_rule_problem_free);

  if (response->manager_id <= 0)
    add_problem (problems, "manager",
                 g_strdup (_("Choose the manager who is responding to the audit.")));

  for (guint i = 0; i < response->actions->len; i++)
    {
      const CaResponseAction *action = g_ptr_array_index (response->actions, i);
      guint number = i + 1;
      g_autofree char *plan_where = g_strdup_printf ("actions[%u].plan", i);
      g_autofree char *by_where = g_strdup_printf ("actions[%u].by_when", i);

      if (ca_rule_text_is_blank (action->plan))
        add_problem (problems, plan_where,
                     g_strdup_printf (_("Say how action %u will be met."), number));
      if (ca_rule_text_is_blank (action->by_when))
        add_problem (problems, by_where,
                     g_strdup_printf (_("Say by when action %u will be met."), number));
      else if (!ca_date_parse (action->by_when, &date))
        {
          g_autofree char *quoted = ca_rule_quote (action->by_when);

          add_problem (problems, by_where,
                       g_strdup_printf (_("The date by when action %u will be met, “%s”, is not "
                                          "a real date: write it as 15/3/2024 or 2024-03-15."),
                                        number, quoted));
        }
    }

  if (ca_rule_text_is_blank (response->decision))
    add_problem (problems, "decision", g_strdup (_("Record the decision made.")));

  if (ca_rule_text_is_blank (response->responded_on))
    add_problem (problems, "responded_on", g_strdup (_("Enter the date of the response.")));
  else if (!ca_date_parse (response->responded_on, &date))
    {
      g_autofree char *quoted = ca_rule_quote (response->responded_on);

      add_problem (problems, "responded_on",
                   g_strdup_printf (_("The date of the response, “%s”, is not a real date: "
                                      "write it as 15/3/2024 or 2024-03-15."),
                                    quoted));
    }
  else if (g_date_compare (&date, today) > 0)
    {
      g_autofree char *iso = ca_date_format (&date);
      g_autofree char *shown = ca_date_format_display (iso);

      add_problem (problems, "responded_on",
                   g_strdup_printf (_("The date of the response, %s, is after today."), shown));
    }

  return problems;
}

/* Field by field (R-N2) ------------------------------------------------------------------ */

/* Blank text is no value: the store keeps it as NULL, so a box typed into and cleared again
 * is the same as one never touched. */
static char *
dup_text (const char *text)
{
  return ca_rule_text_is_blank (text) ? NULL : g_strdup (text);
}

/* "actions[N].plan" → N and the slot; NULL for any other path or an N past the end. */
static char **
action_slot (CaManagerResponse *response,
             const char        *where)
{
  const char *rest;
  char *end = NULL;
  guint64 index;
  CaResponseAction *action;

  if (!g_str_has_prefix (where, "actions[") || !g_ascii_isdigit (where[strlen ("actions[")]))
    return NULL;
  index = g_ascii_strtoull (where + strlen ("actions["), &end, 10);
  if (end == NULL || *end != ']' || index >= response->actions->len)
    return NULL;
  rest = end + 1;
  action = g_ptr_array_index (response->actions, (guint) index);
  if (g_str_equal (rest, ".plan"))
    return &action->plan;
  if (g_str_equal (rest, ".by_when"))
    return &action->by_when;
  return NULL;
}

static const CaMergeTextField text_fields[] = {
  { "response", G_STRUCT_OFFSET (CaManagerResponse, response) },
  { "stretch_target", G_STRUCT_OFFSET (CaManagerResponse, stretch_target) },
  { "decision", G_STRUCT_OFFSET (CaManagerResponse, decision) },
  { "responded_on", G_STRUCT_OFFSET (CaManagerResponse, responded_on) },
};

static char **
text_slot (CaManagerResponse *response,
           const char        *where)
{
  char **slot = ca_merge_text_slot (response, text_fields, G_N_ELEMENTS (text_fields), where);

  return slot != NULL ? slot : action_slot (response, where);
}

/**
 * ca_manager_response_dup_field:
 * @where: a field's path (see the header)
 *
 * Returns: (transfer full) (nullable): the field's value as text, %NULL when it has none
 */
char *
ca_manager_response_dup_field (const CaManagerResponse *response,
                               const char              *where)
{
  char **slot;

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (where != NULL, NULL);

  if (g_str_equal (where, "manager"))
    return response->manager_id > 0
           ? g_strdup_printf ("%" G_GINT64_FORMAT, response->manager_id) : NULL;
  slot = text_slot ((CaManagerResponse *) response, where);
  return slot != NULL ? dup_text (*slot) : NULL;
}

/**
 * ca_manager_response_set_field:
 * @value: (nullable): as ca_manager_response_dup_field() gives it; %NULL or blank clears it
 *
 * Returns: %FALSE, changing nothing, when @where names no field or @value is not one of
 *   its values
 */
gboolean
ca_manager_response_set_field (CaManagerResponse *response,
                               const char        *where,
                               const char        *value)
{
  char **slot;

  g_return_val_if_fail (response != NULL, FALSE);
  g_return_val_if_fail (where != NULL, FALSE);

  if (g_str_equal (where, "manager"))
    {
      gint64 id = 0;

      if (!ca_rule_text_is_blank (value))
        {
          char *end = NULL;

          id = g_ascii_strtoll (value, &end, 10);
          if (end == value || *end != '\0' || id <= 0)
            return FALSE;
        }
      response->manager_id = id;
      return TRUE;
    }
  slot = text_slot (response, where);
  if (slot == NULL)
    return FALSE;
  g_free (*slot);
  *slot = dup_text (value);
  return TRUE;
}

GStrv
ca_manager_response_list_fields (const CaManagerResponse *response)
{
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();

  g_return_val_if_fail (response != NULL, NULL);

  g_strv_builder_add (fields, "manager");
  for (guint i = 0; i < response->actions->len; i++)
    {
      g_autofree char *plan = g_strdup_printf ("actions[%u].plan", i);
      g_autofree char *by_when = g_strdup_printf ("actions[%u].by_when", i);

      g_strv_builder_add (fields, plan);
      g_strv_builder_add (fields, by_when);
    }
  g_strv_builder_add_many (fields, "stretch_target", "decision", "response", "responded_on",
                           NULL);
  return g_strv_builder_end (fields);
}

gboolean
ca_manager_response_same_actions (const CaManagerResponse *a,
                                  const CaManagerResponse *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->actions->len != b->actions->len)
    return FALSE;
  for (guint i = 0; i < a->actions->len; i++)
    if (((CaResponseAction *) g_ptr_array_index (a->actions, i))->action_id !=
        ((CaResponseAction *) g_ptr_array_index (b->actions, i))->action_id)
      return FALSE;
  return TRUE;
}

CaManagerResponse *
ca_manager_response_merge (const CaManagerResponse *base,
                           const CaManagerResponse *mine,
                           const CaManagerResponse *theirs,
                           GStrv                   *conflicts)
{
  g_auto(GStrv) fields = NULL;
  g_auto(GStrv) conflicting = NULL;
  CaManagerResponse *merged;

  g_return_val_if_fail (base != NULL && mine != NULL && theirs != NULL, NULL);
  g_return_val_if_fail (ca_manager_response_same_actions (base, theirs) &&
                        ca_manager_response_same_actions (mine, theirs), NULL);

  merged = ca_manager_response_copy (theirs);
  fields = ca_manager_response_list_fields (theirs);
  conflicting = ca_merge_fields ((const char * const *) fields, base, mine, theirs, merged,
                                 (CaMergeGetFunc) ca_manager_response_dup_field,
                                 (CaMergeSetFunc) ca_manager_response_set_field);
  if (conflicts != NULL)
    *conflicts = g_steal_pointer (&conflicting);
  return merged;
}

/* The action's number (from 1) and which of its two fields WHERE is; 0 for another path. */
static guint
action_number (const char *where,
               gboolean   *is_plan)
{
  char *end = NULL;
  guint64 index;

  if (!g_str_has_prefix (where, "actions[") || !g_ascii_isdigit (where[strlen ("actions[")]))
    return 0;
  index = g_ascii_strtoull (where + strlen ("actions["), &end, 10);
  if (end == NULL || *end != ']' || index >= G_MAXUINT - 1)
    return 0;
  if (g_str_equal (end + 1, ".plan"))
    *is_plan = TRUE;
  else if (g_str_equal (end + 1, ".by_when"))
    *is_plan = FALSE;
  else
    return 0;
  return (guint) index + 1;
}

char *
ca_manager_response_describe_field (const char *where)
{
  gboolean is_plan = FALSE;
  guint number;

  g_return_val_if_fail (where != NULL, NULL);

  if (g_str_equal (where, "manager"))
    return g_strdup (_("Manager"));
  if (g_str_equal (where, "stretch_target"))
    return g_strdup (_("Stretch target"));
  if (g_str_equal (where, "decision"))
    return g_strdup (_("Record of the decision made"));
  if (g_str_equal (where, "response"))
    return g_strdup (_("Further comments"));
  if (g_str_equal (where, "responded_on"))
    return g_strdup (_("Date of response"));
  number = action_number (where, &is_plan);
  if (number > 0 && is_plan)
    /* Translators: "How action 2 will be met", as the form names the box */
    return g_strdup_printf (_("How action %u will be met"), number);
  if (number > 0)
    /* Translators: "Action 2 to be met by", as the form names the box */
    return g_strdup_printf (_("Action %u to be met by"), number);
  return g_strdup (where);
}

char *
ca_manager_response_describe_value (const char *where,
                                    const char *value,
                                    GHashTable *staff_names)
{
  gboolean is_plan = FALSE;

  g_return_val_if_fail (where != NULL, NULL);

  if (g_str_equal (where, "manager"))
    {
      const char *name = NULL;
      gint64 id;

      if (ca_rule_text_is_blank (value))
        return g_strdup (_("Not chosen"));
      id = g_ascii_strtoll (value, NULL, 10);
      if (staff_names != NULL)
        name = g_hash_table_lookup (staff_names, &id);
      return g_strdup (name != NULL ? name : _("someone no longer listed"));
    }
  if (ca_rule_text_is_blank (value))
    return g_strdup (_("Empty"));
  if (g_str_equal (where, "responded_on") ||
      (action_number (where, &is_plan) > 0 && !is_plan))
    {
      GDate date;

      /* A date typed wrongly is shown as typed: it is what the person wrote. */
      if (ca_date_parse (value, &date))
        return ca_date_format_display (value);
    }
  return g_strdup (value);
}
