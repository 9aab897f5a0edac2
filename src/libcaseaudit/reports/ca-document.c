// SPDX-License-Identifier: GPL-3.0-or-later
// The A4 document renderer: blocks kept in reading order, laid out and paginated against the
// cairo context given (ca-document-layout.c) on portrait or landscape pages, and drawn in
// points into any cairo context, a PDF file or a printer's page.

#define G_LOG_DOMAIN "ca-document"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "ca-document-private.h"
#include "ca-pdf-tagged.h"
#include "core/ca-audit-rules.h"

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
  g_free (self->watermark);
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
  self->orientation = CA_DOCUMENT_PORTRAIT;
  self->page_width = CA_DOCUMENT_PAGE_WIDTH;
  self->page_height = CA_DOCUMENT_PAGE_HEIGHT;
  self->font_size = 10.0;
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
ca_document_set_orientation (CaDocument            *self,
                             CaDocumentOrientation  orientation)
{
  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);

  self->orientation = orientation;
  self->page_width = orientation == CA_DOCUMENT_LANDSCAPE ? CA_DOCUMENT_PAGE_HEIGHT
                                                          : CA_DOCUMENT_PAGE_WIDTH;
  self->page_height = orientation == CA_DOCUMENT_LANDSCAPE ? CA_DOCUMENT_PAGE_WIDTH
                                                           : CA_DOCUMENT_PAGE_HEIGHT;
}

CaDocumentOrientation
ca_document_get_orientation (CaDocument *self)
{
  g_return_val_if_fail (CA_IS_DOCUMENT (self), CA_DOCUMENT_PORTRAIT);

  return self->orientation;
}

void
ca_document_get_page_size (CaDocument *self,
                           double     *width,
                           double     *height)
{
  g_return_if_fail (CA_IS_DOCUMENT (self));

  if (width != NULL)
    *width = self->page_width;
  if (height != NULL)
    *height = self->page_height;
}

void
ca_document_set_font_size (CaDocument *self,
                           double      points)
{
  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);
  g_return_if_fail (points >= 4.0 && points <= 24.0);

  self->font_size = points;
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
ca_document_set_watermark (CaDocument *self,
                           const char *text)
{
  g_return_if_fail (CA_IS_DOCUMENT (self));

  g_free (self->watermark);
  self->watermark = g_strdup (text);
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

  if (ca_rule_text_is_blank (text))
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
  ca_document_add_row_full (self, cells, NULL, FALSE);
}

void
ca_document_add_row_full (CaDocument            *self,
                          const char * const    *cells,
                          const CaDocumentStyle *styles,
                          gboolean               shaded)
{
  const Item *header;
  Item *item;

  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (self->pages == NULL);
  g_return_if_fail (self->table_header >= 0);
  g_return_if_fail (cells != NULL);

  header = g_ptr_array_index (self->items, self->table_header);
  item = add_row (self, header->n_cells, header->width, cells, CA_DOCUMENT_STYLE_BODY,
                  self->table_header);
  for (guint i = 0; styles != NULL && i < item->n_cells; i++)
    item->style[i] = styles[i];
  item->shaded = shaded;
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
  /* Clipped to the page's height when the page is laid out. */
  item->chart_height = height;
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
    ca_document_paginate (self, cr_for_measuring);
  return self->pages->len;
}

void
ca_document_draw_page (CaDocument *self,
                       cairo_t    *cr,
                       guint       page)
{
  g_return_if_fail (CA_IS_DOCUMENT (self));
  g_return_if_fail (cr != NULL);

  ca_document_get_n_pages (self, cr);
  g_return_if_fail (page < self->pages->len);

  ca_document_render_page (self, cr, page);
}

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
ca_document_to_pdf_bytes (CaDocument     *self,
                          cairo_status_t *status)
{
  g_autoptr(GByteArray) written = NULL;
  g_autoptr(GBytes) pdf = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (status != NULL, NULL);
  *status = CAIRO_STATUS_NULL_POINTER;
  g_return_val_if_fail (CA_IS_DOCUMENT (self), NULL);

  /* Kept whole, to be marked as tagged once cairo has written it (ca-pdf-tagged.c). */
  written = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, written,
                                                 self->page_width, self->page_height);
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
  *status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (*status == CAIRO_STATUS_SUCCESS)
    *status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (*status != CAIRO_STATUS_SUCCESS)
    return NULL;
  pdf = g_byte_array_free_to_bytes (g_steal_pointer (&written));
  return ca_pdf_mark_tagged (pdf);
}

cairo_status_t
ca_document_render_pdf (CaDocument         *self,
                        cairo_write_func_t  write,
                        void               *closure)
{
  g_autoptr(GBytes) pdf = NULL;
  cairo_status_t status;
  const unsigned char *data;
  gsize size;

  g_return_val_if_fail (CA_IS_DOCUMENT (self), CAIRO_STATUS_NULL_POINTER);
  g_return_val_if_fail (write != NULL, CAIRO_STATUS_NULL_POINTER);

  pdf = ca_document_to_pdf_bytes (self, &status);
  if (pdf == NULL)
    return status;
  data = g_bytes_get_data (pdf, &size);
  return write (closure, data, (unsigned int) size);
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
