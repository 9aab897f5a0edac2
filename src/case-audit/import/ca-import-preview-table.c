// SPDX-License-Identifier: GPL-3.0-or-later
// The import window's first rows of a file, as a table: a column for each column of the file,
// each cell as wide as its text up to a limit, each row named for a screen reader.

#define G_LOG_DOMAIN "ca-import-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-import-preview-table.h"
#include "ca-list-access.h"

/* A cell shows at most this many characters; the rest is in its tooltip. */
#define MAX_CELL_CHARS 24

/* A column's title: its header, or "Column 3" for an empty header cell. */
char *
ca_import_preview_table_column_title (CaImportPreview *preview,
                                      guint            column)
{
  const char *name = ca_import_preview_get_header (preview)[column];

  if (name == NULL || *name == '\0')
    /* Translators: a column of the file with an empty header cell, counted from 1. */
    return g_strdup_printf (_("Column %u"), column + 1);
  return g_strdup (name);
}

static void
preview_cell_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_CELL_CHARS);
  gtk_list_item_set_child (item, label);
}

static void
preview_cell_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkStringList *row = gtk_list_item_get_item (item);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  const char *text = gtk_string_list_get_string (row, column);
  GtkWidget *label = gtk_list_item_get_child (item);

  gboolean empty = text == NULL || *text == '\0';

  gtk_label_set_text (GTK_LABEL (label), empty ? "" : text);
  /* Wide enough for the text up to a limit, so the columns scroll rather than squeeze. */
  gtk_label_set_width_chars (GTK_LABEL (label),
                             empty ? 0 : MIN ((int) g_utf8_strlen (text, -1), MAX_CELL_CHARS));
  gtk_widget_set_tooltip_text (label, empty ? NULL : text);
  /* A screen reader says an empty cell is empty rather than reading nothing. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  empty ? _("Empty") : text, -1);

  /* The row, for a screen reader, by its cells under their headers, named once from the
   * first column: "Case Ref: CA-1001, Service Area: Children in Need, …". */
  if (column == 0)
    {
      const char * const *header = g_object_get_data (G_OBJECT (factory), "header");
      g_autoptr(GString) name = g_string_new (NULL);

      for (guint i = 0; header != NULL && header[i] != NULL; i++)
        {
          const char *cell = gtk_string_list_get_string (row, i);

          if (cell == NULL || *cell == '\0')
            continue;
          if (name->len > 0)
            g_string_append (name, ", ");
          /* TRANSLATORS: a column's header and a row's value in it. */
          g_string_append_printf (name, _("%s: %s"), header[i], cell);
        }
      ca_list_name_table_row (label, name->len > 0 ? name->str : _("Empty row"));
    }
}

/**
 * ca_import_preview_table_show:
 * @view: the column view to show the rows in; its columns are replaced
 * @preview: the file's header and first rows
 *
 * Shows @preview in @view: a column for each column of the file, titled by its header, each
 * row named for a screen reader by its cells under their headers.
 */
void
ca_import_preview_table_show (GtkColumnView   *view,
                              CaImportPreview *preview)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GListStore) rows = g_list_store_new (GTK_TYPE_STRING_LIST);
  g_autoptr(GtkNoSelection) selection = NULL;
  const char * const *header = ca_import_preview_get_header (preview);
  guint n_columns = g_strv_length ((char **) header);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }

  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autofree char *title = ca_import_preview_table_column_title (preview, i);

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (i));
      if (i == 0)
        {
          g_auto(GStrv) titles = g_new0 (char *, n_columns + 1);

          for (guint j = 0; j < n_columns; j++)
            titles[j] = ca_import_preview_table_column_title (preview, j);
          g_object_set_data_full (G_OBJECT (factory), "header", g_steal_pointer (&titles),
                                  (GDestroyNotify) g_strfreev);
        }
      g_signal_connect (factory, "setup", G_CALLBACK (preview_cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (preview_cell_bind_cb), NULL);
      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (view, column);
    }

  for (guint r = 0; r < ca_import_preview_get_n_rows (preview); r++)
    {
      const char * const *cells = ca_import_preview_get_row (preview, r);
      g_autoptr(GtkStringList) row = gtk_string_list_new (NULL);

      for (guint i = 0; i < n_columns; i++)
        gtk_string_list_append (row, i < g_strv_length ((char **) cells) ? cells[i] : "");
      g_list_store_append (rows, row);
    }

  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
}
