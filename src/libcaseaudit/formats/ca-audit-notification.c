// SPDX-License-Identifier: GPL-3.0-or-later
// R-F7: the e-mail that tells a case's Team Manager and Service Manager at once of a
// Category 1–2 audit. The body names the case only by its reference: the child's details
// stay in the attached PDF, which the council's own mail system carries.

#define G_LOG_DOMAIN "ca-audit-notification"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-notification.h"
#include "ca-audit-report.h"
#include "core/ca-deadlines.h"

static char *
format_local (const char *timestamp)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (timestamp == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (utc == NULL)
    return g_strdup (timestamp);
  local = g_date_time_to_timezone (utc, ca_deadline_get_time_zone ());
  /* Translators: a date and time in the UK, e.g. "24 November 2026 at 09:14"; see
   * g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y at %H:%M"));
}

static const char *
role_label (CaNotificationRole role)
{
  return role == CA_NOTIFICATION_ROLE_TEAM_MANAGER ? _("Team Manager") : _("Service Manager");
}

char *
ca_audit_notification_get_pdf_name (const char *case_ref)
{
  g_return_val_if_fail (case_ref != NULL, NULL);

  /* Translators: the attached PDF's file name, with the case reference */
  return g_strdup_printf (_("Audit %s.pdf"), case_ref);
}

const char *
ca_audit_notification_get_meaning (int category)
{
  switch (category)
    {
    case 1:
      return _("Category 1 Inadequate – critical: the child may be at risk; the practitioner "
               "must act within 24 hours.");
    case 2:
      return _("Category 2 Inadequate – action required: the case needs action, and the "
               "recommendations are checked by the deadline below.");
    default:
      return _("This category needs no e-mail to the managers.");
    }
}

char *
ca_audit_notification_get_subject (const CaAuditForm *form)
{
  g_return_val_if_fail (form != NULL && form->header != NULL && form->draft != NULL, NULL);

  /* Translators: the e-mail's subject: "Category 1 case audit: CA-000101 – for your
   * immediate attention" */
  return g_strdup_printf (_("%s case audit: %s – for your immediate attention"),
                          ca_category_get_label (form->draft->category), form->header->case_ref);
}

char *
ca_audit_notification_describe_gaps (const CaNotificationStatus *status)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  g_return_val_if_fail (status != NULL, NULL);

  if (!ca_notification_status_has_role (status, CA_NOTIFICATION_ROLE_TEAM_MANAGER))
    g_ptr_array_add (parts, g_strdup_printf (_("No Team Manager is recorded for %s."),
                                             status->team));
  if (!ca_notification_status_has_role (status, CA_NOTIFICATION_ROLE_SERVICE_MANAGER))
    g_ptr_array_add (parts, g_strdup_printf (_("No Service Manager is recorded above %s."),
                                             status->team));
  for (guint i = 0; i < status->recipients->len; i++)
    {
      CaNotificationRecipient *recipient = g_ptr_array_index (status->recipients, i);

      if (recipient->email == NULL)
        /* Translators: "Imran Shah (Team Manager) has no e-mail address in Case Audit." */
        g_ptr_array_add (parts, g_strdup_printf (_("%s (%s) has no e-mail address in Case Audit."),
                                                 recipient->name, role_label (recipient->role)));
    }
  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, g_strdup (_("Tell them another way.")));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (" ", (char **) parts->pdata);
  return g_steal_pointer (&joined);
}

