// SPDX-License-Identifier: GPL-3.0-or-later
// Widget level: the Audits view's filter, sort and column titles over a real demonstration
// database agree with SQL, and every template loads on this GTK and libadwaita.

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ca-audit.h"
#include "ca-audit-filter.h"
#include "ca-audit-list.h"
#include "ca-audit-columns.h"
#include "ca-audit-list-header.h"
#include "ca-audit-store.h"
#include "ca-audits-view.h"
#include "ca-case-page.h"
#include "ca-context.h"
#include "ca-demo.h"
#include "ca-settings.h"
#include "ca-preferences-window.h"
#include "ca-enums.h"
#include "ca-manager-response-group.h"
#include "ca-moderation-answers.h"
#include "ca-moderation-editor.h"
#include "ca-stores.h"
#include "ca-deadline-store.h"
#include "ca-holiday-store.h"
#include "core/ca-date.h"

static CaDatabase *database;
static CaAuditStore *store;

static guint
count_sql (const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, sql, &error);
  gboolean has_row = FALSE;

  g_assert_no_error (error);
  g_assert_true (ca_statement_step (stmt, &has_row, &error) && has_row);
  return (guint) ca_statement_get_int64 (stmt, 0);
}

static guint
count_filtered (GtkFilterListModel *model)
{
  /* Filtering runs in slices when incremental; wait until it is done. */
  while (gtk_filter_list_model_get_pending (model) > 0)
    g_main_context_iteration (NULL, TRUE);
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static void
test_filter (void)
{
  g_autoptr(CaAuditFilter) filter = ca_audit_filter_new ();
  g_autoptr(GtkFilterListModel) model = NULL;
  g_autoptr(CaAudit) first = NULL;

  model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                     g_object_ref (GTK_FILTER (filter)));
  g_assert_cmpuint (count_filtered (model), ==, count_sql ("SELECT count(*) FROM audit"));

  ca_audit_filter_set_grade (filter, CA_GRADE_INADEQUATE);
  g_assert_cmpuint (count_filtered (model), ==,
                    count_sql ("SELECT count(*) FROM audit WHERE overall_grade = 'inadequate'"));

  ca_audit_filter_set_status (filter, CA_AUDIT_STATUS_SUBMITTED);
  g_assert_cmpuint (count_filtered (model), ==,
                    count_sql ("SELECT count(*) FROM audit WHERE overall_grade = 'inadequate' "
                               "AND status = 'submitted'"));

  ca_audit_filter_set_service_area (filter, "Early Help");
  g_assert_cmpuint (count_filtered (model), ==,
                    count_sql ("SELECT count(*) FROM audit a JOIN case_file c ON c.id = a.case_id "
                               "JOIN team t ON t.id = c.team_id JOIN service_area s "
                               "ON s.id = t.service_area_id WHERE a.overall_grade = 'inadequate' "
                               "AND a.status = 'submitted' AND s.name = 'Early Help'"));

  ca_audit_filter_set_grade (filter, CA_GRADE_NONE);
  ca_audit_filter_set_status (filter, CA_AUDIT_FILTER_ANY);
  ca_audit_filter_set_service_area (filter, NULL);
  g_assert_cmpuint (count_filtered (model), ==,
                    count_sql ("SELECT count(*) FROM audit WHERE overall_grade IS NULL"));

  /* Search is case-blind and finds a case by part of its reference. */
  ca_audit_filter_set_grade (filter, CA_AUDIT_FILTER_ANY);
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  {
    g_autofree char *lower = g_ascii_strdown (ca_audit_get_case_ref (first), -1);
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit a JOIN case_file c "
                                            "ON c.id = a.case_id WHERE c.case_ref = '%s'",
                                            ca_audit_get_case_ref (first));

    ca_audit_filter_set_search_text (filter, lower);
    g_assert_cmpuint (count_filtered (model), ==, count_sql (sql));
  }

  ca_audit_filter_set_search_text (filter, "no audit has this in it");
  g_assert_cmpuint (count_filtered (model), ==, 0);
  ca_audit_filter_set_search_text (filter, "");
  g_assert_cmpuint (count_filtered (model), ==, count_sql ("SELECT count(*) FROM audit"));
}

