// SPDX-License-Identifier: GPL-3.0-or-later
// The Audits view: every audit, searchable, filterable and sortable by each column.

#define G_LOG_DOMAIN "ca-audits-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit.h"
#include "ca-audit-columns.h"
#include "ca-audit-filter.h"
#include "ca-audit-list-header.h"
#include "ca-audit-list-row.h"
#include "ca-audit-list-updater.h"
#include "ca-audit-list.h"
#include "ca-audits-view.h"
#include "ca-list-access.h"
#include "core/ca-date.h"

struct _CaAuditsView
{
  GtkWidget           parent_instance;

  CaAuditStore       *store;
  CaContext          *context;  /* today, for what is overdue */
  CaAuditList        *list;    /* the store sorted and filtered, over its plain rows */
  CaAuditFilter      *filter;
  CaAuditListUpdater *updater;

  GtkFlowBox         *filter_bar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *grade_dropdown;
  GtkDropDown        *area_dropdown;
  GtkStringList      *area_list;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkBox             *list_box;
  GtkScrolledWindow  *list_scroller;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  CaAuditColumns     *columns;
  CaAuditListHeader  *header;
};

G_DEFINE_FINAL_TYPE (CaAuditsView, ca_audits_view, GTK_TYPE_WIDGET)

/* The grade-dropdown row after the four grades stands for "not graded". */
#define GRADE_ROW_NOT_GRADED 5

/* The status-dropdown rows after the four statuses choose by what is due next. */
#define STATUS_ROW_OVERDUE       5
#define STATUS_ROW_DUE_THIS_WEEK 6

static void
update_count (CaAuditsView *self)
{
  guint shown = self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  guint total = self->store ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (NULL, "%u audit", "%u audits", total), total);
  else
    /* Translators: "Showing 12 of 10800 audits" */
    text = g_strdup_printf (g_dngettext (NULL, "Showing %u of %u audit",
                                         "Showing %u of %u audits", total), shown, total);
  gtk_label_set_label (self->count_label, text);

  gtk_stack_set_visible_child_name (self->list_stack, shown == 0 && total > 0 ? "empty" : "list");
}

static void
update_service_areas (CaAuditsView *self)
{
  const char * const *areas = ca_audit_store_get_service_areas (self->store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->area_list));

  /* Keep the first row, "All service areas". */
  gtk_string_list_splice (self->area_list, 1, n - 1, areas);
}

static void
list_items_changed_cb (CaAuditsView *self)
{
  update_count (self);
}

static void
filter_changed_cb (CaAuditsView    *self,
                   GtkFilterChange  change)
{
  /* Typing more only narrows the list: only the rows shown need looking at again. */
  if (self->list != NULL)
    ca_audit_list_refilter (self->list, change == GTK_FILTER_CHANGE_MORE_STRICT);
}

static void
sorter_changed_cb (CaAuditsView *self)
{
  CaAuditField field = CA_AUDIT_FIELD_CASE_REF;
  gboolean descending = FALSE;
  gboolean sorted;

  if (self->list == NULL)
    return;
  sorted = ca_audit_list_header_get_sort (self->header, &field, &descending);
  ca_audit_list_set_sort (self->list, sorted, field, descending);
}

static void
store_items_changed_cb (CaAuditsView *self)
{
  update_service_areas (self);
  update_count (self);
}

