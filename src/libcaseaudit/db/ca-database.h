// SPDX-License-Identifier: GPL-3.0-or-later
// One connection to a Case Audit database file: opening, migrations, transactions, history.
#pragma once

#include <gio/gio.h>

#include "ca-statement.h"

G_BEGIN_DECLS

#define CA_DATABASE_ERROR (ca_database_error_quark ())

typedef enum
{
  CA_DATABASE_ERROR_NOT_FOUND,
  CA_DATABASE_ERROR_NO_FOLDER,
  CA_DATABASE_ERROR_READ_ONLY,
  CA_DATABASE_ERROR_LOCKED,
  CA_DATABASE_ERROR_CORRUPT,
  CA_DATABASE_ERROR_TOO_NEW,
  CA_DATABASE_ERROR_NOT_CASE_AUDIT,
  CA_DATABASE_ERROR_CONSTRAINT,
  CA_DATABASE_ERROR_FAILED,
  CA_DATABASE_ERROR_FULL,
  CA_DATABASE_ERROR_IO,
  CA_DATABASE_ERROR_NOT_A_FILE,
  CA_DATABASE_ERROR_NOT_PRIVATE,
} CaDatabaseError;

typedef enum
{
  CA_DATABASE_OPEN_DEFAULT = 0,
  CA_DATABASE_OPEN_CREATE  = 1 << 0,
} CaDatabaseOpenFlags;

/* What opening a file found and did that its user should hear about. */
typedef enum
{
  CA_DATABASE_NOTICE_MADE_PRIVATE,
  CA_DATABASE_NOTICE_HISTORY_ALTERED,
  CA_DATABASE_NOTICE_HISTORY_WAS_ALTERED,
} CaDatabaseNoticeKind;

typedef struct
{
  CaDatabaseNoticeKind  kind;
  char                 *message;
} CaDatabaseNotice;

#define CA_TYPE_DATABASE (ca_database_get_type ())

G_DECLARE_FINAL_TYPE (CaDatabase, ca_database, CA, DATABASE, GObject)

/* See ca_database_open_full(). */
typedef gboolean (*CaDatabaseReadyFunc) (CaDatabase  *database,
                                         GError     **error);

/* See ca_database_transaction(). */
typedef gboolean (*CaDatabaseWorkFunc)  (CaDatabase  *database,
                                         gpointer     user_data,
                                         GError     **error);

GQuark       ca_database_error_quark          (void);
gboolean     ca_database_error_is_about_storage (const GError      *error);
int          ca_database_get_latest_version   (void);
char        *ca_database_get_default_path     (void);
char        *ca_database_prepare_default_path (void);

CaDatabase  *ca_database_open                 (const char          *path,
                                               CaDatabaseOpenFlags  flags,
                                               GError             **error);
CaDatabase  *ca_database_open_full            (const char          *path,
                                               CaDatabaseOpenFlags  flags,
                                               CaDatabaseReadyFunc  ready,
                                               GError             **error);
CaDatabase  *ca_database_open_another         (CaDatabase          *self,
                                               GError             **error);
const char  *ca_database_get_path             (CaDatabase          *self);
void         ca_database_discard_if_new       (CaDatabase         **database);
gboolean     ca_database_hold_files           (CaDatabase          *self,
                                               GError             **error);
int          ca_database_get_schema_version   (CaDatabase          *self);
GPtrArray   *ca_database_get_notices          (CaDatabase          *self);
GPtrArray   *ca_database_verify               (CaDatabase          *self,
                                               GError             **error);
const char  *ca_database_get_user             (CaDatabase          *self);
void         ca_database_set_user             (CaDatabase          *self,
                                               const char          *user);

CaStatement *ca_database_prepare              (CaDatabase          *self,
                                               const char          *sql,
                                               GError             **error);
gboolean     ca_database_exec                 (CaDatabase          *self,
                                               const char          *sql,
                                               GError             **error);
gint64       ca_database_last_insert_id       (CaDatabase          *self);

gboolean     ca_database_begin                (CaDatabase          *self,
                                               GError             **error);
gboolean     ca_database_commit               (CaDatabase          *self,
                                               GError             **error);
void         ca_database_rollback             (CaDatabase          *self);
gboolean     ca_database_transaction          (CaDatabase          *self,
                                               CaDatabaseWorkFunc   work,
                                               gpointer             user_data,
                                               GError             **error);

gboolean     ca_database_record_change        (CaDatabase          *self,
                                               const char          *changed_at,
                                               const char          *entity,
                                               gint64               entity_id,
                                               const char          *field,
                                               const char          *old_value,
                                               const char          *new_value,
                                               GError             **error);
gboolean     ca_database_update_tracked       (CaDatabase          *self,
                                               const char          *entity,
                                               gint64               entity_id,
                                               const char          *field,
                                               const char          *value,
                                               GError             **error);

G_END_DECLS

/* Every writer notes its changes: see ca-database-changes.c. */
#include "ca-database-changes.h"
