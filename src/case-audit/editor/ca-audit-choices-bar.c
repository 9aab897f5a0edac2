// SPDX-License-Identifier: GPL-3.0-or-later
// The bar above the audit form that holds the fields with two versions (R-N2) and asks, one
// at a time, which version to keep; the autosave saves the choice.

#define G_LOG_DOMAIN "ca-audit-choices-bar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-audit-choices-bar.h"
#include "ca-conflict-dialog.h"

struct _CaAuditChoicesBar
{
  GtkWidget        parent_instance;

  GtkRevealer     *revealer;
  GtkLabel        *label;

  CaAuditAutosave *autosave;
  CaAuditForm     *form;          /* borrowed from the editor; its owners name the staff */
  GQueue           choices;       /* of Choice: fields with two versions, to ask about */
  GtkWidget       *dialog;        /* the one being asked about now */
};

/* A field with two versions, waiting for the person to choose (R-N2). */
typedef struct
{
  char   *where;
  char   *other;        /* the other version, as ca_audit_draft_dup_field() gives it */
  char   *other_note;   /* where it came from, in words; nullable */
  gint64  set_aside_id;
} Choice;

G_DEFINE_FINAL_TYPE (CaAuditChoicesBar, ca_audit_choices_bar, GTK_TYPE_WIDGET)

static void
choice_free (Choice *choice)
{
  g_free (choice->where);
  g_free (choice->other);
  g_free (choice->other_note);
  g_free (choice);
}

static GHashTable *
staff_names (CaAuditChoicesBar *self)
{
  GHashTable *names = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *owners = self->form != NULL ? self->form->owners : NULL;

  for (guint i = 0; owners != NULL && i < owners->len; i++)
    {
      CaActionOwner *owner = g_ptr_array_index (owners, i);

      g_hash_table_insert (names, &owner->id, owner->name);
    }
  return names;
}

/* The bar says what waits for a choice, or goes. */
static void
show_choices (CaAuditChoicesBar *self)
{
  const Choice *first = g_queue_peek_head (&self->choices);
  guint n = g_queue_get_length (&self->choices);

  if (first != NULL && self->form != NULL)
    {
      g_autofree char *field = ca_audit_draft_describe_field (self->form->definition,
                                                              first->where);
      g_autofree char *text = NULL;

      if (n == 1)
        /* Translators: "“Pen picture of the child's journey” was changed here and elsewhere
         * at once. Both versions are kept until you choose one." */
        text = g_strdup_printf (_("“%s” was changed here and elsewhere at once. Both versions "
                                  "are kept until you choose one."), field);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u part of this form was changed here and "
                                             "elsewhere at once. Both versions are kept until "
                                             "you choose.",
                                             "%u parts of this form were changed here and "
                                             "elsewhere at once. Both versions of each are "
                                             "kept until you choose.", n), n);
      gtk_label_set_text (self->label, text);
    }
  gtk_revealer_set_reveal_child (self->revealer, first != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), first != NULL);
}

static void
choice_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    CaAuditChoicesBar *self)
{
  Choice *choice = g_queue_pop_head (&self->choices);

  self->dialog = NULL;
  if (choice == NULL || self->form == NULL)
    return;

  if (g_str_equal (response, CA_CONFLICT_KEEP_THIS))
    {
      g_autofree char *mine = ca_audit_draft_dup_field (self->form->draft, choice->where);

      ca_audit_autosave_choose (self->autosave, choice->where, choice->set_aside_id, mine);
    }
  else if (g_str_equal (response, CA_CONFLICT_USE_OTHER))
    ca_audit_autosave_choose (self->autosave, choice->where, choice->set_aside_id,
                              choice->other);
  else
    {
      /* Asked again from the bar, or when submitting. */
      g_queue_push_tail (&self->choices, choice);
      show_choices (self);
      return;
    }
  choice_free (choice);
  show_choices (self);
  ca_audit_choices_bar_ask (self);
}

static gboolean
ask_cb (gpointer data)
{
  ca_audit_choices_bar_ask (data);
  return G_SOURCE_REMOVE;
}

static void
ca_audit_choices_bar_dispose (GObject *object)
{
  CaAuditChoicesBar *self = (CaAuditChoicesBar *) object;

  ca_audit_choices_bar_clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_AUDIT_CHOICES_BAR);

  G_OBJECT_CLASS (ca_audit_choices_bar_parent_class)->dispose (object);
}