static void
search_changed_cb (CaAuditsView *self)
{
  ca_audit_filter_set_search_text (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (CaAuditsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
filters_changed_cb (CaAuditsView *self)
{
  guint status_row = gtk_drop_down_get_selected (self->status_dropdown);
  guint grade_row = gtk_drop_down_get_selected (self->grade_dropdown);
  guint area_row = gtk_drop_down_get_selected (self->area_dropdown);
  int grade = CA_AUDIT_FILTER_ANY;
  int status = CA_AUDIT_FILTER_ANY;
  CaDueWindow due = CA_DUE_WINDOW_ANY;
  GDate today;

  /* Row 0 of each dropdown is "All …". */
  if (grade_row == GRADE_ROW_NOT_GRADED)
    grade = CA_GRADE_NONE;
  else if (grade_row != 0 && grade_row != GTK_INVALID_LIST_POSITION)
    grade = (int) grade_row;

  if (status_row == STATUS_ROW_OVERDUE)
    due = CA_DUE_WINDOW_OVERDUE;
  else if (status_row == STATUS_ROW_DUE_THIS_WEEK)
    due = CA_DUE_WINDOW_THIS_WEEK;
  else if (status_row != 0 && status_row != GTK_INVALID_LIST_POSITION)
    status = (int) status_row - 1;

  if (self->context != NULL)
    ca_context_get_today (self->context, &today);
  else
    ca_date_set_today (&today);
  ca_audit_filter_set_status (self->filter, status);
  ca_audit_filter_set_due (self->filter, due, &today);
  ca_audit_filter_set_grade (self->filter, grade);
  ca_audit_filter_set_service_area (self->filter,
                                    area_row == 0 || area_row == GTK_INVALID_LIST_POSITION
                                      ? NULL
                                      : gtk_string_list_get_string (self->area_list, area_row));
}

static void
row_activated_cb (CaAuditsView *self,
                  guint         position)
{
  g_autoptr(CaAudit) audit = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (audit != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-audit", "x",
                                ca_audit_get_id (audit));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CaAuditsView *self = CA_AUDITS_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->grade_dropdown, 0);
  gtk_drop_down_set_selected (self->area_dropdown, 0);
}

static void
ca_audits_view_dispose (GObject *object)
{
  CaAuditsView *self = (CaAuditsView *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_AUDITS_VIEW);
  /* The template's outer box has no name, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->updater);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->filter);
  g_clear_object (&self->columns);

  G_OBJECT_CLASS (ca_audits_view_parent_class)->dispose (object);
}

static void
ca_audits_view_class_init (CaAuditsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_audits_view_dispose;

  g_type_ensure (CA_TYPE_AUDIT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ca-audits-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CaAuditsView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, CaAuditsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CaAuditsView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaAuditsView, grade_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaAuditsView, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaAuditsView, area_list);
  gtk_widget_class_bind_template_child (widget_class, CaAuditsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CaAuditsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CaAuditsView, list_box);
  gtk_widget_class_bind_template_child (widget_class, CaAuditsView, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, CaAuditsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CaAuditsView, selection);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "audits.clear-filters", NULL,
                                   clear_filters_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CaAuditsView             *self)
{
  gtk_list_item_set_child (list_item, ca_audit_list_row_new (self->columns));
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CaAuditsView             *self)
{
  ca_audit_list_row_set_audit (CA_AUDIT_LIST_ROW (gtk_list_item_get_child (list_item)),
                               gtk_list_item_get_item (list_item));
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CaAuditsView             *self)
{
  ca_audit_list_row_set_audit (CA_AUDIT_LIST_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* A row is one CaAuditListRow, told its audit when bound, under titles that sort and resize
 * the columns it draws. */
static void
set_up_list (CaAuditsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->columns = ca_audit_columns_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  self->header = CA_AUDIT_LIST_HEADER (ca_audit_list_header_new (self->columns));
  ca_audit_list_header_set_hadjustment (self->header,
                                        gtk_scrolled_window_get_hadjustment (self->list_scroller));
  gtk_box_prepend (self->list_box, GTK_WIDGET (self->header));
  ca_list_tab_leaves (GTK_WIDGET (self->list_view));
  ca_list_name_drop_down (self->status_dropdown, _("Filter by status"));
  ca_list_name_drop_down (self->grade_dropdown, _("Filter by grade"));
  ca_list_name_drop_down (self->area_dropdown, _("Filter by service area"));
}

static void
ca_audits_view_init (CaAuditsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_up_list (self);

  /* The filter and the columns' sorters say what to show; CaAuditList does it over the
   * store's rows, which takes a few milliseconds for 36,000 of them and makes no object
   * for a row until it is on screen. */
  self->filter = ca_audit_filter_new ();
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->header, "sort-changed", G_CALLBACK (sorter_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  /* GTK 4.8's flow box holds Tab on the next sensitive child even when nothing in it takes
   * the focus, so the count after the last filter is made insensitive (style.css keeps its
   * look), or Tab would never go past it to the list. */
  ca_list_flow_box_passes_focus (self->filter_bar);
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->count_label)), FALSE);

  update_count (self);
}

void
ca_audits_view_set_store (CaAuditsView *self,
                          CaAuditStore *store)
{
  g_return_if_fail (CA_IS_AUDITS_VIEW (self));
  g_return_if_fail (store == NULL || CA_IS_AUDIT_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (!g_set_object (&self->store, store))
    return;

  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->list);
  if (store != NULL)
    {
      self->list = ca_audit_list_new (store);
      ca_audit_list_set_filter_func (self->list, ca_audit_filter_match_row, self->filter);
      g_signal_connect_object (self->list, "items-changed",
                               G_CALLBACK (list_items_changed_cb), self, G_CONNECT_SWAPPED);
      sorter_changed_cb (self);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->list));
      g_signal_connect_object (store, "items-changed",
                               G_CALLBACK (store_items_changed_cb), self, G_CONNECT_SWAPPED);
      update_service_areas (self);
    }
  update_count (self);
}

