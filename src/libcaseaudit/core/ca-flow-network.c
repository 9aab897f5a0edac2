// SPDX-License-Identifier: GPL-3.0-or-later
// The matching behind the monthly allocation and the moderation queue: a minimum-cost
// maximum flow of sampled cases to auditors, or of sampled audits to moderators.

#define G_LOG_DOMAIN "ca-flow-network"

#include "config.h"

#include "ca-flow-network.h"

/* ------------------------------------------------------------------------------------------
 * Minimum-cost maximum flow: successive shortest paths with Dijkstra on reduced costs
 * (Johnson's potentials). Every unit of flow is one case given to one auditor, or one audit
 * to one moderator.
 * ---------------------------------------------------------------------------------------- */

typedef struct
{
  gint64 distance;
  guint  node;
} HeapItem;

CaFlowNetwork *
ca_flow_network_new (guint n)
{
  CaFlowNetwork *net = g_new0 (CaFlowNetwork, 1);

  net->n = n;
  net->edges = g_new0 (GArray *, n);
  for (guint i = 0; i < n; i++)
    net->edges[i] = g_array_new (FALSE, FALSE, sizeof (CaFlowEdge));
  return net;
}

void
ca_flow_network_free (CaFlowNetwork *net)
{
  for (guint i = 0; i < net->n; i++)
    g_array_unref (net->edges[i]);
  g_free (net->edges);
  g_free (net);
}

void
ca_flow_network_add (CaFlowNetwork *net,
                     guint    from,
                     guint    to,
                     int      capacity,
                     int      cost)
{
  CaFlowEdge forward = { to, capacity, cost, net->edges[to]->len };
  CaFlowEdge backward = { from, 0, -cost, net->edges[from]->len };

  g_array_append_val (net->edges[from], forward);
  g_array_append_val (net->edges[to], backward);
}

static gboolean
heap_less (const HeapItem *a,
           const HeapItem *b)
{
  return a->distance < b->distance || (a->distance == b->distance && a->node < b->node);
}

static void
heap_push (GArray   *heap,
           HeapItem  item)
{
  guint i;

  g_array_append_val (heap, item);
  i = heap->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      HeapItem *items = (HeapItem *) heap->data;

      if (!heap_less (&items[i], &items[parent]))
        break;
      HeapItem swap = items[i];
      items[i] = items[parent];
      items[parent] = swap;
      i = parent;
    }
}

static HeapItem
heap_pop (GArray *heap)
{
  HeapItem *items = (HeapItem *) heap->data;
  HeapItem top = items[0];
  guint i = 0, n;

  items[0] = items[heap->len - 1];
  g_array_set_size (heap, heap->len - 1);
  n = heap->len;
  items = (HeapItem *) heap->data;
  for (;;)
    {
      guint left = 2 * i + 1, right = left + 1, best = i;

      if (left < n && heap_less (&items[left], &items[best]))
        best = left;
      if (right < n && heap_less (&items[right], &items[best]))
        best = right;
      if (best == i)
        break;
      HeapItem swap = items[i];
      items[i] = items[best];
      items[best] = swap;
      i = best;
    }
  return top;
}

/* Pushes as much flow as the network carries from SOURCE to SINK at the least total cost.
 * All costs start non-negative, so zero potentials are feasible and Dijkstra applies. */
guint
ca_flow_network_min_cost_max_flow (CaFlowNetwork *net,
                                   guint    source,
                                   guint    sink)
{
  g_autofree gint64 *potential = g_new0 (gint64, net->n);
  g_autofree gint64 *distance = g_new (gint64, net->n);
  g_autofree guint *via_node = g_new (guint, net->n);
  g_autofree guint *via_edge = g_new (guint, net->n);
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));
  guint flow = 0;

  for (;;)
    {
      for (guint i = 0; i < net->n; i++)
        distance[i] = G_MAXINT64;
      distance[source] = 0;
      g_array_set_size (heap, 0);
      heap_push (heap, (HeapItem) { 0, source });

      while (heap->len > 0)
        {
          HeapItem top = heap_pop (heap);
          GArray *edges;

          if (top.distance != distance[top.node])
            continue;
          edges = net->edges[top.node];
          for (guint e = 0; e < edges->len; e++)
            {
              const CaFlowEdge *edge = &g_array_index (edges, CaFlowEdge, e);
              gint64 next;

              if (edge->capacity <= 0)
                continue;
              next = top.distance + edge->cost + potential[top.node] - potential[edge->to];
              if (next < distance[edge->to])
                {
                  distance[edge->to] = next;
                  via_node[edge->to] = top.node;
                  via_edge[edge->to] = e;
                  heap_push (heap, (HeapItem) { next, edge->to });
                }
            }
        }

      if (distance[sink] == G_MAXINT64)
        break;
      for (guint i = 0; i < net->n; i++)
        if (distance[i] != G_MAXINT64)
          potential[i] += distance[i];

      /* Every edge from the source and to a case carries one unit, so each path adds one. */
      for (guint v = sink; v != source; v = via_node[v])
        {
          CaFlowEdge *edge = &g_array_index (net->edges[via_node[v]], CaFlowEdge, via_edge[v]);

          edge->capacity -= 1;
          g_array_index (net->edges[v], CaFlowEdge, edge->reverse).capacity += 1;
        }
      flow++;
    }
  return flow;
}
