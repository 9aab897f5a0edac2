// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences, Import Mappings: the values of import files a user mapped, to see, change or forget.

#define G_LOG_DOMAIN "ca-import-mappings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-form-rows.h"
#include "ca-import-mapping-store.h"
#include "ca-import-mappings-page.h"
#include "ca-import-store.h"
#include "ca-toast.h"
#include "ca-view-write.h"

struct _CaImportMappingsPage
{
  AdwPreferencesPage  parent_instance;

  CaDatabase         *database;
  GPtrArray          *groups;   /* the groups made for the mappings, one per kind */
  gboolean            loading;

  AdwPreferencesGroup *empty_group;
};

G_DEFINE_FINAL_TYPE (CaImportMappingsPage, ca_import_mappings_page, ADW_TYPE_PREFERENCES_PAGE)

/* "Staff lists": the heading of a kind's mappings. */
static const char *
kind_title (CaImportKind kind)
{
  switch (kind)
    {
    case CA_IMPORT_KIND_TEAMS:
      return _("Lists of Teams");
    case CA_IMPORT_KIND_STAFF:
      return _("Staff Lists");
    case CA_IMPORT_KIND_CASES:
      return _("Case Lists");
    case CA_IMPORT_KIND_MODERATIONS:
      return _("Moderation Histories");
    case CA_IMPORT_KIND_AUDITS:
    default:
      return _("Audit Histories");
    }
}

/* "Role": the label of a field, as the import window shows it. */
static const char *
field_title (CaImportKind  kind,
             const char   *field)
{
  guint n = 0;
  const CaImportField *fields = ca_import_get_fields (kind, CA_IMPORT_FORMAT_CANONICAL, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (fields[i].name, field))
      return ca_import_field_get_label (&fields[i]);
  return field;
}

/* A remembered value to change or forget, copied for the worker, and the row it is shown in. */
typedef struct
{
  CaImportRememberedValue *value;
  GtkWidget               *row;
} MappingWrite;

static void
mapping_write_free (MappingWrite *write)
{
  ca_import_remembered_value_free (write->value);
  g_object_unref (write->row);
  g_free (write);
}

static MappingWrite *
mapping_write_new (GtkWidget  *row,
                   const char *code)
{
  const CaImportRememberedValue *value = g_object_get_data (G_OBJECT (row), "mapping");
  MappingWrite *write = g_new0 (MappingWrite, 1);

  write->value = g_new0 (CaImportRememberedValue, 1);
  write->value->kind = value->kind;
  write->value->field = g_strdup (value->field);
  write->value->value = g_strdup (value->value);
  write->value->value_key = g_strdup (value->value_key);
  write->value->code = g_strdup (code);
  write->row = g_object_ref (row);
  return write;
}

static gboolean
save_mapping_job (CaDatabase  *connection,
                  gpointer     data,
                  GError     **error)
{
  const CaImportRememberedValue *value = ((MappingWrite *) data)->value;

  return ca_import_mapping_store_save (connection, value->kind, value->field, value->value,
                                       value->code, error);
}

static void
mapping_saved (GtkWidget    *owner,
               gpointer      data,
               const GError *error)
{
  CaImportMappingsPage *self = CA_IMPORT_MAPPINGS_PAGE (owner);
  MappingWrite *write = data;
  CaImportRememberedValue *value = g_object_get_data (G_OBJECT (write->row), "mapping");

  if (error != NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      if (self->database != NULL)
        ca_import_mappings_page_reload (self);
      return;
    }
  g_free (value->code);
  value->code = g_strdup (write->value->code);
}

static void
code_selected_cb (AdwComboRow          *row,
                  GParamSpec           *pspec,
                  CaImportMappingsPage *self)
{
  CaImportRememberedValue *value = g_object_get_data (G_OBJECT (row), "mapping");
  GPtrArray *choices = g_object_get_data (G_OBJECT (row), "choices");
  guint selected = adw_combo_row_get_selected (row);
  const char *code;

  if (self->loading || selected >= choices->len)
    return;
  code = ((CaImportChoice *) choices->pdata[selected])->code;
  if (g_strcmp0 (code, value->code) == 0)
    return;
  ca_view_write (GTK_WIDGET (self), GTK_WIDGET (row), self->database, save_mapping_job,
                 mapping_write_new (GTK_WIDGET (row), code), (GDestroyNotify) mapping_write_free,
                 mapping_saved);
}

static gboolean
forget_mapping_job (CaDatabase  *connection,
                    gpointer     data,
                    GError     **error)
{
  const CaImportRememberedValue *value = ((MappingWrite *) data)->value;

  return ca_import_mapping_store_remove (connection, value->kind, value->field,
                                         value->value_key, error);
}

static void
mapping_forgotten (GtkWidget    *owner,
                   gpointer      data,
                   const GError *error)
{
  CaImportMappingsPage *self = CA_IMPORT_MAPPINGS_PAGE (owner);
  MappingWrite *write = data;
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      return;
    }
  /* Translators: a value of an import file whose remembered meaning was forgotten. */
  message = g_strdup_printf (_("Forgot “%s”; the next file with it will ask again."),
                             write->value->value);
  ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
  if (self->database != NULL)
    ca_import_mappings_page_reload (self);
}

static void
forget_clicked_cb (GtkButton            *button,
                   CaImportMappingsPage *self)
{
  ca_view_write (GTK_WIDGET (self), GTK_WIDGET (button), self->database, forget_mapping_job,
                 mapping_write_new (GTK_WIDGET (button), NULL),
                 (GDestroyNotify) mapping_write_free, mapping_forgotten);
}

