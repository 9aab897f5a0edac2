// SPDX-License-Identifier: GPL-3.0-or-later
// The "case audit alert" (seed 02): "The moderator will alert the practice manager and group
// manager that they have completed the moderation … via a case audit alert." Case Audit never
// sends mail: it prepares the message for the moderator's own mail program. Like every
// e-mail it prepares, it names the case by its reference only.

#define G_LOG_DOMAIN "ca-moderation-alert"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-audit-notification.h"
#include "ca-audit-report.h"
#include "ca-moderation-alert.h"
#include "ca-moderation-report.h"
#include "core/ca-date.h"

char *
ca_moderation_alert_get_subject (const CaModerationSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);

  /* Translators: the e-mail's subject: "Case audit alert: moderation of CA-000101 completed" */
  return g_strdup_printf (_("Case audit alert: moderation of %s completed"), sheet->case_ref);
}

/* "Assessment: Good (auditor: Requires Improvement), because …" for each part graded
 * differently, one line each; NULL when the moderator agreed throughout. */
static char *
describe_differences (const CaModerationSheet *sheet)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  const CaModerationForm *form = sheet->form;

  for (guint i = 0; i <= sheet->sections->len; i++)
    {
      const CaModeratedSection *section = i < sheet->sections->len
                                          ? g_ptr_array_index (sheet->sections, i) : NULL;
      const char *part = section != NULL ? section->title : _("Overall");
      CaGrade auditor = section != NULL ? section->auditor_grade : sheet->auditor_overall;
      CaGrade moderator = section != NULL ? ca_moderation_form_get_grade (form, section->id)
                                          : form->overall_grade;
      const char *why = section != NULL ? ca_moderation_form_get_why (form, section->id)
                                        : form->overall_why;

      if (moderator == auditor || moderator == CA_GRADE_NONE)
        continue;
      /* Translators: one part graded differently: "- Planning: Good (the auditor's: Requires
       * Improvement). The plan has dates and owners." */
      g_string_append_printf (lines, _("- %s: %s (the auditor’s: %s). %s\n"), part,
                              ca_grade_get_label (moderator), ca_grade_get_label (auditor),
                              why != NULL ? why : "");
    }
  return lines->len > 0 ? g_string_free (g_steal_pointer (&lines), FALSE) : NULL;
}

char *
ca_moderation_alert_get_body (const CaModerationSheet *sheet)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *moderated_on = NULL;
  g_autofree char *differences = NULL;
  const CaModerationForm *form;

  g_return_val_if_fail (sheet != NULL, NULL);

  form = sheet->form;
  moderated_on = sheet->moderated_on != NULL ? ca_date_format_display (sheet->moderated_on)
                                             : g_strdup (_("not yet"));
  differences = describe_differences (sheet);

  g_string_append_printf (body, _("The Stage 2 moderation of the audit of case %s, audited by "
                                  "%s, was completed by %s on %s.\n\n"),
                          sheet->case_ref, sheet->auditor_name, sheet->moderator_name,
                          moderated_on);
  if (differences == NULL)
    g_string_append (body, _("The moderator agreed with the auditor’s grades throughout.\n\n"));
  else
    g_string_append_printf (body, _("The moderator graded differently:\n%s\n"), differences);
  /* Translators: "Has the work made a difference for the child? Partly." */
  g_string_append_printf (body, _("Has the work made a difference for the child? %s."),
                          ca_moderation_sheet_difference_label (sheet));
  if (!ca_rule_text_is_blank (form->difference_comment))
    g_string_append_printf (body, " %s", form->difference_comment);
  g_string_append (body, "\n\n");
  if (form->actions->len > 0 || !ca_rule_text_is_blank (form->further_actions))
    g_string_append (body, _("Further actions:\n"));
  for (guint i = 0; i < form->actions->len; i++)
    {
      g_autofree char *action = ca_moderation_report_describe_action (sheet,
                                                                      form->actions->pdata[i]);

      g_string_append_printf (body, "%u. %s\n", i + 1, action);
    }
  if (!ca_rule_text_is_blank (form->further_actions))
    g_string_append_printf (body, "%s\n", form->further_actions);
  if (form->actions->len > 0 || !ca_rule_text_is_blank (form->further_actions))
    g_string_append (body, "\n");
  g_string_append (body, _("The audit and its moderation are attached. Please make sure the "
                           "actions are completed, and signed off by the social worker’s line "
                           "manager, so that the child’s progress is tracked without drift "
                           "or delay.\n"));
  return g_string_free (g_steal_pointer (&body), FALSE);
}

CaMailMessage *
ca_moderation_alert_build (const CaModerationSheet *sheet,
                           GBytes                  *pdf)
{
  g_autoptr(CaMailMessage) message = ca_mail_message_new ();
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (sheet != NULL, NULL);

  for (guint i = 0; i < sheet->people->len; i++)
    {
      const CaModerationPerson *person = g_ptr_array_index (sheet->people, i);

      if ((person->role == CA_MODERATION_PART_PRACTICE_MANAGER ||
           person->role == CA_MODERATION_PART_GROUP_MANAGER) &&
          !ca_rule_text_is_blank (person->email))
        ca_mail_message_add_to (message, person->name, person->email);
    }
  subject = ca_moderation_alert_get_subject (sheet);
  body = ca_moderation_alert_get_body (sheet);
  ca_mail_message_set_subject (message, subject);
  ca_mail_message_set_body (message, body);
  if (pdf != NULL)
    {
      g_autofree char *name = ca_audit_notification_get_pdf_name (sheet->case_ref);

      ca_mail_message_add_attachment (message, name, "application/pdf", pdf);
    }
  return g_steal_pointer (&message);
}

CaMailMessage *
ca_moderation_alert_new (CaDatabase  *database,
                         gint64       moderation_id,
                         GError     **error)
{
  g_autoptr(CaModerationSheet) sheet = NULL;
  g_autoptr(CaAuditReport) report = NULL;
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  sheet = ca_moderation_form_store_load (database, moderation_id, error);
  if (sheet == NULL)
    return NULL;
  if (sheet->moderated_on == NULL)
    {
      g_set_error (error, CA_MODERATION_FORM_STORE_ERROR,
                   CA_MODERATION_FORM_STORE_ERROR_NOT_DONE,
                   _("The moderation of case %s has not been submitted yet: the alert says "
                     "it is done."), sheet->case_ref);
      return NULL;
    }
  report = ca_audit_report_new_for_audit (database, sheet->audit_id, error);
  if (report == NULL || (pdf = ca_audit_report_to_pdf_bytes (report, error)) == NULL)
    return NULL;
  return ca_moderation_alert_build (sheet, pdf);
}
