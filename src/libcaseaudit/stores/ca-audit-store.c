// SPDX-License-Identifier: GPL-3.0-or-later
// Every audit in the database as a GListModel, loaded off the main thread. The rows are
// kept as plain structs of interned strings; an audit's object is made only when asked for.

#define G_LOG_DOMAIN "ca-audit-store"

#include "config.h"

#include "ca-audit-row.h"
#include "ca-audit-store.h"
#include "ca-database-worker.h"
#include "ca-store-load.h"
#include "core/ca-date.h"

struct _CaAuditStore
{
  GObject     parent_instance;

  CaDatabase *database;
  GArray     *rows;     /* of CaAuditRow */
  CaAudit   **objects;  /* one a row: the object made for it while someone holds it */
  GStrv       service_areas;
  guint       n_loads;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaAuditStore, ca_audit_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Newest allocation first: what a CPP lead looks at first. */
/* The dates of what an audit may wait on, of which row_from_statement keeps the one that
 * matters next (ca_audit_next_due): what is done is read as NULL. */
#define AUDIT_SELECT \
  "SELECT a.id, a.case_id, c.case_ref, sa.name, t.name, s.name, tool.name, a.audit_date, " \
  "       a.due_date, a.status, a.overall_grade, a.category, " \
  "       CASE WHEN a.recommendations_checked_at IS NULL THEN a.review_due_at END, " \
  "       m.due_date " \
  "FROM audit a " \
  "LEFT JOIN manager_response m ON m.audit_id = a.id AND m.responded_on IS NULL " \
  "JOIN case_file c ON c.id = a.case_id " \
  "JOIN team t ON t.id = c.team_id " \
  "JOIN service_area sa ON sa.id = t.service_area_id " \
  "JOIN staff s ON s.id = a.auditor_id " \
  "JOIN audit_tool_version v ON v.id = a.tool_version_id " \
  "JOIN audit_tool tool ON tool.id = v.tool_id "
#define AUDIT_ORDER " ORDER BY a.allocated_on DESC, a.id DESC"

static void
row_from_statement (CaStatement *stmt,
                    CaAuditRow  *row)
{
  CaAuditStatus status;
  GDate return_due, review_due, response_due, next;

  row->id = ca_statement_get_int64 (stmt, 0);
  row->case_id = ca_statement_get_int64 (stmt, 1);
  ca_audit_row_set_case_ref (row, ca_statement_get_text (stmt, 2));
  row->service_area = ca_audit_name_intern (ca_statement_get_text (stmt, 3));
  row->team = ca_audit_name_intern (ca_statement_get_text (stmt, 4));
  row->auditor = ca_audit_name_intern (ca_statement_get_text (stmt, 5));
  row->tool = ca_audit_name_intern (ca_statement_get_text (stmt, 6));
  /* A few thousand dates shared by tens of thousands of rows. */
  row->audit_date = g_intern_string (ca_statement_get_text (stmt, 7));
  if (!ca_audit_status_from_string (ca_statement_get_text (stmt, 9), &status))
    status = CA_AUDIT_STATUS_ALLOCATED;
  row->status = status;
  row->overall_grade = ca_grade_from_string (ca_statement_get_text (stmt, 10));
  row->category = (guint8) ca_statement_get_int64 (stmt, 11);

  ca_deadline_parse_day (ca_statement_get_text (stmt, 8), &return_due);
  ca_deadline_parse_day (ca_statement_get_text (stmt, 12), &review_due);
  ca_deadline_parse_day (ca_statement_get_text (stmt, 13), &response_due);
  row->due_kind = ca_audit_next_due (status, &return_due, &review_due, &response_due, &next);
  row->due_date = NULL;
  if (g_date_valid (&next))
    {
      g_autofree char *iso = ca_date_format (&next);

      row->due_date = g_intern_string (iso);
    }
}

static GArray *
query_rows (CaDatabase    *database,
            const char    *sql,
            gint64         parameter,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, sql, error);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (CaAuditRow));

  if (stmt == NULL)
    return NULL;
  if (parameter != 0)
    ca_statement_bind_int64 (stmt, 1, parameter);

  while (ca_statement_next (stmt))
    {
      if ((rows->len & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_array_set_size (rows, rows->len + 1);
      row_from_statement (stmt, &g_array_index (rows, CaAuditRow, rows->len - 1));
    }
  if (!ca_statement_check (stmt, error))
    return NULL;

  return g_steal_pointer (&rows);
}

/* What one load reads: the audits and the service areas they can be filtered by. */
typedef struct
{
  GArray *rows;
  GStrv   service_areas;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->rows, g_array_unref);
  g_clear_pointer (&result->service_areas, g_strfreev);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

/**
 * ca_audit_store_list_service_areas:
 *
 * Returns: (transfer full): the names of the service areas, sorted, as the audits list's
 *   filter and the allocation's choice of areas offer them; %NULL with @error set
 */
GStrv
ca_audit_store_list_service_areas (CaDatabase  *database,
                                   GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  stmt = ca_database_prepare (database, "SELECT name FROM service_area ORDER BY name", error);
  if (stmt == NULL)
    return NULL;

  while (ca_statement_next (stmt))
    {
      g_strv_builder_add (names, ca_statement_get_text (stmt, 0));
    }
  if (!ca_statement_check (stmt, error))
    return NULL;

  return g_strv_builder_end (names);
}

/* The same, read on the database's worker: for the window. */
void
ca_audit_store_list_service_areas_async (CaDatabase          *database,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  ca_store_list_async (database, (CaStoreListFunc) ca_audit_store_list_service_areas,
                       (GDestroyNotify) g_strfreev, cancellable, callback, user_data);
}

/* Returns: (transfer full): the service areas, or %NULL with @error set */
GStrv
ca_audit_store_list_service_areas_finish (GAsyncResult  *result,
                                          GError       **error)
{
  return ca_store_load_finish (result, error);
}

static LoadResult *
load (CaDatabase    *database,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);

  result->service_areas = ca_audit_store_list_service_areas (database, error);
  if (result->service_areas == NULL)
    return NULL;
  result->rows = query_rows (database, AUDIT_SELECT AUDIT_ORDER, 0, cancellable, error);
  if (result->rows == NULL)
    return NULL;

  return g_steal_pointer (&result);
}

