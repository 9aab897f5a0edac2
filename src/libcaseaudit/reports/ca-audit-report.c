// SPDX-License-Identifier: GPL-3.0-or-later
// The completed audit as a council document (R-F10): the content is built once as a list of
// blocks (paragraphs and table rows), paginated line by line with Pango, and drawn in points
// into whatever cairo context is given.

#define G_LOG_DOMAIN "ca-audit-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "ca-audit-report.h"
#include "ca-manager-response-store.h"
#include "ca-output-file.h"
#include "core/ca-date.h"

#define MARGIN_X       48.0
#define CONTENT_TOP    60.0
#define CONTENT_BOTTOM (CA_AUDIT_REPORT_PAGE_HEIGHT - 64.0)
#define CELL_PAD_X     5.0
#define CELL_PAD_Y     3.5
#define MAX_CELLS      4
#define FONT_FAMILY    "Cantarell,Sans"

/* A paragraph longer than this is laid out a piece at a time, each piece starting where the
 * last full line of the one before ended, so that a huge paste wraps exactly as one
 * paragraph would without becoming one huge layout (which Pango does not lay out whole). */
#define MAX_CHUNK      8192

typedef enum
{
  STYLE_BODY,
  STYLE_STRONG,
  STYLE_LABEL,
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_TITLE,
  STYLE_SUBTITLE,
} Style;

typedef struct
{
  double top;
  double bottom;
  double baseline;
  double x;
} LineInfo;

/* A paragraph (one cell across the width, no border) or a table row (bordered cells). */
typedef struct
{
  gboolean     row;
  gboolean     header_row;      /* a table's header: shaded, repeated on each page */
  gboolean     keep_with_next;  /* a heading: never the last thing on a page */
  gboolean     rule_below;      /* a section heading's underline */
  gboolean     label_column;    /* the first cell labels the row: shaded */
  guint        n_cells;
  char        *text[MAX_CELLS];
  Style        style[MAX_CELLS];
  double       width[MAX_CELLS]; /* fractions of the content width */
  double       indent;
  double       space_before;
  int          header_item;     /* for rows: the index of the header row to repeat, or -1 */
  PangoLayout *layout[MAX_CELLS];
  GArray      *lines[MAX_CELLS]; /* of LineInfo, in points from the layout's top */
} Item;

/* What of one item a page shows: lines [first, first + n) of each cell, from Y. */
typedef struct
{
  guint  item;
  double y;
  double height;
  guint  first[MAX_CELLS];
  guint  n[MAX_CELLS];
} Placement;

struct _CaAuditReport
{
  GPtrArray    *items;    /* of Item */
  GPtrArray    *pages;    /* of GArray of Placement; NULL until paginated */
  PangoContext *context;
  char         *case_ref;
  char         *title;
};

