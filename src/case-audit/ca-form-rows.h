// SPDX-License-Identifier: GPL-3.0-or-later
// Rows the audit form's parts share: staff combos and date rows that say when a date is not real.
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A combo row of staff (CaActionOwner): NONE_LABEL first, then OWNERS (may be NULL). */
GtkWidget *ca_form_rows_new_staff_combo    (const char  *title,
                                            const char  *none_label,
                                            GPtrArray   *owners,
                                            gint64       selected_id);
/* The id of the staff member chosen in ROW, made by ca_form_rows_new_staff_combo(); 0: none. */
gint64     ca_form_rows_staff_combo_get_id (AdwComboRow *row,
                                            GPtrArray   *owners);

gboolean   ca_form_rows_date_is_real       (const char  *text);
/* A list row holding the (hidden) message for DATE_ROW, to be put right under it. */
GtkWidget *ca_form_rows_new_date_message   (GtkWidget   *date_row);
/* Marks DATE_ROW as in error, and shows its message, when TEXT is not a real date. */
void       ca_form_rows_show_date_validity (GtkWidget   *date_row,
                                            const char  *text);

G_END_DECLS
