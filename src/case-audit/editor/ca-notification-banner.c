// SPDX-License-Identifier: GPL-3.0-or-later
// The banner that asks, until someone marks it done, for the Category 1–2 e-mail to the
// case's managers (R-F7). libadwaita 1.2 has no AdwBanner, so this is a revealer styled like
// one. It stays while the audit's notification is not marked sent, however often the audit
// is opened, because the database, not the window, remembers.

#define G_LOG_DOMAIN "ca-notification-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-notification.h"
#include "ca-mail-draft.h"
#include "ca-notification-banner.h"
#include "ca-notification-store.h"
#include "ca-toast.h"
#include "ca-view-write.h"

struct _CaNotificationBanner
{
  GtkWidget        parent_instance;

  GtkRevealer     *revealer;
  GtkLabel        *title_label;
  GtkLabel        *detail_label;

  AdwToastOverlay *toast_overlay;
  CaDatabase      *database;
  gint64           audit_id;
  char            *case_ref;
};

G_DEFINE_FINAL_TYPE (CaNotificationBanner, ca_notification_banner, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TOAST_OVERLAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The editor gives the banner its overlay: the banner sits beside the form, not inside it. */
static void
show_toast (CaNotificationBanner *self,
            const char           *text)
{
  if (self->toast_overlay != NULL)
    ca_toast_show_text (GTK_WIDGET (self->toast_overlay), text, CA_TOAST_LONG);
}

/* Hidden, the banner is not just folded away but invisible, so a screen reader never
 * finds its old text; it becomes so once the slide up has ended. */
static void
set_revealed (CaNotificationBanner *self,
              gboolean              revealed)
{
  if (revealed)
    gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, revealed);
}

static void
child_revealed_cb (GtkRevealer          *revealer,
                   GParamSpec           *pspec,
                   CaNotificationBanner *self)
{
  if (!gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* "E-mail Imran Shah (Team Manager) and Gareth Lloyd (Service Manager) …" */
static char *
describe (const CaNotificationStatus *status)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *gaps = ca_audit_notification_describe_gaps (status);
  g_autofree char *ask = NULL;

  for (guint i = 0; i < status->recipients->len; i++)
    {
      CaNotificationRecipient *recipient = g_ptr_array_index (status->recipients, i);

      if (recipient->email != NULL)
        /* Translators: "Imran Shah (Team Manager)" */
        g_ptr_array_add (names, g_strdup_printf (_("%s (%s)"), recipient->name,
                                                 recipient->role == CA_NOTIFICATION_ROLE_TEAM_MANAGER
                                                 ? _("Team Manager") : _("Service Manager")));
    }

  if (names->len == 0)
    ask = g_strdup (_("Send the managers the audit’s PDF, then mark it as sent."));
  else
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < names->len; i++)
        {
          if (i > 0)
            /* Translators: between the last two names of a list */
            g_string_append (list, i + 1 == names->len ? _(" and ") : ", ");
          g_string_append (list, g_ptr_array_index (names, i));
        }
      /* Translators: %s names the managers */
      ask = g_strdup_printf (_("E-mail %s with the audit’s PDF, then mark it as sent."), list->str);
    }
  return gaps != NULL ? g_strconcat (ask, " ", gaps, NULL) : g_steal_pointer (&ask);
}

static void
refresh (CaNotificationBanner *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaNotificationStatus) status = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  if (self->database == NULL)
    {
      set_revealed (self, FALSE);
      return;
    }

  status = ca_notification_store_load (self->database, self->audit_id, &error);
  if (status == NULL)
    {
      g_warning ("Could not read audit %" G_GINT64_FORMAT "'s notification: %s",
                 self->audit_id, error->message);
      set_revealed (self, FALSE);
      return;
    }

  g_free (self->case_ref);
  self->case_ref = g_strdup (status->case_ref);
  if (!status->needed || status->sent_at != NULL)
    {
      set_revealed (self, FALSE);
      return;
    }

  /* Translators: "Category 1: the Service Manager and Team Manager must be told at once" */
  title = g_strdup_printf (_("%s: the Service Manager and Team Manager must be told at once"),
                           ca_category_get_label (status->category));
  detail = describe (status);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->detail_label, detail);
  set_revealed (self, TRUE);
}

/* On the worker: the e-mail with the audit's PDF attached. */
static CaMailMessage *
build_message_with_pdf (CaDatabase  *connection,
                        gint64       audit_id,
                        GError     **error)
{
  return ca_audit_notification_new_for_audit (connection, audit_id, TRUE, error);
}