/* The ids of the audits whose next date (ca_audit_next_due()) falls FROM … TO, worked out
 * from what `case-audit deadlines` lists on TO + 1 day: its audit returns and category
 * deadlines, and a manager's response once the check is done. So the Audits list's Overdue
 * and the command line agree. */
static GHashTable *
audits_due (const GDate *from,
            const GDate *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_store_load_calendar (database, &error);
  g_autoptr(GPtrArray) items = NULL;
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GDate day_after = *to;

  g_assert_no_error (error);
  g_date_add_days (&day_after, 1);
  items = ca_deadline_store_list (database, calendar, &day_after, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      CaDeadlineItem *item = g_ptr_array_index (items, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE id = %" G_GINT64_FORMAT
                                              " AND status = 'submitted' AND %s",
                                              item->audit_id,
                                              item->kind == CA_DEADLINE_KIND_REVIEW ? "1" :
                                              "(review_due_at IS NULL OR "
                                              "recommendations_checked_at IS NOT NULL)");

      if ((from != NULL && g_date_compare (&item->due, from) < 0) ||
          g_date_compare (&item->due, to) > 0)
        continue;
      if (item->kind == CA_DEADLINE_KIND_AUDIT_RETURN ||
          ((item->kind == CA_DEADLINE_KIND_REVIEW ||
            item->kind == CA_DEADLINE_KIND_MANAGER_RESPONSE) && count_sql (sql) == 1))
        g_hash_table_add (ids, g_memdup2 (&item->audit_id, sizeof (gint64)));
    }
  return ids;
}

static void
assert_shown_are (GListModel *model,
                  GHashTable *ids)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_hash_table_size (ids));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CaAudit) audit = g_list_model_get_item (model, i);
      gint64 id = ca_audit_get_id (audit);

      g_assert_true (g_hash_table_contains (ids, &id));
    }
}

/* Overdue and Due This Week (issue 12 item 5), on a Wednesday of the demonstration. */
static void
test_due_filter (void)
{
  g_autoptr(CaAuditFilter) filter = ca_audit_filter_new ();
  g_autoptr(GtkFilterListModel) model = NULL;
  g_autoptr(GHashTable) overdue = NULL;
  g_autoptr(GHashTable) this_week = NULL;
  GDate today, yesterday, monday, sunday;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 13, G_DATE_MARCH, 2024);
  yesterday = today;
  g_date_subtract_days (&yesterday, 1);
  ca_date_get_week (&today, &monday, &sunday);
  model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                     g_object_ref (GTK_FILTER (filter)));

  overdue = audits_due (NULL, &yesterday);
  g_assert_cmpuint (g_hash_table_size (overdue), >, 0);
  ca_audit_filter_set_due (filter, CA_DUE_WINDOW_OVERDUE, &today);
  count_filtered (model);
  assert_shown_are (G_LIST_MODEL (model), overdue);

  this_week = audits_due (&monday, &sunday);
  g_assert_cmpuint (g_hash_table_size (this_week), >, 0);
  ca_audit_filter_set_due (filter, CA_DUE_WINDOW_THIS_WEEK, &today);
  count_filtered (model);
  assert_shown_are (G_LIST_MODEL (model), this_week);

  ca_audit_filter_set_due (filter, CA_DUE_WINDOW_ANY, NULL);
  g_assert_cmpuint (count_filtered (model), ==, count_sql ("SELECT count(*) FROM audit"));
}

static int
compare_audits (gconstpointer a,
                gconstpointer b,
                gpointer      field)
{
  return ca_audit_compare ((CaAudit *) a, (CaAudit *) b, GPOINTER_TO_INT (field));
}

/* The order the model layer defines, as a GtkSorter over the store's objects: what
 * CaAuditList must give over its plain rows. */
static GtkSorter *
new_reference_sorter (CaAuditField field)
{
  return GTK_SORTER (gtk_custom_sorter_new (compare_audits, GINT_TO_POINTER (field), NULL));
}