static void
item_free (Item *item)
{
  for (guint i = 0; i < MAX_CELLS; i++)
    {
      g_free (item->text[i]);
      g_clear_object (&item->layout[i]);
      g_clear_pointer (&item->lines[i], g_array_unref);
    }
  g_free (item);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static Item *
add_item (CaAuditReport *self,
          Style          style,
          const char    *text,
          double         space_before)
{
  Item *item = g_new0 (Item, 1);

  item->n_cells = 1;
  item->text[0] = g_strdup (text != NULL ? text : "");
  item->style[0] = style;
  item->width[0] = 1.0;
  item->space_before = space_before;
  item->header_item = -1;
  g_ptr_array_add (self->items, item);
  return item;
}

static void
add_heading (CaAuditReport *self,
             const char    *text)
{
  Item *item = add_item (self, STYLE_HEADING, text, 16.0);

  item->keep_with_next = TRUE;
  item->rule_below = TRUE;
}

static void
add_subheading (CaAuditReport *self,
                const char    *text)
{
  Item *item = add_item (self, STYLE_SUBHEADING, text, 8.0);

  item->keep_with_next = TRUE;
}

/* Free text as typed: one paragraph per line, long paragraphs in pieces broken at a space,
 * and a stand-in when nothing was written. */
static void
add_text (CaAuditReport *self,
          const char    *text,
          const char    *if_blank,
          double         space_before)
{
  g_auto(GStrv) paragraphs = NULL;

  if (is_blank (text))
    {
      add_item (self, STYLE_BODY, if_blank, space_before);
      return;
    }

  paragraphs = g_strsplit (text, "\n", -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_strchomp (paragraphs[i]);
      if (paragraphs[i][0] == '\0')
        continue;
      add_item (self, STYLE_BODY, paragraphs[i], space_before);
      space_before = 5.0;
    }
}

static Item *
add_row (CaAuditReport      *self,
         guint               n_cells,
         const double       *width,
         const char * const *text,
         Style               style,
         int                 header_item)
{
  Item *item = g_new0 (Item, 1);

  item->row = TRUE;
  item->n_cells = n_cells;
  for (guint i = 0; i < n_cells; i++)
    {
      item->text[i] = g_strdup (text[i] != NULL ? text[i] : "");
      item->style[i] = style;
      item->width[i] = width[i];
    }
  item->header_item = header_item;
  g_ptr_array_add (self->items, item);
  return item;
}

/* Starts a table with its header row; returns the header's index for the rows. */
static int
add_table (CaAuditReport      *self,
           guint               n_cells,
           const double       *width,
           const char * const *titles,
           double              space_before)
{
  Item *item = add_row (self, n_cells, width, titles, STYLE_LABEL, -1);

  item->header_row = TRUE;
  item->keep_with_next = TRUE;
  item->space_before = space_before;
  return self->items->len - 1;
}

/* A label and its value, as a row of the details table at the top. */
static void
add_detail (CaAuditReport *self,
            const char    *label,
            const char    *value)
{
  static const double width[] = { 0.3, 0.7 };
  const char *text[] = { label, value };
  Item *item;

  item = add_row (self, 2, width, text, STYLE_BODY, -1);
  item->style[0] = STYLE_STRONG;
  item->label_column = TRUE;
}

static char *
format_date (const char *iso_date,
             const char *if_missing)
{
  if (is_blank (iso_date))
    return g_strdup (if_missing);
  return ca_date_format_display (iso_date);
}

static char *
format_timestamp (const char *timestamp)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (is_blank (timestamp))
    return NULL;
  utc = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (utc == NULL)
    return g_strdup (timestamp);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%-d %b %Y, %H:%M");
}

static char *
staff_name (GHashTable *staff_names,
            gint64      staff_id)
{
  const char *name = NULL;

  if (staff_id == 0)
    return g_strdup (_("Not named"));
  if (staff_names != NULL)
    name = g_hash_table_lookup (staff_names, &staff_id);
  if (name != NULL)
    return g_strdup (name);
  /* TRANSLATORS: a member of staff whose name is not known, by number */
  return g_strdup_printf (_("Staff member %" G_GINT64_FORMAT), staff_id);
}

static void
build_header (CaAuditReport     *self,
              const CaAuditForm *form)
{
  const CaAuditHeader *header = form->header;
  const CaAuditDraft *draft = form->draft;
  g_autofree char *tool = NULL;
  g_autofree char *audit_date = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *period = NULL;
  g_autofree char *submitted = NULL;
  g_autofree char *status = NULL;

  add_item (self, STYLE_TITLE, self->title, 0.0);
  add_item (self, STYLE_SUBTITLE,
            _("Children’s Services quality assurance: case file audit"), 2.0);

  /* TRANSLATORS: an audit tool's name and version, e.g. "Stage 1 Good Practice, version 2" */
  tool = g_strdup_printf (_("%s, version %d"), header->tool_name, header->tool_version);
  audit_date = format_date (draft->audit_date, _("Not recorded"));
  start = format_date (draft->period_start, _("not recorded"));
  end = format_date (draft->period_end, _("not recorded"));
  /* TRANSLATORS: the period of the case file reviewed, from a date to a date */
  period = g_strdup_printf (_("%s to %s"), start, end);
  submitted = format_timestamp (header->submitted_at);
  if (submitted != NULL)
    /* TRANSLATORS: an audit's status and when it was submitted */
    status = g_strdup_printf (_("%s — submitted %s"),
                              ca_audit_status_get_label (header->status), submitted);
  else
    status = g_strdup (ca_audit_status_get_label (header->status));

  add_item (self, STYLE_BODY, "", 4.0);
  add_detail (self, _("Case reference"), header->case_ref);
  add_detail (self, _("Service area"), is_blank (header->service_area) ? _("Not recorded") : header->service_area);
  add_detail (self, _("Team"), is_blank (header->team) ? _("Not recorded") : header->team);
  add_detail (self, _("Allocated worker"),
              is_blank (header->allocated_worker) ? _("None allocated") : header->allocated_worker);
  add_detail (self, _("Auditor"), header->auditor);
  add_detail (self, _("Done jointly with"),
              is_blank (header->joint_practitioner) ? _("Not done jointly")
                                                    : header->joint_practitioner);
  add_detail (self, _("Audit tool"), tool);
  add_detail (self, _("Audit date"), audit_date);
  add_detail (self, _("Period reviewed"), period);
  add_detail (self, _("Status"), status);
  if (!is_blank (header->response_due_date))
    {
      g_autofree char *due = ca_date_format_display (header->response_due_date);

      add_detail (self, _("Manager response due"), due);
    }
}

