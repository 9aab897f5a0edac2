// SPDX-License-Identifier: GPL-3.0-or-later
// Sorts the audits list by one column, with the order the model layer defines.

#define G_LOG_DOMAIN "ca-audit-sorter"

#include "config.h"

#include "ca-audit-sorter.h"
#include "ca-enums.h"

/* GtkStringSorter would fold and collate every row's text on every sort; CaAudit
 * carries collation keys made while loading, so a comparison is a strcmp. */
struct _CaAuditSorter
{
  GtkSorter    parent_instance;

  CaAuditField field;
};

G_DEFINE_FINAL_TYPE (CaAuditSorter, ca_audit_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_FIELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkOrdering
ca_audit_sorter_compare (GtkSorter *sorter,
                         gpointer   item1,
                         gpointer   item2)
{
  CaAuditSorter *self = CA_AUDIT_SORTER (sorter);

  return gtk_ordering_from_cmpfunc (ca_audit_compare (item1, item2, self->field));
}

static GtkSorterOrder
ca_audit_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_TOTAL;
}

static void
ca_audit_sorter_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CaAuditSorter *self = CA_AUDIT_SORTER (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_enum (value, self->field);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_audit_sorter_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CaAuditSorter *self = CA_AUDIT_SORTER (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      self->field = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_audit_sorter_class_init (CaAuditSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->get_property = ca_audit_sorter_get_property;
  object_class->set_property = ca_audit_sorter_set_property;
  sorter_class->compare = ca_audit_sorter_compare;
  sorter_class->get_order = ca_audit_sorter_get_order;

  /* Set once, when the column is built. */
  properties[PROP_FIELD] =
    g_param_spec_enum ("field", NULL, NULL, CA_TYPE_AUDIT_FIELD, CA_AUDIT_FIELD_CASE_REF,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_audit_sorter_init (CaAuditSorter *self)
{
}
