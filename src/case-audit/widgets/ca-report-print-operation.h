// SPDX-License-Identifier: GPL-3.0-or-later
// Prints a document (an audit report, the tracker): the same pages, drawn by the same code,
// as its PDF.
#pragma once

#include <gtk/gtk.h>

#include "ca-audit-report.h"
#include "ca-document.h"

G_BEGIN_DECLS

#define CA_TYPE_REPORT_PRINT_OPERATION (ca_report_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (CaReportPrintOperation, ca_report_print_operation,
                      CA, REPORT_PRINT_OPERATION, GtkPrintOperation)

/* Takes REPORT. JOB_NAME is what the print queue shows. */
GtkPrintOperation *ca_report_print_operation_new (CaAuditReport *report,
                                                  const char    *job_name);
/* Takes a reference to DOCUMENT, printed on A4 turned as the document is (portrait or
 * landscape). */
GtkPrintOperation *ca_report_print_operation_new_for_document (CaDocument *document,
                                                               const char *job_name);

G_END_DECLS
