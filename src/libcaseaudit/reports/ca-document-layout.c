// SPDX-License-Identifier: GPL-3.0-or-later
// A document's blocks laid out line by line with Pango against the cairo context given, cut
// into A4 pages, portrait or landscape (table headers repeated, headings kept with what
// follows), and drawn.

#define G_LOG_DOMAIN "ca-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-document-private.h"

/* Layout. */

/* A style's font at the document's size: the sizes below are for 10 pt body text. */
static PangoFontDescription *
style_font (CaDocument      *self,
            CaDocumentStyle  style)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  double size = 10.0;

  switch (style)
    {
    case CA_DOCUMENT_STYLE_BODY:
      break;
    case CA_DOCUMENT_STYLE_STRONG:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;
    case CA_DOCUMENT_STYLE_LABEL:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      size = 9.0;
      break;
    case CA_DOCUMENT_STYLE_SUBHEADING:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      size = 10.5;
      break;
    case CA_DOCUMENT_STYLE_HEADING:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      size = 13.0;
      break;
    case CA_DOCUMENT_STYLE_TITLE:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      size = 18.0;
      break;
    case CA_DOCUMENT_STYLE_SUBTITLE:
      size = 10.5;
      break;
    default:
      g_assert_not_reached ();
    }
  pango_font_description_set_size (font, (int) (size * self->font_size / 10.0 * PANGO_SCALE));
  return font;
}

double
ca_document_content_width (CaDocument *self)
{
  return self->page_width - 2 * MARGIN_X;
}

double
ca_document_content_bottom (CaDocument *self)
{
  return self->page_height - BOTTOM_MARGIN;
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
      g_autoptr(PangoFontDescription) font = style_font (self, item->style[c]);
      PangoLayout *layout = pango_layout_new (self->context);
      PangoLayoutIter *iter;
      double width = item->width[c] * ca_document_content_width (self) - 2 * cell_pad_x (item)
                     - item->indent;

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
  font = style_font (self, item->style[0]);
  layout = pango_layout_new (self->context);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout,
                          (int) ((ca_document_content_width (self) - item->indent) * PANGO_SCALE));
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
  double bottom = ca_document_content_bottom (p->self);
  Placement placement = { 0 };

  if (!at_top (p) && p->y + item->chart_height > bottom)
    new_page (p);
  placement.item = index;
  placement.y = p->y;
  placement.height = MIN (item->chart_height, bottom - CONTENT_TOP);
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
  double bottom = ca_document_content_bottom (self);

  if (!at_top (p))
    {
      p->y += item->space_before;
      if (item->keep_with_next && !repeating_header
          && p->y + MIN (first_chunk_height (self, index), bottom - CONTENT_TOP) > bottom)
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
      double available = bottom - p->y - 2 * pad;
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
          && whole + 2 * pad <= bottom - CONTENT_TOP - 40.0)
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

