// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences: the window that holds the pages, and asks which of two versions of a number to keep (R-N2).
//
// Each page is its own class: Deadlines (R-F8), Auditors (R-A3), Moderation (R-H1, R-H2), Bank
// Holidays (R-G1), Audit Tools (R-E3) and Import Mappings. Another copy of Case Audit may have Preferences open on
// the same file (R-N2). The Deadlines and Auditors pages save a number as the change made
// since they last saw it stored; a number both copies changed differently comes here, and
// the window puts it to the person with the conflict dialog, one question at a time, across
// pages, and once more before it closes.

#define G_LOG_DOMAIN "ca-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ca-audit-tools-page.h"
#include "ca-auditors-page.h"
#include "ca-bank-holidays-page.h"
#include "ca-conflict-dialog.h"
#include "ca-deadlines-page.h"
#include "ca-import-mappings-page.h"
#include "ca-list-access.h"
#include "ca-moderation-page.h"
#include "ca-preferences-window-private.h"
#include "ca-toast.h"
#include "ca-view-write.h"

struct _CaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  CaContext            *context;
  CaDatabase           *database;

  CaDeadlinesPage      *deadlines_page;
  CaAuditorsPage       *auditors_page;
  CaModerationPage     *moderation_page;
  CaBankHolidaysPage   *bank_holidays_page;
  CaAuditToolsPage     *audit_tools_page;
  CaImportMappingsPage *import_mappings_page;

  GQueue                choices;   /* of Choice: numbers with two versions to ask about */
  GtkWidget            *choice_dialog;
  GHashTable           *deferred;  /* Choice key → the other number, for "Later" */
  gboolean              closing;   /* the last questions are asked before closing */
  gboolean              close_when_saved;  /* closing waits for a number being saved */
  gboolean              disposed;  /* too late to ask anything */
};

