// SPDX-License-Identifier: GPL-3.0-or-later
// One item of a combo row that the rules may make unavailable, shown with the reason.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CA_TYPE_CHOICE (ca_choice_get_type ())

G_DECLARE_FINAL_TYPE (CaChoice, ca_choice, CA, CHOICE, GObject)

CaChoice           *ca_choice_new                (const char *label);
const char         *ca_choice_get_label          (CaChoice   *self);
gboolean            ca_choice_get_available      (CaChoice   *self);
const char         *ca_choice_get_reason         (CaChoice   *self);
void                ca_choice_set_unavailable    (CaChoice   *self,
                                                  const char *reason);
void                ca_choice_set_available      (CaChoice   *self);

/* The item's label, for AdwComboRow's expression (what the closed row shows). */
GtkExpression      *ca_choice_label_expression   (void);
/* The popover's rows: the label, and under an unavailable item's label why it is not available. */
GtkListItemFactory *ca_choice_list_factory_new   (void);

G_END_DECLS
