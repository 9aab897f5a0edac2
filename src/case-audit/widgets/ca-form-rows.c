// SPDX-License-Identifier: GPL-3.0-or-later
// Rows the audit form's parts share: staff combos and date rows that say when a date is not real.
//
// Nothing here knows a store's records: a row takes plain values, and a rule comes in as a
// callback over the form's values, so that every form (the audit, its manager response, the
// moderation to come) builds its rows from here.

#define G_LOG_DOMAIN "ca-form-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-choice.h"
#include "ca-form-rows.h"
#include "ca-list-access.h"
#include "ca-toast.h"
#include "core/ca-date.h"

void
ca_form_rows_fill_staff_combo (AdwComboRow *row,
                               const char  *none_label,
                               GPtrArray   *owners,
                               gint64       selected_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, none_label);
  for (guint i = 0; owners != NULL && i < owners->len; i++)
    gtk_string_list_append (names, ((CaActionOwner *) g_ptr_array_index (owners, i))->name);
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  ca_form_rows_staff_combo_set_id (row, owners, selected_id);
}

GtkWidget *
ca_form_rows_new_combo_row (const char *title)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  ca_list_name_popup_rows (G_OBJECT (row));
  return row;
}

GtkWidget *
ca_form_rows_new_staff_combo (const char *title,
                              const char *none_label,
                              GPtrArray  *owners,
                              gint64      selected_id)
{
  GtkWidget *row = ca_form_rows_new_combo_row (title);

  ca_form_rows_fill_staff_combo (ADW_COMBO_ROW (row), none_label, owners, selected_id);
  return row;
}

gint64
ca_form_rows_staff_combo_get_id (AdwComboRow *row,
                                 GPtrArray   *owners)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == 0 || owners == NULL || selected > owners->len)
    return 0;
  return ((CaActionOwner *) g_ptr_array_index (owners, selected - 1))->id;
}

void
ca_form_rows_staff_combo_set_id (AdwComboRow *row,
                                 GPtrArray   *owners,
                                 gint64       id)
{
  guint selected = 0;

  for (guint i = 0; owners != NULL && i < owners->len; i++)
    if (((CaActionOwner *) g_ptr_array_index (owners, i))->id == id)
      selected = i + 1;
  adw_combo_row_set_selected (row, selected);
}

GtkWidget *
ca_form_rows_new_entry_row (const char *title,
                            const char *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  ca_list_name_entry_row (row);
  return row;
}

/* A form's widgets -------------------------------------------------------------------- */

/* A group titled TITLE, with DESCRIPTION (nullable) under it, both plain text. */
GtkWidget *
ca_form_rows_new_group (const char *title,
                        const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped_title);
  if (description != NULL && *description)
    {
      /* The description is markup; guidance is plain text with the odd "&". */
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);
    }
  return group;
}

/* A row that shows VALUE (a dash when there is none) under TITLE and cannot be changed. It
 * is no Tab stop: nothing can be done there, and a screen reader reads it as it reads the
 * rest of the page. */
GtkWidget *
ca_form_rows_new_property_row (const char *title,
                               const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value && *value ? value : "—");
  gtk_widget_add_css_class (row, "property");
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

void
ca_form_rows_add_property_row (GtkWidget  *group,
                               const char *title,
                               const char *value)
{
  ca_form_rows_add (group, ca_form_rows_new_property_row (title, value));
}

/* A heading inside GROUP, over the text box that follows it. */
GtkWidget *
ca_form_rows_add_heading (GtkWidget  *group,
                          const char *text)
{
  GtkWidget *heading = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  ca_form_rows_add (group, heading);
  return heading;
}

void
ca_form_rows_track (GtkWidget *group,
                    GPtrArray *made)
{
  g_object_set_data (G_OBJECT (group), "ca-form-rows-made", made);
}

void
ca_form_rows_add (GtkWidget *group,
                  GtkWidget *widget)
{
  GPtrArray *made = g_object_get_data (G_OBJECT (group), "ca-form-rows-made");

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), widget);
  if (made != NULL)
    g_ptr_array_add (made, g_object_ref (widget));
}

void
ca_form_rows_remove_made (GPtrArray *made)
{
  for (guint i = 0; i < made->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (made, i);
      GtkWidget *parent = gtk_widget_get_parent (widget);
      /* From the parent up: a row that is a group itself (the Stage 2 form's further
       * actions) would otherwise be its own ancestor, and be removed from itself. */
      GtkWidget *group = parent != NULL ? gtk_widget_get_ancestor (parent,
                                                                   ADW_TYPE_PREFERENCES_GROUP)
                                        : NULL;

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), widget);
    }
  g_ptr_array_set_size (made, 0);
}

