// SPDX-License-Identifier: GPL-3.0-or-later
// A printed document from a view (the audit editor's, R-F10, through editor/ca-audit-export.c;
// the tracker's, R-I2): the document is built on the database's worker, and its PDF
// drawn and written there too (ca_document_save_pdf(): whole or not at all, readable by its
// owner only), so that a database another program holds locked, or a slow disk, never
// freezes the window: it only delays the toast or the print dialog. Only GtkPrintOperation
// runs on the main thread, with the document already built.

#define G_LOG_DOMAIN "ca-document-export"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-database-worker.h"
#include "ca-document-export.h"
#include "ca-file-chooser.h"
#include "ca-report-print-operation.h"
#include "ca-toast.h"
#include "ca-widget.h"

/* One export or print, from the view's action to its toast or print dialog. */
struct _CaDocumentExport
{
  GtkWidget           *parent;
  GtkWidget           *toast_widget;
  CaDatabase          *database;
  CaDocumentBuildFunc  build;
  gpointer             data;
  GDestroyNotify       data_free;
  char                *path;      /* the PDF to write, or NULL to print */
  char                *job_name;  /* for printing */
};

/* For an export never run: ca_document_export_run() frees the ones it runs. */
void
ca_document_export_free (CaDocumentExport *export)
{
  g_clear_object (&export->parent);
  g_clear_object (&export->toast_widget);
  g_clear_object (&export->database);
  if (export->data_free != NULL)
    export->data_free (export->data);
  g_free (export->path);
  g_free (export->job_name);
  g_free (export);
}

/* PATH for a PDF written there, or NULL with JOB_NAME for the print dialog; an export whose
 * path the chooser has still to give passes neither. Not started: see the header. */
CaDocumentExport *
ca_document_export_new (GtkWidget           *parent,
                        GtkWidget           *toast_widget,
                        CaDatabase          *database,
                        const char          *path,
                        const char          *job_name,
                        CaDocumentBuildFunc  build,
                        gpointer             data,
                        GDestroyNotify       data_free)
{
  CaDocumentExport *export;

  g_return_val_if_fail (GTK_IS_WIDGET (parent) && GTK_IS_WIDGET (toast_widget), NULL);
  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (build != NULL, NULL);

  export = g_new0 (CaDocumentExport, 1);
  export->parent = g_object_ref (parent);
  export->toast_widget = g_object_ref (toast_widget);
  export->database = g_object_ref (database);
  export->path = g_strdup (path);
  export->job_name = g_strdup (job_name);
  export->build = build;
  export->data = data;
  export->data_free = data_free;
  return export;
}


/* On the worker: the document, and for an export its PDF written. */
static gboolean
build_job (CaDatabase    *connection,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  CaDocumentExport *export = data;
  g_autoptr(CaDocument) document = export->build (connection, export->data, error);

  if (document == NULL)
    return FALSE;
  /* The chooser asked before a file there is replaced. */
  if (export->path != NULL &&
      !ca_document_save_pdf (document, export->path, CA_OUTPUT_FILE_REPLACE, error))
    return FALSE;
  *result = g_steal_pointer (&document);
  return TRUE;
}

static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CaDocumentExport *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDocument) document = NULL;

  if (!ca_database_run_finish (result, (gpointer *) &document, &error))
    ca_toast_show_text (export->toast_widget, error->message, CA_TOAST_LONG);
  else if (export->path != NULL)
    ca_toast_show_text (export->toast_widget, _("PDF exported"), CA_TOAST_LONG);
  else
    {
      g_autoptr(GtkPrintOperation) operation = NULL;

      operation = ca_report_print_operation_new_for_document (document, export->job_name);
      if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                   ca_widget_get_window (export->parent), &error) ==
          GTK_PRINT_OPERATION_RESULT_ERROR)
        ca_toast_show_text (export->toast_widget, error->message, CA_TOAST_LONG);
    }
  ca_document_export_free (export);
}

/* Where the chooser said the PDF goes. */
void
ca_document_export_set_path (CaDocumentExport *export,
                             const char       *path)
{
  g_free (export->path);
  export->path = g_strdup (path);
}

/* Builds the document on the worker, then writes its PDF there or opens the print dialog,
 * and says how it went in a toast. Returns at once, and takes EXPORT. */
void
ca_document_export_run (CaDocumentExport *export)
{
  /* NULL when ca_document_export_new() refused its arguments, and has said so. */
  g_return_if_fail (export != NULL);

  ca_database_run_async (export->database, build_job, export, NULL, g_object_unref, NULL,
                         built_cb, export);
}

