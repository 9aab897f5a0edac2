// SPDX-License-Identifier: GPL-3.0-or-later
// R-D6: after an allocation run is committed, one e-mail draft to each auditor listing their
// cases and the first steps. The e-mail names each case by its reference only: the child's
// details stay in the case management system, which the auditor opens with their own access.

#define G_LOG_DOMAIN "ca-allocation-mail"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ca-allocation-mail.h"
#include "core/ca-date.h"

G_DEFINE_QUARK (ca-allocation-mail-error-quark, ca_allocation_mail_error)

void
ca_allocation_mail_case_free (CaAllocationMailCase *mail_case)
{
  if (mail_case == NULL)
    return;
  g_free (mail_case->case_ref);
  g_free (mail_case->team);
  g_free (mail_case->worker);
  g_free (mail_case->due_date);
  g_free (mail_case);
}

void
ca_allocation_mail_auditor_free (CaAllocationMailAuditor *auditor)
{
  if (auditor == NULL)
    return;
  g_free (auditor->staff_ref);
  g_free (auditor->name);
  g_free (auditor->email);
  g_clear_pointer (&auditor->cases, g_ptr_array_unref);
  g_free (auditor);
}

void
ca_allocation_mail_run_free (CaAllocationMailRun *run)
{
  if (run == NULL)
    return;
  g_free (run->month);
  g_free (run->focus);
  g_clear_pointer (&run->auditors, g_ptr_array_unref);
  g_free (run);
}

char *
ca_allocation_mail_format_month (const char *month)
{
  g_autofree char *first = NULL;
  GDate date;
  char buffer[64];

  g_return_val_if_fail (month != NULL, NULL);

  first = g_strconcat (month, "-01", NULL);
  if (!ca_date_parse (first, &date))
    return g_strdup (month);
  /* Translators: a month and year, "November 2026"; see strftime() */
  if (g_date_strftime (buffer, sizeof buffer, _("%B %Y"), &date) == 0)
    return g_strdup (month);
  return g_strdup (buffer);
}

char *
ca_allocation_mail_get_subject (const CaAllocationMailRun     *run,
                                const CaAllocationMailAuditor *auditor)
{
  g_autofree char *month = NULL;

  g_return_val_if_fail (run != NULL && auditor != NULL, NULL);

  month = ca_allocation_mail_format_month (run->month);
  /* Translators: the e-mail's subject: "Case file audits for November 2026: 2 cases
   * allocated to you" */
  return g_strdup_printf (g_dngettext (NULL, "Case file audit for %s: %u case allocated to you",
                                       "Case file audits for %s: %u cases allocated to you",
                                       auditor->cases->len),
                          month, auditor->cases->len);
}

static void
append_case (GString                    *body,
             const CaAllocationMailCase *mail_case)
{
  /* Translators: the heading of one case in the auditor's e-mail */
  g_string_append_printf (body, _("Case reference: %s"), mail_case->case_ref);
  g_string_append_c (body, '\n');
  if (mail_case->team != NULL)
    {
      g_string_append (body, "  ");
      g_string_append_printf (body, _("Team: %s"), mail_case->team);
      g_string_append_c (body, '\n');
    }
  g_string_append (body, "  ");
  if (mail_case->worker != NULL)
    g_string_append_printf (body, _("Allocated worker: %s"), mail_case->worker);
  else
    g_string_append (body, _("Allocated worker: none recorded – ask the team who holds the case"));
  g_string_append_c (body, '\n');
  g_string_append (body, "  ");
  if (mail_case->due_date != NULL)
    {
      g_autofree char *due = ca_date_format_display (mail_case->due_date);

      g_string_append_printf (body, _("Return by: %s"), due);
    }
  else
    g_string_append (body, _("Return by: no return date is set"));
  g_string_append_c (body, '\n');
  if (mail_case->access_request)
    {
      g_string_append (body, "  ");
      g_string_append (body, _("Restricted record: access request needed before you open it"));
      g_string_append_c (body, '\n');
    }
  g_string_append_c (body, '\n');
}