static void
assert_sorted (GListModel   *model,
               CaAuditField  field)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(CaAudit) a = g_list_model_get_item (model, i - 1);
      g_autoptr(CaAudit) b = g_list_model_get_item (model, i);

      g_assert_cmpint (ca_audit_compare (a, b, field), <, 0);
    }
}

static void
record_change_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  guint change[3] = { position, removed, added };

  g_array_append_vals (changes, change, 3);
}

/* The list sorts by every field both ways, in ca_audit_compare()'s order. A new order
 * sends every row away and then the sorted ones, so a view shows it from the top. */
static void
test_sorter (void)
{
  GEnumClass *fields = g_type_class_ref (CA_TYPE_AUDIT_FIELD);
  g_autoptr(CaAuditList) list = ca_audit_list_new (store);

  for (guint i = 0; i < fields->n_values; i++)
    {
      CaAuditField field = fields->values[i].value;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

      ca_audit_list_set_sort (list, TRUE, field, FALSE);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
      assert_sorted (G_LIST_MODEL (list), field);

      ca_audit_list_set_sort (list, TRUE, field, TRUE);
      for (guint k = 1; k < n; k++)
        {
          g_autoptr(CaAudit) a = g_list_model_get_item (G_LIST_MODEL (list), k - 1);
          g_autoptr(CaAudit) b = g_list_model_get_item (G_LIST_MODEL (list), k);

          g_assert_cmpint (ca_audit_compare (a, b, field), >, 0);
        }
    }

  {
    g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));
    guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

    g_signal_connect (list, "items-changed", G_CALLBACK (record_change_cb), changes);
    ca_audit_list_set_sort (list, TRUE, CA_AUDIT_FIELD_TEAM, FALSE);
    g_signal_handlers_disconnect_by_data (list, changes);
    g_assert_cmpuint (changes->len, ==, 6);
    g_assert_cmpuint (g_array_index (changes, guint, 0), ==, 0);
    g_assert_cmpuint (g_array_index (changes, guint, 1), ==, n);
    g_assert_cmpuint (g_array_index (changes, guint, 2), ==, 0);
    g_assert_cmpuint (g_array_index (changes, guint, 3), ==, 0);
    g_assert_cmpuint (g_array_index (changes, guint, 4), ==, 0);
    g_assert_cmpuint (g_array_index (changes, guint, 5), ==, n);
  }

  /* The first case reference in the sort is SQL's smallest. */
  {
    g_autoptr(CaAudit) first = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(CaStatement) stmt =
      ca_database_prepare (database, "SELECT min(c.case_ref) FROM audit a "
                                     "JOIN case_file c ON c.id = a.case_id", &error);
    gboolean has_row;

    ca_audit_list_set_sort (list, TRUE, CA_AUDIT_FIELD_CASE_REF, FALSE);
    first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_true (ca_statement_step (stmt, &has_row, &error) && has_row);
    g_assert_cmpstr (ca_audit_get_case_ref (first), ==, ca_statement_get_text (stmt, 0));
  }

  g_type_class_unref (fields);
}

/* CaAuditList sorts and filters the store's rows as GtkSortListModel and
 * GtkFilterListModel do its objects with the model layer's order and CaAuditFilter. */
static void
assert_same_audits (GListModel *expected,
                    GListModel *model)
{
  guint n = g_list_model_get_n_items (expected);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaAudit) a = g_list_model_get_item (expected, i);
      g_autoptr(CaAudit) b = g_list_model_get_item (model, i);

      g_assert_cmpint (ca_audit_get_id (a), ==, ca_audit_get_id (b));
    }
}

/* The list's own order: the store's, with every Category 1 audit that still waits on
 * something first (a child may be at risk), and at least one of those. */
static void
assert_store_order_urgent_first (GListModel *model)
{
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint n_urgent = 0;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(CaAudit) audit = g_list_model_get_item (G_LIST_MODEL (store), i);
        gboolean urgent = ca_audit_get_category (audit) == 1 &&
                          ca_audit_get_due_kind (audit) != CA_AUDIT_DUE_NONE;
        gint64 id = ca_audit_get_id (audit);

        if (urgent == (pass == 0))
          g_array_append_val (expected, id);
        n_urgent += urgent && pass == 0;
      }
  g_assert_cmpuint (n_urgent, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaAudit) audit = g_list_model_get_item (model, i);

      g_assert_cmpint (ca_audit_get_id (audit), ==, g_array_index (expected, gint64, i));
    }
}