G_DEFINE_FINAL_TYPE (CaPreferencesWindow, ca_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A number changed here and, differently, in another copy: OTHER is the stored one. */
typedef struct
{
  CaPreferencesNumber  kind;
  char                *key;
  int                  other;
} Choice;

static void
choice_free (Choice *choice)
{
  g_free (choice->key);
  g_free (choice);
}

/* The window a page is in, or NULL before it is in one. */
static CaPreferencesWindow *
page_window (GtkWidget *page)
{
  GtkRoot *root = gtk_widget_get_root (page);

  return CA_IS_PREFERENCES_WINDOW (root) ? CA_PREFERENCES_WINDOW (root) : NULL;
}

/* Two versions of a number (R-N2) ------------------------------------------------------ */

static char *
choice_key (CaPreferencesNumber  kind,
            const char          *key)
{
  return g_strdup_printf ("%d:%s", kind, key);
}

static Choice *
find_choice (CaPreferencesWindow *self,
             CaPreferencesNumber  kind,
             const char          *key)
{
  for (GList *l = self->choices.head; l != NULL; l = l->next)
    {
      Choice *choice = l->data;

      if (choice->kind == kind && g_str_equal (choice->key, key))
        return choice;
    }
  return NULL;
}

/* Whether the number KEY waits for the person to choose between two versions. */
gboolean
ca_preferences_window_choice_pending (GtkWidget           *page,
                                      CaPreferencesNumber  kind,
                                      const char          *key)
{
  CaPreferencesWindow *self = page_window (page);
  g_autofree char *id = choice_key (kind, key);

  if (self == NULL || self->deferred == NULL)
    return FALSE;
  return find_choice (self, kind, key) != NULL || g_hash_table_contains (self->deferred, id);
}

/* Queues a question about KEY, unless the same one is asked already or the person said
 * "Later" to this very version. */
void
ca_preferences_window_offer_choice (GtkWidget           *page,
                                    CaPreferencesNumber  kind,
                                    const char          *key,
                                    int                  other)
{
  CaPreferencesWindow *self = page_window (page);
  g_autofree char *id = choice_key (kind, key);
  gpointer deferred_other;
  Choice *choice;

  if (self == NULL || self->deferred == NULL)
    return;
  if ((choice = find_choice (self, kind, key)) != NULL)
    {
      choice->other = other;
      return;
    }
  if (g_hash_table_lookup_extended (self->deferred, id, NULL, &deferred_other) &&
      GPOINTER_TO_INT (deferred_other) == other)
    return;
  g_hash_table_remove (self->deferred, id);
  choice = g_new0 (Choice, 1);
  choice->kind = kind;
  choice->key = g_strdup (key);
  choice->other = other;
  g_queue_push_tail (&self->choices, choice);
}

/* The number's name as its page shows it, or NULL when the page no longer has it. */
static char *
choice_title (CaPreferencesWindow *self,
              const Choice        *choice)
{
  if (choice->kind == CA_PREFERENCES_NUMBER_DEADLINE)
    return ca_deadlines_page_number_title (self->deadlines_page, choice->key);
  return ca_auditors_page_number_title (self->auditors_page, choice->key);
}

static void ask_next_choice (CaPreferencesWindow *self);

static void
choice_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    CaPreferencesWindow *self)
{
  Choice *choice = g_queue_pop_head (&self->choices);
  g_autofree char *field = NULL;

  self->choice_dialog = NULL;
  if (choice == NULL)
    return;
  field = choice_title (self, choice);

  /* The page takes the number last seen stored as the other version: keeping this window's
   * number then writes it, using the other shows it and writes nothing. */
  if (field != NULL && (g_str_equal (response, CA_CONFLICT_KEEP_THIS) ||
                        g_str_equal (response, CA_CONFLICT_USE_OTHER)))
    {
      gboolean keep = g_str_equal (response, CA_CONFLICT_KEEP_THIS);

      if (choice->kind == CA_PREFERENCES_NUMBER_DEADLINE)
        ca_deadlines_page_resolve (self->deadlines_page, choice->key, choice->other, keep);
      else
        ca_auditors_page_resolve (self->auditors_page, choice->key, choice->other, keep);
    }
  else if (field != NULL && !self->closing)
    {
      g_autofree char *message = NULL;

      /* Asked again when the window closes: until then this window's number stays shown. */
      g_hash_table_insert (self->deferred, choice_key (choice->kind, choice->key),
                           GINT_TO_POINTER (choice->other));
      message = g_strdup_printf (_("Your number for “%s” is not saved yet: the other one stays "
                                   "until you choose. You will be asked again when you close "
                                   "Preferences."), field);
      ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
    }
  /* "Later" while closing: the stored number stays, as the person has twice chosen. */
  choice_free (choice);

  if (!g_queue_is_empty (&self->choices))
    ask_next_choice (self);
  else if (self->closing)
    gtk_window_close (GTK_WINDOW (self));
}

