// SPDX-License-Identifier: GPL-3.0-or-later
// An audit's action marked done and signed off (R-I2, seed 02): done on a real day between
// the audit's submission and today, by a named person, with evidence; then signed off by the
// allocated social worker's line manager, not before it was done.

#define G_LOG_DOMAIN "ca-action-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-action-rules.h"
#include "ca-date.h"
#include "ca-text.h"

G_DEFINE_QUARK (ca-action-rules-error-quark, ca_action_rules_error)

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
ca_action_rules_is_overdue (const CaActionFacts *facts,
                            const GDate         *today)
{
  GDate due;

  g_return_val_if_fail (facts != NULL && today != NULL, FALSE);

  return facts->completed_on == NULL && ca_date_parse (facts->due_date, &due) &&
         g_date_compare (&due, today) < 0;
}

/* Whether ON is neither after TODAY nor before the ISO day NOT_BEFORE (nullable): the day it
 * was done (SIGN_OFF false) or signed off (true), for the message. */
static gboolean
check_day (const GDate  *on,
           const GDate  *today,
           const char   *not_before,
           gboolean      sign_off,
           GError      **error)
{
  GDate first;

  if (on == NULL || !g_date_valid (on))
    {
      g_set_error_literal (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE,
                           sign_off ? _("Give the day the action was signed off.")
                                    : _("Give the day the action was done."));
      return FALSE;
    }
  if (g_date_compare (on, today) > 0)
    {
      g_autofree char *day = ca_date_format (on);
      g_autofree char *shown = ca_date_format_display (day);
      g_autofree char *now = ca_date_format (today);
      g_autofree char *now_shown = ca_date_format_display (now);

      g_set_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE,
                   sign_off
                     /* Translators: "The sign-off cannot be dated 5 Nov 2026: that is after
                      * today, 3 Nov 2026." */
                     ? _("The sign-off cannot be dated %s: that is after today, %s.")
                     /* Translators: "The action cannot be marked done on 5 Nov 2026: that
                      * is after today, 3 Nov 2026." */
                     : _("The action cannot be marked done on %s: that is after today, %s."),
                   shown, now_shown);
      return FALSE;
    }
  if (not_before != NULL && ca_date_parse (not_before, &first) && g_date_compare (on, &first) < 0)
    {
      g_autofree char *day = ca_date_format (on);
      g_autofree char *shown = ca_date_format_display (day);
      g_autofree char *first_shown = ca_date_format_display (not_before);

      g_set_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE,
                   sign_off
                     /* Translators: "The sign-off cannot be dated 1 Jun 2026: the action
                      * was done on 3 Jun 2026, and is signed off on that day or later." */
                     ? _("The sign-off cannot be dated %s: the action was done on %s, and is "
                         "signed off on that day or later.")
                     /* Translators: "The action cannot be marked done on 1 Jun 2026: the
                      * audit was submitted on 3 Jun 2026, and its actions are done on that
                      * day or later." */
                     : _("The action cannot be marked done on %s: the audit was submitted on "
                         "%s, and its actions are done on that day or later."),
                   shown, first_shown);
      return FALSE;
    }
  return TRUE;
}

gboolean
ca_action_rules_check_done (const CaActionFacts  *facts,
                            const char           *by_ref,
                            const GDate          *on,
                            const char           *evidence,
                            const GDate          *today,
                            GError              **error)
{
  g_return_val_if_fail (facts != NULL && today != NULL, FALSE);

  if (facts->completed_on != NULL)
    {
      g_autofree char *shown = ca_date_format_display (facts->completed_on);

      g_set_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DONE_ALREADY,
                   /* Translators: "This action was marked done already, on 3 Nov 2026." */
                   _("This action was marked done already, on %s."), shown);
      return FALSE;
    }
  if (facts->submitted_on == NULL)
    {
      g_set_error_literal (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NOT_SUBMITTED,
                           _("The audit has not been submitted yet: its actions are marked "
                             "done once it is."));
      return FALSE;
    }
  if (!check_day (on, today, facts->submitted_on, FALSE, error))
    return FALSE;
  if (is_blank (by_ref))
    {
      g_set_error_literal (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_PERSON,
                           _("Say who marked the action done: give their staff ID."));
      return FALSE;
    }
  if (is_blank (evidence))
    {
      g_set_error_literal (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_EVIDENCE,
                           _("Say what shows the action is done: the evidence note is "
                             "required."));
      return FALSE;
    }
  return ca_text_check (evidence, CA_TEXT_MAX_NOTES, _("The evidence note"), error);
}