void
ca_document_paginate (CaDocument *self,
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
draw_chart (CaDocument      *self,
            cairo_t         *cr,
            const Item      *item,
            const Placement *placement)
{
  double width = ca_document_content_width (self);

  cairo_save (cr);
  cairo_rectangle (cr, MARGIN_X, placement->y, width, placement->height);
  cairo_clip (cr);
  item->chart_func (cr, MARGIN_X, placement->y, width, placement->height, item->chart_data);
  cairo_restore (cr);
}

/* The structure tag of an item's text in a tagged PDF, which lets a screen reader move by
 * heading, paragraph and table cell (cairo ignores tags on other surfaces). */
static const char *
item_tag (const Item *item)
{
  if (item->row)
    return item->header_row ? "TH" : "TD";
  switch (item->style[0])
    {
    case CA_DOCUMENT_STYLE_TITLE:
    case CA_DOCUMENT_STYLE_HEADING:
      return "H1";
    case CA_DOCUMENT_STYLE_SUBHEADING:
      return "H2";
    case CA_DOCUMENT_STYLE_BODY:
    case CA_DOCUMENT_STYLE_STRONG:
    case CA_DOCUMENT_STYLE_LABEL:
    case CA_DOCUMENT_STYLE_SUBTITLE:
    default:
      return "P";
    }
}

static void
draw_placement (CaDocument      *self,
                cairo_t         *cr,
                const Item      *item,
                const Placement *placement)
{
  double x = MARGIN_X + item->indent;
  double content_width = ca_document_content_width (self);

  if (item->chart_func != NULL)
    {
      cairo_tag_begin (cr, "Figure", NULL);
      draw_chart (self, cr, item, placement);
      cairo_tag_end (cr, "Figure");
      return;
    }

  if (item->row)
    {
      double cell_x = x;

      if (item->header_row)
        {
          cairo_set_source_rgb (cr, 0.90, 0.91, 0.93);
          cairo_rectangle (cr, x, placement->y, content_width, placement->height);
          cairo_fill (cr);
        }
      else if (item->shaded)
        {
          /* A row that must stand out (Category 1): a warm tint, pale enough to print. */
          cairo_set_source_rgb (cr, 0.99, 0.89, 0.87);
          cairo_rectangle (cr, x, placement->y, content_width, placement->height);
          cairo_fill (cr);
        }
      else if (item->label_column)
        {
          /* The label column of a table of details. */
          cairo_set_source_rgb (cr, 0.95, 0.95, 0.96);
          cairo_rectangle (cr, x, placement->y, item->width[0] * content_width,
                           placement->height);
          cairo_fill (cr);
        }

      cairo_set_source_rgb (cr, 0.55, 0.57, 0.60);
      cairo_set_line_width (cr, 0.6);
      for (guint c = 0; c < item->n_cells; c++)
        {
          double w = item->width[c] * content_width;

          cairo_rectangle (cr, cell_x, placement->y, w, placement->height);
          cell_x += w;
        }
      cairo_stroke (cr);
    }

  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  if (item->row)
    cairo_tag_begin (cr, "TR", NULL);
  for (guint c = 0; c < item->n_cells; c++)
    {
      GSList *lines;
      double top;

      cairo_tag_begin (cr, item_tag (item), NULL);
      if (placement->n[c] == 0)
        {
          cairo_tag_end (cr, item_tag (item));
          x += item->width[c] * content_width;
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
      cairo_tag_end (cr, item_tag (item));
      x += item->width[c] * content_width;
    }
  if (item->row)
    cairo_tag_end (cr, "TR");

  if (item->rule_below)
    {
      cairo_set_source_rgb (cr, 0.15, 0.30, 0.50);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, MARGIN_X, placement->y + placement->height + 2.0);
      cairo_rel_line_to (cr, content_width, 0.0);
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

/* Large pale letters across the page, drawn first so that the text stays readable over them. */
static void
draw_watermark (CaDocument *self,
                cairo_t    *cr)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY " Bold");
  int width, height;

  pango_font_description_set_size (font, 110 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, self->watermark, -1);
  pango_layout_get_size (layout, &width, &height);

  cairo_save (cr);
  cairo_translate (cr, self->page_width / 2, self->page_height / 2);
  cairo_rotate (cr, -G_PI / 4);
  cairo_move_to (cr, -(double) width / PANGO_SCALE / 2, -(double) height / PANGO_SCALE / 2);
  cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
  cairo_tag_begin (cr, "P", NULL);
  pango_cairo_show_layout (cr, layout);
  cairo_tag_end (cr, "P");
  cairo_restore (cr);
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

void
ca_document_render_page (CaDocument *self,
                         cairo_t    *cr,
                         guint       page)
{
  GArray *placements;
  g_autofree char *footer = NULL;
  double bottom = self->page_height - 34.0;

  placements = g_ptr_array_index (self->pages, page);

  cairo_save (cr);

  if (self->watermark != NULL)
    draw_watermark (self, cr);

  /* A page's run of table rows is one Table in the PDF's structure. */
  for (guint i = 0; i < placements->len; i++)
    {
      const Placement *placement = &g_array_index (placements, Placement, i);
      const Item *item = g_ptr_array_index (self->items, placement->item);
      const Item *next = i + 1 < placements->len
                         ? g_ptr_array_index (self->items,
                                              g_array_index (placements, Placement, i + 1).item)
                         : NULL;
      gboolean in_table = i > 0 &&
                          ((const Item *) g_ptr_array_index (self->items,
                                                             g_array_index (placements, Placement,
                                                                            i - 1).item))->row;

      if (item->row && !in_table)
        cairo_tag_begin (cr, "Table", NULL);
      draw_placement (self, cr, item, placement);
      if (item->row && (next == NULL || !next->row))
        cairo_tag_end (cr, "Table");
    }

  /* The head of every page (a council's marking of personal data), and the footer. */
  cairo_set_source_rgb (cr, 0.30, 0.30, 0.30);
  if (self->header_right != NULL)
    draw_text (self, cr, self->header_right, 8.0,
               self->page_width - MARGIN_X, 36.0, PANGO_ALIGN_RIGHT);
  if (self->header_left != NULL)
    draw_text (self, cr, self->header_left, 8.0, MARGIN_X, 36.0, PANGO_ALIGN_LEFT);

  cairo_set_source_rgb (cr, 0.55, 0.57, 0.60);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN_X, bottom - 12.0);
  cairo_rel_line_to (cr, ca_document_content_width (self), 0.0);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 0.30, 0.30, 0.30);
  footer = format_footer (self, page);
  draw_text (self, cr, footer, 8.0, self->page_width / 2, bottom, PANGO_ALIGN_CENTER);

  cairo_restore (cr);
}
