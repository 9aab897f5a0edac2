// SPDX-License-Identifier: GPL-3.0-or-later
// Opens an audit in the editor with its form read on the database's worker, so the window
// stays responsive meanwhile and the editor is only rebuilt once the form is in; and saves
// the audit shown, on the same worker, when it is left or the window closes.

#define G_LOG_DOMAIN "ca-audit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-editor-private.h"
#include "ca-database-worker.h"

/**
 * ca_audit_editor_save_now:
 *
 * Queues what is unsaved on the database's worker and returns at once: for leaving the
 * page. The main thread writes nothing, so a database another program holds locked never
 * freezes the window. The list and the case page hear of the change from the database.
 */
void
ca_audit_editor_save_now (CaAuditEditor *self)
{
  g_return_if_fail (CA_IS_AUDIT_EDITOR (self));

  ca_audit_autosave_save_now (ca_audit_editor_get_autosave (self));
}

/**
 * ca_audit_editor_flush:
 *
 * Queues what is unsaved on the worker once the save under way, if any, is back, so that
 * ca_database_wait_idle() after it waits for everything typed: for closing the window.
 */
void
ca_audit_editor_flush (CaAuditEditor *self)
{
  g_return_if_fail (CA_IS_AUDIT_EDITOR (self));

  ca_audit_autosave_flush (ca_audit_editor_get_autosave (self));
}

/**
 * ca_audit_editor_load:
 *
 * Saves the audit shown before, if it has unsaved changes, then shows audit @audit_id of
 * the editor's context, read on the calling thread and with every part of the form built at
 * once (for tests and benchmarks). The window uses ca_audit_editor_load_async(), which reads
 * it off the main thread and builds what is below the first screenful once that is painted.
 */
gboolean
ca_audit_editor_load (CaAuditEditor *self,
                      gint64         audit_id,
                      GError       **error)
{
  CaDatabase *database;
  CaAuditForm *form;

  g_return_val_if_fail (CA_IS_AUDIT_EDITOR (self), FALSE);
  g_return_val_if_fail (ca_audit_editor_get_context (self) != NULL, FALSE);

  database = ca_context_get_database (ca_audit_editor_get_context (self));
  if (ca_audit_editor_get_audit_id (self) != 0)
    {
      /* Read here, so what is read is what the worker wrote first. */
      ca_audit_editor_flush (self);
      ca_database_wait_idle (database);
    }

  form = ca_audit_draft_store_load (database, audit_id, error);
  if (form == NULL)
    return FALSE;

  ca_audit_editor_show_form (self, form);
  ca_audit_editor_finish_building (self);
  return TRUE;
}

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
  /* Asked for another audit meanwhile, closed, or given another database: this one is not
   * wanted any more. */
  else if (!ca_context_load_still_wanted (task, ca_audit_editor_get_context (self),
                                          _("The audit was closed.")))
    ca_audit_form_free (form);
  else
    {
      ca_audit_editor_show_form (self, form);
      g_task_return_boolean (task, TRUE);
    }
}

/**
 * ca_audit_editor_load_async:
 *
 * Queues the save of the audit shown before, if it has unsaved changes, then reads audit
 * @audit_id of the editor's context on the database's worker (after that save, as the
 * worker runs its jobs in order) and shows it. A caller asking for another audit before
 * this one is in cancels @cancellable, so that the older one never replaces the newer.
 */
void
ca_audit_editor_load_async (CaAuditEditor       *self,
                            gint64               audit_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  CaContext *context;
  GTask *task;

  g_return_if_fail (CA_IS_AUDIT_EDITOR (self));
  context = ca_audit_editor_get_context (self);
  g_return_if_fail (context != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_audit_editor_load_async);
  ca_context_hold_in_task (context, task);

  if (ca_audit_editor_get_audit_id (self) != 0)
    ca_audit_editor_save_now (self);
  ca_audit_draft_store_load_async (ca_context_get_database (context), audit_id, cancellable,
                                   form_loaded_cb, task);
}

gboolean
ca_audit_editor_load_finish (CaAuditEditor  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
