// SPDX-License-Identifier: GPL-3.0-or-later
// Prints a document (R-F10's audit report, R-I2's tracker): the same pages, drawn by the same
// code, as its PDF.
//
// The document is laid out for A4 in points from the page's top left corner, so the
// operation prints in points on the full page, turned as the document is (GTK turns the
// context of a landscape page so that its top left corner is the origin); the document keeps
// its own margins.

#define G_LOG_DOMAIN "ca-report-print-operation"

#include "config.h"

#include "ca-report-print-operation.h"

struct _CaReportPrintOperation
{
  GtkPrintOperation  parent_instance;

  CaAuditReport     *report;    /* (nullable) the document's owner, for an audit report */
  CaDocument        *document;
};

G_DEFINE_FINAL_TYPE (CaReportPrintOperation, ca_report_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
ca_report_print_operation_begin_print (GtkPrintOperation *operation,
                                       GtkPrintContext   *context)
{
  CaReportPrintOperation *self = CA_REPORT_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  gtk_print_operation_set_n_pages (operation,
                                   (int) ca_document_get_n_pages (self->document, cr));
}

static void
ca_report_print_operation_draw_page (GtkPrintOperation *operation,
                                     GtkPrintContext   *context,
                                     int                page_nr)
{
  CaReportPrintOperation *self = CA_REPORT_PRINT_OPERATION (operation);

  ca_document_draw_page (self->document, gtk_print_context_get_cairo_context (context),
                         (guint) page_nr);
}

static void
ca_report_print_operation_finalize (GObject *object)
{
  CaReportPrintOperation *self = (CaReportPrintOperation *) object;

  g_clear_object (&self->document);
  g_clear_pointer (&self->report, ca_audit_report_free);

  G_OBJECT_CLASS (ca_report_print_operation_parent_class)->finalize (object);
}

static void
ca_report_print_operation_class_init (CaReportPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = ca_report_print_operation_finalize;
  print_class->begin_print = ca_report_print_operation_begin_print;
  print_class->draw_page = ca_report_print_operation_draw_page;
}

static void
ca_report_print_operation_init (CaReportPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
}

GtkPrintOperation *
ca_report_print_operation_new_for_document (CaDocument *document,
                                            const char *job_name)
{
  CaReportPrintOperation *self;
  GtkPageSetup *setup;

  g_return_val_if_fail (CA_IS_DOCUMENT (document), NULL);

  self = g_object_new (CA_TYPE_REPORT_PRINT_OPERATION, "job-name", job_name, NULL);
  self->document = g_object_ref (document);
  setup = gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (self));
  gtk_page_setup_set_orientation (setup,
                                  ca_document_get_orientation (document) == CA_DOCUMENT_LANDSCAPE
                                    ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                    : GTK_PAGE_ORIENTATION_PORTRAIT);
  return GTK_PRINT_OPERATION (self);
}

GtkPrintOperation *
ca_report_print_operation_new (CaAuditReport *report,
                               const char    *job_name)
{
  GtkPrintOperation *operation;

  g_return_val_if_fail (report != NULL, NULL);

  operation = ca_report_print_operation_new_for_document (ca_audit_report_get_document (report),
                                                          job_name);
  CA_REPORT_PRINT_OPERATION (operation)->report = report;
  return operation;
}
