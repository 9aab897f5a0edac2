// SPDX-License-Identifier: GPL-3.0-or-later
// A view's reading again after a change: at once (when the main loop is idle) if it is on
// screen, else when it is next shown, so that changes made out of sight (an audit being
// typed into, with a save at every pause) cost nothing until they are looked at.
#pragma once

#include <gtk/gtk.h>

#include "ca-context.h"
#include "ca-database-changes.h"

G_BEGIN_DECLS

typedef void (*CaViewReloadFunc) (gpointer view);

/* The kinds of change a view reads again for, as bits: CA_VIEW_RELOAD_KIND (CA_CHANGE_AUDIT). */
#define CA_VIEW_RELOAD_KIND(kind) (1u << (kind))

typedef struct
{
  GtkWidget        *view;      /* unowned: the struct lives in it */
  CaViewReloadFunc  reload;
  guint             idle;
  gboolean          unseen;
  CaContext        *context;   /* unowned: watched until cleared or watched again */
  gulong            handler;
  guint             kinds;
} CaViewReload;

void ca_view_reload_init    (CaViewReload     *self,
                             GtkWidget        *view,
                             CaViewReloadFunc  reload);
void ca_view_reload_watch   (CaViewReload     *self,
                             CaContext        *context,
                             guint             kinds);
void ca_view_reload_request (CaViewReload     *self);
void ca_view_reload_mapped  (CaViewReload     *self);
void ca_view_reload_clear   (CaViewReload     *self);

G_END_DECLS
