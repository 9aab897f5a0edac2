// SPDX-License-Identifier: GPL-3.0-or-later
// An e-mail draft handed to the person's mail program, with a toast that says what to do if none opens.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ca_mail_draft_open (GtkWindow  *window,
                         GtkWidget  *toast_widget,
                         const char *mailto_uri,
                         const char *instead);

G_END_DECLS
