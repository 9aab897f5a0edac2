// SPDX-License-Identifier: GPL-3.0-or-later
// Writes an output file whole or not at all, private to its owner, never over something that
// is not an ordinary file, and over an existing file only when asked to.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CA_OUTPUT_FILE_ERROR (ca_output_file_error_quark ())

typedef enum
{
  CA_OUTPUT_FILE_ERROR_EXISTS,        /* a file is there and it was not to be replaced */
  CA_OUTPUT_FILE_ERROR_NOT_REGULAR,   /* a folder, device, FIFO, socket or link is there */
} CaOutputFileError;
/* What the system refused (no such folder, no permission, a full disk) is a G_FILE_ERROR. */

typedef enum
{
  CA_OUTPUT_FILE_NEW_ONLY = 0,        /* refuse a path where something already is */
  CA_OUTPUT_FILE_REPLACE  = 1 << 0,   /* an ordinary file there may be replaced: --force, or
                                       * the person agreed in a file chooser */
} CaOutputFileFlags;

/* The mode of what Case Audit writes about children: its owner's only. */
#define CA_OUTPUT_FILE_PRIVATE 0600

typedef struct _CaOutputFile CaOutputFile;

GQuark        ca_output_file_error_quark   (void);

/* Whether PATH may be written with FLAGS: nothing is there, or (with REPLACE) an ordinary
 * file. Writes nothing. */
gboolean      ca_output_file_check         (const char         *path,
                                            CaOutputFileFlags   flags,
                                            GError            **error);

/* Checks PATH and opens a temporary file beside it (same folder, so the final rename is
 * atomic) with MODE. Nothing appears at PATH until ca_output_file_commit(). */
CaOutputFile *ca_output_file_begin         (const char         *path,
                                            CaOutputFileFlags   flags,
                                            int                 mode,
                                            GError            **error);
/* The temporary file's descriptor, for a writer that streams (the PDF renderer). */
int           ca_output_file_get_fd        (CaOutputFile       *self);
gboolean      ca_output_file_write         (CaOutputFile       *self,
                                            const void         *data,
                                            gsize               size,
                                            GError            **error);
/* Records a write error the caller met on the descriptor; commit then fails with it. */
void          ca_output_file_set_errno     (CaOutputFile       *self,
                                            int                 saved_errno);
/* Flushes the file to disk and puts it at PATH (over an ordinary file only with REPLACE,
 * and never over anything that appeared there meanwhile without it). On failure the
 * temporary file is removed and PATH is as it was. */
gboolean      ca_output_file_commit        (CaOutputFile       *self,
                                            GError            **error);
/* Frees SELF; a file not committed is removed, leaving nothing behind. */
void          ca_output_file_free          (CaOutputFile       *self);

/* ca_output_file_begin(), one write and commit. */
gboolean      ca_output_file_set_contents  (const char         *path,
                                            const void         *data,
                                            gssize              size,
                                            CaOutputFileFlags   flags,
                                            int                 mode,
                                            GError            **error);

/* Renames FROM (a file or a folder) to TO in the same file system, never over anything
 * already at TO: then a CA_OUTPUT_FILE_ERROR_EXISTS error. */
gboolean      ca_output_file_move          (const char         *from,
                                            const char         *to,
                                            GError            **error);

/* Flushes a folder's list of names to disk, so that a file just renamed into it stays there
 * after a power cut. Best effort: a file system that cannot is not an error. */
void          ca_output_file_sync_folder   (const char         *folder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaOutputFile, ca_output_file_free)

G_END_DECLS