static void
build_section (CaAuditReport       *self,
               const CaAuditForm   *form,
               const CaToolSection *section)
{
  static const double width[] = { 0.62, 0.38 };
  const char *titles[] = { _("Question"), _("Answer") };
  const CaAuditDraft *draft = form->draft;
  int header;

  add_heading (self, section->title);

  if (section->questions->len > 0)
    {
      header = add_table (self, 2, width, titles, 6.0);
      for (guint i = 0; i < section->questions->len; i++)
        {
          const CaToolQuestion *question = g_ptr_array_index (section->questions, i);
          g_autofree char *answer = NULL;
          const char *text[2];

          answer = ca_answer_describe (question, ca_audit_draft_get_answer (draft, question->id));
          text[0] = question->text;
          text[1] = answer;
          add_row (self, 2, width, text, STYLE_BODY, header);
        }
    }

  if (section->has_comments)
    {
      add_subheading (self, _("Comments"));
      add_text (self, ca_audit_draft_get_section_comments (draft, section->id),
                _("No comments."), 2.0);
    }

  if (section->graded)
    {
      g_autofree char *line = NULL;

      /* TRANSLATORS: a section's grade, in words, e.g. "Section grade: Good" */
      line = g_strdup_printf (_("Section grade: %s"),
                              ca_grade_get_label (ca_audit_draft_get_section_grade (draft, section->id)));
      add_item (self, STYLE_STRONG, line, 8.0);
    }
}

static void
build_conclusion (CaAuditReport     *self,
                  const CaAuditForm *form,
                  GHashTable        *staff_names)
{
  static const double width[] = { 0.36, 0.17, 0.14, 0.33 };
  const char *titles[] = {
    _("Action"), _("Owner"), _("Due"), _("Expected impact for the child"),
  };
  const CaToolDefinition *definition = form->definition;
  const CaAuditDraft *draft = form->draft;

  if (definition->overall_grade)
    {
      g_autofree char *grade = NULL;
      g_autofree char *category = NULL;

      add_heading (self, _("Overall judgement"));
      /* TRANSLATORS: the audit's overall grade, in words */
      grade = g_strdup_printf (_("Overall grade: %s"), ca_grade_get_label (draft->overall_grade));
      add_item (self, STYLE_STRONG, grade, 6.0);
      /* TRANSLATORS: a category and what it means, e.g. "Category 2 — Inadequate – action required" */
      category = g_strdup_printf (_("%s — %s"), ca_category_get_label (draft->category),
                                  ca_category_get_description (draft->category));
      add_item (self, STYLE_STRONG, category, 4.0);
    }

  add_subheading (self, _("What has been done well"));
  add_text (self, draft->done_well, _("Nothing recorded."), 2.0);
  add_subheading (self, _("Comments"));
  add_text (self, draft->comments, _("No comments."), 2.0);

  if (definition->actions)
    {
      add_heading (self, _("Actions"));
      if (draft->actions->len == 0)
        add_item (self, STYLE_BODY, _("No actions."), 6.0);
      else
        {
          int header = add_table (self, 4, width, titles, 6.0);

          for (guint i = 0; i < draft->actions->len; i++)
            {
              const CaDraftAction *action = g_ptr_array_index (draft->actions, i);
              g_autofree char *owner = staff_name (staff_names, action->owner_id);
              g_autofree char *due = format_date (action->due_date, _("Not set"));
              const char *text[] = {
                is_blank (action->description) ? _("Not described") : action->description,
                owner, due,
                is_blank (action->impact) ? _("Not recorded") : action->impact,
              };

              add_row (self, 4, width, text, STYLE_BODY, header);
            }
        }
    }
}

