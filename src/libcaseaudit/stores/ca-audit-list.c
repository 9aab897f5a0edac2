// SPDX-License-Identifier: GPL-3.0-or-later
// The audits of a CaAuditStore sorted by one field and filtered, worked out over its rows.

#define G_LOG_DOMAIN "ca-audit-list"

#include "config.h"

#include "ca-audit-list.h"

/* GtkSortListModel and GtkFilterListModel would ask the store for every row's object to
 * sort or match it; this list sorts and matches the store's plain rows, and asks for an
 * object only for a row someone asks for, the few on screen. */
struct _CaAuditList
{
  GObject               parent_instance;

  CaAuditStore         *store;
  gboolean              sorted;
  CaAuditField          field;
  gboolean              descending;
  CaAuditRowFilterFunc  filter;
  gpointer              filter_data;

  GArray               *order;  /* every store position, in the sort's order */
  GArray               *shown;  /* the positions of order that the filter lets through */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaAuditList, ca_audit_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

typedef struct
{
  const CaAuditRow *rows;
  CaAuditField      field;
} SortBy;

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  const SortBy *by = data;

  return ca_audit_row_compare (&by->rows[*(const guint *) a], &by->rows[*(const guint *) b],
                               by->field);
}

static void
reverse (GArray *positions)
{
  for (guint i = 0, j = positions->len; i + 1 < j; i++, j--)
    {
      guint swap = g_array_index (positions, guint, i);

      g_array_index (positions, guint, i) = g_array_index (positions, guint, j - 1);
      g_array_index (positions, guint, j - 1) = swap;
    }
}

/* The store's own order, with the urgent rows (ca_audit_row_is_urgent()) moved to the front:
 * what the list shows until a column is chosen. */
static void
order_urgent_first (CaAuditList      *self,
                    const CaAuditRow *rows,
                    guint             n)
{
  guint next = 0;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      if (ca_audit_row_is_urgent (&rows[i]) == (pass == 0))
        g_array_index (self->order, guint, next++) = i;
}

/* Every order is total (ties go by id), so descending is ascending backwards. */
static void
sort (CaAuditList *self)
{
  guint n;
  SortBy by = { ca_audit_store_get_rows (self->store, &n), self->field };

  g_array_set_size (self->order, n);
  if (!self->sorted)
    {
      order_urgent_first (self, by.rows, n);
      return;
    }
  for (guint i = 0; i < n; i++)
    g_array_index (self->order, guint, i) = i;
  g_qsort_with_data (self->order->data, n, sizeof (guint), compare_positions, &by);
  if (self->descending)
    reverse (self->order);
}

/* Keeps the rows of @from that the filter lets through. */
static GArray *
filter (CaAuditList *self,
        GArray      *from)
{
  GArray *shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), from->len);
  guint n;
  const CaAuditRow *rows = ca_audit_store_get_rows (self->store, &n);

  for (guint i = 0; i < from->len; i++)
    {
      guint position = g_array_index (from, guint, i);

      if (self->filter == NULL || self->filter (&rows[position], self->filter_data))
        g_array_append_val (shown, position);
    }
  return shown;
}

/* A new order or a new filter (FROM_TOP) sends the old rows away in one signal and the new
 * ones in a second, so that the view shows the new rows from the first. One signal for the
 * whole change, as GtkSortListModel gives, would keep the view on the row it showed, now
 * somewhere else in the order, and GTK would look for the rows it shows by identity among
 * every row the signal adds (gtk_list_item_manager_model_items_changed_cb), making an object
 * for each: half of a sort's time, now that a row is one widget and cheap to make again. */
