// SPDX-License-Identifier: GPL-3.0-or-later
// Add to Moderation Sample: a moderator adds the submitted audit shown to the sample by hand
// (R-H1), to moderate it themselves (the staff ID set in Preferences).

#define G_LOG_DOMAIN "ca-audit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-editor-private.h"
#include "ca-moderation-store.h"
#include "ca-toast.h"
#include "ca-view-write.h"

typedef struct
{
  gint64  audit_id;
  char   *moderator_ref;
  char   *case_ref;
} AddToSample;

static void
add_to_sample_free (AddToSample *add)
{
  g_free (add->moderator_ref);
  g_free (add->case_ref);
  g_free (add);
}

static gboolean
add_job (CaDatabase  *connection,
         gpointer     data,
         GError     **error)
{
  AddToSample *add = data;

  return ca_moderation_store_add_by_hand (connection, add->audit_id, add->moderator_ref,
                                          error) != 0;
}

static void
add_done (GtkWidget    *owner,
          gpointer      data,
          const GError *error)
{
  CaAuditEditor *self = CA_AUDIT_EDITOR (owner);
  AddToSample *add = data;
  g_autofree char *text = NULL;

  if (error == NULL)
    /* Translators: %s is a case reference */
    text = g_strdup_printf (_("The audit of case %s is in your moderation queue."),
                            add->case_ref);
  ca_toast_show_text (GTK_WIDGET (self->toast_overlay), text != NULL ? text : error->message,
                      error == NULL ? CA_TOAST_SHORT : CA_TOAST_LONG);
}

void
ca_audit_editor_add_to_moderation_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  CaAuditEditor *self = CA_AUDIT_EDITOR (widget);
  g_autofree char *staff_ref = NULL;
  AddToSample *add;

  if (self->form == NULL || self->context == NULL)
    return;
  staff_ref = ca_context_dup_staff_ref (self->context);
  if (*staff_ref == '\0')
    {
      ca_toast_show_text (GTK_WIDGET (self->toast_overlay),
                          _("Set your staff ID in Preferences first: the audit is added for you "
                            "to moderate."), CA_TOAST_LONG);
      return;
    }
  add = g_new0 (AddToSample, 1);
  add->audit_id = self->audit_id;
  add->moderator_ref = g_steal_pointer (&staff_ref);
  add->case_ref = g_strdup (self->form->header->case_ref);
  ca_view_write (widget, NULL, ca_context_get_database (self->context), add_job, add,
                 (GDestroyNotify) add_to_sample_free, add_done);
}
