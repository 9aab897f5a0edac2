// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave of an audit's draft (R-F6): at most a second after the first unsaved change, one save
// at a time, on a worker thread with its own connection. What it is doing is told through
// ::status-changed, for the editor to show.
//
// Another copy of Case Audit may have the same draft open (R-N2). Each save therefore sends,
// beside the draft, the BASE: what this copy last saw stored, field by field. The store writes
// only what changed since then, takes in what the other copy changed meanwhile, and sets this
// copy's text aside where both changed one field. Afterwards the autosave brings the draft up
// to date with what the other copy wrote (::refreshed, for the form to show it) and reports
// each field both changed (::conflict, for the person to choose). A field stays out of the
// base's update while it is in conflict, or while the person has typed in it since the save
// set off, so that the next save judges it afresh instead of writing over the other copy
// (core/ca-merge.c's ca_merge_after_save() decides which).
//
// The autosave knows a form only through its CaFormModel (stores/ca-form-model.h): the audit's
// draft today (ca_audit_autosave_start()), any other form through ca_audit_autosave_start_form().

#define G_LOG_DOMAIN "ca-audit-autosave"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-autosave.h"
#include "ca-database-worker.h"

#define AUTOSAVE_DELAY_US (G_USEC_PER_SEC)
/* After a failed save (a lock, a read-only file), how long before trying again. */
#define RETRY_DELAY_S 5

struct _CaAuditAutosave
{
  GObject       parent_instance;

  CaDatabase   *database;
  const CaFormModel *model;
  gint64        audit_id;
  gpointer      draft;             /* borrowed from the editor's form; NULL: nothing to save */
  gpointer      base;              /* what this copy last saw stored, per field (see top) */
  gpointer      stored;            /* what the last save or the load found stored */
  char         *session;           /* this copy's name for the versions it sets aside */
  GArray       *resolved;          /* of gint64: set-aside versions chosen between, to remove */
  GHashTable   *announced;         /* set-aside ids already reported through ::conflict */
  guint         generation;        /* changes with each start, so a late save is ignored */

  gboolean      dirty;
  gint64        first_change_us;   /* when the oldest unsaved change was made; 0: none */
  guint         autosave_id;
  gboolean      saving;
  GPtrArray    *waiters;           /* of GTask: ca_audit_autosave_save_async() calls */
};

enum
{
  SIGNAL_STATUS_CHANGED,
  SIGNAL_REFRESHED,
  SIGNAL_CONFLICT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CaAuditAutosave, ca_audit_autosave, G_TYPE_OBJECT)

/* What the worker thread needs, so that it reads nothing the main thread may change. */
typedef struct
{
  const CaFormModel *model;
  gint64        audit_id;
  gpointer      base;
  gpointer      draft;
  char         *session;
  GArray       *resolved;
  guint         generation;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  job->model->free (job->base);
  job->model->free (job->draft);
  g_free (job->session);
  g_array_unref (job->resolved);
  g_free (job);
}

static void schedule_save (CaAuditAutosave *self);

/* Tells the ca_audit_autosave_save_async() calls waiting how the save went. */
static void
return_waiters (CaAuditAutosave *self,
                const GError    *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
set_status (CaAuditAutosave *self,
            const char      *text,
            gboolean         failed)
{
  g_signal_emit (self, signals[SIGNAL_STATUS_CHANGED], 0, text, failed);
}

/* Takes the save's snapshot: the draft, its base and the choices made since the last save. */
static SaveJob *
new_job (CaAuditAutosave *self)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->model = self->model;
  job->audit_id = self->audit_id;
  job->base = self->model->copy (self->base);
  job->draft = self->model->copy (self->draft);
  job->session = g_strdup (self->session);
  job->resolved = g_steal_pointer (&self->resolved);
  job->generation = self->generation;
  self->resolved = g_array_new (FALSE, FALSE, sizeof (gint64));
  return job;
}

/* On the database's worker. The job is the task's data, read here and by save_done_cb(). */
static gboolean
save_job (CaDatabase    *connection,
          gpointer       data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  const SaveJob *job = data;

  *result = job->model->save_since (connection, job->audit_id, job->base, job->draft,
                                    job->session, (const gint64 *) job->resolved->data,
                                    job->resolved->len, error);
  return *result != NULL;
}

