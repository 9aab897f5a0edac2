// SPDX-License-Identifier: GPL-3.0-or-later
// The audit editor's PDF export and printing (R-F10), drawn by the audit report's one code.

#define G_LOG_DOMAIN "ca-audit-export"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-audit-export.h"
#include "ca-database-worker.h"
#include "ca-audit-report.h"
#include "ca-report-print-operation.h"
#include "ca-toast.h"

/* What the file chooser's answer needs, held until it comes. */
typedef struct
{
  GtkWidget       *toast_widget;
  CaAuditAutosave *autosave;
  CaDatabase      *database;
  gint64           audit_id;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->toast_widget);
  g_object_unref (export->autosave);
  g_object_unref (export->database);
  g_free (export);
}

static GtkWindow *
get_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
export_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  Export          *export)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(CaAuditReport) report = NULL;

      ca_audit_autosave_flush (export->autosave);
      ca_database_wait_idle (export->database);
      report = ca_audit_report_new_for_audit (export->database, export->audit_id, &error);
      if (report == NULL || path == NULL ||
          !ca_audit_report_save_pdf (report, path, &error))
        ca_toast_show_text (export->toast_widget, error ? error->message : _("The PDF could not be written."), CA_TOAST_LONG);
      else
        ca_toast_show_text (export->toast_widget, _("PDF exported"), CA_TOAST_LONG);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
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
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  Export *export;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (CA_IS_DATABASE (database));

  dialog = gtk_file_chooser_native_new (_("Export PDF"), get_window (parent),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: the suggested file name: "Audit CA-123456 2024-03-15.pdf" */
  name = g_strdup_printf (_("Audit %s %s.pdf"), case_ref, audit_date ? audit_date : "");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  export = g_new0 (Export, 1);
  export->toast_widget = g_object_ref (toast_widget);
  export->autosave = g_object_ref (autosave);
  export->database = g_object_ref (database);
  export->audit_id = audit_id;
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
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *job_name = NULL;
  CaAuditReport *report;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (CA_IS_DATABASE (database));

  ca_audit_autosave_flush (autosave);
  ca_database_wait_idle (database);
  report = ca_audit_report_new_for_audit (database, audit_id, &error);
  if (report == NULL)
    {
      ca_toast_show_text (toast_widget, error->message, CA_TOAST_LONG);
      return;
    }
  /* Translators: the print job's name: "Audit CA-123456" */
  job_name = g_strdup_printf (_("Audit %s"), case_ref);
  operation = ca_report_print_operation_new (report, job_name);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               get_window (parent), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    ca_toast_show_text (toast_widget, error->message, CA_TOAST_LONG);
}
