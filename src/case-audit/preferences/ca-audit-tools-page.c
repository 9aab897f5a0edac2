// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences, Audit Tools: the tools in use (R-E3), to export or import.

#define G_LOG_DOMAIN "ca-audit-tools-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-tools-page.h"
#include "ca-file-chooser.h"
#include "ca-input-file.h"
#include "ca-preferences-files.h"
#include "ca-toast.h"
#include "ca-view-write.h"
#include "ca-tool-file.h"
#include "ca-tool-store.h"

struct _CaAuditToolsPage
{
  AdwPreferencesPage  parent_instance;

  CaDatabase         *database;
  GtkListBox         *tools_list;
  GtkButton          *import_tool_button;
};

G_DEFINE_FINAL_TYPE (CaAuditToolsPage, ca_audit_tools_page, ADW_TYPE_PREFERENCES_PAGE)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}


static void export_tool_cb (GtkButton *button, CaAuditToolsPage *self);

static GtkWidget *
tool_row_new (CaAuditToolsPage    *self,
              const CaToolSummary *tool)
{
  /* Translators: under a tool's name: its code and the version in use, "stage-1 · version 2" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · version %d"), tool->code,
                                               tool->latest_version);
  g_autofree char *export_label = g_strdup_printf (_("Export %s"), tool->name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *export = gtk_button_new_with_label (_("Export…"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tool->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (export, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (export, export_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (export), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  export_label, -1);
  g_object_set_data_full (G_OBJECT (export), "code", g_strdup (tool->code), g_free);
  g_signal_connect_object (export, "clicked", G_CALLBACK (export_tool_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), export);
  return row;
}

static void
load_tools (CaAuditToolsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;

  clear_list (self->tools_list);
  tools = ca_tool_store_list (self->database, &error);
  if (tools == NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      return;
    }
  for (guint i = 0; i < tools->len; i++)
    gtk_list_box_append (self->tools_list, tool_row_new (self, tools->pdata[i]));
}

/* A tool between the database and a file: read from PATH to be stored as a new version,
 * and what the store made of it (an import); or the newest version of CODE written to PATH
 * (an export). Either way DEF is the tool. */
typedef struct
{
  CaToolDefinition *def;
  char             *code;
  char             *path;
  int               version;
  gboolean          changed;
} ToolWrite;

static void
tool_write_free (ToolWrite *write)
{
  g_clear_pointer (&write->def, ca_tool_definition_free);
  g_free (write->code);
  g_free (write->path);
  g_free (write);
}

static gboolean
export_tool_job (CaDatabase  *connection,
                 gpointer     data,
                 GError     **error)
{
  ToolWrite *write = data;

  /* GTK 4.8's chooser has asked before replacing a file; a folder, device or FIFO is still
   * refused, in the toast. */
  write->def = ca_tool_store_export (connection, write->code, 0, write->path,
                                     CA_OUTPUT_FILE_REPLACE, error);
  return write->def != NULL;
}

static void
tool_exported (GtkWidget    *owner,
               gpointer      data,
               const GError *error)
{
  ToolWrite *write = data;
  g_autofree char *message = NULL;

  if (error == NULL)
    message = g_strdup_printf (_("Exported “%s” version %d."), write->def->name,
                               write->def->version);
  ca_toast_show_text (owner, error != NULL ? error->message : message, CA_TOAST_SHORT);
}

/* The file is written on the worker, as every other export is. */
static void
tool_export_chosen (GtkWidget *owner,
                    GFile     *file,
                    gpointer   data)
{
  CaAuditToolsPage *self = CA_AUDIT_TOOLS_PAGE (owner);
  g_autofree char *code = data;
  ToolWrite *write;

  if (g_file_peek_path (file) == NULL || self->database == NULL)
    return;
  write = g_new0 (ToolWrite, 1);
  write->code = g_steal_pointer (&code);
  write->path = g_file_get_path (file);
  ca_view_write (owner, NULL, self->database, export_tool_job, write,
                 (GDestroyNotify) tool_write_free, tool_exported);
}

static void
export_tool_cb (GtkButton           *button,
                CaAuditToolsPage    *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "code");
  g_autofree char *name = g_strdup_printf ("%s.json", code);
  GtkFileChooserNative *dialog;

  dialog = ca_preferences_new_chooser (GTK_WIDGET (self), _("Export Audit Tool"),
                                       GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                       _("Audit tools (JSON)"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  ca_file_chooser_ask (dialog, GTK_WIDGET (self), tool_export_chosen, g_strdup (code), g_free);
}

static gboolean
import_tool_job (CaDatabase  *connection,
                 gpointer     data,
                 GError     **error)
{
  ToolWrite *write = data;

  return ca_tool_store_import_read (connection, write->def, write->path, &write->version,
                                    &write->changed, error) != 0;
}

static void
tool_imported (GtkWidget    *owner,
               gpointer      data,
               const GError *error)
{
  CaAuditToolsPage *self = CA_AUDIT_TOOLS_PAGE (owner);
  ToolWrite *write = data;
  g_autofree char *message = NULL;

  if (self->database == NULL)
    return;
  if (error != NULL)
    {
      ca_preferences_show_refusal (GTK_WIDGET (self), _("This Audit Tool Cannot Be Imported"),
                                   error->message);
      return;
    }
  if (write->changed)
    message = g_strdup_printf (_("Imported “%s” as version %d."), write->def->name,
                               write->version);
  else
    message = g_strdup_printf (_("“%s” is unchanged (version %d)."), write->def->name,
                               write->version);
  ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
  load_tools (self);
}

static void
tool_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CaAuditToolsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(CaToolDefinition) def = NULL;
  const char *path = g_file_peek_path (G_FILE (source));
  ToolWrite *write;

  /* As “case-audit import tool FILE” does (ca_tool_file_read()), with the file read
   * asynchronously. */
  contents = ca_input_file_read_finish (result, &error);
  if (self->database == NULL)
    return;
  if (contents != NULL)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (contents, &length);

      def = ca_tool_file_parse (data, length, &error);
      if (def == NULL)
        g_prefix_error (&error, "%s: ", path);
    }
  if (def == NULL)
    {
      ca_preferences_show_refusal (GTK_WIDGET (self), _("This Audit Tool Cannot Be Imported"),
                                   error->message);
      return;
    }

  write = g_new0 (ToolWrite, 1);
  write->def = g_steal_pointer (&def);
  write->path = g_strdup (path);
  ca_view_write (GTK_WIDGET (self), GTK_WIDGET (self->import_tool_button), self->database,
                 import_tool_job, write, (GDestroyNotify) tool_write_free, tool_imported);
}