/* A save that failed leaves its choices to be written by the next one. */
static void
keep_choices (CaAuditAutosave *self,
              const SaveJob   *job)
{
  g_array_prepend_vals (self->resolved, job->resolved->data, job->resolved->len);
}

/* Brings the autosave up to date with what JOB's save left stored (see the top). */
static void
apply_saved (CaAuditAutosave *self,
             const SaveJob   *job,
             CaFormSaved     *saved)
{
  const CaFormModel *model = self->model;
  gpointer base = model->copy (saved->stored);
  g_autoptr(GHashTable) conflicting = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) refreshed = g_strv_builder_new ();
  g_auto(GStrv) differ = model->diff (saved->stored, job->draft);
  g_auto(GStrv) refreshed_fields = NULL;

  for (guint i = 0; i < saved->conflicts->len; i++)
    {
      const CaFormConflict *conflict = g_ptr_array_index (saved->conflicts, i);

      g_hash_table_add (conflicting, conflict->where);
    }

  for (guint i = 0; differ[i] != NULL; i++)
    {
      const char *where = differ[i];
      gboolean changed_here = !ca_form_model_field_equal (model, job->draft, job->base, where);
      gboolean typed_since = !ca_form_model_field_equal (model, self->draft, job->draft, where);

      switch (ca_merge_after_save (g_hash_table_contains (conflicting, where), changed_here,
                                   typed_since))
        {
        case CA_MERGE_AFTER_SAVE_KEEP_BASE:
          ca_form_model_copy_field (model, base, job->base, where);
          break;
        case CA_MERGE_AFTER_SAVE_TAKE_IN:
          /* Another copy's change, shown at once (had the person typed in that field since
           * the save set off, the next save would weigh it against the other's). */
          ca_form_model_copy_field (model, self->draft, saved->stored, where);
          g_strv_builder_add (refreshed, where);
          break;
        case CA_MERGE_AFTER_SAVE_OWN:
        default:
          /* Stored as the schema keeps it (a category the grade does not allow is not
           * kept): the stored value is the new base. */
          break;
        }
    }

  g_clear_pointer (&self->base, model->free);
  self->base = base;
  g_clear_pointer (&self->stored, model->free);
  self->stored = model->copy (saved->stored);

  refreshed_fields = g_strv_builder_end (refreshed);
  if (refreshed_fields[0] != NULL)
    g_signal_emit (self, signals[SIGNAL_REFRESHED], 0, refreshed_fields);

  for (guint i = 0; i < saved->conflicts->len; i++)
    {
      const CaFormConflict *conflict = g_ptr_array_index (saved->conflicts, i);
      g_autofree char *other = NULL;

      if (!g_hash_table_add (self->announced, g_memdup2 (&conflict->id, sizeof conflict->id)))
        continue;
      other = model->dup_field (saved->stored, conflict->where);
      g_signal_emit (self, signals[SIGNAL_CONFLICT], 0, conflict->where, other, conflict->id);
    }
}

static gboolean autosave_cb (gpointer user_data);

static void
save_failed (CaAuditAutosave *self,
             const SaveJob   *job,
             const GError    *error)
{
  g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);

  /* The draft stays in memory. The next change tries again, and so does a timer, so a lock
   * that clears or a database made writable again gets what was typed without anyone having
   * to type more. */
  keep_choices (self, job);
  self->dirty = TRUE;
  set_status (self, text, TRUE);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add_seconds (RETRY_DELAY_S, autosave_cb, self);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CaAuditAutosave *self = CA_AUDIT_AUTOSAVE (source);
  const SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(CaFormSaved) saved = NULL;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  saved = g_task_propagate_pointer (G_TASK (result), &error);
  if (job->generation != self->generation || self->draft == NULL)
    {
      /* stopped, or started on another audit, meanwhile */
      g_autoptr(GError) stopped = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                       _("The audit was closed."));

      return_waiters (self, stopped);
      return;
    }
  if (saved == NULL)
    {
      save_failed (self, job, error);
      return_waiters (self, error);
      return;
    }

  apply_saved (self, job, saved);
  if (self->dirty && self->waiters->len > 0)
    autosave_cb (self);  /* typed while saving, and someone waits: saved again at once */
  else if (self->dirty)
    schedule_save (self);
  else
    {
      set_status (self, _("Saved"), FALSE);
      return_waiters (self, NULL);
    }
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
  task = g_task_new (self, NULL, save_done_cb, NULL);
  job = new_job (self);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  ca_database_run_in_task (self->database, task, save_job, job, NULL,
                           (GDestroyNotify) ca_form_saved_free);
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
 * ca_audit_autosave_start_form:
 * @model: (transfer none): what @values are; it must outlive the autosave's use of it
 * @values: (transfer none): the form's values; they must outlive the autosave's use of them,
 *   until the next start or stop
 * @stored: the values exactly as they are stored, which @values' changes are measured from
 *
 * Watches @values of record @id, with nothing unsaved yet beyond where @values differ from
 * @stored (such as a default filled in by the form).
 */
