// SPDX-License-Identifier: GPL-3.0-or-later
// What GTK 4.8 and libadwaita 1.2 tell a keyboard and a screen reader wrongly, mended: Tab
// leaves a list, list rows and drop-down rows have names, a drop-down's or a menu button's
// inner button says what it is, buttons are named once, an entry row's focus is heard; and
// a list's columns widen with large text.
//
// A GtkListView or GtkColumnView of GTK 4.8 takes Tab to the next row (gtk_list_base_focus()),
// so a keyboard user inside a list of 36,000 audits could not leave it; GTK 4.12 added
// "tab-behavior" for this. Here Tab goes to the first control after the list and Shift+Tab
// to the last one before it, in the order GTK itself would take; the arrow keys still move
// between rows, and Tab into the list still lands on the row last focused.

#define G_LOG_DOMAIN "ca-list-access"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-list-access.h"

/* Focuses the first control after @widget (or before it, going backward) among its
 * ancestors' other children, or, past the end of the window, the first (or last) control
 * in it, as Tab wraps round. */
static gboolean
focus_past (GtkWidget        *widget,
            GtkDirectionType  direction)
{
  gboolean forward = direction == GTK_DIR_TAB_FORWARD;
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));

  for (GtkWidget *from = widget; from != NULL && from != root; from = gtk_widget_get_parent (from))
    for (GtkWidget *other = forward ? gtk_widget_get_next_sibling (from)
                                    : gtk_widget_get_prev_sibling (from);
         other != NULL;
         other = forward ? gtk_widget_get_next_sibling (other)
                         : gtk_widget_get_prev_sibling (other))
      if (gtk_widget_get_mapped (other) && gtk_widget_child_focus (other, direction))
        return TRUE;

  if (root == NULL)
    return FALSE;
  gtk_root_set_focus (GTK_ROOT (root), NULL);
  return gtk_widget_child_focus (root, direction);
}

/* The row of LIST that holds the focus, or NULL: the focus's ancestor that the list's own
 * view (a column view's inner list view) holds. */
static GtkWidget *
focused_row (GtkWidget *list)
{
  GtkRoot *root = gtk_widget_get_root (list);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *row = focus; row != NULL && row != list; row = gtk_widget_get_parent (row))
    {
      GtkWidget *parent = gtk_widget_get_parent (row);

      if (GTK_IS_LIST_VIEW (parent) && (parent == list || gtk_widget_is_ancestor (parent, list)))
        return row;
    }
  return NULL;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkWidget             *list)
{
  GtkDirectionType direction;
  GtkWidget *row;
  gboolean backward;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return GDK_EVENT_PROPAGATE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;
  direction = backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  /* A row's own controls come first (the quota table's number), then what follows the list. */
  row = focused_row (list);
  if (row != NULL && gtk_widget_child_focus (row, direction))
    return GDK_EVENT_STOP;
  focus_past (list, direction);
  return GDK_EVENT_STOP;
}

/**
 * ca_list_tab_leaves:
 * @list: a GtkListView or GtkColumnView
 *
 * Makes Tab and Shift+Tab inside @list go to the controls after and before it, rather than
 * to the next or previous row (or to the same control in every row below): from a row, Tab
 * goes through the row's own controls and then out of the list.
 */
void
ca_list_tab_leaves (GtkWidget *list)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_return_if_fail (GTK_IS_WIDGET (list));

  /* Before the rows see the key. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), list);
  gtk_widget_add_controller (list, keys);
}

/**
 * ca_list_name_row:
 * @row_child: the widget a list's factory set as a row's child
 * @name: what the row shows, as a screen reader should say it
 *
 * Names the row that holds @row_child. The row (GTK's list item widget) is what takes the
 * focus and what a screen reader reads, and GTK 4.8 gives it no name of its own, so Orca
 * said "GtkListItemWidget" for every row.
 */
void
ca_list_name_row (GtkWidget  *row_child,
                  const char *name)
{
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (row_child));

  row = gtk_widget_get_parent (row_child);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
}

/**
 * ca_list_name_table_row:
 * @cell_child: the widget a column's factory set as a cell's child
 * @name: all the row shows, as a screen reader should say it
 *
 * Names the row of a GtkColumnView that holds @cell_child: in GTK 4.8 a column view's row is
 * the cell's parent, and only the row takes the focus.
 */
