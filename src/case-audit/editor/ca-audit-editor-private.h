// SPDX-License-Identifier: GPL-3.0-or-later
// What the editor's asynchronous load (ca-audit-editor-load.c) needs of the editor.
#pragma once

#include "ca-audit-draft-store.h"
#include "ca-audit-editor.h"

G_BEGIN_DECLS

void ca_audit_editor_show_form (CaAuditEditor *self,
                                CaDatabase    *database,
                                CaAuditForm   *form);

G_END_DECLS
