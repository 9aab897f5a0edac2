// SPDX-License-Identifier: GPL-3.0-or-later
// Shared between the monthly allocation's files only: strata, shares, the flow network.
#pragma once

#include "ca-allocation.h"
#include "ca-flow-network.h"

G_BEGIN_DECLS

/* One stratum of the sample while a run builds it. */
typedef struct
{
  char      *label;
  gint64     team_id;
  GPtrArray *cases;    /* CaAllocationCase, borrowed */
  guint      open;
  guint      share;
} CaSampleStratum;

/* ca-allocation-rules.c: the hard rules of R-D3, numbered as the explanations count them. */
enum
{
  CA_ALLOCATION_RULE_WORKER,
  CA_ALLOCATION_RULE_CHAIN,
  CA_ALLOCATION_RULE_TEAM,
  CA_ALLOCATION_RULE_REPEAT,
  CA_ALLOCATION_RULE_CAPACITY,
  CA_ALLOCATION_N_RULES
};

int            ca_allocation_check_rules          (const CaAllocationInput    *input,
                                                   const CaAllocationCase     *file,
                                                   const CaAllocationAuditor  *auditor,
                                                   gboolean                    with_capacity);
void           ca_allocation_date_minus_months    (const GDate                *date,
                                                   int                         months,
                                                   GDate                      *out);

/* ca-allocation-shares.c */
void           ca_sample_stratum_free             (CaSampleStratum            *stratum);
int            ca_sample_stratum_compare          (gconstpointer               a,
                                                   gconstpointer               b);
char          *ca_sample_stratum_label            (const CaAllocationSettings *settings,
                                                   const CaAllocationCase     *file);
void           ca_allocation_share_out            (const CaAllocationSettings *settings,
                                                   GPtrArray                  *strata);

G_END_DECLS
