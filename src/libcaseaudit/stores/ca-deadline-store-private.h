// SPDX-License-Identifier: GPL-3.0-or-later
// The query behind deadlines, shared with the calendar store.
#pragma once

#include "ca-deadline-store.h"

G_BEGIN_DECLS

/* One row of a due query; the strings live until the callback returns. */
typedef struct
{
  CaDeadlineKind kind;
  gint64         id;
  gint64         audit_id;
  GDate          due;        /* local day in England */
  const char    *case_ref;
  int            category;   /* 1–4, or 0 */
  const char    *person;     /* (nullable) who it waits on */
  gint64         person_id;  /* staff.id, or 0 */
  gint64         team_id;    /* the case's team */
  gboolean       done;
} CaDueRow;

typedef gboolean (*CaDueRowFunc) (const CaDueRow  *row,
                                  gpointer         user_data,
                                  GError         **error);

gboolean ca_deadline_store_foreach_due (CaDatabase      *db,
                                        CaDeadlineKind   kind,
                                        const GDate     *from,
                                        const GDate     *to,
                                        gboolean         open_only,
                                        gint64           staff_id,
                                        gint64           team_id,
                                        CaDueRowFunc     func,
                                        gpointer         user_data,
                                        GError         **error);

G_END_DECLS