void
ca_list_name_table_row (GtkWidget  *cell_child,
                        const char *name)
{
  GtkWidget *cell;

  g_return_if_fail (GTK_IS_WIDGET (cell_child));

  cell = gtk_widget_get_parent (cell_child);
  if (cell != NULL)
    ca_list_name_row (cell, name);
}

/* A drop-down list's rows -------------------------------------------------------------- */

/* What OWNER (a GtkDropDown or an AdwComboRow) shows for ITEM: by its expression, or the
 * string itself in a list of strings. */
static char *
popup_item_text (GObject  *owner,
                 gpointer  item)
{
  g_autoptr(GtkExpression) expression = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_object_get (owner, "expression", &expression, NULL);
  if (expression != NULL && gtk_expression_evaluate (expression, item, &value) &&
      G_VALUE_HOLDS_STRING (&value))
    return g_value_dup_string (&value);
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  return NULL;
}

static void
popup_row_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

/* The check mark beside the row that is chosen, as GTK's own rows have it. */
static void
popup_row_chosen_cb (GObject     *owner,
                     GParamSpec  *pspec,
                     GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));
  GObject *chosen = NULL;

  g_object_get (owner, "selected-item", &chosen, NULL);
  gtk_widget_set_opacity (check, chosen != NULL && chosen == gtk_list_item_get_item (item));
  g_clear_object (&chosen);
}

static void
popup_row_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GObject                  *owner)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  g_autofree char *text = popup_item_text (owner, gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), text != NULL ? text : "");
  ca_list_name_row (box, text != NULL ? text : "");
  popup_row_chosen_cb (owner, NULL, item);
  g_signal_connect_object (owner, "notify::selected-item", G_CALLBACK (popup_row_chosen_cb),
                           item, 0);
}

static void
popup_row_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     GObject                  *owner)
{
  g_signal_handlers_disconnect_by_func (owner, popup_row_chosen_cb, item);
}

/**
 * ca_list_name_popup_rows:
 * @owner: a #GtkDropDown or #AdwComboRow that shows its rows as GTK would
 *
 * Shows @owner's list with rows named by what they say. GTK 4.8's own rows have no name, so
 * Orca said nothing as the arrows went through "Overdue" or "Requires Improvement".
 */
void
ca_list_name_popup_rows (GObject *owner)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_DROP_DOWN (owner) || ADW_IS_COMBO_ROW (owner));

  g_signal_connect (factory, "setup", G_CALLBACK (popup_row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (popup_row_bind_cb), owner);
  g_signal_connect (factory, "unbind", G_CALLBACK (popup_row_unbind_cb), owner);
  g_object_set (owner, "list-factory", factory, NULL);
}

/* Whether WIDGET is a drop-down list still showing GTK's unnamed rows. */
static gboolean
has_unnamed_popup_rows (GtkWidget *widget)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  if (!GTK_IS_DROP_DOWN (widget) && !ADW_IS_COMBO_ROW (widget))
    return FALSE;
  /* A list factory of our own (the form's grades) names its rows itself. */
  g_object_get (widget, "list-factory", &factory, NULL);
  return factory == NULL;
}

#define DROP_DOWN_NAME_KEY "ca-list-drop-down-name"

/* The toggle button inside a GtkDropDown or a GtkMenuButton: what takes the focus. */
static GtkWidget *
inner_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      return child;
  return NULL;
}

static void
drop_down_selected_cb (GtkDropDown *dropdown)
{
  const char *name = g_object_get_data (G_OBJECT (dropdown), DROP_DOWN_NAME_KEY);
  GObject *item = gtk_drop_down_get_selected_item (dropdown);
  GtkWidget *button = inner_button (GTK_WIDGET (dropdown));
  g_autofree char *spoken = NULL;

  if (button == NULL)
    return;
  if (GTK_IS_STRING_OBJECT (item))
    /* TRANSLATORS: a drop-down list for a screen reader: its name, then what is chosen. */
    spoken = g_strdup_printf (_("%s: %s"), name,
                              gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken != NULL ? spoken : name, -1);
}

