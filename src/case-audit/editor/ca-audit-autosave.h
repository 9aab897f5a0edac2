// SPDX-License-Identifier: GPL-3.0-or-later
// Autosave of an audit's draft (R-F6): at most a second after the first unsaved change, one save
// at a time, on a worker thread with its own connection; merged with what another copy of Case
// Audit saved meanwhile, so that neither loses its typing (R-N2).
#pragma once

#include <gio/gio.h>

#include "ca-audit-draft-store.h"
#include "ca-database.h"
#include "ca-form-model.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_AUTOSAVE (ca_audit_autosave_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditAutosave, ca_audit_autosave, CA, AUDIT_AUTOSAVE, GObject)

CaAuditAutosave    *ca_audit_autosave_new        (void);
void                ca_audit_autosave_start      (CaAuditAutosave    *self,
                                                  CaDatabase         *database,
                                                  gint64              audit_id,
                                                  CaAuditDraft       *draft,
                                                  const CaAuditDraft *stored);
void                ca_audit_autosave_start_form (CaAuditAutosave   *self,
                                                  const CaFormModel *model,
                                                  CaDatabase        *database,
                                                  gint64             id,
                                                  gpointer           values,
                                                  gconstpointer      stored);
void                ca_audit_autosave_stop       (CaAuditAutosave    *self);
void                ca_audit_autosave_changed    (CaAuditAutosave    *self);
void                ca_audit_autosave_wait       (CaAuditAutosave    *self);
void                ca_audit_autosave_save_now   (CaAuditAutosave    *self);
void                ca_audit_autosave_flush      (CaAuditAutosave    *self);
void                ca_audit_autosave_save_async  (CaAuditAutosave    *self,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean            ca_audit_autosave_save_finish (CaAuditAutosave    *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);
const CaAuditDraft *ca_audit_autosave_get_stored (CaAuditAutosave    *self);
const CaAuditDraft *ca_audit_autosave_get_base   (CaAuditAutosave    *self);
void                ca_audit_autosave_choose     (CaAuditAutosave    *self,
                                                  const char         *where,
                                                  gint64              set_aside_id,
                                                  const char         *value);

G_END_DECLS