/* Date rows keep what was typed; the draft gets a date only once it is real. */
gboolean
ca_form_rows_date_is_real (const char *text)
{
  GDate date;

  return text != NULL && ca_date_parse_typed (text, &date);
}

GtkWidget *
ca_form_rows_new_message (GtkWidget *control)
{
  GtkWidget *message = gtk_label_new (NULL);
  GtkWidget *holder;

  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_add_css_class (message, "audit-row-message");
  gtk_widget_set_visible (message, FALSE);
  g_object_set_data (G_OBJECT (control), "message", message);
  if (!GTK_IS_LIST_BOX_ROW (control))
    {
      gtk_widget_set_margin_top (message, 6);
      return message;
    }
  holder = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (holder), FALSE);
  gtk_widget_set_focusable (holder, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (holder), message);
  g_object_bind_property (message, "visible", holder, "visible", G_BINDING_SYNC_CREATE);
  return holder;
}

GtkWidget *
ca_form_rows_new_date_message (GtkWidget *date_row)
{
  return ca_form_rows_new_message (date_row);
}

/* Shows WHY (nullable: all is well) under ROW, a control given a message by
 * ca_form_rows_new_message(), and marks the control as in error while there is one. */
void
ca_form_rows_show_row_message (GtkWidget  *row,
                               const char *why)
{
  GtkWidget *message = g_object_get_data (G_OBJECT (row), "message");

  if (why != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  if (message != NULL)
    {
      gtk_label_set_text (GTK_LABEL (message), why ? why : "");
      gtk_widget_set_visible (message, why != NULL);
    }
}

/**
 * ca_form_rows_read_date:
 * @date_row: an entry row set up by ca_form_rows_set_up_date_row()
 * @iso: (out) (transfer full) (nullable): the date as the store keeps it, or %NULL when the
 *   row is empty
 *
 * Reads the date typed in @date_row (1/12/2026, 2026-12-01 or 1 Dec 2026), and shows under
 * it why not when it is not a real date.
 *
 * Returns: %FALSE when the text is not a date, so the draft keeps its last real one
 */
gboolean
ca_form_rows_read_date (GtkWidget  *date_row,
                        char      **iso)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (date_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *words = NULL;
  GDate date;

  *iso = NULL;
  if (ca_date_parse_typed (trimmed, &date))
    *iso = ca_date_format (&date);
  else if (*trimmed != '\0')
    words = g_strdup_printf (_("“%s” is not a real date: write it as 1/12/2026 or "
                               "2026-12-01."), text);
  ca_form_rows_show_row_message (date_row, words);
  return words == NULL;
}

static void
day_chosen_cb (GtkCalendar *calendar,
               GtkWidget   *date_row)
{
  g_autoptr(GDateTime) chosen = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (chosen, "%Y-%m-%d");
  g_autofree char *shown = ca_date_format_display (iso);

  gtk_editable_set_text (GTK_EDITABLE (date_row), shown);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (calendar),
                                                             GTK_TYPE_POPOVER)));
}

/* The calendar opens on the date in the row, or today. */
static void
picker_shown_cb (GtkWidget *popover,
                 GtkWidget *date_row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (GTK_POPOVER (popover)));
  GDate date;

  if (ca_date_parse_typed (gtk_editable_get_text (GTK_EDITABLE (date_row)), &date))
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (&date),
                                                        g_date_get_month (&date),
                                                        g_date_get_day (&date), 12, 0, 0);

      g_signal_handlers_block_by_func (calendar, day_chosen_cb, date_row);
      gtk_calendar_select_day (calendar, day);
      g_signal_handlers_unblock_by_func (calendar, day_chosen_cb, date_row);
    }
}

/**
 * ca_form_rows_tidy_date:
 * @date_row: a date row
 *
 * Shows the date typed in @date_row as the lists show dates ("2/12/2026" becomes
 * "2 Dec 2026"), once the person has left the row; text that is no date stays as typed,
 * with its message.
 */
