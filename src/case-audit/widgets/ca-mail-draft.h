// SPDX-License-Identifier: GPL-3.0-or-later
// An e-mail draft: handed to the person's mail program, with a toast that says what to do if
// none opens, or saved as an .eml file where the person chooses.
#pragma once

#include <gtk/gtk.h>

#include "ca-database.h"
#include "ca-mail-message.h"

G_BEGIN_DECLS

/* Builds the message about record ID on the worker's CONNECTION: reads nothing else, never a
 * widget. Returns the message, or NULL with ERROR set. */
typedef CaMailMessage *(*CaMailDraftBuildFunc) (CaDatabase  *connection,
                                                gint64       id,
                                                GError     **error);

void ca_mail_draft_open (GtkWindow            *window,
                         GtkWidget            *toast_widget,
                         const char           *mailto_uri,
                         const char           *instead);
void ca_mail_draft_save (GtkWidget            *owner,
                         GtkWidget            *toast_widget,
                         CaDatabase           *database,
                         const char           *suggested_name,
                         CaMailDraftBuildFunc  build,
                         gint64                id,
                         const char           *saved);

G_END_DECLS
