// SPDX-License-Identifier: GPL-3.0-or-later
// CaCase's fields, for the store that fills them.
#pragma once

#include "ca-case.h"

G_BEGIN_DECLS

struct _CaCase
{
  GObject     parent_instance;

  gint64      id;
  char       *case_ref;
  char       *service_area;
  char       *team;
  char       *locality;
  char       *allocated_worker;
  char       *open_date;
  char       *close_date;
  char       *legal_status;
  char       *last_audited;
  gboolean    restricted;
  GListModel *audits;
  GListModel *actions;
  GListModel *moderations;
};

CaCase *ca_case_new (void);

G_END_DECLS