static void
test_list (void)
{
  g_autoptr(CaAuditList) list = ca_audit_list_new (store);
  g_autoptr(CaAuditFilter) filter = ca_audit_filter_new ();
  GEnumClass *fields = g_type_class_ref (CA_TYPE_AUDIT_FIELD);

  assert_store_order_urgent_first (G_LIST_MODEL (list));

  ca_audit_list_set_filter_func (list, ca_audit_filter_match_row, filter);
  for (guint i = 0; i < fields->n_values; i++)
    for (guint descending = 0; descending < 2; descending++)
      {
        CaAuditField field = fields->values[i].value;
        g_autoptr(GtkSorter) sorter = new_reference_sorter (field);
        g_autoptr(GtkFilterListModel) filtered = NULL;
        g_autoptr(GtkSortListModel) expected = NULL;

        filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                              g_object_ref (GTK_FILTER (filter)));
        expected = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (filtered)),
                                            g_object_ref (sorter));
        ca_audit_filter_set_grade (filter, i % 2 ? CA_GRADE_GOOD : CA_AUDIT_FILTER_ANY);
        ca_audit_filter_set_search_text (filter, i % 3 ? "" : "a");
        ca_audit_list_refilter (list, FALSE);
        ca_audit_list_set_sort (list, TRUE, field, FALSE);
        assert_same_audits (G_LIST_MODEL (expected), G_LIST_MODEL (list));

        if (descending)
          {
            guint n = g_list_model_get_n_items (G_LIST_MODEL (expected));

            ca_audit_list_set_sort (list, TRUE, field, TRUE);
            for (guint k = 0; k < n; k++)
              {
                g_autoptr(CaAudit) a = g_list_model_get_item (G_LIST_MODEL (expected), k);
                g_autoptr(CaAudit) b = g_list_model_get_item (G_LIST_MODEL (list), n - 1 - k);

                g_assert_cmpint (ca_audit_get_id (a), ==, ca_audit_get_id (b));
              }
          }
      }

  ca_audit_list_set_sort (list, FALSE, CA_AUDIT_FIELD_CASE_REF, FALSE);
  ca_audit_filter_set_grade (filter, CA_AUDIT_FILTER_ANY);
  ca_audit_filter_set_search_text (filter, "");
  ca_audit_list_refilter (list, FALSE);
  assert_store_order_urgent_first (G_LIST_MODEL (list));
  g_type_class_unref (fields);
}

/* What a view would hold, kept by the list's own signals alone. */
static void
shadow_items_changed_cb (GListModel *list,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GArray     *shadow)
{
  g_array_remove_range (shadow, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(CaAudit) audit = g_list_model_get_item (list, position + i);
      gint64 id = ca_audit_get_id (audit);

      g_array_insert_val (shadow, position + i, id);
    }
  *(guint *) g_object_get_data (G_OBJECT (list), "largest") =
    MAX (*(guint *) g_object_get_data (G_OBJECT (list), "largest"), added);
}

/* An audit read again (saved, submitted) moves in the order: the list says so with a signal
 * over the few rows between its old place and its new one, not over the whole list, and
 * what a view kept from the signals is the list. */
