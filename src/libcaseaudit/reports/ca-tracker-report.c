// SPDX-License-Identifier: GPL-3.0-or-later
// The Head of Service tracker (R-I2) for their meeting: a title with their name and the day,
// what the rows are (which audits, which service area, which months, open or signed off),
// a count, and one table of every row on A4 landscape pages, its header repeated on each:
// case, team, worker, category, deadline, recommendations checked, manager's response,
// actions, moderation, escalation and sign-off. A Category 1 row stands out: its case and
// category in bold, the row tinted.

#define G_LOG_DOMAIN "ca-tracker-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-tracker-report.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"
#include "core/ca-escalation.h"

enum
{
  COLUMN_CASE,
  COLUMN_TEAM,
  COLUMN_WORKER,
  COLUMN_CATEGORY,
  COLUMN_DEADLINE,
  COLUMN_CHECKED,
  COLUMN_RESPONSE,
  COLUMN_ACTIONS,
  COLUMN_MODERATION,
  COLUMN_ESCALATED,
  COLUMN_SIGNED_OFF,
  N_COLUMNS
};

G_STATIC_ASSERT (N_COLUMNS <= CA_DOCUMENT_MAX_COLUMNS);

/* A stored UTC moment (or day) in England, as FORMAT writes it; NULL when there is none. */
static char *
format_moment (const char *stored,
               const char *format)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  GDate day;

  if (stored == NULL || *stored == '\0')
    return NULL;
  utc = g_date_time_new_from_iso8601 (stored, NULL);
  if (utc == NULL)
    return ca_deadline_parse_day (stored, &day) ? ca_date_strftime (&day, "%-d %b %Y")
                                                : g_strdup (stored);
  local = g_date_time_to_timezone (utc, ca_deadline_get_time_zone ());
  return g_date_time_format (local, format);
}

static char *
format_day (const char *stored)
{
  return format_moment (stored, "%-d %b %Y");
}

/* The footer of every page, as the audit report's: what the document is, and the page. */
static char *
format_footer (guint    page,
               guint    n_pages,
               gpointer what)
{
  /* TRANSLATORS: the footer of every page: what the document is, the page and the count */
  return g_strdup_printf (_("Case Audit — %s — page %u of %u"), (const char *) what,
                          page + 1, n_pages);
}

/* What the rows are: which audits, where, when submitted, open or signed off. */
static char *
describe_query (const CaTrackerQuery *query)
{
  g_autofree char *from = query->from_month != NULL ? ca_date_format_month (query->from_month)
                                                    : NULL;
  g_autofree char *to = query->to_month != NULL ? ca_date_format_month (query->to_month) : NULL;
  g_autofree char *months = NULL;
  const char *which, *status, *where;

  which = query->all_categories ? _("Category 1–3 audits") : _("Inadequate audits");
  status = query->status == CA_TRACKER_STATUS_OPEN ? _("open")
           : query->status == CA_TRACKER_STATUS_SIGNED_OFF ? _("signed off")
           : _("open and signed off");
  if (from != NULL && g_strcmp0 (query->from_month, query->to_month) == 0)
    /* TRANSLATORS: the one month the audits were submitted in: "submitted in October 2026" */
    months = g_strdup_printf (_("submitted in %s"), from);
  else if (from != NULL && to != NULL)
    /* TRANSLATORS: the months the audits were submitted in: "from May 2026 to October 2026" */
    months = g_strdup_printf (_("submitted from %s to %s"), from, to);
  else if (from != NULL)
    /* TRANSLATORS: "submitted from May 2026" (to this day) */
    months = g_strdup_printf (_("submitted from %s"), from);
  else if (to != NULL)
    /* TRANSLATORS: "submitted up to October 2026" */
    months = g_strdup_printf (_("submitted up to %s"), to);
  else
    months = g_strdup (_("submitted at any time"));

  if (query->service_area != NULL)
    where = query->service_area;
  else if (query->head_ref != NULL)
    where = _("the Head of Service’s service areas");
  else
    where = _("every service area");
  /* TRANSLATORS: what the tracker's rows are: "Inadequate audits, open, of Early Help,
   * submitted from November 2025 to October 2026." */
  return g_strdup_printf (_("%s, %s, of %s, %s."), which, status, where, months);
}

