// SPDX-License-Identifier: GPL-3.0-or-later
// One month and strand of the programme, edited or added: focus, dates, questions, training.
#pragma once

#include <adwaita.h>

#include "ca-database.h"
#include "ca-programme-entry.h"

G_BEGIN_DECLS

#define CA_TYPE_PROGRAMME_ENTRY_DIALOG (ca_programme_entry_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CaProgrammeEntryDialog, ca_programme_entry_dialog, CA,
                      PROGRAMME_ENTRY_DIALOG, AdwWindow)

CaProgrammeEntryDialog *ca_programme_entry_dialog_new (GtkWindow          *parent,
                                                       CaDatabase         *database,
                                                       const char         *month,
                                                       CaProgrammeEntry   *entry,
                                                       const char * const *taken_strands);

G_END_DECLS
