// SPDX-License-Identifier: GPL-3.0-or-later
// The matching behind the allocation and the moderation queue: a minimum-cost maximum flow.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A network whose every unit of flow is one thing given to one person: a case to an
 * auditor (R-D3), an audit to a moderator (R-H2). */
typedef struct
{
  guint to;
  int   capacity;
  int   cost;
  guint reverse;   /* index of the opposite edge in to's list */
} CaFlowEdge;

/* The caller reads the edges back to see who each thing went to. */
typedef struct
{
  guint   n;
  GArray **edges;   /* per node, (element-type CaFlowEdge) */
} CaFlowNetwork;

CaFlowNetwork *ca_flow_network_new                (guint                       n);
void           ca_flow_network_free               (CaFlowNetwork              *net);
void           ca_flow_network_add                (CaFlowNetwork              *net,
                                                   guint                       from,
                                                   guint                       to,
                                                   int                         capacity,
                                                   int                         cost);
guint          ca_flow_network_min_cost_max_flow  (CaFlowNetwork              *net,
                                                   guint                       source,
                                                   guint                       sink);

G_END_DECLS
