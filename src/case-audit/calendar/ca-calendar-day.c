// SPDX-License-Identifier: GPL-3.0-or-later
// Calendar: one day of the month grid, a button that shows the day's programme dates and counts, and says them in full to screen readers.

#define G_LOG_DOMAIN "ca-calendar-day"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ca-calendar-day.h"
#include "ca-date.h"
#include "ca-style.h"

struct _CaCalendarDay
{
  GtkButton  parent_instance;

  GtkWidget *number;
  GtkWidget *programme;
  GtkWidget *counts;
  GtkWidget *cat1_box;
  GtkWidget *cat1_label;
};

G_DEFINE_FINAL_TYPE (CaCalendarDay, ca_calendar_day, GTK_TYPE_BUTTON)

/* How a programme date reads inside a day: short, so a narrow cell still shows it; or, when
 * SPOKEN, in the words a screen reader says, which need no room. */
static const char *
programme_name (CaCalendarItem *item,
                gboolean        spoken)
{
  CaCalendarItemKind kind = ca_calendar_item_get_kind (item);

  if (kind == CA_CALENDAR_ITEM_ALLOCATION)
    return spoken ? _("programme allocation date") : _("Allocation");
  if (kind == CA_CALENDAR_ITEM_RETURN)
    return spoken ? _("programme return date") : _("Return date");
  if (kind == CA_CALENDAR_ITEM_BRIEFING)
    return _("7 Minute Briefing");
  return ca_calendar_item_get_title (item);
}

typedef struct
{
  guint per_kind[CA_CALENDAR_N_ITEM_KINDS];
  guint category1_deadlines;
  guint category1_others;
} DayCounts;

static void
count_items (GPtrArray *day_items,
             DayCounts *counts)
{
  memset (counts, 0, sizeof *counts);
  for (guint i = 0; i < day_items->len; i++)
    {
      CaCalendarItem *item = g_ptr_array_index (day_items, i);
      CaCalendarItemKind kind = ca_calendar_item_get_kind (item);

      if (kind >= CA_CALENDAR_N_ITEM_KINDS)
        continue;
      if (kind == CA_CALENDAR_ITEM_CATEGORY_DEADLINE && ca_calendar_item_is_category1 (item))
        counts->category1_deadlines++;
      else
        {
          counts->per_kind[kind]++;
          if (ca_calendar_item_is_category1 (item))
            counts->category1_others++;
        }
    }
}

/* Takes TEXT, and keeps it only when there is something to count. */
static void
add_count (GPtrArray *parts,
           guint      n,
           char      *text)
{
  if (n > 0)
    g_ptr_array_add (parts, text);
  else
    g_free (text);
}

/* "3 audit returns, 1 Category 1 deadline" for screen readers, or the short visible form. */
static char *
describe_counts (const DayCounts *counts,
                 gboolean         spoken)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n;

  n = counts->per_kind[CA_CALENDAR_ITEM_AUDIT_RETURN];
  if (spoken)
    add_count (parts, n, g_strdup_printf (g_dngettext (NULL, "%u audit return", "%u audit returns", n), n));
  else
    add_count (parts, n, g_strdup_printf (g_dngettext (NULL, "%u return", "%u returns", n), n));
  n = counts->per_kind[CA_CALENDAR_ITEM_MANAGER_RESPONSE];
  if (spoken)
    add_count (parts, n, g_strdup_printf (g_dngettext (NULL, "%u manager response", "%u manager responses", n), n));
  else
    add_count (parts, n, g_strdup_printf (g_dngettext (NULL, "%u response", "%u responses", n), n));
  n = counts->per_kind[CA_CALENDAR_ITEM_ACTION];
  if (spoken)
    add_count (parts, n, g_strdup_printf (g_dngettext (NULL, "%u action due", "%u actions due", n), n));
  else
    add_count (parts, n, g_strdup_printf (g_dngettext (NULL, "%u action", "%u actions", n), n));
  n = counts->category1_deadlines;
  if (spoken)
    add_count (parts, n, g_strdup_printf (g_dngettext (NULL, "%u Category 1 deadline", "%u Category 1 deadlines", n), n));
  n = counts->per_kind[CA_CALENDAR_ITEM_CATEGORY_DEADLINE] + (spoken ? 0 : counts->category1_deadlines);
  if (spoken && counts->category1_deadlines > 0)
    add_count (parts, n, g_strdup_printf (g_dngettext (NULL, "%u other category deadline", "%u other category deadlines", n), n));
  else if (spoken)
    add_count (parts, n, g_strdup_printf (g_dngettext (NULL, "%u category deadline", "%u category deadlines", n), n));
  else
    add_count (parts, n, g_strdup_printf (g_dngettext (NULL, "%u deadline", "%u deadlines", n), n));
  n = counts->per_kind[CA_CALENDAR_ITEM_MODERATION];
  add_count (parts, n, g_strdup_printf (g_dngettext (NULL, "%u moderation", "%u moderations", n), n));
  if (spoken)
    {
      n = counts->category1_others;
      add_count (parts, n, g_strdup_printf (g_dngettext (NULL, "%u of them Category 1", "%u of them Category 1", n), n));
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (spoken ? ", " : " · ", (char **) parts->pdata);
}

