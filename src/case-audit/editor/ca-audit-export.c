// SPDX-License-Identifier: GPL-3.0-or-later
// The audit editor's PDF export and printing (R-F10), drawn by the audit report's one code.
//
// What is unsaved is saved first, then the report is read on the database's worker (and a
// PDF drawn and written there too), so that a database another program holds locked, or a
// slow disk, never freezes the window: it only delays the toast or the print dialog.

#define G_LOG_DOMAIN "ca-audit-export"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-audit-export.h"
#include "ca-database-worker.h"
#include "ca-audit-report.h"
#include "ca-report-print-operation.h"
#include "ca-toast.h"

/* One export or print, from the editor's action to its toast or print dialog. */
typedef struct
{
  GtkWidget       *parent;
  GtkWidget       *toast_widget;
  CaAuditAutosave *autosave;
  CaDatabase      *database;
  gint64           audit_id;
  char            *path;      /* the PDF to write, or NULL to print */
  char            *job_name;  /* for printing */
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->parent);
  g_clear_object (&export->toast_widget);
  g_clear_object (&export->autosave);
  g_clear_object (&export->database);
  g_free (export->path);
  g_free (export->job_name);
  g_free (export);
}

static GtkWindow *
get_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* On the worker: the report as stored now, and for an export its PDF written. */
static gboolean
read_report_job (CaDatabase    *connection,
                 gpointer       data,
                 gpointer      *result,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Export *export = data;
  g_autoptr(CaAuditReport) report = ca_audit_report_new_for_audit (connection,
                                                                   export->audit_id, error);

  if (report == NULL)
    return FALSE;
  if (export->path != NULL && !ca_audit_report_save_pdf (report, export->path, error))
    return FALSE;
  *result = g_steal_pointer (&report);
  return TRUE;
}

static void
report_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  CaAuditReport *report = NULL;

  if (!ca_database_run_finish (result, (gpointer *) &report, &error))
    ca_toast_show_text (export->toast_widget, error->message, CA_TOAST_LONG);
  else if (export->path != NULL)
    {
      ca_audit_report_free (report);
      ca_toast_show_text (export->toast_widget, _("PDF exported"), CA_TOAST_LONG);
    }
  else
    {
      operation = ca_report_print_operation_new (report, export->job_name);
      if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                   get_window (export->parent), &error) ==
          GTK_PRINT_OPERATION_RESULT_ERROR)
        ca_toast_show_text (export->toast_widget, error->message, CA_TOAST_LONG);
    }
  export_free (export);
}

/* Whether or not the save went through (the editor's status says so), the pages show what
 * is stored. */
static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Export *export = user_data;

  ca_audit_autosave_save_finish (CA_AUDIT_AUTOSAVE (source), result, NULL);
  ca_database_run_async (export->database, read_report_job, export, NULL,
                         (GDestroyNotify) ca_audit_report_free, NULL, report_read_cb, export);
}

static Export *
export_new (GtkWidget       *parent,
            GtkWidget       *toast_widget,
            CaAuditAutosave *autosave,
            CaDatabase      *database,
            gint64           audit_id)
{
  Export *export;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (CA_IS_AUDIT_AUTOSAVE (autosave), NULL);
  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  export = g_new0 (Export, 1);
  export->parent = g_object_ref (parent);
  export->toast_widget = g_object_ref (toast_widget);
  export->autosave = g_object_ref (autosave);
  export->database = g_object_ref (database);
  export->audit_id = audit_id;
  return export;
}

/**
 * ca_audit_export_pdf_to_file:
 * @parent: the widget that asked (the editor)
 * @toast_widget: a widget inside the overlay that shows the answer
 * @autosave: the editor's autosave: what is unsaved is saved first
 * @database: the editor's database
 * @audit_id: the audit
 * @path: where to write the PDF, replacing a file there (the file chooser has asked)
 *
 * Writes the audit as a PDF, as the Export PDF… chooser's answer does, and says how it went
 * in a toast. Returns at once: the save, the read and the writing run on the worker.
 */
void
ca_audit_export_pdf_to_file (GtkWidget       *parent,
                             GtkWidget       *toast_widget,
                             CaAuditAutosave *autosave,
                             CaDatabase      *database,
                             gint64           audit_id,
                             const char      *path)
{
  Export *export = export_new (parent, toast_widget, autosave, database, audit_id);

  g_return_if_fail (export != NULL && path != NULL);
  export->path = g_strdup (path);
  ca_audit_autosave_save_async (autosave, saved_cb, export);
}

static void
export_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  Export          *export)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      export->path = file != NULL ? g_file_get_path (file) : NULL;
      if (export->path == NULL)
        ca_toast_show_text (export->toast_widget, _("The PDF could not be written."),
                            CA_TOAST_LONG);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  if (export->path != NULL)
    ca_audit_autosave_save_async (export->autosave, saved_cb, export);
  else
    export_free (export);
}

void
ca_audit_export_pdf (GtkWidget       *parent,
                     GtkWidget       *toast_widget,
                     CaAuditAutosave *autosave,
                     CaDatabase      *database,
                     gint64           audit_id,
                     const char      *case_ref,
                     const char      *audit_date)
{
  Export *export = export_new (parent, toast_widget, autosave, database, audit_id);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  g_return_if_fail (export != NULL);
  dialog = gtk_file_chooser_native_new (_("Export PDF"), get_window (parent),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: the suggested file name: "Audit CA-123456 2024-03-15.pdf" */
  name = g_strdup_printf (_("Audit %s %s.pdf"), case_ref, audit_date ? audit_date : "");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_chosen_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
ca_audit_export_print (GtkWidget       *parent,
                       GtkWidget       *toast_widget,
                       CaAuditAutosave *autosave,
                       CaDatabase      *database,
                       gint64           audit_id,
                       const char      *case_ref)
{
  Export *export = export_new (parent, toast_widget, autosave, database, audit_id);

  g_return_if_fail (export != NULL);
  /* Translators: the print job's name: "Audit CA-123456" */
  export->job_name = g_strdup_printf (_("Audit %s"), case_ref);
  ca_audit_autosave_save_async (autosave, saved_cb, export);
}