static void
test_list_refresh (void)
{
  g_autoptr(CaAuditList) list = ca_audit_list_new (store);
  g_autoptr(CaAuditList) fresh = NULL;
  g_autoptr(GArray) shadow = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAudit) last = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  guint largest = 0;
  guint n;
  gint64 id;

  ca_audit_list_set_sort (list, TRUE, CA_AUDIT_FIELD_DUE_DATE, FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >, 100);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaAudit) audit = g_list_model_get_item (G_LIST_MODEL (list), i);

      id = ca_audit_get_id (audit);
      g_array_append_val (shadow, id);
    }
  g_object_set_data (G_OBJECT (list), "largest", &largest);
  g_signal_connect (list, "items-changed", G_CALLBACK (shadow_items_changed_cb), shadow);

  /* The audit due back last becomes the one due first. (Audits that wait on nothing come
   * after it, and an audit's return date is what it waits on until it is submitted.) */
  for (guint i = n; last == NULL && i > 0; i--)
    {
      g_autoptr(CaAudit) audit = g_list_model_get_item (G_LIST_MODEL (list), i - 1);

      if (ca_audit_get_due_kind (audit) == CA_AUDIT_DUE_RETURN)
        last = g_steal_pointer (&audit);
    }
  g_assert_nonnull (last);
  id = ca_audit_get_id (last);
  stmt = ca_database_prepare (database, "UPDATE audit SET due_date = '1999-01-01' WHERE id = ?",
                              &error);
  g_assert_no_error (error);
  ca_statement_bind_int64 (stmt, 1, id);
  g_assert_true (ca_statement_step (stmt, NULL, &error));
  g_assert_true (ca_audit_store_refresh_audit (store, id, &error));
  g_assert_no_error (error);

  fresh = ca_audit_list_new (store);
  ca_audit_list_set_sort (fresh, TRUE, CA_AUDIT_FIELD_DUE_DATE, FALSE);
  assert_same_audits (G_LIST_MODEL (fresh), G_LIST_MODEL (list));
  g_assert_cmpuint (shadow->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaAudit) audit = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (g_array_index (shadow, gint64, i), ==, ca_audit_get_id (audit));
    }
  {
    g_autoptr(CaAudit) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpint (ca_audit_get_id (first), ==, id);
  }
  /* Moved from last to first, everything between shifts: but an audit read again that keeps
   * its place changes one row alone. */
  largest = 0;
  g_assert_true (ca_audit_store_refresh_audit (store, id, &error));
  g_assert_cmpuint (largest, ==, 1);
  g_signal_handlers_disconnect_by_data (list, shadow);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* A click on a column's title sorts by it, the next the other way; the list is in the
 * store's order until the first click. */
static void
test_header_sort (void)
{
  g_autoptr(CaAuditColumns) columns = ca_audit_columns_new ();
  GtkWidget *header = g_object_ref_sink (ca_audit_list_header_new (columns));
  CaAuditField field;
  gboolean descending;
  guint changes = 0, column = 0;

  g_signal_connect (header, "sort-changed", G_CALLBACK (count_cb), &changes);
  g_assert_false (ca_audit_list_header_get_sort (CA_AUDIT_LIST_HEADER (header), &field,
                                                 &descending));

  for (GtkWidget *title = gtk_widget_get_first_child (header); title != NULL;
       title = gtk_widget_get_next_sibling (title), column++)
    {
      g_assert_true (GTK_IS_BUTTON (title));
      for (guint way = 0; way < 2; way++)
        {
          g_signal_emit_by_name (title, "clicked");
          g_assert_true (ca_audit_list_header_get_sort (CA_AUDIT_LIST_HEADER (header), &field,
                                                        &descending));
          g_assert_cmpint (field, ==, ca_audit_columns_get_field (columns, column));
          g_assert_cmpint (descending, ==, way);
        }
    }
  g_assert_cmpuint (column, ==, ca_audit_columns_get_n_columns (columns));
  g_assert_cmpuint (changes, ==, 2 * column);

  ca_audit_list_header_sort_by (CA_AUDIT_LIST_HEADER (header), CA_AUDIT_LIST_UNSORTED, FALSE);
  g_assert_false (ca_audit_list_header_get_sort (CA_AUDIT_LIST_HEADER (header), &field,
                                                 &descending));
  g_assert_finalize_object (header);
}

/* The columns fill a row: each at its width, wider rows shared by the expanding ones, and
 * a resized column moves those after it. */
