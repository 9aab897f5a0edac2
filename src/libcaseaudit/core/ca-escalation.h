// SPDX-License-Identifier: GPL-3.0-or-later
// R-I1: a Category 1–3 audit whose recommendations were not checked by its deadline goes up
// to the Head of Service above its case's team in the line-management chain.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The first person up the line-management chain from START (START itself included) who is
 * a Head of Service: LINE_MANAGERS maps staff id → line manager id (as made by
 * ca_line_managers_new()), HEADS holds the ids of every Head of Service (gint64
 * keys, g_int64_hash). 0 when the chain has none. */
gint64  ca_escalation_head_of_service (GHashTable *line_managers,
                                       GHashTable *heads,
                                       gint64      start);

/* Whether an audit whose recommendations must be checked by DEADLINE, and are not, is due
 * to be escalated at NOW: once the deadline has passed. */
gboolean ca_escalation_is_due         (GDateTime  *deadline,
                                       gboolean    checked,
                                       GDateTime  *now);

/* Why, for the record and the e-mail: "The recommendations of this Category 1 audit were
 * not checked by 14:00 on 3 November 2026." */
char   *ca_escalation_reason          (int         category,
                                       GDateTime  *deadline);

G_END_DECLS
