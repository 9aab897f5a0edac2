// SPDX-License-Identifier: GPL-3.0-or-later
// CaAction's fields, for the store that fills them.
#pragma once

#include "ca-action.h"

G_BEGIN_DECLS

struct _CaAction
{
  GObject parent_instance;

  gint64 id;
  gint64 audit_id;
  char *description;
  char *owner;
  char *due_date;
  char *completed_on;
  gboolean safeguarding;
};

CaAction *ca_action_new (void);

G_END_DECLS