static void
save_email_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CaNotificationBanner *self = CA_NOTIFICATION_BANNER (widget);
  g_autofree char *name = NULL;

  if (self->database == NULL)
    return;
  /* Translators: the suggested file name of the e-mail, with the case reference */
  name = g_strdup_printf (_("E-mail about audit %s.eml"), self->case_ref ? self->case_ref : "");
  ca_mail_draft_save (widget,
                      self->toast_overlay != NULL ? GTK_WIDGET (self->toast_overlay) : widget,
                      self->database, name, build_message_with_pdf, self->audit_id,
                      _("E-mail saved. Open it in your mail program, send it, then choose "
                        "Mark as Sent."));
}

static void
open_mail_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaNotificationBanner *self = CA_NOTIFICATION_BANNER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (self->database == NULL || !GTK_IS_WINDOW (root))
    return;
  uri = ca_audit_notification_get_mailto_uri (self->database, self->audit_id, &error);
  if (uri == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  ca_mail_draft_open (GTK_WINDOW (root),
                      self->toast_overlay != NULL ? GTK_WIDGET (self->toast_overlay)
                                                  : GTK_WIDGET (self),
                      uri, _("Use Save E-mail… instead."));
  show_toast (self, _("Attach the audit’s PDF (Export as PDF…) to the e-mail "
                                      "before you send it."));
}

/* Which audit's e-mail is marked sent, or not, in which database. */
typedef struct
{
  CaDatabase *database;
  gint64      audit_id;
} SentWrite;

static void
sent_write_free (SentWrite *write)
{
  g_clear_object (&write->database);
  g_free (write);
}

static SentWrite *
sent_write_new (CaDatabase *database,
                gint64      audit_id)
{
  SentWrite *write = g_new0 (SentWrite, 1);

  write->database = g_object_ref (database);
  write->audit_id = audit_id;
  return write;
}

static gboolean
mark_not_sent_job (CaDatabase  *connection,
                   gpointer     data,
                   GError     **error)
{
  return ca_notification_store_mark_not_sent (connection, ((SentWrite *) data)->audit_id, error);
}

static void
marked_not_sent (GtkWidget    *owner,
                 gpointer      data,
                 const GError *error)
{
  CaNotificationBanner *self = CA_NOTIFICATION_BANNER (owner);
  SentWrite *write = data;

  if (error != NULL)
    show_toast (self, error->message);
  else if (self->database == write->database && self->audit_id == write->audit_id)
    refresh (self);
}

static void
undo_clicked_cb (AdwToast             *toast,
                 CaNotificationBanner *self)
{
  gint64 audit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "audit-id"));
  CaDatabase *database = g_object_get_data (G_OBJECT (toast), "database");

  ca_view_write (GTK_WIDGET (self), NULL, database, mark_not_sent_job,
                 sent_write_new (database, audit_id), (GDestroyNotify) sent_write_free,
                 marked_not_sent);
}

static gboolean
mark_sent_job (CaDatabase  *connection,
               gpointer     data,
               GError     **error)
{
  return ca_notification_store_mark_sent (connection, ((SentWrite *) data)->audit_id, NULL,
                                          error);
}

static void
marked_sent (GtkWidget    *owner,
             gpointer      data,
             const GError *error)
{
  CaNotificationBanner *self = CA_NOTIFICATION_BANNER (owner);
  SentWrite *write = data;
  g_autoptr(AdwToast) toast = NULL;

  gtk_widget_action_set_enabled (owner, "banner.mark-sent", TRUE);
  if (error != NULL)
    {
      show_toast (self, error->message);
      return;
    }
  if (self->database != NULL)
    refresh (self);

  toast = adw_toast_new (_("Marked as sent"));
  adw_toast_set_timeout (toast, CA_TOAST_LONG);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data (G_OBJECT (toast), "audit-id", GSIZE_TO_POINTER ((gsize) write->audit_id));
  g_object_set_data_full (G_OBJECT (toast), "database", g_object_ref (write->database),
                          g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  if (self->toast_overlay != NULL)
    ca_toast_add (GTK_WIDGET (self->toast_overlay), g_steal_pointer (&toast));
}

/* The action is off while the write is under way, so a second click marks nothing twice. */
static void
mark_sent_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaNotificationBanner *self = CA_NOTIFICATION_BANNER (widget);

  if (self->database == NULL)
    return;
  gtk_widget_action_set_enabled (widget, "banner.mark-sent", FALSE);
  ca_view_write (widget, NULL, self->database, mark_sent_job,
                 sent_write_new (self->database, self->audit_id),
                 (GDestroyNotify) sent_write_free, marked_sent);
}

