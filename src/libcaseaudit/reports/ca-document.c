// SPDX-License-Identifier: GPL-3.0-or-later
// The A4 document renderer: blocks kept in reading order, laid out line by line with Pango
// against the cairo context given, paginated, and drawn in points into any cairo context.

#define G_LOG_DOMAIN "ca-document"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ca-document.h"

#define MARGIN_X       48.0
#define CONTENT_TOP    60.0
#define CONTENT_BOTTOM (CA_DOCUMENT_PAGE_HEIGHT - 64.0)
#define CELL_PAD_X     5.0
#define CELL_PAD_Y     3.5
#define MAX_CELLS      CA_DOCUMENT_MAX_COLUMNS
#define FONT_FAMILY    "Cantarell,Sans"

/* A paragraph longer than this is laid out a piece at a time, each piece starting where the
 * last full line of the one before ended, so that a huge paste wraps exactly as one
 * paragraph would without becoming one huge layout (which Pango does not lay out whole). */
#define MAX_CHUNK      8192

typedef struct
{
  double top;
  double bottom;
  double baseline;
  double x;
} LineInfo;

/* A paragraph (one cell across the width, no border), a table row (bordered cells) or a
 * chart (a rectangle its callback draws into). */
typedef struct
{
  gboolean             row;
  gboolean             header_row;      /* a table's header: shaded, repeated on each page */
  gboolean             keep_with_next;  /* a heading: never the last thing on a page */
  gboolean             rule_below;      /* a section heading's underline */
  gboolean             label_column;    /* the first cell labels the row: shaded */
  guint                n_cells;
  char                *text[MAX_CELLS];
  CaDocumentStyle      style[MAX_CELLS];
  double               width[MAX_CELLS]; /* fractions of the content width */
  double               indent;
  double               space_before;
  int                  header_item;     /* for rows: the index of the header row to repeat, or -1 */
  PangoLayout         *layout[MAX_CELLS];
  GArray              *lines[MAX_CELLS]; /* of LineInfo, in points from the layout's top */
  CaDocumentChartFunc  chart_func;      /* set for a chart, which has no cells */
  gpointer             chart_data;
  GDestroyNotify       chart_destroy;
  double               chart_height;
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

struct _CaDocument
{
  GObject               parent_instance;

  GPtrArray            *items;         /* of Item */
  GPtrArray            *pages;         /* of GArray of Placement; NULL until paginated */
  PangoContext         *context;
  char                 *title;
  char                 *subject;
  char                 *header_left;
  char                 *header_right;
  CaDocumentFooterFunc  footer_func;
  gpointer              footer_data;
  GDestroyNotify        footer_destroy;
  int                   table_header;  /* the index of the open table's header row, or -1 */
};

G_DEFINE_FINAL_TYPE (CaDocument, ca_document, G_TYPE_OBJECT)

static void
item_free (Item *item)
{
  for (guint i = 0; i < MAX_CELLS; i++)
    {
      g_free (item->text[i]);
      g_clear_object (&item->layout[i]);
      g_clear_pointer (&item->lines[i], g_array_unref);
    }
  if (item->chart_destroy != NULL)
    item->chart_destroy (item->chart_data);
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
append_item (CaDocument *self)
{
  Item *item = g_new0 (Item, 1);

  item->header_item = -1;
  g_ptr_array_add (self->items, item);
  return item;
}

static Item *
add_item (CaDocument      *self,
          CaDocumentStyle  style,
          const char      *text,
          double           space_before)
{
  Item *item = append_item (self);

  item->n_cells = 1;
  item->text[0] = g_strdup (text != NULL ? text : "");
  item->style[0] = style;
  item->width[0] = 1.0;
  item->space_before = space_before;
  self->table_header = -1;
  return item;
}

static Item *
add_row (CaDocument         *self,
         guint               n_cells,
         const double       *width,
         const char * const *text,
         CaDocumentStyle     style,
         int                 header_item)
{
  Item *item = append_item (self);

  item->row = TRUE;
  item->n_cells = n_cells;
  for (guint i = 0; i < n_cells; i++)
    {
      item->text[i] = g_strdup (text[i] != NULL ? text[i] : "");
      item->style[i] = style;
      item->width[i] = width[i];
    }
  item->header_item = header_item;
  return item;
}

/* Layout. */

static PangoFontDescription *
style_font (CaDocumentStyle style)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY " 10");

  switch (style)
    {
    case CA_DOCUMENT_STYLE_BODY:
      break;
    case CA_DOCUMENT_STYLE_STRONG:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;
    case CA_DOCUMENT_STYLE_LABEL:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_font_description_set_size (font, 9 * PANGO_SCALE);
      break;
    case CA_DOCUMENT_STYLE_SUBHEADING:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_font_description_set_size (font, (int) (10.5 * PANGO_SCALE));
      break;
    case CA_DOCUMENT_STYLE_HEADING:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_font_description_set_size (font, 13 * PANGO_SCALE);
      break;
    case CA_DOCUMENT_STYLE_TITLE:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_font_description_set_size (font, 18 * PANGO_SCALE);
      break;
    case CA_DOCUMENT_STYLE_SUBTITLE:
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
  return CA_DOCUMENT_PAGE_WIDTH - 2 * MARGIN_X;
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
layout_item (CaDocument *self,
             Item       *item)
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
split_long_item (CaDocument *self,
                 guint       index)
{
  Item *item = g_ptr_array_index (self->items, index);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  const char *text = item->text[0];
  const char *end;
  PangoLayoutLine *last;
  Item *rest;
  int n_lines;

  if (item->row || item->chart_func != NULL || strlen (text) <= MAX_CHUNK)
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
first_chunk_height (CaDocument *self,
                    guint       index)
{
  const Item *item = g_ptr_array_index (self->items, index);
  double height = item->chart_height;

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

/* Pagination. */

typedef struct
{
  CaDocument *self;
  GArray     *page;
  guint       n_repeated;  /* placements at the top of PAGE that repeat a table header */
  double      y;
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

/* A chart is never split: it goes on the next page when it does not fit, or stands alone
 * (clipped by the page's end) when it is taller than a page. */
static void
place_chart (Paginator *p,
             guint      index)
{
  const Item *item = g_ptr_array_index (p->self->items, index);
  Placement placement = { 0 };

  if (!at_top (p) && p->y + item->chart_height > CONTENT_BOTTOM)
    new_page (p);
  placement.item = index;
  placement.y = p->y;
  placement.height = item->chart_height;
  g_array_append_val (p->page, placement);
  p->y += placement.height;
}

static void
place_item (Paginator *p,
            guint      index,
            gboolean   repeating_header)
{
  CaDocument *self = p->self;
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

  if (item->chart_func != NULL)
    {
      place_chart (p, index);
      return;
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
paginate (CaDocument *self,
          cairo_t    *cr)
{
  Paginator p = { self, NULL, 0, 0.0 };
  cairo_font_options_t *options;

  self->context = pango_cairo_create_context (cr);
  /* The document is in points, whatever the device: lay out at 72 per inch, with metrics
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

/* Drawing. */

static void
draw_chart (cairo_t         *cr,
            const Item      *item,
            const Placement *placement)
{
  cairo_save (cr);
  cairo_rectangle (cr, MARGIN_X, placement->y, content_width (), placement->height);
  cairo_clip (cr);
  item->chart_func (cr, MARGIN_X, placement->y, content_width (), placement->height,
                    item->chart_data);
  cairo_restore (cr);
}

static void
draw_placement (cairo_t         *cr,
                const Item      *item,
                const Placement *placement)
{
  double x = MARGIN_X + item->indent;

  if (item->chart_func != NULL)
    {
      draw_chart (cr, item, placement);
      return;
    }

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
          /* The label column of a table of details. */
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
draw_text (CaDocument     *self,
           cairo_t        *cr,
           const char     *text,
           double          size,
           double          x,
           double          baseline,
           PangoAlignment  alignment)
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

static char *
format_footer (CaDocument *self,
               guint       page)
{
  if (self->footer_func != NULL)
    return self->footer_func (page, self->pages->len, self->footer_data);
  /* TRANSLATORS: the footer of a printed document's page: the page and the count */
  return g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
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

/* GObject. */

static void
ca_document_finalize (GObject *object)
{
  CaDocument *self = (CaDocument *) object;

  g_ptr_array_unref (self->items);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_free (self->title);
  g_free (self->subject);
  g_free (self->header_left);
  g_free (self->header_right);
  if (self->footer_destroy != NULL)
    self->footer_destroy (self->footer_data);

  G_OBJECT_CLASS (ca_document_parent_class)->finalize (object);
}

static void
ca_document_class_init (CaDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_document_finalize;
}

static void
ca_document_init (CaDocument *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->table_header = -1;
}

/* Public API. */

CaDocument *
ca_document_new (const char *title,
                 const char *subject)
{
  CaDocument *self = g_object_new (CA_TYPE_DOCUMENT, NULL);

  self->title = g_strdup (title);
  self->subject = g_strdup (subject);
  return self;
}

const char *
ca_document_get_title (CaDocument *self)
{
  g_return_val_if_fail (CA_IS_DOCUMENT (self), NULL);

  return self->title;
}

void
ca_document_set_page_header (CaDocument *self,
                             const char *left,
                             const char *right)
{
  g_return_if_fail (CA_IS_DOCUMENT (self));

  g_free (self->header_left);
  self->header_left = g_strdup (left);
  g_free (self->header_right);
  self->header_right = g_strdup (right);
}

void
ca_document_set_footer_func (CaDocument           *self,
                             CaDocumentFooterFunc  func,
                             gpointer              user_data,
                             GDestroyNotify        destroy)
{
  g_return_if_fail (CA_IS_DOCUMENT (self));

  if (self->footer_destroy != NULL)
    self->footer_destroy (self->footer_data);
  self->footer_func = func;
  self->footer_data = user_data;
  self->footer_destroy = destroy;
}

void
ca_document_add_paragraph (CaDocument      *self,
                           CaDocumentStyle  style,
                           const char      *text,
                           double           space_before)
{
  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);

  add_item (self, style, text, space_before);
}

void
ca_document_add_heading (CaDocument *self,
                         const char *text)
{
  Item *item;

  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);

  item = add_item (self, CA_DOCUMENT_STYLE_HEADING, text, 16.0);
  item->keep_with_next = TRUE;
  item->rule_below = TRUE;
}

void
ca_document_add_subheading (CaDocument *self,
                            const char *text)
{
  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);

  add_item (self, CA_DOCUMENT_STYLE_SUBHEADING, text, 8.0)->keep_with_next = TRUE;
}

void
ca_document_add_text (CaDocument *self,
                      const char *text,
                      const char *if_blank,
                      double      space_before)
{
  g_auto(GStrv) paragraphs = NULL;

  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);

  if (is_blank (text))
    {
      add_item (self, CA_DOCUMENT_STYLE_BODY, if_blank, space_before);
      return;
    }

  paragraphs = g_strsplit (text, "\n", -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_strchomp (paragraphs[i]);
      if (paragraphs[i][0] == '\0')
        continue;
      add_item (self, CA_DOCUMENT_STYLE_BODY, paragraphs[i], space_before);
      space_before = 5.0;
    }
}

void
ca_document_keep_with_next (CaDocument *self)
{
  Item *item;

  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);
  g_return_if_fail (self->items->len > 0);

  item = g_ptr_array_index (self->items, self->items->len - 1);
  item->keep_with_next = TRUE;
}

void
ca_document_add_key_value (CaDocument *self,
                           const char *label,
                           const char *value)
{
  static const double width[] = { 0.3, 0.7 };
  const char *text[] = { label, value };
  Item *item;

  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);

  item = add_row (self, 2, width, text, CA_DOCUMENT_STYLE_BODY, -1);
  item->style[0] = CA_DOCUMENT_STYLE_STRONG;
  item->label_column = TRUE;
  self->table_header = -1;
}

void
ca_document_begin_table (CaDocument         *self,
                         guint               n_columns,
                         const double       *widths,
                         const char * const *titles,
                         double              space_before)
{
  Item *item;

  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);
  g_return_if_fail (n_columns > 0 && n_columns <= MAX_CELLS);
  g_return_if_fail (widths != NULL && titles != NULL);

  item = add_row (self, n_columns, widths, titles, CA_DOCUMENT_STYLE_LABEL, -1);
  item->header_row = TRUE;
  item->keep_with_next = TRUE;
  item->space_before = space_before;
  self->table_header = self->items->len - 1;
}

void
ca_document_add_row (CaDocument         *self,
                     const char * const *cells)
{
  const Item *header;

  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);
  g_return_if_fail (self->table_header >= 0);
  g_return_if_fail (cells != NULL);

  header = g_ptr_array_index (self->items, self->table_header);
  add_row (self, header->n_cells, header->width, cells, CA_DOCUMENT_STYLE_BODY,
           self->table_header);
}

void
ca_document_add_chart (CaDocument          *self,
                       double               height,
                       CaDocumentChartFunc  func,
                       gpointer             user_data,
                       GDestroyNotify       destroy,
                       double               space_before)
{
  Item *item;

  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);
  g_return_if_fail (func != NULL);
  g_return_if_fail (height > 0.0);

  item = append_item (self);
  item->chart_func = func;
  item->chart_data = user_data;
  item->chart_destroy = destroy;
  item->chart_height = MIN (height, CONTENT_BOTTOM - CONTENT_TOP);
  item->space_before = space_before;
  self->table_header = -1;
}

guint
ca_document_get_n_pages (CaDocument *self,
                         cairo_t    *cr_for_measuring)
{
  g_return_val_if_fail (CA_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (cr_for_measuring != NULL || self->pages != NULL, 0);

  if (self->pages == NULL)
    paginate (self, cr_for_measuring);
  return self->pages->len;
}

void
ca_document_draw_page (CaDocument *self,
                       cairo_t    *cr,
                       guint       page)
{
  GArray *placements;
  g_autofree char *footer = NULL;
  double bottom = CA_DOCUMENT_PAGE_HEIGHT - 34.0;

  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (cr != NULL);

  ca_document_get_n_pages (self, cr);
  g_return_if_fail (page < self->pages->len);

  placements = g_ptr_array_index (self->pages, page);

  cairo_save (cr);

  for (guint i = 0; i < placements->len; i++)
    {
      const Placement *placement = &g_array_index (placements, Placement, i);

      draw_placement (cr, g_ptr_array_index (self->items, placement->item), placement);
    }

  /* The head of every page (a council's marking of personal data), and the footer. */
  cairo_set_source_rgb (cr, 0.30, 0.30, 0.30);
  if (self->header_right != NULL)
    draw_text (self, cr, self->header_right, 8.0,
               CA_DOCUMENT_PAGE_WIDTH - MARGIN_X, 36.0, PANGO_ALIGN_RIGHT);
  if (self->header_left != NULL)
    draw_text (self, cr, self->header_left, 8.0, MARGIN_X, 36.0, PANGO_ALIGN_LEFT);

  cairo_set_source_rgb (cr, 0.55, 0.57, 0.60);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN_X, bottom - 12.0);
  cairo_rel_line_to (cr, content_width (), 0.0);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 0.30, 0.30, 0.30);
  footer = format_footer (self, page);
  draw_text (self, cr, footer, 8.0, CA_DOCUMENT_PAGE_WIDTH / 2, bottom, PANGO_ALIGN_CENTER);

  cairo_restore (cr);
}

