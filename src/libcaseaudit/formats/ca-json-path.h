// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the readers and writers of Case Audit's JSON files: paths to an element and errors
// that name them, and the pieces every writer needs.
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char     *ca_json_member_path     (const char          *path,
                                   const char          *name);
void      ca_json_set_error_at    (GError             **error,
                                   GQuark               domain,
                                   int                  code,
                                   const char          *path,
                                   const char          *format,
                                   ...) G_GNUC_PRINTF (5, 6);
void      ca_json_set_parse_error (GError             **error,
                                   GQuark               domain,
                                   int                  code,
                                   const GError        *parse_error);
JsonObject *ca_json_get_object   (JsonNode            *node,
                                 const char          *path,
                                 GQuark               domain,
                                 int                  code,
                                 const char          *complaint,
                                 GError             **error);
gboolean  ca_json_holds_type      (JsonNode            *node,
                                   GType                type);
gboolean  ca_json_check_members   (JsonObject          *object,
                                   const char          *path,
                                   const char * const  *known,
                                   GQuark               domain,
                                   int                  code,
                                   const char          *complaint,
                                   GError             **error);

void      ca_json_add_int_member  (JsonBuilder         *builder,
                                   const char          *name,
                                   gint64               value);
void      ca_json_add_string_member (JsonBuilder       *builder,
                                     const char        *name,
                                     const char        *value);
char     *ca_json_to_text         (JsonBuilder         *builder,
                                   gboolean             pretty);

G_END_DECLS
