// SPDX-License-Identifier: GPL-3.0-or-later
// The items of the Calendar view between two days: programme dates, events, what falls due.

#define G_LOG_DOMAIN "ca-calendar-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-calendar-item-private.h"
#include "ca-calendar-store.h"
#include "ca-database-worker.h"
#include "ca-deadline-store-private.h"
#include "ca-programme-entry.h"
#include "ca-programme-event.h"
#include "ca-programme-store-private.h"
#include "core/ca-date.h"

/* The kinds of what falls due, as the deadline store names them. */
static const struct
{
  CaCalendarItemKind kind;
  CaDeadlineKind     deadline;
} due_kinds[] = {
  { CA_CALENDAR_ITEM_AUDIT_RETURN, CA_DEADLINE_KIND_AUDIT_RETURN },
  { CA_CALENDAR_ITEM_MANAGER_RESPONSE, CA_DEADLINE_KIND_MANAGER_RESPONSE },
  { CA_CALENDAR_ITEM_ACTION, CA_DEADLINE_KIND_ACTION },
  { CA_CALENDAR_ITEM_CATEGORY_DEADLINE, CA_DEADLINE_KIND_REVIEW },
  { CA_CALENDAR_ITEM_MODERATION, CA_DEADLINE_KIND_MODERATION },
};

typedef struct
{
  GPtrArray          *items;
  CaCalendarItemKind  kind;
} DueData;

static gboolean
wants_kind (const CaCalendarFilter *filter,
            CaCalendarItemKind      kind)
{
  return filter->kinds == 0 || (filter->kinds & CA_CALENDAR_KIND_BIT (kind)) != 0;
}

/* Titles name the case by its reference only: never a child, never an action's own words,
 * which an auditor may have written with a name in them. */