void
ca_audit_autosave_start_form (CaAuditAutosave   *self,
                              const CaFormModel *model,
                              CaDatabase        *database,
                              gint64             id,
                              gpointer           values,
                              gconstpointer      stored)
{
  g_return_if_fail (CA_IS_AUDIT_AUTOSAVE (self));
  g_return_if_fail (model != NULL);
  g_return_if_fail (CA_IS_DATABASE (database));
  g_return_if_fail (values != NULL && stored != NULL);

  ca_audit_autosave_stop (self);
  g_set_object (&self->database, database);
  self->model = model;
  self->audit_id = id;
  self->draft = values;
  self->base = model->copy (stored);
  self->stored = model->copy (stored);
}

/**
 * ca_audit_autosave_start:
 * @draft: (transfer none): must outlive the autosave's use of it, until the next start or stop
 * @stored: the draft exactly as it is stored (the form's `stored`), which @draft's changes
 *   are measured from
 *
 * Watches @draft of audit @audit_id: ca_audit_autosave_start_form() with the draft's model.
 */
void
ca_audit_autosave_start (CaAuditAutosave    *self,
                         CaDatabase         *database,
                         gint64              audit_id,
                         CaAuditDraft       *draft,
                         const CaAuditDraft *stored)
{
  ca_audit_autosave_start_form (self, ca_audit_draft_store_get_form_model (), database,
                                audit_id, draft, stored);
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
  self->generation++;
  self->draft = NULL;
  if (self->model != NULL)
    {
      g_clear_pointer (&self->base, self->model->free);
      g_clear_pointer (&self->stored, self->model->free);
    }
  g_array_set_size (self->resolved, 0);
  g_hash_table_remove_all (self->announced);
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

/* A save nobody waits to see (the editor was left): a failure is told in the log too, as the
 * status is out of sight; the draft stays unsaved and the retry goes on as after any save. */
static void
left_save_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ca_audit_autosave_save_finish (CA_AUDIT_AUTOSAVE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Not saved: %s", error->message);
}

/**
 * ca_audit_autosave_save_now:
 *
 * Queues what is unsaved on the database's worker at once and returns, without waiting for
 * it: for leaving the page. A save already under way is followed by this one as soon as it
 * is back, since its answer is what this one is measured from. What another copy changed
 * meanwhile is taken in and reported as after any save.
 */
void
ca_audit_autosave_save_now (CaAuditAutosave *self)
{
  g_return_if_fail (CA_IS_AUDIT_AUTOSAVE (self));

  ca_audit_autosave_save_async (self, left_save_done_cb, NULL);
}

/**
 * ca_audit_autosave_flush:
 *
 * Like ca_audit_autosave_save_now(), but first waits for the save under way, if any, so
 * that what is unsaved is queued on the worker when this returns, and
 * ca_database_wait_idle() then waits for it to be written: for closing the window, and
 * before reading the audit back from the database. The main thread still writes nothing.
 */
void
ca_audit_autosave_flush (CaAuditAutosave *self)
{
  g_return_if_fail (CA_IS_AUDIT_AUTOSAVE (self));

  ca_audit_autosave_wait (self);
  ca_audit_autosave_save_now (self);
}

/**
 * ca_audit_autosave_save_async:
 *
 * Saves what is unsaved at once, on the database's worker, like the autosave itself: before
 * submitting. @callback is called once nothing is left unsaved, or the save failed (the
 * status says why, as after any save). What another copy changed meanwhile is taken in and
 * reported first.
 */
void
ca_audit_autosave_save_async (CaAuditAutosave     *self,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CA_IS_AUDIT_AUTOSAVE (self));

  task = g_task_new (self, NULL, callback, user_data);
  if (self->draft == NULL || (!self->dirty && !self->saving))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  if (!self->saving)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      autosave_cb (self);
    }
}