static void
ca_audit_choices_bar_class_init (CaAuditChoicesBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_audit_choices_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-audit-choices-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CaAuditChoicesBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, CaAuditChoicesBar, label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ca_audit_choices_bar_init (CaAuditChoicesBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_queue_init (&self->choices);
}

void
ca_audit_choices_bar_set_form (CaAuditChoicesBar *self,
                               CaAuditAutosave   *autosave,
                               CaAuditForm       *form)
{
  g_return_if_fail (CA_IS_AUDIT_CHOICES_BAR (self));

  g_set_object (&self->autosave, autosave);
  self->form = form;
}

/**
 * ca_audit_choices_bar_add:
 *
 * Adds a field whose other version, OTHER, waits for a choice, and shows it in the bar.
 */
void
ca_audit_choices_bar_add (CaAuditChoicesBar *self,
                          const char        *where,
                          const char        *other,
                          const char        *other_note,
                          gint64             set_aside_id)
{
  Choice *choice;

  g_return_if_fail (CA_IS_AUDIT_CHOICES_BAR (self));

  choice = g_new0 (Choice, 1);
  choice->where = g_strdup (where);
  choice->other = g_strdup (other);
  choice->other_note = g_strdup (other_note);
  choice->set_aside_id = set_aside_id;
  g_queue_push_tail (&self->choices, choice);
  show_choices (self);
}

/**
 * ca_audit_choices_bar_add_set_aside:
 *
 * Adds the versions set aside in the database that are not asked about yet: those found
 * when the audit is opened (a copy that was closed before choosing).
 */
void
ca_audit_choices_bar_add_set_aside (CaAuditChoicesBar *self,
                                    GPtrArray         *set_aside)
{
  g_return_if_fail (CA_IS_AUDIT_CHOICES_BAR (self));

  for (guint i = 0; i < set_aside->len; i++)
    {
      const CaDraftSetAside *row = g_ptr_array_index (set_aside, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (row->set_aside_at, NULL);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, "%-d %b %Y, %H:%M")
                                            : g_strdup (row->set_aside_at);
      gboolean queued = FALSE;
      Choice *choice;

      for (GList *l = self->choices.head; l != NULL && !queued; l = l->next)
        queued = ((Choice *) l->data)->set_aside_id == row->id;
      if (queued)
        continue;
      choice = g_new0 (Choice, 1);
      choice->where = g_strdup (row->where);
      choice->other = g_strdup (row->value);
      /* Translators: where the other version came from: "by jo, 1 Dec 2026, 14:02" */
      choice->other_note = g_strdup_printf (_("by %s, %s"), row->set_aside_by, when);
      choice->set_aside_id = row->id;
      g_queue_push_tail (&self->choices, choice);
    }
  show_choices (self);
}

/**
 * ca_audit_choices_bar_ask:
 *
 * Asks about the first field waiting for a choice, unless a question is already open.
 */
void
ca_audit_choices_bar_ask (CaAuditChoicesBar *self)
{
  GtkRoot *root;
  const Choice *choice;
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *field = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *this_text = NULL;
  g_autofree char *other_text = NULL;

  g_return_if_fail (CA_IS_AUDIT_CHOICES_BAR (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  choice = g_queue_peek_head (&self->choices);
  if (choice == NULL || self->dialog != NULL || self->form == NULL || !GTK_IS_WINDOW (root))
    return;

  names = staff_names (self);
  field = ca_audit_draft_describe_field (self->form->definition, choice->where);
  mine = ca_audit_draft_dup_field (self->form->draft, choice->where);
  this_text = ca_audit_draft_describe_value (self->form->definition, choice->where, mine, names);
  other_text = ca_audit_draft_describe_value (self->form->definition, choice->where,
                                              choice->other, names);
  self->dialog = ca_conflict_dialog_new (GTK_WINDOW (root), field, this_text, other_text,
                                         choice->other_note);
  g_signal_connect (self->dialog, "response", G_CALLBACK (choice_response_cb), self);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

/* Asks once the form is in its window: a freshly opened audit is not shown yet. */
void
ca_audit_choices_bar_ask_when_idle (CaAuditChoicesBar *self)
{
  g_return_if_fail (CA_IS_AUDIT_CHOICES_BAR (self));

  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, ask_cb, g_object_ref (self), g_object_unref);
}

gboolean
ca_audit_choices_bar_is_empty (CaAuditChoicesBar *self)
{
  g_return_val_if_fail (CA_IS_AUDIT_CHOICES_BAR (self), TRUE);

  return g_queue_is_empty (&self->choices);
}

/* Forgets every choice and the form, and closes an open question. */
void
ca_audit_choices_bar_clear (CaAuditChoicesBar *self)
{
  g_return_if_fail (CA_IS_AUDIT_CHOICES_BAR (self));

  if (self->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      self->dialog = NULL;
    }
  g_queue_clear_full (&self->choices, (GDestroyNotify) choice_free);
  self->form = NULL;
  g_clear_object (&self->autosave);
  show_choices (self);
}
