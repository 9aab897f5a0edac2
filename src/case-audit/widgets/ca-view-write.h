// SPDX-License-Identifier: GPL-3.0-or-later
// A store write started from a view: run on the database's worker, its control insensitive meanwhile.
#pragma once

#include <gtk/gtk.h>

#include "ca-database.h"

G_BEGIN_DECLS

/**
 * CaViewWriteJob:
 * @connection: the worker's connection, to hand to the store call
 * @data: the call's arguments, and where it leaves what the view shows afterwards
 * @error: where a failure is said
 *
 * The store call, on the worker thread: it reads only @data, never the view.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
typedef gboolean (*CaViewWriteJob)  (CaDatabase    *connection,
                                     gpointer       data,
                                     GError       **error);

/**
 * CaViewWriteDone:
 * @owner: the widget that started the write
 * @data: the job's data, as the job left it
 * @error: (nullable): why the write failed, or %NULL
 *
 * Back on the main thread: shows the result as the view did when it wrote itself.
 */
typedef void     (*CaViewWriteDone) (GtkWidget     *owner,
                                     gpointer       data,
                                     const GError  *error);

void     ca_view_write         (GtkWidget       *owner,
                                GtkWidget       *control,
                                CaDatabase      *database,
                                CaViewWriteJob   job,
                                gpointer         data,
                                GDestroyNotify   data_free,
                                CaViewWriteDone  done);
gboolean ca_view_write_is_busy (GtkWidget       *owner);

G_END_DECLS
