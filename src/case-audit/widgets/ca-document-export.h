// SPDX-License-Identifier: GPL-3.0-or-later
// A printed document from a view: built on the database's worker, then written there as a
// PDF where the person chose, or handed to the print dialog.
#pragma once

#include <adwaita.h>

#include "ca-database.h"
#include "ca-document.h"

G_BEGIN_DECLS

/* Builds the document from DATA on the worker's CONNECTION: reads only DATA, never a widget.
 * Returns the document, or NULL with ERROR set. */
typedef CaDocument *(*CaDocumentBuildFunc) (CaDatabase  *connection,
                                            gpointer     data,
                                            GError     **error);

/* Called with the PATH of the PDF chosen; it takes DATA. */
typedef void (*CaDocumentExportChosenFunc) (const char *path,
                                            gpointer    data);

/* Asks where to save a PDF (the chooser titled TITLE, offering SUGGESTED_NAME, showing PDFs),
 * then hands the path to CHOSEN with DATA; when none is chosen, DATA is freed with DATA_FREE.
 * A chooser that answers with no local file is said in a toast near TOAST_WIDGET. */
void ca_document_export_choose_pdf   (GtkWidget                  *parent,
                                      GtkWidget                  *toast_widget,
                                      const char                 *title,
                                      const char                 *suggested_name,
                                      CaDocumentExportChosenFunc  chosen,
                                      gpointer                    data,
                                      GDestroyNotify              data_free);
/* Asks where to save the PDF (the chooser titled TITLE, offering SUGGESTED_NAME), then
 * builds the document with BUILD (DATA freed with DATA_FREE) and writes it on DATABASE's
 * worker, readable by its owner only. How it went is said in a toast near TOAST_WIDGET. */
void ca_document_export_pdf          (GtkWidget            *parent,
                                      GtkWidget            *toast_widget,
                                      CaDatabase           *database,
                                      const char           *title,
                                      const char           *suggested_name,
                                      CaDocumentBuildFunc   build,
                                      gpointer              data,
                                      GDestroyNotify        data_free);
/* The same, writing to PATH without asking (the chooser's answer), replacing a file there. */
void ca_document_export_pdf_to_file  (GtkWidget            *parent,
                                      GtkWidget            *toast_widget,
                                      CaDatabase           *database,
                                      const char           *path,
                                      CaDocumentBuildFunc   build,
                                      gpointer              data,
                                      GDestroyNotify        data_free);
/* Builds the document on the worker, then opens the print dialog for it (JOB_NAME is what
 * the print queue shows). */
void ca_document_export_print        (GtkWidget            *parent,
                                      GtkWidget            *toast_widget,
                                      CaDatabase           *database,
                                      const char           *job_name,
                                      CaDocumentBuildFunc   build,
                                      gpointer              data,
                                      GDestroyNotify        data_free);

G_END_DECLS