gboolean
ca_action_rules_check_signer (const CaActionFacts  *facts,
                              const char           *by_ref,
                              const char           *by_name,
                              GError              **error)
{
  g_return_val_if_fail (facts != NULL, FALSE);

  if (facts->completed_on == NULL)
    {
      g_set_error_literal (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NOT_DONE,
                           _("This action is not done yet: it is signed off once it has been "
                             "marked done."));
      return FALSE;
    }
  if (facts->signed_off_on != NULL)
    {
      g_autofree char *shown = ca_date_format_display (facts->signed_off_on);

      g_set_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_SIGNED_OFF_ALREADY,
                   /* Translators: "This action was signed off already, on 3 Nov 2026." */
                   _("This action was signed off already, on %s."), shown);
      return FALSE;
    }
  if (facts->worker == NULL)
    {
      g_set_error_literal (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_LINE_MANAGER,
                           _("The case has no allocated social worker, so no line manager can "
                             "sign off its actions. Allocate a worker to the case first."));
      return FALSE;
    }
  if (facts->line_manager_ref == NULL)
    {
      g_set_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_LINE_MANAGER,
                   /* Translators: %s is the social worker's name */
                   _("%s has no line manager recorded, so no one can sign off this action. "
                     "Record their line manager in the staff list first."), facts->worker);
      return FALSE;
    }
  if (facts->line_manager_left)
    {
      g_set_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_LINE_MANAGER,
                   /* Translators: "Imran Shah, Zoe Walker’s line manager, has left: record
                    * Zoe Walker’s new line manager in the staff list first." */
                   _("%s, %s’s line manager, has left: record %s’s new line manager in the "
                     "staff list first."),
                   facts->line_manager != NULL ? facts->line_manager : facts->line_manager_ref,
                   facts->worker, facts->worker);
      return FALSE;
    }
  if (is_blank (by_ref))
    {
      g_set_error_literal (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_PERSON,
                           _("Say who signs the action off: give their staff ID."));
      return FALSE;
    }
  if (g_strcmp0 (by_ref, facts->line_manager_ref) != 0)
    {
      g_autofree char *who = by_name != NULL ? g_strdup_printf ("%s (%s)", by_name, by_ref)
                                             : g_strdup (by_ref);

      g_set_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NOT_LINE_MANAGER,
                   /* Translators: "Only the social worker’s line manager can sign off an
                    * action. Zoe Walker’s line manager is Imran Shah (S002), not Hannah
                    * Price (S001)." */
                   _("Only the social worker’s line manager can sign off an action. %s’s "
                     "line manager is %s (%s), not %s."),
                   facts->worker,
                   facts->line_manager != NULL ? facts->line_manager : facts->line_manager_ref,
                   facts->line_manager_ref, who);
      return FALSE;
    }
  return TRUE;
}

gboolean
ca_action_rules_check_sign_off (const CaActionFacts  *facts,
                                const char           *by_ref,
                                const char           *by_name,
                                const GDate          *on,
                                const GDate          *today,
                                GError              **error)
{
  g_return_val_if_fail (facts != NULL && today != NULL, FALSE);

  return ca_action_rules_check_signer (facts, by_ref, by_name, error) &&
         check_day (on, today, facts->completed_on, TRUE, error);
}