/* R-F11: only when something was recorded; an audit without feedback says nothing of it. */
static void
build_feedback (CaAuditReport      *self,
                const CaAuditDraft *draft)
{
  g_autofree char *date = NULL;
  const char *method;

  if (is_blank (draft->feedback_method) && is_blank (draft->feedback_date) &&
      is_blank (draft->feedback_summary))
    return;

  add_heading (self, _("Feedback from the child or family"));
  /* A little air between the heading's rule and the table, kept with both. */
  add_item (self, STYLE_BODY, "", 4.0)->keep_with_next = TRUE;
  method = ca_feedback_method_get_label (draft->feedback_method);
  if (method == NULL)
    method = is_blank (draft->feedback_method) ? _("Not recorded") : draft->feedback_method;
  date = format_date (draft->feedback_date, _("Not recorded"));
  add_detail (self, _("How it was given"), method);
  add_detail (self, _("Date"), date);
  add_subheading (self, _("Summary"));
  add_text (self, draft->feedback_summary, _("No summary."), 2.0);
}

/* R-F9 and R-F10: the child's file keeps how the service answered the audit, once the
 * manager has recorded it. */
void
ca_audit_report_add_response (CaAuditReport           *self,
                              const CaManagerResponse *response,
                              GHashTable              *staff_names)
{
  static const double width[] = { 0.36, 0.46, 0.18 };
  const char *titles[] = { _("Action"), _("How it will be met"), _("By when") };
  g_autofree char *manager = NULL;
  g_autofree char *responded_on = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (response != NULL);

  if (is_blank (response->responded_on))
    return;

  add_heading (self, _("Manager’s response"));
  add_item (self, STYLE_BODY, "", 4.0)->keep_with_next = TRUE;
  manager = staff_name (staff_names, response->manager_id);
  responded_on = format_date (response->responded_on, _("Not recorded"));
  add_detail (self, _("Manager"), manager);
  add_detail (self, _("Responded on"), responded_on);

  if (response->actions->len > 0)
    {
      int header = add_table (self, 3, width, titles, 6.0);

      for (guint i = 0; i < response->actions->len; i++)
        {
          const CaResponseAction *action = g_ptr_array_index (response->actions, i);
          g_autofree char *by_when = format_date (action->by_when, _("Not set"));
          const char *text[] = {
            is_blank (action->description) ? _("Not described") : action->description,
            is_blank (action->plan) ? _("Not recorded") : action->plan,
            by_when,
          };

          add_row (self, 3, width, text, STYLE_BODY, header);
        }
    }

  add_subheading (self, _("Stretch target"));
  add_text (self, response->stretch_target, _("None set."), 2.0);
  add_subheading (self, _("Decision made"));
  add_text (self, response->decision, _("Not recorded."), 2.0);
  if (!is_blank (response->response))
    {
      add_subheading (self, _("Further comments"));
      add_text (self, response->response, NULL, 2.0);
    }
}

CaAuditReport *
ca_audit_report_new (const CaAuditForm *form,
                     GHashTable        *staff_names)
{
  CaAuditReport *self;

  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (form->header != NULL && form->definition != NULL && form->draft != NULL,
                        NULL);

  self = g_new0 (CaAuditReport, 1);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->case_ref = g_strdup (form->header->case_ref != NULL ? form->header->case_ref : "");
  /* TRANSLATORS: the report's title, with the audit tool's name */
  self->title = g_strdup_printf (_("Case File Audit — %s"), form->header->tool_name);

  build_header (self, form);

  if (form->definition->pen_picture || !is_blank (form->draft->pen_picture))
    {
      add_heading (self, _("Pen picture of the child’s journey"));
      add_text (self, form->draft->pen_picture, _("No pen picture has been written."), 6.0);
    }

  for (guint i = 0; i < form->definition->sections->len; i++)
    build_section (self, form, g_ptr_array_index (form->definition->sections, i));

  build_conclusion (self, form, staff_names);
  build_feedback (self, form->draft);
  return self;
}

