// SPDX-License-Identifier: GPL-3.0-or-later
// Checks JSON text before json-glib parses it: UTF-8, nesting depth, and character escapes.
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CA_JSON_ERROR (ca_json_error_quark ())

typedef enum
{
  CA_JSON_ERROR_NOT_UTF8,     /* not UTF-8 text, or a zero byte */
  CA_JSON_ERROR_TOO_DEEP,     /* lists and objects nested deeper than allowed */
  CA_JSON_ERROR_BAD_ESCAPE,   /* \ud800 alone, \u0000, \uZZZZ, \q */
} CaJsonError;

/* The deepest nesting of [ and { accepted. Case Audit's own files go four levels deep; the
 * limit keeps json-glib, which parses by recursion, far from the end of any thread's stack
 * (a file nested 80,000 deep used to crash it). */
#define CA_JSON_MAX_DEPTH 256

GQuark   ca_json_error_quark (void);
gboolean ca_json_scan        (const char  *data,
                              gsize        length,
                              guint        max_depth,
                              GError     **error);
gboolean ca_json_load        (JsonParser  *parser,
                              const char  *data,
                              gssize       length,
                              GError     **error);

G_END_DECLS
