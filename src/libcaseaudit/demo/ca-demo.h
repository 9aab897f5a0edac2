// SPDX-License-Identifier: GPL-3.0-or-later
// A deterministic, realistic demonstration data set for an empty database.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"

G_BEGIN_DECLS

#define CA_DEMO_ERROR (ca_demo_error_quark ())

typedef enum
{
  CA_DEMO_ERROR_NOT_EMPTY,
  CA_DEMO_ERROR_INVALID_OPTIONS,
} CaDemoError;

#define CA_DEMO_MAX_YEARS 30

typedef struct
{
  guint32 seed;        /* default 1 */
  guint   years;       /* default 3; 10 gives the R-N1 scale */
  int     until_year;  /* last month of data, default: the current month (caller fills it) */
  int     until_month;
} CaDemoOptions;

/* Called now and then with the share of the work done, from 0 to 1. */
typedef void (*CaDemoProgressFunc) (double   fraction,
                                    gpointer user_data);

GQuark   ca_demo_error_quark   (void);
void     ca_demo_options_init  (CaDemoOptions       *options);
gboolean ca_demo_generate      (CaDatabase          *database,
                                const CaDemoOptions *options,
                                CaDemoProgressFunc   progress,
                                gpointer             user_data,
                                GCancellable        *cancellable,
                                GError             **error);

G_END_DECLS
