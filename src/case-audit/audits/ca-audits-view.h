// SPDX-License-Identifier: GPL-3.0-or-later
// The Audits view: every audit, searchable, filterable and sortable by each column.
#pragma once

#include <gtk/gtk.h>

#include "ca-audit-store.h"
#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDITS_VIEW (ca_audits_view_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditsView, ca_audits_view, CA, AUDITS_VIEW, GtkWidget)

void  ca_audits_view_set_store     (CaAuditsView *self,
                                    CaAuditStore *store);
void  ca_audits_view_focus_search  (CaAuditsView *self);
void  ca_audits_view_set_context   (CaAuditsView *self,
                                    CaContext    *context);
void      ca_audits_view_measure_sorting_async  (CaAuditsView        *self,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean  ca_audits_view_measure_sorting_finish (CaAuditsView        *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
