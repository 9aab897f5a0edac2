// SPDX-License-Identifier: GPL-3.0-or-later
// A view's reading again after a change: at once if it is on screen, else when next shown.

#include "config.h"

#include "ca-view-reload.h"

void
ca_view_reload_init (CaViewReload     *self,
                     GtkWidget        *view,
                     CaViewReloadFunc  reload)
{
  self->view = view;
  self->reload = reload;
  self->idle = 0;
  self->unseen = FALSE;
  self->context = NULL;
  self->handler = 0;
  self->kinds = 0;
}

static gboolean
idle_cb (gpointer data)
{
  CaViewReload *self = data;

  self->idle = 0;
  self->reload (self->view);
  return G_SOURCE_REMOVE;
}

/* A change was heard: several in a row are read once. */
void
ca_view_reload_request (CaViewReload *self)
{
  if (!gtk_widget_get_mapped (self->view))
    self->unseen = TRUE;
  else if (self->idle == 0)
    self->idle = g_idle_add (idle_cb, self);
}

static void
changed_cb (CaContext    *context,
            int           kind,
            GArray       *ids,
            CaViewReload *self)
{
  if (kind == CA_CHANGE_ANY || (self->kinds & CA_VIEW_RELOAD_KIND (kind)) != 0)
    ca_view_reload_request (self);
}

static void
unwatch (CaViewReload *self)
{
  if (self->context != NULL)
    g_clear_signal_handler (&self->handler, self->context);
  self->context = NULL;
}

/* Reads again whenever CONTEXT (nullable: none) says a change of one of KINDS (bits made
 * with CA_VIEW_RELOAD_KIND()) was committed, or that anything may have changed. */
void
ca_view_reload_watch (CaViewReload *self,
                      CaContext    *context,
                      guint         kinds)
{
  unwatch (self);
  self->kinds = kinds;
  self->context = context;
  if (context != NULL)
    self->handler = g_signal_connect (context, "changed", G_CALLBACK (changed_cb), self);
}

/* From the view's map: what changed out of sight is read now. */
void
ca_view_reload_mapped (CaViewReload *self)
{
  if (self->unseen && self->idle == 0)
    self->idle = g_idle_add (idle_cb, self);
  self->unseen = FALSE;
}

/* From the view's dispose: no more reading, and the context no longer watched. */
void
ca_view_reload_clear (CaViewReload *self)
{
  g_clear_handle_id (&self->idle, g_source_remove);
  unwatch (self);
}