/* How many rows, and how many of them are open, escalated and Category 1. */
static char *
describe_count (GPtrArray *rows)
{
  guint open = 0, escalated = 0, first = 0;
  g_autofree char *audits = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      const CaTrackerRow *row = rows->pdata[i];

      open += row->signed_off_on == NULL;
      escalated += row->escalated_to != NULL;
      first += row->category == 1;
    }
  audits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u audit", "%u audits", rows->len),
                            rows->len);
  /* TRANSLATORS: "14 audits: 11 still open, 4 escalated, 2 Category 1." */
  return g_strdup_printf (_("%s: %u still open, %u escalated, %u Category 1."), audits, open,
                          escalated, first);
}

/* Whether the recommendations were checked: the day, or not yet, said as overdue once the
 * deadline has passed at NOW. */
static char *
describe_checked (const CaTrackerRow *row,
                  GDateTime          *now,
                  gboolean           *overdue)
{
  g_autoptr(GDateTime) deadline = NULL;

  *overdue = FALSE;
  if (row->checked_at != NULL)
    return format_day (row->checked_at);
  if (row->deadline != NULL)
    deadline = g_date_time_new_from_iso8601 (row->deadline, NULL);
  *overdue = ca_escalation_is_due (deadline, FALSE, now);
  return g_strdup (*overdue ? _("Overdue") : _("Not yet"));
}

static const char *
describe_response (const CaTrackerRow *row)
{
  if (g_strcmp0 (row->response, "given") == 0)
    return _("Given");
  if (g_strcmp0 (row->response, "waiting") == 0)
    return _("Waiting");
  return _("None asked for");
}

static void
add_row (CaDocument         *document,
         const CaTrackerRow *row,
         GDateTime          *now)
{
  /* Category 1's 48 hours end at a time of day; the others' on a day. */
  g_autofree char *deadline = format_moment (row->deadline, row->category == 1
                                                              ? "%-d %b %Y, %H:%M"
                                                              : "%-d %b %Y");
  g_autofree char *category = row->category > 0
                                ? g_strdup_printf (_("Category %d"), row->category)
                                : g_strdup (_("None"));
  g_autofree char *checked = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *escalated = NULL;
  g_autofree char *signed_off = format_day (row->signed_off_on);
  const char *cells[N_COLUMNS];
  CaDocumentStyle styles[N_COLUMNS];
  gboolean overdue;

  checked = describe_checked (row, now, &overdue);

  /* TRANSLATORS: an audit's actions: done / overdue / in all, "2 / 1 / 5" */
  actions = g_strdup_printf (_("%u / %u / %u"), row->actions_done, row->actions_overdue,
                             row->actions_total);
  if (row->escalated_to != NULL)
    {
      g_autofree char *on = format_day (row->escalated_at);

      /* TRANSLATORS: whom an audit was escalated to, and on the next line when:
       * "Hannah Price\n1 Nov 2026" */
      escalated = g_strdup_printf (_("%s\n%s"),
                                   row->escalated_name != NULL ? row->escalated_name
                                                               : row->escalated_to,
                                   on != NULL ? on : "");
    }

  cells[COLUMN_CASE] = row->case_ref;
  cells[COLUMN_TEAM] = row->team;
  cells[COLUMN_WORKER] = row->worker != NULL ? row->worker : _("None allocated");
  cells[COLUMN_CATEGORY] = category;
  cells[COLUMN_DEADLINE] = deadline != NULL ? deadline : _("None");
  cells[COLUMN_CHECKED] = checked;
  cells[COLUMN_RESPONSE] = describe_response (row);
  cells[COLUMN_ACTIONS] = actions;
  cells[COLUMN_MODERATION] = row->moderation_grade != CA_GRADE_NONE
                               ? ca_grade_get_label (row->moderation_grade)
                               : _("Not moderated");
  cells[COLUMN_ESCALATED] = escalated != NULL ? escalated : _("No");
  cells[COLUMN_SIGNED_OFF] = signed_off != NULL ? signed_off : _("Not yet");

  for (guint c = 0; c < N_COLUMNS; c++)
    styles[c] = CA_DOCUMENT_STYLE_BODY;
  /* Category 1 stands out wherever it is listed: in words, in bold, on a tinted row. */
  if (row->category == 1)
    {
      styles[COLUMN_CASE] = CA_DOCUMENT_STYLE_STRONG;
      styles[COLUMN_CATEGORY] = CA_DOCUMENT_STYLE_STRONG;
    }
  /* What waits past its deadline, in bold too. */
  if (overdue)
    styles[COLUMN_CHECKED] = CA_DOCUMENT_STYLE_STRONG;
  ca_document_add_row_full (document, cells, styles, row->category == 1);
}

