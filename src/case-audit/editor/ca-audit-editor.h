// SPDX-License-Identifier: GPL-3.0-or-later
// The audit editor: one audit's form, built from its tool, autosaved as it is filled in (R-F1–R-F11).
#pragma once

#include <gtk/gtk.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_EDITOR (ca_audit_editor_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditEditor, ca_audit_editor, CA, AUDIT_EDITOR, GtkWidget)

void     ca_audit_editor_set_context (CaAuditEditor *self,
                                      CaContext     *context);
gboolean ca_audit_editor_load        (CaAuditEditor *self,
                                      gint64         audit_id,
                                      GError       **error);
void     ca_audit_editor_load_async  (CaAuditEditor       *self,
                                      gint64               audit_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean ca_audit_editor_load_finish (CaAuditEditor       *self,
                                      GAsyncResult        *result,
                                      GError             **error);
gint64   ca_audit_editor_get_case_id (CaAuditEditor *self);
gint64   ca_audit_editor_get_audit_id (CaAuditEditor *self);
void     ca_audit_editor_save_now    (CaAuditEditor *self);
void     ca_audit_editor_flush       (CaAuditEditor *self);
gboolean ca_audit_editor_is_complete (CaAuditEditor *self);

G_END_DECLS
