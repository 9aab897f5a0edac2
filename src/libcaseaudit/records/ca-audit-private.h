// SPDX-License-Identifier: GPL-3.0-or-later
// CaAudit's fields, for the store that fills thousands of them at a time.
#pragma once

#include "ca-audit.h"

G_BEGIN_DECLS

struct _CaAudit
{
  GObject        parent_instance;

  gint64         id;
  gint64         case_id;
  char          *case_ref;
  /* Names shared by many audits are interned by the store, not owned. */
  const char    *service_area;
  const char    *team;
  const char    *auditor;
  const char    *tool;
  /* Their collation keys, interned too, so that sorting is a strcmp. */
  const char    *service_area_key;
  const char    *team_key;
  const char    *auditor_key;
  const char    *tool_key;
  char          *audit_date;
  char          *due_date;
  char          *search_key;
  CaAuditStatus  status;
  CaGrade        overall_grade;
  int            category;
};

CaAudit *ca_audit_new (void);

G_END_DECLS
