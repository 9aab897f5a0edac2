// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave of an audit's draft (R-F6): at most a second after the first unsaved change, one save
// at a time, on a worker thread with its own connection. What it is doing is told through
// ::status-changed, for the editor to show.

#define G_LOG_DOMAIN "ca-audit-autosave"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-autosave.h"

#define AUTOSAVE_DELAY_US (G_USEC_PER_SEC)
/* After a failed save (a lock, a read-only file), how long before trying again. */
#define RETRY_DELAY_S 5

struct _CaAuditAutosave
{
  GObject       parent_instance;

  CaDatabase   *database;
  gint64        audit_id;
  CaAuditDraft *draft;             /* borrowed from the editor's form; NULL: nothing to save */

  gboolean      dirty;
  gint64        first_change_us;   /* when the oldest unsaved change was made; 0: none */
  guint         autosave_id;
  gboolean      saving;
};

enum
{
  SIGNAL_STATUS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CaAuditAutosave, ca_audit_autosave, G_TYPE_OBJECT)

/* What the worker thread needs, so that it reads nothing the main thread may change. */
typedef struct
{
  CaDatabase   *database;
  gint64        audit_id;
  CaAuditDraft *draft;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_object_unref (job->database);
  ca_audit_draft_free (job->draft);
  g_free (job);
}

static void schedule_save (CaAuditAutosave *self);

static void
set_status (CaAuditAutosave *self,
            const char      *text,
            gboolean         failed)
{
  g_signal_emit (self, signals[SIGNAL_STATUS_CHANGED], 0, text, failed);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const SaveJob *job = task_data;
  g_autoptr(CaDatabase) connection = NULL;
  GError *error = NULL;

  connection = ca_database_open_another (job->database, &error);
  if (connection == NULL ||
      !ca_audit_draft_store_save (connection, job->audit_id, job->draft, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean autosave_cb (gpointer user_data);

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CaAuditAutosave *self = CA_AUDIT_AUTOSAVE (source);
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);

      /* The draft stays in memory. The next change tries again, and so does a timer, so a
       * lock that clears or a database made writable again gets what was typed without
       * anyone having to type more. */
      self->dirty = TRUE;
      set_status (self, text, TRUE);
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      self->autosave_id = g_timeout_add_seconds (RETRY_DELAY_S, autosave_cb, self);
      return;
    }

  if (self->dirty)
    schedule_save (self);
  else
    set_status (self, _("Saved"), FALSE);
}

static gboolean
autosave_cb (gpointer user_data)
{
  CaAuditAutosave *self = user_data;
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  self->autosave_id = 0;
  if (!self->dirty || self->draft == NULL)
    return G_SOURCE_REMOVE;
  if (self->saving)
    {
      /* One save at a time, so an older copy never lands after a newer one. */
      schedule_save (self);
      return G_SOURCE_REMOVE;
    }

  self->dirty = FALSE;
  self->first_change_us = 0;
  self->saving = TRUE;
  set_status (self, _("Saving…"), FALSE);
  job = g_new0 (SaveJob, 1);
  job->database = g_object_ref (self->database);
  job->audit_id = self->audit_id;
  job->draft = ca_audit_draft_copy (self->draft);
  task = g_task_new (self, NULL, save_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
  return G_SOURCE_REMOVE;
}

/* A second after the last change, but never more than a second after the first unsaved
 * one, so steady typing is still saved every second. */
static void
schedule_save (CaAuditAutosave *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 deadline = self->first_change_us ? self->first_change_us + AUTOSAVE_DELAY_US
                                          : now + AUTOSAVE_DELAY_US;
  gint64 delay_ms = MAX (0, MIN (AUTOSAVE_DELAY_US, deadline - now)) / 1000;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add ((guint) delay_ms, autosave_cb, self);
  set_status (self, _("Editing…"), FALSE);
}

/**
 * ca_audit_autosave_start:
 * @draft: (transfer none): must outlive the autosave's use of it, until the next start or stop
 *
 * Watches @draft of audit @audit_id, with nothing unsaved yet.
 */
void
ca_audit_autosave_start (CaAuditAutosave *self,
                         CaDatabase      *database,
                         gint64           audit_id,
                         CaAuditDraft    *draft)
{
  g_return_if_fail (CA_IS_AUDIT_AUTOSAVE (self));
  g_return_if_fail (CA_IS_DATABASE (database));

  ca_audit_autosave_stop (self);
  g_set_object (&self->database, database);
  self->audit_id = audit_id;
  self->draft = draft;
}

/**
 * ca_audit_autosave_stop:
 *
 * Forgets the draft and anything unsaved in it: for a draft that is gone or submitted.
 */
void
ca_audit_autosave_stop (CaAuditAutosave *self)
{
  g_return_if_fail (CA_IS_AUDIT_AUTOSAVE (self));

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->draft = NULL;
  self->dirty = FALSE;
  self->first_change_us = 0;
}

/**
 * ca_audit_autosave_changed:
 *
 * The draft has just been changed: saves it soon.
 */
void
ca_audit_autosave_changed (CaAuditAutosave *self)
{
  g_return_if_fail (CA_IS_AUDIT_AUTOSAVE (self));

  self->dirty = TRUE;
  if (self->first_change_us == 0)
    self->first_change_us = g_get_monotonic_time ();
  schedule_save (self);
}

/**
 * ca_audit_autosave_wait:
 *
 * Drops the save to come and waits for the one under way, if any: before the draft is
 * written some other way.
 */
void
ca_audit_autosave_wait (CaAuditAutosave *self)
{
  g_return_if_fail (CA_IS_AUDIT_AUTOSAVE (self));

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  while (self->saving)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * ca_audit_autosave_save_now:
 *
 * Saves what is unsaved at once, on the calling thread: for leaving the page or closing
 * the window.
 */
void
ca_audit_autosave_save_now (CaAuditAutosave *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CA_IS_AUDIT_AUTOSAVE (self));

  ca_audit_autosave_wait (self);
  if (!self->dirty || self->draft == NULL)
    return;

  if (!ca_audit_draft_store_save (self->database, self->audit_id, self->draft, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);

      g_warning ("%s", text);
      set_status (self, text, TRUE);
      return;
    }
  self->dirty = FALSE;
  self->first_change_us = 0;
  set_status (self, _("Saved"), FALSE);
}

static void
ca_audit_autosave_dispose (GObject *object)
{
  CaAuditAutosave *self = (CaAuditAutosave *) object;

  ca_audit_autosave_stop (self);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (ca_audit_autosave_parent_class)->dispose (object);
}

static void
ca_audit_autosave_class_init (CaAuditAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ca_audit_autosave_dispose;

  /**
   * CaAuditAutosave::status-changed:
   * @text: what the autosave is doing, for the person: "Editing…", "Saving…", "Saved" or
   *   why the draft was not saved
   * @failed: whether the draft could not be saved
   */
  signals[SIGNAL_STATUS_CHANGED] = g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
ca_audit_autosave_init (CaAuditAutosave *self)
{
}

CaAuditAutosave *
ca_audit_autosave_new (void)
{
  return g_object_new (CA_TYPE_AUDIT_AUTOSAVE, NULL);
}
