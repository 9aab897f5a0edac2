// SPDX-License-Identifier: GPL-3.0-or-later
// The editor's insides, shared by its files: the form (ca-audit-editor.c), its load and saves
// (ca-audit-editor-load.c), its submission (ca-audit-editor-submit.c) and adding it to the
// moderation sample (ca-audit-editor-moderation.c).
#pragma once

#include <adwaita.h>

#include "ca-audit-autosave.h"
#include "ca-audit-choices-bar.h"
#include "ca-audit-draft-store.h"
#include "ca-audit-editor.h"
#include "ca-form-parts.h"
#include "ca-notification-banner.h"

G_BEGIN_DECLS

struct _CaAuditEditor
{
  GtkWidget        parent_instance;

  AdwWindowTitle  *window_title;
  GtkWidget       *submit_button;
  gint64           submitting;      /* the audit being submitted; 0: none */
  AdwToastOverlay *toast_overlay;
  GtkScrolledWindow *scroller;
  CaNotificationBanner *notification_banner;
  CaAuditChoicesBar *choices_bar; /* fields with two versions, to ask about (R-N2) */
  GtkWidget       *problems_group;
  GtkListBox      *problems_list;
  GtkBox          *form_box;
  CaFormParts     *parts;         /* what is below the first screenful, built after it */

  CaContext       *context;       /* the database, the bank holidays */
  CaDatabase      *database;      /* the context's, while a form is shown */
  CaAuditForm     *form;
  gint64           audit_id;
  gboolean         read_only;
  gboolean         loading;       /* filling the controls: not a change */

  GPtrArray       *section_groups; /* of CaAuditSectionGroup, in the form */
  GHashTable      *targets;       /* problem path → widget to focus */
  GPtrArray       *inputs;        /* every control made insensitive once submitted */
  GtkWidget       *overall_row;
  GtkWidget       *overall_explanation;
  GtkWidget       *category_row;
  GtkWidget       *category_explanation;
  GtkWidget       *actions_group;  /* CaAuditActionsGroup, if the tool has actions */
  GtkWidget       *response_group; /* the manager's response, once submitted (R-F9) */

  CaAuditAutosave *autosave;      /* R-F6 */
};

void             ca_audit_editor_show_form    (CaAuditEditor *self,
                                               CaAuditForm   *form);
CaContext       *ca_audit_editor_get_context  (CaAuditEditor *self);
CaAuditAutosave *ca_audit_editor_get_autosave (CaAuditEditor *self);
void             ca_audit_editor_finish_building (CaAuditEditor *self);
void             ca_audit_editor_set_status   (CaAuditEditor *self,
                                               const char    *text,
                                               gboolean       failed);
void             ca_audit_editor_set_read_only (CaAuditEditor *self,
                                                gboolean       read_only);
GtkWidget       *ca_audit_editor_find_target  (CaAuditEditor *self,
                                               const char    *where);

/* ca-audit-editor-submit.c */
void             ca_audit_editor_submit_action   (GtkWidget     *widget,
                                                  const char    *action_name,
                                                  GVariant      *parameter);
void             ca_audit_editor_show_submitted  (CaAuditEditor *self,
                                                  gboolean       just_now);
void             ca_audit_editor_recheck         (CaAuditEditor *self);

/* ca-audit-editor-moderation.c */
void             ca_audit_editor_add_to_moderation_action (GtkWidget  *widget,
                                                           const char *action_name,
                                                           GVariant   *parameter);

G_END_DECLS