CaAuditReport *
ca_audit_report_new_for_audit (CaDatabase  *database,
                               gint64       audit_id,
                               GError     **error)
{
  g_autoptr(CaAuditForm) form = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(CaManagerResponse) response = NULL;
  CaAuditReport *report;

  g_return_val_if_fail (database != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = ca_audit_draft_store_load (database, audit_id, error);
  if (form == NULL)
    return NULL;

  /* Only a submitted audit can have a response. */
  if (!is_blank (form->header->submitted_at))
    {
      response = ca_manager_response_store_load (database, audit_id, NULL, error);
      if (response == NULL)
        return NULL;
    }

  names = ca_audit_draft_store_load_staff_names (database, form,
                                                 response != NULL ? response->manager_id : 0,
                                                 error);
  if (names == NULL)
    return NULL;

  report = ca_audit_report_new (form, names);
  if (response != NULL)
    ca_audit_report_add_response (report, response, names);
  return report;
}

void
ca_audit_report_free (CaAuditReport *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->items);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_free (self->case_ref);
  g_free (self->title);
  g_free (self);
}

/* Layout. */

static PangoFontDescription *
style_font (Style style)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY " 10");

  switch (style)
    {
    case STYLE_BODY:
      break;
    case STYLE_STRONG:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;
    case STYLE_LABEL:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_font_description_set_size (font, 9 * PANGO_SCALE);
      break;
    case STYLE_SUBHEADING:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_font_description_set_size (font, (int) (10.5 * PANGO_SCALE));
      break;
    case STYLE_HEADING:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_font_description_set_size (font, 13 * PANGO_SCALE);
      break;
    case STYLE_TITLE:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_font_description_set_size (font, 18 * PANGO_SCALE);
      break;
    case STYLE_SUBTITLE:
      pango_font_description_set_size (font, (int) (10.5 * PANGO_SCALE));
      break;
    default:
      g_assert_not_reached ();
    }
  return font;
}

static double
content_width (void)
{
  return CA_AUDIT_REPORT_PAGE_WIDTH - 2 * MARGIN_X;
}

static double
cell_pad_x (const Item *item)
{
  return item->row ? CELL_PAD_X : 0.0;
}

static double
cell_pad_y (const Item *item)
{
  return item->row ? CELL_PAD_Y : 0.0;
}

static void
layout_item (CaAuditReport *self,
             Item          *item)
{
  for (guint c = 0; c < item->n_cells; c++)
    {
      g_autoptr(PangoFontDescription) font = style_font (item->style[c]);
      PangoLayout *layout = pango_layout_new (self->context);
      PangoLayoutIter *iter;
      double width = item->width[c] * content_width () - 2 * cell_pad_x (item) - item->indent;

      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, item->text[c], -1);

      item->layout[c] = layout;
      item->lines[c] = g_array_new (FALSE, FALSE, sizeof (LineInfo));
      iter = pango_layout_get_iter (layout);
      do
        {
          PangoRectangle logical;
          LineInfo info;
          int y0, y1;

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          info.top = (double) y0 / PANGO_SCALE;
          info.bottom = (double) y1 / PANGO_SCALE;
          info.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
          info.x = (double) logical.x / PANGO_SCALE;
          g_array_append_val (item->lines[c], info);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }
}

/* Cuts a long paragraph after the last full line of its first MAX_CHUNK bytes and puts the
 * rest in a new item after it. */
