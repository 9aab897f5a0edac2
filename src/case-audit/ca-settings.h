// SPDX-License-Identifier: GPL-3.0-or-later
// The application's GSettings, wherever Case Audit runs from: installed, in its build tree, or
// with no schema installed at all.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *ca_settings_new (void);

G_END_DECLS
