// SPDX-License-Identifier: GPL-3.0-or-later
// The manager's response to a submitted audit (R-F9) as plain data, and its rules.

#define G_LOG_DOMAIN "ca-manager-response"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-date.h"
#include "ca-manager-response.h"

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
                                          "a real date: write it as YYYY-MM-DD, for example "
                                          "2024-03-15."), number, quoted));
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
                                      "write it as YYYY-MM-DD, for example 2024-03-15."),
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
