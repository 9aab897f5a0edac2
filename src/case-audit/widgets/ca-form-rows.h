// SPDX-License-Identifier: GPL-3.0-or-later
// Rows the audit form's parts share: staff combos, date rows that say when a date is not real,
// text boxes, and grade and category combos with the rules' explanation under them.
#pragma once

#include <adwaita.h>

#include "ca-audit-draft-store.h"

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
void        ca_form_rows_show_row_message       (GtkWidget  *row,
                                                 const char *why);
void       ca_form_rows_show_date_validity (GtkWidget   *date_row,
                                            const char  *text);

/* An entry row for a date, with its message right under it, added to GROUP. */
GtkWidget *ca_form_rows_add_date_row       (GtkWidget   *group,
                                            const char  *title,
                                            const char  *value);

/* A framed text view holding TEXT, added to GROUP; a paste past the size limit is refused. */
GtkWidget *ca_form_rows_add_text_view      (GtkWidget   *group,
                                            const char  *accessible_label,
                                            const char  *text);

/* A wrapped label under a row, saying why its choices are as they are. */
GtkWidget *ca_form_rows_add_explanation    (GtkWidget   *group);
void       ca_form_rows_set_explanation    (GtkWidget   *label,
                                            GtkWidget   *row,
                                            const char  *text,
                                            gboolean     refused);
char      *ca_form_rows_explain_grade      (CaGrade      chosen,
                                            gboolean     allowed,
                                            const char  *why_not,
                                            CaGrade      best,
                                            const char  *best_reason);

/* Combo rows over CaChoice items; the rules mark the items they do not allow. */
GtkWidget  *ca_form_rows_new_choice_row    (const char  *title,
                                            GListStore  *choices,
                                            guint        selected);
void        ca_form_rows_append_choice     (GListStore  *choices,
                                            const char  *label);
GListStore *ca_form_rows_new_grade_choices (const char  *none_label);

typedef gboolean (*CaChoiceAllowed) (gconstpointer       subject,
                                     const CaAuditDraft *draft,
                                     guint               item,
                                     char              **why_not);
void        ca_form_rows_mark_choices      (GtkWidget          *row,
                                            CaChoiceAllowed     allowed,
                                            gconstpointer       subject,
                                            const CaAuditDraft *draft);

/* Makes INPUTS (widgets) read-only or editable again: text views keep their text selectable. */
void        ca_form_rows_set_read_only     (GPtrArray          *inputs,
                                            gboolean            read_only);

/* In TARGETS (path → control), the path of the control that is or holds WIDGET; NULL. */
const char *ca_form_rows_find_path         (GHashTable         *targets,
                                            GtkWidget          *widget);

G_END_DECLS
