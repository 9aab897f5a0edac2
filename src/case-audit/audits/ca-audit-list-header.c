// SPDX-License-Identifier: GPL-3.0-or-later
// The Audits list's column titles: a click sorts by the column, a drag of an edge resizes it.
//
// It sits above the list's scrolled window, as a column view's header does, and follows the
// list sideways through the list's horizontal adjustment.

#define G_LOG_DOMAIN "ca-audit-list-header"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-list-header.h"
#include "ca-list-access.h"

struct _CaAuditListHeader
{
  GtkWidget       parent_instance;

  CaAuditColumns *columns;
  GtkAdjustment  *hadjustment;
  GPtrArray      *buttons;      /* one a column, in order */
  guint           sort_column;  /* or CA_AUDIT_LIST_UNSORTED */
  gboolean        descending;

  guint           resizing;     /* the column whose edge is dragged */
  int             resize_from;  /* its width when the drag began */
};

G_DEFINE_FINAL_TYPE (CaAuditListHeader, ca_audit_list_header, GTK_TYPE_WIDGET)

enum { SORT_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* A drag that starts this near a column's right edge, inside it (or a little past it),
 * resizes the column rather than clicks its title, as in GTK's column view. */
#define EDGE_INSIDE 8
#define EDGE_OUTSIDE 3

/* Where the list's rows start: the columns are as wide as the rows, and scroll with them. */
static int
row_width (CaAuditListHeader *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)),
              ca_audit_columns_get_min_width (self->columns));
}

static double
scrolled (CaAuditListHeader *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static void
ca_audit_list_header_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  CaAuditListHeader *self = CA_AUDIT_LIST_HEADER (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the window: the list beneath scrolls sideways, and so does this. */
      *natural = ca_audit_columns_get_min_width (self->columns);
      return;
    }
  for (guint i = 0; i < self->buttons->len; i++)
    {
      int button_minimum, button_natural;

      gtk_widget_measure (g_ptr_array_index (self->buttons, i), orientation, -1,
                          &button_minimum, &button_natural, NULL, NULL);
      *minimum = MAX (*minimum, button_minimum);
      *natural = MAX (*natural, button_natural);
    }
}

static void
ca_audit_list_header_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  CaAuditListHeader *self = CA_AUDIT_LIST_HEADER (widget);
  int total = row_width (self);
  double offset = scrolled (self);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      int x, column_width, button_minimum;

      ca_audit_columns_place (self->columns, total, i, &x, &column_width);
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, &button_minimum, NULL,
                          NULL, NULL);
      gtk_widget_size_allocate (button,
                                &(GtkAllocation) { x - (int) offset, 0,
                                                   MAX (column_width, button_minimum), height },
                                -1);
    }
}

static void
update_sort_indicators (CaAuditListHeader *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      GtkWidget *arrow = gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (button)));
      gboolean sorted = i == self->sort_column;

      gtk_widget_set_visible (arrow, sorted);
      if (sorted)
        gtk_image_set_from_icon_name (GTK_IMAGE (arrow), self->descending ? "pan-down-symbolic"
                                                                          : "pan-up-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_SORT,
                                      !sorted ? GTK_ACCESSIBLE_SORT_NONE
                                      : self->descending ? GTK_ACCESSIBLE_SORT_DESCENDING
                                      : GTK_ACCESSIBLE_SORT_ASCENDING,
                                      -1);
    }
}

/**
 * ca_audit_list_header_sort_by:
 * @column: the column to sort by, or %CA_AUDIT_LIST_UNSORTED for the store's own order
 *
 * Sorts by @column, as clicks on its title would, and emits ::sort-changed.
 */
void
ca_audit_list_header_sort_by (CaAuditListHeader *self,
                              guint              column,
                              gboolean           descending)
{
  g_return_if_fail (CA_IS_AUDIT_LIST_HEADER (self));
  g_return_if_fail (column == CA_AUDIT_LIST_UNSORTED || column < self->buttons->len);

  descending = column != CA_AUDIT_LIST_UNSORTED && descending;
  if (self->sort_column == column && self->descending == descending)
    return;
  self->sort_column = column;
  self->descending = descending;
  update_sort_indicators (self);
  g_signal_emit (self, signals[SORT_CHANGED], 0);
}

/**
 * ca_audit_list_header_get_sort:
 * @field: (out): the field sorted by
 * @descending: (out): whether the order is reversed
 *
 * Returns: whether the list is sorted by a column, rather than in the store's order
 */
gboolean
ca_audit_list_header_get_sort (CaAuditListHeader *self,
                               CaAuditField      *field,
                               gboolean          *descending)
{
  g_return_val_if_fail (CA_IS_AUDIT_LIST_HEADER (self), FALSE);

  if (self->sort_column == CA_AUDIT_LIST_UNSORTED)
    return FALSE;
  *field = ca_audit_columns_get_field (self->columns, self->sort_column);
  *descending = self->descending;
  return TRUE;
}