void
ca_form_rows_tidy_date (GtkWidget *date_row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (date_row));
  g_autofree char *iso = NULL;
  g_autofree char *shown = NULL;
  GDate date;

  if (!ca_date_parse_typed (text, &date))
    return;
  iso = ca_date_format (&date);
  shown = ca_date_format_display (iso);
  if (!g_str_equal (shown, text))
    gtk_editable_set_text (GTK_EDITABLE (date_row), shown);
}

/**
 * ca_form_rows_set_up_date_row:
 * @date_row: an entry row
 * @iso: (nullable): the date it holds, as the store keeps it
 *
 * Shows @iso as the lists do ("1 Dec 2026"), takes the ways a person types a date (see
 * ca_form_rows_read_date()), and adds a button that opens a calendar to choose the day.
 */
void
ca_form_rows_set_up_date_row (GtkWidget  *date_row,
                              const char *iso)
{
  g_autofree char *shown = ca_date_format_display (iso);
  g_autofree char *button_label = g_strdup_printf (_("Choose a Date: %s"),
                                                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (date_row)));
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_text (GTK_EDITABLE (date_row), shown);
  gtk_widget_set_tooltip_text (date_row, _("For example 1/12/2026"));
  g_signal_connect_object (focus, "leave", G_CALLBACK (ca_form_rows_tidy_date), date_row,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (date_row, focus);

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (day_chosen_cb), date_row, 0);
  g_signal_connect_object (popover, "show", G_CALLBACK (picker_shown_cb), date_row, 0);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Typed dates need no second Tab stop (can-focus, not focusable: the menu button's own
   * button inside it would take the focus); a screen reader can still press it. */
  gtk_widget_set_can_focus (button, FALSE);
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  button_label, -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (date_row), button);
  g_object_set_data (G_OBJECT (date_row), "ca-date-button", button);
}

/**
 * ca_form_rows_date_button_takes_tab:
 * @date_row: a date row set up by ca_form_rows_set_up_date_row()
 *
 * Makes the calendar button of @date_row a Tab stop of its own, after the date's text. The
 * audit's form, with a date in every few rows, keeps one stop a date; a form with a single
 * date (the moderation's discussion) can afford the second, so that the keyboard reaches the
 * calendar as the pointer does. The button and the button inside it that takes the focus
 * are both named, so that a screen reader says what it opens.
 */
void
ca_form_rows_date_button_takes_tab (GtkWidget *date_row)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (date_row), "ca-date-button");
  g_autofree char *name = NULL;

  g_return_if_fail (GTK_IS_MENU_BUTTON (button));

  name = g_strdup_printf (_("Choose a Date: %s"),
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (date_row)));
  gtk_widget_set_can_focus (button, TRUE);
  ca_list_name_menu_button (button, name, NULL);
}

GtkWidget *
ca_form_rows_add_date_row (GtkWidget  *group,
                           const char *title,
                           const char *value)
{
  GtkWidget *row = ca_form_rows_new_entry_row (title, NULL);

  ca_form_rows_set_up_date_row (row, value);
  ca_form_rows_add (group, row);

  /* The message sits in the list right under its row. */
  ca_form_rows_add (group, ca_form_rows_new_message (row));
  return row;
}

GtkWidget *
ca_form_rows_add_row_in_list (GtkWidget *group,
                              GtkWidget *row)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 12);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  ca_form_rows_add (group, list);
  return list;
}

GtkWidget *
ca_form_rows_add_explanation (GtkWidget *group)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "audit-explanation");
  ca_form_rows_add (group, label);
  return label;
}

/* Far beyond any real pen picture or comment (about 15,000 words), and small enough that a
 * slip of the clipboard cannot make typing, autosave and the PDF crawl. */
#define MAX_TEXT_CHARS 100000

/* A paste that would take the box past MAX_TEXT_CHARS is refused whole, with a message under
 * the box, rather than cut somewhere the person cannot see. What was typed stays. */
static void
text_view_insert_cb (GtkTextBuffer *buffer,
                     GtkTextIter   *location,
                     const char    *text,
                     int            length,
                     GtkWidget     *message)
{
  glong adding = g_utf8_strlen (text, length);
  g_autofree char *why = NULL;

  if (gtk_text_buffer_get_char_count (buffer) + adding <= MAX_TEXT_CHARS)
    {
      gtk_widget_set_visible (message, FALSE);
      return;
    }
  g_signal_stop_emission_by_name (buffer, "insert-text");
  why = g_strdup_printf (_("This box holds up to %d characters, so the %ld characters just "
                           "added were left out. Everything typed before is kept."),
                         MAX_TEXT_CHARS, adding);
  gtk_label_set_text (GTK_LABEL (message), why);
  gtk_widget_set_visible (message, TRUE);
  gtk_widget_error_bell (message);
}

