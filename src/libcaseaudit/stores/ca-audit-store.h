// SPDX-License-Identifier: GPL-3.0-or-later
// Every audit in the database as a GListModel, loaded off the main thread.
#pragma once

#include <gio/gio.h>

#include "ca-audit-row.h"
#include "ca-database.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_STORE (ca_audit_store_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditStore, ca_audit_store, CA, AUDIT_STORE, GObject)

CaAuditStore *ca_audit_store_new               (CaDatabase          *database);
CaDatabase   *ca_audit_store_get_database      (CaAuditStore        *self);
gboolean      ca_audit_store_get_loading       (CaAuditStore        *self);
const CaAuditRow *
              ca_audit_store_get_rows          (CaAuditStore        *self,
                                                guint               *n_rows);
const char * const *
              ca_audit_store_get_service_areas (CaAuditStore        *self);
GStrv         ca_audit_store_list_service_areas (CaDatabase         *database,
                                                 GError            **error);
void          ca_audit_store_list_service_areas_async  (CaDatabase          *database,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GStrv         ca_audit_store_list_service_areas_finish (GAsyncResult        *result,
                                                        GError             **error);
void          ca_audit_store_reload_async      (CaAuditStore        *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean      ca_audit_store_reload_finish     (CaAuditStore        *self,
                                                GAsyncResult        *result,
                                                GError             **error);
gboolean      ca_audit_store_reload            (CaAuditStore        *self,
                                                GError             **error);
gboolean      ca_audit_store_refresh_audit     (CaAuditStore        *self,
                                                gint64               audit_id,
                                                GError             **error);
void          ca_audit_store_refresh_audits_async  (CaAuditStore        *self,
                                                    GArray              *ids,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      ca_audit_store_refresh_audits_finish (CaAuditStore        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

GListModel   *ca_audit_store_list_for_case     (CaDatabase          *database,
                                                gint64               case_id,
                                                GError             **error);

G_END_DECLS
