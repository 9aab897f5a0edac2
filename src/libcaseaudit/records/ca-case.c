// SPDX-License-Identifier: GPL-3.0-or-later
// One case file with everything recorded against it: its audits, actions and moderations.

#define G_LOG_DOMAIN "ca-case"

#include "config.h"

#include "ca-case-private.h"
#include "ca-record.h"
#include "core/ca-import-rules.h"

G_DEFINE_FINAL_TYPE (CaCase, ca_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE_REF,
  PROP_SERVICE_AREA,
  PROP_TEAM,
  PROP_LOCALITY,
  PROP_ALLOCATED_WORKER,
  PROP_OPEN_DATE,
  PROP_CLOSE_DATE,
  PROP_LEGAL_STATUS,
  PROP_LAST_AUDITED,
  PROP_RESTRICTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_case_dispose (GObject *object)
{
  CaCase *self = (CaCase *) object;

  g_clear_object (&self->audits);
  g_clear_object (&self->actions);
  g_clear_object (&self->moderations);

  G_OBJECT_CLASS (ca_case_parent_class)->dispose (object);
}

static void
ca_case_finalize (GObject *object)
{
  CaCase *self = (CaCase *) object;

  g_free (self->case_ref);
  g_free (self->service_area);
  g_free (self->team);
  g_free (self->locality);
  g_free (self->allocated_worker);
  g_free (self->open_date);
  g_free (self->close_date);
  g_free (self->legal_status);
  g_free (self->last_audited);

  G_OBJECT_CLASS (ca_case_parent_class)->finalize (object);
}

/* Where each property's value is kept. */
static const gsize members[N_PROPS] = {
  [PROP_CASE_REF] = G_STRUCT_OFFSET (CaCase, case_ref),
  [PROP_SERVICE_AREA] = G_STRUCT_OFFSET (CaCase, service_area),
  [PROP_TEAM] = G_STRUCT_OFFSET (CaCase, team),
  [PROP_LOCALITY] = G_STRUCT_OFFSET (CaCase, locality),
  [PROP_ALLOCATED_WORKER] = G_STRUCT_OFFSET (CaCase, allocated_worker),
  [PROP_OPEN_DATE] = G_STRUCT_OFFSET (CaCase, open_date),
  [PROP_CLOSE_DATE] = G_STRUCT_OFFSET (CaCase, close_date),
  [PROP_LEGAL_STATUS] = G_STRUCT_OFFSET (CaCase, legal_status),
  [PROP_LAST_AUDITED] = G_STRUCT_OFFSET (CaCase, last_audited),
  [PROP_RESTRICTED] = G_STRUCT_OFFSET (CaCase, restricted),
};

static void
ca_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  ca_record_get_property (object, members, N_PROPS, prop_id, value, pspec);
}

static void
ca_case_class_init (CaCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ca_case_dispose;
  object_class->finalize = ca_case_finalize;
  object_class->get_property = ca_case_get_property;

  properties[PROP_CASE_REF] = g_param_spec_string ("case-ref", NULL, NULL, NULL, flags);
  properties[PROP_SERVICE_AREA] = g_param_spec_string ("service-area", NULL, NULL, NULL, flags);
  properties[PROP_TEAM] = g_param_spec_string ("team", NULL, NULL, NULL, flags);
  properties[PROP_LOCALITY] = g_param_spec_string ("locality", NULL, NULL, NULL, flags);
  properties[PROP_ALLOCATED_WORKER] =
    g_param_spec_string ("allocated-worker", NULL, NULL, NULL, flags);
  properties[PROP_OPEN_DATE] = g_param_spec_string ("open-date", NULL, NULL, NULL, flags);
  properties[PROP_CLOSE_DATE] = g_param_spec_string ("close-date", NULL, NULL, NULL, flags);
  properties[PROP_LEGAL_STATUS] = g_param_spec_string ("legal-status", NULL, NULL, NULL, flags);
  properties[PROP_LAST_AUDITED] = g_param_spec_string ("last-audited", NULL, NULL, NULL, flags);
  properties[PROP_RESTRICTED] = g_param_spec_boolean ("restricted", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_case_init (CaCase *self)
{
}

CaCase *
ca_case_new (void)
{
  return g_object_new (CA_TYPE_CASE, NULL);
}

#define DEFINE_GETTER(type, name, fallback) \
  type ca_case_get_##name (CaCase *self) \
  { \
    g_return_val_if_fail (CA_IS_CASE (self), fallback); \
    return self->name; \
  }

DEFINE_GETTER (gint64, id, 0)
DEFINE_GETTER (const char *, case_ref, NULL)
DEFINE_GETTER (const char *, service_area, NULL)
DEFINE_GETTER (const char *, team, NULL)
DEFINE_GETTER (const char *, locality, NULL)
DEFINE_GETTER (const char *, allocated_worker, NULL)
DEFINE_GETTER (const char *, open_date, NULL)
DEFINE_GETTER (const char *, close_date, NULL)
DEFINE_GETTER (const char *, legal_status, NULL)
DEFINE_GETTER (const char *, last_audited, NULL)
DEFINE_GETTER (gboolean, restricted, FALSE)
DEFINE_GETTER (GListModel *, audits, NULL)
DEFINE_GETTER (GListModel *, actions, NULL)
DEFINE_GETTER (GListModel *, moderations, NULL)

/* The legal statuses of R-B1, by the codes the schema stores: the names are the import's,
 * which knows every code a case may hold. */
const char *
ca_legal_status_get_label (const char *code)
{
  guint n_codes = 0;
  const CaImportCode *codes = ca_import_get_codes ("legal_status", &n_codes);

  for (guint i = 0; i < n_codes; i++)
    if (g_strcmp0 (code, codes[i].code) == 0)
      return ca_import_code_get_label (&codes[i]);
  return code;
}
