// SPDX-License-Identifier: GPL-3.0-or-later
// A dated programme event (R-C2): a moderation panel, a workshop, a triangulation meeting.

#define G_LOG_DOMAIN "ca-programme-event"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-programme-event-private.h"

G_DEFINE_FINAL_TYPE (CaProgrammeEvent, ca_programme_event, G_TYPE_OBJECT)

/* The kinds the database's CHECK allows. */
static const struct
{
  const char *code;
  const char *label;
} kinds[] = {
  { "moderation-panel", N_("Moderation panel") },
  { "workshop", N_("Manager audit workshop") },
  { "triangulation", N_("Triangulation meeting") },
  { "other", N_("Other event") },
};

static void
ca_programme_event_finalize (GObject *object)
{
  CaProgrammeEvent *self = (CaProgrammeEvent *) object;

  g_free (self->kind);
  g_free (self->date);
  g_free (self->title);
  g_free (self->notes);

  G_OBJECT_CLASS (ca_programme_event_parent_class)->finalize (object);
}

static void
ca_programme_event_class_init (CaProgrammeEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_programme_event_finalize;
}

static void
ca_programme_event_init (CaProgrammeEvent *self)
{
}

/**
 * ca_programme_event_new:
 * @kind: moderation-panel, workshop, triangulation or other
 * @date: 'YYYY-MM-DD'
 * @notes: (nullable)
 *
 * An event not yet stored (its id is 0); ca_programme_store_add_event() checks and stores it.
 */
CaProgrammeEvent *
ca_programme_event_new (const char *kind,
                        const char *date,
                        const char *title,
                        const char *notes)
{
  CaProgrammeEvent *self = g_object_new (CA_TYPE_PROGRAMME_EVENT, NULL);

  self->kind = g_strdup (kind);
  self->date = g_strdup (date);
  self->title = g_strdup (title);
  self->notes = g_strdup (notes);
  return self;
}

gboolean
ca_programme_event_kind_is_valid (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].code, kind) == 0)
      return TRUE;
  return FALSE;
}

/**
 * ca_programme_event_kind_nth:
 *
 * The kinds in the order people are offered them, for a list of choices.
 *
 * Returns: (nullable): the code of the @index-th kind, or %NULL past the last
 */
const char *
ca_programme_event_kind_nth (guint index)
{
  return index < G_N_ELEMENTS (kinds) ? kinds[index].code : NULL;
}

/* The kind as people see it, translated; an unknown code as it is. */
const char *
ca_programme_event_kind_to_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].code, kind) == 0)
      return _(kinds[i].label);
  return kind;
}

gint64
ca_programme_event_get_id (CaProgrammeEvent *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_EVENT (self), 0);
  return self->id;
}

const char *
ca_programme_event_get_kind (CaProgrammeEvent *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_EVENT (self), NULL);
  return self->kind;
}

/* 'YYYY-MM-DD'. */
const char *
ca_programme_event_get_date (CaProgrammeEvent *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_EVENT (self), NULL);
  return self->date;
}

const char *
ca_programme_event_get_title (CaProgrammeEvent *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_EVENT (self), NULL);
  return self->title;
}

const char *
ca_programme_event_get_notes (CaProgrammeEvent *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_EVENT (self), NULL);
  return self->notes;
}