static void
test_columns (void)
{
  g_autoptr(CaAuditColumns) columns = ca_audit_columns_new ();
  guint n = ca_audit_columns_get_n_columns (columns), changes = 0;
  int narrow = ca_audit_columns_get_min_width (columns);

  for (int width = narrow - 100; width <= narrow + 333; width += 433)
    {
      int end = 0;

      for (guint i = 0; i < n; i++)
        {
          int x, w;

          ca_audit_columns_place (columns, width, i, &x, &w);
          g_assert_cmpint (x, ==, end);
          g_assert_cmpint (w, >=, ca_audit_columns_get_width (columns, i));
          end = x + w;
        }
      g_assert_cmpint (end, ==, MAX (width, narrow));
    }

  g_signal_connect (columns, "changed", G_CALLBACK (count_cb), &changes);
  ca_audit_columns_resize (columns, 0, ca_audit_columns_get_width (columns, 0) + 50);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (ca_audit_columns_get_min_width (columns), ==, narrow + 50);
  {
    int x, w;

    ca_audit_columns_place (columns, narrow + 50, 1, &x, &w);
    g_assert_cmpint (x, ==, ca_audit_columns_get_width (columns, 0));
  }
  /* Never so narrow that nothing fits. */
  ca_audit_columns_resize (columns, 0, 1);
  g_assert_cmpint (ca_audit_columns_get_width (columns, 0), >, 1);
}

static void
test_templates (void)
{
  GtkWidget *view = g_object_ref_sink (g_object_new (CA_TYPE_AUDITS_VIEW, NULL));
  GtkWidget *page = g_object_ref_sink (g_object_new (CA_TYPE_CASE_PAGE, NULL));
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;

  ca_audits_view_set_store (CA_AUDITS_VIEW (view), store);
  ca_audits_view_set_store (CA_AUDITS_VIEW (view), NULL);

  gtk_builder_add_from_resource (builder, RESOURCE_BASE "/ui/ca-shortcuts-window.ui", &error);
  g_assert_no_error (error);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  g_assert_finalize_object (view);
  g_assert_finalize_object (page);
}

/* The manager response group loads a submitted audit with actions, and frees it all. */
static void
test_response_group (void)
{
  GtkWidget *group = g_object_ref_sink (ca_manager_response_group_new ());
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database,
                              "SELECT audit_id FROM action a JOIN audit ON audit.id = a.audit_id "
                              "WHERE audit.status = 'submitted' ORDER BY audit_id LIMIT 1",
                              &error);
  g_assert_no_error (error);
  g_assert_true (ca_statement_step (stmt, &has_row, &error));
  g_assert_true (has_row);
  g_assert_true (ca_manager_response_group_load (CA_MANAGER_RESPONSE_GROUP (group), database,
                                                 ca_statement_get_int64 (stmt, 0), &error));
  g_assert_no_error (error);
  /* Loading again replaces what the first load made. */
  g_assert_true (ca_manager_response_group_load (CA_MANAGER_RESPONSE_GROUP (group), database,
                                                 ca_statement_get_int64 (stmt, 0), &error));
  g_assert_no_error (error);
  g_assert_finalize_object (group);
}

/* The rows under ROOT titled TITLE. */
static guint
count_rows_titled (GtkWidget  *root,
                   const char *title)
{
  guint n = ADW_IS_PREFERENCES_ROW (root) &&
            g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows_titled (child, title);
  return n;
}

/* The auditor's answers in the Stage 2 form are made the first time their row is opened, not
 * with the form, and only once; the row keeps its own copy of them. */
static void
test_moderation_answers (void)
{
  CaModeratedSection *section = ca_moderated_section_new ("assessment", "Assessment",
                                                          CA_GRADE_GOOD, NULL);
  GtkWidget *row;

  ca_moderated_section_add_answer (section, "assessment.seen", "Was the child seen?", "Yes");
  ca_moderated_section_add_answer (section, "assessment.alone", "Was the child seen alone?",
                                   "No");
  row = g_object_ref_sink (ca_moderation_answers_new_row (section));
  ca_moderated_section_free (section);
  g_assert_cmpuint (count_rows_titled (row, "Was the child seen alone?"), ==, 0);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_assert_cmpuint (count_rows_titled (row, "Was the child seen?"), ==, 1);
  g_assert_cmpuint (count_rows_titled (row, "Was the child seen alone?"), ==, 1);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_assert_cmpuint (count_rows_titled (row, "Was the child seen alone?"), ==, 1);
  g_assert_finalize_object (row);
}

