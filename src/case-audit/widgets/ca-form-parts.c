// SPDX-License-Identifier: GPL-3.0-or-later
// A long form built in parts: the first screenful at once, the rest after the first frame.
//
// The audit form has some two hundred controls, most of them below the first screenful.
// Making them, styling them and measuring their text before anything is painted kept the
// person waiting about half a second for a form they could not see yet. The owner builds
// what is in view itself, and queues the rest here in order: once the owner's first frame
// is under way (its first tick), one part is built each time the main loop is idle, so a
// keystroke or a frame always comes first. Whatever needs the whole form (a submission
// problem's control, a refresh that keeps the place, a test) calls ca_form_parts_finish().

#define G_LOG_DOMAIN "ca-form-parts"

#include "config.h"

#include "ca-form-parts.h"

typedef struct
{
  CaFormPartBuild build;
  gpointer        data;
} Part;

struct _CaFormParts
{
  GtkWidget *owner;     /* not held: the owner holds the parts */
  GArray    *queue;     /* of Part, in the form's order */
  guint      next;      /* the first part not built yet */
  guint      tick_id;   /* waiting for the owner's first frame */
  guint      idle_id;   /* building a part when the main loop is idle */
};

CaFormParts *
ca_form_parts_new (GtkWidget *owner)
{
  CaFormParts *parts = g_new0 (CaFormParts, 1);

  parts->owner = owner;
  parts->queue = g_array_new (FALSE, FALSE, sizeof (Part));
  return parts;
}

/* Builds the next part; FALSE once none is left. */
static gboolean
build_next (CaFormParts *parts)
{
  Part part;

  if (parts->next >= parts->queue->len)
    return FALSE;
  /* Taken first: a part may add parts, or finish or clear the queue. */
  part = g_array_index (parts->queue, Part, parts->next++);
  part.build (parts->owner, part.data);
  return parts->next < parts->queue->len;
}

static gboolean
idle_cb (gpointer data)
{
  CaFormParts *parts = data;

  if (build_next (parts))
    return G_SOURCE_CONTINUE;
  parts->idle_id = 0;
  ca_form_parts_clear (parts);
  return G_SOURCE_REMOVE;
}

/* The owner's first frame is under way: its layout and paint come first, then the idle. */
static gboolean
first_tick_cb (GtkWidget     *owner,
               GdkFrameClock *clock,
               gpointer       data)
{
  CaFormParts *parts = data;

  parts->tick_id = 0;
  if (parts->idle_id == 0)
    parts->idle_id = g_idle_add (idle_cb, parts);
  return G_SOURCE_REMOVE;
}

/* Drops the parts not built yet: the form is being taken away. */
void
ca_form_parts_clear (CaFormParts *parts)
{
  if (parts->tick_id != 0)
    gtk_widget_remove_tick_callback (parts->owner, parts->tick_id);
  g_clear_handle_id (&parts->idle_id, g_source_remove);
  parts->tick_id = 0;
  g_array_set_size (parts->queue, 0);
  parts->next = 0;
}

void
ca_form_parts_free (CaFormParts *parts)
{
  if (parts == NULL)
    return;
  ca_form_parts_clear (parts);
  g_array_unref (parts->queue);
  g_free (parts);
}

/* Queues a part, built after those queued before it. */
void
ca_form_parts_add (CaFormParts     *parts,
                   CaFormPartBuild  build,
                   gpointer         data)
{
  Part part = { build, data };

  g_array_append_val (parts->queue, part);
}

/* Builds the queued parts once the owner has been given its first frame. */
void
ca_form_parts_start (CaFormParts *parts)
{
  if (!ca_form_parts_is_pending (parts) || parts->tick_id != 0 || parts->idle_id != 0)
    return;
  parts->tick_id = gtk_widget_add_tick_callback (parts->owner, first_tick_cb, parts, NULL);
}

/* Builds every part not built yet, now. */
void
ca_form_parts_finish (CaFormParts *parts)
{
  while (build_next (parts))
    ;
  ca_form_parts_clear (parts);
}

gboolean
ca_form_parts_is_pending (CaFormParts *parts)
{
  return parts != NULL && parts->next < parts->queue->len;
}