static void
split_long_item (CaAuditReport *self,
                 guint          index)
{
  Item *item = g_ptr_array_index (self->items, index);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  const char *text = item->text[0];
  const char *end;
  PangoLayoutLine *last;
  Item *rest;
  int n_lines;

  if (item->row || strlen (text) <= MAX_CHUNK)
    return;

  end = g_utf8_find_prev_char (text, text + MAX_CHUNK + 1);
  font = style_font (item->style[0]);
  layout = pango_layout_new (self->context);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((content_width () - item->indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, end - text);
  n_lines = pango_layout_get_line_count (layout);
  if (n_lines < 2)
    return;
  last = pango_layout_get_line_readonly (layout, n_lines - 1);

  rest = g_new0 (Item, 1);
  rest->n_cells = 1;
  rest->text[0] = g_strdup (text + last->start_index);
  rest->style[0] = item->style[0];
  rest->width[0] = item->width[0];
  rest->indent = item->indent;
  rest->header_item = -1;
  item->text[0][last->start_index] = '\0';
  g_ptr_array_insert (self->items, index + 1, rest);
}

static double
lines_height (const Item *item,
              guint       cell,
              guint       first,
              guint       n)
{
  GArray *lines = item->lines[cell];

  if (n == 0)
    return 0.0;
  return g_array_index (lines, LineInfo, first + n - 1).bottom
         - g_array_index (lines, LineInfo, first).top;
}

/* How much must fit below a heading before the page ends: the start of what follows. */
static double
first_chunk_height (CaAuditReport *self,
                    guint          index)
{
  const Item *item = g_ptr_array_index (self->items, index);
  double height = 0.0;

  for (guint c = 0; c < item->n_cells; c++)
    height = MAX (height, lines_height (item, c, 0, MIN (item->lines[c]->len, 3)));
  height += 2 * cell_pad_y (item);
  if (item->keep_with_next && index + 1 < self->items->len)
    {
      const Item *next = g_ptr_array_index (self->items, index + 1);

      height += next->space_before + first_chunk_height (self, index + 1);
    }
  return height;
}

typedef struct
{
  CaAuditReport *self;
  GArray        *page;
  guint          n_repeated;  /* placements at the top of PAGE that repeat a table header */
  double         y;
} Paginator;

static void
new_page (Paginator *p)
{
  p->page = g_array_new (FALSE, TRUE, sizeof (Placement));
  g_ptr_array_add (p->self->pages, p->page);
  p->n_repeated = 0;
  p->y = CONTENT_TOP;
}

static gboolean
at_top (const Paginator *p)
{
  return p->page->len <= p->n_repeated;
}

static void place_item (Paginator *p,
                        guint      index,
                        gboolean   repeating_header);

static void
place_item (Paginator *p,
            guint      index,
            gboolean   repeating_header)
{
  CaAuditReport *self = p->self;
  const Item *item = g_ptr_array_index (self->items, index);
  guint next[MAX_CELLS] = { 0 };
  double pad = cell_pad_y (item);

  if (!at_top (p))
    {
      p->y += item->space_before;
      if (item->keep_with_next && !repeating_header
          && p->y + MIN (first_chunk_height (self, index), CONTENT_BOTTOM - CONTENT_TOP)
             > CONTENT_BOTTOM)
        new_page (p);
    }

  for (;;)
    {
      Placement placement = { 0 };
      double available = CONTENT_BOTTOM - p->y - 2 * pad;
      double whole = 0.0;
      gboolean fits = TRUE;
      gboolean done = TRUE;
      guint total_lines = 0;

      if (p->page->len == 0 && item->header_item >= 0)
        {
          place_item (p, item->header_item, TRUE);
          p->n_repeated = p->page->len;
        }

      for (guint c = 0; c < item->n_cells; c++)
        whole = MAX (whole, lines_height (item, c, next[c], item->lines[c]->len - next[c]));
      if (whole > available)
        fits = FALSE;

      /* A row that would fit on a page of its own is not split; a paragraph is, leaving
       * at least two lines at the foot of the page. */
      if (!fits && !at_top (p) && item->row
          && whole + 2 * pad <= CONTENT_BOTTOM - CONTENT_TOP - 40.0)
        {
          new_page (p);
          continue;
        }

      placement.item = index;
      placement.y = p->y;
      for (guint c = 0; c < item->n_cells; c++)
        {
          guint n = 0;

          while (next[c] + n < item->lines[c]->len
                 && lines_height (item, c, next[c], n + 1) <= available)
            n++;
          if (!item->row && n < 2 && next[c] + n < item->lines[c]->len)
            n = 0;
          placement.first[c] = next[c];
          placement.n[c] = n;
          total_lines += n;
          placement.height = MAX (placement.height, lines_height (item, c, next[c], n));
        }

      if (total_lines == 0 && !fits)
        {
          if (at_top (p))
            {
              /* Taller than a page, line by line: cannot happen with real fonts, but never
               * loop: show one line per cell and move on. */
              for (guint c = 0; c < item->n_cells; c++)
                if (next[c] < item->lines[c]->len)
                  {
                    placement.first[c] = next[c];
                    placement.n[c] = 1;
                  }
            }
          else
            {
              new_page (p);
              continue;
            }
        }

      placement.height += 2 * pad;
      g_array_append_val (p->page, placement);
      p->y += placement.height;

      for (guint c = 0; c < item->n_cells; c++)
        {
          next[c] = placement.first[c] + placement.n[c];
          if (next[c] < item->lines[c]->len)
            done = FALSE;
        }
      if (done)
        return;
      new_page (p);
    }
}

static void
paginate (CaAuditReport *self,
          cairo_t       *cr)
{
  Paginator p = { self, NULL, 0, 0.0 };
  cairo_font_options_t *options;

  self->context = pango_cairo_create_context (cr);
  /* The report is in points, whatever the device: lay out at 72 per inch, with metrics
   * that do not depend on the device's hinting, so that pages measured on one context
   * draw the same on another. */
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      split_long_item (self, i);
      layout_item (self, g_ptr_array_index (self->items, i));
    }

  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  new_page (&p);
  for (guint i = 0; i < self->items->len; i++)
    place_item (&p, i, FALSE);
}

