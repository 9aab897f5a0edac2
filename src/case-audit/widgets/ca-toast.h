// SPDX-License-Identifier: GPL-3.0-or-later
// One way for any widget to show a toast: in the nearest toast overlay, or its preferences window.
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Seconds a toast stays: a confirmation or a plain refusal is read at a glance; an error
 * that says what to do, or a toast with a button (Undo, Details), stays longer. */
#define CA_TOAST_SHORT 6
#define CA_TOAST_LONG  10

void ca_toast_add       (GtkWidget  *widget,
                         AdwToast   *toast);
void ca_toast_show_text (GtkWidget  *widget,
                         const char *text,
                         guint       timeout);

G_END_DECLS
