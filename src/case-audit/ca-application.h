// SPDX-License-Identifier: GPL-3.0-or-later
// The application: one window per database, the command line's subcommands, about and shortcuts.
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CA_TYPE_APPLICATION (ca_application_get_type ())

G_DECLARE_FINAL_TYPE (CaApplication, ca_application, CA, APPLICATION, AdwApplication)

CaApplication *ca_application_new             (void);
double         ca_application_get_elapsed_ms  (CaApplication *self);
GSettings     *ca_application_get_settings    (CaApplication *self);

G_END_DECLS
