// SPDX-License-Identifier: GPL-3.0-or-later
// The Head of Service tracker (R-I2) as a document for their meeting: the rows the tracker
// shows, as one table on A4 landscape pages, a CaDocument drawn into a PDF or a printer's
// pages.
#pragma once

#include <gio/gio.h>

#include "ca-document.h"
#include "ca-tracker-store.h"

G_BEGIN_DECLS

/* ROWS (element-type CaTrackerRow) as read with QUERY, which the document describes under
 * its title; HEAD_NAME (nullable) the name of QUERY's Head of Service; NOW the moment the
 * document is made: its date, and which deadlines have passed. Copies what it shows. */
CaDocument *ca_tracker_report_new           (GPtrArray             *rows,
                                             const CaTrackerQuery  *query,
                                             const char            *head_name,
                                             GDateTime             *now);

/* Reads QUERY's rows and its Head of Service's name (ca_tracker_store_read()): the document
 * the window prints and exports and the command line writes. */
CaDocument *ca_tracker_report_new_for_query (CaDatabase            *database,
                                             const CaTrackerQuery  *query,
                                             GDateTime             *now,
                                             GError               **error);

G_END_DECLS
