// SPDX-License-Identifier: GPL-3.0-or-later
// The line-management chains: who manages whom, and the walk up from a person. Moderation
// stands outside a worker's chain (R-H2); escalation goes up it to a Head of Service (R-I1).
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether PERSON is the one looked for. */
typedef gboolean (*CaLineManagerTest) (gint64   person,
                                       gpointer data);

/* A map of staff id → line manager's staff id (gint64 keys and values). */
GHashTable *ca_line_managers_new  (void);
void        ca_line_managers_add  (GHashTable        *line_managers,
                                   gint64             staff_id,
                                   gint64             manager_id);
gint64      ca_line_managers_find (GHashTable        *line_managers,
                                   gint64             start,
                                   gboolean           with_start,
                                   CaLineManagerTest  test,
                                   gpointer           data);

G_END_DECLS