/* An object made for a row is forgotten when its last holder lets it go. */
static void
object_finalized_cb (gpointer  data,
                     GObject  *where_the_object_was)
{
  CaAudit **slot = data;

  *slot = NULL;
}

static void
forget_object (CaAuditStore *self,
               guint         position)
{
  if (self->objects[position] == NULL)
    return;
  g_object_weak_unref (G_OBJECT (self->objects[position]), object_finalized_cb,
                       &self->objects[position]);
  self->objects[position] = NULL;
}

static void
forget_objects (CaAuditStore *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    forget_object (self, i);
  g_clear_pointer (&self->objects, g_free);
}

static void
replace_audits (CaAuditStore *self,
                LoadResult   *result)
{
  guint removed = self->rows->len;

  g_strfreev (self->service_areas);
  self->service_areas = g_steal_pointer (&result->service_areas);

  forget_objects (self);
  g_array_unref (self->rows);
  self->rows = g_steal_pointer (&result->rows);
  self->objects = g_new0 (CaAudit *, self->rows->len);
  /* One signal for the whole change: the views rebuild once. */
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->rows->len);
}

static void
set_loading (CaAuditStore *self,
             gboolean      loading)
{
  gboolean was_loading = self->n_loads > 0;

  if (loading)
    self->n_loads++;
  else
    self->n_loads--;

  if (was_loading != (self->n_loads > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
reload_job (CaDatabase    *connection,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  *result = load (connection, cancellable, error);
  return *result != NULL;
}

static GType
list_model_get_item_type (GListModel *model)
{
  return CA_TYPE_AUDIT;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return CA_AUDIT_STORE (model)->rows->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  CaAuditStore *self = CA_AUDIT_STORE (model);

  if (position >= self->rows->len)
    return NULL;
  if (self->objects[position] != NULL)
    return g_object_ref (self->objects[position]);

  self->objects[position] = ca_audit_new_for_row (&g_array_index (self->rows, CaAuditRow, position));
  g_object_weak_ref (G_OBJECT (self->objects[position]), object_finalized_cb,
                     &self->objects[position]);
  return self->objects[position];
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
ca_audit_store_dispose (GObject *object)
{
  CaAuditStore *self = (CaAuditStore *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (ca_audit_store_parent_class)->dispose (object);
}

static void
ca_audit_store_finalize (GObject *object)
{
  CaAuditStore *self = (CaAuditStore *) object;

  forget_objects (self);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->service_areas, g_strfreev);

  G_OBJECT_CLASS (ca_audit_store_parent_class)->finalize (object);
}

static void
ca_audit_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CaAuditStore *self = CA_AUDIT_STORE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->n_loads > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_audit_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CaAuditStore *self = CA_AUDIT_STORE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_audit_store_class_init (CaAuditStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ca_audit_store_dispose;
  object_class->finalize = ca_audit_store_finalize;
  object_class->get_property = ca_audit_store_get_property;
  object_class->set_property = ca_audit_store_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CA_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_audit_store_init (CaAuditStore *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (CaAuditRow));
  self->service_areas = g_new0 (char *, 1);
}

CaAuditStore *
ca_audit_store_new (CaDatabase *database)
{
  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  return g_object_new (CA_TYPE_AUDIT_STORE, "database", database, NULL);
}

CaDatabase *
ca_audit_store_get_database (CaAuditStore *self)
{
  g_return_val_if_fail (CA_IS_AUDIT_STORE (self), NULL);

  return self->database;
}

/* The service areas of the organisation, by name, as of the last load. */
const char * const *
ca_audit_store_get_service_areas (CaAuditStore *self)
{
  g_return_val_if_fail (CA_IS_AUDIT_STORE (self), NULL);

  return (const char * const *) self->service_areas;
}

/**
 * ca_audit_store_get_rows:
 * @n_rows: (out): how many
 *
 * Returns: the store's rows in its order, as long as it is not reloaded: for lists that
 *   sort and filter the rows without making an object for each
 */
const CaAuditRow *
ca_audit_store_get_rows (CaAuditStore *self,
                         guint        *n_rows)
{
  g_return_val_if_fail (CA_IS_AUDIT_STORE (self), NULL);

  *n_rows = self->rows->len;
  return (const CaAuditRow *) self->rows->data;
}

gboolean
ca_audit_store_get_loading (CaAuditStore *self)
{
  g_return_val_if_fail (CA_IS_AUDIT_STORE (self), FALSE);

  return self->n_loads > 0;
}

/* Reads every audit on the database's worker; the model changes once, on the main
 * thread, when the rows are all in. */
void
ca_audit_store_reload_async (CaAuditStore        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CA_IS_AUDIT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_audit_store_reload_async);
  set_loading (self, TRUE);
  ca_database_run_in_task (self->database, task, reload_job, NULL, NULL,
                           (GDestroyNotify) load_result_free);
}

gboolean
ca_audit_store_reload_finish (CaAuditStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(LoadResult) loaded = NULL;

  g_return_val_if_fail (CA_IS_AUDIT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  set_loading (self, FALSE);
  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return FALSE;

  replace_audits (self, loaded);
  return TRUE;
}

/* The same, on the calling thread: for the command line and tests. */
gboolean
ca_audit_store_reload (CaAuditStore  *self,
                       GError       **error)
{
  g_autoptr(LoadResult) loaded = NULL;

  g_return_val_if_fail (CA_IS_AUDIT_STORE (self), FALSE);

  loaded = load (self->database, NULL, error);
  if (loaded == NULL)
    return FALSE;

  replace_audits (self, loaded);
  return TRUE;
}

/* The audits of one case, newest first (R-B3). */
GListModel *
ca_audit_store_list_for_case (CaDatabase  *database,
                              gint64       case_id,
                              GError     **error)
{
  g_autoptr(GArray) rows = NULL;
  GListStore *store;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  rows = query_rows (database, AUDIT_SELECT "WHERE a.case_id = ?" AUDIT_ORDER,
                     case_id, NULL, error);
  if (rows == NULL)
    return NULL;

  store = g_list_store_new (CA_TYPE_AUDIT);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(CaAudit) audit = ca_audit_new_for_row (&g_array_index (rows, CaAuditRow, i));

      g_list_store_append (store, audit);
    }
  return G_LIST_MODEL (store);
}

/* Puts @row where the row of the same audit is, if the list has it. */
static void
replace_row (CaAuditStore     *self,
             const CaAuditRow *row)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, CaAuditRow, i).id == row->id)
      {
        /* Whoever holds the old object keeps it; the next to ask gets the new row's. */
        forget_object (self, i);
        g_array_index (self->rows, CaAuditRow, i) = *row;
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
        return;
      }
}

