// SPDX-License-Identifier: GPL-3.0-or-later
// The one worker of a database: store calls run in order on a connection of its own, off the main thread.
//
// Each CaDatabase the window holds gets, when it first runs a job, one thread with one
// connection of its own to the same file. Jobs wait in a queue and run one at a time, in
// the order they were asked for: writes are serialised here rather than fighting over
// SQLite's lock, and a save asked for before a submit lands before it. The answer comes
// back through a GTask in the caller's main context.
//
// Ownership: the database owns its worker (as object data, so that it goes when the
// database goes). Every job's GTask holds the database, so the database, and with it the
// worker, outlives every job; when it goes, the queue is empty and the thread ends.
// This is the one place that runs store calls on another thread: stores offer _async
// calls built on ca_database_run_in_task(), and widgets call those.

#define G_LOG_DOMAIN "ca-database-worker"

#include "config.h"

#include "ca-database-private.h"
#include "ca-database-worker.h"

typedef struct
{
  GAsyncQueue *queue;       /* of Job; a Job with no job stops the thread */
  GThread     *thread;
  CaDatabase  *connection;  /* the worker thread's alone once started */
  GError      *open_error;  /* why the connection could not be opened, for each job */
  GMutex       lock;
  GCond        idle_changed;
  guint        pending;     /* jobs asked for and not yet run, under lock */
} Worker;

typedef struct
{
  GTask          *task;
  CaDatabaseJob   job;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} Job;

static GQuark
worker_quark (void)
{
  return g_quark_from_static_string ("ca-database-worker");
}

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_clear_object (&job->task);
  g_free (job);
}

