// SPDX-License-Identifier: GPL-3.0-or-later
// What ca-document.c (the blocks) and ca-document-layout.c (pagination and drawing) share.
#pragma once

#include <pango/pangocairo.h>

#include "ca-document.h"

G_BEGIN_DECLS

#define MARGIN_X       48.0
#define CONTENT_TOP    60.0
#define BOTTOM_MARGIN  64.0   /* the content ends this far above the page's foot */
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
  gboolean             shaded;          /* a row that stands out: tinted */
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
  char                 *watermark;     /* across every page, e.g. "DRAFT"; nullable */
  CaDocumentOrientation orientation;
  double                page_width;    /* in points, as drawn: turned when landscape */
  double                page_height;
  double                font_size;     /* of body text, in points; the other styles scale */
};

/* Where the content ends on a page, and how wide it is, in points. */
double ca_document_content_bottom (CaDocument *self);
double ca_document_content_width  (CaDocument *self);

/* Lays every block out with CR's fonts and cuts them into pages. */
void ca_document_paginate    (CaDocument *self,
                              cairo_t    *cr);
/* Draws page PAGE, which exists, into CR. */
void ca_document_render_page (CaDocument *self,
                              cairo_t    *cr,
                              guint       page);

G_END_DECLS