/* A first click sorts ascending, the next reverses, as a column view's title does. */
static void
title_clicked_cb (GtkButton         *button,
                  CaAuditListHeader *self)
{
  guint column;

  if (!g_ptr_array_find (self->buttons, button, &column))
    return;
  ca_audit_list_header_sort_by (self, column,
                                self->sort_column == column ? !self->descending : FALSE);
}

/* The column whose right edge is at @x, or CA_AUDIT_LIST_UNSORTED for none. */
static guint
edge_at (CaAuditListHeader *self,
         double             x)
{
  int total = row_width (self);

  x += scrolled (self);
  for (guint i = 0; i < self->buttons->len; i++)
    {
      int start, width;

      ca_audit_columns_place (self->columns, total, i, &start, &width);
      if (x >= start + width - EDGE_INSIDE && x <= start + width + EDGE_OUTSIDE)
        return i;
    }
  return CA_AUDIT_LIST_UNSORTED;
}

static void
pointer_moved_cb (CaAuditListHeader *self,
                  double             x,
                  double             y)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   edge_at (self, x) != CA_AUDIT_LIST_UNSORTED ? "col-resize"
                                                                               : NULL);
}

static void
drag_begin_cb (GtkGestureDrag    *gesture,
               double             x,
               double             y,
               CaAuditListHeader *self)
{
  self->resizing = edge_at (self, x);
  if (self->resizing == CA_AUDIT_LIST_UNSORTED)
    {
      /* Not an edge: the click is the title's. */
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->resize_from = ca_audit_columns_get_width (self->columns, self->resizing);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_update_cb (GtkGestureDrag    *gesture,
                double             offset_x,
                double             offset_y,
                CaAuditListHeader *self)
{
  if (self->resizing != CA_AUDIT_LIST_UNSORTED)
    ca_audit_columns_resize (self->columns, self->resizing, self->resize_from + (int) offset_x);
}

static GtkWidget *
new_title (const char *title,
           const char *explanation)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *arrow = gtk_image_new ();
  GtkWidget *button = gtk_button_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_visible (arrow, FALSE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  /* A click sorts and leaves the focus where it was, in the list, as a column view's does. */
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_set_tooltip_text (button, explanation ? explanation : _("Sort by this column"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  if (explanation != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation, -1);
  return button;
}

static void
ca_audit_list_header_dispose (GObject *object)
{
  CaAuditListHeader *self = (CaAuditListHeader *) object;

  if (self->buttons != NULL)
    {
      for (guint i = 0; i < self->buttons->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->buttons, i));
      g_clear_pointer (&self->buttons, g_ptr_array_unref);
    }
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->columns);

  G_OBJECT_CLASS (ca_audit_list_header_parent_class)->dispose (object);
}

static void
ca_audit_list_header_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  CaAuditListHeader *self = CA_AUDIT_LIST_HEADER (widget);

  GTK_WIDGET_CLASS (ca_audit_list_header_parent_class)->css_changed (widget, change);
  ca_audit_columns_set_text_scale (self->columns, ca_list_text_scale (widget));
}

static void
ca_audit_list_header_class_init (CaAuditListHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_audit_list_header_dispose;
  widget_class->measure = ca_audit_list_header_measure;
  widget_class->size_allocate = ca_audit_list_header_size_allocate;
  widget_class->css_changed = ca_audit_list_header_css_changed;

  /**
   * CaAuditListHeader::sort-changed:
   *
   * The list is to be sorted by another column, or the other way.
   */
  signals[SORT_CHANGED] = g_signal_new ("sort-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "auditlistheader");
}

static void
ca_audit_list_header_init (CaAuditListHeader *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->sort_column = CA_AUDIT_LIST_UNSORTED;
  self->resizing = CA_AUDIT_LIST_UNSORTED;
  self->buttons = g_ptr_array_new ();
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (pointer_moved_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  /* Before the titles' buttons see the press, so that an edge is never a click. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

/* Makes the titles of @columns. */
GtkWidget *
ca_audit_list_header_new (CaAuditColumns *columns)
{
  CaAuditListHeader *self;

  g_return_val_if_fail (CA_IS_AUDIT_COLUMNS (columns), NULL);

  self = g_object_new (CA_TYPE_AUDIT_LIST_HEADER, NULL);
  self->columns = g_object_ref (columns);
  g_signal_connect_object (columns, "changed", G_CALLBACK (gtk_widget_queue_resize), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < ca_audit_columns_get_n_columns (columns); i++)
    {
      GtkWidget *button = new_title (ca_audit_columns_get_title (columns, i),
                                     ca_audit_columns_get_explanation (columns, i));

      g_signal_connect (button, "clicked", G_CALLBACK (title_clicked_cb), self);
      gtk_widget_set_parent (button, GTK_WIDGET (self));
      g_ptr_array_add (self->buttons, button);
    }
  return GTK_WIDGET (self);
}

/* Follows the list beneath as it scrolls sideways. */
void
ca_audit_list_header_set_hadjustment (CaAuditListHeader *self,
                                      GtkAdjustment     *adjustment)
{
  g_return_if_fail (CA_IS_AUDIT_LIST_HEADER (self));

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  g_set_object (&self->hadjustment, adjustment);
  if (adjustment != NULL)
    g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_allocate),
                              self);
}
