// SPDX-License-Identifier: GPL-3.0-or-later
// A dated programme event (R-C2): a moderation panel, a workshop, a triangulation meeting.
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CA_TYPE_PROGRAMME_EVENT (ca_programme_event_get_type ())

G_DECLARE_FINAL_TYPE (CaProgrammeEvent, ca_programme_event, CA, PROGRAMME_EVENT, GObject)

gboolean          ca_programme_event_kind_is_valid  (const char       *kind);
const char       *ca_programme_event_kind_to_label  (const char       *kind);
const char       *ca_programme_event_kind_nth       (guint             index);

CaProgrammeEvent *ca_programme_event_new            (const char       *kind,
                                                     const char       *date,
                                                     const char       *title,
                                                     const char       *notes);
gint64            ca_programme_event_get_id         (CaProgrammeEvent *self);
const char       *ca_programme_event_get_kind       (CaProgrammeEvent *self);
const char       *ca_programme_event_get_date       (CaProgrammeEvent *self);
const char       *ca_programme_event_get_title      (CaProgrammeEvent *self);
const char       *ca_programme_event_get_notes      (CaProgrammeEvent *self);

G_END_DECLS
