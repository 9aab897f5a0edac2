// SPDX-License-Identifier: GPL-3.0-or-later
// The Audits list's columns: what each shows, its title and width, and where it lies in a row.
//
// The header and every row ask here where a column lies for their width, so a column
// resized in the header moves in every row at once ("changed").

#define G_LOG_DOMAIN "ca-audit-columns"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-columns.h"

/* What matters first comes first, so that a narrow window shows it without scrolling: the
 * case, the judgement and what is due (issue 12 item 10); then who and where. */
static const struct
{
  CaAuditField  field;
  const char   *title;
  int           width;   /* as the list first shows it, before any resizing */
  gboolean      expand;  /* shares the room a wider window gives */
} columns[] = {
  { CA_AUDIT_FIELD_CASE_REF, N_("Case"), 96, FALSE },
  { CA_AUDIT_FIELD_GRADE, N_("Overall grade"), 184, FALSE },
  { CA_AUDIT_FIELD_CATEGORY, N_("Category"), 120, FALSE },
  { CA_AUDIT_FIELD_DUE_DATE, N_("Next due"), 108, FALSE },
  { CA_AUDIT_FIELD_STATUS, N_("Status"), 92, FALSE },
  { CA_AUDIT_FIELD_AUDIT_DATE, N_("Audit date"), 108, FALSE },
  { CA_AUDIT_FIELD_SERVICE_AREA, N_("Service area"), 136, TRUE },
  { CA_AUDIT_FIELD_TEAM, N_("Team"), 136, TRUE },
  { CA_AUDIT_FIELD_AUDITOR, N_("Auditor"), 124, TRUE },
  { CA_AUDIT_FIELD_TOOL, N_("Tool"), 136, TRUE },
};

#define N_COLUMNS G_N_ELEMENTS (columns)

/* What a column's title cannot say in a word or two. */
static const struct
{
  CaAuditField  field;
  const char   *tooltip;
} explanations[] = {
  { CA_AUDIT_FIELD_DUE_DATE,
    N_("The next date each audit waits on: its return until it is submitted, then the check of "
       "its recommendations, then the manager’s response") },
};

/* No narrower than this by resizing: room for a few letters and the padding. */
#define NARROWEST 40

struct _CaAuditColumns
{
  GObject parent_instance;

  int     widths[N_COLUMNS];  /* at normal text size; shown times the text's scale */
  double  scale;
};

G_DEFINE_FINAL_TYPE (CaAuditColumns, ca_audit_columns, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
ca_audit_columns_class_init (CaAuditColumnsClass *klass)
{
  /**
   * CaAuditColumns::changed:
   *
   * A column was resized: every row lays out again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ca_audit_columns_init (CaAuditColumns *self)
{
  self->scale = 1.0;
  for (guint i = 0; i < N_COLUMNS; i++)
    self->widths[i] = columns[i].width;
}

CaAuditColumns *
ca_audit_columns_new (void)
{
  return g_object_new (CA_TYPE_AUDIT_COLUMNS, NULL);
}

guint
ca_audit_columns_get_n_columns (CaAuditColumns *self)
{
  return N_COLUMNS;
}

CaAuditField
ca_audit_columns_get_field (CaAuditColumns *self,
                            guint           column)
{
  g_return_val_if_fail (column < N_COLUMNS, CA_AUDIT_FIELD_CASE_REF);

  return columns[column].field;
}

/* Returns: the column's title, translated */
const char *
ca_audit_columns_get_title (CaAuditColumns *self,
                            guint           column)
{
  g_return_val_if_fail (column < N_COLUMNS, NULL);

  return _(columns[column].title);
}

int
ca_audit_columns_get_width (CaAuditColumns *self,
                            guint           column)
{
  g_return_val_if_fail (CA_IS_AUDIT_COLUMNS (self), 0);
  g_return_val_if_fail (column < N_COLUMNS, 0);

  return (int) (self->widths[column] * self->scale + 0.5);
}

/* Returns: (nullable): what @column shows, in a sentence, for its title's tooltip */
const char *
ca_audit_columns_get_explanation (CaAuditColumns *self,
                                  guint           column)
{
  CaAuditField field = ca_audit_columns_get_field (self, column);

  for (guint i = 0; i < G_N_ELEMENTS (explanations); i++)
    if (explanations[i].field == field)
      return _(explanations[i].tooltip);
  return NULL;
}

/* The width of a row with every column at its own width: narrower, the list scrolls sideways. */
int
ca_audit_columns_get_min_width (CaAuditColumns *self)
{
  int width = 0;

  g_return_val_if_fail (CA_IS_AUDIT_COLUMNS (self), 0);

  for (guint i = 0; i < N_COLUMNS; i++)
    width += ca_audit_columns_get_width (self, i);
  return width;
}

/**
 * ca_audit_columns_place:
 * @row_width: the width of the row (or header) the column is in
 * @x: (out): where the column starts
 * @width: (out): its width
 *
 * Where @column lies in a row @row_width wide: each column at its width, and the room left
 * over shared by the columns that expand, the last of them taking what division leaves.
 */
void
ca_audit_columns_place (CaAuditColumns *self,
                        int             row_width,
                        guint           column,
                        int            *x,
                        int            *width)
{
  int extra, shared, start = 0;
  guint n_expand = 0;

  g_return_if_fail (CA_IS_AUDIT_COLUMNS (self));
  g_return_if_fail (column < N_COLUMNS);

  for (guint i = 0; i < N_COLUMNS; i++)
    n_expand += columns[i].expand;
  extra = MAX (row_width - ca_audit_columns_get_min_width (self), 0);
  shared = extra / (int) n_expand;

  for (guint i = 0, expanded = 0; i <= column; i++)
    {
      int w = ca_audit_columns_get_width (self, i);

      if (columns[i].expand)
        w += ++expanded == n_expand ? extra - shared * (int) (n_expand - 1) : shared;
      if (i == column)
        {
          *x = start;
          *width = w;
        }
      start += w;
    }
}

/* Sets @column's own width, as a drag of its edge in the header does. */
void
ca_audit_columns_resize (CaAuditColumns *self,
                         guint           column,
                         int             width)
{
  g_return_if_fail (CA_IS_AUDIT_COLUMNS (self));
  g_return_if_fail (column < N_COLUMNS);

  width = MAX (width, NARROWEST);
  if (ca_audit_columns_get_width (self, column) == width)
    return;
  self->widths[column] = (int) (width / self->scale + 0.5);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * ca_audit_columns_get_text_scale:
 *
 * Returns: how much larger than normal the text is, as last set (1 at normal size)
 */
double
ca_audit_columns_get_text_scale (CaAuditColumns *self)
{
  g_return_val_if_fail (CA_IS_AUDIT_COLUMNS (self), 1.0);

  return self->scale;
}

/**
 * ca_audit_columns_set_text_scale:
 * @scale: how much larger than normal the text is (1.5 at 150% text); never below 1
 *
 * Widens every column with the text, so that large text is not cut short ("CA-12…").
 */
void
ca_audit_columns_set_text_scale (CaAuditColumns *self,
                                 double          scale)
{
  g_return_if_fail (CA_IS_AUDIT_COLUMNS (self));

  scale = MAX (scale, 1.0);
  if (G_APPROX_VALUE (self->scale, scale, 0.01))
    return;
  self->scale = scale;
  g_signal_emit (self, signals[CHANGED], 0);
}
