// SPDX-License-Identifier: GPL-3.0-or-later
// The audit editor's PDF export and printing (R-F10): what is unsaved is saved first, so the
// pages show what the person sees.
#pragma once

#include <adwaita.h>

#include "ca-audit-autosave.h"
#include "ca-database.h"

G_BEGIN_DECLS

/* Asks where to save the PDF, then writes it. Messages go to TOAST_WIDGET's toast overlay. */
void ca_audit_export_pdf   (GtkWidget       *parent,
                            GtkWidget       *toast_widget,
                            CaAuditAutosave *autosave,
                            CaDatabase      *database,
                            gint64           audit_id,
                            const char      *case_ref,
                            const char      *audit_date);
/* Writes the PDF to PATH: the chooser's answer (see ca-audit-export.c). */
void ca_audit_export_pdf_to_file (GtkWidget       *parent,
                                  GtkWidget       *toast_widget,
                                  CaAuditAutosave *autosave,
                                  CaDatabase      *database,
                                  gint64           audit_id,
                                  const char      *path);
/* Opens the print dialog for the audit's report. */
void ca_audit_export_print (GtkWidget       *parent,
                            GtkWidget       *toast_widget,
                            CaAuditAutosave *autosave,
                            CaDatabase      *database,
                            gint64           audit_id,
                            const char      *case_ref);

G_END_DECLS
