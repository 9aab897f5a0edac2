// SPDX-License-Identifier: GPL-3.0-or-later
// Every audit in the database as a GListModel, loaded off the main thread.

#define G_LOG_DOMAIN "ca-audit-store"

#include "config.h"

#include "ca-audit-private.h"
#include "ca-audit-store.h"
#include "ca-database-worker.h"

struct _CaAuditStore
{
  GObject     parent_instance;

  CaDatabase *database;
  GPtrArray  *audits;
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
#define AUDIT_SELECT \
  "SELECT a.id, a.case_id, c.case_ref, sa.name, t.name, s.name, tool.name, a.audit_date, " \
  "       a.due_date, a.status, a.overall_grade, a.category " \
  "FROM audit a " \
  "JOIN case_file c ON c.id = a.case_id " \
  "JOIN team t ON t.id = c.team_id " \
  "JOIN service_area sa ON sa.id = t.service_area_id " \
  "JOIN staff s ON s.id = a.auditor_id " \
  "JOIN audit_tool_version v ON v.id = a.tool_version_id " \
  "JOIN audit_tool tool ON tool.id = v.tool_id "
#define AUDIT_ORDER " ORDER BY a.allocated_on DESC, a.id DESC"

/* Each distinct name's collation key, worked out once per load (a few hundred names
 * across tens of thousands of rows), on the loading thread rather than when sorting. */
static const char *
collation_key (GHashTable *keys,
               const char *interned_name)
{
  const char *key = g_hash_table_lookup (keys, interned_name);

  if (key == NULL)
    {
      g_autofree char *folded = g_utf8_casefold (interned_name, -1);
      g_autofree char *collated = g_utf8_collate_key (folded, -1);

      key = g_intern_string (collated);
      g_hash_table_insert (keys, (gpointer) interned_name, (gpointer) key);
    }
  return key;
}

static CaAudit *
audit_from_row (CaStatement *stmt,
                GHashTable  *keys)
{
  CaAudit *audit = ca_audit_new ();

  audit->id = ca_statement_get_int64 (stmt, 0);
  audit->case_id = ca_statement_get_int64 (stmt, 1);
  audit->case_ref = ca_statement_dup_text (stmt, 2);
  /* A few hundred names shared by tens of thousands of rows. */
  audit->service_area = g_intern_string (ca_statement_get_text (stmt, 3));
  audit->team = g_intern_string (ca_statement_get_text (stmt, 4));
  audit->auditor = g_intern_string (ca_statement_get_text (stmt, 5));
  audit->tool = g_intern_string (ca_statement_get_text (stmt, 6));
  audit->service_area_key = collation_key (keys, audit->service_area);
  audit->team_key = collation_key (keys, audit->team);
  audit->auditor_key = collation_key (keys, audit->auditor);
  audit->tool_key = collation_key (keys, audit->tool);
  audit->audit_date = ca_statement_dup_text (stmt, 7);
  audit->due_date = ca_statement_dup_text (stmt, 8);
  if (!ca_audit_status_from_string (ca_statement_get_text (stmt, 9), &audit->status))
    audit->status = CA_AUDIT_STATUS_ALLOCATED;
  audit->overall_grade = ca_grade_from_string (ca_statement_get_text (stmt, 10));
  audit->category = (int) ca_statement_get_int64 (stmt, 11);

  return audit;
}

static GPtrArray *
query_audits (CaDatabase    *database,
              const char    *sql,
              gint64         parameter,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, sql, error);
  g_autoptr(GPtrArray) audits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);

  if (stmt == NULL)
    return NULL;
  if (parameter != 0)
    ca_statement_bind_int64 (stmt, 1, parameter);

  while (ca_statement_next (stmt))
    {
      if ((audits->len & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_ptr_array_add (audits, audit_from_row (stmt, keys));
    }
  if (!ca_statement_check (stmt, error))
    return NULL;

  return g_steal_pointer (&audits);
}

/* What one load reads: the audits and the service areas they can be filtered by. */
typedef struct
{
  GPtrArray *audits;
  GStrv      service_areas;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->audits, g_ptr_array_unref);
  g_clear_pointer (&result->service_areas, g_strfreev);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

static GStrv
query_service_areas (CaDatabase  *database,
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

static LoadResult *
load (CaDatabase    *database,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);

  result->service_areas = query_service_areas (database, error);
  if (result->service_areas == NULL)
    return NULL;
  result->audits = query_audits (database, AUDIT_SELECT AUDIT_ORDER, 0, cancellable, error);
  if (result->audits == NULL)
    return NULL;

  return g_steal_pointer (&result);
}

static void
replace_audits (CaAuditStore *self,
                LoadResult   *result)
{
  GPtrArray *audits = result->audits;
  guint removed = self->audits->len;

  g_strfreev (self->service_areas);
  self->service_areas = g_steal_pointer (&result->service_areas);

  g_ptr_array_unref (self->audits);
  self->audits = g_ptr_array_ref (audits);
  /* One signal for the whole change: the views rebuild once. */
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, audits->len);
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
  return CA_AUDIT_STORE (model)->audits->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  CaAuditStore *self = CA_AUDIT_STORE (model);

  if (position >= self->audits->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->audits, position));
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

  g_clear_pointer (&self->audits, g_ptr_array_unref);
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
  self->audits = g_ptr_array_new_with_free_func (g_object_unref);
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
  g_autoptr(GPtrArray) audits = NULL;
  GListStore *store;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  audits = query_audits (database, AUDIT_SELECT "WHERE a.case_id = ?" AUDIT_ORDER,
                         case_id, NULL, error);
  if (audits == NULL)
    return NULL;

  store = g_list_store_new (CA_TYPE_AUDIT);
  g_list_store_splice (store, 0, 0, audits->pdata, audits->len);
  return G_LIST_MODEL (store);
}

/**
 * ca_audit_store_refresh_audit:
 *
 * Reads audit @audit_id again and replaces it where it is in the list, so a change made
 * in the editor shows in the list without reloading tens of thousands of rows. An audit
 * the list does not hold yet is left for the next reload.
 */
gboolean
ca_audit_store_refresh_audit (CaAuditStore  *self,
                              gint64         audit_id,
                              GError       **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (CA_IS_AUDIT_STORE (self), FALSE);

  found = query_audits (self->database, AUDIT_SELECT "WHERE a.id = ?", audit_id, NULL, error);
  if (found == NULL)
    return FALSE;
  for (guint i = 0; found->len == 1 && i < self->audits->len; i++)
    if (ca_audit_get_id (g_ptr_array_index (self->audits, i)) == audit_id)
      {
        g_object_unref (g_ptr_array_index (self->audits, i));
        self->audits->pdata[i] = g_ptr_array_steal_index (found, 0);
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
        break;
      }
  return TRUE;
}