GtkWidget *
ca_form_rows_add_text_view (GtkWidget  *group,
                            const char *accessible_label,
                            const char *text)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *message;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 100);
  gtk_widget_add_css_class (view, "audit-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_widget_set_tooltip_text (view, accessible_label);
  /* Filled before the size limit is watched: what was saved is shown whole. */
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);

  gtk_widget_add_css_class (frame, "view");
  gtk_widget_add_css_class (frame, "card");
  gtk_frame_set_child (GTK_FRAME (frame), view);
  ca_form_rows_add (group, frame);
  message = ca_form_rows_add_explanation (group);
  gtk_widget_remove_css_class (message, "dim-label");
  gtk_widget_add_css_class (message, "error");
  gtk_widget_set_visible (message, FALSE);
  g_signal_connect (buffer, "insert-text", G_CALLBACK (text_view_insert_cb), message);
  return view;
}

void
ca_form_rows_set_explanation (GtkWidget  *label,
                              GtkWidget  *row,
                              const char *text,
                              gboolean    refused)
{
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_visible (label, text != NULL && *text);
  if (refused)
    {
      gtk_widget_add_css_class (label, "error");
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (row, "error");
    }
  else
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_remove_css_class (row, "error");
    }
}

char *
ca_form_rows_explain_grade (CaGrade     chosen,
                            gboolean    allowed,
                            const char *why_not,
                            CaGrade     best,
                            const char *best_reason)
{
  if (chosen != CA_GRADE_NONE && !allowed)
    /* Translators: "Good is not available. <why>" comes from the rules already */
    return g_strdup (why_not);
  if (best_reason != NULL)
    /* Translators: "Best grade available: Requires Improvement. <why>" */
    return g_strdup_printf (_("Best grade available: %s. %s"), ca_grade_get_label (best),
                            best_reason);
  return g_strdup (_("Every grade is available."));
}

/* An item the rules make unavailable cannot be chosen, by the pointer (its row is greyed)
 * or by the keyboard: the choice goes back to what it was, and a toast says why. Connected
 * before anyone else hears of the change, which is stopped. */
static void
choice_selected_cb (AdwComboRow *row,
                    GParamSpec  *pspec,
                    gpointer     unused)
{
  guint selected = adw_combo_row_get_selected (row);
  guint accepted = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "accepted"));
  g_autoptr(CaChoice) choice = NULL;
  g_autofree char *text = NULL;

  if (selected != GTK_INVALID_LIST_POSITION)
    choice = g_list_model_get_item (adw_combo_row_get_model (row), selected);
  if (choice == NULL || ca_choice_get_available (choice) || selected == accepted)
    {
      g_object_set_data (G_OBJECT (row), "accepted", GUINT_TO_POINTER (selected));
      return;
    }

  g_signal_stop_emission_by_name (row, "notify::selected");
  /* The rules' reason names the choice already ("Good is not available. …"). */
  if (ca_choice_get_reason (choice) != NULL && *ca_choice_get_reason (choice) != '\0')
    text = g_strdup (ca_choice_get_reason (choice));
  else
    /* Translators: "Outstanding is not available." */
    text = g_strdup_printf (_("%s is not available."), ca_choice_get_label (choice));
  ca_toast_show_text (GTK_WIDGET (row), text, CA_TOAST_SHORT);
  adw_combo_row_set_selected (row, accepted);
}

GtkWidget *
ca_form_rows_new_choice_row (const char *title,
                             GListStore *choices,
                             guint       selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkListItemFactory) factory = ca_choice_list_factory_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_expression (ADW_COMBO_ROW (row), ca_choice_label_expression ());
  adw_combo_row_set_list_factory (ADW_COMBO_ROW (row), factory);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data (G_OBJECT (row), "accepted", GUINT_TO_POINTER (selected));
  g_signal_connect (row, "notify::selected", G_CALLBACK (choice_selected_cb), NULL);
  return row;
}

void
ca_form_rows_append_choice (GListStore *choices,
                            const char *label)
{
  g_autoptr(CaChoice) choice = ca_choice_new (label);

  g_list_store_append (choices, choice);
}