char *
ca_allocation_mail_get_body (const CaAllocationMailRun     *run,
                             const CaAllocationMailAuditor *auditor)
{
  g_autofree char *month = NULL;
  gboolean any_restricted = FALSE;
  GString *body;

  g_return_val_if_fail (run != NULL && auditor != NULL, NULL);

  month = ca_allocation_mail_format_month (run->month);
  body = g_string_new (NULL);
  /* Translators: the greeting, with the auditor's name */
  g_string_append_printf (body, _("Dear %s,"), auditor->name);
  g_string_append (body, "\n\n");
  if (auditor->cases->len == 1)
    g_string_append_printf (body, _("You have been allocated this case file audit for %s."),
                            month);
  else
    g_string_append_printf (body, g_dngettext (NULL,
                                               "You have been allocated these %u case file "
                                               "audits for %s.",
                                               "You have been allocated these %u case file "
                                               "audits for %s.",
                                               auditor->cases->len),
                            auditor->cases->len, month);
  if (run->focus != NULL)
    {
      g_string_append_c (body, ' ');
      /* Translators: the programme's theme for the month */
      g_string_append_printf (body, _("This month’s audit focus is: %s."), run->focus);
    }
  g_string_append (body, "\n\n");

  for (guint i = 0; i < auditor->cases->len; i++)
    {
      const CaAllocationMailCase *mail_case = g_ptr_array_index (auditor->cases, i);

      append_case (body, mail_case);
      any_restricted = any_restricted || mail_case->access_request;
    }

  g_string_append (body, _("First steps for each case:"));
  g_string_append_c (body, '\n');
  g_string_append (body, _("1. Confirm the allocated worker with the team: the case may have "
                           "moved since the allocation was made."));
  g_string_append_c (body, '\n');
  if (any_restricted)
    g_string_append (body, _("2. Check the record is not restricted. Where it says “access "
                             "request needed”, ask for access before you open the record."));
  else
    g_string_append (body, _("2. Check the record is not restricted before you open it; if "
                             "it is, ask for access first."));
  g_string_append_c (body, '\n');
  g_string_append (body, _("3. Arrange the audit with the allocated worker, so that you can "
                           "talk the case through together."));
  g_string_append (body, "\n\n");
  g_string_append (body, _("Each audit is waiting for you in Case Audit. If you cannot take "
                           "a case (for example you know the family or the worker), tell the "
                           "Centre for Professional Practice straight away so it can be "
                           "given to someone else."));
  g_string_append (body, "\n\n");
  g_string_append (body, _("Centre for Professional Practice\n(prepared by Case Audit)"));
  g_string_append_c (body, '\n');
  return g_string_free (body, FALSE);
}

CaMailMessage *
ca_allocation_mail_build (const CaAllocationMailRun     *run,
                          const CaAllocationMailAuditor *auditor)
{
  g_autoptr(CaMailMessage) message = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (run != NULL && auditor != NULL, NULL);

  message = ca_mail_message_new ();
  if (auditor->email != NULL)
    ca_mail_message_add_to (message, auditor->name, auditor->email);
  subject = ca_allocation_mail_get_subject (run, auditor);
  ca_mail_message_set_subject (message, subject);
  body = ca_allocation_mail_get_body (run, auditor);
  ca_mail_message_set_body (message, body);
  return g_steal_pointer (&message);
}

char *
ca_allocation_mail_get_file_name (const CaAllocationMailRun     *run,
                                  const CaAllocationMailAuditor *auditor)
{
  char *name;

  g_return_val_if_fail (run != NULL && auditor != NULL, NULL);

  /* Translators: the draft's file name: "Audit allocation 2026-11 – Imran Shah (S0042).eml" */
  name = g_strdup_printf (_("Audit allocation %s – %s (%s).eml"), run->month, auditor->name,
                          auditor->staff_ref);
  /* Names come from an import: keep out what Windows or a POSIX path would read as syntax. */
  for (char *p = name; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || g_utf8_strchr ("/\\:*?\"<>|", -1, *p) != NULL)
      *p = '-';
  return name;
}
