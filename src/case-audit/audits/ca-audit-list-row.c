// SPDX-License-Identifier: GPL-3.0-or-later
// One row of the Audits list: an audit's ten fields, drawn in the list's columns.
//
// GTK 4.8 keeps two hundred rows of the list alive and makes them again for each sort and
// filter. A row of ten cells, each a widget with its own label, made that cost a hundred
// milliseconds and tens of megabytes; this row is one widget that draws its fields with
// Pango, each in its column as CaAuditColumns places it, and tells a screen reader the
// whole audit in one sentence.

#define G_LOG_DOMAIN "ca-audit-list-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-cell.h"
#include "ca-audit-list-row.h"
#include "ca-list-access.h"

struct _CaAuditListRow
{
  GtkWidget       parent_instance;

  CaAuditColumns *columns;
  CaAudit        *audit;
  PangoLayout    *layout;  /* one for every field in turn; made when first drawn */
};

G_DEFINE_FINAL_TYPE (CaAuditListRow, ca_audit_list_row, GTK_TYPE_WIDGET)

/* A badge: its words with this much room around them (the .badge style's padding). */
#define BADGE_PADDING_X 8
#define BADGE_PADDING_Y 1
#define ROW_PADDING_Y   2
#define ICON_SIZE       16
#define ICON_SPACING    4

static PangoLayout *
get_layout (CaAuditListRow *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
    }
  return self->layout;
}

/* Badges are bold and smaller, as the .badge style makes them elsewhere. */
static void
set_badge_style (PangoLayout *layout,
                 gboolean     badge)
{
  PangoAttrList *attributes = NULL;

  if (badge)
    {
      attributes = pango_attr_list_new ();
      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attributes, pango_attr_scale_new (PANGO_SCALE_SMALL));
    }
  pango_layout_set_attributes (layout, attributes);
  g_clear_pointer (&attributes, pango_attr_list_unref);
}

static int
line_height (CaAuditListRow *self,
             gboolean        badge)
{
  PangoLayout *layout = get_layout (self);
  int height;

  set_badge_style (layout, badge);
  pango_layout_set_text (layout, "Ág", -1);
  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
ca_audit_list_row_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  CaAuditListRow *self = CA_AUDIT_LIST_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = ca_audit_columns_get_min_width (self->columns);
  else
    *minimum = *natural = MAX (line_height (self, FALSE),
                               line_height (self, TRUE) + 2 * BADGE_PADDING_Y) + 2 * ROW_PADDING_Y;
}

/* A colour the style sheet names (style.css defines the badges' colours by name, so that
 * dark mode and high contrast follow), or @fallback. */
static GdkRGBA
named_color (GtkWidget     *widget,
             const char    *badge_class,
             const char    *part,
             const GdkRGBA *fallback)
{
  g_autofree char *name = g_strdelimit (g_strconcat (badge_class, "_", part, NULL), "-", '_');
  GdkRGBA color;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color))
    color = *fallback;
G_GNUC_END_IGNORE_DEPRECATIONS
  return color;
}

static void
draw_layout (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             int            x,
             int            y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_text (CaAuditListRow *self,
           GtkSnapshot    *snapshot,
           const char     *text,
           int             x,
           int             width,
           const GdkRGBA  *color)
{
  PangoLayout *layout = get_layout (self);
  int height;

  set_badge_style (layout, FALSE);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, MAX (width, 0) * PANGO_SCALE);
  pango_layout_get_pixel_size (layout, NULL, &height);
  draw_layout (snapshot, layout, x, (gtk_widget_get_height (GTK_WIDGET (self)) - height) / 2,
               color);
}

