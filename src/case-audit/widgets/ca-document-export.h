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

/* One export or print made now and started later, for a view that must do something
 * first (the audit editor saves what is unsaved): ca_document_export_new() with what
 * ca_document_export_pdf_to_file() or _print() take (PATH, or JOB_NAME, or neither until
 * the chooser answers, ca_document_export_set_path()), then ca_document_export_run(), which
 * takes it; ca_document_export_free() for one never run. */
typedef struct _CaDocumentExport CaDocumentExport;

CaDocumentExport *ca_document_export_new      (GtkWidget            *parent,
                                               GtkWidget            *toast_widget,
                                               CaDatabase           *database,
                                               const char           *path,
                                               const char           *job_name,
                                               CaDocumentBuildFunc   build,
                                               gpointer              data,
                                               GDestroyNotify        data_free);
void              ca_document_export_set_path (CaDocumentExport     *export,
                                               const char           *path);
void              ca_document_export_run      (CaDocumentExport     *export);
void              ca_document_export_free     (CaDocumentExport     *export);

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