char *
ca_audit_notification_get_body (const CaAuditForm          *form,
                                const CaNotificationStatus *status)
{
  const CaAuditHeader *header;
  g_autofree char *gaps = NULL;
  g_autofree char *submitted = NULL;
  g_autofree char *due = NULL;
  GString *body;

  g_return_val_if_fail (form != NULL && form->header != NULL && form->draft != NULL, NULL);
  g_return_val_if_fail (status != NULL, NULL);

  header = form->header;
  body = g_string_new (NULL);
  g_string_append (body, _("Dear colleagues,"));
  g_string_append (body, "\n\n");
  /* Translators: "The case file audit of case CA-000101 has been submitted as Category 1." */
  g_string_append_printf (body, _("The case file audit of case %s has been submitted as %s. "
                                  "The audit procedure asks that you are told at once."),
                          header->case_ref, ca_category_get_label (form->draft->category));
  g_string_append (body, "\n\n");
  g_string_append (body, ca_audit_notification_get_meaning (form->draft->category));
  g_string_append (body, "\n\n");

  g_string_append_printf (body, _("Case reference: %s"), header->case_ref);
  g_string_append_c (body, '\n');
  g_string_append_printf (body, _("Team: %s"), header->team);
  g_string_append_c (body, '\n');
  if (header->allocated_worker != NULL)
    {
      g_string_append_printf (body, _("Allocated worker: %s"), header->allocated_worker);
      g_string_append_c (body, '\n');
    }
  g_string_append_printf (body, _("Auditor: %s"), header->auditor);
  g_string_append_c (body, '\n');
  g_string_append_printf (body, _("Audit tool: %s, version %d"), header->tool_name,
                          header->tool_version);
  g_string_append_c (body, '\n');
  g_string_append_printf (body, _("Overall grade: %s"),
                          ca_grade_get_label (form->draft->overall_grade));
  g_string_append_c (body, '\n');
  submitted = format_local (header->submitted_at);
  if (submitted != NULL)
    {
      g_string_append_printf (body, _("Submitted: %s"), submitted);
      g_string_append_c (body, '\n');
    }
  due = format_local (header->review_due_at);
  if (due != NULL)
    {
      /* Translators: the deadline, in the UK's time */
      g_string_append_printf (body, _("Recommendations to be checked by: %s (UK time)"), due);
      g_string_append_c (body, '\n');
    }
  if (form->draft->actions->len > 0)
    {
      g_string_append_printf (body, g_dngettext (NULL, "Actions: %u, listed in the audit",
                                                 "Actions: %u, listed in the audit",
                                                 form->draft->actions->len),
                              form->draft->actions->len);
      g_string_append_c (body, '\n');
    }
  g_string_append_c (body, '\n');

  for (guint i = 0; i < status->recipients->len; i++)
    {
      CaNotificationRecipient *recipient = g_ptr_array_index (status->recipients, i);

      /* Translators: "Team Manager: Imran Shah" */
      g_string_append_printf (body, _("%s: %s"), role_label (recipient->role), recipient->name);
      g_string_append_c (body, '\n');
    }
  gaps = ca_audit_notification_describe_gaps (status);
  if (gaps != NULL)
    {
      g_string_append (body, gaps);
      g_string_append_c (body, '\n');
    }
  g_string_append_c (body, '\n');

  g_string_append (body, _("The audit is attached as a PDF. It holds personal information "
                           "about a child: keep it within the council’s secure systems."));
  g_string_append (body, "\n\n");
  /* Translators: the signature, with the auditor's name */
  g_string_append_printf (body, _("%s\n(prepared by Case Audit)"), header->auditor);
  g_string_append_c (body, '\n');
  return g_string_free (body, FALSE);
}

CaMailMessage *
ca_audit_notification_build (const CaAuditForm          *form,
                             const CaNotificationStatus *status,
                             GBytes                     *pdf)
{
  g_autoptr(CaMailMessage) message = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (form != NULL && status != NULL, NULL);

  message = ca_mail_message_new ();
  for (guint i = 0; i < status->recipients->len; i++)
    {
      CaNotificationRecipient *recipient = g_ptr_array_index (status->recipients, i);

      if (recipient->email != NULL)
        ca_mail_message_add_to (message, recipient->name, recipient->email);
    }
  subject = ca_audit_notification_get_subject (form);
  ca_mail_message_set_subject (message, subject);
  body = ca_audit_notification_get_body (form, status);
  ca_mail_message_set_body (message, body);
  if (pdf != NULL)
    {
      g_autofree char *name = ca_audit_notification_get_pdf_name (form->header->case_ref);

      ca_mail_message_add_attachment (message, name, "application/pdf", pdf);
    }
  return g_steal_pointer (&message);
}

CaMailMessage *
ca_audit_notification_new_for_audit (CaDatabase  *database,
                                     gint64       audit_id,
                                     gboolean     with_pdf,
                                     GError     **error)
{
  g_autoptr(CaNotificationStatus) status = NULL;
  g_autoptr(CaAuditForm) form = NULL;
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  status = ca_notification_store_load (database, audit_id, error);
  if (status == NULL)
    return NULL;
  if (!status->needed)
    {
      g_set_error (error, CA_NOTIFICATION_STORE_ERROR, CA_NOTIFICATION_STORE_ERROR_NOT_NEEDED,
                   _("Audit %" G_GINT64_FORMAT " needs no e-mail to the managers: only a "
                     "submitted audit in Category 1 or 2 does."), audit_id);
      return NULL;
    }
  form = ca_audit_draft_store_load (database, audit_id, error);
  if (form == NULL)
    return NULL;
  if (with_pdf)
    {
      g_autoptr(CaAuditReport) report = ca_audit_report_new_for_audit (database, audit_id, error);

      if (report == NULL)
        return NULL;
      pdf = ca_audit_report_to_pdf_bytes (report, error);
      if (pdf == NULL)
        return NULL;
    }
  return ca_audit_notification_build (form, status, pdf);
}

char *
ca_audit_notification_get_mailto_uri (CaDatabase  *database,
                                      gint64       audit_id,
                                      GError     **error)
{
  g_autoptr(CaMailMessage) message = NULL;
  g_autoptr(CaNotificationStatus) status = NULL;
  g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);
  g_autofree char *pdf_name = NULL;

  message = ca_audit_notification_new_for_audit (database, audit_id, FALSE, error);
  if (message == NULL)
    return NULL;
  status = ca_notification_store_load (database, audit_id, error);
  if (status == NULL)
    return NULL;
  /* Only the attachment's name reaches the link, in its "attach before sending" line. */
  pdf_name = ca_audit_notification_get_pdf_name (status->case_ref);
  ca_mail_message_add_attachment (message, pdf_name, "application/pdf", nothing);
  return ca_mail_message_to_mailto_uri (message);
}