/* Colour always comes with words: a badge's text says what its colour means. */
static void
draw_badge (CaAuditListRow *self,
            GtkSnapshot    *snapshot,
            const char     *text,
            const char     *badge_class,
            int             x,
            int             width,
            const GdkRGBA  *color)
{
  PangoLayout *layout = get_layout (self);
  GdkRGBA background = named_color (GTK_WIDGET (self), badge_class, "bg", &(GdkRGBA) { 0 });
  GdkRGBA foreground = named_color (GTK_WIDGET (self), badge_class, "fg", color);
  GskRoundedRect shape;
  int text_width, text_height, height;

  set_badge_style (layout, TRUE);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, MAX (width - 2 * BADGE_PADDING_X, 0) * PANGO_SCALE);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  height = text_height + 2 * BADGE_PADDING_Y;

  gsk_rounded_rect_init_from_rect (&shape,
                                   &GRAPHENE_RECT_INIT (x, (gtk_widget_get_height (GTK_WIDGET (self)) - height) / 2,
                                                        text_width + 2 * BADGE_PADDING_X, height),
                                   height / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &shape);
  gtk_snapshot_append_color (snapshot, &background, &shape.bounds);
  gtk_snapshot_pop (snapshot);
  draw_layout (snapshot, layout, x + BADGE_PADDING_X, shape.bounds.origin.y + BADGE_PADDING_Y,
               &foreground);
}

/* The size of the "Child may be at risk" sign: it grows with large text, as the text does. */
static int
icon_size (CaAuditListRow *self)
{
  return (int) (ICON_SIZE * ca_audit_columns_get_text_scale (self->columns) + 0.5);
}

/* The "Child may be at risk" sign before a Category 1 badge. */
static void
draw_at_risk_icon (CaAuditListRow *self,
                   GtkSnapshot    *snapshot,
                   int             x,
                   int             size,
                   const GdkRGBA  *color)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon = NULL;
  GdkRGBA error = named_color (widget, "category-1-icon", "fg", color);

  icon = gtk_icon_theme_lookup_icon (theme, "dialog-warning-symbolic", NULL, size,
                                     gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (x, (gtk_widget_get_height (widget) - size) / 2));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                            size, size, &error, 1);
  gtk_snapshot_restore (snapshot);
}

static void
ca_audit_list_row_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  CaAuditListRow *self = CA_AUDIT_LIST_ROW (widget);
  int width = gtk_widget_get_width (widget);
  GdkRGBA color;

  if (self->audit == NULL)
    return;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint i = 0; i < ca_audit_columns_get_n_columns (self->columns); i++)
    {
      CaAuditField field = ca_audit_columns_get_field (self->columns, i);
      const char *badge_class = NULL;
      g_autofree char *text = ca_audit_cell_get_text (field, self->audit, &badge_class);
      int x, column_width;

      ca_audit_columns_place (self->columns, width, i, &x, &column_width);
      x += CA_AUDIT_COLUMN_PADDING;
      column_width -= 2 * CA_AUDIT_COLUMN_PADDING;

      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x, 0, MAX (column_width, 0),
                                                             gtk_widget_get_height (widget)));
      if (field == CA_AUDIT_FIELD_CATEGORY && ca_audit_get_category (self->audit) == 1)
        {
          int size = icon_size (self);

          draw_at_risk_icon (self, snapshot, x, size, &color);
          x += size + ICON_SPACING;
          column_width -= size + ICON_SPACING;
        }
      if (badge_class != NULL)
        draw_badge (self, snapshot, text, badge_class, x, column_width, &color);
      else
        draw_text (self, snapshot, text, x, column_width, &color);
      gtk_snapshot_pop (snapshot);
    }
}

/* The Due column says what the date is for: a return, a check or a response. */
static gboolean
ca_audit_list_row_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard,
                                 GtkTooltip *tooltip)
{
  CaAuditListRow *self = CA_AUDIT_LIST_ROW (widget);

  if (self->audit == NULL || keyboard)
    return FALSE;
  for (guint i = 0; i < ca_audit_columns_get_n_columns (self->columns); i++)
    {
      int column_x, column_width;

      ca_audit_columns_place (self->columns, gtk_widget_get_width (widget), i, &column_x,
                              &column_width);
      if (x >= column_x && x < column_x + column_width &&
          ca_audit_columns_get_field (self->columns, i) == CA_AUDIT_FIELD_DUE_DATE)
        {
          g_autofree char *due = ca_audit_cell_describe_due (self->audit);

          gtk_tooltip_set_text (tooltip, due);
          return TRUE;
        }
    }
  return FALSE;
}