/* Asks about the first number waiting for a choice, unless a question is already open. */
static void
ask_next_choice (CaPreferencesWindow *self)
{
  const Choice *choice = g_queue_peek_head (&self->choices);
  g_autofree char *field = NULL;
  g_autofree char *this_text = NULL;
  g_autofree char *other_text = NULL;
  gboolean known;

  if (choice == NULL || self->choice_dialog != NULL || self->disposed)
    return;
  if (choice->kind == CA_PREFERENCES_NUMBER_DEADLINE)
    known = ca_deadlines_page_describe_choice (self->deadlines_page, choice->key, choice->other,
                                               &field, &this_text, &other_text);
  else
    known = ca_auditors_page_describe_choice (self->auditors_page, choice->key, choice->other,
                                              &field, &this_text, &other_text);
  if (!known)
    {
      choice_free (g_queue_pop_head (&self->choices));
      ask_next_choice (self);
      return;
    }

  self->choice_dialog = ca_conflict_dialog_new (GTK_WINDOW (self), field, this_text,
                                                other_text, NULL);
  g_signal_connect_object (self->choice_dialog, "response", G_CALLBACK (choice_response_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (self->choice_dialog));
}

/* Whether a page is still saving a number, which may come back with a choice to ask. */
static gboolean
saving (CaPreferencesWindow *self)
{
  return ca_view_write_is_busy (GTK_WIDGET (self->deadlines_page)) ||
         ca_view_write_is_busy (GTK_WIDGET (self->auditors_page)) ||
         ca_view_write_is_busy (GTK_WIDGET (self->moderation_page));
}

/* Called by a page once its numbers are saved. */
void
ca_preferences_window_ask_next_choice (GtkWidget *page)
{
  CaPreferencesWindow *self = page_window (page);

  if (self == NULL)
    return;
  ask_next_choice (self);
  if (self->close_when_saved && !saving (self))
    {
      self->close_when_saved = FALSE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* The window --------------------------------------------------------------------------- */

static gboolean
ca_preferences_window_close_request (GtkWindow *window)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (window);

  ca_deadlines_page_flush (self->deadlines_page);
  ca_auditors_page_flush (self->auditors_page);
  ca_moderation_page_flush (self->moderation_page);
  /* A number being saved may come back with a choice to ask: the window closes once it is
   * saved (ca_preferences_window_ask_next_choice()). */
  self->close_when_saved = saving (self);
  if (self->close_when_saved)
    return TRUE;

  /* A number that waits for a choice is asked about once more, rather than dropped. */
  if (!self->closing)
    {
      GHashTableIter iter;
      gpointer key, value;

      self->closing = TRUE;
      g_hash_table_iter_init (&iter, self->deferred);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Choice *choice = g_new0 (Choice, 1);
          const char *colon = strchr (key, ':');

          choice->kind = (CaPreferencesNumber) g_ascii_strtoll (key, NULL, 10);
          choice->key = g_strdup (colon != NULL ? colon + 1 : "");
          choice->other = GPOINTER_TO_INT (value);
          g_queue_push_tail (&self->choices, choice);
        }
      g_hash_table_remove_all (self->deferred);
    }
  if (!g_queue_is_empty (&self->choices) || self->choice_dialog != NULL)
    {
      ask_next_choice (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (ca_preferences_window_parent_class)->close_request (window);
}

static void
ca_preferences_window_constructed (GObject *object)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (ca_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (CA_IS_CONTEXT (self->context));

  self->database = g_object_ref (ca_context_get_database (self->context));
  ca_deadlines_page_set_context (self->deadlines_page, self->context);
  ca_auditors_page_set_context (self->auditors_page, self->context);
  ca_moderation_page_set_context (self->moderation_page, self->context);
  ca_bank_holidays_page_set_context (self->bank_holidays_page, self->context);
  ca_audit_tools_page_set_context (self->audit_tools_page, self->context);
  ca_import_mappings_page_set_context (self->import_mappings_page, self->context);
}

static void
ca_preferences_window_dispose (GObject *object)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (object);

  /* Numbers still resting are stored, but nothing is asked any more. */
  self->disposed = TRUE;
  if (self->deadlines_page != NULL)
    ca_deadlines_page_flush (self->deadlines_page);
  if (self->auditors_page != NULL)
    ca_auditors_page_flush (self->auditors_page);
  if (self->moderation_page != NULL)
    ca_moderation_page_flush (self->moderation_page);
  if (self->choice_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->choice_dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->choice_dialog));
      self->choice_dialog = NULL;
    }
  g_queue_clear_full (&self->choices, (GDestroyNotify) choice_free);
  g_clear_pointer (&self->deferred, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->database);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ca_preferences_window_parent_class)->dispose (object);
}

static void
ca_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_preferences_window_class_init (CaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ca_preferences_window_constructed;
  object_class->dispose = ca_preferences_window_dispose;
  object_class->set_property = ca_preferences_window_set_property;
  object_class->get_property = ca_preferences_window_get_property;
  window_class->close_request = ca_preferences_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CA_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CA_TYPE_DEADLINES_PAGE);
  g_type_ensure (CA_TYPE_AUDITORS_PAGE);
  g_type_ensure (CA_TYPE_MODERATION_PAGE);
  g_type_ensure (CA_TYPE_BANK_HOLIDAYS_PAGE);
  g_type_ensure (CA_TYPE_AUDIT_TOOLS_PAGE);
  g_type_ensure (CA_TYPE_IMPORT_MAPPINGS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, deadlines_page);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, auditors_page);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, moderation_page);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, bank_holidays_page);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, audit_tools_page);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, import_mappings_page);
}

static void
ca_preferences_window_init (CaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_list_name_controls_once (GTK_WIDGET (self));
  self->deferred = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->choices);
}

/**
 * ca_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @context: the context of the database whose preferences it shows and changes
 */
CaPreferencesWindow *
ca_preferences_window_new (GtkWindow  *parent,
                           CaContext  *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CA_IS_CONTEXT (context), NULL);

  return g_object_new (CA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}