static void
ca_notification_banner_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CaNotificationBanner *self = CA_NOTIFICATION_BANNER (object);

  switch (prop_id)
    {
    case PROP_TOAST_OVERLAY:
      g_value_set_object (value, self->toast_overlay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_notification_banner_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CaNotificationBanner *self = CA_NOTIFICATION_BANNER (object);

  switch (prop_id)
    {
    case PROP_TOAST_OVERLAY:
      ca_notification_banner_set_toast_overlay (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_notification_banner_dispose (GObject *object)
{
  CaNotificationBanner *self = CA_NOTIFICATION_BANNER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_NOTIFICATION_BANNER);
  g_clear_weak_pointer (&self->toast_overlay);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (ca_notification_banner_parent_class)->dispose (object);
}

static void
ca_notification_banner_finalize (GObject *object)
{
  CaNotificationBanner *self = CA_NOTIFICATION_BANNER (object);

  g_free (self->case_ref);

  G_OBJECT_CLASS (ca_notification_banner_parent_class)->finalize (object);
}

static void
ca_notification_banner_class_init (CaNotificationBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ca_notification_banner_get_property;
  object_class->set_property = ca_notification_banner_set_property;
  object_class->dispose = ca_notification_banner_dispose;
  object_class->finalize = ca_notification_banner_finalize;

  properties[PROP_TOAST_OVERLAY] =
    g_param_spec_object ("toast-overlay", NULL, NULL, ADW_TYPE_TOAST_OVERLAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-notification-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, CaNotificationBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, CaNotificationBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, CaNotificationBanner, detail_label);

  gtk_widget_class_install_action (widget_class, "banner.save-email", NULL, save_email_action);
  gtk_widget_class_install_action (widget_class, "banner.open-mail", NULL, open_mail_action);
  gtk_widget_class_install_action (widget_class, "banner.mark-sent", NULL, mark_sent_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "notificationbanner");
}

static void
ca_notification_banner_init (CaNotificationBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_connect_object (self->revealer, "notify::child-revealed",
                           G_CALLBACK (child_revealed_cb), self, 0);
}

void
ca_notification_banner_show_audit (CaNotificationBanner *self,
                                   CaDatabase           *database,
                                   gint64                audit_id)
{
  g_return_if_fail (CA_IS_NOTIFICATION_BANNER (self));
  g_return_if_fail (CA_IS_DATABASE (database));

  g_set_object (&self->database, database);
  self->audit_id = audit_id;
  refresh (self);
}

void
ca_notification_banner_clear (CaNotificationBanner *self)
{
  g_return_if_fail (CA_IS_NOTIFICATION_BANNER (self));

  g_clear_object (&self->database);
  self->audit_id = 0;
  g_clear_pointer (&self->case_ref, g_free);
  set_revealed (self, FALSE);
}

gboolean
ca_notification_banner_get_revealed (CaNotificationBanner *self)
{
  g_return_val_if_fail (CA_IS_NOTIFICATION_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
ca_notification_banner_get_title (CaNotificationBanner *self)
{
  g_return_val_if_fail (CA_IS_NOTIFICATION_BANNER (self), NULL);

  return gtk_label_get_text (self->title_label);
}

const char *
ca_notification_banner_get_detail (CaNotificationBanner *self)
{
  g_return_val_if_fail (CA_IS_NOTIFICATION_BANNER (self), NULL);

  return gtk_label_get_text (self->detail_label);
}

AdwToastOverlay *
ca_notification_banner_get_toast_overlay (CaNotificationBanner *self)
{
  g_return_val_if_fail (CA_IS_NOTIFICATION_BANNER (self), NULL);

  return self->toast_overlay;
}

void
ca_notification_banner_set_toast_overlay (CaNotificationBanner *self,
                                          AdwToastOverlay      *overlay)
{
  g_return_if_fail (CA_IS_NOTIFICATION_BANNER (self));
  g_return_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay));

  if (g_set_weak_pointer (&self->toast_overlay, overlay))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOAST_OVERLAY]);
}
