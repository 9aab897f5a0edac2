// SPDX-License-Identifier: GPL-3.0-or-later
// Importing teams, staff, cases and audit history from CSV files (R-A1, R-A2, R-B1, R-B2):
// the kinds and formats, a column mapping, a preview, and an all-or-nothing run.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"

G_BEGIN_DECLS

#define CA_IMPORT_ERROR (ca_import_error_quark ())

typedef enum
{
  CA_IMPORT_ERROR_MISSING_COLUMN,
  CA_IMPORT_ERROR_UNSUPPORTED,
  CA_IMPORT_ERROR_CANCELLED,
  CA_IMPORT_ERROR_FAILED,
} CaImportError;

typedef enum
{
  CA_IMPORT_KIND_TEAMS,
  CA_IMPORT_KIND_STAFF,
  CA_IMPORT_KIND_CASES,
  CA_IMPORT_KIND_AUDITS,
} CaImportKind;

#define CA_IMPORT_N_KINDS 4

/* CANONICAL is the app's own header for each kind; the others are published extracts and
 * only describe cases (see ca_import_format_supports_kind). */
typedef enum
{
  CA_IMPORT_FORMAT_CANONICAL,
  CA_IMPORT_FORMAT_ANNEX_A_6,
  CA_IMPORT_FORMAT_ANNEX_A_7,
  CA_IMPORT_FORMAT_ANNEX_A_8,
  CA_IMPORT_FORMAT_SSDA903_HEADER,
} CaImportFormat;

#define CA_IMPORT_N_FORMATS 5

/* One thing a row of a kind can say. name is the canonical column name; label is
 * untranslated (N_), use ca_import_field_get_label. */
typedef struct
{
  const char *name;
  const char *label;
  gboolean    required;
} CaImportField;

/* Called on the thread-default main context of the caller of ca_import_run_async, with
 * fraction from 0 to 1 (reading then writing). */
typedef void (*CaImportProgressFunc) (double   fraction,
                                      gpointer user_data);

GQuark               ca_import_error_quark          (void);

const char          *ca_import_kind_to_string       (CaImportKind    kind);
gboolean             ca_import_kind_from_string     (const char     *text,
                                                     CaImportKind   *kind);
const char          *ca_import_kind_get_label       (CaImportKind    kind);

const char          *ca_import_format_to_string     (CaImportFormat  format);
gboolean             ca_import_format_from_string   (const char     *text,
                                                     CaImportFormat *format);
const char          *ca_import_format_get_label     (CaImportFormat  format);
gboolean             ca_import_format_supports_kind (CaImportFormat  format,
                                                     CaImportKind    kind);
CaImportFormat       ca_import_format_detect        (CaImportKind         kind,
                                                     const char * const  *header);

/* The fields of a kind as read in a format (a preset reads fewer, or fixes some). */
const CaImportField *ca_import_get_fields           (CaImportKind    kind,
                                                     CaImportFormat  format,
                                                     guint          *n_fields);
const char          *ca_import_field_get_label      (const CaImportField *field);
/* The column name the format expects for a field, or NULL when the format has none. */
const char          *ca_import_get_column_name      (CaImportKind    kind,
                                                     CaImportFormat  format,
                                                     const char     *field);

/* Which column of the file holds each field: -1 when none does. */
#define CA_TYPE_IMPORT_MAPPING (ca_import_mapping_get_type ())
G_DECLARE_FINAL_TYPE (CaImportMapping, ca_import_mapping, CA, IMPORT_MAPPING, GObject)

CaImportMapping     *ca_import_mapping_new            (CaImportKind         kind,
                                                       CaImportFormat       format,
                                                       guint                n_columns);
CaImportMapping     *ca_import_mapping_new_from_header (CaImportKind        kind,
                                                       CaImportFormat       format,
                                                       const char * const  *header);
CaImportKind         ca_import_mapping_get_kind       (CaImportMapping     *self);
CaImportFormat       ca_import_mapping_get_format     (CaImportMapping     *self);
guint                ca_import_mapping_get_n_columns  (CaImportMapping     *self);
int                  ca_import_mapping_get_column     (CaImportMapping     *self,
                                                       const char          *field);
void                 ca_import_mapping_set_column     (CaImportMapping     *self,
                                                       const char          *field,
                                                       int                  column);
/* FALSE with a plain message naming the first required field no column holds. */
gboolean             ca_import_mapping_check          (CaImportMapping     *self,
                                                       GError             **error);

/* The header and first rows of a file, read without touching the database. */
#define CA_TYPE_IMPORT_PREVIEW (ca_import_preview_get_type ())
G_DECLARE_FINAL_TYPE (CaImportPreview, ca_import_preview, CA, IMPORT_PREVIEW, GObject)

CaImportPreview     *ca_import_preview_read          (GFile               *file,
                                                      guint                max_rows,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
void                 ca_import_preview_read_async    (GFile               *file,
                                                      guint                max_rows,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
CaImportPreview     *ca_import_preview_read_finish   (GAsyncResult        *result,
                                                      GError             **error);
const char * const  *ca_import_preview_get_header    (CaImportPreview     *self);
guint                ca_import_preview_get_n_rows    (CaImportPreview     *self);
const char * const  *ca_import_preview_get_row       (CaImportPreview     *self,
                                                      guint                index);
guint                ca_import_preview_get_row_line  (CaImportPreview     *self,
                                                      guint                index);

/* What a run did: rows inserted and updated, or every bad row (then nothing was written).
 * Errors are sorted by line; a row may have several. */
#define CA_TYPE_IMPORT_REPORT (ca_import_report_get_type ())
G_DECLARE_FINAL_TYPE (CaImportReport, ca_import_report, CA, IMPORT_REPORT, GObject)

CaImportKind         ca_import_report_get_kind          (CaImportReport *self);
guint                ca_import_report_get_n_rows        (CaImportReport *self);
guint                ca_import_report_get_n_inserted    (CaImportReport *self);
guint                ca_import_report_get_n_updated     (CaImportReport *self);
gboolean             ca_import_report_get_succeeded     (CaImportReport *self);
guint                ca_import_report_get_n_errors      (CaImportReport *self);
guint                ca_import_report_get_n_bad_rows    (CaImportReport *self);
guint                ca_import_report_get_error_line    (CaImportReport *self,
                                                         guint           index);
const char          *ca_import_report_get_error_message (CaImportReport *self,
                                                         guint           index);
/* "Imported 12 teams (3 new, 9 updated)." or "3 rows have problems; nothing was imported." */
char                *ca_import_report_describe          (CaImportReport *self);

/* The run reads the whole file and checks every row before writing any; a file with a bad
 * row returns a report listing each (and writes nothing). GError only for what stops the
 * run: an unreadable or malformed file, a missing column, cancelling, the database. The
 * async run uses its own connection on a worker thread. */
CaImportReport      *ca_import_run                      (CaDatabase           *database,
                                                         CaImportMapping      *mapping,
                                                         GFile                *file,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
void                 ca_import_run_async                (CaDatabase           *database,
                                                         CaImportMapping      *mapping,
                                                         GFile                *file,
                                                         GCancellable         *cancellable,
                                                         CaImportProgressFunc  progress,
                                                         gpointer              progress_data,
                                                         GDestroyNotify        progress_notify,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CaImportReport      *ca_import_run_finish               (GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