static char *
due_title (CaCalendarItemKind  kind,
           const CaDueRow     *row)
{
  switch (kind)
    {
    case CA_CALENDAR_ITEM_AUDIT_RETURN:
      return g_strdup_printf (_("Audit return due: %s"), row->case_ref);
    case CA_CALENDAR_ITEM_MANAGER_RESPONSE:
      return g_strdup_printf (_("Manager response due: %s"), row->case_ref);
    case CA_CALENDAR_ITEM_ACTION:
      return g_strdup_printf (_("Action due: %s"), row->case_ref);
    case CA_CALENDAR_ITEM_CATEGORY_DEADLINE:
      if (row->category > 0)
        return g_strdup_printf (_("Category %d deadline: %s"), row->category, row->case_ref);
      return g_strdup_printf (_("Category deadline: %s"), row->case_ref);
    case CA_CALENDAR_ITEM_MODERATION:
      return g_strdup_printf (_("Moderation due: %s"), row->case_ref);
    case CA_CALENDAR_ITEM_ALLOCATION:
    case CA_CALENDAR_ITEM_RETURN:
    case CA_CALENDAR_ITEM_BRIEFING:
    case CA_CALENDAR_ITEM_EVENT:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
add_due_item (const CaDueRow  *row,
              gpointer         user_data,
              GError         **error)
{
  DueData *data = user_data;
  CaCalendarItem *item = ca_calendar_item_new (data->kind, &row->due);

  item->title = due_title (data->kind, row);
  item->source_id = row->id;
  item->uid_key = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);
  item->audit_id = row->audit_id;
  item->case_ref = g_strdup (row->case_ref);
  item->category = row->category;
  item->staff_id = row->person_id;
  item->person = g_strdup (row->person);
  item->team_id = row->team_id;
  item->done = row->done;
  if (row->person != NULL)
    item->description = g_strdup_printf (_("%s, waiting on %s"),
                                         ca_calendar_item_kind_to_label (data->kind),
                                         row->person);
  else
    item->description = g_strdup (ca_calendar_item_kind_to_label (data->kind));
  g_ptr_array_add (data->items, item);
  return TRUE;
}

static gboolean
list_due (CaDatabase              *database,
          const GDate             *from,
          const GDate             *to,
          const CaCalendarFilter  *filter,
          GPtrArray               *items,
          GError                 **error)
{
  gint64 staff_id = filter->scope == CA_CALENDAR_SCOPE_MINE ? filter->staff_id : 0;
  gint64 team_id = filter->scope == CA_CALENDAR_SCOPE_TEAM ? filter->team_id : 0;

  /* "Mine" for nobody in particular (no staff record for the user) is nothing at all. */
  if ((filter->scope == CA_CALENDAR_SCOPE_MINE && staff_id <= 0) ||
      (filter->scope == CA_CALENDAR_SCOPE_TEAM && team_id <= 0))
    return TRUE;

  for (guint k = 0; k < G_N_ELEMENTS (due_kinds); k++)
    {
      DueData data = { items, due_kinds[k].kind };

      if (!wants_kind (filter, due_kinds[k].kind))
        continue;
      if (!ca_deadline_store_foreach_due (database, due_kinds[k].deadline, from, to,
                                          filter->open_only, staff_id, team_id, add_due_item,
                                          &data, error))
        return FALSE;
    }
  return TRUE;
}

/* The programme's dates of one kind, month and day make one item whatever the number of
 * strands that share them (the seed's strands mostly share their dates): one 7 Minute
 * Briefing on the day, naming the strands, rather than three. */
static void
add_programme_date (GHashTable             *merged,
                    GPtrArray              *items,
                    CaCalendarItemKind      kind,
                    const char             *date_text,
                    const GDate            *from,
                    const GDate            *to,
                    const CaCalendarFilter *filter,
                    gint64                  entry_id,
                    const char             *month,
                    const char             *strand,
                    const char             *focus)
{
  g_autofree char *key = NULL;
  g_autofree char *strands = NULL;
  CaCalendarItem *item;
  GDate date;

  if (date_text == NULL || !wants_kind (filter, kind) || !ca_date_parse (date_text, &date) ||
      g_date_compare (&date, from) < 0 || g_date_compare (&date, to) > 0)
    return;

  key = g_strdup_printf ("%d %s %s", kind, month, date_text);
  item = g_hash_table_lookup (merged, key);
  if (item == NULL)
    {
      item = ca_calendar_item_new (kind, &date);
      item->source_id = entry_id;
      item->uid_key = g_strdup_printf ("%s-%s", month, strand);
      item->description = g_strdup ("");
      item->title = g_strdup (ca_programme_strand_to_label (strand));
      g_hash_table_insert (merged, g_steal_pointer (&key), item);
      g_ptr_array_add (items, item);
    }
  else
    {
      strands = g_strdup_printf ("%s, %s", item->title, ca_programme_strand_to_label (strand));
      g_free (item->title);
      item->title = g_steal_pointer (&strands);
    }

  /* The description collects "Strand: focus" lines; the title gets its format at the end. */
  strands = g_strdup_printf ("%s%s%s: %s", item->description,
                             item->description[0] != '\0' ? "\n" : "",
                             ca_programme_strand_to_label (strand), focus);
  g_free (item->description);
  item->description = g_steal_pointer (&strands);
}

static char *
programme_title (CaCalendarItemKind  kind,
                 const char         *strands)
{
  switch (kind)
    {
    case CA_CALENDAR_ITEM_ALLOCATION:
      return g_strdup_printf (_("Audits allocated: %s"), strands);
    case CA_CALENDAR_ITEM_RETURN:
      return g_strdup_printf (_("Audits due back: %s"), strands);
    case CA_CALENDAR_ITEM_BRIEFING:
      return g_strdup_printf (_("7 Minute Briefing: %s"), strands);
    case CA_CALENDAR_ITEM_EVENT:
    case CA_CALENDAR_ITEM_AUDIT_RETURN:
    case CA_CALENDAR_ITEM_MANAGER_RESPONSE:
    case CA_CALENDAR_ITEM_ACTION:
    case CA_CALENDAR_ITEM_CATEGORY_DEADLINE:
    case CA_CALENDAR_ITEM_MODERATION:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
list_programme (CaDatabase              *database,
                const GDate             *from,
                const GDate             *to,
                const CaCalendarFilter  *filter,
                GPtrArray               *items,
                GError                 **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GHashTable) merged = NULL;
  g_autofree char *low = ca_date_format (from);
  g_autofree char *high = ca_date_format (to);
  guint first = items->len;

  if (!wants_kind (filter, CA_CALENDAR_ITEM_ALLOCATION) &&
      !wants_kind (filter, CA_CALENDAR_ITEM_RETURN) &&
      !wants_kind (filter, CA_CALENDAR_ITEM_BRIEFING))
    return TRUE;

  /* A few rows a month: the table stays small whatever the years. */
  stmt = ca_database_prepare (database,
                              "SELECT id, month, strand, focus, allocation_date, return_date, "
                              "briefing_date FROM programme_entry "
                              "WHERE allocation_date BETWEEN ?1 AND ?2 "
                              "OR return_date BETWEEN ?1 AND ?2 "
                              "OR briefing_date BETWEEN ?1 AND ?2 "
                              CA_PROGRAMME_ENTRY_ORDER,
                              error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, low);
  ca_statement_bind_text (stmt, 2, high);

  merged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (ca_statement_next (stmt))
    {
      gint64 id;
      const char *month, *strand, *focus;

      id = ca_statement_get_int64 (stmt, 0);
      month = ca_statement_get_text (stmt, 1);
      strand = ca_statement_get_text (stmt, 2);
      focus = ca_statement_get_text (stmt, 3);
      add_programme_date (merged, items, CA_CALENDAR_ITEM_ALLOCATION,
                          ca_statement_get_text (stmt, 4), from, to, filter, id, month, strand,
                          focus);
      add_programme_date (merged, items, CA_CALENDAR_ITEM_RETURN,
                          ca_statement_get_text (stmt, 5), from, to, filter, id, month, strand,
                          focus);
      add_programme_date (merged, items, CA_CALENDAR_ITEM_BRIEFING,
                          ca_statement_get_text (stmt, 6), from, to, filter, id, month, strand,
                          focus);
    }
  if (!ca_statement_check (stmt, error))
    return FALSE;

  for (guint i = first; i < items->len; i++)
    {
      CaCalendarItem *item = items->pdata[i];
      char *title = programme_title (item->kind, item->title);

      g_free (item->title);
      item->title = title;
    }
  return TRUE;
}

static gboolean
list_events (CaDatabase              *database,
             const GDate             *from,
             const GDate             *to,
             const CaCalendarFilter  *filter,
             GPtrArray               *items,
             GError                 **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autofree char *low = ca_date_format (from);
  g_autofree char *high = ca_date_format (to);

  if (!wants_kind (filter, CA_CALENDAR_ITEM_EVENT))
    return TRUE;

  stmt = ca_database_prepare (database,
                              "SELECT id, kind, title, event_date, notes FROM programme_event "
                              "WHERE event_date BETWEEN ?1 AND ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, low);
  ca_statement_bind_text (stmt, 2, high);

  while (ca_statement_next (stmt))
    {
      CaCalendarItem *item;
      const char *kind, *title, *date_text, *notes;
      g_autofree char *key = NULL;
      GDate date;

      kind = ca_statement_get_text (stmt, 1);
      title = ca_statement_get_text (stmt, 2);
      date_text = ca_statement_get_text (stmt, 3);
      notes = ca_statement_get_text (stmt, 4);
      if (!ca_date_parse (date_text, &date))
        continue;

      item = ca_calendar_item_new (CA_CALENDAR_ITEM_EVENT, &date);
      item->source_id = ca_statement_get_int64 (stmt, 0);
      item->title = g_strdup (title);
      /* What makes an event itself (its date, kind and title), not its row number, so a
       * calendar program still matches it after the programme is loaded again. */
      key = g_strdup_printf ("%s\n%s\n%s", date_text, kind, title);
      item->uid_key = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
      if (notes != NULL && notes[0] != '\0')
        item->description = g_strdup_printf ("%s\n%s", ca_programme_event_kind_to_label (kind),
                                             notes);
      else
        item->description = g_strdup (ca_programme_event_kind_to_label (kind));
      g_ptr_array_add (items, item);
    }
  return ca_statement_check (stmt, error);
}

/* By day, then the programme's dates before what falls due, and of what falls due, Category 1
 * first whatever its kind (a child may be at risk), then by kind. */
static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const CaCalendarItem *x = *(CaCalendarItem * const *) a;
  const CaCalendarItem *y = *(CaCalendarItem * const *) b;
  gboolean x_programme = x->kind <= CA_CALENDAR_ITEM_EVENT;
  gboolean y_programme = y->kind <= CA_CALENDAR_ITEM_EVENT;
  gboolean x_first = x->category == 1, y_first = y->category == 1;
  int order;

  if ((order = g_date_compare (&x->date, &y->date)) != 0)
    return order;
  if (x_programme != y_programme)
    return x_programme ? -1 : 1;
  if (x_first != y_first)
    return x_first ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if ((order = g_strcmp0 (x->title, y->title)) != 0)
    return order;
  return x->source_id < y->source_id ? -1 : x->source_id > y->source_id;
}

/**
 * ca_calendar_store_list:
 * @from: the first day
 * @to: the last day (inclusive)
 * @filter: (nullable): whose items and which kinds; %NULL for everything
 *
 * What the calendar shows from @from to @to: the programme's allocation, return and
 * 7 Minute Briefing dates (one item per kind, month and day, naming the strands), its events,
 * and what falls due on each audit: returns, manager responses, actions, category deadlines
 * and moderations. Days are England's local days. Sorted by day.
 *
 * Returns: (transfer full) (element-type CaCalendarItem): the items, or %NULL on error
 */
GPtrArray *
ca_calendar_store_list (CaDatabase              *database,
                        const GDate             *from,
                        const GDate             *to,
                        const CaCalendarFilter  *filter,
                        GError                 **error)
{
  static const CaCalendarFilter everything = CA_CALENDAR_FILTER_INIT;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  if (filter == NULL)
    filter = &everything;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (g_date_compare (from, to) > 0)
    return g_steal_pointer (&items);

  if (!list_programme (database, from, to, filter, items, error) ||
      !list_events (database, from, to, filter, items, error) ||
      !list_due (database, from, to, filter, items, error))
    return NULL;

  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

typedef struct
{
  GDate             from;
  GDate             to;
  CaCalendarFilter  filter;
} ListData;

static gboolean
list_job (CaDatabase    *connection,
          gpointer       task_data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  ListData *data = task_data;

  *result = ca_calendar_store_list (connection, &data->from, &data->to, &data->filter, error);
  return *result != NULL;
}

/**
 * ca_calendar_store_list_async:
 *
 * ca_calendar_store_list() on the database's worker, so the window never waits on the
 * disk. Finish with ca_calendar_store_list_finish().
 */
void
ca_calendar_store_list_async (CaDatabase              *database,
                              const GDate             *from,
                              const GDate             *to,
                              const CaCalendarFilter  *filter,
                              GCancellable            *cancellable,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data)
{
  static const CaCalendarFilter everything = CA_CALENDAR_FILTER_INIT;
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (CA_IS_DATABASE (database));
  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (to != NULL && g_date_valid (to));

  data = g_new0 (ListData, 1);
  data->from = *from;
  data->to = *to;
  data->filter = filter != NULL ? *filter : everything;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_calendar_store_list_async);
  ca_database_run_in_task (database, task, list_job, data, g_free,
                           (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ca_calendar_store_list_finish:
 *
 * Returns: (transfer full) (element-type CaCalendarItem): the items, or %NULL on error
 */
GPtrArray *
ca_calendar_store_list_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ca_calendar_store_find_staff:
 * @staff_ref: a member of staff's reference (the staff_id of the staff CSV)
 * @team_id: (out) (optional): their team, or 0
 *
 * Returns: their staff.id, or 0 with @error set when nobody has that reference
 */
gint64
ca_calendar_store_find_staff (CaDatabase  *database,
                              const char  *staff_ref,
                              gint64      *team_id,
                              GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (CA_IS_DATABASE (database), 0);
  g_return_val_if_fail (staff_ref != NULL, 0);

  stmt = ca_database_prepare (database, "SELECT id, team_id FROM staff WHERE staff_ref = ?",
                              error);
  if (stmt == NULL)
    return 0;
  ca_statement_bind_text (stmt, 1, staff_ref);
  if (!ca_statement_step_one (stmt, error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND,
                              _("No member of staff has the reference “%s”."), staff_ref))
    return 0;
  id = ca_statement_get_int64 (stmt, 0);
  if (team_id != NULL)
    *team_id = ca_statement_get_int64 (stmt, 1);
  return id;
}
