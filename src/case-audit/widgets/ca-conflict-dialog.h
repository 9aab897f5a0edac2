// SPDX-License-Identifier: GPL-3.0-or-later
// Asks which of two versions of one field of a record to keep, when two copies of Case Audit
// changed it at once (R-N2).
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The responses: keep the version in this form, use the other, or decide later. */
#define CA_CONFLICT_KEEP_THIS  "this"
#define CA_CONFLICT_USE_OTHER  "other"
#define CA_CONFLICT_LATER      "later"

GtkWidget *ca_conflict_dialog_new (GtkWindow  *parent,
                                   const char *field,
                                   const char *this_version,
                                   const char *other_version,
                                   const char *other_note);

G_END_DECLS