static void
run_job (Worker *worker,
         Job    *job)
{
  g_autoptr(GError) error = NULL;
  gpointer value = NULL;

  if (g_task_return_error_if_cancelled (job->task))
    return;
  if (worker->connection == NULL)
    {
      g_task_return_error (job->task, g_error_copy (worker->open_error));
      return;
    }
  if (!job->job (worker->connection, job->data, &value, g_task_get_cancellable (job->task),
                 &error))
    {
      if (value != NULL && job->result_free != NULL)
        job->result_free (value);
      g_task_return_error (job->task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (job->task, value, job->result_free);
}

static gpointer
worker_thread (gpointer user_data)
{
  Worker *worker = user_data;

  for (;;)
    {
      Job *job = g_async_queue_pop (worker->queue);
      gboolean stop = job->job == NULL;

      if (!stop)
        run_job (worker, job);
      job_free (job);
      if (stop)
        break;

      g_mutex_lock (&worker->lock);
      worker->pending--;
      g_cond_broadcast (&worker->idle_changed);
      g_mutex_unlock (&worker->lock);
    }

  /* The connection closes here, in the thread that used it. */
  g_clear_object (&worker->connection);
  return NULL;
}

static void
worker_free (Worker *worker)
{
  g_clear_object (&worker->connection);
  g_clear_error (&worker->open_error);
  g_async_queue_unref (worker->queue);
  g_mutex_clear (&worker->lock);
  g_cond_clear (&worker->idle_changed);
  g_free (worker);
}

/* Called when the database goes: no job is left (each held the database), so the thread
 * ends at once. Were the last reference dropped by a job's data on the worker thread
 * itself, it could not wait for itself: it is left to end on its own. */
static void
worker_stop (gpointer data)
{
  Worker *worker = data;
  Job *stop = g_new0 (Job, 1);

  g_async_queue_push (worker->queue, stop);
  if (g_thread_self () == worker->thread)
    {
      g_thread_unref (worker->thread);
      return;  /* the Worker is leaked with the ending thread: a rare and harmless case */
    }
  g_thread_join (worker->thread);
  worker_free (worker);
}

static Worker *
get_worker (CaDatabase *self)
{
  Worker *worker = g_object_get_qdata (G_OBJECT (self), worker_quark ());

  if (worker != NULL)
    return worker;

  worker = g_new0 (Worker, 1);
  worker->queue = g_async_queue_new ();
  g_mutex_init (&worker->lock);
  g_cond_init (&worker->idle_changed);
  /* Opened here rather than in the thread: the thread never touches the database it
   * belongs to, so that database is only ever finalized where its owner drops it. A
   * connection that cannot be opened fails each job with the reason. */
  worker->connection = ca_database_open_another (self, &worker->open_error);
  /* The worker's commits are told as this database's, in its main context. */
  if (worker->connection != NULL)
    ca_database_changes_forward (ca_database_get_changes (worker->connection),
                                 ca_database_get_changes (self));
  worker->thread = g_thread_new ("ca-database-worker", worker_thread, worker);
  g_object_set_qdata_full (G_OBJECT (self), worker_quark (), worker, worker_stop);
  return worker;
}

/**
 * ca_database_run_in_task:
 * @self: the database
 * @task: (transfer none): the task to return the job's answer through (a store's own
 *   task, whose finish function calls g_task_propagate_pointer())
 * @job: the store call to run
 * @data: (nullable): its data
 * @data_free: (nullable): frees @data once the job has run (on the worker thread)
 * @result_free: (nullable): frees what the job found if nobody takes it
 *
 * Runs @job on @self's worker: one thread with a connection of its own, which runs the
 * jobs of this database one at a time in the order they were asked for. @task's
 * cancellable is the job's: a job cancelled before it starts does not run.
 */
void
ca_database_run_in_task (CaDatabase     *self,
                         GTask          *task,
                         CaDatabaseJob   job,
                         gpointer        data,
                         GDestroyNotify  data_free,
                         GDestroyNotify  result_free)
{
  Worker *worker;
  Job *queued;

  g_return_if_fail (CA_IS_DATABASE (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (job != NULL);

  worker = get_worker (self);
  queued = g_new0 (Job, 1);
  queued->task = g_object_ref (task);
  queued->job = job;
  queued->data = data;
  queued->data_free = data_free;
  queued->result_free = result_free;
  /* The database (and so its worker) lives as long as any of its jobs. */
  g_object_set_data_full (G_OBJECT (task), "ca-database", g_object_ref (self), g_object_unref);

  g_mutex_lock (&worker->lock);
  worker->pending++;
  g_mutex_unlock (&worker->lock);
  g_async_queue_push (worker->queue, queued);
}

/**
 * ca_database_run_async:
 * @self: the database
 * @job: the store call to run
 * @data: (nullable): its data
 * @data_free: (nullable): frees @data once the job has run (on the worker thread)
 * @result_free: (nullable): frees what the job found if nobody takes it
 * @cancellable: (nullable): a #GCancellable; a job cancelled before it starts does not run
 * @callback: called in the caller's main context once the job has run
 * @user_data: for @callback
 *
 * ca_database_run_in_task() with a task of its own, for ca_database_run_finish().
 */
void
ca_database_run_async (CaDatabase          *self,
                       CaDatabaseJob        job,
                       gpointer             data,
                       GDestroyNotify       data_free,
                       GDestroyNotify       result_free,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CA_IS_DATABASE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_database_run_async);
  /* For ca_database_run_finish() when its caller does not want the value. */
  g_object_set_data (G_OBJECT (task), "result-free", result_free);
  ca_database_run_in_task (self, task, job, data, data_free, result_free);
}

/**
 * ca_database_run_finish:
 * @result: the result given to the callback
 * @value: (out) (optional) (transfer full): what the job found
 * @error: where a failure is said
 *
 * Returns: %TRUE if the job succeeded
 */
gboolean
ca_database_run_finish (GAsyncResult  *result,
                        gpointer      *value,
                        GError       **error)
{
  g_autoptr(GError) failure = NULL;
  gpointer found;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ca_database_run_async, FALSE);

  found = g_task_propagate_pointer (G_TASK (result), &failure);
  if (failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }
  if (value != NULL)
    *value = found;
  else if (found != NULL)
    {
      GDestroyNotify result_free = g_object_get_data (G_OBJECT (result), "result-free");
      if (result_free != NULL)
        result_free (found);
    }
  return TRUE;
}

/**
 * ca_database_wait_idle:
 * @self: the database
 *
 * Waits until every job asked for so far has run (their callbacks come later, from the
 * main context). For quitting with nothing half-saved, and for tests.
 */
void
ca_database_wait_idle (CaDatabase *self)
{
  Worker *worker;

  g_return_if_fail (CA_IS_DATABASE (self));

  worker = g_object_get_qdata (G_OBJECT (self), worker_quark ());
  if (worker == NULL)
    return;
  g_mutex_lock (&worker->lock);
  while (worker->pending > 0)
    g_cond_wait (&worker->idle_changed, &worker->lock);
  g_mutex_unlock (&worker->lock);
}
