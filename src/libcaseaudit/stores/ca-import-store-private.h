// SPDX-License-Identifier: GPL-3.0-or-later
// For the import's stores alone: the key an audit is found by among those already stored,
// so that the lookup's audits (ca-import-store.c) and its audits' details for a moderation
// import (ca-import-moderation-store.c) are written and read with the same key.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ca_import_store_audit_key (gint64       case_id,
                                 gint64       auditor_id,
                                 gint64       tool_id,
                                 const char  *audit_date);

G_END_DECLS
