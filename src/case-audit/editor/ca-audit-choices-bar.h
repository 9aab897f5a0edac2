// SPDX-License-Identifier: GPL-3.0-or-later
// The bar above the audit form that holds the fields with two versions (R-N2) and asks, one
// at a time, which version to keep.
#pragma once

#include <adwaita.h>

#include "ca-audit-autosave.h"
#include "ca-audit-draft-store.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_CHOICES_BAR (ca_audit_choices_bar_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditChoicesBar, ca_audit_choices_bar, CA, AUDIT_CHOICES_BAR,
                      GtkWidget)

/* The form the choices are about, borrowed until the next call or _clear(); its owners name
 * the staff in the question. */
void     ca_audit_choices_bar_set_form        (CaAuditChoicesBar *self,
                                               CaAuditAutosave   *autosave,
                                               CaAuditForm       *form);
void     ca_audit_choices_bar_add             (CaAuditChoicesBar *self,
                                               const char        *where,
                                               const char        *other,
                                               const char        *other_note,
                                               gint64             set_aside_id);
void     ca_audit_choices_bar_add_set_aside   (CaAuditChoicesBar *self,
                                               GPtrArray         *set_aside);
void     ca_audit_choices_bar_ask             (CaAuditChoicesBar *self);
void     ca_audit_choices_bar_ask_when_idle   (CaAuditChoicesBar *self);
gboolean ca_audit_choices_bar_is_empty        (CaAuditChoicesBar *self);
void     ca_audit_choices_bar_clear           (CaAuditChoicesBar *self);

G_END_DECLS