cairo_status_t
ca_document_render_pdf (CaDocument         *self,
                        cairo_write_func_t  write,
                        void               *closure)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n_pages;

  g_return_val_if_fail (CA_IS_DOCUMENT (self), CAIRO_STATUS_NULL_POINTER);
  g_return_val_if_fail (write != NULL, CAIRO_STATUS_NULL_POINTER);

  surface = cairo_pdf_surface_create_for_stream (write, closure,
                                                 CA_DOCUMENT_PAGE_WIDTH,
                                                 CA_DOCUMENT_PAGE_HEIGHT);
  if (self->title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  if (self->subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, self->subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Case Audit");

  cr = cairo_create (surface);
  n_pages = ca_document_get_n_pages (self, cr);
  for (guint page = 0; page < n_pages; page++)
    {
      ca_document_draw_page (self, cr, page);
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
ca_document_save_pdf (CaDocument         *self,
                      const char         *path,
                      CaOutputFileFlags   flags,
                      GError            **error)
{
  g_autoptr(CaOutputFile) file = NULL;
  cairo_status_t status;

  g_return_val_if_fail (CA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = ca_output_file_begin (path, flags, CA_OUTPUT_FILE_PRIVATE, error);
  if (file == NULL)
    return FALSE;

  status = ca_document_render_pdf (self, write_to_file, file);
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
