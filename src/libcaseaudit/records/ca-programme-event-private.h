// SPDX-License-Identifier: GPL-3.0-or-later
// CaProgrammeEvent's fields, for the file reader and the store that fill them.
#pragma once

#include "ca-programme-event.h"

G_BEGIN_DECLS

struct _CaProgrammeEvent
{
  GObject parent_instance;

  gint64 id;
  char *kind;   /* moderation-panel, workshop, triangulation or other */
  char *date;   /* 'YYYY-MM-DD' */
  char *title;
  char *notes;  /* (nullable) */
};

G_END_DECLS