/**
 * ca_list_name_drop_down:
 * @dropdown: a drop-down list of strings
 * @name: what it is, as a screen reader should say it ("Filter by status")
 *
 * Names @dropdown, and the button inside it that takes the focus, by @name and what is chosen
 * ("Filter by status: Overdue"). GTK 4.8 leaves that button unnamed, and Orca said "toggle
 * button" for each filter of the Audits view.
 */
void
ca_list_name_drop_down (GtkDropDown *dropdown,
                        const char  *name)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (name != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  g_object_set_data_full (G_OBJECT (dropdown), DROP_DOWN_NAME_KEY, g_strdup (name), g_free);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (drop_down_selected_cb), NULL);
  drop_down_selected_cb (dropdown);
}

/**
 * ca_list_name_button:
 * @button: a button whose label has a mnemonic ("_Submit")
 * @name: what a screen reader should say ("Submit")
 *
 * Names @button by @name alone. GTK 4.8 names such a button by its label property and then
 * by the label inside it, so Orca said "Submit Submit"; the label inside is left out of the
 * name here.
 */
void
ca_list_name_button (GtkWidget  *button,
                     const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (button));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* Whether GTK 4.8 names WIDGET twice: a button with a mnemonic, or the check box an action
 * row activates, is labelled by its label or row as well as by its own accessible label. */
static gboolean
is_named_twice (GtkWidget *widget)
{
  GtkWidget *row;

  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_use_underline (GTK_BUTTON (widget));
  row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
  return GTK_IS_CHECK_BUTTON (widget) && row != NULL &&
         adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget;
}

/**
 * ca_list_name_controls_once:
 * @root: a window or view just built from its template
 *
 * Leaves each button with a mnemonic below @root, and each check box an action row
 * activates, named by the accessible label its template gives it alone (every one of ours
 * has one), not by that and its label again ("Today Today"); lets the focus in each entry
 * row be heard (ca_list_name_entry_row()); and names the rows of each drop-down list
 * (ca_list_name_popup_rows()): one call after the template is built.
 */
void
ca_list_name_controls_once (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (is_named_twice (child))
        gtk_accessible_reset_relation (GTK_ACCESSIBLE (child),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      else if (ADW_IS_ENTRY_ROW (child))
        ca_list_name_entry_row (child);
      else if (has_unnamed_popup_rows (child))
        ca_list_name_popup_rows (G_OBJECT (child));
      ca_list_name_controls_once (child);
    }
}

/* LABEL as shown, without its mnemonic's underline ("Save _E-mails…" is "Save E-mails…"); a
 * doubled underline stands for one. */
static char *
without_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/**
 * ca_list_name_buttons_by_label:
 * @root: a widget made in code, or the toast, dialog or row that holds such buttons
 *
 * Names @root and each button with a mnemonic below it by what its label shows. Buttons made
 * at run time (a toast's "Undo", a question's answers, a row's "Open in Mail") have no
 * accessible label of their own, and GTK 4.8 names them by their raw label and then their
 * label again ("_Undo Undo").
 */
void
ca_list_name_buttons_by_label (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    {
      g_autofree char *name = without_mnemonic (gtk_button_get_label (GTK_BUTTON (root)));

      ca_list_name_button (root, name);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ca_list_name_buttons_by_label (child);
}

static void
entry_row_title_cb (AdwPreferencesRow *row,
                    GParamSpec        *pspec,
                    GtkWidget         *text)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (row), -1);
}

/**
 * ca_list_name_entry_row:
 * @row: an #AdwEntryRow, just made, before its window is shown
 *
 * Lets a screen reader follow the focus into @row. The focus goes to the text inside the
 * row, which GTK 4.8 leaves out of the accessibility tree (its role is "none"), so Orca said
 * nothing at a date or an action's description. The text becomes a text box named by the
 * row's title. Its role can be changed only until the accessibility tree has asked for it,
 * hence "just made".
 */
