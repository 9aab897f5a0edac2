// SPDX-License-Identifier: GPL-3.0-or-later
// Importing teams, staff, cases, audit history and moderation history from CSV files (R-A1,
// R-A2, R-B1, R-B2, R-H4):
// the kinds and formats, a column and value mapping, the file read once, and an
// all-or-nothing run.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "core/ca-import-rules.h"

G_BEGIN_DECLS

#define CA_IMPORT_ERROR (ca_import_error_quark ())

typedef enum
{
  CA_IMPORT_ERROR_MISSING_COLUMN,
  CA_IMPORT_ERROR_UNSUPPORTED,
  CA_IMPORT_ERROR_CANCELLED,
  CA_IMPORT_ERROR_FAILED,
  CA_IMPORT_ERROR_BAD_MAPPING,  /* a value mapping a kind cannot use, or to no code */
  CA_IMPORT_ERROR_BUSY,         /* another import (or copy) kept the database busy */
} CaImportError;

typedef enum
{
  CA_IMPORT_KIND_TEAMS,
  CA_IMPORT_KIND_STAFF,
  CA_IMPORT_KIND_CASES,
  CA_IMPORT_KIND_AUDITS,
  CA_IMPORT_KIND_MODERATIONS,  /* past moderations of audits already in the database */
} CaImportKind;

#define CA_IMPORT_N_KINDS 5

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

/* A code a value may be mapped to, as the import offers it. */
typedef struct
{
  char *code;
  char *label;
} CaImportChoice;

/* A value of a coded field that matched no code: the first way the file writes it, the line
 * it is first on, and how many rows have it (written any way that folds to the same). */
typedef struct
{
  const char *field;
  const char *value;
  guint       line;
  guint       n_rows;
} CaImportUnmatched;

/* Called on the thread-default main context of the caller of ca_import_run_async, with
 * fraction from 0 to 1 (reading then writing). */
typedef void (*CaImportProgressFunc) (double   fraction,
                                      gpointer user_data);

GQuark               ca_import_error_quark          (void);

void                 ca_import_choice_free          (CaImportChoice *choice);

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
void                 ca_import_mapping_prefer_columns (CaImportMapping     *self,
                                                       const char * const  *header,
                                                       GHashTable          *chosen);
void                 ca_import_mapping_set_column     (CaImportMapping     *self,
                                                       const char          *field,
                                                       int                  column);
/* FALSE with a plain message naming the first required field no column holds. */
gboolean             ca_import_mapping_check          (CaImportMapping     *self,
                                                       GError             **error);
/* What a value of a coded field stands for, for this run: "role:Chief Wizard=service-manager"
 * (the code is checked against the database when the import runs). */
gboolean             ca_import_mapping_add_value_text (CaImportMapping     *self,
                                                       const char          *text,
                                                       GError             **error);
void                 ca_import_mapping_set_value      (CaImportMapping     *self,
                                                       const char          *field,
                                                       const char          *value,
                                                       const char          *code);
const char          *ca_import_mapping_get_value      (CaImportMapping     *self,
                                                       const char          *field,
                                                       const char          *value);
guint                ca_import_mapping_get_n_values   (CaImportMapping     *self);
/* TRUE: a run that succeeds also remembers the values set here, for the next file of the
 * same kind (the window does; --map does not). */
void                 ca_import_mapping_set_remember_values (CaImportMapping *self,
                                                            gboolean         remember);

/* A file read once, whole (a pipe or FIFO cannot be read twice), decoded to UTF-8: its
 * header and first rows to show, and all of it for the run. */
#define CA_TYPE_IMPORT_PREVIEW (ca_import_preview_get_type ())
G_DECLARE_FINAL_TYPE (CaImportPreview, ca_import_preview, CA, IMPORT_PREVIEW, GObject)

CaImportPreview     *ca_import_preview_read          (GFile               *file,
                                                      guint                max_rows,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
CaImportPreview     *ca_import_preview_new           (GBytes              *contents,
                                                      guint                max_rows,
                                                      GError             **error);
void                 ca_import_preview_read_async    (CaDatabase          *database,
                                                      GFile               *file,
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
CaImportEncoding     ca_import_preview_get_encoding  (CaImportPreview     *self);

/* What a run did: rows inserted and updated (and, for moderations, found already recorded as
 * the file has them), or every bad row (then nothing was written).
 * Errors are sorted by line; a row may have several. */
#define CA_TYPE_IMPORT_REPORT (ca_import_report_get_type ())
G_DECLARE_FINAL_TYPE (CaImportReport, ca_import_report, CA, IMPORT_REPORT, GObject)

CaImportKind         ca_import_report_get_kind          (CaImportReport *self);
guint                ca_import_report_get_n_rows        (CaImportReport *self);
guint                ca_import_report_get_n_inserted    (CaImportReport *self);
guint                ca_import_report_get_n_updated     (CaImportReport *self);
guint                ca_import_report_get_n_unchanged   (CaImportReport *self);
gboolean             ca_import_report_get_succeeded     (CaImportReport *self);
guint                ca_import_report_get_n_errors      (CaImportReport *self);
guint                ca_import_report_get_n_bad_rows    (CaImportReport *self);
guint                ca_import_report_get_error_line    (CaImportReport *self,
                                                         guint           index);
const char          *ca_import_report_get_error_message (CaImportReport *self,
                                                         guint           index);
/* "Imported 12 teams (3 new, 9 updated)." or "3 rows have problems; nothing was imported." */
char                *ca_import_report_describe          (CaImportReport *self);
/* What else to tell the user, whether or not the run succeeded: the file read as
 * Windows-1252, remembered mappings used, audits stored twice by earlier versions. */
const char * const  *ca_import_report_get_notes         (CaImportReport *self);
CaImportEncoding     ca_import_report_get_encoding      (CaImportReport *self);
/* The values that matched no code (each also a row error), and what each could be. */
guint                ca_import_report_get_n_unmatched   (CaImportReport *self);
const CaImportUnmatched *ca_import_report_get_unmatched (CaImportReport *self,
                                                         guint           index);
char                *ca_import_report_describe_unmatched (CaImportReport *self,
                                                          guint           index);
GPtrArray           *ca_import_report_get_choices       (CaImportReport *self,
                                                         const char     *field);

/* The run checks every row of the file read and writes them all, in one write transaction
 * taken first, so that what is new and what is an update is decided against the database
 * as it is while nobody else can change it; a file with a bad row returns a report listing
 * each (and writes nothing). GError only for what stops the run: a malformed file, a
 * missing column, a mapping to no code, cancelling, the database (CA_IMPORT_ERROR_BUSY when
 * another import held it too long). The async run is a job on the database's worker, in
 * turn with its store calls. */
CaImportReport      *ca_import_run                      (CaDatabase           *database,
                                                         CaImportMapping      *mapping,
                                                         CaImportPreview      *preview,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
void                 ca_import_run_async                (CaDatabase           *database,
                                                         CaImportMapping      *mapping,
                                                         CaImportPreview      *preview,
                                                         GCancellable         *cancellable,
                                                         CaImportProgressFunc  progress,
                                                         gpointer              progress_data,
                                                         GDestroyNotify        progress_notify,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CaImportReport      *ca_import_run_finish               (GAsyncResult         *result,
                                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaImportChoice, ca_import_choice_free)

G_END_DECLS
