// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a whole input file once, with a size limit checked while reading: regular files,
// pipes and FIFOs (never waited on for ever), and nothing else.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CA_INPUT_FILE_ERROR (ca_input_file_error_quark ())

typedef enum
{
  CA_INPUT_FILE_ERROR_NOT_FOUND,
  CA_INPUT_FILE_ERROR_NOT_A_FILE,   /* a folder, a device, a socket */
  CA_INPUT_FILE_ERROR_TOO_LARGE,
  CA_INPUT_FILE_ERROR_NO_WRITER,    /* a pipe or FIFO that nothing wrote to in time */
  CA_INPUT_FILE_ERROR_READ,
} CaInputFileError;

/* How long a pipe or FIFO may stay silent before it is given up on. */
#define CA_INPUT_FILE_WAIT_SECONDS 10

GQuark  ca_input_file_error_quark (void);

GBytes *ca_input_file_read        (GFile         *file,
                                   gsize          max_size,
                                   guint          wait_seconds,
                                   GCancellable  *cancellable,
                                   GError       **error);
void    ca_input_file_read_async  (GFile               *file,
                                   gsize                max_size,
                                   guint                wait_seconds,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
GBytes *ca_input_file_read_finish (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
