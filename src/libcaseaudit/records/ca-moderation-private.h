// SPDX-License-Identifier: GPL-3.0-or-later
// CaModeration's fields, for the store that fills them.
#pragma once

#include "ca-moderation.h"

G_BEGIN_DECLS

struct _CaModeration
{
  GObject parent_instance;

  gint64 id;
  gint64 audit_id;
  char *moderator;
  char *moderated_on;
  CaGrade auditor_grade;
  CaGrade overall_grade;
};

CaModeration *ca_moderation_new (void);

G_END_DECLS
