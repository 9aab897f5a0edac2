// SPDX-License-Identifier: GPL-3.0-or-later
// A store write started from a view: run on the database's worker, its control insensitive meanwhile.
//
// The main thread never writes: a database that another program holds locked, or a slow
// disk, would freeze the window for the busy timeout. A view hands the store call to
// ca_view_write() as a job over the worker's connection, with its arguments copied into
// the job's data; the worker runs it in order with every other store call, and the view's
// done function shows the result as it did before. Meanwhile the control that started the
// write is insensitive and ca_view_write_is_busy() answers TRUE, so the write is not
// started twice. The write holds the view, so a window closed meanwhile (Preferences) still
// gets its save: the worker finishes what is queued.

#define G_LOG_DOMAIN "ca-view-write"

#include "config.h"

#include "ca-database-worker.h"
#include "ca-view-write.h"

typedef struct
{
  GtkWidget       *owner;
  GtkWidget       *control;
  gboolean         control_was_sensitive;
  CaViewWriteJob   job;
  gpointer         data;
  GDestroyNotify   data_free;
  CaViewWriteDone  done;
} Write;

static GQuark
busy_quark (void)
{
  return g_quark_from_static_string ("ca-view-write-busy");
}

static void
set_busy (Write   *write,
          gboolean busy)
{
  guint count = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (write->owner), busy_quark ()));

  count = busy ? count + 1 : count - 1;
  g_object_set_qdata (G_OBJECT (write->owner), busy_quark (), GUINT_TO_POINTER (count));
  if (write->control == NULL)
    return;
  /* Given back as it was: a control the view had made insensitive stays so. */
  if (busy)
    write->control_was_sensitive = gtk_widget_get_sensitive (write->control);
  gtk_widget_set_sensitive (write->control, busy ? FALSE : write->control_was_sensitive);
}

/* On the worker. The Write is freed on the main thread, in write_done_cb(). */
static gboolean
write_job (CaDatabase    *connection,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  Write *write = data;

  return write->job (connection, write->data, error);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Write *write = user_data;
  g_autoptr(GError) error = NULL;

  ca_database_run_finish (result, NULL, &error);
  set_busy (write, FALSE);
  write->done (write->owner, write->data, error);

  if (write->data_free != NULL)
    write->data_free (write->data);
  g_clear_object (&write->control);
  g_clear_object (&write->owner);
  g_free (write);
}

/**
 * ca_view_write:
 * @owner: the view that writes; held until @done has run
 * @control: (nullable): the button or row that started the write, insensitive meanwhile
 * @database: the view's database
 * @job: the store call, run on @database's worker
 * @data: (transfer full): its arguments, read by @job and then by @done
 * @data_free: (nullable): frees @data, on the main thread, after @done
 * @done: shows the result, on the main thread
 *
 * Runs a store write off the main thread (see the top of this file).
 */
void
ca_view_write (GtkWidget       *owner,
               GtkWidget       *control,
               CaDatabase      *database,
               CaViewWriteJob   job,
               gpointer         data,
               GDestroyNotify   data_free,
               CaViewWriteDone  done)
{
  Write *write;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (control == NULL || GTK_IS_WIDGET (control));
  g_return_if_fail (CA_IS_DATABASE (database));
  g_return_if_fail (job != NULL && done != NULL);

  write = g_new0 (Write, 1);
  write->owner = g_object_ref (owner);
  write->control = control != NULL ? g_object_ref (control) : NULL;
  write->job = job;
  write->data = data;
  write->data_free = data_free;
  write->done = done;
  set_busy (write, TRUE);
  ca_database_run_async (database, write_job, write, NULL, NULL, NULL, write_done_cb, write);
}

/**
 * ca_view_write_is_busy:
 * @owner: a view
 *
 * Returns: whether a write @owner started is still under way: an action that writes
 *   does nothing meanwhile, rather than start a second one
 */
gboolean
ca_view_write_is_busy (GtkWidget *owner)
{
  g_return_val_if_fail (GTK_IS_WIDGET (owner), FALSE);

  return g_object_get_qdata (G_OBJECT (owner), busy_quark ()) != NULL;
}
