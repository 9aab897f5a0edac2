// SPDX-License-Identifier: GPL-3.0-or-later
// Draw Sample…: the CPP lead draws a month's moderation sample from the window (R-H1).
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

void ca_moderation_draw_ask (GtkWidget *owner,
                             CaContext *context);

G_END_DECLS