/**
 * ca_tracker_report_new:
 * @rows: (element-type CaTrackerRow): the tracker's rows
 * @query: what they were read with
 * @head_name: (nullable): the name of @query's Head of Service
 * @now: the moment the document is made
 *
 * Returns: (transfer full): the tracker as an A4 landscape document
 */
CaDocument *
ca_tracker_report_new (GPtrArray            *rows,
                       const CaTrackerQuery *query,
                       const char           *head_name,
                       GDateTime            *now)
{
  static const double widths[N_COLUMNS] = {
    0.08, 0.15, 0.09, 0.075, 0.085, 0.105, 0.07, 0.065, 0.095, 0.105, 0.08,
  };
  const char *titles[N_COLUMNS] = {
    _("Case"), _("Team"), _("Worker"), _("Category"), _("Deadline"),
    _("Recommendations checked"), _("Manager’s response"), _("Actions done / overdue / total"),
    _("Moderation"), _("Escalated to"), _("Signed off"),
  };
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *today = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *what = NULL;
  g_autofree char *count = NULL;
  CaDocument *document;

  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local = g_date_time_to_timezone (now, ca_deadline_get_time_zone ());
  /* TRANSLATORS: the day the tracker was printed, as strftime() writes it: "3 December 2026" */
  today = g_date_time_format (local, _("%-d %B %Y"));
  if (head_name != NULL)
    /* TRANSLATORS: the printed tracker's title, with the Head of Service's name */
    title = g_strdup_printf (_("Head of Service Tracker: %s"), head_name);
  else
    title = g_strdup (_("Head of Service Tracker: Every Service Area"));
  /* TRANSLATORS: the PDF's subject, with the day it was made */
  subject = g_strdup_printf (_("The audits followed until they are put right, on %s"), today);
  /* TRANSLATORS: the footer's name of the document: "Tracker, Hannah Price, 3 December 2026" */
  footer = head_name != NULL ? g_strdup_printf (_("Tracker, %s, %s"), head_name, today)
                             : g_strdup_printf (_("Tracker, %s"), today);

  document = ca_document_new (title, subject);
  ca_document_set_orientation (document, CA_DOCUMENT_LANDSCAPE);
  /* Eleven columns across the page: a smaller type than an audit's, as a spreadsheet prints. */
  ca_document_set_font_size (document, 8.5);
  /* The marking councils give personal data, at the head of every page, as on an audit. */
  ca_document_set_page_header (document, _("Head of Service tracker"),
                               _("OFFICIAL – SENSITIVE"));
  ca_document_set_footer_func (document, format_footer, g_steal_pointer (&footer), g_free);

  ca_document_add_paragraph (document, CA_DOCUMENT_STYLE_TITLE, title, 0.0);
  ca_document_add_paragraph (document, CA_DOCUMENT_STYLE_SUBTITLE, today, 2.0);
  what = describe_query (query);
  ca_document_add_paragraph (document, CA_DOCUMENT_STYLE_BODY, what, 10.0);
  if (rows->len == 0)
    {
      ca_document_add_paragraph (document, CA_DOCUMENT_STYLE_STRONG,
                                 _("No audit matches: nothing to follow."), 8.0);
      return document;
    }
  count = describe_count (rows);
  ca_document_add_paragraph (document, CA_DOCUMENT_STYLE_STRONG, count, 4.0);

  ca_document_begin_table (document, N_COLUMNS, widths, titles, 10.0);
  for (guint i = 0; i < rows->len; i++)
    add_row (document, rows->pdata[i], now);
  return document;
}

CaDocument *
ca_tracker_report_new_for_query (CaDatabase            *database,
                                 const CaTrackerQuery  *query,
                                 GDateTime             *now,
                                 GError               **error)
{
  g_autoptr(CaTrackerList) list = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (query != NULL && now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  list = ca_tracker_store_read (database, query, error);
  if (list == NULL)
    return NULL;
  return ca_tracker_report_new (list->rows, query, list->head_name, now);
}
