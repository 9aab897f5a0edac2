// SPDX-License-Identifier: GPL-3.0-or-later
// The audit programme in the database: import of a programme file, entries and events.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "ca-programme-entry.h"
#include "ca-programme-event.h"
#include "ca-programme-file.h"

G_BEGIN_DECLS

/* What an import did. */
typedef struct
{
  guint entries_added;
  guint entries_updated;
  guint entries_unchanged;
  guint events_added;
  guint events_updated;
  guint events_unchanged;
} CaProgrammeImportResult;

gboolean   ca_programme_store_import        (CaDatabase               *database,
                                             CaProgrammeFile          *file,
                                             CaProgrammeImportResult  *result,
                                             GError                  **error);
void       ca_programme_store_import_path_async  (CaDatabase               *database,
                                                 const char               *path,
                                                 GCancellable             *cancellable,
                                                 GAsyncReadyCallback       callback,
                                                 gpointer                  user_data);
gboolean   ca_programme_store_import_path_finish (GAsyncResult             *result,
                                                  CaProgrammeImportResult  *import_result,
                                                  GError                  **error);

gboolean   ca_programme_store_save_entry    (CaDatabase               *database,
                                             CaProgrammeEntry         *entry,
                                             GError                  **error);
gboolean   ca_programme_store_copy_year     (CaDatabase               *database,
                                             int                       from_year,
                                             int                       to_year,
                                             guint                    *n_copied,
                                             GError                  **error);
CaProgrammeFile *ca_programme_store_read_year (CaDatabase             *database,
                                               int                     year,
                                               GError                **error);

GPtrArray *ca_programme_store_list_entries  (CaDatabase               *database,
                                             const char               *from_month,
                                             const char               *to_month,
                                             GError                  **error);
void       ca_programme_store_list_entries_async  (CaDatabase          *database,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray *ca_programme_store_list_entries_finish (GAsyncResult        *result,
                                                   GError             **error);
GPtrArray *ca_programme_store_list_events   (CaDatabase               *database,
                                             const GDate              *from,
                                             const GDate              *to,
                                             GError                  **error);
gint64     ca_programme_store_add_event     (CaDatabase               *database,
                                             CaProgrammeEvent         *event,
                                             GError                  **error);
/* Removes event EVENT_ID. SHOWN_DATE and SHOWN_TITLE (nullable) are the event as the caller
 * showed it: when no event of that number, date and title is stored (another copy of Case
 * Audit removed it, perhaps adding another that took its number), nothing is removed and
 * CA_DATABASE_ERROR_NOT_FOUND says it had already been removed. */
gboolean   ca_programme_store_remove_event  (CaDatabase               *database,
                                             gint64                    event_id,
                                             const char               *shown_date,
                                             const char               *shown_title,
                                             CaProgrammeEvent        **removed,
                                             GError                  **error);

G_END_DECLS
