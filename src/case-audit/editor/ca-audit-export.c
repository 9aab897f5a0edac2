// SPDX-License-Identifier: GPL-3.0-or-later
// The audit editor's PDF export and printing (R-F10), drawn by the audit report's one code.
//
// What is unsaved is saved first; then the document export every view uses
// (widgets/ca-document-export.c) reads the report on the database's worker (and draws and
// writes a PDF there too), so that a database another program holds locked, or a slow disk,
// never freezes the window: it only delays the toast or the print dialog.

#define G_LOG_DOMAIN "ca-audit-export"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-audit-export.h"
#include "ca-audit-report.h"
#include "ca-document-export.h"

/* One export or print, from the editor's action until what is unsaved has been saved. */
typedef struct
{
  CaAuditAutosave  *autosave;
  CaDocumentExport *document;  /* started once saved */
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->autosave);
  g_clear_pointer (&export->document, ca_document_export_free);
  g_free (export);
}

/* On the worker: the report as stored now. DATA is the audit's id. */
static CaDocument *
build_report (CaDatabase  *connection,
              gpointer     data,
              GError     **error)
{
  g_autoptr(CaAuditReport) report = ca_audit_report_new_for_audit (connection,
                                                                   *(gint64 *) data, error);

  return report != NULL ? g_object_ref (ca_audit_report_get_document (report)) : NULL;
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
  ca_document_export_run (g_steal_pointer (&export->document));
  export_free (export);
}

/* PATH for a PDF written there, or NULL with JOB_NAME for printing; neither when the chooser
 * has still to say where. */
static Export *
export_new (GtkWidget       *parent,
            GtkWidget       *toast_widget,
            CaAuditAutosave *autosave,
            CaDatabase      *database,
            gint64           audit_id,
            const char      *path,
            const char      *job_name)
{
  Export *export;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (CA_IS_AUDIT_AUTOSAVE (autosave), NULL);
  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  export = g_new0 (Export, 1);
  export->autosave = g_object_ref (autosave);
  export->document = ca_document_export_new (parent, toast_widget, database, path, job_name,
                                             build_report,
                                             g_memdup2 (&audit_id, sizeof audit_id), g_free);
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
 * Writes the audit as a PDF, as the Export as PDF… chooser's answer does, and says how it went
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
  Export *export;

  g_return_if_fail (path != NULL);
  export = export_new (parent, toast_widget, autosave, database, audit_id, path, NULL);
  g_return_if_fail (export != NULL);
  ca_audit_autosave_save_async (autosave, saved_cb, export);
}

static void
export_chosen (const char *path,
               gpointer    data)
{
  Export *export = data;

  ca_document_export_set_path (export->document, path);
  ca_audit_autosave_save_async (export->autosave, saved_cb, export);
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
  Export *export = export_new (parent, toast_widget, autosave, database, audit_id, NULL,
                               NULL);
  g_autofree char *name = NULL;

  g_return_if_fail (export != NULL);
  /* Translators: the suggested file name: "Audit CA-123456 2024-03-15.pdf" */
  name = g_strdup_printf (_("Audit %s %s.pdf"), case_ref, audit_date ? audit_date : "");
  ca_document_export_choose_pdf (parent, toast_widget, _("Export as PDF"), name, export_chosen,
                                 export, (GDestroyNotify) export_free);
}

void
ca_audit_export_print (GtkWidget       *parent,
                       GtkWidget       *toast_widget,
                       CaAuditAutosave *autosave,
                       CaDatabase      *database,
                       gint64           audit_id,
                       const char      *case_ref)
{
  /* Translators: the print job's name: "Audit CA-123456" */
  g_autofree char *job_name = g_strdup_printf (_("Audit %s"), case_ref);
  Export *export = export_new (parent, toast_widget, autosave, database, audit_id, NULL,
                               job_name);

  g_return_if_fail (export != NULL);
  ca_audit_autosave_save_async (autosave, saved_cb, export);
}
