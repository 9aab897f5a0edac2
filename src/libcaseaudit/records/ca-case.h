// SPDX-License-Identifier: GPL-3.0-or-later
// One case file with everything recorded against it: its audits, actions and moderations.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CA_TYPE_CASE (ca_case_get_type ())

G_DECLARE_FINAL_TYPE (CaCase, ca_case, CA, CASE, GObject)

gint64       ca_case_get_id                (CaCase *self);
const char  *ca_case_get_case_ref          (CaCase *self);
const char  *ca_case_get_service_area      (CaCase *self);
const char  *ca_case_get_team              (CaCase *self);
const char  *ca_case_get_locality          (CaCase *self);
const char  *ca_case_get_allocated_worker  (CaCase *self);
const char  *ca_case_get_open_date         (CaCase *self);
const char  *ca_case_get_close_date        (CaCase *self);
const char  *ca_case_get_legal_status      (CaCase *self);
const char  *ca_case_get_last_audited      (CaCase *self);
gboolean     ca_case_get_restricted        (CaCase *self);
GListModel  *ca_case_get_audits            (CaCase *self);
GListModel  *ca_case_get_actions           (CaCase *self);
GListModel  *ca_case_get_moderations       (CaCase *self);

const char  *ca_legal_status_get_label     (const char *code);

G_END_DECLS