void
ca_list_name_entry_row (GtkWidget *row)
{
  GtkEditable *text;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  if (!GTK_IS_TEXT (text) || g_object_get_data (G_OBJECT (text), "ca-named") != NULL)
    return;
  g_object_set_data (G_OBJECT (text), "ca-named", GINT_TO_POINTER (TRUE));
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (text)) == GTK_ACCESSIBLE_ROLE_NONE)
    g_object_set (text, "accessible-role", GTK_ACCESSIBLE_ROLE_TEXT_BOX, NULL);
  entry_row_title_cb (ADW_PREFERENCES_ROW (row), NULL, GTK_WIDGET (text));
  g_signal_connect_object (row, "notify::title", G_CALLBACK (entry_row_title_cb), text, 0);
}

/**
 * ca_list_name_menu_button:
 * @menu_button: a #GtkMenuButton whose label is a value, such as a number
 * @name: what it is, as a screen reader should say it ("Imran Shah: audits a month")
 * @description: (nullable): more, read after a pause
 *
 * Names @menu_button and the button inside it that takes the focus. GTK 4.8 names only the
 * outer one, so Orca read the inner button by its label alone ("1").
 */
void
ca_list_name_menu_button (GtkWidget  *menu_button,
                          const char *name,
                          const char *description)
{
  GtkWidget *named[2];

  g_return_if_fail (GTK_IS_MENU_BUTTON (menu_button));

  named[0] = menu_button;
  named[1] = inner_button (menu_button);
  for (guint i = 0; i < G_N_ELEMENTS (named) && named[i] != NULL; i++)
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (named[i]),
                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (named[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }
}

/**
 * ca_list_flow_box_passes_focus:
 * @box: a flow box that only wraps controls (filters) on narrow windows
 *
 * Lets Tab go to the controls in @box themselves rather than stop on each flow box child
 * that wraps one first.
 */
void
ca_list_flow_box_passes_focus (GtkFlowBox *box)
{
  g_return_if_fail (GTK_IS_FLOW_BOX (box));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

/* Large text ---------------------------------------------------------------------------- */

/**
 * ca_list_text_scale:
 * @widget: a widget in the list's font
 *
 * How much wider @widget's text is than normal text (11 pt at 96 dpi, in the same font):
 * what a list's columns widen by, so that large text (GNOME's text scaling, or a larger
 * font) is not cut short. Measured on a date, the widest of the short values.
 *
 * Returns: 1 at normal size, 1.5 at 150% text
 */
double
ca_list_text_scale (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoContext *normal = pango_font_map_create_context (pango_context_get_font_map (context));
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));
  g_autoptr(PangoLayout) now = pango_layout_new (context);
  g_autoptr(PangoLayout) then = NULL;
  int width_now, width_then;

  pango_font_description_set_size (font, 11 * PANGO_SCALE);
  pango_context_set_font_description (normal, font);
  pango_cairo_context_set_resolution (normal, 96.0);
  then = pango_layout_new (normal);
  pango_layout_set_text (now, "30 Sep 2026", -1);
  pango_layout_set_text (then, "30 Sep 2026", -1);
  pango_layout_get_pixel_size (now, &width_now, NULL);
  pango_layout_get_pixel_size (then, &width_then, NULL);
  g_object_unref (normal);
  return width_then > 0 ? (double) width_now / width_then : 1.0;
}

#define BASE_WIDTH_KEY "ca-list-base-width"

/**
 * ca_list_scale_columns:
 * @view: a column view whose columns have the fixed widths its .ui gives at normal size
 * @scale: what ca_list_text_scale() says of the view
 *
 * Widens @view's fixed-width columns with the text ("Jessic…" at 200% text before). A
 * width a person dragged is kept until the text's size changes again. Call it from the
 * view's #GtkWidgetClass.css_changed, as the text's size is part of the style.
 */
void
ca_list_scale_columns (GtkColumnView *view,
                       double         scale)
{
  int percent = (int) (MAX (scale, 1.0) * 100 + 0.5);
  GListModel *columns;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view), "ca-list-percent")) == percent)
    return;
  g_object_set_data (G_OBJECT (view), "ca-list-percent", GINT_TO_POINTER (percent));

  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      int base = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), BASE_WIDTH_KEY));

      if (base == 0)
        {
          base = gtk_column_view_column_get_fixed_width (column);
          if (base <= 0)
            continue;
          g_object_set_data (G_OBJECT (column), BASE_WIDTH_KEY, GINT_TO_POINTER (base));
        }
      gtk_column_view_column_set_fixed_width (column, base * percent / 100);
    }
}
