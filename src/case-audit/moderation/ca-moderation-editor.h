// SPDX-License-Identifier: GPL-3.0-or-later
// The Stage 2 moderation form (R-H3): the auditor's grades beside the moderator's, why they
// differ, the reflective discussion and its outcome; saved as it is typed.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_MODERATION_EDITOR (ca_moderation_editor_get_type ())

G_DECLARE_FINAL_TYPE (CaModerationEditor, ca_moderation_editor, CA, MODERATION_EDITOR, GtkWidget)

void     ca_moderation_editor_set_context (CaModerationEditor  *self,
                                           CaContext           *context);
void     ca_moderation_editor_load_async  (CaModerationEditor  *self,
                                           gint64               moderation_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean ca_moderation_editor_load_finish (CaModerationEditor  *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void     ca_moderation_editor_save_now    (CaModerationEditor  *self);
void     ca_moderation_editor_flush       (CaModerationEditor  *self);

G_END_DECLS
