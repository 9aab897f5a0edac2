// SPDX-License-Identifier: GPL-3.0-or-later
// A completed audit as a council document on A4 pages (R-F10): a CaDocument, drawn with cairo
// and Pango into any cairo context: a PDF file, a GtkPrintOperation's pages, or an image.
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ca-audit-draft-store.h"
#include "ca-document.h"
#include "ca-output-file.h"
#include "core/ca-manager-response.h"

G_BEGIN_DECLS

/* A4 in points, the unit the report draws in. */
#define CA_AUDIT_REPORT_PAGE_WIDTH  CA_DOCUMENT_PAGE_WIDTH
#define CA_AUDIT_REPORT_PAGE_HEIGHT CA_DOCUMENT_PAGE_HEIGHT

typedef struct _CaAuditReport CaAuditReport;

/* Copies what it shows from FORM, which may be freed afterwards. STAFF_NAMES (nullable)
 * maps staff ids (gint64 *, hashed with g_int64_hash) to names, for the owners of the
 * actions; an owner it does not name is shown by number. */
CaAuditReport *ca_audit_report_new         (const CaAuditForm *form,
                                            GHashTable        *staff_names);
void           ca_audit_report_free        (CaAuditReport     *self);
/* Adds the manager's response (R-F9) after the audit, once it has been recorded; a
 * response not yet recorded adds nothing. STAFF_NAMES as for ca_audit_report_new(), for
 * the manager. */
void           ca_audit_report_add_response (CaAuditReport           *self,
                                             const CaManagerResponse *response,
                                             GHashTable              *staff_names);

/* Loads audit AUDIT_ID (ca_audit_draft_store_load()), its manager's response once recorded
 * and the names of the staff they mention: the report the window prints and the command
 * line exports. */
CaAuditReport *ca_audit_report_new_for_audit (CaDatabase      *database,
                                              gint64           audit_id,
                                              GError         **error);

/* The document the report is drawn as, owned by SELF. */
CaDocument    *ca_audit_report_get_document (CaAuditReport    *self);

/* Lays the report out with CR's fonts, once; later calls return the same count. CR's user
 * space must be in points with the page's top left corner at the origin (for a
 * GtkPrintOperation: unit points and full page). Nothing is drawn into CR. */
guint          ca_audit_report_get_n_pages (CaAuditReport     *self,
                                            cairo_t           *cr_for_measuring);

/* Draws page PAGE (counting from 0) into CR, in points from the page's top left corner.
 * Paginates with CR first if that has not been done. Does not show the page. */
void           ca_audit_report_draw_page   (CaAuditReport     *self,
                                            cairo_t           *cr,
                                            guint              page);

/* Writes the whole report to PATH as a PDF, readable by its owner only (mode 0600), whole
 * or not at all; an existing ordinary file is replaced only with CA_OUTPUT_FILE_REPLACE,
 * and a folder, device or FIFO never (see ca-output-file.h). */
gboolean       ca_audit_report_save_pdf_full (CaAuditReport      *self,
                                              const char         *path,
                                              CaOutputFileFlags   flags,
                                              GError            **error);
/* The same, replacing an ordinary file already at PATH: for a path chosen in a file
 * chooser, which has asked the person before. */
gboolean       ca_audit_report_save_pdf    (CaAuditReport     *self,
                                            const char        *path,
                                            GError           **error);

/* The same PDF as ca_audit_report_save_pdf() writes, in memory: for an e-mail's attachment. */
GBytes        *ca_audit_report_to_pdf_bytes (CaAuditReport    *self,
                                             GError          **error);

/* ca_audit_report_new() and ca_audit_report_save_pdf() in one. */
gboolean       ca_audit_report_write_pdf   (const CaAuditForm *form,
                                            GHashTable        *staff_names,
                                            const char        *path,
                                            GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAuditReport, ca_audit_report_free)

G_END_DECLS
