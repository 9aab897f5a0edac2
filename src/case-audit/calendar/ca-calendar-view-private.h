// SPDX-License-Identifier: GPL-3.0-or-later
// The Calendar view's insides, shared by its files: the month and its lists
// (ca-calendar-view.c) and the programme (ca-calendar-view-programme.c).
#pragma once

#include <adwaita.h>

#include "ca-calendar-day.h"
#include "ca-calendar-view.h"
#include "ca-context.h"

G_BEGIN_DECLS

/* Six weeks of seven days hold every month, whatever weekday it starts on. */
#define N_WEEKS 6
#define N_CELLS (N_WEEKS * 7)

struct _CaCalendarView
{
  GtkWidget         parent_instance;

  CaContext        *context;
  CaDatabase       *database;
  GSettings        *settings;
  guint             reload_idle;    /* changes heard, listed once the main loop is idle */
  gboolean          changed_unseen; /* changes heard while out of sight */
  GCancellable     *cancellable;
  GCancellable     *offer_cancellable; /* the look for a programme under way */
  GPtrArray        *items;          /* CaCalendarItem of the six weeks shown, by date */
  GListStore       *day_store;      /* the selected day's items */
  GListStore       *agenda_store;   /* the month's items */
  GDate             month;          /* the 1st of the month shown */
  GDate             grid_start;     /* the Monday the grid starts on */
  GDate             selected;
  GDate             listed_start;   /* the grid start that items were listed for */
  gint64            load_started;
  gboolean          loaded;
  gboolean          hide_done;      /* Hide What Is Done: only what still waits is listed */
  gboolean          this_week;      /* the list shows this week, not the month */
  CaCalendarDay    *cells[N_CELLS];
  GtkWidget        *programme_editor; /* (weak) the one programme editor, while open */

  GtkLabel         *month_label;
  GtkWidget        *add_event_button;
  GtkSpinner       *spinner;
  GtkToggleButton  *everyone_button;
  GtkToggleButton  *team_button;
  GtkToggleButton  *mine_button;
  GtkToggleButton  *agenda_button;
  GtkRevealer      *hint_revealer;
  GtkLabel         *hint_label;
  GtkRevealer      *programme_revealer;
  AdwSqueezer      *squeezer;
  AdwSqueezerPage  *month_page;
  GtkGrid          *weekday_grid;
  GtkGrid          *month_grid;
  GtkLabel         *day_title;
  GtkStack         *day_stack;
  GtkListView      *day_list;
  GtkStack         *agenda_stack;
  GtkListView      *agenda_list;
};

void ca_calendar_view_select                 (CaCalendarView *self,
                                              const GDate    *date,
                                              gboolean        focus);
void ca_calendar_view_load_month             (CaCalendarView *self);

/* ca-calendar-view-programme.c */
void ca_calendar_view_update_programme_offer (CaCalendarView *self);
void ca_calendar_view_load_example_action    (GtkWidget      *widget,
                                              const char     *action_name,
                                              GVariant       *parameter);
void ca_calendar_view_close_programme_editor (CaCalendarView *self);
void ca_calendar_view_edit_programme_action (GtkWidget    *widget,
                                              const char   *action_name,
                                              GVariant     *parameter);
void ca_calendar_view_export_ical_action     (GtkWidget      *widget,
                                              const char     *action_name,
                                              GVariant       *parameter);

G_END_DECLS