/**
 * ca_calendar_day_show:
 * @date: the day
 * @month: the 1st of the month shown, whose days stand out from the others
 * @selected: the day selected in the grid
 * @day_items: (nullable) (element-type CaCalendarItem): the day's items, in the order the
 *   store gave them (programme first), or %NULL while they are not listed yet
 */
void
ca_calendar_day_show (CaCalendarDay *self,
                      const GDate   *date,
                      const GDate   *month,
                      const GDate   *selected,
                      GPtrArray     *day_items)
{
  GDate today;
  g_autofree char *number = NULL;
  g_autofree char *spoken_date = NULL;
  g_autoptr(GString) programme = g_string_new (NULL);
  g_autoptr(GString) spoken = g_string_new (NULL);
  g_autofree char *counts_text = NULL;
  g_autofree char *counts_spoken = NULL;
  DayCounts counts;
  guint category1;

  ca_date_set_today (&today);

  number = g_strdup_printf ("%u", g_date_get_day (date));
  gtk_label_set_label (GTK_LABEL (self->number), number);
  ca_style_set_class (GTK_WIDGET (self), "other-month",
                 g_date_get_month (date) != g_date_get_month (month));
  ca_style_set_class (GTK_WIDGET (self), "today", g_date_compare (date, &today) == 0);
  ca_style_set_class (GTK_WIDGET (self), "selected", g_date_compare (date, selected) == 0);

  /* Translators: a day in full, for screen readers: "Tuesday 26 January 2021" */
  spoken_date = ca_date_strftime (date, _("%A %-d %B %Y"));
  g_string_append (spoken, spoken_date);
  if (g_date_compare (date, &today) == 0)
    g_string_append_printf (spoken, " (%s)", _("today"));

  if (day_items == NULL)
    {
      /* Not listed yet: say only the date, not "nothing due". */
      gtk_label_set_label (GTK_LABEL (self->programme), "");
      gtk_label_set_label (GTK_LABEL (self->counts), "");
      gtk_widget_set_visible (self->cat1_box, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str, -1);
      return;
    }

  count_items (day_items, &counts);
  for (guint i = 0; i < day_items->len; i++)
    {
      CaCalendarItem *item = g_ptr_array_index (day_items, i);

      if (!ca_calendar_item_kind_is_programme (ca_calendar_item_get_kind (item)))
        continue;
      if (programme->len > 0)
        g_string_append (programme, "\n");
      g_string_append (programme, programme_name (item, FALSE));
    }
  gtk_label_set_label (GTK_LABEL (self->programme), programme->str);
  gtk_widget_set_visible (self->programme, programme->len > 0);

  counts_text = describe_counts (&counts, FALSE);
  gtk_label_set_label (GTK_LABEL (self->counts), counts_text);
  gtk_widget_set_visible (self->counts, *counts_text != '\0');

  category1 = counts.category1_deadlines + counts.category1_others;
  gtk_widget_set_visible (self->cat1_box, category1 > 0);
  if (category1 > 0)
    {
      g_autofree char *text = category1 == 1
        ? g_strdup (_("Cat 1"))
        /* Translators: "3 × Cat 1": three Category 1 items on one day */
        : g_strdup_printf (_("%u × Cat 1"), category1);

      gtk_label_set_label (GTK_LABEL (self->cat1_label), text);
    }

  /* "Tuesday 26 January 2021: programme return date, 3 audit returns, 1 Category 1 deadline" */
  counts_spoken = describe_counts (&counts, TRUE);
  g_string_append (spoken, ": ");
  for (guint i = 0, first = TRUE; i < day_items->len; i++)
    {
      CaCalendarItem *item = g_ptr_array_index (day_items, i);

      if (!ca_calendar_item_kind_is_programme (ca_calendar_item_get_kind (item)))
        continue;
      if (!first)
        g_string_append (spoken, ", ");
      g_string_append (spoken, programme_name (item, TRUE));
      first = FALSE;
    }
  if (programme->len > 0 && *counts_spoken != '\0')
    g_string_append (spoken, ", ");
  g_string_append (spoken, counts_spoken);
  if (programme->len == 0 && *counts_spoken == '\0')
    g_string_append (spoken, _("nothing due"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str, -1);
}

void
ca_calendar_day_set_selected (CaCalendarDay *self,
                              gboolean       selected)
{
  g_return_if_fail (CA_IS_CALENDAR_DAY (self));

  ca_style_set_class (GTK_WIDGET (self), "selected", selected);
}

static void
ca_calendar_day_class_init (CaCalendarDayClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-calendar-day.ui");
  gtk_widget_class_bind_template_child (widget_class, CaCalendarDay, number);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarDay, programme);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarDay, counts);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarDay, cat1_box);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarDay, cat1_label);
}

static void
ca_calendar_day_init (CaCalendarDay *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ca_calendar_day_new (void)
{
  return g_object_new (CA_TYPE_CALENDAR_DAY, NULL);
}
