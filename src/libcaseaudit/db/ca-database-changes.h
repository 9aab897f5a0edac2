// SPDX-License-Identifier: GPL-3.0-or-later
// What a commit changed, told to the main thread: the kinds of record and their ids.
#pragma once

#include "ca-database.h"

G_BEGIN_DECLS

/**
 * CaChangeKind:
 * @CA_CHANGE_ANY: anything may have changed: reload everything (an import, the demo, or
 *   another program's commit that says nothing of what it changed: see
 *   ca_database_watch_other_writers())
 *
 * The kinds of record a store says it changed, in the "changed" signal of #CaDatabase.
 */
typedef enum
{
  CA_CHANGE_ANY,
  CA_CHANGE_AUDIT,
  CA_CHANGE_DRAFT,
  CA_CHANGE_CASE,
  CA_CHANGE_STAFF,
  CA_CHANGE_PROGRAMME,
  CA_CHANGE_HOLIDAY,
  CA_CHANGE_SETTINGS,
  CA_CHANGE_CAPACITY,
  CA_CHANGE_NOTIFICATION,
  CA_CHANGE_MANAGER_RESPONSE,
  CA_CHANGE_IMPORT_MAPPING,
  CA_CHANGE_TOOL,
  CA_CHANGE_ALLOCATION_RUN,
  CA_CHANGE_MODERATION,
  CA_CHANGE_N_KINDS
} CaChangeKind;

/* An id for a change whose records are not known one by one: all of that kind. */
#define CA_CHANGE_ALL_IDS ((gint64) 0)

void     ca_database_note_change   (CaDatabase   *self,
                                    CaChangeKind  kind,
                                    gint64        id);
gboolean ca_change_ids_contain     (GArray       *ids,
                                    gint64        id);

/* How often the window looks for another process's commits: see ca-database-watch.c. */
#define CA_DATABASE_WATCH_INTERVAL_MS 2000

void     ca_database_watch_other_writers (CaDatabase *self,
                                          guint       interval_ms);

G_END_DECLS
