// SPDX-License-Identifier: GPL-3.0-or-later
// A moderator's second look at an audit and the grade they gave (R-H3).
#pragma once

#include <glib-object.h>

#include "core/ca-grade.h"

G_BEGIN_DECLS

#define CA_TYPE_MODERATION (ca_moderation_get_type ())

G_DECLARE_FINAL_TYPE (CaModeration, ca_moderation, CA, MODERATION, GObject)

gint64       ca_moderation_get_id (CaModeration *self);
gint64       ca_moderation_get_audit_id (CaModeration *self);
const char * ca_moderation_get_moderator (CaModeration *self);
const char * ca_moderation_get_moderated_on (CaModeration *self);
CaGrade      ca_moderation_get_auditor_grade (CaModeration *self);
CaGrade      ca_moderation_get_overall_grade (CaModeration *self);

G_END_DECLS
