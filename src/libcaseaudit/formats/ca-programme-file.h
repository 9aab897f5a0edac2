// SPDX-License-Identifier: GPL-3.0-or-later
// A programme file (data/programme-2021.json and the like): read and checked, not yet stored;
// and written, for a programme exported from the database.
#pragma once

#include <gio/gio.h>

#include "ca-programme-entry.h"
#include "ca-programme-event.h"
#include "ca-output-file.h"

G_BEGIN_DECLS

#define CA_PROGRAMME_FILE_ERROR (ca_programme_file_error_quark ())

typedef enum
{
  CA_PROGRAMME_FILE_ERROR_INVALID,    /* not JSON, or not a programme */
  CA_PROGRAMME_FILE_ERROR_TOO_NEW,    /* a later version of the format */
} CaProgrammeFileError;

/* The resource of the example programme that ships with Case Audit (R-C5). */
#define CA_PROGRAMME_EXAMPLE_RESOURCE "/io/github/caseaudit/CaseAudit/data/programme-2021.json"

typedef struct
{
  int        year;     /* 0 when the file covers no single year */
  char      *title;    /* (nullable) */
  GPtrArray *entries;  /* (element-type CaProgrammeEntry) */
  GPtrArray *events;   /* (element-type CaProgrammeEvent) */
} CaProgrammeFile;

GQuark           ca_programme_file_error_quark (void);
CaProgrammeFile *ca_programme_file_parse       (const char       *contents,
                                                gssize            length,
                                                GError          **error);
CaProgrammeFile *ca_programme_file_read        (const char       *path,
                                                GError          **error);
CaProgrammeFile *ca_programme_file_load_example (GError         **error);
char            *ca_programme_file_to_json     (const CaProgrammeFile  *file);
gboolean         ca_programme_file_write       (const CaProgrammeFile  *file,
                                                const char             *path,
                                                CaOutputFileFlags       flags,
                                                GError                **error);
void             ca_programme_file_free        (CaProgrammeFile  *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaProgrammeFile, ca_programme_file_free)

G_END_DECLS
