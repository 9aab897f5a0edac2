// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences, Deadlines: the person's staff ID and the deadline numbers (R-F8), saved a moment after each change.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_DEADLINES_PAGE (ca_deadlines_page_get_type ())

G_DECLARE_FINAL_TYPE (CaDeadlinesPage, ca_deadlines_page, CA, DEADLINES_PAGE, AdwPreferencesPage)

void ca_deadlines_page_set_context (CaDeadlinesPage *self,
                                    CaContext        *context);

void  ca_deadlines_page_flush        (CaDeadlinesPage *self);
char *ca_deadlines_page_number_title (CaDeadlinesPage *self,
                                      const char      *name);
gboolean ca_deadlines_page_describe_choice (CaDeadlinesPage  *self,
                                            const char       *name,
                                            int               other,
                                            char            **field,
                                            char            **this_text,
                                            char            **other_text);
void  ca_deadlines_page_resolve      (CaDeadlinesPage *self,
                                      const char      *name,
                                      int              other,
                                      gboolean         keep_this);

G_END_DECLS