/* What the PDF's chooser answered, and what is done with the path. */
typedef struct
{
  CaDocumentExportChosenFunc  chosen;
  gpointer                    data;
  GDestroyNotify              data_free;
} Choosing;

static void
choosing_free (Choosing *choosing)
{
  if (choosing->data_free != NULL)
    choosing->data_free (choosing->data);
  g_free (choosing);
}

/* The chooser held the toast's widget: a file with no path here is said near it. */
static void
pdf_chosen (GtkWidget *toast_widget,
            GFile     *file,
            gpointer   data)
{
  Choosing *choosing = data;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      ca_toast_show_text (toast_widget, _("The PDF could not be written."), CA_TOAST_LONG);
      choosing_free (choosing);
      return;
    }
  choosing->chosen (path, choosing->data);
  g_free (choosing);
}

/**
 * ca_document_export_choose_pdf:
 * @parent: the widget that asked (a view)
 * @toast_widget: a widget inside the overlay that says when no file can be written there
 * @title: the file chooser's title
 * @suggested_name: the file name it offers
 * @chosen: called with the path chosen, on the main thread; not if none is
 * @data: (transfer full): handed to @chosen, which then owns it
 * @data_free: (nullable): frees @data when no file is chosen
 *
 * Asks where to save a PDF. Returns at once.
 */
void
ca_document_export_choose_pdf (GtkWidget                  *parent,
                               GtkWidget                  *toast_widget,
                               const char                 *title,
                               const char                 *suggested_name,
                               CaDocumentExportChosenFunc  chosen,
                               gpointer                    data,
                               GDestroyNotify              data_free)
{
  GtkFileChooserNative *dialog;
  Choosing *choosing;

  g_return_if_fail (GTK_IS_WIDGET (parent) && GTK_IS_WIDGET (toast_widget));
  g_return_if_fail (chosen != NULL);

  choosing = g_new0 (Choosing, 1);
  choosing->chosen = chosen;
  choosing->data = data;
  choosing->data_free = data_free;
  dialog = ca_file_chooser_new (parent, title, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  ca_file_chooser_add_filter (dialog, _("PDF documents"), "pdf", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  ca_file_chooser_ask (dialog, toast_widget, pdf_chosen, choosing,
                       (GDestroyNotify) choosing_free);
}

static void
export_chosen (const char *path,
               gpointer    data)
{
  ca_document_export_set_path (data, path);
  ca_document_export_run (data);
}

/**
 * ca_document_export_pdf:
 * @parent: the widget that asked (a view)
 * @toast_widget: a widget inside the overlay that shows the answer
 * @database: the view's database
 * @title: the file chooser's title
 * @suggested_name: the file name it offers
 * @build: builds the document on the worker
 * @data: (transfer full): for @build
 * @data_free: (nullable): frees @data once done
 *
 * Asks where to save the PDF, then builds and writes it on the worker. Returns at once.
 */
void
ca_document_export_pdf (GtkWidget           *parent,
                        GtkWidget           *toast_widget,
                        CaDatabase          *database,
                        const char          *title,
                        const char          *suggested_name,
                        CaDocumentBuildFunc  build,
                        gpointer             data,
                        GDestroyNotify       data_free)
{
  CaDocumentExport *export = ca_document_export_new (parent, toast_widget, database, NULL, NULL,
                                                     build, data, data_free);

  g_return_if_fail (export != NULL);
  ca_document_export_choose_pdf (parent, toast_widget, title, suggested_name, export_chosen,
                                 export, (GDestroyNotify) ca_document_export_free);
}

void
ca_document_export_pdf_to_file (GtkWidget           *parent,
                                GtkWidget           *toast_widget,
                                CaDatabase          *database,
                                const char          *path,
                                CaDocumentBuildFunc  build,
                                gpointer             data,
                                GDestroyNotify       data_free)
{
  g_return_if_fail (path != NULL);

  ca_document_export_run (ca_document_export_new (parent, toast_widget, database, path, NULL,
                                                  build, data, data_free));
}

void
ca_document_export_print (GtkWidget           *parent,
                          GtkWidget           *toast_widget,
                          CaDatabase          *database,
                          const char          *job_name,
                          CaDocumentBuildFunc  build,
                          gpointer             data,
                          GDestroyNotify       data_free)
{
  ca_document_export_run (ca_document_export_new (parent, toast_widget, database, NULL,
                                                  job_name, build, data, data_free));
}