gboolean
ca_audit_autosave_save_finish (CaAuditAutosave  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ca_audit_autosave_get_stored:
 *
 * Returns: (transfer none) (nullable): the draft as the last save (or the load) found it
 *   stored
 */
const CaAuditDraft *
ca_audit_autosave_get_stored (CaAuditAutosave *self)
{
  g_return_val_if_fail (CA_IS_AUDIT_AUTOSAVE (self), NULL);

  return self->stored;
}

/**
 * ca_audit_autosave_get_base:
 *
 * Returns: (transfer none) (nullable): what this copy last saw stored, field by field: what
 *   its changes are measured from (for submitting)
 */
const CaAuditDraft *
ca_audit_autosave_get_base (CaAuditAutosave *self)
{
  g_return_val_if_fail (CA_IS_AUDIT_AUTOSAVE (self), NULL);

  return self->base;
}

/**
 * ca_audit_autosave_choose:
 * @where: a field that had two versions
 * @set_aside_id: the version set aside (a #CaDraftSetAside's id)
 * @value: (nullable): the version the person chose, as ca_audit_draft_dup_field() gives it
 *
 * Keeps @value for @where: puts it in the draft (announcing ::refreshed when that changes
 * the draft), writes it over the stored one if they differ, and removes the version set
 * aside, all in the next save, which is made soon.
 */
void
ca_audit_autosave_choose (CaAuditAutosave *self,
                          const char      *where,
                          gint64           set_aside_id,
                          const char      *value)
{
  g_autofree char *current = NULL;

  g_return_if_fail (CA_IS_AUDIT_AUTOSAVE (self));
  g_return_if_fail (where != NULL);

  if (self->draft == NULL)
    return;

  current = self->model->dup_field (self->draft, where);
  if (!ca_merge_values_equal (current, value))
    {
      const char *fields[] = { where, NULL };

      self->model->set_field (self->draft, where, value);
      g_signal_emit (self, signals[SIGNAL_REFRESHED], 0, fields);
    }
  /* Measured from what is stored now, the choice is a change the save writes (or, when it is
   * what is stored, nothing to write). */
  ca_form_model_copy_field (self->model, self->base, self->stored, where);
  g_array_append_val (self->resolved, set_aside_id);
  g_hash_table_remove (self->announced, &set_aside_id);
  ca_audit_autosave_changed (self);
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
ca_audit_autosave_finalize (GObject *object)
{
  CaAuditAutosave *self = (CaAuditAutosave *) object;

  g_free (self->session);
  g_array_unref (self->resolved);
  g_hash_table_unref (self->announced);
  g_ptr_array_unref (self->waiters);

  G_OBJECT_CLASS (ca_audit_autosave_parent_class)->finalize (object);
}

static void
ca_audit_autosave_class_init (CaAuditAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ca_audit_autosave_dispose;
  object_class->finalize = ca_audit_autosave_finalize;

  /**
   * CaAuditAutosave::status-changed:
   * @text: what the autosave is doing, for the person: "Editing…", "Saving…", "Saved" or
   *   why the draft was not saved
   * @failed: whether the draft could not be saved
   */
  signals[SIGNAL_STATUS_CHANGED] = g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * CaAuditAutosave::refreshed:
   * @fields: the paths of the draft's fields just changed by the autosave: another copy's
   *   changes taken in, or a version chosen; the form shows them
   */
  signals[SIGNAL_REFRESHED] = g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRV);

  /**
   * CaAuditAutosave::conflict:
   * @where: a field this copy and another changed differently at once
   * @other: (nullable): the other copy's version, which is what is stored; this copy's
   *   stays in the draft and is set aside in the database until a choice is made with
   *   ca_audit_autosave_choose()
   * @set_aside_id: the id of the version set aside
   */
  signals[SIGNAL_CONFLICT] = g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING,
                                           G_TYPE_INT64);
}

static void
ca_audit_autosave_init (CaAuditAutosave *self)
{
  self->session = g_uuid_string_random ();
  self->resolved = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->announced = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

CaAuditAutosave *
ca_audit_autosave_new (void)
{
  return g_object_new (CA_TYPE_AUDIT_AUTOSAVE, NULL);
}
