// SPDX-License-Identifier: GPL-3.0-or-later
// A list cell that shows one field of an audit: its text, a date, its status, or a grade or category badge.
//
// The list keeps some two hundred rows of cells alive, and a new sort or filter makes them
// all again, so a cell is as few widgets as it can be: a plain label for every field but
// the category, whose cell (a CaAuditCell) adds the "Child may be at risk" icon beside a
// Category 1 badge, made the first time it is needed.

#define G_LOG_DOMAIN "ca-audit-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-cell.h"
#include "core/ca-date.h"

struct _CaAuditCell
{
  GtkWidget  parent_instance;

  GtkWidget *icon;   /* made for the first Category 1 shown */
  GtkWidget *label;
};

G_DEFINE_FINAL_TYPE (CaAuditCell, ca_audit_cell, GTK_TYPE_WIDGET)

/**
 * ca_audit_cell_describe_due:
 * @audit: the audit
 *
 * Returns: (transfer full): what the audit waits on next and by when, in a sentence: the Due
 *   column's tooltip, and what a screen reader says of it
 */
char *
ca_audit_cell_describe_due (CaAudit *audit)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (CA_IS_AUDIT (audit), NULL);

  date = ca_date_format_display (ca_audit_get_due_date (audit));
  switch (ca_audit_get_due_kind (audit))
    {
    case CA_AUDIT_DUE_RETURN:
      /* Translators: what an audit waits on next, in the Audits list; %s is a date */
      return g_strdup_printf (_("Return due %s"), date);
    case CA_AUDIT_DUE_REVIEW:
      /* Translators: what an audit waits on next, in the Audits list; %s is a date */
      return g_strdup_printf (_("Recommendations to be checked by %s"), date);
    case CA_AUDIT_DUE_MANAGER_RESPONSE:
      /* Translators: what an audit waits on next, in the Audits list; %s is a date */
      return g_strdup_printf (_("Manager response due %s"), date);
    case CA_AUDIT_DUE_NONE:
    default:
      return g_strdup (_("Nothing due"));
    }
}

/**
 * ca_audit_cell_get_text:
 * @field: what to show
 * @audit: the audit
 * @badge_class: (out) (optional): the style class of the badge the text is shown in (a
 *   grade's or a category's), or %NULL for plain text
 *
 * Returns: (transfer full): @field of @audit as the Audits list shows it
 */
char *
ca_audit_cell_get_text (CaAuditField   field,
                        CaAudit       *audit,
                        const char   **badge_class)
{
  const char *badge = NULL;
  char *text = NULL;
  CaGrade grade;
  int category;

  g_return_val_if_fail (CA_IS_AUDIT (audit), NULL);

  switch (field)
    {
    case CA_AUDIT_FIELD_AUDIT_DATE:
      text = ca_date_format_display (ca_audit_get_audit_date (audit));
      break;

    case CA_AUDIT_FIELD_DUE_DATE:
      text = ca_date_format_display (ca_audit_get_due_date (audit));
      break;

    case CA_AUDIT_FIELD_STATUS:
      text = g_strdup (ca_audit_status_get_label (ca_audit_get_status (audit)));
      break;

    case CA_AUDIT_FIELD_GRADE:
      grade = ca_audit_get_overall_grade (audit);
      if (grade != CA_GRADE_NONE)
        {
          text = g_strdup (ca_grade_get_label (grade));
          badge = ca_grade_get_style_class (grade);
        }
      break;

    case CA_AUDIT_FIELD_CATEGORY:
      category = ca_audit_get_category (audit);
      if (category != CA_CATEGORY_NONE)
        {
          static const char * const classes[] = { "category-1", "category-2", "category-3",
                                                  "category-4" };

          text = g_strdup (ca_category_get_label (category));
          badge = category >= 1 && category <= 4 ? classes[category - 1] : NULL;
        }
      break;

    case CA_AUDIT_FIELD_CASE_REF:
      text = g_strdup (ca_audit_get_case_ref (audit));
      break;

    case CA_AUDIT_FIELD_SERVICE_AREA:
      text = g_strdup (ca_audit_get_service_area (audit));
      break;

    case CA_AUDIT_FIELD_TEAM:
      text = g_strdup (ca_audit_get_team (audit));
      break;

    case CA_AUDIT_FIELD_AUDITOR:
      text = g_strdup (ca_audit_get_auditor (audit));
      break;

    case CA_AUDIT_FIELD_TOOL:
      text = g_strdup (ca_audit_get_tool (audit));
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  /* A date not set yet formats as "": it, a grade or category not given, says "—". */
  if (text == NULL || (text[0] == '\0' && (field == CA_AUDIT_FIELD_AUDIT_DATE ||
                                            field == CA_AUDIT_FIELD_DUE_DATE)))
    {
      g_free (text);
      text = g_strdup ("—");
    }
  if (badge_class != NULL)
    *badge_class = badge;
  return text;
}

/* Colour always comes with words: a badge's text says what its colour means. */
static void
show_field (GtkLabel     *label,
            CaAuditField  field,
            CaAudit      *audit)
{
  const char *badge = NULL;
  g_autofree char *text = audit != NULL ? ca_audit_cell_get_text (field, audit, &badge) : NULL;

  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_css_classes (GTK_WIDGET (label), badge != NULL
                                                    ? (const char *[]) { "badge", badge, NULL }
                                                    : (const char *[]) { NULL });
}

static void
show_category (CaAuditCell *self,
               CaAudit     *audit)
{
  gboolean at_risk = audit != NULL && ca_audit_get_category (audit) == 1;

  show_field (GTK_LABEL (self->label), CA_AUDIT_FIELD_CATEGORY, audit);
  if (at_risk && self->icon == NULL)
    {
      self->icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (self->icon, "category-1-icon");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Child may be at risk"),
                                      -1);
      gtk_widget_insert_after (self->icon, GTK_WIDGET (self), NULL);
    }
  if (self->icon != NULL)
    gtk_widget_set_visible (self->icon, at_risk);
}

static GtkWidget *
new_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Its own width, so that a badge fits its words rather than the column. */
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static void
ca_audit_cell_dispose (GObject *object)
{
  CaAuditCell *self = (CaAuditCell *) object;

  g_clear_pointer (&self->icon, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (ca_audit_cell_parent_class)->dispose (object);
}

static void
ca_audit_cell_class_init (CaAuditCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_audit_cell_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "auditcell");
}

static void
ca_audit_cell_init (CaAuditCell *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  self->label = new_label ();
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}

/**
 * ca_audit_cell_new:
 * @field: what the cell shows
 *
 * Returns: a cell for @field: a label, or for the category a #CaAuditCell
 */
GtkWidget *
ca_audit_cell_new (CaAuditField field)
{
  if (field == CA_AUDIT_FIELD_CATEGORY)
    return g_object_new (CA_TYPE_AUDIT_CELL, NULL);
  return new_label ();
}

/**
 * ca_audit_cell_show:
 * @cell: a cell made by ca_audit_cell_new() for @field
 * @field: what it shows
 * @audit: (nullable): the audit of its row, or %NULL for none
 *
 * Shows @field of @audit in @cell.
 */
void
ca_audit_cell_show (GtkWidget    *cell,
                    CaAuditField  field,
                    CaAudit      *audit)
{
  g_return_if_fail (audit == NULL || CA_IS_AUDIT (audit));

  if (CA_IS_AUDIT_CELL (cell))
    show_category (CA_AUDIT_CELL (cell), audit);
  else if (GTK_IS_LABEL (cell))
    show_field (GTK_LABEL (cell), field, audit);
  else
    g_return_if_reached ();
}
