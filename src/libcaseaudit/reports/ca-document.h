// SPDX-License-Identifier: GPL-3.0-or-later
// An A4 document, portrait or landscape, built from blocks (headings, paragraphs, label–value
// rows, tables, charts), laid out with Pango and drawn with cairo into any cairo context: a PDF
// file, a GtkPrintOperation's pages, or an image. Every printed document of the house is one.
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ca-output-file.h"

G_BEGIN_DECLS

/* A4 in points, the unit documents draw in, upright (portrait); a landscape page is the
 * same turned on its side. */
#define CA_DOCUMENT_PAGE_WIDTH  595.0
#define CA_DOCUMENT_PAGE_HEIGHT 842.0

/* The most columns a table may have. */
#define CA_DOCUMENT_MAX_COLUMNS 12

typedef enum
{
  CA_DOCUMENT_PORTRAIT,
  CA_DOCUMENT_LANDSCAPE,   /* A4 on its side: for a wide table */
} CaDocumentOrientation;

typedef enum
{
  CA_DOCUMENT_STYLE_BODY,
  CA_DOCUMENT_STYLE_STRONG,
  CA_DOCUMENT_STYLE_LABEL,
  CA_DOCUMENT_STYLE_HEADING,
  CA_DOCUMENT_STYLE_SUBHEADING,
  CA_DOCUMENT_STYLE_TITLE,
  CA_DOCUMENT_STYLE_SUBTITLE,
} CaDocumentStyle;

/* Draws a chart into CR within the rectangle X, Y, WIDTH, HEIGHT (points on the page). CR is
 * saved before and restored after, and clipped to the rectangle. */
typedef void (*CaDocumentChartFunc) (cairo_t  *cr,
                                     double    x,
                                     double    y,
                                     double    width,
                                     double    height,
                                     gpointer  user_data);

/* The footer of page PAGE (counting from 0) of N_PAGES, newly allocated. */
typedef char *(*CaDocumentFooterFunc) (guint    page,
                                       guint    n_pages,
                                       gpointer user_data);

#define CA_TYPE_DOCUMENT (ca_document_get_type ())

G_DECLARE_FINAL_TYPE (CaDocument, ca_document, CA, DOCUMENT, GObject)

/* TITLE and SUBJECT (both nullable) go into a PDF's metadata. */
CaDocument *ca_document_new                 (const char            *title,
                                             const char            *subject);
const char *ca_document_get_title           (CaDocument            *self);

/* Portrait unless set otherwise, before the document is first laid out. */
void        ca_document_set_orientation     (CaDocument            *self,
                                             CaDocumentOrientation  orientation);
CaDocumentOrientation
            ca_document_get_orientation     (CaDocument            *self);
/* The page's size in points as the document draws it: 842 by 595 when landscape. */
void        ca_document_get_page_size       (CaDocument            *self,
                                             double                *width,
                                             double                *height);

/* The size of body text in points, 10 unless set (a wide table may want less); headings,
 * labels and titles keep their sizes in proportion. Before the document is first laid out. */
void        ca_document_set_font_size       (CaDocument            *self,
                                             double                 points);

/* Small text at the head of every page, at the left and at the right (both nullable). */
void        ca_document_set_page_header     (CaDocument            *self,
                                             const char            *left,
                                             const char            *right);
/* A word in large pale letters across every page, under the text (a draft's "DRAFT"), or
 * NULL for none. */
void        ca_document_set_watermark       (CaDocument            *self,
                                             const char            *text);
/* The footer of every page, under a rule; without one, pages say "Page N of M". */
void        ca_document_set_footer_func     (CaDocument            *self,
                                             CaDocumentFooterFunc   func,
                                             gpointer               user_data,
                                             GDestroyNotify         destroy);

/* Blocks, in reading order. SPACE_BEFORE is in points, dropped at the top of a page. Blocks
 * are added before the document is first laid out. */
void        ca_document_add_paragraph       (CaDocument            *self,
                                             CaDocumentStyle        style,
                                             const char            *text,
                                             double                 space_before);
/* A section heading, underlined, never the last thing on a page. */
void        ca_document_add_heading         (CaDocument            *self,
                                             const char            *text);
/* A heading within a section, kept with what follows. */
void        ca_document_add_subheading      (CaDocument            *self,
                                             const char            *text);
/* Free text as typed: one paragraph per line, blank lines dropped; IF_BLANK (nullable) when
 * nothing was written. */
void        ca_document_add_text            (CaDocument            *self,
                                             const char            *text,
                                             const char            *if_blank,
                                             double                 space_before);
/* Keeps the block added last on the same page as the start of the next. */
void        ca_document_keep_with_next      (CaDocument            *self);

/* A label and its value as a bordered row, the label shaded: consecutive ones make a
 * table of details. */
void        ca_document_add_key_value       (CaDocument            *self,
                                             const char            *label,
                                             const char            *value);

/* Starts a table of N_COLUMNS columns, WIDTHS fractions of the text width, with a header
 * row of TITLES that is repeated at the top of each page the table continues on. */
void        ca_document_begin_table         (CaDocument            *self,
                                             guint                  n_columns,
                                             const double          *widths,
                                             const char * const    *titles,
                                             double                 space_before);
/* A row of the table begun last: one text per column (NULL shows as empty). A row is kept
 * whole on one page unless it is nearly a page tall. */
void        ca_document_add_row             (CaDocument            *self,
                                             const char * const    *cells);
/* The same, with a style for each cell (STYLES nullable: body text), and with SHADED a
 * tinted background, for a row that must stand out (a Category 1 audit). */
void        ca_document_add_row_full        (CaDocument            *self,
                                             const char * const    *cells,
                                             const CaDocumentStyle *styles,
                                             gboolean               shaded);

/* A chart HEIGHT points tall across the text width, never split across pages: FUNC draws
 * it when its page is drawn. */
void        ca_document_add_chart           (CaDocument            *self,
                                             double                 height,
                                             CaDocumentChartFunc    func,
                                             gpointer               user_data,
                                             GDestroyNotify         destroy,
                                             double                 space_before);

/* Lays the document out with CR's fonts, once; later calls return the same count. CR's user
 * space must be in points with the page's top left corner at the origin (for a
 * GtkPrintOperation: unit points and full page). Nothing is drawn into CR. */
guint       ca_document_get_n_pages         (CaDocument            *self,
                                             cairo_t               *cr_for_measuring);
/* Draws page PAGE (counting from 0) into CR, in points from the page's top left corner.
 * Lays out with CR first if that has not been done. Does not show the page. */
void        ca_document_draw_page           (CaDocument            *self,
                                             cairo_t               *cr,
                                             guint                  page);

/* Draws every page into a PDF in memory: the one path for files and for bytes. Returns
 * NULL with STATUS set to the first cairo error when it could not be made. */
GBytes     *ca_document_to_pdf_bytes        (CaDocument            *self,
                                             cairo_status_t        *status);
/* The same PDF, written through WRITE. Returns the first cairo error, or WRITE's. */
cairo_status_t ca_document_render_pdf       (CaDocument            *self,
                                             cairo_write_func_t     write,
                                             void                  *closure);
/* Writes the whole document to PATH as a PDF, readable by its owner only (mode 0600), whole
 * or not at all (see ca-output-file.h for FLAGS). */
gboolean    ca_document_save_pdf            (CaDocument            *self,
                                             const char            *path,
                                             CaOutputFileFlags      flags,
                                             GError               **error);

G_END_DECLS
