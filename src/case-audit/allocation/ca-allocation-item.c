// SPDX-License-Identifier: GPL-3.0-or-later
// One row of an allocation preview: a sampled case with its auditor, or one left unplaced.
// Plain text for the columns: the engine has already explained everything.

#define G_LOG_DOMAIN "ca-allocation-item"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-allocation-item.h"
#include "ca-record.h"

struct _CaAllocationItem
{
  GObject   parent_instance;

  char     *case_ref;
  char     *stratum;
  char     *auditor;
  char     *reason;
  gboolean  access_request;
};

G_DEFINE_FINAL_TYPE (CaAllocationItem, ca_allocation_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE_REF,
  PROP_STRATUM,
  PROP_AUDITOR,
  PROP_REASON,
  PROP_ACCESS_REQUEST,
  PROP_FLAG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_allocation_item_finalize (GObject *object)
{
  CaAllocationItem *self = (CaAllocationItem *) object;

  g_free (self->case_ref);
  g_free (self->stratum);
  g_free (self->auditor);
  g_free (self->reason);

  G_OBJECT_CLASS (ca_allocation_item_parent_class)->finalize (object);
}

/* Where each property's value is kept; "flag" alone is worked out, from access_request. */
static const gsize members[PROP_FLAG] = {
  [PROP_CASE_REF] = G_STRUCT_OFFSET (CaAllocationItem, case_ref),
  [PROP_STRATUM] = G_STRUCT_OFFSET (CaAllocationItem, stratum),
  [PROP_AUDITOR] = G_STRUCT_OFFSET (CaAllocationItem, auditor),
  [PROP_REASON] = G_STRUCT_OFFSET (CaAllocationItem, reason),
  [PROP_ACCESS_REQUEST] = G_STRUCT_OFFSET (CaAllocationItem, access_request),
};

static void
ca_allocation_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CaAllocationItem *self = CA_ALLOCATION_ITEM (object);

  if (prop_id == PROP_FLAG)
    g_value_set_string (value, self->access_request ? _("Access request needed") : "");
  else
    ca_record_get_property (object, members, G_N_ELEMENTS (members), prop_id, value, pspec);
}

static void
ca_allocation_item_class_init (CaAllocationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_allocation_item_finalize;
  object_class->get_property = ca_allocation_item_get_property;

  properties[PROP_CASE_REF] = g_param_spec_string ("case-ref", NULL, NULL, NULL, flags);
  properties[PROP_STRATUM] = g_param_spec_string ("stratum", NULL, NULL, NULL, flags);
  properties[PROP_AUDITOR] = g_param_spec_string ("auditor", NULL, NULL, NULL, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_ACCESS_REQUEST] = g_param_spec_boolean ("access-request", NULL, NULL, FALSE,
                                                          flags);
  properties[PROP_FLAG] = g_param_spec_string ("flag", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_allocation_item_init (CaAllocationItem *self)
{
}

CaAllocationItem *
ca_allocation_item_new (const char *case_ref,
                        const char *stratum,
                        const char *auditor,
                        const char *reason,
                        gboolean    access_request)
{
  CaAllocationItem *self = g_object_new (CA_TYPE_ALLOCATION_ITEM, NULL);

  self->case_ref = g_strdup (case_ref);
  self->stratum = g_strdup (stratum);
  self->auditor = g_strdup (auditor);
  self->reason = g_strdup (reason);
  self->access_request = access_request;
  return self;
}

const char *
ca_allocation_item_get_case_ref (CaAllocationItem *self)
{
  g_return_val_if_fail (CA_IS_ALLOCATION_ITEM (self), NULL);
  return self->case_ref;
}

const char *
ca_allocation_item_get_auditor (CaAllocationItem *self)
{
  g_return_val_if_fail (CA_IS_ALLOCATION_ITEM (self), NULL);
  return self->auditor;
}

const char *
ca_allocation_item_get_reason (CaAllocationItem *self)
{
  g_return_val_if_fail (CA_IS_ALLOCATION_ITEM (self), NULL);
  return self->reason;
}
