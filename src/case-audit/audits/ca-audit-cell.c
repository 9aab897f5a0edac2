// SPDX-License-Identifier: GPL-3.0-or-later
// A list cell that shows one field of an audit: its text, a date, its status, or a grade or category badge.

#define G_LOG_DOMAIN "ca-audit-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-cell.h"
#include "ca-enums.h"
#include "core/ca-date.h"

struct _CaAuditCell
{
  GtkWidget     parent_instance;

  GtkWidget    *icon;
  GtkWidget    *label;
  CaAudit      *audit;
  CaAuditField  field;
};

G_DEFINE_FINAL_TYPE (CaAuditCell, ca_audit_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_AUDIT,
  PROP_FIELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_date (CaAuditCell *self,
           const char  *iso_date)
{
  g_autofree char *display = ca_date_format_display (iso_date);

  gtk_label_set_label (GTK_LABEL (self->label), display[0] ? display : "—");
}

/* Colour always comes with words: a badge's text says what its colour means. */
static void
show_badge (CaAuditCell *self,
            const char  *text,
            const char  *style_class,
            gboolean     urgent)
{
  const char *classes[] = { "badge", style_class, NULL };

  gtk_label_set_label (GTK_LABEL (self->label), text);
  gtk_widget_set_css_classes (self->label, classes);
  gtk_widget_set_visible (self->icon, urgent);
}

static void
update (CaAuditCell *self)
{
  CaGrade grade;
  int category;

  gtk_widget_set_css_classes (self->label, (const char *[]) { NULL });
  gtk_widget_set_visible (self->icon, FALSE);

  if (self->audit == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->label), "");
      return;
    }

  switch (self->field)
    {
    case CA_AUDIT_FIELD_AUDIT_DATE:
      show_date (self, ca_audit_get_audit_date (self->audit));
      break;

    case CA_AUDIT_FIELD_DUE_DATE:
      show_date (self, ca_audit_get_due_date (self->audit));
      break;

    case CA_AUDIT_FIELD_STATUS:
      gtk_label_set_label (GTK_LABEL (self->label),
                           ca_audit_status_get_label (ca_audit_get_status (self->audit)));
      break;

    case CA_AUDIT_FIELD_GRADE:
      grade = ca_audit_get_overall_grade (self->audit);
      if (grade == CA_GRADE_NONE)
        gtk_label_set_label (GTK_LABEL (self->label), "—");
      else
        show_badge (self, ca_grade_get_label (grade), ca_grade_get_style_class (grade), FALSE);
      break;

    case CA_AUDIT_FIELD_CATEGORY:
      category = ca_audit_get_category (self->audit);
      if (category == CA_CATEGORY_NONE)
        gtk_label_set_label (GTK_LABEL (self->label), "—");
      else
        {
          g_autofree char *style_class = g_strdup_printf ("category-%d", category);

          show_badge (self, ca_category_get_label (category), style_class, category == 1);
        }
      break;

    case CA_AUDIT_FIELD_CASE_REF:
      gtk_label_set_label (GTK_LABEL (self->label), ca_audit_get_case_ref (self->audit));
      break;

    case CA_AUDIT_FIELD_SERVICE_AREA:
      gtk_label_set_label (GTK_LABEL (self->label), ca_audit_get_service_area (self->audit));
      break;

    case CA_AUDIT_FIELD_TEAM:
      gtk_label_set_label (GTK_LABEL (self->label), ca_audit_get_team (self->audit));
      break;

    case CA_AUDIT_FIELD_AUDITOR:
      gtk_label_set_label (GTK_LABEL (self->label), ca_audit_get_auditor (self->audit));
      break;

    case CA_AUDIT_FIELD_TOOL:
      gtk_label_set_label (GTK_LABEL (self->label), ca_audit_get_tool (self->audit));
      break;

    default:
      g_return_if_reached ();
    }
}

static void
ca_audit_cell_dispose (GObject *object)
{
  CaAuditCell *self = (CaAuditCell *) object;

  g_clear_pointer (&self->icon, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_object (&self->audit);

  G_OBJECT_CLASS (ca_audit_cell_parent_class)->dispose (object);
}

static void
ca_audit_cell_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CaAuditCell *self = CA_AUDIT_CELL (object);

  switch (prop_id)
    {
    case PROP_AUDIT:
      g_value_set_object (value, self->audit);
      break;
    case PROP_FIELD:
      g_value_set_enum (value, self->field);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_audit_cell_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CaAuditCell *self = CA_AUDIT_CELL (object);

  switch (prop_id)
    {
    case PROP_AUDIT:
      ca_audit_cell_set_audit (self, g_value_get_object (value));
      break;
    case PROP_FIELD:
      self->field = g_value_get_enum (value);
      update (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_audit_cell_class_init (CaAuditCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_audit_cell_dispose;
  object_class->get_property = ca_audit_cell_get_property;
  object_class->set_property = ca_audit_cell_set_property;

  properties[PROP_AUDIT] =
    g_param_spec_object ("audit", NULL, NULL, CA_TYPE_AUDIT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD] =
    g_param_spec_enum ("field", NULL, NULL, CA_TYPE_AUDIT_FIELD, CA_AUDIT_FIELD_AUDIT_DATE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "auditcell");
}

static void
ca_audit_cell_init (CaAuditCell *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  self->icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (self->icon, "category-1-icon");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Child may be at risk"),
                                  -1);
  gtk_widget_set_visible (self->icon, FALSE);
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_valign (self->label, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}

GtkWidget *
ca_audit_cell_new (CaAuditField field)
{
  return g_object_new (CA_TYPE_AUDIT_CELL, "field", field, NULL);
}

void
ca_audit_cell_set_audit (CaAuditCell *self,
                         CaAudit     *audit)
{
  g_return_if_fail (CA_IS_AUDIT_CELL (self));
  g_return_if_fail (audit == NULL || CA_IS_AUDIT (audit));

  if (g_set_object (&self->audit, audit))
    {
      update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIT]);
    }
}