/* Audits @ids read again, those still there. */
static GArray *
read_audits (CaDatabase    *database,
             GArray        *ids,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, TRUE, sizeof (CaAuditRow));

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GArray) rows = query_rows (database, AUDIT_SELECT "WHERE a.id = ?",
                                           g_array_index (ids, gint64, i), cancellable, error);

      if (rows == NULL)
        return NULL;
      g_array_append_vals (found, rows->data, rows->len);
    }
  return g_steal_pointer (&found);
}

static gboolean
refresh_job (CaDatabase    *connection,
             gpointer       data,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  *result = read_audits (connection, data, cancellable, error);
  return *result != NULL;
}

/**
 * ca_audit_store_refresh_audits_async:
 * @ids: (element-type gint64): the audits changed
 *
 * Reads audits @ids again on the database's worker, and, when they are in, puts each where
 * it is in the list (see ca_audit_store_refresh_audit()).
 */
void
ca_audit_store_refresh_audits_async (CaAuditStore        *self,
                                     GArray              *ids,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GArray *copy;

  g_return_if_fail (CA_IS_AUDIT_STORE (self));
  g_return_if_fail (ids != NULL);

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (copy, ids->data, ids->len);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_audit_store_refresh_audits_async);
  ca_database_run_in_task (self->database, task, refresh_job, copy,
                           (GDestroyNotify) g_array_unref, (GDestroyNotify) g_array_unref);
}

gboolean
ca_audit_store_refresh_audits_finish (CaAuditStore  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_autoptr(GArray) found = NULL;

  g_return_val_if_fail (CA_IS_AUDIT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    replace_row (self, &g_array_index (found, CaAuditRow, i));
  return TRUE;
}

/**
 * ca_audit_store_refresh_audit:
 *
 * Reads audit @audit_id again and replaces it where it is in the list, so a change made
 * in the editor shows in the list without reloading tens of thousands of rows. An audit
 * the list does not hold yet is left for the next reload. On the calling thread: for the
 * command line and tests; the window uses ca_audit_store_refresh_audits_async().
 */
gboolean
ca_audit_store_refresh_audit (CaAuditStore  *self,
                              gint64         audit_id,
                              GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) found = NULL;

  g_return_val_if_fail (CA_IS_AUDIT_STORE (self), FALSE);

  g_array_append_val (ids, audit_id);
  found = read_audits (self->database, ids, NULL, error);
  if (found == NULL)
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    replace_row (self, &g_array_index (found, CaAuditRow, i));
  return TRUE;
}
