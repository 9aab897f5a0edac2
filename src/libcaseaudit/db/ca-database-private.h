// SPDX-License-Identifier: GPL-3.0-or-later
// Shared between CaDatabase's files and CaStatement only: the engine's handles, error mapping
// and the change history's chain.
#pragma once

#include <sqlite3.h>

#include "ca-database.h"
#include "ca-database-changes.h"

G_BEGIN_DECLS

CaStatement *ca_statement_new                (CaDatabase   *database,
                                              sqlite3_stmt *stmt);
CaStatement *ca_statement_new_cached         (CaDatabase   *database,
                                              sqlite3_stmt *stmt);
void         ca_database_set_sqlite_error    (CaDatabase   *self,
                                              int           rc,
                                              GError      **error);
sqlite3     *ca_database_get_handle          (CaDatabase   *self);
void         ca_database_add_notice          (CaDatabase           *self,
                                              CaDatabaseNoticeKind  kind,
                                              char                 *message);

/* ca-database-verify.c: the change history's hash chain. */
char        *ca_database_hash_history_row    (const char   *previous_hash,
                                              gint64        id,
                                              const char   *changed_at,
                                              const char   *changed_by,
                                              const char   *entity,
                                              gint64        entity_id,
                                              const char   *field,
                                              const char   *old_value,
                                              const char   *new_value);
int          ca_database_run_migration_code  (sqlite3      *handle,
                                              const char   *migration);
void         ca_database_check_history_on_open (CaDatabase *self);

/* ca-database-changes.c: the notes of a connection's open transaction, told after commit. */
typedef struct _CaDatabaseChanges CaDatabaseChanges;

CaDatabaseChanges *ca_database_get_changes            (CaDatabase        *self);
CaDatabaseChanges *ca_database_changes_new            (CaDatabase        *owner);
void               ca_database_changes_free           (CaDatabaseChanges *changes);
void               ca_database_changes_forward        (CaDatabaseChanges *changes,
                                                       CaDatabaseChanges *main);
void               ca_database_changes_begin          (CaDatabaseChanges *changes);
gboolean           ca_database_changes_log            (CaDatabaseChanges *changes,
                                                       GError           **error);
void               ca_database_changes_commit         (CaDatabaseChanges *changes);
const char        *ca_database_changes_get_writer     (CaDatabaseChanges *changes);
void               ca_database_changes_tell           (CaDatabaseChanges *changes,
                                                       CaChangeKind       kind,
                                                       gint64             id);
CaChangeKind       ca_database_changes_kind_from_name (const char        *name);
void               ca_database_changes_rollback       (CaDatabaseChanges *changes);
void               ca_database_changes_install_signal (GObjectClass      *object_class);
void               ca_database_changes_count_commit   (CaDatabaseChanges *changes);
guint              ca_database_changes_get_main_commits (CaDatabaseChanges *changes);

G_END_DECLS
