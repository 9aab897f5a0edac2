// SPDX-License-Identifier: GPL-3.0-or-later
// One item of a combo row that the rules may make unavailable, shown with the reason.
//
// The audit form lists every grade and category, even those the answers do not allow yet, so
// that the person auditing sees what is out of reach and why rather than a shorter list.

#define G_LOG_DOMAIN "ca-choice"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-choice.h"
#include "ca-list-access.h"

struct _CaChoice
{
  GObject  parent_instance;

  char    *label;
  char    *reason;     /* why it is not available; NULL when it is */
};

G_DEFINE_FINAL_TYPE (CaChoice, ca_choice, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LABEL,
  PROP_AVAILABLE,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_choice_finalize (GObject *object)
{
  CaChoice *self = (CaChoice *) object;

  g_free (self->label);
  g_free (self->reason);

  G_OBJECT_CLASS (ca_choice_parent_class)->finalize (object);
}

static void
ca_choice_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CaChoice *self = CA_CHOICE (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->reason == NULL);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_choice_class_init (CaChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_choice_finalize;
  object_class->get_property = ca_choice_get_property;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_choice_init (CaChoice *self)
{
}

CaChoice *
ca_choice_new (const char *label)
{
  CaChoice *self = g_object_new (CA_TYPE_CHOICE, NULL);

  self->label = g_strdup (label);
  return self;
}

const char *
ca_choice_get_label (CaChoice *self)
{
  g_return_val_if_fail (CA_IS_CHOICE (self), NULL);

  return self->label;
}

gboolean
ca_choice_get_available (CaChoice *self)
{
  g_return_val_if_fail (CA_IS_CHOICE (self), FALSE);

  return self->reason == NULL;
}

const char *
ca_choice_get_reason (CaChoice *self)
{
  g_return_val_if_fail (CA_IS_CHOICE (self), NULL);

  return self->reason;
}

static void
set_reason (CaChoice   *self,
            const char *reason)
{
  gboolean was_available = self->reason == NULL;

  if (g_strcmp0 (self->reason, reason) == 0)
    return;
  g_free (self->reason);
  self->reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
  if (was_available != (reason == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

void
ca_choice_set_unavailable (CaChoice   *self,
                           const char *reason)
{
  g_return_if_fail (CA_IS_CHOICE (self));
  g_return_if_fail (reason != NULL);

  set_reason (self, reason);
}

void
ca_choice_set_available (CaChoice *self)
{
  g_return_if_fail (CA_IS_CHOICE (self));

  set_reason (self, NULL);
}

GtkExpression *
ca_choice_label_expression (void)
{
  return gtk_property_expression_new (CA_TYPE_CHOICE, NULL, "label");
}

/* The popover's rows ------------------------------------------------------------------- */

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (reason), 40);
  gtk_widget_add_css_class (reason, "caption");
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_list_item_set_child (item, box);
}

static void
update_row (CaChoice    *choice,
            GParamSpec  *pspec,
            GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *reason = gtk_widget_get_last_child (box);
  g_autofree char *why = NULL;

  gtk_label_set_text (GTK_LABEL (label), choice->label);
  if (choice->reason != NULL)
    {
      /* Translators: under a grade or category that cannot be chosen yet, and why. */
      why = g_strdup_printf (_("Not available: %s"), choice->reason);
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    gtk_widget_remove_css_class (label, "dim-label");
  gtk_label_set_text (GTK_LABEL (reason), why);
  gtk_widget_set_visible (reason, why != NULL);
  if (why != NULL)
    {
      /* Translators: a grade or category's row for a screen reader: "Outstanding. Not
       * available: …" */
      g_autofree char *spoken = g_strdup_printf (_("%s. %s"), choice->label, why);

      ca_list_name_row (box, spoken);
    }
  else
    ca_list_name_row (box, choice->label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  CaChoice *choice = gtk_list_item_get_item (item);

  update_row (choice, NULL, item);
  g_signal_connect_object (choice, "notify::reason", G_CALLBACK (update_row), item, 0);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  CaChoice *choice = gtk_list_item_get_item (item);

  if (choice != NULL)
    g_signal_handlers_disconnect_by_func (choice, update_row, item);
}

GtkListItemFactory *
ca_choice_list_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  return factory;
}