static GtkWidget *
make_row (CaImportMappingsPage    *self,
          CaImportRememberedValue *value,
          GPtrArray               *choices)
{
  AdwComboRow *row = ADW_COMBO_ROW (ca_form_rows_new_combo_row (value->value));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *forget_name = NULL;
  GtkWidget *forget;
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < choices->len; i++)
    {
      CaImportChoice *choice = choices->pdata[i];

      gtk_string_list_append (labels, choice->label);
      if (g_str_equal (choice->code, value->code))
        selected = i;
    }
  /* A code the database no longer has (a role taken away) still shows what was chosen. */
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      CaImportChoice *gone = g_new0 (CaImportChoice, 1);

      gone->code = g_strdup (value->code);
      /* Translators: a code a mapping names that Case Audit no longer has. */
      gone->label = g_strdup_printf (_("%s (no longer in use)"), value->code);
      gtk_string_list_append (labels, gone->label);
      g_ptr_array_add (choices, gone);
      selected = choices->len - 1;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), field_title (value->kind, value->field));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  field_title (value->kind, value->field), -1);
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (row, selected);
  g_object_set_data_full (G_OBJECT (row), "mapping", value,
                          (GDestroyNotify) ca_import_remembered_value_free);
  g_object_set_data_full (G_OBJECT (row), "choices", g_ptr_array_ref (choices),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (code_selected_cb), self, 0);

  forget = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (forget, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (forget, "flat");
  gtk_widget_set_tooltip_text (forget, _("Forget this mapping"));
  /* Translators: the button that forgets what a value of an import file stands for. */
  forget_name = g_strdup_printf (_("Forget “%s”"), value->value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (forget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  forget_name, -1);
  g_object_set_data (G_OBJECT (forget), "mapping", value);
  g_signal_connect_object (forget, "clicked", G_CALLBACK (forget_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), forget);
  return GTK_WIDGET (row);
}

/* Teams, staff, cases, audits: the order the import window offers them. */
static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  const CaImportRememberedValue *x = *(CaImportRememberedValue * const *) a;
  const CaImportRememberedValue *y = *(CaImportRememberedValue * const *) b;
  int by_field;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if ((by_field = g_strcmp0 (x->field, y->field)) != 0)
    return by_field;
  return g_strcmp0 (x->value_key, y->value_key);
}

/* Reads the remembered mappings again: an import may have added some since the page was
 * last shown. */
void
ca_import_mappings_page_reload (CaImportMappingsPage *self)
{
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GHashTable) choices = NULL;
  g_autoptr(GError) error = NULL;
  AdwPreferencesGroup *group = NULL;
  int group_kind = -1;

  g_return_if_fail (CA_IS_IMPORT_MAPPINGS_PAGE (self));

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), self->groups->pdata[i]);
  g_ptr_array_set_size (self->groups, 0);
  if (self->database == NULL)
    return;

  if ((values = ca_import_mapping_store_list (self->database, -1, &error)) == NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_group), values->len == 0);
  g_ptr_array_sort (values, compare_values);

  self->loading = TRUE;
  choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < values->len; i++)
    {
      CaImportRememberedValue *value = g_steal_pointer (&values->pdata[i]);
      GPtrArray *field_choices = g_hash_table_lookup (choices, value->field);

      if (field_choices == NULL)
        {
          field_choices = ca_import_store_list_choices (self->database, value->field, &error);
          if (field_choices == NULL)
            {
              ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
              ca_import_remembered_value_free (value);
              break;
            }
          g_hash_table_insert (choices, g_strdup (value->field), field_choices);
        }
      if (group == NULL || group_kind != (int) value->kind)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, kind_title (value->kind));
          adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
          g_ptr_array_add (self->groups, group);
          group_kind = (int) value->kind;
        }
      /* Each row its own copy of the choices: one may add a code no longer in use. */
      {
        g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                   ca_import_choice_free);

        for (guint c = 0; c < field_choices->len; c++)
          {
            CaImportChoice *copy = g_new0 (CaImportChoice, 1);

            copy->code = g_strdup (((CaImportChoice *) field_choices->pdata[c])->code);
            copy->label = g_strdup (((CaImportChoice *) field_choices->pdata[c])->label);
            g_ptr_array_add (own, copy);
          }
        adw_preferences_group_add (group, make_row (self, value, own));
      }
    }
  self->loading = FALSE;
}

static void
page_mapped_cb (CaImportMappingsPage *self)
{
  ca_import_mappings_page_reload (self);
}

static void
ca_import_mappings_page_dispose (GObject *object)
{
  CaImportMappingsPage *self = CA_IMPORT_MAPPINGS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_IMPORT_MAPPINGS_PAGE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (ca_import_mappings_page_parent_class)->dispose (object);
}

static void
ca_import_mappings_page_finalize (GObject *object)
{
  CaImportMappingsPage *self = CA_IMPORT_MAPPINGS_PAGE (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_import_mappings_page_parent_class)->finalize (object);
}

static void
ca_import_mappings_page_class_init (CaImportMappingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_import_mappings_page_dispose;
  object_class->finalize = ca_import_mappings_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-import-mappings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaImportMappingsPage, empty_group);
  gtk_widget_class_bind_template_callback (widget_class, page_mapped_cb);
}

static void
ca_import_mappings_page_init (CaImportMappingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
}

void
ca_import_mappings_page_set_context (CaImportMappingsPage *self,
                                     CaContext             *context)
{
  CaDatabase *database = context != NULL ? ca_context_get_database (context) : NULL;

  g_return_if_fail (CA_IS_IMPORT_MAPPINGS_PAGE (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (g_set_object (&self->database, database))
    ca_import_mappings_page_reload (self);
}
