// SPDX-License-Identifier: GPL-3.0-or-later
// Rows the audit form's parts share: staff combos, date rows that say when a date is not real,
// text boxes, and grade and category combos with the rules' explanation under them.
#pragma once

#include <adwaita.h>

#include "ca-action-owner.h"
#include "core/ca-grade.h"

G_BEGIN_DECLS

/* A combo row titled TITLE (plain text) whose list's rows a screen reader hears by name
 * (ca_list_name_popup_rows()): every combo row made in code starts here. */
GtkWidget *ca_form_rows_new_combo_row      (const char  *title);
/* A combo row of staff (CaActionOwner): NONE_LABEL first, then OWNERS (may be NULL). */
GtkWidget *ca_form_rows_new_staff_combo    (const char  *title,
                                            const char  *none_label,
                                            GPtrArray   *owners,
                                            gint64       selected_id);
/* Gives ROW (a combo row, perhaps from a template) the items of a staff combo. */
void       ca_form_rows_fill_staff_combo   (AdwComboRow *row,
                                            const char  *none_label,
                                            GPtrArray   *owners,
                                            gint64       selected_id);
/* The id of the staff member chosen in ROW, made by ca_form_rows_new_staff_combo(); 0: none. */
gint64     ca_form_rows_staff_combo_get_id (AdwComboRow *row,
                                            GPtrArray   *owners);
/* Chooses staff member ID (0: none) in ROW. */
void       ca_form_rows_staff_combo_set_id (AdwComboRow *row,
                                            GPtrArray   *owners,
                                            gint64       id);

/* An entry row titled TITLE holding VALUE (nullable), its title plain text, its focus heard by a
 * screen reader (ca_list_name_entry_row()). */
GtkWidget *ca_form_rows_new_entry_row      (const char  *title,
                                            const char  *value);

gboolean   ca_form_rows_date_is_real       (const char  *text);
/* A list row holding the (hidden) message for DATE_ROW, to be put right under it. */
GtkWidget *ca_form_rows_new_date_message   (GtkWidget   *date_row);
/* The (hidden) message for CONTROL, to be put right under it: in a list row when CONTROL is
 * a row, else a label. ca_form_rows_show_row_message() shows it. */
GtkWidget *ca_form_rows_new_message        (GtkWidget   *control);
/* Marks ROW as in error, and shows WHY (nullable: all is well) under it. */
void        ca_form_rows_show_row_message       (GtkWidget  *row,
                                                 const char *why);
void       ca_form_rows_set_up_date_row    (GtkWidget   *date_row,
                                            const char  *iso);
gboolean   ca_form_rows_read_date          (GtkWidget   *date_row,
                                            char       **iso);
void       ca_form_rows_tidy_date          (GtkWidget   *date_row);

/* An entry row for a date (see ca_form_rows_set_up_date_row()), with its message right
 * under it, added to GROUP. */
GtkWidget *ca_form_rows_add_date_row       (GtkWidget   *group,
                                            const char  *title,
                                            const char  *value);
/* The date row's calendar button as a Tab stop of its own (a form with a single date). */
void       ca_form_rows_date_button_takes_tab (GtkWidget *date_row);

/* A framed text view holding TEXT, added to GROUP; a paste past the size limit is refused. */
GtkWidget *ca_form_rows_add_text_view      (GtkWidget   *group,
                                            const char  *accessible_label,
                                            const char  *text);

/* ROW in a boxed list of its own, added to GROUP: a row that comes after text boxes, which a
 * group puts below its rows. Returns the list. */
GtkWidget *ca_form_rows_add_row_in_list    (GtkWidget   *group,
                                            GtkWidget   *row);

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

/* Whether item ITEM may be chosen for SUBJECT, given the form's VALUES (its model's data,
 * such as a CaAuditDraft); WHY_NOT says why not, for the person. */
typedef gboolean (*CaChoiceAllowed) (gconstpointer  subject,
                                     gconstpointer  values,
                                     guint          item,
                                     char         **why_not);
void        ca_form_rows_mark_choices      (GtkWidget          *row,
                                            CaChoiceAllowed     allowed,
                                            gconstpointer       subject,
                                            gconstpointer       values);

/* Makes INPUTS (widgets) read-only or editable again: text views keep their text selectable. */
void        ca_form_rows_set_read_only     (GPtrArray          *inputs,
                                            gboolean            read_only);

/* A group with a plain-text title and DESCRIPTION (nullable); a row showing VALUE (a dash
 * when NULL or empty) that cannot be changed and is no Tab stop, made or added to GROUP; a
 * heading over the text box that follows. */
GtkWidget  *ca_form_rows_new_group         (const char         *title,
                                            const char         *description);
GtkWidget  *ca_form_rows_new_property_row  (const char         *title,
                                            const char         *value);
void        ca_form_rows_add_property_row  (GtkWidget          *group,
                                            const char         *title,
                                            const char         *value);
GtkWidget  *ca_form_rows_add_heading       (GtkWidget          *group,
                                            const char         *text);

/* In TARGETS (path → control), the path of the control that is or holds WIDGET; NULL. */
const char *ca_form_rows_find_path         (GHashTable         *targets,
                                            GtkWidget          *widget);

/* A form built again for each record it shows (the manager response) hands MADE (of
 * GtkWidget, owning) here: every widget the ca_form_rows_add_*() functions, or
 * ca_form_rows_add(), then add to GROUP is kept in it, and ca_form_rows_remove_made() takes
 * them all out before the next build. */
void        ca_form_rows_track             (GtkWidget          *group,
                                            GPtrArray          *made);
void        ca_form_rows_add               (GtkWidget          *group,
                                            GtkWidget          *widget);
void        ca_form_rows_remove_made       (GPtrArray          *made);

/* The toggles of BOX (one question's answers) as one Tab stop, chosen with the arrow keys. */
void       ca_form_rows_make_one_stop      (GtkWidget   *box);

G_END_DECLS
