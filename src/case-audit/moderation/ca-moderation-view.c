// SPDX-License-Identifier: GPL-3.0-or-later
// The Moderation view (R-H1–R-H4): the Queue page and the Agreement page, kept current by
// the context's changes; a view out of sight reads again when it is shown.

#define G_LOG_DOMAIN "ca-moderation-view"

#include "config.h"

#include "ca-agreement-page.h"
#include "ca-database-changes.h"
#include "ca-moderation-queue-page.h"
#include "ca-moderation-view.h"
#include "ca-view-reload.h"

struct _CaModerationView
{
  AdwBin                 parent_instance;

  CaContext             *context;
  CaViewReload           reload;

  CaModerationQueuePage *queue_page;
  CaAgreementPage       *agreement_page;
};

G_DEFINE_FINAL_TYPE (CaModerationView, ca_moderation_view, ADW_TYPE_BIN)

/* The queue and the agreement come from audits, their cases and staff, and moderations. */
#define WATCHED_CHANGES (CA_VIEW_RELOAD_KIND (CA_CHANGE_AUDIT) |                        \
                         CA_VIEW_RELOAD_KIND (CA_CHANGE_CASE) |                         \
                         CA_VIEW_RELOAD_KIND (CA_CHANGE_STAFF) |                        \
                         CA_VIEW_RELOAD_KIND (CA_CHANGE_MODERATION))

static void
reload (CaModerationView *self)
{
  ca_moderation_queue_page_reload (self->queue_page);
  ca_agreement_page_reload (self->agreement_page);
}

static void
ca_moderation_view_map (GtkWidget *widget)
{
  CaModerationView *self = CA_MODERATION_VIEW (widget);

  GTK_WIDGET_CLASS (ca_moderation_view_parent_class)->map (widget);
  ca_view_reload_mapped (&self->reload);
}

static void
ca_moderation_view_dispose (GObject *object)
{
  CaModerationView *self = CA_MODERATION_VIEW (object);

  ca_view_reload_clear (&self->reload);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_MODERATION_VIEW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ca_moderation_view_parent_class)->dispose (object);
}

static void
ca_moderation_view_class_init (CaModerationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_moderation_view_dispose;
  widget_class->map = ca_moderation_view_map;

  g_type_ensure (CA_TYPE_MODERATION_QUEUE_PAGE);
  g_type_ensure (CA_TYPE_AGREEMENT_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-moderation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CaModerationView, queue_page);
  gtk_widget_class_bind_template_child (widget_class, CaModerationView, agreement_page);
}

static void
ca_moderation_view_init (CaModerationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_view_reload_init (&self->reload, GTK_WIDGET (self), (CaViewReloadFunc) reload);
}

void
ca_moderation_view_set_context (CaModerationView *self,
                                CaContext        *context)
{
  g_return_if_fail (CA_IS_MODERATION_VIEW (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  ca_moderation_queue_page_set_context (self->queue_page, context);
  ca_agreement_page_set_context (self->agreement_page, context);
  ca_view_reload_watch (&self->reload, context, WATCHED_CHANGES);
}
