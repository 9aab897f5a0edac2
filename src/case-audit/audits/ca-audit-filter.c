// SPDX-License-Identifier: GPL-3.0-or-later
// Filters the audits list by search text, status, what is due, grade and service area.

#define G_LOG_DOMAIN "ca-audit-filter"

#include "config.h"

#include <string.h>

#include "ca-audit-filter.h"
#include "core/ca-date.h"

struct _CaAuditFilter
{
  GtkFilter   parent_instance;

  char       *folded_text;
  const char *service_area;  /* interned, compared by pointer */
  int         status;
  int         grade;
  CaDueWindow  due;
  char        due_from[11];  /* ISO dates, inclusive; an empty from has no lower limit */
  char        due_to[11];
};

G_DEFINE_FINAL_TYPE (CaAuditFilter, ca_audit_filter, GTK_TYPE_FILTER)

/**
 * ca_audit_filter_match_row:
 * @filter: a #CaAuditFilter
 *
 * Whether the filter lets @row through: the same answer as for the row's #CaAudit, for
 * lists that filter rows without making their objects (a #CaAuditRowFilterFunc).
 */
gboolean
ca_audit_filter_match_row (const CaAuditRow *row,
                           gpointer          filter)
{
  CaAuditFilter *self = filter;

  if (self->status != CA_AUDIT_FILTER_ANY && (int) row->status != self->status)
    return FALSE;
  if (self->grade != CA_AUDIT_FILTER_ANY && (int) row->overall_grade != self->grade)
    return FALSE;
  if (self->service_area != NULL && row->service_area->name != self->service_area)
    return FALSE;
  /* ISO dates compare as text. */
  if (self->due != CA_DUE_WINDOW_ANY &&
      (row->due_date == NULL || strcmp (row->due_date, self->due_from) < 0 ||
       strcmp (row->due_date, self->due_to) > 0))
    return FALSE;
  return ca_audit_row_matches (row, self->folded_text);
}

static gboolean
ca_audit_filter_match (GtkFilter *filter,
                       gpointer   item)
{
  return ca_audit_filter_match_row (ca_audit_get_row (item), filter);
}

static GtkFilterMatch
ca_audit_filter_get_strictness (GtkFilter *filter)
{
  CaAuditFilter *self = CA_AUDIT_FILTER (filter);

  if (self->status == CA_AUDIT_FILTER_ANY && self->grade == CA_AUDIT_FILTER_ANY &&
      self->due == CA_DUE_WINDOW_ANY && self->service_area == NULL && (self->folded_text == NULL || !*self->folded_text))
    return GTK_FILTER_MATCH_ALL;
  return GTK_FILTER_MATCH_SOME;
}

static void
ca_audit_filter_finalize (GObject *object)
{
  CaAuditFilter *self = (CaAuditFilter *) object;

  g_clear_pointer (&self->folded_text, g_free);

  G_OBJECT_CLASS (ca_audit_filter_parent_class)->finalize (object);
}

static void
ca_audit_filter_class_init (CaAuditFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = ca_audit_filter_finalize;
  filter_class->match = ca_audit_filter_match;
  filter_class->get_strictness = ca_audit_filter_get_strictness;
}

static void
ca_audit_filter_init (CaAuditFilter *self)
{
  self->status = CA_AUDIT_FILTER_ANY;
  self->grade = CA_AUDIT_FILTER_ANY;
}

CaAuditFilter *
ca_audit_filter_new (void)
{
  return g_object_new (CA_TYPE_AUDIT_FILTER, NULL);
}

void
ca_audit_filter_set_search_text (CaAuditFilter *self,
                                 const char    *text)
{
  g_autofree char *folded = NULL;
  GtkFilterChange change;

  g_return_if_fail (CA_IS_AUDIT_FILTER (self));

  folded = g_utf8_casefold (text ? text : "", -1);
  if (g_strcmp0 (folded, self->folded_text ? self->folded_text : "") == 0)
    return;

  /* Typing more only narrows the list, so GTK need not look at hidden rows again. */
  if (self->folded_text == NULL || strstr (folded, self->folded_text) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->folded_text, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->folded_text);
  self->folded_text = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self), change);
}

void
ca_audit_filter_set_status (CaAuditFilter *self,
                            int            status)
{
  g_return_if_fail (CA_IS_AUDIT_FILTER (self));

  if (self->status == status)
    return;
  self->status = status;
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

void
ca_audit_filter_set_grade (CaAuditFilter *self,
                           int            grade)
{
  g_return_if_fail (CA_IS_AUDIT_FILTER (self));

  if (self->grade == grade)
    return;
  self->grade = grade;
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

/**
 * ca_audit_filter_set_due:
 * @window: which audits, by when their next date falls (ca_due_window_get_days())
 * @today: the day "overdue" and "this week" are counted from
 *
 * Lets through only the audits whose next date (see ca_audit_next_due()) is in @window: the
 * Overdue and Due This Week choices of the status filter.
 */
void
ca_audit_filter_set_due (CaAuditFilter *self,
                         CaDueWindow    window,
                         const GDate   *today)
{
  GDate from, to;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;

  g_return_if_fail (CA_IS_AUDIT_FILTER (self));

  ca_due_window_get_days (window, today, &from, &to);
  from_text = g_date_valid (&from) ? ca_date_format (&from) : g_strdup ("");
  to_text = g_date_valid (&to) ? ca_date_format (&to) : g_strdup ("");
  if (self->due == window && g_str_equal (self->due_from, from_text) &&
      g_str_equal (self->due_to, to_text))
    return;

  self->due = window;
  g_strlcpy (self->due_from, from_text, sizeof self->due_from);
  g_strlcpy (self->due_to, to_text, sizeof self->due_to);
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

void
ca_audit_filter_set_service_area (CaAuditFilter *self,
                                  const char    *service_area)
{
  const char *interned;

  g_return_if_fail (CA_IS_AUDIT_FILTER (self));

  interned = service_area ? g_intern_string (service_area) : NULL;
  if (self->service_area == interned)
    return;
  self->service_area = interned;
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}
