// SPDX-License-Identifier: GPL-3.0-or-later
// The audit programme of one year, month by month, in a window of its own.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_PROGRAMME_EDITOR (ca_programme_editor_get_type ())

G_DECLARE_FINAL_TYPE (CaProgrammeEditor, ca_programme_editor, CA, PROGRAMME_EDITOR, AdwWindow)

CaProgrammeEditor *ca_programme_editor_new (GtkWindow *parent,
                                            CaContext *context,
                                            int        year);

G_END_DECLS
