// SPDX-License-Identifier: GPL-3.0-or-later
// Keeps the audit list current as the database says what changed.
//
// Changes are gathered and applied once the main loop is idle, so that a commit touching
// several kinds, or several commits in a row, cost one update. A few audits changed are
// read again (ca_audit_store_refresh_audits_async()); anything wider (new or removed
// audits, cases, staff, an import) reloads the list. Both read on the database's worker.

#define G_LOG_DOMAIN "ca-audit-list-updater"

#include "config.h"

#include "ca-audit-list-updater.h"

/* More audits than this changed at once are cheaper to reload than to read one by one. */
#define MAX_REFRESHED 50

struct _CaAuditListUpdater
{
  GObject        parent_instance;

  CaAuditStore  *store;
  GCancellable  *cancellable;
  GArray        *audit_ids;    /* gint64: audits to read again */
  gboolean       reload;       /* reload the whole list instead */
  guint          idle;
};

G_DEFINE_FINAL_TYPE (CaAuditListUpdater, ca_audit_list_updater, G_TYPE_OBJECT)

static void
reloaded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ca_audit_store_reload_finish (CA_AUDIT_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The audits could not be read again: %s", error->message);
}

static void
reload (CaAuditListUpdater *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  ca_audit_store_reload_async (self->store, self->cancellable, reloaded_cb, NULL);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CaAuditListUpdater) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ca_audit_store_refresh_audits_finish (CA_AUDIT_STORE (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("Changed audits could not be read again, so every audit is: %s", error->message);
  reload (self);
}

static gboolean
update_cb (gpointer data)
{
  CaAuditListUpdater *self = data;

  self->idle = 0;
  if (self->reload)
    reload (self);
  else if (self->audit_ids->len > 0)
    ca_audit_store_refresh_audits_async (self->store, self->audit_ids, self->cancellable,
                                         refreshed_cb, g_object_ref (self));
  self->reload = FALSE;
  g_array_set_size (self->audit_ids, 0);
  return G_SOURCE_REMOVE;
}

static void
changed_cb (CaAuditListUpdater *self,
            int                 kind,
            GArray             *ids)
{
  switch (kind)
    {
    case CA_CHANGE_AUDIT:
    case CA_CHANGE_NOTIFICATION:
    case CA_CHANGE_MANAGER_RESPONSE:  /* its id is the audit's; it may be what is due next */
      if (ids->len == 0 || self->audit_ids->len + ids->len > MAX_REFRESHED)
        self->reload = TRUE;
      else
        g_array_append_vals (self->audit_ids, ids->data, ids->len);
      break;
    case CA_CHANGE_ANY:
    case CA_CHANGE_CASE:
    case CA_CHANGE_STAFF:
    case CA_CHANGE_TOOL:
    case CA_CHANGE_ALLOCATION_RUN:
      self->reload = TRUE;
      break;
    default:
      return;
    }
  if (self->idle == 0)
    self->idle = g_idle_add (update_cb, self);
}

static void
ca_audit_list_updater_dispose (GObject *object)
{
  CaAuditListUpdater *self = CA_AUDIT_LIST_UPDATER (object);

  g_clear_handle_id (&self->idle, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ca_audit_list_updater_parent_class)->dispose (object);
}

static void
ca_audit_list_updater_finalize (GObject *object)
{
  CaAuditListUpdater *self = CA_AUDIT_LIST_UPDATER (object);

  g_array_unref (self->audit_ids);

  G_OBJECT_CLASS (ca_audit_list_updater_parent_class)->finalize (object);
}

static void
ca_audit_list_updater_class_init (CaAuditListUpdaterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ca_audit_list_updater_dispose;
  object_class->finalize = ca_audit_list_updater_finalize;
}

static void
ca_audit_list_updater_init (CaAuditListUpdater *self)
{
  self->audit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cancellable = g_cancellable_new ();
}

/**
 * ca_audit_list_updater_new:
 *
 * Keeps @store current with the changes @context relays, for as long as the updater lives.
 */
CaAuditListUpdater *
ca_audit_list_updater_new (CaAuditStore *store,
                           CaContext    *context)
{
  CaAuditListUpdater *self;

  g_return_val_if_fail (CA_IS_AUDIT_STORE (store), NULL);
  g_return_val_if_fail (CA_IS_CONTEXT (context), NULL);

  self = g_object_new (CA_TYPE_AUDIT_LIST_UPDATER, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (context, "changed", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