/* "NONE_LABEL", then the grades best first, so an item's position is its CaGrade. */
GListStore *
ca_form_rows_new_grade_choices (const char *none_label)
{
  GListStore *choices = g_list_store_new (CA_TYPE_CHOICE);

  ca_form_rows_append_choice (choices, none_label);
  for (CaGrade grade = CA_GRADE_OUTSTANDING; grade <= CA_GRADE_INADEQUATE; grade++)
    ca_form_rows_append_choice (choices, ca_grade_get_label (grade));
  return choices;
}

/* Marks the items of ROW's CaChoice model that the rules do not allow: item I is grade or
 * category I, item 0 ("not graded") is always available. */
void
ca_form_rows_mark_choices (GtkWidget       *row,
                           CaChoiceAllowed  allowed,
                           gconstpointer    subject,
                           gconstpointer    values)
{
  GListModel *choices = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 1; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(CaChoice) choice = g_list_model_get_item (choices, i);
      g_autofree char *why_not = NULL;

      if (allowed (subject, values, i, &why_not))
        ca_choice_set_available (choice);
      else
        ca_choice_set_unavailable (choice, why_not ? why_not : "");
    }
}

void
ca_form_rows_set_read_only (GPtrArray *inputs,
                            gboolean   read_only)
{
  for (guint i = 0; i < inputs->len; i++)
    {
      GtkWidget *input = g_ptr_array_index (inputs, i);

      if (GTK_IS_TEXT_VIEW (input))
        {
          /* The cursor stays: a read-only text is still read, and moved through, by
           * keyboard. (Hiding it also aborted GTK 4.8: a text view left within the cursor's
           * blink time, ten seconds, keeps blinking after the focus leaves it, and
           * asserts at the next blink that its cursor is visible. The keyboard path
           * from the last text box to Submit met it.) */
          gtk_text_view_set_editable (GTK_TEXT_VIEW (input), !read_only);
        }
      else
        gtk_widget_set_sensitive (input, !read_only);
    }
}

const char *
ca_form_rows_find_path (GHashTable *targets,
                        GtkWidget  *widget)
{
  GHashTableIter iter;
  gpointer key, value;

  if (widget == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, targets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (widget == value || gtk_widget_is_ancestor (widget, value))
      return key;
  return NULL;
}

/* Answer toggles as one stop ------------------------------------------------------------ */

/* The toggle of BOX that Tab stops at: the one pressed, or else the first that can be. */
static void
update_tab_stop (GtkWidget *box)
{
  GtkWidget *stop = NULL;
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_sensitive (child) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child)))
      stop = child;
  for (child = gtk_widget_get_first_child (box); stop == NULL && child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_sensitive (child))
      stop = child;
  for (child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, child == stop);
}

static gboolean
answer_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkWidget             *box)
{
  GtkRoot *root = gtk_widget_get_root (box);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean rtl = gtk_widget_get_direction (box) == GTK_TEXT_DIR_RTL;
  gboolean forward;
  GtkWidget *next;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    forward = TRUE;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    forward = FALSE;
  else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    forward = !rtl;
  else if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    forward = rtl;
  else
    return FALSE;
  if (focus == NULL || gtk_widget_get_parent (focus) != box)
    return FALSE;

  next = focus;
  do
    next = forward ? gtk_widget_get_next_sibling (next) : gtk_widget_get_prev_sibling (next);
  while (next != NULL && !gtk_widget_get_sensitive (next));
  if (next == NULL)
    return TRUE;  /* at the end of the answers: stay */

  gtk_widget_set_focusable (next, TRUE);
  gtk_widget_grab_focus (next);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (next), TRUE);
  return TRUE;
}

/**
 * ca_form_rows_make_one_stop:
 * @box: a box of toggle buttons, the answers to one question
 *
 * Makes the answers one Tab stop, as a group of radio buttons is: Tab reaches the answer
 * chosen (or the first), and the arrow keys move to the next or previous answer and choose it.
 * A question then costs one Tab stop, not three (issue 12 item 2).
 */
void
ca_form_rows_make_one_stop (GtkWidget *box)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (answer_key_pressed_cb), box);
  gtk_widget_add_controller (box, keys);
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_signal_connect_object (child, "toggled", G_CALLBACK (update_tab_stop), box,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (child, "notify::sensitive", G_CALLBACK (update_tab_stop), box,
                               G_CONNECT_SWAPPED);
    }
  update_tab_stop (box);
}
