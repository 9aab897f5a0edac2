// SPDX-License-Identifier: GPL-3.0-or-later
// Opens an audit in the editor with its form read on the database's worker, so the window
// stays responsive meanwhile and the editor is only rebuilt once the form is in.

#define G_LOG_DOMAIN "ca-audit-editor"

#include "config.h"

#include "ca-audit-editor-private.h"

static void
form_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CaAuditEditor *self = g_task_get_source_object (task);
  GError *error = NULL;
  CaAuditForm *form = ca_audit_draft_store_load_finish (result, &error);

  if (form == NULL)
    g_task_return_error (task, error);
  /* Asked for another audit meanwhile, or closed: this one is not wanted any more. */
  else if (g_task_return_error_if_cancelled (task))
    ca_audit_form_free (form);
  else
    {
      ca_audit_editor_show_form (self, g_task_get_task_data (task), form);
      g_task_return_boolean (task, TRUE);
    }
}

/**
 * ca_audit_editor_load_async:
 *
 * Saves the audit shown before, if it has unsaved changes, then reads audit @audit_id on
 * the database's worker and shows it. A caller asking for another audit before this one is
 * in cancels @cancellable, so that the older one never replaces the newer.
 */
void
ca_audit_editor_load_async (CaAuditEditor       *self,
                            CaDatabase          *database,
                            gint64               audit_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CA_IS_AUDIT_EDITOR (self));
  g_return_if_fail (CA_IS_DATABASE (database));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_audit_editor_load_async);
  g_task_set_task_data (task, g_object_ref (database), g_object_unref);

  if (ca_audit_editor_get_audit_id (self) != 0)
    ca_audit_editor_save_now (self);
  ca_audit_draft_store_load_async (database, audit_id, cancellable, form_loaded_cb, task);
}

gboolean
ca_audit_editor_load_finish (CaAuditEditor  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
