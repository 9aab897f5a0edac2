// SPDX-License-Identifier: GPL-3.0-or-later
// CaProgrammeEntry's fields, for the file reader and the store that fill them.
#pragma once

#include "ca-programme-entry.h"

G_BEGIN_DECLS

struct _CaProgrammeEntry
{
  GObject parent_instance;

  gint64 id;
  char *month;            /* 'YYYY-MM' */
  char *strand;           /* social-care, early-help, send or dip-sample */
  char *focus;
  char **questions;       /* never NULL; may be empty */
  char *allocation_date;  /* (nullable) 'YYYY-MM-DD' */
  char *return_date;      /* (nullable) */
  char *briefing_date;    /* (nullable) */
  char **training;        /* never NULL; may be empty */
};

CaProgrammeEntry *ca_programme_entry_new (void);

G_END_DECLS