static void
import_tool_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ca_preferences_import_file (widget, _("Import Audit Tool"), _("Audit tools (JSON)"),
                              CA_TOOL_FILE_MAX_SIZE, tool_loaded_cb);
}

/* The page ---------------------------------------------------------------------------- */

static void
ca_audit_tools_page_dispose (GObject *object)
{
  CaAuditToolsPage *self = CA_AUDIT_TOOLS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_AUDIT_TOOLS_PAGE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (ca_audit_tools_page_parent_class)->dispose (object);
}

static void
ca_audit_tools_page_class_init (CaAuditToolsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_audit_tools_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-audit-tools-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaAuditToolsPage, tools_list);
  gtk_widget_class_bind_template_child (widget_class, CaAuditToolsPage, import_tool_button);

  gtk_widget_class_install_action (widget_class, "prefs.import-tool", NULL, import_tool_action);
}

static void
ca_audit_tools_page_init (CaAuditToolsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ca_audit_tools_page_set_context (CaAuditToolsPage *self,
                                 CaContext         *context)
{
  CaDatabase *database = context != NULL ? ca_context_get_database (context) : NULL;

  g_return_if_fail (CA_IS_AUDIT_TOOLS_PAGE (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (g_set_object (&self->database, database) && database != NULL)
    load_tools (self);
}