static void
ca_audit_list_row_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  CaAuditListRow *self = CA_AUDIT_LIST_ROW (widget);

  GTK_WIDGET_CLASS (ca_audit_list_row_parent_class)->css_changed (widget, change);
  /* A new font, or a new scale of it, needs a layout made for it. */
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (widget);
}

static void
ca_audit_list_row_dispose (GObject *object)
{
  CaAuditListRow *self = (CaAuditListRow *) object;

  g_clear_object (&self->audit);
  g_clear_object (&self->layout);
  g_clear_object (&self->columns);

  G_OBJECT_CLASS (ca_audit_list_row_parent_class)->dispose (object);
}

static void
ca_audit_list_row_class_init (CaAuditListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_audit_list_row_dispose;
  widget_class->measure = ca_audit_list_row_measure;
  widget_class->snapshot = ca_audit_list_row_snapshot;
  widget_class->css_changed = ca_audit_list_row_css_changed;
  widget_class->query_tooltip = ca_audit_list_row_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "auditrow");
}

static void
ca_audit_list_row_init (CaAuditListRow *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/* Makes a row that draws its fields where @columns places them. */
GtkWidget *
ca_audit_list_row_new (CaAuditColumns *columns)
{
  CaAuditListRow *self;

  g_return_val_if_fail (CA_IS_AUDIT_COLUMNS (columns), NULL);

  self = g_object_new (CA_TYPE_AUDIT_LIST_ROW, NULL);
  self->columns = g_object_ref (columns);
  g_signal_connect_object (columns, "changed", G_CALLBACK (gtk_widget_queue_resize), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

/* @audit in one sentence for a screen reader: its fields in the columns' order, separated
 * by commas, with words where the list shows a dash. */
static char *
describe (CaAuditListRow *self,
          CaAudit        *audit)
{
  GString *sentence = g_string_new (NULL);

  for (guint i = 0; i < ca_audit_columns_get_n_columns (self->columns); i++)
    {
      CaAuditField field = ca_audit_columns_get_field (self->columns, i);
      g_autofree char *text = ca_audit_cell_get_text (field, audit, NULL);
      gboolean none = g_str_equal (text, "—");

      if (i > 0)
        g_string_append (sentence, ", ");
      if (field == CA_AUDIT_FIELD_AUDIT_DATE && none)
        g_string_append (sentence, _("not audited yet"));
      else if (field == CA_AUDIT_FIELD_AUDIT_DATE)
        /* Translators: an audit's date in the Audits list, as a screen reader says it */
        g_string_append_printf (sentence, _("audited %s"), text);
      else if (field == CA_AUDIT_FIELD_DUE_DATE)
        {
          g_autofree char *due = ca_audit_cell_describe_due (audit);

          g_string_append (sentence, due);
        }
      else if (field == CA_AUDIT_FIELD_GRADE && none)
        g_string_append (sentence, _("not graded"));
      else if (field == CA_AUDIT_FIELD_CATEGORY && none)
        g_string_append (sentence, _("no category"));
      else
        g_string_append (sentence, text);

      if (field == CA_AUDIT_FIELD_CATEGORY && ca_audit_get_category (audit) == 1)
        g_string_append_printf (sentence, " (%s)", _("Child may be at risk"));
    }
  return g_string_free (sentence, FALSE);
}

/**
 * ca_audit_list_row_set_audit:
 * @audit: (nullable): the audit to show, or %NULL for none
 *
 * Shows @audit, and names the list's row after it, as that is what a screen reader lands on.
 */
void
ca_audit_list_row_set_audit (CaAuditListRow *self,
                             CaAudit        *audit)
{
  g_return_if_fail (CA_IS_AUDIT_LIST_ROW (self));
  g_return_if_fail (audit == NULL || CA_IS_AUDIT (audit));

  if (!g_set_object (&self->audit, audit))
    return;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (audit != NULL)
    {
      g_autofree char *sentence = describe (self, audit);

      ca_list_name_row (GTK_WIDGET (self), sentence);
    }
}
