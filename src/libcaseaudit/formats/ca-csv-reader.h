// SPDX-License-Identifier: GPL-3.0-or-later
// A strict RFC 4180 reader: one record at a time from a stream or text in memory, UTF-8
// checked, lines counted.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CA_CSV_ERROR (ca_csv_error_quark ())

typedef enum
{
  CA_CSV_ERROR_EMPTY,
  CA_CSV_ERROR_TOO_LARGE,
  CA_CSV_ERROR_UNBALANCED_QUOTE,
  CA_CSV_ERROR_STRAY_QUOTE,
  CA_CSV_ERROR_INVALID_UTF8,
  CA_CSV_ERROR_READ,
} CaCsvError;

/* The most a CSV file may hold: ca_input_file_read() refuses more while reading it. */
#define CA_CSV_MAX_SIZE ((goffset) 100 * 1000 * 1000)

typedef struct _CaCsvReader CaCsvReader;

GQuark        ca_csv_error_quark          (void);

CaCsvReader  *ca_csv_reader_new           (GInputStream  *stream);
CaCsvReader  *ca_csv_reader_new_for_bytes (GBytes        *bytes);
void          ca_csv_reader_free          (CaCsvReader   *self);
void          ca_csv_reader_set_max_size  (CaCsvReader   *self,
                                           goffset        max_size);
char        **ca_csv_reader_read_record   (CaCsvReader   *self,
                                           GCancellable  *cancellable,
                                           GError       **error);
guint         ca_csv_reader_get_line      (CaCsvReader   *self);
goffset       ca_csv_reader_get_position  (CaCsvReader   *self);
goffset       ca_csv_reader_get_size      (CaCsvReader   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaCsvReader, ca_csv_reader_free)

G_END_DECLS