guint
ca_audit_report_get_n_pages (CaAuditReport *self,
                             cairo_t       *cr_for_measuring)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (cr_for_measuring != NULL || self->pages != NULL, 0);

  if (self->pages == NULL)
    paginate (self, cr_for_measuring);
  return self->pages->len;
}

/* Drawing. */

static void
draw_placement (cairo_t         *cr,
                const Item      *item,
                const Placement *placement)
{
  double x = MARGIN_X + item->indent;

  if (item->row)
    {
      double cell_x = x;

      if (item->header_row)
        {
          cairo_set_source_rgb (cr, 0.90, 0.91, 0.93);
          cairo_rectangle (cr, x, placement->y, content_width (), placement->height);
          cairo_fill (cr);
        }
      else if (item->label_column)
        {
          /* The label column of the details table. */
          cairo_set_source_rgb (cr, 0.95, 0.95, 0.96);
          cairo_rectangle (cr, x, placement->y, item->width[0] * content_width (),
                           placement->height);
          cairo_fill (cr);
        }

      cairo_set_source_rgb (cr, 0.55, 0.57, 0.60);
      cairo_set_line_width (cr, 0.6);
      for (guint c = 0; c < item->n_cells; c++)
        {
          double w = item->width[c] * content_width ();

          cairo_rectangle (cr, cell_x, placement->y, w, placement->height);
          cell_x += w;
        }
      cairo_stroke (cr);
    }

  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  for (guint c = 0; c < item->n_cells; c++)
    {
      GSList *lines;
      double top;

      if (placement->n[c] == 0)
        {
          x += item->width[c] * content_width ();
          continue;
        }

      top = g_array_index (item->lines[c], LineInfo, placement->first[c]).top;
      lines = g_slist_nth (pango_layout_get_lines_readonly (item->layout[c]), placement->first[c]);
      for (guint i = 0; i < placement->n[c] && lines != NULL; i++, lines = lines->next)
        {
          const LineInfo *info = &g_array_index (item->lines[c], LineInfo, placement->first[c] + i);

          cairo_move_to (cr, x + cell_pad_x (item) + info->x,
                         placement->y + cell_pad_y (item) + info->baseline - top);
          pango_cairo_show_layout_line (cr, lines->data);
        }
      x += item->width[c] * content_width ();
    }

  if (item->rule_below)
    {
      cairo_set_source_rgb (cr, 0.15, 0.30, 0.50);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, MARGIN_X, placement->y + placement->height + 2.0);
      cairo_rel_line_to (cr, content_width (), 0.0);
      cairo_stroke (cr);
    }
}

static void
draw_text (CaAuditReport *self,
           cairo_t       *cr,
           const char    *text,
           double         size,
           double         x,
           double         baseline,
           PangoAlignment alignment)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);
  PangoLayoutLine *line;
  PangoRectangle logical;

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  line = pango_layout_get_line_readonly (layout, 0);
  pango_layout_line_get_extents (line, NULL, &logical);
  if (alignment == PANGO_ALIGN_CENTER)
    x -= (double) logical.width / PANGO_SCALE / 2;
  else if (alignment == PANGO_ALIGN_RIGHT)
    x -= (double) logical.width / PANGO_SCALE;
  cairo_move_to (cr, x, baseline);
  pango_cairo_show_layout_line (cr, line);
}