void
ca_audits_view_focus_search (CaAuditsView *self)
{
  g_return_if_fail (CA_IS_AUDITS_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

typedef struct
{
  CaAuditsView *view;
  guint         column;
  GtkSortType   direction;
  guint         filter_step;
  gint64        started;
  gint64        answered;  /* the first tick after the change: the list is in order */
  gint64        painted;   /* the last frame painted */
  gint64        last_tick;
  gint64        longest_stall;
  gulong        paint_handler;
} SortMeasure;

static void
sort_measure_free (SortMeasure *measure)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (measure->view));

  if (clock != NULL)
    g_clear_signal_handler (&measure->paint_handler, clock);
  g_object_unref (measure->view);
  g_free (measure);
}

static void
start_measure (SortMeasure *measure)
{
  measure->started = measure->last_tick = g_get_monotonic_time ();
  measure->answered = 0;
  measure->longest_stall = 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                SortMeasure   *measure)
{
  measure->painted = g_get_monotonic_time ();
}

/* Whether the change is done: the list in its new order and a frame painted with it, or,
 * if no frame came, a second gone by. Notes the first tick after the change. */
static gboolean
measure_done (SortMeasure *measure,
              gint64       now)
{
  if (measure->answered == 0)
    measure->answered = now;
  return measure->painted > measure->answered || now - measure->started > G_USEC_PER_SEC;
}

static void
print_measure (const char  *what,
               const char  *name,
               SortMeasure *measure)
{
  g_print ("%s\t%s\t%.1f ms to %s\t%.1f ms to paint\t%.1f ms longest stall\n", what, name,
           (measure->answered - measure->started) / 1000.0, what,
           (MAX (measure->painted, measure->answered) - measure->started) / 1000.0,
           measure->longest_stall / 1000.0);
}

/* The filters the benchmark times after the sorts, each as the user would set it: the
 * search text straight into the filter (the entry would first wait for typing to pause),
 * the dropdowns by their rows. Each step undoes the one before it where it must. */
static const struct
{
  const char *name;
  const char *search;
  guint       status_row;
  guint       grade_row;
  guint       area_row;
} filter_steps[] = {
  { "search “a”", "a", 0, 0, 0 },
  { "search “an”", "an", 0, 0, 0 },
  { "search cleared", "", 0, 0, 0 },
  { "status: second choice", "", 2, 0, 0 },
  { "status: all", "", 0, 0, 0 },
  { "grade: first choice", "", 0, 1, 0 },
  { "grade: not graded", "", 0, GRADE_ROW_NOT_GRADED, 0 },
  { "grade: all", "", 0, 0, 0 },
  { "service area: first", "", 0, 0, 1 },
  { "service area: all", "", 0, 0, 0 },
};

static void
start_next_filter (SortMeasure *measure)
{
  CaAuditsView *view = measure->view;

  start_measure (measure);
  ca_audit_filter_set_search_text (view->filter, filter_steps[measure->filter_step].search);
  gtk_drop_down_set_selected (view->status_dropdown, filter_steps[measure->filter_step].status_row);
  gtk_drop_down_set_selected (view->grade_dropdown, filter_steps[measure->filter_step].grade_row);
  gtk_drop_down_set_selected (view->area_dropdown, filter_steps[measure->filter_step].area_row);
}

