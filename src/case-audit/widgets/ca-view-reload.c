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

/* From the view's map: what changed out of sight is read now. */
void
ca_view_reload_mapped (CaViewReload *self)
{
  if (self->unseen && self->idle == 0)
    self->idle = g_idle_add (idle_cb, self);
  self->unseen = FALSE;
}

/* From the view's dispose. */
void
ca_view_reload_clear (CaViewReload *self)
{
  g_clear_handle_id (&self->idle, g_source_remove);
}