static void
moderation_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ca_moderation_editor_load_finish (CA_MODERATION_EDITOR (source), result,
                                                   &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The Stage 2 form is built as the audit form is: its first screenful at once, the rest (the
 * other sections, then the moderator's conclusions) once that is painted. */
static void
test_moderation_built_in_parts (void)
{
  g_autoptr(GSettings) settings = ca_settings_new ();
  g_autoptr(CaContext) context = ca_context_new (database, settings);
  GtkWidget *window = gtk_window_new ();
  CaModerationEditor *editor = g_object_new (CA_TYPE_MODERATION_EDITOR, NULL);
  const char *overall = "Your grade for the audit overall";
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gboolean loaded = FALSE;

  ca_moderation_editor_set_context (editor, context);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (window));
  ca_moderation_editor_load_async (editor, count_sql ("SELECT max(id) FROM moderation"), NULL,
                                   moderation_loaded_cb, &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_rows_titled (GTK_WIDGET (editor), "Auditor’s overall grade"), ==, 1);
  g_assert_cmpuint (count_rows_titled (GTK_WIDGET (editor), overall), ==, 0);

  while (count_rows_titled (GTK_WIDGET (editor), overall) == 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_rows_titled (GTK_WIDGET (editor), overall), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The preferences window loads on this GTK and libadwaita, with the database's numbers. */
static void
test_preferences_window (void)
{
  g_autoptr(GSettings) settings = ca_settings_new ();
  g_autoptr(CaContext) context = ca_context_new (database, settings);
  CaPreferencesWindow *window = ca_preferences_window_new (NULL, context);
  GtkWidget *child;
  guint n_spins = 0;

  g_object_ref (window);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (window)); child != NULL; )
    {
      /* Depth first through the whole window. */
      if (GTK_IS_SPIN_BUTTON (child))
        n_spins++;
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child != NULL && child != GTK_WIDGET (window)
                    ? gtk_widget_get_next_sibling (child) : NULL;
        }
    }
  /* Six deadline numbers, the year of the bank holidays, the audits a month of each of the
   * eleven roles with a quota, and the moderation sample's share and due day (its moderators'
   * rows come later, from the worker). */
  g_assert_cmpuint (n_spins, ==, 20);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  CaDemoOptions options;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  folder = g_dir_make_tmp ("case-audit-models-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (folder, "demo.db", NULL);
  database = ca_stores_open (path, CA_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  ca_demo_options_init (&options);
  options.years = 1;
  options.until_year = 2024;
  options.until_month = 3;
  g_assert_true (ca_demo_generate (database, &options, NULL, NULL, NULL, &error));
  store = ca_audit_store_new (database);
  g_assert_true (ca_audit_store_reload (store, &error));

  g_test_add_func ("/audit-models/filter", test_filter);
  g_test_add_func ("/audit-models/due-filter", test_due_filter);
  g_test_add_func ("/audit-models/sorter", test_sorter);
  g_test_add_func ("/audit-models/list", test_list);
  g_test_add_func ("/audit-models/list-refresh", test_list_refresh);
  g_test_add_func ("/audit-models/header-sort", test_header_sort);
  g_test_add_func ("/audit-models/columns", test_columns);
  g_test_add_func ("/audit-models/templates", test_templates);
  g_test_add_func ("/audit-models/response-group", test_response_group);
  g_test_add_func ("/audit-models/moderation-answers", test_moderation_answers);
  g_test_add_func ("/audit-models/moderation-built-in-parts", test_moderation_built_in_parts);
  g_test_add_func ("/audit-models/preferences-window", test_preferences_window);
  status = g_test_run ();

  g_clear_object (&store);
  g_clear_object (&database);
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix ? NULL : "-wal")
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);
      g_remove (file);
    }
  {
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_remove (shm);
  }
  g_rmdir (folder);
  return status;
}