void
ca_audit_report_draw_page (CaAuditReport *self,
                           cairo_t       *cr,
                           guint          page)
{
  GArray *placements;
  g_autofree char *footer = NULL;
  double bottom = CA_AUDIT_REPORT_PAGE_HEIGHT - 34.0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  ca_audit_report_get_n_pages (self, cr);
  g_return_if_fail (page < self->pages->len);

  placements = g_ptr_array_index (self->pages, page);

  cairo_save (cr);

  for (guint i = 0; i < placements->len; i++)
    {
      const Placement *placement = &g_array_index (placements, Placement, i);

      draw_placement (cr, g_ptr_array_index (self->items, placement->item), placement);
    }

  /* The marking councils give personal data, at the head of every page, and the footer. */
  cairo_set_source_rgb (cr, 0.30, 0.30, 0.30);
  draw_text (self, cr, _("OFFICIAL – SENSITIVE"), 8.0,
             CA_AUDIT_REPORT_PAGE_WIDTH - MARGIN_X, 36.0, PANGO_ALIGN_RIGHT);
  draw_text (self, cr, _("Case file audit"), 8.0, MARGIN_X, 36.0, PANGO_ALIGN_LEFT);

  cairo_set_source_rgb (cr, 0.55, 0.57, 0.60);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN_X, bottom - 12.0);
  cairo_rel_line_to (cr, content_width (), 0.0);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 0.30, 0.30, 0.30);
  /* TRANSLATORS: the footer of every page: the case reference, the page and the count */
  footer = g_strdup_printf (_("Case Audit — %s — page %u of %u"), self->case_ref, page + 1,
                            self->pages->len);
  draw_text (self, cr, footer, 8.0, CA_AUDIT_REPORT_PAGE_WIDTH / 2, bottom, PANGO_ALIGN_CENTER);

  cairo_restore (cr);
}

/* PDF. */

/* Streams the PDF into the temporary file; the first error stops it and is kept. */
static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return ca_output_file_write (closure, data, length, NULL) ? CAIRO_STATUS_SUCCESS
                                                             : CAIRO_STATUS_WRITE_ERROR;
}

/* Draws every page into a PDF written through WRITE: the one code path for files and for
 * the copy attached to an e-mail. */
static cairo_status_t
render_pdf (CaAuditReport      *self,
            cairo_write_func_t  write,
            void               *closure)
{
  g_autofree char *subject = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n_pages;

  surface = cairo_pdf_surface_create_for_stream (write, closure,
                                                 CA_AUDIT_REPORT_PAGE_WIDTH,
                                                 CA_AUDIT_REPORT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  /* TRANSLATORS: the PDF's subject: the case the audit is about */
  subject = g_strdup_printf (_("Case file audit of case %s"), self->case_ref);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Case Audit");

  cr = cairo_create (surface);
  n_pages = ca_audit_report_get_n_pages (self, cr);
  for (guint page = 0; page < n_pages; page++)
    {
      ca_audit_report_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
ca_audit_report_save_pdf_full (CaAuditReport      *self,
                               const char         *path,
                               CaOutputFileFlags   flags,
                               GError            **error)
{
  g_autoptr(CaOutputFile) file = NULL;
  cairo_status_t status;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = ca_output_file_begin (path, flags, CA_OUTPUT_FILE_PRIVATE, error);
  if (file == NULL)
    return FALSE;

  status = render_pdf (self, write_to_file, file);
  /* A write error is the file's to report (a full disk), with the system's reason. */
  if (status != CAIRO_STATUS_SUCCESS && status != CAIRO_STATUS_WRITE_ERROR)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name, cairo_status_to_string (status));
      return FALSE;
    }
  return ca_output_file_commit (file, error);
}

gboolean
ca_audit_report_save_pdf (CaAuditReport *self,
                          const char    *path,
                          GError       **error)
{
  return ca_audit_report_save_pdf_full (self, path, CA_OUTPUT_FILE_REPLACE, error);
}

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
ca_audit_report_to_pdf_bytes (CaAuditReport *self,
                              GError       **error)
{
  g_autoptr(GByteArray) pdf = NULL;
  cairo_status_t status;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pdf = g_byte_array_new ();
  status = render_pdf (self, write_to_array, pdf);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("The audit’s PDF could not be made: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

gboolean
ca_audit_report_write_pdf (const CaAuditForm *form,
                           GHashTable        *staff_names,
                           const char        *path,
                           GError           **error)
{
  g_autoptr(CaAuditReport) report = NULL;

  g_return_val_if_fail (form != NULL, FALSE);

  report = ca_audit_report_new (form, staff_names);
  return ca_audit_report_save_pdf (report, path, error);
}
