// SPDX-License-Identifier: GPL-3.0-or-later
// One month's audit programme for one strand (R-C1): focus, questions, dates and training.
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CA_TYPE_PROGRAMME_ENTRY (ca_programme_entry_get_type ())

G_DECLARE_FINAL_TYPE (CaProgrammeEntry, ca_programme_entry, CA, PROGRAMME_ENTRY, GObject)

CaProgrammeEntry   *ca_programme_entry_new_edited         (const char         *month,
                                                           const char         *strand,
                                                           const char         *focus,
                                                           const char * const *questions,
                                                           const char         *allocation_date,
                                                           const char         *return_date,
                                                           const char         *briefing_date,
                                                           const char * const *training);

const char         *ca_programme_strand_nth               (guint             index);
gboolean            ca_programme_strand_is_valid          (const char       *strand);
const char         *ca_programme_strand_to_label          (const char       *strand);

gint64              ca_programme_entry_get_id             (CaProgrammeEntry *self);
const char         *ca_programme_entry_get_month          (CaProgrammeEntry *self);
const char         *ca_programme_entry_get_strand         (CaProgrammeEntry *self);
const char         *ca_programme_entry_get_focus          (CaProgrammeEntry *self);
const char * const *ca_programme_entry_get_questions      (CaProgrammeEntry *self);
const char         *ca_programme_entry_get_allocation_date (CaProgrammeEntry *self);
const char         *ca_programme_entry_get_return_date    (CaProgrammeEntry *self);
const char         *ca_programme_entry_get_briefing_date  (CaProgrammeEntry *self);
const char * const *ca_programme_entry_get_training       (CaProgrammeEntry *self);

G_END_DECLS
