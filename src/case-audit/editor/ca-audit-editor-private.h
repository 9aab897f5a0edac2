// SPDX-License-Identifier: GPL-3.0-or-later
// What the editor's load and saves (ca-audit-editor-load.c) need of the editor.
#pragma once

#include "ca-audit-autosave.h"
#include "ca-audit-draft-store.h"
#include "ca-audit-editor.h"

G_BEGIN_DECLS

void             ca_audit_editor_show_form    (CaAuditEditor *self,
                                               CaAuditForm   *form);
CaContext       *ca_audit_editor_get_context  (CaAuditEditor *self);
CaAuditAutosave *ca_audit_editor_get_autosave (CaAuditEditor *self);
void             ca_audit_editor_finish_building (CaAuditEditor *self);

G_END_DECLS
