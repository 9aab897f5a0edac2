// SPDX-License-Identifier: GPL-3.0-or-later
// The question asked before something that cannot be undone, and the notice that only informs.
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *ca_question_new (GtkWindow  *parent,
                            const char *heading,
                            const char *body,
                            const char *response,
                            const char *label);
GtkWidget *ca_notice_new   (GtkWindow  *parent,
                            const char *heading,
                            const char *body);

G_END_DECLS
