// SPDX-License-Identifier: GPL-3.0-or-later
// The case page: everything recorded about one case file (R-B3).
#pragma once

#include <gtk/gtk.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_CASE_PAGE (ca_case_page_get_type ())

G_DECLARE_FINAL_TYPE (CaCasePage, ca_case_page, CA, CASE_PAGE, GtkWidget)

void ca_case_page_set_context (CaCasePage *self,
                               CaContext  *context);
void ca_case_page_load        (CaCasePage *self,
                               gint64      case_id);

G_END_DECLS