static void
replace_shown (CaAuditList *self,
               GArray      *shown,
               gboolean     from_top)
{
  guint removed = self->shown->len;

  /* While the first signal is heard, the list is empty. */
  if (from_top && removed > 0 && shown->len > 0)
    {
      g_array_set_size (self->shown, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      removed = 0;
    }
  g_array_unref (self->shown);
  self->shown = shown;
  if (removed > 0 || shown->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, shown->len);
}

/* At most this many of the store's rows read again are followed row by row. */
#define FEW_CHANGED 64

static gboolean
is_changed (guint position,
            guint changed_from,
            guint n_changed)
{
  return position >= changed_from && position < changed_from + n_changed;
}

/* The store's rows CHANGED_FROM … + N_CHANGED were read again (an audit saved, submitted,
 * allocated): only the part of the list between the first and the last row that differ, or
 * that show a changed row, is said to have changed, so the view keeps its place and the
 * rows it shows, and GTK's search above covers a few rows, not all. */
static void
update_shown (CaAuditList *self,
              GArray      *shown,
              guint        changed_from,
              guint        n_changed)
{
  GArray *old = self->shown;
  guint n = MIN (old->len, shown->len);
  guint first = 0, last = 0;

  while (first < n &&
         g_array_index (old, guint, first) == g_array_index (shown, guint, first) &&
         !is_changed (g_array_index (shown, guint, first), changed_from, n_changed))
    first++;
  while (last < n - first &&
         g_array_index (old, guint, old->len - 1 - last) ==
         g_array_index (shown, guint, shown->len - 1 - last) &&
         !is_changed (g_array_index (shown, guint, shown->len - 1 - last), changed_from,
                      n_changed))
    last++;

  self->shown = shown;
  if (first + last < old->len || first + last < shown->len)
    g_list_model_items_changed (G_LIST_MODEL (self), first, old->len - first - last,
                                shown->len - first - last);
  g_array_unref (old);
}

static void
store_items_changed_cb (CaAuditList *self,
                        guint        position,
                        guint        removed,
                        guint        added)
{
  /* A refreshed audit can move in the order and in or out of the filter. A reload (rows
   * removed or added, or all of them read again) renumbers the store's rows: the list
   * starts again. */
  sort (self);
  if (removed == added && added <= FEW_CHANGED)
    update_shown (self, filter (self, self->order), position, added);
  else
    replace_shown (self, filter (self, self->order), FALSE);
}

static GType
list_model_get_item_type (GListModel *model)
{
  return CA_TYPE_AUDIT;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return CA_AUDIT_LIST (model)->shown->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  CaAuditList *self = CA_AUDIT_LIST (model);

  if (position >= self->shown->len)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->store),
                                g_array_index (self->shown, guint, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
ca_audit_list_dispose (GObject *object)
{
  CaAuditList *self = (CaAuditList *) object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ca_audit_list_parent_class)->dispose (object);
}

static void
ca_audit_list_finalize (GObject *object)
{
  CaAuditList *self = (CaAuditList *) object;

  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->shown, g_array_unref);

  G_OBJECT_CLASS (ca_audit_list_parent_class)->finalize (object);
}

static void
ca_audit_list_class_init (CaAuditListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ca_audit_list_dispose;
  object_class->finalize = ca_audit_list_finalize;
}

static void
ca_audit_list_init (CaAuditList *self)
{
  self->order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* The store's audits, in its order (newest allocation first) with urgent ones first, until a
 * sort is set. */
CaAuditList *
ca_audit_list_new (CaAuditStore *store)
{
  CaAuditList *self;

  g_return_val_if_fail (CA_IS_AUDIT_STORE (store), NULL);

  self = g_object_new (CA_TYPE_AUDIT_LIST, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "items-changed", G_CALLBACK (store_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  sort (self);
  g_array_unref (self->shown);
  self->shown = filter (self, self->order);
  return self;
}

/**
 * ca_audit_list_set_sort:
 * @sorted: FALSE for the store's own order, urgent audits first
 *
 * Orders the list by @field as ca_audit_row_compare() does, or the reverse.
 */
void
ca_audit_list_set_sort (CaAuditList  *self,
                        gboolean      sorted,
                        CaAuditField  field,
                        gboolean      descending)
{
  g_return_if_fail (CA_IS_AUDIT_LIST (self));

  sorted = !!sorted;
  descending = sorted && descending;
  if (self->sorted == sorted && (!sorted || (self->field == field &&
                                             self->descending == descending)))
    return;

  /* The same column the other way is the order backwards: no sort needed. */
  if (sorted && self->sorted && self->field == field)
    reverse (self->order);
  else
    {
      self->sorted = sorted;
      self->field = field;
      self->descending = descending;
      sort (self);
    }
  self->descending = descending;
  replace_shown (self, filter (self, self->order), TRUE);
}

/* Sets what decides which rows are shown; call ca_audit_list_refilter() when it changes. */
void
ca_audit_list_set_filter_func (CaAuditList          *self,
                               CaAuditRowFilterFunc  func,
                               gpointer              user_data)
{
  g_return_if_fail (CA_IS_AUDIT_LIST (self));

  self->filter = func;
  self->filter_data = user_data;
  ca_audit_list_refilter (self, FALSE);
}

/**
 * ca_audit_list_refilter:
 * @more_strict: whether the filter now only lets fewer rows through, so only the rows
 *   shown need looking at again
 */
void
ca_audit_list_refilter (CaAuditList *self,
                        gboolean     more_strict)
{
  g_return_if_fail (CA_IS_AUDIT_LIST (self));

  replace_shown (self, filter (self, more_strict ? self->shown : self->order), TRUE);
}
