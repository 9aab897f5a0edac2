// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: the views of one database, a welcome for an empty one, or why it could not open.
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CA_TYPE_WINDOW (ca_window_get_type ())

G_DECLARE_FINAL_TYPE (CaWindow, ca_window, CA, WINDOW, AdwApplicationWindow)

CaWindow    *ca_window_new            (GtkApplication *application);
void         ca_window_open_database  (CaWindow       *self,
                                       const char     *path,
                                       gboolean        create);
const char  *ca_window_get_path       (CaWindow       *self);

G_END_DECLS
