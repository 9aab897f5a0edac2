// SPDX-License-Identifier: GPL-3.0-or-later
// For the stores alone: a refusal with a message made from a format, in the calling store's
// error domain, for the stores that refuse in many places.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets ERROR to DOMAIN and CODE with the message FORMAT makes (already translated), and
 * returns FALSE, so that a check can end with "return ca_store_refuse (…);". */
static inline gboolean
ca_store_refuse (GError     **error,
                 GQuark       domain,
                 gint         code,
                 const char  *format,
                 ...) G_GNUC_PRINTF (4, 5);

static inline gboolean
ca_store_refuse (GError     **error,
                 GQuark       domain,
                 gint         code,
                 const char  *format,
                 ...)
{
  va_list args;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (error != NULL)
    {
      va_start (args, format);
      *error = g_error_new_valist (domain, code, format, args);
      va_end (args);
    }
  return FALSE;
}

G_END_DECLS
