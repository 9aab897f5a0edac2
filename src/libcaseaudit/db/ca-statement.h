// SPDX-License-Identifier: GPL-3.0-or-later
// A prepared statement: bind, step, read columns. The only way stores reach the engine.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CaStatement CaStatement;

void         ca_statement_free        (CaStatement *self);
void         ca_statement_reset       (CaStatement *self);
void         ca_statement_bind_text   (CaStatement *self,
                                       int          index,
                                       const char  *value);
void         ca_statement_bind_int64  (CaStatement *self,
                                       int          index,
                                       gint64       value);
void         ca_statement_bind_null   (CaStatement *self,
                                       int          index);
void         ca_statement_bind_id     (CaStatement *self,
                                       int          index,
                                       gint64       id);
gboolean     ca_statement_step        (CaStatement *self,
                                       gboolean    *has_row,
                                       GError     **error);
gboolean     ca_statement_run         (CaStatement *self,
                                       GError     **error);
gboolean     ca_statement_next        (CaStatement *self);
gboolean     ca_statement_check       (CaStatement *self,
                                       GError     **error);
gboolean     ca_statement_step_one    (CaStatement *self,
                                       GError     **error,
                                       GQuark       domain,
                                       gint         code,
                                       const char  *format,
                                       ...) G_GNUC_PRINTF (5, 6);
const char  *ca_statement_get_text    (CaStatement *self,
                                       int          column);
char        *ca_statement_dup_text    (CaStatement *self,
                                       int          column);
gint64       ca_statement_get_int64   (CaStatement *self,
                                       int          column);
gboolean     ca_statement_is_null     (CaStatement *self,
                                       int          column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaStatement, ca_statement_free)

G_END_DECLS
