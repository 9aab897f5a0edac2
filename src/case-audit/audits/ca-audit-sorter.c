// SPDX-License-Identifier: GPL-3.0-or-later
// Sorts the audits list by one column, with the order the model layer defines.

#define G_LOG_DOMAIN "ca-audit-sorter"

#include "config.h"

#include "ca-audit-row.h"
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

/* Sets @field of @row to a value after the one a zeroed row of "a" names has. */
static void
raise_field (CaAuditRow   *row,
             CaAuditField  field)
{
  const CaAuditName *b = ca_audit_name_intern ("b");

  switch (field)
    {
    case CA_AUDIT_FIELD_CASE_REF:
      ca_audit_row_set_case_ref (row, "b");
      break;
    case CA_AUDIT_FIELD_SERVICE_AREA:
      row->service_area = b;
      break;
    case CA_AUDIT_FIELD_TEAM:
      row->team = b;
      break;
    case CA_AUDIT_FIELD_AUDITOR:
      row->auditor = b;
      break;
    case CA_AUDIT_FIELD_TOOL:
      row->tool = b;
      break;
    case CA_AUDIT_FIELD_AUDIT_DATE:
      row->audit_date = g_intern_static_string ("b");
      break;
    case CA_AUDIT_FIELD_DUE_DATE:
      row->due_date = g_intern_static_string ("b");
      break;
    case CA_AUDIT_FIELD_STATUS:
      row->status = CA_AUDIT_STATUS_SUBMITTED;
      break;
    case CA_AUDIT_FIELD_GRADE:
      row->overall_grade = CA_GRADE_INADEQUATE;
      break;
    case CA_AUDIT_FIELD_CATEGORY:
      row->category = CA_CATEGORY_MAX;
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * ca_audit_sorter_get_primary:
 * @column_view_sorter: what gtk_column_view_get_sorter() gives, over #CaAuditSorter columns
 *
 * Which field the user sorted the column view by, and which way; FALSE when by none.
 *
 * GTK 4.8 does not say (4.10 adds gtk_column_view_sorter_get_primary_sort_column()), so
 * this asks the sorter to compare pairs of audits: in pair F the two differ in field F
 * alone, the first being lower there but older. Sorted by F, the first comes first going
 * up; sorted by any other field, the two tie there and the newer, the second, comes first
 * going up. Exactly one pair answers unlike the others: its field is the sort's, and its
 * answer the direction.
 */
gboolean
ca_audit_sorter_get_primary (GtkSorter    *column_view_sorter,
                             CaAuditField *field,
                             gboolean     *descending)
{
  const CaAuditField last = CA_AUDIT_FIELD_CATEGORY;
  GtkOrdering answers[CA_AUDIT_FIELD_CATEGORY + 1];
  guint n_less = 0;

  g_return_val_if_fail (GTK_IS_SORTER (column_view_sorter), FALSE);

  for (CaAuditField f = 0; f <= last; f++)
    {
      CaAuditRow low = { 0 }, high;
      g_autoptr(CaAudit) first = NULL;
      g_autoptr(CaAudit) second = NULL;

      low.id = 1;
      ca_audit_row_set_case_ref (&low, "a");
      low.service_area = low.team = low.auditor = low.tool = ca_audit_name_intern ("a");
      low.audit_date = low.due_date = g_intern_static_string ("a");
      low.status = CA_AUDIT_STATUS_ALLOCATED;
      low.overall_grade = CA_GRADE_OUTSTANDING;
      low.category = 1;
      high = low;
      high.id = 2;
      raise_field (&high, f);
      first = ca_audit_new_for_row (&low);
      second = ca_audit_new_for_row (&high);
      answers[f] = gtk_sorter_compare (column_view_sorter, first, second);
      if (answers[f] == GTK_ORDERING_EQUAL)
        return FALSE;
      n_less += answers[f] == GTK_ORDERING_SMALLER;
    }

  for (CaAuditField f = 0; f <= last; f++)
    /* The odd one out: the only SMALLER (going up) or the only LARGER (going down). */
    if ((answers[f] == GTK_ORDERING_SMALLER) == (n_less == 1))
      {
        *field = f;
        *descending = answers[f] == GTK_ORDERING_LARGER;
        return TRUE;
      }
  return FALSE;
}
