// SPDX-License-Identifier: GPL-3.0-or-later
// What the parts of the import share: layouts, object internals, the row being read.
#pragma once

#include "ca-import.h"
#include "ca-import-mapping-store.h"
#include "ca-import-store.h"

G_BEGIN_DECLS

/* The fields of a kind in a format, and the column name the format gives each. */
typedef struct
{
  const CaImportField *fields;
  const char * const  *columns;
  guint                n_fields;
} CaImportLayout;

/* What one value of a coded field stands for, as the user said. */
typedef struct
{
  char *field;
  char *value;
  char *key;    /* "field\x1f" and the value folded */
  char *code;
} CaImportValueEntry;

struct _CaImportMapping
{
  GObject         parent_instance;
  CaImportKind    kind;
  CaImportFormat  format;
  guint           n_columns;
  CaImportLayout  layout;
  int            *columns;
  GPtrArray      *values;  /* of CaImportValueEntry */
  gboolean        remember_values;
};

struct _CaImportPreview
{
  GObject           parent_instance;
  GBytes           *text;      /* the whole file, in UTF-8 */
  CaImportEncoding  encoding;
  char            **header;
  GPtrArray        *rows;
  GArray           *lines;
};

typedef struct
{
  guint  line;
  char  *message;
} CaImportRowError;

typedef struct
{
  CaImportUnmatched  unmatched;
  char              *field;
  char              *value;
} CaImportUnmatchedEntry;

struct _CaImportReport
{
  GObject           parent_instance;
  CaImportKind      kind;
  CaImportFormat    format;
  guint             n_rows;
  guint             n_inserted;
  guint             n_updated;
  guint             n_unchanged;  /* moderations recorded already as the file has them */
  GArray           *errors;     /* of CaImportRowError */
  CaImportEncoding  encoding;
  GPtrArray        *unmatched;  /* of CaImportUnmatchedEntry, in the order first met */
  GHashTable       *choices;    /* field → GPtrArray of CaImportChoice */
  GPtrArray        *notes;      /* NULL-terminated */
};

/* One row, read and checked: what will be written. */
typedef struct
{
  guint  line;
  char  *key;
  char  *name;
  char  *text[4];
  gint64 id[3];
  int    number;
  gboolean flag[2];
  CaImportCaseRow case_row;
  const CaImportTool *tool;
  GPtrArray *grades;  /* moderations: CaImportSectionGrade, the sections graded */
} CaImportRow;

/* A column of a moderation history that is no field but ends in "grade": a section's grade
 * ("assessment_grade", "Planning grade"), matched to the sections of each row's audit tool. */
typedef struct
{
  int   column;
  char *name;  /* as the header writes it */
  char *key;   /* folded, without the "grade" at its end */
} CaImportGradeColumn;

/* A run's state while it reads the file, one record at a time. */
typedef struct
{
  CaImportMapping  *mapping;
  CaImportLookup   *lookup;
  CaImportReport   *report;
  char            **record;
  guint             line;
  GHashTable       *seen;        /* key → first line */
  GHashTable       *given;       /* value key → code, from the mapping, checked */
  GHashTable       *remembered;  /* value key → CaImportRememberedValue, checked */
  GHashTable       *used;        /* the remembered values used (a set) */
  GHashTable       *unmatched;   /* value key → CaImportUnmatchedEntry, also in the report */
  GPtrArray        *grade_columns;  /* moderations: of CaImportGradeColumn, else NULL */
} CaImportReading;

/* ca-import-kinds.c */
gboolean     ca_import_get_layout        (CaImportKind          kind,
                                          CaImportFormat        format,
                                          CaImportLayout       *layout);
int          ca_import_layout_find_field (const CaImportLayout *layout,
                                          const char           *field);
int          ca_import_find_field_column (const char * const   *header,
                                          const CaImportField  *field);
int          ca_import_find_column       (const char * const   *header,
                                          const char           *name);
const char  *ca_import_kind_in_sentence  (CaImportKind          kind);
const char  *ca_import_field_title       (CaImportKind          kind,
                                          CaImportFormat        format,
                                          const char           *field);
char        *ca_import_field_in_sentence (CaImportKind          kind,
                                          CaImportFormat        format,
                                          const char           *field);

/* ca-import-mapping.c */
int          ca_import_mapping_find_field (CaImportMapping     *self,
                                           const char          *field);
char        *ca_import_value_key          (const char          *field,
                                           const char          *value);

/* ca-import-values.c */
const char  *ca_import_resolve_code       (CaImportReading     *reading,
                                           const char          *field,
                                           const char          *text);
gboolean     ca_import_check_given        (CaDatabase          *database,
                                           CaImportMapping     *mapping,
                                           CaImportLookup      *lookup,
                                           GHashTable          *given,
                                           GError             **error);
gboolean     ca_import_load_remembered    (CaDatabase          *database,
                                           CaImportMapping     *mapping,
                                           CaImportLookup      *lookup,
                                           GHashTable          *remembered,
                                           GError             **error);
gboolean     ca_import_remember_given     (CaDatabase          *database,
                                           CaImportMapping     *mapping,
                                           GHashTable          *given,
                                           GError             **error);

/* ca-import-report.c */
void         ca_import_report_add_note      (CaImportReport  *self,
                                             const char      *format,
                                             ...) G_GNUC_PRINTF (2, 3);
void         ca_import_report_add_row_error (CaImportReport  *self,
                                             guint            line,
                                             const char      *format,
                                             ...) G_GNUC_PRINTF (3, 4);
void         ca_import_report_sort_errors   (CaImportReport  *self);
char        *ca_import_join_choices         (GPtrArray       *choices);
gboolean     ca_import_report_add_choices   (CaImportReport  *self,
                                             CaDatabase      *database,
                                             GError         **error);
gboolean     ca_import_report_note_remembered (CaImportReport  *self,
                                               CaDatabase      *database,
                                               GHashTable      *used,
                                               GError         **error);
gboolean     ca_import_report_note_audit_copies (CaImportReport  *self,
                                                 CaDatabase      *database,
                                                 GError         **error);

/* ca-import-read.c */
void         ca_import_row_free           (gpointer             data);
GPtrArray   *ca_import_find_grade_columns (CaImportMapping     *mapping,
                                           const char * const  *header);
CaImportRow *ca_import_read_row           (CaImportReading     *reading);
void         ca_import_check_managers     (CaImportLookup      *lookup,
                                           GPtrArray           *rows,
                                           GHashTable          *seen,
                                           CaImportReport      *report);

G_END_DECLS