static gboolean
filter_measure_tick (GTask       *task,
                     SortMeasure *measure)
{
  g_autofree char *name = g_strdup_printf ("%s\t%u shown", filter_steps[measure->filter_step].name,
                                           g_list_model_get_n_items (G_LIST_MODEL (measure->view->list)));

  print_measure ("filter", name, measure);
  if (++measure->filter_step == G_N_ELEMENTS (filter_steps))
    {
      g_task_return_boolean (task, TRUE);
      return G_SOURCE_REMOVE;
    }
  start_next_filter (measure);
  return G_SOURCE_CONTINUE;
}

static void
start_next_sort (SortMeasure *measure)
{
  start_measure (measure);
  ca_audit_list_header_sort_by (measure->view->header, measure->column,
                                measure->direction == GTK_SORT_DESCENDING);
}

/* Polled every millisecond: a late poll is a main loop that was busy, which is what a
 * user would feel as a stall. */
static gboolean
sort_measure_tick (gpointer data)
{
  GTask *task = data;
  SortMeasure *measure = g_task_get_task_data (task);
  CaAuditColumns *columns = measure->view->columns;
  gint64 now = g_get_monotonic_time ();

  g_autofree char *name = NULL;

  measure->longest_stall = MAX (measure->longest_stall, now - measure->last_tick);
  measure->last_tick = now;
  /* CaAuditList sorts and filters at once: the tick after is the first the window could
   * answer; the frame painted after it is the first that shows the new rows. */
  if (!measure_done (measure, now))
    return G_SOURCE_CONTINUE;
  if (measure->column == G_MAXUINT)
    return filter_measure_tick (task, measure);
  name = g_strdup_printf ("%s\t%s", ca_audit_columns_get_title (columns, measure->column),
                          measure->direction == GTK_SORT_ASCENDING ? "ascending" : "descending");
  print_measure ("sort", name, measure);

  if (measure->direction == GTK_SORT_ASCENDING)
    measure->direction = GTK_SORT_DESCENDING;
  else
    {
      measure->direction = GTK_SORT_ASCENDING;
      measure->column++;
    }

  if (measure->column == ca_audit_columns_get_n_columns (columns))
    {
      ca_audit_list_header_sort_by (measure->view->header, CA_AUDIT_LIST_UNSORTED, FALSE);
      measure->column = G_MAXUINT;
      start_next_filter (measure);
      return G_SOURCE_CONTINUE;
    }

  start_next_sort (measure);
  return G_SOURCE_CONTINUE;
}

/**
 * ca_audits_view_measure_sorting_async:
 *
 * For the benchmark (CASE_AUDIT_BENCHMARK=1): sorts by each column in turn, both ways,
 * as a header click would, then sets each filter in turn, and prints how long each sort
 * and filter took to finish, to paint its first frame, and the longest time the window
 * could not respond meanwhile.
 */
void
ca_audits_view_measure_sorting_async (CaAuditsView        *self,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  SortMeasure *measure = g_new0 (SortMeasure, 1);

  g_return_if_fail (CA_IS_AUDITS_VIEW (self));

  measure->view = g_object_ref (self);
  measure->direction = GTK_SORT_ASCENDING;
  g_task_set_task_data (task, measure, (GDestroyNotify) sort_measure_free);
  measure->paint_handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)),
                                             "after-paint", G_CALLBACK (after_paint_cb),
                                             measure);

  start_next_sort (measure);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 1, sort_measure_tick, g_object_ref (task),
                      g_object_unref);
}

gboolean
ca_audits_view_measure_sorting_finish (CaAuditsView  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ca_audits_view_set_context:
 *
 * Keeps the list of the store given with ca_audits_view_set_store() current as @context
 * says what changed.
 */
void
ca_audits_view_set_context (CaAuditsView *self,
                            CaContext    *context)
{
  g_return_if_fail (CA_IS_AUDITS_VIEW (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  g_clear_object (&self->updater);
  g_set_object (&self->context, context);
  if (context != NULL && self->store != NULL)
    self->updater = ca_audit_list_updater_new (self->store, context);
}
